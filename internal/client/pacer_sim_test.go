package client

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/seed177019bb/terraform-provider-signalwire/internal/fakeapi"
)

// simulation runs `parallelism` workers that each update participants one
// after another through the client's own retry and pacing decisions (the
// hooks retryablehttp calls), against the fake API throttling POSTs, all on
// a virtual clock: the outcome is the same on any machine under any load.
type simulation struct {
	t       *testing.T
	now     time.Time
	c       *Client
	fake    *fakeapi.Server
	conf    string
	calls   []string
	latency time.Duration // from sending a request to its answer
	queue   simQueue
	seq     int

	throttles   int
	shortestGap time.Duration // from a 429's arrival to the next attempt of the same update
}

// Steps of one update in the simulation.
const (
	stepAdmit  = iota // join the pacer's queue
	stepToken         // at the head of the queue: take a token or wait for one
	stepAnswer        // the answer arrives
)

type simEvent struct {
	at     time.Time
	seq    int
	step   int
	worker int
	job    int
	st     *attempts
	waiter *waiter
	joined time.Time
	resp   *http.Response
	sent   time.Time // the last attempt's arrival
}

// simQueue holds each worker's next event; there are only ever as many as
// workers, so the earliest is found by a scan.
type simQueue []*simEvent

func (q *simQueue) pop() *simEvent {
	first := 0
	for i, e := range *q {
		if e.at.Before((*q)[first].at) || (e.at.Equal((*q)[first].at) && e.seq < (*q)[first].seq) {
			first = i
		}
	}
	e := (*q)[first]
	*q = slices.Delete(*q, first, first+1)
	return e
}

func newSimulation(t *testing.T, n, perSecond int, seed uint64) *simulation {
	t.Helper()
	s := &simulation{t: t, now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), shortestGap: -1}
	clock := func() time.Time { return s.now }
	s.fake = fakeapi.New(fakeapi.Options{ProjectID: testProject, APIToken: testToken, Clock: clock})
	s.conf = s.fake.AddConference(fakeapi.ConferenceSeed{})
	for range n {
		s.calls = append(s.calls, s.fake.AddParticipant(fakeapi.ParticipantSeed{ConferenceSID: s.conf}))
	}
	s.fake.SetFaults(fakeapi.RouteParticipantsUpdate, fakeapi.Faults{RateLimit: perSecond, RateWindow: time.Second, RetryAfter: 1})
	c, err := New(Config{SpaceURL: "http://127.0.0.1:1", ProjectID: testProject, APIToken: testToken, MaxRetries: DefaultMaxRetries})
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(seed, 10))
	c.now = clock
	c.jitter = func(d time.Duration) time.Duration { return time.Duration(rng.Int64N(int64(d) + 1)) }
	s.c = c
	return s
}

func (s *simulation) schedule(e *simEvent, step int, at time.Time) {
	s.seq++
	e.step, e.at, e.seq = step, at, s.seq
	s.queue = append(s.queue, e)
}

func (s *simulation) start(worker, job int) {
	e := &simEvent{worker: worker, job: job, st: s.c.newAttempts(context.Background(), http.MethodPost, "")}
	e.waiter = &waiter{turn: func() { s.schedule(e, stepToken, s.now) }}
	s.schedule(e, stepAdmit, s.now)
}

// run applies every participant and returns the virtual time it took.
func (s *simulation) run(parallelism int) time.Duration {
	began := s.now
	next := 0
	for w := 0; w < parallelism && next < len(s.calls); w++ {
		s.start(w, next)
		next++
	}
	for len(s.queue) > 0 {
		e := s.queue.pop()
		s.now = e.at
		switch e.step {
		case stepAdmit: // attempts.admit, on the virtual clock
			e.joined = s.now
			s.c.pacer.join(e.waiter)
		case stepToken:
			s.token(e)
		case stepAnswer:
			if s.answer(e) && next < len(s.calls) {
				s.start(e.worker, next)
				next++
			}
		}
	}
	return s.now.Sub(began)
}

// token gives the head of the queue its token and sends, or comes back
// when the next token is due.
func (s *simulation) token(e *simEvent) {
	t, d := s.c.pacer.take(s.now, e.waiter)
	if d > 0 {
		s.schedule(e, stepToken, s.now.Add(d))
		return
	}
	t.delay = s.now.Sub(e.joined)
	e.st.ticket = t
	if e.st.throttled > 0 && e.resp != nil && isThrottled(e.resp.StatusCode) {
		if gap := s.now.Sub(e.sent); s.shortestGap < 0 || gap < s.shortestGap {
			s.shortestGap = gap
		}
	}
	e.st.count++
	e.sent = s.now
	e.resp = s.post(s.calls[e.job])
	s.schedule(e, stepAnswer, s.now.Add(s.latency))
}

// answer runs the CheckRetry and Backoff hooks; it reports whether the
// update is done.
func (s *simulation) answer(e *simEvent) bool {
	retry, err := e.st.check(e.st.ctx, e.resp, nil)
	if err != nil {
		s.t.Fatal(err)
	}
	if !retry {
		if e.resp.StatusCode != http.StatusOK {
			s.t.Fatalf("participant %d: gave up with %d after %d attempts", e.job, e.resp.StatusCode, e.st.count)
		}
		return true
	}
	if isThrottled(e.resp.StatusCode) {
		s.throttles++
	}
	s.schedule(e, stepAdmit, s.now.Add(e.st.backoff(e.resp)))
	return false
}

func (s *simulation) post(call string) *http.Response {
	path := fmt.Sprintf("%s/Accounts/%s/Conferences/%s/Participants/%s", fakeapi.BasePath, testProject, s.conf, call)
	req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(url.Values{"Muted": {"true"}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(testProject, testToken)
	rec := httptest.NewRecorder()
	s.fake.ServeHTTP(rec, req)
	return rec.Result()
}

// TestPacerKeepsTheAPIsPace: Terraform's ten parallel operations against an
// API that accepts R POSTs a second and answers 429 with Retry-After: 1
// beyond that, with default settings. Every participant is applied, in no
// more than 1.4 × N/R (the API's own pace is the floor), and no retry after
// a 429 comes before the second the API asked for.
func TestPacerKeepsTheAPIsPace(t *testing.T) {
	for _, tt := range []struct{ n, perSecond int }{{60, 3}, {200, 10}, {1000, 50}} {
		t.Run(fmt.Sprintf("N=%d at %d per second", tt.n, tt.perSecond), func(t *testing.T) {
			s := newSimulation(t, tt.n, tt.perSecond, 177019)
			took := s.run(10)
			floor := time.Duration(tt.n) * time.Second / time.Duration(tt.perSecond)
			t.Logf("applied %d in %s (%.2f × N/R), %d answered 429, shortest wait after a 429 %s, final rate %.2f/s",
				tt.n, took, took.Seconds()/floor.Seconds(), s.throttles, s.shortestGap, float64(s.c.pacer.limit()))
			for _, call := range s.calls {
				if p, ok := s.fake.Participant(s.conf, call); !ok || !p.Muted {
					t.Fatalf("participant %s not applied", call)
				}
			}
			if took.Seconds() > 1.4*floor.Seconds() {
				t.Errorf("took %s, more than 1.4 × N/R = %s", took, time.Duration(1.4*float64(floor)))
			}
			if s.throttles == 0 || s.shortestGap < time.Second {
				t.Errorf("%d throttled; shortest wait after a 429 %s, want at least the 1s Retry-After", s.throttles, s.shortestGap)
			}
		})
	}
}
