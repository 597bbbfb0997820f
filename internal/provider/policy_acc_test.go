package provider

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/seed177019bb/terraform-provider-signalwire/internal/fakeapi"
)

// TestAccPolicy_lifecycle follows one policy through a conference's life,
// counting every request in the fake's log: create, a no-change plan, a call
// that joins, one unmuted outside Terraform, one that leaves, one that joins
// already muted, and destroy with on_destroy = "reset".
func TestAccPolicy_lifecycle(t *testing.T) {
	f := newFixture(t)
	a, b, c := f.addCall(), f.addCall(), f.addCall()
	speaker := f.addCall()
	host := f.join(fakeapi.ParticipantSeed{StartConferenceOnEnter: true})
	var late, quiet string
	cfg := f.config(f.policy("muted = true", "exclude_call_sids = ["+quote(speaker)+"]",
		"exclude_moderators = true", `on_destroy = "reset"`))
	muted := "Muted=true"
	participants := tfjsonpath.New("participants")

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: f.factories(),
		Steps: []resource.TestStep{
			{
				PreConfig: f.resetLog,
				Config:    cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(policyAddr, plancheck.ResourceActionCreate),
					plancheck.ExpectUnknownValue(policyAddr, participants),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					f.calls(map[string]int{"GET": 1, "POST": 3, "DELETE": 0}),
					f.postsTo(muted, a, b, c),
					statecheck.ExpectKnownValue(policyAddr, tfjsonpath.New("id"),
						knownvalue.StringExact(f.fake.ProjectID()+"/"+f.conf)),
					statecheck.ExpectKnownValue(policyAddr, participants, knownvalue.MapExact(map[string]knownvalue.Check{
						a: entry(true, false, true, false), b: entry(true, false, true, false), c: entry(true, false, true, false),
					})),
				},
			},
			{
				PreConfig: f.resetLog,
				Config:    cfg,
				PlanOnly:  true,
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{
					plancheck.ExpectEmptyPlan(),
					f.calls(map[string]int{"GET": 1, "POST": 0}),
				}},
			},
			{
				PreConfig: func() { late = f.addCall(); f.resetLog() },
				Config:    cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(policyAddr, plancheck.ResourceActionUpdate),
					changedEntriesOf(&late),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					f.calls(map[string]int{"GET": 1, "POST": 1}),
					lazyPosts(f, muted, &late),
				},
			},
			{
				PreConfig: func() {
					f.driftThroughAPI(b, map[string][]string{"Muted": {"false"}})
					f.resetLog()
				},
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(policyAddr, plancheck.ResourceActionUpdate),
					changedEntries{b},
				}},
				ConfigStateChecks: []statecheck.StateCheck{f.calls(map[string]int{"GET": 1, "POST": 1}), f.postsTo(muted, b)},
			},
			{
				PreConfig: func() {
					if !f.fake.HangUp(f.conf, c) {
						t.Fatal("hang up failed")
					}
					quiet = f.join(fakeapi.ParticipantSeed{Muted: true})
					f.resetLog()
				},
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectEmptyPlan(),
					f.calls(map[string]int{"GET": 1, "POST": 0}),
					plannedEntries(func() map[string]knownvalue.Check {
						return map[string]knownvalue.Check{
							a: entry(true, false, true, false), b: entry(true, false, true, false),
							late: entry(true, false, true, false), quiet: entry(true, false, false, false),
						}
					}),
				}},
			},
			{
				// Removing the block destroys the policy: reset unmutes the
				// participants it muted, and no one else.
				PreConfig: f.resetLog,
				Config:    f.config(),
				ConfigStateChecks: []statecheck.StateCheck{
					f.calls(map[string]int{"GET": 1, "POST": 3}),
					lazyPosts(f, "Muted=false", &a, &b, &late),
				},
			},
		},
	})
	for call, want := range map[string]bool{a: false, b: false, late: false, quiet: true, speaker: false, host: false} {
		if got := f.participantState(call).Muted; got != want {
			t.Errorf("call %s muted = %t after destroy, want %t", call, got, want)
		}
	}
}

