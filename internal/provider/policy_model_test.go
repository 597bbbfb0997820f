package provider

import (
	"context"
	"errors"
	"maps"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/seed177019bb/terraform-provider-signalwire/internal/sidtypes"
)

const (
	sidA = "a0000000-0000-4000-8000-000000000001"
	sidB = "b0000000-0000-4000-8000-000000000002"
	sidC = "c0000000-0000-4000-8000-000000000003"
	sidD = "d0000000-0000-4000-8000-000000000004"
)

func ptr[T any](v T) *T { return &v }

func TestPolicyRecordAndConverge(t *testing.T) {
	t.Parallel()
	r := roster{
		sidA:                                   {},                // unmuted
		sidB:                                   {Muted: true},     // muted, by the policy before
		sidC:                                   {Muted: true},     // muted by someone else
		sidD:                                   {Moderator: true}, // a host
		"E0000000-0000-4000-8000-00000000000E": {Hold: true},      // excluded, in another spelling
	}
	prior := map[string]policyEntry{
		sidB: {Muted: true, MutedByPolicy: true},
		sidC: {MutedByPolicy: true}, // unmuted since, then muted by someone else
	}
	s := policySettings{
		muted:   ptr(true),
		exclude: map[string]string{sidtypes.Canonical("e0000000-0000-4000-8000-00000000000e"): "e0000000-0000-4000-8000-00000000000e"}, excludeModerators: true,
	}
	recorded := s.record(r, prior)
	wantRecorded := map[string]policyEntry{
		sidA: {},
		sidB: {Muted: true, MutedByPolicy: true},
		sidC: {Muted: true, MutedByPolicy: true}, // still muted, so the mark stays
	}
	if !maps.Equal(recorded, wantRecorded) {
		t.Errorf("record = %v, want %v", recorded, wantRecorded)
	}
	planned := s.converge(recorded)
	wantPlanned := map[string]policyEntry{
		sidA: {Muted: true, MutedByPolicy: true},
		sidB: {Muted: true, MutedByPolicy: true},
		sidC: {Muted: true, MutedByPolicy: true},
	}
	if !maps.Equal(planned, wantPlanned) {
		t.Errorf("converge = %v, want %v", planned, wantPlanned)
	}

	// Unmuting everyone clears the marks of those it unmutes; hold is left
	// alone when unset.
	off := policySettings{muted: ptr(false), exclude: map[string]string{}}
	got := off.converge(map[string]policyEntry{sidA: {Muted: true, Hold: true, MutedByPolicy: true, HeldByPolicy: true}})
	if want := (policyEntry{Hold: true, HeldByPolicy: true}); got[sidA] != want {
		t.Errorf("converge with muted = false: %v, want %v", got[sidA], want)
	}

	// A mark is dropped once the setting is found off: the participant was
	// unmuted outside Terraform.
	again := s.record(roster{sidB: {}}, prior)
	if want := (policyEntry{}); again[sidB] != want {
		t.Errorf("record after drift = %v, want %v", again[sidB], want)
	}
}

func TestUpdatesFor(t *testing.T) {
	t.Parallel()
	r := roster{sidA: {}, sidB: {Muted: true}, sidC: {Muted: true, Hold: true}}
	planned := map[string]policyEntry{
		sidA: {Muted: true, Hold: true},
		sidB: {Muted: true, Hold: true},
		sidC: {Muted: true, Hold: true},
		sidD: {Muted: true}, // not listed: never sent
	}
	url := types.StringValue("https://example.com/hold.xml")
	got := updatesFor(r, planned, url, types.StringValue("POST"))
	want := map[string]string{
		sidA: "Hold=true&HoldMethod=POST&HoldUrl=https%3A%2F%2Fexample.com%2Fhold.xml&Muted=true",
		sidB: "Hold=true&HoldMethod=POST&HoldUrl=https%3A%2F%2Fexample.com%2Fhold.xml",
	}
	if len(got) != len(want) || got[0].call != sidA || got[1].call != sidB {
		t.Fatalf("updates = %v, want %s then %s", got, sidA, sidB)
	}
	for _, u := range got {
		if enc := u.params.Encode().Encode(); enc != want[u.call] {
			t.Errorf("%s: %s, want %s", u.call, enc, want[u.call])
		}
	}
	// Without hold_url only the flags are sent; taking off hold never sends music.
	got = updatesFor(roster{sidA: {Hold: true}}, map[string]policyEntry{sidA: {}}, types.StringNull(), types.StringValue("GET"))
	if len(got) != 1 || got[0].params.Encode().Encode() != "Hold=false" {
		t.Errorf("unhold = %v, want Hold=false alone", got)
	}
}

func TestResetUpdates(t *testing.T) {
	t.Parallel()
	got := resetUpdates(map[string]policyEntry{
		sidA: {Muted: true, MutedByPolicy: true},
		sidB: {Muted: true, Hold: true, HeldByPolicy: true},
		sidC: {Muted: true, Hold: true}, // the policy changed nothing
	})
	if len(got) != 2 || got[0].params.Encode().Encode() != "Muted=false" || got[1].params.Encode().Encode() != "Hold=false" {
		t.Errorf("reset = %v, want Muted=false to %s and Hold=false to %s", got, sidA, sidB)
	}
}

