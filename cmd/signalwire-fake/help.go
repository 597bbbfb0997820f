package main

import (
	"fmt"
	"io"
	"runtime/debug"
	"strings"

	"github.com/seed177019bb/terraform-provider-signalwire/internal/fakeapi"
)

// importPath is what `go install` takes; a test checks it against the
// package's real import path.
const importPath = "github.com/seed177019bb/terraform-provider-signalwire/cmd/signalwire-fake"

// helpWidth is the column the -h prose wraps at.
const helpWidth = 78

// version is set at release time with -ldflags "-X main.version=...".
var version string

// buildVersion is the release version, or the module version `go install
// importPath@VERSION` recorded, or "(devel)" for a build from a checkout.
func buildVersion() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "(devel)"
}

// printUsage writes the -h text: what the fake is, every flag, the seed
// format and the admin endpoints, each taken from the code that implements
// it.
func printUsage(w io.Writer) {
	p := func(format string, args ...any) { fmt.Fprintf(w, format, args...) }
	p("signalwire-fake serves an in-memory fake of SignalWire's Compatibility (LaML) API\n" +
		"for conferences and their participants, over plain HTTP, so Terraform\n" +
		"configurations using the signalwire provider can be tested without a space.\n\n")
	p("Install:\n  go install %s@VERSION\n\n", importPath)
	p("Usage:\n  signalwire-fake [flags]\n\n")
	p("%s\n", wrap("", "Once listening it prints the SIGNALWIRE_SPACE_URL, SIGNALWIRE_PROJECT_ID and "+
		"SIGNALWIRE_API_TOKEN values the provider needs, and serves until SIGINT or SIGTERM. "+
		"API requests need HTTP Basic credentials: the project ID and the API token."))
	p("Flags:\n")
	fs := flagSet(new(config), new(string))
	fs.SetOutput(w)
	fs.PrintDefaults()

	p("\nSeed file (-seed FILE, or the body of POST %sseed), JSON:\n%s\n", fakeapi.AdminPrefix, indent(fakeapi.SeedExample()))
	p("%s\n", wrap("", "Every field may be left out. A conference then gets a random UUID sid, status "+
		"in-progress, region "+fakeapi.DefaultRegion+" and the current time; a participant gets a random UUID "+
		`call_sid, status in-progress and false for every flag. "generate" adds that many in-progress `+
		"conferences whose sids are numbered from a counter, so repeated runs seed the same data."))

	p("Admin endpoints, at the base URL, without credentials, not in the request log:\n")
	for _, e := range fakeapi.AdminEndpoints() {
		p("  %-6s %s\n%s", e.Method, e.Path, wrap("      ", e.Does))
	}
	p("\nFaults (the body of POST %sfaults; the fault flags set the same at start):\n%s\n", fakeapi.AdminPrefix, indent(fakeapi.FaultsExample()))
	p("%s", wrap("", "ROUTE is one of "+routeNames()+". Absent or zero faults are off. "+
		"A faulted request changes nothing. \"seed\" restarts the random sequence behind error_rate and drop_rate."))
}

// indent indents a multi-line example by two spaces.
func indent(s string) string {
	return "  " + strings.ReplaceAll(s, "\n", "\n  ") + "\n"
}

// wrap fills text to helpWidth columns, each line starting with prefix.
func wrap(prefix, text string) string {
	var b strings.Builder
	line := prefix
	for _, word := range strings.Fields(text) {
		if line != prefix && len(line)+1+len(word) > helpWidth {
			b.WriteString(line + "\n")
			line = prefix
		}
		if line != prefix {
			line += " "
		}
		line += word
	}
	b.WriteString(line + "\n")
	return b.String()
}
