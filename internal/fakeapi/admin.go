package fakeapi

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sort"
	"strings"
	"time"
)

// serveAdmin answers the unauthenticated control endpoints under
// AdminPrefix, as listed in adminRoutes. They are not part of the API and
// are not logged.
func (s *Server) serveAdmin(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Path[len(AdminPrefix):]
	var allow []string
	for _, route := range adminRoutes {
		if route.name != name {
			continue
		}
		if route.Method == r.Method {
			route.serve(s, w, r)
			return
		}
		allow = append(allow, route.Method)
	}
	if allow == nil {
		writeError(w, errNotFound(r.URL.Path))
		return
	}
	w.Header()["Allow"] = allow
	writeError(w, newError(http.StatusMethodNotAllowed, CodeMethodNotAllowed, "Method %s is not allowed on %s", r.Method, r.URL.Path))
}

type requestSummary struct {
	Total    int            `json:"total"`
	ByMethod map[string]int `json:"by_method"`
	Requests []Request      `json:"requests"`
}

func (s *Server) adminRequests(w http.ResponseWriter, _ *http.Request) {
	reqs := s.Requests()
	out := requestSummary{
		Total:    len(reqs),
		ByMethod: map[string]int{http.MethodGet: 0, http.MethodPost: 0, http.MethodDelete: 0},
		Requests: reqs,
	}
	for _, r := range reqs {
		out.ByMethod[r.Method]++
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) adminResetRequests(w http.ResponseWriter, _ *http.Request) {
	s.ResetRequests()
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) adminParticipants(w http.ResponseWriter, r *http.Request) {
	out := []ParticipantState{}
	if conf := r.URL.Query().Get("conference_sid"); conf != "" {
		out = append(out, s.Participants(conf)...)
	} else {
		for _, conf := range s.conferenceSIDs() {
			out = append(out, s.Participants(conf)...)
		}
	}
	writeJSON(w, http.StatusOK, out)
}

// conferenceSIDs lists every conference in listing order.
func (s *Server) conferenceSIDs() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	confs := make([]*conference, 0, len(s.conferences))
	for _, c := range s.conferences {
		confs = append(confs, c)
	}
	sort.Slice(confs, func(i, j int) bool { return confs[i].key().compare(confs[j].key()) < 0 })
	sids := make([]string, len(confs))
	for i, c := range confs {
		sids[i] = c.sid
	}
	return sids
}

func (s *Server) adminSeed(w http.ResponseWriter, r *http.Request) {
	res, err := s.loadSeed(io.LimitReader(r.Body, maxBodyBytes))
	if err != nil {
		writeError(w, errInvalid("%v", err))
		return
	}
	writeJSON(w, http.StatusOK, res)
}

