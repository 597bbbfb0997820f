package client

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/go-retryablehttp"
)

type contextKey int

const announcementKey contextKey = iota

// withAnnouncement marks a request whose replay would replay an announcement.
func withAnnouncement(ctx context.Context) context.Context {
	return context.WithValue(ctx, announcementKey, true)
}

func carriesAnnouncement(ctx context.Context) bool {
	v, _ := ctx.Value(announcementKey).(bool)
	return v
}

// attempts tracks one logical call across its retries. retryablehttp calls
// the hooks sequentially on the calling goroutine, so no locking is needed.
type attempts struct {
	ctx     context.Context
	method  string
	path    string
	count   int
	started time.Time
	lastErr error
}

// retryClient wires the retry policy and logging for one call. It is cheap to
// build; the pooled http.Client underneath is shared by all calls.
func (c *Client) retryClient(st *attempts) *retryablehttp.Client {
	return &retryablehttp.Client{
		HTTPClient:   c.httpClient,
		Logger:       nil, // its own logger prints URLs and errors untamed; logging goes through the hooks
		RetryWaitMin: c.waitMin,
		RetryWaitMax: c.waitMax,
		RetryMax:     c.maxRetries,
		CheckRetry: func(ctx context.Context, resp *http.Response, err error) (bool, error) {
			st.lastErr = err
			return checkRetry(ctx, resp, err)
		},
		Backoff: func(minWait, maxWait time.Duration, n int, resp *http.Response) time.Duration {
			wait := backoff(minWait, maxWait, n, resp)
			c.logRetry(st, resp, wait)
			return wait
		},
		ErrorHandler: func(resp *http.Response, err error, _ int) (*http.Response, error) {
			if err != nil {
				if resp != nil {
					closeBody(resp.Body)
				}
				return nil, err
			}
			if resp == nil {
				return nil, errors.New("no response")
			}
			// Retries are exhausted on a retryable status: hand the last
			// answer back so the caller sees the API's code and message.
			return resp, nil
		},
		RequestLogHook: func(_ retryablehttp.Logger, _ *http.Request, i int) {
			st.count = i + 1
			st.started = time.Now()
			c.debug(st.ctx, "SignalWire API request", st.fields(nil))
		},
		ResponseLogHook: func(_ retryablehttp.Logger, resp *http.Response) {
			f := st.fields(resp)
			f["duration_ms"] = time.Since(st.started).Milliseconds()
			c.debug(st.ctx, "SignalWire API response", f)
		},
	}
}

func (st *attempts) fields(resp *http.Response) map[string]any {
	f := map[string]any{"method": st.method, "path": st.path, "attempt": st.count}
	if resp != nil {
		f["status"] = resp.StatusCode
	}
	return f
}

func (c *Client) logRetry(st *attempts, resp *http.Response, wait time.Duration) {
	f := st.fields(resp)
	f["wait"] = wait.String()
	if st.lastErr != nil {
		f["error"] = st.lastErr.Error()
	}
	c.warn(st.ctx, "SignalWire API request failed; retrying", f)
}

func (c *Client) debug(ctx context.Context, msg string, fields map[string]any) {
	if c.logger != nil {
		c.logger.Debug(ctx, msg, fields)
	}
}

func (c *Client) warn(ctx context.Context, msg string, fields map[string]any) {
	if c.logger != nil {
		c.logger.Warn(ctx, msg, fields)
	}
}

// checkRetry is the retry policy (see the package documentation).
func checkRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
	if ctxErr := ctx.Err(); ctxErr != nil {
		return false, ctxErr
	}
	announce := carriesAnnouncement(ctx)
	if err != nil {
		if isPermanent(err) {
			return false, nil
		}
		if announce {
			return isDialError(err), nil
		}
		return true, nil
	}
	return retryableStatus(resp.StatusCode, announce), nil
}

func retryableStatus(code int, announce bool) bool {
	switch code {
	case http.StatusTooManyRequests, http.StatusServiceUnavailable:
		return true
	case http.StatusInternalServerError, http.StatusBadGateway, http.StatusGatewayTimeout:
		return !announce
	}
	return false
}

// mayHaveBeenProcessed lists the retryable statuses that do not promise the
// request was left unprocessed.
func mayHaveBeenProcessed(code int) bool {
	return code == http.StatusInternalServerError || code == http.StatusBadGateway || code == http.StatusGatewayTimeout
}

// isDialError reports failures to connect, which happen before any byte of
// the request is written.
func isDialError(err error) bool {
	var opErr *net.OpError
	if errors.As(err, &opErr) {
		return opErr.Op == "dial" || opErr.Op == "proxyconnect"
	}
	var dnsErr *net.DNSError
	return errors.As(err, &dnsErr)
}

// isPermanent reports transport errors that retrying cannot fix within a
// run: certificate failures, and a host name the DNS says does not exist
// (NXDOMAIN; a DNS timeout or server failure is still retried).
func isPermanent(err error) bool {
	var (
		unknownAuthority x509.UnknownAuthorityError
		hostname         x509.HostnameError
		invalid          x509.CertificateInvalidError
		verification     *tls.CertificateVerificationError
		dns              *net.DNSError
	)
	return errors.As(err, &unknownAuthority) || errors.As(err, &hostname) ||
		errors.As(err, &invalid) || errors.As(err, &verification) ||
		(errors.As(err, &dns) && dns.IsNotFound)
}

// backoff honours Retry-After (capped at maxWait) and otherwise backs off
// exponentially from minWait with jitter, so parallel resources that were
// throttled together do not retry together.
func backoff(minWait, maxWait time.Duration, attempt int, resp *http.Response) time.Duration {
	maxWait = max(maxWait, minWait)
	if resp != nil {
		if d, ok := retryAfter(resp.Header.Get("Retry-After"), time.Now()); ok {
			return min(d, maxWait)
		}
	}
	base := minWait
	for i := 0; i < attempt && base < maxWait; i++ {
		base *= 2
	}
	if base > maxWait || base < 0 {
		base = maxWait
	}
	half := base / 2
	wait := half + rand.N(half+1)
	return min(max(wait, minWait), maxWait)
}

// retryAfter parses a Retry-After value: delta seconds or an HTTP-date.
func retryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs < 0 {
			return 0, false
		}
		const limit = int64(24 * time.Hour / time.Second)
		return time.Duration(min(secs, limit)) * time.Second, true
	}
	t, err := http.ParseTime(v)
	if err != nil {
		return 0, false
	}
	return max(t.Sub(now), 0), true
}
