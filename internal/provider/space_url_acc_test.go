package provider

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
)

// TestAccProvider_spaceURLForms applies through every URL form a user may
// paste for the same space, each step changing the participant, and checks
// that every request reached the API's own path.
func TestAccProvider_spaceURLForms(t *testing.T) {
	f := newFixture(t)
	call := f.addCall()
	project := f.fake.ProjectID()
	account := "/api/laml/2010-04-01/Accounts/" + project
	forms := []string{
		f.srv.URL + account,
		" " + f.srv.URL + account + "/ ",
		f.srv.URL + "/api/laml/2010-04-01/Accounts/" + strings.ToUpper(project) + "/Conferences.json",
		f.srv.URL + "/2010-04-01/Accounts/" + project + "/Conferences/" + f.conf + "/Participants/" + call + ".json",
		f.srv.URL + "/api/laml/2010-04-01/",
		f.srv.URL + "/api/laml",
		strings.Replace(f.srv.URL, "http://", "HTTP://", 1) + "/",
	}
	want := account + "/Conferences/" + f.conf + "/Participants/" + call
	var steps []resource.TestStep
	for i, form := range forms {
		steps = append(steps, resource.TestStep{
			PreConfig: f.resetLog,
			Config: fmt.Sprintf("provider \"signalwire\" {\n  space_url = %q\n  project_id = %q\n  api_token = %q\n}\n",
				form, project, "PTfake-token-0123456789abcdef") + f.participant(call, fmt.Sprintf("muted = %t", i%2 == 0)),
			Check: func(*terraform.State) error {
				if f.fake.CountRequests("POST") != 1 {
					return fmt.Errorf("space_url %q: POSTs = %d, want 1: %s", form, f.fake.CountRequests("POST"), f.describeLog())
				}
				for _, r := range f.fake.Requests() {
					if r.Path != want || r.Status != http.StatusOK {
						return fmt.Errorf("space_url %q: request %s %s answered %d, want %s", form, r.Method, r.Path, r.Status, want)
					}
				}
				if got := f.participantState(call).Muted; got != (i%2 == 0) {
					return fmt.Errorf("space_url %q: muted = %v", form, got)
				}
				return nil
			},
		})
	}
	resource.ParallelTest(t, resource.TestCase{ProtoV6ProviderFactories: f.factories(), Steps: steps})
}

// TestAccProvider_spaceFromEnvironment: each space variable is honoured when
// space_url is not set. It sets environment variables, so it is not parallel.
func TestAccProvider_spaceFromEnvironment(t *testing.T) {
	f := newFixture(t)
	call := f.addCall()
	for i, env := range spaceEnvs {
		t.Run(env, func(t *testing.T) {
			for _, k := range spaceEnvs {
				t.Setenv(k, "")
			}
			t.Setenv(env, f.srv.URL+"/api/laml/2010-04-01/Accounts/"+f.fake.ProjectID())
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: f.factories(),
				Steps: []resource.TestStep{{
					PreConfig: f.resetLog,
					Config: fmt.Sprintf("provider \"signalwire\" {\n  project_id = %q\n  api_token = %q\n}\n",
						f.fake.ProjectID(), "PTfake-token-0123456789abcdef") + f.participant(call, fmt.Sprintf("hold = %t", i%2 == 0)),
					Check: func(*terraform.State) error {
						if got := f.participantState(call).Hold; got != (i%2 == 0) {
							return fmt.Errorf("%s: hold = %v: %s", env, got, f.describeLog())
						}
						return nil
					},
				}},
			})
		})
	}
}

// TestAccProvider_spaceURLErrorsNameTheSetting: a space that cannot be used
// is refused before any request, or, when only the network can tell, fails
// once, and either way the error names the setting the value came from.
func TestAccProvider_spaceURLErrorsNameTheSetting(t *testing.T) {
	f := newFixture(t)
	call := f.addCall()
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusBadGateway)
		fmt.Fprint(w, "<html>\n<head><title>502 Bad Gateway</title></head>\n<body>\n<center><h1>502 Bad Gateway</h1></center>\n"+
			"<hr><center>nginx</center>\n</body>\n</html>\n")
	}))
	t.Cleanup(proxy.Close)
	other := "b3877c40-da60-4998-90ad-b792e98472af"
	rows := []struct {
		name, env, value, spaceURL string
		apply                      bool
		want                       []string
	}{
		{name: "SIGNALWIRE_SPACE over http", env: envSpace, value: "http://space.example.com",
			want: []string{"Invalid SignalWire Space URL", `The environment variable SIGNALWIRE_SPACE "http://space.example.com" uses http: HTTPS is required`,
				`Accepted forms: "example" (a space name, meaning example.signalwire.com)`}},
		{name: "SIGNALWIRE_API_HOSTNAME naming another account", env: envAPIHostname,
			value: "https://example.signalwire.com/api/laml/2010-04-01/Accounts/" + other,
			want: []string{"Invalid SignalWire Space URL", "The environment variable SIGNALWIRE_API_HOSTNAME",
				"names account " + other + ", but the project ID is " + f.fake.ProjectID()}},
		{name: "SIGNALWIRE_SPACE_URL of the dashboard", env: envSpaceURL, value: "https://example.signalwire.com/dashboard",
			want: []string{"Invalid SignalWire Space URL", `The environment variable SIGNALWIRE_SPACE_URL "https://example.signalwire.com/dashboard"`,
				"a SignalWire space serves the API at /api/laml/2010-04-01"}},
		{name: "space_url beats the environment", env: envSpace, value: f.srv.URL, spaceURL: "wss://example.signalwire.com",
			want: []string{"Invalid SignalWire Space URL", "with provider", `space_url = "wss://example.signalwire.com"`,
				`space_url "wss://example.signalwire.com" has scheme "wss"`}},
		{name: "SIGNALWIRE_SPACE behind an HTML error page", env: envSpace, value: proxy.URL, apply: true,
			want: []string{"Unable to Create Conference Participant",
				`answered with HTTP 502 Bad Gateway, with a body that is not an API error: "502 Bad Gateway 502 Bad Gateway nginx"`,
				"a proxy, a load balancer or a wrong space URL", "check SIGNALWIRE_SPACE (the provider uses " + proxy.URL + "/api/laml/2010-04-01)"}},
		{name: "SIGNALWIRE_API_HOSTNAME unreachable", env: envAPIHostname, value: "https://space.invalid", apply: true,
			want: []string{"Unable to Create Conference Participant", "No answer came from the API",
				"check SIGNALWIRE_API_HOSTNAME (the provider uses https://space.invalid/api/laml/2010-04-01)"}},
	}
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			for _, k := range spaceEnvs {
				t.Setenv(k, "")
			}
			t.Setenv(row.env, row.value)
			body := fmt.Sprintf("  project_id = %q\n  api_token = %q\n  max_retries = 0\n", f.fake.ProjectID(), "PTfake-token-0123456789abcdef")
			if row.spaceURL != "" {
				body += fmt.Sprintf("  space_url = %q\n", row.spaceURL)
			}
			f.resetLog()
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: f.factories(),
				Steps: []resource.TestStep{{
					Config:      "provider \"signalwire\" {\n" + body + "}\n" + f.participant(call, "muted = true"),
					PlanOnly:    !row.apply,
					ExpectError: looseRegexp(row.want...),
				}},
			})
			f.expectNoRequests()
		})
	}
}
