package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/seed177019bb/terraform-provider-signalwire/internal/client"
	"github.com/seed177019bb/terraform-provider-signalwire/internal/sidtypes"
)

// The signalwire_conference_participant_policy resource: its lifecycle here
// (validation, plan, create, read, update, delete, import), its schema in
// policy_schema.go, its model and the rules that decide who is changed in
// policy_model.go, and the sending of one update per participant, a few at
// a time, in policy_apply.go.

var (
	_ resource.Resource                   = &policyResource{}
	_ resource.ResourceWithConfigure      = &policyResource{}
	_ resource.ResourceWithImportState    = &policyResource{}
	_ resource.ResourceWithValidateConfig = &policyResource{}
	_ resource.ResourceWithModifyPlan     = &policyResource{}
)

type policyResource struct {
	resourceBase
}

// NewConferenceParticipantPolicyResource is the
// signalwire_conference_participant_policy resource factory.
func NewConferenceParticipantPolicyResource() resource.Resource {
	return &policyResource{resourceBase{typeSuffix: "_conference_participant_policy"}}
}

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

// Create lists the participants and brings every covered one in line. What
// was applied is saved even when a request fails, so state never forgets a
// participant the policy changed.
func (r *policyResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan policyModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, timeout := withTimeout(ctx, plan.Timeouts.Create, &resp.Diagnostics)
	defer cancel()

	plan.ID = types.StringValue(policyID(plan.key()))
	rost, diags := r.listAndEnforce(ctx, "Create", &plan, nil, timeout)
	resp.Diagnostics.Append(diags...)
	resp.Diagnostics.Append(savePolicy(ctx, &resp.State, resp.Private, &plan, rost)...)
}

// Read lists the participants, one request per 1,000, and records the
// covered ones as they are. A conference the API itself says it does not
// know is gone, so the policy is dropped from state rather than failing; a
// 404 in any other form fails and keeps the state.
func (r *policyResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state policyModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, timeout := withTimeout(ctx, state.Timeouts.Read, &resp.Diagnostics)
	defer cancel()

	account, conference := state.key()
	list, err := r.data.client.ListParticipants(ctx, account, conference, client.ParticipantListFilter{})
	if apiErr, ok := client.AsAPIError(err); ok && apiErr.ConfirmsNotFound() {
		tflog.Warn(ctx, "conference not found; removing its participant policy from state", map[string]any{
			"conference_sid": conference,
		})
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		resp.Diagnostics.Append(r.data.policyError(ctx, "Read", state.description(), timeout, err))
		return
	}
	rost := rosterOf(list)
	settings, _, diags := state.settings(ctx)
	resp.Diagnostics.Append(diags...)
	prior, diags := state.entries(ctx)
	resp.Diagnostics.Append(diags...)
	resp.Diagnostics.Append(state.setEntries(ctx, settings.record(rost, prior))...)
	state.ID = types.StringValue(policyID(account, conference))
	resp.Diagnostics.Append(savePolicy(ctx, &resp.State, resp.Private, &state, rost)...)
}

// Update sends one request to each participant whose planned entry differs
// from how it was last read, and to no one else; the state it saves is the
// plan. A participant who left since is skipped and keeps its planned entry
// until the next refresh drops it. Settings unknown at plan time are known
// by the time the engine plans again for apply, so ModifyPlan has computed
// the map by then; only a state without a roster makes Update list the
// participants first, as Create does.
func (r *policyResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state policyModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, timeout := withTimeout(ctx, plan.Timeouts.Update, &resp.Diagnostics)
	defer cancel()

	prior, diags := state.entries(ctx)
	resp.Diagnostics.Append(diags...)
	rost, ok, diags := readRoster(ctx, req.Private)
	resp.Diagnostics.Append(diags...)
	if plan.Participants.IsUnknown() || !ok {
		rost, diags = r.listAndEnforce(ctx, "Update", &plan, prior, timeout)
	} else {
		rost, diags = r.enforcePlan(ctx, &plan, rost, prior, timeout)
	}
	resp.Diagnostics.Append(diags...)
	resp.Diagnostics.Append(savePolicy(ctx, &resp.State, resp.Private, &plan, rost)...)
}

