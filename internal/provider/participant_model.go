package provider

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/seed177019bb/terraform-provider-signalwire/internal/client"
	"github.com/seed177019bb/terraform-provider-signalwire/internal/sidtypes"
)

const (
	onDestroyKeep   = "keep"
	onDestroyReset  = "reset"
	onDestroyRemove = "remove"

	methodGET  = "GET"
	methodPOST = "POST"

	defaultAnnounceMethod = methodPOST
	defaultHoldMethod     = methodGET
	defaultWaitMethod     = methodPOST
)

var (
	onDestroyModes = []string{onDestroyKeep, onDestroyReset, onDestroyRemove}
	httpMethods    = []string{methodGET, methodPOST}
)

// participantModel is the resource: the API's view of the participant
// (shared with the data sources) plus what only configuration knows.
type participantModel struct {
	participantData
	AnnounceURL    types.String   `tfsdk:"announce_url"`
	AnnounceMethod types.String   `tfsdk:"announce_method"`
	HoldURL        types.String   `tfsdk:"hold_url"`
	HoldMethod     types.String   `tfsdk:"hold_method"`
	WaitURL        types.String   `tfsdk:"wait_url"`
	WaitMethod     types.String   `tfsdk:"wait_method"`
	OnDestroy      types.String   `tfsdk:"on_destroy"`
	Timeouts       timeouts.Value `tfsdk:"timeouts"`
}

// participantID is the resource id: account, conference and call sids, in
// the API's spelling, so that it does not change with the configured one.
func participantID(accountSID, conferenceSID, callSID string) string {
	return sidtypes.Canonical(fmt.Sprintf("%s/%s/%s", accountSID, conferenceSID, callSID))
}

func (m *participantModel) key() (account, conference, call string) {
	return m.AccountSID.ValueString(), m.ConferenceSID.ValueString(), m.CallSID.ValueString()
}

func (m *participantModel) description() string {
	return fmt.Sprintf("call %s in conference %s", m.CallSID.ValueString(), m.ConferenceSID.ValueString())
}

// createParams is the whole desired state in one request: the configuration
// is authoritative, so the flags are always sent, and each URL travels with
// its method.
func (m *participantModel) createParams() client.UpdateParticipantParams {
	p := client.UpdateParticipantParams{
		Muted:    m.Muted.ValueBoolPointer(),
		Hold:     m.Hold.ValueBoolPointer(),
		Coaching: m.Coaching.ValueBoolPointer(),
	}
	if m.Coaching.ValueBool() {
		p.CallSIDToCoach = m.CallSIDToCoach.ValueStringPointer()
	}
	p.AnnounceURL, p.AnnounceMethod = urlWithMethod(m.AnnounceURL, m.AnnounceMethod)
	p.HoldURL, p.HoldMethod = urlWithMethod(m.HoldURL, m.HoldMethod)
	p.WaitURL, p.WaitMethod = urlWithMethod(m.WaitURL, m.WaitMethod)
	return p
}

// updateParams carries only what differs between state and plan.
// announce_url is sent only when the URL itself changed: every request that
// carries it plays the announcement again, so changing announce_method alone
// (or anything else) must not replay it. Hold and wait URLs are resent when
// either the URL or its method changed, since the method is meaningless
// without the URL.
func updateParams(state, plan *participantModel) client.UpdateParticipantParams {
	var p client.UpdateParticipantParams
	if !plan.Muted.Equal(state.Muted) {
		p.Muted = plan.Muted.ValueBoolPointer()
	}
	if !plan.Hold.Equal(state.Hold) {
		p.Hold = plan.Hold.ValueBoolPointer()
	}
	coachChanged := !plan.CallSIDToCoach.EqualFold(state.CallSIDToCoach)
	if !plan.Coaching.Equal(state.Coaching) || (plan.Coaching.ValueBool() && coachChanged) {
		p.Coaching = plan.Coaching.ValueBoolPointer()
		if plan.Coaching.ValueBool() {
			p.CallSIDToCoach = plan.CallSIDToCoach.ValueStringPointer()
		}
	}
	if !plan.AnnounceURL.Equal(state.AnnounceURL) {
		p.AnnounceURL, p.AnnounceMethod = urlWithMethod(plan.AnnounceURL, plan.AnnounceMethod)
	}
	if !plan.HoldURL.Equal(state.HoldURL) || !plan.HoldMethod.Equal(state.HoldMethod) {
		p.HoldURL, p.HoldMethod = urlWithMethod(plan.HoldURL, plan.HoldMethod)
	}
	if !plan.WaitURL.Equal(state.WaitURL) || !plan.WaitMethod.Equal(state.WaitMethod) {
		p.WaitURL, p.WaitMethod = urlWithMethod(plan.WaitURL, plan.WaitMethod)
	}
	return p
}

// urlWithMethod returns nothing for a null URL: the API has no way to clear
// a callback URL, so removing one from configuration only stops managing it.
func urlWithMethod(u, method types.String) (*string, *string) {
	if u.IsNull() || u.IsUnknown() {
		return nil, nil
	}
	return u.ValueStringPointer(), method.ValueStringPointer()
}

// resetParams returns a participant to the API's defaults on destroy.
func resetParams() client.UpdateParticipantParams {
	f := false
	return client.UpdateParticipantParams{Muted: &f, Hold: &f, Coaching: &f}
}

// applyParticipant copies what the API returns into the model. URL and
// method attributes are left alone: the API never returns them. Sids come
// back in the API's spelling; their type's semantic equality keeps the
// spelling Terraform already holds.
func (m *participantModel) applyParticipant(p *client.Participant) {
	m.participantData = flattenParticipant(p)
}

// applyConfirmed copies a participant read back after an update whose answer
// was lost. The settings the update sent keep their planned values: the API
// applied them, and state must agree with the plan; everything else comes
// from the read, never from the lost answer.
func (m *participantModel) applyConfirmed(p *client.Participant) {
	want := m.participantData
	m.applyParticipant(p)
	m.Muted, m.Hold, m.Coaching, m.CallSIDToCoach = want.Muted, want.Hold, want.Coaching, want.CallSIDToCoach
}

// settingsShown reports whether a participant read back shows every setting
// sent set to the value sent. URLs and methods are never returned, so they
// cannot be checked.
func settingsShown(sent client.UpdateParticipantParams, got *participantData) bool {
	same := func(want *bool, have types.Bool) bool { return want == nil || *want == have.ValueBool() }
	return same(sent.Muted, got.Muted) && same(sent.Hold, got.Hold) && same(sent.Coaching, got.Coaching) &&
		(sent.CallSIDToCoach == nil || sidtypes.Same(*sent.CallSIDToCoach, got.CallSIDToCoach.ValueString()))
}

// setDefaultsForImport fills the attributes that only configuration knows,
// with their schema defaults, so an imported participant plans cleanly
// against a configuration that leaves them unset.
func (m *participantModel) setDefaultsForImport() {
	m.AnnounceURL = types.StringNull()
	m.HoldURL = types.StringNull()
	m.WaitURL = types.StringNull()
	m.AnnounceMethod = types.StringValue(defaultAnnounceMethod)
	m.HoldMethod = types.StringValue(defaultHoldMethod)
	m.WaitMethod = types.StringValue(defaultWaitMethod)
	m.OnDestroy = types.StringValue(onDestroyKeep)
}
