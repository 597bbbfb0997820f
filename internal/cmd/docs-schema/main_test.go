package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

const address = "registry.terraform.io/seed177019bb/signalwire"

func TestRunKeysByNameAndAddsIdentity(t *testing.T) {
	t.Parallel()
	in := `{"format_version":"1.0","provider_schemas":{"` + address + `":{"provider":{"version":0}}}}`
	var buf bytes.Buffer
	if err := run(t.Context(), strings.NewReader(in), &buf, address, "signalwire"); err != nil {
		t.Fatal(err)
	}
	var got struct {
		ProviderSchemas map[string]struct {
			Provider        json.RawMessage `json:"provider"`
			IdentitySchemas map[string]struct {
				Attributes map[string]struct {
					Type              string `json:"type"`
					RequiredForImport bool   `json:"required_for_import"`
					OptionalForImport bool   `json:"optional_for_import"`
				} `json:"attributes"`
			} `json:"resource_identity_schemas"`
		} `json:"provider_schemas"`
	}
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, buf.String())
	}
	if _, ok := got.ProviderSchemas[address]; ok || len(got.ProviderSchemas) != 1 {
		t.Fatalf("provider schemas keyed %v, want only signalwire", buf.String())
	}
	schema := got.ProviderSchemas["signalwire"]
	if string(schema.Provider) != `{"version":0}` {
		t.Errorf("provider schema = %s, want it unchanged", schema.Provider)
	}
	attrs := schema.IdentitySchemas["signalwire_conference_participant"].Attributes
	for name, required := range map[string]bool{"conference_sid": true, "call_sid": true, "account_sid": false} {
		a, ok := attrs[name]
		if !ok {
			t.Fatalf("identity of signalwire_conference_participant lacks %s: %s", name, buf.String())
		}
		if a.Type != "string" || a.RequiredForImport != required || a.OptionalForImport == required {
			t.Errorf("%s = %+v, want a string attribute required for import: %v", name, a, required)
		}
	}
}

func TestRunKeepsExportedIdentity(t *testing.T) {
	t.Parallel()
	in := `{"format_version":"1.0","provider_schemas":{"` + address + `":{"resource_identity_schemas":{"x":{"version":3}}}}}`
	var buf bytes.Buffer
	if err := run(t.Context(), strings.NewReader(in), &buf, address, "signalwire"); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `"resource_identity_schemas":{"x":{"version":3}}`) {
		t.Errorf("an exported identity schema was replaced: %s", buf.String())
	}
}

func TestRunRejectsMissingProvider(t *testing.T) {
	t.Parallel()
	err := run(t.Context(), strings.NewReader(`{"provider_schemas":{}}`), &bytes.Buffer{}, address, "signalwire")
	if err == nil || !strings.Contains(err.Error(), address) {
		t.Errorf("err = %v, want one naming %s", err, address)
	}
}
