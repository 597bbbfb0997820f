package client

import (
	"bytes"
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/hashicorp/go-cleanhttp"
	"github.com/hashicorp/go-retryablehttp"
)

// Defaults New applies to unset Config fields, except DefaultMaxRetries: zero
// retries is a valid choice, so callers apply that default themselves.
const (
	DefaultMaxRetries   = 4
	DefaultRetryWaitMin = 1 * time.Second
	DefaultRetryWaitMax = 30 * time.Second
	DefaultUserAgent    = "terraform-provider-signalwire"
	// DefaultRequestTimeout bounds one attempt of the default HTTP client, so
	// a server that never answers cannot hang a run whose context has no deadline.
	DefaultRequestTimeout = 60 * time.Second
	// DefaultThrottleTimeout bounds the retries of a throttled request
	// whose context has no deadline; with a deadline, they last until it.
	DefaultThrottleTimeout = 5 * time.Minute

	maxResponseBody = 10 << 20
	// Terraform applies up to 10 resources in parallel by default.
	maxIdleConnsPerHost = 32
)

// Logger receives request/response log events; the provider bridges it to
// tflog. It is never given secrets.
type Logger interface {
	Debug(ctx context.Context, msg string, fields map[string]any)
	Warn(ctx context.Context, msg string, fields map[string]any)
}

// Config configures a Client.
type Config struct {
	// SpaceURL is any form in SpaceURLForms; see ParseSpaceURL.
	SpaceURL string
	// ProjectID is the Basic-auth username and also the AccountSid.
	ProjectID string
	// APIToken is the Basic-auth password.
	APIToken  string
	UserAgent string
	// HTTPClient is optional; the default is a pooled keep-alive client.
	HTTPClient *http.Client
	// MaxRetries is the number of retries after the first attempt for
	// the statuses Retries().Counted lists and for connection errors; <0
	// means 0. Throttled answers (Retries().Throttled) are retried until
	// the context's deadline instead.
	MaxRetries   int
	RetryWaitMin time.Duration // default 1s
	RetryWaitMax time.Duration // default 30s
	// MaxRequestsPerSecond caps the rate of requests, all calls of the
	// Client together; 0 means no ceiling, otherwise at least
	// MinRequestsPerSecond.
	MaxRequestsPerSecond float64
	Logger               Logger
}

// Client talks to one SignalWire space. It is safe for concurrent use.
type Client struct {
	baseURL    string
	base       *url.URL
	projectID  string
	apiToken   string
	userAgent  string
	httpClient *http.Client
	maxRetries int
	waitMin    time.Duration
	waitMax    time.Duration
	logger     Logger
	pacer      *pacer
	// maxPages is MaxListPages, lowered in tests.
	maxPages int
	// now and jitter are time.Now and uniformJitter, replaced in tests.
	now    func() time.Time
	jitter func(time.Duration) time.Duration
}

// New validates cfg and builds a Client.
func New(cfg Config) (*Client, error) {
	if strings.TrimSpace(cfg.ProjectID) == "" {
		return nil, errors.New("project ID must not be empty")
	}
	if strings.TrimSpace(cfg.APIToken) == "" {
		return nil, errors.New("API token must not be empty")
	}
	if cfg.MaxRequestsPerSecond != 0 && !(cfg.MaxRequestsPerSecond >= MinRequestsPerSecond) {
		return nil, fmt.Errorf("max requests per second must be at least %g, got %g", MinRequestsPerSecond, cfg.MaxRequestsPerSecond)
	}
	space, err := ParseSpaceURL(cfg.SpaceURL)
	if err != nil {
		return nil, err
	}
	if space.Account != "" && !SameID(space.Account, cfg.ProjectID) {
		return nil, &SpaceURLError{Value: space.Base.String() + "/Accounts/" + space.Account,
			Reason: fmt.Sprintf("names account %s, but the project ID is %s: credentials reach only their own "+
				"project, so use that project's account URL or just the space", space.Account, cfg.ProjectID)}
	}
	c := &Client{
		baseURL:    space.Base.String(),
		base:       space.Base,
		projectID:  cfg.ProjectID,
		apiToken:   cfg.APIToken,
		userAgent:  cfg.UserAgent,
		httpClient: cfg.HTTPClient,
		maxRetries: max(cfg.MaxRetries, 0),
		waitMin:    cfg.RetryWaitMin,
		waitMax:    cfg.RetryWaitMax,
		logger:     cfg.Logger,
		pacer:      newPacer(cfg.MaxRequestsPerSecond),
		maxPages:   MaxListPages,
		now:        time.Now,
		jitter:     uniformJitter,
	}
	if c.userAgent == "" {
		c.userAgent = DefaultUserAgent
	}
	if c.httpClient == nil {
		c.httpClient = NewHTTPClient()
	}
	if c.waitMin <= 0 {
		c.waitMin = DefaultRetryWaitMin
	}
	if c.waitMax <= 0 {
		c.waitMax = DefaultRetryWaitMax
	}
	c.waitMax = max(c.waitMax, c.waitMin)
	return c, nil
}

