package main

import (
	"fmt"
	"strings"

	"github.com/seed177019bb/terraform-provider-signalwire/internal/registry"
)

// Prefixes of the sids the fake generates from its counters (see
// fakeapi's seed.go): conference n and call n of a fresh fake.
const (
	conferencePrefix = "cf000000"
	callPrefix       = "ca000000"
	holdURL          = "https://example.com/hold-music.xml"

	// The framework peer: hashicorp/terraform-provider-time, whose
	// time_static resource has no API behind it, so it costs what
	// terraform-plugin-framework itself costs.
	peerSource = "hashicorp/time"
	peerBinary = "terraform-provider-time"
	peerName   = "time_static"
)

// generatedSID is the sid a fresh fake gives to generated conference or call n.
func generatedSID(prefix string, n int) string {
	return fmt.Sprintf("%s-0000-4000-8000-%012x", prefix, n)
}

// changedEvery is the share of participants the change phase touches: one
// in changedEvery, so N/10 of them.
const changedEvery = 10

// participantFields are the attributes of participant count.index + 1,
// who sits alone in the generated conference of the same number. With
// changed, every changedEvery-th participant is muted. Both configurations
// use these same expressions, as resource attributes or as the fields of
// an object, so the engine evaluates the same amount of configuration.
func participantFields(changed bool) [][2]string {
	muted := "false"
	if changed {
		muted = fmt.Sprintf("(count.index + 1) %% %d == 0", changedEvery)
	}
	return [][2]string{
		{"conference_sid", sidExpr(conferencePrefix)},
		{"call_sid", sidExpr(callPrefix)},
		{"muted", muted},
		{"hold", "true"},
		{"hold_url", fmt.Sprintf("%q", holdURL)},
		{"on_destroy", `"keep"`},
	}
}

// sidExpr is the HCL expression of generatedSID(prefix, count.index + 1).
func sidExpr(prefix string) string {
	return fmt.Sprintf(`format("%s-0000-4000-8000-%%012x", count.index + 1)`, prefix)
}

// writeFields writes name = value lines, the names padded to align.
func writeFields(b *strings.Builder, indent string, fields [][2]string) {
	width := 0
	for _, f := range fields {
		width = max(width, len(f[0]))
	}
	for _, f := range fields {
		fmt.Fprintf(b, "%s%-*s = %s\n", indent, width, f[0], f[1])
	}
}

// providerPreamble requires the provider and configures it from the
// environment: credentials and the space URL.
var providerPreamble = requiredProvider("signalwire", registry.Source) + `
provider "signalwire" {}
`

// providerConfig is the configuration of n signalwire_conference_participant
// resources.
func providerConfig(n int, changed bool) string {
	var b strings.Builder
	b.WriteString(providerPreamble + `
resource "signalwire_conference_participant" "p" {
`)
	fields := append([][2]string{{"count", fmt.Sprint(n)}}, participantFields(changed)...)
	writeFields(&b, "  ", fields)
	b.WriteString("}\n")
	return b.String()
}

// floorConfig is the same data as n terraform_data resources whose input
// is an object of the same fields: the engine's own cost for n resources of
// comparable size, with no plugin at all.
func floorConfig(n int, changed bool) string {
	return objectConfig("terraform_data", "input", n, changed)
}

// peerConfig is the same data as n time_static resources whose triggers
// hold the same fields, converted to strings as a map of strings requires.
func peerConfig(n int, changed bool) string {
	return requiredProvider("time", peerSource) + "\n" + objectConfig(peerName, "triggers", n, changed)
}

// requiredProvider is the terraform block that names one provider's source.
func requiredProvider(name, source string) string {
	return fmt.Sprintf("terraform {\n  required_providers {\n    %s = {\n      source = %q\n    }\n  }\n}\n", name, source)
}

// objectConfig is n resources of type typ whose attribute attr is an object
// of the participant fields.
func objectConfig(typ, attr string, n int, changed bool) string {
	var b strings.Builder
	fmt.Fprintf(&b, "resource %q \"p\" {\n  count = %d\n  %s = {\n", typ, n, attr)
	writeFields(&b, "    ", participantFields(changed))
	b.WriteString("  }\n}\n")
	return b.String()
}

// cliConfig points the engine at the built provider and, when peerDir is
// set, the framework peer, so no init is needed.
func cliConfig(providerDir, peerDir string) string {
	dirs := map[string]string{registry.Source: providerDir}
	if peerDir != "" {
		dirs[peerSource] = peerDir
	}
	return registry.DevOverrides(dirs)
}
