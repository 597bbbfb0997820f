package main

import (
	"context"
	"fmt"
)

// countPhase runs one phase in dir with an emptied request log and returns
// its row of API calls against the minimum at n, printed with label first.
func (b *bench) countPhase(ctx context.Context, f *fake, dir, log, label string, ph phase, n int) (callRow, result, error) {
	if err := f.resetRequests(); err != nil {
		return callRow{}, result{}, err
	}
	res, err := b.eng.runExpect(ctx, dir, log, providerBinary, ph.wantExit, ph.args...)
	if err != nil {
		return callRow{}, res, fmt.Errorf("%s: %w", ph.name, err)
	}
	got, err := f.requests()
	if err != nil {
		return callRow{}, res, err
	}
	row := callRow{N: n, Phase: ph.name, Command: ph.command, Got: got, Min: ph.minimum(n), Elapsed: res.elapsed}
	row.Verdict = verdict(row.Got, row.Min)
	fmt.Fprintf(b.out, "%sN=%-5d %-22s %-28s minimum %-20s %-5s %6.2fs  provider peak %s\n",
		label, n, ph.name, got, minText(row.Min), row.Verdict, res.elapsed.Seconds(), mib(res.peakKiB))
	return row, res, nil
}
