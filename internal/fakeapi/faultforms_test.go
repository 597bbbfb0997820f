package fakeapi

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestFaultNotFound: each form answers 404 without the API's own not-found
// body, processes nothing, and is logged.
func TestFaultNotFound(t *testing.T) {
	tests := []struct {
		form     string
		wantBody string // a fragment; "" means an empty body
		wantType string
	}{
		{NotFoundEmpty, "", ""},
		{NotFoundHTML, "<h1>404 Not Found</h1>", "text/html"},
		{NotFoundForeign, `{"error":"Not Found"}`, "application/json"},
		{NotFoundCode, `"code":10000`, "application/json"},
	}
	for _, tt := range tests {
		t.Run(tt.form, func(t *testing.T) {
			h := newHarness(t)
			call := h.addParticipant()
			h.srv.SetFaults(RouteParticipantsUpdate, Faults{NotFound: tt.form})
			resp, body := h.do(http.MethodPost, h.participantPath(call), url.Values{"Muted": {"true"}})
			if resp.StatusCode != http.StatusNotFound {
				t.Fatalf("status %d, want 404", resp.StatusCode)
			}
			if (tt.wantBody == "") != (len(body) == 0) || !strings.Contains(string(body), tt.wantBody) {
				t.Fatalf("body %q, want %q", body, tt.wantBody)
			}
			if got := resp.Header.Get("Content-Type"); !strings.HasPrefix(got, tt.wantType) {
				t.Errorf("Content-Type %q, want %q", got, tt.wantType)
			}
			if st, _ := h.srv.Participant(h.conf, call); st.Muted {
				t.Fatal("a request answered 404 was processed")
			}
			if r := lastRequest(t, h.srv); r.Fault != FaultNotFound || r.Status != http.StatusNotFound {
				t.Fatalf("log entry %+v", r)
			}
			if resp, _ := h.do(http.MethodGet, h.participantPath(call), nil); resp.StatusCode != http.StatusOK {
				t.Fatalf("fault leaked to another route: %d", resp.StatusCode)
			}
		})
	}
}

// TestFaultReply: each form processes the update exactly once, announcement
// included, then spoils the answer; the next read shows the change.
func TestFaultReply(t *testing.T) {
	tests := []struct {
		form  string
		check func(t *testing.T, status int, body []byte)
	}{
		{ReplyEmpty, func(t *testing.T, status int, body []byte) {
			if status != http.StatusOK || len(body) != 0 {
				t.Fatalf("status %d body %q, want 200 and no body", status, body)
			}
		}},
		{ReplyTruncated, func(t *testing.T, status int, body []byte) {
			if status != http.StatusOK || len(body) == 0 || json.Valid(body) || !strings.HasPrefix(string(body), `{"account_sid"`) {
				t.Fatalf("status %d body %q, want 200 and the start of the participant", status, body)
			}
		}},
		{ReplyNotJSON, func(t *testing.T, status int, body []byte) {
			if status != http.StatusOK || !strings.HasPrefix(string(body), "<html>") {
				t.Fatalf("status %d body %q, want 200 and an HTML page", status, body)
			}
		}},
		{ReplyPartial, func(t *testing.T, status int, body []byte) {
			if got := strings.Join(jsonKeys(t, body), ","); status != http.StatusOK || got != "account_sid,call_sid,conference_sid" {
				t.Fatalf("status %d members %s, want 200 and only the sids", status, got)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.form, func(t *testing.T) {
			h := newHarness(t)
			call := h.addParticipant()
			h.srv.SetFaults(RouteParticipantsUpdate, Faults{Reply: tt.form})
			resp, body := h.do(http.MethodPost, h.participantPath(call),
				url.Values{"Muted": {"true"}, "AnnounceUrl": {"https://example.com/a.xml"}})
			tt.check(t, resp.StatusCode, body)
			expectProcessedOnce(t, h, call, FaultReply, http.StatusOK)
		})
	}
	t.Run(ReplyDrop, func(t *testing.T) {
		h := newHarness(t)
		call := h.addParticipant()
		h.srv.SetFaults(RouteParticipantsUpdate, Faults{Reply: ReplyDrop})
		req, _ := http.NewRequest(http.MethodPost, h.ts.URL+h.participantPath(call),
			strings.NewReader(url.Values{"Muted": {"true"}, "AnnounceUrl": {"https://example.com/a.xml"}}.Encode()))
		req.SetBasicAuth(DefaultProjectID, DefaultAPIToken)
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if resp, err := h.ts.Client().Do(req); err == nil {
			resp.Body.Close()
			t.Fatalf("a dropped answer arrived with status %d", resp.StatusCode)
		}
		expectProcessedOnce(t, h, call, FaultReply, 0)
	})
	t.Run("errors pass", func(t *testing.T) {
		h := newHarness(t)
		h.srv.SetFaults(RouteParticipantsUpdate, Faults{Reply: ReplyEmpty})
		resp, body := h.do(http.MethodPost, h.participantPath("9d3c1a2b-0000-4000-8000-000000000000"), url.Values{"Muted": {"true"}})
		expectError(t, resp, body, http.StatusNotFound, CodeNotFound)
		if r := lastRequest(t, h.srv); r.Fault != "" {
			t.Fatalf("an error answer was logged as spoilt: %+v", r)
		}
	})
}

func expectProcessedOnce(t *testing.T, h *harness, call, fault string, status int) {
	t.Helper()
	st, _ := h.srv.Participant(h.conf, call)
	if !st.Muted || len(st.Announcements) != 1 {
		t.Fatalf("participant %+v, want muted with one announcement", st)
	}
	if r := lastRequest(t, h.srv); r.Fault != fault || r.Status != status {
		t.Fatalf("log entry %+v, want fault %q status %d", r, fault, status)
	}
	if n := h.srv.CountRequests(http.MethodPost); n != 1 {
		t.Fatalf("%d POSTs reached the fake, want 1", n)
	}
}

func TestFaultFormsValidate(t *testing.T) {
	for _, f := range []Faults{{NotFound: "gone"}, {Reply: "garbled"}} {
		if err := f.Validate(); err == nil {
			t.Errorf("%+v accepted", f)
		}
	}
	var fj FaultsJSON
	if err := json.Unmarshal([]byte(`{"not_found": "html", "Reply": "drop"}`), &fj); err != nil {
		t.Fatal(err)
	}
	if f, err := fj.Faults(); err != nil || f.NotFound != NotFoundHTML || f.Reply != ReplyDrop {
		t.Fatalf("Faults() = %+v, %v", f, err)
	}
}
