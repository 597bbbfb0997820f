package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/seed177019bb/terraform-provider-signalwire/internal/sidtypes"
)

// TestModifyPlanWarnsBeforeRemove: a destroy plan for on_destroy = "remove"
// warns that the call leaves the conference; the other modes stay quiet.
func TestModifyPlanWarnsBeforeRemove(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	r := &participantResource{}
	var sch resource.SchemaResponse
	r.Schema(ctx, resource.SchemaRequest{}, &sch)
	typ := sch.Schema.Type().TerraformType(ctx)

	for mode, wantWarning := range map[string]bool{"keep": false, "reset": false, "remove": true} {
		m := baseModel()
		m.OnDestroy = types.StringValue(mode)
		m.ConferenceSID = sidtypes.NewSIDValue(callB)
		m.Timeouts = timeouts.Value{Object: types.ObjectNull(map[string]attr.Type{
			"create": types.StringType, "read": types.StringType, "update": types.StringType, "delete": types.StringType,
		})}
		state := tfsdk.State{Schema: sch.Schema, Raw: tftypes.NewValue(typ, nil)}
		if diags := state.Set(ctx, &m); diags.HasError() {
			t.Fatal(diags)
		}
		req := resource.ModifyPlanRequest{
			State: state,
			Plan:  tfsdk.Plan{Schema: sch.Schema, Raw: tftypes.NewValue(typ, nil)},
		}
		resp := resource.ModifyPlanResponse{Plan: req.Plan}
		r.ModifyPlan(ctx, req, &resp)
		warnings := resp.Diagnostics.Warnings()
		if got := len(warnings) == 1; got != wantWarning {
			t.Errorf("%s: warnings = %v, want warning %v", mode, warnings, wantWarning)
			continue
		}
		if wantWarning && !strings.Contains(warnings[0].Detail(), callA) {
			t.Errorf("%s: warning does not name the call: %s", mode, warnings[0].Detail())
		}
	}
}