// Delete does what on_destroy asks: nothing for keep, and for reset one
// request to each participant the policy muted or put on hold. A
// participant who has left needs nothing.
func (r *policyResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state policyModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || state.OnDestroy.ValueString() != onDestroyReset {
		return // keep: Terraform forgets the policy; the participants stay as they are.
	}
	ctx, cancel, timeout := withTimeout(ctx, state.Timeouts.Delete, &resp.Diagnostics)
	defer cancel()

	entries, diags := state.entries(ctx)
	resp.Diagnostics.Append(diags...)
	account, conference := state.key()
	updates := resetUpdates(entries)
	outcome := r.data.sendUpdates(ctx, account, conference, updates)
	resp.Diagnostics.Append(outcome.diagnostics(ctx, r.data, "Delete", conference, len(updates), timeout)...)
}

// ImportState accepts <conference_sid> or <account_sid>/<conference_sid>
// and sets what only configuration knows to its defaults; Read then lists
// the participants. An imported policy has changed no one yet.
func (r *policyResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	var defaultAccount string
	if r.data != nil {
		defaultAccount = r.data.projectID
	}
	account, sids, err := parseImportID(req.ID, defaultAccount, policyKeyNames...)
	if err != nil {
		resp.Diagnostics.AddError("Invalid Import ID", err.Error())
		return
	}
	resp.Diagnostics.Append(setSchemaDefaults(ctx, policySchema(ctx), &resp.State)...)
	for name, value := range map[string]string{
		"id": policyID(account, sids[0]), "account_sid": account, "conference_sid": sids[0],
	} {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(name), value)...)
	}
}

// savePolicy saves the policy and, in private state, the roster it was
// computed from. A nil roster means nothing was read or sent, so the state
// is left as it was.
func savePolicy(ctx context.Context, state *tfsdk.State, private privateSetter, m *policyModel, rost roster) diag.Diagnostics {
	if rost == nil {
		return nil
	}
	diags := state.Set(ctx, m)
	diags.Append(writeRoster(ctx, private, rost)...)
	return diags
}

// listAndEnforce lists the participants and brings the covered ones in line
// with plan's settings, setting plan's participants to the result. It
// returns the roster, or nil when the list could not be read.
func (r *policyResource) listAndEnforce(ctx context.Context, op string, plan *policyModel, prior map[string]policyEntry, timeout time.Duration) (roster, diag.Diagnostics) {
	account, conference := plan.key()
	list, err := r.data.client.ListParticipants(ctx, account, conference, client.ParticipantListFilter{})
	if err != nil {
		return nil, diag.Diagnostics{r.data.policyListError(ctx, op, plan, timeout, err)}
	}
	rost := rosterOf(list)
	settings, _, diags := plan.settings(ctx)
	if diags.HasError() {
		return nil, diags
	}
	recorded := settings.record(rost, prior)
	diags.Append(r.enforce(ctx, op, plan, rost, recorded, settings.converge(recorded), timeout)...)
	return rost, diags
}

// enforcePlan applies a plan whose participants map ModifyPlan computed
// from rost. It returns the roster, or nil when it sent nothing.
func (r *policyResource) enforcePlan(ctx context.Context, plan *policyModel, rost roster, prior map[string]policyEntry, timeout time.Duration) (roster, diag.Diagnostics) {
	planned, diags := plan.entries(ctx)
	settings, _, d := plan.settings(ctx)
	if diags.Append(d...); diags.HasError() {
		return nil, diags
	}
	diags.Append(r.enforce(ctx, "Update", plan, rost, settings.record(rost, prior), planned, timeout)...)
	return rost, diags
}

// enforce sends the updates that take the participants from recorded to
// planned, then sets plan's participants to what was achieved and brings
// the roster up to date.
func (r *policyResource) enforce(ctx context.Context, op string, plan *policyModel, rost roster, recorded, planned map[string]policyEntry, timeout time.Duration) diag.Diagnostics {
	account, conference := plan.key()
	updates := updatesFor(rost, planned, plan.HoldURL, plan.HoldMethod)
	outcome := r.data.sendUpdates(ctx, account, conference, updates)
	outcome.advance(rost, planned)
	diags := plan.setEntries(ctx, outcome.settle(updates, recorded, planned))
	diags.Append(outcome.diagnostics(ctx, r.data, op, conference, len(updates), timeout)...)
	return diags
}
