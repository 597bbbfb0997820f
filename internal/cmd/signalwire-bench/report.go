package main

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// Targets the report checks.
const (
	targetSize     = 200
	targetRatio    = 1.5
	targetRSSSize  = 1000
	targetRSSBytes = 64 << 20
)

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
}

type memRow struct {
	N       int
	PeakKiB int64
	Procs   int
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
	GoBench     []goBench
	Errors      []string
}

type target struct {
	Name     string
	Measured string
	Met      bool
}

func ratio(a, b time.Duration) float64 {
	if b <= 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// targets evaluates the goals; a goal whose measurement is missing is not met.
func (r *report) targets() []target {
	var ts []target
	over, under := 0, 0
	for _, c := range r.Calls {
		switch c.Verdict {
		case verdictOver:
			over++
		case verdictUnder:
			under++
		}
	}
	ts = append(ts, target{
		Name:     "API calls exactly at the minimum in every phase at every N",
		Measured: fmt.Sprintf("%d of %d phases at the minimum, %d over, %d under", len(r.Calls)-over-under, len(r.Calls), over, under),
		Met:      len(r.Calls) > 0 && over == 0 && under == 0,
	})
	for _, op := range []string{"apply", "no-change plan"} {
		t := target{Name: fmt.Sprintf("%s of N = %d at 0 ms within %.1f× the terraform_data floor", op, targetSize, targetRatio), Measured: "not measured"}
		for _, row := range r.Times {
			if row.N == targetSize && row.Op == op {
				q := ratio(row.Provider0, row.Floor)
				t.Measured = fmt.Sprintf("%.2f× (%s vs %s, median of %d)", q, secs(row.Provider0), secs(row.Floor), row.Runs)
				t.Met = q > 0 && q <= targetRatio
			}
		}
		ts = append(ts, t)
	}
	t := target{Name: fmt.Sprintf("provider peak RSS under %d MiB at N = %d", targetRSSBytes>>20, targetRSSSize), Measured: "not measured"}
	for _, m := range r.Memory {
		if m.N == targetRSSSize && m.PeakKiB > 0 {
			t.Measured = mib(m.PeakKiB)
			t.Met = m.PeakKiB*1024 < targetRSSBytes
		}
	}
	return append(ts, t)
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

func (r *report) markdown() string {
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	w("# Benchmarks\n\n")
	w("What the provider costs in API calls, time and memory, measured by `make bench` " +
		"(`internal/cmd/signalwire-bench`) against the standalone fake API. " +
		"Everything above the analysis is rewritten by each run.\n\n")

	m := r.Machine
	w("## Machine and run\n\n")
	w("| | |\n| --- | --- |\n")
	w("| date | %s |\n", r.Date.UTC().Format("2006-01-02 15:04 MST"))
	w("| CPU | %d × %s |\n", m.CPUs, m.CPUModel)
	w("| Go | %s |\n", m.GoVersion)
	w("| engine | %s (`%s`) |\n", m.Engine, m.EnginePath)
	w("| load average at the start of `make bench` | %s |\n", m.LoadStart)
	w("| load average when the engine runs started / ended | %s / %s |\n", m.LoadBench, m.LoadEnd)
	w("| engine runs, wall time | %s |\n", r.Wall.Round(time.Second))
	w("| engine settings | `-parallelism=%d`, `TF_IN_AUTOMATION=1`, `CHECKPOINT_DISABLE=1`, no `TF_LOG`, default `GOGC` |\n\n", r.Parallelism)

	w("## Targets\n\n| target | measured | met |\n| --- | --- | --- |\n")
	for _, t := range r.targets() {
		w("| %s | %s | %s |\n", t.Name, t.Measured, yesNo(t.Met))
	}
	w("\n")
	if len(r.Errors) > 0 {
		w("Errors during the run:\n\n")
		for _, e := range r.Errors {
			w("- %s\n", e)
		}
		w("\n")
	}

	w("## API calls per phase\n\n")
	w("Counted by the fake's request log (`GET /__fake/requests`), emptied before each phase; fake latency 0. " +
		"Each participant is alone in its own conference. The phases run in this order on one state. " +
		"Destroy uses `destroy -refresh=false`: with `on_destroy = \"keep\"` it needs no call, while a refreshing " +
		"destroy makes N GETs by definition. Verdict: `ok` is exactly the minimum, `OVER` more calls than needed, " +
		"`UNDER` fewer (the phase did not do its work).\n\n")
	w("| N | phase | command | GET | POST | DELETE | minimum | verdict | wall |\n| ---: | --- | --- | ---: | ---: | ---: | --- | --- | ---: |\n")
	for _, c := range r.Calls {
		w("| %d | %s | `%s` | %d | %d | %d | %s | %s | %s |\n", c.N, c.Phase, c.Command, c.Got.GET, c.Got.POST, c.Got.DELETE, minText(c.Min), c.Verdict, secs(c.Elapsed))
	}
	w("\n")
	b.WriteString(r.policyMarkdown())

	w("## Time\n\n")
	w("Wall time of the engine command, median of the runs shown, each apply on an empty state. The floor is the same "+
		"engine applying N `terraform_data` resources whose `input` is an object with the same fields (no plugin, no API), "+
		"run interleaved with the provider's runs. The HTTP floor is N × %s / %d: the time N sequential-per-slot requests "+
		"take at that latency with %d in flight.\n\n", r.Latency, r.Parallelism, r.Parallelism)
	lat := r.Latency.String()
	w("| N | runs | operation | terraform_data | signalwire, 0 ms | ratio | signalwire, %s | ratio | HTTP floor at %s |\n", lat, lat)
	w("| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n")
	for _, t := range r.Times {
		w("| %d | %d | %s | %s | %s | %.2f× | %s | %.2f× | %s |\n", t.N, t.Runs, t.Op, secs(t.Floor),
			secs(t.Provider0), ratio(t.Provider0, t.Floor), secs(t.ProviderL), ratio(t.ProviderL, t.Floor), secs(t.HTTPFloor))
	}
	w("\n")

	w("### Where the time goes\n\n")
	w("CPU time (user + system) of the same runs at fake latency 0, medians: the engine's own, which includes the "+
		"provider processes it starts, and the provider processes' alone (read from `/proc/<pid>/stat` at the last "+
		"20 ms poll, so at most one poll short). The machine has %d CPUs shared with whatever else runs, so wall time "+
		"exceeds CPU time when the run waits for a CPU.\n\n", m.CPUs)
	w("| N | operation | terraform_data: wall | CPU | signalwire: wall | CPU | of which provider |\n")
	w("| ---: | --- | ---: | ---: | ---: | ---: | ---: |\n")
	for _, t := range r.Times {
		w("| %d | %s | %s | %s | %s | %s | %s |\n", t.N, t.Op, secs(t.Floor), secs(t.FloorCPU),
			secs(t.Provider0), secs(t.Provider0CPU), secs(t.Provider0Plugin))
	}
	w("\n")

	w("## Memory\n\n")
	w("Peak resident set (VmHWM of `/proc/<pid>/status`) of the `terraform-provider-signalwire` processes the engine " +
		"starts, polled every 20 ms during every provider command at that N (the API-call phases and the timed runs) and the maximum kept; " +
		"VmHWM is the kernel's own high-water mark, so a peak between two polls is still seen as long as one poll " +
		"happens after it. The engine starts several provider processes per command; the count is how many were seen.\n\n")
	w("| N | provider peak RSS | provider processes seen |\n| ---: | ---: | ---: |\n")
	for _, mr := range r.Memory {
		w("| %d | %s | %d |\n", mr.N, mib(mr.PeakKiB), mr.Procs)
	}
	w("\n")

	w("## Go benchmarks\n\n")
	w("`go test -run '^$' -bench . -benchmem ./internal/client/ ./internal/fakeapi/`\n\n")
	if len(r.GoBench) == 0 {
		w("No results.\n\n")
	} else {
		w("| package | benchmark | ns/op | B/op | allocs/op |\n| --- | --- | ---: | ---: | ---: |\n")
		for _, g := range r.GoBench {
			w("| %s | %s | %.1f | %d | %d |\n", strings.TrimPrefix(g.Pkg, modulePath+"/"), g.Name, g.NsPerOp, g.BytesPerOp, g.AllocsPerOp)
		}
		w("\n")
	}
	return b.String()
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
