package provider

import (
	"context"
	"errors"
	"fmt"
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

// The signalwire_conference_participant resource in three files: its
// lifecycle here (validation, plan, create, read, update, delete, import),
// its schema in participant_schema.go, and its model with the one mapping
// to the API's request and from its answer in participant_model.go.

var (
	_ resource.Resource                   = &participantResource{}
	_ resource.ResourceWithConfigure      = &participantResource{}
	_ resource.ResourceWithImportState    = &participantResource{}
	_ resource.ResourceWithValidateConfig = &participantResource{}
	_ resource.ResourceWithModifyPlan     = &participantResource{}
	_ resource.ResourceWithIdentity       = &participantResource{}
)

type participantResource struct {
	resourceBase
}

// NewConferenceParticipantResource is the signalwire_conference_participant
// resource factory.
func NewConferenceParticipantResource() resource.Resource {
	return &participantResource{resourceBase{typeSuffix: "_conference_participant"}}
}

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

// Create adopts the live participant: the API has no create endpoint, so one
// POST applies the configured settings and its answer becomes the state (or,
// when that answer is lost, one GET of the participant).
func (r *participantResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan participantModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, timeout := withTimeout(ctx, plan.Timeouts.Create, &resp.Diagnostics)
	defer cancel()

	if resp.Diagnostics.Append(r.send(ctx, "Create", &plan, participantRequest(nil, &plan), timeout)...); resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	resp.Diagnostics.Append(setIdentity(ctx, resp.Identity, &plan)...)
}

// Read refreshes what the API returns; a participant whose call has left the
// conference is gone, so it is dropped from state rather than failing. Only
// the API's word that the call is not in the conference drops it: a 404 from
// anything else fails and keeps the state.
func (r *participantResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state participantModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, timeout := withTimeout(ctx, state.Timeouts.Read, &resp.Diagnostics)
	defer cancel()

	account, conference, call := state.key()
	p, err := r.data.client.GetParticipant(ctx, account, conference, call)
	if client.IsParticipantGone(err) {
		tflog.Warn(ctx, "participant has left the conference; removing it from state", map[string]any{
			"conference_sid": conference, "call_sid": call,
		})
		resp.Diagnostics.Append(setIdentity(ctx, resp.Identity, &state)...)
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		resp.Diagnostics.Append(r.data.participantError(ctx, "Read", &state, timeout, err))
		return
	}
	state.applyParticipant(p)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	resp.Diagnostics.Append(setIdentity(ctx, resp.Identity, &state)...)
}

// Update sends one POST with only the settings that changed, or none at all
// when only provider-side attributes (on_destroy, methods of unsent URLs,
// timeouts) changed.
func (r *participantResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state participantModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, timeout := withTimeout(ctx, plan.Timeouts.Update, &resp.Diagnostics)
	defer cancel()

	params := participantRequest(&state, &plan)
	imported, diags := req.Private.GetKey(ctx, privateImported)
	resp.Diagnostics.Append(diags...)
	if len(imported) > 0 && state.AnnounceURL.IsNull() {
		// The first apply after an import adopts announce_url: whether
		// that announcement already played is unknown, so it is not
		// played again (see announceAdopted).
		params.AnnounceURL, params.AnnounceMethod = nil, nil
	}
	if params.IsEmpty() {
		plan.keepPrior(&state)
	} else if resp.Diagnostics.Append(r.send(ctx, "Update", &plan, params, timeout)...); resp.Diagnostics.HasError() {
		// Terraform keeps the private data of a failed update, so the
		// mark stays until an update records announce_url.
		return
	}
	if len(imported) > 0 {
		resp.Diagnostics.Append(resp.Private.SetKey(ctx, privateImported, nil)...)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	resp.Diagnostics.Append(setIdentity(ctx, resp.Identity, &plan)...)
}

// Delete does what on_destroy asks. A participant that the API shows is
// already gone is not an error: the goal of every mode is then already met.
func (r *participantResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state participantModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, timeout := withTimeout(ctx, state.Timeouts.Delete, &resp.Diagnostics)
	defer cancel()

	account, conference, call := state.key()
	var err error
	switch state.OnDestroy.ValueString() {
	case onDestroyReset:
		_, err = r.data.client.UpdateParticipant(ctx, account, conference, call, resetParams())
	case onDestroyRemove:
		err = r.data.client.DeleteParticipant(ctx, account, conference, call)
	default:
		// keep: Terraform forgets the participant; the call is untouched.
		return
	}
	var unknown *client.OutcomeUnknownError
	if errors.As(err, &unknown) && unknown.Processed {
		return // the API answered 2xx: the reset was applied, though its answer is unusable
	}
	if err != nil && !client.IsParticipantGone(err) {
		resp.Diagnostics.Append(r.data.participantError(ctx, "Delete", &state, timeout, err))
	}
}

// send sends params to the participant m names and copies the outcome into
// m: the API's answer or, when that answer was lost or unusable, what one
// read of the participant confirms. On an error m must not become state.
func (r *participantResource) send(ctx context.Context, op string, m *participantModel, params client.UpdateParticipantParams, timeout time.Duration) diag.Diagnostics {
	account, conference, call := m.key()
	p, err := r.data.client.UpdateParticipant(ctx, account, conference, call, params)
	var unknown *client.OutcomeUnknownError
	switch {
	case errors.As(err, &unknown):
		return r.confirmOutcome(ctx, op, m, params, unknown)
	case err != nil:
		return diag.Diagnostics{r.data.participantError(ctx, op, m, timeout, err)}
	}
	m.applyParticipant(p)
	return nil
}

// confirmOutcome learns what became of an update whose answer does not tell,
// with one GET of the participant, instead of sending it again, which would
// replay an announcement. A 2xx answer means the API applied the update; after
// a lost connection, the update counts as applied when the participant shows
// what it sent, and as not applied otherwise (the API applies an update
// whole [inferred]).
func (r *participantResource) confirmOutcome(ctx context.Context, op string, m *participantModel, sent client.UpdateParticipantParams, unknown *client.OutcomeUnknownError) diag.Diagnostics {
	account, conference, call := m.key()
	tflog.Warn(ctx, "the answer to a participant update was lost or unusable; reading the participant back", map[string]any{
		"conference_sid": conference, "call_sid": call, "processed": unknown.Processed,
	})
	p, err := r.data.client.GetParticipant(ctx, account, conference, call)
	if err != nil {
		return diag.Diagnostics{outcomeUnknownError(op, m.description(), sent.AnnounceURL != nil, unknown, err)}
	}
	got := flattenParticipant(p)
	if !unknown.Processed && !settingsShown(sent, &got) {
		return diag.Diagnostics{updateNotAppliedError(op, m.description(), unknown)}
	}
	var diags diag.Diagnostics
	if !unknown.Processed && sent.AnnounceURL != nil {
		diags.Append(announcementUnconfirmedWarning(m.description(), unknown))
	}
	m.applyConfirmed(p)
	return diags
}

// ImportState accepts an import id or, in an import block, an identity. It
// sets the key and, for what only configuration knows, the schema's
// defaults, so an imported participant plans cleanly against a
// configuration that leaves them unset; Read then fills in the rest. The
// participant is marked imported until its first update (see
// announceAdopted).
func (r *participantResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	account, conference, call, diags := r.importKey(ctx, req)
	if resp.Diagnostics.Append(diags...); resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(setSchemaDefaults(ctx, participantSchema(ctx), &resp.State)...)
	for name, value := range map[string]string{
		"id": participantID(account, conference, call), "account_sid": account, "conference_sid": conference, "call_sid": call,
	} {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(name), value)...)
	}
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, privateImported, []byte("true"))...)
	if resp.Identity != nil {
		resp.Diagnostics.Append(resp.Identity.Set(ctx, newParticipantIdentity(account, conference, call))...)
	}
}

