# A support line: the customer waits on hold with music while a supervisor
# coaches the agent, whom only the agent can hear. `make demo` applies this
# against the built-in fake API seeded from seed.json.
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

variable "conference_sid" {
  description = "The support-room conference."
  type        = string
  default     = "5d0c3b8e-2f4a-4c61-9a7e-1b2c3d4e5f60"
}

variable "agent_call_sid" {
  type    = string
  default = "a1b2c3d4-0001-4a5b-8c9d-0e1f2a3b4c5d"
}

variable "customer_call_sid" {
  type    = string
  default = "a1b2c3d4-0002-4a5b-8c9d-0e1f2a3b4c5d"
}

variable "supervisor_call_sid" {
  type    = string
  default = "a1b2c3d4-0003-4a5b-8c9d-0e1f2a3b4c5d"
}

resource "signalwire_conference_participant" "customer" {
  conference_sid = var.conference_sid
  call_sid       = var.customer_call_sid
  hold           = true
  hold_url       = "https://example.com/hold-music.xml"
}

resource "signalwire_conference_participant" "supervisor" {
  conference_sid    = var.conference_sid
  call_sid          = var.supervisor_call_sid
  coaching          = true
  call_sid_to_coach = var.agent_call_sid
  announce_url      = "https://example.com/supervisor-joined.xml"
}

resource "signalwire_conference_participant" "agent" {
  conference_sid = var.conference_sid
  call_sid       = var.agent_call_sid
  muted          = false
  on_destroy     = "reset"
}

output "customer" {
  value = {
    id     = signalwire_conference_participant.customer.id
    hold   = signalwire_conference_participant.customer.hold
    status = signalwire_conference_participant.customer.status
  }
}
