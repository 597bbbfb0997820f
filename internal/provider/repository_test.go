package provider

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/seed177019bb/terraform-provider-signalwire/internal/client"
)

// TestRetryPolicyIsNotRestated keeps the retry policy in one place: the
// client's table, from which the generated docs take every status. No
// hand-written paragraph about retries (README, doc templates, the client's
// package doc) may name a retried status or the max_retries limit, which
// nothing would keep in step with the code. Tables (the fake's flags, test
// scenarios) describe fault injection and are not checked.
func TestRetryPolicyIsNotRestated(t *testing.T) {
	t.Parallel()
	files := []string{"../../README.md", "../client/doc.go"}
	templates, err := filepath.Glob("../../templates/*.tmpl")
	if err != nil {
		t.Fatal(err)
	}
	nested, _ := filepath.Glob("../../templates/*/*.tmpl")
	files = append(append(files, templates...), nested...)

	table := client.Retries()
	var numbers []string
	for _, code := range append(table.Throttled, table.Counted...) {
		numbers = append(numbers, fmt.Sprint(code))
	}
	restated := regexp.MustCompile(`\b(` + strings.Join(numbers, "|") + `)\b`)
	limit := regexp.MustCompile(fmt.Sprintf(`\b%d\b`, maxRetriesLimit))
	about := regexp.MustCompile(`(?i)retr(y|ied|ies)|max_retries`)

	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for i, para := range strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n\n") {
			if strings.HasPrefix(strings.TrimSpace(para), "|") || !about.MatchString(para) {
				continue
			}
			for _, line := range strings.Split(para, "\n") {
				if strings.HasPrefix(strings.TrimSpace(line), "|") {
					continue
				}
				m := restated.FindString(line)
				if m == "" && strings.Contains(line, "max_retries") {
					m = limit.FindString(line)
				}
				if m != "" {
					t.Errorf("%s, paragraph %d restates %s of the retry policy: %q\n"+
						"render it from client.Retries() into a schema description instead", name, i+1, m, line)
				}
			}
		}
	}
}

// TestOnlyMainAtTheRoot keeps the repository root to main.go among Go files:
// everything else belongs to a package under internal/ or cmd/.
func TestOnlyMainAtTheRoot(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob("../../*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if filepath.Base(f) != "main.go" {
			t.Errorf("%s is a Go file at the repository root beside main.go: move it into a package under internal/", filepath.Base(f))
		}
	}
}
