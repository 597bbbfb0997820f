package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
)

// TestAccParticipant_invalidConfig: every rule fails at plan time, points at
// its attribute, and nothing reaches the API.
func TestAccParticipant_invalidConfig(t *testing.T) {
	f := newFixture(t)
	call, other := f.addCall(), f.addCall()
	cases := []struct {
		name  string
		attrs []string
		want  string
	}{
		{"coaching without target", []string{"coaching = true"},
			`(?s)Missing Call SID to Coach.*coaching = true.*coaching = true needs call_sid_to_coach`},
		{"target without coaching", []string{"call_sid_to_coach = " + quote(other)},
			`(?s)Call SID to Coach Without Coaching.*set coaching = true`},
		{"target without coaching, coaching false", []string{"coaching = false", "call_sid_to_coach = " + quote(other)},
			`(?s)Call SID to Coach Without Coaching`},
		{"coaching itself", []string{"coaching = true", "call_sid_to_coach = " + quote(call)},
			`(?s)Participant Cannot Coach Itself.*own call_sid`},
		{"coach target not a uuid", []string{"coaching = true", `call_sid_to_coach = "CA123"`},
			`(?s)Invalid SignalWire ID.*call_sid_to_coach must be a UUID`},
		{"account not a uuid", []string{`account_sid = "AC123"`},
			`(?s)Invalid SignalWire ID.*account_sid must be a UUID`},
		{"relative announce url", []string{`announce_url = "/welcome.xml"`},
			`(?s)Invalid URL.*announce_url must be an absolute http or https URL`},
		{"ftp hold url", []string{`hold_url = "ftp://example.com/hold.mp3"`},
			`(?s)Invalid URL.*hold_url must be an absolute http or https URL`},
		{"wait url without scheme", []string{`wait_url = "example.com/wait.xml"`},
			`(?s)Invalid URL.*wait_url must be an absolute`},
		{"announce method", []string{`announce_method = "PUT"`}, `(?s)announce_method.*value must be one of`},
		{"hold method", []string{`hold_method = "get"`}, `(?s)hold_method.*value must be one of`},
		{"wait method", []string{`wait_method = "DELETE"`}, `(?s)wait_method.*value must be one of`},
		{"on_destroy", []string{`on_destroy = "hangup"`}, `(?s)on_destroy.*value must be one of`},
	}
	var steps []resource.TestStep
	for _, tc := range cases {
		steps = append(steps, resource.TestStep{
			Config:      f.config(f.participant("test", call, tc.attrs...)),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(tc.want),
		})
	}
	for _, bad := range []struct{ conference, call, want string }{
		{"not-a-uuid", call, `(?s)conference_sid must be a UUID`},
		{f.conf, "CA0123456789abcdef0123456789abcdef", `(?s)call_sid must be a UUID`},
	} {
		steps = append(steps, resource.TestStep{
			Config: f.config(`
resource "signalwire_conference_participant" "test" {
  conference_sid = ` + quote(bad.conference) + `
  call_sid       = ` + quote(bad.call) + `
}
`),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(bad.want),
		})
	}
	resource.ParallelTest(t, resource.TestCase{ProtoV6ProviderFactories: f.factories(), Steps: steps})
	f.expectNoRequests()
}

// TestAccParticipant_importErrors: a malformed id fails with both accepted
// forms shown, before any request.
func TestAccParticipant_importErrors(t *testing.T) {
	f := newFixture(t)
	call := f.addCall()
	cfg := f.config(f.participant("test", call))
	bothForms := `(?s)<conference_sid>/<call_sid>.*<account_sid>/<conference_sid>/<call_sid>`
	// An applied first step gives the import steps an initialised working
	// directory on every engine.
	steps := []resource.TestStep{{Config: cfg, Check: func(*terraform.State) error { f.resetLog(); return nil }}}
	for _, id := range []string{"garbage", f.conf + "/not-a-uuid", "a/b/c/d", "/" + call} {
		steps = append(steps, resource.TestStep{
			Config:        cfg,
			ResourceName:  addr,
			ImportState:   true,
			ImportStateId: id,
			ExpectError:   regexp.MustCompile(bothForms),
		})
	}
	resource.ParallelTest(t, resource.TestCase{ProtoV6ProviderFactories: f.factories(), Steps: steps})
	if n := f.fake.CountRequests("POST") + f.fake.CountRequests("DELETE"); n != 0 {
		t.Errorf("import attempts sent %d update or delete request(s): %s", n, f.describeLog())
	}
	for _, r := range f.fake.Requests() {
		if r.Path != "" && !regexp.MustCompile(call+`$`).MatchString(r.Path) {
			t.Errorf("unexpected request during import: %s %s", r.Method, r.Path)
		}
	}
}
