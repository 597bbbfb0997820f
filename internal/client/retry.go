package client

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"math"
	"math/rand/v2"
	"net"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/go-retryablehttp"
	"golang.org/x/time/rate"
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
	c       *Client
	ctx     context.Context
	method  string
	path    string
	count   int       // attempts sent
	began   time.Time // when the call first waited for the pacer
	started time.Time // when the current attempt was sent
	lastErr error
	ticket  ticket // the pacer's admission of the current attempt
	// retries is how many of Config.MaxRetries are spent; throttled counts
	// answers 429, whose retries are not counted against MaxRetries.
	retries, throttled int
	ceilingWait        time.Duration // waited for tokens at Config.MaxRequestsPerSecond
	stop               Stop          // why retrying stopped; zero while it has not
}

func (c *Client) newAttempts(ctx context.Context, method, path string) *attempts {
	return &attempts{c: c, ctx: ctx, method: method, path: path, began: c.now()}
}

// retryClient wires the retry policy and logging for one call. It is cheap to
// build; the pooled http.Client underneath is shared by all calls.
func (c *Client) retryClient(st *attempts) *retryablehttp.Client {
	return &retryablehttp.Client{
		HTTPClient:   c.httpClient,
		Logger:       nil, // its own logger prints URLs and errors untamed; logging goes through the hooks
		RetryWaitMin: c.waitMin,
		RetryWaitMax: c.waitMax,
		// st.check ends every call: after MaxRetries counted retries, or
		// when a throttled call runs out of time.
		RetryMax:   math.MaxInt32,
		CheckRetry: st.check,
		Backoff: func(_, _ time.Duration, _ int, resp *http.Response) time.Duration {
			wait := st.backoff(resp)
			c.logRetry(st, resp, wait)
			return wait
		},
		PrepareRetry: func(*http.Request) error { return st.admit() },
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
			st.started = c.now()
			c.debug(st.ctx, "SignalWire API request", st.fields(nil))
		},
		ResponseLogHook: func(_ retryablehttp.Logger, resp *http.Response) {
			f := st.fields(resp)
			f["duration_ms"] = c.now().Sub(st.started).Milliseconds()
			c.debug(st.ctx, "SignalWire API response", f)
		},
	}
}

// admit waits for the pacer before an attempt.
func (st *attempts) admit() error {
	start := st.c.now()
	t, err := st.c.pacer.wait(st.ctx, st.c.now)
	if t.atCeiling || (err != nil && st.c.pacer.ceiling != rate.Inf && st.c.pacer.limit() == st.c.pacer.ceiling) {
		st.ceilingWait += st.c.now().Sub(start)
	}
	st.ticket = t
	return err
}

// check is the CheckRetry hook: it tells the pacer how the attempt was
// answered, then applies the retry policy and the retry budgets.
func (st *attempts) check(ctx context.Context, resp *http.Response, err error) (bool, error) {
	st.lastErr = err
	now := st.c.now()
	if resp != nil {
		switch {
		case isThrottled(resp.StatusCode):
			st.throttled++
			st.c.pacer.throttled(now, st.ticket, st.c.rateFloor(resp, now))
		case resp.StatusCode < http.StatusInternalServerError:
			st.c.pacer.succeeded(now, st.ticket)
		}
	}
	retry, checkErr := checkRetry(ctx, resp, err)
	if !retry || checkErr != nil {
		return retry, checkErr
	}
	if resp != nil && isThrottled(resp.StatusCode) {
		// Not processed, so safe to retry for as long as the caller
		// allows; without a deadline, for DefaultThrottleTimeout.
		if _, ok := ctx.Deadline(); ok || now.Sub(st.began) < DefaultThrottleTimeout {
			return true, nil
		}
		st.stop = StopThrottled
		return false, nil
	}
	if st.retries < st.c.maxRetries {
		st.retries++
		return true, nil
	}
	st.stop = StopRetries
	return false, nil
}

// backoff is the Backoff hook: the wait before the next attempt.
func (st *attempts) backoff(resp *http.Response) time.Duration {
	n := st.retries - 1
	if resp != nil && isThrottled(resp.StatusCode) {
		n = st.throttled - 1
	}
	return backoff(st.c.waitMin, st.c.waitMax, n, st.c.retryAfter(resp, st.c.now()), st.c.jitter)
}

