package client

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestUpdateParticipantParamsEncode(t *testing.T) {
	tests := []struct {
		name string
		in   UpdateParticipantParams
		want url.Values
	}{
		{name: "empty", in: UpdateParticipantParams{}, want: url.Values{}},
		{name: "false is sent", in: UpdateParticipantParams{Muted: ptr(false)}, want: url.Values{"Muted": {"false"}}},
		{name: "bools", in: UpdateParticipantParams{Muted: ptr(true), Hold: ptr(false), Coaching: ptr(true)},
			want: url.Values{"Muted": {"true"}, "Hold": {"false"}, "Coaching": {"true"}}},
		{
			name: "all",
			in: UpdateParticipantParams{
				Muted: ptr(true), Hold: ptr(true), Coaching: ptr(true), CallSIDToCoach: ptr("coach"),
				AnnounceURL: ptr("https://a.example/a"), AnnounceMethod: ptr("GET"),
				HoldURL: ptr("https://a.example/h"), HoldMethod: ptr("POST"),
				WaitURL: ptr("https://a.example/w"), WaitMethod: ptr("GET"),
			},
			want: url.Values{
				"Muted": {"true"}, "Hold": {"true"}, "Coaching": {"true"}, "CallSidToCoach": {"coach"},
				"AnnounceUrl": {"https://a.example/a"}, "AnnounceMethod": {"GET"},
				"HoldUrl": {"https://a.example/h"}, "HoldMethod": {"POST"},
				"WaitUrl": {"https://a.example/w"}, "WaitMethod": {"GET"},
			},
		},
		{name: "empty string is sent", in: UpdateParticipantParams{WaitURL: ptr("")}, want: url.Values{"WaitUrl": {""}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.in.Encode(); !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("Encode() = %v, want %v", got, tt.want)
			}
			if got, want := tt.in.IsEmpty(), len(tt.want) == 0; got != want {
				t.Fatalf("IsEmpty() = %v, want %v", got, want)
			}
		})
	}
}

// TestEveryFieldIsSent sets each field of UpdateParticipantParams alone, by
// reflection, so a field added without a form tag fails here instead of
// being dropped from the request in silence.
func TestEveryFieldIsSent(t *testing.T) {
	rt := reflect.TypeFor[UpdateParticipantParams]()
	for i := range rt.NumField() {
		field := rt.Field(i)
		var p UpdateParticipantParams
		f := reflect.ValueOf(&p).Elem().Field(i)
		f.Set(reflect.New(field.Type.Elem()))
		got := p.Encode()
		if p.IsEmpty() || len(got) != 1 || !got.Has(field.Tag.Get("form")) {
			t.Errorf("%s alone: IsEmpty=%v Encode=%v; want only its form tag %q", field.Name, p.IsEmpty(), got, field.Tag.Get("form"))
		}
	}
}

type seenRequest struct {
	method, path, query, auth, userAgent, accept, contentType string
	body                                                      string
	contentLength                                             int64
}

func recordRequests(t *testing.T, respond func(w http.ResponseWriter, r *http.Request)) (*testServer, func() []seenRequest) {
	var mu sync.Mutex
	var seen []seenRequest
	srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		mu.Lock()
		seen = append(seen, seenRequest{
			method: r.Method, path: r.URL.Path, query: r.URL.RawQuery, auth: r.Header.Get("Authorization"),
			userAgent: r.UserAgent(), accept: r.Header.Get("Accept"), contentType: r.Header.Get("Content-Type"),
			body: string(body), contentLength: r.ContentLength,
		})
		mu.Unlock()
		respond(w, r)
	})
	return srv, func() []seenRequest {
		mu.Lock()
		defer mu.Unlock()
		return append([]seenRequest(nil), seen...)
	}
}

