package fakeapi

import (
	"net/http"
	"regexp"
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

// Routes lists every valid Route, RouteAll first.
func Routes() []Route {
	return []Route{
		RouteAll, RouteParticipantsList, RouteParticipantsGet, RouteParticipantsUpdate,
		RouteParticipantsDelete, RouteConferencesList, RouteConferencesGet,
	}
}

// Valid reports whether r is one of Routes().
func (r Route) Valid() bool {
	for _, v := range Routes() {
		if r == v {
			return true
		}
	}
	return false
}

// match is a request resolved against the route table.
type match struct {
	route      Route
	account    string
	conference string
	call       string
	allow      []string // set when the path exists but the method does not
}

// matchRoute resolves a path of the form
// {BasePath|VersionPath}/Accounts/{a}/Conferences[/{c}[/Participants[/{call}]]],
// where the last segment may carry a ".json" suffix.
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
	for _, seg := range segs {
		if seg == "" {
			return match{}, errNotFound(path)
		}
	}
	if len(segs) < 3 || len(segs) > 6 || segs[0] != "Accounts" || segs[2] != "Conferences" ||
		(len(segs) >= 5 && segs[4] != "Participants") {
		return match{}, errNotFound(path)
	}
	m := match{account: segs[1]}
	if len(segs) >= 4 {
		m.conference = segs[3]
	}
	if len(segs) == 6 {
		m.call = segs[5]
	}
	routes := routesByShape[len(segs)]
	m.route, ok = routes[method]
	if !ok {
		m.allow = allowed(routes)
		return m, newError(http.StatusMethodNotAllowed, CodeMethodNotAllowed,
			"Method %s is not allowed on %s", method, path)
	}
	return m, nil
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

var routesByShape = map[int]map[string]Route{
	3: {http.MethodGet: RouteConferencesList},
	4: {http.MethodGet: RouteConferencesGet},
	5: {http.MethodGet: RouteParticipantsList},
	6: {
		http.MethodGet:    RouteParticipantsGet,
		http.MethodPost:   RouteParticipantsUpdate,
		http.MethodDelete: RouteParticipantsDelete,
	},
}

func allowed(routes map[string]Route) []string {
	var out []string
	for _, method := range []string{http.MethodGet, http.MethodPost, http.MethodDelete} {
		if _, ok := routes[method]; ok {
			out = append(out, method)
		}
	}
	return out
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