// NewHTTPClient returns the default HTTP client: pooled keep-alive
// connections, TLS 1.2+ with verification, a per-attempt timeout, and no
// redirects, because following one would resend the credentials to wherever
// it points and the API never redirects.
func NewHTTPClient() *http.Client {
	hc := cleanhttp.DefaultPooledClient()
	if t, ok := hc.Transport.(*http.Transport); ok {
		t.MaxIdleConnsPerHost = maxIdleConnsPerHost
		t.TLSClientConfig = &tls.Config{MinVersion: tls.VersionTLS12}
	}
	hc.Timeout = DefaultRequestTimeout
	hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return hc
}

// BaseURL returns the API base URL, e.g. "https://example.signalwire.com/api/laml/2010-04-01".
func (c *Client) BaseURL() string { return c.baseURL }

// ProjectID returns the project ID, which is also the AccountSid.
func (c *Client) ProjectID() string { return c.projectID }

// apiPath joins escaped path segments onto the base path.
func (c *Client) apiPath(segments ...string) string {
	var b strings.Builder
	b.WriteString(c.base.EscapedPath())
	for _, s := range segments {
		b.WriteByte('/')
		b.WriteString(url.PathEscape(s))
	}
	return b.String()
}

// resolve turns a path from the host (possibly with a query, as in
// next_page_uri) into a URL on the configured scheme and host; a host given by
// the server is ignored so credentials only ever go to the configured space.
// A path under the API's own root, with or without /api/laml (both forms
// appear in answers), is re-rooted under the configured base, so paging
// works behind a reverse-proxy prefix too.
func (c *Client) resolve(target string, query url.Values) (*url.URL, error) {
	ref, err := url.Parse(target)
	if err != nil {
		return nil, fmt.Errorf("invalid request path %s", RedactRawURL(target))
	}
	escaped := c.apiRooted(c.base.ResolveReference(ref).EscapedPath())
	unescaped, err := url.PathUnescape(escaped)
	if err != nil {
		return nil, fmt.Errorf("invalid request path %s", RedactRawURL(target))
	}
	u := *c.base
	u.Path, u.RawPath, u.RawQuery = unescaped, escaped, ref.RawQuery
	if len(query) > 0 {
		q := u.Query()
		for k, vs := range query {
			for _, v := range vs {
				q.Add(k, v)
			}
		}
		u.RawQuery = q.Encode()
	}
	return &u, nil
}

// apiRooted maps an escaped path that starts at the API's root onto the
// configured base path; any other path is returned unchanged.
func (c *Client) apiRooted(path string) string {
	for _, root := range []string{APIBasePath, "/" + APIVersion} {
		if rest, ok := strings.CutPrefix(path, root); ok && (rest == "" || rest[0] == '/') {
			return c.base.EscapedPath() + rest
		}
	}
	return path
}

