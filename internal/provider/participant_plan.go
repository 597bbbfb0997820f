package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/seed177019bb/terraform-provider-signalwire/internal/sidtypes"
)

// ValidateConfig enforces the API's cross-field rules before any request.
// Values not yet known (from other resources) pass here and are checked in
// ModifyPlan once Terraform knows them.
func (r *participantResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var cfg participantModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(validateCoaching(&cfg)...)
}

// validateCoaching checks coaching against call_sid_to_coach and call_sid.
// A null coaching means the default, false. The sids' format is their
// type's to check.
func validateCoaching(m *participantModel) diag.Diagnostics {
	var diags diag.Diagnostics
	if m.Coaching.IsUnknown() || m.CallSIDToCoach.IsUnknown() {
		return diags
	}
	coaching := m.Coaching.ValueBool()
	hasTarget := !m.CallSIDToCoach.IsNull()
	switch {
	case coaching && !hasTarget:
		diags.AddAttributeError(path.Root("coaching"), "Missing Call SID to Coach",
			"coaching = true needs call_sid_to_coach: set it to the sid of the call in the same conference "+
				"that this participant should coach, or set coaching = false.")
	case !coaching && hasTarget:
		diags.AddAttributeError(path.Root("call_sid_to_coach"), "Call SID to Coach Without Coaching",
			"call_sid_to_coach is only used while coaching: set coaching = true to coach that call, "+
				"or remove call_sid_to_coach.")
	case m.CallSIDToCoach.SameAs(m.CallSID):
		diags.AddAttributeError(path.Root("call_sid_to_coach"), "Participant Cannot Coach Itself",
			"call_sid_to_coach is the participant's own call_sid: set it to the sid of another call in the conference.")
	}
	return diags
}

// ModifyPlan defaults account_sid to the provider's project, replaces the
// resource when the account changes to another one, re-checks the coaching rules once values
// that were unknown at validation are known, and warns before a destroy that
// disconnects a call.
func (r *participantResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		warnOnRemove(ctx, req, resp)
		return
	}
	var plan participantModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(validateCoaching(&plan)...)
	planAccountSID(ctx, r.data, req, resp)
	resp.Diagnostics.Append(announceAdopted(ctx, req, &plan)...)
}

// privateImported marks a participant imported and not yet updated since.
const privateImported = "imported"

// announceAdopted warns when the first apply after an import will record
// announce_url without sending it. The API never returns the URL, so an
// imported participant's announcement may well have played already (a
// configuration written for create names it); sending it would play it
// again, which is what announce_url promises never to do unasked.
func announceAdopted(ctx context.Context, req resource.ModifyPlanRequest, plan *participantModel) diag.Diagnostics {
	if req.State.Raw.IsNull() || plan.AnnounceURL.IsNull() {
		return nil
	}
	imported, diags := req.Private.GetKey(ctx, privateImported)
	if len(imported) == 0 || diags.HasError() {
		return diags
	}
	var prior types.String
	diags.Append(req.State.GetAttribute(ctx, path.Root("announce_url"), &prior)...)
	if prior.IsNull() {
		diags.AddAttributeWarning(path.Root("announce_url"), "Announcement Recorded, Not Played",
			fmt.Sprintf("Call %s was imported, and the API does not say which announcement it has heard, so this apply records "+
				"announce_url without playing it. To play it, change announce_url after this apply.", plan.CallSID.ValueString()))
	}
	return diags
}

func warnOnRemove(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	var onDestroy types.String
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("on_destroy"), &onDestroy)...)
	if onDestroy.ValueString() != onDestroyRemove {
		return
	}
	var conference, call sidtypes.SID
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("conference_sid"), &conference)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("call_sid"), &call)...)
	resp.Diagnostics.AddWarning("Destroy Removes the Participant From Its Conference",
		fmt.Sprintf("on_destroy = \"remove\": destroying this resource takes call %s out of conference %s, "+
			"which disconnects it from the conference. Set on_destroy = \"keep\" and apply first to leave the call untouched.",
			call.ValueString(), conference.ValueString()))
}
