// Package provider implements the signalwire Terraform provider on
// terraform-plugin-framework. It knows Terraform; everything HTTP lives in
// the client package.
package provider

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/seed177019bb/terraform-provider-signalwire/internal/client"
	"github.com/seed177019bb/terraform-provider-signalwire/internal/sidtypes"
)

const (
	envSpaceURL     = "SIGNALWIRE_SPACE_URL"
	envSpace        = "SIGNALWIRE_SPACE"
	envAPIHostname  = "SIGNALWIRE_API_HOSTNAME"
	envProjectID    = "SIGNALWIRE_PROJECT_ID"
	envAPIToken     = "SIGNALWIRE_API_TOKEN"
	envMaxRetries   = "SIGNALWIRE_MAX_RETRIES"
	providerAddress = "registry.terraform.io/seed177019bb/signalwire"
)

var _ provider.Provider = &signalwireProvider{}

type signalwireProvider struct {
	version string
	commit  string

	// retryWaitMin and retryWaitMax shorten backoff in tests; zero keeps the
	// client's defaults.
	retryWaitMin time.Duration
	retryWaitMax time.Duration
}

type providerModel struct {
	SpaceURL   types.String `tfsdk:"space_url"`
	ProjectID  sidtypes.SID `tfsdk:"project_id"`
	APIToken   types.String `tfsdk:"api_token"`
	MaxRetries types.Int64  `tfsdk:"max_retries"`
}

// spaceEnvs are the environment variables a space URL is read from when
// space_url is not set, in order: the first that is set wins. SignalWire's
// Node SDK reads SIGNALWIRE_SPACE_URL then SIGNALWIRE_API_HOSTNAME; its docs
// and Python SDK use SIGNALWIRE_SPACE.
var spaceEnvs = []string{envSpaceURL, envSpace, envAPIHostname}

// providerData is what Configure hands to resources and data sources.
type providerData struct {
	client    *client.Client
	projectID string
	// spaceSource names the setting the space URL came from, for errors that
	// ask the user to check it: "space_url" or an environment variable.
	spaceSource string
}

// New returns the provider factory used by main and by tests.
func New(version, commit string) func() provider.Provider {
	return func() provider.Provider {
		return &signalwireProvider{version: version, commit: commit}
	}
}

func (p *signalwireProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "signalwire"
	resp.Version = p.version
}

func (p *signalwireProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Manages live conference participants through SignalWire's Compatibility (LaML) REST API.",
		Attributes: map[string]schema.Attribute{
			"space_url": schema.StringAttribute{
				MarkdownDescription: "Your SignalWire space, in any of these forms: " +
					client.DescribeSpaceURLForms(func(s string) string { return "`" + s + "`" }) + ". " +
					"A URL with credentials, a query or a fragment is refused, as is plain HTTP to anything but a " +
					"loopback address. Falls back to the first of these environment variables that is set: " +
					joinCode(spaceEnvs) + ".",
				Optional: true,
			},
			"project_id": schema.StringAttribute{
				MarkdownDescription: "The project ID (a UUID, in any case), used as the Basic-auth username and as the " +
					"default account sid. Falls back to the `" + envProjectID + "` environment variable.",
				Optional:   true,
				CustomType: sidtypes.SIDType{},
			},
			"api_token": schema.StringAttribute{
				MarkdownDescription: "An API token with the Voice scope. Falls back to the `" + envAPIToken +
					"` environment variable, which keeps it out of configuration files.",
				Optional:  true,
				Sensitive: true,
			},
			"max_retries": schema.Int64Attribute{
				MarkdownDescription: fmt.Sprintf("How many times a request is retried after a rate limit (429), a "+
					"server error (500, 502, 503, 504) or a connection error, with exponential backoff that honours "+
					"`Retry-After`. Other errors are never retried. Defaults to `%d`; falls back to the `%s` "+
					"environment variable. `0` disables retries.", client.DefaultMaxRetries, envMaxRetries),
				Optional:   true,
				Validators: []validator.Int64{int64validator.Between(0, 20)},
			},
		},
	}
}

func (p *signalwireProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var cfg providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	settings, diags := resolveSettings(cfg)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}

	c, err := client.New(client.Config{
		SpaceURL:     settings.spaceURL,
		ProjectID:    settings.projectID,
		APIToken:     settings.apiToken,
		UserAgent:    p.userAgent(req.TerraformVersion),
		MaxRetries:   settings.maxRetries,
		RetryWaitMin: p.retryWaitMin,
		RetryWaitMax: p.retryWaitMax,
		Logger:       tflogAdapter{},
	})
	if err != nil {
		resp.Diagnostics.Append(spaceURLError(settings.spaceSource, err))
		return
	}
	data := &providerData{client: c, projectID: settings.projectID, spaceSource: settings.spaceSource}
	resp.ResourceData = data
	resp.DataSourceData = data
}

