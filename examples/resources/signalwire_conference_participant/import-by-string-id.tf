import {
  to = signalwire_conference_participant.customer
  id = "5d0c3b8e-2f4a-4c61-9a7e-1b2c3d4e5f60/a1b2c3d4-0002-4a5b-8c9d-0e1f2a3b4c5d"
}
