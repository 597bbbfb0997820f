package main

import (
	"strings"
	"testing"
	"time"
)

func sampleReport() *report {
	r := &report{
		Date:        time.Date(2026, 1, 2, 3, 4, 0, 0, time.UTC),
		Wall:        95 * time.Second,
		Parallelism: 10,
		Latency:     25 * time.Millisecond,
		Machine: machine{CPUs: 2, CPUModel: "Test CPU", GoVersion: "go1.26.8", Engine: "Terraform v1.11.4",
			EnginePath: "/usr/bin/terraform", LoadStart: "0.50 0.40 0.30", LoadBench: "0.60 0.40 0.30", LoadEnd: "1.90 1.00 0.50"},
	}
	for _, ph := range phases(10) {
		least := ph.minimum(200)
		r.Calls = append(r.Calls, callRow{N: 200, Phase: ph.name, Command: ph.command, Got: least, Min: least, Verdict: verdictOK})
	}
	r.Times = []timeRow{
		{N: 200, Runs: 5, Op: "apply", Floor: 2 * time.Second, Provider0: 2500 * time.Millisecond, ProviderL: 3 * time.Second, HTTPFloor: 500 * time.Millisecond,
			FloorCPU: 1900 * time.Millisecond, Provider0CPU: 3 * time.Second, Provider0Plugin: 800 * time.Millisecond,
			PeerRuns: 5, Peer: 3 * time.Second, PeerCPU: 4 * time.Second, PeerPlugin: 2 * time.Second,
			PeerProvider: 2500 * time.Millisecond, PeerProviderCPU: 3 * time.Second, PeerProviderPlugin: 800 * time.Millisecond},
		{N: 200, Runs: 5, Op: "no-change plan", Floor: time.Second, Provider0: 1600 * time.Millisecond, ProviderL: 2 * time.Second, HTTPFloor: 500 * time.Millisecond,
			PeerRuns: 5, Peer: 1500 * time.Millisecond, PeerProvider: 1600 * time.Millisecond},
	}
	r.Memory = []memRow{{N: 200, PeakKiB: 60 * 1024, Procs: 40, ProviderKiB: 50 * 1024, PeerKiB: 55 * 1024}, {N: 1000, PeakKiB: 40 * 1024, Procs: 18}}
	r.PeerSizes = []int{200}
	r.ThrottleCases = []throttleCase{{N: 60, PerSecond: 3}}
	r.Throttled = []throttleRow{{throttleCase: throttleCase{N: 60, PerSecond: 3}, Applied: 60, Accepted: 60, Refused: 10,
		Wall: 25 * time.Second, Unthrottled: 3 * time.Second}}
	r.GoBench = []goBench{{Pkg: modulePath + "/internal/client", Name: "BenchmarkEncodeUpdate-2", Iterations: 10, NsPerOp: 812.5, BytesPerOp: 640, AllocsPerOp: 12}}
	return r
}

func TestTargets(t *testing.T) {
	r := sampleReport()
	ts := r.targets()
	if len(ts) != 5 {
		t.Fatalf("%d targets, want 5: %+v", len(ts), ts)
	}
	wantMet := []bool{true, true, true, false, true} // plan is 1.07× time_static
	for i, tg := range ts {
		if tg.Met != wantMet[i] {
			t.Errorf("target %q: met=%t, want %t (%s)", tg.Name, tg.Met, wantMet[i], tg.Measured)
		}
	}
	for i, want := range map[int]string{1: "60 of 60 applied, 25.00 s (1.25 × N/R); bound 31.00 s = 1.4 × 20.00 s + 3.00 s",
		2: "0.83×", 3: "1.07×", 4: "0.91× (50.0 MiB vs 55.0 MiB)"} {
		if !strings.Contains(ts[i].Measured, want) {
			t.Errorf("target %q measured %q, want %q", ts[i].Name, ts[i].Measured, want)
		}
	}
	if r.failed() {
		t.Error("a run with every phase at its minimum has not failed")
	}

	r.Calls[3].Got.POST++
	r.Calls[3].Verdict = verdict(r.Calls[3].Got, r.Calls[3].Min)
	r.Memory[0].ProviderKiB = 56 * 1024
	r.Throttled[0].Wall = 32 * time.Second
	ts = r.targets()
	if ts[0].Met || !strings.Contains(ts[0].Measured, "1 over") || ts[1].Met || ts[4].Met {
		t.Errorf("targets after an extra call, a slow throttled apply and more memory than the peer: %+v", ts)
	}
	if !r.failed() {
		t.Error("a phase over its minimum must fail the run")
	}
	r = sampleReport()
	r.Throttled[0].Accepted = 61
	if !r.failed() || r.targets()[1].Met {
		t.Error("a throttled apply with more accepted POSTs than participants must fail the run")
	}
}

func TestTargetsNotMeasured(t *testing.T) {
	r := &report{}
	for _, tg := range r.targets() {
		if tg.Met {
			t.Errorf("target %q met without measurements", tg.Name)
		}
	}
	r.Errors = []string{"boom"}
	if !r.failed() {
		t.Error("an error must fail the run")
	}
}

