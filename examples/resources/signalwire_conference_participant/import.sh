# The account is the provider's project_id.
terraform import signalwire_conference_participant.customer <conference_sid>/<call_sid>

# The account given explicitly.
terraform import signalwire_conference_participant.customer <account_sid>/<conference_sid>/<call_sid>