func TestUpdateOutcomeSettle(t *testing.T) {
	t.Parallel()
	recorded := map[string]policyEntry{sidA: {}, sidB: {}, sidC: {}, sidD: {Muted: true}}
	planned := map[string]policyEntry{
		sidA: {Muted: true, MutedByPolicy: true}, sidB: {Muted: true, MutedByPolicy: true},
		sidC: {Muted: true, MutedByPolicy: true}, sidD: {Muted: true},
	}
	updates := []participantUpdate{{call: sidA}, {call: sidB}, {call: sidC}}
	o := updateOutcome{
		done: map[string]bool{sidA: true}, gone: map[string]bool{sidB: true},
		failed: map[string]error{sidC: errors.New("refused")},
	}
	got := o.settle(updates, recorded, planned)
	want := map[string]policyEntry{sidA: planned[sidA], sidB: planned[sidB], sidC: {}, sidD: {Muted: true}}
	if !maps.Equal(got, want) {
		t.Errorf("settle = %v, want %v", got, want)
	}
	r := roster{sidA: {Moderator: true}, sidB: {}, sidC: {}}
	o.advance(r, planned)
	if want := (roster{sidA: {Muted: true, Moderator: true}, sidB: {Muted: true}, sidC: {}}); !maps.Equal(r, want) {
		t.Errorf("advance = %v, want %v", r, want)
	}
}

func TestPolicySettingsUnknown(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	base := policyModel{
		Muted: types.BoolValue(true), Hold: types.BoolNull(), ExcludeModerators: types.BoolValue(false),
		ExcludeCallSIDs: types.SetValueMust(sidtypes.SIDType{}, []attr.Value{sidtypes.NewSIDValue(strings.ToUpper(sidA))}),
	}
	if s, known, _ := base.settings(ctx); !known || s.exclude[sidA] != strings.ToUpper(sidA) || s.hold != nil || !*s.muted {
		t.Errorf("settings = %+v, known %t", s, known)
	}
	for name, m := range map[string]policyModel{
		"muted":   {Muted: types.BoolUnknown(), Hold: base.Hold, ExcludeModerators: base.ExcludeModerators, ExcludeCallSIDs: base.ExcludeCallSIDs},
		"set":     {Muted: base.Muted, Hold: base.Hold, ExcludeModerators: base.ExcludeModerators, ExcludeCallSIDs: types.SetUnknown(sidtypes.SIDType{})},
		"element": {Muted: base.Muted, Hold: base.Hold, ExcludeModerators: base.ExcludeModerators, ExcludeCallSIDs: types.SetValueMust(sidtypes.SIDType{}, []attr.Value{sidtypes.NewSIDUnknown()})},
	} {
		if _, known, _ := m.settings(ctx); known {
			t.Errorf("%s unknown: settings reported known", name)
		}
	}
}

type fakePrivate map[string][]byte

func (p fakePrivate) GetKey(_ context.Context, key string) ([]byte, diag.Diagnostics) {
	return p[key], nil
}

func (p fakePrivate) SetKey(_ context.Context, key string, value []byte) diag.Diagnostics {
	p[key] = value
	return nil
}

func TestRosterRoundTrip(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	p := fakePrivate{}
	if _, ok, _ := readRoster(ctx, p); ok {
		t.Error("an empty private state has a roster")
	}
	want := roster{sidA: {Muted: true, Moderator: true}, sidB: {}}
	writeRoster(ctx, p, want)
	got, ok, diags := readRoster(ctx, p)
	if !ok || diags.HasError() || !maps.Equal(got, want) {
		t.Errorf("readRoster = %v %t %v, want %v", got, ok, diags, want)
	}
	if string(p[rosterKey]) != `{"`+sidA+`":{"m":true,"s":true},"`+sidB+`":{}}` {
		t.Errorf("stored roster = %s", p[rosterKey])
	}
}

func TestAbsentExclusions(t *testing.T) {
	t.Parallel()
	// sidB is configured in upper case: the warning spells it so.
	upperB := strings.ToUpper(sidB)
	s := policySettings{exclude: map[string]string{sidtypes.Canonical(sidA): sidA, sidtypes.Canonical(sidB): upperB}}
	if diags := absentExclusions(s, roster{sidA: {}, sidB: {}}, "conf"); len(diags) != 0 {
		t.Errorf("warned about present calls: %v", diags)
	}
	diags := absentExclusions(s, roster{sidA: {}}, "conf")
	if len(diags) != 1 || diags[0].Severity() != diag.SeverityWarning ||
		!strings.Contains(diags[0].Detail(), "names "+upperB+", not in conference conf") {
		t.Errorf("diagnostics = %v, want one warning naming %s as configured", diags, upperB)
	}
}
