package provider

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/seed177019bb/terraform-provider-signalwire/internal/fakeapi"
)

// unproven404 is the error for a 404 that is not the API's own answer.
func unproven404(summary string) *regexp.Regexp {
	return wrapped(summary + `.*answered HTTP 404 Not Found.*which is not the API's own not-found answer.*check space_url`)
}

// requestLine is one logged request as "METHOD /path status".
func requestLine(r fakeapi.Request) string {
	return fmt.Sprintf("%s %s %d", r.Method, r.Path, r.Status)
}

// expectLog checks the requests logged so far against want, each
// "METHOD suffix status" with suffix matched against the end of the path.
func (f *fixture) expectLog(want ...string) error {
	got := f.fake.Requests()
	if len(got) != len(want) {
		return fmt.Errorf("requests = %d, want %d: %s", len(got), len(want), f.describeLog())
	}
	for i, w := range want {
		method, rest, _ := strings.Cut(w, " ")
		suffix, status, _ := strings.Cut(rest, " ")
		if got[i].Method != method || !strings.HasSuffix(got[i].Path, suffix) || fmt.Sprint(got[i].Status) != status {
			return fmt.Errorf("request %d = %s, want %s: %s", i+1, requestLine(got[i]), w, f.describeLog())
		}
	}
	return nil
}

// TestAccParticipant_ambiguousNotFoundKeepsState: when something that is
// not the API answers 404 — no body, an HTML page, another JSON shape,
// another code — a refresh reads the conference once to tell; when that
// fails too, the refresh fails naming space_url and the participant stays
// in state, so the next plan is empty.
func TestAccParticipant_ambiguousNotFoundKeepsState(t *testing.T) {
	for _, form := range []string{fakeapi.NotFoundEmpty, fakeapi.NotFoundHTML, fakeapi.NotFoundForeign, fakeapi.NotFoundCode} {
		t.Run(form, func(t *testing.T) {
			f := newFixture(t)
			call := f.addCall()
			cfg := f.config(f.participant(call, "muted = true"))
			var logErr error
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: f.factories(),
				Steps: []resource.TestStep{
					{Config: cfg},
					{
						PreConfig: func() {
							f.fake.SetFaults(fakeapi.RouteAll, fakeapi.Faults{NotFound: form})
							f.resetLog()
						},
						RefreshState: true,
						ExpectError:  unproven404("Unable to Read Conference Participant"),
					},
					{
						PreConfig: func() {
							logErr = f.expectLog("GET /Participants/"+call+" 404", "GET /Conferences/"+f.conf+" 404")
							f.fake.ClearFaults()
						},
						Config:           cfg,
						ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
					},
				},
			})
			if logErr != nil {
				t.Error(logErr)
			}
		})
	}
}

// TestAccParticipant_wrongSpacePathKeepsState: a space_url with a path the
// API is not under gets the web server's 404 for the participant and for
// its conference; the plan fails naming space_url instead of planning to
// create the participant again.
func TestAccParticipant_wrongSpacePathKeepsState(t *testing.T) {
	f := newFixture(t)
	call := f.addCall()
	block := f.participant(call, "muted = true")
	wrongPath := strings.Replace(f.config(block), f.srv.URL, f.srv.URL+"/proxy", 1)
	var logErr error
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: f.factories(),
		Steps: []resource.TestStep{
			{Config: f.config(block)},
			{
				PreConfig:   f.resetLog,
				Config:      wrongPath,
				ExpectError: unproven404("Unable to Read Conference Participant"),
			},
			{
				PreConfig: func() {
					logErr = f.expectLog("GET /proxy/api/laml/2010-04-01/Accounts/"+f.fake.ProjectID()+
						"/Conferences/"+f.conf+"/Participants/"+call+" 404",
						"GET /proxy/api/laml/2010-04-01/Accounts/"+f.fake.ProjectID()+"/Conferences/"+f.conf+" 404")
					f.resetLog()
				},
				Config:           f.config(block),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				Check:            f.expectRequests(map[string]int{"GET": 1, "POST": 0}),
			},
		},
	})
	if logErr != nil {
		t.Error(logErr)
	}
}

