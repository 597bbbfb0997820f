package fakeapi

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"
)

type participantPage struct {
	URI             string            `json:"uri"`
	FirstPageURI    string            `json:"first_page_uri"`
	NextPageURI     *string           `json:"next_page_uri"`
	PreviousPageURI *string           `json:"previous_page_uri"`
	Page            int               `json:"page"`
	PageSize        int               `json:"page_size"`
	Participants    []participantJSON `json:"participants"`
}

func (p participantPage) calls() []string {
	var out []string
	for _, pt := range p.Participants {
		out = append(out, pt.CallSID)
	}
	return out
}

// seedParticipants adds n participants whose creation times interleave, so
// the listing order differs from the insertion order.
func seedParticipants(h *harness, n int, mutedEvery int) []string {
	var calls []string
	for i := range n {
		if i%2 == 0 {
			h.clock.Advance(time.Second)
		}
		call := h.srv.AddParticipant(ParticipantSeed{
			ConferenceSID: h.conf,
			CallSID:       fmt.Sprintf("%08x-0000-4000-8000-%012x", 0xffff-i, i),
			Muted:         mutedEvery > 0 && i%mutedEvery == 0,
		})
		calls = append(calls, call)
	}
	want := h.srv.Participants(h.conf)
	calls = calls[:0]
	for _, p := range want {
		calls = append(calls, p.CallSID)
	}
	return calls
}

// follow walks next_page_uri from path until it is null.
func follow(t *testing.T, h *harness, path string) []participantPage {
	t.Helper()
	var pages []participantPage
	for path != "" && len(pages) < 100 {
		var page participantPage
		h.get(path, &page)
		pages = append(pages, page)
		path = ""
		if page.NextPageURI != nil {
			path = *page.NextPageURI
		}
	}
	return pages
}

func TestPagingFollowsNextPageURI(t *testing.T) {
	h := newHarness(t)
	want := seedParticipants(h, 120, 0)

	pages := follow(t, h, h.participantsPath()+"?PageSize=50")
	if len(pages) != 3 {
		t.Fatalf("%d pages, want 3", len(pages))
	}
	var got []string
	for i, page := range pages {
		if page.Page != i || page.PageSize != 50 {
			t.Errorf("page %d reports page %d size %d", i, page.Page, page.PageSize)
		}
		if (i == 0) != (page.PreviousPageURI == nil) {
			t.Errorf("page %d: previous_page_uri %v", i, page.PreviousPageURI)
		}
		if page.NextPageURI != nil {
			next, _ := url.Parse(*page.NextPageURI)
			q := next.Query()
			if next.Path != pagingPath(h.participantsPath()) || q.Get("PageSize") != "50" || q.Get("Page") != fmt.Sprint(i+1) ||
				!strings.HasPrefix(q.Get("PageToken"), "PA") {
				t.Errorf("page %d: next_page_uri %s", i, *page.NextPageURI)
			}
		}
		got = append(got, page.calls()...)
	}
	if sizes := []int{len(pages[0].Participants), len(pages[1].Participants), len(pages[2].Participants)}; !slices.Equal(sizes, []int{50, 50, 20}) {
		t.Fatalf("page sizes %v", sizes)
	}
	if !slices.Equal(got, want) {
		t.Fatalf("walked %d participants, not the %d expected in order", len(got), len(want))
	}

	var back participantPage
	h.get(*pages[2].PreviousPageURI, &back)
	if back.Page != 1 || !slices.Equal(back.calls(), pages[1].calls()) {
		t.Fatalf("previous_page_uri of the last page gives page %d with other items", back.Page)
	}
}

func TestPagingPreservesFilters(t *testing.T) {
	h := newHarness(t)
	seedParticipants(h, 120, 2)
	pages := follow(t, h, h.participantsPath()+"?Muted=true&PageSize=25")
	var got []string
	for _, page := range pages {
		for _, p := range page.Participants {
			if !p.Muted {
				t.Fatalf("unmuted participant %s on a Muted=true page", p.CallSID)
			}
		}
		got = append(got, page.calls()...)
		if page.NextPageURI != nil && !strings.Contains(*page.NextPageURI, "Muted=true") {
			t.Fatalf("next_page_uri lost the filter: %s", *page.NextPageURI)
		}
	}
	if len(pages) != 3 || len(got) != 60 {
		t.Fatalf("%d pages, %d participants; want 3 and 60", len(pages), len(got))
	}
}

