variable "conference_sid" {
  type = string
}

variable "speaker_call_sid" {
  type = string
}

variable "lobby_conference_sid" {
  type = string
}

# A webinar: everyone but the speaker and the hosts is muted, including
# whoever joins later (the next apply mutes them).
resource "signalwire_conference_participant_policy" "webinar" {
  conference_sid     = var.conference_sid
  muted              = true
  exclude_call_sids  = [var.speaker_call_sid]
  exclude_moderators = true

  # `terraform destroy` unmutes everyone this policy muted.
  on_destroy = "reset"
}

# Before an event starts: everyone waits on hold with music.
resource "signalwire_conference_participant_policy" "lobby" {
  conference_sid = var.lobby_conference_sid
  hold           = true
  hold_url       = "https://example.com/hold-music.xml"
}
