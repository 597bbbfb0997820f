package provider

import (
	"context"
	"errors"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/seed177019bb/terraform-provider-signalwire/internal/client"
)

// send sends params to the participant m names and copies the outcome into
// m: the API's answer or, when that answer was lost or unusable, what one
// read of the participant confirms. On an error m must not become state.
func (r *participantResource) send(ctx context.Context, op string, m *participantModel, params client.UpdateParticipantParams, timeout time.Duration) diag.Diagnostics {
	account, conference, call := m.key()
	p, err := r.data.client.UpdateParticipant(ctx, account, conference, call, params)
	var unknown *client.OutcomeUnknownError
	switch {
	case errors.As(err, &unknown):
		return r.confirmOutcome(ctx, op, m, params, unknown)
	case err != nil:
		return diag.Diagnostics{r.data.participantError(ctx, op, m, timeout, err)}
	}
	m.applyParticipant(p)
	return nil
}

// confirmOutcome learns what became of an update whose answer does not tell,
// with one GET of the participant, instead of sending it again, which would
// replay an announcement. A 2xx answer means the API applied the update; after
// a lost connection, the update counts as applied when the participant shows
// what it sent, and as not applied otherwise (the API applies an update
// whole [inferred]).
func (r *participantResource) confirmOutcome(ctx context.Context, op string, m *participantModel, sent client.UpdateParticipantParams, unknown *client.OutcomeUnknownError) diag.Diagnostics {
	account, conference, call := m.key()
	tflog.Warn(ctx, "the answer to a participant update was lost or unusable; reading the participant back", map[string]any{
		"conference_sid": conference, "call_sid": call, "processed": unknown.Processed,
	})
	p, err := r.data.client.GetParticipant(ctx, account, conference, call)
	if err != nil {
		return diag.Diagnostics{outcomeUnknownError(op, m.description(), sent.AnnounceURL != nil, unknown, err)}
	}
	got := flattenParticipant(p)
	if !unknown.Processed && !settingsShown(sent, &got) {
		return diag.Diagnostics{updateNotAppliedError(op, m.description(), unknown)}
	}
	var diags diag.Diagnostics
	if !unknown.Processed && sent.AnnounceURL != nil {
		diags.Append(announcementUnconfirmedWarning(m.description(), unknown))
	}
	m.applyConfirmed(p)
	return diags
}
