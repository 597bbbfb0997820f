package fakeapi

import (
	"context"
	"crypto/subtle"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

const (
	// BasePath is where the Compatibility API lives under a space URL, as
	// SignalWire's OpenAPI document gives it.
	BasePath = "/api/laml/" + APIVersion
	// VersionPath is where SignalWire's SDKs address the same API: at the
	// space root, without /api/laml. The fake serves both.
	VersionPath = "/" + APIVersion
	// APIVersion is the api_version every conference reports.
	APIVersion = "2010-04-01"
	// AdminPrefix is the unauthenticated control surface of the fake.
	AdminPrefix = "/__fake/"

	// DefaultProjectID and DefaultAPIToken are used when Options leaves them empty.
	DefaultProjectID = "7f1c7e7e-4b8a-4c1e-9c52-3f1f0a2b9d10"
	DefaultAPIToken  = "PTfake-token-0123456789abcdef"
	// DefaultRegion is the region of conferences seeded without one.
	DefaultRegion = "us1"

	maxBodyBytes = 1 << 20
)

// Options configures a Server. The zero value is usable.
type Options struct {
	ProjectID string           // Basic auth username and the only AccountSid served; DefaultProjectID if empty
	APIToken  string           // Basic auth password; DefaultAPIToken if empty
	Clock     func() time.Time // source of every date; time.Now().UTC() if nil
}

// Server is an in-memory SignalWire Compatibility API for conferences and
// their participants. It is an http.Handler and safe for concurrent use.
type Server struct {
	projectID string
	apiToken  string
	clock     func() time.Time

	mu          sync.Mutex
	conferences map[string]*conference
	log         []*Request
	faults      map[Route]Faults
	windows     map[Route]*rateWindow
	counted     map[Route]int // POSTs counted for Faults.RateWindowCount
	rng         *rand.Rand
	started     time.Time // on the monotonic clock, for Request.Arrived

	// Counters behind generated SIDs, so generated data is reproducible.
	generatedConferences uint64
	generatedCalls       uint64
}

// New returns an empty server.
func New(opts Options) *Server {
	s := &Server{
		projectID:   opts.ProjectID,
		apiToken:    opts.APIToken,
		clock:       opts.Clock,
		conferences: make(map[string]*conference),
		faults:      make(map[Route]Faults),
		windows:     make(map[Route]*rateWindow),
		counted:     make(map[Route]int),
		started:     time.Now(),
	}
	if s.projectID == "" {
		s.projectID = DefaultProjectID
	}
	s.projectID = canonicalSID(s.projectID)
	if s.apiToken == "" {
		s.apiToken = DefaultAPIToken
	}
	if s.clock == nil {
		s.clock = func() time.Time { return time.Now().UTC() }
	}
	s.rng = newRand(1)
	return s
}

// ProjectID is the project (account) the server answers for.
func (s *Server) ProjectID() string { return s.projectID }

func (s *Server) now() time.Time { return s.clock().UTC() }

// ServeHTTP answers API requests under BasePath or VersionPath and admin
// requests under AdminPrefix.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, AdminPrefix) {
		s.serveAdmin(w, r)
		return
	}
	form, formErr := readForm(r)
	entry := s.logArrival(r, form)
	sw := &statusWriter{ResponseWriter: w}
	fault := s.serveAPI(sw, r, form, formErr)
	if fault == FaultDrop || fault == replyDropped {
		// Logged before the drop, so a client that sees it finds the entry.
		if fault == replyDropped {
			fault = FaultReply
		}
		s.logDone(entry, 0, fault)
		dropConnection(w)
		return
	}
	s.logDone(entry, sw.status, fault)
}

