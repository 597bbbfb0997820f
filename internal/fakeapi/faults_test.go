package fakeapi

import (
	"net/http"
	"net/url"
	"reflect"
	"slices"
	"testing"
	"time"
)

func lastRequest(t *testing.T, s *Server) Request {
	t.Helper()
	reqs := s.Requests()
	if len(reqs) == 0 {
		t.Fatal("request log is empty")
	}
	return reqs[len(reqs)-1]
}

func TestFaultLatency(t *testing.T) {
	h := newHarness(t)
	call := h.addParticipant()
	h.srv.SetFaults(RouteParticipantsGet, Faults{Latency: 40 * time.Millisecond})

	start := time.Now()
	resp, body := h.do(http.MethodGet, h.participantPath(call), nil)
	if elapsed := time.Since(start); elapsed < 40*time.Millisecond {
		t.Fatalf("answered after %v, want at least 40ms", elapsed)
	}
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d: %s", resp.StatusCode, body)
	}
	if r := lastRequest(t, h.srv); r.Fault != FaultLatency || r.Status != http.StatusOK {
		t.Fatalf("log entry %+v", r)
	}
}

func TestFaultRateLimit(t *testing.T) {
	h := newHarness(t)
	call := h.addParticipant()
	h.srv.SetFaults(RouteAll, Faults{RateLimit: 2, RetryAfter: 3})
	path := h.participantPath(call)

	for i := range 2 {
		if resp, body := h.do(http.MethodPost, path, url.Values{"Muted": {"false"}}); resp.StatusCode != http.StatusOK {
			t.Fatalf("POST %d: status %d: %s", i, resp.StatusCode, body)
		}
	}
	resp, body := h.do(http.MethodPost, path, url.Values{"Muted": {"true"}, "AnnounceUrl": {"https://example.com/a"}})
	expectError(t, resp, body, http.StatusTooManyRequests, CodeTooManyRequests)
	if got := resp.Header.Get("Retry-After"); got != "3" {
		t.Fatalf("Retry-After = %q, want 3", got)
	}
	st, _ := h.srv.Participant(h.conf, call)
	if st.Muted || len(st.Announcements) != 0 {
		t.Fatalf("a throttled update was processed: %+v", st)
	}
	if r := lastRequest(t, h.srv); r.Fault != FaultRateLimit || r.Status != http.StatusTooManyRequests {
		t.Fatalf("log entry %+v", r)
	}
	if resp, _ := h.do(http.MethodGet, path, nil); resp.StatusCode != http.StatusOK {
		t.Fatalf("GET throttled: %d", resp.StatusCode)
	}
	h.clock.Advance(time.Second)
	if resp, _ := h.do(http.MethodPost, path, url.Values{"Muted": {"true"}}); resp.StatusCode != http.StatusOK {
		t.Fatalf("POST in the next window: status %d", resp.StatusCode)
	}
}

// TestFaultRateWindowCount: two of every three POSTs pass, counted rather
// than timed, however the requests are spaced; GETs are neither throttled
// nor counted.
func TestFaultRateWindowCount(t *testing.T) {
	h := newHarness(t)
	call := h.addParticipant()
	h.srv.SetFaults(RouteAll, Faults{RateLimit: 2, RateWindowCount: 3})
	path := h.participantPath(call)
	var got []int
	for i := range 7 {
		if resp, _ := h.do(http.MethodGet, path, nil); resp.StatusCode != http.StatusOK {
			t.Fatalf("GET %d: %d", i, resp.StatusCode)
		}
		resp, _ := h.do(http.MethodPost, path, url.Values{"Muted": {"true"}})
		got = append(got, resp.StatusCode)
		if i == 3 {
			h.clock.Advance(time.Hour)
		}
	}
	want := []int{200, 200, 429, 200, 200, 429, 200}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("POST statuses %v, want %v", got, want)
	}
	h.srv.SetFaults(RouteAll, Faults{RateLimit: 2, RateWindowCount: 3})
	if resp, _ := h.do(http.MethodPost, path, url.Values{"Muted": {"true"}}); resp.StatusCode != http.StatusOK {
		t.Fatalf("SetFaults did not restart the count: %d", resp.StatusCode)
	}
}

func TestFaultError(t *testing.T) {
	tests := []struct {
		name       string
		faults     Faults
		wantStatus int
		wantCode   int
	}{
		{"default status", Faults{ErrorRate: 1}, http.StatusServiceUnavailable, CodeInternal},
		{"server error", Faults{ErrorRate: 1, ErrorStatus: 500}, http.StatusInternalServerError, CodeInternal},
		{"throttled", Faults{ErrorRate: 1, ErrorStatus: 429}, http.StatusTooManyRequests, CodeTooManyRequests},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t)
			call := h.addParticipant()
			h.srv.SetFaults(RouteParticipantsUpdate, tt.faults)
			resp, body := h.do(http.MethodPost, h.participantPath(call), url.Values{"Muted": {"true"}})
			expectError(t, resp, body, tt.wantStatus, tt.wantCode)
			if st, _ := h.srv.Participant(h.conf, call); st.Muted {
				t.Fatal("a failed update was processed")
			}
			if resp, _ := h.do(http.MethodGet, h.participantPath(call), nil); resp.StatusCode != http.StatusOK {
				t.Fatalf("fault leaked to another route: %d", resp.StatusCode)
			}
			resp, body = h.doAs("", "", http.MethodPost, h.participantPath(call), url.Values{"Muted": {"true"}})
			expectError(t, resp, body, http.StatusUnauthorized, CodeAuthentication)
		})
	}
}

