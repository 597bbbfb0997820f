package provider

import (
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/seed177019bb/terraform-provider-signalwire/internal/fakeapi"
)

const participantExamples = "../../examples/resources/signalwire_conference_participant"

// The sids the import examples name; the tests put the fixture's in their place.
const (
	exampleConference = "5d0c3b8e-2f4a-4c61-9a7e-1b2c3d4e5f60"
	exampleCall       = "a1b2c3d4-0002-4a5b-8c9d-0e1f2a3b4c5d"
)

// TestAccParticipant_importGenerateConfig: `plan -generate-config-out` with an
// import block writes a resource block that, applied as written, plans no
// change: by id on every engine that generates configuration (Terraform and
// OpenTofu 1.5+), and by identity where import blocks take one (1.12+).
func TestAccParticipant_importGenerateConfig(t *testing.T) {
	f := newFixture(t)
	call := f.addCall()
	cfg := f.config(f.participant(call, "muted = true", "hold = true",
		`hold_url = "https://example.com/hold.xml"`, `on_destroy = "reset"`))
	byID := resource.TestStep{
		ResourceName:    addr,
		ImportState:     true,
		ImportStateKind: resource.ImportBlockWithID,
		ImportStateId:   f.conf + "/" + call,
		GenerateConfig:  true,
		ImportPlanChecks: resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{
			plancheck.ExpectKnownValue(generatedAddr, tfjsonpath.New("muted"), knownvalue.Bool(true)),
			plancheck.ExpectKnownValue(generatedAddr, tfjsonpath.New("hold"), knownvalue.Bool(true)),
		}},
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: f.factories(),
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_5_0)},
		Steps:                    []resource.TestStep{{Config: cfg}, byID},
	})

	t.Run("by identity", func(t *testing.T) {
		f := newFixture(t)
		call := f.addCall()
		byIdentity := byID
		byIdentity.ImportStateKind = resource.ImportBlockWithResourceIdentity
		byIdentity.ImportStateId = ""
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: f.factories(),
			TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
			Steps: []resource.TestStep{
				{Config: f.config(f.participant(call, "muted = true", "hold = true",
					`hold_url = "https://example.com/hold.xml"`, `on_destroy = "reset"`))},
				byIdentity,
			},
		})
	})
}

const customerAddr = "signalwire_conference_participant.customer"

// generatedAddr is where plugin-testing imports to when it generates the
// resource block.
const generatedAddr = "signalwire_conference_participant.generated"

// TestAccParticipant_importExamples applies the registry example and imports
// its participant with each import example exactly as written (only the
// example sids are swapped for the fixture's), so the documented import
// blocks are run, not only validated. The import reads back every setting
// but the URLs, which the API does not return, so the one change planned is
// the example's hold_url. import-by-identity.tf needs an engine
// that takes identity in import blocks (Terraform and OpenTofu 1.12+).
func TestAccParticipant_importExamples(t *testing.T) {
	for _, tc := range []struct {
		file string
		kind resource.ImportStateKind
		min  tfversion.TerraformVersionCheck
	}{
		{"import-by-string-id.tf", resource.ImportBlockWithID, tfversion.SkipBelow(tfversion.Version1_5_0)},
		{"import-by-identity.tf", resource.ImportBlockWithResourceIdentity, tfversion.SkipBelow(tfversion.Version1_12_0)},
	} {
		t.Run(tc.file, func(t *testing.T) {
			f := newFixture(t)
			agent, customer, supervisor := f.addCall(), f.addCall(), f.addCall()
			example := f.providerBlock() + readExample(t, participantExamples, "resource.tf")
			importBlock := strings.NewReplacer(exampleConference, f.conf, exampleCall, customer).
				Replace(readExample(t, participantExamples, tc.file))
			vars := config.Variables{
				"conference_sid":      config.StringVariable(f.conf),
				"agent_call_sid":      config.StringVariable(agent),
				"customer_call_sid":   config.StringVariable(customer),
				"supervisor_call_sid": config.StringVariable(supervisor),
			}
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: f.factories(),
				TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tc.min},
				Steps: []resource.TestStep{
					{Config: example, ConfigVariables: vars},
					{
						ResourceName:           customerAddr,
						ImportState:            true,
						ImportStateKind:        tc.kind,
						ImportStateConfigExact: true,
						Config:                 example + importBlock,
						ConfigVariables:        vars,
						// The API does not return hold_url, so the import
						// reads it as unset and the plan sends it once.
						ExpectNonEmptyPlan: true,
						ImportPlanChecks: resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{
							plancheck.ExpectResourceAction(customerAddr, plancheck.ResourceActionUpdate),
							plancheck.ExpectKnownValue(customerAddr, tfjsonpath.New("hold"), knownvalue.Bool(true)),
							plancheck.ExpectKnownValue(customerAddr, tfjsonpath.New("call_sid"), knownvalue.StringExact(customer)),
							plancheck.ExpectKnownValue(customerAddr, tfjsonpath.New("hold_url"),
								knownvalue.StringExact("https://example.com/hold-music.xml")),
						}},
					},
				},
			})
		})
	}
}

