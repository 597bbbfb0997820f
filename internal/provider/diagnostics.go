package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/seed177019bb/terraform-provider-signalwire/internal/client"
)

// participantError turns a client error into a diagnostic a person can act
// on, naming the operation and the participant.
func (d *providerData) participantError(ctx context.Context, op string, m *participantModel, timeout time.Duration, err error) diag.Diagnostic {
	summary := fmt.Sprintf("Unable to %s Conference Participant", op)
	who := m.description()
	if timedOut(ctx, err) {
		return diag.NewErrorDiagnostic(summary, timeoutDetail(op, who, timeout, err)+announcementNote(err))
	}
	if errors.Is(err, client.ErrAnnouncementUncertain) {
		return diag.NewErrorDiagnostic(summary, fmt.Sprintf(
			"The request for %s carried announce_url and failed in a way that leaves open whether the API "+
				"processed it (%s). It was not retried, so the announcement plays at most once.%s",
			who, errorCause(err), announcementNote(err)))
	}
	if apiErr, ok := client.AsAPIError(err); ok && client.IsParticipantGone(err) && op == "Create" {
		return diag.NewErrorDiagnostic(summary, fmt.Sprintf(
			"The API found no %s (%s). A participant exists only while its call is connected to the "+
				"conference: check that the call is live and in this conference, and that the sids are right.",
			who, apiErr.Describe()))
	}
	return diag.NewErrorDiagnostic(summary, d.requestErrorDetail(who, err))
}

// timedOut reports whether err is the operation's own timeout running out.
func timedOut(ctx context.Context, err error) bool {
	return errors.Is(err, context.DeadlineExceeded) && ctx.Err() != nil
}

// timeoutDetail says which timeout ran out, what was tried in it, and which
// setting to raise.
func timeoutDetail(op, who string, timeout time.Duration, err error) string {
	return fmt.Sprintf("%s of %s did not finish within its %s timeout.%s%s Raise timeouts.%s if the API is slow or busy, or try again.",
		op, who, timeout, triedNote(err), ceilingNote(err), strings.ToLower(op))
}

// requestErrorDetail words any failed request: the answer it got, a 404
// that proves nothing, or the failure to get an answer.
func (d *providerData) requestErrorDetail(who string, err error) string {
	var unconfirmed *client.UnconfirmedNotFoundError
	apiErr, ok := client.AsAPIError(err)
	switch {
	case errors.As(err, &unconfirmed):
		return d.unconfirmedNotFoundDetail(who, unconfirmed.NotFound, unconfirmed.Conference)
	case ok && apiErr.IsNotFound() && !apiErr.ConfirmsNotFound() && !client.IsParticipantGone(err):
		return d.unconfirmedNotFoundDetail(who, apiErr, nil)
	case ok:
		return d.apiErrorDetail(who, apiErr) + retriesNote(err)
	}
	return d.transportErrorDetail(who, err) + retriesNote(err)
}

// triedNote says how often and for how long a request was tried, and how
// often the API refused it for its rate limit; empty if it was not retried.
func triedNote(err error) string {
	var g *client.GiveUpError
	if !errors.As(err, &g) || g.Attempts == 0 {
		return ""
	}
	sent := "once"
	if g.Attempts > 1 {
		sent = fmt.Sprintf("%d times", g.Attempts)
	}
	note := fmt.Sprintf(" The request was sent %s over %s", sent, g.Elapsed.Round(time.Millisecond))
	if g.Throttled > 0 {
		note += fmt.Sprintf("; the API refused %d of them with HTTP 429 (rate limited), which the provider retries "+
			"until the timeout, slowing down as it goes", g.Throttled)
	}
	return note + "."
}

// ceilingNote names max_requests_per_second when waiting for it took part of
// the time that ran out.
func ceilingNote(err error) string {
	var g *client.GiveUpError
	if !errors.As(err, &g) || g.CeilingWait <= 0 {
		return ""
	}
	return fmt.Sprintf(" %s of it went waiting for max_requests_per_second (%g): raise that (or %s) to let "+
		"the provider send faster.", g.CeilingWait.Round(time.Millisecond), g.Ceiling, envMaxRate)
}

// retriesNote explains a request the provider stopped retrying before its
// timeout: max_retries ran out, or (with no timeout) the API kept throttling.
func retriesNote(err error) string {
	var g *client.GiveUpError
	if !errors.As(err, &g) {
		return ""
	}
	switch g.Stop {
	case client.StopRetries:
		return triedNote(err) + fmt.Sprintf(" That used all %d retries max_retries allows after server and connection "+
			"errors: raise max_retries (or %s) if the API needs longer to recover.", g.MaxRetries, envMaxRetries)
	case client.StopThrottled:
		return triedNote(err) + fmt.Sprintf(" The API kept refusing it for %s: try again later, or set "+
			"max_requests_per_second (or %s) to send fewer requests.", client.DefaultThrottleTimeout, envMaxRate)
	}
	return ""
}

