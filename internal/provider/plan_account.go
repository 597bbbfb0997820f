package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/seed177019bb/terraform-provider-signalwire/internal/sidtypes"
)

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
