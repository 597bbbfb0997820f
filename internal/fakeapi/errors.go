package fakeapi

import (
	"encoding/json"
	"fmt"
	"net/http"
)

// MoreInfoURL is the more_info value of every error body.
const MoreInfoURL = "https://signalwire.com/docs/compatibility-api/reference/errors"

// Error codes the fake answers with; doc.go maps them to statuses.
const (
	CodeInvalidArgument      = 10000
	CodeMethodInvalid        = 13221
	CodeCoachNotInConference = 16002
	CodeAuthentication       = 20003
	CodeMethodNotAllowed     = 20004
	CodeNotFound             = 20404
	CodeTooManyRequests      = 20429
	CodeInternal             = 20504
	CodeURLInvalid           = 21402
	CodePageTokenInvalid     = 21481
	CodePageSizeInvalid      = 54454
)

// apiError is the CompatibilityErrorResponse body; its fields are exactly
// the schema's, which forbids any other.
type apiError struct {
	Code     int    `json:"code"`
	Message  string `json:"message"`
	MoreInfo string `json:"more_info"`
	Status   int    `json:"status"`
}

func newError(status, code int, format string, args ...any) *apiError {
	return &apiError{Code: code, Message: fmt.Sprintf(format, args...), MoreInfo: MoreInfoURL, Status: status}
}

func errNotFound(path string) *apiError {
	return newError(http.StatusNotFound, CodeNotFound, "The requested resource %s was not found", path)
}

func errUnauthorized() *apiError {
	return newError(http.StatusUnauthorized, CodeAuthentication, "Authentication failed")
}

func errInvalid(format string, args ...any) *apiError {
	return newError(http.StatusBadRequest, CodeInvalidArgument, format, args...)
}

func errUnprocessable(code int, format string, args ...any) *apiError {
	return newError(http.StatusUnprocessableEntity, code, format, args...)
}

// codeForStatus picks the body code of an injected error, so that a client
// classifying errors by code sees the same family as by status.
func codeForStatus(status int) int {
	switch status {
	case http.StatusUnauthorized:
		return CodeAuthentication
	case http.StatusNotFound:
		return CodeNotFound
	case http.StatusTooManyRequests:
		return CodeTooManyRequests
	case http.StatusBadRequest, http.StatusUnprocessableEntity:
		return CodeInvalidArgument
	default:
		return CodeInternal
	}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		body, _ = json.Marshal(newError(status, CodeInternal, "encoding the response failed"))
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

func writeError(w http.ResponseWriter, e *apiError) {
	if e.Status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Basic realm="SignalWire"`)
	}
	writeJSON(w, e.Status, e)
}
