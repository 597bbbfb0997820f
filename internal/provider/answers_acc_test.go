package provider

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/seed177019bb/terraform-provider-signalwire/internal/fakeapi"
)

const welcome = "https://example.com/welcome.xml"

// unusableAnswerCase is an update whose answer the fake spoils after
// processing it.
type unusableAnswerCase struct {
	name     string
	update   bool   // spoil the update of an existing participant, not its create
	reply    string // a fakeapi.Reply* form
	announce bool   // the request carries announce_url
	posts    int    // POSTs the request takes: more when a lost connection is retried
}

// TestAccParticipant_unusableAnswer: when the API processed a create or an
// update but its answer is empty, cut short, not JSON, missing fields or
// lost with the connection, the provider reads the participant once instead
// of failing; state holds the configuration and what the API confirmed, the
// next plan is empty, and an announcement has played exactly once.
func TestAccParticipant_unusableAnswer(t *testing.T) {
	cases := []unusableAnswerCase{
		{"create empty", false, fakeapi.ReplyEmpty, true, 1},
		{"create truncated", false, fakeapi.ReplyTruncated, true, 1},
		{"create not json", false, fakeapi.ReplyNotJSON, true, 1},
		{"create missing fields", false, fakeapi.ReplyPartial, true, 1},
		{"create dropped", false, fakeapi.ReplyDrop, true, 1},
		{"create empty without announcement", false, fakeapi.ReplyEmpty, false, 1},
		{"update empty", true, fakeapi.ReplyEmpty, true, 1},
		{"update dropped", true, fakeapi.ReplyDrop, true, 1},
		{"update missing fields without announcement", true, fakeapi.ReplyPartial, false, 1},
		// Settings alone are safe to resend, so a lost connection is retried
		// (max_retries 4) before the read.
		{"update dropped without announcement", true, fakeapi.ReplyDrop, false, 5},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) { runUnusableAnswer(t, tc) })
	}
}

func runUnusableAnswer(t *testing.T, tc unusableAnswerCase) {
	f := newFixture(t)
	call := f.addCall()
	attrs := []string{"muted = true", `hold_url = "https://example.com/hold.xml"`}
	if tc.announce {
		attrs = append(attrs, "announce_url = "+quote(welcome))
	}
	cfg := f.config(f.participant(call, attrs...))
	spoil := func() {
		f.fake.SetFaults(fakeapi.RouteParticipantsUpdate, fakeapi.Faults{Reply: tc.reply})
		f.resetLog()
	}
	var logErr error
	steps := []resource.TestStep{
		{
			PreConfig: spoil,
			Config:    cfg,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("muted"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("hold"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("hold_url"), knownvalue.StringExact("https://example.com/hold.xml")),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("status"), knownvalue.StringExact("in-progress")),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("date_created"), knownvalue.StringRegexp(rfc2822)),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("uri"), knownvalue.StringRegexp(regexp.MustCompile(regexp.QuoteMeta(call+".json")+"$"))),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"),
					knownvalue.StringExact(f.fake.ProjectID()+"/"+f.conf+"/"+call)),
			},
			Check: func(*terraform.State) error {
				var want []string
				if tc.update {
					want = append(want, "GET /Participants/"+call+" 200") // the plan's refresh
				}
				status := "200"
				if tc.reply == fakeapi.ReplyDrop {
					status = "0"
				}
				for range tc.posts {
					want = append(want, "POST /Participants/"+call+" "+status)
				}
				logErr = f.expectLog(append(want, "GET /Participants/"+call+" 200")...)
				return nil
			},
		},
		{
			PreConfig:        f.fake.ClearFaults,
			Config:           cfg,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
		},
	}
	if tc.update {
		steps = append([]resource.TestStep{{Config: f.config(f.participant(call))}}, steps...)
	}
	resource.ParallelTest(t, resource.TestCase{ProtoV6ProviderFactories: f.factories(), Steps: steps})
	if logErr != nil {
		t.Error(logErr)
	}
	got := f.participantState(call)
	if wantPlays := map[bool]int{true: 1, false: 0}[tc.announce]; !got.Muted || len(got.Announcements) != wantPlays {
		t.Errorf("fake participant = %+v, want muted with %d announcement(s)", got, wantPlays)
	}
}

