package provider

import (
	"context"
	"errors"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/seed177019bb/terraform-provider-signalwire/internal/client"
)

const defaultTimeout = 5 * time.Minute

// withTimeout bounds ctx by an operation's timeout, from its entry in the
// timeouts block (timeout is, say, model.Timeouts.Create) or defaultTimeout.
func withTimeout(ctx context.Context, timeout func(context.Context, time.Duration) (time.Duration, diag.Diagnostics), diags *diag.Diagnostics) (context.Context, context.CancelFunc, time.Duration) {
	d, ds := timeout(ctx, defaultTimeout)
	diags.Append(ds...)
	ctx, cancel := context.WithTimeout(ctx, d)
	return ctx, cancel, d
}

var (
	_ resource.Resource                   = &participantResource{}
	_ resource.ResourceWithConfigure      = &participantResource{}
	_ resource.ResourceWithImportState    = &participantResource{}
	_ resource.ResourceWithValidateConfig = &participantResource{}
	_ resource.ResourceWithModifyPlan     = &participantResource{}
	_ resource.ResourceWithIdentity       = &participantResource{}
)

type participantResource struct {
	data *providerData
}

// NewConferenceParticipantResource is the signalwire_conference_participant
// resource factory.
func NewConferenceParticipantResource() resource.Resource {
	return &participantResource{}
}

func (r *participantResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_conference_participant"
}

func (r *participantResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = configureResource(req, resp)
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
	if len(imported) > 0 {
		// The first apply after an import adopts announce_url: whether
		// that announcement already played is unknown, so it is not
		// played again (see announceAdopted).
		if state.AnnounceURL.IsNull() {
			params.AnnounceURL, params.AnnounceMethod = nil, nil
		}
		resp.Diagnostics.Append(resp.Private.SetKey(ctx, privateImported, nil)...)
	}
	if params.IsEmpty() {
		plan.keepPrior(&state)
		resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
		resp.Diagnostics.Append(setIdentity(ctx, resp.Identity, &plan)...)
		return
	}
	if resp.Diagnostics.Append(r.send(ctx, "Update", &plan, params, timeout)...); resp.Diagnostics.HasError() {
		return
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
