package fakeapi

import (
	"encoding/json"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

var epoch = time.Date(2026, 1, 15, 10, 0, 0, 0, time.UTC)

type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// harness is a fake server behind a real HTTP listener, with one
// in-progress conference.
type harness struct {
	t     *testing.T
	srv   *Server
	ts    *httptest.Server
	clock *fakeClock
	conf  string
}

func newHarness(t *testing.T) *harness {
	t.Helper()
	clock := &fakeClock{t: epoch}
	srv := New(Options{Clock: clock.Now})
	h := &harness{t: t, srv: srv, ts: newTestServer(t, srv), clock: clock}
	h.conf = srv.AddConference(ConferenceSeed{FriendlyName: "support-room"})
	return h
}

func newTestServer(t *testing.T, srv *Server) *httptest.Server {
	t.Helper()
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return ts
}

func (h *harness) participantsPath() string {
	return participantsPath(h.srv.ProjectID(), h.conf)
}

func (h *harness) participantPath(call string) string {
	return h.participantsPath() + "/" + call
}

func (h *harness) addParticipant() string {
	return h.srv.AddParticipant(ParticipantSeed{ConferenceSID: h.conf})
}

// do sends an authenticated request; form, when non-nil, is the body.
func (h *harness) do(method, path string, form url.Values) (*http.Response, []byte) {
	h.t.Helper()
	return h.doAs(DefaultProjectID, DefaultAPIToken, method, path, form)
}

func (h *harness) doAs(user, pass, method, path string, form url.Values) (*http.Response, []byte) {
	h.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, h.ts.URL+path, body)
	if err != nil {
		h.t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if user != "" || pass != "" {
		req.SetBasicAuth(user, pass)
	}
	resp, err := h.ts.Client().Do(req)
	if err != nil {
		h.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		h.t.Fatal(err)
	}
	return resp, data
}

// postRaw sends an authenticated form POST with a body as given.
func (h *harness) postRaw(path, body string) (*http.Response, []byte) {
	h.t.Helper()
	req, err := http.NewRequest(http.MethodPost, h.ts.URL+path, strings.NewReader(body))
	if err != nil {
		h.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(DefaultProjectID, DefaultAPIToken)
	resp, err := h.ts.Client().Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	return resp, data
}

// get sends an authenticated GET, expects 200 and decodes the body.
func (h *harness) get(path string, into any) {
	h.t.Helper()
	resp, body := h.do(http.MethodGet, path, nil)
	if resp.StatusCode != http.StatusOK {
		h.t.Fatalf("GET %s: status %d, body %s", path, resp.StatusCode, body)
	}
	if err := json.Unmarshal(body, into); err != nil {
		h.t.Fatalf("GET %s: %v in %s", path, err, body)
	}
}

// expectError checks an answer is the documented error body with this status and code.
func expectError(t *testing.T, resp *http.Response, body []byte, status, code int) {
	t.Helper()
	if resp.StatusCode != status {
		t.Fatalf("status %d, want %d; body %s", resp.StatusCode, status, body)
	}
	var keys map[string]any
	if err := json.Unmarshal(body, &keys); err != nil {
		t.Fatalf("error body is not JSON: %v: %s", err, body)
	}
	if got, want := slices.Sorted(maps.Keys(keys)), []string{"code", "message", "more_info", "status"}; !slices.Equal(got, want) {
		t.Fatalf("error body keys %v, want %v", got, want)
	}
	var e apiError
	_ = json.Unmarshal(body, &e)
	if e.Code != code || e.Status != status || e.MoreInfo != MoreInfoURL || e.Message == "" {
		t.Fatalf("error body %+v, want code %d status %d", e, code, status)
	}
}

func jsonKeys(t *testing.T, body []byte) []string {
	t.Helper()
	var m map[string]json.RawMessage
	if err := json.Unmarshal(body, &m); err != nil {
		t.Fatalf("not a JSON object: %v: %s", err, body)
	}
	return slices.Sorted(maps.Keys(m))
}
