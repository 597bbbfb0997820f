package fakeapi

import (
	"maps"
	"net/http"
	"net/url"
	"time"
)

// Request is one API request as the fake saw and answered it.
type Request struct {
	Method string     `json:"method"`
	Path   string     `json:"path"` // without the query
	Query  url.Values `json:"query"`
	Form   url.Values `json:"form"`   // parsed POST body; nil for other methods
	Status int        `json:"status"` // 0 while in flight or when the connection was dropped
	Fault  string     `json:"fault"`  // one of the Fault* names, or ""
	Time   time.Time  `json:"time"`   // arrival, by the server's clock
	// Arrived is the arrival on the monotonic clock, since the server was
	// created: gaps between requests measured with it are real elapsed
	// time, whatever the server's clock or a wall-clock step does.
	Arrived time.Duration `json:"-"`
}

// logArrival records a request when it arrives, so the log keeps arrival
// order even when answers are delayed by faults.
func (s *Server) logArrival(r *http.Request, form url.Values) *Request {
	entry := &Request{
		Method: r.Method,
		Path:   r.URL.Path,
		Query:  r.URL.Query(),
		Form:   form,
	}
	s.mu.Lock()
	entry.Time, entry.Arrived = s.now(), time.Since(s.started)
	s.log = append(s.log, entry)
	s.mu.Unlock()
	return entry
}

func (s *Server) logDone(entry *Request, status int, fault string) {
	s.mu.Lock()
	entry.Status, entry.Fault = status, fault
	s.mu.Unlock()
}

// Monotonic is how long the server has existed, on the monotonic clock:
// the scale of Request.Arrived, so a test can mark a moment in the log.
func (s *Server) Monotonic() time.Duration { return time.Since(s.started) }

// Requests returns a copy of the request log in arrival order.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Request, len(s.log))
	for i, e := range s.log {
		out[i] = *e
		out[i].Query = cloneValues(e.Query)
		out[i].Form = cloneValues(e.Form)
	}
	return out
}

// ResetRequests empties the request log.
func (s *Server) ResetRequests() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.log = nil
}

// CountRequests counts logged requests with the given method; "" counts all.
func (s *Server) CountRequests(method string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if method == "" {
		return len(s.log)
	}
	n := 0
	for _, e := range s.log {
		if e.Method == method {
			n++
		}
	}
	return n
}

func cloneValues(v url.Values) url.Values {
	if v == nil {
		return nil
	}
	out := make(url.Values, len(v))
	for k, vals := range maps.All(v) {
		out[k] = append([]string(nil), vals...)
	}
	return out
}
