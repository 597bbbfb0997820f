package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// TestDecodeError: the API's own error gives its code and message; any other
// body gives the HTTP status and a short, cleaned excerpt, never a code.
func TestDecodeError(t *testing.T) {
	long := strings.Repeat("x", 500)
	tests := []struct {
		name      string
		status    int
		body      string
		wantCode  int
		wantMsg   string
		wantMore  string
		wantText  string // Describe()
		wantBrief string // Excerpt
	}{
		{
			name:   "json",
			status: 404,
			body: `{"code":20404,"message":"The requested resource was not found",` +
				`"more_info":"https://signalwire.com/docs/compatibility-api/reference/errors","status":404}`,
			wantCode: 20404, wantMsg: "The requested resource was not found",
			wantMore: "https://signalwire.com/docs/compatibility-api/reference/errors",
			wantText: "HTTP 404 Not Found, code 20404: The requested resource was not found",
		},
		{name: "string code", status: 422, body: `{"code":"21402","message":"Url is not valid"}`,
			wantCode: 21402, wantMsg: "Url is not valid", wantText: "HTTP 422 Unprocessable Entity, code 21402: Url is not valid"},
		{name: "errors array", status: 422, body: `{"errors":[{"code":"10000","detail":"invalid argument"}]}`,
			wantCode: 10000, wantMsg: "invalid argument", wantText: "HTTP 422 Unprocessable Entity, code 10000: invalid argument"},
		{name: "json without message", status: 409, body: `{"code":10000}`, wantCode: 10000, wantText: "HTTP 409 Conflict, code 10000"},
		{name: "json without code", status: 400, body: `{"message":"Muted must be true or false"}`,
			wantMsg: "Muted must be true or false", wantText: "HTTP 400 Bad Request: Muted must be true or false"},

		{name: "empty body", status: 404, body: "", wantText: "HTTP 404 Not Found, with an empty body"},
		{name: "whitespace body", status: 401, body: " \n ", wantText: "HTTP 401 Unauthorized, with an empty body"},
		{name: "unknown status", status: 599, body: "", wantText: "HTTP 599, with an empty body"},
		{
			name:      "nginx html",
			status:    502,
			body:      "<html>\n<head><title>502 Bad Gateway</title></head>\n<body>\n<center><h1>502 Bad Gateway</h1></center>\n<hr><center>nginx</center>\n</body></html>\n",
			wantBrief: "502 Bad Gateway 502 Bad Gateway nginx",
			wantText:  `HTTP 502 Bad Gateway, with a body that is not an API error: "502 Bad Gateway 502 Bad Gateway nginx"`,
		},
		{
			name:   "html with script, style, comment and entities",
			status: 503,
			body: "<!DOCTYPE html><html><head><style>body{color:red}</style><script>var t=1;</script></head>" +
				"<body><!-- upstream pool --><p>Service&nbsp;unavailable &amp; retrying</p>\t\t<p>try   later</p></body></html>",
			wantBrief: "Service unavailable & retrying try later",
		},
		{name: "plain text", status: 400, body: "bad things\n\n   happened\n", wantBrief: "bad things happened",
			wantText: `HTTP 400 Bad Request, with a body that is not an API error: "bad things happened"`},
		{name: "long text capped", status: 500, body: long, wantBrief: strings.Repeat("x", maxErrorMessage) + "…"},
		{name: "long html capped", status: 500, body: "<p>" + strings.Repeat("word ", 10000) + "</p>",
			wantBrief: strings.TrimSpace(strings.Repeat("word ", maxErrorMessage/5)) + " …"},
		{name: "json of another shape", status: 403, body: `{"error":"forbidden by policy","request_id":"r-1"}`,
			wantBrief: `{"error":"forbidden by policy","request_id":"r-1"}`},
		{name: "json array", status: 400, body: `[1,2]`, wantBrief: "[1,2]"},
		{name: "truncated json", status: 400, body: `{"code":20404,"message":"The requested`, wantBrief: `{"code":20404,"message":"The requested`,
			wantText: `HTTP 400 Bad Request, with a body that is not an API error: "{\"code\":20404,\"message\":\"The requested"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := decodeError(tt.status, []byte(tt.body), "GET", "/p")
			if e.StatusCode != tt.status || e.Code != tt.wantCode || e.Message != tt.wantMsg ||
				e.MoreInfo != tt.wantMore || e.Excerpt != tt.wantBrief {
				t.Fatalf("decodeError = %+v,\nwant status %d code %d message %q more %q excerpt %q",
					e, tt.status, tt.wantCode, tt.wantMsg, tt.wantMore, tt.wantBrief)
			}
			if tt.wantText != "" && e.Describe() != tt.wantText {
				t.Errorf("Describe() = %q, want %q", e.Describe(), tt.wantText)
			}
			if e.FromAPI() != (tt.wantCode != 0 || tt.wantMsg != "") {
				t.Errorf("FromAPI() = %v", e.FromAPI())
			}
			if !e.FromAPI() && strings.Contains(e.Error(), "code") && !strings.Contains(tt.body, "code") {
				t.Errorf("Error() = %q shows a code the body did not carry", e.Error())
			}
		})
	}
}

func TestAPIErrorString(t *testing.T) {
	e := &APIError{StatusCode: 404, Code: 20404, Message: "The requested resource was not found",
		Method: "POST", Path: "/api/laml/2010-04-01/Accounts/a/Conferences/b/Participants/x"}
	want := "POST /api/laml/2010-04-01/Accounts/a/Conferences/b/Participants/x: HTTP 404 Not Found, code 20404: The requested resource was not found"
	if got := e.Error(); got != want {
		t.Fatalf("Error() = %q, want %q", got, want)
	}
	e.Attempts = 5
	assertContains(t, e.Error(), "(after 5 attempts)")
	if got := (&APIError{StatusCode: 599}).Error(); got != "HTTP 599, with an empty body" {
		t.Fatalf("Error() = %q", got)
	}
}

func TestAPIErrorPredicates(t *testing.T) {
	tests := []struct {
		err                       *APIError
		notFound, unauth, limited bool
	}{
		{err: &APIError{StatusCode: 404}, notFound: true},
		{err: &APIError{StatusCode: 400, Code: 20404}, notFound: true},
		{err: &APIError{StatusCode: 401}, unauth: true},
		{err: &APIError{StatusCode: 403, Code: 20003}, unauth: true},
		{err: &APIError{StatusCode: 429}, limited: true},
		{err: &APIError{StatusCode: 503, Code: 20429}, limited: true},
		{err: &APIError{StatusCode: 500, Code: 20504}},
	}
	for _, tt := range tests {
		if tt.err.IsNotFound() != tt.notFound || tt.err.IsUnauthorized() != tt.unauth || tt.err.IsRateLimited() != tt.limited {
			t.Errorf("%+v: got notFound=%v unauth=%v limited=%v", tt.err,
				tt.err.IsNotFound(), tt.err.IsUnauthorized(), tt.err.IsRateLimited())
		}
	}
}

func TestAsAPIErrorThroughWrapping(t *testing.T) {
	base := &APIError{StatusCode: 404, Code: 20404}
	wrapped := fmt.Errorf("reading participant: %w", fmt.Errorf("layer: %w", base))
	got, ok := AsAPIError(wrapped)
	if !ok || got != base {
		t.Fatalf("AsAPIError = %v, %v", got, ok)
	}
	var target *APIError
	if !errors.As(wrapped, &target) || target != base {
		t.Fatal("errors.As failed")
	}
	if !IsNotFound(wrapped) {
		t.Fatal("IsNotFound(wrapped) = false")
	}
	for _, err := range []error{nil, errors.New("plain"), fmt.Errorf("x: %w", &APIError{StatusCode: 500})} {
		if IsNotFound(err) {
			t.Errorf("IsNotFound(%v) = true", err)
		}
	}
	if _, ok := AsAPIError(errors.New("plain")); ok {
		t.Error("AsAPIError(plain) ok")
	}
}

func TestErrorResponsesFromServer(t *testing.T) {
	tests := []struct {
		name        string
		status      int
		contentType string
		body        string
		wantCode    int
		wantMessage string
		wantExcerpt string
		notFound    bool
	}{
		{name: "json 404", status: 404, contentType: "application/json",
			body:     `{"code":20404,"message":"The requested resource was not found","more_info":"https://x","status":404}`,
			wantCode: 20404, wantMessage: "The requested resource was not found", notFound: true},
		{name: "empty 404", status: 404, wantExcerpt: "", notFound: true},
		{name: "html 502", status: 502, contentType: "text/html", body: "<html><body><h1>502 Bad Gateway</h1></body></html>",
			wantExcerpt: "502 Bad Gateway"},
		{name: "text 401", status: 401, contentType: "text/plain", body: "Unauthorized access\n", wantExcerpt: "Unauthorized access"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request) {
				if tt.contentType != "" {
					w.Header().Set("Content-Type", tt.contentType)
				}
				w.WriteHeader(tt.status)
				fmt.Fprint(w, tt.body)
			})
			c := newTestClient(t, srv.URL, func(cfg *Config) { cfg.MaxRetries = 0 })
			_, err := c.GetParticipant(context.Background(), "", testConference, testCall)
			apiErr, ok := AsAPIError(err)
			if !ok {
				t.Fatalf("error %v (%T) is not an *APIError", err, err)
			}
			if apiErr.StatusCode != tt.status || apiErr.Code != tt.wantCode || apiErr.Message != tt.wantMessage ||
				apiErr.Excerpt != tt.wantExcerpt {
				t.Fatalf("got %+v", apiErr)
			}
			if apiErr.Method != "GET" || !strings.HasSuffix(apiErr.Path, "/Participants/"+testCall) || strings.Contains(apiErr.Path, "127.0.0.1") {
				t.Fatalf("method/path = %q %q", apiErr.Method, apiErr.Path)
			}
			if IsNotFound(err) != tt.notFound {
				t.Fatalf("IsNotFound = %v", IsNotFound(err))
			}
		})
	}
}
