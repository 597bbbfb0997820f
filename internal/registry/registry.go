// Package registry holds the provider's registry address and the CLI
// configuration that loads a local build in its place. It is the one Go
// copy of both: main serves under Address, and the tests and tools that run
// Terraform or OpenTofu against a build write DevOverrides.
// scripts/dev-overrides.sh is the shell counterpart, kept identical by a test.
package registry

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// Source is the provider's source address as configurations write it in
// required_providers.
const Source = "seed177019bb/signalwire"

// Address is Source on the Terraform Registry, the address the plugin
// server announces.
const Address = "registry.terraform.io/" + Source

// Hosts are the registries Terraform and OpenTofu expand a short source to.
var Hosts = []string{"registry.terraform.io", "registry.opentofu.org"}

// DevOverrides returns a CLI configuration that loads each provider from
// the directory holding its binary, keyed by short source (Source,
// "hashicorp/time"), through dev_overrides: no registry and no init. Each
// source is overridden on every host in Hosts, so one file serves every
// engine; other providers install directly.
func DevOverrides(dirs map[string]string) string {
	var b strings.Builder
	b.WriteString("provider_installation {\n  dev_overrides {\n")
	for _, source := range slices.Sorted(maps.Keys(dirs)) {
		for _, host := range Hosts {
			fmt.Fprintf(&b, "    %q = %q\n", host+"/"+source, dirs[source])
		}
	}
	b.WriteString("  }\n  direct {}\n}\n")
	return b.String()
}
