package provider

import (
	"fmt"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/seed177019bb/terraform-provider-signalwire/internal/fakeapi"
)

// testRetryWaitMax is the fixture's RetryWaitMax: a Retry-After of a second
// is honoured up to this cap in tests, as it is up to 30s in real use.
const testRetryWaitMax = 20 * time.Millisecond

// TestAccReliability_createTimeout: an API slower than timeouts.create fails
// the create with an error naming the operation, the participant and the
// setting to raise.
func TestAccReliability_createTimeout(t *testing.T) {
	f := newFixture(t)
	call := f.addCall()
	f.fake.SetFaults(fakeapi.RouteParticipantsUpdate, fakeapi.Faults{Latency: 30 * time.Second})
	var started time.Time
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: f.factories(),
		Steps: []resource.TestStep{{
			PreConfig: func() { started = time.Now() },
			Config:    f.config(f.participant(call, "muted = true", "timeouts {\n    create = \"2s\"\n  }")),
			ExpectError: looseRegexp("Unable to Create Conference Participant",
				fmt.Sprintf("Create of call %s in conference %s did not finish within its 2s timeout.", call, f.conf),
				"Raise timeouts.create if the API is slow"),
		}},
	})
	if elapsed := time.Since(started); elapsed > 20*time.Second {
		t.Errorf("the step took %s: the timeout did not cut the 30s request short", elapsed)
	}
	if n := f.fake.CountRequests("POST"); n != 1 {
		t.Errorf("POST requests = %d, want 1: a timed-out request is not retried: %s", n, f.describeLog())
	}
}

// TestAccReliability_rejectedKeepsState: an update the API refuses with a
// 4xx fails the apply with the API's code and message, is sent once, and
// leaves the state and the participant as they were.
func TestAccReliability_rejectedKeepsState(t *testing.T) {
	f := newFixture(t)
	call, other := f.addCall(), f.addCall()
	elsewhere := f.fake.AddConference(fakeapi.ConferenceSeed{FriendlyName: "other-room"})
	stranger := f.fake.AddParticipant(fakeapi.ParticipantSeed{ConferenceSID: elsewhere})
	good := f.config(f.participant(call, "muted = true", "hold = true"))
	// Each attribute is compared between the first apply and the final plan.
	attrs := []string{"muted", "hold", "coaching", "call_sid_to_coach", "date_updated"}
	var same []stateTracker
	for range attrs {
		same = append(same, statecheck.CompareValue(compare.ValuesSame()))
	}
	track := func() []statecheck.StateCheck {
		out := make([]statecheck.StateCheck, len(attrs))
		for i, attr := range attrs {
			out[i] = same[i].AddStateValue(addr, tfjsonpath.New(attr))
		}
		return out
	}
	var before fakeapi.ParticipantState
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: f.factories(),
		Steps: []resource.TestStep{
			{
				Config:            good,
				ConfigStateChecks: track(),
				Check: func(*terraform.State) error {
					before = f.participantState(call)
					f.resetLog()
					return nil
				},
			},
			{
				Config: f.config(f.participant(call, "muted = false", "hold = true",
					"coaching = true", "call_sid_to_coach = "+quote(stranger))),
				ExpectError: looseRegexp("Unable to Update Conference Participant", "HTTP 422 Unprocessable Entity, code 16002:",
					fmt.Sprintf("CallSidToCoach %s is not another participant of conference %s", stranger, f.conf)),
			},
			{
				PreConfig: func() { f.fake.SetConferenceStatus(f.conf, fakeapi.StatusCompleted) },
				Config: f.config(f.participant(call, "muted = false", "hold = true",
					"coaching = true", "call_sid_to_coach = "+quote(other))),
				ExpectError: looseRegexp("Unable to Update Conference Participant", "HTTP 400 Bad Request, code 10000:",
					fmt.Sprintf("conference %s is completed", f.conf)),
			},
			{
				Config: good,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: track(),
			},
		},
	})
	var posts []string
	for _, r := range f.fake.Requests() {
		if r.Method == http.MethodPost {
			posts = append(posts, fmt.Sprintf("%d %s", r.Status, r.Form.Get("CallSidToCoach")))
		}
	}
	if len(posts) != 2 || !strings.HasPrefix(posts[0], "422 ") || !strings.HasPrefix(posts[1], "400 ") {
		t.Errorf("POSTs = %q, want one refused with 422 and one with 400, none retried", posts)
	}
	if after := f.participantState(call); after.Muted != before.Muted || after.Hold != before.Hold ||
		after.Coaching || after.CallSIDToCoach != "" || !after.DateUpdated.Equal(before.DateUpdated) {
		t.Errorf("the refused updates changed the participant: before %+v, after %+v", before, after)
	}
}

