import {
  to = signalwire_conference_participant_policy.webinar
  id = "5d0c3b8e-2f4a-4c61-9a7e-1b2c3d4e5f60"
}
