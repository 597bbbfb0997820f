package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// TestParseSpaceURL covers every form a user could paste: each either gives
// the API base URL or is refused with a reason.
func TestParseSpaceURL(t *testing.T) {
	const project = "3fa85f64-5717-4562-b3fc-2c963f66afa6"
	const api = "https://example.signalwire.com/api/laml/2010-04-01"
	tests := []struct {
		in, want, account, wantErr string
	}{
		// Hosts and space names.
		{in: "example.signalwire.com", want: api},
		{in: "  Example.SignalWire.com  ", want: api},
		{in: "example", want: api},
		{in: "Example/", want: api},
		{in: " example ", want: api},
		{in: "example.signalwire.com:8443", want: "https://example.signalwire.com:8443/api/laml/2010-04-01"},
		{in: "example.signalwire.com/", want: api},
		// URLs of the space.
		{in: "https://example.signalwire.com", want: api},
		{in: "https://example.signalwire.com/", want: api},
		{in: "HTTPS://example.signalwire.com", want: api},
		{in: "https://example", want: "https://example/api/laml/2010-04-01"},
		// The API base, its parts, and the SDKs' form without /api/laml.
		{in: "https://example.signalwire.com/api/laml/2010-04-01", want: api},
		{in: "https://example.signalwire.com/api/laml/2010-04-01/", want: api},
		{in: "example.signalwire.com/api/laml/2010-04-01", want: api},
		{in: "https://example.signalwire.com/api/laml", want: api},
		{in: "https://example.signalwire.com/api/laml/", want: api},
		{in: "https://example.signalwire.com/2010-04-01", want: api},
		// Account URLs, as the dashboard and API answers show them.
		{in: api + "/Accounts/" + project, want: api, account: project},
		{in: api + "/Accounts/" + project + "/", want: api, account: project},
		{in: api + "/Accounts/" + project + "/Conferences.json", want: api, account: project},
		{in: api + "/Accounts/" + strings.ToUpper(project) + "/Conferences/x/Participants/y.json", want: api, account: strings.ToUpper(project)},
		{in: "https://example.signalwire.com/2010-04-01/Accounts/" + project + "/Conferences.json", want: api, account: project},
		{in: api + "/Accounts", want: api},
		{in: api + "/Accounts/" + project + ".json", want: api, account: project},
		{in: api + "/Accounts/" + strings.ToUpper(project) + ".JSON/", want: api, account: strings.ToUpper(project)},
		{in: api + "/Accounts.json", want: api},
		// Reverse proxies and loopback test servers keep their path prefix.
		{in: "https://proxy.example.com/signalwire", want: "https://proxy.example.com/signalwire/api/laml/2010-04-01"},
		{in: "https://proxy.example.com/signalwire/api/laml/2010-04-01/Accounts/" + project,
			want: "https://proxy.example.com/signalwire/api/laml/2010-04-01", account: project},
		{in: "https://proxy.example.com/a%2Fb/", want: "https://proxy.example.com/a%2Fb/api/laml/2010-04-01"},
		{in: "http://127.0.0.1:8080", want: "http://127.0.0.1:8080/api/laml/2010-04-01"},
		{in: "http://127.1.2.3", want: "http://127.1.2.3/api/laml/2010-04-01"},
		{in: "http://localhost:9000/", want: "http://localhost:9000/api/laml/2010-04-01"},
		{in: "localhost:9000", want: "https://localhost:9000/api/laml/2010-04-01"},
		{in: "http://[::1]:8080", want: "http://[::1]:8080/api/laml/2010-04-01"},
		{in: "http://127.0.0.1:8080/api/laml/2010-04-01/Accounts/" + project, want: "http://127.0.0.1:8080/api/laml/2010-04-01", account: project},

		// Refused, each with its reason.
		{in: "", wantErr: "is empty"},
		{in: "   ", wantErr: "is empty"},
		{in: "http://example.signalwire.com", wantErr: "HTTPS is required because the API token is sent with every request"},
		{in: "http://10.0.0.1:8080", wantErr: "only loopback test servers"},
		{in: "http://localhost.evil.com", wantErr: "HTTPS is required"},
		{in: "ftp://example.signalwire.com", wantErr: `scheme "ftp"`},
		{in: "wss://example.signalwire.com", wantErr: `scheme "wss"`},
		{in: "https://", wantErr: "no valid host name"},
		{in: `"example.signalwire.com"`, wantErr: "no valid host name"},
		{in: "my company", wantErr: "not a valid URL"},
		{in: "https://exa$mple.com", wantErr: "no valid host name"},
		{in: "https://user:pass@example.signalwire.com", wantErr: "credentials"},
		{in: "user@example.signalwire.com", wantErr: "credentials"},
		{in: "https://example.signalwire.com/?a=b", wantErr: "query or fragment"},
		{in: "https://example.signalwire.com/?", wantErr: "query or fragment"},
		{in: "https://example.signalwire.com/#frag", wantErr: "query or fragment"},
		{in: "https://exa mple.com", wantErr: "not a valid URL"},
		{in: "https://example.signalwire.com/dashboard", wantErr: "a SignalWire space serves the API at /api/laml/2010-04-01"},
		{in: "https://example.signalwire.com/api", wantErr: "a SignalWire space serves the API at"},
		{in: api + "/Calls", wantErr: "that is not /Accounts/<project_id>"},
		{in: api + "/Accounts/AC123", wantErr: "names an account that is not a project ID"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseSpaceURL(tt.in)
			if tt.wantErr != "" {
				var spaceErr *SpaceURLError
				if err == nil || !errors.As(err, &spaceErr) || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("ParseSpaceURL(%q) = %+v, %v; want a *SpaceURLError containing %q", tt.in, got, err, tt.wantErr)
				}
				return
			}
			if err != nil || got.Base.String() != tt.want || got.Account != tt.account {
				t.Fatalf("ParseSpaceURL(%q) = %+v, %v; want %q, account %q", tt.in, got, err, tt.want, tt.account)
			}
		})
	}
}

