# Applies main.tf to signalwire-fake through the real provider. run-tests.sh
# starts the fake, seeds the conference from seed.json and, through the
# fake's admin API, hangs up trainee c0ffee00-...-000000000006 before
# `terraform test` runs, so these runs see a room that call has left.

variables {
  trainer_call_sid = "c0ffee00-0000-4000-8000-000000000001"
  coaching = {
    "c0ffee00-0000-4000-8000-000000000002" = "c0ffee00-0000-4000-8000-000000000003"
  }
}

run "apply_the_training_room" {
  assert {
    condition     = output.muted_call_sids == tolist(["c0ffee00-0000-4000-8000-000000000004", "c0ffee00-0000-4000-8000-000000000005"])
    error_message = "The listeners still in the room, and only they, should be muted."
  }
  assert {
    condition     = keys(signalwire_conference_participant_policy.listeners.participants) == tolist(["c0ffee00-0000-4000-8000-000000000004", "c0ffee00-0000-4000-8000-000000000005"])
    error_message = "The policy should cover the listeners still in the room, and only them."
  }
  assert {
    condition     = signalwire_conference_participant.supervisor["c0ffee00-0000-4000-8000-000000000002"].call_sid_to_coach == "c0ffee00-0000-4000-8000-000000000003"
    error_message = "The supervisor should coach their trainee."
  }
  assert {
    condition     = output.trainer.status == "in-progress" && endswith(output.trainer.id, "/7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d/c0ffee00-0000-4000-8000-000000000001")
    error_message = "The trainer output should carry the participant's id and status."
  }
}

# Reads every participant back from the API: what was applied is what the
# API now holds.
run "the_api_holds_what_was_applied" {
  command = plan

  plan_options {
    mode = refresh-only
  }

  assert {
    condition     = alltrue([for p in values(signalwire_conference_participant_policy.listeners.participants) : p.muted])
    error_message = "The API should report every listener muted."
  }
  assert {
    condition     = signalwire_conference_participant.supervisor["c0ffee00-0000-4000-8000-000000000002"].coaching
    error_message = "The API should report the supervisor coaching."
  }
}

run "a_call_that_has_left_cannot_be_coached" {
  command = plan

  variables {
    coaching = {
      "c0ffee00-0000-4000-8000-000000000002" = "c0ffee00-0000-4000-8000-000000000006"
    }
  }

  expect_failures = [signalwire_conference_participant.supervisor]
}
