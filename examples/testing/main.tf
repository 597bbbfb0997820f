# A training call kept in version control: the trainer speaks, each
# supervisor coaches (whispers to) the trainee paired with them, and
# everyone else in the room listens muted. tests/ holds its `terraform test`
# suite: mock_provider.tftest.hcl checks it at plan time with no API at all,
# fake_api.tftest.hcl applies it to signalwire-fake (run-tests.sh starts it).
terraform {
  required_providers {
    signalwire = {
      source = "seed177019bb/signalwire"
    }
  }
}

# Credentials come from SIGNALWIRE_SPACE_URL, SIGNALWIRE_PROJECT_ID and
# SIGNALWIRE_API_TOKEN.
provider "signalwire" {}

variable "conference_name" {
  description = "The friendly name of the live training conference."
  type        = string
  default     = "training"
}

variable "trainer_call_sid" {
  description = "The call of the trainer, who speaks to the room."
  type        = string
}

variable "coaching" {
  description = "Who coaches whom: a supervisor's call sid => the call sid of the trainee they coach."
  type        = map(string)
  default     = {}

  validation {
    condition     = length(distinct(values(var.coaching))) == length(var.coaching)
    error_message = "Each trainee is coached by one supervisor at most: two supervisors name the same call in coaching."
  }
}

data "signalwire_conference" "room" {
  friendly_name = var.conference_name
}

data "signalwire_conference_participants" "in_room" {
  conference_sid = data.signalwire_conference.room.sid
}

locals {
  in_room = toset(data.signalwire_conference_participants.in_room.call_sids)
}

resource "signalwire_conference_participant" "trainer" {
  conference_sid = data.signalwire_conference.room.sid
  call_sid       = var.trainer_call_sid
  muted          = false

  lifecycle {
    precondition {
      condition     = contains(local.in_room, var.trainer_call_sid)
      error_message = "The trainer's call ${var.trainer_call_sid} is not in the conference ${var.conference_name}."
    }
  }
}

resource "signalwire_conference_participant" "supervisor" {
  for_each = var.coaching

  conference_sid    = data.signalwire_conference.room.sid
  call_sid          = each.key
  coaching          = true
  call_sid_to_coach = each.value

  # Checked at plan time, before any request: coaching a call that has left
  # would otherwise fail half way through an apply.
  lifecycle {
    precondition {
      condition     = contains(local.in_room, each.key) && contains(local.in_room, each.value)
      error_message = "Supervisor ${each.key} cannot coach ${each.value}: both calls must be in the conference ${var.conference_name}."
    }
  }
}

# Everyone else listens: one policy mutes every call in the room but the
# trainer and the coaching pairs, including calls that join later. The
# calls managed above are excluded by reference, so each is managed once.
resource "signalwire_conference_participant_policy" "listeners" {
  conference_sid = data.signalwire_conference.room.sid
  muted          = true
  exclude_call_sids = concat(
    [signalwire_conference_participant.trainer.call_sid],
    [for s in signalwire_conference_participant.supervisor : s.call_sid],
    values(var.coaching),
  )

  # `terraform destroy` after the training lets everyone speak again.
  on_destroy = "reset"
}

output "muted_call_sids" {
  description = "The listeners, muted by the policy."
  value = sort([
    for call, p in signalwire_conference_participant_policy.listeners.participants : call if p.muted_by_policy
  ])
}

output "trainer" {
  description = "The trainer's participant id and status, as the API reports them."
  value = {
    id     = signalwire_conference_participant.trainer.id
    status = signalwire_conference_participant.trainer.status
  }
}
