package client

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"regexp"
	"strings"
)

const (
	// APIVersion is the version segment of every Compatibility API path.
	APIVersion = "2010-04-01"
	// APIBasePath is the path of the Compatibility (LaML) API under a space
	// host, as SignalWire's OpenAPI document gives it.
	APIBasePath = "/api/laml/" + APIVersion
	// SpaceDomain is where a bare space name lives: "example" is
	// example.signalwire.com.
	SpaceDomain = "signalwire.com"
)

// SpaceURLForm is one accepted form of a space URL, with what it means.
type SpaceURLForm struct {
	Example, Meaning string
}

// SpaceURLForms lists every form ParseSpaceURL accepts; errors and the
// provider's documentation are rendered from it.
var SpaceURLForms = []SpaceURLForm{
	{"example", "a space name, meaning example." + SpaceDomain},
	{"example." + SpaceDomain, "the space host"},
	{"https://example." + SpaceDomain, "the space URL"},
	{"https://example." + SpaceDomain + APIBasePath, "the API base URL"},
	{"https://example." + SpaceDomain + APIBasePath + "/Accounts/<project_id>",
		"an account URL, with or without .json, whose account must be the project; any path after it is ignored"},
	{"http://127.0.0.1:8080", "plain http, only for a test server on a loopback address"},
}

// DescribeSpaceURLForms renders SpaceURLForms as one sentence, each example
// passed through quote (for example to add Markdown code spans).
func DescribeSpaceURLForms(quote func(string) string) string {
	parts := make([]string, len(SpaceURLForms))
	for i, f := range SpaceURLForms {
		parts[i] = quote(f.Example) + " (" + f.Meaning + ")"
	}
	return strings.Join(parts, ", ")
}

// Space is a parsed space URL.
type Space struct {
	// Base is the API base URL: scheme, lower-case host and a path ending in
	// APIBasePath (after any reverse-proxy prefix).
	Base *url.URL
	// Account is the account sid an account URL names, "" if it names none.
	Account string
}

// SpaceURLError is a space URL that cannot be used. Value is the URL with
// its userinfo, query and fragment replaced by "REDACTED", or "" when it
// could not be parsed, so that it never carries a credential.
type SpaceURLError struct {
	Value  string
	Reason string
}

func (e *SpaceURLError) Error() string {
	if e.Value == "" {
		return "space URL " + e.Reason
	}
	return fmt.Sprintf("space URL %q %s", e.Value, e.Reason)
}

var (
	spaceName = regexp.MustCompile(`^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$`)
	hostLabel = regexp.MustCompile(`^[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?$`)
)

// ParseSpaceURL accepts every form in SpaceURLForms, surrounded by spaces or
// followed by a slash, with any scheme case. A bare name without a dot (other
// than localhost) is a space name under SpaceDomain. Any path before the API
// path is kept as a reverse-proxy prefix, except on SpaceDomain hosts, which
// serve nothing else. Plain http is refused unless the host is a loopback
// address, because the API token travels with every request. Userinfo, a
// query or a fragment is refused, and never repeated in the error.
func ParseSpaceURL(raw string) (*Space, error) {
	s := strings.TrimSpace(raw)
	if s == "" {
		return nil, &SpaceURLError{Reason: "is empty"}
	}
	if !strings.Contains(s, "://") {
		if name := strings.TrimRight(s, "/"); spaceName.MatchString(name) && !strings.EqualFold(name, "localhost") {
			s = name + "." + SpaceDomain
		}
		s = "https://" + s
	}
	u, err := url.Parse(s)
	if err != nil {
		return nil, &SpaceURLError{Reason: "is not a valid URL: " + parseFailure(err)}
	}
	if err := checkSpaceURL(s, u); err != nil {
		return nil, err
	}
	prefix, account, err := splitAPIPath(u)
	if err != nil {
		return nil, err
	}
	base := &url.URL{Scheme: u.Scheme, Host: strings.ToLower(u.Host)}
	if base.Path, err = url.PathUnescape(prefix + APIBasePath); err != nil {
		return nil, &SpaceURLError{Value: redactURL(u), Reason: "has a path that is not valid"}
	}
	base.RawPath = prefix + APIBasePath
	return &Space{Base: base, Account: account}, nil
}