func (p *signalwireProvider) userAgent(terraformVersion string) string {
	if terraformVersion == "" {
		terraformVersion = "unknown"
	}
	return fmt.Sprintf("terraform-provider-signalwire/%s (+https://%s; commit %s) Terraform/%s",
		p.version, providerAddress, p.commit, terraformVersion)
}

func (p *signalwireProvider) Resources(context.Context) []func() resource.Resource {
	return []func() resource.Resource{
		NewConferenceParticipantResource,
		NewConferenceParticipantPolicyResource,
	}
}

func (p *signalwireProvider) DataSources(context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{
		NewConferenceDataSource,
		NewConferenceParticipantDataSource,
		NewConferenceParticipantsDataSource,
	}
}

type settings struct {
	spaceURL, projectID, apiToken string
	maxRetries                    int
	// spaceSource is "space_url" or the environment variable spaceURL came from.
	spaceSource string
}

// resolveSettings applies environment fallbacks and reports every missing or
// unknown setting at once, each on its attribute with the variable to set.
func resolveSettings(cfg providerModel) (settings, diag.Diagnostics) {
	var s settings
	var diags diag.Diagnostics
	s.spaceURL, s.spaceSource = stringSetting(&diags, cfg.SpaceURL, "space_url", "SignalWire Space URL", spaceEnvs...)
	s.projectID, _ = stringSetting(&diags, cfg.ProjectID.StringValue, "project_id", "SignalWire Project ID", envProjectID)
	s.apiToken, _ = stringSetting(&diags, cfg.APIToken, "api_token", "SignalWire API Token", envAPIToken)
	if s.projectID != "" && !sidtypes.IsValid(s.projectID) {
		diags.AddAttributeError(path.Root("project_id"), "Invalid SignalWire Project ID",
			fmt.Sprintf("The project ID must be a UUID such as %s; check project_id or %s.", sidtypes.Example, envProjectID))
	}
	s.maxRetries = client.DefaultMaxRetries
	switch {
	case cfg.MaxRetries.IsUnknown():
		diags.AddAttributeError(path.Root("max_retries"), "Unknown Max Retries",
			"max_retries depends on a value not known until apply; set it to a literal number or use "+envMaxRetries+".")
	case !cfg.MaxRetries.IsNull():
		s.maxRetries = int(cfg.MaxRetries.ValueInt64())
	case os.Getenv(envMaxRetries) != "":
		n, err := strconv.Atoi(os.Getenv(envMaxRetries))
		if err != nil || n < 0 || n > 20 {
			diags.AddAttributeError(path.Root("max_retries"), "Invalid Max Retries",
				fmt.Sprintf("%s must be a whole number from 0 to 20, got %q.", envMaxRetries, os.Getenv(envMaxRetries)))
		} else {
			s.maxRetries = n
		}
	}
	return s, diags
}

// stringSetting returns the configured value, else the first non-empty
// environment variable, with the name of the setting it came from; it adds an
// attribute error when neither is usable.
func stringSetting(diags *diag.Diagnostics, v types.String, attr, title string, envs ...string) (value, source string) {
	if v.IsUnknown() {
		diags.AddAttributeError(path.Root(attr), "Unknown "+title,
			fmt.Sprintf("%s depends on a value that is not known until apply, so the provider cannot be configured. "+
				"Set it to a literal value or use the %s environment variable.", attr, envs[0]))
		return "", ""
	}
	if !v.IsNull() && v.ValueString() != "" {
		return v.ValueString(), attr
	}
	for _, env := range envs {
		if val := os.Getenv(env); val != "" {
			return val, env
		}
	}
	diags.AddAttributeError(path.Root(attr), "Missing "+title,
		fmt.Sprintf("The provider needs %s. Set %s in the provider block or the %s environment variable.",
			attr, attr, joinOr(envs)))
	return "", ""
}

// spaceURLError says which setting holds an unusable space URL, why, and
// which forms are accepted. The client's error never carries a credential.
func spaceURLError(source string, err error) diag.Diagnostic {
	const summary = "Invalid SignalWire Space URL"
	var spaceErr *client.SpaceURLError
	if !errors.As(err, &spaceErr) {
		return diag.NewErrorDiagnostic(summary, err.Error())
	}
	label := source
	if source != "space_url" {
		label = "The environment variable " + source
	}
	if spaceErr.Value != "" {
		label += " " + strconv.Quote(spaceErr.Value)
	}
	detail := fmt.Sprintf("%s %s. Accepted forms: %s.", label, spaceErr.Reason,
		client.DescribeSpaceURLForms(strconv.Quote))
	if source == "space_url" {
		return diag.NewAttributeErrorDiagnostic(path.Root("space_url"), summary, detail)
	}
	return diag.NewErrorDiagnostic(summary, detail)
}

func joinOr(names []string) string {
	if len(names) == 1 {
		return names[0]
	}
	return names[0] + " (or " + strings.Join(names[1:], ", ") + ")"
}

func joinCode(names []string) string {
	quoted := make([]string, len(names))
	for i, n := range names {
		quoted[i] = "`" + n + "`"
	}
	return strings.Join(quoted, ", ")
}
