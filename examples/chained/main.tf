# Mute everyone in a conference for an announcement, then let them speak
# again: find the conference by name, list who is in the room, and manage
# each of those participants with one resource instance per call.
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

variable "announcement_url" {
  description = "LaML or audio played to each participant once, when they are muted."
  type        = string
  default     = "https://example.com/announcements/quiet-please.xml"
}

# Exactly one in-progress conference must have this name.
data "signalwire_conference" "room" {
  friendly_name = var.conference_name
}

# Everyone in the room who is not on hold. The filter is on hold rather than
# muted on purpose: filtering on the attribute this configuration changes
# would empty the list once everyone is muted, and the next plan would
# destroy what it just created.
data "signalwire_conference_participants" "in_room" {
  conference_sid = data.signalwire_conference.room.sid
  hold           = false
}

resource "signalwire_conference_participant" "listener" {
  for_each = {
    for p in data.signalwire_conference_participants.in_room.participants :
    p.call_sid => p if p.call_sid != var.host_call_sid
  }

  conference_sid = data.signalwire_conference.room.sid
  call_sid       = each.key
  muted          = true
  announce_url   = var.announcement_url

  # `terraform destroy` after the announcement unmutes everyone again.
  on_destroy = "reset"
}

output "muted_calls" {
  description = "The calls muted for the announcement."
  value       = sort(keys(signalwire_conference_participant.listener))
}
