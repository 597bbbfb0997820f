package main

import (
	"strconv"
	"strings"
)

// goBench is one result line of `go test -bench -benchmem`.
type goBench struct {
	Pkg         string
	Name        string
	Iterations  int64
	NsPerOp     float64
	BytesPerOp  int64
	AllocsPerOp int64
}

// parseGoBench reads the results out of `go test -bench` output, taking
// each line's package from the preceding "pkg:" line.
func parseGoBench(out string) []goBench {
	var res []goBench
	pkg := ""
	for line := range strings.SplitSeq(out, "\n") {
		line = strings.TrimSpace(line)
		if rest, ok := strings.CutPrefix(line, "pkg: "); ok {
			pkg = rest
			continue
		}
		fields := strings.Fields(line)
		if len(fields) < 4 || !strings.HasPrefix(fields[0], "Benchmark") {
			continue
		}
		iters, err := strconv.ParseInt(fields[1], 10, 64)
		if err != nil {
			continue
		}
		b := goBench{Pkg: pkg, Name: fields[0], Iterations: iters, BytesPerOp: -1, AllocsPerOp: -1}
		for i := 2; i+1 < len(fields); i += 2 {
			value, unit := fields[i], fields[i+1]
			switch unit {
			case "ns/op":
				b.NsPerOp, _ = strconv.ParseFloat(value, 64)
			case "B/op":
				b.BytesPerOp, _ = strconv.ParseInt(value, 10, 64)
			case "allocs/op":
				b.AllocsPerOp, _ = strconv.ParseInt(value, 10, 64)
			}
		}
		res = append(res, b)
	}
	return res
}
