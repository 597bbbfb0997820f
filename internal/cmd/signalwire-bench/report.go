package main

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// targetSize is the size whose timings are medians of several runs.
const targetSize = 200

// notesMarker starts the hand-written part of BENCHMARKS.md, which a new
// run keeps.
const notesMarker = "<!-- Analysis below this line is written by hand and kept when make bench rewrites the file. -->"

type machine struct {
	CPUs       int
	CPUModel   string
	GoVersion  string
	Engine     string // first line of `<engine> version`
	EnginePath string
	LoadStart  string // /proc/loadavg when make bench started
	LoadBench  string // /proc/loadavg when the engine runs started
	LoadEnd    string
}

type callRow struct {
	N        int
	Phase    string
	Command  string
	Got, Min counts
	Verdict  string
	Elapsed  time.Duration
}

// timeRow holds medians of one operation at one size.
type timeRow struct {
	N, Runs   int
	Op        string // "apply" or "no-change plan"
	Floor     time.Duration
	Provider0 time.Duration // fake latency 0
	ProviderL time.Duration // fake latency report.Latency
	HTTPFloor time.Duration // N × latency / parallelism
	// CPU time, user and system, at latency 0: the engine's (including its
	// provider processes) for the floor and the provider runs, and the
	// provider processes' own.
	FloorCPU, Provider0CPU, Provider0Plugin time.Duration
	// The framework peer, when measured at this size, over PeerRuns
	// interleaved pairs: wall time, the engine's CPU and its provider's
	// CPU, for the peer and for the provider at latency 0.
	PeerRuns                                          int
	Peer, PeerCPU, PeerPlugin                         time.Duration
	PeerProvider, PeerProviderCPU, PeerProviderPlugin time.Duration
}

type memRow struct {
	N       int
	PeakKiB int64 // over every provider command at this size
	Procs   int
	// Side by side with the framework peer: the peak of the provider and of
	// the peer over the same commands (timed applies and no-change plans at
	// latency 0); zero when the peer did not run at this size.
	ProviderKiB, PeerKiB int64
}

type report struct {
	Date        time.Time
	Wall        time.Duration
	Machine     machine
	Parallelism int
	Latency     time.Duration
	Calls       []callRow
	PolicyCalls []callRow // the policy's phases (policy.go)
	Times       []timeRow
	Memory      []memRow
	Throttled   []throttleRow
	// What the run set out to measure, so a missing measurement shows.
	PeerSizes     []int
	ThrottleCases []throttleCase
	GoBench       []goBench
	Errors        []string
}

// failed reports whether the run must exit non-zero: a phase made more
// calls than its minimum, or fewer (the phase did not do its work), or a
// step failed.
func (r *report) failed() bool {
	for _, c := range append(slices.Clone(r.Calls), r.PolicyCalls...) {
		if c.Verdict != verdictOK {
			return true
		}
	}
	for _, t := range r.Throttled {
		if t.Accepted != t.N || t.Other != 0 {
			return true
		}
	}
	return len(r.Errors) > 0
}

func secs(d time.Duration) string { return fmt.Sprintf("%.2f s", d.Seconds()) }

func mib(kib int64) string { return fmt.Sprintf("%.1f MiB", float64(kib)/1024) }

func yesNo(ok bool) string {
	if ok {
		return "yes"
	}
	return "**no**"
}

const modulePath = "github.com/seed177019bb/terraform-provider-signalwire"

func minText(c counts) string {
	var parts []string
	if c.GET > 0 {
		parts = append(parts, fmt.Sprintf("%d GET", c.GET))
	}
	if c.POST > 0 {
		parts = append(parts, fmt.Sprintf("%d POST", c.POST))
	}
	if c.DELETE > 0 {
		parts = append(parts, fmt.Sprintf("%d DELETE", c.DELETE))
	}
	if len(parts) == 0 {
		return "0 calls"
	}
	return strings.Join(parts, " + ")
}

// withNotes appends the hand-written part of the previous file, from the
// marker on, to a freshly generated report; without one it adds the marker.
func withNotes(generated, previous string) string {
	if i := strings.Index(previous, notesMarker); i >= 0 {
		return generated + previous[i:]
	}
	return generated + notesMarker + "\n"
}

// median of the durations; zero for none.
func median(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}
