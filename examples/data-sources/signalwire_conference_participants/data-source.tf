# Everyone in the conference.
data "signalwire_conference_participants" "all" {
  conference_sid = "5d0c3b8e-2f4a-4c61-9a7e-1b2c3d4e5f60"
}

# Only the participants on hold who are not muted.
data "signalwire_conference_participants" "waiting" {
  conference_sid = "5d0c3b8e-2f4a-4c61-9a7e-1b2c3d4e5f60"
  hold           = true
  muted          = false
}

output "waiting_calls" {
  value = data.signalwire_conference_participants.waiting.participants[*].call_sid
}
