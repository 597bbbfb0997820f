package client

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestRetriedStatuses(t *testing.T) {
	tests := []struct {
		name      string
		statuses  []int
		wantCalls int
		wantErr   int
	}{
		{name: "429 then ok", statuses: []int{429}, wantCalls: 2},
		{name: "503 twice then ok", statuses: []int{503, 503}, wantCalls: 3},
		{name: "500 502 504 then ok", statuses: []int{500, 502, 504}, wantCalls: 4},
		{name: "400 not retried", statuses: []int{400}, wantCalls: 1, wantErr: 400},
		{name: "401 not retried", statuses: []int{401}, wantCalls: 1, wantErr: 401},
		{name: "403 not retried", statuses: []int{403}, wantCalls: 1, wantErr: 403},
		{name: "404 not retried", statuses: []int{404}, wantCalls: 1, wantErr: 404},
		{name: "409 not retried", statuses: []int{409}, wantCalls: 1, wantErr: 409},
		{name: "422 not retried", statuses: []int{422}, wantCalls: 1, wantErr: 422},
		{name: "501 not retried", statuses: []int{501}, wantCalls: 1, wantErr: 501},
		{name: "exhausted", statuses: []int{503, 503, 503, 503, 503}, wantCalls: 4, wantErr: 503},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newTestServer(t, statusSequence(tt.statuses, participantJSON(testCall, false)))
			c := newTestClient(t, srv.URL, nil) // MaxRetries 3
			_, err := c.GetParticipant(context.Background(), "", testConference, testCall)
			if srv.count() != tt.wantCalls {
				t.Fatalf("%d requests, want %d", srv.count(), tt.wantCalls)
			}
			if tt.wantErr == 0 {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				return
			}
			apiErr, ok := AsAPIError(err)
			if !ok || apiErr.StatusCode != tt.wantErr || apiErr.Message != fmt.Sprintf("status %d", tt.wantErr) ||
				apiErr.Code != tt.wantErr+20000 || apiErr.Attempts != tt.wantCalls {
				t.Fatalf("err = %v (%+v)", err, apiErr)
			}
		})
	}
}

func TestMaxRetriesBound(t *testing.T) {
	for _, maxRetries := range []int{-1, 0, 1, 2, 5} {
		t.Run(fmt.Sprint(maxRetries), func(t *testing.T) {
			srv := newTestServer(t, statusSequence([]int{500, 500, 500, 500, 500, 500, 500, 500}, "{}"))
			c := newTestClient(t, srv.URL, func(cfg *Config) { cfg.MaxRetries = maxRetries })
			err := c.DeleteParticipant(context.Background(), "", testConference, testCall)
			want := max(maxRetries, 0) + 1
			if srv.count() != want {
				t.Fatalf("%d requests, want %d", srv.count(), want)
			}
			if apiErr, ok := AsAPIError(err); !ok || apiErr.StatusCode != 500 || apiErr.Attempts != want {
				t.Fatalf("err = %v", err)
			}
			if strings.Contains(err.Error(), "giving up") {
				t.Fatalf("generic retry error leaked: %v", err)
			}
		})
	}
}

func TestCancelledContextStopsPromptly(t *testing.T) {
	srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusServiceUnavailable)
	})
	c := newTestClient(t, srv.URL, func(cfg *Config) {
		cfg.MaxRetries = 10
		cfg.RetryWaitMin = 10 * time.Second
		cfg.RetryWaitMax = 10 * time.Second
	})
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := c.GetParticipant(ctx, "", testConference, testCall)
	// Waiting out the 10s backoff would take 10s; any busy machine is far
	// quicker than that.
	if elapsed := time.Since(start); elapsed > 5*time.Second {
		t.Fatalf("took %v: the backoff was not cut short by the deadline", elapsed)
	}
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want deadline exceeded", err)
	}
	if srv.count() != 1 {
		t.Fatalf("%d requests", srv.count())
	}

	cancelled, cancelNow := context.WithCancel(context.Background())
	cancelNow()
	if _, err := c.GetParticipant(cancelled, "", testConference, testCall); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want canceled", err)
	}
}

