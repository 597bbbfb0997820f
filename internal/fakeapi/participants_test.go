package fakeapi

import (
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
)

var participantKeys = []string{
	"account_sid", "call_sid", "call_sid_to_coach", "coaching", "conference_sid", "date_created",
	"date_updated", "end_conference_on_exit", "hold", "muted", "start_conference_on_enter", "status", "uri",
}

func TestGetParticipantJSON(t *testing.T) {
	h := newHarness(t)
	call := h.srv.AddParticipant(ParticipantSeed{ConferenceSID: h.conf, Muted: true, StartConferenceOnEnter: true})

	resp, body := h.do(http.MethodGet, h.participantPath(call)+".json", nil)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d: %s", resp.StatusCode, body)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("Content-Type = %q", ct)
	}
	if got := jsonKeys(t, body); !slices.Equal(got, participantKeys) {
		t.Fatalf("keys %v, want %v", got, participantKeys)
	}
	var got map[string]any
	_ = json.Unmarshal(body, &got)
	want := map[string]any{
		"account_sid":               DefaultProjectID,
		"call_sid":                  call,
		"call_sid_to_coach":         nil,
		"coaching":                  false,
		"conference_sid":            h.conf,
		"date_created":              "Thu, 15 Jan 2026 10:00:00 +0000",
		"date_updated":              "Thu, 15 Jan 2026 10:00:00 +0000",
		"status":                    "in-progress",
		"end_conference_on_exit":    false,
		"muted":                     true,
		"hold":                      false,
		"start_conference_on_enter": true,
		"uri":                       BasePath + "/Accounts/" + DefaultProjectID + "/Conferences/" + h.conf + "/Participants/" + call + ".json",
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %#v, want %#v", k, got[k], v)
		}
	}
}

func TestGetParticipantCoachIsUUIDWhenSet(t *testing.T) {
	h := newHarness(t)
	coached := h.addParticipant()
	coach := h.srv.AddParticipant(ParticipantSeed{ConferenceSID: h.conf, Coaching: true, CallSIDToCoach: coached})
	var got participantJSON
	h.get(h.participantPath(coach), &got)
	if got.CallSIDToCoach == nil || *got.CallSIDToCoach != coached || !got.Coaching {
		t.Fatalf("coaching %v, call_sid_to_coach %v; want true, %s", got.Coaching, got.CallSIDToCoach, coached)
	}
}

func TestDeleteParticipant(t *testing.T) {
	h := newHarness(t)
	call := h.addParticipant()
	other := h.addParticipant()

	resp, body := h.do(http.MethodDelete, h.participantPath(call), nil)
	if resp.StatusCode != http.StatusNoContent || len(body) != 0 {
		t.Fatalf("DELETE: status %d, body %q; want 204 and no body", resp.StatusCode, body)
	}
	if _, ok := h.srv.Participant(h.conf, call); ok {
		t.Fatal("participant still present after DELETE")
	}
	for _, method := range []string{http.MethodGet, http.MethodPost, http.MethodDelete} {
		var form url.Values
		if method == http.MethodPost {
			form = url.Values{"Muted": {"true"}}
		}
		resp, body := h.do(method, h.participantPath(call), form)
		expectError(t, resp, body, http.StatusNotFound, CodeNotFound)
	}
	if _, ok := h.srv.Participant(h.conf, other); !ok {
		t.Fatal("DELETE removed another participant")
	}
}

func TestListParticipantFilters(t *testing.T) {
	h := newHarness(t)
	plain := h.srv.AddParticipant(ParticipantSeed{ConferenceSID: h.conf, CallSID: "00000000-0000-4000-8000-000000000001"})
	muted := h.srv.AddParticipant(ParticipantSeed{ConferenceSID: h.conf, CallSID: "00000000-0000-4000-8000-000000000002", Muted: true})
	held := h.srv.AddParticipant(ParticipantSeed{ConferenceSID: h.conf, CallSID: "00000000-0000-4000-8000-000000000003", Hold: true})
	both := h.srv.AddParticipant(ParticipantSeed{ConferenceSID: h.conf, CallSID: "00000000-0000-4000-8000-000000000004", Muted: true, Hold: true})

	tests := []struct {
		query string
		want  []string
	}{
		{"", []string{plain, muted, held, both}},
		{"Muted=true", []string{muted, both}},
		{"Muted=false", []string{plain, held}},
		{"Hold=true", []string{held, both}},
		{"Muted=true&Hold=false", []string{muted}},
		{"Muted=false&Hold=false", []string{plain}},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			var page struct {
				Participants []participantJSON `json:"participants"`
			}
			h.get(h.participantsPath()+"?"+tt.query, &page)
			var got []string
			for _, p := range page.Participants {
				got = append(got, p.CallSID)
			}
			if !slices.Equal(got, tt.want) {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
		})
	}
	for _, bad := range []string{"Muted=yes", "Hold=1", "Muted=True"} {
		resp, body := h.do(http.MethodGet, h.participantsPath()+"?"+bad, nil)
		expectError(t, resp, body, http.StatusBadRequest, CodeInvalidArgument)
	}
}

func TestListParticipantsEnvelope(t *testing.T) {
	h := newHarness(t)
	h.addParticipant()
	resp, body := h.do(http.MethodGet, h.participantsPath()+".json", nil)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d: %s", resp.StatusCode, body)
	}
	want := []string{"first_page_uri", "next_page_uri", "page", "page_size", "participants", "previous_page_uri", "uri"}
	if got := jsonKeys(t, body); !slices.Equal(got, want) {
		t.Fatalf("keys %v, want %v", got, want)
	}
	var env map[string]any
	_ = json.Unmarshal(body, &env)
	if env["next_page_uri"] != nil || env["previous_page_uri"] != nil || env["page"] != 0.0 || env["page_size"] != 50.0 {
		t.Fatalf("single page envelope: %v", env)
	}
	if first, _ := env["first_page_uri"].(string); !strings.HasPrefix(first, pagingPath(h.participantsPath())+"?") {
		t.Fatalf("first_page_uri = %q", first)
	}
}
