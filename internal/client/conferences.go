package client

import (
	"context"
	"errors"
	"net/http"
	"net/url"
)

// Conference is a conference room.
type Conference struct {
	SID             string            `json:"sid"`
	AccountSID      string            `json:"account_sid"`
	DateCreated     Timestamp         `json:"date_created"`
	DateUpdated     Timestamp         `json:"date_updated"`
	FriendlyName    string            `json:"friendly_name"`
	Status          string            `json:"status"`
	APIVersion      string            `json:"api_version"`
	Region          string            `json:"region"`
	URI             string            `json:"uri"`
	SubresourceURIs map[string]string `json:"subresource_uris"`
}

// ConferenceListFilter narrows ListConferences. Empty strings are not sent;
// PageSize 0 means 1000, the maximum.
type ConferenceListFilter struct {
	FriendlyName, Status string
	PageSize             int
}

// GetConference retrieves one conference. An empty accountSID means the
// project ID.
func (c *Client) GetConference(ctx context.Context, accountSID, conferenceSID string) (*Conference, error) {
	path, err := c.conferencePath(accountSID, conferenceSID)
	if err != nil {
		return nil, err
	}
	var conf Conference
	if err := c.do(ctx, http.MethodGet, path, nil, nil, &conf); err != nil {
		return nil, err
	}
	return &conf, nil
}

// ListConferences returns every conference of the account that f selects,
// in the order the API lists them, following next_page_uri with one
// request per page of f.PageSize conferences. An empty accountSID means the
// project ID. Errors: an *APIError for a non-2xx answer, an error wrapping
// ErrUnusableAnswer for a page without its conferences member, or an error
// when paging does not end (a next_page_uri that repeats, or more than
// MaxListPages pages).
func (c *Client) ListConferences(ctx context.Context, accountSID string, f ConferenceListFilter) ([]Conference, error) {
	query := url.Values{"PageSize": {pageSize(f.PageSize)}}
	if f.FriendlyName != "" {
		query.Set("FriendlyName", f.FriendlyName)
	}
	if f.Status != "" {
		query.Set("Status", f.Status)
	}
	path := c.apiPath("Accounts", c.account(accountSID), "Conferences")
	return listAll[Conference](ctx, c, path, query, "conferences")
}

func (c *Client) account(accountSID string) string {
	if accountSID == "" {
		return c.projectID
	}
	return accountSID
}

// conferencePath is the path of a conference, or of what lies under it
// (sub, such as "Participants"), in the account accountSID names (the
// project ID when empty). It refuses an empty conferenceSID, which would
// address the conference list instead.
func (c *Client) conferencePath(accountSID, conferenceSID string, sub ...string) (string, error) {
	if conferenceSID == "" {
		return "", errors.New("conference SID must not be empty")
	}
	return c.apiPath(append([]string{"Accounts", c.account(accountSID), "Conferences", conferenceSID}, sub...)...), nil
}
