# The in-progress conference with this name; it must be the only one.
data "signalwire_conference" "support" {
  friendly_name = "support-room"
}

# A conference that has ended, by name.
data "signalwire_conference" "yesterday" {
  friendly_name = "standup-2026-11-25"
  status        = "completed"
}

# Any conference, by sid.
data "signalwire_conference" "by_sid" {
  sid = "5d0c3b8e-2f4a-4c61-9a7e-1b2c3d4e5f60"
}

output "support_conference" {
  value = "${data.signalwire_conference.support.sid} (${data.signalwire_conference.support.region})"
}
