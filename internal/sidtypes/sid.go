// Package sidtypes is the Terraform type of every SignalWire sid: the
// project (account) id and the sids of conferences and calls.
//
// The Compatibility API documents every sid as a UUID (format "uuid" in its
// OpenAPI document) and answers with the lower-case spelling whatever
// spelling a request used [observed]. A UUID names the same thing in any
// case (RFC 9562), so two spellings of one UUID are semantically equal: the
// framework then keeps the spelling a configuration used instead of reporting
// the API's spelling as a change.
package sidtypes

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/attr/xattr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/seed177019bb/terraform-provider-signalwire/internal/client"
)

// Example is a well-formed sid, quoted in every message about a bad one.
const Example = "3fa85f64-5717-4562-b3fc-2c963f66afa6"

// IsValid reports whether s is a UUID in canonical form, in any case; the
// rule is the client's, which checks a pasted account URL with it too.
func IsValid(s string) bool { return client.IsUUID(s) }

// Same reports whether a and b spell the same sid: they are equal ignoring
// case. Neither needs to be valid.
func Same(a, b string) bool { return client.SameID(a, b) }

// Canonical is the spelling the API answers with: lower case.
func Canonical(s string) string { return client.CanonicalID(s) }

var (
	_ basetypes.StringTypable                    = SIDType{}
	_ basetypes.StringValuableWithSemanticEquals = SID{}
	_ xattr.ValidateableAttribute                = SID{}
)

// SIDType is the attribute type of a sid; set it as an attribute's CustomType.
type SIDType struct {
	basetypes.StringType
}

// String names the type in framework messages.
func (t SIDType) String() string { return "sidtypes.SIDType" }

// ValueType returns the value type of this type.
func (t SIDType) ValueType(context.Context) attr.Value { return SID{} }

// Equal reports whether o is also a SIDType.
func (t SIDType) Equal(o attr.Type) bool {
	other, ok := o.(SIDType)
	return ok && t.StringType.Equal(other.StringType)
}

// ValueFromString wraps a string value as a SID.
func (t SIDType) ValueFromString(_ context.Context, in basetypes.StringValue) (basetypes.StringValuable, diag.Diagnostics) {
	return SID{StringValue: in}, nil
}

// ValueFromTerraform converts a Terraform string into a SID.
func (t SIDType) ValueFromTerraform(ctx context.Context, in tftypes.Value) (attr.Value, error) {
	v, err := t.StringType.ValueFromTerraform(ctx, in)
	if err != nil {
		return nil, err
	}
	s, ok := v.(basetypes.StringValue)
	if !ok {
		return nil, fmt.Errorf("unexpected value type %T", v)
	}
	return SID{StringValue: s}, nil
}

// SID is a sid as Terraform holds it: null, unknown, or a string that
// validation has checked is a UUID.
type SID struct {
	basetypes.StringValue
}

// NewSIDValue is a known sid, spelt as given.
func NewSIDValue(s string) SID { return SID{StringValue: basetypes.NewStringValue(s)} }

// NewSIDNull is a null sid.
func NewSIDNull() SID { return SID{StringValue: basetypes.NewStringNull()} }

// NewSIDUnknown is a sid not yet known.
func NewSIDUnknown() SID { return SID{StringValue: basetypes.NewStringUnknown()} }

// Type returns SIDType.
func (v SID) Type(context.Context) attr.Type { return SIDType{} }

// Equal is exact equality, spelling included, as the framework requires of
// Equal; StringSemanticEquals is the case-insensitive comparison.
func (v SID) Equal(o attr.Value) bool {
	other, ok := o.(SID)
	return ok && v.StringValue.Equal(other.StringValue)
}

// StringSemanticEquals reports whether both values are known and spell the
// same sid, so the framework keeps the prior spelling.
func (v SID) StringSemanticEquals(_ context.Context, newValuable basetypes.StringValuable) (bool, diag.Diagnostics) {
	var diags diag.Diagnostics
	newValue, ok := newValuable.(SID)
	if !ok {
		diags.AddError("Semantic Equality Check Error",
			fmt.Sprintf("Expected a sidtypes.SID, got %T. This is a bug in the provider; please report it.", newValuable))
		return false, diags
	}
	return v.SameAs(newValue), diags
}

// SameAs reports whether v and o are both known and spell the same sid.
func (v SID) SameAs(o SID) bool {
	if v.IsNull() || v.IsUnknown() || o.IsNull() || o.IsUnknown() {
		return false
	}
	return Same(v.ValueString(), o.ValueString())
}

// EqualFold reports whether v and o are equal ignoring the case of a known
// sid: both null, both unknown, or the same sid however spelt. Use it to
// decide whether a sid changed.
func (v SID) EqualFold(o SID) bool { return v.Equal(o) || v.SameAs(o) }

// KeepSpelling returns prior when it spells the same sid as v, else v: the
// spelling Terraform already holds wins over the API's.
func (v SID) KeepSpelling(prior SID) SID {
	if prior.SameAs(v) {
		return prior
	}
	return v
}

// ValidateAttribute is the one format check of every sid attribute: the
// framework runs it whenever it reads a configuration, plan or state value.
func (v SID) ValidateAttribute(_ context.Context, req xattr.ValidateAttributeRequest, resp *xattr.ValidateAttributeResponse) {
	if v.IsNull() || v.IsUnknown() || IsValid(v.ValueString()) {
		return
	}
	remedy := "SignalWire ids are UUIDs; copy the sid from the SignalWire dashboard or API."
	if IsValid(strings.TrimSpace(v.ValueString())) {
		// Pasted with a space or line break: the sid itself is fine.
		remedy = "Remove the spaces or line breaks around it."
	}
	resp.Diagnostics.AddAttributeError(req.Path, "Invalid SignalWire ID",
		fmt.Sprintf("%s must be a UUID such as %s, got %q. %s", req.Path, Example, v.ValueString(), remedy))
}