// TestAccPolicy_callsChangeBetweenPlanAndApply: a call that leaves after the
// plan is skipped, not an error, and keeps its planned entry until the next
// refresh drops it; a call that joins after the plan is left for the next
// plan. The state after apply is the plan, so no engine reports an
// inconsistent result.
func TestAccPolicy_callsChangeBetweenPlanAndApply(t *testing.T) {
	f := newFixture(t)
	stays := f.join(fakeapi.ParticipantSeed{Muted: true})
	leaves := f.join(fakeapi.ParticipantSeed{Muted: true})
	var newcomer string
	var once sync.Once
	hold := "Hold=true&HoldMethod=GET&HoldUrl=https%3A%2F%2Fexample.com%2Fhold.xml"

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: f.factories(),
		Steps: []resource.TestStep{
			{
				PreConfig:         f.resetLog,
				Config:            f.config(f.policy("muted = true")),
				ConfigStateChecks: []statecheck.StateCheck{f.calls(map[string]int{"GET": 1, "POST": 0})},
			},
			{
				PreConfig: func() {
					f.resetLog()
					f.onRequest(func(r *http.Request) {
						if r.Method == http.MethodPost && strings.Contains(r.URL.Path, leaves) {
							once.Do(func() {
								f.fake.HangUp(f.conf, leaves)
								newcomer = f.addCall()
							})
						}
					})
				},
				Config: f.config(f.policy("muted = true", "hold = true", `hold_url = "https://example.com/hold.xml"`)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					changedEntries{stays, leaves},
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					f.calls(map[string]int{"GET": 1, "POST": 2}),
					f.postsTo(hold, stays, leaves),
					statecheck.ExpectKnownValue(policyAddr, tfjsonpath.New("participants"), knownvalue.MapExact(map[string]knownvalue.Check{
						stays: entry(true, true, false, true), leaves: entry(true, true, false, true),
					})),
				},
				// The newcomer is out of line until the next apply.
				ExpectNonEmptyPlan: true,
			},
			{
				PreConfig: func() { f.onRequest(nil); f.resetLog() },
				Config:    f.config(f.policy("muted = true", "hold = true", `hold_url = "https://example.com/hold.xml"`)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					changedEntriesOf(&newcomer),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					f.calls(map[string]int{"GET": 1, "POST": 1}),
					lazyPosts(f, "Hold=true&HoldMethod=GET&HoldUrl=https%3A%2F%2Fexample.com%2Fhold.xml&Muted=true", &newcomer),
				},
			},
		},
	})
}

// TestAccPolicy_pages: reading 2,500 participants takes three list requests
// of 1,000, on create and on every refresh.
func TestAccPolicy_pages(t *testing.T) {
	f := newFixture(t)
	for range 2500 {
		f.join(fakeapi.ParticipantSeed{Muted: true})
	}
	cfg := f.config(f.policy("muted = true"))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: f.factories(),
		Steps: []resource.TestStep{
			{
				PreConfig: f.resetLog,
				Config:    cfg,
				ConfigStateChecks: []statecheck.StateCheck{
					f.calls(map[string]int{"GET": 3, "POST": 0}),
					statecheck.ExpectKnownValue(policyAddr, tfjsonpath.New("participants"), knownvalue.MapSizeExact(2500)),
				},
			},
			{
				PreConfig: f.resetLog,
				Config:    cfg,
				PlanOnly:  true,
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{
					f.calls(map[string]int{"GET": 3, "POST": 0}),
				}},
			},
		},
	})
	if got := f.gets()[0].Query.Get("PageSize"); got != "1000" {
		t.Errorf("the list was requested with PageSize %q, want 1000", got)
	}
}

