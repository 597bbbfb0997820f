package client

import (
	"net/http"
	"strings"
	"testing"
	"unicode/utf8"
)

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{
		"Wed, 18 Sept 2024 20:00:00 +0000",
		"Mon, 2 Jan 2006 15:04:05 GMT",
		"02 Jan 2006 15:04 -0700",
		"Sat, 31 Dec 2016 23:59:60 +2359",
		"Thu, 01 Jan 0000 00:00:00 -2359",
		"garbage",
		"",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		parsed, err := ParseDate(s)
		if err != nil {
			return
		}
		formatted := FormatDate(parsed)
		again, err := ParseDate(formatted)
		if err != nil {
			t.Fatalf("ParseDate(%q) = %v, but its formatted form %q does not parse: %v", s, parsed, formatted, err)
		}
		if !again.Equal(parsed) {
			t.Fatalf("round trip of %q: %v -> %q -> %v", s, parsed, formatted, again)
		}
	})
}

func FuzzDecodeError(f *testing.F) {
	f.Add(404, []byte(`{"code":20404,"message":"not found","more_info":"https://x","status":404}`))
	f.Add(404, []byte(""))
	f.Add(502, []byte("<html><body>Bad Gateway</body></html>"))
	f.Add(500, []byte(`{"errors":[{"code":"1","message":"m"}]}`))
	f.Add(0, []byte("\xff\xfe\x00"))
	f.Add(-1, []byte(`{"code":1e400}`))
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		e := decodeError(status, body, http.MethodPost, "/api/laml/2010-04-01/x")
		if e == nil {
			t.Fatal("nil APIError")
		}
		if e.StatusCode != status {
			t.Fatalf("StatusCode = %d, want %d", e.StatusCode, status)
		}
		msg := e.Error()
		if !utf8.ValidString(msg) || !utf8.ValidString(e.Message) || !utf8.ValidString(e.Excerpt) {
			t.Fatalf("invalid UTF-8 in %q", msg)
		}
		if n := max(utf8.RuneCountInString(e.Message), utf8.RuneCountInString(e.Excerpt)); n > maxErrorMessage+1 {
			t.Fatalf("message or excerpt of %d runes not truncated", n)
		}
		if e.Code == 0 && strings.Contains(msg, "code 0") {
			t.Fatalf("%q shows a code the body did not carry", msg)
		}
	})
}
