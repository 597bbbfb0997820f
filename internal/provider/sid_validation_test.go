package provider

import (
	"context"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/seed177019bb/terraform-provider-signalwire/internal/sidtypes"
)

// configValue is a configuration object of typ with every attribute null but
// those in set.
func configValue(t *testing.T, typ tftypes.Object, set map[string]tftypes.Value) *tfprotov6.DynamicValue {
	t.Helper()
	vals := map[string]tftypes.Value{}
	for name, attrType := range typ.AttributeTypes {
		vals[name] = tftypes.NewValue(attrType, nil)
		if v, ok := set[name]; ok {
			vals[name] = v
		}
	}
	dv, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, vals))
	if err != nil {
		t.Fatal(err)
	}
	return &dv
}

func str(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }

// TestValidateConfig_oneDiagnosticPerBadSID: a malformed sid in any sid
// attribute of the resources, the data sources or the provider gives exactly
// one error, naming the attribute; the same sid in upper case gives none.
// The attributes are read from the schemas, so a new one is covered too.
func TestValidateConfig_oneDiagnosticPerBadSID(t *testing.T) {
	ctx := context.Background()
	server, schemas := protocolServer(ctx, t)
	typeOf := func(kind, typeName string) tftypes.Object {
		s := map[string]*tfprotov6.Schema{
			"resource": schemas.ResourceSchemas[typeName], "data": schemas.DataSourceSchemas[typeName], "provider": schemas.Provider,
		}[kind]
		obj, ok := s.ValueType().(tftypes.Object)
		if !ok {
			t.Fatalf("schema type %T", s.ValueType())
		}
		return obj
	}
	const (
		good  = "7A6B5C4D-3E2F-4A1B-9C8D-7E6F5A4B3C2D"
		other = "c0ffee00-1111-4222-8333-444455556666"
	)
	yes := tftypes.NewValue(tftypes.Bool, true)
	// Rules beyond the sids that a valid configuration must follow.
	extras := map[string]map[string]tftypes.Value{
		"signalwire_conference_participant_policy": {"muted": yes},
		"signalwire_conference":                    {"sid": str(good)},
	}
	type sidCase struct {
		kind, typeName, attr string
		set                  bool // a set of sids
		base                 map[string]tftypes.Value
	}
	var cases []sidCase
	for _, a := range sidArgumentCases(ctx, t) {
		base := map[string]tftypes.Value{}
		for _, req := range a.required {
			base[req] = str(good)
		}
		for k, v := range extras[a.typeName] {
			base[k] = v
		}
		if a.attr == "call_sid_to_coach" {
			base["coaching"], base["call_sid"] = yes, str(other)
		}
		cases = append(cases, sidCase{a.kind, a.typeName, a.attr, a.set, base})
	}
	cases = append(cases, sidCase{kind: "provider", attr: "project_id"})
	if len(cases) < 12 {
		t.Fatalf("found only %d sid attributes: %+v", len(cases), cases)
	}
	for _, tc := range cases {
		t.Run(tc.kind+" "+tc.typeName+"."+tc.attr, func(t *testing.T) {
			for value, want := range map[string]int{"CA123": 1, good: 0} {
				set := map[string]tftypes.Value{tc.attr: str(value)}
				if tc.set {
					set[tc.attr] = tftypes.NewValue(tftypes.Set{ElementType: tftypes.String}, []tftypes.Value{str(value)})
				}
				for k, v := range tc.base {
					if k != tc.attr {
						set[k] = v
					}
				}
				diags, err := validateConfig(ctx, server, tc.kind, tc.typeName, configValue(t, typeOf(tc.kind, tc.typeName), set))
				if err != nil {
					t.Fatal(err)
				}
				if len(diags) != want {
					t.Fatalf("%s = %q: %d diagnostics, want %d: %v", tc.attr, value, len(diags), want, summaries(diags))
				}
				if want == 1 && !strings.Contains(diags[0].Detail, tc.attr) || want == 1 && !strings.Contains(diags[0].Detail, "must be a UUID") {
					t.Errorf("detail does not name %s: %s", tc.attr, diags[0].Detail)
				}
			}
		})
	}
}

// validateConfig asks the provider server to validate cfg as the
// configuration of a resource, a data source or the provider itself.
func validateConfig(ctx context.Context, server tfprotov6.ProviderServer, kind, typeName string,
	cfg *tfprotov6.DynamicValue) ([]*tfprotov6.Diagnostic, error) {
	switch kind {
	case "resource":
		resp, err := server.ValidateResourceConfig(ctx, &tfprotov6.ValidateResourceConfigRequest{TypeName: typeName, Config: cfg})
		if err != nil {
			return nil, err
		}
		return resp.Diagnostics, nil
	case "data":
		resp, err := server.ValidateDataResourceConfig(ctx, &tfprotov6.ValidateDataResourceConfigRequest{TypeName: typeName, Config: cfg})
		if err != nil {
			return nil, err
		}
		return resp.Diagnostics, nil
	}
	resp, err := server.ValidateProviderConfig(ctx, &tfprotov6.ValidateProviderConfigRequest{Config: cfg})
	if err != nil {
		return nil, err
	}
	return resp.Diagnostics, nil
}

