package fakeapi

import (
	"cmp"
	"fmt"
	"slices"
	"time"
)

// Conference and participant statuses, as enumerated by the OpenAPI document.
const (
	StatusInit       = "init"
	StatusInProgress = "in-progress"
	StatusCompleted  = "completed"
)

// ParticipantState is everything the fake knows about a participant,
// including what the API never returns (URLs, methods, announcements).
type ParticipantState struct {
	AccountSID             string    `json:"account_sid"`
	ConferenceSID          string    `json:"conference_sid"`
	CallSID                string    `json:"call_sid"`
	Muted                  bool      `json:"muted"`
	Hold                   bool      `json:"hold"`
	Coaching               bool      `json:"coaching"`
	CallSIDToCoach         string    `json:"call_sid_to_coach"`
	Status                 string    `json:"status"`
	StartConferenceOnEnter bool      `json:"start_conference_on_enter"`
	EndConferenceOnExit    bool      `json:"end_conference_on_exit"`
	AnnounceURL            string    `json:"announce_url"`
	AnnounceMethod         string    `json:"announce_method"`
	HoldURL                string    `json:"hold_url"`
	HoldMethod             string    `json:"hold_method"`
	WaitURL                string    `json:"wait_url"`
	WaitMethod             string    `json:"wait_method"`
	Announcements          []string  `json:"announcements"`
	DateCreated            time.Time `json:"date_created"`
	DateUpdated            time.Time `json:"date_updated"`
}

func (p ParticipantState) clone() ParticipantState {
	p.Announcements = slices.Clone(p.Announcements)
	return p
}

func (p ParticipantState) key() sortKey { return sortKey{at: p.DateCreated, id: p.CallSID} }

type participant struct {
	state ParticipantState
	hits  int // requests addressed to it while a HangUpAfter fault is active
}

type conference struct {
	sid          string
	friendlyName string
	status       string
	region       string
	created      time.Time
	updated      time.Time
	participants map[string]*participant
}

func (c *conference) key() sortKey { return sortKey{at: c.created, id: c.sid} }

// sortedParticipants orders by date_created then call_sid, the order every
// listing uses.
func (c *conference) sortedParticipants() []*participant {
	out := make([]*participant, 0, len(c.participants))
	for _, p := range c.participants {
		out = append(out, p)
	}
	slices.SortFunc(out, func(a, b *participant) int { return a.state.key().compare(b.state.key()) })
	return out
}

// ConferenceSeed describes a conference to add. Zero fields take defaults:
// a random UUID SID, status in-progress, region us1, created now.
type ConferenceSeed struct {
	SID, FriendlyName, Status, Region string
	DateCreated                       time.Time
}

// ParticipantSeed describes a call to put into a conference. Zero fields take
// defaults: a random UUID CallSID and status in-progress; the booleans
// default to false, StartConferenceOnEnter included.
type ParticipantSeed struct {
	ConferenceSID, CallSID                      string
	Muted, Hold, Coaching                       bool
	CallSIDToCoach                              string
	Status                                      string
	StartConferenceOnEnter, EndConferenceOnExit bool
}

// AddConference adds a conference and returns its SID. It panics on a
// duplicate SID or a status outside init, in-progress, completed.
func (s *Server) AddConference(c ConferenceSeed) string {
	return s.mustAdd(func() (string, error) { return s.addConferenceLocked(c) })
}

// mustAdd runs add under the lock and panics on its error, as AddConference
// and AddParticipant promise.
func (s *Server) mustAdd(add func() (string, error)) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	sid, err := add()
	if err != nil {
		panic("fakeapi: " + err.Error())
	}
	return sid
}

func (s *Server) addConferenceLocked(c ConferenceSeed) (string, error) {
	c.SID = canonicalSID(cmp.Or(c.SID, newUUID()))
	c.Status = cmp.Or(c.Status, StatusInProgress)
	c.Region = cmp.Or(c.Region, DefaultRegion)
	if c.DateCreated.IsZero() {
		c.DateCreated = s.now()
	}
	if _, dup := s.conferences[c.SID]; dup {
		return "", fmt.Errorf("conference %s already exists", c.SID)
	}
	if !validConferenceStatus(c.Status) {
		return "", fmt.Errorf("conference status %q is not one of init, in-progress, completed", c.Status)
	}
	s.conferences[c.SID] = &conference{
		sid: c.SID, friendlyName: c.FriendlyName, status: c.Status, region: c.Region,
		created: c.DateCreated.UTC(), updated: c.DateCreated.UTC(),
		participants: make(map[string]*participant),
	}
	return c.SID, nil
}

