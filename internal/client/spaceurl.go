package client

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
)

// APIBasePath is the path of the Compatibility (LaML) API under a space host.
const APIBasePath = "/api/laml/2010-04-01"

// BaseURL turns a space host or URL into the API base URL.
//
// A bare host such as "example.signalwire.com" gets https. A URL that already
// ends in APIBasePath is kept; any other path is treated as a prefix (for
// example a reverse proxy) and APIBasePath is appended to it. Plain http is
// refused unless the host is a loopback address, because the API token travels
// with every request.
func BaseURL(spaceURL string) (string, error) {
	raw := strings.TrimSpace(spaceURL)
	if raw == "" {
		return "", errors.New("space URL must not be empty: set it to your space host, e.g. example.signalwire.com")
	}
	if !strings.Contains(raw, "://") {
		raw = "https://" + raw
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "", fmt.Errorf("space URL %q is not a valid URL: %w", spaceURL, err)
	}
	if err := checkSpaceURL(spaceURL, raw, u); err != nil {
		return "", err
	}

	path := strings.TrimRight(u.EscapedPath(), "/")
	if !strings.HasSuffix(path, APIBasePath) {
		path += APIBasePath
	}
	return u.Scheme + "://" + strings.ToLower(u.Host) + path, nil
}

func checkSpaceURL(original, raw string, u *url.URL) error {
	switch u.Scheme {
	case "https":
	case "http":
		if !IsLoopbackHost(u.Hostname()) {
			return fmt.Errorf("space URL %q uses http: HTTPS is required because the API token is sent with every request; "+
				"only loopback test servers (localhost, 127.0.0.0/8, ::1) may use http", original)
		}
	default:
		return fmt.Errorf("space URL %q has scheme %q: only https (or http for loopback test servers) is supported", original, u.Scheme)
	}
	if u.Hostname() == "" {
		return fmt.Errorf("space URL %q has no host", original)
	}
	if u.User != nil {
		return fmt.Errorf("space URL %q must not contain credentials: set the project ID and API token instead", original)
	}
	if u.RawQuery != "" || u.ForceQuery || u.Fragment != "" || strings.ContainsAny(raw, "?#") {
		return fmt.Errorf("space URL %q must not contain a query or fragment", original)
	}
	return nil
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