func summaries(diags []*tfprotov6.Diagnostic) []string {
	out := make([]string, len(diags))
	for i, d := range diags {
		out[i] = d.Summary + ": " + d.Detail
	}
	return out
}

// TestValidateConfig_oneDiagnosticPerBadValue: each bad value of the
// bad-input matrices (the participant's and the policy's), alone in an
// otherwise valid configuration, gives exactly one error, with the summary
// the matrices expect. Terraform stops at validation, so this is every
// diagnostic the user sees for it.
func TestValidateConfig_oneDiagnosticPerBadValue(t *testing.T) {
	ctx := context.Background()
	server, schemas := protocolServer(ctx, t)
	const (
		conf  = "7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d"
		call  = "c0ffee00-1111-4222-8333-444455556666"
		other = "c0ffee00-2222-4222-8333-444455556666"
	)
	yes := tftypes.NewValue(tftypes.Bool, true)
	no := tftypes.NewValue(tftypes.Bool, false)
	sids := func(s ...string) tftypes.Value {
		vals := make([]tftypes.Value, len(s))
		for i, v := range s {
			vals[i] = str(v)
		}
		return tftypes.NewValue(tftypes.Set{ElementType: tftypes.String}, vals)
	}
	type set = map[string]tftypes.Value
	participant, policy := "signalwire_conference_participant", "signalwire_conference_participant_policy"
	cases := []struct {
		name, typeName, summary string
		set                     set
	}{
		{"coaching without target", participant, "Missing Call SID to Coach", set{"coaching": yes}},
		{"target without coaching", participant, "Call SID to Coach Without Coaching", set{"call_sid_to_coach": str(other)}},
		{"target with coaching false", participant, "Call SID to Coach Without Coaching", set{"coaching": no, "call_sid_to_coach": str(other)}},
		{"coaching itself", participant, "Participant Cannot Coach Itself", set{"coaching": yes, "call_sid_to_coach": str(call)}},
		{"coach target not a uuid", participant, "Invalid SignalWire ID", set{"coaching": yes, "call_sid_to_coach": str("CA123")}},
		{"upper-case coaching itself", participant, "Participant Cannot Coach Itself", set{"coaching": yes, "call_sid_to_coach": str(strings.ToUpper(call))}},
		{"relative announce url", participant, "Invalid URL", set{"announce_url": str("/welcome.xml")}},
		{"ftp hold url", participant, "Invalid URL", set{"hold_url": str("ftp://example.com/hold.mp3")}},
		{"wait url without scheme", participant, "Invalid URL", set{"wait_url": str("example.com/wait.xml")}},
		{"announce method", participant, "Invalid Attribute Value Match", set{"announce_method": str("PUT")}},
		{"hold method", participant, "Invalid Attribute Value Match", set{"hold_method": str("get")}},
		{"wait method", participant, "Invalid Attribute Value Match", set{"wait_method": str("DELETE")}},
		{"on_destroy", participant, "Invalid Attribute Value Match", set{"on_destroy": str("hangup")}},
		{"policy ftp hold url", policy, "Invalid URL", set{"hold": yes, "hold_url": str("ftp://example.com/hold.mp3")}},
		{"policy hold method", policy, "Invalid Attribute Value Match", set{"hold": yes, "hold_method": str("get")}},
		{"policy excluded sid", policy, "Invalid SignalWire ID", set{"muted": yes, "exclude_call_sids": sids(call, "CA0123")}},
		{"policy on_destroy", policy, "Invalid Attribute Value Match", set{"muted": yes, "on_destroy": str("remove")}},
		{"policy sets nothing", policy, "Conference Participant Policy Sets Nothing", set{"exclude_moderators": yes}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			obj, ok := schemas.ResourceSchemas[tc.typeName].ValueType().(tftypes.Object)
			if !ok {
				t.Fatalf("schema type of %s", tc.typeName)
			}
			values := set{"conference_sid": str(conf)}
			if tc.typeName == participant {
				values["call_sid"] = str(call)
			}
			for k, v := range tc.set {
				values[k] = v
			}
			diags, err := validateConfig(ctx, server, "resource", tc.typeName, configValue(t, obj, values))
			if err != nil {
				t.Fatal(err)
			}
			if len(diags) != 1 || diags[0].Summary != tc.summary || diags[0].Severity != tfprotov6.DiagnosticSeverityError {
				t.Errorf("%d diagnostic(s), want one error %q: %v", len(diags), tc.summary, summaries(diags))
			}
		})
	}
}

