package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/seed177019bb/terraform-provider-signalwire/internal/sidtypes"
)

// ValidateConfig refuses a policy that sets nothing, before any request.
// Attribute formats are checked by the schema's validators.
func (r *policyResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var muted, hold types.Bool
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("muted"), &muted)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("hold"), &hold)...)
	if muted.IsNull() && hold.IsNull() {
		resp.Diagnostics.AddAttributeError(path.Root("muted"), "Conference Participant Policy Sets Nothing",
			"Set muted, hold or both: a policy with neither would never change a participant. A block written by "+
				"-generate-config-out has neither, because the API does not know a policy's settings.")
	}
}

// ModifyPlan plans account_sid and, for an existing policy, the participants
// map as apply will leave it: every covered participant as last read, those
// out of line with the policy flipped to its settings. The plan therefore
// shows exactly the participants apply will change, and nothing when all
// conform. When the plan cannot know (a new policy, a new conference, or
// settings not known until apply) the map is left unknown and apply lists
// the participants itself.
func (r *policyResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return // destroy: on_destroy in state says what happens
	}
	account := planAccountSID(ctx, r.data, req, resp)
	if req.State.Raw.IsNull() || resp.Diagnostics.HasError() {
		return
	}
	var plan, state policyModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	unknown := types.MapUnknown(policyEntryType)
	settings, known, diags := plan.settings(ctx)
	resp.Diagnostics.Append(diags...)
	if !known || !account.EqualFold(state.AccountSID) || !plan.ConferenceSID.EqualFold(state.ConferenceSID) {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("participants"), unknown)...)
		return
	}
	rost, ok, diags := readRoster(ctx, req.Private)
	resp.Diagnostics.Append(diags...)
	if !ok {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("participants"), unknown)...)
		return
	}
	prior, diags := state.entries(ctx)
	resp.Diagnostics.Append(diags...)
	resp.Diagnostics.Append(plan.setEntries(ctx, settings.converge(settings.record(rost, prior)))...)
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("participants"), plan.Participants)...)
	resp.Diagnostics.Append(absentExclusions(settings, rost, plan.ConferenceSID.ValueString())...)
}

// absentExclusions warns about excluded calls that were not in the
// conference at the last refresh: a call yet to join is fine, but a mistyped
// sid leaves the participant it was meant for covered by the policy.
func absentExclusions(s policySettings, r roster, conference string) diag.Diagnostics {
	var diags diag.Diagnostics
	present := make(map[string]bool, len(r))
	for call := range r {
		present[sidtypes.Canonical(call)] = true
	}
	var absent []string
	for sid, spelt := range s.exclude {
		if !present[sid] {
			absent = append(absent, spelt) // as configured, so the user finds it
		}
	}
	if len(absent) == 0 {
		return diags
	}
	slices.Sort(absent)
	diags.AddAttributeWarning(path.Root("exclude_call_sids"), "Excluded Call Not in the Conference", fmt.Sprintf(
		"exclude_call_sids names %s, not in conference %s at the last refresh. A call that has not joined yet is "+
			"left alone once it joins; if a sid is mistyped, the participant it was meant for is covered by the policy.",
		strings.Join(absent, ", "), conference))
	return diags
}
