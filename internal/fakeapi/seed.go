package fakeapi

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"time"
)

// Limits on generated data, so a typo in a seed can't exhaust memory.
const (
	maxGeneratedConferences  = 100_000
	maxGeneratedParticipants = 1_000_000
)

// Prefixes of generated SIDs, chosen to be hex so the SIDs are valid UUIDs.
const (
	generatedConferencePrefix = 0xcf000000
	generatedCallPrefix       = 0xca000000
)

// Seed is the seed file format: explicit conferences, generated ones, or both.
type Seed struct {
	Conferences []SeedConference `json:"conferences"`
	Generate    *SeedGenerate    `json:"generate,omitempty"`
}

// SeedConference is one conference of a seed file. Empty fields take the
// ConferenceSeed defaults; DateCreated is RFC 3339.
type SeedConference struct {
	SID          string            `json:"sid,omitempty"`
	FriendlyName string            `json:"friendly_name,omitempty"`
	Status       string            `json:"status,omitempty"`
	Region       string            `json:"region,omitempty"`
	DateCreated  string            `json:"date_created,omitempty"`
	Participants []SeedParticipant `json:"participants,omitempty"`
}

// SeedParticipant is one call of a seeded conference, with the
// ParticipantSeed defaults.
type SeedParticipant struct {
	CallSID                string `json:"call_sid,omitempty"`
	Muted                  bool   `json:"muted,omitempty"`
	Hold                   bool   `json:"hold,omitempty"`
	Coaching               bool   `json:"coaching,omitempty"`
	CallSIDToCoach         string `json:"call_sid_to_coach,omitempty"`
	Status                 string `json:"status,omitempty"`
	StartConferenceOnEnter bool   `json:"start_conference_on_enter,omitempty"`
	EndConferenceOnExit    bool   `json:"end_conference_on_exit,omitempty"`
}

// SeedGenerate asks for many in-progress conferences with SIDs drawn from
// a counter, so repeated runs produce the same data.
type SeedGenerate struct {
	Conferences               int `json:"conferences"`
	ParticipantsPerConference int `json:"participants_per_conference"`
}

// SeedResult counts what a seed added.
type SeedResult struct {
	Conferences  int `json:"conferences"`
	Participants int `json:"participants,omitempty"`
}

// LoadSeed adds the conferences and participants of a seed document. It adds
// all of them or, on any error, none.
func (s *Server) LoadSeed(r io.Reader) error {
	_, err := s.loadSeed(r)
	return err
}

func (s *Server) loadSeed(r io.Reader) (SeedResult, error) {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	var seed Seed
	if err := dec.Decode(&seed); err != nil {
		return SeedResult{}, fmt.Errorf("seed: %w", err)
	}
	if dec.More() {
		return SeedResult{}, errors.New("seed: trailing data after the JSON document")
	}
	if g := seed.Generate; g != nil {
		if g.Conferences < 0 || g.ParticipantsPerConference < 0 || g.Conferences > maxGeneratedConferences ||
			int64(g.Conferences)*int64(g.ParticipantsPerConference) > maxGeneratedParticipants {
			return SeedResult{}, fmt.Errorf("seed: generate asks for %d conferences of %d participants; the limits are %d and %d in total",
				g.Conferences, g.ParticipantsPerConference, maxGeneratedConferences, maxGeneratedParticipants)
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	savedConfs, savedCalls := s.generatedConferences, s.generatedCalls
	var undo seedUndo
	res, err := s.applySeedLocked(seed, &undo)
	if err != nil {
		for _, sid := range undo.conferences {
			delete(s.conferences, sid)
		}
		for _, j := range undo.joined {
			delete(s.conferences[j.conference].participants, j.call)
		}
		s.generatedConferences, s.generatedCalls = savedConfs, savedCalls
		return SeedResult{}, err
	}
	return res, nil
}

// seedUndo records what a seed added, so a failed seed can take it back: the
// conferences it created, and the calls it joined to conferences that were
// already there.
type seedUndo struct {
	conferences []string
	joined      []struct{ conference, call string }
}

func (s *Server) applySeedLocked(seed Seed, undo *seedUndo) (SeedResult, error) {
	var res SeedResult
	for i, sc := range seed.Conferences {
		sid, joining, err := s.seedConferenceLocked(sc)
		if err == nil && joining && slices.Contains(undo.conferences, sid) {
			err = fmt.Errorf("conference %s appears twice in the seed", sid)
		}
		if err != nil {
			return res, fmt.Errorf("seed: conferences[%d]: %w", i, err)
		}
		if !joining {
			undo.conferences = append(undo.conferences, sid)
			res.Conferences++
		}
		for j, sp := range sc.Participants {
			call, err := s.addParticipantLocked(ParticipantSeed{
				ConferenceSID: sid, CallSID: sp.CallSID, Muted: sp.Muted, Hold: sp.Hold,
				Coaching: sp.Coaching, CallSIDToCoach: sp.CallSIDToCoach, Status: sp.Status,
				StartConferenceOnEnter: sp.StartConferenceOnEnter, EndConferenceOnExit: sp.EndConferenceOnExit,
			})
			if err != nil {
				return res, fmt.Errorf("seed: conferences[%d].participants[%d]: %w", i, j, err)
			}
			if joining {
				undo.joined = append(undo.joined, struct{ conference, call string }{sid, call})
			}
			res.Participants++
		}
	}
	if seed.Generate != nil {
		n, err := s.generateLocked(*seed.Generate, &undo.conferences)
		res.Conferences += seed.Generate.Conferences
		res.Participants += n
		if err != nil {
			return res, err
		}
	}
	return res, nil
}

// seedConferenceLocked creates a seed's conference, or, when the seed names
// an existing conference by sid alone, picks it so its participants join it:
// that is how a test makes a call join a running conference.
func (s *Server) seedConferenceLocked(sc SeedConference) (sid string, joining bool, err error) {
	if existing, ok := s.conferences[canonicalSID(sc.SID)]; ok && sc.SID != "" {
		if sc.FriendlyName != "" || sc.Status != "" || sc.Region != "" || sc.DateCreated != "" {
			return "", false, fmt.Errorf("conference %s already exists: to add calls to it, give only its sid and participants", existing.sid)
		}
		return existing.sid, true, nil
	}
	c := ConferenceSeed{SID: sc.SID, FriendlyName: sc.FriendlyName, Status: sc.Status, Region: sc.Region}
	if sc.DateCreated != "" {
		t, err := time.Parse(time.RFC3339, sc.DateCreated)
		if err != nil {
			return "", false, fmt.Errorf("date_created: %w", err)
		}
		c.DateCreated = t
	}
	sid, err = s.addConferenceLocked(c)
	return sid, false, err
}

func (s *Server) generateLocked(g SeedGenerate, addedSIDs *[]string) (int, error) {
	added := 0
	for range g.Conferences {
		s.generatedConferences++
		n := s.generatedConferences
		sid, err := s.addConferenceLocked(ConferenceSeed{
			SID:          counterUUID(generatedConferencePrefix, n),
			FriendlyName: fmt.Sprintf("generated-%d", n),
		})
		if err != nil {
			return added, fmt.Errorf("seed: generate: %w", err)
		}
		*addedSIDs = append(*addedSIDs, sid)
		for range g.ParticipantsPerConference {
			s.generatedCalls++
			call := counterUUID(generatedCallPrefix, s.generatedCalls)
			if _, err := s.addParticipantLocked(ParticipantSeed{ConferenceSID: sid, CallSID: call}); err != nil {
				return added, fmt.Errorf("seed: generate: %w", err)
			}
			added++
		}
	}
	return added, nil
}
