package client

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestNewValidation(t *testing.T) {
	tests := []struct {
		name    string
		cfg     Config
		wantErr string
	}{
		{name: "no project", cfg: Config{SpaceURL: "x.signalwire.com", APIToken: "t"}, wantErr: "project ID"},
		{name: "no token", cfg: Config{SpaceURL: "x.signalwire.com", ProjectID: "p"}, wantErr: "API token"},
		{name: "no space", cfg: Config{ProjectID: "p", APIToken: "t"}, wantErr: "space URL"},
		{name: "plain http", cfg: Config{SpaceURL: "http://x.signalwire.com", ProjectID: "p", APIToken: "t"}, wantErr: "HTTPS is required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := New(tt.cfg); err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("err = %v, want %q", err, tt.wantErr)
			}
		})
	}
}

func TestNewDefaults(t *testing.T) {
	c, err := New(Config{SpaceURL: "example.signalwire.com", ProjectID: "p", APIToken: "t", MaxRetries: -3})
	if err != nil {
		t.Fatal(err)
	}
	if c.BaseURL() != "https://example.signalwire.com/api/laml/2010-04-01" || c.ProjectID() != "p" {
		t.Fatalf("BaseURL %q ProjectID %q", c.BaseURL(), c.ProjectID())
	}
	if c.maxRetries != 0 || c.waitMin != DefaultRetryWaitMin || c.waitMax != DefaultRetryWaitMax || c.userAgent != DefaultUserAgent {
		t.Fatalf("defaults not applied: %+v", c)
	}
	tr, ok := c.httpClient.Transport.(*http.Transport)
	if !ok || tr.MaxIdleConnsPerHost < 10 || tr.TLSClientConfig == nil || tr.TLSClientConfig.InsecureSkipVerify {
		t.Fatalf("transport = %+v", c.httpClient.Transport)
	}
	custom := &http.Client{}
	c, err = New(Config{SpaceURL: "example.signalwire.com", ProjectID: "p", APIToken: "t", HTTPClient: custom,
		RetryWaitMin: 5 * time.Second, RetryWaitMax: time.Second})
	if err != nil || c.httpClient != custom || c.waitMax != 5*time.Second {
		t.Fatalf("custom client: %v %+v", err, c)
	}
}

func TestRedirectsAreNotFollowed(t *testing.T) {
	var leaked atomic.Int32
	other := newTestServer(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "" {
			leaked.Add(1)
		}
	})
	srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+"/steal", http.StatusFound)
	})
	c := newTestClient(t, srv.URL, nil)
	_, err := c.GetParticipant(context.Background(), "", testConference, testCall)
	if apiErr, ok := AsAPIError(err); !ok || apiErr.StatusCode != http.StatusFound {
		t.Fatalf("err = %v", err)
	}
	if other.count() != 0 || leaked.Load() != 0 {
		t.Fatal("redirect was followed")
	}
}

func TestLoggerNeverSeesSecrets(t *testing.T) {
	srv := newTestServer(t, statusSequence([]int{429, 500}, participantJSON(testCall, false)))
	logger := &recordingLogger{}
	c := newTestClient(t, srv.URL, func(cfg *Config) { cfg.Logger = logger })
	ctx := context.Background()
	if _, err := c.UpdateParticipant(ctx, "", testConference, testCall, UpdateParticipantParams{Muted: ptr(true)}); err != nil {
		t.Fatal(err)
	}
	_ = c.DeleteParticipant(ctx, "", "missing", testCall)

	events := logger.all()
	var requests, responses, warns int
	for _, e := range events {
		dump := fmt.Sprintf("%s %v", e.msg, e.fields)
		for _, secret := range []string{testToken, basicCredentials(), "Basic "} {
			if strings.Contains(dump, secret) {
				t.Fatalf("log event leaks %q: %s", secret, dump)
			}
		}
		switch {
		case e.level == "warn":
			warns++
			if e.fields["status"] == nil || e.fields["wait"] == nil {
				t.Errorf("retry warning lacks status/wait: %v", e.fields)
			}
		case strings.Contains(e.msg, "response"):
			responses++
			if e.fields["status"] == nil || e.fields["duration_ms"] == nil {
				t.Errorf("response event lacks status/duration: %v", e.fields)
			}
		default:
			requests++
		}
		if e.fields["method"] == nil || e.fields["path"] == nil || e.fields["attempt"] == nil {
			t.Errorf("event lacks method/path/attempt: %v", e.fields)
		}
	}
	if requests != 4 || responses != 4 || warns != 2 {
		t.Fatalf("requests=%d responses=%d warns=%d; events %+v", requests, responses, warns, events)
	}
}

func TestConnectionReuse(t *testing.T) {
	srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, participantJSON(testCall, false))
	})
	c := newTestClient(t, srv.URL, nil)

	const total, parallel = 50, 10
	jobs := make(chan struct{}, total)
	for range total {
		jobs <- struct{}{}
	}
	close(jobs)
	var wg sync.WaitGroup
	errs := make(chan error, total)
	for range parallel {
		wg.Go(func() {
			for range jobs {
				if _, err := c.GetParticipant(context.Background(), "", testConference, testCall); err != nil {
					errs <- err
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if srv.count() != total {
		t.Fatalf("%d requests", srv.count())
	}
	// The transport may dial a spare connection while another is being
	// returned to the pool, more often on a loaded machine, so allow up to two
	// per worker; without keep-alive this would be one per request.
	if n := srv.newConns(); n > 2*parallel {
		t.Fatalf("%d connections opened for %d requests at parallelism %d", n, total, parallel)
	}
}

func TestErrorResponsesKeepConnections(t *testing.T) {
	srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNotFound)
		fmt.Fprint(w, strings.Repeat("x", 4096))
	})
	c := newTestClient(t, srv.URL, nil)
	for range 10 {
		if _, err := c.GetParticipant(context.Background(), "", testConference, testCall); !IsNotFound(err) {
			t.Fatal(err)
		}
	}
	if n := srv.newConns(); n > 3 {
		t.Fatalf("%d connections for 10 sequential requests", n)
	}
}