// TestAccParticipant_unusableAnswerUnreadable: when the answer to a create
// carrying announce_url is lost and reading the participant back fails too,
// the error says the change may have been applied and the announcement may
// have played, and how to avoid a second play; nothing reaches state.
func TestAccParticipant_unusableAnswerUnreadable(t *testing.T) {
	f := newFixture(t)
	call := f.addCall()
	cfg := strings.Replace(f.config(f.participant(call, "muted = true", "announce_url = "+quote(welcome))),
		"api_token", "max_retries = 0\n  api_token", 1)
	var logErr error
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: f.factories(),
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					f.fake.SetFaults(fakeapi.RouteParticipantsUpdate, fakeapi.Faults{Reply: fakeapi.ReplyEmpty})
					f.fake.SetFaults(fakeapi.RouteParticipantsGet, fakeapi.Faults{ErrorRate: 1})
				},
				Config: cfg,
				ExpectError: looseRegexp("Unable to Create Conference Participant",
					"The API accepted the request for call "+call, "response has an empty body",
					"reading the participant back to learn the outcome failed too", "503",
					"The change may have been applied", "announcement may already have played",
					"remove announce_url from the configuration before applying"),
			},
			{
				PreConfig: func() {
					logErr = f.expectLog("POST /Participants/"+call+" 200", "GET /Participants/"+call+" 503")
					f.fake.ClearFaults()
				},
				// Nothing reached state: the plan creates the participant.
				Config:             cfg,
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
			},
		},
	})
	if logErr != nil {
		t.Error(logErr)
	}
	if got := f.participantState(call); !got.Muted || len(got.Announcements) != 1 {
		t.Errorf("fake participant = %+v, want muted with one announcement", got)
	}
}

// TestAccParticipant_lostUpdateNotApplied: when the connection is lost
// before the API applied an update and the read shows the participant
// unchanged, the update fails saying it was not applied, state keeps the
// old settings, and applying again applies it.
func TestAccParticipant_lostUpdateNotApplied(t *testing.T) {
	f := newFixture(t)
	call := f.addCall()
	changed := f.config(f.participant(call, "muted = true", "announce_url = "+quote(welcome)))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: f.factories(),
		Steps: []resource.TestStep{
			{Config: f.config(f.participant(call))},
			{
				PreConfig: func() {
					f.fake.SetFaults(fakeapi.RouteParticipantsUpdate, fakeapi.Faults{DropRate: 1})
					f.resetLog()
				},
				Config: changed,
				ExpectError: looseRegexp("Unable to Update Conference Participant",
					"The connection to the API was lost after the request for call "+call+" in conference "+f.conf+" was sent",
					"shows the change was not applied, so no announcement played", "apply again"),
			},
			{
				PreConfig: func() {
					if err := f.expectLog("GET /Participants/"+call+" 200", "POST /Participants/"+call+" 0",
						"GET /Participants/"+call+" 200"); err != nil {
						t.Error(err)
					}
					f.fake.ClearFaults()
				},
				Config: changed,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownValue(addr, tfjsonpath.New("muted"), knownvalue.Bool(true))},
			},
		},
	})
	if got := f.participantState(call); !got.Muted || len(got.Announcements) != 1 {
		t.Errorf("fake participant = %+v, want muted with one announcement", got)
	}
}

// TestAccParticipant_resetWithUnusableAnswer: a reset on destroy that the
// API answers 200 with an empty body was applied, so destroy succeeds.
func TestAccParticipant_resetWithUnusableAnswer(t *testing.T) {
	f := newFixture(t)
	call := f.addCall()
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: f.factories(),
		Steps: []resource.TestStep{{
			Config: f.config(f.participant(call, "muted = true", `on_destroy = "reset"`)),
			Check: func(*terraform.State) error {
				f.fake.SetFaults(fakeapi.RouteParticipantsUpdate, fakeapi.Faults{Reply: fakeapi.ReplyEmpty})
				return nil
			},
		}},
		CheckDestroy: func(*terraform.State) error {
			if got := f.participantState(call); got.Muted {
				return fmt.Errorf("the reset was not applied: %+v", got)
			}
			return nil
		},
	})
}