// result wraps err with the retry figures once retrying has stopped.
func (st *attempts) result(err error) error {
	if st.stop == 0 {
		return err
	}
	return &GiveUpError{
		Stop: st.stop, Attempts: st.count, Throttled: st.throttled, Elapsed: st.c.now().Sub(st.began),
		MaxRetries: st.c.maxRetries, CeilingWait: st.ceilingWait, Ceiling: float64(st.c.pacer.ceiling), Err: err,
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
	if limit := st.c.pacer.limit(); limit != rate.Inf {
		f["requests_per_second"] = float64(limit)
	}
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

// retryRule is how the client retries one answer status.
type retryRule struct {
	// throttled: the API asks to slow down. The request was not processed,
	// so it is retried until the caller's deadline without counting
	// against MaxRetries, and the pacer lowers the rate.
	throttled bool
	// unprocessed: the status promises the request was not processed, so
	// even an update carrying an announcement is retried. Otherwise the
	// retry counts against MaxRetries and announcements are not retried.
	unprocessed bool
}

// retriedStatuses is the retry policy for answers; statuses not listed are
// never retried. The API documents 429 and 503 as "not processed"; SignalWire's
// own Python SDK also retries 500, 502 and 504 [sdk].
var retriedStatuses = map[int]retryRule{
	http.StatusTooManyRequests:     {throttled: true, unprocessed: true},
	http.StatusServiceUnavailable:  {unprocessed: true},
	http.StatusInternalServerError: {},
	http.StatusBadGateway:          {},
	http.StatusGatewayTimeout:      {},
}

// RetryTable is retriedStatuses as sorted lists of statuses, for the
// documentation generated from it; nothing else states which statuses are
// retried.
type RetryTable struct {
	Throttled      []int // rate limits: retried until the deadline, outside MaxRetries
	Counted        []int // retried up to MaxRetries times
	Unprocessed    []int // promise the request was not processed: retried even with an announcement
	MaybeProcessed []int // may follow a processed request: an announcement is not retried
}

// Retries returns the retry table.
func Retries() RetryTable {
	var t RetryTable
	for code, rule := range retriedStatuses {
		if rule.throttled {
			t.Throttled = append(t.Throttled, code)
		} else {
			t.Counted = append(t.Counted, code)
		}
		if rule.unprocessed {
			t.Unprocessed = append(t.Unprocessed, code)
		} else {
			t.MaybeProcessed = append(t.MaybeProcessed, code)
		}
	}
	for _, list := range []*[]int{&t.Throttled, &t.Counted, &t.Unprocessed, &t.MaybeProcessed} {
		slices.Sort(*list)
	}
	return t
}

func isThrottled(code int) bool { return retriedStatuses[code].throttled }

func retryableStatus(code int, announce bool) bool {
	rule, ok := retriedStatuses[code]
	return ok && (rule.unprocessed || !announce)
}

// mayHaveBeenProcessed reports the server errors that do not promise the
// request was left unprocessed: the retried ones the table does not mark
// unprocessed, and every server error it does not list, such as a proxy's
// 520 or 524 after the request reached the API.
func mayHaveBeenProcessed(code int) bool {
	return code >= 500 && code <= 599 && !retriedStatuses[code].unprocessed
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
		notTLS           tls.RecordHeaderError
		dns              *net.DNSError
	)
	// A server that answers https with plain HTTP (or not TLS at all) will
	// answer the same way every time: the space URL's scheme is wrong.
	return errors.As(err, &unknownAuthority) || errors.As(err, &hostname) ||
		errors.As(err, &invalid) || errors.As(err, &verification) ||
		errors.Is(err, http.ErrSchemeMismatch) || errors.As(err, &notTLS) ||
		(errors.As(err, &dns) && dns.IsNotFound)
}

// backoff is the wait before a retry. A Retry-After of retryAfter (negative
// when the answer has none) is honoured up to maxWait; otherwise the wait
// grows exponentially from minWait with the retry index n. Either way jitter
// adds up to half again, so parallel requests that were throttled together
// do not all retry at the same instant.
func backoff(minWait, maxWait time.Duration, n int, retryAfter time.Duration, jitter func(time.Duration) time.Duration) time.Duration {
	maxWait = max(maxWait, minWait)
	if retryAfter >= 0 {
		base := min(retryAfter, maxWait)
		return base + jitter(base/2)
	}
	base := minWait
	for i := 0; i < n && base < maxWait; i++ {
		base *= 2
	}
	if base > maxWait || base < 0 {
		base = maxWait
	}
	half := base / 2
	wait := half + jitter(half)
	return min(max(wait, minWait), maxWait)
}

// rateFloor is the interval the pacer never goes below after a 429: the
// wait the answer asked for, as honoured, or RetryWaitMin without one.
func (c *Client) rateFloor(resp *http.Response, now time.Time) time.Duration {
	return max(min(c.retryAfter(resp, now), c.waitMax), c.waitMin)
}

// uniformJitter is a random duration from 0 to d.
func uniformJitter(d time.Duration) time.Duration {
	if d <= 0 {
		return 0
	}
	return rand.N(d + 1)
}

// retryAfter is the answer's Retry-After, or -1 without a usable one.
func (c *Client) retryAfter(resp *http.Response, now time.Time) time.Duration {
	if resp == nil {
		return -1
	}
	if d, ok := retryAfter(resp.Header.Get("Retry-After"), now); ok {
		return d
	}
	return -1
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