// mayHavePlayed tells the user what to do when an update carrying
// announce_url may have played it: applying again sends it again.
const mayHavePlayed = " The announcement may already have played: check the call, then apply again to retry, which " +
	"plays it again; to avoid a second play, remove announce_url from the configuration before applying."

// announcementNote is mayHavePlayed for errors that leave open whether an
// update carrying announce_url was processed.
func announcementNote(err error) string {
	if !errors.Is(err, client.ErrAnnouncementUncertain) {
		return ""
	}
	return mayHavePlayed
}

// lostAnswer says how the outcome of an update became unknown.
func lostAnswer(who string, unknown *client.OutcomeUnknownError) string {
	if unknown.Processed {
		return fmt.Sprintf("The API accepted the request for %s, but its answer could not be used (%s)", who, errorCause(unknown))
	}
	return fmt.Sprintf("The connection to the API was lost after the request for %s was sent (%s)", who, errorCause(unknown))
}

// outcomeUnknownError reports an update whose answer was lost and whose
// participant could not be read back to learn the outcome.
func outcomeUnknownError(op, who string, announced bool, unknown *client.OutcomeUnknownError, readErr error) diag.Diagnostic {
	next := " Applying again is safe: it sends the same settings."
	if announced {
		next = mayHavePlayed
	}
	return diag.NewErrorDiagnostic(fmt.Sprintf("Unable to %s Conference Participant", op), fmt.Sprintf(
		"%s, and reading the participant back to learn the outcome failed too (%s). The change may have been "+
			"applied; state was not updated.%s", lostAnswer(who, unknown), errorCause(readErr), next))
}

// updateNotAppliedError reports an update that a read after a lost
// connection shows was not applied.
func updateNotAppliedError(op, who string, unknown *client.OutcomeUnknownError) diag.Diagnostic {
	return diag.NewErrorDiagnostic(fmt.Sprintf("Unable to %s Conference Participant", op), fmt.Sprintf(
		"%s. Reading the participant back shows the change was not applied, so no announcement played and "+
			"state was not updated: apply again.", lostAnswer(who, unknown)))
}

// announcementUnconfirmedWarning: an update carrying announce_url counts as
// applied, but whether the announcement played cannot be read back.
func announcementUnconfirmedWarning(who string, unknown *client.OutcomeUnknownError) diag.Diagnostic {
	return diag.NewWarningDiagnostic("Announcement Not Confirmed", fmt.Sprintf(
		"%s. Reading the participant back shows the configured settings, so the change counts as applied and "+
			"announce_url is not sent again, which could play it twice. Whether the announcement played cannot be "+
			"read back; to play it now, change announce_url.", lostAnswer(who, unknown)))
}

// errorCause names what went wrong without the client's own announcement text.
func errorCause(err error) string {
	if apiErr, ok := client.AsAPIError(err); ok {
		return apiErr.Describe()
	}
	cause := strings.TrimSuffix(err.Error(), "; "+client.ErrAnnouncementUncertain.Error())
	return strings.TrimSuffix(cause, ": "+client.ErrUnusableAnswer.Error())
}

// apiErrorDetail words the answers every operation shares: rejected
// credentials, an answer in the API's error format with its code and message,
// and one in any other format, which something else may have given.
func (d *providerData) apiErrorDetail(who string, e *client.APIError) string {
	switch {
	case !e.FromAPI():
		return fmt.Sprintf("The request for %s was answered with %s. That is not the SignalWire API's error format, "+
			"so a proxy, a load balancer or a wrong space URL may have answered: check %s, then try again.",
			who, e.Describe(), d.spaceHint())
	case e.IsUnauthorized():
		return fmt.Sprintf("The API rejected the credentials for %s (%s). Check project_id and "+
			"api_token (or %s and %s), that the token has the Voice scope, and that account_sid is your project.",
			who, e.Describe(), envProjectID, envAPIToken)
	}
	return fmt.Sprintf("The API answered the request for %s with %s. See %s.", who, e.Describe(), moreInfo(e))
}

// transportErrorDetail covers failures with no answer from the API, such as
// a refused connection or an unknown host.
func (d *providerData) transportErrorDetail(who string, err error) string {
	if errors.Is(err, client.ErrUnusableAnswer) {
		return fmt.Sprintf("The API answered the request for %s, but its answer could not be used (%s). Nothing was "+
			"changed; try again.", who, errorCause(err))
	}
	var g *client.GiveUpError
	if errors.As(err, &g) {
		err = g.Err // retriesNote tells its figures
	}
	return fmt.Sprintf("Request for %s failed: %s. No answer came from the API: check %s "+
		"and that this machine can reach it, then try again.", who, err, d.spaceHint())
}

