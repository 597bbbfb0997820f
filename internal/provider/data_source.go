package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"

	"github.com/seed177019bb/terraform-provider-signalwire/internal/sidtypes"
)

// configureDataSource returns the provider's data, or nil before the
// provider is configured (validation runs without it).
func configureDataSource(req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) *providerData {
	if req.ProviderData == nil {
		return nil
	}
	data, ok := req.ProviderData.(*providerData)
	if !ok {
		resp.Diagnostics.Append(unexpectedProviderData(req.ProviderData))
		return nil
	}
	return data
}

// accountOrProject is the configured account_sid, else the provider's project.
func (d *providerData) accountOrProject(account sidtypes.SID) string {
	if account.IsNull() || account.IsUnknown() || account.ValueString() == "" {
		return d.projectID
	}
	return account.ValueString()
}
