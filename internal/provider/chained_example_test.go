package provider

import (
	"context"
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

// exampleConfig reads an example and points it at the fixture: the terraform
// block goes (the test framework supplies the provider) and the empty
// provider block, which reads credentials from the environment, becomes the
// fixture's.
func (f *fixture) exampleConfig(file string) string {
	f.t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		f.t.Fatal(err)
	}
	src := regexp.MustCompile(`(?s)terraform \{.*?\n\}\n`).ReplaceAllString(string(b), "")
	if !strings.Contains(src, `provider "signalwire" {}`) {
		f.t.Fatalf("%s no longer has an empty provider block to replace", file)
	}
	return strings.Replace(src, `provider "signalwire" {}`, f.providerBlock(), 1)
}

// TestAccExample_chained applies examples/chained as written: it finds the
// conference by name, lists who is not on hold, and mutes each of them but
// the host with one announcement; a second plan is empty, and destroy
// unmutes them again.
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
	announcement := "https://example.com/announcements/quiet-please.xml"
	vars := config.Variables{"host_call_sid": config.StringVariable(host)}
	listener := func(call string) string { return fmt.Sprintf("signalwire_conference_participant.listener[%q]", call) }

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: f.factories(),
		Steps: []resource.TestStep{
			{
				PreConfig:       f.resetLog,
				Config:          f.exampleConfig(chainedExample),
				ConfigVariables: vars,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(listener(speaker), plancheck.ResourceActionCreate),
					plancheck.ExpectResourceAction(listener(alreadyMuted), plancheck.ResourceActionCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValue("muted_calls", knownvalue.SetExact([]knownvalue.Check{
						knownvalue.StringExact(speaker), knownvalue.StringExact(alreadyMuted),
					})),
					// The legacy Check shim cannot read for_each instances, so
					// the request log is checked here instead.
					checkFuncs{
						f.expectRequests(map[string]int{"GET": 2, "POST": 2, "DELETE": 0}),
						f.expectChainedLookups(room),
						func(*terraform.State) error {
							for call, want := range map[string]bool{host: false, speaker: true, alreadyMuted: true, held: false} {
								p, _ := f.fake.Participant(room, call)
								if p.Muted != want {
									return fmt.Errorf("call %s muted = %t, want %t", call, p.Muted, want)
								}
								announced := len(p.Announcements) == 1 && p.Announcements[0] == announcement
								if want != announced {
									return fmt.Errorf("call %s announcements = %v, want one only if muted here", call, p.Announcements)
								}
							}
							return nil
						},
					},
				},
			},
			{
				Config:          f.exampleConfig(chainedExample),
				ConfigVariables: vars,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{
				// Removing the resource block ends the announcement: on_destroy =
				// "reset" unmutes everyone it muted. (It also leaves no for_each
				// instances for the framework's legacy state shim at teardown,
				// which cannot read them.)
				PreConfig:       f.resetLog,
				Config:          withoutListeners(f.exampleConfig(chainedExample)),
				ConfigVariables: vars,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(listener(speaker), plancheck.ResourceActionDestroy),
					plancheck.ExpectResourceAction(listener(alreadyMuted), plancheck.ResourceActionDestroy),
				}},
				ConfigStateChecks: []statecheck.StateCheck{checkFuncs{
					f.expectRequests(map[string]int{"POST": 2, "DELETE": 0}),
					func(*terraform.State) error {
						for _, call := range []string{host, speaker, alreadyMuted, held} {
							if p, _ := f.fake.Participant(room, call); p.Muted {
								return fmt.Errorf("call %s is still muted after its resource was destroyed with on_destroy = \"reset\"", call)
							}
						}
						return nil
					},
				}},
			},
		},
	})
}

// withoutListeners drops the example's resource block and the output that
// reads it, as a user ending the announcement would.
func withoutListeners(cfg string) string {
	for _, block := range []string{`resource "signalwire_conference_participant" "listener"`, `output "muted_calls"`} {
		cfg = regexp.MustCompile(`(?s)`+regexp.QuoteMeta(block)+` \{.*?\n\}\n`).ReplaceAllString(cfg, "")
	}
	return cfg
}

// checkFuncs runs request-log checks as a state check.
type checkFuncs []resource.TestCheckFunc

func (c checkFuncs) CheckState(_ context.Context, _ statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	for _, check := range c {
		if err := check(nil); err != nil {
			resp.Error = err
			return
		}
	}
}

// expectChainedLookups checks the two GETs of the chain: the conference by
// name, then its participants not on hold.
func (f *fixture) expectChainedLookups(room string) func(*terraform.State) error {
	return func(*terraform.State) error {
		gets := f.gets()
		want := []struct {
			suffix string
			query  url.Values
		}{
			{"/Conferences", url.Values{"FriendlyName": {"all-hands"}, "Status": {"in-progress"}, "PageSize": {"1000"}}},
			{"/Conferences/" + room + "/Participants", url.Values{"Hold": {"false"}, "PageSize": {"1000"}}},
		}
		for i, w := range want {
			if !strings.HasSuffix(gets[i].Path, w.suffix) || gets[i].Query.Encode() != w.query.Encode() {
				return fmt.Errorf("GET %d = %s?%s, want ...%s?%s", i+1, gets[i].Path, gets[i].Query.Encode(), w.suffix, w.query.Encode())
			}
		}
		return nil
	}
}