// spaceHint names the setting the space URL came from and the API base URL
// it gave, which shows how a space name or pasted URL was read.
func (d *providerData) spaceHint() string {
	return fmt.Sprintf("%s (the provider uses %s)", d.spaceSource, d.client.BaseURL())
}

// unconfirmedNotFoundDetail explains a 404 that is not the API's own
// not-found answer, and, for a participant, the failed read of its
// conference that would have settled it: most likely the space URL does not
// reach the API.
func (d *providerData) unconfirmedNotFoundDetail(who string, notFound *client.APIError, conferenceErr error) string {
	also := ""
	if conferenceErr != nil {
		also = fmt.Sprintf(", and reading the conference to tell failed too (%s)", conferenceErr)
	}
	return fmt.Sprintf("The request for %s was answered %s, which is not the API's own not-found answer%s. "+
		"That does not show it is gone, so the provider does not act as if it were: check %s, then try again; "+
		"it must reach your space's Compatibility API, without a path prefix or a proxy answering in its place.",
		who, notFound.Describe(), also, d.spaceHint())
}

func moreInfo(e *client.APIError) string {
	if e.MoreInfo != "" {
		return e.MoreInfo
	}
	return "https://signalwire.com/docs/compatibility-api/reference/errors"
}

func unexpectedProviderData(data any) diag.Diagnostic {
	return diag.NewErrorDiagnostic("Unexpected Provider Data",
		fmt.Sprintf("Expected *providerData, got %T. This is a bug in the provider; please report it.", data))
}

// lookupError turns a client error from a data source read into a
// diagnostic. notFound explains, in the object's own terms, a 404 that the
// API itself gave; any other 404 is not taken as proof of absence.
func (d *providerData) lookupError(object, who, notFound string, err error) diag.Diagnostic {
	summary := "Unable to Read " + object
	if apiErr, ok := client.AsAPIError(err); ok && (client.IsParticipantGone(err) || apiErr.ConfirmsNotFound()) {
		return diag.NewErrorDiagnostic(summary, fmt.Sprintf("%s (%s).", notFound, apiErr.Describe()))
	}
	return diag.NewErrorDiagnostic(summary, d.requestErrorDetail(who, err))
}

// conferenceMatchError reports a friendly_name lookup that did not find
// exactly one conference, and how to narrow or widen the search.
func conferenceMatchError(name, status string, found int) diag.Diagnostic {
	var detail string
	if found == 0 {
		detail = fmt.Sprintf("Found no conference named %q with status %q. Check the name (it must match exactly), "+
			"set status to the conference's status (init, in-progress or completed), or look it up by sid.", name, status)
	} else {
		detail = fmt.Sprintf("Found %d conferences named %q with status %q; the lookup needs exactly one. "+
			"Look the conference up by sid instead, or narrow the search by setting status.", found, name, status)
	}
	return diag.NewAttributeErrorDiagnostic(path.Root("friendly_name"), "Unable to Read Conference", detail)
}

// noConferenceDetail is what a read of a conference the API does not know
// says, naming the settings to check: sidAttr and account_sid.
func noConferenceDetail(conference, account, sidAttr string) string {
	return fmt.Sprintf("The API found no conference %s in account %s; check %s and account_sid", conference, account, sidAttr)
}

// policyListError is policyError for the list request that starts a policy's
// create or update: a conference the API does not know (never existed, or
// already ended) is reported as such, with the settings to check.
func (d *providerData) policyListError(ctx context.Context, op string, m *policyModel, timeout time.Duration, err error) diag.Diagnostic {
	if apiErr, ok := client.AsAPIError(err); ok && apiErr.ConfirmsNotFound() {
		account, conference := m.key()
		return diag.NewErrorDiagnostic(fmt.Sprintf("Unable to %s Conference Participant Policy", op),
			fmt.Sprintf("%s (%s).", noConferenceDetail(conference, account, "conference_sid"), apiErr.Describe()))
	}
	return d.policyError(ctx, op, m.description(), timeout, err)
}

// policyError turns a client error of a conference participant policy into
// a diagnostic; who names the conference or the participant it was for.
func (d *providerData) policyError(ctx context.Context, op, who string, timeout time.Duration, err error) diag.Diagnostic {
	summary := fmt.Sprintf("Unable to %s Conference Participant Policy", op)
	if timedOut(ctx, err) {
		return diag.NewErrorDiagnostic(summary, timeoutDetail(op, who, timeout, err))
	}
	return diag.NewErrorDiagnostic(summary, d.requestErrorDetail(who, err))
}