func TestAnnouncementRetries(t *testing.T) {
	announce := UpdateParticipantParams{AnnounceURL: ptr("https://a.example/announce"), Muted: ptr(true)}
	settings := UpdateParticipantParams{Muted: ptr(true), HoldURL: ptr("https://a.example/hold")}
	tests := []struct {
		name      string
		params    UpdateParticipantParams
		statuses  []int
		wantCalls int
		uncertain bool
		wantErr   int
	}{
		{name: "announce 500 not retried", params: announce, statuses: []int{500}, wantCalls: 1, uncertain: true, wantErr: 500},
		{name: "announce 502 not retried", params: announce, statuses: []int{502}, wantCalls: 1, uncertain: true, wantErr: 502},
		{name: "announce 504 not retried", params: announce, statuses: []int{504}, wantCalls: 1, uncertain: true, wantErr: 504},
		{name: "announce 429 retried", params: announce, statuses: []int{429}, wantCalls: 2},
		{name: "announce 503 retried", params: announce, statuses: []int{503, 503}, wantCalls: 3},
		{name: "announce 429 not counted as a retry", params: announce, statuses: []int{429, 429, 429, 429, 429}, wantCalls: 6},
		{name: "announce 404 plain", params: announce, statuses: []int{404}, wantCalls: 1, wantErr: 404},
		// Server errors the table does not list are not retried, but the
		// request may have been processed before a proxy gave up on it.
		{name: "announce 524 not retried", params: announce, statuses: []int{524}, wantCalls: 1, uncertain: true, wantErr: 524},
		{name: "announce 520 not retried", params: announce, statuses: []int{520}, wantCalls: 1, uncertain: true, wantErr: 520},
		{name: "settings 500 retried", params: settings, statuses: []int{500}, wantCalls: 2},
		{name: "settings 502 504 retried", params: settings, statuses: []int{502, 504}, wantCalls: 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newTestServer(t, statusSequence(tt.statuses, participantJSON(testCall, true)))
			c := newTestClient(t, srv.URL, nil)
			p, err := c.UpdateParticipant(context.Background(), "", testConference, testCall, tt.params)
			if srv.count() != tt.wantCalls {
				t.Fatalf("%d requests, want %d", srv.count(), tt.wantCalls)
			}
			if tt.wantErr == 0 {
				if err != nil || !p.Muted {
					t.Fatalf("UpdateParticipant = %+v, %v", p, err)
				}
				return
			}
			apiErr, ok := AsAPIError(err)
			if !ok || apiErr.StatusCode != tt.wantErr {
				t.Fatalf("err = %v", err)
			}
			if got := errors.Is(err, ErrAnnouncementUncertain); got != tt.uncertain {
				t.Fatalf("uncertain = %v, want %v: %v", got, tt.uncertain, err)
			}
			if tt.uncertain {
				assertContains(t, err.Error(), "announcement may or may not have played")
				assertContains(t, err.Error(), fmt.Sprintf("status %d", tt.wantErr))
			}
		})
	}
}

// hangUp reads the request, then drops the connection without answering:
// the server may have acted on it.
func hangUp(w http.ResponseWriter) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err == nil {
		_ = conn.Close()
	}
}

