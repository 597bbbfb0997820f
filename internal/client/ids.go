package client

import (
	"regexp"
	"strings"
)

// uuidPattern is the form of every SignalWire id, the project ID included:
// a UUID of 8-4-4-4-12 hex digits in either case, not a Twilio-style
// prefixed string (API-NOTES: "All ids are UUIDs").
var uuidPattern = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// IsUUID reports whether s is a UUID in canonical form.
func IsUUID(s string) bool {
	return uuidPattern.MatchString(s)
}

// SameID reports whether a and b spell the same id: a UUID names the same
// thing in any case, and the API accepts any case [observed].
func SameID(a, b string) bool { return strings.EqualFold(a, b) }

// CanonicalID is the spelling the API answers with: lower case.
func CanonicalID(s string) string { return strings.ToLower(s) }
