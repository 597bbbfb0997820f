package sidtypes_test

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr/xattr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/seed177019bb/terraform-provider-signalwire/internal/sidtypes"
)

const (
	lower = "c0ffee00-1111-4222-8333-444455556666"
	upper = "C0FFEE00-1111-4222-8333-444455556666"
	mixed = "c0FFee00-1111-4222-8333-444455556666"
	other = "7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d"
)

func TestValidateAttribute(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		value   sidtypes.SID
		wantErr bool
	}{
		"lower case":     {sidtypes.NewSIDValue(lower), false},
		"upper case":     {sidtypes.NewSIDValue(upper), false},
		"mixed case":     {sidtypes.NewSIDValue(mixed), false},
		"null":           {sidtypes.NewSIDNull(), false},
		"unknown":        {sidtypes.NewSIDUnknown(), false},
		"twilio style":   {sidtypes.NewSIDValue("CA1234567890abcdef1234567890abcdef"), true},
		"empty":          {sidtypes.NewSIDValue(""), true},
		"no dashes":      {sidtypes.NewSIDValue("3fa85f6457174562b3fc2c963f66afa6"), true},
		"trailing space": {sidtypes.NewSIDValue(lower + " "), true},
		"non hex":        {sidtypes.NewSIDValue("z" + lower[1:]), true},
		"braces":         {sidtypes.NewSIDValue("{" + lower + "}"), true},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var resp xattr.ValidateAttributeResponse
			tc.value.ValidateAttribute(context.Background(), xattr.ValidateAttributeRequest{Path: path.Root("call_sid")}, &resp)
			if got := resp.Diagnostics.HasError(); got != tc.wantErr {
				t.Fatalf("HasError = %v, want %v: %v", got, tc.wantErr, resp.Diagnostics)
			}
			if !tc.wantErr {
				return
			}
			if n := len(resp.Diagnostics); n != 1 {
				t.Fatalf("%d diagnostics, want exactly one: %v", n, resp.Diagnostics)
			}
			d := resp.Diagnostics[0]
			if d.Summary() != "Invalid SignalWire ID" || !strings.Contains(d.Detail(), "call_sid must be a UUID such as "+sidtypes.Example) {
				t.Errorf("diagnostic does not name the attribute and the form: %s: %s", d.Summary(), d.Detail())
			}
		})
	}
}

// TestValidateAttributeWhitespace: a sid pasted with a space or line break
// around it is refused with that remedy, not told it is no UUID.
func TestValidateAttributeWhitespace(t *testing.T) {
	t.Parallel()
	for _, value := range []string{lower + " ", " " + upper, lower + "\n", "\t" + mixed} {
		var resp xattr.ValidateAttributeResponse
		sidtypes.NewSIDValue(value).ValidateAttribute(context.Background(), xattr.ValidateAttributeRequest{Path: path.Root("call_sid")}, &resp)
		if len(resp.Diagnostics) != 1 || !strings.Contains(resp.Diagnostics[0].Detail(), "Remove the spaces or line breaks around it.") {
			t.Errorf("%q: diagnostics = %v, want one naming the whitespace", value, resp.Diagnostics)
		}
	}
}

func TestSemanticEquality(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		a, b sidtypes.SID
		want bool
	}{
		{"same spelling", sidtypes.NewSIDValue(lower), sidtypes.NewSIDValue(lower), true},
		{"upper and lower", sidtypes.NewSIDValue(upper), sidtypes.NewSIDValue(lower), true},
		{"mixed and upper", sidtypes.NewSIDValue(mixed), sidtypes.NewSIDValue(upper), true},
		{"different sids", sidtypes.NewSIDValue(lower), sidtypes.NewSIDValue(other), false},
		{"null and value", sidtypes.NewSIDNull(), sidtypes.NewSIDValue(lower), false},
		{"value and unknown", sidtypes.NewSIDValue(lower), sidtypes.NewSIDUnknown(), false},
		{"both null", sidtypes.NewSIDNull(), sidtypes.NewSIDNull(), false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, diags := tc.a.StringSemanticEquals(context.Background(), tc.b)
			if diags.HasError() || got != tc.want {
				t.Fatalf("StringSemanticEquals = %v %v, want %v", got, diags, tc.want)
			}
			if exact := tc.a.Equal(tc.b); exact && tc.a.ValueString() != tc.b.ValueString() {
				t.Fatal("Equal ignores spelling; it must stay exact")
			}
			if fold := tc.a.EqualFold(tc.b); fold != (tc.want || tc.a.Equal(tc.b)) {
				t.Fatalf("EqualFold = %v", fold)
			}
			wantKept := tc.b
			if tc.want {
				wantKept = tc.a
			}
			if kept := tc.b.KeepSpelling(tc.a); !kept.Equal(wantKept) {
				t.Fatalf("KeepSpelling = %s, want %s", kept, wantKept)
			}
		})
	}
	if _, diags := sidtypes.NewSIDValue(lower).StringSemanticEquals(context.Background(), basetypes.NewStringValue(lower)); !diags.HasError() {
		t.Error("comparing with a plain string should be reported as a provider bug")
	}
}

func TestTypeRoundTrip(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	typ := sidtypes.SIDType{}
	for _, in := range []tftypes.Value{
		tftypes.NewValue(tftypes.String, upper),
		tftypes.NewValue(tftypes.String, nil),
		tftypes.NewValue(tftypes.String, tftypes.UnknownValue),
	} {
		v, err := typ.ValueFromTerraform(ctx, in)
		if err != nil {
			t.Fatalf("ValueFromTerraform(%s): %v", in, err)
		}
		sid, ok := v.(sidtypes.SID)
		if !ok {
			t.Fatalf("ValueFromTerraform(%s) = %T, want sidtypes.SID", in, v)
		}
		out, err := sid.ToTerraformValue(ctx)
		if err != nil || !out.Equal(in) {
			t.Fatalf("round trip of %s gave %s, %v", in, out, err)
		}
		if !sid.Type(ctx).Equal(typ) || typ.Equal(basetypes.StringType{}) {
			t.Fatal("type equality is wrong")
		}
	}
}

func TestRule(t *testing.T) {
	t.Parallel()
	if !sidtypes.IsValid(upper) || sidtypes.IsValid("AC123") {
		t.Error("IsValid")
	}
	if !sidtypes.Same(upper, mixed) || sidtypes.Same(lower, other) {
		t.Error("Same")
	}
	if sidtypes.Canonical(upper) != lower {
		t.Error("Canonical")
	}
}
