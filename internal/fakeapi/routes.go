package fakeapi

import (
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
)

// Route names an API operation, for fault injection.
type Route string

// The operations the fake serves; RouteAll configures faults for every one
// that has no faults of its own.
const (
	RouteAll                Route = "*"
	RouteParticipantsList   Route = "participants.list"
	RouteParticipantsGet    Route = "participants.get"
	RouteParticipantsUpdate Route = "participants.update"
	RouteParticipantsDelete Route = "participants.delete"
	RouteConferencesList    Route = "conferences.list"
	RouteConferencesGet     Route = "conferences.get"
)

// handler answers one operation. It runs with s.mu held, and returns the
// body of a 200 answer, nil for a 204 No Content, or the API's error.
type handler func(s *Server, r *http.Request, m match) (any, *apiError)

// operation is what one method of an endpoint does.
type operation struct {
	method string
	route  Route
	serve  handler
}

// endpoint is a path of the API below BasePath or VersionPath, written as
// its segments: literal ones, and {account}, {conference} or {call}, each
// standing for one segment whose SID the match carries. Its operations are
// in the order an Allow header lists them.
type endpoint struct {
	pattern    string
	operations []operation
}

// endpoints is the route table: serving another operation takes a row here
// and its handler. Routes lists the routes in this order.
var endpoints = []endpoint{
	{"/Accounts/{account}/Conferences/{conference}/Participants", []operation{
		{http.MethodGet, RouteParticipantsList, (*Server).listParticipants},
	}},
	{"/Accounts/{account}/Conferences/{conference}/Participants/{call}", []operation{
		{http.MethodGet, RouteParticipantsGet, (*Server).getParticipant},
		{http.MethodPost, RouteParticipantsUpdate, (*Server).updateParticipant},
		{http.MethodDelete, RouteParticipantsDelete, (*Server).deleteParticipant},
	}},
	{"/Accounts/{account}/Conferences", []operation{
		{http.MethodGet, RouteConferencesList, (*Server).listConferences},
	}},
	{"/Accounts/{account}/Conferences/{conference}", []operation{
		{http.MethodGet, RouteConferencesGet, (*Server).getConference},
	}},
}

// Routes lists every valid Route, RouteAll first.
func Routes() []Route {
	out := []Route{RouteAll}
	for _, e := range endpoints {
		for _, op := range e.operations {
			out = append(out, op.route)
		}
	}
	return out
}

// Valid reports whether r is one of Routes().
func (r Route) Valid() bool {
	return slices.Contains(Routes(), r)
}

// match is a request resolved against the route table: the operation, the
// SIDs its path names and, once serveAPI has read it, the form its body
// carried.
type match struct {
	route      Route
	serve      handler
	account    string
	conference string
	call       string
	allow      []string   // set when the path exists but the method does not
	form       url.Values // the POST body, as readForm parsed it
	formErr    *apiError  // why readForm refused the body
}

// matchRoute resolves a path, below BasePath or VersionPath, against
// endpoints; its last segment may carry a ".json" suffix. A path with an
// empty segment, or one no endpoint has, is the API's 404; a known path with
// another method is a 405 whose match lists the methods allowed.
func matchRoute(method, path string) (match, *apiError) {
	rest, ok := strings.CutPrefix(path, BasePath+"/")
	if !ok {
		rest, ok = strings.CutPrefix(path, VersionPath+"/")
	}
	if !ok && !underAPI(path) {
		return match{}, errOutsideAPI
	}
	if !ok {
		return match{}, errNotFound(path)
	}
	segs := strings.Split(rest, "/")
	last := len(segs) - 1
	segs[last] = strings.TrimSuffix(segs[last], ".json")
	if slices.Contains(segs, "") {
		return match{}, errNotFound(path)
	}
	for _, e := range endpoints {
		m, ok := e.match(segs)
		if !ok {
			continue
		}
		for _, op := range e.operations {
			if op.method == method {
				m.route, m.serve = op.route, op.serve
				return m, nil
			}
		}
		for _, op := range e.operations {
			m.allow = append(m.allow, op.method)
		}
		return m, newError(http.StatusMethodNotAllowed, CodeMethodNotAllowed,
			"Method %s is not allowed on %s", method, path)
	}
	return match{}, errNotFound(path)
}

// match reports whether segs, the path's segments below the API version,
// are this endpoint's, and fills in the SIDs its placeholders stand for.
// It walks the pattern in place: matching allocates nothing.
func (e endpoint) match(segs []string) (match, bool) {
	var m match
	rest := strings.TrimPrefix(e.pattern, "/")
	for _, seg := range segs {
		if rest == "" {
			return match{}, false
		}
		var p string
		p, rest, _ = strings.Cut(rest, "/")
		switch p {
		case "{account}":
			m.account = seg
		case "{conference}":
			m.conference = seg
		case "{call}":
			m.call = seg
		default:
			if p != seg {
				return match{}, false
			}
		}
	}
	return m, rest == ""
}

// errOutsideAPI marks a path outside the API. The API never sees such a
// request: the web server in front of it answers a plain 404, not the API's
// error body, as it would for a space URL with a mistyped path prefix.
var errOutsideAPI = &apiError{Status: http.StatusNotFound}

// apiVersionSegment is the form of an API version in a path, 2010-04-01.
var apiVersionSegment = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

// underAPI reports whether a path that matches no route still belongs to the
// API, which then answers it with its own 404 [inferred]: one under /api/,
// under a version (a wrong one included) or under /Accounts/, the forms an
// SDK or a hand-written client gets wrong. Any other path, such as one under
// a proxy's prefix, is the web server's.
func underAPI(path string) bool {
	first, _, _ := strings.Cut(strings.TrimPrefix(path, "/"), "/")
	return first == "api" || first == "Accounts" || apiVersionSegment.MatchString(first)
}

// Canonical URIs, as the API reports them: single resources end in .json,
// list pages do not.

// pagingPath turns a list path into the form paging links are given in:
// from VersionPath. Clients built like SignalWire's SDKs append a link to
// their base URL, which is the space root or, configured by hand, the root
// plus /api/laml; this form works from both, and from a client that resolves
// it against the space root, since both prefixes are served.
func pagingPath(path string) string {
	return VersionPath + strings.TrimPrefix(path, BasePath)
}

func conferencesPath(account string) string {
	return BasePath + "/Accounts/" + account + "/Conferences"
}

func conferenceURI(account, conf string) string {
	return conferencesPath(account) + "/" + conf + ".json"
}

func participantsPath(account, conf string) string {
	return conferencesPath(account) + "/" + conf + "/Participants"
}

func participantURI(account, conf, call string) string {
	return participantsPath(account, conf) + "/" + call + ".json"
}
