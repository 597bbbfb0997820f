# Plan-time checks of main.tf with no API at all: the mock provider stands
# in for signalwire and answers with the values below, so this file needs
# neither credentials nor signalwire-fake:
#
#   terraform test -filter=tests/mock_provider.tftest.hcl

mock_provider "signalwire" {
  # The provider still validates the configuration, and a sid must be a
  # UUID, so the mocked conference gets a real-looking sid rather than the
  # random string a mock generates.
  mock_data "signalwire_conference" {
    defaults = {
      sid = "7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d"
    }
  }
}

# Who is in the room, as the API would list them. call_sids, not
# participants: override_data cannot set a list of nested objects.
override_data {
  target = data.signalwire_conference_participants.in_room
  values = {
    call_sids = [
      "c0ffee00-0000-4000-8000-000000000001",
      "c0ffee00-0000-4000-8000-000000000002",
      "c0ffee00-0000-4000-8000-000000000003",
      "c0ffee00-0000-4000-8000-000000000004",
      "c0ffee00-0000-4000-8000-000000000005",
    ]
  }
}

variables {
  trainer_call_sid = "c0ffee00-0000-4000-8000-000000000001"
  coaching = {
    "c0ffee00-0000-4000-8000-000000000002" = "c0ffee00-0000-4000-8000-000000000003"
  }
}

run "listeners_are_muted_and_the_trainer_is_not" {
  command = plan

  # Whom the policy mutes is decided by the API's list at apply; at plan
  # time the test checks whom it leaves out.
  assert {
    condition = signalwire_conference_participant_policy.listeners.exclude_call_sids == toset([
      "c0ffee00-0000-4000-8000-000000000001",
      "c0ffee00-0000-4000-8000-000000000002",
      "c0ffee00-0000-4000-8000-000000000003",
    ])
    error_message = "The listeners' policy should leave out exactly the trainer and the coaching pairs."
  }
  assert {
    condition     = signalwire_conference_participant_policy.listeners.muted
    error_message = "The listeners' policy should mute."
  }
  assert {
    condition     = signalwire_conference_participant.trainer.muted == false
    error_message = "The trainer should not be muted."
  }
}

run "each_supervisor_coaches_their_trainee" {
  command = plan

  assert {
    condition     = signalwire_conference_participant.supervisor["c0ffee00-0000-4000-8000-000000000002"].coaching
    error_message = "The supervisor should be coaching."
  }
  assert {
    condition     = signalwire_conference_participant.supervisor["c0ffee00-0000-4000-8000-000000000002"].call_sid_to_coach == "c0ffee00-0000-4000-8000-000000000003"
    error_message = "The supervisor should coach their own trainee."
  }
}

run "two_supervisors_cannot_coach_one_trainee" {
  command = plan

  variables {
    coaching = {
      "c0ffee00-0000-4000-8000-000000000002" = "c0ffee00-0000-4000-8000-000000000003"
      "c0ffee00-0000-4000-8000-000000000004" = "c0ffee00-0000-4000-8000-000000000003"
    }
  }

  expect_failures = [var.coaching]
}

run "a_trainee_not_in_the_room_cannot_be_coached" {
  command = plan

  variables {
    coaching = {
      "c0ffee00-0000-4000-8000-000000000002" = "c0ffee00-0000-4000-8000-000000000009"
    }
  }

  expect_failures = [signalwire_conference_participant.supervisor]
}

# The id and status are computed: the mock makes them up unless told, so
# the run that reads them sets them.
run "the_trainer_output_reports_the_participant" {
  override_resource {
    target = signalwire_conference_participant.trainer
    values = {
      id     = "0f8a2b6c-3d4e-4f50-8a6b-7c8d9e0f1a2b/7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d/c0ffee00-0000-4000-8000-000000000001"
      status = "in-progress"
    }
  }

  assert {
    condition = output.trainer == {
      id     = "0f8a2b6c-3d4e-4f50-8a6b-7c8d9e0f1a2b/7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d/c0ffee00-0000-4000-8000-000000000001"
      status = "in-progress"
    }
    error_message = "The trainer output should carry the participant's id and status."
  }
}
