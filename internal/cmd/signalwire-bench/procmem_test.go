package main

import (
	"os"
	"testing"
)

const sampleStatus = `Name:	terraform-provi
Umask:	0022
State:	S (sleeping)
Pid:	4242
PPid:	4200
VmPeak:	 1300000 kB
VmSize:	 1290000 kB
VmHWM:	   41236 kB
VmRSS:	   39012 kB
Threads:	9
`

func TestParseStatusKiB(t *testing.T) {
	for name, want := range map[string]int64{"VmHWM": 41236, "VmRSS": 39012, "VmPeak": 1300000} {
		got, err := parseStatusKiB([]byte(sampleStatus), name)
		if err != nil || got != want {
			t.Errorf("%s: got %d, %v; want %d", name, got, err, want)
		}
	}
	if _, err := parseStatusKiB([]byte(sampleStatus), "VmSwap"); err == nil {
		t.Error("a missing field must be an error")
	}
	if _, err := parseStatusKiB([]byte("VmHWM:\t12 MB\n"), "VmHWM"); err == nil {
		t.Error("a value not in kB must be an error")
	}
	// A kernel thread has no Vm lines at all.
	if _, err := parseStatusKiB([]byte("Name:\tkthreadd\nPPid:\t0\n"), "VmHWM"); err == nil {
		t.Error("no VmHWM must be an error")
	}
}

func TestParseStat(t *testing.T) {
	for stat, want := range map[string]procStat{
		"4242 (terraform-provi) S 4200 4242 4200 0 -1 4194560 2195 0 0 0 153 27 0 0 20 0 9 0\n": {ppid: 4200, cpuTicks: 180},
		"17 (a (weird) name) R 1 17 17 0 -1 0 0 0 0 0 5 6 0 0\n":                                {ppid: 1, cpuTicks: 11},
		"99 (sp ace) S 98 99 99 0 -1 0 0 0 0 0 0 0 0 0\n":                                       {ppid: 98},
	} {
		got, err := parseStat([]byte(stat))
		if err != nil || got != want {
			t.Errorf("parseStat(%q) = %+v, %v; want %+v", stat, got, err, want)
		}
	}
	for _, bad := range []string{"", "12 (x", "12 (x) S", "12 (x) S 1 2 3 4 5 6 7 8 9 10 u s"} {
		if _, err := parseStat([]byte(bad)); err == nil {
			t.Errorf("parseStat(%q) should fail", bad)
		}
	}
}

func TestCommandName(t *testing.T) {
	cmdline := []byte("/home/u/bin/terraform-provider-signalwire\x00-debug\x00")
	if got := commandName(cmdline); got != "terraform-provider-signalwire" {
		t.Errorf("got %q", got)
	}
	if got := commandName(nil); got != "." {
		t.Errorf("empty cmdline: got %q", got)
	}
}

// TestOwnStatusParses reads this process's real /proc files, so the parsers
// are checked against the running kernel's format too.
func TestOwnStatusParses(t *testing.T) {
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Skip("no /proc:", err)
	}
	if hwm, err := parseStatusKiB(status, "VmHWM"); err != nil || hwm <= 0 {
		t.Errorf("VmHWM of this process: %d, %v", hwm, err)
	}
	stat, err := os.ReadFile("/proc/self/stat")
	if err != nil {
		t.Fatal(err)
	}
	if st, err := parseStat(stat); err != nil || st.ppid != os.Getppid() {
		t.Errorf("ppid: got %+v, %v; want %d", st, err, os.Getppid())
	}
}
