package registry

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestShellCopyAgrees runs scripts/dev-overrides.sh and compares what it
// writes, and the source it names, with the Go copy.
func TestShellCopyAgrees(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("bash not found")
	}
	out := filepath.Join(t.TempDir(), "cli.tfrc")
	script, err := filepath.Abs("../../scripts/dev-overrides.sh")
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("bash", "-c", `source "$1" && write_dev_overrides "$2" /x/bin && echo "$provider_source"`, "bash", script, out)
	src, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s: %v", script, err)
	}
	if got := strings.TrimSpace(string(src)); got != Source {
		t.Errorf("the script's provider_source is %q, want %q", got, Source)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if want := DevOverrides(map[string]string{Source: "/x/bin"}); string(data) != want {
		t.Errorf("the script writes\n%s\nthe Go copy\n%s", data, want)
	}
}

func TestDevOverridesOrder(t *testing.T) {
	got := DevOverrides(map[string]string{Source: "/p", "hashicorp/time": "/t"})
	if i, j := strings.Index(got, "hashicorp/time"), strings.Index(got, Source); i < 0 || j < 0 || i > j {
		t.Errorf("sources not in sorted order:\n%s", got)
	}
	if strings.Count(got, "\"/p\"") != len(Hosts) {
		t.Errorf("want one override per host:\n%s", got)
	}
}
