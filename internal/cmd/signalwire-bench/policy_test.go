package main

import (
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/seed177019bb/terraform-provider-signalwire/internal/fakeapi"
)

func TestPolicyPhaseMinimums(t *testing.T) {
	want := map[string]map[int]counts{
		"create":               {1000: {GET: 1, POST: 1000}, 2500: {GET: 3, POST: 2500}},
		"no-change plan":       {1000: {GET: 1}, 2500: {GET: 3}},
		"plan without refresh": {1000: {}, 2500: {}},
		"drift 10%":            {1000: {GET: 1, POST: 100}, 2500: {GET: 3, POST: 250}},
		"refresh only":         {1000: {GET: 1}, 2500: {GET: 3}},
		"destroy (reset)":      {1000: {POST: 1000}, 2500: {POST: 2500}},
	}
	ps := policyPhases(10)
	if len(ps) != len(want) {
		t.Fatalf("%d policy phases, want %d", len(ps), len(want))
	}
	for _, p := range ps {
		for n, least := range want[p.name] {
			if got := p.minimum(n); got != least {
				t.Errorf("%s at N = %d: minimum %v, want %v", p.name, n, got, least)
			}
		}
		// The commands come from phases(): a renamed phase there must not
		// leave one here without arguments.
		if len(p.args) == 0 || !slices.Contains(p.args, "-parallelism=10") {
			t.Errorf("%s: args %v", p.name, p.args)
		}
		if p.drift != (p.name == "drift 10%") || p.changed {
			t.Errorf("%s: drift %t, changed %t", p.name, p.drift, p.changed)
		}
	}
	if got := ps[5].args; got[0] != "destroy" || !slices.Contains(got, "-refresh=false") {
		t.Errorf("destroy args %v", got)
	}
	if listPages(1) != 1 || listPages(1000) != 1 || listPages(1001) != 2 {
		t.Error("listPages does not round up to whole pages of 1,000")
	}
}

func TestPolicyConfig(t *testing.T) {
	cfg := policyConfig()
	for _, want := range []string{
		providerPreamble,
		`resource "signalwire_conference_participant_policy" "all" {`,
		`conference_sid = "` + generatedSID(conferencePrefix, 1) + `"`,
		"muted          = true",
		`on_destroy     = "reset"`,
	} {
		if !strings.Contains(cfg, want) {
			t.Errorf("policy configuration lacks %q:\n%s", want, cfg)
		}
	}
}

func TestPolicyReport(t *testing.T) {
	r := sampleReport()
	if r.policyMarkdown() != "" {
		t.Error("a run without policy phases has a policy section")
	}
	for _, ph := range policyPhases(10) {
		least := ph.minimum(1000)
		r.PolicyCalls = append(r.PolicyCalls, callRow{N: 1000, Phase: ph.name, Command: ph.command, Got: least, Min: least, Verdict: verdictOK})
	}
	md := r.markdown()
	for _, want := range []string{
		"## API calls of a policy",
		"| 1000 | create | `apply (muted = true)` | 1 | 1000 | 0 | 1 GET + 1000 POST | ok | 0.00 s |",
		"| 1000 | drift 10% | `apply (every 10th unmuted outside Terraform)` | 1 | 100 | 0 | 1 GET + 100 POST | ok | 0.00 s |",
		"| 1000 | destroy (reset) | `destroy -refresh=false (on_destroy = \"reset\")` | 0 | 1000 | 0 | 1000 POST | ok | 0.00 s |",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q", want)
		}
	}
	if r.failed() {
		t.Error("a run with every policy phase at its minimum has failed")
	}
	r.PolicyCalls[1].Got.GET++
	r.PolicyCalls[1].Verdict = verdict(r.PolicyCalls[1].Got, r.PolicyCalls[1].Min)
	if !r.failed() {
		t.Error("a policy phase over its minimum must fail the run")
	}
}

func TestParsePolicySize(t *testing.T) {
	o, err := parseOptions([]string{"-terraform", "tf"}, &strings.Builder{})
	if err != nil || o.policySize != 1000 {
		t.Errorf("default policy size = %d, %v; want 1000", o.policySize, err)
	}
	if o, err := parseOptions([]string{"-terraform", "tf", "-policy-size", "0"}, &strings.Builder{}); err != nil || o.policySize != 0 {
		t.Errorf("-policy-size 0: %d, %v", o.policySize, err)
	}
	if _, err := parseOptions([]string{"-terraform", "tf", "-policy-size", "-1"}, &strings.Builder{}); err == nil {
		t.Error("a negative -policy-size was accepted")
	}
}

// TestUnmuteEvery drifts exactly every 10th generated call of the policy's
// conference, through the API with the bench's credentials.
func TestUnmuteEvery(t *testing.T) {
	const token = "PTbench-test"
	s := fakeapi.New(fakeapi.Options{ProjectID: benchProjectID, APIToken: token})
	if err := s.LoadSeed(strings.NewReader(`{"generate": {"conferences": 1, "participants_per_conference": 25}}`)); err != nil {
		t.Fatal(err)
	}
	conf := generatedSID(conferencePrefix, 1)
	for i := 1; i <= 25; i++ {
		s.Update(conf, generatedSID(callPrefix, i), func(p *fakeapi.ParticipantState) { p.Muted = true })
	}
	srv := httptest.NewServer(s)
	defer srv.Close()
	f := &fake{base: srv.URL, hc: srv.Client()}
	if err := f.unmuteEvery(token, 25, changedEvery); err != nil {
		t.Fatal(err)
	}
	for _, p := range s.Participants(conf) {
		drifted := p.CallSID == generatedSID(callPrefix, 10) || p.CallSID == generatedSID(callPrefix, 20)
		if p.Muted == drifted {
			t.Errorf("call %s muted = %t", p.CallSID, p.Muted)
		}
	}
	if err := f.unmuteEvery("PTwrong", 25, changedEvery); err == nil {
		t.Error("a refused update was not reported")
	}
}
