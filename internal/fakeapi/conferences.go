package fakeapi

import (
	"net/http"
	"net/url"
	"time"
)

// conferenceJSON is the Conference schema, field for field.
type conferenceJSON struct {
	SID             string               `json:"sid"`
	AccountSID      string               `json:"account_sid"`
	DateCreated     string               `json:"date_created"`
	DateUpdated     string               `json:"date_updated"`
	FriendlyName    string               `json:"friendly_name"`
	Status          string               `json:"status"`
	APIVersion      string               `json:"api_version"`
	Region          string               `json:"region"`
	URI             string               `json:"uri"`
	SubresourceURIs conferenceSubresURIs `json:"subresource_uris"`
}

type conferenceSubresURIs struct {
	Participants string `json:"participants"`
	Recordings   string `json:"recordings"`
}

func (s *Server) renderConference(c *conference) conferenceJSON {
	base := conferencesPath(s.projectID) + "/" + c.sid
	return conferenceJSON{
		SID:          c.sid,
		AccountSID:   s.projectID,
		DateCreated:  formatDate(c.created),
		DateUpdated:  formatDate(c.updated),
		FriendlyName: c.friendlyName,
		Status:       c.status,
		APIVersion:   APIVersion,
		Region:       c.region,
		URI:          conferenceURI(s.projectID, c.sid),
		SubresourceURIs: conferenceSubresURIs{
			Participants: base + "/Participants.json",
			Recordings:   base + "/Recordings.json",
		},
	}
}

type conferenceListJSON struct {
	pageLinks
	Conferences []conferenceJSON `json:"conferences"`
}

func (s *Server) getConference(r *http.Request, m match) (any, *apiError) {
	c, apiErr := s.conferenceAt(r, m)
	if apiErr != nil {
		return nil, apiErr
	}
	return s.renderConference(c), nil
}

func (s *Server) listConferences(r *http.Request, m match) (any, *apiError) {
	f, p, apiErr := parseListQuery(r.URL.Query(), parseConferenceFilter)
	if apiErr != nil {
		return nil, apiErr
	}
	var selected []*conference
	for _, c := range s.conferences {
		if f.matches(c) {
			selected = append(selected, c)
		}
	}
	links, confs := pageOf(p, conferencesPath(m.account), f.values, selected, (*conference).key, s.renderConference)
	return conferenceListJSON{pageLinks: links, Conferences: confs}, nil
}

// dateFilter selects by calendar day (UTC): on, before or after it.
type dateFilter struct {
	on, before, after string // YYYY-MM-DD, empty when not given
}

func (d dateFilter) matches(t time.Time) bool {
	day := t.UTC().Format(time.DateOnly)
	return (d.on == "" || day == d.on) &&
		(d.before == "" || day < d.before) &&
		(d.after == "" || day > d.after)
}

type conferenceFilter struct {
	friendlyName string
	status       string
	created      dateFilter
	updated      dateFilter
	values       url.Values // the filters as given, for paging links
}

func parseConferenceFilter(q url.Values) (conferenceFilter, *apiError) {
	f := conferenceFilter{values: url.Values{}}
	if v := q.Get("FriendlyName"); v != "" {
		if len([]rune(v)) > 64 {
			return f, errInvalid("FriendlyName must be at most 64 characters")
		}
		f.friendlyName = v
		f.values.Set("FriendlyName", v)
	}
	if v := q.Get("Status"); v != "" {
		if !validConferenceStatus(v) {
			return f, errInvalid("Status must be one of init, in-progress, completed, got %q", v)
		}
		f.status = v
		f.values.Set("Status", v)
	}
	for _, spec := range []struct {
		name string
		dst  *string
	}{
		{"DateCreated", &f.created.on}, {"DateCreated<", &f.created.before}, {"DateCreated>", &f.created.after},
		{"DateUpdated", &f.updated.on}, {"DateUpdated<", &f.updated.before}, {"DateUpdated>", &f.updated.after},
	} {
		v := q.Get(spec.name)
		if v == "" {
			continue
		}
		if _, err := time.Parse(time.DateOnly, v); err != nil {
			return f, errInvalid("%s must be a date in the form YYYY-MM-DD, got %q", spec.name, v)
		}
		*spec.dst = v
		f.values.Set(spec.name, v)
	}
	return f, nil
}

func (f conferenceFilter) matches(c *conference) bool {
	return (f.friendlyName == "" || c.friendlyName == f.friendlyName) &&
		(f.status == "" || c.status == f.status) &&
		f.created.matches(c.created) && f.updated.matches(c.updated)
}
