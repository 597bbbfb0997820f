package provider

import (
	"reflect"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/seed177019bb/terraform-provider-signalwire/internal/client"
	"github.com/seed177019bb/terraform-provider-signalwire/internal/sidtypes"
)

const (
	callA = "a1b2c3d4-0001-4a5b-8c9d-0e1f2a3b4c5d"
	callB = "a1b2c3d4-0002-4a5b-8c9d-0e1f2a3b4c5d"
)

func baseModel() participantModel {
	return participantModel{
		participantData: participantData{
			CallSID:        sidtypes.NewSIDValue(callA),
			Muted:          types.BoolValue(false),
			Hold:           types.BoolValue(false),
			Coaching:       types.BoolValue(false),
			CallSIDToCoach: sidtypes.NewSIDNull(),
		},
		AnnounceURL:    types.StringNull(),
		AnnounceMethod: types.StringValue("POST"),
		HoldURL:        types.StringNull(),
		HoldMethod:     types.StringValue("GET"),
		WaitURL:        types.StringNull(),
		WaitMethod:     types.StringValue("POST"),
		OnDestroy:      types.StringValue("keep"),
	}
}

func TestUpdateParams(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		edit func(state, plan *participantModel)
		want string // encoded form
	}{
		{"nothing changed", func(_, _ *participantModel) {}, ""},
		{"on_destroy only", func(_, p *participantModel) { p.OnDestroy = types.StringValue("remove") }, ""},
		{"mute", func(_, p *participantModel) { p.Muted = types.BoolValue(true) }, "Muted=true"},
		{"start coaching", func(_, p *participantModel) {
			p.Coaching = types.BoolValue(true)
			p.CallSIDToCoach = sidtypes.NewSIDValue(callB)
		}, "CallSidToCoach=" + callB + "&Coaching=true"},
		{"stop coaching", func(s, p *participantModel) {
			s.Coaching, s.CallSIDToCoach = types.BoolValue(true), sidtypes.NewSIDValue(callB)
		}, "Coaching=false"},
		{"coach another call", func(s, p *participantModel) {
			s.Coaching, s.CallSIDToCoach = types.BoolValue(true), sidtypes.NewSIDValue(callA)
			p.Coaching, p.CallSIDToCoach = types.BoolValue(true), sidtypes.NewSIDValue(callB)
		}, "CallSidToCoach=" + callB + "&Coaching=true"},
		{"announce url unchanged with other change", func(s, p *participantModel) {
			s.AnnounceURL = types.StringValue("https://e.com/a")
			p.AnnounceURL = types.StringValue("https://e.com/a")
			p.Hold = types.BoolValue(true)
		}, "Hold=true"},
		{"announce method alone never replays", func(s, p *participantModel) {
			s.AnnounceURL = types.StringValue("https://e.com/a")
			p.AnnounceURL = types.StringValue("https://e.com/a")
			p.AnnounceMethod = types.StringValue("GET")
		}, ""},
		{"announce url changed", func(s, p *participantModel) {
			s.AnnounceURL = types.StringValue("https://e.com/a")
			p.AnnounceURL = types.StringValue("https://e.com/b")
		}, "AnnounceMethod=POST&AnnounceUrl=https%3A%2F%2Fe.com%2Fb"},
		{"hold method resends hold url", func(s, p *participantModel) {
			s.HoldURL = types.StringValue("https://e.com/h")
			p.HoldURL = types.StringValue("https://e.com/h")
			p.HoldMethod = types.StringValue("POST")
		}, "HoldMethod=POST&HoldUrl=https%3A%2F%2Fe.com%2Fh"},
		{"wait url removed sends nothing", func(s, p *participantModel) {
			s.WaitURL = types.StringValue("https://e.com/w")
		}, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			state, plan := baseModel(), baseModel()
			tc.edit(&state, &plan)
			p := participantRequest(&state, &plan)
			if got := p.Encode().Encode(); got != tc.want {
				t.Errorf("form = %q, want %q", got, tc.want)
			}
			if p.IsEmpty() != (tc.want == "") {
				t.Errorf("IsEmpty = %v for %q", p.IsEmpty(), tc.want)
			}
		})
	}
}

