package provider

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/seed177019bb/terraform-provider-signalwire/internal/fakeapi"
)

// TestAccThrottling_defaultSettings applies 60 participants, each with an
// announcement, with default provider settings while the API lets one POST
// in six through and refuses the rest with 429, so most updates are refused
// more often than max_retries allows. A 429 is retried until the timeout
// rather than counted against max_retries, so all of them apply; since only
// POSTs that are still needed are sent, the count is exact: 6(N-1)+1 POSTs,
// 5(N-1) of them refused. Each announcement plays once, and no retry comes
// sooner than the Retry-After as honoured.
func TestAccThrottling_defaultSettings(t *testing.T) {
	f := newFixture(t)
	calls := f.addCalls(60, fakeapi.ParticipantSeed{})
	f.fake.SetFaults(fakeapi.RouteParticipantsUpdate, fakeapi.Faults{RateLimit: 1, RateWindowCount: 6, RetryAfter: 1})
	var apply faultFigures
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: f.factories(),
		Steps: []resource.TestStep{{
			PreConfig: f.resetLog,
			Config:    participantsConfig(f.providerBlock(), f.conf, calls, "muted = true"),
			Check: func(*terraform.State) error {
				apply = f.figures()
				return f.expectEachOnce(calls, true)
			},
		}},
	})
	t.Logf("apply of %d participants: %s", len(calls), apply)
	if n := len(calls); apply.posts != 6*(n-1)+1 || apply.rateLimited != 5*(n-1) {
		t.Errorf("%d POSTs with %d answered 429, want %d and %d", apply.posts, apply.rateLimited, 6*(n-1)+1, 5*(n-1))
	}
	if apply.minWaitAfter429 < testRetryWaitMax {
		t.Errorf("a request was retried %s after a 429, want at least %s", apply.minWaitAfter429, testRetryWaitMax)
	}
}

// TestAccThrottling_timeout: an API that throttles every request fails the
// create when timeouts.create runs out, with an error that says how often
// the request was sent and refused and which setting to raise. Nothing is
// applied and nothing is saved to state.
func TestAccThrottling_timeout(t *testing.T) {
	f := newFixture(t)
	call := f.addCall()
	f.fake.SetFaults(fakeapi.RouteParticipantsUpdate, fakeapi.Faults{ErrorRate: 1, ErrorStatus: http.StatusTooManyRequests})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: f.factories(),
		Steps: []resource.TestStep{{
			Config: f.config(f.participant(call, "muted = true", "timeouts {\n    create = \"2s\"\n  }")),
			ExpectError: looseRegexp("Unable to Create Conference Participant",
				fmt.Sprintf("Create of call %s in conference %s did not finish within its 2s timeout.", call, f.conf),
				"The request was sent", "with HTTP 429 (rate limited), which the provider retries until the timeout",
				"Raise timeouts.create if the API is slow or busy"),
		}},
	})
	if p := f.participantState(call); p.Muted {
		t.Error("a throttled update was applied")
	}
	for _, r := range f.fake.Requests() {
		if r.Method == http.MethodPost && r.Status != http.StatusTooManyRequests {
			t.Errorf("POST answered %d, want only 429s", r.Status)
		}
	}
}

// TestAccThrottling_maxRequestsPerSecond: with max_requests_per_second = 5
// the k-th POST reaches the API no sooner than (k-1)/5 s after the apply
// began, however the engine schedules its ten parallel operations. Only this
// lower bound is asserted: a busy machine delays requests, never hurries
// them; without the ceiling the six POSTs arrive within milliseconds.
func TestAccThrottling_maxRequestsPerSecond(t *testing.T) {
	f := newFixture(t)
	calls := f.addCalls(6, fakeapi.ParticipantSeed{})
	provider := strings.Replace(f.providerBlock(), "}", "  max_requests_per_second = 5\n}", 1)
	var began time.Duration
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: f.factories(),
		Steps: []resource.TestStep{{
			PreConfig: func() { began = f.fake.Monotonic() },
			Config:    participantsConfig(provider, f.conf, calls, "muted = true"),
			Check: func(*terraform.State) error {
				var arrived []time.Duration
				for _, r := range f.fake.Requests() {
					if r.Method == http.MethodPost {
						arrived = append(arrived, r.Arrived-began)
					}
				}
				slices.Sort(arrived)
				for k, at := range arrived {
					if earliest := time.Duration(k) * 200 * time.Millisecond; at < earliest {
						return fmt.Errorf("POST %d arrived %s after the apply began, before %s: %v", k+1, at, earliest, arrived)
					}
				}
				return f.expectEachOnce(calls, true)
			},
		}},
	})
}