// stateTracker is what statecheck.CompareValue returns.
type stateTracker interface {
	AddStateValue(resourceAddress string, attributePath tfjsonpath.Path) statecheck.StateCheck
}

// participantsConfig renders one counted resource over the calls, each with
// its own announcement. (count rather than for_each: the legacy state shim
// behind Check functions does not support string keys.)
func participantsConfig(provider, conference string, calls []string, extra ...string) string {
	return provider + fmt.Sprintf(`
locals {
  calls = [%s]
}

resource "signalwire_conference_participant" "p" {
  count          = length(local.calls)
  conference_sid = %q
  call_sid       = local.calls[count.index]
  announce_url   = "https://example.com/announce/${local.calls[count.index]}.xml"
  %s
}
`, `"`+strings.Join(calls, `", "`)+`"`, conference, strings.Join(extra, "\n  "))
}

// expectEachOnce checks the fake: every call has the configured settings,
// heard its announcement exactly once, and was sent exactly one successful
// POST in the log.
func (f *fixture) expectEachOnce(calls []string, muted bool) error {
	ok := map[string]int{}
	for _, r := range f.fake.Requests() {
		if r.Method == http.MethodPost && r.Status == http.StatusOK {
			ok[r.Path[strings.LastIndex(r.Path, "/")+1:]]++
		}
	}
	byCall := map[string]fakeapi.ParticipantState{}
	for _, p := range f.fake.Participants(f.conf) {
		byCall[p.CallSID] = p
	}
	var problems []string
	for _, call := range calls {
		p, present := byCall[call]
		url := "https://example.com/announce/" + call + ".xml"
		switch {
		case !present:
			problems = append(problems, call+" is gone")
		case p.Muted != muted || p.AnnounceURL != url || p.AnnounceMethod != "POST":
			problems = append(problems, fmt.Sprintf("%s = muted %v, announce %s %s", call, p.Muted, p.AnnounceMethod, p.AnnounceURL))
		case len(p.Announcements) != 1 || p.Announcements[0] != url:
			problems = append(problems, fmt.Sprintf("%s heard %q", call, p.Announcements))
		case ok[call] != 1:
			problems = append(problems, fmt.Sprintf("%s was updated %d times", call, ok[call]))
		}
	}
	if len(problems) > 0 {
		return fmt.Errorf("%d of %d participants are wrong: %s", len(problems), len(calls), strings.Join(problems, "; "))
	}
	return nil
}

// faultFigures counts the log by fault, and the shortest wait the client
// left between a 429 and the next attempt at the same path, measured on the
// fake's monotonic clock: load can only make it longer.
type faultFigures struct {
	requests, posts, rateLimited, failed int
	minWaitAfter429                      time.Duration
}

func (f *fixture) figures() faultFigures {
	log := f.fake.Requests()
	fig := faultFigures{requests: len(log), minWaitAfter429: -1}
	for i, r := range log {
		if r.Method == http.MethodPost {
			fig.posts++
		}
		switch r.Fault {
		case fakeapi.FaultRateLimit:
			fig.rateLimited++
			for _, next := range log[i+1:] {
				if next.Method == r.Method && next.Path == r.Path {
					if gap := next.Arrived - r.Arrived; fig.minWaitAfter429 < 0 || gap < fig.minWaitAfter429 {
						fig.minWaitAfter429 = gap
					}
					break
				}
			}
		case fakeapi.FaultError:
			fig.failed++
		}
	}
	return fig
}