func TestCreateParams(t *testing.T) {
	t.Parallel()
	m := baseModel()
	m.Muted = types.BoolValue(true)
	m.HoldURL = types.StringValue("https://e.com/h")
	got := participantRequest(nil, &m).Encode().Encode()
	want := "Coaching=false&Hold=false&HoldMethod=GET&HoldUrl=https%3A%2F%2Fe.com%2Fh&Muted=true"
	if got != want {
		t.Errorf("create form = %q, want %q", got, want)
	}
}

func TestApplyParticipantKeepsConfiguredURLs(t *testing.T) {
	t.Parallel()
	m := baseModel()
	m.HoldURL = types.StringValue("https://e.com/h")
	m.applyParticipant(&client.Participant{
		AccountSID: "acct", ConferenceSID: "conf", CallSID: callA, Muted: true, Status: "in-progress",
		URI: "/x.json", CallSIDToCoach: "",
	})
	if m.HoldURL.ValueString() != "https://e.com/h" || m.HoldMethod.ValueString() != "GET" {
		t.Errorf("configured URL or method lost: %v %v", m.HoldURL, m.HoldMethod)
	}
	if !m.CallSIDToCoach.IsNull() || !m.Muted.ValueBool() || m.ID.ValueString() != "acct/conf/"+callA {
		t.Errorf("API values not applied: %+v", m)
	}
}

func TestValidateCoaching(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name     string
		coaching types.Bool
		target   sidtypes.SID
		want     string
	}{
		{"off", types.BoolValue(false), sidtypes.NewSIDNull(), ""},
		{"null coaching is off", types.BoolNull(), sidtypes.NewSIDNull(), ""},
		{"on with target", types.BoolValue(true), sidtypes.NewSIDValue(callB), ""},
		{"on without target", types.BoolValue(true), sidtypes.NewSIDNull(), "Missing Call SID to Coach"},
		{"target without coaching", types.BoolNull(), sidtypes.NewSIDValue(callB), "Call SID to Coach Without Coaching"},
		{"coach itself", types.BoolValue(true), sidtypes.NewSIDValue(strings.ToUpper(callA)), "Participant Cannot Coach Itself"},
		{"unknown target", types.BoolValue(true), sidtypes.NewSIDUnknown(), ""},
		{"unknown coaching", types.BoolUnknown(), sidtypes.NewSIDValue(callB), ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			m := baseModel()
			m.Coaching, m.CallSIDToCoach = tc.coaching, tc.target
			diags := validateCoaching(&m)
			if tc.want == "" {
				if diags.HasError() {
					t.Fatalf("unexpected error: %v", diags)
				}
				return
			}
			if !diags.HasError() || diags[0].Summary() != tc.want {
				t.Fatalf("diags = %v, want %q", diags, tc.want)
			}
		})
	}
}

