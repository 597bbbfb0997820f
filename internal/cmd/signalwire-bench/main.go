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
	peerDir     string // holds terraform-provider-time; "" skips the framework peer
	peerSizes   []int
	peerReps    int // interleaved runs of the peer and the provider at peer sizes other than -median-size
	throttled   []throttleCase
}

func parseOptions(args []string, stderr io.Writer) (options, error) {
	var o options
	var sizes, peerSizes, throttled string
	fs := flag.NewFlagSet("signalwire-bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.terraform, "terraform", "", "engine binary (required)")
	fs.StringVar(&o.providerDir, "provider-dir", "bin", "directory holding the built "+providerBinary)
	fs.StringVar(&o.fakeBin, "fake", "bin/signalwire-fake", "signalwire-fake binary")
	fs.StringVar(&sizes, "sizes", "100,200,1000", "comma-separated participant counts")
	fs.IntVar(&o.medianSize, "median-size", targetSize, "size whose timings are the median of -reps runs; other sizes run once")
	fs.IntVar(&o.reps, "reps", 9, "timed runs at -median-size, interleaved: a median of nine holds on a shared machine")
	fs.DurationVar(&o.latency, "latency", 25*time.Millisecond, "fake latency of the second timed series")
	fs.IntVar(&o.parallelism, "parallelism", 10, "engine -parallelism")
	fs.StringVar(&o.out, "out", "BENCHMARKS.md", "report file to write")
	fs.StringVar(&o.goBench, "gobench", "", "file holding `go test -bench` output to include")
	fs.StringVar(&o.loadStart, "load-start", "", "load average when the whole benchmark started (default: now)")
	fs.BoolVar(&o.keep, "keep", false, "keep the working directory")
	fs.IntVar(&o.policySize, "policy-size", 1000, "participants in the one conference of the policy phases; 0 skips them")
	fs.StringVar(&o.peerDir, "peer-dir", "", "directory holding "+peerBinary+", the framework peer (empty: no peer)")
	fs.StringVar(&peerSizes, "peer-sizes", "200,1000", "sizes at which "+peerName+" runs beside the provider")
	fs.IntVar(&o.peerReps, "peer-reps", 3, "interleaved runs of "+peerName+" and the provider at a peer size other than -median-size")
	fs.StringVar(&throttled, "throttled", "60@3,1000@50", "throttled applies, N@POSTS_PER_SECOND, comma-separated (empty: none)")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if o.terraform == "" {
		return o, errors.New("-terraform is required")
	}
	var err error
	if o.sizes, err = parseCounts("-sizes", sizes); err != nil {
		return o, err
	}
	if o.peerSizes, err = parseCounts("-peer-sizes", peerSizes); err != nil {
		return o, err
	}
	if o.throttled, err = parseThrottleCases(throttled); err != nil {
		return o, err
	}
	if o.reps < 1 || o.peerReps < 1 || o.parallelism < 1 || o.latency < 0 || o.policySize < 0 {
		return o, errors.New("-reps, -peer-reps and -parallelism must be positive, -latency and -policy-size not negative")
	}
	return o, nil
}

func parseCounts(flag, list string) ([]int, error) {
	var out []int
	for s := range strings.SplitSeq(list, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 {
			return nil, fmt.Errorf("%s: %q is not a positive count", flag, s)
		}
		out = append(out, n)
	}
	return out, nil
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
	for _, p := range []*string{&o.terraform, &o.providerDir, &o.fakeBin, &o.peerDir} {
		if *p == "" {
			continue
		}
		if *p, err = filepath.Abs(*p); err != nil {
			return err
		}
	}
	if o.peerDir != "" {
		if _, err := os.Stat(filepath.Join(o.peerDir, peerBinary)); err != nil {
			return fmt.Errorf("the framework peer is not built: %w", err)
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
	if err := os.WriteFile(cli, []byte(cliConfig(o.providerDir, o.peerDir)), 0o644); err != nil {
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
	r.ThrottleCases = o.throttled
	if o.peerDir != "" {
		r.PeerSizes = o.peerSizes
	}
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
	for _, tc := range o.throttled {
		if ctx.Err() != nil {
			break
		}
		row, err := b.throttled(ctx, tc)
		if err != nil {
			r.Errors = append(r.Errors, fmt.Sprintf("throttled %s: %v", tc, firstLine(err.Error())))
			fmt.Fprintf(stderr, "throttled %s: %v\n", tc, err)
			continue
		}
		r.Throttled = append(r.Throttled, row)
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