func TestFaultDrop(t *testing.T) {
	h := newHarness(t)
	call := h.addParticipant()
	h.srv.SetFaults(RouteParticipantsUpdate, Faults{DropRate: 1})
	req, _ := http.NewRequest(http.MethodPost, h.ts.URL+h.participantPath(call), nil)
	req.SetBasicAuth(DefaultProjectID, DefaultAPIToken)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if resp, err := h.ts.Client().Do(req); err == nil {
		resp.Body.Close()
		t.Fatalf("dropped request got status %d", resp.StatusCode)
	}
	if r := lastRequest(t, h.srv); r.Fault != FaultDrop || r.Status != 0 {
		t.Fatalf("log entry %+v", r)
	}
}

// statusSequence sends GETs and returns the status of each; a dropped
// connection shows as 0.
func statusSequence(t *testing.T, seed int64, n int) []int {
	t.Helper()
	h := newHarness(t)
	call := h.addParticipant()
	h.srv.SetFaultSeed(seed)
	h.srv.SetFaults(RouteAll, Faults{ErrorRate: 0.3, DropRate: 0.3})
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	var out []int
	for range n {
		req, _ := http.NewRequest(http.MethodGet, h.ts.URL+h.participantPath(call), nil)
		req.SetBasicAuth(DefaultProjectID, DefaultAPIToken)
		resp, err := client.Do(req)
		if err != nil {
			out = append(out, 0)
			continue
		}
		resp.Body.Close()
		out = append(out, resp.StatusCode)
	}
	return out
}

func TestFaultSeedIsDeterministic(t *testing.T) {
	a := statusSequence(t, 42, 40)
	b := statusSequence(t, 42, 40)
	if !reflect.DeepEqual(a, b) {
		t.Fatalf("same seed, different sequences:\n%v\n%v", a, b)
	}
	for _, want := range []int{0, http.StatusOK, http.StatusServiceUnavailable} {
		if !slices.Contains(a, want) {
			t.Fatalf("sequence %v has no %d", a, want)
		}
	}
	if c := statusSequence(t, 7, 40); reflect.DeepEqual(a, c) {
		t.Fatalf("seeds 42 and 7 gave the same sequence %v", a)
	}
}

func TestFaultHangUpAfter(t *testing.T) {
	h := newHarness(t)
	call := h.addParticipant()
	other := h.addParticipant()
	h.srv.SetFaults(RouteAll, Faults{HangUpAfter: 2})
	path := h.participantPath(call)

	if resp, _ := h.do(http.MethodGet, path, nil); resp.StatusCode != http.StatusOK {
		t.Fatalf("request 1: %d", resp.StatusCode)
	}
	if resp, _ := h.do(http.MethodPost, path, url.Values{"Muted": {"true"}}); resp.StatusCode != http.StatusOK {
		t.Fatalf("request 2: %d", resp.StatusCode)
	}
	resp, body := h.do(http.MethodGet, path, nil)
	expectError(t, resp, body, http.StatusNotFound, CodeNotFound)
	if r := lastRequest(t, h.srv); r.Fault != FaultHangUp {
		t.Fatalf("log entry %+v", r)
	}
	if _, ok := h.srv.Participant(h.conf, call); ok {
		t.Fatal("participant still present")
	}
	if _, ok := h.srv.Participant(h.conf, other); !ok {
		t.Fatal("another participant hung up")
	}
	if resp, _ := h.do(http.MethodGet, h.participantsPath(), nil); resp.StatusCode != http.StatusOK {
		t.Fatalf("list: %d", resp.StatusCode)
	}
}

func TestFaultRouteOverridesAll(t *testing.T) {
	h := newHarness(t)
	call := h.addParticipant()
	h.srv.SetFaults(RouteAll, Faults{ErrorRate: 1})
	h.srv.SetFaults(RouteParticipantsGet, Faults{Latency: time.Millisecond})

	if resp, _ := h.do(http.MethodGet, h.participantPath(call), nil); resp.StatusCode != http.StatusOK {
		t.Fatalf("route faults must replace RouteAll's: %d", resp.StatusCode)
	}
	if resp, _ := h.do(http.MethodGet, h.participantsPath(), nil); resp.StatusCode != http.StatusServiceUnavailable {
		t.Fatalf("RouteAll applies elsewhere: %d", resp.StatusCode)
	}
	h.srv.SetFaults(RouteAll, Faults{})
	if resp, _ := h.do(http.MethodGet, h.participantsPath(), nil); resp.StatusCode != http.StatusOK {
		t.Fatalf("zero Faults must remove the route's faults: %d", resp.StatusCode)
	}
	h.srv.SetFaults(RouteAll, Faults{ErrorRate: 1})
	h.srv.ClearFaults()
	if resp, _ := h.do(http.MethodGet, h.participantsPath(), nil); resp.StatusCode != http.StatusOK {
		t.Fatalf("ClearFaults left a fault: %d", resp.StatusCode)
	}
}

func TestRoutesValid(t *testing.T) {
	for _, r := range Routes() {
		if !r.Valid() {
			t.Errorf("%q not valid", r)
		}
	}
	if Route("participants.create").Valid() {
		t.Error("unknown route reported valid")
	}
}
