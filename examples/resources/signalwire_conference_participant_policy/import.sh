# The account is the provider's project_id.
terraform import signalwire_conference_participant_policy.webinar <conference_sid>

# The account given explicitly.
terraform import signalwire_conference_participant_policy.webinar <account_sid>/<conference_sid>