func TestDroppedConnectionAfterSend(t *testing.T) {
	tests := []struct {
		name      string
		params    UpdateParticipantParams
		wantCalls int
		uncertain bool
	}{
		{name: "announce not retried", params: UpdateParticipantParams{AnnounceURL: ptr("https://a.example/x")}, wantCalls: 1, uncertain: true},
		{name: "settings retried", params: UpdateParticipantParams{Hold: ptr(true)}, wantCalls: 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var mu sync.Mutex
			calls := 0
			srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request) {
				mu.Lock()
				calls++
				n := calls
				mu.Unlock()
				if n == 1 {
					hangUp(w)
					return
				}
				fmt.Fprint(w, participantJSON(testCall, false))
			})
			c := newTestClient(t, srv.URL, nil)
			_, err := c.UpdateParticipant(context.Background(), "", testConference, testCall, tt.params)
			if srv.count() != tt.wantCalls {
				t.Fatalf("%d requests, want %d (err %v)", srv.count(), tt.wantCalls, err)
			}
			if tt.uncertain {
				if !errors.Is(err, ErrAnnouncementUncertain) {
					t.Fatalf("err = %v", err)
				}
				assertContains(t, err.Error(), "after 1 attempt(s)")
				return
			}
			if err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestConnectionRefusedIsRetried(t *testing.T) {
	addr := closedPort(t)

	for _, params := range []UpdateParticipantParams{
		{Muted: ptr(true)},
		{AnnounceURL: ptr("https://a.example/x")},
	} {
		logger := &recordingLogger{}
		c := newTestClient(t, "http://"+addr, func(cfg *Config) { cfg.MaxRetries = 2; cfg.Logger = logger })
		_, err := c.UpdateParticipant(context.Background(), "", testConference, testCall, params)
		if err == nil || errors.Is(err, ErrAnnouncementUncertain) {
			t.Fatalf("err = %v", err)
		}
		assertContains(t, err.Error(), "after 3 attempt(s)")
		if _, ok := AsAPIError(err); ok {
			t.Fatalf("connection error reported as APIError: %v", err)
		}
		warns := 0
		for _, e := range logger.all() {
			if e.level == "warn" {
				warns++
			}
		}
		if warns != 2 {
			t.Fatalf("%d retry warnings, want 2", warns)
		}
	}
}

func TestCheckRetryPolicy(t *testing.T) {
	resp := func(code int) *http.Response { return &http.Response{StatusCode: code} }
	plain := context.Background()
	announce := withAnnouncement(plain)
	dialErr := &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connection refused")}
	readErr := &net.OpError{Op: "read", Net: "tcp", Err: errors.New("connection reset by peer")}
	tests := []struct {
		name string
		ctx  context.Context
		resp *http.Response
		err  error
		want bool
	}{
		{"200", plain, resp(200), nil, false},
		{"429", plain, resp(429), nil, true},
		{"500", plain, resp(500), nil, true},
		{"404", plain, resp(404), nil, false},
		{"announce 429", announce, resp(429), nil, true},
		{"announce 503", announce, resp(503), nil, true},
		{"announce 500", announce, resp(500), nil, false},
		{"announce 502", announce, resp(502), nil, false},
		{"announce 504", announce, resp(504), nil, false},
		{"dial", plain, nil, dialErr, true},
		{"reset", plain, nil, readErr, true},
		{"announce dial", announce, nil, fmt.Errorf("wrapped: %w", dialErr), true},
		{"announce reset", announce, nil, readErr, false},
		{"announce eof", announce, nil, errors.New("EOF"), false},
		{"dns timeout", announce, nil, &net.DNSError{Err: "i/o timeout", Name: "x", IsTimeout: true}, true},
		{"dns server failure", plain, nil, &net.DNSError{Err: "server misbehaving", Name: "x", IsTemporary: true}, true},
		{"no such host", plain, nil, &url.Error{Op: "Get", Err: &net.OpError{Op: "dial",
			Err: &net.DNSError{Err: "no such host", Name: "x", IsNotFound: true}}}, false},
		{"announce no such host", announce, nil, &net.DNSError{Err: "no such host", Name: "x", IsNotFound: true}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := checkRetry(tt.ctx, tt.resp, tt.err)
			if got != tt.want || err != nil {
				t.Fatalf("checkRetry = %v, %v; want %v", got, err, tt.want)
			}
		})
	}
}

func TestAnnouncementCancelled(t *testing.T) {
	announce := UpdateParticipantParams{AnnounceURL: ptr("https://a.example/x")}
	tests := []struct {
		name      string
		handler   http.HandlerFunc
		uncertain bool
	}{
		{
			name:    "while waiting after 429",
			handler: func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusTooManyRequests) },
		},
		{
			name: "while in flight",
			handler: func(w http.ResponseWriter, r *http.Request) {
				_, _ = io.Copy(io.Discard, r.Body)
				select {
				case <-r.Context().Done():
				case <-time.After(5 * time.Second):
				}
			},
			uncertain: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newTestServer(t, tt.handler)
			c := newTestClient(t, srv.URL, func(cfg *Config) { cfg.RetryWaitMin, cfg.RetryWaitMax = time.Minute, time.Minute })
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
			defer cancel()
			_, err := c.UpdateParticipant(ctx, "", testConference, testCall, announce)
			if !errors.Is(err, context.DeadlineExceeded) || errors.Is(err, ErrAnnouncementUncertain) != tt.uncertain {
				t.Fatalf("err = %v, want uncertain=%v", err, tt.uncertain)
			}
		})
	}
}

// TestRetriesAgreesWithTheRules checks the lists the documentation is
// generated from against the functions the client decides with.
func TestRetriesAgreesWithTheRules(t *testing.T) {
	tbl := Retries()
	if len(tbl.Throttled)+len(tbl.Counted) != len(retriedStatuses) || len(tbl.Unprocessed)+len(tbl.MaybeProcessed) != len(retriedStatuses) {
		t.Fatalf("Retries() = %+v does not partition the %d statuses of the table", tbl, len(retriedStatuses))
	}
	for _, code := range tbl.Throttled {
		if !isThrottled(code) || !retryableStatus(code, false) {
			t.Errorf("%d is listed throttled but is not retried as such", code)
		}
	}
	for _, code := range tbl.Unprocessed {
		if !retryableStatus(code, true) || mayHaveBeenProcessed(code) {
			t.Errorf("%d is listed unprocessed but an announcement is not retried after it", code)
		}
	}
	for _, code := range tbl.MaybeProcessed {
		if retryableStatus(code, true) || !retryableStatus(code, false) {
			t.Errorf("%d is listed maybe-processed but announcements are retried after it", code)
		}
	}
	if !slices.IsSorted(tbl.Counted) {
		t.Errorf("Counted %v is not sorted", tbl.Counted)
	}
}
