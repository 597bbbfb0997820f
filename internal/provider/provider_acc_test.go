package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
)

func TestAccProvider_userAgent(t *testing.T) {
	f := newFixture(t)
	call := f.addCall()
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: f.factories(),
		Steps: []resource.TestStep{{
			Config: f.config(f.participant("test", call)),
			Check: func(*terraform.State) error {
				ua := regexp.MustCompile(`^terraform-provider-signalwire/test \(\+https://registry\.terraform\.io/seed177019bb/signalwire; commit test\) Terraform/\d+\.\d+\.\d+`)
				for _, got := range f.seenUserAgents() {
					if !ua.MatchString(got) {
						return fmt.Errorf("User-Agent %q does not name the provider and Terraform versions", got)
					}
				}
				return nil
			},
		}},
	})
}

// TestAccProvider_configErrors: bad or missing settings fail before any
// request, naming the attribute and the environment variable to set.
func TestAccProvider_configErrors(t *testing.T) {
	for _, k := range []string{envSpaceURL, envSpace, envProjectID, envAPIToken, envMaxRetries} {
		t.Setenv(k, "")
	}
	f := newFixture(t)
	call := f.addCall()
	resourceBlock := f.participant("test", call)
	provider := func(body string) string { return "provider \"signalwire\" {\n" + body + "\n}\n" + resourceBlock }
	valid := fmt.Sprintf("project_id = %q\napi_token = %q\n", f.fake.ProjectID(), "PTx")
	cases := []struct{ cfg, want string }{
		{provider(fmt.Sprintf("space_url = %q\nproject_id = %q", f.srv.URL, f.fake.ProjectID())),
			`(?s)Missing SignalWire API Token.*SIGNALWIRE_API_TOKEN`},
		{provider(fmt.Sprintf("space_url = %q\napi_token = \"PTx\"", f.srv.URL)),
			`(?s)Missing SignalWire Project ID.*SIGNALWIRE_PROJECT_ID`},
		{provider(valid), `(?s)Missing SignalWire Space URL.*SIGNALWIRE_SPACE_URL \(or SIGNALWIRE_SPACE\)`},
		{provider(valid + `space_url = "http://example.signalwire.com"`), `(?s)Invalid SignalWire Space URL.*HTTPS`},
		{provider(valid + `space_url = "ftp://example.signalwire.com"`), `(?s)Invalid SignalWire Space URL`},
		{provider(fmt.Sprintf("space_url = %q\nproject_id = \"AC123\"\napi_token = \"PTx\"", f.srv.URL)),
			`(?s)project_id must be a UUID`},
		{provider(valid + fmt.Sprintf("space_url = %q\nmax_retries = 99", f.srv.URL)), `(?s)max_retries.*between 0 and 20`},
	}
	var steps []resource.TestStep
	for _, tc := range cases {
		steps = append(steps, resource.TestStep{Config: tc.cfg, PlanOnly: true, ExpectError: regexp.MustCompile(tc.want)})
	}
	resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: f.factories(), Steps: steps})
	f.expectNoRequests()
}

// TestAccProvider_wrongToken: the API's 401 surfaces with its code and a
// remedy, after exactly one request: authentication errors are not retried.
func TestAccProvider_wrongToken(t *testing.T) {
	f := newFixture(t)
	call := f.addCall()
	cfg := fmt.Sprintf(`
provider "signalwire" {
  space_url  = %q
  project_id = %q
  api_token  = "PTwrong"
}
`, f.srv.URL, f.fake.ProjectID()) + f.participant("test", call)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: f.factories(),
		Steps: []resource.TestStep{{
			Config:      cfg,
			ExpectError: regexp.MustCompile(`(?s)Unable to Create Conference Participant.*code 20003.*Check project_id and\s+api_token`),
		}},
	})
	if n := f.fake.CountRequests(""); n != 1 {
		t.Errorf("requests = %d, want exactly 1 (no retries on 401): %s", n, f.describeLog())
	}
}
