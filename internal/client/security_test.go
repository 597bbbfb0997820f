package client

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
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

// TestSpaceURLCredentialsNeverEchoed: a space URL carrying a credential is
// refused, and the error repeats no part of it, whatever else is wrong.
func TestSpaceURLCredentialsNeverEchoed(t *testing.T) {
	const secret = "PTs3cr3t0k3nValue"
	inputs := []string{
		"https://" + testProject + ":" + secret + "@example.signalwire.com",
		"https://" + secret + "@example.signalwire.com",
		testProject + ":" + secret + "@example.signalwire.com",
		"https://" + testProject + ":" + secret,
		testProject + ":" + secret,
		"https://" + testProject + ":" + secret + " @example.signalwire.com",
		"https://" + testProject + ":" + secret + "@example.signalwire.com/api/laml/2010-04-01/Accounts/" + testProject,
		"http://" + testProject + ":" + secret + "@10.0.0.1:8080",
		"ftp://" + testProject + ":" + secret + "@example.signalwire.com",
		"https://example.signalwire.com/?token=" + secret,
		"https://example.signalwire.com/?" + secret,
		"https://example.signalwire.com/api/laml/2010-04-01?api_token=" + secret + "&x=1",
		"https://example.signalwire.com/#access_token=" + secret,
		"  https://" + testProject + ":" + secret + "@example.signalwire.com/  ",
	}
	for _, in := range inputs {
		t.Run(in, func(t *testing.T) {
			_, err := New(Config{SpaceURL: in, ProjectID: testProject, APIToken: secret})
			var spaceErr *SpaceURLError
			if !errors.As(err, &spaceErr) {
				t.Fatalf("New(%q) = %v, want a *SpaceURLError", in, err)
			}
			if strings.Contains(err.Error(), secret) {
				t.Fatalf("the error repeats the secret: %v", err)
			}
		})
	}
}

// TestTokenNeverInErrorsOrLogs drives every way a request can fail (no such
// host, TLS refused, HTTP errors whose bodies echo the request, a timeout,
// a refused connection) and checks that neither the token nor its Basic-auth
// form reaches the error or any log event.
func TestTokenNeverInErrorsOrLogs(t *testing.T) {
	echo := func(format string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(http.StatusBadGateway)
			fmt.Fprintf(w, format, r.Header.Get("Authorization"), testToken, r.URL.String())
		}
	}
	refused := httptest.NewServer(http.NotFoundHandler())
	refusedURL := refused.URL
	refused.Close()
	tlsSrv := httptest.NewUnstartedServer(http.NotFoundHandler())
	tlsSrv.Config.ErrorLog = log.New(io.Discard, "", 0)
	tlsSrv.StartTLS()
	t.Cleanup(tlsSrv.Close)
	tests := []struct {
		name    string
		handler http.HandlerFunc // served on loopback when set
		space   string
		mod     func(*Config)
		timeout time.Duration
	}{
		{name: "no such host", space: "example.signalwire.com", mod: func(c *Config) { c.HTTPClient = noSuchHostClient(nil) }},
		{name: "tls refused", space: tlsSrv.URL},
		{name: "html echo", handler: echo("<html><body><pre>Authorization: %s\ntoken=%s\n%s</pre></body></html>")},
		{name: "json echo", handler: echo(`{"code":20504,"message":"upstream saw %s and %s at %s","status":502}`)},
		{name: "text echo", handler: echo("auth=%s token=%s url=%s")},
		{name: "timeout", timeout: 50 * time.Millisecond, handler: func(w http.ResponseWriter, r *http.Request) {
			_, _ = io.Copy(io.Discard, r.Body) // so the server notices the client hanging up
			select {
			case <-r.Context().Done():
			case <-time.After(10 * time.Second):
			}
		}},
		{name: "connection refused", space: refusedURL},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			space := tt.space
			if tt.handler != nil {
				space = newTestServer(t, tt.handler).URL
			}
			logger := &recordingLogger{}
			c := newTestClient(t, space, func(cfg *Config) {
				cfg.Logger, cfg.MaxRetries = logger, 1
				if tt.mod != nil {
					tt.mod(cfg)
				}
			})
			ctx := context.Background()
			if tt.timeout > 0 {
				var cancel context.CancelFunc
				ctx, cancel = context.WithTimeout(ctx, tt.timeout)
				defer cancel()
			}
			_, err := c.UpdateParticipant(ctx, "", testConference, testCall,
				UpdateParticipantParams{Muted: ptr(true), AnnounceURL: ptr("https://example.com/a.xml")})
			if err == nil {
				t.Fatal("the request succeeded")
			}
			texts := map[string]string{"error": err.Error()}
			for i, ev := range logger.all() {
				texts[fmt.Sprintf("log event %d", i)] = fmt.Sprint(ev.msg, ev.fields)
			}
			for where, text := range texts {
				for _, secret := range []string{testToken, basicCredentials()} {
					if strings.Contains(text, secret) {
						t.Errorf("the %s contains a secret: %s", where, text)
					}
				}
			}
		})
	}
}

