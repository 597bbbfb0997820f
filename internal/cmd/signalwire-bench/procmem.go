package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// parseStatusKiB returns a "Name:   1234 kB" field of /proc/<pid>/status in KiB.
func parseStatusKiB(status []byte, name string) (int64, error) {
	for line := range strings.SplitSeq(string(status), "\n") {
		key, value, ok := strings.Cut(line, ":")
		if !ok || key != name {
			continue
		}
		fields := strings.Fields(value)
		if len(fields) != 2 || fields[1] != "kB" {
			return 0, fmt.Errorf("%s: unexpected value %q", name, strings.TrimSpace(value))
		}
		return strconv.ParseInt(fields[0], 10, 64)
	}
	return 0, fmt.Errorf("no %s in status", name)
}

// procStat is what the benchmark reads from /proc/<pid>/stat.
type procStat struct {
	ppid     int
	cpuTicks int64 // utime + stime, in clock ticks
}

// parseStat reads /proc/<pid>/stat. The command name in parentheses may
// itself hold spaces and parentheses, so the fields are counted from the
// last ')': state, ppid, ... utime and stime are fields 14 and 15 of the
// whole line, 12 and 13 after the name.
func parseStat(stat []byte) (procStat, error) {
	end := bytes.LastIndexByte(stat, ')')
	if end < 0 {
		return procStat{}, errors.New("stat: no command name")
	}
	fields := strings.Fields(string(stat[end+1:]))
	if len(fields) < 13 {
		return procStat{}, errors.New("stat: too few fields")
	}
	var st procStat
	var err error
	if st.ppid, err = strconv.Atoi(fields[1]); err != nil {
		return st, fmt.Errorf("stat: ppid: %w", err)
	}
	utime, err := strconv.ParseInt(fields[11], 10, 64)
	if err != nil {
		return st, fmt.Errorf("stat: utime: %w", err)
	}
	stime, err := strconv.ParseInt(fields[12], 10, 64)
	if err != nil {
		return st, fmt.Errorf("stat: stime: %w", err)
	}
	st.cpuTicks = utime + stime
	return st, nil
}

// clockTicks is USER_HZ, the unit of utime and stime: 100 on Linux.
const clockTicks = 100

// commandName is the base name of argv[0] from /proc/<pid>/cmdline.
func commandName(cmdline []byte) string {
	argv0, _, _ := bytes.Cut(cmdline, []byte{0})
	return filepath.Base(string(argv0))
}

// rssPoller watches the children of one process whose command is name and
// keeps the highest VmHWM (peak resident set) seen in any of them.
type rssPoller struct {
	parent   int
	name     string
	interval time.Duration

	// peakKiB and pids belong to the polling goroutine until finish has
	// stopped it. pids maps every process looked at to whether it is ours.
	peakKiB  int64
	pids     map[int]bool
	cpuTicks map[int]int64 // last CPU time seen of each of ours
	stop     chan struct{}
	done     chan struct{}
}

func startRSSPoller(parent int, name string, interval time.Duration) *rssPoller {
	p := &rssPoller{parent: parent, name: name, interval: interval, pids: map[int]bool{}, cpuTicks: map[int]int64{},
		stop: make(chan struct{}), done: make(chan struct{})}
	go p.loop()
	return p
}

func (p *rssPoller) loop() {
	defer close(p.done)
	t := time.NewTicker(p.interval)
	defer t.Stop()
	for {
		p.scan()
		select {
		case <-p.stop:
			return
		case <-t.C:
		}
	}
}

// scan looks at every process once. Whether a process is one of ours is
// decided from its stat and cmdline the first time it is seen; a process
// with another parent is remembered as foreign, so later scans read only
// the status files of our children. A child that has not yet exec'd still
// shows the engine's command line, so it is checked again next time.
func (p *rssPoller) scan() {
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return
	}
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		dir := "/proc/" + e.Name()
		ours, seen := p.pids[pid]
		if seen && !ours {
			continue
		}
		stat, err := os.ReadFile(dir + "/stat")
		if err != nil {
			continue
		}
		st, err := parseStat(stat)
		if err != nil || st.ppid != p.parent {
			p.pids[pid] = false
			continue
		}
		if !seen {
			cmdline, err := os.ReadFile(dir + "/cmdline")
			if err != nil || commandName(cmdline) != p.name {
				continue
			}
		}
		status, err := os.ReadFile(dir + "/status")
		if err != nil {
			continue
		}
		hwm, err := parseStatusKiB(status, "VmHWM")
		if err != nil {
			continue
		}
		p.pids[pid] = true
		p.cpuTicks[pid] = st.cpuTicks
		p.peakKiB = max(p.peakKiB, hwm)
	}
}

// finish stops polling and returns the peak in KiB, how many provider
// processes were seen and the CPU time they had used when last polled.
func (p *rssPoller) finish() (int64, int, time.Duration) {
	close(p.stop)
	<-p.done
	n := 0
	for _, ours := range p.pids {
		if ours {
			n++
		}
	}
	var ticks int64
	for _, t := range p.cpuTicks {
		ticks += t
	}
	return p.peakKiB, n, time.Duration(ticks) * time.Second / clockTicks
}
