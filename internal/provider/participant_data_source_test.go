package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/seed177019bb/terraform-provider-signalwire/internal/fakeapi"
)

const participantDataAddr = "data.signalwire_conference_participant.test"

// TestAccConferenceParticipantDataSource_found: one GET returns every field.
func TestAccConferenceParticipantDataSource_found(t *testing.T) {
	f := newFixture(t)
	other := f.addCall()
	call := f.fake.AddParticipant(fakeapi.ParticipantSeed{
		ConferenceSID: f.conf, Muted: true, Hold: true, Coaching: true, CallSIDToCoach: other,
		EndConferenceOnExit: true, StartConferenceOnEnter: true,
	})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: f.factories(),
		Steps: []resource.TestStep{
			{
				PreConfig: f.resetLog,
				Config: f.config(dataBlock("signalwire_conference_participant",
					strAttr("conference_sid", f.conf), strAttr("call_sid", call))),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(participantDataAddr, tfjsonpath.New("id"),
						knownvalue.StringExact(f.fake.ProjectID()+"/"+f.conf+"/"+call)),
					statecheck.ExpectKnownValue(participantDataAddr, tfjsonpath.New("account_sid"), knownvalue.StringExact(f.fake.ProjectID())),
					statecheck.ExpectKnownValue(participantDataAddr, tfjsonpath.New("muted"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(participantDataAddr, tfjsonpath.New("hold"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(participantDataAddr, tfjsonpath.New("coaching"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(participantDataAddr, tfjsonpath.New("call_sid_to_coach"), knownvalue.StringExact(other)),
					statecheck.ExpectKnownValue(participantDataAddr, tfjsonpath.New("status"), knownvalue.StringExact("in-progress")),
					statecheck.ExpectKnownValue(participantDataAddr, tfjsonpath.New("date_created"), knownvalue.StringRegexp(rfc2822)),
					statecheck.ExpectKnownValue(participantDataAddr, tfjsonpath.New("date_updated"), knownvalue.StringRegexp(rfc2822)),
					statecheck.ExpectKnownValue(participantDataAddr, tfjsonpath.New("end_conference_on_exit"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(participantDataAddr, tfjsonpath.New("start_conference_on_enter"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(participantDataAddr, tfjsonpath.New("uri"),
						knownvalue.StringRegexp(regexp.MustCompile(`/Participants/`+call+`\.json$`))),
				},
				Check: f.expectGETs(1, "/Participants/"+call, nil),
			},
			{
				PreConfig: f.resetLog,
				Config: f.config(dataBlock("signalwire_conference_participant",
					strAttr("conference_sid", f.conf), strAttr("call_sid", other))),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(participantDataAddr, tfjsonpath.New("muted"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(participantDataAddr, tfjsonpath.New("coaching"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(participantDataAddr, tfjsonpath.New("call_sid_to_coach"), knownvalue.Null()),
				},
				Check: f.expectGETs(1, "/Participants/"+other, nil),
			},
		},
	})
}

// TestAccConferenceParticipantDataSource_notFound: a call that has left is
// an error that says so, after one GET (404 is not retried).
func TestAccConferenceParticipantDataSource_notFound(t *testing.T) {
	f := newFixture(t)
	call := f.addCall()
	f.fake.HangUp(f.conf, call)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: f.factories(),
		Steps: []resource.TestStep{{
			PreConfig: f.resetLog,
			Config: f.config(dataBlock("signalwire_conference_participant",
				strAttr("conference_sid", f.conf), strAttr("call_sid", call))),
			ExpectError: wrapped(`Unable to Read Conference Participant.*Call ` + call +
				` is not \(or no longer\) in conference ` + f.conf + `.*HTTP 404 Not Found, code 20404`),
		}},
	})
	if n := f.fake.CountRequests(""); n != 1 {
		t.Errorf("requests = %d, want 1: %s", n, f.describeQueries())
	}
}
