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
	if conferenceSID == "" {
		return nil, errors.New("conference SID must not be empty")
	}
	var conf Conference
	path := c.apiPath("Accounts", c.account(accountSID), "Conferences", conferenceSID)
	if err := c.do(ctx, http.MethodGet, path, nil, nil, &conf); err != nil {
		return nil, err
	}
	return &conf, nil
}

type conferencePage struct {
	NextPageURI string       `json:"next_page_uri"`
	Conferences []Conference `json:"conferences"`
}

// UnmarshalJSON refuses a page without its conferences member.
func (p *conferencePage) UnmarshalJSON(data []byte) error {
	type plain conferencePage // without this method
	return decodePage(data, "conferences", (*plain)(p))
}

// ListConferences returns every conference matching f, following
// next_page_uri with one request per page.
func (c *Client) ListConferences(ctx context.Context, accountSID string, f ConferenceListFilter) ([]Conference, error) {
	query := url.Values{"PageSize": {pageSize(f.PageSize)}}
	if f.FriendlyName != "" {
		query.Set("FriendlyName", f.FriendlyName)
	}
	if f.Status != "" {
		query.Set("Status", f.Status)
	}
	var all []Conference
	path := c.apiPath("Accounts", c.account(accountSID), "Conferences")
	err := c.paginate(path, query, func(target string, q url.Values) (string, error) {
		var page conferencePage
		if err := c.do(ctx, http.MethodGet, target, q, nil, &page); err != nil {
			return "", err
		}
		all = append(all, page.Conferences...)
		return page.NextPageURI, nil
	})
	if err != nil {
		return nil, err
	}
	return all, nil
}

func (c *Client) account(accountSID string) string {
	if accountSID == "" {
		return c.projectID
	}
	return accountSID
}