// TestAccPolicy_import imports by both id forms. An imported policy has
// changed no one, so with the configuration it plans an update of only the
// settings the API cannot report, and sends nothing. A conference the API
// does not know cannot be imported.
func TestAccPolicy_import(t *testing.T) {
	f := newFixture(t)
	a := f.addCall()
	host := f.join(fakeapi.ParticipantSeed{StartConferenceOnEnter: true, Muted: true})
	cfg := f.config(f.policy("muted = true", "exclude_moderators = true"))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: f.factories(),
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				ResourceName:      policyAddr,
				ImportState:       true,
				ImportStateId:     f.conf,
				ImportStateVerify: true,
				// Only configuration knows these; an imported policy covers
				// everyone until configured, and has muted no one.
				ImportStateVerifyIgnore: []string{"muted", "exclude_moderators", "participants"},
			},
			{
				PreConfig:          f.resetLog,
				ResourceName:       policyAddr,
				ImportState:        true,
				ImportStateKind:    resource.ImportBlockWithID,
				ImportStateId:      f.fake.ProjectID() + "/" + f.conf,
				ExpectNonEmptyPlan: true,
				ImportPlanChecks: resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(policyAddr, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(policyAddr, tfjsonpath.New("participants"), knownvalue.MapExact(map[string]knownvalue.Check{
						a: entry(true, false, false, false),
					})),
					f.calls(map[string]int{"POST": 0}),
				}},
			},
			{
				// A generated block cannot know the settings: the plan says
				// which to add.
				ResourceName:    policyAddr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
				ImportStateId:   f.conf,
				GenerateConfig:  true,
				ExpectError:     looseRegexp("Conference Participant Policy Sets Nothing", "Set muted, hold or both", "-generate-config-out"),
			},
			{
				ResourceName:  policyAddr,
				ImportState:   true,
				ImportStateId: "0badc0de-0000-4000-8000-000000000000",
				ExpectError:   looseRegexp("Cannot import non-existent remote object"),
			},
		},
	})
	if !f.participantState(host).Muted {
		t.Error("the host was unmuted")
	}
}

// TestAccPolicy_rejectedKeepsState: updates the API refuses fail the apply
// with the API's code, name the call, and leave state as it was, so the next
// plan shows the same changes again.
func TestAccPolicy_rejectedKeepsState(t *testing.T) {
	f := newFixture(t)
	a := f.addCall()
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: f.factories(),
		Steps: []resource.TestStep{
			{
				// A policy on hold alone leaves muting as it is.
				Config: f.config(f.policy("hold = false")),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(policyAddr, tfjsonpath.New("participants"), knownvalue.MapExact(map[string]knownvalue.Check{
						a: entry(false, false, false, false),
					})),
				},
			},
			{
				PreConfig: func() {
					f.fake.SetFaults(fakeapi.RouteParticipantsUpdate, fakeapi.Faults{ErrorRate: 1, ErrorStatus: http.StatusUnprocessableEntity})
				},
				Config: f.config(f.policy("hold = false", "muted = true")),
				ExpectError: looseRegexp("Unable to Update Conference Participant Policy",
					fmt.Sprintf("request for call %s in conference %s with HTTP 422", a, f.conf)),
			},
			{
				PreConfig: func() { f.fake.ClearFaults(); f.resetLog() },
				Config:    f.config(f.policy("hold = false", "muted = true")),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					changedEntries{a},
				}},
				ConfigStateChecks: []statecheck.StateCheck{f.postsTo("Muted=true", a)},
			},
		},
	})
}

