package client

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// DateLayout is the RFC 2822 form the client emits.
const DateLayout = "Mon, 02 Jan 2006 15:04:05 -0700"

// Timestamp is an RFC 2822 date from the API. JSON null or "" decode to the
// zero value. A string that cannot be parsed keeps Raw and leaves Time zero, so
// one odd date never makes a whole object unreadable.
type Timestamp struct {
	Time time.Time
	Raw  string
}

// IsZero reports whether the API sent no date at all.
func (t Timestamp) IsZero() bool { return t.Time.IsZero() && t.Raw == "" }

// String returns the date in DateLayout when it was parsed, else the raw text.
func (t Timestamp) String() string {
	if !t.Time.IsZero() {
		return FormatDate(t.Time)
	}
	return t.Raw
}

// UnmarshalJSON implements json.Unmarshaler.
func (t *Timestamp) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) == 0 || bytes.Equal(b, []byte("null")) {
		*t = Timestamp{}
		return nil
	}
	if b[0] != '"' {
		*t = Timestamp{Raw: string(b)}
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("decoding date: %w", err)
	}
	if strings.TrimSpace(s) == "" {
		*t = Timestamp{}
		return nil
	}
	// A date in a form ParseDate does not know is kept as text rather than
	// failing the whole response.
	*t = Timestamp{Raw: s}
	if parsed, err := ParseDate(s); err == nil {
		t.Time = parsed
	}
	return nil
}

// MarshalJSON implements json.Marshaler; the zero value encodes as null.
func (t Timestamp) MarshalJSON() ([]byte, error) {
	if t.IsZero() {
		return []byte("null"), nil
	}
	return json.Marshal(t.String())
}

// FormatDate formats t in DateLayout, keeping t's own offset.
func FormatDate(t time.Time) string { return t.Format(DateLayout) }

var monthNames = [...]string{
	"january", "february", "march", "april", "may", "june",
	"july", "august", "september", "october", "november", "december",
}

var weekdayNames = [...]string{
	"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
}

// Obsolete RFC 2822 zone names, still seen from older servers.
var namedZones = map[string]int{
	"gmt": 0, "ut": 0, "utc": 0, "z": 0,
	"est": -5 * 3600, "edt": -4 * 3600,
	"cst": -6 * 3600, "cdt": -5 * 3600,
	"mst": -7 * 3600, "mdt": -6 * 3600,
	"pst": -8 * 3600, "pdt": -7 * 3600,
}

// ParseDate parses RFC 2822 dates leniently, because the API's own examples
// are not strictly valid ("Sept"). It accepts an optional weekday, a 1- or
// 2-digit day, full or abbreviated month names of at least three letters, a
// 4-digit (or obsolete 2-digit) year, HH:MM with optional seconds, and an
// optional zone ("+0000", "+00:00", "GMT", "UTC", "EST", ...; none means UTC).
// A trailing comment such as "(UTC)" is ignored.
func ParseDate(s string) (time.Time, error) {
	fields := dateFields(s)
	if len(fields) > 0 && isWeekday(fields[0]) {
		fields = fields[1:]
	}
	if len(fields) < 4 || len(fields) > 5 {
		return time.Time{}, fmt.Errorf("date %q: want [weekday,] day month year hh:mm[:ss] [zone]", s)
	}
	day, ok := digits(fields[0], 1, 2)
	if !ok || day < 1 || day > 31 {
		return time.Time{}, fmt.Errorf("date %q: invalid day %q", s, fields[0])
	}
	month, ok := parseMonth(fields[1])
	if !ok {
		return time.Time{}, fmt.Errorf("date %q: invalid month %q", s, fields[1])
	}
	year, ok := parseYear(fields[2])
	if !ok {
		return time.Time{}, fmt.Errorf("date %q: invalid year %q", s, fields[2])
	}
	hour, minute, sec, ok := parseClock(fields[3])
	if !ok {
		return time.Time{}, fmt.Errorf("date %q: invalid time of day %q", s, fields[3])
	}
	loc := time.UTC
	if len(fields) == 5 {
		if loc, ok = parseZone(fields[4]); !ok {
			return time.Time{}, fmt.Errorf("date %q: invalid zone %q", s, fields[4])
		}
	}
	leap := sec == 60
	if leap {
		sec = 59
	}
	t := time.Date(year, month, day, hour, minute, sec, 0, loc)
	if t.Day() != day {
		return time.Time{}, fmt.Errorf("date %q: %s %d has no day %d", s, month, year, day)
	}
	if leap {
		t = t.Add(time.Second)
	}
	return t, nil
}

func dateFields(s string) []string {
	if i := strings.IndexByte(s, '('); i >= 0 {
		s = s[:i]
	}
	s = strings.ReplaceAll(s, ",", " ")
	return strings.Fields(s)
}

func isWeekday(f string) bool {
	f = strings.ToLower(strings.TrimSuffix(f, "."))
	if len(f) < 3 {
		return false
	}
	for _, name := range weekdayNames {
		if strings.HasPrefix(name, f) {
			return true
		}
	}
	return false
}

func parseMonth(f string) (time.Month, bool) {
	f = strings.ToLower(strings.TrimSuffix(f, "."))
	if len(f) < 3 {
		return 0, false
	}
	for i, name := range monthNames {
		if strings.HasPrefix(name, f) {
			return time.Month(i + 1), true
		}
	}
	return 0, false
}

func parseYear(f string) (int, bool) {
	y, ok := digits(f, 2, 4)
	if !ok || len(f) == 3 {
		return 0, false
	}
	if len(f) == 2 {
		if y < 50 {
			return 2000 + y, true
		}
		return 1900 + y, true
	}
	return y, true
}

func parseClock(f string) (hour, minute, sec int, ok bool) {
	parts := strings.Split(f, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return 0, 0, 0, false
	}
	if hour, ok = digits(parts[0], 1, 2); !ok || hour > 23 {
		return 0, 0, 0, false
	}
	if minute, ok = digits(parts[1], 2, 2); !ok || minute > 59 {
		return 0, 0, 0, false
	}
	if len(parts) == 3 {
		if sec, ok = digits(parts[2], 2, 2); !ok || sec > 60 {
			return 0, 0, 0, false
		}
	}
	return hour, minute, sec, true
}

func parseZone(f string) (*time.Location, bool) {
	if off, ok := namedZones[strings.ToLower(f)]; ok {
		return zoneAt(off), true
	}
	if len(f) == 6 && f[3] == ':' {
		f = f[:3] + f[4:]
	}
	if len(f) != 5 || (f[0] != '+' && f[0] != '-') {
		return nil, false
	}
	hh, ok1 := digits(f[1:3], 2, 2)
	mm, ok2 := digits(f[3:5], 2, 2)
	if !ok1 || !ok2 || hh > 23 || mm > 59 {
		return nil, false
	}
	off := hh*3600 + mm*60
	if f[0] == '-' {
		off = -off
	}
	return zoneAt(off), true
}

func zoneAt(offset int) *time.Location {
	if offset == 0 {
		return time.UTC
	}
	return time.FixedZone("", offset)
}

// digits parses an unsigned decimal of minLen..maxLen ASCII digits.
func digits(s string, minLen, maxLen int) (int, bool) {
	if len(s) < minLen || len(s) > maxLen {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}
