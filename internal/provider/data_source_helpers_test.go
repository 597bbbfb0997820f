package provider

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/seed177019bb/terraform-provider-signalwire/internal/fakeapi"
)

// dataBlock renders a data source block named "test" with the given
// attribute lines.
func dataBlock(typ string, attrs ...string) string {
	return fmt.Sprintf("\ndata %q \"test\" {\n  %s\n}\n", typ, strings.Join(attrs, "\n  "))
}

// strAttr renders one string attribute line.
func strAttr(name, value string) string { return fmt.Sprintf("%s = %q", name, value) }

// gets returns the GET requests in the log.
func (f *fixture) gets() []fakeapi.Request {
	var out []fakeapi.Request
	for _, r := range f.fake.Requests() {
		if r.Method == "GET" {
			out = append(out, r)
		}
	}
	return out
}

// expectGETs checks that the log holds exactly n requests, all GETs to paths
// ending in pathSuffix, each carrying the query parameters in want (a value
// of "" means the parameter must be absent).
func (f *fixture) expectGETs(n int, pathSuffix string, want url.Values) func(*terraform.State) error {
	return func(*terraform.State) error {
		if total, gets := f.fake.CountRequests(""), f.gets(); total != n || len(gets) != n {
			return fmt.Errorf("requests = %d (GET %d), want %d GET; log: %s", total, len(gets), n, f.describeQueries())
		}
		for i, r := range f.gets() {
			if !strings.HasSuffix(r.Path, pathSuffix) {
				return fmt.Errorf("GET %d path = %s, want it to end in %s", i+1, r.Path, pathSuffix)
			}
			for k, v := range want {
				if got := r.Query.Get(k); got != v[0] {
					return fmt.Errorf("GET %d query %s = %q, want %q; query: %s", i+1, k, got, v[0], r.Query.Encode())
				}
			}
		}
		return nil
	}
}

func (f *fixture) describeQueries() string {
	var b strings.Builder
	for _, r := range f.fake.Requests() {
		fmt.Fprintf(&b, "\n  %s %s?%s %d", r.Method, r.Path, r.Query.Encode(), r.Status)
	}
	return b.String()
}

// addCalls puts n calls into the fixture's conference, each with the seed's
// flags, and returns their sids in joining order.
func (f *fixture) addCalls(n int, seed fakeapi.ParticipantSeed) []string {
	seed.ConferenceSID = f.conf
	out := make([]string, n)
	for i := range out {
		out[i] = f.fake.AddParticipant(seed)
	}
	return out
}

// wrapped compiles pattern so that each space also matches the line breaks
// the CLI inserts when it wraps a diagnostic.
func wrapped(pattern string) *regexp.Regexp {
	return regexp.MustCompile(`(?s)` + strings.ReplaceAll(pattern, " ", `\s+`))
}
