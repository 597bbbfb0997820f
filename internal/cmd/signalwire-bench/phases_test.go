package main

import (
	"slices"
	"testing"
)

func TestPhaseMinimums(t *testing.T) {
	want := map[string]counts{
		"create":               {POST: 200},
		"no-change plan":       {GET: 200},
		"plan without refresh": {},
		"change 10%":           {GET: 200, POST: 20},
		"refresh only":         {GET: 200},
		"destroy (keep)":       {},
	}
	ps := phases(10)
	if len(ps) != len(want) {
		t.Fatalf("%d phases, want %d", len(ps), len(want))
	}
	for _, p := range ps {
		if got := p.minimum(200); got != want[p.name] {
			t.Errorf("%s: minimum %v, want %v", p.name, got, want[p.name])
		}
		if !slices.Contains(p.args, "-parallelism=10") || !slices.Contains(p.args, "-input=false") {
			t.Errorf("%s: args %v lack -parallelism=10 or -input=false", p.name, p.args)
		}
	}
}

func TestPhaseArguments(t *testing.T) {
	byName := map[string]phase{}
	for _, p := range phases(10) {
		byName[p.name] = p
	}
	has := func(name string, args ...string) {
		t.Helper()
		for _, a := range args {
			if !slices.Contains(byName[name].args, a) {
				t.Errorf("%s: args %v lack %s", name, byName[name].args, a)
			}
		}
	}
	has("no-change plan", "plan", "-detailed-exitcode")
	has("plan without refresh", "plan", "-refresh=false", "-detailed-exitcode")
	has("refresh only", "apply", "-refresh-only", "-auto-approve")
	has("destroy (keep)", "destroy", "-refresh=false", "-auto-approve")
	if !byName["change 10%"].changed || byName["no-change plan"].changed {
		t.Error("only the change phase and those after it use the changed configuration")
	}
}

func TestVerdict(t *testing.T) {
	for _, tc := range []struct {
		got, minimum counts
		want         string
	}{
		{counts{GET: 100}, counts{GET: 100}, verdictOK},
		{counts{}, counts{}, verdictOK},
		{counts{GET: 101}, counts{GET: 100}, verdictOver},
		{counts{GET: 100, POST: 11}, counts{GET: 100, POST: 10}, verdictOver},
		{counts{DELETE: 1}, counts{}, verdictOver},
		// One method over and another under is still over.
		{counts{GET: 1, POST: 0}, counts{POST: 1}, verdictOver},
		{counts{GET: 99}, counts{GET: 100}, verdictUnder},
	} {
		if got := verdict(tc.got, tc.minimum); got != tc.want {
			t.Errorf("verdict(%v, %v) = %s, want %s", tc.got, tc.minimum, got, tc.want)
		}
	}
}

func TestMinText(t *testing.T) {
	for c, want := range map[counts]string{
		{}:                   "0 calls",
		{GET: 5}:             "5 GET",
		{GET: 100, POST: 10}: "100 GET + 10 POST",
		{DELETE: 2}:          "2 DELETE",
	} {
		if got := minText(c); got != want {
			t.Errorf("minText(%v) = %q, want %q", c, got, want)
		}
	}
}
