package client

import (
	"context"
	"errors"
	"net/http"
	"net/url"
)

// Participant is a call in a conference.
type Participant struct {
	AccountSID             string    `json:"account_sid"`
	CallSID                string    `json:"call_sid"`
	CallSIDToCoach         string    `json:"call_sid_to_coach"`
	Coaching               bool      `json:"coaching"`
	ConferenceSID          string    `json:"conference_sid"`
	DateCreated            Timestamp `json:"date_created"`
	DateUpdated            Timestamp `json:"date_updated"`
	Status                 string    `json:"status"`
	EndConferenceOnExit    bool      `json:"end_conference_on_exit"`
	Muted                  bool      `json:"muted"`
	Hold                   bool      `json:"hold"`
	StartConferenceOnEnter bool      `json:"start_conference_on_enter"`
	URI                    string    `json:"uri"`
}

// UpdateParticipantParams are the form fields of a participant update (the
// API page's "Update a participant" parameters); nil means "not sent". Each
// field's form tag is its name on the wire, so a new field is one line here.
type UpdateParticipantParams struct {
	Muted          *bool   `form:"Muted"`
	Hold           *bool   `form:"Hold"`
	Coaching       *bool   `form:"Coaching"`
	CallSIDToCoach *string `form:"CallSidToCoach"`
	AnnounceURL    *string `form:"AnnounceUrl"`
	AnnounceMethod *string `form:"AnnounceMethod"`
	HoldURL        *string `form:"HoldUrl"`
	HoldMethod     *string `form:"HoldMethod"`
	WaitURL        *string `form:"WaitUrl"`
	WaitMethod     *string `form:"WaitMethod"`
}

// Encode returns the set fields under their form names. A bool is sent as
// "true" or "false", a string as it is (an empty string is sent too).
func (p UpdateParticipantParams) Encode() url.Values {
	return encodeForm(p)
}

// IsEmpty reports whether the request would send no field; it is derived
// from Encode, so it cannot miss a field.
func (p UpdateParticipantParams) IsEmpty() bool {
	return len(p.Encode()) == 0
}

// ParticipantListFilter narrows ListParticipants. Muted and Hold, when set,
// are sent as the query parameters their form tags name. PageSize 0 means
// 1000, the maximum, so the fewest requests are made.
type ParticipantListFilter struct {
	Muted    *bool `form:"Muted"`
	Hold     *bool `form:"Hold"`
	PageSize int
}

// GetParticipant retrieves one participant. An empty accountSID means the
// project ID. Like every request addressed to a participant, a 404 comes
// back wrapping ErrParticipantGone only when the API showed the call is not
// in the conference (see settleNotFound), else as an
// *UnconfirmedNotFoundError or the *APIError itself.
func (c *Client) GetParticipant(ctx context.Context, accountSID, conferenceSID, callSID string) (*Participant, error) {
	path, err := c.participantPath(accountSID, conferenceSID, callSID)
	if err != nil {
		return nil, err
	}
	var p Participant
	if err := c.do(ctx, http.MethodGet, path, nil, nil, &p); err != nil {
		return nil, c.settleNotFound(ctx, accountSID, conferenceSID, err)
	}
	return &p, nil
}

// UpdateParticipant sends only the set fields of p. When p carries an
// AnnounceURL the request is retried only where it cannot have been processed
// (see the package documentation). When the answer does not tell whether
// the update was applied, the error is an *OutcomeUnknownError.
func (c *Client) UpdateParticipant(ctx context.Context, accountSID, conferenceSID, callSID string, p UpdateParticipantParams) (*Participant, error) {
	path, err := c.participantPath(accountSID, conferenceSID, callSID)
	if err != nil {
		return nil, err
	}
	if p.AnnounceURL != nil {
		ctx = withAnnouncement(ctx)
	}
	var out Participant
	if err := c.do(ctx, http.MethodPost, path, nil, p.Encode(), &out); err != nil {
		return nil, outcomeOf(ctx, c.settleNotFound(ctx, accountSID, conferenceSID, err))
	}
	return &out, nil
}

// DeleteParticipant removes the participant's call from the conference.
// A 404 counts as removed only when IsParticipantGone(err).
func (c *Client) DeleteParticipant(ctx context.Context, accountSID, conferenceSID, callSID string) error {
	path, err := c.participantPath(accountSID, conferenceSID, callSID)
	if err != nil {
		return err
	}
	return c.settleNotFound(ctx, accountSID, conferenceSID, c.do(ctx, http.MethodDelete, path, nil, nil, nil))
}

// ListParticipants returns every participant of a conference that f
// selects, in the order the API lists them, following next_page_uri with
// one request per page of f.PageSize participants. An empty accountSID
// means the project ID. Errors: an *APIError for a non-2xx answer (404 when
// the conference does not exist), an error wrapping ErrUnusableAnswer for a
// page without its participants member, or an error when paging does not
// end (a next_page_uri that repeats, or more than MaxListPages pages).
func (c *Client) ListParticipants(ctx context.Context, accountSID, conferenceSID string, f ParticipantListFilter) ([]Participant, error) {
	path, err := c.participantsPath(accountSID, conferenceSID)
	if err != nil {
		return nil, err
	}
	query := encodeForm(f)
	query.Set("PageSize", pageSize(f.PageSize))
	return listAll[Participant](ctx, c, path, query, "participants")
}

// participantsPath is the participant collection of a conference.
func (c *Client) participantsPath(accountSID, conferenceSID string) (string, error) {
	return c.conferencePath(accountSID, conferenceSID, "Participants")
}

func (c *Client) participantPath(accountSID, conferenceSID, callSID string) (string, error) {
	if callSID == "" {
		return "", errors.New("call SID must not be empty")
	}
	path, err := c.participantsPath(accountSID, conferenceSID)
	if err != nil {
		return "", err
	}
	return path + "/" + url.PathEscape(callSID), nil
}