func TestMarkdown(t *testing.T) {
	md := sampleReport().markdown()
	for _, want := range []string{
		"| CPU | 2 × Test CPU |",
		"| Go | go1.26.8 |",
		"| engine | Terraform v1.11.4 (`/usr/bin/terraform`) |",
		"| load average at the start of `make bench` | 0.50 0.40 0.30 |",
		"| engine runs, wall time | 1m35s |",
		"| 200 | change 10% | `apply (muted = true on every 10th)` | 200 | 20 | 0 | 200 GET + 20 POST | ok | 0.00 s |",
		"| 200 | destroy (keep) | `destroy -refresh=false` | 0 | 0 | 0 | 0 calls | ok | 0.00 s |",
		"| N | runs | operation | terraform_data | signalwire, 0 ms | ratio | signalwire, 25ms | ratio | HTTP floor at 25ms |",
		"| 200 | 5 | apply | 2.00 s | 2.50 s | 1.25× | 3.00 s | 1.50× | 0.50 s |",
		"| 200 | 5 | no-change plan | 1.00 s | 1.60 s | 1.60× | 2.00 s | 2.00× | 0.50 s |",
		"| 1000 | 40.0 MiB | 18 |",
		"| 60 | 3 | 60 | 60 | 10 | 25.00 s | 20.00 s | 1.25× | 3.00 s | 31.00 s | yes |",
		"| 200 | 5 | apply | 3.00 s | 2.50 s | 0.83× | 4.00 s | 2.00 s | 3.00 s | 0.80 s |",
		"| 200 | 55.0 MiB | 50.0 MiB | 0.91× |",
		"| 200 | apply | 2.00 s | 1.90 s | 2.50 s | 3.00 s | 0.80 s |",
		"| 200 | no-change plan | 1.00 s | 0.00 s | 1.60 s | 0.00 s | 0.00 s |",
		"| internal/client | BenchmarkEncodeUpdate-2 | 812.5 | 640 | 12 |",
		"| no-change plan of N = 200 within 1.0× time_static | 1.07× (1.60 s vs 1.50 s, median of 5) | **no** |",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q:\n%s", want, md)
		}
	}
	// Every table row has as many cells as its header.
	var cols int
	for line := range strings.SplitSeq(md, "\n") {
		if !strings.HasPrefix(line, "|") {
			cols = 0
			continue
		}
		n := strings.Count(line, "|")
		if cols == 0 {
			cols = n
		} else if n != cols {
			t.Errorf("row has %d separators, header %d: %s", n, cols, line)
		}
	}
}

func TestWithNotes(t *testing.T) {
	fresh := withNotes("# new\n", "")
	if fresh != "# new\n"+notesMarker+"\n" {
		t.Errorf("without a previous file: %q", fresh)
	}
	previous := "# old\ntable\n" + notesMarker + "\n## Analysis\nkept\n"
	if got := withNotes("# new\n", previous); got != "# new\n"+notesMarker+"\n## Analysis\nkept\n" {
		t.Errorf("got %q", got)
	}
}

func TestMedian(t *testing.T) {
	s := time.Second
	for _, tc := range []struct {
		in   []time.Duration
		want time.Duration
	}{
		{nil, 0},
		{[]time.Duration{3 * s}, 3 * s},
		{[]time.Duration{5 * s, 1 * s, 3 * s}, 3 * s},
		{[]time.Duration{4 * s, 1 * s, 3 * s, 2 * s}, 2500 * time.Millisecond},
	} {
		if got := median(tc.in); got != tc.want {
			t.Errorf("median(%v) = %v, want %v", tc.in, got, tc.want)
		}
	}
	in := []time.Duration{3, 1, 2}
	median(in)
	if in[0] != 3 {
		t.Error("median must not reorder its argument")
	}
}

func TestParseGoBench(t *testing.T) {
	out := `goos: linux
goarch: amd64
pkg: github.com/seed177019bb/terraform-provider-signalwire/internal/client
cpu: Intel(R) Xeon(R) Processor @ 2.50GHz
BenchmarkEncodeUpdate-2      	 1000000	      1043 ns/op	     624 B/op	      12 allocs/op
BenchmarkDecodeParticipant-2 	  200000	      5981.5 ns/op	    1120 B/op	      25 allocs/op
PASS
ok  	github.com/seed177019bb/terraform-provider-signalwire/internal/client	3.1s
pkg: github.com/seed177019bb/terraform-provider-signalwire/internal/fakeapi
BenchmarkUpdateParticipant-2 	   50000	     23012 ns/op
Benchmark text that is not a result
`
	got := parseGoBench(out)
	if len(got) != 3 {
		t.Fatalf("%d results, want 3: %+v", len(got), got)
	}
	want := goBench{Pkg: modulePath + "/internal/client", Name: "BenchmarkDecodeParticipant-2", Iterations: 200000, NsPerOp: 5981.5, BytesPerOp: 1120, AllocsPerOp: 25}
	if got[1] != want {
		t.Errorf("got %+v, want %+v", got[1], want)
	}
	if got[2].Pkg != modulePath+"/internal/fakeapi" || got[2].BytesPerOp != -1 || got[2].NsPerOp != 23012 {
		t.Errorf("without -benchmem: %+v", got[2])
	}
}

func TestParseLoadAverage(t *testing.T) {
	if got := parseLoadAverage("0.74 1.30 2.07 1/88 30526\n"); got != "0.74 1.30 2.07" {
		t.Errorf("got %q", got)
	}
	if got := parseLoadAverage(""); got != "unknown" {
		t.Errorf("got %q", got)
	}
}

func TestParseOptions(t *testing.T) {
	o, err := parseOptions([]string{"-terraform", "tf", "-sizes", "10, 20"}, &strings.Builder{})
	if err != nil || len(o.sizes) != 2 || o.sizes[1] != 20 || o.reps != 9 || o.parallelism != 10 || o.latency != 25*time.Millisecond {
		t.Errorf("got %+v, %v", o, err)
	}
	for _, args := range [][]string{{}, {"-terraform", "tf", "-sizes", "0"}, {"-terraform", "tf", "-reps", "0"}} {
		if _, err := parseOptions(args, &strings.Builder{}); err == nil {
			t.Errorf("parseOptions(%q) should fail", args)
		}
	}
}
