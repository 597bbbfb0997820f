package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/seed177019bb/terraform-provider-signalwire/internal/fakeapi"
)

// TestAccPolicy_unknownConference: a policy on a conference the API does
// not know (a mistyped sid, or one that has ended) fails its create after
// one list request, saying so and naming the settings to check.
func TestAccPolicy_unknownConference(t *testing.T) {
	f := newFixture(t)
	f.conf = "3fa85f64-5717-4562-b3fc-2c963f66afa6"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: f.factories(),
		Steps: []resource.TestStep{{
			Config: f.config(f.policy("muted = true")),
			ExpectError: looseRegexp("Unable to Create Conference Participant Policy",
				"The API found no conference "+f.conf+" in account "+f.fake.ProjectID()+"; check conference_sid and account_sid",
				"HTTP 404 Not Found, code 20404"),
		}},
	})
	if n := f.fake.CountRequests("GET"); n != 1 {
		t.Errorf("list requests = %d, want 1: %s", n, f.describeLog())
	}
}

// TestAccPolicy_listWithoutParticipantsKeepsState: a 200 list answer that
// does not list the participants ({} or only sids) fails the refresh and
// keeps the state, instead of reading as an empty conference and forgetting
// whom the policy muted, which on_destroy = "reset" needs.
func TestAccPolicy_listWithoutParticipantsKeepsState(t *testing.T) {
	f, a, cfg, mutedByPolicy := resettingPolicy(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: f.factories(),
		Steps: []resource.TestStep{
			{Config: cfg, ConfigStateChecks: []statecheck.StateCheck{mutedByPolicy}},
			{
				PreConfig: func() {
					f.fake.SetFaults(fakeapi.RouteParticipantsList, fakeapi.Faults{Reply: fakeapi.ReplyPartial})
				},
				RefreshState: true,
				ExpectError:  looseRegexp("Unable to Read Conference Participant Policy", "the page lacks participants"),
			},
			{
				PreConfig:         f.fake.ClearFaults,
				Config:            cfg,
				ConfigStateChecks: []statecheck.StateCheck{mutedByPolicy},
			},
		},
	})
	if f.participantState(a).Muted {
		t.Error("destroy with on_destroy = \"reset\" left the participant muted")
	}
}

// TestAccPolicy_lostAnswerResolvedByRead: when the connection breaks after
// an update was sent (the API processed it; its answer was lost), one read of
// the participant shows the change took, so apply succeeds and state records
// that the policy muted the call; destroy with on_destroy = "reset" then
// unmutes it. Without the read, state said the policy had muted no one and
// reset left the call muted.
func TestAccPolicy_lostAnswerResolvedByRead(t *testing.T) {
	f, a, cfg, mutedByPolicy := resettingPolicy(t)
	f.fake.SetFaults(fakeapi.RouteParticipantsUpdate, fakeapi.Faults{Reply: fakeapi.ReplyDrop})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: f.factories(),
		Steps: []resource.TestStep{
			{
				// One list, the update and its retries, one read.
				Config:            cfg,
				ConfigStateChecks: []statecheck.StateCheck{mutedByPolicy, f.calls(map[string]int{"GET": 2, "POST": 5})},
			},
			{
				PreConfig:         f.fake.ClearFaults,
				Config:            cfg,
				ConfigStateChecks: []statecheck.StateCheck{mutedByPolicy},
			},
		},
	})
	if f.participantState(a).Muted {
		t.Error("destroy with on_destroy = \"reset\" left the participant muted")
	}
}

// resettingPolicy is a fixture with one call and a policy muting it with
// on_destroy = "reset", and the state check that the policy muted the call.
func resettingPolicy(t *testing.T) (f *fixture, call, cfg string, mutedByPolicy statecheck.StateCheck) {
	f = newFixture(t)
	call = f.addCall()
	cfg = f.config(f.policy("muted = true", `on_destroy = "reset"`))
	mutedByPolicy = statecheck.ExpectKnownValue(policyAddr, tfjsonpath.New("participants"),
		knownvalue.MapExact(map[string]knownvalue.Check{call: entry(true, false, true, false)}))
	return f, call, cfg, mutedByPolicy
}
