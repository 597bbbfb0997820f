package fakeapi

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"
)

type conferencePage struct {
	NextPageURI *string          `json:"next_page_uri"`
	Conferences []conferenceJSON `json:"conferences"`
}

func (p conferencePage) names() []string {
	var out []string
	for _, c := range p.Conferences {
		out = append(out, c.FriendlyName)
	}
	return out
}

func TestGetConferenceJSON(t *testing.T) {
	h := newHarness(t)
	resp, body := h.do(http.MethodGet, conferencesPath(DefaultProjectID)+"/"+h.conf+".json", nil)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d: %s", resp.StatusCode, body)
	}
	want := []string{"account_sid", "api_version", "date_created", "date_updated", "friendly_name",
		"region", "sid", "status", "subresource_uris", "uri"}
	if got := jsonKeys(t, body); !slices.Equal(got, want) {
		t.Fatalf("keys %v, want %v", got, want)
	}
	var c conferenceJSON
	_ = json.Unmarshal(body, &c)
	base := BasePath + "/Accounts/" + DefaultProjectID + "/Conferences/" + h.conf
	wantConf := conferenceJSON{
		SID: h.conf, AccountSID: DefaultProjectID,
		DateCreated: "Thu, 15 Jan 2026 10:00:00 +0000", DateUpdated: "Thu, 15 Jan 2026 10:00:00 +0000",
		FriendlyName: "support-room", Status: "in-progress", APIVersion: "2010-04-01", Region: "us1",
		URI:             base + ".json",
		SubresourceURIs: conferenceSubresURIs{Participants: base + "/Participants.json", Recordings: base + "/Recordings.json"},
	}
	if c != wantConf {
		t.Fatalf("conference\n got %+v\nwant %+v", c, wantConf)
	}
}

func TestListConferenceFilters(t *testing.T) {
	h := newHarness(t) // support-room, 2026-01-15, in-progress
	h.srv.AddConference(ConferenceSeed{FriendlyName: "sales", Status: StatusInit, DateCreated: epoch.AddDate(0, 0, -2)})
	done := h.srv.AddConference(ConferenceSeed{FriendlyName: "standup", DateCreated: epoch.AddDate(0, 0, -1)})
	h.clock.Advance(48 * time.Hour)
	h.srv.SetConferenceStatus(done, StatusCompleted) // updated 2026-01-17

	tests := []struct {
		query string
		want  []string
	}{
		{"", []string{"sales", "standup", "support-room"}},
		{"FriendlyName=support-room", []string{"support-room"}},
		{"FriendlyName=support", nil},
		{"Status=completed", []string{"standup"}},
		{"Status=init", []string{"sales"}},
		{"Status=in-progress&FriendlyName=support-room", []string{"support-room"}},
		{"DateCreated=2026-01-14", []string{"standup"}},
		{"DateCreated%3C=2026-01-15", []string{"sales", "standup"}},
		{"DateCreated%3E=2026-01-13", []string{"standup", "support-room"}},
		{"DateCreated>=2026-01-13&DateCreated<=2026-01-15", []string{"standup"}},
		{"DateUpdated=2026-01-17", []string{"standup"}},
		{"DateUpdated<=2026-01-17", []string{"sales", "support-room"}},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			var page conferencePage
			h.get(conferencesPath(DefaultProjectID)+"?"+tt.query, &page)
			if got := page.names(); !slices.Equal(got, tt.want) {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
		})
	}
	for _, bad := range []string{"Status=running", "DateCreated=15/01/2026", "DateUpdated>=yesterday"} {
		resp, body := h.do(http.MethodGet, conferencesPath(DefaultProjectID)+"?"+bad, nil)
		expectError(t, resp, body, http.StatusBadRequest, CodeInvalidArgument)
	}
}

func TestListConferencesPages(t *testing.T) {
	h := newHarness(t)
	if err := h.srv.LoadSeed(strings.NewReader(`{"generate": {"conferences": 120}}`)); err != nil {
		t.Fatal(err)
	}
	var seen []string
	path := conferencesPath(DefaultProjectID) + ".json?PageSize=50&Status=in-progress"
	for path != "" {
		var page conferencePage
		h.get(path, &page)
		for _, c := range page.Conferences {
			seen = append(seen, c.SID)
		}
		path = ""
		if page.NextPageURI != nil {
			path = *page.NextPageURI
		}
	}
	slices.Sort(seen)
	if len(seen) != 121 || len(slices.Compact(seen)) != 121 {
		t.Fatalf("walked %d conferences, want 121 distinct", len(seen))
	}
}

func TestSetConferenceStatusPanicsOnUnknown(t *testing.T) {
	h := newHarness(t)
	for name, f := range map[string]func(){
		"unknown conference": func() { h.srv.SetConferenceStatus("nope", StatusCompleted) },
		"unknown status":     func() { h.srv.SetConferenceStatus(h.conf, "running") },
		"unknown parent":     func() { h.srv.AddParticipant(ParticipantSeed{ConferenceSID: "nope"}) },
		"duplicate sid":      func() { h.srv.AddConference(ConferenceSeed{SID: h.conf}) },
	} {
		t.Run(name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Fatal("no panic")
				}
			}()
			f()
		})
	}
}
