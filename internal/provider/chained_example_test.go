package provider

import (
	"fmt"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/seed177019bb/terraform-provider-signalwire/internal/fakeapi"
)

const chainedExample = "../../examples/chained/main.tf"

// chainedConfig reads examples/chained and points it at the fixture: the
// terraform block goes (the test framework supplies the provider) and the
// empty provider block, which reads credentials from the environment,
// becomes the fixture's.
func (f *fixture) chainedConfig() string {
	f.t.Helper()
	b, err := os.ReadFile(chainedExample)
	if err != nil {
		f.t.Fatal(err)
	}
	src := regexp.MustCompile(`(?s)terraform \{.*?\n\}\n`).ReplaceAllString(string(b), "")
	if !strings.Contains(src, `provider "signalwire" {}`) {
		f.t.Fatalf("%s no longer has an empty provider block to replace", chainedExample)
	}
	return strings.Replace(src, `provider "signalwire" {}`, f.providerBlock(), 1)
}

// TestAccExample_chained applies examples/chained as written: it finds the
// conference by name, mutes everyone in it but the host with one policy, and
// reads who is on hold. A second plan is empty; a call that joins is the
// next plan's one change; and destroy unmutes exactly the calls the policy
// muted.
func TestAccExample_chained(t *testing.T) {
	f := newFixture(t)
	room := f.fake.AddConference(fakeapi.ConferenceSeed{FriendlyName: "all-hands"})
	f.fake.AddConference(fakeapi.ConferenceSeed{FriendlyName: "all-hands", Status: fakeapi.StatusCompleted})
	add := func(seed fakeapi.ParticipantSeed) string {
		seed.ConferenceSID = room
		return f.fake.AddParticipant(seed)
	}
	host, speaker, alreadyMuted := add(fakeapi.ParticipantSeed{}), add(fakeapi.ParticipantSeed{}), add(fakeapi.ParticipantSeed{Muted: true})
	held := add(fakeapi.ParticipantSeed{Hold: true})
	var late string
	vars := config.Variables{"host_call_sid": config.StringVariable(host)}
	const addr = "signalwire_conference_participant_policy.quiet"
	muted := func(calls ...string) knownvalue.Check {
		checks := make([]knownvalue.Check, len(calls))
		for i, c := range calls {
			checks[i] = knownvalue.StringExact(c)
		}
		return knownvalue.SetExact(checks)
	}

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: f.factories(),
		Steps: []resource.TestStep{
			{
				PreConfig:       f.resetLog,
				Config:          f.chainedConfig(),
				ConfigVariables: vars,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValue("muted_calls", muted(speaker, held)),
					statecheck.ExpectKnownOutputValue("waiting_calls", knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact(held)})),
					f.calls(map[string]int{"GET": 3, "POST": 2, "DELETE": 0}),
					logCheck(func() error { return f.expectChainedLookups(room)(nil) }),
					f.postsTo("Muted=true", speaker, held),
				},
			},
			{
				Config:          f.chainedConfig(),
				ConfigVariables: vars,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{
				PreConfig: func() {
					late = add(fakeapi.ParticipantSeed{})
					f.resetLog()
				},
				Config:          f.chainedConfig(),
				ConfigVariables: vars,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{lazyPosts(f, "Muted=true", &late)},
			},
			{
				// Removing the policy ends the quiet: on_destroy = "reset"
				// unmutes the calls it muted, and leaves the one that was
				// muted before.
				PreConfig:       f.resetLog,
				Config:          withoutPolicy(f.chainedConfig()),
				ConfigVariables: vars,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionDestroy),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					f.calls(map[string]int{"POST": 3, "DELETE": 0}),
					lazyPosts(f, "Muted=false", &speaker, &held, &late),
				},
			},
		},
	})
	for call, want := range map[string]bool{host: false, speaker: false, held: false, late: false, alreadyMuted: true} {
		if p, _ := f.fake.Participant(room, call); p.Muted != want {
			t.Errorf("call %s muted = %t at the end, want %t", call, p.Muted, want)
		}
	}
}

// withoutPolicy drops the example's policy and the output that reads it, as
// a user ending the quiet would.
func withoutPolicy(cfg string) string {
	for _, block := range []string{`resource "signalwire_conference_participant_policy" "quiet"`, `output "muted_calls"`} {
		cfg = regexp.MustCompile(`(?s)`+regexp.QuoteMeta(block)+` \{.*?\n\}\n`).ReplaceAllString(cfg, "")
	}
	return cfg
}

// expectChainedLookups checks the three GETs of the chain: the conference by
// name and its participants on hold, at plan time, then every participant
// when the policy is created.
func (f *fixture) expectChainedLookups(room string) func(*terraform.State) error {
	return func(*terraform.State) error {
		gets := f.gets()
		want := []struct {
			suffix string
			query  url.Values
		}{
			{"/Conferences", url.Values{"FriendlyName": {"all-hands"}, "Status": {"in-progress"}, "PageSize": {"1000"}}},
			{"/Conferences/" + room + "/Participants", url.Values{"Hold": {"true"}, "PageSize": {"1000"}}},
			{"/Conferences/" + room + "/Participants", url.Values{"PageSize": {"1000"}}},
		}
		if len(gets) != len(want) {
			return fmt.Errorf("%d GETs, want %d: %s", len(gets), len(want), f.describeQueries())
		}
		for i, w := range want {
			if !strings.HasSuffix(gets[i].Path, w.suffix) || gets[i].Query.Encode() != w.query.Encode() {
				return fmt.Errorf("GET %d = %s?%s, want ...%s?%s", i+1, gets[i].Path, gets[i].Query.Encode(), w.suffix, w.query.Encode())
			}
		}
		return nil
	}
}
