package client

import (
	"fmt"
	"strings"
	"time"
)

// Stop says why the client stopped retrying a request.
type Stop int

const (
	// StopRetries: all Config.MaxRetries retries were spent on answers
	// 500, 502, 503 or 504 or on connection errors.
	StopRetries Stop = iota + 1
	// StopDeadline: the context ended before an attempt succeeded, while
	// a request was in flight or while it waited to be sent.
	StopDeadline
	// StopThrottled: the context has no deadline and the API kept
	// answering 429 for DefaultThrottleTimeout.
	StopThrottled
)

// GiveUpError wraps the last failure of a request the client stopped
// retrying: an *APIError, a connection error or the context's error, all
// reachable with errors.As and errors.Is. Its figures say what was tried, so
// a caller can tell the user which setting would have helped.
type GiveUpError struct {
	Stop Stop
	// Attempts is how many requests were sent; Throttled how many of them
	// were answered 429.
	Attempts, Throttled int
	// Elapsed runs from the first wait for the rate limiter to giving up,
	// every attempt and wait included.
	Elapsed time.Duration
	// MaxRetries is Config.MaxRetries.
	MaxRetries int
	// CeilingWait is how long the request waited, over all its attempts,
	// for the Config.MaxRequestsPerSecond ceiling (0 without one).
	CeilingWait time.Duration
	Ceiling     float64
	Err         error
}

func (e *GiveUpError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%v; gave up after %d attempt(s) over %s", e.Err, e.Attempts, e.Elapsed.Round(time.Millisecond))
	if e.Throttled > 0 {
		fmt.Fprintf(&b, " (%d answered 429)", e.Throttled)
	}
	switch e.Stop {
	case StopRetries:
		fmt.Fprintf(&b, ": all %d retries allowed by MaxRetries were used", e.MaxRetries)
	case StopDeadline:
		b.WriteString(": the context ended first")
	case StopThrottled:
		fmt.Fprintf(&b, ": the API kept throttling for %s", DefaultThrottleTimeout)
	}
	if e.CeilingWait > 0 {
		fmt.Fprintf(&b, "; %s of it waiting for the ceiling of %g requests per second",
			e.CeilingWait.Round(time.Millisecond), e.Ceiling)
	}
	return b.String()
}

func (e *GiveUpError) Unwrap() error { return e.Err }
