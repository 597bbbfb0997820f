// Package client is a small HTTP client for SignalWire's Compatibility (LaML)
// REST API. It knows HTTP and JSON and nothing of Terraform.
//
// Every call goes through one request path that authenticates with HTTP Basic
// (project ID and API token), retries, and turns non-2xx answers into
// *APIError.
//
// Retries: 429, 500, 502, 503, 504 and connection errors are retried with
// exponential backoff and jitter between Config.RetryWaitMin and
// RetryWaitMax, up to Config.MaxRetries times. A Retry-After header (seconds
// or an HTTP date) sets the wait instead, capped at RetryWaitMax so a server
// cannot stall a run. Other 4xx answers, TLS certificate failures and a host
// name the DNS says does not exist are never retried.
//
// Errors: a non-2xx answer is an *APIError whose Describe gives the status
// and, when the body is the API's error, its code and message, or else a
// cleaned excerpt of the body. A space URL that cannot be used is a
// *SpaceURLError. Neither error, nor any log event, carries the API token:
// space URLs are shown with userinfo, query and fragment redacted, and an
// answer that echoes the token has it replaced.
//
// Announcements are the exception. A participant update that carries
// AnnounceUrl plays the announcement every time the server processes it. A
// 429 or 503 means the request was not processed, and a failed dial means it
// was never sent, so those are still retried. A 500, 502 or 504, or a
// connection that breaks after the request was written, may follow a
// processed request; retrying could play the announcement twice, so the client
// stops and returns an error wrapping ErrAnnouncementUncertain instead.
//
// Outcomes: a participant update whose 2xx answer cannot be used (empty, cut
// short, not JSON, or missing a member the OpenAPI document requires), or
// whose connection broke after it was sent, returns an *OutcomeUnknownError:
// read the participant to learn what happened rather than sending it again.
//
// Not found: a 404 to a request addressed to a participant means the call is
// not in the conference (IsParticipantGone) only when it is the API's
// documented error with code 20404, or when one GET of the conference then
// succeeds; otherwise it is an *UnconfirmedNotFoundError.
package client