// TestAccPolicy_settingsKnownOnlyAtApply: when an exclusion comes from
// another resource and is not known at plan time, the plan cannot say whom
// apply changes and shows the map as known after apply. Once the value is
// known, the engine plans again and the provider works out the changes from
// the refresh it already made: no second list request.
func TestAccPolicy_settingsKnownOnlyAtApply(t *testing.T) {
	f := newFixture(t)
	a, b := f.addCall(), f.addCall()
	cfg := func(excluded string) string {
		return f.config(`
resource "terraform_data" "speaker" {
  input = `+quote(excluded)+`
}
`, f.policy("muted = true", "exclude_call_sids = [terraform_data.speaker.output]"))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: f.factories(),
		Steps: []resource.TestStep{
			{
				PreConfig:         f.resetLog,
				Config:            cfg(a),
				ConfigStateChecks: []statecheck.StateCheck{f.postsTo("Muted=true", b)},
			},
			{
				PreConfig: f.resetLog,
				Config:    cfg(b),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectUnknownValue(policyAddr, tfjsonpath.New("participants")),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					f.calls(map[string]int{"GET": 1, "POST": 1}),
					f.postsTo("Muted=true", a),
					statecheck.ExpectKnownValue(policyAddr, tfjsonpath.New("participants"), knownvalue.MapExact(map[string]knownvalue.Check{
						a: entry(true, false, true, false),
					})),
				},
			},
			{
				// on_destroy = "keep", the default: destroy forgets the
				// policy and leaves everyone muted.
				PreConfig:         f.resetLog,
				Config:            f.config(),
				ConfigStateChecks: []statecheck.StateCheck{f.calls(map[string]int{"POST": 0, "DELETE": 0})},
			},
		},
	})
	if !f.participantState(a).Muted || !f.participantState(b).Muted {
		t.Error("destroy with on_destroy = \"keep\" unmuted a participant")
	}
}

// TestAccPolicy_createTimeout: an API slower than timeouts.create fails the
// create with an error naming the operation, the conference and the setting
// to raise, after one list request.
func TestAccPolicy_createTimeout(t *testing.T) {
	f := newFixture(t)
	f.addCall()
	f.fake.SetFaults(fakeapi.RouteParticipantsList, fakeapi.Faults{Latency: time.Minute})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: f.factories(),
		Steps: []resource.TestStep{{
			Config: f.config(f.policy("muted = true", "timeouts {\n    create = \"1s\"\n  }")),
			ExpectError: looseRegexp("Unable to Create Conference Participant Policy",
				fmt.Sprintf("Create of the participant policy of conference %s did not finish within its 1s timeout.", f.conf),
				"Raise timeouts.create if the API is slow"),
		}},
	})
	if n := f.fake.CountRequests("GET"); n != 1 {
		t.Errorf("list requests = %d, want 1: %s", n, f.describeLog())
	}
}

// TestAccPolicy_upperCaseSIDs: the conference, the project and an excluded
// call spelt in upper case are the same UUIDs: the exclusion holds, the
// configured spelling stays in state, the next plan is empty, and a change
// of spelling only is neither a replacement nor an API call.
func TestAccPolicy_upperCaseSIDs(t *testing.T) {
	f := newFixture(t)
	speaker, a := f.addCall(), f.addCall()
	up, project := strings.ToUpper, f.fake.ProjectID()
	spelt := func(spell func(string) string) string {
		return f.configWithProject(spell(project), fmt.Sprintf(`
resource "signalwire_conference_participant_policy" "test" {
  conference_sid    = %q
  muted             = true
  exclude_call_sids = [%q]
}
`, spell(f.conf), spell(speaker)))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: f.factories(),
		Steps: []resource.TestStep{
			{
				PreConfig: f.resetLog,
				Config:    spelt(up),
				ConfigStateChecks: []statecheck.StateCheck{
					f.postsTo("Muted=true", a),
					statecheck.ExpectKnownValue(policyAddr, tfjsonpath.New("conference_sid"), knownvalue.StringExact(up(f.conf))),
					statecheck.ExpectKnownValue(policyAddr, tfjsonpath.New("account_sid"), knownvalue.StringExact(up(project))),
					statecheck.ExpectKnownValue(policyAddr, tfjsonpath.New("id"), knownvalue.StringExact(project+"/"+f.conf)),
				},
			},
			{
				PreConfig: f.resetLog,
				Config:    spelt(mixedCase),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(policyAddr, plancheck.ResourceActionUpdate),
					changedEntries{},
				}},
				ConfigStateChecks: []statecheck.StateCheck{f.calls(map[string]int{"GET": 1, "POST": 0})},
			},
		},
	})
}
