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
// cannot stall a run. Other 4xx answers and TLS certificate failures are
// never retried.
//
// Announcements are the exception. A participant update that carries
// AnnounceUrl plays the announcement every time the server processes it. A
// 429 or 503 means the request was not processed, and a failed dial means it
// was never sent, so those are still retried. A 500, 502 or 504, or a
// connection that breaks after the request was written, may follow a
// processed request; retrying could play the announcement twice, so the client
// stops and returns an error wrapping ErrAnnouncementUncertain instead.
package client
