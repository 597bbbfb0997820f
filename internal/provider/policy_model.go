package provider

import (
	"context"
	"encoding/json"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/seed177019bb/terraform-provider-signalwire/internal/client"
	"github.com/seed177019bb/terraform-provider-signalwire/internal/sidtypes"
)

// policyModel is the signalwire_conference_participant_policy resource.
type policyModel struct {
	ID                types.String   `tfsdk:"id"`
	AccountSID        sidtypes.SID   `tfsdk:"account_sid"`
	ConferenceSID     sidtypes.SID   `tfsdk:"conference_sid"`
	Muted             types.Bool     `tfsdk:"muted"`
	Hold              types.Bool     `tfsdk:"hold"`
	HoldURL           types.String   `tfsdk:"hold_url"`
	HoldMethod        types.String   `tfsdk:"hold_method"`
	ExcludeCallSIDs   types.Set      `tfsdk:"exclude_call_sids"`
	ExcludeModerators types.Bool     `tfsdk:"exclude_moderators"`
	OnDestroy         types.String   `tfsdk:"on_destroy"`
	Participants      types.Map      `tfsdk:"participants"`
	Timeouts          timeouts.Value `tfsdk:"timeouts"`
}

var policyOnDestroyModes = []string{onDestroyKeep, onDestroyReset}

// policyEntry is one covered participant in the participants map.
type policyEntry struct {
	Muted         bool `tfsdk:"muted"`
	Hold          bool `tfsdk:"hold"`
	MutedByPolicy bool `tfsdk:"muted_by_policy"`
	HeldByPolicy  bool `tfsdk:"held_by_policy"`
}

var policyEntryType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"muted": types.BoolType, "hold": types.BoolType, "muted_by_policy": types.BoolType, "held_by_policy": types.BoolType,
}}

// policyID is the resource id: the account and conference sids, in the
// API's spelling as the participant's id is.
func policyID(accountSID, conferenceSID string) string {
	return sidtypes.Canonical(accountSID + "/" + conferenceSID)
}

func (m *policyModel) key() (account, conference string) {
	return m.AccountSID.ValueString(), m.ConferenceSID.ValueString()
}

func (m *policyModel) description() string {
	return "the participant policy of conference " + m.ConferenceSID.ValueString()
}

func (m *policyModel) entries(ctx context.Context) (map[string]policyEntry, diag.Diagnostics) {
	out := map[string]policyEntry{}
	if m.Participants.IsNull() || m.Participants.IsUnknown() {
		return out, nil
	}
	diags := m.Participants.ElementsAs(ctx, &out, false)
	return out, diags
}

func (m *policyModel) setEntries(ctx context.Context, entries map[string]policyEntry) diag.Diagnostics {
	v, diags := types.MapValueFrom(ctx, policyEntryType, entries)
	m.Participants = v
	return diags
}

// listed is one participant of the conference as last listed. Moderator is
// start_conference_on_enter. The short JSON names keep the private state of
// a large conference small.
type listed struct {
	Muted     bool `json:"m,omitempty"`
	Hold      bool `json:"h,omitempty"`
	Moderator bool `json:"s,omitempty"`
}

// roster is every participant of the conference, covered or not, keyed by
// call sid as the API returns it. It is kept in private state so that a
// plan can cover a participant the previous configuration excluded.
type roster map[string]listed

const rosterKey = "roster"

func rosterOf(ps []client.Participant) roster {
	r := make(roster, len(ps))
	for _, p := range ps {
		r[p.CallSID] = listed{Muted: p.Muted, Hold: p.Hold, Moderator: p.StartConferenceOnEnter}
	}
	return r
}

type privateGetter interface {
	GetKey(ctx context.Context, key string) ([]byte, diag.Diagnostics)
}

type privateSetter interface {
	SetKey(ctx context.Context, key string, value []byte) diag.Diagnostics
}

// readRoster returns the roster in private state; ok is false when there is
// none, as in a state written before the roster was kept.
func readRoster(ctx context.Context, p privateGetter) (roster, bool, diag.Diagnostics) {
	data, diags := p.GetKey(ctx, rosterKey)
	if diags.HasError() || len(data) == 0 {
		return nil, false, diags
	}
	var r roster
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, false, diags
	}
	return r, true, diags
}

func writeRoster(ctx context.Context, p privateSetter, r roster) diag.Diagnostics {
	data, err := json.Marshal(r)
	if err != nil {
		var diags diag.Diagnostics
		diags.AddError("Unable to Record Conference Participants", err.Error())
		return diags
	}
	return p.SetKey(ctx, rosterKey, data)
}