// TestEverySettingHasARequestRule changes each configurable attribute of the
// schema alone and checks what participantRequest sends for it. An attribute
// added to the schema without a row here fails the test, so what it sends is
// decided where the mapping is, not forgotten.
func TestEverySettingHasARequestRule(t *testing.T) {
	t.Parallel()
	const hold, wait, announce = "https://e.com/h", "https://e.com/w", "https://e.com/a"
	rules := map[string]struct {
		edit func(state, plan *participantModel)
		want string // the encoded form; "" for attributes the API never hears of
	}{
		"muted": {func(_, p *participantModel) { p.Muted = types.BoolValue(true) }, "Muted=true"},
		"hold":  {func(_, p *participantModel) { p.Hold = types.BoolValue(true) }, "Hold=true"},
		"coaching": {func(_, p *participantModel) {
			p.Coaching, p.CallSIDToCoach = types.BoolValue(true), sidtypes.NewSIDValue(callB)
		}, "CallSidToCoach=" + callB + "&Coaching=true"},
		"call_sid_to_coach": {func(s, p *participantModel) {
			s.Coaching, s.CallSIDToCoach = types.BoolValue(true), sidtypes.NewSIDValue(callA)
			p.Coaching, p.CallSIDToCoach = types.BoolValue(true), sidtypes.NewSIDValue(callB)
		}, "CallSidToCoach=" + callB + "&Coaching=true"},
		"announce_url": {func(_, p *participantModel) { p.AnnounceURL = types.StringValue(announce) }, "AnnounceMethod=POST&AnnounceUrl=https%3A%2F%2Fe.com%2Fa"},
		"announce_method": {func(s, p *participantModel) {
			s.AnnounceURL, p.AnnounceURL = types.StringValue(announce), types.StringValue(announce)
			p.AnnounceMethod = types.StringValue("GET")
		}, ""}, // never replays the announcement
		"hold_url": {func(_, p *participantModel) { p.HoldURL = types.StringValue(hold) }, "HoldMethod=GET&HoldUrl=https%3A%2F%2Fe.com%2Fh"},
		"hold_method": {func(s, p *participantModel) {
			s.HoldURL, p.HoldURL = types.StringValue(hold), types.StringValue(hold)
			p.HoldMethod = types.StringValue("POST")
		}, "HoldMethod=POST&HoldUrl=https%3A%2F%2Fe.com%2Fh"},
		"wait_url": {func(_, p *participantModel) { p.WaitURL = types.StringValue(wait) }, "WaitMethod=POST&WaitUrl=https%3A%2F%2Fe.com%2Fw"},
		"wait_method": {func(s, p *participantModel) {
			s.WaitURL, p.WaitURL = types.StringValue(wait), types.StringValue(wait)
			p.WaitMethod = types.StringValue("GET")
		}, "WaitMethod=GET&WaitUrl=https%3A%2F%2Fe.com%2Fw"},
		"on_destroy": {func(_, p *participantModel) { p.OnDestroy = types.StringValue("reset") }, ""},
		// The key: a change replaces the resource, so no update carries it.
		"account_sid":    {func(_, p *participantModel) { p.AccountSID = sidtypes.NewSIDValue(callB) }, ""},
		"conference_sid": {func(_, p *participantModel) { p.ConferenceSID = sidtypes.NewSIDValue(callB) }, ""},
		"call_sid":       {func(_, p *participantModel) { p.CallSID = sidtypes.NewSIDValue(callB) }, ""},
	}
	for name, a := range participantSchema(t.Context()).Attributes {
		if !a.IsOptional() && !a.IsRequired() {
			continue
		}
		rule, ok := rules[name]
		if !ok {
			t.Errorf("attribute %q has no request rule: map it in participantRequest and add it here", name)
			continue
		}
		state, plan := baseModel(), baseModel()
		rule.edit(&state, &plan)
		if got := participantRequest(&state, &plan).Encode().Encode(); got != rule.want {
			t.Errorf("%s changed alone sends %q, want %q", name, got, rule.want)
		}
	}
}

// TestKeepPriorFillsEveryUnknown plans every API-owned attribute unknown, as
// a plan that changes only provider-side attributes can, and checks that an
// update sending nothing keeps each one's prior value.
func TestKeepPriorFillsEveryUnknown(t *testing.T) {
	t.Parallel()
	prior := baseModel()
	prior.participantData = flattenParticipant(&client.Participant{
		AccountSID: "acct", ConferenceSID: "conf", CallSID: callA, Status: "connected", URI: "/p.json",
		EndConferenceOnExit: true, StartConferenceOnEnter: true, Muted: true,
	})
	plan := prior
	v := reflect.ValueOf(&plan.participantData).Elem()
	for i := range v.NumField() {
		if _, ok := v.Field(i).Interface().(sidtypes.SID); ok {
			v.Field(i).Set(reflect.ValueOf(sidtypes.NewSIDUnknown()))
			continue
		}
		switch v.Field(i).Interface().(type) {
		case types.String:
			v.Field(i).Set(reflect.ValueOf(types.StringUnknown()))
		case types.Bool:
			v.Field(i).Set(reflect.ValueOf(types.BoolUnknown()))
		default:
			t.Fatalf("field %s: add its unknown value to this test", v.Type().Field(i).Name)
		}
	}
	plan.keepPrior(&prior)
	if !reflect.DeepEqual(plan.participantData, prior.participantData) {
		t.Errorf("keepPrior left %+v, want %+v", plan.participantData, prior.participantData)
	}
}
