package provider

import (
	"fmt"
	"net/url"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/seed177019bb/terraform-provider-signalwire/internal/fakeapi"
)

// TestAccParticipant_drift changes the participant behind Terraform's back,
// through the fake's own API, and expects refresh to see it and apply to
// put it back with one POST.
func TestAccParticipant_drift(t *testing.T) {
	f := newFixture(t)
	call := f.addCall()
	cfg := f.config(f.participant(call, "muted = true"))

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: f.factories(),
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				PreConfig: func() {
					f.driftThroughAPI(call, url.Values{"Muted": {"false"}, "Hold": {"true"}})
					f.resetLog()
				},
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(addr, tfjsonpath.New("muted"), knownvalue.Bool(true)),
						plancheck.ExpectKnownValue(addr, tfjsonpath.New("hold"), knownvalue.Bool(false)),
					},
				},
				Check: f.expectPostForm(url.Values{"Muted": {"true"}, "Hold": {"false"}}),
			},
		},
	})
	if got := f.participantState(call); !got.Muted || got.Hold {
		t.Errorf("fake participant = %+v, want muted and not on hold", got)
	}
}

// driftThroughAPI updates a participant with a direct API call, as another
// tool or a person in the dashboard would.
func (f *fixture) driftThroughAPI(call string, form url.Values) {
	f.t.Helper()
	u := fmt.Sprintf("%s/api/laml/2010-04-01/Accounts/%s/Conferences/%s/Participants/%s.json",
		f.srv.URL, f.fake.ProjectID(), f.conf, call)
	req, err := newFormRequest(u, form)
	if err != nil {
		f.t.Fatal(err)
	}
	req.SetBasicAuth(f.fake.ProjectID(), fakeapi.DefaultAPIToken)
	resp, err := f.srv.Client().Do(req)
	if err != nil {
		f.t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		f.t.Fatalf("drift update answered %d", resp.StatusCode)
	}
}

// TestAccParticipant_hangUp: once the call leaves, refresh drops the
// participant without an error, and applying again explains why it cannot
// be adopted.
func TestAccParticipant_hangUp(t *testing.T) {
	f := newFixture(t)
	call := f.addCall()
	cfg := f.config(f.participant(call, "muted = true"))

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: f.factories(),
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				PreConfig: func() {
					if !f.fake.HangUp(f.conf, call) {
						t.Fatal("hang up failed")
					}
				},
				RefreshState:       true,
				ExpectNonEmptyPlan: true,
				Check:              expectNotInState(addr),
			},
			{
				Config:      cfg,
				ExpectError: regexp.MustCompile(`(?s)Unable to Create Conference Participant.*exists only while its call is\s+connected`),
			},
		},
	})
}

func expectNotInState(name string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		if _, ok := s.RootModule().Resources[name]; ok {
			return fmt.Errorf("%s is still in state", name)
		}
		return nil
	}
}

// TestAccParticipant_announcementNotReplayed: an announcement plays when its
// URL is first applied or changed, never on unrelated updates.
func TestAccParticipant_announcementNotReplayed(t *testing.T) {
	f := newFixture(t)
	call := f.addCall()
	first, second := "https://example.com/welcome.xml", "https://example.com/goodbye.xml"

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: f.factories(),
		Steps: []resource.TestStep{
			{
				PreConfig: f.resetLog,
				Config: f.config(f.participant(call, "announce_url = "+quote(first),
					"hold_url = \"https://example.com/hold.xml\"", "wait_url = \"https://example.com/wait.xml\"",
					"wait_method = \"GET\"")),
				Check: f.expectPostForm(url.Values{
					"Muted": {"false"}, "Hold": {"false"}, "Coaching": {"false"},
					"AnnounceUrl": {first}, "AnnounceMethod": {"POST"},
					"HoldUrl": {"https://example.com/hold.xml"}, "HoldMethod": {"GET"},
					"WaitUrl": {"https://example.com/wait.xml"}, "WaitMethod": {"GET"},
				}),
			},
			{
				PreConfig: f.resetLog,
				Config: f.config(f.participant(call, "announce_url = "+quote(first), "muted = true",
					"hold_url = \"https://example.com/hold.xml\"", "wait_url = \"https://example.com/wait.xml\"",
					"wait_method = \"GET\"", "announce_method = \"GET\"")),
				Check: f.expectPostForm(url.Values{"Muted": {"true"}}),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("announce_method"), knownvalue.StringExact("GET")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("hold_url"), knownvalue.StringExact("https://example.com/hold.xml")),
				},
			},
			{
				PreConfig: f.resetLog,
				Config: f.config(f.participant(call, "announce_url = "+quote(second), "muted = true",
					"hold_url = \"https://example.com/hold.xml\"", "hold_method = \"POST\"",
					"wait_url = \"https://example.com/wait.xml\"", "wait_method = \"GET\"", "announce_method = \"GET\"")),
				Check: f.expectPostForm(url.Values{
					"AnnounceUrl": {second}, "AnnounceMethod": {"GET"},
					"HoldUrl": {"https://example.com/hold.xml"}, "HoldMethod": {"POST"},
				}),
			},
		},
	})
	got := f.participantState(call).Announcements
	if len(got) != 2 || got[0] != first || got[1] != second {
		t.Errorf("announcements played = %v, want [%s %s]", got, first, second)
	}
}

// TestAccParticipant_unknownCoachTarget: a call_sid_to_coach that comes from
// another resource is unknown at plan time; plan passes and the value is
// applied once known.
func TestAccParticipant_unknownCoachTarget(t *testing.T) {
	f := newFixture(t)
	call, other := f.addCall(), f.addCall()
	cfg := f.config(`
resource "terraform_data" "coach" {
  input = `+quote(other)+`
}
`, f.participant(call, "coaching = true", "call_sid_to_coach = terraform_data.coach.output"))

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: f.factories(),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectUnknownValue(addr, tfjsonpath.New("call_sid_to_coach")),
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("call_sid_to_coach"), knownvalue.StringExact(other)),
				},
			},
		},
	})
}

// TestAccParticipant_unknownCoachTargetCheckedWhenKnown: a value that was
// unknown at plan time and turns out to break a rule fails at apply, before
// any request for the participant.
func TestAccParticipant_unknownCoachTargetCheckedWhenKnown(t *testing.T) {
	f := newFixture(t)
	call := f.addCall()
	cfg := f.config(`
resource "terraform_data" "coach" {
  input = `+quote(call)+`
}
`, f.participant(call, "coaching = true", "call_sid_to_coach = terraform_data.coach.output"))

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: f.factories(),
		Steps: []resource.TestStep{
			{
				Config:      cfg,
				ExpectError: regexp.MustCompile(`(?s)call_sid_to_coach.*own call_sid`),
			},
		},
	})
	f.expectNoRequests()
}