// policySettings is what a configuration asks of the participants; muted
// and hold are nil when the policy leaves that setting alone.
type policySettings struct {
	muted, hold       *bool
	exclude           map[string]string // sidtypes.Canonical to the configured spelling
	excludeModerators bool
}

// settings reads the model's settings; known is false while any of them is
// unknown, which leaves the plan unable to say whom apply will change.
func (m *policyModel) settings(ctx context.Context) (s policySettings, known bool, diags diag.Diagnostics) {
	if m.Muted.IsUnknown() || m.Hold.IsUnknown() || m.ExcludeModerators.IsUnknown() ||
		m.ExcludeCallSIDs.IsUnknown() {
		return s, false, nil
	}
	var exclude []sidtypes.SID
	if !m.ExcludeCallSIDs.IsNull() {
		if diags = m.ExcludeCallSIDs.ElementsAs(ctx, &exclude, false); diags.HasError() {
			return s, false, diags
		}
	}
	s = policySettings{
		muted: m.Muted.ValueBoolPointer(), hold: m.Hold.ValueBoolPointer(),
		exclude: make(map[string]string, len(exclude)), excludeModerators: m.ExcludeModerators.ValueBool(),
	}
	for _, sid := range exclude {
		if sid.IsUnknown() {
			return s, false, nil
		}
		s.exclude[sidtypes.Canonical(sid.ValueString())] = sid.ValueString()
	}
	return s, true, nil
}

func (s policySettings) covers(call string, p listed) bool {
	if _, excluded := s.exclude[sidtypes.Canonical(call)]; excluded {
		return false
	}
	return !s.excludeModerators || !p.Moderator
}

// record is the participants map as read: every covered participant as it
// is. A participant stays marked as muted (held) by the policy only while it
// is still muted (on hold); one unmuted since gets muted again, and marked
// again, by the next apply.
func (s policySettings) record(r roster, prior map[string]policyEntry) map[string]policyEntry {
	out := make(map[string]policyEntry, len(r))
	for call, p := range r {
		if !s.covers(call, p) {
			continue
		}
		was := prior[call]
		out[call] = policyEntry{
			Muted: p.Muted, Hold: p.Hold,
			MutedByPolicy: was.MutedByPolicy && p.Muted, HeldByPolicy: was.HeldByPolicy && p.Hold,
		}
	}
	return out
}

// converge is the participants map after apply: each entry out of line with
// the policy takes the policy's settings, marked as the policy's doing when
// the policy turned the setting on.
func (s policySettings) converge(recorded map[string]policyEntry) map[string]policyEntry {
	out := make(map[string]policyEntry, len(recorded))
	for call, e := range recorded {
		if s.muted != nil && e.Muted != *s.muted {
			e.Muted, e.MutedByPolicy = *s.muted, *s.muted
		}
		if s.hold != nil && e.Hold != *s.hold {
			e.Hold, e.HeldByPolicy = *s.hold, *s.hold
		}
		out[call] = e
	}
	return out
}

// participantUpdate is one request to one participant.
type participantUpdate struct {
	call   string
	params client.UpdateParticipantParams
}

// updatesFor lists, in call sid order, the requests that take each planned
// participant from how it was listed to its planned entry, each carrying
// only the settings that differ. Hold music travels with a hold.
func updatesFor(r roster, planned map[string]policyEntry, holdURL, holdMethod types.String) []participantUpdate {
	var out []participantUpdate
	for call, e := range planned {
		p, ok := r[call]
		if !ok || (p.Muted == e.Muted && p.Hold == e.Hold) {
			continue
		}
		var params client.UpdateParticipantParams
		if p.Muted != e.Muted {
			params.Muted = &e.Muted
		}
		if p.Hold != e.Hold {
			params.Hold = &e.Hold
			if e.Hold {
				params.HoldURL, params.HoldMethod = urlWithMethod(holdURL, holdMethod)
			}
		}
		out = append(out, participantUpdate{call: call, params: params})
	}
	slices.SortFunc(out, func(a, b participantUpdate) int { return strings.Compare(a.call, b.call) })
	return out
}

// resetUpdates unmutes the participants the policy muted and takes off hold
// those it put on hold, in call sid order.
func resetUpdates(entries map[string]policyEntry) []participantUpdate {
	var out []participantUpdate
	off := false
	for call, e := range entries {
		var params client.UpdateParticipantParams
		if e.MutedByPolicy {
			params.Muted = &off
		}
		if e.HeldByPolicy {
			params.Hold = &off
		}
		if !params.IsEmpty() {
			out = append(out, participantUpdate{call: call, params: params})
		}
	}
	slices.SortFunc(out, func(a, b participantUpdate) int { return strings.Compare(a.call, b.call) })
	return out
}
