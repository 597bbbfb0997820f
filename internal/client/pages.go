package client

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"
)

const (
	maxPageSize = 1000
	// maxPages stops a server that keeps handing out new page links.
	maxPages = 10000
)

func pageSize(n int) string {
	if n <= 0 || n > maxPageSize {
		n = maxPageSize
	}
	return strconv.Itoa(n)
}

// paginate requests the first page at path with query, then follows the
// next_page_uri each page reports (fetch decodes a page and returns it) until
// it is empty.
func (c *Client) paginate(path string, query url.Values, fetch func(target string, query url.Values) (next string, err error)) error {
	seen := map[string]bool{}
	target := path
	for page := 0; ; page++ {
		if page >= maxPages {
			return fmt.Errorf("GET %s: gave up after %d pages", path, maxPages)
		}
		next, err := fetch(target, query)
		if err != nil {
			return err
		}
		if next == "" {
			return nil
		}
		if seen[next] {
			return fmt.Errorf("GET %s: next_page_uri %s repeats an earlier page", path, RedactRawURL(next))
		}
		seen[next] = true
		target, query = next, nil
	}
}

func boolString(b bool) string { return strconv.FormatBool(b) }

// decodePage decodes a page of a list answer into page (a pointer to a
// struct without its own UnmarshalJSON), requiring the member that holds the
// list: a 2xx answer without it, such as {}, acknowledges the request without
// saying who is listed, and reading it as an empty list would make everyone
// seem to have left.
func decodePage(data []byte, member string, page any) error {
	var members map[string]json.RawMessage
	if err := json.Unmarshal(data, &members); err != nil {
		return err
	}
	if list, ok := members[member]; !ok || string(list) == "null" {
		return fmt.Errorf("the page lacks %s", member)
	}
	return json.Unmarshal(data, page)
}