// TestProviderConfig_oneDiagnosticPerBadValue: each bad provider setting,
// alone among valid ones, gives exactly one error, whether the schema's
// validators catch it (ValidateProviderConfig) or Configure does.
func TestProviderConfig_oneDiagnosticPerBadValue(t *testing.T) {
	for _, k := range []string{envSpaceURL, envSpace, envAPIHostname, envProjectID, envAPIToken, envMaxRetries, envMaxRate} {
		t.Setenv(k, "")
	}
	ctx := context.Background()
	server, schemas := protocolServer(ctx, t)
	obj, ok := schemas.Provider.ValueType().(tftypes.Object)
	if !ok {
		t.Fatal("provider schema type")
	}
	valid := map[string]tftypes.Value{
		"space_url":  str("example.signalwire.com"),
		"project_id": str("7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d"),
		"api_token":  str("PTtoken"),
	}
	cases := []struct {
		name, attr, summary string
		value               tftypes.Value
	}{
		{"max_retries above the limit", "max_retries", "Invalid Attribute Value", tftypes.NewValue(tftypes.Number, maxRetriesLimit+1)},
		{"max_retries negative", "max_retries", "Invalid Attribute Value", tftypes.NewValue(tftypes.Number, -1)},
		{"max_requests_per_second too low", "max_requests_per_second", "Invalid Attribute Value", tftypes.NewValue(tftypes.Number, 0.001)},
		{"project_id not a uuid", "project_id", "Invalid SignalWire ID", str("AC123")},
		{"space_url not https", "space_url", "Invalid SignalWire Space URL", str("ftp://example.com")},
		{"space_url with credentials", "space_url", "Invalid SignalWire Space URL", str("https://user:pw@example.signalwire.com")},
		{"api_token with a newline", "api_token", "Invalid SignalWire API Token", str("PTtoken\n")},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			set := maps.Clone(valid)
			set[tc.attr] = tc.value
			cfg := configValue(t, obj, set)
			diags, err := validateConfig(ctx, server, "provider", "", cfg)
			if err != nil {
				t.Fatal(err)
			}
			if len(diags) == 0 {
				resp, err := server.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{Config: cfg, TerraformVersion: "1.11.4"})
				if err != nil {
					t.Fatal(err)
				}
				diags = resp.Diagnostics
			}
			if len(diags) != 1 || diags[0].Summary != tc.summary || diags[0].Severity != tfprotov6.DiagnosticSeverityError {
				t.Errorf("%d diagnostic(s), want one error %q: %v", len(diags), tc.summary, summaries(diags))
			}
		})
	}
}

// schemaAttribute is what resource and data source schema attributes share.
type schemaAttribute interface {
	IsRequired() bool
	IsOptional() bool
	GetType() attr.Type
}

// sidArgumentCase is a configurable sid attribute of a resource or data
// source, with the required attributes of its schema.
type sidArgumentCase struct {
	kind, typeName, attr string
	set                  bool
	required             []string
}

// sidArgumentCases lists every configurable sid attribute (one whose type is
// sidtypes.SIDType, or a set of them) of the provider's resources and data
// sources, read from their schemas: one added later is covered without a
// new row.
func sidArgumentCases(ctx context.Context, t *testing.T) []sidArgumentCase {
	t.Helper()
	p := New("test", "test")()
	var out []sidArgumentCase
	collect := func(kind, typeName string, attrs map[string]schemaAttribute) {
		var required []string
		for name, a := range attrs {
			if a.IsRequired() {
				required = append(required, name)
			}
		}
		for name, a := range attrs {
			if !a.IsOptional() && !a.IsRequired() {
				continue
			}
			_, sid := a.GetType().(sidtypes.SIDType)
			st, isSet := a.GetType().(types.SetType)
			isSet = isSet && st.ElemType == sidtypes.SIDType{}
			if sid || isSet {
				out = append(out, sidArgumentCase{kind, typeName, name, isSet, slices.DeleteFunc(slices.Clone(required), func(r string) bool { return r == name })})
			}
		}
	}
	for _, f := range p.Resources(ctx) {
		var meta resource.MetadataResponse
		var sch resource.SchemaResponse
		r := f()
		r.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: "signalwire"}, &meta)
		r.Schema(ctx, resource.SchemaRequest{}, &sch)
		collect("resource", meta.TypeName, asSchemaAttributes(sch.Schema.Attributes))
	}
	for _, f := range p.DataSources(ctx) {
		var meta datasource.MetadataResponse
		var sch datasource.SchemaResponse
		d := f()
		d.Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: "signalwire"}, &meta)
		d.Schema(ctx, datasource.SchemaRequest{}, &sch)
		collect("data", meta.TypeName, asSchemaAttributes(sch.Schema.Attributes))
	}
	return out
}

func asSchemaAttributes[A schemaAttribute](attrs map[string]A) map[string]schemaAttribute {
	out := make(map[string]schemaAttribute, len(attrs))
	for k, v := range attrs {
		out[k] = v
	}
	return out
}

// protocolServer is the provider as Terraform talks to it, with its schemas.
func protocolServer(ctx context.Context, t *testing.T) (tfprotov6.ProviderServer, *tfprotov6.GetProviderSchemaResponse) {
	t.Helper()
	server, err := providerserver.NewProtocol6WithError(New("test", "test")())()
	if err != nil {
		t.Fatal(err)
	}
	schemas, err := server.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	return server, schemas
}
