package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/defaults"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"

	"github.com/seed177019bb/terraform-provider-signalwire/internal/sidtypes"
)

// importForms words the two forms of an import id made of the given sid
// names: without the account (the provider's project_id) and with it.
func importForms(names ...string) string {
	short := "<" + strings.Join(names, ">/<") + ">"
	return short + " (the account is the provider's project_id) or <account_sid>/" + short + ", each a UUID"
}

// keyPart is one sid of a resource's key, named as in the schema.
type keyPart struct{ name, value string }

// The sids of each resource's key after its account, as the schema names
// them: the forms of its import id.
var (
	participantKeyNames = []string{"conference_sid", "call_sid"}
	policyKeyNames      = []string{"conference_sid"}
)

// invalidKeyParts lists the parts of a key, the account and then one sid per
// name, that are not sids, in key order.
func invalidKeyParts(names []string, account string, sids ...string) []keyPart {
	values := append([]string{account}, sids...)
	var bad []keyPart
	for i, name := range append([]string{"account_sid"}, names...) {
		if !sidtypes.IsValid(values[i]) {
			bad = append(bad, keyPart{name, values[i]})
		}
	}
	return bad
}

// parseImportID accepts the sids named by names, joined by "/", optionally
// preceded by an account sid; without one the account is defaultAccount. It
// returns the account and the sids in the order of names, each in any case:
// the spelling given is the spelling kept in state.
func parseImportID(id, defaultAccount string, names ...string) (account string, sids []string, err error) {
	parts := strings.Split(id, "/")
	switch len(parts) {
	case len(names):
		account, sids = defaultAccount, parts
	case len(names) + 1:
		account, sids = parts[0], parts[1:]
	default:
		return "", nil, fmt.Errorf("import id %q has %d part(s); expected %s", id, len(parts), importForms(names...))
	}
	if bad := invalidKeyParts(names, account, sids...); len(bad) > 0 {
		return "", nil, fmt.Errorf("import id %q: %s %q is not a UUID; expected %s",
			id, bad[0].name, bad[0].value, importForms(names...))
	}
	return account, sids, nil
}

// setSchemaDefaults sets every attribute of s that has a default to that
// default: the value a configuration that leaves the attribute unset plans.
// Import uses it for what only configuration knows, so an imported resource
// plans no change there; the schema stays the one list of defaults.
func setSchemaDefaults(ctx context.Context, s schema.Schema, state *tfsdk.State) diag.Diagnostics {
	var diags diag.Diagnostics
	for name, a := range s.Attributes {
		p := path.Root(name)
		var value attr.Value
		var ds diag.Diagnostics
		switch a := a.(type) {
		case schema.StringAttribute:
			if a.Default != nil {
				var r defaults.StringResponse
				a.Default.DefaultString(ctx, defaults.StringRequest{Path: p}, &r)
				value, ds = r.PlanValue, r.Diagnostics
			}
		case schema.BoolAttribute:
			if a.Default != nil {
				var r defaults.BoolResponse
				a.Default.DefaultBool(ctx, defaults.BoolRequest{Path: p}, &r)
				value, ds = r.PlanValue, r.Diagnostics
			}
		}
		diags.Append(ds...)
		if value != nil {
			diags.Append(state.SetAttribute(ctx, p, value)...)
		}
	}
	return diags
}