// importKey reads the participant's key from the import id or, for an import
// block with identity, from the identity; a missing account is the
// provider's project.
func (r *participantResource) importKey(ctx context.Context, req resource.ImportStateRequest) (account, conference, call string, diags diag.Diagnostics) {
	var defaultAccount string
	if r.data != nil {
		defaultAccount = r.data.projectID
	}
	if req.ID != "" || req.Identity == nil || req.Identity.Raw.IsFullyNull() {
		account, sids, err := parseImportID(req.ID, defaultAccount, participantKeyNames...)
		if err != nil {
			diags.AddError("Invalid Import ID", err.Error())
			return "", "", "", diags
		}
		return account, sids[0], sids[1], diags
	}
	var id participantIdentity
	if diags.Append(req.Identity.Get(ctx, &id)...); diags.HasError() {
		return "", "", "", diags
	}
	account = defaultAccount
	if !id.AccountSID.IsNull() && id.AccountSID.ValueString() != "" {
		account = id.AccountSID.ValueString()
	}
	conference, call = id.ConferenceSID.ValueString(), id.CallSID.ValueString()
	for _, part := range invalidKeyParts(participantKeyNames, account, conference, call) {
		diags.AddError("Invalid Import Identity", fmt.Sprintf(
			"identity.%s %q is not a UUID. Set conference_sid and call_sid (and optionally account_sid, "+
				"which defaults to the provider's project_id) to UUIDs such as %s.",
			part.name, part.value, sidtypes.Example))
	}
	return account, conference, call, diags
}

// setIdentity records the participant's identity. It is set on every Read
// too, including the one that drops a departed participant, because the
// framework requires an identity after each read and Terraform before 1.12
// never stores one.
func setIdentity(ctx context.Context, identity *tfsdk.ResourceIdentity, m *participantModel) diag.Diagnostics {
	if identity == nil {
		return nil
	}
	return identity.Set(ctx, newParticipantIdentity(m.key()))
}
