package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// fake is a running signalwire-fake process and its admin endpoints.
type fake struct {
	cmd  *exec.Cmd
	base string
	hc   *http.Client
}

func startFake(ctx context.Context, bin, dir, projectID, token string) (*fake, error) {
	ready := filepath.Join(dir, "fake.ready")
	logf, err := os.Create(filepath.Join(dir, "fake.log"))
	if err != nil {
		return nil, err
	}
	defer logf.Close()
	cmd := exec.CommandContext(ctx, bin, "-addr", "127.0.0.1:0", "-ready-file", ready, "-project-id", projectID)
	// The token goes through the environment, not the command line.
	cmd.Env = append(os.Environ(), "SIGNALWIRE_API_TOKEN="+token)
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	f := &fake{cmd: cmd, hc: &http.Client{Timeout: 30 * time.Second}}
	for range 200 {
		if data, err := os.ReadFile(ready); err == nil && len(data) > 0 {
			f.base = strings.TrimSpace(string(data))
			return f, nil
		}
		time.Sleep(25 * time.Millisecond)
	}
	f.stop()
	return nil, fmt.Errorf("the fake API did not start; see %s", filepath.Join(dir, "fake.log"))
}

func (f *fake) stop() {
	if f.cmd.Process != nil {
		_ = f.cmd.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { _ = f.cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			_ = f.cmd.Process.Kill()
			<-done
		}
	}
}

func (f *fake) admin(method, path string, body any, out any) error {
	var rd io.Reader
	if body != nil {
		data, err := json.Marshal(body)
		if err != nil {
			return err
		}
		rd = bytes.NewReader(data)
	}
	req, err := http.NewRequest(method, f.base+"/__fake/"+path, rd)
	if err != nil {
		return err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := f.hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode >= 300 {
		return fmt.Errorf("%s /__fake/%s: %s: %s", method, path, resp.Status, bytes.TrimSpace(data))
	}
	if out != nil {
		return json.Unmarshal(data, out)
	}
	return nil
}

// seed adds n conferences of one participant each; on a fresh fake their
// sids are generatedSID(conferencePrefix, 1..n) and generatedSID(callPrefix, 1..n).
func (f *fake) seed(n int) error {
	var res struct{ Conferences, Participants int }
	body := map[string]any{"generate": map[string]int{"conferences": n, "participants_per_conference": 1}}
	if err := f.admin(http.MethodPost, "seed", body, &res); err != nil {
		return err
	}
	if res.Conferences != n || res.Participants != n {
		return fmt.Errorf("seed added %d conferences and %d participants, want %d of each", res.Conferences, res.Participants, n)
	}
	return nil
}

func (f *fake) setLatency(d time.Duration) error {
	if d == 0 {
		return f.admin(http.MethodDelete, "faults", nil, nil)
	}
	return f.admin(http.MethodPost, "faults", map[string]any{"faults": map[string]string{"latency": d.String()}}, nil)
}

func (f *fake) resetRequests() error { return f.admin(http.MethodDelete, "requests", nil, nil) }

func (f *fake) requests() (counts, error) {
	var summary struct {
		Total    int            `json:"total"`
		ByMethod map[string]int `json:"by_method"`
	}
	if err := f.admin(http.MethodGet, "requests", nil, &summary); err != nil {
		return counts{}, err
	}
	c := counts{GET: summary.ByMethod["GET"], POST: summary.ByMethod["POST"], DELETE: summary.ByMethod["DELETE"]}
	if c.total() != summary.Total {
		return c, fmt.Errorf("request log: %d requests but %s", summary.Total, c)
	}
	return c, nil
}

// statuses counts the logged requests by method and status.
func (f *fake) statuses() (map[string]map[int]int, error) {
	var summary struct {
		Requests []struct {
			Method string `json:"method"`
			Status int    `json:"status"`
		} `json:"requests"`
	}
	if err := f.admin(http.MethodGet, "requests", nil, &summary); err != nil {
		return nil, err
	}
	out := map[string]map[int]int{}
	for _, r := range summary.Requests {
		if out[r.Method] == nil {
			out[r.Method] = map[int]int{}
		}
		out[r.Method][r.Status]++
	}
	return out, nil
}

// onHold counts the participants on hold, which is how the benchmark's
// configuration leaves every participant it applied.
func (f *fake) onHold() (int, error) {
	var ps []struct {
		Hold bool `json:"hold"`
	}
	if err := f.admin(http.MethodGet, "participants", nil, &ps); err != nil {
		return 0, err
	}
	n := 0
	for _, p := range ps {
		if p.Hold {
			n++
		}
	}
	return n, nil
}
