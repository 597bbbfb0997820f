package provider

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
)

// badInput is one row of the bad-input matrix: a configuration, provider
// setting, import id or credential that must fail with an error naming the
// problem and pointing at the attribute, before the API is bothered.
type badInput struct {
	name     string
	attrs    []string // resource attribute lines, after conference_sid and call_sid
	resource string   // a whole resource block, replacing the default one
	provider string   // provider block body, replacing the fixture's
	importID string   // import this id after a successful apply
	apply    bool     // the error shows at apply rather than plan
	want     []string // fragments of the error, in order
	at       string   // the configuration line Terraform quotes, "" for none
	requests int      // requests the API may see for the row
}

// TestAccValidation_badInput runs every row and checks the error text, the
// attribute it points at, and the fake's request log. Rows with provider
// settings need the SIGNALWIRE_* variables cleared, so the test cannot run in
// parallel with others. TestValidateConfig_oneDiagnosticPerBadValue counts
// the diagnostics of the same bad values: exactly one each.
func TestAccValidation_badInput(t *testing.T) {
	for _, k := range []string{envSpaceURL, envSpace, envAPIHostname, envProjectID, envAPIToken, envMaxRetries} {
		t.Setenv(k, "")
	}
	f := newFixture(t)
	call, other := f.addCall(), f.addCall()
	for _, row := range badInputs(f, call, other) {
		t.Run(row.name, func(t *testing.T) { runBadInput(t, f, call, row) })
	}
}

func badInputs(f *fixture, call, other string) []badInput {
	const providerLine = `provider "signalwire" {`
	space := fmt.Sprintf("space_url = %q\n", f.srv.URL)
	project := fmt.Sprintf("project_id = %q\n", f.fake.ProjectID())
	token := "api_token = \"PTx\"\n"
	badID := func(problem string) []string {
		return []string{"Invalid Import ID", problem, "<conference_sid>/<call_sid>", "<account_sid>/<conference_sid>/<call_sid>"}
	}
	sids := func(conference, callSID string) string {
		return fmt.Sprintf("resource \"signalwire_conference_participant\" \"test\" {\n  conference_sid = %q\n  call_sid = %q\n}\n",
			conference, callSID)
	}
	return []badInput{
		// Participant rules.
		{name: "coaching without target", attrs: []string{"coaching = true"},
			want: []string{"Missing Call SID to Coach", "coaching = true needs call_sid_to_coach"}, at: "coaching = true"},
		{name: "target without coaching", attrs: []string{"call_sid_to_coach = " + quote(other)},
			want: []string{"Call SID to Coach Without Coaching", "set coaching = true"}, at: "call_sid_to_coach = " + quote(other)},
		{name: "target with coaching false", attrs: []string{"coaching = false", "call_sid_to_coach = " + quote(other)},
			want: []string{"Call SID to Coach Without Coaching"}, at: "call_sid_to_coach = " + quote(other)},
		{name: "coaching itself", attrs: []string{"coaching = true", "call_sid_to_coach = " + quote(call)},
			want: []string{"Participant Cannot Coach Itself", "own call_sid"}, at: "call_sid_to_coach = " + quote(call)},
		{name: "conference not a uuid", resource: sids("not-a-uuid", call),
			want: []string{"Invalid SignalWire ID", "conference_sid must be a UUID"}, at: `conference_sid = "not-a-uuid"`},
		{name: "call not a uuid", resource: sids(f.conf, "CA0123456789abcdef0123456789abcdef"),
			want: []string{"Invalid SignalWire ID", "call_sid must be a UUID"}, at: `call_sid = "CA0123456789abcdef0123456789abcdef"`},
		{name: "account not a uuid", attrs: []string{`account_sid = "AC123"`},
			want: []string{"Invalid SignalWire ID", "account_sid must be a UUID"}, at: `account_sid = "AC123"`},
		{name: "coach target not a uuid", attrs: []string{"coaching = true", `call_sid_to_coach = "CA123"`},
			want: []string{"Invalid SignalWire ID", "call_sid_to_coach must be a UUID"}, at: `call_sid_to_coach = "CA123"`},
		{name: "relative announce url", attrs: []string{`announce_url = "/welcome.xml"`},
			want: []string{"Invalid URL", "announce_url must be an absolute http or https URL"}, at: `announce_url = "/welcome.xml"`},
		{name: "ftp hold url", attrs: []string{`hold_url = "ftp://example.com/hold.mp3"`},
			want: []string{"Invalid URL", "hold_url must be an absolute http or https URL"}, at: `hold_url = "ftp://example.com/hold.mp3"`},
		{name: "wait url without scheme", attrs: []string{`wait_url = "example.com/wait.xml"`},
			want: []string{"Invalid URL", "wait_url must be an absolute http or https URL"}, at: `wait_url = "example.com/wait.xml"`},
		{name: "announce method", attrs: []string{`announce_method = "PUT"`},
			want: []string{"Invalid Attribute Value Match", `value must be one of: ["GET" "POST"], got: "PUT"`}, at: `announce_method = "PUT"`},
		{name: "hold method", attrs: []string{`hold_method = "get"`},
			want: []string{"Invalid Attribute Value Match", `value must be one of: ["GET" "POST"], got: "get"`}, at: `hold_method = "get"`},
		{name: "wait method", attrs: []string{`wait_method = "DELETE"`},
			want: []string{"Invalid Attribute Value Match", `value must be one of: ["GET" "POST"], got: "DELETE"`}, at: `wait_method = "DELETE"`},
		{name: "on_destroy", attrs: []string{`on_destroy = "hangup"`},
			want: []string{"Invalid Attribute Value Match", `value must be one of: ["keep" "reset" "remove"], got: "hangup"`}, at: `on_destroy = "hangup"`},

		// Provider settings. A missing one points at the provider block.
		{name: "missing api_token", provider: space + project, at: providerLine,
			want: []string{"Missing SignalWire API Token", "Set api_token in the provider block or the SIGNALWIRE_API_TOKEN environment variable"}},
		{name: "missing project_id", provider: space + token, at: providerLine,
			want: []string{"Missing SignalWire Project ID", "Set project_id in the provider block or the SIGNALWIRE_PROJECT_ID environment variable"}},
		{name: "missing space_url", provider: project + token, at: providerLine,
			want: []string{"Missing SignalWire Space URL", "SIGNALWIRE_SPACE_URL (or SIGNALWIRE_SPACE, SIGNALWIRE_API_HOSTNAME)"}},
		{name: "http for a remote host", provider: project + token + `space_url = "http://example.signalwire.com"`,
			want: []string{"Invalid SignalWire Space URL", "uses http: HTTPS is required because the API token is sent with every request"}, at: `space_url = "http://example.signalwire.com"`},
		{name: "ftp space url", provider: project + token + `space_url = "ftp://example.signalwire.com"`,
			want: []string{"Invalid SignalWire Space URL", `has scheme "ftp": only https`}, at: `space_url = "ftp://example.signalwire.com"`},
		{name: "project_id not a uuid", provider: space + token + `project_id = "AC123"`,
			want: []string{"Invalid SignalWire ID", "project_id must be a UUID"}, at: `project_id = "AC123"`},
		{name: "max_retries out of range", provider: space + project + token + "max_retries = 99",
			want: []string{"Invalid Attribute Value", "max_retries value must be between 0 and 20, got: 99"}, at: "max_retries = 99"},
		{name: "max_retries negative", provider: space + project + token + "max_retries = -1",
			want: []string{"Invalid Attribute Value", "max_retries value must be between 0 and 20, got: -1"}, at: "max_retries = -1"},
		{name: "max_requests_per_second zero", provider: space + project + token + "max_requests_per_second = 0",
			want: []string{"Invalid Attribute Value", "max_requests_per_second value must be at least 0.010000, got: 0.000000"},
			at:   "max_requests_per_second = 0"},

		// Import ids.
		{name: "import id with one part", importID: "garbage", want: badID(`"garbage" has 1 part`)},
		{name: "import id with four parts", importID: "a/b/c/d", want: badID(`has 4 part`)},
		{name: "import call not a uuid", importID: f.conf + "/not-a-uuid", want: badID(`call_sid "not-a-uuid" is not a UUID`)},
		{name: "import empty conference", importID: "/" + call, want: badID(`conference_sid "" is not a UUID`)},
		{name: "import account not a uuid", importID: "AC123/" + f.conf + "/" + call, want: badID(`account_sid "AC123" is not a UUID`)},

		// Credentials the API refuses: one request, never retried.
		{name: "wrong token", provider: space + project + `api_token = "PTwrong"`, apply: true,
			want: []string{"Unable to Create Conference Participant", "code 20003", "Check project_id and api_token", "Voice scope"},
			at:   `resource "signalwire_conference_participant" "test" {`, requests: 1},
	}
}

