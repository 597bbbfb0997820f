package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

type listItem struct {
	ID string `json:"id"`
}

// TestListAll drives the pager through a server whose page N answers
// pages[N]; %d in a body stands for the number of the next page.
func TestListAll(t *testing.T) {
	tests := map[string]struct {
		pages    []string
		maxPages int
		want     []string // item IDs; nil with wantErr
		wantErr  string
		unusable bool // the error wraps ErrUnusableAnswer
		requests int
	}{
		"pages followed to the last": {
			pages: []string{
				`{"next_page_uri":"/x?p=%d","items":[{"id":"a"},{"id":"b"}]}`,
				`{"next_page_uri":"/x?p=%d","items":[]}`,
				`{"next_page_uri":null,"items":[{"id":"c"}]}`,
			},
			want: []string{"a", "b", "c"}, requests: 3,
		},
		"a last page without next_page_uri": {
			pages: []string{`{"items":[{"id":"a"}]}`}, want: []string{"a"}, requests: 1,
		},
		"a page without the member": {
			pages:   []string{`{"next_page_uri":"/x?p=%d","items":[{"id":"a"}]}`, `{"next_page_uri":null}`},
			wantErr: "the page lacks items", unusable: true, requests: 2,
		},
		"a null member": {
			pages: []string{`{"items":null}`}, wantErr: "the page lacks items", unusable: true, requests: 1,
		},
		"a next_page_uri that is not a string": {
			pages: []string{`{"next_page_uri":7,"items":[]}`}, wantErr: "next_page_uri", unusable: true, requests: 1,
		},
		"a repeated link, redacted": {
			pages: []string{
				`{"next_page_uri":"/x?p=1&token=secret","items":[{"id":"a"}]}`,
				`{"next_page_uri":"/x?p=1&token=secret","items":[{"id":"b"}]}`,
			},
			wantErr: "next_page_uri /x?REDACTED repeats an earlier page", requests: 2,
		},
		"more pages than allowed": {
			pages:    []string{`{"next_page_uri":"/x?p=%d","items":[]}`, `{"next_page_uri":"/x?p=%d","items":[]}`, `{"next_page_uri":"/x?p=%d","items":[]}`},
			maxPages: 2, wantErr: "gave up after 2 pages", requests: 2,
		},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request) {
				n, _ := strconv.Atoi(r.URL.Query().Get("p"))
				if n >= len(tt.pages) {
					w.WriteHeader(http.StatusNotFound)
					return
				}
				body := tt.pages[n]
				if strings.Contains(body, "%d") {
					body = fmt.Sprintf(body, n+1)
				}
				fmt.Fprint(w, body)
			})
			c := newTestClient(t, srv.URL, nil)
			if tt.maxPages > 0 {
				c.maxPages = tt.maxPages
			}
			got, err := listAll[listItem](context.Background(), c, "/x", nil, "items")
			if srv.count() != tt.requests {
				t.Errorf("%d requests, want %d", srv.count(), tt.requests)
			}
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || got != nil {
					t.Fatalf("listAll = %v, %v; want no list and an error containing %q", got, err, tt.wantErr)
				}
				if errors.Is(err, ErrUnusableAnswer) != tt.unusable {
					t.Errorf("errors.Is(err, ErrUnusableAnswer) = %v, want %v", !tt.unusable, tt.unusable)
				}
				if strings.Contains(err.Error(), "secret") {
					t.Errorf("the error repeats a link's query: %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, it := range got {
				ids = append(ids, it.ID)
			}
			if !reflect.DeepEqual(ids, tt.want) {
				t.Errorf("items %v, want %v", ids, tt.want)
			}
		})
	}
}
