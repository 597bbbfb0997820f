# The speaker is managed on their own; the policy excludes them by
# reference, so the exclusion follows the resource.
resource "signalwire_conference_participant" "speaker" {
  conference_sid = var.conference_sid
  call_sid       = var.speaker_call_sid
  muted          = false
}

resource "signalwire_conference_participant_policy" "audience" {
  conference_sid    = var.conference_sid
  muted             = true
  exclude_call_sids = [signalwire_conference_participant.speaker.call_sid]
}
