package fakeapi

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestEveryPathForm: each operation answers under BasePath and VersionPath,
// with and without ".json", the way SignalWire's SDKs and the OpenAPI
// document address it.
func TestEveryPathForm(t *testing.T) {
	for _, prefix := range []string{BasePath, VersionPath} {
		for _, suffix := range []string{"", ".json"} {
			h := newHarness(t)
			call := h.addParticipant()
			account := prefix + "/Accounts/" + h.srv.ProjectID()
			participant := account + "/Conferences/" + h.conf + "/Participants/" + call
			for _, tc := range []struct {
				method, path string
				form         url.Values
				want         int
			}{
				{http.MethodGet, account + "/Conferences", nil, http.StatusOK},
				{http.MethodGet, account + "/Conferences/" + h.conf, nil, http.StatusOK},
				{http.MethodGet, account + "/Conferences/" + h.conf + "/Participants", nil, http.StatusOK},
				{http.MethodGet, participant, nil, http.StatusOK},
				{http.MethodPost, participant, url.Values{"Muted": {"true"}}, http.StatusOK},
				{http.MethodDelete, participant, nil, http.StatusNoContent},
				{http.MethodGet, participant, nil, http.StatusNotFound},
			} {
				resp, body := h.do(tc.method, tc.path+suffix, tc.form)
				if resp.StatusCode != tc.want {
					t.Errorf("%s %s%s: %d, want %d: %s", tc.method, tc.path, suffix, resp.StatusCode, tc.want, body)
				}
			}
		}
	}
	h := newHarness(t)
	for _, path := range []string{"/api/laml" + BasePath + "/Accounts/" + DefaultProjectID + "/Conferences",
		"/2010-04-02/Accounts/" + DefaultProjectID + "/Conferences", "/Accounts/" + DefaultProjectID + "/Conferences"} {
		resp, body := h.do(http.MethodGet, path, nil)
		expectError(t, resp, body, http.StatusNotFound, CodeNotFound)
	}
}

// TestPagingLinksWorkFromEitherBase follows every paging link three ways:
// appended to a base of the space root (the SDKs' default), appended to the
// root plus /api/laml, and resolved against the root; each reaches the same
// page whichever form the first request used.
func TestPagingLinksWorkFromEitherBase(t *testing.T) {
	h := newHarness(t)
	seedParticipants(h, 7, 0)
	for _, first := range []string{h.participantsPath(), pagingPath(h.participantsPath()) + ".json"} {
		var page participantPage
		h.get(first+"?PageSize=3", &page)
		var second participantPage
		h.get(*page.NextPageURI, &second)
		links := map[string]string{"uri": page.URI, "first_page_uri": page.FirstPageURI,
			"next_page_uri": *page.NextPageURI, "previous_page_uri": *second.PreviousPageURI}
		for name, link := range links {
			if !strings.HasPrefix(link, VersionPath+"/Accounts/") {
				t.Errorf("%s = %q, not from %s", name, link, VersionPath)
			}
			for _, base := range []string{"", "/api/laml"} {
				var got participantPage
				h.get(base+link, &got)
				if len(got.Participants) == 0 {
					t.Errorf("%s %q from base %q: an empty page", name, link, base)
				}
			}
		}
		var again participantPage
		h.get(page.URI, &again)
		if strings.Join(again.calls(), ",") != strings.Join(page.calls(), ",") {
			t.Errorf("uri %q gives another page", page.URI)
		}
	}
}