func (s *Server) adminHangUp(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if !s.HangUp(q.Get("conference_sid"), q.Get("call_sid")) {
		writeError(w, newError(http.StatusNotFound, CodeNotFound, "no call %q in conference %q",
			q.Get("call_sid"), q.Get("conference_sid")))
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// FaultsConfig is the body of POST /__fake/faults. Durations are Go
// duration strings such as "25ms"; Seed, when present, restarts the random
// sequence.
type FaultsConfig struct {
	Route  Route      `json:"route"`
	Faults FaultsJSON `json:"faults"`
	Seed   *int64     `json:"seed,omitempty"`
}

// FaultsJSON is Faults with durations as strings. Its JSON keys are the
// snake_case names (rate_limit); the Go field names (RateLimit) and any
// capitalisation are accepted too, since both spellings get used.
type FaultsJSON struct {
	Latency         string  `json:"latency,omitempty"`
	RateLimit       int     `json:"rate_limit,omitempty"`
	RateWindow      string  `json:"rate_window,omitempty"`
	RateWindowCount int     `json:"rate_window_count,omitempty"`
	RetryAfter      int     `json:"retry_after,omitempty"`
	ErrorRate       float64 `json:"error_rate,omitempty"`
	ErrorStatus     int     `json:"error_status,omitempty"`
	DropRate        float64 `json:"drop_rate,omitempty"`
	HangUpAfter     int     `json:"hangup_after,omitempty"`
	NotFound        string  `json:"not_found,omitempty"`
	Reply           string  `json:"reply,omitempty"`
}

// UnmarshalJSON rejects unknown keys, so a misspelt fault isn't silently off.
func (fj *FaultsJSON) UnmarshalJSON(data []byte) error {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return err
	}
	fields := map[string]any{
		"latency": &fj.Latency, "ratelimit": &fj.RateLimit, "ratewindow": &fj.RateWindow, "ratewindowcount": &fj.RateWindowCount,
		"retryafter": &fj.RetryAfter, "errorrate": &fj.ErrorRate, "errorstatus": &fj.ErrorStatus,
		"droprate": &fj.DropRate, "hangupafter": &fj.HangUpAfter, "notfound": &fj.NotFound, "reply": &fj.Reply,
	}
	for key, value := range raw {
		dst, ok := fields[strings.ToLower(strings.ReplaceAll(key, "_", ""))]
		if !ok {
			return fmt.Errorf("unknown fault %q", key)
		}
		if err := json.Unmarshal(value, dst); err != nil {
			return fmt.Errorf("fault %q: %w", key, err)
		}
	}
	return nil
}

// Faults converts and validates the configuration.
func (fj FaultsJSON) Faults() (Faults, error) {
	f := Faults{RateLimit: fj.RateLimit, RateWindowCount: fj.RateWindowCount, RetryAfter: fj.RetryAfter, ErrorRate: fj.ErrorRate,
		ErrorStatus: fj.ErrorStatus, DropRate: fj.DropRate, HangUpAfter: fj.HangUpAfter,
		NotFound: fj.NotFound, Reply: fj.Reply}
	var err error
	if f.Latency, err = parseDuration("latency", fj.Latency); err != nil {
		return f, err
	}
	if f.RateWindow, err = parseDuration("rate_window", fj.RateWindow); err != nil {
		return f, err
	}
	return f, f.Validate()
}

// Validate rejects settings that can't be honoured.
func (f Faults) Validate() error {
	switch {
	case f.Latency < 0 || f.RateWindow < 0:
		return fmt.Errorf("durations must not be negative")
	case f.RateLimit < 0 || f.RateWindowCount < 0 || f.RetryAfter < 0 || f.HangUpAfter < 0:
		return fmt.Errorf("rate limit, rate window count, retry-after and hang-up-after must not be negative")
	case f.ErrorRate < 0 || f.ErrorRate > 1 || f.DropRate < 0 || f.DropRate > 1:
		return fmt.Errorf("error and drop rates must be between 0 and 1")
	case f.ErrorStatus != 0 && (f.ErrorStatus < 400 || f.ErrorStatus > 599):
		return fmt.Errorf("error status %d is not an HTTP error status", f.ErrorStatus)
	}
	if err := checkForm("not-found form", f.NotFound, notFoundForms); err != nil {
		return err
	}
	return checkForm("reply form", f.Reply, replyForms)
}

func parseDuration(name, v string) (time.Duration, error) {
	if v == "" {
		return 0, nil
	}
	d, err := time.ParseDuration(v)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", name, err)
	}
	return d, nil
}

func (s *Server) adminSetFaults(w http.ResponseWriter, r *http.Request) {
	dec := json.NewDecoder(io.LimitReader(r.Body, maxBodyBytes))
	dec.DisallowUnknownFields()
	var cfg FaultsConfig
	if err := dec.Decode(&cfg); err != nil {
		writeError(w, errInvalid("faults: %v", err))
		return
	}
	if cfg.Route == "" {
		cfg.Route = RouteAll
	}
	if !cfg.Route.Valid() {
		writeError(w, errInvalid("faults: unknown route %q; valid routes: %v", cfg.Route, Routes()))
		return
	}
	f, err := cfg.Faults.Faults()
	if err != nil {
		writeError(w, errInvalid("faults: %v", err))
		return
	}
	if cfg.Seed != nil {
		s.SetFaultSeed(*cfg.Seed)
	}
	s.SetFaults(cfg.Route, f)
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) adminClearFaults(w http.ResponseWriter, _ *http.Request) {
	s.ClearFaults()
	w.WriteHeader(http.StatusNoContent)
}
