package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestParticipantRequiresEveryMember: a participant without any one member
// the OpenAPI document requires is refused, so an absent field never reads
// as false or empty; a null call_sid_to_coach is a member like any other.
func TestParticipantRequiresEveryMember(t *testing.T) {
	t.Parallel()
	full := participantJSON(testCall, true)
	var p Participant
	if err := json.Unmarshal([]byte(full), &p); err != nil || !p.Muted || p.CallSID != testCall {
		t.Fatalf("full participant: %+v, %v", p, err)
	}
	var members map[string]json.RawMessage
	if err := json.Unmarshal([]byte(full), &members); err != nil {
		t.Fatal(err)
	}
	if len(members) != len(participantMembers) || len(participantMembers) != 13 {
		t.Fatalf("the test participant has %d members, the type %d, the OpenAPI 13", len(members), len(participantMembers))
	}
	for _, name := range participantMembers {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			partial := map[string]json.RawMessage{}
			for k, v := range members {
				if k != name {
					partial[k] = v
				}
			}
			body, _ := json.Marshal(partial)
			var p Participant
			if err := json.Unmarshal(body, &p); err == nil || !strings.Contains(err.Error(), "lacks "+name) {
				t.Fatalf("a participant without %s: err = %v", name, err)
			}
		})
	}
}

// TestUpdateOutcomeUnknown: a POST answered 2xx with a body that cannot be
// used, or whose connection is lost after it was sent, comes back as an
// *OutcomeUnknownError, Processed only for the 2xx, with or without an
// announcement; other failures keep their own errors.
func TestUpdateOutcomeUnknown(t *testing.T) {
	announce := UpdateParticipantParams{Muted: ptr(true), AnnounceURL: ptr("https://example.com/a.xml")}
	settings := UpdateParticipantParams{Muted: ptr(true)}
	full := participantJSON(testCall, true)
	answer := func(body string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, body) }
	}
	tests := []struct {
		name          string
		handler       http.HandlerFunc
		params        UpdateParticipantParams
		wantUnknown   bool
		wantProcessed bool
		wantCalls     int
	}{
		{"empty 200", answer(""), announce, true, true, 1},
		{"empty 200 without announcement", answer(""), settings, true, true, 1},
		{"truncated", answer(full[:len(full)/2]), announce, true, true, 1},
		{"not json", answer("<html><body>OK</body></html>"), announce, true, true, 1},
		{"missing fields", answer(`{"account_sid":"` + testProject + `","call_sid":"` + testCall + `"}`), settings, true, true, 1},
		{"dropped with announcement", func(w http.ResponseWriter, r *http.Request) { hangUp(w) }, announce, true, false, 1},
		{"dropped without announcement, after every retry", func(w http.ResponseWriter, r *http.Request) { hangUp(w) }, settings, true, false, 4},
		{"usable answer", answer(full), announce, false, false, 1},
		{"refused", func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(http.StatusUnprocessableEntity)
			fmt.Fprint(w, `{"code":21402,"message":"bad url","more_info":"x","status":422}`)
		}, announce, false, false, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newTestServer(t, tt.handler)
			c := newTestClient(t, srv.URL, nil) // MaxRetries 3
			_, err := c.UpdateParticipant(context.Background(), "", testConference, testCall, tt.params)
			var unknown *OutcomeUnknownError
			if errors.As(err, &unknown) != tt.wantUnknown || (tt.wantUnknown && unknown.Processed != tt.wantProcessed) {
				t.Fatalf("err = %v (%T); want unknown %v, processed %v", err, err, tt.wantUnknown, tt.wantProcessed)
			}
			if tt.wantProcessed && !errors.Is(err, ErrUnusableAnswer) {
				t.Errorf("a 2xx without a usable body should wrap ErrUnusableAnswer: %v", err)
			}
			if srv.count() != tt.wantCalls {
				t.Errorf("%d requests, want %d", srv.count(), tt.wantCalls)
			}
		})
	}
}

// TestUpdateOutcomeKnownFailures: a request that never left (refused
// connection) and one cut short by its deadline are not unknown outcomes.
func TestUpdateOutcomeKnownFailures(t *testing.T) {
	c := newTestClient(t, "http://"+closedPort(t), func(cfg *Config) { cfg.MaxRetries = 0 })
	_, err := c.UpdateParticipant(context.Background(), "", testConference, testCall, UpdateParticipantParams{Muted: ptr(true)})
	var unknown *OutcomeUnknownError
	if err == nil || errors.As(err, &unknown) {
		t.Fatalf("refused connection: err = %v, want a known failure", err)
	}

	srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	})
	c = newTestClient(t, srv.URL, nil)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel()
	_, err = c.UpdateParticipant(ctx, "", testConference, testCall, UpdateParticipantParams{Muted: ptr(true)})
	if !errors.Is(err, context.DeadlineExceeded) || errors.As(err, &unknown) {
		t.Fatalf("deadline: err = %v, want the deadline itself", err)
	}
}
