// Package provider implements the signalwire Terraform provider on
// terraform-plugin-framework. It knows Terraform; everything HTTP lives in
// the client package.
package provider

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/float64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/seed177019bb/terraform-provider-signalwire/internal/client"
	"github.com/seed177019bb/terraform-provider-signalwire/internal/registry"
	"github.com/seed177019bb/terraform-provider-signalwire/internal/sidtypes"
)

const (
	envSpaceURL    = "SIGNALWIRE_SPACE_URL"
	envSpace       = "SIGNALWIRE_SPACE"
	envAPIHostname = "SIGNALWIRE_API_HOSTNAME"
	envProjectID   = "SIGNALWIRE_PROJECT_ID"
	envAPIToken    = "SIGNALWIRE_API_TOKEN"
	envMaxRetries  = "SIGNALWIRE_MAX_RETRIES"
	envMaxRate     = "SIGNALWIRE_MAX_REQUESTS_PER_SECOND"

	// maxRetriesLimit is the largest max_retries accepted.
	maxRetriesLimit = 20
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
	SpaceURL   types.String  `tfsdk:"space_url"`
	ProjectID  sidtypes.SID  `tfsdk:"project_id"`
	APIToken   types.String  `tfsdk:"api_token"`
	MaxRetries types.Int64   `tfsdk:"max_retries"`
	MaxRate    types.Float64 `tfsdk:"max_requests_per_second"`
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
				MarkdownDescription: maxRetriesDescription(),
				Optional:            true,
				Validators:          []validator.Int64{int64validator.Between(0, maxRetriesLimit)},
			},
			"max_requests_per_second": schema.Float64Attribute{
				MarkdownDescription: fmt.Sprintf("The most requests per second this provider configuration sends, all its "+
					"resources and data sources together, so an apply leaves room under the space's rate limit for the "+
					"traffic of live calls. At least `%g`; no ceiling by default. Below it the provider also keeps the "+
					"API's pace on its own: each rate limit answer (%s) lowers its request rate and requests that succeed "+
					"raise it again. Falls back to the `%s` environment variable.",
					client.MinRequestsPerSecond, statusList(client.Retries().Throttled), envMaxRate),
				Optional:   true,
				Validators: []validator.Float64{float64validator.AtLeast(client.MinRequestsPerSecond)},
			},
		},
	}
}

// The retry policy in words, for the generated documentation: every status
// comes from the client's retry table, so nothing here restates one.

func maxRetriesDescription() string {
	t := client.Retries()
	return fmt.Sprintf("How many times a request is retried after a server error (%s) or a connection error, "+
		"waiting from %s up to %s between tries (exponential backoff with jitter). A `Retry-After` header sets the "+
		"wait instead, capped at %[3]s, plus a random share of up to half of it. A rate limit (%[4]s) does not count "+
		"against it: the API did not process the request, so it is retried until the operation's timeout (`timeouts` "+
		"on the resource). Other errors are never retried. "+
		"From `0` (which disables these retries) to `%d`; defaults to `%d`; falls back to the `%s` environment variable.",
		statusList(t.Counted), client.DefaultRetryWaitMin, client.DefaultRetryWaitMax, statusList(t.Throttled),
		maxRetriesLimit, client.DefaultMaxRetries, envMaxRetries)
}

// announceRetries says when a request carrying announce_url is retried.
func announceRetries() string {
	t := client.Retries()
	return fmt.Sprintf("A request carrying it is retried only when the API cannot have processed it: after %s, or "+
		"when the connection could not be made. After any other server error, such as %s, or a connection that broke "+
		"once the request was sent, the announcement may already have played, so the provider stops with an error "+
		"instead of risking a second play: "+
		"check the call, then apply again (which plays it again), or remove `announce_url` first.",
		statusList(t.Unprocessed), statusList(t.MaybeProcessed))
}

// statusList renders HTTP statuses for descriptions: "`500`, `502` or `504`".
func statusList(codes []int) string {
	parts := make([]string, len(codes))
	for i, c := range codes {
		parts[i] = "`" + strconv.Itoa(c) + "`"
	}
	if len(parts) < 2 {
		return strings.Join(parts, "")
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " or " + parts[len(parts)-1]
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
		SpaceURL:             settings.spaceURL,
		ProjectID:            settings.projectID,
		APIToken:             settings.apiToken,
		UserAgent:            p.userAgent(req.TerraformVersion),
		MaxRetries:           settings.maxRetries,
		RetryWaitMin:         p.retryWaitMin,
		RetryWaitMax:         p.retryWaitMax,
		MaxRequestsPerSecond: settings.maxRate,
		Logger:               tflogAdapter{},
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
		p.version, registry.Address, p.commit, terraformVersion)
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
	maxRate                       float64 // 0: no ceiling
	// spaceSource is "space_url" or the environment variable spaceURL came from.
	spaceSource string
}

