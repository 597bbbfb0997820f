package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"time"
)

// series is one configuration timed at one size: wall time, engine CPU
// (with the provider) and provider CPU of each run, by operation, and the
// peak RSS of the provider processes it polls.
type series struct {
	name                       string
	dir                        string
	latency                    time.Duration
	fake                       bool   // runs against the fake, whose latency is set and log emptied first
	poll                       string // the provider binary whose memory is watched; "" for none
	apply, applyCPU, applyProv []time.Duration
	plan, planCPU, planProv    []time.Duration
	peakKiB                    int64
}

func (s *series) record(a, p result) {
	s.apply, s.applyCPU, s.applyProv = append(s.apply, a.elapsed), append(s.applyCPU, a.cpu), append(s.applyProv, a.providerCPU)
	s.plan, s.planCPU, s.planProv = append(s.plan, p.elapsed), append(s.planCPU, p.cpu), append(s.planProv, p.providerCPU)
	s.peakKiB = max(s.peakKiB, a.peakKiB, p.peakKiB)
}

// sizeRun is the state of measuring one size.
type sizeRun struct {
	b                   *bench
	n                   int
	f                   *fake
	mem                 memRow
	applyArgs, planArgs []string
}

// timed applies on an empty state, then plans, and records both.
func (sr *sizeRun) timed(ctx context.Context, s *series, rep, runs int) error {
	if s.fake {
		if err := sr.f.setLatency(s.latency); err != nil {
			return err
		}
		if err := sr.f.resetRequests(); err != nil {
			return err
		}
	}
	if err := removeState(s.dir); err != nil {
		return err
	}
	eng := sr.b.eng
	a, err := eng.runExpect(ctx, s.dir, "timed-apply.log", s.poll, 0, sr.applyArgs...)
	if err != nil {
		return fmt.Errorf("timed apply, %s: %w", s.name, err)
	}
	p, err := eng.runExpect(ctx, s.dir, "timed-plan.log", s.poll, 0, sr.planArgs...)
	if err != nil {
		return fmt.Errorf("timed plan, %s: %w", s.name, err)
	}
	s.record(a, p)
	if s.poll == providerBinary {
		sr.seen(a, p)
	}
	fmt.Fprintf(sr.b.out, "N=%-5d run %d/%d %-20s apply %6.2fs  plan %6.2fs  peak %s\n",
		sr.n, rep, runs, s.name, a.elapsed.Seconds(), p.elapsed.Seconds(), mib(max(a.peakKiB, p.peakKiB)))
	return nil
}

// seen adds provider commands to the size's memory row.
func (sr *sizeRun) seen(rs ...result) {
	for _, r := range rs {
		sr.mem.PeakKiB, sr.mem.Procs = max(sr.mem.PeakKiB, r.peakKiB), sr.mem.Procs+r.procs
	}
}

// size measures everything at n participants with a fresh fake. Every
// timed series runs once per repetition, interleaved, so drifting load hits
// them alike: the terraform_data floor, the framework peer, and the provider
// at fake latency 0 and at b.o.latency. The provider's first run at latency
// 0 is the create and no-change plan phases of the API call count, which are
// exactly an apply on an empty state and a plan after it.
func (b *bench) size(ctx context.Context, n int) error {
	dir := filepath.Join(b.work, fmt.Sprintf("n%d", n))
	provDir, floorDir, peerDir := filepath.Join(dir, "signalwire"), filepath.Join(dir, "terraform_data"), filepath.Join(dir, peerName)
	f, err := b.freshFake(ctx, dir, n)
	if err != nil {
		return err
	}
	defer f.stop()
	all := phases(b.o.parallelism)
	sr := &sizeRun{b: b, n: n, f: f, mem: memRow{N: n}, applyArgs: all[0].args, planArgs: all[1].args}

	floor := &series{name: "terraform_data", dir: floorDir}
	prov0 := &series{name: "signalwire 0ms", dir: provDir, fake: true, poll: providerBinary}
	provL := &series{name: "signalwire " + b.o.latency.String(), dir: provDir, fake: true, poll: providerBinary, latency: b.o.latency}
	leads := []*series{floor}
	configs := map[string]string{floorDir: floorConfig(n, false)}
	var peer *series
	if b.o.peerDir != "" && slices.Contains(b.o.peerSizes, n) {
		peer = &series{name: peerName, dir: peerDir, poll: peerBinary}
		leads = append(leads, peer)
		configs[peerDir] = peerConfig(n, false)
	}
	for d, text := range configs {
		if err := writeConfig(d, text); err != nil {
			return err
		}
	}
	runs := 1
	if n == b.o.medianSize {
		runs = b.o.reps
	}
	for _, s := range leads {
		if err := sr.timed(ctx, s, 1, runs); err != nil {
			return err
		}
	}
	created, planned, err := b.callPhases(ctx, sr, provDir)
	if err != nil {
		return err
	}
	prov0.record(created, planned)
	if err := writeConfig(provDir, providerConfig(n, false)); err != nil {
		return err
	}
	if err := sr.timed(ctx, provL, 1, runs); err != nil {
		return err
	}
	for rep := 2; rep <= runs; rep++ {
		for _, s := range append(leads, prov0, provL) {
			if err := sr.timed(ctx, s, rep, runs); err != nil {
				return err
			}
		}
	}
	// A single run of a large apply swings by a third on a shared machine,
	// so the comparison with the peer always rests on several pairs.
	if peer != nil {
		pairs := max(runs, b.o.peerReps)
		for rep := runs + 1; rep <= pairs; rep++ {
			for _, s := range []*series{peer, prov0} {
				if err := sr.timed(ctx, s, rep, pairs); err != nil {
					return err
				}
			}
		}
	}
	if err := f.setLatency(0); err != nil {
		return err
	}
	if peer != nil {
		sr.mem.ProviderKiB, sr.mem.PeerKiB = prov0.peakKiB, peer.peakKiB
	}
	b.r.Memory = append(b.r.Memory, sr.mem)
	b.r.Times = append(b.r.Times, timeRows(n, runs, b.o, floor, prov0, provL, peer)...)
	return nil
}

