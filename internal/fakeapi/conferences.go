package fakeapi

import (
	"net/http"
	"net/url"
	"slices"
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

func (s *Server) getConference(w http.ResponseWriter, r *http.Request, m match) {
	s.mu.Lock()
	c, ok := s.conferences[m.conference]
	if !ok {
		s.mu.Unlock()
		writeError(w, errNotFound(r.URL.Path))
		return
	}
	out := s.renderConference(c)
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) listConferences(w http.ResponseWriter, r *http.Request, m match) {
	q := r.URL.Query()
	f, apiErr := parseConferenceFilter(q)
	if apiErr != nil {
		writeError(w, apiErr)
		return
	}
	p, apiErr := parsePageRequest(q)
	if apiErr != nil {
		writeError(w, apiErr)
		return
	}
	s.mu.Lock()
	var selected []*conference
	for _, c := range s.conferences {
		if f.matches(c) {
			selected = append(selected, c)
		}
	}
	slices.SortFunc(selected, func(a, b *conference) int { return a.key().compare(b.key()) })
	keys := make([]sortKey, len(selected))
	for i, c := range selected {
		keys[i] = c.key()
	}
	start, end := p.window(keys)
	out := conferenceListJSON{
		pageLinks:   p.links(conferencesPath(m.account), f.values, keys, start, end),
		Conferences: make([]conferenceJSON, 0, end-start),
	}
	for _, c := range selected[start:end] {
		out.Conferences = append(out.Conferences, s.renderConference(c))
	}
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, out)
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
