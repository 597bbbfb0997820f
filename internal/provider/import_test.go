package provider

import (
	"strings"
	"testing"
)

func TestParseImportID(t *testing.T) {
	t.Parallel()
	const (
		acct = "3fa85f64-5717-4562-b3fc-2c963f66afa6"
		conf = "5d0c3b8e-2f4a-4c61-9a7e-1b2c3d4e5f60"
		call = "a1b2c3d4-0001-4a5b-8c9d-0e1f2a3b4c5d"
		def  = "0f8a2b6c-3d4e-4f50-8a6b-7c8d9e0f1a2b"
	)
	for _, tc := range []struct {
		names []string
		sids  []string
		forms string   // the two forms every error shows
		bad   []string // malformed ids
	}{
		{
			names: []string{"conference_sid", "call_sid"}, sids: []string{conf, call},
			forms: "<conference_sid>/<call_sid> (the account is the provider's project_id) or <account_sid>/<conference_sid>/<call_sid>",
			bad: []string{"", conf, conf + "/" + call + "/x/y", "x/" + call, conf + "/x", "x/" + conf + "/" + call,
				conf + "/" + call + "/", "/" + conf + "/" + call},
		},
		{
			names: []string{"conference_sid"}, sids: []string{conf},
			forms: "<conference_sid> (the account is the provider's project_id) or <account_sid>/<conference_sid>",
			bad:   []string{"", "x", acct + "/" + conf + "/" + conf, "/" + conf, conf + "/"},
		},
	} {
		id := strings.Join(tc.sids, "/")
		for id, account := range map[string]string{id: def, acct + "/" + id: acct} {
			a, sids, err := parseImportID(id, def, tc.names...)
			if err != nil || a != account || strings.Join(sids, "/") != strings.Join(tc.sids, "/") {
				t.Errorf("parseImportID(%q, %v) = %q %q %v", id, tc.names, a, sids, err)
			}
		}
		for _, id := range tc.bad {
			_, _, err := parseImportID(id, def, tc.names...)
			if err == nil || !strings.Contains(err.Error(), tc.forms) {
				t.Errorf("parseImportID(%q, %v) error = %v, want one showing %s", id, tc.names, err, tc.forms)
			}
		}
	}
}

func FuzzParseImportID(f *testing.F) {
	f.Add("5d0c3b8e-2f4a-4c61-9a7e-1b2c3d4e5f60/a1b2c3d4-0001-4a5b-8c9d-0e1f2a3b4c5d")
	f.Add("a/b/c")
	f.Add("///")
	f.Fuzz(func(t *testing.T, id string) {
		a, sids, err := parseImportID(id, "0f8a2b6c-3d4e-4f50-8a6b-7c8d9e0f1a2b", "conference_sid", "call_sid")
		if err != nil {
			return
		}
		want := strings.Join(sids, "/")
		if strings.Count(id, "/") == 2 {
			want = a + "/" + want
		}
		if want != id {
			t.Fatalf("parsed %q into %q %q", id, a, sids)
		}
	})
}
