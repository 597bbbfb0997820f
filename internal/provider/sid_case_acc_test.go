package provider

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/seed177019bb/terraform-provider-signalwire/internal/fakeapi"
)

// mixedCase spells a sid with its first half in upper case, as people paste
// them from tools that print UUIDs that way.
func mixedCase(sid string) string { return strings.ToUpper(sid[:18]) + sid[18:] }

// configWithProject is f.config with the provider's project_id spelt as given.
func (f *fixture) configWithProject(project string, blocks ...string) string {
	return fmt.Sprintf("provider \"signalwire\" {\n  space_url  = %q\n  project_id = %q\n  api_token  = %q\n}\n",
		f.srv.URL, project, fakeapi.DefaultAPIToken) + strings.Join(blocks, "\n")
}

// participantSpelt is the resource block with its sids spelt by spell.
func (f *fixture) participantSpelt(spell func(string) string, call string, attrs ...string) string {
	return fmt.Sprintf("\nresource \"signalwire_conference_participant\" \"test\" {\n  conference_sid = %q\n  call_sid       = %q\n  %s\n}\n",
		spell(f.conf), spell(call), strings.Join(attrs, "\n  "))
}

// TestAccParticipant_upperCaseSIDs: sids and project_id in upper or mixed
// case are the same UUIDs. Create is one POST and keeps the configured
// spelling; the next plan is empty; import by an upper-case id adopts the
// same participant; a change of spelling only, of a sid or of the project,
// is neither a replacement nor an API call.
func TestAccParticipant_upperCaseSIDs(t *testing.T) {
	f := newFixture(t)
	call, other := f.addCall(), f.addCall()
	up, project := strings.ToUpper, f.fake.ProjectID()
	canonicalID := project + "/" + f.conf + "/" + call
	coached := f.configWithProject(up(project), f.participantSpelt(up, call,
		"muted = true", "coaching = true", "call_sid_to_coach = "+quote(up(other))))
	sameParticipant := statecheck.CompareValue(compare.ValuesSame())
	emptyPlan := resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: f.factories(),
		Steps: []resource.TestStep{
			{
				PreConfig: f.resetLog,
				Config:    f.configWithProject(up(project), f.participantSpelt(up, call, "muted = true")),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("conference_sid"), knownvalue.StringExact(up(f.conf))),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("call_sid"), knownvalue.StringExact(up(call))),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("account_sid"), knownvalue.StringExact(up(project))),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringExact(canonicalID)),
					sameParticipant.AddStateValue(addr, tfjsonpath.New("id")),
				},
				Check: f.expectRequests(map[string]int{"GET": 0, "POST": 1, "DELETE": 0}),
			},
			{
				Config:           f.configWithProject(up(project), f.participantSpelt(up, call, "muted = true")),
				ConfigPlanChecks: emptyPlan,
			},
			{
				ResourceName:      addr,
				ImportState:       true,
				ImportStateId:     up(f.conf) + "/" + up(call),
				ImportStateVerify: true,
			},
			{
				PreConfig: f.resetLog,
				Config:    coached,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("call_sid_to_coach"), knownvalue.StringExact(up(other))),
					sameParticipant.AddStateValue(addr, tfjsonpath.New("id")),
				},
				Check: f.expectPostForm(url.Values{"Coaching": {"true"}, "CallSidToCoach": {up(other)}}),
			},
			{Config: coached, ConfigPlanChecks: emptyPlan},
			{
				// Only the spelling changes: an in-place update without a request.
				PreConfig: f.resetLog,
				Config: f.configWithProject(mixedCase(project), f.participantSpelt(mixedCase, call,
					"muted = true", "coaching = true", "call_sid_to_coach = "+quote(mixedCase(other)))),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("call_sid"), knownvalue.StringExact(mixedCase(call))),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("call_sid_to_coach"), knownvalue.StringExact(mixedCase(other))),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("account_sid"), knownvalue.StringExact(up(project))),
					sameParticipant.AddStateValue(addr, tfjsonpath.New("id")),
				},
				Check: f.expectRequests(map[string]int{"POST": 0, "DELETE": 0}),
			},
		},
	})
	if got := f.participantState(call); !got.Muted || !got.Coaching || got.CallSIDToCoach != other {
		t.Errorf("fake participant = %+v, want muted and coaching %s", got, other)
	}
}