// readExample reads an example file of the resource examples in dir.
func readExample(t *testing.T, dir, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	if !strings.Contains(text, "signalwire_conference_participant") {
		t.Fatalf("%s does not mention the resource", name)
	}
	return text
}

// TestAccParticipant_importDoesNotReplayAnnouncement: a participant that has
// heard its announcement is imported with a configuration that names it. The
// API does not return announce_url, so the first apply records it without
// sending it (no request at all here); a later change of the URL plays the
// new one, once.
func TestAccParticipant_importDoesNotReplayAnnouncement(t *testing.T) {
	f := newFixture(t)
	call := f.addCall()
	const played = "https://example.com/welcome.xml"
	f.driftThroughAPI(call, url.Values{"AnnounceUrl": {played}, "Muted": {"true"}})
	withAnnouncement := func(u string) string {
		return f.config(f.participant(call, "muted = true", "announce_url = "+quote(u)))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: f.factories(),
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_5_0)},
		Steps: []resource.TestStep{
			{
				PreConfig: f.resetLog,
				Config:    withAnnouncement(played) + fmt.Sprintf("\nimport {\n  to = %s\n  id = %q\n}\n", addr, f.conf+"/"+call),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("announce_url"), knownvalue.StringExact(played)),
				},
				Check: resource.ComposeTestCheckFunc(f.expectRequests(map[string]int{"POST": 0}), f.expectHeard(call, played)),
			},
			{
				Config: withAnnouncement(played),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectEmptyPlan(),
				}},
			},
			{
				PreConfig: f.resetLog,
				Config:    withAnnouncement("https://example.com/agenda.xml"),
				Check: resource.ComposeTestCheckFunc(
					f.expectPostForm(url.Values{"AnnounceUrl": {"https://example.com/agenda.xml"}, "AnnounceMethod": {"POST"}}),
					f.expectHeard(call, played, "https://example.com/agenda.xml")),
			},
		},
	})
}

// TestAccParticipant_importFailedFirstApplyDoesNotReplayAnnouncement: the
// first apply after an import records announce_url without sending it. When
// that apply fails (here the API refuses the update), nothing was recorded:
// the participant is still the imported one, so the next apply must not play
// the announcement either.
func TestAccParticipant_importFailedFirstApplyDoesNotReplayAnnouncement(t *testing.T) {
	f := newFixture(t)
	call := f.addCall()
	const played = "https://example.com/welcome.xml"
	f.driftThroughAPI(call, url.Values{"AnnounceUrl": {played}})
	cfg := f.config(f.participant(call, "muted = true", "announce_url = "+quote(played)))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: f.factories(),
		Steps: []resource.TestStep{
			{
				Config:             cfg,
				ResourceName:       addr,
				ImportState:        true,
				ImportStateId:      f.conf + "/" + call,
				ImportStatePersist: true,
			},
			{
				PreConfig: func() {
					f.fake.SetFaults(fakeapi.RouteParticipantsUpdate, fakeapi.Faults{ErrorRate: 1, ErrorStatus: http.StatusBadRequest})
				},
				Config:      cfg,
				ExpectError: regexp.MustCompile("Unable to Update Conference Participant"),
			},
			{
				PreConfig: func() { f.fake.ClearFaults(); f.resetLog() },
				Config:    cfg,
				Check:     resource.ComposeTestCheckFunc(f.expectPostForm(url.Values{"Muted": {"true"}}), f.expectHeard(call, played)),
			},
		},
	})
}

// expectHeard checks the announcements call has heard, in order.
func (f *fixture) expectHeard(call string, want ...string) func(*terraform.State) error {
	return func(*terraform.State) error {
		if got := f.participantState(call).Announcements; !slices.Equal(got, want) {
			return fmt.Errorf("the call heard %q, want %q", got, want)
		}
		return nil
	}
}
