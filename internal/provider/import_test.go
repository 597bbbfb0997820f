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
	ok := []struct{ id, account string }{
		{conf + "/" + call, def},
		{acct + "/" + conf + "/" + call, acct},
	}
	for _, tc := range ok {
		a, sids, err := parseImportID(tc.id, def, "conference_sid", "call_sid")
		if err != nil || a != tc.account || len(sids) != 2 || sids[0] != conf || sids[1] != call {
			t.Errorf("parseImportID(%q) = %q %q %v", tc.id, a, sids, err)
		}
	}
	for _, id := range []string{"", conf, conf + "/" + call + "/x/y", "x/" + call, conf + "/x", "x/" + conf + "/" + call,
		conf + "/" + call + "/", "/" + conf + "/" + call} {
		_, _, err := parseImportID(id, def, "conference_sid", "call_sid")
		if err == nil {
			t.Errorf("parseImportID(%q) accepted a malformed id", id)
			continue
		}
		if !strings.Contains(err.Error(), "<conference_sid>/<call_sid>") ||
			!strings.Contains(err.Error(), "<account_sid>/<conference_sid>/<call_sid>") {
			t.Errorf("error for %q does not show both forms: %v", id, err)
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