// parseFailure names what url.Parse disliked without repeating the input:
// its messages can quote a port or userinfo, which may be a credential.
func parseFailure(err error) string {
	var host url.InvalidHostError
	var escape url.EscapeError
	switch {
	case errors.As(err, &host):
		return host.Error()
	case errors.As(err, &escape):
		return escape.Error()
	}
	return "its host, port or credentials part is malformed"
}

func checkSpaceURL(raw string, u *url.URL) error {
	refuse := func(reason string) error { return &SpaceURLError{Value: redactURL(u), Reason: reason} }
	switch u.Scheme {
	case "https":
	case "http":
		if !IsLoopbackHost(u.Hostname()) {
			return refuse("uses http: HTTPS is required because the API token is sent with every request; " +
				"only loopback test servers (localhost, 127.0.0.0/8, ::1) may use http")
		}
	default:
		return refuse(fmt.Sprintf("has scheme %q: only https (or http for loopback test servers) is supported", u.Scheme))
	}
	if u.User != nil {
		return refuse("must not contain credentials: set the project ID and API token instead")
	}
	if strings.ContainsAny(raw, "?#") {
		return refuse("must not contain a query or fragment")
	}
	if !validHost(u.Hostname()) {
		return refuse("has no valid host name")
	}
	return nil
}

func validHost(host string) bool {
	if host == "" {
		return false
	}
	if net.ParseIP(strings.SplitN(host, "%", 2)[0]) != nil {
		return true
	}
	for _, label := range strings.Split(strings.TrimSuffix(host, "."), ".") {
		if !hostLabel.MatchString(label) {
			return false
		}
	}
	return true
}

// splitAPIPath separates u's escaped path into what comes before the API
// path (a proxy prefix, without a trailing slash) and the account an account
// URL names. Both /api/laml/2010-04-01 and the SDKs' /2010-04-01 mark the API.
func splitAPIPath(u *url.URL) (prefix, account string, err error) {
	refuse := func(reason string) error { return &SpaceURLError{Value: redactURL(u), Reason: reason} }
	segs := strings.Split(strings.Trim(u.EscapedPath(), "/"), "/")
	if len(segs) == 1 && segs[0] == "" {
		segs = nil
	}
	version := -1
	for i, s := range segs {
		if s == APIVersion {
			version = i
			break
		}
	}
	var rest []string
	if version >= 0 {
		segs, rest = segs[:version], segs[version+1:]
	}
	if n := len(segs); n >= 2 && strings.EqualFold(segs[n-2], "api") && strings.EqualFold(segs[n-1], "laml") {
		segs = segs[:n-2]
	}
	if len(rest) > 0 {
		// The API's own resource URLs end in ".json" (/Accounts/<sid>.json),
		// so a pasted account URL may carry it.
		if !strings.EqualFold(trimJSON(rest[0]), "Accounts") {
			return "", "", refuse("has a path after " + APIBasePath + " that is not /Accounts/<project_id>")
		}
		if len(rest) > 1 {
			if account, err = url.PathUnescape(trimJSON(rest[1])); err != nil || !IsUUID(account) {
				return "", "", refuse("names an account that is not a project ID (a UUID)")
			}
		}
	}
	host := strings.TrimSuffix(strings.ToLower(u.Hostname()), ".")
	if len(segs) > 0 && (host == SpaceDomain || strings.HasSuffix(host, "."+SpaceDomain)) {
		return "", "", refuse("has a path that is not the API's: a SignalWire space serves the API at " + APIBasePath)
	}
	if len(segs) == 0 {
		return "", account, nil
	}
	return "/" + strings.Join(segs, "/"), account, nil
}

// trimJSON removes a ".json" suffix, in any case, from a path segment.
func trimJSON(seg string) string {
	if n := len(seg) - len(".json"); n > 0 && strings.EqualFold(seg[n:], ".json") {
		return seg[:n]
	}
	return seg
}

// IsLoopbackHost reports whether host (optionally with a port, IPv6 optionally
// in brackets) names the local machine: "localhost", 127.0.0.0/8 or ::1.
func IsLoopbackHost(host string) bool {
	host = strings.TrimSpace(host)
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	if host == "localhost" {
		return true
	}
	if i := strings.IndexByte(host, '%'); i >= 0 {
		host = host[:i]
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
