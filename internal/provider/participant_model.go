package provider

import (
	"fmt"
	"reflect"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
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

// participantRequest is the one mapping from the resource to the API's
// form: the POST that takes a participant from prior to plan, carrying only
// what differs. On create prior is nil: nothing is known to be set, so every
// configured setting is sent (the flags always, each URL with its method).
// announce_url is sent only when the URL itself changed: every request that
// carries it plays the announcement again, so changing announce_method alone
// (or anything else) must not replay it. Hold and wait URLs are resent when
// either the URL or its method changed, since the method is meaningless
// without the URL. Whether there is anything to send is the encoded form's
// business (UpdateParticipantParams.IsEmpty), not a second list.
func participantRequest(prior, plan *participantModel) client.UpdateParticipantParams {
	if prior == nil {
		prior = &participantModel{} // every attribute null
	}
	var p client.UpdateParticipantParams
	if !plan.Muted.Equal(prior.Muted) {
		p.Muted = plan.Muted.ValueBoolPointer()
	}
	if !plan.Hold.Equal(prior.Hold) {
		p.Hold = plan.Hold.ValueBoolPointer()
	}
	coachChanged := !plan.CallSIDToCoach.EqualFold(prior.CallSIDToCoach)
	if !plan.Coaching.Equal(prior.Coaching) || (plan.Coaching.ValueBool() && coachChanged) {
		p.Coaching = plan.Coaching.ValueBoolPointer()
		if plan.Coaching.ValueBool() {
			p.CallSIDToCoach = plan.CallSIDToCoach.ValueStringPointer()
		}
	}
	if !plan.AnnounceURL.Equal(prior.AnnounceURL) {
		p.AnnounceURL, p.AnnounceMethod = urlWithMethod(plan.AnnounceURL, plan.AnnounceMethod)
	}
	if !plan.HoldURL.Equal(prior.HoldURL) || !plan.HoldMethod.Equal(prior.HoldMethod) {
		p.HoldURL, p.HoldMethod = urlWithMethod(plan.HoldURL, plan.HoldMethod)
	}
	if !plan.WaitURL.Equal(prior.WaitURL) || !plan.WaitMethod.Equal(prior.WaitMethod) {
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

// keepPrior fills each API-owned attribute the plan left unknown with its
// value in prior: when an update needs no request the API changes nothing,
// so what it owns stays as last read. It walks the fields, so a computed
// attribute added to participantData is covered without a new line here.
func (m *participantModel) keepPrior(prior *participantModel) {
	mine, theirs := reflect.ValueOf(&m.participantData).Elem(), reflect.ValueOf(&prior.participantData).Elem()
	for i := range mine.NumField() {
		if v, ok := mine.Field(i).Interface().(attr.Value); ok && v.IsUnknown() {
			mine.Field(i).Set(theirs.Field(i))
		}
	}
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

// participantData is a participant as the data sources expose it: the
// signalwire_conference_participant data source's model and the element of
// signalwire_conference_participants' list.
type participantData struct {
	ID                     types.String `tfsdk:"id"`
	AccountSID             sidtypes.SID `tfsdk:"account_sid"`
	ConferenceSID          sidtypes.SID `tfsdk:"conference_sid"`
	CallSID                sidtypes.SID `tfsdk:"call_sid"`
	Muted                  types.Bool   `tfsdk:"muted"`
	Hold                   types.Bool   `tfsdk:"hold"`
	Coaching               types.Bool   `tfsdk:"coaching"`
	CallSIDToCoach         sidtypes.SID `tfsdk:"call_sid_to_coach"`
	Status                 types.String `tfsdk:"status"`
	DateCreated            types.String `tfsdk:"date_created"`
	DateUpdated            types.String `tfsdk:"date_updated"`
	EndConferenceOnExit    types.Bool   `tfsdk:"end_conference_on_exit"`
	StartConferenceOnEnter types.Bool   `tfsdk:"start_conference_on_enter"`
	URI                    types.String `tfsdk:"uri"`
}

// flattenParticipant is the one mapping from the API's participant to
// Terraform values; the resource uses it too.
func flattenParticipant(p *client.Participant) participantData {
	return participantData{
		ID:                     types.StringValue(participantID(p.AccountSID, p.ConferenceSID, p.CallSID)),
		AccountSID:             sidtypes.NewSIDValue(p.AccountSID),
		ConferenceSID:          sidtypes.NewSIDValue(p.ConferenceSID),
		CallSID:                sidtypes.NewSIDValue(p.CallSID),
		Muted:                  types.BoolValue(p.Muted),
		Hold:                   types.BoolValue(p.Hold),
		Coaching:               types.BoolValue(p.Coaching),
		CallSIDToCoach:         optionalSID(p.CallSIDToCoach),
		Status:                 types.StringValue(p.Status),
		DateCreated:            types.StringValue(p.DateCreated.String()),
		DateUpdated:            types.StringValue(p.DateUpdated.String()),
		EndConferenceOnExit:    types.BoolValue(p.EndConferenceOnExit),
		StartConferenceOnEnter: types.BoolValue(p.StartConferenceOnEnter),
		URI:                    types.StringValue(p.URI),
	}
}

// optionalSID maps the API's empty string (or null) to a null value.
func optionalSID(s string) sidtypes.SID {
	if s == "" {
		return sidtypes.NewSIDNull()
	}
	return sidtypes.NewSIDValue(s)
}

// participantIdentity names a participant for import blocks with identity
// (Terraform 1.12 and later, OpenTofu 1.12 and later).
type participantIdentity struct {
	AccountSID    types.String `tfsdk:"account_sid"`
	ConferenceSID types.String `tfsdk:"conference_sid"`
	CallSID       types.String `tfsdk:"call_sid"`
}

// newParticipantIdentity is the identity of a participant, in the API's
// spelling: Terraform and the framework compare identities exactly, so one
// that followed the configured spelling would "change" when only the case
// of a sid did.
func newParticipantIdentity(account, conference, call string) participantIdentity {
	return participantIdentity{
		AccountSID:    types.StringValue(sidtypes.Canonical(account)),
		ConferenceSID: types.StringValue(sidtypes.Canonical(conference)),
		CallSID:       types.StringValue(sidtypes.Canonical(call)),
	}
}