func (fig faultFigures) String() string {
	return fmt.Sprintf("%d requests (%d POST): %d answered 429, %d answered 503, so %d retries; shortest wait after a 429: %s",
		fig.requests, fig.posts, fig.rateLimited, fig.failed, fig.rateLimited+fig.failed, fig.minWaitAfter429)
}

// TestAccReliability_chaos applies 50 participants, each with an
// announcement, while the fake lets two of every three POSTs through (a
// window counted in POSTs, so the throttling bites the same on a fast or a
// busy machine) and fails 30% of all
// requests with 503. Everything converges, nothing is lost, and no
// announcement plays twice, because 429 and 503 mean "not processed".
func TestAccReliability_chaos(t *testing.T) {
	f := newFixture(t)
	calls := f.addCalls(50, fakeapi.ParticipantSeed{})
	f.fake.SetFaultSeed(177019)
	f.fake.SetFaults(fakeapi.RouteParticipantsUpdate, fakeapi.Faults{RateLimit: 2, RateWindowCount: 3, RetryAfter: 1, ErrorRate: 0.3})
	f.fake.SetFaults(fakeapi.RouteAll, fakeapi.Faults{ErrorRate: 0.3})
	// 429s are retried until the timeout; the 503s count against
	// max_retries. At 30%, five in a row are likely somewhere in a run of
	// hundreds of requests; eleven in a row are not.
	provider := strings.Replace(f.providerBlock(), "}", "  max_retries = 10\n}", 1)
	cfg := participantsConfig(provider, f.conf, calls, "muted = true")
	var apply faultFigures
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: f.factories(),
		Steps: []resource.TestStep{
			{
				PreConfig: f.resetLog,
				Config:    cfg,
				Check: func(*terraform.State) error {
					apply = f.figures()
					return f.expectEachOnce(calls, true)
				},
			},
			{
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: func(*terraform.State) error { return f.expectEachOnce(calls, true) },
			},
		},
	})
	t.Logf("apply of %d participants: %s", len(calls), apply)
	t.Logf("whole run (apply, plans, destroy): %s", f.figures())
	if apply.rateLimited == 0 || apply.failed == 0 {
		t.Errorf("the apply saw %d throttled and %d failed requests; the faults did not bite", apply.rateLimited, apply.failed)
	}
	if apply.minWaitAfter429 < testRetryWaitMax {
		t.Errorf("a request was retried %s after a 429 carrying Retry-After: 1, want at least %s (Retry-After capped at RetryWaitMax)",
			apply.minWaitAfter429, testRetryWaitMax)
	}
}

// TestAccReliability_concurrency applies 200 participants at Terraform's
// default parallelism of 10 against a fake with 20ms latency. It runs under
// the race detector (make testacc-race, part of make test), which then covers
// the provider, the client and the fake, all in this process; without -race
// it runs only when SIGNALWIRE_ACC_CONCURRENCY is set.
func TestAccReliability_concurrency(t *testing.T) {
	if !raceEnabled && os.Getenv("SIGNALWIRE_ACC_CONCURRENCY") == "" {
		t.Skip("runs under -race (make testacc-race), or set SIGNALWIRE_ACC_CONCURRENCY=1")
	}
	f := newFixture(t)
	calls := f.addCalls(200, fakeapi.ParticipantSeed{})
	f.fake.SetFaults(fakeapi.RouteAll, fakeapi.Faults{Latency: 20 * time.Millisecond})
	cfg := participantsConfig(f.providerBlock(), f.conf, calls, "hold = true")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: f.factories(),
		Steps: []resource.TestStep{{
			PreConfig: f.resetLog,
			Config:    cfg,
			Check: func(*terraform.State) error {
				if n := f.fake.CountRequests(http.MethodPost); n != len(calls) {
					return fmt.Errorf("POST requests = %d, want exactly %d", n, len(calls))
				}
				for _, p := range f.fake.Participants(f.conf) {
					if !p.Hold {
						return fmt.Errorf("participant %s is not on hold", p.CallSID)
					}
				}
				return f.expectEachOnce(calls, false)
			},
		}},
	})
}
