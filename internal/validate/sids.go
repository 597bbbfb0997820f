package validate

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr/xattr"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/seed177019bb/terraform-provider-signalwire/internal/sidtypes"
)

type sidsValidator struct{}

// SIDs returns a validator for a set of sids (element type sidtypes.SIDType):
// it runs the sid type's own check on each element, which the framework runs
// for a sid attribute but not for the elements of a collection.
func SIDs() validator.Set {
	return sidsValidator{}
}

func (sidsValidator) Description(context.Context) string {
	return "each element must be a UUID such as " + sidtypes.Example
}

func (v sidsValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (sidsValidator) ValidateSet(ctx context.Context, req validator.SetRequest, resp *validator.SetResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	for _, element := range req.ConfigValue.Elements() {
		sid, ok := element.(sidtypes.SID)
		if !ok {
			continue // the schema's element type is not sidtypes.SIDType: nothing to check here
		}
		var out xattr.ValidateAttributeResponse
		sid.ValidateAttribute(ctx, xattr.ValidateAttributeRequest{Path: req.Path.AtSetValue(element)}, &out)
		resp.Diagnostics.Append(out.Diagnostics...)
	}
}
