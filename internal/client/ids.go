package client

import "regexp"

// uuidPattern is the form of every SignalWire id, the project ID included:
// a UUID of 8-4-4-4-12 hex digits in either case, not a Twilio-style
// prefixed string (API-NOTES: "All ids are UUIDs").
var uuidPattern = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// IsUUID reports whether s is a UUID in canonical form.
func IsUUID(s string) bool {
	return uuidPattern.MatchString(s)
}
