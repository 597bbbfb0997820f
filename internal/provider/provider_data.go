package provider

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/seed177019bb/terraform-provider-signalwire/internal/sidtypes"
)

// What every resource and data source shares: the configured provider's
// data, the operation timeouts and the planning of account_sid.

// providerDataFrom returns the provider's data, or nil before the provider
// is configured (validation runs without it).
func providerDataFrom(data any, diags *diag.Diagnostics) *providerData {
	if data == nil {
		return nil
	}
	pd, ok := data.(*providerData)
	if !ok {
		diags.Append(unexpectedProviderData(data))
		return nil
	}
	return pd
}

// resourceBase is what every resource has beside its own methods: its type
// name after the provider's, such as "_conference_participant", and, once the
// provider is configured, the provider's data.
type resourceBase struct {
	typeSuffix string
	data       *providerData
}

func (b *resourceBase) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + b.typeSuffix
}

func (b *resourceBase) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	b.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

// dataSourceBase is resourceBase for data sources.
type dataSourceBase struct {
	typeSuffix string
	data       *providerData
}

func (b *dataSourceBase) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + b.typeSuffix
}

func (b *dataSourceBase) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	b.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

// accountOrProject is the configured account_sid, else the provider's project.
func (d *providerData) accountOrProject(account sidtypes.SID) string {
	if account.IsNull() || account.IsUnknown() || account.ValueString() == "" {
		return d.projectID
	}
	return account.ValueString()
}

const defaultTimeout = 5 * time.Minute

// withTimeout bounds ctx by an operation's timeout, from its entry in the
// timeouts block (timeout is, say, model.Timeouts.Create) or defaultTimeout.
func withTimeout(ctx context.Context, timeout func(context.Context, time.Duration) (time.Duration, diag.Diagnostics), diags *diag.Diagnostics) (context.Context, context.CancelFunc, time.Duration) {
	d, ds := timeout(ctx, defaultTimeout)
	diags.Append(ds...)
	ctx, cancel := context.WithTimeout(ctx, d)
	return ctx, cancel, d
}

// planAccountSID plans account_sid for the resources that have one: the
// configured account, else the provider's project in the spelling state
// already holds, and a replacement only when it names another account than
// the one in state. It returns the planned value, which is unknown when the
// configuration's is.
func planAccountSID(ctx context.Context, data *providerData, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) sidtypes.SID {
	var account, prior sidtypes.SID
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("account_sid"), &account)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("account_sid"), &prior)...)
	if account.IsNull() && data != nil {
		// The project's spelling may differ from the one in state; it is
		// still the same account.
		account = sidtypes.NewSIDValue(data.projectID).KeepSpelling(prior)
	}
	if !account.IsNull() && !account.IsUnknown() {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("account_sid"), account)...)
	}
	if !req.State.Raw.IsNull() && (account.IsUnknown() || !account.EqualFold(prior)) {
		resp.RequiresReplace.Append(path.Root("account_sid"))
	}
	return account
}
