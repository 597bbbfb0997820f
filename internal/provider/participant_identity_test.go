package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// identityImport renders an import block that names the participant by
// identity, with the given identity attribute lines.
func identityImport(lines ...string) string {
	body := ""
	for _, l := range lines {
		body += "    " + l + "\n"
	}
	return fmt.Sprintf("\nimport {\n  to = %s\n  identity = {\n%s  }\n}\n", addr, body)
}

// expectIdentity checks the participant's identity: its sids in the API's
// spelling.
func (f *fixture) expectIdentity(call string) statecheck.StateCheck {
	return statecheck.ExpectIdentity(addr, map[string]knownvalue.Check{
		"account_sid":    knownvalue.StringExact(f.fake.ProjectID()),
		"conference_sid": knownvalue.StringExact(f.conf),
		"call_sid":       knownvalue.StringExact(call),
	})
}

// TestAccParticipant_identity: the identity is stored on create and an
// import block can name the participant by it, with or without account_sid.
// Identity needs Terraform or OpenTofu 1.12 or later; older engines skip.
func TestAccParticipant_identity(t *testing.T) {
	f := newFixture(t)
	call := f.addCall()
	cfg := f.config(f.participant(call, "muted = true"))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: f.factories(),
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ConfigStateChecks: []statecheck.StateCheck{
					f.expectIdentity(call),
					statecheck.ExpectIdentityValueMatchesState(addr, tfjsonpath.New("call_sid")),
				},
			},
			{
				ResourceName:    addr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithResourceIdentity,
			},
			{
				ResourceName:           addr,
				ImportState:            true,
				ImportStateKind:        resource.ImportBlockWithResourceIdentity,
				ImportStateConfigExact: true,
				Config: cfg + identityImport(
					"conference_sid = "+quote(f.conf),
					"call_sid       = "+quote(call)),
			},
			{
				ResourceName:           addr,
				ImportState:            true,
				ImportStateKind:        resource.ImportBlockWithResourceIdentity,
				ImportStateConfigExact: true,
				Config: cfg + identityImport(
					"conference_sid = "+quote(f.conf),
					`call_sid       = "not-a-call"`),
				ExpectError: wrapped(`Invalid Import Identity.*identity.call_sid "not-a-call" is not a UUID`),
			},
		},
	})
}
