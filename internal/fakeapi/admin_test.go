package fakeapi

import (
	"io"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestRequestLog(t *testing.T) {
	h := newHarness(t)
	call := h.addParticipant()
	path := h.participantPath(call)

	h.do(http.MethodGet, h.participantsPath()+"?Muted=true", nil)
	h.clock.Advance(time.Second)
	h.do(http.MethodPost, path+".json", url.Values{"Muted": {"true"}})
	h.doAs("", "", http.MethodDelete, path, nil)
	h.get(AdminPrefix+"requests", &struct{}{})

	want := []Request{
		{Method: "GET", Path: h.participantsPath(), Query: url.Values{"Muted": {"true"}}, Status: 200, Time: epoch},
		{Method: "POST", Path: path + ".json", Query: url.Values{}, Form: url.Values{"Muted": {"true"}}, Status: 200, Time: epoch.Add(time.Second)},
		{Method: "DELETE", Path: path, Query: url.Values{}, Status: 401, Time: epoch.Add(time.Second)},
	}
	got := h.srv.Requests()
	for i := range got {
		if i > 0 && got[i].Arrived < got[i-1].Arrived {
			t.Errorf("request %d arrived at %v on the monotonic clock, before request %d at %v", i, got[i].Arrived, i-1, got[i-1].Arrived)
		}
		got[i].Arrived = 0
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("log\n got %+v\nwant %+v", got, want)
	}
	for method, n := range map[string]int{"": 3, "GET": 1, "POST": 1, "DELETE": 1, "PUT": 0} {
		if got := h.srv.CountRequests(method); got != n {
			t.Errorf("CountRequests(%q) = %d, want %d", method, got, n)
		}
	}
	reqs := h.srv.Requests()
	reqs[1].Form.Set("Muted", "false")
	if h.srv.Requests()[1].Form.Get("Muted") != "true" {
		t.Fatal("Requests returned shared maps")
	}
	h.srv.ResetRequests()
	if n := h.srv.CountRequests(""); n != 0 {
		t.Fatalf("%d requests after reset", n)
	}
}

func TestAdminRequests(t *testing.T) {
	h := newHarness(t)
	call := h.addParticipant()
	h.do(http.MethodGet, h.participantPath(call), nil)
	h.do(http.MethodPost, h.participantPath(call), url.Values{"Hold": {"true"}})
	h.do(http.MethodPost, h.participantPath(call), url.Values{"Hold": {"false"}})

	var summary struct {
		Total    int            `json:"total"`
		ByMethod map[string]int `json:"by_method"`
		Requests []Request      `json:"requests"`
	}
	h.get(AdminPrefix+"requests", &summary)
	if summary.Total != 3 || len(summary.Requests) != 3 ||
		!reflect.DeepEqual(summary.ByMethod, map[string]int{"GET": 1, "POST": 2, "DELETE": 0}) {
		t.Fatalf("summary %+v", summary)
	}
	if summary.Requests[1].Form.Get("Hold") != "true" || summary.Requests[1].Status != 200 {
		t.Fatalf("request 1: %+v", summary.Requests[1])
	}
	if resp, _ := h.do(http.MethodDelete, AdminPrefix+"requests", nil); resp.StatusCode != http.StatusNoContent {
		t.Fatalf("DELETE requests: %d", resp.StatusCode)
	}
	if n := h.srv.CountRequests(""); n != 0 {
		t.Fatalf("%d requests after DELETE", n)
	}
}

func TestAdminParticipantsSeedAndHangUp(t *testing.T) {
	h := newHarness(t)
	h.addParticipant()
	resp, body := h.postAdminJSON(AdminPrefix+"seed",
		`{"conferences": [{"sid": "6f1a0c3e-0000-4000-8000-000000000001", "friendly_name": "room-b",
		  "participants": [{"call_sid": "6f1a0c3e-0000-4000-8000-0000000000aa", "muted": true}]}]}`)
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), `"participants":1`) {
		t.Fatalf("seed: %d %s", resp.StatusCode, body)
	}

	var all, one []ParticipantState
	h.get(AdminPrefix+"participants", &all)
	h.get(AdminPrefix+"participants?conference_sid=6f1a0c3e-0000-4000-8000-000000000001", &one)
	if len(all) != 2 || len(one) != 1 || !one[0].Muted || one[0].CallSID != "6f1a0c3e-0000-4000-8000-0000000000aa" {
		t.Fatalf("all %+v\none %+v", all, one)
	}

	hangup := AdminPrefix + "hangup?conference_sid=6f1a0c3e-0000-4000-8000-000000000001&call_sid=6f1a0c3e-0000-4000-8000-0000000000aa"
	if resp, _ := h.do(http.MethodPost, hangup, nil); resp.StatusCode != http.StatusNoContent {
		t.Fatalf("hangup: %d", resp.StatusCode)
	}
	resp, body = h.do(http.MethodPost, hangup, nil)
	expectError(t, resp, body, http.StatusNotFound, CodeNotFound)

	resp, body = h.postAdminJSON(AdminPrefix+"seed", `{"conferences": [{"sid": "`+h.conf+`", "friendly_name": "again"}]}`)
	expectError(t, resp, body, http.StatusBadRequest, CodeInvalidArgument)
	// A running conference named by sid alone: its calls join it.
	resp, body = h.postAdminJSON(AdminPrefix+"seed",
		`{"conferences": [{"sid": "`+h.conf+`", "participants": [{"call_sid": "6f1a0c3e-0000-4000-8000-0000000000bb"}]}]}`)
	if resp.StatusCode != http.StatusOK || string(body) != `{"conferences":0,"participants":1}` {
		t.Fatalf("joining a call: %d %s", resp.StatusCode, body)
	}
	if n := h.srv.CountRequests(""); n != 0 {
		t.Fatalf("admin requests were logged: %d", n)
	}
}