func TestParticipantRequests(t *testing.T) {
	srv, seen := recordRequests(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodDelete {
			w.WriteHeader(http.StatusNoContent)
			return
		}
		fmt.Fprint(w, participantJSON(testCall, true))
	})
	c := newTestClient(t, srv.URL, nil)
	ctx := context.Background()
	wantPath := "/api/laml/2010-04-01/Accounts/" + testProject + "/Conferences/" + testConference + "/Participants/" + testCall

	p, err := c.GetParticipant(ctx, "", testConference, testCall)
	if err != nil {
		t.Fatalf("GetParticipant: %v", err)
	}
	want := Participant{
		AccountSID: testProject, CallSID: testCall, ConferenceSID: testConference, Status: "in-progress",
		Muted: true, StartConferenceOnEnter: true,
		URI: "/api/laml/2010-04-01/Accounts/" + testProject + "/Conferences/" + testConference + "/Participants/" + testCall + ".json",
	}
	if got := *p; got.DateCreated.String() != "Mon, 24 Sep 2018 21:00:00 +0000" || got.DateUpdated.IsZero() {
		t.Fatalf("dates = %v / %v", got.DateCreated, got.DateUpdated)
	}
	p.DateCreated, p.DateUpdated = Timestamp{}, Timestamp{}
	if *p != want {
		t.Fatalf("participant = %+v, want %+v", *p, want)
	}

	if _, err := c.UpdateParticipant(ctx, testProject, testConference, testCall,
		UpdateParticipantParams{Muted: ptr(false), HoldURL: ptr("https://h.example/x?a=1&b=2")}); err != nil {
		t.Fatalf("UpdateParticipant: %v", err)
	}
	if err := c.DeleteParticipant(ctx, testProject, testConference, testCall); err != nil {
		t.Fatalf("DeleteParticipant: %v", err)
	}

	reqs := seen()
	if len(reqs) != 3 {
		t.Fatalf("got %d requests", len(reqs))
	}
	for i, r := range reqs {
		if r.path != wantPath || r.auth != "Basic "+basicCredentials() || r.userAgent != "client-test/1.0" || r.accept != "application/json" {
			t.Errorf("request %d = %+v", i, r)
		}
	}
	if get := reqs[0]; get.method != "GET" || get.body != "" || get.contentLength != 0 || get.contentType != "" {
		t.Errorf("GET sent a body or content type: %+v", get)
	}
	post := reqs[1]
	form, _ := url.ParseQuery(post.body)
	if post.method != "POST" || post.contentType != "application/x-www-form-urlencoded" ||
		!reflect.DeepEqual(form, url.Values{"Muted": {"false"}, "HoldUrl": {"https://h.example/x?a=1&b=2"}}) {
		t.Errorf("POST = %+v (form %v)", post, form)
	}
	if del := reqs[2]; del.method != "DELETE" || del.body != "" {
		t.Errorf("DELETE = %+v", del)
	}
}

func TestParticipantArgumentValidation(t *testing.T) {
	srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request) {})
	c := newTestClient(t, srv.URL, nil)
	ctx := context.Background()
	errs := []error{
		func() error { _, err := c.GetParticipant(ctx, "", "", testCall); return err }(),
		func() error { _, err := c.GetParticipant(ctx, "", testConference, ""); return err }(),
		func() error {
			_, err := c.UpdateParticipant(ctx, "", testConference, "", UpdateParticipantParams{})
			return err
		}(),
		c.DeleteParticipant(ctx, "", testConference, ""),
		func() error { _, err := c.ListParticipants(ctx, "", "", ParticipantListFilter{}); return err }(),
		func() error { _, err := c.GetConference(ctx, "", ""); return err }(),
	}
	for i, err := range errs {
		if err == nil || !strings.Contains(err.Error(), "must not be empty") {
			t.Errorf("case %d: err = %v", i, err)
		}
	}
	if srv.count() != 0 {
		t.Fatalf("%d requests sent for invalid arguments", srv.count())
	}
}

func TestPathSegmentsAreEscaped(t *testing.T) {
	srv, seen := recordRequests(t, func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, participantJSON(testCall, false))
	})
	c := newTestClient(t, srv.URL, nil)
	if _, err := c.GetParticipant(context.Background(), "", "conf/../x", "call?x=1"); err != nil {
		t.Fatal(err)
	}
	r := seen()[0]
	if !strings.HasSuffix(r.path, "/Conferences/conf/../x/Participants/call?x=1") || r.query != "" {
		t.Fatalf("path %q query %q", r.path, r.query)
	}
}

