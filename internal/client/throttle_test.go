package client

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net/http"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestThrottledRetriesAreNotCountedAgainstMaxRetries(t *testing.T) {
	srv := newTestServer(t, statusSequence([]int{429, 429, 429, 429, 429}, participantJSON(testCall, true)))
	c := newTestClient(t, srv.URL, func(cfg *Config) { cfg.MaxRetries = 0 })
	if _, err := c.GetParticipant(context.Background(), "", testConference, testCall); err != nil {
		t.Fatalf("err = %v", err)
	}
	if srv.count() != 6 {
		t.Fatalf("%d requests, want 6", srv.count())
	}
}

// TestThrottledUntilTheContextEnds: 429s are retried past MaxRetries for as
// long as the context lasts; here it ends at the fifth attempt.
func TestThrottledUntilTheContextEnds(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var n atomic.Int32
	srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 5 {
			cancel()
		}
		w.WriteHeader(http.StatusTooManyRequests)
	})
	c := newTestClient(t, srv.URL, func(cfg *Config) { cfg.MaxRetries = 1 })
	_, err := c.UpdateParticipant(ctx, "", testConference, testCall, UpdateParticipantParams{Muted: ptr(true)})
	var giveUp *GiveUpError
	if !errors.Is(err, context.Canceled) || !errors.As(err, &giveUp) {
		t.Fatalf("err = %v", err)
	}
	if giveUp.Stop != StopDeadline || giveUp.Attempts != 5 || giveUp.Throttled < 4 || giveUp.Elapsed <= 0 || giveUp.CeilingWait != 0 {
		t.Fatalf("gave up with %+v: want retries beyond MaxRetries until the context ended", giveUp)
	}
	assertContains(t, err.Error(), "gave up after 5 attempt(s) over")
	assertContains(t, err.Error(), "answered 429): the context ended first")
}

// TestThrottledWithoutADeadline: a context without a deadline keeps
// retrying 429s for DefaultThrottleTimeout, measured on the client's clock.
func TestThrottledWithoutADeadline(t *testing.T) {
	srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusTooManyRequests) })
	c := newTestClient(t, srv.URL, nil)
	var ticks atomic.Int64
	c.now = func() time.Time { return t0.Add(time.Duration(ticks.Add(1)) * time.Minute) }
	_, err := c.GetParticipant(context.Background(), "", testConference, testCall)
	var giveUp *GiveUpError
	apiErr, ok := AsAPIError(err)
	if !errors.As(err, &giveUp) || !ok || apiErr.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("err = %v", err)
	}
	if giveUp.Stop != StopThrottled || giveUp.Elapsed < DefaultThrottleTimeout || giveUp.Throttled != giveUp.Attempts {
		t.Fatalf("gave up with %+v", giveUp)
	}
	assertContains(t, err.Error(), "the API kept throttling for 5m0s")
}

func TestServerErrorsUseUpMaxRetries(t *testing.T) {
	srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusServiceUnavailable) })
	c := newTestClient(t, srv.URL, func(cfg *Config) { cfg.MaxRetries = 2 })
	_, err := c.GetParticipant(context.Background(), "", testConference, testCall)
	var giveUp *GiveUpError
	if !errors.As(err, &giveUp) || giveUp.Stop != StopRetries || giveUp.Attempts != 3 || giveUp.MaxRetries != 2 {
		t.Fatalf("err = %v (%+v)", err, giveUp)
	}
	if apiErr, ok := AsAPIError(err); !ok || apiErr.StatusCode != http.StatusServiceUnavailable || apiErr.Attempts != 3 {
		t.Fatalf("the API's answer is not reachable: %v", err)
	}
	assertContains(t, err.Error(), "all 2 retries allowed by MaxRetries were used")
}

// TestCeilingIsSharedByConcurrentCalls: with MaxRequestsPerSecond = 20 the
// k-th request reaches the server no sooner than (k-1)/20 s after the client
// was built, whatever the number of goroutines. Only this lower bound is
// asserted: a busy machine delays requests, it never hurries them.
func TestCeilingIsSharedByConcurrentCalls(t *testing.T) {
	var mu sync.Mutex
	var arrivals []time.Time
	srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		arrivals = append(arrivals, time.Now())
		mu.Unlock()
		fmt.Fprint(w, participantJSON(testCall, false))
	})
	built := time.Now()
	c := newTestClient(t, srv.URL, func(cfg *Config) { cfg.MaxRequestsPerSecond = 20 })
	var wg sync.WaitGroup
	for range 6 {
		wg.Go(func() {
			if _, err := c.GetParticipant(context.Background(), "", testConference, testCall); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	mu.Lock()
	defer mu.Unlock()
	slices.SortFunc(arrivals, func(a, b time.Time) int { return a.Compare(b) })
	for k, at := range arrivals {
		if earliest := built.Add(time.Duration(k) * 50 * time.Millisecond); at.Before(earliest) {
			t.Errorf("request %d arrived %v after the client was built, before %v", k+1, at.Sub(built), earliest.Sub(built))
		}
	}
}

func TestCeilingWaitIsReported(t *testing.T) {
	srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, participantJSON(testCall, false)) })
	c := newTestClient(t, srv.URL, func(cfg *Config) { cfg.MaxRequestsPerSecond = MinRequestsPerSecond })
	if _, err := c.GetParticipant(context.Background(), "", testConference, testCall); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	_, err := c.GetParticipant(ctx, "", testConference, testCall)
	var giveUp *GiveUpError
	if !errors.As(err, &giveUp) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v", err)
	}
	if giveUp.Stop != StopDeadline || giveUp.Attempts != 0 || giveUp.CeilingWait <= 0 || giveUp.Ceiling != MinRequestsPerSecond {
		t.Fatalf("gave up with %+v", giveUp)
	}
	assertContains(t, err.Error(), "waiting for the ceiling of 0.01 requests per second")
	if srv.count() != 1 {
		t.Fatalf("%d requests, want 1", srv.count())
	}
}

func TestNewChecksMaxRequestsPerSecond(t *testing.T) {
	for _, v := range []float64{0, MinRequestsPerSecond, 2.5, 1000} {
		if _, err := New(Config{SpaceURL: "https://example.signalwire.com", ProjectID: testProject, APIToken: testToken, MaxRequestsPerSecond: v}); err != nil {
			t.Errorf("%v: %v", v, err)
		}
	}
	for _, v := range []float64{-1, MinRequestsPerSecond / 2, math.NaN(), math.Inf(-1)} {
		_, err := New(Config{SpaceURL: "https://example.signalwire.com", ProjectID: testProject, APIToken: testToken, MaxRequestsPerSecond: v})
		if err == nil {
			t.Errorf("%v accepted", v)
		}
	}
}
