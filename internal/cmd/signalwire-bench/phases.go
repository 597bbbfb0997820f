package main

import "fmt"

// counts are API requests by method, as the fake's request log reports them.
type counts struct {
	GET, POST, DELETE int
}

func (c counts) total() int { return c.GET + c.POST + c.DELETE }

func (c counts) String() string {
	return fmt.Sprintf("%d GET, %d POST, %d DELETE", c.GET, c.POST, c.DELETE)
}

// phase is one engine command whose API calls are counted.
type phase struct {
	name    string
	command string   // as shown in the report
	args    []string // engine arguments
	changed bool     // the configuration mutes one participant in ten
	// wantExit is the engine's expected exit code; plans use
	// -detailed-exitcode, so 0 also proves the plan is empty.
	wantExit int
	minimum  func(n int) counts
}

// phases are run in this order on a fresh state; each one's minimum is what
// any provider must do for it, given one resource per participant.
func phases(parallelism int) []phase {
	par := fmt.Sprintf("-parallelism=%d", parallelism)
	return []phase{
		{
			name: "create", command: "apply",
			args:    []string{"apply", "-auto-approve", "-input=false", "-no-color", par},
			minimum: func(n int) counts { return counts{POST: n} },
		},
		{
			name: "no-change plan", command: "plan -detailed-exitcode",
			args:    []string{"plan", "-detailed-exitcode", "-input=false", "-no-color", par},
			minimum: func(n int) counts { return counts{GET: n} },
		},
		{
			name: "plan without refresh", command: "plan -refresh=false -detailed-exitcode",
			args:    []string{"plan", "-refresh=false", "-detailed-exitcode", "-input=false", "-no-color", par},
			minimum: func(int) counts { return counts{} },
		},
		{
			name: "change 10%", command: "apply (muted = true on every 10th)", changed: true,
			args:    []string{"apply", "-auto-approve", "-input=false", "-no-color", par},
			minimum: func(n int) counts { return counts{GET: n, POST: n / changedEvery} },
		},
		{
			name: "refresh only", command: "apply -refresh-only", changed: true,
			args:    []string{"apply", "-refresh-only", "-auto-approve", "-input=false", "-no-color", par},
			minimum: func(n int) counts { return counts{GET: n} },
		},
		{
			name: "destroy (keep)", command: "destroy -refresh=false", changed: true,
			args:    []string{"destroy", "-refresh=false", "-auto-approve", "-input=false", "-no-color", par},
			minimum: func(int) counts { return counts{} },
		},
	}
}

// Verdicts of a measured phase against its minimum.
const (
	verdictOK    = "ok"
	verdictOver  = "OVER"
	verdictUnder = "UNDER"
)

// verdict compares per method: any method above its minimum is OVER (the
// provider makes calls it need not make); otherwise any method below is
// UNDER (the phase did not do its work, so the measurement is invalid).
func verdict(got, least counts) string {
	if got.GET > least.GET || got.POST > least.POST || got.DELETE > least.DELETE {
		return verdictOver
	}
	if got != least {
		return verdictUnder
	}
	return verdictOK
}
