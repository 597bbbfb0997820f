package client

import (
	"context"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// TestSelfSignedCertificateRefused: the default HTTP client verifies TLS, and
// a certificate failure is final, not retried.
func TestSelfSignedCertificateRefused(t *testing.T) {
	t.Parallel()
	var reached atomic.Int32
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { reached.Add(1) }))
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // the refused handshake is expected
	srv.StartTLS()
	t.Cleanup(srv.Close)
	c, err := New(Config{SpaceURL: srv.URL, ProjectID: "p", APIToken: "t", MaxRetries: 3,
		RetryWaitMin: time.Millisecond, RetryWaitMax: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.GetParticipant(context.Background(), "", testConference, testCall)
	if err == nil || !strings.Contains(err.Error(), "certificate") {
		t.Fatalf("err = %v, want a certificate verification error", err)
	}
	if !strings.Contains(err.Error(), "after 1 attempt") {
		t.Errorf("a certificate failure was retried: %v", err)
	}
	if reached.Load() != 0 {
		t.Error("a request reached the server over an unverified connection")
	}
}
