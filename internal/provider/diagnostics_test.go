package provider

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/seed177019bb/terraform-provider-signalwire/internal/client"
	"github.com/seed177019bb/terraform-provider-signalwire/internal/sidtypes"
)

const (
	diagConference = "5d0c3b8e-2f4a-4c61-9a7e-1b2c3d4e5f60"
	diagCall       = "a1b2c3d4-0001-4a5b-8c9d-0e1f2a3b4c5d"
)

// TestParticipantErrorDetails drives the real client against a server that
// misbehaves and checks the diagnostic says what happened and what to do.
func TestParticipantErrorDetails(t *testing.T) {
	t.Parallel()
	announce := client.UpdateParticipantParams{AnnounceURL: ptrTo("https://example.com/welcome.xml")}
	mute := client.UpdateParticipantParams{Muted: ptrTo(true)}
	cases := []struct {
		name    string
		handler http.HandlerFunc
		params  client.UpdateParticipantParams
		timeout time.Duration
		maxRate float64 // with it, a first request takes the one token
		want    []string
		notWant []string
	}{
		{
			name:    "announcement after 500",
			handler: answer(http.StatusInternalServerError, `{"code":20504,"message":"Internal error","status":500}`),
			params:  announce,
			timeout: time.Minute,
			want: []string{"call " + diagCall + " in conference " + diagConference, "carried announce_url",
				"HTTP 500 Internal Server Error, code 20504: Internal error", "not retried", "may already have played",
				"remove announce_url"},
		},
		{
			name:    "announcement after a dropped connection",
			handler: dropConn,
			params:  announce,
			timeout: time.Minute,
			want:    []string{"carried announce_url", "request failed after 1 attempt", "may already have played"},
		},
		{
			name:    "settings after 500 are retried, no announcement advice",
			handler: answer(http.StatusInternalServerError, `{"code":20504,"message":"Internal error","status":500}`),
			params:  mute,
			timeout: time.Minute,
			want:    []string{"HTTP 500 Internal Server Error, code 20504: Internal error"},
			notWant: []string{"announce"},
		},
		{
			name:    "timeout",
			handler: stall,
			params:  mute,
			timeout: 50 * time.Millisecond,
			want: []string{"Create of call " + diagCall + " in conference " + diagConference,
				"did not finish within its 50ms timeout", "Raise timeouts.create"},
			notWant: []string{"announce"},
		},
		{
			name:    "throttled until the timeout",
			handler: answer(http.StatusTooManyRequests, `{"code":20429,"message":"Too Many Requests","status":429}`),
			params:  mute,
			timeout: 100 * time.Millisecond,
			want: []string{"did not finish within its 100ms timeout", "The request was sent", "with HTTP 429 (rate limited)",
				"retries until the timeout", "Raise timeouts.create"},
			notWant: []string{"max_retries", "max_requests_per_second"},
		},
		{
			name:    "waiting for max_requests_per_second",
			handler: answer(http.StatusOK, `{}`),
			params:  mute,
			timeout: 50 * time.Millisecond,
			maxRate: client.MinRequestsPerSecond,
			want: []string{"did not finish within its 50ms timeout", "went waiting for max_requests_per_second (0.01)",
				"raise that (or SIGNALWIRE_MAX_REQUESTS_PER_SECOND)", "Raise timeouts.create"},
			notWant: []string{"The request was sent"},
		},
		{
			name:    "server errors use up max_retries",
			handler: answer(http.StatusServiceUnavailable, `{"code":20503,"message":"Service Unavailable","status":503}`),
			params:  mute,
			timeout: time.Minute,
			want: []string{"HTTP 503 Service Unavailable, code 20503: Service Unavailable", "The request was sent 2 times over",
				"used all 1 retries max_retries allows", "raise max_retries (or SIGNALWIRE_MAX_RETRIES)"},
			notWant: []string{"429", "timeouts"},
		},
		{
			name:    "connection errors use up max_retries",
			handler: dropConn,
			params:  mute,
			timeout: time.Minute,
			want: []string{"No answer came from the API", "The request was sent 2 times over",
				"used all 1 retries max_retries allows"},
			notWant: []string{"MaxRetries", "gave up"},
		},
		{
			name:    "timeout with an announcement in flight",
			handler: stall,
			params:  announce,
			timeout: 50 * time.Millisecond,
			want:    []string{"did not finish within its 50ms timeout", "Raise timeouts.create", "may already have played"},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := httptest.NewServer(tc.handler)
			t.Cleanup(srv.Close)
			c, err := client.New(client.Config{SpaceURL: srv.URL, ProjectID: diagConference, APIToken: "PTx",
				MaxRetries: 1, RetryWaitMin: time.Millisecond, RetryWaitMax: time.Millisecond, MaxRequestsPerSecond: tc.maxRate})
			if err != nil {
				t.Fatal(err)
			}
			if tc.maxRate > 0 {
				_, _ = c.GetParticipant(context.Background(), diagConference, diagConference, diagCall)
			}
			ctx, cancel := context.WithTimeout(context.Background(), tc.timeout)
			defer cancel()
			_, err = c.UpdateParticipant(ctx, diagConference, diagConference, diagCall, tc.params)
			if err == nil {
				t.Fatal("the update succeeded")
			}
			m := &participantModel{participantData: participantData{
				ConferenceSID: sidtypes.NewSIDValue(diagConference), CallSID: sidtypes.NewSIDValue(diagCall),
			}}
			data := &providerData{client: c, spaceSource: envSpace}
			d := data.participantError(ctx, "Create", m, tc.timeout, err)
			if d.Summary() != "Unable to Create Conference Participant" {
				t.Errorf("summary = %q", d.Summary())
			}
			for _, want := range tc.want {
				if !strings.Contains(d.Detail(), want) {
					t.Errorf("detail lacks %q:\n%s", want, d.Detail())
				}
			}
			for _, bad := range tc.notWant {
				if strings.Contains(d.Detail(), bad) {
					t.Errorf("detail mentions %q:\n%s", bad, d.Detail())
				}
			}
		})
	}
}

func answer(status int, body string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = w.Write([]byte(body))
	}
}

func dropConn(w http.ResponseWriter, _ *http.Request) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	_ = conn.Close()
}

// stall answers only when the client gives up. The body is read first:
// net/http notices a closed connection only once the body has been consumed.
func stall(_ http.ResponseWriter, r *http.Request) {
	_, _ = io.Copy(io.Discard, r.Body)
	<-r.Context().Done()
}

func ptrTo[T any](v T) *T { return &v }
