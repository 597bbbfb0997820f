package validate

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/seed177019bb/terraform-provider-signalwire/internal/client"
)

// IsUUID reports whether s is a UUID in canonical form, the form of every
// SignalWire id; the rule lives in the client, which also checks the account
// of a pasted account URL with it.
func IsUUID(s string) bool {
	return client.IsUUID(s)
}

type uuidValidator struct{}

// UUID returns a validator that requires a UUID such as
// 3fa85f64-5717-4562-b3fc-2c963f66afa6.
func UUID() validator.String {
	return uuidValidator{}
}

func (uuidValidator) Description(context.Context) string {
	return "value must be a UUID such as 3fa85f64-5717-4562-b3fc-2c963f66afa6"
}

func (v uuidValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (uuidValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if IsUUID(req.ConfigValue.ValueString()) {
		return
	}
	resp.Diagnostics.AddAttributeError(req.Path, "Invalid SignalWire ID",
		fmt.Sprintf("%s must be a UUID such as 3fa85f64-5717-4562-b3fc-2c963f66afa6, got %q. "+
			"SignalWire ids are UUIDs; copy the sid from the SignalWire dashboard or API.",
			req.Path, req.ConfigValue.ValueString()))
}
