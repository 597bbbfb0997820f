# Mute everyone in a conference but the host, including whoever joins
# later, then let them speak again: find the conference by name, set its
# participants with one policy, and read who is waiting on hold.
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
  description = "The friendly name of the live conference."
  type        = string
  default     = "all-hands"
}

variable "host_call_sid" {
  description = "The call of the host, who keeps speaking. Empty to mute everyone."
  type        = string
  default     = ""
}

# Exactly one in-progress conference must have this name.
data "signalwire_conference" "room" {
  friendly_name = var.conference_name
}

# Everyone in the room but the host is muted. A call that joins later is
# muted by the next apply; one that leaves drops out of the policy's
# participants without an error.
resource "signalwire_conference_participant_policy" "quiet" {
  conference_sid    = data.signalwire_conference.room.sid
  muted             = true
  exclude_call_sids = compact([var.host_call_sid])

  # `terraform destroy` unmutes everyone this policy muted, and no one else.
  on_destroy = "reset"
}

# Reading, not managing: the participants waiting on hold, filtered by the
# API.
data "signalwire_conference_participants" "waiting" {
  conference_sid = data.signalwire_conference.room.sid
  hold           = true
}

output "muted_calls" {
  description = "The calls this policy muted."
  value = sort([
    for call, p in signalwire_conference_participant_policy.quiet.participants : call if p.muted_by_policy
  ])
}

output "waiting_calls" {
  description = "The calls on hold when the configuration was last read."
  value       = data.signalwire_conference_participants.waiting.call_sids
}
