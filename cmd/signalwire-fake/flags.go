package main

import (
	"cmp"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"strings"

	"github.com/seed177019bb/terraform-provider-signalwire/internal/fakeapi"
)

const (
	envProjectID = "SIGNALWIRE_PROJECT_ID"
	envAPIToken  = "SIGNALWIRE_API_TOKEN"
)

type config struct {
	addr        string
	allowRemote bool
	projectID   string
	apiToken    string
	seedFile    string
	readyFile   string
	faults      fakeapi.Faults
	faultSeed   int64
	faultRoute  fakeapi.Route
	showVersion bool
}

// usageError marks a command line that can't be used as given.
type usageError struct{ error }

// parseFlags reads the command line. It prints nothing: for -h it returns
// flag.ErrHelp, and its errors are usageErrors for the caller to report.
func parseFlags(args []string) (config, error) {
	var cfg config
	var route string
	fs := flagSet(&cfg, &route)
	fs.SetOutput(io.Discard)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return cfg, err
		}
		return cfg, usageError{err}
	}
	if fs.NArg() > 0 {
		return cfg, usageError{fmt.Errorf("unexpected arguments: %s", strings.Join(fs.Args(), " "))}
	}
	cfg.projectID = cmp.Or(cfg.projectID, os.Getenv(envProjectID), fakeapi.DefaultProjectID)
	cfg.apiToken = cmp.Or(cfg.apiToken, os.Getenv(envAPIToken), fakeapi.DefaultAPIToken)
	cfg.faultRoute = fakeapi.Route(route)
	if !cfg.faultRoute.Valid() {
		return cfg, usageError{fmt.Errorf("-fault-route %q is not one of %s", route, routeNames())}
	}
	if err := cfg.faults.Validate(); err != nil {
		return cfg, usageError{fmt.Errorf("fault flags: %w", err)}
	}
	if err := checkAddr(cfg.addr, cfg.allowRemote); err != nil {
		return cfg, usageError{err}
	}
	return cfg, nil
}

// flagSet defines every flag, writing into cfg and route.
func flagSet(cfg *config, route *string) *flag.FlagSet {
	fs := flag.NewFlagSet("signalwire-fake", flag.ContinueOnError)
	fs.Usage = func() {}
	fs.StringVar(&cfg.addr, "addr", "127.0.0.1:8080", "listen address; port 0 picks a free port")
	fs.BoolVar(&cfg.allowRemote, "allow-remote", false, "allow a non-loopback listen address (the fake speaks plain HTTP)")
	// Empty defaults keep a token from the environment out of -h output.
	fs.StringVar(&cfg.projectID, "project-id", "", "project ID (Basic auth user and AccountSid); default $"+envProjectID+" or "+fakeapi.DefaultProjectID)
	fs.StringVar(&cfg.apiToken, "api-token", "", "API token (Basic auth password); default $"+envAPIToken+" or the built-in fake token")
	fs.StringVar(&cfg.seedFile, "seed", "", "JSON seed `file` of conferences and participants")
	fs.StringVar(&cfg.readyFile, "ready-file", "", "write the base URL to this `file` once listening")
	fs.DurationVar(&cfg.faults.Latency, "latency", 0, "delay added to every answer")
	fs.IntVar(&cfg.faults.RateLimit, "rate-limit", 0, "POSTs allowed per rate window before answering 429 (0 = unlimited)")
	fs.DurationVar(&cfg.faults.RateWindow, "rate-window", 0, "rate limit window (default 1s)")
	fs.IntVar(&cfg.faults.RateWindowCount, "rate-window-count", 0, "measure the rate window in POSTs instead of time: of every this many, -rate-limit pass")
	fs.IntVar(&cfg.faults.RetryAfter, "retry-after", 0, "Retry-After seconds sent with a 429 (default 1)")
	fs.Float64Var(&cfg.faults.ErrorRate, "error-rate", 0, "share of requests answered with -error-status, 0 to 1")
	fs.IntVar(&cfg.faults.ErrorStatus, "error-status", 0, "status of injected errors (default 503)")
	fs.Float64Var(&cfg.faults.DropRate, "drop-rate", 0, "share of requests whose connection is closed unanswered, 0 to 1")
	fs.IntVar(&cfg.faults.HangUpAfter, "hangup-after", 0, "a participant hangs up after this many requests addressed to it (0 = never)")
	fs.StringVar(&cfg.faults.NotFound, "not-found", "", "answer every request 404 not in the API's form: empty, html, foreign or code")
	fs.StringVar(&cfg.faults.Reply, "reply", "", "process every request, then spoil its 2xx answer: empty, truncated, text, partial or drop")
	fs.Int64Var(&cfg.faultSeed, "fault-seed", 1, "seed of the random fault sequence")
	fs.StringVar(route, "fault-route", string(fakeapi.RouteAll), "route the fault flags apply to: "+routeNames())
	fs.BoolVar(&cfg.showVersion, "version", false, "print the version and exit")
	return fs
}

// checkAddr refuses to expose the fake beyond this machine by accident: it
// has no TLS, so credentials would cross the network in the clear.
func checkAddr(addr string, allowRemote bool) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("-addr %q: %w", addr, err)
	}
	if allowRemote || isLoopback(host) {
		return nil
	}
	return fmt.Errorf("-addr %q is not a loopback address; the fake serves plain HTTP, pass -allow-remote to listen there anyway", addr)
}

func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func routeNames() string {
	var names []string
	for _, r := range fakeapi.Routes() {
		names = append(names, string(r))
	}
	return strings.Join(names, ", ")
}
