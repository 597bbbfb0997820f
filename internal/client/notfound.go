package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
)

// ErrParticipantGone is wrapped into the error of a request addressed to a
// participant when the API showed that the call is not in the conference.
var ErrParticipantGone = errors.New("the call is not in the conference")

// IsParticipantGone reports whether err shows that the participant is not in
// its conference: only then may a caller forget it.
func IsParticipantGone(err error) bool { return errors.Is(err, ErrParticipantGone) }

// ConfirmsNotFound reports whether e is the API's own answer that what was
// asked for does not exist: HTTP 404 with exactly the body the OpenAPI
// document declares for errors (CompatibilityErrorResponse: code, message,
// more_info and status, nothing else, status equal to the HTTP status) and
// code 20404. A 404 with no body, an HTML page, another JSON shape or
// another code can come from a proxy or a wrong base URL instead.
func (e *APIError) ConfirmsNotFound() bool {
	return e.StatusCode == http.StatusNotFound && e.documented && e.Code == CodeNotFound
}

// isDocumentedError reports whether body is exactly a
// CompatibilityErrorResponse for this status; the schema admits no other
// member.
func isDocumentedError(status int, body []byte) bool {
	var members map[string]json.RawMessage
	if json.Unmarshal(body, &members) != nil || len(members) != 4 {
		return false
	}
	var e struct {
		Code     *int    `json:"code"`
		Message  *string `json:"message"`
		MoreInfo *string `json:"more_info"`
		Status   *int    `json:"status"`
	}
	if json.Unmarshal(body, &e) != nil {
		return false
	}
	return e.Code != nil && e.Message != nil && e.MoreInfo != nil && e.Status != nil && *e.Status == status
}

// UnconfirmedNotFoundError is a 404 to a request addressed to a participant
// that did not come in the API's documented form, when the participant's
// conference could not be read either. It proves nothing about the
// participant: most likely the base URL does not reach the API.
type UnconfirmedNotFoundError struct {
	// NotFound is the answer to the participant request.
	NotFound *APIError
	// Conference is why the conference could not be read.
	Conference error
}

// Unwrap returns the 404 answer itself, so AsAPIError finds it; only
// IsParticipantGone says whether the participant is gone.
func (e *UnconfirmedNotFoundError) Unwrap() error { return e.NotFound }

func (e *UnconfirmedNotFoundError) Error() string {
	return fmt.Sprintf("%s, which is not the API's documented not-found answer; reading the conference to tell "+
		"failed too: %s", e.NotFound, e.Conference)
}

// settleNotFound decides what a 404 to a request addressed to a participant
// means. The API's documented not-found answer proves the call is not in the
// conference. Any other 404 is settled with one GET of the conference: when
// the conference answers, the base URL reaches the API and the participant
// is gone; when it does not, err becomes an *UnconfirmedNotFoundError.
func (c *Client) settleNotFound(ctx context.Context, accountSID, conferenceSID string, err error) error {
	apiErr, ok := AsAPIError(err)
	if !ok || apiErr.StatusCode != http.StatusNotFound {
		return err
	}
	if !apiErr.ConfirmsNotFound() {
		if _, confErr := c.GetConference(ctx, accountSID, conferenceSID); confErr != nil {
			return &UnconfirmedNotFoundError{NotFound: apiErr, Conference: confErr}
		}
	}
	return fmt.Errorf("%w: %w", ErrParticipantGone, err)
}
