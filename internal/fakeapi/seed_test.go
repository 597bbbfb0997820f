package fakeapi

import (
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestLoadSeed(t *testing.T) {
	s := New(Options{Clock: func() time.Time { return epoch }})
	err := s.LoadSeed(strings.NewReader(`{"conferences": [
		{"sid": "3c0ffee0-0000-4000-8000-000000000001", "friendly_name": "support-room", "status": "in-progress",
		 "region": "us2", "date_created": "2026-01-01T09:00:00Z",
		 "participants": [
			{"call_sid": "3c0ffee0-0000-4000-8000-0000000000a1", "muted": false, "hold": false, "start_conference_on_enter": true},
			{"call_sid": "3c0ffee0-0000-4000-8000-0000000000a2", "coaching": true, "call_sid_to_coach": "3c0ffee0-0000-4000-8000-0000000000a1"}]},
		{"friendly_name": "empty"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	got := s.Participants("3c0ffee0-0000-4000-8000-000000000001")
	want := []ParticipantState{
		{AccountSID: DefaultProjectID, ConferenceSID: "3c0ffee0-0000-4000-8000-000000000001",
			CallSID: "3c0ffee0-0000-4000-8000-0000000000a1", Status: StatusInProgress, StartConferenceOnEnter: true,
			DateCreated: epoch, DateUpdated: epoch},
		{AccountSID: DefaultProjectID, ConferenceSID: "3c0ffee0-0000-4000-8000-000000000001",
			CallSID: "3c0ffee0-0000-4000-8000-0000000000a2", Status: StatusInProgress, Coaching: true,
			CallSIDToCoach: "3c0ffee0-0000-4000-8000-0000000000a1", DateCreated: epoch, DateUpdated: epoch},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("participants\n got %+v\nwant %+v", got, want)
	}
	if sids := s.conferenceSIDs(); len(sids) != 2 || sids[0] != "3c0ffee0-0000-4000-8000-000000000001" {
		t.Fatalf("conferences %v", sids)
	}
}

func TestLoadSeedErrorsAddNothing(t *testing.T) {
	tests := map[string]string{
		"not JSON":               `{"conferences": [`,
		"unknown field":          `{"conferences": [{"name": "x"}]}`,
		"bad status":             `{"conferences": [{"friendly_name": "a"}, {"status": "running"}]}`,
		"duplicate sid":          `{"conferences": [{"sid": "a"}, {"sid": "a"}]}`,
		"duplicate call":         `{"conferences": [{"participants": [{"call_sid": "c"}, {"call_sid": "c"}]}]}`,
		"bad date":               `{"conferences": [{"date_created": "yesterday"}]}`,
		"too many generated":     `{"generate": {"conferences": 100001}}`,
		"negative generated":     `{"generate": {"conferences": 2, "participants_per_conference": -1}}`,
		"trailing data":          `{} {}`,
		"generate after failure": `{"conferences": [{"sid": "x"}, {"sid": "x"}], "generate": {"conferences": 3}}`,
	}
	for name, doc := range tests {
		t.Run(name, func(t *testing.T) {
			s := New(Options{})
			if err := s.LoadSeed(strings.NewReader(doc)); err == nil {
				t.Fatal("no error")
			}
			if n := len(s.conferenceSIDs()); n != 0 {
				t.Fatalf("%d conferences added by a failed seed", n)
			}
		})
	}
}

func TestLoadSeedGenerate(t *testing.T) {
	load := func() *Server {
		s := New(Options{})
		if err := s.LoadSeed(strings.NewReader(`{"generate": {"conferences": 1000, "participants_per_conference": 1}}`)); err != nil {
			t.Fatal(err)
		}
		return s
	}
	a, b := load(), load()
	sidsA, sidsB := a.conferenceSIDs(), b.conferenceSIDs()
	if len(sidsA) != 1000 || !reflect.DeepEqual(sidsA, sidsB) {
		t.Fatalf("generated %d conferences; deterministic: %v", len(sidsA), reflect.DeepEqual(sidsA, sidsB))
	}
	seen := map[string]bool{}
	for _, sid := range sidsA {
		parts := a.Participants(sid)
		if !isUUID(sid) || len(parts) != 1 || !isUUID(parts[0].CallSID) || seen[parts[0].CallSID] {
			t.Fatalf("conference %s: %+v", sid, parts)
		}
		seen[parts[0].CallSID] = true
	}
	if err := a.LoadSeed(strings.NewReader(`{"generate": {"conferences": 5}}`)); err != nil {
		t.Fatalf("a second generate collides: %v", err)
	}
	if n := len(a.conferenceSIDs()); n != 1005 {
		t.Fatalf("%d conferences after a second generate", n)
	}
}

func TestConcurrentUse(t *testing.T) {
	h := newHarness(t)
	var calls []string
	for range 8 {
		calls = append(calls, h.addParticipant())
	}
	h.srv.SetFaults(RouteParticipantsList, Faults{ErrorRate: 0.2})
	var wg sync.WaitGroup
	for i, call := range calls {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range 20 {
				form := url.Values{"Muted": {fmt.Sprint(j%2 == 0)}, "AnnounceUrl": {"https://example.com/a"}}
				h.do(http.MethodPost, h.participantPath(call), form)
				h.do(http.MethodGet, h.participantsPath(), nil)
				h.srv.Update(h.conf, calls[(i+1)%len(calls)], func(p *ParticipantState) { p.Hold = !p.Hold })
				_ = h.srv.Requests()
				_, _ = h.srv.Participant(h.conf, call)
			}
		}()
	}
	wg.Wait()
	for _, call := range calls {
		if st, _ := h.srv.Participant(h.conf, call); len(st.Announcements) != 20 {
			t.Fatalf("%s: %d announcements, want 20", call, len(st.Announcements))
		}
	}
	if n := h.srv.CountRequests(http.MethodPost); n != 160 {
		t.Fatalf("%d POSTs logged, want 160", n)
	}
}

// TestLoadSeedJoinsExistingConference: a seed that names a running conference
// by sid alone adds its calls to it (a call joining), and a failing seed takes
// back the calls it joined as well as the conferences it created.
func TestLoadSeedJoinsExistingConference(t *testing.T) {
	s := New(Options{})
	conf := s.AddConference(ConferenceSeed{FriendlyName: "standup"})
	first := s.AddParticipant(ParticipantSeed{ConferenceSID: conf})
	join := fmt.Sprintf(`{"conferences": [{"sid": %q, "participants": [{"call_sid": "3c0ffee0-0000-4000-8000-0000000000b1", "muted": true}]}]}`,
		strings.ToUpper(conf))
	res, err := s.loadSeed(strings.NewReader(join))
	if err != nil {
		t.Fatal(err)
	}
	if res != (SeedResult{Conferences: 0, Participants: 1}) {
		t.Errorf("result = %+v, want no new conference and one participant", res)
	}
	var calls []string
	for _, p := range s.Participants(conf) {
		calls = append(calls, p.CallSID)
	}
	if want := []string{first, "3c0ffee0-0000-4000-8000-0000000000b1"}; !sameSet(calls, want) {
		t.Errorf("participants = %v, want %v", calls, want)
	}

	for name, doc := range map[string]string{
		"a call already there": fmt.Sprintf(`{"conferences": [{"friendly_name": "new"}, {"sid": %q, "participants": [
			{"call_sid": "3c0ffee0-0000-4000-8000-0000000000b2"}, {"call_sid": %q}]}]}`, conf, first),
		"conference fields with an existing sid": fmt.Sprintf(`{"conferences": [{"sid": %q, "friendly_name": "again"}]}`, conf),
	} {
		if _, err := s.loadSeed(strings.NewReader(doc)); err == nil {
			t.Errorf("%s: the seed was accepted", name)
		}
		if n := len(s.Participants(conf)); n != 2 {
			t.Errorf("%s: the failed seed left %d participants, want 2", name, n)
		}
		if n := len(s.conferenceSIDs()); n != 1 {
			t.Errorf("%s: the failed seed left %d conferences, want 1", name, n)
		}
	}
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	seen := map[string]int{}
	for _, x := range a {
		seen[x]++
	}
	for _, x := range b {
		seen[x]--
	}
	for _, n := range seen {
		if n != 0 {
			return false
		}
	}
	return true
}
