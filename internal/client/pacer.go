package client

import (
	"context"
	"slices"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// How one Client paces its requests. SignalWire limits the POSTs of a
// space, shares the limit with everything else that uses the space, and
// answers 429 beyond it [doc: API notes, rate limits]; the limit itself is
// not published per space, so the client finds it by adapting: additive
// increase, multiplicative decrease, as TCP does for congestion.
const (
	// rateDecrease multiplies the rate the API was accepting when it
	// answers 429.
	rateDecrease = 0.8
	// rateIncrease is how fast the rate climbs back while the limiter is
	// what holds requests back: per second, this share of the rate before
	// the last decrease.
	rateIncrease = 0.1
	// estimateWindow is how far back successful answers are counted to
	// estimate the rate the API was accepting.
	estimateWindow = time.Second
	// estimateCount is how many answers make the estimate worth more than
	// the limiter's own rate.
	estimateCount = 10
	// MinRequestsPerSecond is the lowest Config.MaxRequestsPerSecond: one
	// request every 100 seconds.
	MinRequestsPerSecond = 0.01
)

// pacer is the token bucket every request of one Client passes before each
// attempt. It starts at the ceiling (unlimited without one); each 429 lowers
// the rate and each success that had to wait for a token raises it again,
// never above the ceiling and never below one request per honoured
// Retry-After wait.
type pacer struct {
	ceiling rate.Limit
	lim     *rate.Limiter

	mu sync.Mutex
	// epoch counts decreases. A 429 to a request admitted in an earlier
	// epoch was caused by a rate already lowered, so it lowers nothing; nor
	// does one before calm, while the API still refuses because of what was
	// sent before the last decrease (it said so with Retry-After).
	epoch  uint64
	calm   time.Time
	peak   rate.Limit // the rate before the last decrease
	recent successes
	queue  []*waiter // the head is the next to get a token
}

// ticket is what the pacer knows about one admitted attempt.
type ticket struct {
	epoch uint64
	// delay is how long the attempt waited for a token; atCeiling says the
	// rate when it got one was the configured ceiling rather than one the
	// API forced.
	delay     time.Duration
	atCeiling bool
}

// newPacer returns a pacer capped at ceiling requests per second; zero or
// less means no ceiling.
func newPacer(ceiling float64) *pacer {
	c := rate.Inf
	if ceiling > 0 {
		c = rate.Limit(ceiling)
	}
	// A burst of one spaces requests evenly once a rate is set.
	return &pacer{ceiling: c, lim: rate.NewLimiter(c, 1)}
}

// waiter is one attempt waiting for a token. turn is called when it comes
// to the head of the queue.
type waiter struct {
	turn func()
}

// join puts w at the back of the queue. Attempts get tokens in the order
// they asked, so a retry is not starved by newer requests.
func (p *pacer) join(w *waiter) {
	p.mu.Lock()
	p.queue = append(p.queue, w)
	head := len(p.queue) == 1
	p.mu.Unlock()
	if head {
		w.turn()
	}
}

// leave takes w out of the queue without a token.
func (p *pacer) leave(w *waiter) {
	p.mu.Lock()
	i := slices.Index(p.queue, w)
	if i < 0 {
		p.mu.Unlock()
		return
	}
	p.queue = slices.Delete(p.queue, i, i+1)
	next := p.headLocked(i == 0)
	p.mu.Unlock()
	if next != nil {
		next.turn()
	}
}

func (p *pacer) headLocked(changed bool) *waiter {
	if !changed || len(p.queue) == 0 {
		return nil
	}
	return p.queue[0]
}

// take gives the waiter at the head of the queue a token at now, or says
// how long until the next one. Tokens are not reserved ahead of time, so a
// new rate applies to the very next token.
func (p *pacer) take(now time.Time, w *waiter) (ticket, time.Duration) {
	p.mu.Lock()
	limit := p.lim.Limit()
	if tokens := p.lim.TokensAt(now); limit != rate.Inf && tokens < 1 {
		p.mu.Unlock()
		return ticket{}, max(time.Duration((1-tokens)/float64(limit)*float64(time.Second)), time.Microsecond)
	}
	p.lim.AllowN(now, 1)
	t := ticket{epoch: p.epoch, atCeiling: limit == p.ceiling && limit != rate.Inf}
	p.queue = slices.DeleteFunc(p.queue, func(q *waiter) bool { return q == w })
	next := p.headLocked(true)
	p.mu.Unlock()
	if next != nil {
		next.turn()
	}
	return t, 0
}

// wait blocks until the attempt may be sent, or ctx ends.
func (p *pacer) wait(ctx context.Context, now func() time.Time) (ticket, error) {
	if err := ctx.Err(); err != nil {
		return ticket{}, err
	}
	joined := now()
	turn := make(chan struct{}, 1)
	w := &waiter{turn: func() { turn <- struct{}{} }}
	p.join(w)
	select {
	case <-turn:
	case <-ctx.Done():
		p.leave(w)
		return ticket{}, ctx.Err()
	}
	for {
		t, d := p.take(now(), w)
		if d == 0 {
			t.delay = now().Sub(joined)
			return t, nil
		}
		timer := time.NewTimer(d)
		select {
		case <-timer.C:
		case <-ctx.Done():
			timer.Stop()
			p.leave(w)
			return ticket{}, ctx.Err()
		}
	}
}

// throttled lowers the rate after a 429 to an attempt admitted with t.
// floor is the wait the answer asked for: the rate never drops below one
// request per floor.
func (p *pacer) throttled(now time.Time, t ticket, floor time.Duration) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if t.epoch != p.epoch || now.Before(p.calm) {
		return
	}
	// The rate the API was accepting: what the recent answers show, unless
	// they are too few to tell and the limiter held this attempt back.
	base := p.lim.Limit()
	if est, enough := p.recent.rate(now); enough || t.delay <= 0 || base == rate.Inf {
		base = min(base, est)
	}
	next := min(max(rate.Limit(rateDecrease)*base, rate.Every(floor)), p.ceiling)
	p.peak = max(base, next)
	p.epoch++
	p.calm = now.Add(floor)
	p.lim.SetLimitAt(now, next)
}

