package provider

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/seed177019bb/terraform-provider-signalwire/internal/fakeapi"
)

const policyExamples = "../../examples/resources/signalwire_conference_participant_policy"

// TestAccPolicy_examples applies the registry examples of the policy as
// written (resource.tf with with-participant.tf) and imports the webinar
// policy with import-by-string-id.tf, only the example sid swapped for the
// fixture's. The import reads no settings, so it plans an update of those
// alone, and no participant changes.
func TestAccPolicy_examples(t *testing.T) {
	f := newFixture(t)
	speaker, a, b := f.addCall(), f.addCall(), f.addCall()
	host := f.join(fakeapi.ParticipantSeed{StartConferenceOnEnter: true})
	lobby := f.fake.AddConference(fakeapi.ConferenceSeed{FriendlyName: "lobby"})
	waiting := f.fake.AddParticipant(fakeapi.ParticipantSeed{ConferenceSID: lobby})
	example := f.providerBlock() + readExample(t, policyExamples, "resource.tf") + readExample(t, policyExamples, "with-participant.tf")
	importBlock := strings.ReplaceAll(readExample(t, policyExamples, "import-by-string-id.tf"), exampleConference, f.conf)
	vars := config.Variables{
		"conference_sid":       config.StringVariable(f.conf),
		"speaker_call_sid":     config.StringVariable(speaker),
		"lobby_conference_sid": config.StringVariable(lobby),
	}
	const webinar = "signalwire_conference_participant_policy.webinar"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: f.factories(),
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_5_0)},
		Steps: []resource.TestStep{
			{
				Config: example, ConfigVariables: vars,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(webinar, tfjsonpath.New("participants"), knownvalue.MapSizeExact(2)),
					logCheck(func() error {
						// The audience policy excludes only the speaker, so it
						// mutes the host too.
						for call, want := range map[string]bool{speaker: false, a: true, b: true, host: true} {
							if got := f.participantState(call).Muted; got != want {
								return fmt.Errorf("call %s muted = %t, want %t", call, got, want)
							}
						}
						if p, _ := f.fake.Participant(lobby, waiting); !p.Hold || p.HoldURL != "https://example.com/hold-music.xml" {
							return fmt.Errorf("lobby participant = %+v, want on hold with the example's music", p)
						}
						return nil
					}),
				},
			},
			{
				ResourceName:           webinar,
				ImportState:            true,
				ImportStateKind:        resource.ImportBlockWithID,
				ImportStateConfigExact: true,
				Config:                 example + importBlock,
				ConfigVariables:        vars,
				ExpectNonEmptyPlan:     true,
				ImportPlanChecks: resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(webinar, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(webinar, tfjsonpath.New("participants"), knownvalue.MapExact(map[string]knownvalue.Check{
						a: entry(true, false, false, false), b: entry(true, false, false, false),
					})),
				}},
			},
		},
	})
}