// TestNoSuchHostIsNotRetried: a host the DNS says does not exist stays so
// for the run, so it fails at once and the error names the host.
func TestNoSuchHostIsNotRetried(t *testing.T) {
	for _, params := range []UpdateParticipantParams{
		{Muted: ptr(true)},
		{AnnounceURL: ptr("https://example.com/a.xml")},
	} {
		var dials atomic.Int32
		c := newTestClient(t, "mycompany", func(cfg *Config) {
			cfg.HTTPClient, cfg.MaxRetries = noSuchHostClient(&dials), 4
			cfg.RetryWaitMin, cfg.RetryWaitMax = time.Hour, time.Hour // a retry would hang the test
		})
		_, err := c.UpdateParticipant(context.Background(), "", testConference, testCall, params)
		if err == nil || !strings.Contains(err.Error(), "mycompany.signalwire.com") || !strings.Contains(err.Error(), "no such host") {
			t.Fatalf("err = %v, want no such host for mycompany.signalwire.com", err)
		}
		if n := dials.Load(); n != 1 {
			t.Fatalf("%d dials, want 1", n)
		}
	}
}

// TestPlainHTTPServerIsNotRetried: a space URL that says https for a server
// that speaks plain HTTP (a loopback fake pasted without its scheme) fails on
// the first connection instead of being retried for seconds.
func TestPlainHTTPServerIsNotRetried(t *testing.T) {
	var conns atomic.Int32
	srv := httptest.NewUnstartedServer(http.NotFoundHandler())
	srv.Config.ConnState = func(_ net.Conn, state http.ConnState) {
		if state == http.StateNew {
			conns.Add(1)
		}
	}
	srv.Start()
	t.Cleanup(srv.Close)
	c := newTestClient(t, "https://"+srv.Listener.Addr().String(), func(cfg *Config) {
		cfg.MaxRetries = 4
		cfg.RetryWaitMin, cfg.RetryWaitMax = time.Millisecond, time.Millisecond
	})
	_, err := c.UpdateParticipant(context.Background(), "", testConference, testCall, UpdateParticipantParams{Muted: ptr(true)})
	if !errors.Is(err, http.ErrSchemeMismatch) {
		t.Fatalf("err = %v, want %v", err, http.ErrSchemeMismatch)
	}
	if n := conns.Load(); n != 1 {
		t.Fatalf("%d connections, want 1: the request was retried", n)
	}
}

// noSuchHostClient fails every dial as the resolver does for NXDOMAIN,
// counting the dials in n when it is not nil.
func noSuchHostClient(n *atomic.Int32) *http.Client {
	return &http.Client{Transport: &http.Transport{
		DialContext: func(_ context.Context, _, addr string) (net.Conn, error) {
			if n != nil {
				n.Add(1)
			}
			host, _, _ := net.SplitHostPort(addr)
			return nil, &net.OpError{Op: "dial", Net: "tcp",
				Err: &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}}
		},
	}}
}
