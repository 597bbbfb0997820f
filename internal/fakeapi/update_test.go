package fakeapi

import (
	"encoding/json"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestUpdateValidation(t *testing.T) {
	const stranger = "5a5a5a5a-0000-4000-8000-000000000000"
	tests := []struct {
		name       string
		body       string
		completed  bool
		wantStatus int
		wantCode   int
	}{
		{"unknown field", "Muted=true&Volume=3", false, 400, CodeInvalidArgument},
		{"field name is case sensitive", "muted=true", false, 400, CodeInvalidArgument},
		{"field given twice", "Muted=true&Muted=false", false, 400, CodeInvalidArgument},
		{"boolean spelled 1", "Muted=1", false, 422, CodeInvalidArgument},
		{"boolean capitalised", "Hold=True", false, 422, CodeInvalidArgument},
		{"boolean empty", "Coaching=", false, 422, CodeInvalidArgument},
		{"announce method", "AnnounceUrl=https://example.com/a&AnnounceMethod=PUT", false, 422, CodeMethodInvalid},
		{"hold method lower case", "HoldMethod=get", false, 422, CodeMethodInvalid},
		{"wait method", "WaitMethod=DELETE", false, 422, CodeMethodInvalid},
		{"relative URL", "AnnounceUrl=/announce", false, 422, CodeURLInvalid},
		{"URL without scheme", "HoldUrl=example.com/hold", false, 422, CodeURLInvalid},
		{"ftp URL", "WaitUrl=ftp://example.com/wait", false, 422, CodeURLInvalid},
		{"URL without host", "WaitUrl=https://", false, 422, CodeURLInvalid},
		{"coach not a uuid", "Coaching=true&CallSidToCoach=CA123", false, 422, CodeInvalidArgument},
		{"coaching without a call", "Coaching=true", false, 400, CodeInvalidArgument},
		{"coach not in conference", "Coaching=true&CallSidToCoach=" + stranger, false, 422, CodeCoachNotInConference},
		{"coach self", "Coaching=true&CallSidToCoach={self}", false, 422, CodeCoachNotInConference},
		{"conference completed", "Muted=true", true, 400, CodeInvalidArgument},
		{"invalid body encoding", "Muted=%zz", false, 400, CodeInvalidArgument},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t)
			call := h.addParticipant()
			h.addParticipant()
			if tt.completed {
				h.srv.SetConferenceStatus(h.conf, StatusCompleted)
			}
			before, _ := h.srv.Participant(h.conf, call)
			h.clock.Advance(time.Minute)

			body := strings.ReplaceAll(tt.body, "{self}", call)
			resp, data := h.postRaw(h.participantPath(call), body)
			expectError(t, resp, data, tt.wantStatus, tt.wantCode)

			after, _ := h.srv.Participant(h.conf, call)
			if !reflect.DeepEqual(before, after) {
				t.Fatalf("state changed by a rejected update:\nbefore %+v\nafter  %+v", before, after)
			}
		})
	}
}

func TestUpdateRejectsNonFormBody(t *testing.T) {
	h := newHarness(t)
	call := h.addParticipant()
	req, _ := http.NewRequest(http.MethodPost, h.ts.URL+h.participantPath(call), strings.NewReader(`{"Muted":true}`))
	req.Header.Set("Content-Type", "application/json")
	req.SetBasicAuth(DefaultProjectID, DefaultAPIToken)
	resp, err := h.ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var e apiError
	_ = json.NewDecoder(resp.Body).Decode(&e)
	if resp.StatusCode != http.StatusBadRequest || e.Code != CodeInvalidArgument {
		t.Fatalf("status %d, body %+v", resp.StatusCode, e)
	}
}

func TestUpdateAppliesAndBumpsDateOnlyOnChange(t *testing.T) {
	h := newHarness(t)
	call := h.addParticipant()
	path := h.participantPath(call)

	steps := []struct {
		form        url.Values
		wantUpdated time.Time
		wantMuted   bool
		wantHold    bool
	}{
		{url.Values{"Muted": {"true"}}, epoch.Add(1 * time.Minute), true, false},
		{url.Values{"Muted": {"true"}}, epoch.Add(1 * time.Minute), true, false},
		{url.Values{}, epoch.Add(1 * time.Minute), true, false},
		{url.Values{"Muted": {"true"}, "Hold": {"true"}}, epoch.Add(4 * time.Minute), true, true},
		{url.Values{"AnnounceUrl": {"https://example.com/a"}}, epoch.Add(4 * time.Minute), true, true},
		{url.Values{"HoldUrl": {"https://example.com/hold"}}, epoch.Add(6 * time.Minute), true, true},
		{url.Values{"HoldUrl": {"https://example.com/hold"}, "HoldMethod": {"GET"}}, epoch.Add(6 * time.Minute), true, true},
		{url.Values{"Muted": {"false"}, "Hold": {"false"}}, epoch.Add(8 * time.Minute), false, false},
	}
	for i, step := range steps {
		h.clock.Advance(time.Minute)
		resp, body := h.do(http.MethodPost, path, step.form)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("step %d: status %d: %s", i, resp.StatusCode, body)
		}
		var got participantJSON
		if err := json.Unmarshal(body, &got); err != nil {
			t.Fatal(err)
		}
		if got.DateUpdated != formatDate(step.wantUpdated) || got.Muted != step.wantMuted || got.Hold != step.wantHold {
			t.Fatalf("step %d (%v): date_updated %s muted %v hold %v; want %s %v %v", i, step.form,
				got.DateUpdated, got.Muted, got.Hold, formatDate(step.wantUpdated), step.wantMuted, step.wantHold)
		}
		if got.DateCreated != formatDate(epoch) {
			t.Fatalf("step %d: date_created moved to %s", i, got.DateCreated)
		}
	}
}

