package fakeapi

import (
	"net/http"
	"net/url"
	"time"
)

// DateLayout is the RFC 2822 form of every date the API returns.
const DateLayout = "Mon, 02 Jan 2006 15:04:05 -0700"

func formatDate(t time.Time) string { return t.UTC().Format(DateLayout) }

// participantJSON is the ConferenceParticipant schema, field for field and
// in the schema's order; the schema forbids any other member.
type participantJSON struct {
	AccountSID             string  `json:"account_sid"`
	CallSID                string  `json:"call_sid"`
	CallSIDToCoach         *string `json:"call_sid_to_coach"`
	Coaching               bool    `json:"coaching"`
	ConferenceSID          string  `json:"conference_sid"`
	DateCreated            string  `json:"date_created"`
	Status                 string  `json:"status"`
	DateUpdated            string  `json:"date_updated"`
	EndConferenceOnExit    bool    `json:"end_conference_on_exit"`
	Muted                  bool    `json:"muted"`
	Hold                   bool    `json:"hold"`
	StartConferenceOnEnter bool    `json:"start_conference_on_enter"`
	URI                    string  `json:"uri"`
}

func renderParticipant(p *ParticipantState) participantJSON {
	out := participantJSON{
		AccountSID:             p.AccountSID,
		CallSID:                p.CallSID,
		Coaching:               p.Coaching,
		ConferenceSID:          p.ConferenceSID,
		DateCreated:            formatDate(p.DateCreated),
		Status:                 p.Status,
		DateUpdated:            formatDate(p.DateUpdated),
		EndConferenceOnExit:    p.EndConferenceOnExit,
		Muted:                  p.Muted,
		Hold:                   p.Hold,
		StartConferenceOnEnter: p.StartConferenceOnEnter,
		URI:                    participantURI(p.AccountSID, p.ConferenceSID, p.CallSID),
	}
	if p.CallSIDToCoach != "" {
		coach := p.CallSIDToCoach
		out.CallSIDToCoach = &coach
	}
	return out
}

type participantListJSON struct {
	pageLinks
	Participants []participantJSON `json:"participants"`
}

func (s *Server) listParticipants(w http.ResponseWriter, r *http.Request, m match) {
	s.mu.Lock()
	_, exists := s.conferences[m.conference]
	s.mu.Unlock()
	if !exists {
		writeError(w, errNotFound(r.URL.Path))
		return
	}
	q := r.URL.Query()
	filters, apiErr := participantFilters(q)
	if apiErr != nil {
		writeError(w, apiErr)
		return
	}
	p, apiErr := parsePageRequest(q)
	if apiErr != nil {
		writeError(w, apiErr)
		return
	}
	s.writeParticipantPage(w, r, m, filters, p)
}

func (s *Server) writeParticipantPage(w http.ResponseWriter, r *http.Request, m match, filters url.Values, p pageRequest) {
	s.mu.Lock()
	c, ok := s.conferences[m.conference]
	if !ok {
		s.mu.Unlock()
		writeError(w, errNotFound(r.URL.Path))
		return
	}
	var selected []*ParticipantState
	var keys []sortKey
	for _, pt := range c.sortedParticipants() {
		if matchesParticipantFilters(&pt.state, filters) {
			selected = append(selected, &pt.state)
			keys = append(keys, pt.state.key())
		}
	}
	start, end := p.window(keys)
	out := participantListJSON{
		pageLinks:    p.links(participantsPath(m.account, m.conference), filters, keys, start, end),
		Participants: make([]participantJSON, 0, end-start),
	}
	for _, st := range selected[start:end] {
		out.Participants = append(out.Participants, renderParticipant(st))
	}
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, out)
}

// participantFilters validates the Muted and Hold filters and returns the
// ones given, to be carried into paging links.
func participantFilters(q url.Values) (url.Values, *apiError) {
	filters := url.Values{}
	for _, name := range []string{"Muted", "Hold"} {
		v := q.Get(name)
		if v == "" {
			continue
		}
		if _, ok := parseBool(v); !ok {
			return nil, errInvalid("%s must be true or false, got %q", name, v)
		}
		filters.Set(name, v)
	}
	return filters, nil
}

func matchesParticipantFilters(p *ParticipantState, filters url.Values) bool {
	if v := filters.Get("Muted"); v != "" && p.Muted != (v == "true") {
		return false
	}
	if v := filters.Get("Hold"); v != "" && p.Hold != (v == "true") {
		return false
	}
	return true
}

func (s *Server) getParticipant(w http.ResponseWriter, r *http.Request, m match) {
	s.mu.Lock()
	p := s.lookupLocked(m.conference, m.call)
	if p == nil {
		s.mu.Unlock()
		writeError(w, errNotFound(r.URL.Path))
		return
	}
	out := renderParticipant(&p.state)
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) deleteParticipant(w http.ResponseWriter, r *http.Request, m match) {
	s.mu.Lock()
	removed := s.hangUpLocked(m.conference, m.call)
	s.mu.Unlock()
	if !removed {
		writeError(w, errNotFound(r.URL.Path))
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// parseBool accepts exactly the two spellings the API documents.
func parseBool(v string) (value, ok bool) {
	switch v {
	case "true":
		return true, true
	case "false":
		return false, true
	}
	return false, false
}
