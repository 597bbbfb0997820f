package fakeapi

import (
	"net/http"
	"os"
	"regexp"
	"slices"
	"testing"
)

// TestMatchRoute resolves every operation under both prefixes, with and
// without ".json", and checks the SIDs each captures.
func TestMatchRoute(t *testing.T) {
	const conferences = "/Accounts/AC/Conferences"
	tests := []struct {
		method, path     string
		want             Route
		conference, call string
	}{
		{http.MethodGet, conferences, RouteConferencesList, "", ""},
		{http.MethodGet, conferences + "/CF", RouteConferencesGet, "CF", ""},
		{http.MethodGet, conferences + "/CF/Participants", RouteParticipantsList, "CF", ""},
		{http.MethodGet, conferences + "/CF/Participants/CA", RouteParticipantsGet, "CF", "CA"},
		{http.MethodPost, conferences + "/CF/Participants/CA", RouteParticipantsUpdate, "CF", "CA"},
		{http.MethodDelete, conferences + "/CF/Participants/CA", RouteParticipantsDelete, "CF", "CA"},
	}
	var covered []Route
	for _, tt := range tests {
		covered = append(covered, tt.want)
		for _, prefix := range []string{BasePath, VersionPath} {
			for _, suffix := range []string{"", ".json"} {
				path := prefix + tt.path + suffix
				m, apiErr := matchRoute(tt.method, path)
				if apiErr != nil {
					t.Errorf("%s %s: %d %s", tt.method, path, apiErr.Status, apiErr.Message)
					continue
				}
				if m.route != tt.want || m.serve == nil || m.account != "AC" || m.conference != tt.conference || m.call != tt.call {
					t.Errorf("%s %s: route %q account %q conference %q call %q, want %q AC %q %q",
						tt.method, path, m.route, m.account, m.conference, m.call, tt.want, tt.conference, tt.call)
				}
			}
		}
	}
	want := Routes()[1:]
	slices.Sort(covered)
	slices.Sort(want)
	if !slices.Equal(covered, want) {
		t.Errorf("the table tests %v, want every route but %q: %v", covered, RouteAll, want)
	}
}

// TestMatchRouteMethodNotAllowed: a known path with another method is a 405
// that lists the path's methods, in the order Allow gives them.
func TestMatchRouteMethodNotAllowed(t *testing.T) {
	for _, tt := range []struct {
		method, path string
		allow        []string
	}{
		{http.MethodPut, VersionPath + "/Accounts/AC/Conferences/CF/Participants/CA", []string{"GET", "POST", "DELETE"}},
		{http.MethodPost, BasePath + "/Accounts/AC/Conferences.json", []string{"GET"}},
		{http.MethodDelete, BasePath + "/Accounts/AC/Conferences/CF", []string{"GET"}},
		{http.MethodPost, BasePath + "/Accounts/AC/Conferences/CF/Participants", []string{"GET"}},
	} {
		m, apiErr := matchRoute(tt.method, tt.path)
		if apiErr == nil || apiErr.Status != http.StatusMethodNotAllowed || apiErr.Code != CodeMethodNotAllowed ||
			!slices.Equal(m.allow, tt.allow) || m.serve != nil {
			t.Errorf("%s %s: %+v, allow %v; want a 405 allowing %v", tt.method, tt.path, apiErr, m.allow, tt.allow)
		}
	}
}

// TestMatchRouteNotFound: a path under the API that no endpoint has is the
// API's 404, whatever its number of segments; one outside the API is the web
// server's.
func TestMatchRouteNotFound(t *testing.T) {
	for _, path := range []string{
		// As many segments as a list or a single resource, but another collection.
		BasePath + "/Accounts/AC/Widgets",
		VersionPath + "/Accounts/AC/Widgets/WI",
		BasePath + "/Accounts/AC/Conferences/CF/Widgets",
		BasePath + "/Accounts/AC/Conferences/CF/Widgets/WI",
		BasePath + "/Calls/AC/Conferences",
		BasePath + "/Accounts/AC",
		BasePath + "/Accounts",
		BasePath + "/",
		BasePath,
		BasePath + "/Accounts/AC/Conferences/",
		BasePath + "/Accounts//Conferences",
		BasePath + "/Accounts/AC/Conferences/CF/Participants/CA/x",
		BasePath + "/Accounts/AC/Conferences.json/CF",
		BasePath + "/Accounts/AC/Conferences.json.json",
		"/api/laml/2010-04-02/Accounts/AC/Conferences",
		"/Accounts/AC/Conferences",
	} {
		m, apiErr := matchRoute(http.MethodGet, path)
		if apiErr == nil || apiErr == errOutsideAPI || apiErr.Code != CodeNotFound || m.route != "" {
			t.Errorf("GET %s: route %q, %+v; want the API's 404", path, m.route, apiErr)
		}
	}
	for _, path := range []string{"/", "/other", "/proxy" + BasePath + "/Accounts/AC/Conferences"} {
		if _, apiErr := matchRoute(http.MethodGet, path); apiErr != errOutsideAPI {
			t.Errorf("GET %s: %+v, want the web server's 404", path, apiErr)
		}
	}
}

// TestPackageDocListsEveryRoute keeps the route list in the package
// documentation (doc.go) in step with the route table: every operation the
// table serves is listed there with its method and route name, and nothing
// else is.
func TestPackageDocListsEveryRoute(t *testing.T) {
	data, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	line := regexp.MustCompile(`(?m)^//\t(GET|POST|DELETE)\s+\S+\s+(\S+)$`)
	documented := map[string]bool{}
	for _, m := range line.FindAllStringSubmatch(string(data), -1) {
		documented[m[1]+" "+m[2]] = true
	}
	for _, e := range endpoints {
		for _, op := range e.operations {
			key := op.method + " " + string(op.route)
			if !documented[key] {
				t.Errorf("doc.go does not list %s (%s): add it to the route list", key, e.pattern)
			}
			delete(documented, key)
		}
	}
	for key := range documented {
		t.Errorf("doc.go lists %s, which the route table does not serve", key)
	}
}