func TestUpdateCoaching(t *testing.T) {
	h := newHarness(t)
	coached := h.addParticipant()
	other := h.addParticipant()
	coach := h.addParticipant()
	path := h.participantPath(coach)

	post := func(form url.Values) participantJSON {
		t.Helper()
		resp, body := h.do(http.MethodPost, path, form)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%v: status %d: %s", form, resp.StatusCode, body)
		}
		var p participantJSON
		_ = json.Unmarshal(body, &p)
		return p
	}
	coachOf := func(p participantJSON) string {
		if p.CallSIDToCoach == nil {
			return ""
		}
		return *p.CallSIDToCoach
	}

	p := post(url.Values{"Coaching": {"true"}, "CallSidToCoach": {coached}})
	if !p.Coaching || coachOf(p) != coached {
		t.Fatalf("start coaching: %+v", p)
	}
	p = post(url.Values{"Coaching": {"true"}})
	if !p.Coaching || coachOf(p) != coached {
		t.Fatalf("Coaching=true keeps the held call: %+v", p)
	}
	p = post(url.Values{"CallSidToCoach": {other}})
	if !p.Coaching || coachOf(p) != other {
		t.Fatalf("switch coached call: %+v", p)
	}
	p = post(url.Values{"Coaching": {"false"}})
	if p.Coaching || p.CallSIDToCoach != nil {
		t.Fatalf("Coaching=false must clear call_sid_to_coach: %+v", p)
	}
	st, _ := h.srv.Participant(h.conf, coach)
	if st.Coaching || st.CallSIDToCoach != "" {
		t.Fatalf("state after Coaching=false: %+v", st)
	}
	resp, body := h.do(http.MethodPost, path, url.Values{"Coaching": {"true"}})
	expectError(t, resp, body, http.StatusBadRequest, CodeInvalidArgument)
}

func TestUpdateRecordsAnnouncementsAndHiddenFields(t *testing.T) {
	h := newHarness(t)
	call := h.addParticipant()
	path := h.participantPath(call)
	forms := []url.Values{
		{"AnnounceUrl": {"https://example.com/one"}},
		{"AnnounceUrl": {"https://example.com/two"}, "AnnounceMethod": {"GET"}, "Muted": {"true"}},
		{"HoldUrl": {"https://example.com/hold"}, "WaitUrl": {"http://example.com/wait"}, "WaitMethod": {"GET"}},
	}
	for _, form := range forms {
		resp, body := h.do(http.MethodPost, path, form)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%v: status %d: %s", form, resp.StatusCode, body)
		}
		if got := jsonKeys(t, body); !reflect.DeepEqual(got, participantKeys) {
			t.Fatalf("update answer keys %v", got)
		}
	}
	st, _ := h.srv.Participant(h.conf, call)
	want := ParticipantState{
		AnnounceURL: "https://example.com/two", AnnounceMethod: "GET",
		HoldURL: "https://example.com/hold", HoldMethod: "GET",
		WaitURL: "http://example.com/wait", WaitMethod: "GET",
		Announcements: []string{"https://example.com/one", "https://example.com/two"},
	}
	got := ParticipantState{
		AnnounceURL: st.AnnounceURL, AnnounceMethod: st.AnnounceMethod,
		HoldURL: st.HoldURL, HoldMethod: st.HoldMethod, WaitURL: st.WaitURL, WaitMethod: st.WaitMethod,
		Announcements: st.Announcements,
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("hidden state\n got %+v\nwant %+v", got, want)
	}

	resp, body := h.do(http.MethodPost, path, url.Values{"AnnounceUrl": {"https://example.com/three"}})
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d: %s", resp.StatusCode, body)
	}
	st, _ = h.srv.Participant(h.conf, call)
	if st.AnnounceMethod != defaultAnnounceMethod || len(st.Announcements) != 3 {
		t.Fatalf("URL alone takes the default method and replays: %+v", st)
	}
}

func TestHelpersUpdateAndHangUp(t *testing.T) {
	h := newHarness(t)
	call := h.addParticipant()
	h.clock.Advance(time.Hour)
	if !h.srv.Update(h.conf, call, func(p *ParticipantState) {
		p.Muted = true
		p.CallSID = "ignored"
	}) {
		t.Fatal("Update reported a missing participant")
	}
	st, ok := h.srv.Participant(h.conf, call)
	if !ok || !st.Muted || st.CallSID != call || !st.DateUpdated.Equal(epoch.Add(time.Hour)) {
		t.Fatalf("after drift: %+v", st)
	}
	var got participantJSON
	h.get(h.participantPath(call), &got)
	if !got.Muted || got.DateUpdated != formatDate(epoch.Add(time.Hour)) {
		t.Fatalf("drift not visible through the API: %+v", got)
	}
	if !h.srv.HangUp(h.conf, call) || h.srv.HangUp(h.conf, call) {
		t.Fatal("HangUp must succeed once, then report the call gone")
	}
	if h.srv.Update(h.conf, call, func(*ParticipantState) {}) {
		t.Fatal("Update of a departed call succeeded")
	}
	if len(h.srv.Participants(h.conf)) != 0 {
		t.Fatal("participant still listed after HangUp")
	}
}