// AddParticipant puts a call into a conference and returns its CallSID. It
// panics if the conference is unknown or the call is already in it.
func (s *Server) AddParticipant(p ParticipantSeed) string {
	return s.mustAdd(func() (string, error) { return s.addParticipantLocked(p) })
}

func (s *Server) addParticipantLocked(p ParticipantSeed) (string, error) {
	c, ok := s.conferences[canonicalSID(p.ConferenceSID)]
	if !ok {
		return "", fmt.Errorf("conference %q does not exist", p.ConferenceSID)
	}
	p.CallSID = canonicalSID(cmp.Or(p.CallSID, newUUID()))
	if _, dup := c.participants[p.CallSID]; dup {
		return "", fmt.Errorf("call %s is already in conference %s", p.CallSID, c.sid)
	}
	now := s.now()
	c.participants[p.CallSID] = &participant{state: ParticipantState{
		AccountSID: s.projectID, ConferenceSID: c.sid, CallSID: p.CallSID,
		Muted: p.Muted, Hold: p.Hold, Coaching: p.Coaching, CallSIDToCoach: canonicalSID(p.CallSIDToCoach),
		Status:                 cmp.Or(p.Status, StatusInProgress),
		StartConferenceOnEnter: p.StartConferenceOnEnter, EndConferenceOnExit: p.EndConferenceOnExit,
		DateCreated: now, DateUpdated: now,
	}}
	return p.CallSID, nil
}

// SetConferenceStatus changes a conference's status and bumps its
// date_updated. It panics on an unknown conference or status.
func (s *Server) SetConferenceStatus(conferenceSID, status string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.conferences[conferenceSID]
	if !ok {
		panic(fmt.Sprintf("fakeapi: conference %q does not exist", conferenceSID))
	}
	if !validConferenceStatus(status) {
		panic(fmt.Sprintf("fakeapi: conference status %q is not one of init, in-progress, completed", status))
	}
	if c.status != status {
		c.status = status
		c.updated = s.now()
	}
}

// Participant returns a copy of a participant's full state.
func (s *Server) Participant(conferenceSID, callSID string) (ParticipantState, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.lookupLocked(conferenceSID, callSID)
	if p == nil {
		return ParticipantState{}, false
	}
	return p.state.clone(), true
}

// Participants returns copies of a conference's participants in listing
// order; nil if the conference is unknown.
func (s *Server) Participants(conferenceSID string) []ParticipantState {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.conferences[conferenceSID]
	if !ok {
		return nil
	}
	var out []ParticipantState
	for _, p := range c.sortedParticipants() {
		out = append(out, p.state.clone())
	}
	return out
}

// HangUp makes a call leave its conference, as when the caller hangs up.
func (s *Server) HangUp(conferenceSID, callSID string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hangUpLocked(conferenceSID, callSID)
}

func (s *Server) hangUpLocked(conferenceSID, callSID string) bool {
	c, ok := s.conferences[conferenceSID]
	if !ok {
		return false
	}
	if _, ok := c.participants[callSID]; !ok {
		return false
	}
	delete(c.participants, callSID)
	return true
}

// Update changes a participant behind the client's back (drift). f sees a
// copy; identity fields it changes are ignored. date_updated is set to now
// unless f set it itself.
func (s *Server) Update(conferenceSID, callSID string, f func(*ParticipantState)) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.lookupLocked(conferenceSID, callSID)
	if p == nil {
		return false
	}
	next := p.state.clone()
	f(&next)
	next.AccountSID, next.ConferenceSID, next.CallSID = p.state.AccountSID, p.state.ConferenceSID, p.state.CallSID
	if next.DateUpdated.Equal(p.state.DateUpdated) {
		next.DateUpdated = s.now()
	}
	p.state = next
	return true
}

func (s *Server) lookupLocked(conferenceSID, callSID string) *participant {
	c, ok := s.conferences[conferenceSID]
	if !ok {
		return nil
	}
	return c.participants[callSID]
}

func validConferenceStatus(status string) bool {
	switch status {
	case StatusInit, StatusInProgress, StatusCompleted:
		return true
	}
	return false
}
