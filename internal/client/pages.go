package client

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
)

// MaxListPages is how many pages a list call follows before giving up, so
// a server that keeps handing out new page links cannot keep it going.
const MaxListPages = 10000

const maxPageSize = 1000

func pageSize(n int) string {
	if n <= 0 || n > maxPageSize {
		n = maxPageSize
	}
	return strconv.Itoa(n)
}

func boolString(b bool) string { return strconv.FormatBool(b) }

// listAll returns every item of a list: it GETs path with query, appends the
// JSON array under member of each page (items decoded as T), and follows the
// page's next_page_uri (a path from the host carrying its own query, which
// replaces query) until a page has none. Every page costs one request.
//
// Errors: whatever c.do returns for a page; a page that lacks member, or has
// it null, wraps ErrUnusableAnswer (see listPage); a next_page_uri seen
// before, or more pages than c.maxPages (MaxListPages), ends the listing with an error
// naming path, with the link redacted. No partial list is ever returned.
func listAll[T any](ctx context.Context, c *Client, path string, query url.Values, member string) ([]T, error) {
	var all []T
	seen := map[string]bool{}
	target := path
	for range c.maxPages {
		page := listPage[T]{member: member}
		if err := c.do(ctx, http.MethodGet, target, query, nil, &page); err != nil {
			return nil, err
		}
		all = append(all, page.items...)
		if page.next == "" {
			return all, nil
		}
		if seen[page.next] {
			return nil, fmt.Errorf("GET %s: next_page_uri %s repeats an earlier page", path, RedactRawURL(page.next))
		}
		seen[page.next] = true
		target, query = page.next, nil
	}
	return nil, fmt.Errorf("GET %s: gave up after %d pages", path, c.maxPages)
}

// listPage is one page of a list answer: the items under member and the
// link to the next page, empty (or null) on the last.
type listPage[T any] struct {
	member string
	items  []T
	next   string
}

// UnmarshalJSON requires the member that holds the list: a 2xx answer
// without it, such as {}, acknowledges the request without saying who is
// listed, and reading it as an empty list would make everyone seem to have
// left.
func (p *listPage[T]) UnmarshalJSON(data []byte) error {
	var members map[string]json.RawMessage
	if err := json.Unmarshal(data, &members); err != nil {
		return err
	}
	list, ok := members[p.member]
	if !ok || string(list) == "null" {
		return fmt.Errorf("the page lacks %s", p.member)
	}
	if next, ok := members["next_page_uri"]; ok {
		if err := json.Unmarshal(next, &p.next); err != nil {
			return fmt.Errorf("next_page_uri: %w", err)
		}
	}
	return json.Unmarshal(list, &p.items)
}