// do is the single request path. target is a path from the host, optionally
// with a query; form, when non-nil, is sent as a urlencoded body; out, when
// non-nil, receives the decoded JSON of a 2xx answer.
func (c *Client) do(ctx context.Context, method, target string, query, form url.Values, out any) error {
	u, err := c.resolve(target, query)
	if err != nil {
		return err
	}
	path := u.EscapedPath()
	req, err := c.newRequest(ctx, method, u, form)
	if err != nil {
		return fmt.Errorf("%s %s: %w", method, path, err)
	}
	st := c.newAttempts(ctx, method, path)
	if err := st.admit(); err != nil {
		st.stop = StopDeadline
		return st.result(fmt.Errorf("%s %s: %w", method, path, err))
	}
	resp, err := c.retryClient(st).Do(req)
	if err != nil {
		return transportError(ctx, st, err)
	}
	defer closeBody(resp.Body)

	body, readErr := readBody(resp.Body)
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		apiErr := c.decodeError(resp.StatusCode, body, method, path)
		apiErr.Attempts = st.count
		apiErr.documented = isDocumentedError(resp.StatusCode, body)
		if carriesAnnouncement(ctx) && mayHaveBeenProcessed(resp.StatusCode) {
			return fmt.Errorf("%w; %w", apiErr, ErrAnnouncementUncertain)
		}
		return st.result(apiErr)
	}
	if readErr != nil {
		return fmt.Errorf("%s %s: reading response: %w: %w", method, path, readErr, ErrUnusableAnswer)
	}
	if out == nil || resp.StatusCode == http.StatusNoContent {
		return nil
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return fmt.Errorf("%s %s: %d response has an empty body: %w", method, path, resp.StatusCode, ErrUnusableAnswer)
	}
	if err := json.Unmarshal(body, out); err != nil {
		return fmt.Errorf("%s %s: decoding %d response: %w (body starts %q): %w",
			method, path, resp.StatusCode, err, cleanText(string(body)), ErrUnusableAnswer)
	}
	return nil
}

func (c *Client) newRequest(ctx context.Context, method string, u *url.URL, form url.Values) (*retryablehttp.Request, error) {
	var body any
	if form != nil {
		body = []byte(form.Encode())
	}
	req, err := retryablehttp.NewRequestWithContext(ctx, method, u.String(), body)
	if err != nil {
		return nil, err
	}
	req.SetBasicAuth(c.projectID, c.apiToken)
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", c.userAgent)
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	return req, nil
}

// transportError describes a request that got no usable answer.
func transportError(ctx context.Context, st *attempts, err error) error {
	var urlErr *url.Error
	if errors.As(err, &urlErr) {
		err = urlErr.Err // its text repeats the method and full URL
	}
	announce := carriesAnnouncement(ctx)
	if ctxErr := ctx.Err(); ctxErr != nil {
		st.stop = StopDeadline
		// Cancelled while a request was in flight: it may have been processed.
		// Cancelled while waiting to retry: the last answer said it was not.
		if announce && st.lastErr != nil && !isDialError(st.lastErr) {
			return st.result(fmt.Errorf("%s %s: %w; %w", st.method, st.path, ctxErr, ErrAnnouncementUncertain))
		}
		return st.result(fmt.Errorf("%s %s: %w", st.method, st.path, ctxErr))
	}
	if st.stop != 0 {
		return st.result(fmt.Errorf("%s %s: %w", st.method, st.path, err))
	}
	msg := fmt.Sprintf("%s %s: request failed after %d attempt(s)", st.method, st.path, st.count)
	if announce && !isDialError(err) {
		return fmt.Errorf("%s: %w; %w", msg, err, ErrAnnouncementUncertain)
	}
	return fmt.Errorf("%s: %w", msg, err)
}

func readBody(r io.Reader) ([]byte, error) {
	body, err := io.ReadAll(io.LimitReader(r, maxResponseBody+1))
	if err != nil {
		return nil, err
	}
	if len(body) > maxResponseBody {
		return nil, fmt.Errorf("response body exceeds %d bytes", maxResponseBody)
	}
	return body, nil
}

// closeBody drains a little of what is left so the connection can be reused.
func closeBody(body io.ReadCloser) {
	_, _ = io.Copy(io.Discard, io.LimitReader(body, 64<<10))
	_ = body.Close()
}
