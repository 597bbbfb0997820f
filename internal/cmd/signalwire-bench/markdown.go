package main

import (
	"fmt"
	"strings"
	"time"
)

// markdown renders the generated part of BENCHMARKS.md, section by section.
func (r *report) markdown() string {
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	w("# Benchmarks\n\n")
	w("What the provider costs in API calls, time and memory, measured by `make bench` " +
		"(`internal/cmd/signalwire-bench`) against the standalone fake API. " +
		"Everything above the analysis is rewritten by each run.\n\n")
	for _, section := range []func(func(string, ...any)){
		r.writeMachine, r.writeTargets, r.writeCalls, r.writePolicy, r.writeThrottled, r.writeTimes, r.writePeer, r.writeMemory, r.writeGoBench,
	} {
		section(w)
	}
	return b.String()
}

func (r *report) writeMachine(w func(string, ...any)) {
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
}

func (r *report) writeTargets(w func(string, ...any)) {
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
}

func (r *report) writeCalls(w func(string, ...any)) {
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
}

func (r *report) writePolicy(w func(string, ...any)) { w("%s", r.policyMarkdown()) }

func (r *report) writeThrottled(w func(string, ...any)) {
	if len(r.ThrottleCases) == 0 {
		return
	}
	w("## Throttled apply\n\n")
	w("`apply` of N participants with default provider settings, each time on a fresh fake and an empty state, against "+
		"a fake that accepts R POSTs per second (a window of one second, counted from its first POST) and answers "+
		"`429` with `Retry-After: 1` beyond that; N/R is the API's own pace, which no client can beat. The unthrottled "+
		"apply, run just before against a fake that does not throttle, is the engine's fixed cost. Applied counts the "+
		"participants the fake shows as configured; accepted POSTs must be exactly N (one per participant) and no "+
		"other request is made. Target: wall time within %.1f × N/R plus the fixed cost.\n\n", throttleFactor)
	w("| N | R (POSTs/s) | applied | POSTs accepted | refused (429) | wall | N/R | wall ÷ N/R | unthrottled | bound | met |\n")
	w("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n")
	for _, t := range r.Throttled {
		w("| %d | %d | %d | %d | %d | %s | %s | %.2f× | %s | %s | %s |\n", t.N, t.PerSecond, t.Applied, t.Accepted, t.Refused,
			secs(t.Wall), secs(t.pace()), ratio(t.Wall, t.pace()), secs(t.Unthrottled), secs(t.bound()), yesNo(t.met()))
	}
	w("\n")
}

func (r *report) writeTimes(w func(string, ...any)) {
	m := r.Machine
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

}

func (r *report) writePeer(w func(string, ...any)) {
	if len(r.PeerSizes) == 0 {
		return
	}
	w("## Framework peer: %s\n\n", peerName)
	w("`hashicorp/terraform-provider-time` v0.14.2, built from the Go module proxy into `./bin` and used through "+
		"`dev_overrides` like the provider: its `%s` is a terraform-plugin-framework resource with no API behind it, "+
		"so it shows what the framework itself costs. N resources whose `triggers` hold the same fields, timed in the "+
		"same interleaved runs as the provider at fake latency 0, median of the runs shown (at least `-peer-reps` pairs at every size). Memory is the peak RSS of "+
		"each provider's processes over those same commands. Target: each at most %.1f× %s.\n\n", peerName, peerFactor, peerName)
	w("| N | runs | operation | %s | signalwire | ratio | %s: engine CPU | of which provider | signalwire: engine CPU | of which provider |\n", peerName, peerName)
	w("| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n")
	for _, t := range r.Times {
		if t.Peer > 0 {
			w("| %d | %d | %s | %s | %s | %.2f× | %s | %s | %s | %s |\n", t.N, t.PeerRuns, t.Op, secs(t.Peer), secs(t.PeerProvider),
				ratio(t.PeerProvider, t.Peer), secs(t.PeerCPU), secs(t.PeerPlugin), secs(t.PeerProviderCPU), secs(t.PeerProviderPlugin))
		}
	}
	w("\n| N | %s peak RSS | signalwire peak RSS | ratio |\n| ---: | ---: | ---: | ---: |\n", peerName)
	for _, mr := range r.Memory {
		if mr.PeerKiB > 0 {
			w("| %d | %s | %s | %.2f× |\n", mr.N, mib(mr.PeerKiB), mib(mr.ProviderKiB), float64(mr.ProviderKiB)/float64(mr.PeerKiB))
		}
	}
	w("\n")
}

func (r *report) writeMemory(w func(string, ...any)) {
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

}

func (r *report) writeGoBench(w func(string, ...any)) {
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
}
