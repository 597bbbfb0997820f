// Command signalwire-fake serves the in-memory SignalWire Compatibility API
// of package fakeapi over plain HTTP, so configurations using the provider
// can be applied and tested without a SignalWire space. Its -h (help.go)
// documents the flags, the seed format and the admin endpoints.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"syscall"
	"time"

	"github.com/seed177019bb/terraform-provider-signalwire/internal/fakeapi"
)

const shutdownTimeout = 5 * time.Second

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout)
	stop()
	if err == nil || errors.Is(err, flag.ErrHelp) {
		return
	}
	fmt.Fprintln(os.Stderr, "signalwire-fake:", err)
	if errors.As(err, new(usageError)) {
		fmt.Fprintln(os.Stderr, "Run 'signalwire-fake -h' for every flag, the seed format and the admin endpoints.")
		os.Exit(2)
	}
	os.Exit(1)
}

// run serves until ctx is done, then shuts down gracefully.
func run(ctx context.Context, args []string, stdout io.Writer) error {
	cfg, err := parseFlags(args)
	if errors.Is(err, flag.ErrHelp) {
		printUsage(stdout)
		return err
	}
	if err != nil {
		return err
	}
	if cfg.showVersion {
		fmt.Fprintln(stdout, "signalwire-fake", buildVersion())
		return nil
	}
	srv, err := newServer(cfg)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return err
	}
	base := baseURL(ln.Addr())
	if cfg.readyFile != "" {
		if err := writeReadyFile(cfg.readyFile, base); err != nil {
			_ = ln.Close()
			return err
		}
	}
	printBanner(stdout, base, cfg)
	return serve(ctx, ln, srv)
}

func newServer(cfg config) (*fakeapi.Server, error) {
	srv := fakeapi.New(fakeapi.Options{ProjectID: cfg.projectID, APIToken: cfg.apiToken})
	if cfg.seedFile != "" {
		f, err := os.Open(cfg.seedFile)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		if err := srv.LoadSeed(f); err != nil {
			return nil, fmt.Errorf("%s: %w", cfg.seedFile, err)
		}
	}
	srv.SetFaultSeed(cfg.faultSeed)
	srv.SetFaults(cfg.faultRoute, cfg.faults)
	return srv, nil
}

func serve(ctx context.Context, ln net.Listener, h http.Handler) error {
	hs := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	if err := hs.Shutdown(shutdownCtx); err != nil {
		_ = hs.Close()
		return err
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// baseURL is the URL a local client should use; a wildcard listener is
// reachable on loopback.
func baseURL(addr net.Addr) string {
	tcp, ok := addr.(*net.TCPAddr)
	if !ok {
		return "http://" + addr.String()
	}
	host := tcp.IP.String()
	if tcp.IP.IsUnspecified() {
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, strconv.Itoa(tcp.Port))
}

// writeReadyFile writes the URL through a rename, so a script polling for
// the file never reads it half written.
func writeReadyFile(path, url string) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".signalwire-fake-ready-*")
	if err != nil {
		return err
	}
	_, werr := tmp.WriteString(url + "\n")
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr); err != nil {
		_ = os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// printBanner tells the user where the fake is and what to export. The token
// is printed only when it is the public fake default, never a real one taken
// from the environment.
func printBanner(w io.Writer, base string, cfg config) {
	fmt.Fprintf(w, "signalwire-fake listening on %s (project %s)\n", base, cfg.projectID)
	fmt.Fprintf(w, "export SIGNALWIRE_SPACE_URL=%s\n", base)
	fmt.Fprintf(w, "export SIGNALWIRE_PROJECT_ID=%s\n", cfg.projectID)
	if cfg.apiToken == fakeapi.DefaultAPIToken {
		fmt.Fprintf(w, "export SIGNALWIRE_API_TOKEN=%s\n", cfg.apiToken)
	} else {
		fmt.Fprintln(w, "# export SIGNALWIRE_API_TOKEN=<the token you passed> (not printed)")
	}
}
