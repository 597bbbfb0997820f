package main

import (
	"fmt"
	"strings"
	"testing"

	"github.com/seed177019bb/terraform-provider-signalwire/internal/fakeapi"
)

// TestGeneratedSIDMatchesTheFake: the configurations address exactly the
// participants a fresh fake generates.
func TestGeneratedSIDMatchesTheFake(t *testing.T) {
	s := fakeapi.New(fakeapi.Options{})
	if err := s.LoadSeed(strings.NewReader(`{"generate": {"conferences": 300, "participants_per_conference": 1}}`)); err != nil {
		t.Fatal(err)
	}
	for _, n := range []int{1, 255, 300} {
		ps := s.Participants(generatedSID(conferencePrefix, n))
		if len(ps) != 1 || ps[0].CallSID != generatedSID(callPrefix, n) {
			t.Errorf("conference %d (%s): participants %+v, want one with call %s", n, generatedSID(conferencePrefix, n), ps, generatedSID(callPrefix, n))
		}
	}
	if got, want := generatedSID(callPrefix, 255), "ca000000-0000-4000-8000-0000000000ff"; got != want {
		t.Errorf("call 255: got %s, want %s", got, want)
	}
}

func TestProviderConfig(t *testing.T) {
	want := `terraform {
  required_providers {
    signalwire = {
      source = "seed177019bb/signalwire"
    }
  }
}

provider "signalwire" {}

resource "signalwire_conference_participant" "p" {
  count          = 200
  conference_sid = format("cf000000-0000-4000-8000-%012x", count.index + 1)
  call_sid       = format("ca000000-0000-4000-8000-%012x", count.index + 1)
  muted          = (count.index + 1) % 10 == 0
  hold           = true
  hold_url       = "https://example.com/hold-music.xml"
  on_destroy     = "keep"
}
`
	if got := providerConfig(200, true); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	if got := providerConfig(200, false); !strings.Contains(got, "  muted          = false\n") {
		t.Errorf("unchanged configuration must not mute anyone:\n%s", got)
	}
}

func TestFloorConfig(t *testing.T) {
	want := `resource "terraform_data" "p" {
  count = 5
  input = {
    conference_sid = format("cf000000-0000-4000-8000-%012x", count.index + 1)
    call_sid       = format("ca000000-0000-4000-8000-%012x", count.index + 1)
    muted          = false
    hold           = true
    hold_url       = "https://example.com/hold-music.xml"
    on_destroy     = "keep"
  }
}
`
	if got := floorConfig(5, false); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

// TestConfigsShareTheFields: the floor's input object has exactly the
// provider resource's attributes, with the same expressions.
func TestConfigsShareTheFields(t *testing.T) {
	for _, changed := range []bool{false, true} {
		prov, floor := providerConfig(7, changed), floorConfig(7, changed)
		for _, f := range participantFields(changed) {
			line := func(indent string) string { return fmt.Sprintf("%s%-14s = %s\n", indent, f[0], f[1]) }
			if !strings.Contains(prov, line("  ")) || !strings.Contains(floor, line("    ")) {
				t.Errorf("changed=%t: %s is not set alike:\n%s\n%s", changed, f[0], prov, floor)
			}
		}
		if strings.Contains(floor, "signalwire") {
			t.Errorf("the floor must not use the provider:\n%s", floor)
		}
	}
}

func TestCLIConfig(t *testing.T) {
	got := cliConfig("/x/bin", "/y/bin")
	for _, want := range []string{"dev_overrides", `"registry.terraform.io/seed177019bb/signalwire" = "/x/bin"`,
		`"registry.terraform.io/hashicorp/time" = "/y/bin"`, "direct {}"} {
		if !strings.Contains(got, want) {
			t.Errorf("CLI config lacks %q:\n%s", want, got)
		}
	}
	if got := cliConfig("/x/bin", ""); strings.Contains(got, "hashicorp/time") {
		t.Errorf("no peer directory, yet:\n%s", got)
	}
}

// TestPeerConfig: time_static gets the floor's data, as triggers.
func TestPeerConfig(t *testing.T) {
	for _, changed := range []bool{false, true} {
		want := requiredProvider("time", "hashicorp/time") + "\n" + strings.Replace(strings.Replace(floorConfig(3, changed),
			`"terraform_data"`, `"time_static"`, 1), "input = {", "triggers = {", 1)
		if got := peerConfig(3, changed); got != want {
			t.Errorf("got\n%s\nwant\n%s", got, want)
		}
	}
	if !strings.HasPrefix(peerConfig(1, false), "terraform {\n  required_providers {\n    time = {\n      source = \"hashicorp/time\"\n") {
		t.Errorf("no required_providers block for hashicorp/time:\n%s", peerConfig(1, false))
	}
}
func TestEngineEnv(t *testing.T) {
	base := []string{"PATH=/bin", "TF_LOG=trace", "TF_CLI_CONFIG_FILE=/etc/x", "SIGNALWIRE_API_TOKEN=real", "GOGC=off", "HOME=/root"}
	got := strings.Join(engineEnv(base, "TF_IN_AUTOMATION=1"), " ")
	if got != "PATH=/bin HOME=/root TF_IN_AUTOMATION=1" {
		t.Errorf("got %q", got)
	}
}
