package fakeapi

import (
	"encoding/json"
	"net/http"
	"reflect"
	"strings"
	"testing"
)

// TestAdminEndpointsAreServed keeps the documented list and the router one
// list: every documented endpoint answers, with neither 404 nor 405 for a
// missing route.
func TestAdminEndpointsAreServed(t *testing.T) {
	for _, e := range AdminEndpoints() {
		t.Run(e.Method+" "+e.Path, func(t *testing.T) {
			h := newHarness(t)
			call := h.addParticipant()
			path, _, _ := strings.Cut(e.Path, "?")
			path = strings.TrimSuffix(strings.TrimSuffix(path, "]"), "[")
			body := ""
			switch path {
			case AdminPrefix + "hangup":
				path += "?conference_sid=" + h.conf + "&call_sid=" + call
			case AdminPrefix + "seed":
				body = SeedExample()
			case AdminPrefix + "faults":
				body = FaultsExample()
			}
			req, _ := http.NewRequest(e.Method, h.ts.URL+path, strings.NewReader(body))
			resp, err := h.ts.Client().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK && resp.StatusCode != http.StatusNoContent {
				t.Fatalf("%s %s: %d", e.Method, path, resp.StatusCode)
			}
			if e.Does == "" {
				t.Fatal("no description")
			}
		})
	}
}

func TestSeedExampleLoadsAndShowsEveryField(t *testing.T) {
	var seed Seed
	if err := json.Unmarshal([]byte(SeedExample()), &seed); err != nil {
		t.Fatal(err)
	}
	srv := New(Options{})
	if err := srv.LoadSeed(strings.NewReader(SeedExample())); err != nil {
		t.Fatal(err)
	}
	if got := len(srv.Participants(seed.Conferences[0].SID)); got != 3 {
		t.Fatalf("%d participants seeded, want 3", got)
	}
	var participants []any
	for _, p := range seed.Conferences[0].Participants {
		participants = append(participants, p)
	}
	expectEveryFieldSet(t, seed.Conferences[0])
	expectEveryFieldSet(t, participants...)
	expectEveryFieldSet(t, *seed.Generate)
}

func TestFaultsExampleIsAcceptedAndShowsEveryFault(t *testing.T) {
	h := newHarness(t)
	resp, body := h.postAdminJSON(AdminPrefix+"faults", FaultsExample())
	if resp.StatusCode != http.StatusNoContent {
		t.Fatalf("%d %s", resp.StatusCode, body)
	}
	var cfg FaultsConfig
	if err := json.Unmarshal([]byte(FaultsExample()), &cfg); err != nil {
		t.Fatal(err)
	}
	expectEveryFieldSet(t, cfg)
	expectEveryFieldSet(t, cfg.Faults)
}

// expectEveryFieldSet fails when a field is zero in every one of values, so
// an example can't silently leave out a field added later.
func expectEveryFieldSet(t *testing.T, values ...any) {
	t.Helper()
	typ := reflect.TypeOf(values[0])
	for i := range typ.NumField() {
		set := false
		for _, v := range values {
			rv := reflect.ValueOf(v)
			if rv.Type() == typ && !rv.Field(i).IsZero() {
				set = true
			}
		}
		if !set {
			t.Errorf("%s.%s is not shown in the example", typ.Name(), typ.Field(i).Name)
		}
	}
}
