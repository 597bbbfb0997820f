package provider

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/seed177019bb/terraform-provider-signalwire/internal/fakeapi"
)

const policyAddr = "signalwire_conference_participant_policy.test"

// policy renders the policy block for the fixture's conference with the
// given attribute lines.
func (f *fixture) policy(attrs ...string) string {
	return fmt.Sprintf(`
resource "signalwire_conference_participant_policy" "test" {
  conference_sid = %q
  %s
}
`, f.conf, strings.Join(attrs, "\n  "))
}

// join puts a call into the fixture's conference as seed describes it.
func (f *fixture) join(seed fakeapi.ParticipantSeed) string {
	seed.ConferenceSID = f.conf
	return f.fake.AddParticipant(seed)
}

// logCheck checks the fake's request log, as a plan check or a state check.
type logCheck func() error

func (c logCheck) CheckPlan(_ context.Context, _ plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	resp.Error = c()
}

func (c logCheck) CheckState(_ context.Context, _ statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	resp.Error = c()
}

// calls checks the request log by method, e.g. {"GET": 1, "POST": 0}.
func (f *fixture) calls(want map[string]int) logCheck {
	return func() error { return f.expectRequests(want)(nil) }
}

// postsTo checks that the POSTs in the log went to exactly these calls, each
// carrying exactly form.
func (f *fixture) postsTo(form string, calls ...string) logCheck {
	return func() error {
		var got []string
		for _, r := range f.fake.Requests() {
			if r.Method != "POST" {
				continue
			}
			if r.Form.Encode() != form {
				return fmt.Errorf("POST %s carried %s, want %s", r.Path, r.Form.Encode(), form)
			}
			got = append(got, r.Path[strings.LastIndex(r.Path, "/")+1:])
		}
		for i := range got {
			got[i] = strings.TrimSuffix(got[i], ".json")
		}
		slices.Sort(got)
		want := slices.Sorted(slices.Values(calls))
		if !slices.Equal(got, want) {
			return fmt.Errorf("POSTs went to %v, want %v; log: %s", got, want, f.describeLog())
		}
		return nil
	}
}

// entry is the expected value of one participants entry.
func entry(muted, hold, mutedByPolicy, heldByPolicy bool) knownvalue.Check {
	return knownvalue.ObjectExact(map[string]knownvalue.Check{
		"muted": knownvalue.Bool(muted), "hold": knownvalue.Bool(hold),
		"muted_by_policy": knownvalue.Bool(mutedByPolicy), "held_by_policy": knownvalue.Bool(heldByPolicy),
	})
}

// changedEntries is a plan check that the policy's planned participants
// map differs from the refreshed one in exactly the entries of these calls.
type changedEntries []string

func (want changedEntries) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	for _, rc := range req.Plan.ResourceChanges {
		if rc.Address != policyAddr {
			continue
		}
		before, _ := rc.Change.Before.(map[string]any)
		after, _ := rc.Change.After.(map[string]any)
		was, _ := before["participants"].(map[string]any)
		now, _ := after["participants"].(map[string]any)
		var got []string
		for call := range now {
			if !reflect.DeepEqual(was[call], now[call]) {
				got = append(got, call)
			}
		}
		for call := range was {
			if _, ok := now[call]; !ok {
				got = append(got, call)
			}
		}
		slices.Sort(got)
		if expected := slices.Sorted(slices.Values(want)); !slices.Equal(got, expected) {
			resp.Error = fmt.Errorf("the plan changes the participants entries of %v, want exactly %v", got, expected)
		}
		return
	}
	resp.Error = fmt.Errorf("the plan has no change for %s", policyAddr)
}

// lazyPlanCheck builds its check when it runs, for values a step's
// PreConfig sets.
type lazyPlanCheck func() plancheck.PlanCheck

func (l lazyPlanCheck) CheckPlan(ctx context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	l().CheckPlan(ctx, req, resp)
}

// changedEntriesOf is changedEntries for calls known only once a step runs.
func changedEntriesOf(calls ...*string) plancheck.PlanCheck {
	return lazyPlanCheck(func() plancheck.PlanCheck {
		var names changedEntries
		for _, c := range calls {
			names = append(names, *c)
		}
		return names
	})
}

// plannedEntries checks the planned participants map, built when it runs.
func plannedEntries(want func() map[string]knownvalue.Check) plancheck.PlanCheck {
	return lazyPlanCheck(func() plancheck.PlanCheck {
		return plancheck.ExpectKnownValue(policyAddr, tfjsonpath.New("participants"), knownvalue.MapExact(want()))
	})
}

// lazyPosts is postsTo for calls known only once a step runs.
func lazyPosts(f *fixture, form string, calls ...*string) logCheck {
	return func() error {
		names := make([]string, len(calls))
		for i, c := range calls {
			names[i] = *c
		}
		return f.postsTo(form, names...)()
	}
}
