package client

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"
)

// TestRetryAfterHonoured: the wait the client logs before retrying a 429 is
// the Retry-After (capped at RetryWaitMax) plus at most half again, and the
// retry never reaches the server sooner. Only the lower bound is measured:
// a busy machine can make the gap longer, never shorter.
func TestRetryAfterHonoured(t *testing.T) {
	const waitMax = 200 * time.Millisecond
	tests := []struct {
		name       string
		retryAfter func() string
		lo, hi     time.Duration
	}{
		{name: "zero seconds", retryAfter: func() string { return "0" }},
		{name: "seconds capped at RetryWaitMax", retryAfter: func() string { return "1" }, lo: waitMax, hi: waitMax * 3 / 2},
		{name: "http date in the past", retryAfter: func() string { return time.Now().Add(-time.Hour).UTC().Format(http.TimeFormat) }},
		{name: "http date in the future", retryAfter: func() string { return time.Now().Add(time.Hour).UTC().Format(http.TimeFormat) }, lo: waitMax, hi: waitMax * 3 / 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var mu sync.Mutex
			var times []time.Time
			srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request) {
				mu.Lock()
				times = append(times, time.Now())
				n := len(times)
				mu.Unlock()
				if n == 1 {
					w.Header().Set("Retry-After", tt.retryAfter())
					w.WriteHeader(http.StatusTooManyRequests)
					return
				}
				fmt.Fprint(w, participantJSON(testCall, false))
			})
			logger := &recordingLogger{}
			c := newTestClient(t, srv.URL, func(cfg *Config) {
				cfg.RetryWaitMin = time.Millisecond
				cfg.RetryWaitMax = waitMax
				cfg.Logger = logger
			})
			if _, err := c.GetParticipant(context.Background(), "", testConference, testCall); err != nil {
				t.Fatal(err)
			}
			mu.Lock()
			defer mu.Unlock()
			if len(times) != 2 {
				t.Fatalf("%d requests, want 2", len(times))
			}
			wait := loggedWaits(t, logger)[0]
			if wait < tt.lo || wait > tt.hi {
				t.Errorf("logged wait %v, want between %v and %v", wait, tt.lo, tt.hi)
			}
			if gap := times[1].Sub(times[0]); gap < wait {
				t.Errorf("retried %v after the 429, sooner than the %v wait", gap, wait)
			}
		})
	}
}

// loggedWaits are the waits of the retry warnings, in order.
func loggedWaits(t *testing.T, logger *recordingLogger) []time.Duration {
	t.Helper()
	var out []time.Duration
	for _, e := range logger.all() {
		if e.level != "warn" {
			continue
		}
		d, err := time.ParseDuration(fmt.Sprint(e.fields["wait"]))
		if err != nil {
			t.Fatalf("retry warning without a wait: %v", e.fields)
		}
		out = append(out, d)
	}
	if len(out) == 0 {
		t.Fatal("no retry was logged")
	}
	return out
}

func TestBackoff(t *testing.T) {
	const none = -1
	tests := []struct {
		name       string
		min, max   time.Duration
		attempt    int
		retryAfter time.Duration
		lo, hi     time.Duration // with no jitter, and with the most jitter
	}{
		{name: "first", min: time.Second, max: 30 * time.Second, attempt: 0, retryAfter: none, lo: time.Second, hi: time.Second},
		{name: "second", min: time.Second, max: 30 * time.Second, attempt: 1, retryAfter: none, lo: time.Second, hi: 2 * time.Second},
		{name: "third", min: time.Second, max: 30 * time.Second, attempt: 2, retryAfter: none, lo: 2 * time.Second, hi: 4 * time.Second},
		{name: "capped", min: time.Second, max: 30 * time.Second, attempt: 10, retryAfter: none, lo: 15 * time.Second, hi: 30 * time.Second},
		{name: "huge attempt", min: time.Second, max: 30 * time.Second, attempt: 1000, retryAfter: none, lo: 15 * time.Second, hi: 30 * time.Second},
		{name: "max below min", min: time.Second, max: time.Millisecond, attempt: 3, retryAfter: none, lo: time.Second, hi: time.Second},
		{name: "retry-after spread by half", min: time.Second, max: 30 * time.Second, retryAfter: 7 * time.Second, lo: 7 * time.Second, hi: 10500 * time.Millisecond},
		{name: "retry-after capped", min: time.Second, max: 30 * time.Second, retryAfter: time.Hour, lo: 30 * time.Second, hi: 45 * time.Second},
		{name: "retry-after zero", min: time.Second, max: 30 * time.Second, retryAfter: 0, lo: 0, hi: 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			noJitter := func(time.Duration) time.Duration { return 0 }
			allJitter := func(d time.Duration) time.Duration { return d }
			if got := backoff(tt.min, tt.max, tt.attempt, tt.retryAfter, noJitter); got != tt.lo {
				t.Errorf("without jitter: %v, want %v", got, tt.lo)
			}
			if got := backoff(tt.min, tt.max, tt.attempt, tt.retryAfter, allJitter); got != tt.hi {
				t.Errorf("with the most jitter: %v, want %v", got, tt.hi)
			}
			for range 50 {
				if got := backoff(tt.min, tt.max, tt.attempt, tt.retryAfter, uniformJitter); got < tt.lo || got > tt.hi {
					t.Fatalf("backoff = %v, want in [%v, %v]", got, tt.lo, tt.hi)
				}
			}
		})
	}
}

func TestRetryAfterParsing(t *testing.T) {
	now := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		value string
		want  time.Duration // -1: not usable
	}{
		{"7", 7 * time.Second},
		{" 0 ", 0},
		{"-5", -1},
		{"soon", -1},
		{"", -1},
		{"99999999999999999", 24 * time.Hour},
		{now.Add(3 * time.Second).Format(http.TimeFormat), 3 * time.Second},
		{now.Add(-time.Hour).Format(http.TimeFormat), 0},
	}
	c := &Client{}
	for _, tt := range tests {
		resp := &http.Response{StatusCode: 429, Header: http.Header{"Retry-After": {tt.value}}}
		if got := c.retryAfter(resp, now); got != tt.want {
			t.Errorf("Retry-After %q = %v, want %v", tt.value, got, tt.want)
		}
	}
	if got := c.retryAfter(nil, now); got != -1 {
		t.Errorf("no answer: %v", got)
	}
}
