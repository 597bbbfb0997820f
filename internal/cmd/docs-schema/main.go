// Command docs-schema prepares the output of `terraform providers schema
// -json` for tfplugindocs; scripts/docs.sh pipes the export through it.
//
// It keys the provider's schema by its short name, which is how tfplugindocs
// looks it up for a provider outside the hashicorp namespace, and adds the
// resource identity schemas when the export lacks them: Terraform exports
// them only from 1.12 on, and the docs are generated with the pinned 1.8.5
// so that they never depend on the engine installed.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/seed177019bb/terraform-provider-signalwire/internal/provider"
	"github.com/seed177019bb/terraform-provider-signalwire/internal/registry"
)

const identityKey = "resource_identity_schemas"

func main() {
	address := flag.String("address", registry.Address, "the provider's source address in the export")
	name := flag.String("name", "signalwire", "the key the provider's schema gets")
	flag.Parse()
	if err := run(context.Background(), os.Stdin, os.Stdout, *address, *name); err != nil {
		fmt.Fprintln(os.Stderr, "docs-schema:", err)
		os.Exit(1)
	}
}

type export struct {
	FormatVersion   string                                `json:"format_version"`
	ProviderSchemas map[string]map[string]json.RawMessage `json:"provider_schemas"`
}

func run(ctx context.Context, in io.Reader, out io.Writer, address, name string) error {
	var schemas export
	if err := json.NewDecoder(in).Decode(&schemas); err != nil {
		return fmt.Errorf("reading the schema export: %w", err)
	}
	schema, ok := schemas.ProviderSchemas[address]
	if !ok {
		return fmt.Errorf("the schema export has no provider %s", address)
	}
	if _, ok := schema[identityKey]; !ok {
		identity, err := identitySchemas(ctx)
		if err != nil {
			return err
		}
		schema[identityKey] = identity
	}
	delete(schemas.ProviderSchemas, address)
	schemas.ProviderSchemas[name] = schema
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	return enc.Encode(schemas)
}

type identitySchema struct {
	Version    int64                         `json:"version"`
	Attributes map[string]*identityAttribute `json:"attributes,omitempty"`
}

type identityAttribute struct {
	Type              tftypes.Type `json:"type"`
	Description       string       `json:"description,omitempty"`
	RequiredForImport bool         `json:"required_for_import,omitempty"`
	OptionalForImport bool         `json:"optional_for_import,omitempty"`
}

// identitySchemas asks the provider itself, over the same protocol Terraform
// uses, and renders the answer as Terraform 1.12 and later export it.
func identitySchemas(ctx context.Context) (json.RawMessage, error) {
	server := providerserver.NewProtocol6(provider.New("docs", "none")())()
	resp, err := server.GetResourceIdentitySchemas(ctx, &tfprotov6.GetResourceIdentitySchemasRequest{})
	if err != nil {
		return nil, err
	}
	var errs []error
	for _, d := range resp.Diagnostics {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			errs = append(errs, fmt.Errorf("%s: %s", d.Summary, d.Detail))
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	out := make(map[string]identitySchema, len(resp.IdentitySchemas))
	for name, s := range resp.IdentitySchemas {
		attrs := make(map[string]*identityAttribute, len(s.IdentityAttributes))
		for _, a := range s.IdentityAttributes {
			attrs[a.Name] = &identityAttribute{
				Type:              a.Type,
				Description:       a.Description,
				RequiredForImport: a.RequiredForImport,
				OptionalForImport: a.OptionalForImport,
			}
		}
		out[name] = identitySchema{Version: s.Version, Attributes: attrs}
	}
	return json.Marshal(out)
}