// succeeded counts an answer that was not a 429 and, when the attempt had
// to wait for its token, raises the rate by its share of rateIncrease.
func (p *pacer) succeeded(now time.Time, t ticket) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.recent.add(now)
	cur := p.lim.Limit()
	if t.delay <= 0 || cur >= p.ceiling || cur <= 0 {
		return
	}
	step := rate.Limit(rateIncrease) * p.peak / cur
	p.lim.SetLimitAt(now, min(cur+step, p.ceiling))
}

// limit is the current rate, for logs and tests.
func (p *pacer) limit() rate.Limit {
	return p.lim.Limit()
}

// successes estimates the recent rate of successful answers with two
// buckets of estimateWindow, the older one weighted by how much of it is
// still inside the window.
type successes struct {
	start     time.Time // start of the current bucket
	cur, prev int
}

func (s *successes) roll(now time.Time) {
	switch elapsed := now.Sub(s.start); {
	case s.start.IsZero() || elapsed < 0 || elapsed >= 2*estimateWindow:
		s.start, s.cur, s.prev = now, 0, 0
	case elapsed >= estimateWindow:
		s.start, s.prev, s.cur = s.start.Add(estimateWindow), s.cur, 0
	}
}

func (s *successes) add(now time.Time) {
	s.roll(now)
	s.cur++
}

// rate is in successes per second; enough says it rests on at least
// estimateCount of them.
func (s *successes) rate(now time.Time) (rate.Limit, bool) {
	s.roll(now)
	inWindow := 1 - float64(now.Sub(s.start))/float64(estimateWindow)
	n := float64(s.prev)*inWindow + float64(s.cur)
	return rate.Limit(n / estimateWindow.Seconds()), n >= estimateCount
}
