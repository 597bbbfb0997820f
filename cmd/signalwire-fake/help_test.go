package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seed177019bb/terraform-provider-signalwire/internal/fakeapi"
)

var update = flag.Bool("update", false, "rewrite "+helpFile+" from the command's -h")

// helpFile is the -h text as the registry guide shows it.
var helpFile = filepath.Join("..", "..", "examples", "signalwire-fake", "help.txt")

func TestHelpGoesToStdoutAndMatchesTheDocs(t *testing.T) {
	var stdout bytes.Buffer
	if err := run(context.Background(), []string{"-h"}, &stdout); !errors.Is(err, flag.ErrHelp) {
		t.Fatalf("run -h = %v, want flag.ErrHelp", err)
	}
	if *update {
		if err := os.WriteFile(helpFile, stdout.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(helpFile)
	if err != nil {
		t.Fatal(err)
	}
	if stdout.String() != string(want) {
		t.Fatalf("-h differs from %s: run `go test ./cmd/signalwire-fake -run TestHelp -update` and `make docs`", helpFile)
	}
}

// TestHelpNamesEverything checks the help against the things it documents,
// so a flag, endpoint or route added later can't be missing from it.
func TestHelpNamesEverything(t *testing.T) {
	var buf bytes.Buffer
	printUsage(&buf)
	help := buf.String()
	want := []string{importPath + "@VERSION", fakeapi.SeedExample(), fakeapi.FaultsExample()}
	flagSet(new(config), new(string)).VisitAll(func(f *flag.Flag) { want = append(want, "  -"+f.Name+" ") })
	for _, e := range fakeapi.AdminEndpoints() {
		want = append(want, e.Method+" "+e.Path)
	}
	for _, r := range fakeapi.Routes() {
		want = append(want, string(r))
	}
	flat := strings.Join(strings.Fields(help), " ")
	for _, w := range want {
		if !strings.Contains(flat, strings.Join(strings.Fields(w), " ")) {
			t.Errorf("help lacks %q", w)
		}
	}
}

func TestVersionFlag(t *testing.T) {
	var stdout bytes.Buffer
	if err := run(context.Background(), []string{"-version"}, &stdout); err != nil {
		t.Fatal(err)
	}
	if got := stdout.String(); got != "signalwire-fake "+buildVersion()+"\n" {
		t.Fatalf("-version printed %q", got)
	}
}
