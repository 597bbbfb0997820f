package client

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"testing"
	"time"
)

func conferenceJSON(sid, name string) string {
	return fmt.Sprintf(`{"sid":%q,"account_sid":%q,"date_created":"Mon, 24 Sept 2018 21:00:00 +0000",`+
		`"date_updated":null,"friendly_name":%q,"status":"in-progress","api_version":"2010-04-01","region":"us1",`+
		`"uri":"/api/laml/2010-04-01/Accounts/%s/Conferences/%s.json",`+
		`"subresource_uris":{"participants":"/api/laml/2010-04-01/Accounts/%s/Conferences/%s/Participants.json"}}`,
		sid, testProject, name, testProject, sid, testProject, sid)
}

func TestGetConference(t *testing.T) {
	srv, seen := recordRequests(t, func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, conferenceJSON(testConference, "Room"))
	})
	c := newTestClient(t, srv.URL, nil)
	conf, err := c.GetConference(context.Background(), "", testConference)
	if err != nil {
		t.Fatal(err)
	}
	if conf.SID != testConference || conf.FriendlyName != "Room" || conf.Status != "in-progress" || conf.Region != "us1" ||
		!conf.DateCreated.Time.Equal(time.Date(2018, 9, 24, 21, 0, 0, 0, time.UTC)) || !conf.DateUpdated.IsZero() ||
		conf.SubresourceURIs["participants"] == "" {
		t.Fatalf("conference = %+v", conf)
	}
	if got, want := seen()[0].path, "/api/laml/2010-04-01/Accounts/"+testProject+"/Conferences/"+testConference; got != want {
		t.Fatalf("path = %q, want %q", got, want)
	}
}

func TestListConferences(t *testing.T) {
	base := "/api/laml/2010-04-01/Accounts/" + testProject + "/Conferences"
	srv, seen := recordRequests(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("PageToken") == "" {
			fmt.Fprintf(w, `{"next_page_uri":%q,"conferences":[%s]}`, base+".json?Page=1&PageToken=PA1", conferenceJSON("a", "Room"))
			return
		}
		fmt.Fprintf(w, `{"next_page_uri":"","conferences":[%s]}`, conferenceJSON("b", "Room"))
	})
	c := newTestClient(t, srv.URL, nil)
	got, err := c.ListConferences(context.Background(), testProject,
		ConferenceListFilter{FriendlyName: "Room", Status: "in-progress", PageSize: 20})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].SID != "a" || got[1].SID != "b" {
		t.Fatalf("conferences = %+v", got)
	}
	reqs := seen()
	first, _ := url.ParseQuery(reqs[0].query)
	if len(reqs) != 2 || reqs[0].path != base ||
		!reflect.DeepEqual(first, url.Values{"FriendlyName": {"Room"}, "Status": {"in-progress"}, "PageSize": {"20"}}) {
		t.Fatalf("requests = %+v", reqs)
	}

	if _, err := c.ListConferences(context.Background(), "", ConferenceListFilter{}); err != nil {
		t.Fatal(err)
	}
	if q := seen()[2].query; q != "PageSize=1000" {
		t.Fatalf("unfiltered query = %q", q)
	}
}
