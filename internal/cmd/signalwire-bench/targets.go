package main

import (
	"fmt"
	"slices"
	"time"
)

// peerFactor bounds the provider's apply time, no-change plan time and peak
// RSS as a multiple of the framework peer's.
const peerFactor = 1.0

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
	ts := []target{r.callsTarget()}
	for _, tc := range r.ThrottleCases {
		ts = append(ts, r.throttleTarget(tc))
	}
	for _, n := range r.PeerSizes {
		ts = append(ts, r.peerTimeTarget(n, "apply"), r.peerTimeTarget(n, "no-change plan"), r.peerMemoryTarget(n))
	}
	return ts
}

func (r *report) callsTarget() target {
	calls := append(slices.Clone(r.Calls), r.PolicyCalls...)
	over, under := 0, 0
	for _, c := range calls {
		switch c.Verdict {
		case verdictOver:
			over++
		case verdictUnder:
			under++
		}
	}
	return target{
		Name:     "API calls exactly at the minimum in every phase at every N",
		Measured: fmt.Sprintf("%d of %d phases at the minimum, %d over, %d under", len(calls)-over-under, len(calls), over, under),
		Met:      len(calls) > 0 && over == 0 && under == 0,
	}
}

func (r *report) throttleTarget(tc throttleCase) target {
	t := target{Name: fmt.Sprintf("throttled apply of N = %d at %d POSTs/s, default settings: every participant applied "+
		"within %.1f × N/R plus the engine's fixed cost", tc.N, tc.PerSecond, throttleFactor), Measured: "not measured"}
	for _, row := range r.Throttled {
		if row.throttleCase == tc {
			t.Measured = fmt.Sprintf("%d of %d applied, %s (%.2f × N/R); bound %s = %.1f × %s + %s",
				row.Applied, row.N, secs(row.Wall), ratio(row.Wall, row.pace()), secs(row.bound()),
				throttleFactor, secs(row.pace()), secs(row.Unthrottled))
			t.Met = row.met()
		}
	}
	return t
}

func (r *report) peerTimeTarget(n int, op string) target {
	t := target{Name: fmt.Sprintf("%s of N = %d within %.1f× %s", op, n, peerFactor, peerName), Measured: "not measured"}
	for _, row := range r.Times {
		if row.N == n && row.Op == op && row.Peer > 0 {
			q := ratio(row.PeerProvider, row.Peer)
			t.Measured = fmt.Sprintf("%.2f× (%s vs %s, median of %d)", q, secs(row.PeerProvider), secs(row.Peer), row.PeerRuns)
			t.Met = q > 0 && q <= peerFactor
		}
	}
	return t
}

func (r *report) peerMemoryTarget(n int) target {
	t := target{Name: fmt.Sprintf("provider peak RSS at N = %d within %.1f× %s", n, peerFactor, peerName), Measured: "not measured"}
	for _, m := range r.Memory {
		if m.N == n && m.PeerKiB > 0 && m.ProviderKiB > 0 {
			q := float64(m.ProviderKiB) / float64(m.PeerKiB)
			t.Measured = fmt.Sprintf("%.2f× (%s vs %s)", q, mib(m.ProviderKiB), mib(m.PeerKiB))
			t.Met = q <= peerFactor
		}
	}
	return t
}
