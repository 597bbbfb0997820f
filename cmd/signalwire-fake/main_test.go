package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/seed177019bb/terraform-provider-signalwire/internal/fakeapi"
)

// syncBuffer is written by run's goroutine and read by the test.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// startRun runs the command in the background and returns its base URL.
func startRun(t *testing.T, stdout io.Writer, extra ...string) string {
	t.Helper()
	dir := t.TempDir()
	ready := filepath.Join(dir, "ready")
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	args := append([]string{"-addr", "127.0.0.1:0", "-ready-file", ready}, extra...)
	go func() { done <- run(ctx, args, stdout) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("run returned %v after shutdown", err)
			}
		case <-time.After(10 * time.Second):
			t.Error("run did not return after cancellation")
		}
	})
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case err := <-done:
			t.Fatalf("run stopped early: %v", err)
		default:
		}
		if data, err := os.ReadFile(ready); err == nil {
			return strings.TrimSpace(string(data))
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatal("ready file never appeared")
	return ""
}

func TestRunServesAuthenticatedRequests(t *testing.T) {
	t.Setenv(envProjectID, "")
	t.Setenv(envAPIToken, "")
	seed := filepath.Join(t.TempDir(), "seed.json")
	if err := os.WriteFile(seed, []byte(`{"conferences": [{"sid": "aa000000-0000-4000-8000-000000000001",
		"friendly_name": "support-room", "participants": [{"call_sid": "aa000000-0000-4000-8000-0000000000c1"}]}]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	var stdout syncBuffer
	base := startRun(t, &stdout, "-seed", seed)
	if !strings.HasPrefix(base, "http://127.0.0.1:") || strings.HasSuffix(base, ":0") {
		t.Fatalf("ready file holds %q", base)
	}

	url := base + fakeapi.BasePath + "/Accounts/" + fakeapi.DefaultProjectID +
		"/Conferences/aa000000-0000-4000-8000-000000000001/Participants/aa000000-0000-4000-8000-0000000000c1.json"
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	req.SetBasicAuth(fakeapi.DefaultProjectID, fakeapi.DefaultAPIToken)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var p map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&p); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d, decode error %v", resp.StatusCode, err)
	}
	if p["call_sid"] != "aa000000-0000-4000-8000-0000000000c1" {
		t.Fatalf("participant %v", p)
	}

	unauth, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	unauth.Body.Close()
	if unauth.StatusCode != http.StatusUnauthorized {
		t.Fatalf("unauthenticated request: %d", unauth.StatusCode)
	}

	out := stdout.String()
	for _, want := range []string{
		"signalwire-fake listening on " + base + " (project " + fakeapi.DefaultProjectID + ")\n",
		"export SIGNALWIRE_SPACE_URL=" + base + "\n",
		"export SIGNALWIRE_PROJECT_ID=" + fakeapi.DefaultProjectID + "\n",
		"export SIGNALWIRE_API_TOKEN=" + fakeapi.DefaultAPIToken + "\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("stdout lacks %q:\n%s", want, out)
		}
	}
}

func TestRunAppliesFaultFlags(t *testing.T) {
	t.Setenv(envProjectID, "")
	t.Setenv(envAPIToken, "")
	base := startRun(t, io.Discard, "-error-rate", "1", "-error-status", "502", "-fault-route", "conferences.list")
	get := func(path string) int {
		req, _ := http.NewRequest(http.MethodGet, base+fakeapi.BasePath+"/Accounts/"+fakeapi.DefaultProjectID+path, nil)
		req.SetBasicAuth(fakeapi.DefaultProjectID, fakeapi.DefaultAPIToken)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if got := get("/Conferences"); got != http.StatusBadGateway {
		t.Fatalf("conference list: %d, want 502", got)
	}
	if got := get("/Conferences/none"); got != http.StatusNotFound {
		t.Fatalf("other route: %d, want 404", got)
	}
}

func TestRunKeepsARealTokenOffStdout(t *testing.T) {
	t.Setenv(envProjectID, "")
	t.Setenv(envAPIToken, "real-secret-token")
	var stdout syncBuffer
	startRun(t, &stdout)
	if out := stdout.String(); strings.Contains(out, "real-secret-token") || !strings.Contains(out, "not printed") {
		t.Fatalf("stdout:\n%s", out)
	}
}

func TestRunRefusesRemoteAddresses(t *testing.T) {
	for _, addr := range []string{"0.0.0.0:0", ":0", "[::]:0", "example.com:8080"} {
		t.Run(addr, func(t *testing.T) {
			err := run(context.Background(), []string{"-addr", addr}, io.Discard)
			if !errors.As(err, new(usageError)) || !strings.Contains(err.Error(), "-allow-remote") {
				t.Fatalf("run = %v, want a refusal naming -allow-remote", err)
			}
		})
	}
}

type parseFlagsCase struct {
	name    string
	env     map[string]string
	args    []string
	check   func(t *testing.T, cfg config)
	wantErr bool
}

var parseFlagsCases = []parseFlagsCase{
	{name: "defaults", args: nil, check: func(t *testing.T, cfg config) {
		if cfg.addr != "127.0.0.1:8080" || cfg.projectID != fakeapi.DefaultProjectID ||
			cfg.apiToken != fakeapi.DefaultAPIToken || cfg.faultRoute != fakeapi.RouteAll ||
			cfg.faultSeed != 1 || cfg.faults != (fakeapi.Faults{}) {
			t.Fatalf("%+v", cfg)
		}
	}},
	{name: "environment", env: map[string]string{envProjectID: "p-env", envAPIToken: "t-env"}, check: func(t *testing.T, cfg config) {
		if cfg.projectID != "p-env" || cfg.apiToken != "t-env" {
			t.Fatalf("%+v", cfg)
		}
	}},
	{name: "flags beat environment", env: map[string]string{envProjectID: "p-env", envAPIToken: "t-env"},
		args: []string{"-project-id", "p-flag", "-api-token", "t-flag"}, check: func(t *testing.T, cfg config) {
			if cfg.projectID != "p-flag" || cfg.apiToken != "t-flag" {
				t.Fatalf("%+v", cfg)
			}
		}},
	{name: "faults", args: []string{"-latency", "25ms", "-rate-limit", "5", "-rate-window", "2s", "-rate-window-count", "7", "-retry-after", "3",
		"-error-rate", "0.25", "-error-status", "500", "-drop-rate", "0.1", "-hangup-after", "4",
		"-not-found", "html", "-reply", "truncated",
		"-fault-seed", "9", "-fault-route", "participants.update"}, check: func(t *testing.T, cfg config) {
		want := fakeapi.Faults{Latency: 25 * time.Millisecond, RateLimit: 5, RateWindow: 2 * time.Second, RateWindowCount: 7, RetryAfter: 3,
			ErrorRate: 0.25, ErrorStatus: 500, DropRate: 0.1, HangUpAfter: 4, NotFound: "html", Reply: "truncated"}
		if cfg.faults != want || cfg.faultSeed != 9 || cfg.faultRoute != fakeapi.RouteParticipantsUpdate {
			t.Fatalf("%+v", cfg)
		}
	}},
	{name: "loopback names", args: []string{"-addr", "localhost:0"}},
	{name: "ipv6 loopback", args: []string{"-addr", "[::1]:0"}},
	{name: "remote allowed", args: []string{"-addr", "0.0.0.0:0", "-allow-remote"}},
	{name: "unknown route", args: []string{"-fault-route", "calls.create"}, wantErr: true},
	{name: "rate above one", args: []string{"-error-rate", "1.5"}, wantErr: true},
	{name: "unknown reply form", args: []string{"-reply", "garbled"}, wantErr: true},
	{name: "negative rate window count", args: []string{"-rate-window-count", "-2"}, wantErr: true},
	{name: "bad duration", args: []string{"-latency", "soon"}, wantErr: true},
	{name: "unknown flag", args: []string{"-verbose"}, wantErr: true},
	{name: "positional argument", args: []string{"extra"}, wantErr: true},
	{name: "address without port", args: []string{"-addr", "127.0.0.1"}, wantErr: true},
}

func TestParseFlags(t *testing.T) {
	for _, tt := range parseFlagsCases {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv(envProjectID, tt.env[envProjectID])
			t.Setenv(envAPIToken, tt.env[envAPIToken])
			cfg, err := parseFlags(tt.args)
			if tt.wantErr {
				if !errors.As(err, new(usageError)) {
					t.Fatalf("err = %v, want a usage error", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if tt.check != nil {
				tt.check(t, cfg)
			}
		})
	}
}

func TestParseFlagsHelp(t *testing.T) {
	if _, err := parseFlags([]string{"-h"}); !errors.Is(err, flag.ErrHelp) {
		t.Fatalf("-h: %v", err)
	}
}