// TestAccParticipant_upperCaseIdentity: the identity is the participant's
// sids in the API's spelling, whatever the configured spelling, and an
// import block can name the participant by an upper-case identity.
func TestAccParticipant_upperCaseIdentity(t *testing.T) {
	f := newFixture(t)
	call := f.addCall()
	up := strings.ToUpper
	cfg := f.configWithProject(up(f.fake.ProjectID()), f.participantSpelt(up, call, "hold = true"))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: f.factories(),
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		Steps: []resource.TestStep{
			{
				Config:            cfg,
				ConfigStateChecks: []statecheck.StateCheck{f.expectIdentity(call)},
			},
			{
				ResourceName:           addr,
				ImportState:            true,
				ImportStateKind:        resource.ImportBlockWithResourceIdentity,
				ImportStateConfigExact: true,
				Config: cfg + identityImport(
					"account_sid    = "+quote(up(f.fake.ProjectID())),
					"conference_sid = "+quote(up(f.conf)),
					"call_sid       = "+quote(up(call))),
			},
		},
	})
}

// TestAccDataSources_upperCaseArguments: each data source looks its object
// up by upper-case sids and keeps the configured spelling of its arguments.
func TestAccDataSources_upperCaseArguments(t *testing.T) {
	f := newFixture(t)
	call := f.addCall()
	up, project := strings.ToUpper, f.fake.ProjectID()
	cfg := f.configWithProject(mixedCase(project),
		dataBlock("signalwire_conference", strAttr("sid", up(f.conf)), strAttr("account_sid", up(project))),
		dataBlock("signalwire_conference_participant", strAttr("conference_sid", up(f.conf)), strAttr("call_sid", up(call))),
		dataBlock("signalwire_conference_participants", strAttr("conference_sid", up(f.conf))))
	const listAddr = "data.signalwire_conference_participants.test"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: f.factories(),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(conferenceData, tfjsonpath.New("sid"), knownvalue.StringExact(up(f.conf))),
					statecheck.ExpectKnownValue(conferenceData, tfjsonpath.New("account_sid"), knownvalue.StringExact(up(project))),
					statecheck.ExpectKnownValue(conferenceData, tfjsonpath.New("friendly_name"), knownvalue.StringExact("support-room")),
					statecheck.ExpectKnownValue(participantDataAddr, tfjsonpath.New("call_sid"), knownvalue.StringExact(up(call))),
					statecheck.ExpectKnownValue(participantDataAddr, tfjsonpath.New("account_sid"), knownvalue.StringExact(project)),
					statecheck.ExpectKnownValue(participantDataAddr, tfjsonpath.New("id"),
						knownvalue.StringExact(project+"/"+f.conf+"/"+call)),
					statecheck.ExpectKnownValue(listAddr, tfjsonpath.New("conference_sid"), knownvalue.StringExact(up(f.conf))),
					statecheck.ExpectKnownValue(listAddr, tfjsonpath.New("id"), knownvalue.StringExact(project+"/"+f.conf)),
					statecheck.ExpectKnownValue(listAddr, tfjsonpath.New("participants").AtSliceIndex(0).AtMapKey("call_sid"),
						knownvalue.StringExact(call)),
				},
			},
			{Config: cfg, ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
		},
	})
}

// TestAccParticipant_upperCaseProjectFromEnvironment: an upper-case
// SIGNALWIRE_PROJECT_ID becomes account_sid as spelt, in one POST, and the
// next plan is empty. It sets the environment, so it cannot run in parallel.
func TestAccParticipant_upperCaseProjectFromEnvironment(t *testing.T) {
	f := newFixture(t)
	call := f.addCall()
	t.Setenv(envProjectID, strings.ToUpper(f.fake.ProjectID()))
	cfg := fmt.Sprintf("provider \"signalwire\" {\n  space_url = %q\n  api_token = %q\n}\n", f.srv.URL, fakeapi.DefaultAPIToken) +
		f.participant(call, "hold = true")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: f.factories(),
		Steps: []resource.TestStep{
			{
				PreConfig: f.resetLog,
				Config:    cfg,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("account_sid"), knownvalue.StringExact(strings.ToUpper(f.fake.ProjectID()))),
				},
				Check: f.expectRequests(map[string]int{"GET": 0, "POST": 1}),
			},
			{Config: cfg, ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
		},
	})
}
