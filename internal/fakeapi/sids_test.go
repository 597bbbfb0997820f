package fakeapi

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestSIDsAnyCase: a sid is matched in any case, in the path, in
// CallSidToCoach, in a seed and as the Basic-auth user name, and every
// answer spells it in lower case.
func TestSIDsAnyCase(t *testing.T) {
	h := newHarness(t)
	call, other := h.addParticipant(), h.addParticipant()
	upper := strings.ToUpper
	path := participantsPath(upper(DefaultProjectID), upper(h.conf)) + "/" + upper(call)

	resp, body := h.doAs(upper(DefaultProjectID), DefaultAPIToken, http.MethodPost, path,
		url.Values{"Coaching": {"true"}, "CallSidToCoach": {upper(other)}})
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("POST with upper-case sids: status %d: %s", resp.StatusCode, body)
	}
	var got participantJSON
	if err := json.Unmarshal(body, &got); err != nil {
		t.Fatal(err)
	}
	if got.AccountSID != DefaultProjectID || got.ConferenceSID != h.conf || got.CallSID != call ||
		got.CallSIDToCoach == nil || *got.CallSIDToCoach != other || got.URI != participantURI(DefaultProjectID, h.conf, call) {
		t.Fatalf("answer does not spell the sids in lower case: %+v", got)
	}
	if st, _ := h.srv.Participant(h.conf, call); !st.Coaching || st.CallSIDToCoach != other {
		t.Fatalf("stored %+v", st)
	}
	if resp, body := h.do(http.MethodGet, conferenceURI(upper(DefaultProjectID), upper(h.conf)), nil); resp.StatusCode != http.StatusOK {
		t.Fatalf("GET conference with upper-case sids: status %d: %s", resp.StatusCode, body)
	}

	seeded := h.srv.AddParticipant(ParticipantSeed{ConferenceSID: upper(h.conf), CallSID: "ABCDEF00-1111-4222-8333-444455556666"})
	if seeded != "abcdef00-1111-4222-8333-444455556666" {
		t.Fatalf("seeded sid = %q, want it in lower case", seeded)
	}
	if resp, _ := h.do(http.MethodGet, h.participantPath(seeded), nil); resp.StatusCode != http.StatusOK {
		t.Fatalf("GET seeded participant: status %d", resp.StatusCode)
	}
}
