package main

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
)

// The policy phases measure one signalwire_conference_participant_policy
// over a conference of N participants, on a fresh fake of its own: what
// setting everyone costs when one resource covers them all.

// listPageSize is the API's largest page: a refresh lists 1,000 participants
// per request.
const listPageSize = 1000

// listPages is the number of list requests one refresh of n participants needs.
func listPages(n int) int { return max(1, (n+listPageSize-1)/listPageSize) }

// policyPhase is a phase of the policy's run; with drift, every
// changedEvery-th participant is unmuted outside Terraform before it runs.
type policyPhase struct {
	phase
	drift bool
}

// policyPhases run in this order on one state; each minimum is what the
// phase must cost: a refresh lists every page, and apply sends one request
// per participant out of line. The engine commands are those of the phase of
// phases() named like.
func policyPhases(parallelism int) []policyPhase {
	args := map[string][]string{}
	for _, ph := range phases(parallelism) {
		args[ph.name] = ph.args
	}
	p := func(name, command, like string, minimum func(n int) counts) phase {
		return phase{name: name, command: command, args: args[like], minimum: minimum}
	}
	refresh := func(n int) counts { return counts{GET: listPages(n)} }
	return []policyPhase{
		{phase: p("create", "apply (muted = true)", "create", func(n int) counts { return counts{GET: listPages(n), POST: n} })},
		{phase: p("no-change plan", "plan -detailed-exitcode", "no-change plan", refresh)},
		{phase: p("plan without refresh", "plan -refresh=false -detailed-exitcode", "plan without refresh", func(int) counts { return counts{} })},
		{phase: p("drift 10%", "apply (every 10th unmuted outside Terraform)", "change 10%",
			func(n int) counts { return counts{GET: listPages(n), POST: n / changedEvery} }), drift: true},
		{phase: p("refresh only", "apply -refresh-only", "refresh only", refresh)},
		{phase: p("destroy (reset)", `destroy -refresh=false (on_destroy = "reset")`, "destroy (keep)",
			func(n int) counts { return counts{POST: n} })},
	}
}

// policyConfig is one policy muting everyone in the generated conference 1.
func policyConfig() string {
	return providerPreamble + fmt.Sprintf(`
resource "signalwire_conference_participant_policy" "all" {
  conference_sid = %q
  muted          = true
  on_destroy     = "reset"
}
`, generatedSID(conferencePrefix, 1))
}

// policy measures the policy phases at n participants.
func (b *bench) policy(ctx context.Context, n int) error {
	dir := filepath.Join(b.work, fmt.Sprintf("policy-n%d", n))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	f, err := startFake(ctx, b.o.fakeBin, dir, benchProjectID, b.token)
	if err != nil {
		return err
	}
	defer f.stop()
	body := map[string]any{"generate": map[string]int{"conferences": 1, "participants_per_conference": n}}
	if err := f.admin(http.MethodPost, "seed", body, nil); err != nil {
		return err
	}
	b.eng.env = append(b.eng.env, "SIGNALWIRE_SPACE_URL="+f.base) // the last one wins
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(policyConfig()), 0o644); err != nil {
		return err
	}
	for i, ph := range policyPhases(b.o.parallelism) {
		if ph.drift {
			if err := f.unmuteEvery(b.token, n, changedEvery); err != nil {
				return fmt.Errorf("%s: %w", ph.name, err)
			}
		}
		row, _, err := b.countPhase(ctx, f, dir, fmt.Sprintf("policy%d.log", i+1), "policy ", ph.phase, n)
		if err != nil {
			return err
		}
		b.r.PolicyCalls = append(b.r.PolicyCalls, row)
	}
	return nil
}

// unmuteEvery unmutes every every-th generated call through the API, as a
// person in the dashboard would, so the phase that follows finds drift.
func (f *fake) unmuteEvery(token string, n, every int) error {
	for i := every; i <= n; i += every {
		u := fmt.Sprintf("%s/api/laml/2010-04-01/Accounts/%s/Conferences/%s/Participants/%s",
			f.base, benchProjectID, generatedSID(conferencePrefix, 1), generatedSID(callPrefix, i))
		req, err := http.NewRequest(http.MethodPost, u, strings.NewReader(url.Values{"Muted": {"false"}}.Encode()))
		if err != nil {
			return err
		}
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.SetBasicAuth(benchProjectID, token)
		resp, err := f.hc.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("unmuting call %d answered %s", i, resp.Status)
		}
	}
	return nil
}

// policyMarkdown is the report's section on the policy phases.
func (r *report) policyMarkdown() string {
	if len(r.PolicyCalls) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("## API calls of a policy\n\n")
	b.WriteString("One `signalwire_conference_participant_policy` muting everyone in one conference of N participants, " +
		"with `on_destroy = \"reset\"`, on a fresh fake; counted as above. A refresh lists 1,000 participants per " +
		"request, so it costs ceil(N / 1,000) GETs where N participant resources cost N. Before the drift phase every " +
		"10th participant is unmuted through the API, outside Terraform (not counted).\n\n")
	b.WriteString("| N | phase | command | GET | POST | DELETE | minimum | verdict | wall |\n| ---: | --- | --- | ---: | ---: | ---: | --- | --- | ---: |\n")
	for _, c := range r.PolicyCalls {
		fmt.Fprintf(&b, "| %d | %s | `%s` | %d | %d | %d | %s | %s | %s |\n", c.N, c.Phase, c.Command,
			c.Got.GET, c.Got.POST, c.Got.DELETE, minText(c.Min), c.Verdict, secs(c.Elapsed))
	}
	b.WriteString("\n")
	return b.String()
}
