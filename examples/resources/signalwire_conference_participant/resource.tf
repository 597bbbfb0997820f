variable "conference_sid" {
  type = string
}

variable "agent_call_sid" {
  type = string
}

variable "customer_call_sid" {
  type = string
}

variable "supervisor_call_sid" {
  type = string
}

# Put the customer on hold with music while the agent looks something up.
resource "signalwire_conference_participant" "customer" {
  conference_sid = var.conference_sid
  call_sid       = var.customer_call_sid
  hold           = true
  hold_url       = "https://example.com/hold-music.xml"
  hold_method    = "GET"
}

# A supervisor coaches the agent: only the agent hears them. The announcement
# plays once, when this resource is created.
resource "signalwire_conference_participant" "supervisor" {
  conference_sid    = var.conference_sid
  call_sid          = var.supervisor_call_sid
  coaching          = true
  call_sid_to_coach = var.agent_call_sid
  announce_url      = "https://example.com/supervisor-joined.xml"
}

# Mute the agent while this resource exists and unmute them on destroy.
resource "signalwire_conference_participant" "agent" {
  conference_sid = var.conference_sid
  call_sid       = var.agent_call_sid
  muted          = true
  on_destroy     = "reset"
}
