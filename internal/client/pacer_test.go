package client

import (
	"context"
	"errors"
	"testing"
	"time"

	"golang.org/x/time/rate"
)

var t0 = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// takeNow joins the queue and takes a token at now, failing the test if the
// waiter does not get its turn at once.
func takeNow(t *testing.T, p *pacer, now time.Time) (ticket, time.Duration) {
	t.Helper()
	turned := false
	w := &waiter{turn: func() { turned = true }}
	p.join(w)
	if !turned {
		t.Fatal("an attempt joining an empty queue did not get its turn")
	}
	tk, d := p.take(now, w)
	if d > 0 {
		p.leave(w)
	}
	return tk, d
}

func TestPacerCeilingSpacesRequests(t *testing.T) {
	p := newPacer(4)
	if _, d := takeNow(t, p, t0); d != 0 {
		t.Fatalf("first request waited %v", d)
	}
	if _, d := takeNow(t, p, t0); d != 250*time.Millisecond {
		t.Fatalf("second request at once: wait %v, want 250ms", d)
	}
	tk, d := takeNow(t, p, t0.Add(250*time.Millisecond))
	if d != 0 || !tk.atCeiling {
		t.Fatalf("after 250ms: wait %v, at ceiling %v", d, tk.atCeiling)
	}
}

func TestPacerWithoutCeilingIsUnlimitedUntilThrottled(t *testing.T) {
	p := newPacer(0)
	for i := range 100 {
		if tk, d := takeNow(t, p, t0); d != 0 || tk.atCeiling {
			t.Fatalf("request %d waited %v (at ceiling %v)", i, d, tk.atCeiling)
		}
	}
	if p.limit() != rate.Inf {
		t.Fatalf("limit %v", p.limit())
	}
}

// TestPacerAdapts: the first 429 sets the rate to rateDecrease of what the
// API was accepting; further 429s to requests sent before that decrease,
// or within the Retry-After wait after it, change nothing; successes that
// waited for a token raise the rate, others do not; the rate never drops
// below one request per Retry-After wait nor rises above the ceiling.
func TestPacerAdapts(t *testing.T) {
	p := newPacer(0)
	var early []ticket
	for i := range 20 {
		tk, _ := takeNow(t, p, t0.Add(time.Duration(i)*50*time.Millisecond))
		if i < 10 {
			p.succeeded(t0.Add(time.Duration(i)*50*time.Millisecond), tk)
		} else {
			early = append(early, tk)
		}
	}
	now := t0.Add(time.Second)
	p.throttled(now, early[0], time.Second)
	// Ten successes in the last second: the API was accepting ten a second.
	first := p.limit()
	if want := rate.Limit(rateDecrease * 10); absDiff(first, want) > 1e-9 {
		t.Fatalf("rate after the first 429 = %v, want %v", first, want)
	}
	p.throttled(now, early[1], time.Second)
	if p.limit() != first {
		t.Fatalf("a 429 to a request sent before the decrease lowered the rate again: %v", p.limit())
	}
	tk, _ := takeNow(t, p, now.Add(2*time.Second))
	p.throttled(now.Add(500*time.Millisecond), ticket{epoch: p.epoch}, time.Second)
	if p.limit() != first {
		t.Fatal("a 429 within the Retry-After wait of the decrease lowered the rate again")
	}
	p.succeeded(now.Add(2*time.Second), tk) // did not wait for its token
	if p.limit() != first {
		t.Fatal("a success that did not wait raised the rate")
	}
	p.succeeded(now.Add(2*time.Second), ticket{epoch: p.epoch, delay: time.Millisecond})
	if p.limit() <= first {
		t.Fatal("a success that waited for its token did not raise the rate")
	}
	for i := range 50 {
		p.throttled(now.Add(time.Duration(10+i)*time.Second), ticket{epoch: p.epoch, delay: time.Millisecond}, 2*time.Second)
	}
	if got := p.limit(); got != rate.Every(2*time.Second) {
		t.Fatalf("rate after many 429s = %v, want the floor of one per Retry-After wait (0.5)", got)
	}

	capped := newPacer(2)
	for i := range 100 {
		capped.succeeded(t0, ticket{delay: time.Second})
		if capped.limit() > 2 {
			t.Fatalf("rate %v above the ceiling after %d successes", capped.limit(), i)
		}
	}
	capped.throttled(t0, ticket{delay: time.Second}, time.Second)
	if capped.limit() >= 2 {
		t.Fatalf("a 429 under a ceiling left the rate at %v", capped.limit())
	}
}

func absDiff(a, b rate.Limit) rate.Limit {
	if a > b {
		return a - b
	}
	return b - a
}

// TestPacerQueueIsFirstComeFirstServed: attempts get tokens in the order
// they asked, so a retry that rejoins the queue is not starved by newer
// requests; one that leaves hands its turn on.
func TestPacerQueueIsFirstComeFirstServed(t *testing.T) {
	p := newPacer(1)
	var order []int
	waiters := make([]*waiter, 4)
	for i := range waiters {
		waiters[i] = &waiter{turn: func() { order = append(order, i) }}
		p.join(waiters[i])
	}
	if len(order) != 1 || order[0] != 0 {
		t.Fatalf("turns %v, want only the first waiter's", order)
	}
	if _, d := p.take(t0, waiters[0]); d != 0 {
		t.Fatalf("head waited %v", d)
	}
	p.leave(waiters[1]) // the new head gives up
	if _, d := p.take(t0, waiters[2]); d != time.Second {
		t.Fatalf("next token in %v, want 1s", d)
	}
	if _, d := p.take(t0.Add(time.Second), waiters[2]); d != 0 {
		t.Fatalf("head waited %v after a second", d)
	}
	if want := []int{0, 1, 2, 3}; len(order) != len(want) || order[1] != 1 || order[2] != 2 || order[3] != 3 {
		t.Fatalf("turns %v, want %v", order, want)
	}
}

func TestPacerWaitEndsWithTheContext(t *testing.T) {
	p := newPacer(MinRequestsPerSecond) // one token every 100s
	if _, err := p.wait(context.Background(), time.Now); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	if _, err := p.wait(ctx, time.Now); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v", err)
	}
	if len(p.queue) != 0 {
		t.Fatalf("a cancelled wait stayed in the queue: %d", len(p.queue))
	}
}