// serveAPI answers one API request and reports which fault, if any, shaped
// the answer. For FaultDrop and replyDropped nothing has been written.
func (s *Server) serveAPI(w http.ResponseWriter, r *http.Request, form url.Values, formErr *apiError) string {
	if !s.authorized(r) {
		writeError(w, errUnauthorized())
		return ""
	}
	m, apiErr := matchRoute(r.Method, r.URL.Path)
	if apiErr == errOutsideAPI {
		http.NotFound(w, r)
		return ""
	}
	if apiErr != nil {
		if len(m.allow) > 0 {
			w.Header().Set("Allow", strings.Join(m.allow, ", "))
		}
		writeError(w, apiErr)
		return ""
	}
	m.account, m.conference, m.call = canonicalSID(m.account), canonicalSID(m.conference), canonicalSID(m.call)
	m.form, m.formErr = form, formErr
	// Credentials belong to exactly one project, so a foreign AccountSid is an
	// authorization failure rather than a missing resource (see doc.go).
	if m.account != s.projectID {
		writeError(w, errUnauthorized())
		return ""
	}
	d := s.decideFault(m, r.Method)
	if d.latency > 0 && !sleepCtx(r.Context(), d.latency) {
		return d.kind
	}
	if d.kind == FaultDrop || d.answer(w) {
		return d.kind
	}
	if d.kind == FaultReply {
		return s.dispatchSpoilt(w, r, m, d.form)
	}
	s.dispatch(w, r, m)
	return d.kind
}

// dispatch runs the operation's handler under the lock and writes its
// answer once the lock is released, so a slow client holds up no other
// request.
func (s *Server) dispatch(w http.ResponseWriter, r *http.Request, m match) {
	body, apiErr := func() (any, *apiError) {
		s.mu.Lock()
		defer s.mu.Unlock()
		return m.serve(s, r, m)
	}()
	switch {
	case apiErr != nil:
		writeError(w, apiErr)
	case body == nil:
		w.WriteHeader(http.StatusNoContent)
	default:
		writeJSON(w, http.StatusOK, body)
	}
}

// conferenceAt is the conference a request's path names, or the API's 404
// for the path. Like every handler, it needs s.mu held.
func (s *Server) conferenceAt(r *http.Request, m match) (*conference, *apiError) {
	c, ok := s.conferences[m.conference]
	if !ok {
		return nil, errNotFound(r.URL.Path)
	}
	return c, nil
}

// participantAt is conferenceAt for a participant's path: the participant
// and its conference.
func (s *Server) participantAt(r *http.Request, m match) (*conference, *participant, *apiError) {
	c, apiErr := s.conferenceAt(r, m)
	if apiErr != nil {
		return nil, nil, apiErr
	}
	p, ok := c.participants[m.call]
	if !ok {
		return nil, nil, errNotFound(r.URL.Path)
	}
	return c, p, nil
}

func (s *Server) authorized(r *http.Request) bool {
	user, pass, ok := r.BasicAuth()
	if !ok {
		return false
	}
	userOK := subtle.ConstantTimeCompare([]byte(canonicalSID(user)), []byte(s.projectID)) == 1
	passOK := subtle.ConstantTimeCompare([]byte(pass), []byte(s.apiToken)) == 1
	return userOK && passOK
}

// readForm parses a POST body the way the API does: always as
// application/x-www-form-urlencoded. Other methods carry no form.
func readForm(r *http.Request) (url.Values, *apiError) {
	if r.Method != http.MethodPost {
		return nil, nil
	}
	if ct := r.Header.Get("Content-Type"); ct != "" {
		mt, _, _ := strings.Cut(ct, ";")
		mt = strings.ToLower(strings.TrimSpace(mt))
		if mt != "application/x-www-form-urlencoded" {
			return nil, errInvalid("Content-Type %q is not supported: send application/x-www-form-urlencoded", mt)
		}
	}
	if r.Body == nil {
		return url.Values{}, nil
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBodyBytes+1))
	if err != nil {
		return nil, errInvalid("reading the request body failed: %v", err)
	}
	if len(body) > maxBodyBytes {
		return nil, errInvalid("the request body is larger than %d bytes", maxBodyBytes)
	}
	form, err := url.ParseQuery(string(body))
	if err != nil {
		return nil, errInvalid("the request body is not valid form data: %v", err)
	}
	return form, nil
}

func sleepCtx(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// dropConnection closes the client's connection without an answer. Where
// the connection can't be taken over (HTTP/2, recorders) the handler aborts,
// which net/http turns into a reset stream or closed connection.
func dropConnection(w http.ResponseWriter) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	_ = conn.Close()
}

// statusWriter remembers the status written, for the request log.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