func TestListParticipantsPaging(t *testing.T) {
	base := "/api/laml/2010-04-01/Accounts/" + testProject + "/Conferences/" + testConference + "/Participants"
	pages := map[string]struct {
		next  string
		calls []string
	}{
		"":    {next: `"` + base + `.json?Page=1&PageSize=1000&PageToken=PA1"`, calls: []string{"c1", "c2"}},
		"PA1": {next: `"https://elsewhere.example.com` + base + `.json?Page=2&PageSize=1000&PageToken=PA2"`, calls: []string{"c3"}},
		"PA2": {next: `null`, calls: []string{"c4", "c5"}},
	}
	srv, seen := recordRequests(t, func(w http.ResponseWriter, r *http.Request) {
		p, ok := pages[r.URL.Query().Get("PageToken")]
		if !ok || (r.URL.Path != base && r.URL.Path != base+".json") {
			w.WriteHeader(http.StatusNotFound)
			return
		}
		items := make([]string, len(p.calls))
		for i, sid := range p.calls {
			items[i] = participantJSON(sid, true)
		}
		fmt.Fprintf(w, `{"uri":%q,"first_page_uri":%q,"next_page_uri":%s,"previous_page_uri":null,"page":0,"page_size":1000,"participants":[%s]}`,
			r.URL.RequestURI(), base, p.next, strings.Join(items, ","))
	})
	c := newTestClient(t, srv.URL, nil)
	got, err := c.ListParticipants(context.Background(), "", testConference, ParticipantListFilter{Muted: ptr(true), Hold: ptr(false)})
	if err != nil {
		t.Fatalf("ListParticipants: %v", err)
	}
	var sids []string
	for _, p := range got {
		sids = append(sids, p.CallSID)
	}
	if !reflect.DeepEqual(sids, []string{"c1", "c2", "c3", "c4", "c5"}) {
		t.Fatalf("call SIDs = %v", sids)
	}
	reqs := seen()
	if len(reqs) != 3 {
		t.Fatalf("got %d requests, want 3", len(reqs))
	}
	first, _ := url.ParseQuery(reqs[0].query)
	if !reflect.DeepEqual(first, url.Values{"Muted": {"true"}, "Hold": {"false"}, "PageSize": {"1000"}}) || reqs[0].path != base {
		t.Fatalf("first request %s?%s", reqs[0].path, reqs[0].query)
	}
	if reqs[1].query != "Page=1&PageSize=1000&PageToken=PA1" || reqs[2].query != "Page=2&PageSize=1000&PageToken=PA2" {
		t.Fatalf("next page queries were rewritten: %q, %q", reqs[1].query, reqs[2].query)
	}
}

func TestListParticipantsStopsOnRepeatedPage(t *testing.T) {
	srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `{"next_page_uri":"/api/laml/2010-04-01/x?PageToken=PA1","participants":[]}`)
	})
	c := newTestClient(t, srv.URL, nil)
	_, err := c.ListParticipants(context.Background(), "", testConference, ParticipantListFilter{PageSize: 5})
	if err == nil || !strings.Contains(err.Error(), "repeats") {
		t.Fatalf("err = %v", err)
	}
	if srv.count() != 2 {
		t.Fatalf("%d requests, want 2", srv.count())
	}
}

func TestDecodeFailures(t *testing.T) {
	tests := map[string]string{"empty": "", "html": "<html>ok</html>", "truncated": `{"call_sid":`}
	for name, body := range tests {
		t.Run(name, func(t *testing.T) {
			srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, body) })
			c := newTestClient(t, srv.URL, nil)
			if _, err := c.GetParticipant(context.Background(), "", testConference, testCall); err == nil {
				t.Fatal("want error")
			} else if _, ok := AsAPIError(err); ok {
				t.Fatalf("a 200 decode failure should not be an APIError: %v", err)
			}
		})
	}
}

func TestOversizedResponse(t *testing.T) {
	srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request) {
		chunk := strings.Repeat(" ", 1<<20)
		for range 11 {
			fmt.Fprint(w, chunk)
		}
	})
	c := newTestClient(t, srv.URL, func(cfg *Config) { cfg.RetryWaitMax = time.Millisecond })
	_, err := c.GetParticipant(context.Background(), "", testConference, testCall)
	if err == nil || !strings.Contains(err.Error(), "exceeds") {
		t.Fatalf("err = %v", err)
	}
}

// TestListWithoutTheListMember: a 2xx list answer that lacks the list
// member ({}, or only the sids, as when a proxy or the API acknowledges
// without describing) is an unusable answer, never an empty list: a policy
// reading it as one would forget everyone it changed.
func TestListWithoutTheListMember(t *testing.T) {
	for _, body := range []string{`{}`, `{"account_sid":"` + testProject + `"}`, `{"participants":null,"conferences":null}`} {
		t.Run(body, func(t *testing.T) {
			srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, body) })
			c := newTestClient(t, srv.URL, nil)
			if list, err := c.ListParticipants(context.Background(), "", testConference, ParticipantListFilter{}); !errors.Is(err, ErrUnusableAnswer) {
				t.Errorf("ListParticipants = %v, %v; want an error wrapping ErrUnusableAnswer", list, err)
			}
			if list, err := c.ListConferences(context.Background(), "", ConferenceListFilter{}); !errors.Is(err, ErrUnusableAnswer) {
				t.Errorf("ListConferences = %v, %v; want an error wrapping ErrUnusableAnswer", list, err)
			}
		})
	}
}
