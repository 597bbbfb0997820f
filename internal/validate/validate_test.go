package validate_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/seed177019bb/terraform-provider-signalwire/internal/sidtypes"
	"github.com/seed177019bb/terraform-provider-signalwire/internal/validate"
)

func run(v validator.String, value types.String) validator.StringResponse {
	resp := validator.StringResponse{}
	v.ValidateString(context.Background(), validator.StringRequest{
		Path:        path.Root("attr"),
		ConfigValue: value,
	}, &resp)
	return resp
}

func TestHTTPURL(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		value   types.String
		wantErr bool
	}{
		"https":          {types.StringValue("https://example.com/hold.xml"), false},
		"http with port": {types.StringValue("http://127.0.0.1:8080/x?y=1"), false},
		"null":           {types.StringNull(), false},
		"unknown":        {types.StringUnknown(), false},
		"relative":       {types.StringValue("/hold.xml"), true},
		"no scheme":      {types.StringValue("example.com/hold.xml"), true},
		"ftp":            {types.StringValue("ftp://example.com/hold.xml"), true},
		"no host":        {types.StringValue("https:///hold.xml"), true},
		"opaque":         {types.StringValue("https:example.com"), true},
		"empty":          {types.StringValue(""), true},
		"garbage":        {types.StringValue("http://[::1"), true},
		"port only":      {types.StringValue("https://:8080/hold.xml"), true},
		"port too large": {types.StringValue("https://example.com:80800/hold.xml"), true},
		"port zero":      {types.StringValue("https://example.com:0/hold.xml"), true},
		"highest port":   {types.StringValue("https://example.com:65535/hold.xml"), false},
		"pasted newline": {types.StringValue("https://example.com/hold.xml\n"), true},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			resp := run(validate.HTTPURL(), tc.value)
			if got := resp.Diagnostics.HasError(); got != tc.wantErr {
				t.Fatalf("HasError = %v, want %v: %v", got, tc.wantErr, resp.Diagnostics)
			}
			if tc.wantErr && !strings.Contains(resp.Diagnostics[0].Detail(), "attr must be an absolute http or https URL") {
				t.Errorf("detail does not name the attribute: %s", resp.Diagnostics[0].Detail())
			}
		})
	}
}

func TestSIDs(t *testing.T) {
	t.Parallel()
	set := func(values ...attr.Value) types.Set {
		return types.SetValueMust(sidtypes.SIDType{}, values)
	}
	good, upper := sidtypes.NewSIDValue(sidtypes.Example), sidtypes.NewSIDValue(strings.ToUpper(sidtypes.Example))
	cases := map[string]struct {
		value types.Set
		bad   []string // the elements named in errors
	}{
		"null":            {types.SetNull(sidtypes.SIDType{}), nil},
		"unknown":         {types.SetUnknown(sidtypes.SIDType{}), nil},
		"valid, any case": {set(good, upper), nil},
		"unknown element": {set(good, sidtypes.NewSIDUnknown()), nil},
		"one bad":         {set(good, sidtypes.NewSIDValue("CA123")), []string{"CA123"}},
		"two bad":         {set(sidtypes.NewSIDValue("x"), sidtypes.NewSIDValue("")), []string{"x", ""}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			resp := validator.SetResponse{}
			validate.SIDs().ValidateSet(context.Background(), validator.SetRequest{Path: path.Root("attr"), ConfigValue: tc.value}, &resp)
			if len(resp.Diagnostics) != len(tc.bad) {
				t.Fatalf("%d diagnostics, want %d: %v", len(resp.Diagnostics), len(tc.bad), resp.Diagnostics)
			}
			for _, bad := range tc.bad {
				want := fmt.Sprintf(`attr[Value(%q)] must be a UUID`, bad)
				found := false
				for _, d := range resp.Diagnostics {
					found = found || strings.Contains(d.Detail(), want)
				}
				if !found {
					t.Errorf("no error says %s: %v", want, resp.Diagnostics)
				}
			}
		})
	}
}

// TestHTTPURLRedactsSecrets: a refused callback URL is repeated in the error
// without its user name, password, query or fragment, which may be tokens.
func TestHTTPURLRedactsSecrets(t *testing.T) {
	t.Parallel()
	for _, value := range []string{
		"ftp://bob:S3CRETPW@example.com/hold.xml",
		"https://bob:S3CRETPW@exa mple.com/hold.xml",
		"/hold.xml?token=S3CRETPW",
		"https://example.com:99999/hold.xml#S3CRETPW",
	} {
		t.Run(value, func(t *testing.T) {
			t.Parallel()
			resp := run(validate.HTTPURL(), types.StringValue(value))
			if !resp.Diagnostics.HasError() {
				t.Fatalf("%q was accepted", value)
			}
			if detail := resp.Diagnostics[0].Detail(); strings.Contains(detail, "S3CRETPW") {
				t.Errorf("the error repeats the secret: %s", detail)
			}
		})
	}
}

// TestHTTPURLPastedWhitespace: a URL pasted with a line break around it is
// refused with the remedy for that, not a claim that it lacks a scheme.
func TestHTTPURLPastedWhitespace(t *testing.T) {
	t.Parallel()
	resp := run(validate.HTTPURL(), types.StringValue(" https://example.com/hold.xml\n"))
	if !resp.Diagnostics.HasError() || !strings.Contains(resp.Diagnostics[0].Detail(), "Remove the spaces or line breaks around it.") {
		t.Fatalf("diagnostics = %v, want the whitespace remedy", resp.Diagnostics)
	}
}
