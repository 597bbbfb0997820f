package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/seed177019bb/terraform-provider-signalwire/internal/sidtypes"
)

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

func configureDataSource(req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) *providerData {
	return providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func configureResource(req resource.ConfigureRequest, resp *resource.ConfigureResponse) *providerData {
	return providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

// accountOrProject is the configured account_sid, else the provider's project.
func (d *providerData) accountOrProject(account sidtypes.SID) string {
	if account.IsNull() || account.IsUnknown() || account.ValueString() == "" {
		return d.projectID
	}
	return account.ValueString()
}
