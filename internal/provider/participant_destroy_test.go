package provider

import (
	"fmt"
	"net/url"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
)

func TestAccParticipant_onDestroyKeep(t *testing.T) {
	f := newFixture(t)
	call := f.addCall()
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: f.factories(),
		Steps: []resource.TestStep{{
			Config: f.config(f.participant(call, "muted = true", "hold = true")),
			Check:  func(*terraform.State) error { f.resetLog(); return nil },
		}},
		CheckDestroy: func(*terraform.State) error {
			p, ok := f.fake.Participant(f.conf, call)
			if !ok || !p.Muted || !p.Hold {
				return fmt.Errorf("keep changed the participant: present=%v %+v", ok, p)
			}
			return f.expectRequests(map[string]int{"POST": 0, "DELETE": 0})(nil)
		},
	})
}

func TestAccParticipant_onDestroyReset(t *testing.T) {
	f := newFixture(t)
	call, other := f.addCall(), f.addCall()
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: f.factories(),
		Steps: []resource.TestStep{{
			Config: f.config(f.participant(call, "muted = true", "hold = true",
				"coaching = true", "call_sid_to_coach = "+quote(other), `on_destroy = "reset"`)),
			Check: func(*terraform.State) error { f.resetLog(); return nil },
		}},
		CheckDestroy: func(*terraform.State) error {
			p, ok := f.fake.Participant(f.conf, call)
			if !ok || p.Muted || p.Hold || p.Coaching || p.CallSIDToCoach != "" {
				return fmt.Errorf("reset left the participant: present=%v %+v", ok, p)
			}
			if err := f.expectPostForm(url.Values{"Muted": {"false"}, "Hold": {"false"}, "Coaching": {"false"}})(nil); err != nil {
				return err
			}
			return f.expectRequests(map[string]int{"DELETE": 0})(nil)
		},
	})
}

func TestAccParticipant_onDestroyRemove(t *testing.T) {
	f := newFixture(t)
	call := f.addCall()
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: f.factories(),
		Steps: []resource.TestStep{{
			Config: f.config(f.participant(call, "muted = true", `on_destroy = "remove"`)),
			Check:  func(*terraform.State) error { f.resetLog(); return nil },
		}},
		CheckDestroy: func(*terraform.State) error {
			if _, ok := f.fake.Participant(f.conf, call); ok {
				return fmt.Errorf("participant %s is still in the conference", call)
			}
			return f.expectRequests(map[string]int{"DELETE": 1, "POST": 0})(nil)
		},
	})
}

// TestAccParticipant_onDestroyRemoveAlreadyGone: the call has left when
// destroy runs without a refresh; the DELETE's 404 means the goal is met, so
// destroy succeeds.
func TestAccParticipant_onDestroyRemoveAlreadyGone(t *testing.T) {
	f := newFixture(t)
	call := f.addCall()
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: f.factories(),
		Steps: []resource.TestStep{{
			Config: f.config(f.participant(call, `on_destroy = "remove"`)),
			Check: func(*terraform.State) error {
				f.resetLog()
				f.fake.HangUp(f.conf, call)
				return nil
			},
			// The plan after apply refreshes and finds the participant gone.
			ExpectNonEmptyPlan: true,
		}},
		CheckDestroy: func(*terraform.State) error {
			for _, r := range f.fake.Requests() {
				if r.Method == "DELETE" && r.Status == 404 {
					return nil
				}
			}
			return fmt.Errorf("expected a DELETE answered 404; log: %s", f.describeLog())
		},
	})
}