// resolveSettings applies environment fallbacks and reports every missing or
// unknown setting at once, each on its attribute with the variable to set.
func resolveSettings(cfg providerModel) (settings, diag.Diagnostics) {
	var s settings
	var diags diag.Diagnostics
	s.spaceURL, s.spaceSource = stringSetting(&diags, cfg.SpaceURL, "space_url", "SignalWire Space URL", spaceEnvs...)
	var projectSource, tokenSource string
	s.projectID, projectSource = stringSetting(&diags, cfg.ProjectID.StringValue, "project_id", "SignalWire Project ID", envProjectID)
	s.apiToken, tokenSource = stringSetting(&diags, cfg.APIToken, "api_token", "SignalWire API Token", envAPIToken)
	if s.projectID != "" && !sidtypes.IsValid(s.projectID) {
		remedy := "copy it from the SignalWire dashboard"
		if sidtypes.IsValid(strings.TrimSpace(s.projectID)) {
			remedy = "remove the spaces or line breaks around it"
		}
		diags.AddAttributeError(path.Root("project_id"), "Invalid SignalWire Project ID",
			fmt.Sprintf("The project ID must be a UUID such as %s; %s is not: %s.", sidtypes.Example, settingLabel(projectSource), remedy))
	}
	if strings.TrimSpace(s.apiToken) != s.apiToken {
		// Never repeated: the API would refuse it as wrong credentials.
		diags.AddAttributeError(path.Root("api_token"), "Invalid SignalWire API Token",
			fmt.Sprintf("The API token in %s has spaces or a line break around it, which the API would refuse as "+
				"wrong credentials: remove them.", settingLabel(tokenSource)))
	}
	s.maxRetries = int(maxRetriesSetting.resolve(&diags, cfg.MaxRetries, cfg.MaxRetries.ValueInt64))
	s.maxRate = maxRateSetting.resolve(&diags, cfg.MaxRate, cfg.MaxRate.ValueFloat64)
	return s, diags
}

// numberSetting is a numeric provider setting: from configuration, else
// from its environment variable, else its default.
type numberSetting[T any] struct {
	attr, title, env string
	// parse reads the environment variable; false means it is not valid,
	// and valid says what would be.
	parse func(string) (T, bool)
	valid string
	def   T
}

var (
	maxRetriesSetting = numberSetting[int64]{
		attr: "max_retries", title: "Max Retries", env: envMaxRetries, def: client.DefaultMaxRetries,
		valid: fmt.Sprintf("a whole number from 0 to %d", maxRetriesLimit),
		parse: func(v string) (int64, bool) {
			n, err := strconv.ParseInt(v, 10, 64)
			return n, err == nil && n >= 0 && n <= maxRetriesLimit
		},
	}
	maxRateSetting = numberSetting[float64]{
		attr: "max_requests_per_second", title: "Max Requests Per Second", env: envMaxRate,
		valid: fmt.Sprintf("a number of requests per second, at least %g, such as 5 or 0.5 (unset it for no ceiling)", client.MinRequestsPerSecond),
		parse: func(v string) (float64, bool) {
			n, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
			return n, err == nil && n >= client.MinRequestsPerSecond && !math.IsInf(n, 1)
		},
	}
)

// resolve returns the setting's value; configured reads it from
// configuration when v is neither null nor unknown.
func (s numberSetting[T]) resolve(diags *diag.Diagnostics, v attr.Value, configured func() T) T {
	switch {
	case v.IsUnknown():
		diags.AddAttributeError(path.Root(s.attr), "Unknown "+s.title,
			fmt.Sprintf("%s depends on a value not known until apply; set it to a literal number or use %s.", s.attr, s.env))
	case !v.IsNull():
		return configured()
	case os.Getenv(s.env) != "":
		if n, ok := s.parse(os.Getenv(s.env)); ok {
			return n
		}
		diags.AddAttributeError(path.Root(s.attr), "Invalid "+s.title,
			fmt.Sprintf("%s must be %s, got %q.", s.env, s.valid, os.Getenv(s.env)))
	}
	return s.def
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
	label := settingLabel(source)
	if source != "space_url" {
		label = "T" + label[1:] // starts the sentence
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

// settingLabel names where a setting came from: its attribute, or "the
// environment variable X" when it came from the environment.
func settingLabel(source string) string {
	if strings.HasPrefix(source, "SIGNALWIRE_") {
		return "the environment variable " + source
	}
	return source
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
