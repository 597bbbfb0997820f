package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
)

// TestAccPolicy_invalidSettings: every invalid setting fails the plan with
// an error naming the attribute and quoting its line, and the API sees no
// request at all.
func TestAccPolicy_invalidSettings(t *testing.T) {
	f := newFixture(t)
	f.addCall()
	bad := func(attrs []string, at string, want ...string) resource.TestStep {
		fragments := append([]string{want[0], "with signalwire_conference_participant_policy.test", at}, want[1:]...)
		return resource.TestStep{Config: f.config(f.policy(attrs...)), PlanOnly: true, ExpectError: looseRegexp(fragments...)}
	}
	const url = `hold_url = "https://example.com/hold.xml"`
	steps := []resource.TestStep{
		bad([]string{"hold = true", `hold_url = "ftp://example.com/hold.mp3"`}, `hold_url = "ftp://example.com/hold.mp3"`,
			"Invalid URL", "hold_url must be an absolute http or https URL"),
		bad([]string{"hold = true", url, `hold_method = "get"`}, `hold_method = "get"`,
			"Invalid Attribute Value Match", `value must be one of: ["GET" "POST"], got: "get"`),
		bad([]string{"muted = true", `exclude_call_sids = ["CA0123456789abcdef0123456789abcdef"]`},
			`exclude_call_sids = ["CA0123456789abcdef0123456789abcdef"]`,
			"Invalid SignalWire ID", `exclude_call_sids[Value("CA0123456789abcdef0123456789abcdef")] must be a UUID`),
		bad([]string{"muted = true", `account_sid = "AC123"`}, `account_sid = "AC123"`,
			"Invalid SignalWire ID", "account_sid must be a UUID"),
		bad([]string{"muted = true", `on_destroy = "remove"`}, `on_destroy = "remove"`,
			"Invalid Attribute Value Match", `value must be one of: ["keep" "reset"], got: "remove"`),
		bad([]string{"exclude_moderators = true"}, `resource "signalwire_conference_participant_policy" "test" {`,
			"Conference Participant Policy Sets Nothing", "Set muted, hold or both"),
		{
			Config: f.config(`
resource "signalwire_conference_participant_policy" "test" {
  conference_sid = "not-a-uuid"
  muted          = true
}
`),
			PlanOnly:    true,
			ExpectError: looseRegexp("Invalid SignalWire ID", "conference_sid must be a UUID"),
		},
	}
	resource.ParallelTest(t, resource.TestCase{ProtoV6ProviderFactories: f.factories(), Steps: steps})
	f.expectNoRequests()
}

// TestAccPolicy_invalidImportID: a malformed import id is refused with both
// accepted forms, before any request.
func TestAccPolicy_invalidImportID(t *testing.T) {
	f := newFixture(t)
	f.addCall()
	valid := f.config(f.policy("muted = true"))
	seen := -1
	forms := []string{"Invalid Import ID", "<conference_sid> (the account is the provider's project_id) or <account_sid>/<conference_sid>"}
	steps := []resource.TestStep{{Config: valid}}
	for i, row := range []struct{ id, problem string }{
		{"not-a-uuid", `conference_sid "not-a-uuid" is not a UUID`},
		{"AC123/" + f.conf, `account_sid "AC123" is not a UUID`},
		{f.conf + "/" + f.conf + "/x", "has 3 part(s)"},
		{"/" + f.conf, `account_sid "" is not a UUID`},
	} {
		step := resource.TestStep{
			Config: valid, ResourceName: policyAddr, ImportState: true, ImportStateId: row.id,
			ExpectError: looseRegexp(forms[0], fmt.Sprintf("import id %q", row.id), row.problem, forms[1]),
		}
		if i == 0 {
			step.PreConfig = f.resetLog
		}
		steps = append(steps, step)
	}
	steps = append(steps, resource.TestStep{Config: valid, PlanOnly: true, PreConfig: func() { seen = f.fake.CountRequests("") }})
	resource.ParallelTest(t, resource.TestCase{ProtoV6ProviderFactories: f.factories(), Steps: steps})
	if seen != 0 {
		t.Errorf("the API received %d request(s) while importing malformed ids, want none: %s", seen, f.describeLog())
	}
}
