package client

import (
	"encoding/base64"
	"net/url"
	"strings"
)

// redacted replaces every secret a message could otherwise carry.
const redacted = "REDACTED"

// minSecretLength keeps redactSecrets from rewriting ordinary words when a
// test configures a token of a letter or two; SignalWire tokens are far longer.
const minSecretLength = 8

// redactURL renders u for a message: its userinfo, query and fragment are
// replaced by redacted, since any of them may carry a credential (a token as
// user name or password, ?token=..., #access_token=...), even as a bare key.
func redactURL(u *url.URL) string {
	c := *u
	if c.User != nil {
		c.User = url.User(redacted)
	}
	if c.RawQuery != "" || c.ForceQuery {
		c.RawQuery, c.ForceQuery = redacted, false
	}
	if c.Fragment != "" || c.RawFragment != "" {
		c.Fragment, c.RawFragment = redacted, ""
	}
	return c.String()
}

// RedactRawURL is redactURL for a URL given as text, for any message that
// repeats a URL a user configured; text that does not parse as a URL is not
// repeated at all.
func RedactRawURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(an unparseable URL)"
	}
	return redactURL(u)
}

// redactSecrets replaces the API token, and the Basic-auth value built from
// it, wherever an answer echoes them back (a debugging proxy, an error page
// that quotes the request).
func (c *Client) redactSecrets(s string) string {
	if len(c.apiToken) < minSecretLength || s == "" {
		return s
	}
	basic := base64.StdEncoding.EncodeToString([]byte(c.projectID + ":" + c.apiToken))
	return strings.NewReplacer(basic, redacted, c.apiToken, redacted).Replace(s)
}