// callPhases counts the API calls of every phase at latency 0 on one state
// and returns the create and the no-change plan.
func (b *bench) callPhases(ctx context.Context, sr *sizeRun, provDir string) (created, planned result, err error) {
	for i, ph := range phases(b.o.parallelism) {
		if err := writeConfig(provDir, providerConfig(sr.n, ph.changed)); err != nil {
			return created, planned, err
		}
		row, res, err := b.countPhase(ctx, sr.f, provDir, fmt.Sprintf("phase%d.log", i+1), "", ph, sr.n)
		if err != nil {
			return created, planned, err
		}
		b.r.Calls = append(b.r.Calls, row)
		sr.seen(res)
		switch i {
		case 0:
			created = res
		case 1:
			planned = res
		}
	}
	return created, planned, nil
}

// timeRows are the medians of one size, apply and no-change plan.
func timeRows(n, runs int, o options, floor, prov0, provL, peer *series) []timeRow {
	httpFloor := time.Duration(n) * o.latency / time.Duration(o.parallelism)
	// The floor's comparison uses the provider's runs interleaved with it.
	p0 := series{apply: prov0.apply[:runs], applyCPU: prov0.applyCPU[:runs], applyProv: prov0.applyProv[:runs],
		plan: prov0.plan[:runs], planCPU: prov0.planCPU[:runs], planProv: prov0.planProv[:runs]}
	apply := timeRow{N: n, Runs: runs, Op: "apply", Floor: median(floor.apply), Provider0: median(p0.apply), ProviderL: median(provL.apply), HTTPFloor: httpFloor,
		FloorCPU: median(floor.applyCPU), Provider0CPU: median(p0.applyCPU), Provider0Plugin: median(p0.applyProv)}
	plan := timeRow{N: n, Runs: runs, Op: "no-change plan", Floor: median(floor.plan), Provider0: median(p0.plan), ProviderL: median(provL.plan), HTTPFloor: httpFloor,
		FloorCPU: median(floor.planCPU), Provider0CPU: median(p0.planCPU), Provider0Plugin: median(p0.planProv)}
	if peer != nil {
		apply.PeerRuns, plan.PeerRuns = len(peer.apply), len(peer.plan)
		apply.Peer, apply.PeerCPU, apply.PeerPlugin = median(peer.apply), median(peer.applyCPU), median(peer.applyProv)
		apply.PeerProvider, apply.PeerProviderCPU, apply.PeerProviderPlugin = median(prov0.apply), median(prov0.applyCPU), median(prov0.applyProv)
		plan.Peer, plan.PeerCPU, plan.PeerPlugin = median(peer.plan), median(peer.planCPU), median(peer.planProv)
		plan.PeerProvider, plan.PeerProviderCPU, plan.PeerProviderPlugin = median(prov0.plan), median(prov0.planCPU), median(prov0.planProv)
	}
	return []timeRow{apply, plan}
}

// freshFake starts a fake seeded with n participants, one per conference,
// and points the engine at it.
func (b *bench) freshFake(ctx context.Context, dir string, n int) (*fake, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	f, err := startFake(ctx, b.o.fakeBin, dir, benchProjectID, b.token)
	if err != nil {
		return nil, err
	}
	if err := f.seed(n); err != nil {
		f.stop()
		return nil, err
	}
	b.eng.env = append(b.eng.env, "SIGNALWIRE_SPACE_URL="+f.base) // the last one wins
	return f, nil
}

func writeConfig(dir, text string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "main.tf"), []byte(text), 0o644)
}
