package provider

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/seed177019bb/terraform-provider-signalwire/internal/client"
	"github.com/seed177019bb/terraform-provider-signalwire/internal/sidtypes"
)

func TestResolveSettings(t *testing.T) {
	const project = "3fa85f64-5717-4562-b3fc-2c963f66afa6"
	full := providerModel{
		SpaceURL:   types.StringValue("example.signalwire.com"),
		ProjectID:  sidtypes.NewSIDValue(project),
		APIToken:   types.StringValue("PTsecret"),
		MaxRetries: types.Int64Null(),
		MaxRate:    types.Float64Value(7),
	}
	empty := providerModel{
		SpaceURL: types.StringNull(), ProjectID: sidtypes.NewSIDNull(),
		APIToken: types.StringNull(), MaxRetries: types.Int64Null(),
	}
	cases := []struct {
		name      string
		cfg       providerModel
		env       map[string]string
		want      settings
		wantError []string // substrings: attribute path and remedy
	}{
		{name: "config", cfg: full, want: settings{"example.signalwire.com", project, "PTsecret", 4, 7, "space_url"}},
		{
			name: "environment",
			cfg:  empty,
			env: map[string]string{envSpaceURL: "https://a.signalwire.com", envProjectID: project,
				envAPIToken: "PTenv", envMaxRetries: "2", envMaxRate: "2.5"},
			want: settings{"https://a.signalwire.com", project, "PTenv", 2, 2.5, envSpaceURL},
		},
		{
			name: "SIGNALWIRE_SPACE fallback",
			cfg:  empty,
			env:  map[string]string{envSpace: "b.signalwire.com", envAPIHostname: "c.signalwire.com", envProjectID: project, envAPIToken: "PTenv"},
			want: settings{"b.signalwire.com", project, "PTenv", 4, 0, envSpace},
		},
		{
			name: "SIGNALWIRE_API_HOSTNAME fallback",
			cfg:  empty,
			env:  map[string]string{envAPIHostname: "c.signalwire.com", envProjectID: project, envAPIToken: "PTenv"},
			want: settings{"c.signalwire.com", project, "PTenv", 4, 0, envAPIHostname},
		},
		{
			name: "SIGNALWIRE_SPACE_URL first",
			cfg:  empty,
			env: map[string]string{envSpaceURL: "a", envSpace: "b", envAPIHostname: "c",
				envProjectID: project, envAPIToken: "PTenv"},
			want: settings{"a", project, "PTenv", 4, 0, envSpaceURL},
		},
		{
			name: "config beats environment",
			cfg:  full,
			env:  map[string]string{envSpaceURL: "other.signalwire.com", envAPIToken: "PTenv", envMaxRate: "1"},
			want: settings{"example.signalwire.com", project, "PTsecret", 4, 7, "space_url"},
		},
		{
			name: "all missing", cfg: empty,
			wantError: []string{"space_url", "SIGNALWIRE_SPACE_URL (or SIGNALWIRE_SPACE, SIGNALWIRE_API_HOSTNAME)", "project_id",
				"SIGNALWIRE_PROJECT_ID", "api_token", "SIGNALWIRE_API_TOKEN"},
		},
		{
			name:      "unknown token",
			cfg:       providerModel{SpaceURL: full.SpaceURL, ProjectID: full.ProjectID, APIToken: types.StringUnknown(), MaxRetries: types.Int64Null()},
			wantError: []string{"api_token depends on a value that is not known", "SIGNALWIRE_API_TOKEN"},
		},
		{
			name:      "project id from env not a uuid",
			cfg:       providerModel{SpaceURL: full.SpaceURL, ProjectID: sidtypes.NewSIDNull(), APIToken: full.APIToken, MaxRetries: types.Int64Null()},
			env:       map[string]string{envProjectID: "AC123"},
			wantError: []string{"project ID must be a UUID", "the environment variable SIGNALWIRE_PROJECT_ID is not"},
		},
		{
			name:      "project id from env with a line break",
			cfg:       providerModel{SpaceURL: full.SpaceURL, ProjectID: sidtypes.NewSIDNull(), APIToken: full.APIToken, MaxRetries: types.Int64Null()},
			env:       map[string]string{envProjectID: project + "\n"},
			wantError: []string{"SIGNALWIRE_PROJECT_ID is not: remove the spaces or line breaks around it"},
		},
		{
			name:      "token from env with a line break",
			cfg:       providerModel{SpaceURL: full.SpaceURL, ProjectID: full.ProjectID, APIToken: types.StringNull(), MaxRetries: types.Int64Null()},
			env:       map[string]string{envAPIToken: "PTsecret-token\n"},
			wantError: []string{"Invalid SignalWire API Token", "the environment variable SIGNALWIRE_API_TOKEN has spaces or a line break"},
		},
		{
			name:      "configured token with a space",
			cfg:       providerModel{SpaceURL: full.SpaceURL, ProjectID: full.ProjectID, APIToken: types.StringValue(" PTsecret"), MaxRetries: types.Int64Null()},
			wantError: []string{"The API token in api_token has spaces or a line break around it"},
		},
		{
			name:      "unknown rate",
			cfg:       providerModel{SpaceURL: full.SpaceURL, ProjectID: full.ProjectID, APIToken: full.APIToken, MaxRate: types.Float64Unknown()},
			wantError: []string{"max_requests_per_second depends on a value not known", "SIGNALWIRE_MAX_REQUESTS_PER_SECOND"},
		},
		{
			name:      "bad max retries env",
			cfg:       full,
			env:       map[string]string{envMaxRetries: "many"},
			wantError: []string{"SIGNALWIRE_MAX_RETRIES must be a whole number from 0 to 20"},
		},
	}
	for _, bad := range []string{"fast", "0", "-1", "0.001", "NaN", "Inf"} {
		cases = append(cases, struct {
			name      string
			cfg       providerModel
			env       map[string]string
			want      settings
			wantError []string
		}{
			name: "bad rate env " + bad, cfg: empty,
			env: map[string]string{envSpaceURL: "a.signalwire.com", envProjectID: project, envAPIToken: "PTenv", envMaxRate: bad},
			wantError: []string{"SIGNALWIRE_MAX_REQUESTS_PER_SECOND must be a number of requests per second, at least 0.01",
				"unset it for no ceiling", fmt.Sprintf("got %q", bad)},
		})
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			for _, k := range []string{envSpaceURL, envSpace, envAPIHostname, envProjectID, envAPIToken, envMaxRetries, envMaxRate} {
				t.Setenv(k, tc.env[k])
			}
			got, diags := resolveSettings(tc.cfg)
			if len(tc.wantError) == 0 {
				if diags.HasError() {
					t.Fatalf("unexpected error: %v", diags)
				}
				if got != tc.want {
					t.Fatalf("settings = %+v, want %+v", got, tc.want)
				}
				return
			}
			var text strings.Builder
			for _, d := range diags.Errors() {
				text.WriteString(d.Summary() + ": " + d.Detail() + "\n")
			}
			for _, want := range tc.wantError {
				if !strings.Contains(text.String(), want) {
					t.Errorf("errors do not mention %q:\n%s", want, text.String())
				}
			}
		})
	}
}

