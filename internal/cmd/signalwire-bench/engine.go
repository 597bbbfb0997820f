package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

const providerBinary = "terraform-provider-signalwire"

// engine runs one Terraform-compatible binary with a controlled environment.
type engine struct {
	path string
	env  []string
}

// engineEnv is the caller's environment without anything that changes how
// the engine or the provider behaves or logs, plus the benchmark's settings.
func engineEnv(base []string, extra ...string) []string {
	var env []string
	for _, kv := range base {
		name, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(name, "TF_") || strings.HasPrefix(name, "SIGNALWIRE_") ||
			name == "GOGC" || name == "GOMEMLIMIT" || name == "GODEBUG" || name == "CHECKPOINT_DISABLE" {
			continue
		}
		env = append(env, kv)
	}
	return append(env, extra...)
}

// result of one engine command.
type result struct {
	elapsed time.Duration
	exit    int
	// cpu is the engine's CPU time, user and system, including the
	// provider processes it started and waited for.
	cpu time.Duration
	// When polled: the provider processes' peak RSS, how many ran, and
	// their CPU time as of the last poll (at most one poll interval short).
	peakKiB     int64
	procs       int
	providerCPU time.Duration
}

// run executes the engine in dir. With poll, the processes it starts whose
// command is poll (a provider binary) are watched for their peak RSS.
// Output goes to dir/<log>.
func (e *engine) run(ctx context.Context, dir, log, poll string, args ...string) (result, error) {
	var out bytes.Buffer
	cmd := exec.CommandContext(ctx, e.path, args...)
	cmd.Dir, cmd.Env = dir, e.env
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return result{}, err
	}
	var poller *rssPoller
	if poll != "" {
		poller = startRSSPoller(cmd.Process.Pid, poll, 20*time.Millisecond)
	}
	err := cmd.Wait()
	res := result{elapsed: time.Since(start)}
	if poller != nil {
		res.peakKiB, res.procs, res.providerCPU = poller.finish()
	}
	if ps := cmd.ProcessState; ps != nil {
		res.cpu = ps.UserTime() + ps.SystemTime()
	}
	_ = os.WriteFile(filepath.Join(dir, log), out.Bytes(), 0o644)
	var exitErr *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &exitErr):
		res.exit = exitErr.ExitCode()
	default:
		return res, err
	}
	return res, nil
}

// runExpect runs and fails unless the engine exits with want, quoting the
// end of its output.
func (e *engine) runExpect(ctx context.Context, dir, log, poll string, want int, args ...string) (result, error) {
	res, err := e.run(ctx, dir, log, poll, args...)
	if err != nil {
		return res, err
	}
	if res.exit != want {
		data, _ := os.ReadFile(filepath.Join(dir, log))
		return res, fmt.Errorf("%s %s in %s exited %d, want %d:\n%s", filepath.Base(e.path), strings.Join(args, " "), dir, res.exit, want, tail(string(data), 25))
	}
	return res, nil
}

func (e *engine) version(ctx context.Context) string {
	out, err := exec.CommandContext(ctx, e.path, "version").Output()
	if err != nil {
		return "unknown"
	}
	first, _, _ := strings.Cut(string(out), "\n")
	return strings.TrimSpace(first)
}

func tail(s string, lines int) string {
	parts := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(parts) > lines {
		parts = parts[len(parts)-lines:]
	}
	return strings.Join(parts, "\n")
}

// removeState forgets everything applied in dir, so the next apply creates.
func removeState(dir string) error {
	for _, name := range []string{"terraform.tfstate", "terraform.tfstate.backup"} {
		if err := os.Remove(filepath.Join(dir, name)); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	return nil
}
