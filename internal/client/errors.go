package client

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Error codes the Compatibility API uses in error bodies.
const (
	CodeUnauthorized = 20003
	CodeNotFound     = 20404
	CodeRateLimited  = 20429
)

// maxErrorMessage bounds how much of an error message or of a body that is
// not the API's error ends up in a message, so an HTML error page from a
// proxy does not flood diagnostics.
const maxErrorMessage = 200

// ErrAnnouncementUncertain is wrapped into errors from a participant update
// that carried an AnnounceUrl and failed in a way that leaves open whether the
// server processed it.
var ErrAnnouncementUncertain = errors.New("the announcement may or may not have played; check the call before applying again")

// APIError is a non-2xx answer. When its body is the API's error
// (CompatibilityErrorResponse in the OpenAPI document), Code, Message and
// MoreInfo come from it. Otherwise, for example an HTML page from a proxy,
// Code is 0, Message is empty and Excerpt holds the body's text: tags
// stripped, whitespace folded, at most maxErrorMessage characters.
type APIError struct {
	StatusCode int    `json:"status"`
	Code       int    `json:"code"`
	Message    string `json:"message"`
	MoreInfo   string `json:"more_info"`
	Excerpt    string `json:"-"`
	Method     string `json:"-"`
	Path       string `json:"-"`
	// Attempts is how many requests were sent, counting retries.
	Attempts int `json:"-"`
	// documented is set when the body is exactly the API's documented error
	// (see ConfirmsNotFound), not a proxy's or a web server's answer.
	documented bool
}

// Error renders e.g. "POST /api/...: HTTP 404 Not Found, code 20404: The requested resource was not found".
func (e *APIError) Error() string {
	var b strings.Builder
	if e.Method != "" || e.Path != "" {
		b.WriteString(strings.TrimSpace(e.Method + " " + e.Path))
		b.WriteString(": ")
	}
	b.WriteString(e.Describe())
	if e.Attempts > 1 {
		fmt.Fprintf(&b, " (after %d attempts)", e.Attempts)
	}
	return b.String()
}

// Describe words the answer for a person: the HTTP status, then the API's
// code and message, or, for a body that is not the API's error, an excerpt of
// it. It never shows a code the body did not carry.
func (e *APIError) Describe() string {
	status := "HTTP " + strconv.Itoa(e.StatusCode)
	if text := http.StatusText(e.StatusCode); text != "" {
		status += " " + text
	}
	switch {
	case e.FromAPI() && e.Code != 0 && e.Message != "":
		return fmt.Sprintf("%s, code %d: %s", status, e.Code, e.Message)
	case e.FromAPI() && e.Code != 0:
		return fmt.Sprintf("%s, code %d", status, e.Code)
	case e.FromAPI():
		return status + ": " + e.Message
	case e.Excerpt != "":
		return fmt.Sprintf("%s, with a body that is not an API error: %q", status, e.Excerpt)
	}
	return status + ", with an empty body"
}

// FromAPI reports whether the body was the API's error, carrying a code or
// a message; when it was not, something else (a proxy, a load balancer, a
// wrong space URL) may have answered.
func (e *APIError) FromAPI() bool {
	return e.Code != 0 || e.Message != ""
}

// IsNotFound reports a missing resource: HTTP 404 or code 20404.
func (e *APIError) IsNotFound() bool {
	return e.StatusCode == http.StatusNotFound || e.Code == CodeNotFound
}

// IsUnauthorized reports rejected credentials: HTTP 401 or code 20003.
func (e *APIError) IsUnauthorized() bool {
	return e.StatusCode == http.StatusUnauthorized || e.Code == CodeUnauthorized
}

// IsRateLimited reports throttling: HTTP 429 or code 20429.
func (e *APIError) IsRateLimited() bool {
	return e.StatusCode == http.StatusTooManyRequests || e.Code == CodeRateLimited
}

// AsAPIError finds an *APIError in err's chain.
func AsAPIError(err error) (*APIError, bool) {
	var apiErr *APIError
	if errors.As(err, &apiErr) && apiErr != nil {
		return apiErr, true
	}
	return nil, false
}

// IsNotFound reports whether err carries an *APIError that means "not found".
func IsNotFound(err error) bool {
	apiErr, ok := AsAPIError(err)
	return ok && apiErr.IsNotFound()
}

// errorBody is lenient on purpose: code may arrive as a number or a string,
// and some SignalWire endpoints wrap errors in an "errors" array.
type errorBody struct {
	Code     json.RawMessage `json:"code"`
	Message  string          `json:"message"`
	MoreInfo string          `json:"more_info"`
	Detail   string          `json:"detail"`
	Errors   []struct {
		Code    json.RawMessage `json:"code"`
		Message string          `json:"message"`
		Detail  string          `json:"detail"`
	} `json:"errors"`
}

// decodeError builds an APIError from any status and body; it never fails.
// Error text can echo the request, so the token and its Basic-auth form are
// replaced in it.
func (c *Client) decodeError(status int, body []byte, method, path string) *APIError {
	e := decodeError(status, body, method, path)
	e.Message = c.redactSecrets(e.Message)
	e.Excerpt = c.redactSecrets(e.Excerpt)
	return e
}

func decodeError(status int, body []byte, method, path string) *APIError {
	e := &APIError{StatusCode: status, Method: method, Path: path}
	trimmed := bytes.TrimSpace(body)
	var eb errorBody
	if len(trimmed) > 0 && trimmed[0] == '{' && json.Unmarshal(trimmed, &eb) == nil {
		e.Code = parseCode(eb.Code)
		e.Message = firstNonEmpty(eb.Message, eb.Detail)
		e.MoreInfo = eb.MoreInfo
		if len(eb.Errors) > 0 {
			first := eb.Errors[0]
			if e.Code == 0 {
				e.Code = parseCode(first.Code)
			}
			if e.Message == "" {
				e.Message = firstNonEmpty(first.Message, first.Detail)
			}
		}
		e.Message = cleanText(e.Message)
	}
	if !e.FromAPI() {
		e.MoreInfo = ""
		e.Excerpt = excerpt(trimmed)
	}
	return e
}

func parseCode(raw json.RawMessage) int {
	s := strings.Trim(strings.TrimSpace(string(raw)), `"`)
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0
	}
	return n
}

func firstNonEmpty(values ...string) string {
	for _, v := range values {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}

// cleanText collapses whitespace, drops invalid UTF-8 and control characters,
// and truncates.
func cleanText(s string) string {
	s = strings.Join(strings.Fields(strings.ToValidUTF8(s, "")), " ")
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return -1
		}
		return r
	}, s)
	if utf8.RuneCountInString(s) <= maxErrorMessage {
		return s
	}
	runes := []rune(s)
	return string(runes[:maxErrorMessage]) + "…"
}