func runBadInput(t *testing.T, f *fixture, call string, row badInput) {
	providerBlock := f.providerBlock()
	if row.provider != "" {
		providerBlock = "provider \"signalwire\" {\n" + row.provider + "\n}\n"
	}
	block := row.resource
	if block == "" {
		block = f.participant(call, row.attrs...)
	}
	want := row.want
	if row.at != "" {
		// Terraform quotes the offending line, under the resource or provider
		// it belongs to, between the summary and the detail.
		want = append([]string{row.want[0], "with (signalwire_conference_participant.test|provider)", row.at}, row.want[1:]...)
	}
	bad := resource.TestStep{
		Config:      providerBlock + block,
		PlanOnly:    !row.apply,
		ExpectError: looseRegexp(want...),
		PreConfig:   f.resetLog,
	}
	seen := -1
	var steps []resource.TestStep
	if row.importID == "" {
		steps = []resource.TestStep{bad}
	} else {
		// OpenTofu initialises the working directory of an import step only
		// after an applied step in the same test case.
		valid := f.config(f.participant(call))
		bad.Config, bad.PlanOnly = valid, false
		bad.ResourceName, bad.ImportState, bad.ImportStateId = addr, true, row.importID
		steps = []resource.TestStep{
			{Config: valid},
			bad,
			{Config: valid, PreConfig: func() { seen = f.fake.CountRequests("") }},
		}
	}
	resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: f.factories(), Steps: steps})
	if seen < 0 {
		seen = f.fake.CountRequests("")
	}
	if seen != row.requests {
		t.Errorf("the API received %d request(s), want %d: %s", seen, row.requests, f.describeLog())
	}
}

// looseRegexp matches the fragments in order, letting any run of spaces in
// a fragment match the line breaks and indentation Terraform wraps text with.
func looseRegexp(fragments ...string) *regexp.Regexp {
	parts := make([]string, len(fragments))
	for i, frag := range fragments {
		words := strings.Fields(frag)
		for j, w := range words {
			words[j] = regexp.QuoteMeta(w)
		}
		parts[i] = strings.Join(words, `\s+`)
		if strings.HasPrefix(frag, "with (") {
			parts[i] = frag
		}
	}
	return regexp.MustCompile(`(?s)` + strings.Join(parts, `.*`))
}
