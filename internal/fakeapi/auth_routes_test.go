package fakeapi

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestAuth(t *testing.T) {
	h := newHarness(t)
	call := h.addParticipant()
	path := h.participantPath(call)
	otherAccount := participantsPath("0b7e4c6a-3d2f-4a8e-9c1b-5e6f7a8b9c0d", h.conf) + "/" + call

	tests := []struct {
		name       string
		user, pass string
		path       string
		wantStatus int
	}{
		{"missing credentials", "", "", path, http.StatusUnauthorized},
		{"wrong token", DefaultProjectID, "nope", path, http.StatusUnauthorized},
		{"wrong project", "0b7e4c6a-3d2f-4a8e-9c1b-5e6f7a8b9c0d", DefaultAPIToken, path, http.StatusUnauthorized},
		{"account in path is not the project", DefaultProjectID, DefaultAPIToken, otherAccount, http.StatusUnauthorized},
		{"auth before routing", "", "", BasePath + "/Accounts/x/Calls", http.StatusUnauthorized},
		{"valid", DefaultProjectID, DefaultAPIToken, path, http.StatusOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := h.doAs(tt.user, tt.pass, http.MethodGet, tt.path, nil)
			if tt.wantStatus == http.StatusOK {
				if resp.StatusCode != http.StatusOK {
					t.Fatalf("status %d: %s", resp.StatusCode, body)
				}
				return
			}
			expectError(t, resp, body, http.StatusUnauthorized, CodeAuthentication)
			if got := resp.Header.Get("WWW-Authenticate"); got != `Basic realm="SignalWire"` {
				t.Errorf("WWW-Authenticate = %q", got)
			}
		})
	}
}

func TestCustomCredentials(t *testing.T) {
	srv := New(Options{ProjectID: "11111111-2222-4333-8444-555555555555", APIToken: "secret"})
	if srv.ProjectID() != "11111111-2222-4333-8444-555555555555" {
		t.Fatalf("ProjectID() = %q", srv.ProjectID())
	}
	h := &harness{t: t, srv: srv}
	h.ts = newTestServer(t, srv)
	path := conferencesPath(srv.ProjectID())
	if resp, _ := h.doAs(srv.ProjectID(), "secret", http.MethodGet, path, nil); resp.StatusCode != http.StatusOK {
		t.Fatalf("custom credentials: status %d", resp.StatusCode)
	}
	resp, body := h.doAs(DefaultProjectID, DefaultAPIToken, http.MethodGet, path, nil)
	expectError(t, resp, body, http.StatusUnauthorized, CodeAuthentication)
}

func TestRoutesWithAndWithoutJSONSuffix(t *testing.T) {
	h := newHarness(t)
	call := h.addParticipant()
	confs := conferencesPath(DefaultProjectID)
	tests := []struct {
		method string
		path   string
		form   url.Values
		want   int
	}{
		{http.MethodGet, confs, nil, http.StatusOK},
		{http.MethodGet, confs + ".json", nil, http.StatusOK},
		{http.MethodGet, confs + "/" + h.conf, nil, http.StatusOK},
		{http.MethodGet, confs + "/" + h.conf + ".json", nil, http.StatusOK},
		{http.MethodGet, h.participantsPath(), nil, http.StatusOK},
		{http.MethodGet, h.participantsPath() + ".json", nil, http.StatusOK},
		{http.MethodGet, h.participantPath(call), nil, http.StatusOK},
		{http.MethodGet, h.participantPath(call) + ".json", nil, http.StatusOK},
		{http.MethodPost, h.participantPath(call), url.Values{"Muted": {"true"}}, http.StatusOK},
		{http.MethodPost, h.participantPath(call) + ".json", url.Values{"Muted": {"false"}}, http.StatusOK},
		{http.MethodDelete, h.participantPath(call) + ".json", nil, http.StatusNoContent},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			resp, body := h.do(tt.method, tt.path, tt.form)
			if resp.StatusCode != tt.want {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, tt.want, body)
			}
		})
	}
}

func TestNotFound(t *testing.T) {
	h := newHarness(t)
	call := h.addParticipant()
	missing := "9d3c1a2b-0000-4000-8000-000000000000"
	confs := conferencesPath(DefaultProjectID)
	tests := []struct {
		name, method, path string
	}{
		{"unknown conference", http.MethodGet, confs + "/" + missing},
		{"participants of unknown conference", http.MethodGet, confs + "/" + missing + "/Participants"},
		{"participant of unknown conference", http.MethodGet, confs + "/" + missing + "/Participants/" + call},
		{"unknown participant", http.MethodGet, h.participantPath(missing)},
		{"update unknown participant", http.MethodPost, h.participantPath(missing) + ".json"},
		{"delete unknown participant", http.MethodDelete, h.participantPath(missing)},
		{"unknown collection", http.MethodGet, BasePath + "/Accounts/" + DefaultProjectID + "/Calls"},
		{"trailing slash", http.MethodGet, h.participantsPath() + "/"},
		{"suffix twice", http.MethodGet, h.participantPath(call) + ".json.json"},
		{"too deep", http.MethodGet, h.participantPath(call) + "/x"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var form url.Values
			if tt.method == http.MethodPost {
				form = url.Values{"Muted": {"true"}}
			}
			resp, body := h.do(tt.method, tt.path, form)
			expectError(t, resp, body, http.StatusNotFound, CodeNotFound)
		})
	}
}

// TestOutsideTheAPI: a path outside the API's own prefixes, such as one
// under a mistyped space URL path, is answered by the web server, not the
// API: a plain 404 without the API's error body.
func TestOutsideTheAPI(t *testing.T) {
	h := newHarness(t)
	call := h.addParticipant()
	for _, path := range []string{"/proxy" + h.participantPath(call), "/proxy" + VersionPath + "/Accounts", "/", "/other"} {
		resp, body := h.do(http.MethodGet, path, nil)
		if resp.StatusCode != http.StatusNotFound || strings.Contains(string(body), "code") ||
			!strings.HasPrefix(resp.Header.Get("Content-Type"), "text/plain") {
			t.Errorf("GET %s: %d %s %q, want a plain 404", path, resp.StatusCode, resp.Header.Get("Content-Type"), body)
		}
	}
}

func TestMethodNotAllowed(t *testing.T) {
	h := newHarness(t)
	resp, body := h.do(http.MethodPut, h.participantPath(h.addParticipant()), nil)
	expectError(t, resp, body, http.StatusMethodNotAllowed, CodeMethodNotAllowed)
	if got := resp.Header.Get("Allow"); got != "GET, POST, DELETE" {
		t.Errorf("Allow = %q", got)
	}
	resp, body = h.do(http.MethodPost, conferencesPath(DefaultProjectID), url.Values{})
	expectError(t, resp, body, http.StatusMethodNotAllowed, CodeMethodNotAllowed)
}