func TestPagingByPageNumberAndStability(t *testing.T) {
	h := newHarness(t)
	want := seedParticipants(h, 120, 0)

	var second participantPage
	h.get(h.participantsPath()+"?Page=1&PageSize=50", &second)
	if !slices.Equal(second.calls(), want[50:100]) {
		t.Fatal("Page=1 without a token is not the second slice of 50")
	}
	var beyond participantPage
	h.get(h.participantsPath()+"?Page=9&PageSize=50", &beyond)
	if len(beyond.Participants) != 0 || beyond.NextPageURI != nil {
		t.Fatalf("page past the end: %+v", beyond)
	}

	var first participantPage
	h.get(h.participantsPath()+"?PageSize=50", &first)
	// A call on the next page leaves between two requests: the walk must
	// neither repeat nor skip anyone else.
	h.srv.HangUp(h.conf, want[60])
	var next participantPage
	h.get(*first.NextPageURI, &next)
	expected := slices.Concat(want[50:60], want[61:101])
	if !slices.Equal(next.calls(), expected) {
		t.Fatal("the page after a departure repeats or skips participants")
	}
}

func TestPagingErrors(t *testing.T) {
	h := newHarness(t)
	h.addParticipant()
	tests := []struct {
		query string
		code  int
	}{
		{"PageSize=0", CodePageSizeInvalid},
		{"PageSize=1001", CodePageSizeInvalid},
		{"PageSize=ten", CodePageSizeInvalid},
		{"PageToken=XY123", CodePageTokenInvalid},
		{"PageToken=pa123", CodePageTokenInvalid},
		{"PageToken=PA", CodePageTokenInvalid},
		{"PageToken=PA1234", CodePageTokenInvalid},
		{"Page=-1", CodeInvalidArgument},
		{"Page=first", CodeInvalidArgument},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			resp, body := h.do(http.MethodGet, h.participantsPath()+"?"+tt.query, nil)
			expectError(t, resp, body, http.StatusBadRequest, tt.code)
			resp, body = h.do(http.MethodGet, conferencesPath(DefaultProjectID)+"?"+tt.query, nil)
			expectError(t, resp, body, http.StatusBadRequest, tt.code)
		})
	}
	for _, ok := range []string{"PageSize=1", "PageSize=1000", "Page=0"} {
		if resp, body := h.do(http.MethodGet, h.participantsPath()+"?"+ok, nil); resp.StatusCode != http.StatusOK {
			t.Errorf("%s: status %d: %s", ok, resp.StatusCode, body)
		}
	}
}

func TestPageWindow(t *testing.T) {
	keys := make([]sortKey, 7)
	for i := range keys {
		keys[i] = sortKey{at: epoch, id: fmt.Sprint(i)}
	}
	tests := []struct {
		name       string
		p          pageRequest
		start, end int
	}{
		{"first", pageRequest{size: 3}, 0, 3},
		{"last partial", pageRequest{page: 2, size: 3}, 6, 7},
		{"past the end", pageRequest{page: 5, size: 3}, 7, 7},
		{"huge page", pageRequest{page: 1 << 40, size: 3}, 7, 7},
		{"after cursor", pageRequest{size: 3, token: "PA", after: true, cursor: keys[2]}, 3, 6},
		{"before cursor", pageRequest{size: 3, token: "PB", cursor: keys[5]}, 2, 5},
		{"before near start", pageRequest{size: 3, token: "PB", cursor: keys[1]}, 0, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if start, end := tt.p.window(keys); start != tt.start || end != tt.end {
				t.Fatalf("window = [%d,%d), want [%d,%d)", start, end, tt.start, tt.end)
			}
		})
	}
}
