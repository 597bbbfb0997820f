package provider

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/seed177019bb/terraform-provider-signalwire/internal/client"
	"github.com/seed177019bb/terraform-provider-signalwire/internal/fakeapi"
	"github.com/seed177019bb/terraform-provider-signalwire/internal/sidtypes"
)

// TestSendLearnsOutcome drives send against the fake with its answers
// spoilt: each outcome gives the diagnostics a person needs and a model
// that may become state only when the update is known to be applied.
func TestSendLearnsOutcome(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name        string
		faults      map[fakeapi.Route]fakeapi.Faults
		announce    bool
		wantApplied bool     // the model holds the plan and the participant is muted
		wantSummary string   // of the one diagnostic, "" for none
		wantDetail  []string // fragments of its detail
	}{
		{name: "processed, empty answer", announce: true, wantApplied: true,
			faults: map[fakeapi.Route]fakeapi.Faults{fakeapi.RouteParticipantsUpdate: {Reply: fakeapi.ReplyEmpty}}},
		{name: "lost after processing, announcement", announce: true, wantApplied: true,
			faults:      map[fakeapi.Route]fakeapi.Faults{fakeapi.RouteParticipantsUpdate: {Reply: fakeapi.ReplyDrop}},
			wantSummary: "Announcement Not Confirmed",
			wantDetail:  []string{"connection to the API was lost after the request", "counts as applied", "change announce_url"}},
		{name: "lost after processing, settings only", wantApplied: true,
			faults: map[fakeapi.Route]fakeapi.Faults{fakeapi.RouteParticipantsUpdate: {Reply: fakeapi.ReplyDrop}}},
		{name: "lost before processing", announce: true,
			faults:      map[fakeapi.Route]fakeapi.Faults{fakeapi.RouteParticipantsUpdate: {DropRate: 1}},
			wantSummary: "Unable to Create Conference Participant",
			wantDetail:  []string{"shows the change was not applied, so no announcement played", "apply again"}},
		{name: "answer and read both unusable", announce: true,
			faults: map[fakeapi.Route]fakeapi.Faults{
				fakeapi.RouteParticipantsUpdate: {Reply: fakeapi.ReplyPartial},
				fakeapi.RouteParticipantsGet:    {Reply: fakeapi.ReplyTruncated},
			},
			wantSummary: "Unable to Create Conference Participant",
			wantDetail: []string{"The API accepted the request", "the participant lacks", "reading the participant back",
				"The change may have been applied", "may already have played"}},
		{name: "settings only, read fails",
			faults: map[fakeapi.Route]fakeapi.Faults{
				fakeapi.RouteParticipantsUpdate: {Reply: fakeapi.ReplyNotJSON},
				fakeapi.RouteParticipantsGet:    {ErrorRate: 1, ErrorStatus: 400},
			},
			wantSummary: "Unable to Create Conference Participant",
			wantDetail:  []string{"may have been applied", "Applying again is safe"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			fake := fakeapi.New(fakeapi.Options{})
			srv := httptest.NewServer(fake)
			t.Cleanup(srv.Close)
			conf := fake.AddConference(fakeapi.ConferenceSeed{})
			call := fake.AddParticipant(fakeapi.ParticipantSeed{ConferenceSID: conf})
			for route, f := range tc.faults {
				fake.SetFaults(route, f)
			}
			c, err := client.New(client.Config{SpaceURL: srv.URL, ProjectID: fake.ProjectID(), APIToken: fakeapi.DefaultAPIToken,
				MaxRetries: 0, RetryWaitMin: time.Millisecond, RetryWaitMax: time.Millisecond})
			if err != nil {
				t.Fatal(err)
			}
			r := &participantResource{resourceBase{data: &providerData{client: c, projectID: fake.ProjectID()}}}
			m := baseModel()
			m.AccountSID, m.ConferenceSID = sidtypes.NewSIDValue(fake.ProjectID()), sidtypes.NewSIDValue(strings.ToUpper(conf))
			m.CallSID, m.Muted = sidtypes.NewSIDValue(call), types.BoolValue(true)
			if tc.announce {
				m.AnnounceURL = types.StringValue("https://example.com/welcome.xml")
			}
			diags := r.send(context.Background(), "Create", &m, participantRequest(nil, &m), time.Minute)
			checkOneDiagnostic(t, diags, tc.wantSummary, tc.wantDetail)
			if diags.HasError() == tc.wantApplied {
				t.Fatalf("error %v, want applied %v", diags, tc.wantApplied)
			}
			st, _ := fake.Participant(conf, call)
			if tc.wantApplied && (!m.Muted.ValueBool() || m.Status.ValueString() != "in-progress" || !st.Muted) {
				t.Fatalf("model %+v, fake %+v: want both muted and the model complete", m.participantData, st)
			}
			if n := fake.CountRequests("GET"); n != 1 {
				t.Errorf("%d GETs, want exactly one read", n)
			}
		})
	}
}

func checkOneDiagnostic(t *testing.T, diags diag.Diagnostics, summary string, detail []string) {
	t.Helper()
	if summary == "" {
		if len(diags) != 0 {
			t.Fatalf("unexpected diagnostics: %v", diags)
		}
		return
	}
	if len(diags) != 1 || diags[0].Summary() != summary {
		t.Fatalf("diagnostics %v, want one %q", diags, summary)
	}
	for _, w := range detail {
		if !strings.Contains(diags[0].Detail(), w) {
			t.Errorf("detail %q does not contain %q", diags[0].Detail(), w)
		}
	}
}