// TestNewChecksAccountURL: an account URL must name the configured project,
// in any letter case.
func TestNewChecksAccountURL(t *testing.T) {
	const project = "3fa85f64-5717-4562-b3fc-2c963f66afa6"
	const other = "b3877c40-da60-4998-90ad-b792e98472af"
	api := "https://example.signalwire.com/api/laml/2010-04-01/Accounts/"
	for _, in := range []string{api + project, api + strings.ToUpper(project) + "/Conferences.json"} {
		c, err := New(Config{SpaceURL: in, ProjectID: project, APIToken: "t"})
		if err != nil || c.BaseURL() != "https://example.signalwire.com/api/laml/2010-04-01" {
			t.Fatalf("New(%q): %v", in, err)
		}
	}
	_, err := New(Config{SpaceURL: api + other, ProjectID: project, APIToken: "t"})
	var spaceErr *SpaceURLError
	if !errors.As(err, &spaceErr) || !strings.Contains(err.Error(), "names account "+other+", but the project ID is "+project) {
		t.Fatalf("err = %v, want the two accounts named", err)
	}
}

func TestDescribeSpaceURLForms(t *testing.T) {
	got := DescribeSpaceURLForms(func(s string) string { return "`" + s + "`" })
	for _, f := range SpaceURLForms {
		if !strings.Contains(got, "`"+f.Example+"` ("+f.Meaning+")") {
			t.Errorf("%q lacks %q", got, f.Example)
		}
		if f.Example == "http://127.0.0.1:8080" || strings.Contains(f.Example, "<") {
			continue
		}
		if _, err := ParseSpaceURL(f.Example); err != nil {
			t.Errorf("the documented form %q is refused: %v", f.Example, err)
		}
	}
}

func TestIsLoopbackHost(t *testing.T) {
	tests := map[string]bool{
		"localhost":          true,
		"LOCALHOST":          true,
		"localhost:8080":     true,
		"127.0.0.1":          true,
		"127.255.255.254":    true,
		"127.0.0.1:443":      true,
		"::1":                true,
		"[::1]":              true,
		"[::1]:8080":         true,
		"":                   false,
		"128.0.0.1":          false,
		"10.0.0.1":           false,
		"::2":                false,
		"example.com":        false,
		"localhost.evil.com": false,
		"evil-localhost":     false,
	}
	for host, want := range tests {
		if got := IsLoopbackHost(host); got != want {
			t.Errorf("IsLoopbackHost(%q) = %v, want %v", host, got, want)
		}
	}
}

// TestPagingUnderEverySpaceURLForm: next_page_uri, with or without
// /api/laml, is followed under the configured base, including a proxy prefix.
func TestPagingUnderEverySpaceURLForm(t *testing.T) {
	account := "/2010-04-01/Accounts/" + testProject + "/Conferences"
	for _, prefix := range []string{"", "/proxy", "/proxy/deeper"} {
		t.Run("prefix "+prefix, func(t *testing.T) {
			srv, seen := recordRequests(t, func(w http.ResponseWriter, r *http.Request) {
				next := map[string]string{
					"":    `"/api/laml` + account + `.json?Page=1&PageSize=1000&PageToken=PA1"`,
					"PA1": `"` + account + `.json?Page=2&PageSize=1000&PageToken=PA2"`,
					"PA2": "null",
				}[r.URL.Query().Get("PageToken")]
				if !strings.HasPrefix(r.URL.Path, prefix+"/api/laml"+account) || next == "" {
					w.WriteHeader(http.StatusNotFound)
					return
				}
				fmt.Fprintf(w, `{"next_page_uri":%s,"conferences":[{"sid":"c"}]}`, next)
			})
			for _, space := range []string{srv.URL + prefix, srv.URL + prefix + "/api/laml/2010-04-01/Accounts/" + testProject + "/"} {
				c := newTestClient(t, space, nil)
				got, err := c.ListConferences(context.Background(), "", ConferenceListFilter{})
				if err != nil || len(got) != 3 {
					t.Fatalf("space %s: %d conferences, %v; requests %+v", space, len(got), err, seen())
				}
			}
		})
	}
}
