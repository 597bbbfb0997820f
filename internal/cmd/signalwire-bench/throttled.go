package main

import (
	"context"
	"fmt"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// throttleCase is one throttled apply: N participants against a fake that
// accepts PerSecond POSTs a second and answers 429 with Retry-After: 1
// beyond that, the provider on default settings.
type throttleCase struct {
	N, PerSecond int
}

func (tc throttleCase) String() string { return fmt.Sprintf("%d@%d", tc.N, tc.PerSecond) }

// pace is N/R, the API's own pace: no client can apply faster.
func (tc throttleCase) pace() time.Duration {
	return time.Duration(tc.N) * time.Second / time.Duration(tc.PerSecond)
}

// Targets of a throttled apply: wall time at most throttleFactor × N/R plus
// the engine's fixed cost, the same apply against an API that does not
// throttle.
const throttleFactor = 1.4

// parseThrottleCases reads "60@3,1000@50".
func parseThrottleCases(s string) ([]throttleCase, error) {
	var out []throttleCase
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	for part := range strings.SplitSeq(s, ",") {
		n, r, ok := strings.Cut(strings.TrimSpace(part), "@")
		tc := throttleCase{}
		var errN, errR error
		tc.N, errN = strconv.Atoi(n)
		tc.PerSecond, errR = strconv.Atoi(r)
		if !ok || errN != nil || errR != nil || tc.N < 1 || tc.PerSecond < 1 {
			return nil, fmt.Errorf("-throttled: %q is not N@POSTS_PER_SECOND", part)
		}
		out = append(out, tc)
	}
	return out, nil
}

// throttleRow is what one throttled apply measured.
type throttleRow struct {
	throttleCase
	Applied           int           // participants the fake shows as configured
	Accepted, Refused int           // POSTs answered 200 and 429
	Other             int           // any other request
	Wall              time.Duration // the throttled apply
	Unthrottled       time.Duration // the same apply, API not throttling: the engine's fixed cost
}

// bound is the target for Wall.
func (t throttleRow) bound() time.Duration {
	return time.Duration(throttleFactor*float64(t.pace())) + t.Unthrottled
}

func (t throttleRow) met() bool {
	return t.Applied == t.N && t.Accepted == t.N && t.Other == 0 && t.Wall > 0 && t.Wall <= t.bound()
}

// throttled applies tc.N participants twice, each time on a fresh fake and
// an empty state, back to back: against an API that does not throttle,
// then against one that does.
func (b *bench) throttled(ctx context.Context, tc throttleCase) (throttleRow, error) {
	row := throttleRow{throttleCase: tc}
	for _, limited := range []bool{false, true} {
		dir := filepath.Join(b.work, fmt.Sprintf("throttled-%d-%d-%t", tc.N, tc.PerSecond, limited))
		res, err := b.applyOnce(ctx, dir, tc, limited, &row)
		if err != nil {
			return row, err
		}
		if limited {
			row.Wall = res.elapsed
		} else {
			row.Unthrottled = res.elapsed
		}
	}
	fmt.Fprintf(b.out, "throttled N=%d at %d POSTs/s: %d applied, %d POSTs accepted, %d refused, %.2fs (N/R %.0fs, unthrottled %.2fs)\n",
		tc.N, tc.PerSecond, row.Applied, row.Accepted, row.Refused, row.Wall.Seconds(), tc.pace().Seconds(), row.Unthrottled.Seconds())
	return row, nil
}

func (b *bench) applyOnce(ctx context.Context, dir string, tc throttleCase, limited bool, row *throttleRow) (result, error) {
	f, err := b.freshFake(ctx, dir, tc.N)
	if err != nil {
		return result{}, err
	}
	defer f.stop()
	if limited {
		faults := map[string]any{"route": "participants.update",
			"faults": map[string]any{"rate_limit": tc.PerSecond, "rate_window": "1s", "retry_after": 1}}
		if err := f.admin(http.MethodPost, "faults", faults, nil); err != nil {
			return result{}, err
		}
	}
	if err := writeConfig(dir, providerConfig(tc.N, false)); err != nil {
		return result{}, err
	}
	res, err := b.eng.runExpect(ctx, dir, "apply.log", "", 0, phases(b.o.parallelism)[0].args...)
	if err != nil {
		return res, fmt.Errorf("throttled apply N = %d at %d/s (limited %t): %w", tc.N, tc.PerSecond, limited, err)
	}
	if !limited {
		return res, nil
	}
	statuses, err := f.statuses()
	if err != nil {
		return res, err
	}
	row.Accepted, row.Refused = statuses[http.MethodPost][http.StatusOK], statuses[http.MethodPost][http.StatusTooManyRequests]
	for method, byStatus := range statuses {
		for status, n := range byStatus {
			if method != http.MethodPost || (status != http.StatusOK && status != http.StatusTooManyRequests) {
				row.Other += n
			}
		}
	}
	row.Applied, err = f.onHold()
	return res, err
}
