// Package client is a small HTTP client for SignalWire's Compatibility (LaML)
// REST API. It knows HTTP and JSON and nothing of Terraform.
//
// Every call goes through one request path that authenticates with HTTP Basic
// (project ID and API token), retries, and turns non-2xx answers into
// *APIError.
//
// Retries follow one table, retriedStatuses (Retries lists it, and the
// provider's documentation is generated from it). A throttled status (the
// API's rate limit) means the API did not process the request and wants
// fewer of them: it is retried for as long as the context allows
// (DefaultThrottleTimeout when the context has no deadline), without
// counting against Config.MaxRetries. The other listed statuses and
// connection errors are retried up to MaxRetries times.
// Waits grow exponentially with jitter between Config.RetryWaitMin and
// RetryWaitMax; a Retry-After header (seconds or an HTTP date) sets the wait
// instead, capped at RetryWaitMax so a server cannot stall a run, plus up to
// half again as jitter so requests throttled together do not return together.
// Statuses not in the table, TLS certificate failures, a server that answers https
// without TLS (http.ErrSchemeMismatch) and a host name the DNS says
// does not exist are never retried. A request the client stops retrying
// fails with a *GiveUpError carrying its attempts, elapsed time and why it
// stopped.
//
// Errors: a non-2xx answer is an *APIError whose Describe gives the status
// and, when the body is the API's error, its code and message, or else a
// cleaned excerpt of the body. A space URL that cannot be used is a
// *SpaceURLError. Neither error, nor any log event, carries the API token:
// space URLs are shown with userinfo, query and fragment redacted, and an
// answer that echoes the token has it replaced.
//
// Pacing: every attempt of every call of one Client first takes a token from
// one shared token bucket (golang.org/x/time/rate), in the order the attempts
// asked. The bucket starts at Config.MaxRequestsPerSecond (unlimited without
// it). Each throttled answer lowers its rate to rateDecrease of the rate the API was
// accepting, and successes that had to wait for a token raise it again by
// rateIncrease of that rate per second, up to the ceiling: additive increase,
// multiplicative decrease, so the client settles at the pace the API allows
// instead of retrying in bursts.
//
// Announcements are the exception. A participant update that carries
// AnnounceUrl plays the announcement every time the server processes it.
// Statuses the table marks unprocessed, and a failed dial (the request was
// never sent), are still retried. Any other server error, listed or not, or
// a connection that breaks after the request was written, may follow a
// processed request; retrying could play the announcement twice, so the
// client stops and returns an error wrapping ErrAnnouncementUncertain
// instead.
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
