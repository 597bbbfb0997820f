terraform {
  required_providers {
    signalwire = {
      source = "seed177019bb/signalwire"
    }
  }
}

variable "project_id" {
  description = "The SignalWire project ID (a UUID)."
  type        = string
}

# The API token is best left to the SIGNALWIRE_API_TOKEN environment variable
# so that it never appears in configuration or plans.
provider "signalwire" {
  space_url  = "example.signalwire.com"
  project_id = var.project_id
}
