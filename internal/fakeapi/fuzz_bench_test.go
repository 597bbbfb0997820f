package fakeapi

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

const (
	fuzzConference = "f0f0f0f0-0000-4000-8000-000000000001"
	fuzzCall       = "f0f0f0f0-0000-4000-8000-0000000000c1"
	fuzzOther      = "f0f0f0f0-0000-4000-8000-0000000000c2"
)

func fuzzServer() *Server {
	s := New(Options{})
	s.AddConference(ConferenceSeed{SID: fuzzConference})
	s.AddParticipant(ParticipantSeed{ConferenceSID: fuzzConference, CallSID: fuzzCall})
	s.AddParticipant(ParticipantSeed{ConferenceSID: fuzzConference, CallSID: fuzzOther})
	return s
}

// checkJSONAnswer fails unless the answer is a JSON object, or empty for 204.
func checkJSONAnswer(t *testing.T, rec *httptest.ResponseRecorder) {
	t.Helper()
	if rec.Code == http.StatusNoContent {
		if rec.Body.Len() != 0 {
			t.Fatalf("204 with a body: %q", rec.Body.String())
		}
		return
	}
	if rec.Code == http.StatusNotFound && strings.HasPrefix(rec.Header().Get("Content-Type"), "text/plain") {
		return // a path outside the API, answered by the web server in front of it
	}
	var v map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &v); err != nil {
		t.Fatalf("status %d answer is not a JSON object: %v: %q", rec.Code, err, rec.Body.String())
	}
	if rec.Code >= 400 && (v["code"] == nil || v["status"] != float64(rec.Code)) {
		t.Fatalf("error answer without code or matching status: %q", rec.Body.String())
	}
}

func FuzzUpdateForm(f *testing.F) {
	for _, seed := range []string{
		"", "Muted=true", "Hold=false&Muted=true", "Coaching=true&CallSidToCoach=" + fuzzOther,
		"Coaching=true", "AnnounceUrl=https://example.com/a&AnnounceMethod=GET", "HoldUrl=%zz",
		"Muted=true&Muted=false", "WaitUrl=http://[::1", "CallSidToCoach=" + fuzzCall, "x=y&&&=",
	} {
		f.Add(seed)
	}
	path := participantURI(DefaultProjectID, fuzzConference, fuzzCall)
	f.Fuzz(func(t *testing.T, body string) {
		s := fuzzServer()
		req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(body))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.SetBasicAuth(DefaultProjectID, DefaultAPIToken)
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		checkJSONAnswer(t, rec)
		if rec.Code != http.StatusOK {
			return
		}
		st, ok := s.Participant(fuzzConference, fuzzCall)
		if !ok || (st.Coaching && st.CallSIDToCoach == "") || (st.CallSIDToCoach != "" && st.CallSIDToCoach != fuzzOther) {
			t.Fatalf("accepted update left an inconsistent participant: %+v", st)
		}
	})
}

func FuzzParticipantPath(f *testing.F) {
	base := participantsPath(DefaultProjectID, fuzzConference)
	for _, seed := range []string{
		base, base + ".json", base + "/" + fuzzCall, base + "/" + fuzzCall + ".json", base + "//",
		conferencesPath(DefaultProjectID) + ".json", BasePath + "/Accounts", "/", AdminPrefix + "requests",
	} {
		f.Add("GET", seed, "PageSize=2")
	}
	f.Add("DELETE", base+"/"+fuzzCall, "")
	f.Fuzz(func(t *testing.T, method, path, query string) {
		switch method {
		case http.MethodGet, http.MethodPost, http.MethodDelete, http.MethodPut:
		default:
			method = http.MethodGet
		}
		s := fuzzServer()
		req := httptest.NewRequest(method, "/", nil)
		req.URL = &url.URL{Path: path, RawQuery: query}
		req.SetBasicAuth(DefaultProjectID, DefaultAPIToken)
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		checkJSONAnswer(t, rec)
	})
}

func BenchmarkUpdateParticipant(b *testing.B) {
	s := New(Options{})
	if err := s.LoadSeed(strings.NewReader(`{"generate": {"conferences": 1000, "participants_per_conference": 1}}`)); err != nil {
		b.Fatal(err)
	}
	conf := s.conferenceSIDs()[500]
	call := s.Participants(conf)[0].CallSID
	path := participantURI(DefaultProjectID, conf, call)
	bodies := []string{"Muted=true&Hold=false", "Muted=false&Hold=true"}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if i%4096 == 0 {
			s.ResetRequests()
		}
		req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(bodies[i%2]))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.SetBasicAuth(DefaultProjectID, DefaultAPIToken)
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("status %d: %s", rec.Code, rec.Body)
		}
	}
}