// TestSpaceURLErrorNamesSetting: the error names the setting the value came
// from, says why it is refused, lists the accepted forms and never repeats a
// credential.
func TestSpaceURLErrorNamesSetting(t *testing.T) {
	const project = "3fa85f64-5717-4562-b3fc-2c963f66afa6"
	const secret = "PTs3cr3t-from-a-sensitive-variable"
	cases := []struct{ value, want string }{
		{"https://" + project + ":" + secret + "@example.signalwire.com", `"https://REDACTED@example.signalwire.com" must not contain credentials`},
		{"https://" + project + ":" + secret, "is not a valid URL"},
		{"https://example.signalwire.com/?token=" + secret, `"https://example.signalwire.com/?REDACTED" must not contain a query`},
		{"http://example.signalwire.com", "HTTPS is required"},
		{"https://example.signalwire.com/api/laml/2010-04-01/Accounts/b3877c40-da60-4998-90ad-b792e98472af",
			"names account b3877c40-da60-4998-90ad-b792e98472af, but the project ID is " + project},
	}
	for _, source := range []string{"space_url", envSpaceURL, envSpace, envAPIHostname} {
		for _, tc := range cases {
			_, err := client.New(client.Config{SpaceURL: tc.value, ProjectID: project, APIToken: secret})
			if err == nil {
				t.Fatalf("%q was accepted", tc.value)
			}
			d := spaceURLError(source, err)
			text := d.Summary() + ": " + d.Detail()
			label := "The environment variable " + source
			if source == "space_url" {
				label = "space_url"
			}
			for _, want := range []string{"Invalid SignalWire Space URL: " + label, tc.want,
				`Accepted forms: "example" (a space name, meaning example.signalwire.com)`, "/Accounts/<project_id>"} {
				if !strings.Contains(text, want) {
					t.Errorf("%s = %q: %q lacks %q", source, tc.value, text, want)
				}
			}
			if strings.Contains(text, secret) {
				t.Errorf("%s = %q: the error repeats the secret: %s", source, tc.value, text)
			}
			if _, ok := d.(diag.DiagnosticWithPath); ok != (source == "space_url") {
				t.Errorf("%s: the error points at space_url: %v", source, ok)
			}
		}
	}
}

func TestUserAgent(t *testing.T) {
	t.Parallel()
	p := &signalwireProvider{version: "1.2.3", commit: "abc123"}
	got := p.userAgent("1.11.4")
	for _, want := range []string{"terraform-provider-signalwire/1.2.3", "Terraform/1.11.4", "abc123"} {
		if !strings.Contains(got, want) {
			t.Errorf("User-Agent %q lacks %q", got, want)
		}
	}
	if got := p.userAgent(""); !strings.Contains(got, "Terraform/unknown") {
		t.Errorf("User-Agent without a Terraform version = %q", got)
	}
}

// TestMaxRetriesDescriptionStatesRetryAfterWait: after a Retry-After the
// client waits the header's time capped at RetryWaitMax, plus up to half
// again (internal/client/backoff_test.go: an hour's Retry-After waits 30 to
// 45 s). The description names a range of waits, so it must say how a
// Retry-After departs from it rather than promise the header's own wait.
func TestMaxRetriesDescriptionStatesRetryAfterWait(t *testing.T) {
	t.Parallel()
	d := maxRetriesDescription()
	for _, want := range []string{
		fmt.Sprintf("capped at %s", client.DefaultRetryWaitMax),
		"plus a random share of up to half of it",
	} {
		if !strings.Contains(d, want) {
			t.Errorf("the max_retries description does not say %q of a Retry-After wait:\n%s", want, d)
		}
	}
}