// TestAccParticipant_ambiguousNotFoundSettledByConference: the call has
// left and the participant's 404 is not the API's own, but its conference
// answers: the refresh drops the participant without an error, after one
// GET of each.
func TestAccParticipant_ambiguousNotFoundSettledByConference(t *testing.T) {
	f := newFixture(t)
	call := f.addCall()
	var logErr error
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: f.factories(),
		Steps: []resource.TestStep{
			{Config: f.config(f.participant(call, "muted = true"))},
			{
				PreConfig: func() {
					f.fake.HangUp(f.conf, call)
					f.fake.SetFaults(fakeapi.RouteParticipantsGet, fakeapi.Faults{NotFound: fakeapi.NotFoundHTML})
					f.resetLog()
				},
				RefreshState:       true,
				ExpectNonEmptyPlan: true,
				Check: func(s *terraform.State) error {
					logErr = f.expectLog("GET /Participants/"+call+" 404", "GET /Conferences/"+f.conf+" 200")
					return expectNotInState(addr)(s)
				},
			},
		},
	})
	if logErr != nil {
		t.Error(logErr)
	}
}

// TestAccParticipant_removeOnAmbiguousNotFound: with on_destroy = "remove",
// a DELETE answered by an ambiguous 404 counts as done only when the
// conference answers; otherwise destroy fails naming space_url and keeps
// the participant, and a later destroy removes it.
func TestAccParticipant_removeOnAmbiguousNotFound(t *testing.T) {
	f := newFixture(t)
	call := f.addCall()
	cfg := f.config(f.participant(call, `on_destroy = "remove"`))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: f.factories(),
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				PreConfig: func() {
					f.fake.SetFaults(fakeapi.RouteParticipantsDelete, fakeapi.Faults{NotFound: fakeapi.NotFoundEmpty})
					f.fake.SetFaults(fakeapi.RouteConferencesGet, fakeapi.Faults{NotFound: fakeapi.NotFoundEmpty})
				},
				Config:      cfg,
				Destroy:     true,
				ExpectError: unproven404("Unable to Delete Conference Participant"),
			},
			{
				PreConfig:        f.fake.ClearFaults,
				Config:           cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
		CheckDestroy: func(*terraform.State) error {
			if _, ok := f.fake.Participant(f.conf, call); ok {
				return fmt.Errorf("participant %s is still in the conference: %s", call, f.describeLog())
			}
			return nil
		},
	})
}

// TestAccDataSources_ambiguousNotFound: a data source never reports that a
// participant or conference does not exist on a 404 that is not the API's
// own; the participant data source settles it with one GET of the
// conference.
func TestAccDataSources_ambiguousNotFound(t *testing.T) {
	f := newFixture(t)
	live, gone := f.addCall(), f.addCall()
	f.fake.HangUp(f.conf, gone)
	participant := func(call string) string {
		return f.config(dataBlock("signalwire_conference_participant", strAttr("conference_sid", f.conf), strAttr("call_sid", call)))
	}
	faults := func(route fakeapi.Route, form string) func() {
		return func() {
			f.fake.ClearFaults()
			f.fake.SetFaults(route, fakeapi.Faults{NotFound: form})
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: f.factories(),
		Steps: []resource.TestStep{
			{
				PreConfig:   faults(fakeapi.RouteAll, fakeapi.NotFoundHTML),
				Config:      participant(live),
				ExpectError: unproven404("Unable to Read Conference Participant"),
			},
			{
				PreConfig: faults(fakeapi.RouteParticipantsGet, fakeapi.NotFoundEmpty),
				Config:    participant(gone),
				ExpectError: wrapped(`Unable to Read Conference Participant.*Call ` + gone +
					` is not \(or no longer\) in conference ` + f.conf),
			},
			{
				PreConfig:   faults(fakeapi.RouteAll, fakeapi.NotFoundForeign),
				Config:      f.config(dataBlock("signalwire_conference", strAttr("sid", f.conf))),
				ExpectError: unproven404("Unable to Read Conference"),
			},
			{
				PreConfig:   faults(fakeapi.RouteAll, fakeapi.NotFoundCode),
				Config:      f.config(dataBlock("signalwire_conference_participants", strAttr("conference_sid", f.conf))),
				ExpectError: unproven404("Unable to Read Conference Participants"),
			},
		},
	})
}
