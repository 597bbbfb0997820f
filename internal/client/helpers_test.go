package client

import (
	"context"
	"encoding/base64"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

const (
	testProject    = "b3877c40-da60-4998-90ad-b792e98472af"
	testToken      = "PTsecret-token-0123456789"
	testConference = "b3877c40-da60-4998-90ad-b792e98472cf"
	testCall       = "b3877c40-da60-4998-90ad-b792e98472ca"
)

func ptr[T any](v T) *T { return &v }

// closedPort is the address of a port nothing listens on: a dial to it is
// refused before any byte is sent.
func closedPort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	_ = l.Close()
	return addr
}

// testServer counts requests and answers them with handler.
type testServer struct {
	*httptest.Server
	requests atomic.Int32
	conns    atomic.Int32
}

func newTestServer(t *testing.T, handler http.HandlerFunc) *testServer {
	t.Helper()
	ts := &testServer{}
	ts.Server = httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ts.requests.Add(1)
		handler(w, r)
	}))
	ts.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			ts.conns.Add(1)
		}
	}
	ts.Start()
	t.Cleanup(ts.Close)
	return ts
}

// newConns is how many TCP connections clients opened to the server.
func (ts *testServer) newConns() int { return int(ts.conns.Load()) }

func (ts *testServer) count() int { return int(ts.requests.Load()) }

func newTestClient(t *testing.T, serverURL string, mod func(*Config)) *Client {
	t.Helper()
	cfg := Config{
		SpaceURL:     serverURL,
		ProjectID:    testProject,
		APIToken:     testToken,
		UserAgent:    "client-test/1.0",
		MaxRetries:   3,
		RetryWaitMin: time.Millisecond,
		RetryWaitMax: 50 * time.Millisecond,
	}
	if mod != nil {
		mod(&cfg)
	}
	c, err := New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return c
}

// statusSequence answers with the given statuses in order, then 200 with body.
func statusSequence(statuses []int, body string) http.HandlerFunc {
	var n atomic.Int32
	return func(w http.ResponseWriter, r *http.Request) {
		i := int(n.Add(1)) - 1
		w.Header().Set("Content-Type", "application/json")
		if i < len(statuses) {
			w.WriteHeader(statuses[i])
			fmt.Fprintf(w, `{"code":%d,"message":"status %d","more_info":"https://example.com","status":%d}`,
				statuses[i]+20000, statuses[i], statuses[i])
			return
		}
		fmt.Fprint(w, body)
	}
}

func participantJSON(callSID string, muted bool) string {
	return fmt.Sprintf(`{"account_sid":%q,"call_sid":%q,"call_sid_to_coach":null,"coaching":false,`+
		`"conference_sid":%q,"date_created":"Mon, 24 Sept 2018 21:00:00 +0000","date_updated":"Tue, 25 Sep 2018 20:00:00 +0000",`+
		`"status":"in-progress","end_conference_on_exit":false,"muted":%t,"hold":false,"start_conference_on_enter":true,`+
		`"uri":"/api/laml/2010-04-01/Accounts/%s/Conferences/%s/Participants/%s.json"}`,
		testProject, callSID, testConference, muted, testProject, testConference, callSID)
}

type logEvent struct {
	level  string
	msg    string
	fields map[string]any
}

type recordingLogger struct {
	mu     sync.Mutex
	events []logEvent
}

func (l *recordingLogger) record(level, msg string, fields map[string]any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	copied := make(map[string]any, len(fields))
	for k, v := range fields {
		copied[k] = v
	}
	l.events = append(l.events, logEvent{level, msg, copied})
}

func (l *recordingLogger) Debug(_ context.Context, msg string, fields map[string]any) {
	l.record("debug", msg, fields)
}

func (l *recordingLogger) Warn(_ context.Context, msg string, fields map[string]any) {
	l.record("warn", msg, fields)
}

func (l *recordingLogger) all() []logEvent {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]logEvent(nil), l.events...)
}

func basicCredentials() string {
	return base64.StdEncoding.EncodeToString([]byte(testProject + ":" + testToken))
}

func assertContains(t *testing.T, s, want string) {
	t.Helper()
	if !strings.Contains(s, want) {
		t.Errorf("%q does not contain %q", s, want)
	}
}
