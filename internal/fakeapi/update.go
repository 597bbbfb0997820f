package fakeapi

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
)

type fieldKind int

const (
	kindBool fieldKind = iota
	kindMethod
	kindURL
	kindUUID
)

// updateFields is UpdateConferenceParticipantRequest: the only form fields
// the schema admits, with the type each must have.
var updateFields = map[string]fieldKind{
	"AnnounceUrl":    kindURL,
	"AnnounceMethod": kindMethod,
	"Coaching":       kindBool,
	"CallSidToCoach": kindUUID,
	"Hold":           kindBool,
	"HoldMethod":     kindMethod,
	"HoldUrl":        kindURL,
	"Muted":          kindBool,
	"WaitUrl":        kindURL,
	"WaitMethod":     kindMethod,
}

// Documented defaults of the method fields, applied when a URL comes alone.
const (
	defaultAnnounceMethod = http.MethodPost
	defaultHoldMethod     = http.MethodGet
	defaultWaitMethod     = http.MethodPost
)

// updateRequest holds the fields present in a valid update form.
type updateRequest struct {
	fields map[string]string
}

func (u updateRequest) get(name string) (string, bool) {
	v, ok := u.fields[name]
	return v, ok
}

func (u updateRequest) boolean(name string) (value, present bool) {
	v, ok := u.fields[name]
	if !ok {
		return false, false
	}
	b, _ := parseBool(v)
	return b, true
}

// parseUpdateForm checks the form against the schema. Fields are examined
// in name order so that a form with several faults always gets the same
// answer.
func parseUpdateForm(form url.Values) (updateRequest, *apiError) {
	names := make([]string, 0, len(form))
	for name := range form {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		if _, ok := updateFields[name]; !ok {
			return updateRequest{}, errInvalid("%q is not a parameter of this request; allowed: %s",
				name, strings.Join(sortedFieldNames(), ", "))
		}
		if len(form[name]) != 1 {
			return updateRequest{}, errInvalid("%s must be given once", name)
		}
	}
	u := updateRequest{fields: make(map[string]string, len(names))}
	for _, name := range names {
		v := form.Get(name)
		if apiErr := checkField(name, updateFields[name], v); apiErr != nil {
			return updateRequest{}, apiErr
		}
		u.fields[name] = v
	}
	return u, nil
}

func checkField(name string, kind fieldKind, v string) *apiError {
	switch kind {
	case kindBool:
		if _, ok := parseBool(v); !ok {
			return errUnprocessable(CodeInvalidArgument, "%s must be true or false, got %q", name, v)
		}
	case kindMethod:
		if v != http.MethodGet && v != http.MethodPost {
			return errUnprocessable(CodeMethodInvalid, "%s must be GET or POST, got %q", name, v)
		}
	case kindURL:
		if !isAbsoluteHTTPURL(v) {
			return errUnprocessable(CodeURLInvalid, "%s must be an absolute http or https URL, got %q", name, v)
		}
	case kindUUID:
		if !isUUID(v) {
			return errUnprocessable(CodeInvalidArgument, "%s must be a UUID, got %q", name, v)
		}
	}
	return nil
}

func isAbsoluteHTTPURL(v string) bool {
	if strings.ContainsAny(v, " \t\r\n") {
		return false
	}
	u, err := url.Parse(v)
	if err != nil || u.Host == "" || u.Hostname() == "" {
		return false
	}
	scheme := strings.ToLower(u.Scheme)
	return scheme == "http" || scheme == "https"
}

func sortedFieldNames() []string {
	names := make([]string, 0, len(updateFields))
	for name := range updateFields {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}

func (s *Server) updateParticipant(r *http.Request, m match) (any, *apiError) {
	c, p, apiErr := s.participantAt(r, m)
	if apiErr != nil {
		return nil, apiErr
	}
	if m.formErr != nil {
		return nil, m.formErr
	}
	u, apiErr := parseUpdateForm(m.form)
	if apiErr == nil {
		apiErr = s.applyUpdateLocked(c, p, u)
	}
	if apiErr != nil {
		return nil, apiErr
	}
	return renderParticipant(&p.state), nil
}

// applyUpdateLocked performs a validated update, or changes nothing and
// says why it can't.
func (s *Server) applyUpdateLocked(c *conference, p *participant, u updateRequest) *apiError {
	if c.status == StatusCompleted {
		return errInvalid("conference %s is completed: its participants can no longer be updated", c.sid)
	}
	next := p.state.clone()
	if apiErr := resolveCoaching(c, &next, u); apiErr != nil {
		return apiErr
	}
	if v, ok := u.boolean("Muted"); ok {
		next.Muted = v
	}
	if v, ok := u.boolean("Hold"); ok {
		next.Hold = v
	}
	applyURL(u, "HoldUrl", "HoldMethod", defaultHoldMethod, &next.HoldURL, &next.HoldMethod)
	applyURL(u, "WaitUrl", "WaitMethod", defaultWaitMethod, &next.WaitURL, &next.WaitMethod)
	// An announcement is an action, not state: it is recorded but does not
	// count as a change of the participant.
	changed := stateChanged(&p.state, &next)
	applyURL(u, "AnnounceUrl", "AnnounceMethod", defaultAnnounceMethod, &next.AnnounceURL, &next.AnnounceMethod)
	if v, ok := u.get("AnnounceUrl"); ok {
		next.Announcements = append(next.Announcements, v)
	}
	if changed {
		next.DateUpdated = s.now()
	}
	p.state = next
	return nil
}

// resolveCoaching applies Coaching and CallSidToCoach together: turning
// coaching off forgets the coached call, turning it on needs one, and a
// named call must be another participant of the same conference.
func resolveCoaching(c *conference, next *ParticipantState, u updateRequest) *apiError {
	coaching, coachingGiven := u.boolean("Coaching")
	target, targetGiven := u.get("CallSidToCoach")
	target = canonicalSID(target)
	if coachingGiven {
		next.Coaching = coaching
	}
	if targetGiven {
		next.CallSIDToCoach = target
	}
	if coachingGiven && !coaching {
		next.CallSIDToCoach = ""
		return nil
	}
	if next.Coaching && next.CallSIDToCoach == "" {
		return errInvalid("CallSidToCoach is required when Coaching is true")
	}
	if targetGiven {
		if _, in := c.participants[target]; !in || target == next.CallSID {
			return errUnprocessable(CodeCoachNotInConference,
				"CallSidToCoach %s is not another participant of conference %s", target, c.sid)
		}
	}
	return nil
}

// applyURL stores a URL and its method. A URL sent without its method gets
// the documented default, as the API would use it.
func applyURL(u updateRequest, urlField, methodField, defaultMethod string, urlDst, methodDst *string) {
	method, methodGiven := u.get(methodField)
	if v, ok := u.get(urlField); ok {
		*urlDst = v
		if !methodGiven {
			method = defaultMethod
		}
		*methodDst = method
		return
	}
	if methodGiven {
		*methodDst = method
	}
}

func stateChanged(a, b *ParticipantState) bool {
	return a.Muted != b.Muted || a.Hold != b.Hold || a.Coaching != b.Coaching ||
		a.CallSIDToCoach != b.CallSIDToCoach ||
		a.HoldURL != b.HoldURL || a.HoldMethod != b.HoldMethod ||
		a.WaitURL != b.WaitURL || a.WaitMethod != b.WaitMethod
}
