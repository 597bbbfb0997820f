// Command signalwire-bench measures what the provider costs: API calls per
// Terraform phase, wall time against the engine's own floor, and the
// provider's peak memory. It drives a real engine against the standalone
// fake API and writes BENCHMARKS.md. `make bench` runs it.
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"
)

const benchProjectID = "b3e0c1a2-5d4f-4e6a-8b7c-9d0e1f2a3b4c"

type options struct {
	terraform   string
	providerDir string
	fakeBin     string
	sizes       []int
	medianSize  int
	reps        int
	latency     time.Duration
	parallelism int
	out         string
	goBench     string
	loadStart   string
	keep        bool
	policySize  int
}

func parseOptions(args []string, stderr io.Writer) (options, error) {
	var o options
	var sizes string
	fs := flag.NewFlagSet("signalwire-bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.terraform, "terraform", "", "engine binary (required)")
	fs.StringVar(&o.providerDir, "provider-dir", "bin", "directory holding the built "+providerBinary)
	fs.StringVar(&o.fakeBin, "fake", "bin/signalwire-fake", "signalwire-fake binary")
	fs.StringVar(&sizes, "sizes", "100,200,1000", "comma-separated participant counts")
	fs.IntVar(&o.medianSize, "median-size", targetSize, "size whose timings are the median of -reps runs; other sizes run once")
	fs.IntVar(&o.reps, "reps", 5, "timed runs at -median-size")
	fs.DurationVar(&o.latency, "latency", 25*time.Millisecond, "fake latency of the second timed series")
	fs.IntVar(&o.parallelism, "parallelism", 10, "engine -parallelism")
	fs.StringVar(&o.out, "out", "BENCHMARKS.md", "report file to write")
	fs.StringVar(&o.goBench, "gobench", "", "file holding `go test -bench` output to include")
	fs.StringVar(&o.loadStart, "load-start", "", "load average when the whole benchmark started (default: now)")
	fs.BoolVar(&o.keep, "keep", false, "keep the working directory")
	fs.IntVar(&o.policySize, "policy-size", 1000, "participants in the one conference of the policy phases; 0 skips them")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if o.terraform == "" {
		return o, errors.New("-terraform is required")
	}
	for s := range strings.SplitSeq(sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 {
			return o, fmt.Errorf("-sizes: %q is not a positive count", s)
		}
		o.sizes = append(o.sizes, n)
	}
	if o.reps < 1 || o.parallelism < 1 || o.latency < 0 || o.policySize < 0 {
		return o, errors.New("-reps and -parallelism must be positive, -latency and -policy-size not negative")
	}
	return o, nil
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	if errors.Is(err, flag.ErrHelp) {
		return
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "signalwire-bench:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	o, err := parseOptions(args, stderr)
	if err != nil {
		return err
	}
	for _, p := range []*string{&o.terraform, &o.providerDir, &o.fakeBin} {
		if *p, err = filepath.Abs(*p); err != nil {
			return err
		}
	}
	if _, err := os.Stat(filepath.Join(o.providerDir, providerBinary)); err != nil {
		return fmt.Errorf("the provider is not built: %w", err)
	}
	work, err := os.MkdirTemp("", "signalwire-bench-")
	if err != nil {
		return err
	}
	if o.keep {
		fmt.Fprintln(stdout, "working directory:", work)
	} else {
		defer os.RemoveAll(work)
	}
	cli := filepath.Join(work, "cli.tfrc")
	if err := os.WriteFile(cli, []byte(cliConfig(o.providerDir)), 0o644); err != nil {
		return err
	}
	token := fmt.Sprintf("PTbench%d", time.Now().UnixNano())
	b := &bench{
		o:     o,
		work:  work,
		token: token,
		eng: &engine{path: o.terraform, env: engineEnv(os.Environ(),
			"TF_CLI_CONFIG_FILE="+cli, "TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1",
			"SIGNALWIRE_PROJECT_ID="+benchProjectID, "SIGNALWIRE_API_TOKEN="+token)},
		out: stdout,
	}
	r := &b.r
	r.Date = time.Now()
	r.Parallelism, r.Latency = o.parallelism, o.latency
	r.Machine = machine{
		CPUs: runtime.NumCPU(), CPUModel: cpuModel(), GoVersion: runtime.Version(),
		EnginePath: o.terraform, LoadBench: loadAverage(),
	}
	r.Machine.LoadStart = o.loadStart
	if r.Machine.LoadStart == "" {
		r.Machine.LoadStart = r.Machine.LoadBench
	}
	r.Machine.Engine = b.eng.version(ctx)
	fmt.Fprintf(stdout, "== %s, %d × %s, load %s\n", r.Machine.Engine, r.Machine.CPUs, r.Machine.CPUModel, r.Machine.LoadBench)
	if o.goBench != "" {
		data, err := os.ReadFile(o.goBench)
		if err != nil {
			r.Errors = append(r.Errors, fmt.Sprintf("Go benchmarks: %v", err))
		} else if r.GoBench = parseGoBench(string(data)); len(r.GoBench) == 0 {
			r.Errors = append(r.Errors, "Go benchmarks: no results in "+o.goBench)
		}
	}

	start := time.Now()
	for _, n := range o.sizes {
		if err := b.size(ctx, n); err != nil {
			r.Errors = append(r.Errors, fmt.Sprintf("N = %d: %v", n, firstLine(err.Error())))
			fmt.Fprintf(stderr, "N = %d: %v\n", n, err)
		}
		if ctx.Err() != nil {
			break
		}
	}
	if o.policySize > 0 && ctx.Err() == nil {
		if err := b.policy(ctx, o.policySize); err != nil {
			r.Errors = append(r.Errors, fmt.Sprintf("policy, N = %d: %v", o.policySize, firstLine(err.Error())))
			fmt.Fprintf(stderr, "policy, N = %d: %v\n", o.policySize, err)
		}
	}
	r.Wall = time.Since(start)
	r.Machine.LoadEnd = loadAverage()

	previous, _ := os.ReadFile(o.out)
	if err := os.WriteFile(o.out, []byte(withNotes(r.markdown(), string(previous))), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "== wrote %s in %s\n", o.out, r.Wall.Round(time.Second))
	for _, t := range r.targets() {
		fmt.Fprintf(stdout, "target: %s: %s: met=%t\n", t.Name, t.Measured, t.Met)
	}
	if r.failed() {
		return errors.New("a phase made more (or fewer) API calls than its minimum, or a step failed; see " + o.out)
	}
	return nil
}

type bench struct {
	o     options
	work  string
	token string
	eng   *engine
	out   io.Writer
	r     report
}

// size measures everything at n participants with a fresh fake.
func (b *bench) size(ctx context.Context, n int) error {
	dir := filepath.Join(b.work, fmt.Sprintf("n%d", n))
	provDir, floorDir := filepath.Join(dir, "signalwire"), filepath.Join(dir, "terraform_data")
	for _, d := range []string{provDir, floorDir} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return err
		}
	}
	f, err := startFake(ctx, b.o.fakeBin, dir, benchProjectID, b.token)
	if err != nil {
		return err
	}
	defer f.stop()
	if err := f.seed(n); err != nil {
		return err
	}
	b.eng.env = append(b.eng.env, "SIGNALWIRE_SPACE_URL="+f.base) // the last one wins

	writeConfig := func(d, text string) error { return os.WriteFile(filepath.Join(d, "main.tf"), []byte(text), 0o644) }
	if err := writeConfig(floorDir, floorConfig(n, false)); err != nil {
		return err
	}
	all := phases(b.o.parallelism)
	applyArgs, planArgs := all[0].args, all[1].args

	// Three timed series, interleaved run by run so drifting load hits them
	// alike: the terraform_data floor, the provider at fake latency 0 and at
	// b.o.latency. The provider's first run at latency 0 is the create and
	// no-change plan phases of the API call count, which are exactly an
	// apply on an empty state and a plan after it.
	type series struct {
		name    string
		dir     string
		latency time.Duration
		fake    bool
		// Wall time, engine CPU (with the provider) and provider CPU of
		// each run, by operation.
		apply, applyCPU, applyProv []time.Duration
		plan, planCPU, planProv    []time.Duration
	}
	record := func(s *series, a, p result) {
		s.apply, s.applyCPU, s.applyProv = append(s.apply, a.elapsed), append(s.applyCPU, a.cpu), append(s.applyProv, a.providerCPU)
		s.plan, s.planCPU, s.planProv = append(s.plan, p.elapsed), append(s.planCPU, p.cpu), append(s.planProv, p.providerCPU)
	}
	floor := &series{name: "terraform_data", dir: floorDir}
	prov0 := &series{name: "signalwire 0ms", dir: provDir, fake: true}
	provL := &series{name: "signalwire " + b.o.latency.String(), dir: provDir, fake: true, latency: b.o.latency}
	mem := memRow{N: n}
	timed := func(s *series, rep, runs int) error {
		if s.fake {
			if err := f.setLatency(s.latency); err != nil {
				return err
			}
			if err := f.resetRequests(); err != nil {
				return err
			}
		}
		if err := removeState(s.dir); err != nil {
			return err
		}
		a, err := b.eng.runExpect(ctx, s.dir, "timed-apply.log", s.fake, 0, applyArgs...)
		if err != nil {
			return fmt.Errorf("timed apply, %s: %w", s.name, err)
		}
		p, err := b.eng.runExpect(ctx, s.dir, "timed-plan.log", s.fake, 0, planArgs...)
		if err != nil {
			return fmt.Errorf("timed plan, %s: %w", s.name, err)
		}
		record(s, a, p)
		for _, r := range []result{a, p} {
			mem.PeakKiB, mem.Procs = max(mem.PeakKiB, r.peakKiB), mem.Procs+r.procs
		}
		fmt.Fprintf(b.out, "N=%-5d run %d/%d %-20s apply %6.2fs  plan %6.2fs\n", n, rep, runs, s.name, a.elapsed.Seconds(), p.elapsed.Seconds())
		return nil
	}
	runs := 1
	if n == b.o.medianSize {
		runs = b.o.reps
	}
	if err := timed(floor, 1, runs); err != nil {
		return err
	}

	// API calls per phase, at latency 0 on one state.
	var created result
	for i, ph := range all {
		if err := writeConfig(provDir, providerConfig(n, ph.changed)); err != nil {
			return err
		}
		row, res, err := b.countPhase(ctx, f, provDir, fmt.Sprintf("phase%d.log", i+1), "", ph, n)
		if err != nil {
			return err
		}
		b.r.Calls = append(b.r.Calls, row)
		mem.PeakKiB, mem.Procs = max(mem.PeakKiB, res.peakKiB), mem.Procs+res.procs
		switch i {
		case 0:
			created = res
		case 1:
			record(prov0, created, res)
		}
	}

	if err := writeConfig(provDir, providerConfig(n, false)); err != nil {
		return err
	}
	if err := timed(provL, 1, runs); err != nil {
		return err
	}
	for rep := 2; rep <= runs; rep++ {
		for _, s := range []*series{floor, prov0, provL} {
			if err := timed(s, rep, runs); err != nil {
				return err
			}
		}
	}
	if err := f.setLatency(0); err != nil {
		return err
	}
	b.r.Memory = append(b.r.Memory, mem)
	httpFloor := time.Duration(n) * b.o.latency / time.Duration(b.o.parallelism)
	b.r.Times = append(b.r.Times,
		timeRow{N: n, Runs: runs, Op: "apply", Floor: median(floor.apply), Provider0: median(prov0.apply), ProviderL: median(provL.apply), HTTPFloor: httpFloor,
			FloorCPU: median(floor.applyCPU), Provider0CPU: median(prov0.applyCPU), Provider0Plugin: median(prov0.applyProv)},
		timeRow{N: n, Runs: runs, Op: "no-change plan", Floor: median(floor.plan), Provider0: median(prov0.plan), ProviderL: median(provL.plan), HTTPFloor: httpFloor,
			FloorCPU: median(floor.planCPU), Provider0CPU: median(prov0.planCPU), Provider0Plugin: median(prov0.planProv)},
	)
	return nil
}

func firstLine(s string) string {
	first, _, _ := strings.Cut(s, "\n")
	return first
}

func loadAverage() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	return parseLoadAverage(string(data))
}

// parseLoadAverage keeps the 1, 5 and 15 minute averages of /proc/loadavg.
func parseLoadAverage(s string) string {
	fields := strings.Fields(s)
	if len(fields) < 3 {
		return "unknown"
	}
	return strings.Join(fields[:3], " ")
}

func cpuModel() string {
	f, err := os.Open("/proc/cpuinfo")
	if err != nil {
		return runtime.GOARCH
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if key, value, ok := strings.Cut(sc.Text(), ":"); ok && strings.TrimSpace(key) == "model name" {
			return strings.TrimSpace(value)
		}
	}
	return runtime.GOARCH
}