func TestAdminFaults(t *testing.T) {
	h := newHarness(t)
	call := h.addParticipant()
	resp, body := h.postAdminJSON(AdminPrefix+"faults",
		`{"route": "participants.get", "seed": 3, "faults": {"latency": "1ms", "error_rate": 1, "error_status": 502}}`)
	if resp.StatusCode != http.StatusNoContent {
		t.Fatalf("set faults: %d %s", resp.StatusCode, body)
	}
	resp, body = h.do(http.MethodGet, h.participantPath(call), nil)
	expectError(t, resp, body, http.StatusBadGateway, CodeInternal)

	resp, body = h.postAdminJSON(AdminPrefix+"faults", `{"route": "participants.get", "faults": {"Latency": "1ms", "ErrorRate": 1}}`)
	if resp.StatusCode != http.StatusNoContent {
		t.Fatalf("Go field names: %d %s", resp.StatusCode, body)
	}
	resp, body = h.do(http.MethodGet, h.participantPath(call), nil)
	expectError(t, resp, body, http.StatusServiceUnavailable, CodeInternal)

	resp, body = h.postAdminJSON(AdminPrefix+"faults", `{"route": "participants.update", "faults": {"rate_limit": 1, "rate_window_count": 5, "retry_after": 4}}`)
	if resp.StatusCode != http.StatusNoContent {
		t.Fatalf("rate_window_count: %d %s", resp.StatusCode, body)
	}
	if resp, _ := h.do(http.MethodPost, h.participantPath(call), url.Values{"Muted": {"true"}}); resp.StatusCode != http.StatusOK {
		t.Fatalf("first POST of the window: %d", resp.StatusCode)
	}
	resp, body = h.do(http.MethodPost, h.participantPath(call), url.Values{"Muted": {"true"}})
	expectError(t, resp, body, http.StatusTooManyRequests, CodeTooManyRequests)
	if got := resp.Header.Get("Retry-After"); got != "4" {
		t.Fatalf("Retry-After %q", got)
	}

	for _, bad := range []string{
		`{"route": "*", "faults": {"rate_window_count": -1}}`,
		`{"route": "calls.create", "faults": {}}`,
		`{"route": "*", "faults": {"latency": "soon"}}`,
		`{"route": "*", "faults": {"error_rate": 2}}`,
		`{"route": "*", "faults": {"error_status": 200}}`,
		`{"route": "*", "faults": {"typo": 1}}`,
		`{"route": "*", "faults": {"latency": 25}}`,
		`{"route": "*", "fault": {}}`,
	} {
		resp, body := h.postAdminJSON(AdminPrefix+"faults", bad)
		expectError(t, resp, body, http.StatusBadRequest, CodeInvalidArgument)
	}
	if resp, _ := h.do(http.MethodDelete, AdminPrefix+"faults", nil); resp.StatusCode != http.StatusNoContent {
		t.Fatalf("clear faults: %d", resp.StatusCode)
	}
	if resp, _ := h.do(http.MethodGet, h.participantPath(call), nil); resp.StatusCode != http.StatusOK {
		t.Fatalf("after clearing: %d", resp.StatusCode)
	}
}

func TestAdminUnknown(t *testing.T) {
	h := newHarness(t)
	resp, body := h.do(http.MethodGet, AdminPrefix+"nothing", nil)
	expectError(t, resp, body, http.StatusNotFound, CodeNotFound)
	resp, body = h.do(http.MethodGet, AdminPrefix+"seed", nil)
	expectError(t, resp, body, http.StatusMethodNotAllowed, CodeMethodNotAllowed)
}

// postAdminJSON sends an unauthenticated POST with a raw JSON body.
func (h *harness) postAdminJSON(path, body string) (*http.Response, []byte) {
	h.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, h.ts.URL+path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	resp, err := h.ts.Client().Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	return resp, data
}
