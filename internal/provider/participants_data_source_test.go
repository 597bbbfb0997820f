package provider

import (
	"fmt"
	"net/url"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/seed177019bb/terraform-provider-signalwire/internal/fakeapi"
)

const participantsDataAddr = "data.signalwire_conference_participants.test"

func (f *fixture) participantsData(attrs ...string) string {
	return f.config(dataBlock("signalwire_conference_participants",
		append([]string{strAttr("conference_sid", f.conf)}, attrs...)...))
}

// expectListed checks the participants list and call_sids against the
// fake's listing order, restricted to the calls in want.
func (f *fixture) expectListed(want ...string) []statecheck.StateCheck {
	wanted := map[string]bool{}
	for _, c := range want {
		wanted[c] = true
	}
	var elems []knownvalue.Check
	sids := []knownvalue.Check{}
	for _, p := range f.fake.Participants(f.conf) {
		if !wanted[p.CallSID] {
			continue
		}
		sids = append(sids, knownvalue.StringExact(p.CallSID))
		elems = append(elems, knownvalue.ObjectPartial(map[string]knownvalue.Check{
			"call_sid":       knownvalue.StringExact(p.CallSID),
			"conference_sid": knownvalue.StringExact(f.conf),
			"account_sid":    knownvalue.StringExact(f.fake.ProjectID()),
			"id":             knownvalue.StringExact(f.fake.ProjectID() + "/" + f.conf + "/" + p.CallSID),
			"muted":          knownvalue.Bool(p.Muted),
			"hold":           knownvalue.Bool(p.Hold),
			"coaching":       knownvalue.Bool(false),
			"status":         knownvalue.StringExact("in-progress"),
			"date_created":   knownvalue.StringRegexp(rfc2822),
		}))
	}
	return []statecheck.StateCheck{
		statecheck.ExpectKnownValue(participantsDataAddr, tfjsonpath.New("participants"), knownvalue.ListExact(elems)),
		statecheck.ExpectKnownValue(participantsDataAddr, tfjsonpath.New("call_sids"), knownvalue.ListExact(sids)),
	}
}

// TestAccConferenceParticipantsDataSource_filters: muted and hold travel as
// query parameters, only when set, and only matching participants come back.
func TestAccConferenceParticipantsDataSource_filters(t *testing.T) {
	f := newFixture(t)
	muted := f.addCalls(3, fakeapi.ParticipantSeed{Muted: true})
	held := f.addCalls(2, fakeapi.ParticipantSeed{Hold: true})
	both := f.addCalls(1, fakeapi.ParticipantSeed{Muted: true, Hold: true})
	plain := f.addCalls(2, fakeapi.ParticipantSeed{})
	all := append(append(append(append([]string{}, muted...), held...), both...), plain...)
	path := "/Conferences/" + f.conf + "/Participants"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: f.factories(),
		Steps: []resource.TestStep{
			{
				PreConfig: f.resetLog,
				Config:    f.participantsData(),
				ConfigStateChecks: append(f.expectListed(all...),
					statecheck.ExpectKnownValue(participantsDataAddr, tfjsonpath.New("id"),
						knownvalue.StringExact(f.fake.ProjectID()+"/"+f.conf)),
					statecheck.ExpectKnownValue(participantsDataAddr, tfjsonpath.New("account_sid"),
						knownvalue.StringExact(f.fake.ProjectID()))),
				Check: f.expectGETs(1, path, url.Values{"PageSize": {"1000"}, "Muted": {""}, "Hold": {""}}),
			},
			{
				PreConfig:         f.resetLog,
				Config:            f.participantsData("muted = false"),
				ConfigStateChecks: f.expectListed(append(append([]string{}, held...), plain...)...),
				Check:             f.expectGETs(1, path, url.Values{"PageSize": {"1000"}, "Muted": {"false"}, "Hold": {""}}),
			},
			{
				PreConfig:         f.resetLog,
				Config:            f.participantsData("muted = true", "hold = true"),
				ConfigStateChecks: f.expectListed(both...),
				Check:             f.expectGETs(1, path, url.Values{"Muted": {"true"}, "Hold": {"true"}}),
			},
			{
				PreConfig:         f.resetLog,
				Config:            f.participantsData("hold = true"),
				ConfigStateChecks: f.expectListed(append(append([]string{}, held...), both...)...),
				Check:             f.expectGETs(1, path, url.Values{"Muted": {""}, "Hold": {"true"}}),
			},
		},
	})
}

// TestAccConferenceParticipantsDataSource_paging: pages hold 1,000
// participants, the API's maximum, so 1,000 take one GET and 1,001 take two,
// the second following next_page_uri; the list is complete either way.
func TestAccConferenceParticipantsDataSource_paging(t *testing.T) {
	f := newFixture(t)
	f.addCalls(1000, fakeapi.ParticipantSeed{})
	path := "/Conferences/" + f.conf + "/Participants"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: f.factories(),
		Steps: []resource.TestStep{
			{
				PreConfig: f.resetLog,
				Config:    f.participantsData(),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(participantsDataAddr, tfjsonpath.New("participants"), knownvalue.ListSizeExact(1000)),
				},
				Check: f.expectGETs(1, path, url.Values{"PageSize": {"1000"}, "PageToken": {""}}),
			},
			{
				PreConfig: func() {
					f.addCalls(1, fakeapi.ParticipantSeed{})
					f.resetLog()
				},
				Config: f.participantsData(),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(participantsDataAddr, tfjsonpath.New("participants"), knownvalue.ListSizeExact(1001)),
					statecheck.ExpectKnownValue(participantsDataAddr, tfjsonpath.New("call_sids"), knownvalue.ListSizeExact(1001)),
				},
				Check: resource.ComposeTestCheckFunc(
					f.expectGETs(2, path, url.Values{"PageSize": {"1000"}}),
					f.expectSecondPageFollowed(),
				),
			},
		},
	})
}

// expectSecondPageFollowed checks that the second GET carried the cursor the
// first page handed out, not a page number the client made up.
func (f *fixture) expectSecondPageFollowed() func(*terraform.State) error {
	return func(*terraform.State) error {
		gets := f.gets()
		if gets[0].Query.Get("PageToken") != "" || gets[1].Query.Get("PageToken") == "" {
			return fmt.Errorf("PageToken on the first and second GET = %q, %q; want none, then the API's cursor",
				gets[0].Query.Get("PageToken"), gets[1].Query.Get("PageToken"))
		}
		return nil
	}
}

// TestAccConferenceParticipantsDataSource_unknownConference: a conference
// that does not exist is an error naming it.
func TestAccConferenceParticipantsDataSource_unknownConference(t *testing.T) {
	f := newFixture(t)
	gone := "3fa85f64-5717-4562-b3fc-2c963f66afa6"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: f.factories(),
		Steps: []resource.TestStep{{
			Config: f.config(dataBlock("signalwire_conference_participants", strAttr("conference_sid", gone))),
			ExpectError: wrapped(`Unable to Read Conference Participants.*found no conference ` + gone +
				`.*check conference_sid and account_sid`),
		}},
	})
}
