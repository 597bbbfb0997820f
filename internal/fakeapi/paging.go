package fakeapi

import (
	"encoding/base64"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

const (
	defaultPageSize = 50
	maxPageSize     = 1000
)

// sortKey is the stable listing order: creation time, then id.
type sortKey struct {
	at time.Time
	id string
}

func (k sortKey) compare(o sortKey) int {
	if c := k.at.Compare(o.at); c != 0 {
		return c
	}
	return strings.Compare(k.id, o.id)
}

// pageRequest is the validated Page, PageSize and PageToken of a list call.
// A token carries the key of the item next to the page (after it for PA,
// before it for PB), so following links stays correct while the collection
// changes between calls.
type pageRequest struct {
	page   int
	size   int
	token  string
	after  bool
	cursor sortKey
}

func parsePageRequest(q url.Values) (pageRequest, *apiError) {
	p := pageRequest{size: defaultPageSize}
	if v := q.Get("Page"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return p, errInvalid("Page must be an integer of 0 or more, got %q", v)
		}
		p.page = n
	}
	if v := q.Get("PageSize"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > maxPageSize {
			return p, newError(http.StatusBadRequest, CodePageSizeInvalid,
				"PageSize must be an integer from 1 to %d, got %q", maxPageSize, v)
		}
		p.size = n
	}
	if v := q.Get("PageToken"); v != "" {
		cursor, after, ok := decodePageToken(v)
		if !ok {
			return p, newError(http.StatusBadRequest, CodePageTokenInvalid,
				"PageToken %q is not valid: follow the next_page_uri or previous_page_uri of a list response", v)
		}
		p.token, p.after, p.cursor = v, after, cursor
	}
	return p, nil
}

func encodePageToken(k sortKey, after bool) string {
	prefix := "PB"
	if after {
		prefix = "PA"
	}
	raw := strconv.FormatInt(k.at.UnixNano(), 10) + ":" + k.id
	return prefix + base64.RawURLEncoding.EncodeToString([]byte(raw))
}

func decodePageToken(tok string) (k sortKey, after bool, ok bool) {
	switch {
	case strings.HasPrefix(tok, "PA"):
		after = true
	case strings.HasPrefix(tok, "PB"):
	default:
		return k, false, false
	}
	raw, err := base64.RawURLEncoding.DecodeString(tok[2:])
	if err != nil {
		return k, false, false
	}
	nanos, id, found := strings.Cut(string(raw), ":")
	n, err := strconv.ParseInt(nanos, 10, 64)
	if !found || err != nil || id == "" {
		return k, false, false
	}
	return sortKey{at: time.Unix(0, n).UTC(), id: id}, after, true
}

// window returns the half-open range of sorted keys that make up the page.
func (p pageRequest) window(keys []sortKey) (start, end int) {
	n := len(keys)
	switch {
	case p.token != "" && p.after:
		start = sort.Search(n, func(i int) bool { return keys[i].compare(p.cursor) > 0 })
		end = min(start+p.size, n)
	case p.token != "":
		end = sort.Search(n, func(i int) bool { return keys[i].compare(p.cursor) >= 0 })
		start = max(0, end-p.size)
	default:
		start = n
		if p.page <= n/p.size {
			start = min(p.page*p.size, n)
		}
		end = min(start+p.size, n)
	}
	return start, end
}

// parseListQuery validates the query of a list call: its filters, by
// parseFilter, then Page, PageSize and PageToken, so a query wrong in both
// is refused for its filter.
func parseListQuery[F any](q url.Values, parseFilter func(url.Values) (F, *apiError)) (F, pageRequest, *apiError) {
	f, apiErr := parseFilter(q)
	if apiErr != nil {
		return f, pageRequest{}, apiErr
	}
	p, apiErr := parsePageRequest(q)
	return f, p, apiErr
}

// pageOf sorts items into listing order by key and returns the page p asks
// for, each item rendered, and its links, which carry filters. The list is
// never nil, so an empty page encodes as [].
func pageOf[T, J any](p pageRequest, path string, filters url.Values, items []T, key func(T) sortKey, render func(T) J) (pageLinks, []J) {
	slices.SortFunc(items, func(a, b T) int { return key(a).compare(key(b)) })
	keys := make([]sortKey, len(items))
	for i, item := range items {
		keys[i] = key(item)
	}
	start, end := p.window(keys)
	out := make([]J, 0, end-start)
	for _, item := range items[start:end] {
		out = append(out, render(item))
	}
	return p.links(path, filters, keys, start, end), out
}

// pageLinks are the paging members shared by every list envelope.
type pageLinks struct {
	URI             string  `json:"uri"`
	FirstPageURI    string  `json:"first_page_uri"`
	NextPageURI     *string `json:"next_page_uri"`
	PreviousPageURI *string `json:"previous_page_uri"`
	Page            int     `json:"page"`
	PageSize        int     `json:"page_size"`
}

// links builds the envelope for keys[start:end], its links in pagingPath
// form; filters are carried into every link so that following them keeps the
// same selection.
func (p pageRequest) links(path string, filters url.Values, keys []sortKey, start, end int) pageLinks {
	link := func(page int, token string) string {
		q := url.Values{}
		for k, v := range filters {
			q[k] = v
		}
		q.Set("Page", strconv.Itoa(page))
		q.Set("PageSize", strconv.Itoa(p.size))
		if token != "" {
			q.Set("PageToken", token)
		}
		return pagingPath(path) + "?" + q.Encode()
	}
	out := pageLinks{
		URI:          link(p.page, p.token),
		FirstPageURI: link(0, ""),
		Page:         p.page,
		PageSize:     p.size,
	}
	if end < len(keys) {
		// An empty page before everything (a PB token older than every item)
		// has no key to continue after, so it continues from the start.
		next := out.FirstPageURI
		if end > start {
			next = link(p.page+1, encodePageToken(keys[end-1], true))
		}
		out.NextPageURI = &next
	}
	if p.page > 0 && start > 0 {
		prev := p.previous(link, keys, start)
		out.PreviousPageURI = &prev
	}
	return out
}

func (p pageRequest) previous(link func(int, string) string, keys []sortKey, start int) string {
	if start < len(keys) {
		return link(p.page-1, encodePageToken(keys[start], false))
	}
	// Past the end there is no key to stand before: point at the last page.
	lastStart := max(0, len(keys)-p.size)
	if lastStart == 0 {
		return link(p.page-1, "")
	}
	return link(p.page-1, encodePageToken(keys[lastStart-1], true))
}
