package provider

import (
	"net/url"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

const addr = "signalwire_conference_participant.test"

// TestAccParticipant_lifecycle walks create → import → update → no-op and
// proves from the fake's request log that create is one POST with no GET,
// refresh is one GET, and update is one POST carrying only what changed.
func TestAccParticipant_lifecycle(t *testing.T) {
	f := newFixture(t)
	call, other := f.addCall(), f.addCall()
	sameParticipant := statecheck.CompareValue(compare.ValuesSame())

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: f.factories(),
		Steps: []resource.TestStep{
			{
				PreConfig: f.resetLog,
				Config:    f.config(f.participant(call, "muted = true", "hold = true")),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"),
						knownvalue.StringExact(f.fake.ProjectID()+"/"+f.conf+"/"+call)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("account_sid"), knownvalue.StringExact(f.fake.ProjectID())),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("muted"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("hold"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("coaching"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("call_sid_to_coach"), knownvalue.Null()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("hold_method"), knownvalue.StringExact("GET")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("announce_method"), knownvalue.StringExact("POST")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("wait_method"), knownvalue.StringExact("POST")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("on_destroy"), knownvalue.StringExact("keep")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("status"), knownvalue.StringExact("in-progress")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("date_created"),
						knownvalue.StringRegexp(regexp.MustCompile(`^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$`))),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("uri"), knownvalue.StringRegexp(regexp.MustCompile(call+`\.json$`))),
					sameParticipant.AddStateValue(addr, tfjsonpath.New("id")),
				},
				Check: resource.ComposeTestCheckFunc(
					f.expectRequests(map[string]int{"GET": 0, "POST": 1, "DELETE": 0}),
					f.expectPostForm(url.Values{"Muted": {"true"}, "Hold": {"true"}, "Coaching": {"false"}}),
				),
			},
			{
				PreConfig:    f.resetLog,
				RefreshState: true,
				Check:        f.expectRequests(map[string]int{"GET": 1, "POST": 0}),
			},
			{
				ResourceName:      addr,
				ImportState:       true,
				ImportStateVerify: true,
			},
			{
				ResourceName:    addr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
				ImportStateId:   f.conf + "/" + call,
			},
			{
				PreConfig: f.resetLog,
				Config: f.config(f.participant(call,
					"hold = true", "coaching = true", "call_sid_to_coach = "+quote(other))),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(addr, tfjsonpath.New("muted"), knownvalue.Bool(false)),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("muted"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("coaching"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("call_sid_to_coach"), knownvalue.StringExact(other)),
					sameParticipant.AddStateValue(addr, tfjsonpath.New("id")),
				},
				Check: resource.ComposeTestCheckFunc(
					f.expectRequests(map[string]int{"GET": 1, "POST": 1}),
					f.expectPostForm(url.Values{"Muted": {"false"}, "Coaching": {"true"}, "CallSidToCoach": {other}}),
				),
			},
			{
				Config: f.config(f.participant(call,
					"hold = true", "coaching = true", "call_sid_to_coach = "+quote(other))),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
	if got := f.participantState(call); got.Muted || !got.Hold || !got.Coaching || got.CallSIDToCoach != other {
		t.Errorf("fake participant = %+v, want unmuted, on hold, coaching %s", got, other)
	}
}

func quote(s string) string { return `"` + s + `"` }
