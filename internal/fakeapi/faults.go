package fakeapi

import (
	"math/rand/v2"
	"net/http"
	"strconv"
	"time"
)

// Fault names, as recorded in Request.Fault.
const (
	FaultLatency   = "latency"
	FaultRateLimit = "ratelimit"
	FaultError     = "error"
	FaultDrop      = "drop"
	FaultHangUp    = "hangup"
	FaultNotFound  = "notfound"
	FaultReply     = "reply"
)

// Forms of Faults.NotFound: a 404 that is not the API's own not-found
// answer, as a proxy, a web server or another service in front of the API
// gives it.
const (
	NotFoundEmpty   = "empty"   // no body
	NotFoundHTML    = "html"    // an HTML page
	NotFoundForeign = "foreign" // JSON in another shape: {"error": "Not Found"}
	NotFoundCode    = "code"    // the API's error shape with code 10000 instead of 20404
)

// Forms of Faults.Reply: a request is processed, then its 2xx answer is
// spoilt, so the client cannot learn the outcome from it.
const (
	ReplyEmpty     = "empty"     // the status with no body
	ReplyTruncated = "truncated" // the first half of the body
	ReplyNotJSON   = "text"      // an HTML page with the same status
	ReplyPartial   = "partial"   // the JSON object with only the members named sid or ending in _sid
	ReplyDrop      = "drop"      // the connection closed unanswered
)

// Faults makes a route misbehave. Zero fields disable their fault; zero
// RateWindow, RetryAfter and ErrorStatus take the defaults 1s, 1 and 503.
type Faults struct {
	Latency    time.Duration // added before answering
	RateLimit  int           // POSTs allowed per RateWindow; the rest get 429 unprocessed
	RateWindow time.Duration
	// RateWindowCount, when positive, makes the rate window a number of
	// POSTs instead of a time, replacing RateWindow: of every
	// RateWindowCount POSTs to arrive, the first RateLimit pass. The
	// throttling then bites the same way however fast or slow the requests
	// come, for tests that must not depend on timing.
	RateWindowCount int
	RetryAfter      int     // seconds, sent in Retry-After with a 429
	ErrorRate       float64 // share of requests answered with ErrorStatus unprocessed
	ErrorStatus     int
	// DropRate is the share of requests whose connection is closed
	// unanswered. Go's transport resends an idempotent request whose reused
	// connection closes this way, so one dropped GET may be logged twice.
	// A ResponseWriter that can't be hijacked (httptest.ResponseRecorder,
	// HTTP/2) gets a panic(http.ErrAbortHandler) instead.
	DropRate    float64
	HangUpAfter int // a participant leaves after this many requests addressed to it
	// NotFound answers every request 404 in this form (NotFound*),
	// unprocessed.
	NotFound string
	// Reply processes every request, then spoils a 2xx answer in this form
	// (Reply*). Other answers are left as they are.
	Reply string
}

func (f Faults) withDefaults() Faults {
	if f.RateWindow <= 0 {
		f.RateWindow = time.Second
	}
	if f.RetryAfter <= 0 {
		f.RetryAfter = 1
	}
	if f.ErrorStatus == 0 {
		f.ErrorStatus = http.StatusServiceUnavailable
	}
	return f
}

// rateWindow is a fixed window measured with the server's clock, so a test
// with a frozen clock sees one window until it moves the clock.
type rateWindow struct {
	start time.Time
	count int
}

// SetFaults configures the faults of one route, or of RouteAll for every
// route without its own. A zero Faults removes the route's configuration.
func (s *Server) SetFaults(route Route, f Faults) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.windows, route)
	delete(s.counted, route)
	if f == (Faults{}) {
		delete(s.faults, route)
		return
	}
	s.faults[route] = f.withDefaults()
}

// SetFaultSeed restarts the random sequence behind ErrorRate and DropRate,
// so the same seed and the same requests give the same faults.
func (s *Server) SetFaultSeed(seed int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.rng = newRand(seed)
}

// ClearFaults removes every fault configuration.
func (s *Server) ClearFaults() {
	s.mu.Lock()
	defer s.mu.Unlock()
	clear(s.faults)
	clear(s.windows)
	clear(s.counted)
}

func newRand(seed int64) *rand.Rand {
	return rand.New(rand.NewPCG(uint64(seed), 0x5157_fa4e))
}

// faultDecision is what the fault stage decided for one request.
type faultDecision struct {
	kind       string
	latency    time.Duration
	status     int
	retryAfter int
	form       string // of a FaultNotFound or FaultReply
}

// answer writes the fault's response, if it has one.
func (d faultDecision) answer(w http.ResponseWriter) bool {
	switch d.kind {
	case FaultRateLimit:
		w.Header().Set("Retry-After", strconv.Itoa(d.retryAfter))
		writeError(w, newError(http.StatusTooManyRequests, CodeTooManyRequests, "Too Many Requests"))
		return true
	case FaultError:
		writeError(w, newError(d.status, codeForStatus(d.status), "%s (injected fault)", statusText(d.status)))
		return true
	case FaultNotFound:
		writeForeignNotFound(w, d.form)
		return true
	}
	return false
}

func statusText(status int) string {
	if t := http.StatusText(status); t != "" {
		return t
	}
	return "Status " + strconv.Itoa(status)
}

// decideFault draws this request's fault. Draws happen under the lock and
// only for configured rates, which keeps a seeded sequence reproducible.
func (s *Server) decideFault(m match, method string) faultDecision {
	s.mu.Lock()
	defer s.mu.Unlock()
	key := m.route
	f, ok := s.faults[key]
	if !ok {
		key = RouteAll
		if f, ok = s.faults[key]; !ok {
			return faultDecision{}
		}
	}
	d := faultDecision{latency: f.Latency}
	switch {
	case method == http.MethodPost && f.RateLimit > 0 && !s.allowLocked(key, f):
		d.kind, d.retryAfter = FaultRateLimit, f.RetryAfter
	case f.NotFound != "":
		d.kind, d.form = FaultNotFound, f.NotFound
	case f.ErrorRate > 0 && s.rng.Float64() < f.ErrorRate:
		d.kind, d.status = FaultError, f.ErrorStatus
	case f.DropRate > 0 && s.rng.Float64() < f.DropRate:
		d.kind = FaultDrop
	case f.HangUpAfter > 0 && m.call != "" && s.hangUpDueLocked(m, f.HangUpAfter):
		d.kind = FaultHangUp
	case f.Reply != "":
		d.kind, d.form = FaultReply, f.Reply
	case d.latency > 0:
		d.kind = FaultLatency
	}
	return d
}

func (s *Server) allowLocked(key Route, f Faults) bool {
	if f.RateWindowCount > 0 {
		n := s.counted[key]
		s.counted[key]++
		return n%f.RateWindowCount < f.RateLimit
	}
	now := s.now()
	win := s.windows[key]
	if win == nil || now.Sub(win.start) >= f.RateWindow || now.Before(win.start) {
		win = &rateWindow{start: now}
		s.windows[key] = win
	}
	if win.count >= f.RateLimit {
		return false
	}
	win.count++
	return true
}

// hangUpDueLocked counts a request addressed to a participant and, once it
// has had its quota, makes the call leave so this request finds it gone.
func (s *Server) hangUpDueLocked(m match, after int) bool {
	p := s.lookupLocked(m.conference, m.call)
	if p == nil {
		return false
	}
	if p.hits >= after {
		return s.hangUpLocked(m.conference, m.call)
	}
	p.hits++
	return false
}
