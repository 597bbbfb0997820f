package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
)

const documentedNotFound = `{"code":20404,"message":"The requested resource was not found",` +
	`"more_info":"https://signalwire.com/docs/compatibility-api/reference/errors","status":404}`

func TestConfirmsNotFound(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		status int
		body   string
		want   bool
	}{
		{"documented", 404, documentedNotFound, true},
		{"string code", 404, strings.Replace(documentedNotFound, `20404`, `"20404"`, 1), false},
		{"another code", 404, strings.Replace(documentedNotFound, `20404`, `10000`, 1), false},
		{"status member disagrees", 404, strings.Replace(documentedNotFound, `"status":404`, `"status":400`, 1), false},
		{"extra member", 404, strings.Replace(documentedNotFound, `{`, `{"detail":"x",`, 1), false},
		{"missing more_info", 404, `{"code":20404,"message":"Not found","status":404}`, false},
		{"foreign shape", 404, `{"error":"Not Found"}`, false},
		{"errors array", 404, `{"errors":[{"code":"20404","detail":"not found"}]}`, false},
		{"empty", 404, ``, false},
		{"html", 404, `<html><body><h1>404 Not Found</h1></body></html>`, false},
		{"documented body on another status", 400, strings.ReplaceAll(documentedNotFound, "404", "400"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := decodeError(tt.status, []byte(tt.body), "GET", "/p")
			e.documented = isDocumentedError(tt.status, []byte(tt.body))
			if got := e.ConfirmsNotFound(); got != tt.want {
				t.Fatalf("ConfirmsNotFound() = %v, want %v for %s", got, tt.want, tt.body)
			}
		})
	}
}

type answer struct {
	status int
	body   string
}

// notFoundServer answers requests under /Participants/ with participant and
// those to the conference with conference, as status and body, and logs
// their methods and paths.
func notFoundServer(t *testing.T, participant, conference answer) (*testServer, *[]string) {
	var log []string
	srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request) {
		log = append(log, r.Method+" "+r.URL.Path)
		a := conference
		if strings.Contains(r.URL.Path, "/Participants/") {
			a = participant
		}
		w.WriteHeader(a.status)
		fmt.Fprint(w, a.body)
	})
	return srv, &log
}

// TestSettleNotFound: a participant leaves only on the API's own not-found
// answer, or on any 404 when one GET of its conference then succeeds; when
// the conference cannot be read either, the error says nothing is proven.
// The same holds for GET, POST and DELETE.
func TestSettleNotFound(t *testing.T) {
	conferenceOK := answer{200, `{"sid":"` + testConference + `","status":"in-progress"}`}
	htmlNotFound := answer{404, `<html><body><h1>404 Not Found</h1></body></html>`}
	tests := []struct {
		name                    string
		participant, conference answer
		wantGone, wantUnproven  bool
		wantRequests            int
	}{
		{"documented not found", answer{404, documentedNotFound}, htmlNotFound, true, false, 1},
		{"empty 404, conference answers", answer{404, ""}, conferenceOK, true, false, 2},
		{"html 404, conference answers", htmlNotFound, conferenceOK, true, false, 2},
		{"foreign json 404, conference answers", answer{404, `{"error":"Not Found"}`}, conferenceOK, true, false, 2},
		{"empty 404, conference 404 too", answer{404, ""}, answer{404, ""}, false, true, 2},
		{"html 404, conference html 404", htmlNotFound, htmlNotFound, false, true, 2},
		{"another code, conference documented 404", answer{404, strings.Replace(documentedNotFound, "20404", "10000", 1)},
			answer{404, documentedNotFound}, false, true, 2},
		{"not a 404", answer{400, `{"code":10000,"message":"bad","more_info":"x","status":400}`}, conferenceOK, false, false, 1},
	}
	calls := map[string]func(c *Client) error{
		"GET": func(c *Client) error {
			_, err := c.GetParticipant(context.Background(), "", testConference, testCall)
			return err
		},
		"POST": func(c *Client) error {
			_, err := c.UpdateParticipant(context.Background(), "", testConference, testCall,
				UpdateParticipantParams{Muted: ptr(true), AnnounceURL: ptr("https://example.com/a.xml")})
			return err
		},
		"DELETE": func(c *Client) error {
			return c.DeleteParticipant(context.Background(), "", testConference, testCall)
		},
	}
	for _, tt := range tests {
		for method, call := range calls {
			t.Run(tt.name+"/"+method, func(t *testing.T) {
				srv, log := notFoundServer(t, tt.participant, tt.conference)
				c := newTestClient(t, srv.URL, func(cfg *Config) { cfg.MaxRetries = 0 })
				err := call(c)
				var unproven *UnconfirmedNotFoundError
				if err == nil || IsParticipantGone(err) != tt.wantGone || errors.As(err, &unproven) != tt.wantUnproven {
					t.Fatalf("err = %v; want gone %v, unconfirmed %v", err, tt.wantGone, tt.wantUnproven)
				}
				if len(*log) != tt.wantRequests {
					t.Fatalf("requests %q, want %d", *log, tt.wantRequests)
				}
				if tt.wantRequests == 2 && (*log)[1] != "GET "+c.apiPath("Accounts", testProject, "Conferences", testConference) {
					t.Fatalf("second request %q, want a GET of the conference", (*log)[1])
				}
				if tt.wantUnproven && !strings.Contains(err.Error(), "not the API's documented not-found answer") {
					t.Fatalf("the error does not say the 404 proves nothing: %v", err)
				}
			})
		}
	}
}
