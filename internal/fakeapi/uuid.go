package fakeapi

import (
	"crypto/rand"
	"fmt"
	"strings"
)

// newUUID returns a random version 4 UUID.
func newUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// counterUUID returns a UUID-shaped id that is unique per (prefix, n) and
// sorts in n order, so generated data is reproducible.
func counterUUID(prefix uint32, n uint64) string {
	return fmt.Sprintf("%08x-0000-4000-8000-%012x", prefix, n&0xffffffffffff)
}

// canonicalSID is how the API stores and answers every sid: in lower case.
// It accepts any spelling of a sid in a request [observed: an upper-case
// CallSid or Basic-auth project ID is served, and answered in lower case].
func canonicalSID(s string) string { return strings.ToLower(s) }

// isUUID accepts the canonical 8-4-4-4-12 hex form, any case and version.
func isUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !isHex(c) {
				return false
			}
		}
	}
	return true
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
