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

func (s *Server) listParticipants(r *http.Request, m match) (any, *apiError) {
	c, apiErr := s.conferenceAt(r, m)
	if apiErr != nil {
		return nil, apiErr
	}
	filters, p, apiErr := parseListQuery(r.URL.Query(), participantFilters)
	if apiErr != nil {
		return nil, apiErr
	}
	var selected []*ParticipantState
	for _, pt := range c.participants {
		if matchesParticipantFilters(&pt.state, filters) {
			selected = append(selected, &pt.state)
		}
	}
	links, items := pageOf(p, participantsPath(m.account, m.conference), filters, selected,
		(*ParticipantState).key, renderParticipant)
	return participantListJSON{pageLinks: links, Participants: items}, nil
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

func (s *Server) getParticipant(r *http.Request, m match) (any, *apiError) {
	_, p, apiErr := s.participantAt(r, m)
	if apiErr != nil {
		return nil, apiErr
	}
	return renderParticipant(&p.state), nil
}

func (s *Server) deleteParticipant(r *http.Request, m match) (any, *apiError) {
	if !s.hangUpLocked(m.conference, m.call) {
		return nil, errNotFound(r.URL.Path)
	}
	return nil, nil
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
