package provider

import (
	"net/url"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/seed177019bb/terraform-provider-signalwire/internal/fakeapi"
)

const conferenceData = "data.signalwire_conference.test"

var rfc2822 = regexp.MustCompile(`^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$`)

// TestAccConferenceDataSource_bySID: one GET of the conference itself.
func TestAccConferenceDataSource_bySID(t *testing.T) {
	f := newFixture(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: f.factories(),
		Steps: []resource.TestStep{{
			PreConfig: f.resetLog,
			Config:    f.config(dataBlock("signalwire_conference", strAttr("sid", f.conf))),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(conferenceData, tfjsonpath.New("id"), knownvalue.StringExact(f.conf)),
				statecheck.ExpectKnownValue(conferenceData, tfjsonpath.New("sid"), knownvalue.StringExact(f.conf)),
				statecheck.ExpectKnownValue(conferenceData, tfjsonpath.New("account_sid"), knownvalue.StringExact(f.fake.ProjectID())),
				statecheck.ExpectKnownValue(conferenceData, tfjsonpath.New("friendly_name"), knownvalue.StringExact("support-room")),
				statecheck.ExpectKnownValue(conferenceData, tfjsonpath.New("status"), knownvalue.StringExact("in-progress")),
				statecheck.ExpectKnownValue(conferenceData, tfjsonpath.New("region"), knownvalue.StringExact(fakeapi.DefaultRegion)),
				statecheck.ExpectKnownValue(conferenceData, tfjsonpath.New("date_created"), knownvalue.StringRegexp(rfc2822)),
				statecheck.ExpectKnownValue(conferenceData, tfjsonpath.New("date_updated"), knownvalue.StringRegexp(rfc2822)),
				statecheck.ExpectKnownValue(conferenceData, tfjsonpath.New("uri"),
					knownvalue.StringRegexp(regexp.MustCompile(`/Conferences/`+f.conf+`\.json$`))),
			},
			Check: f.expectGETs(1, "/Conferences/"+f.conf, nil),
		}},
	})
}

// TestAccConferenceDataSource_byName: one list GET filtered by name and
// status, in-progress unless status says otherwise.
func TestAccConferenceDataSource_byName(t *testing.T) {
	f := newFixture(t)
	live := f.fake.AddConference(fakeapi.ConferenceSeed{FriendlyName: "standup"})
	done := f.fake.AddConference(fakeapi.ConferenceSeed{FriendlyName: "standup", Status: fakeapi.StatusCompleted})
	f.fake.AddConference(fakeapi.ConferenceSeed{FriendlyName: "standup-2"})
	byName := func(attrs ...string) string {
		return f.config(dataBlock("signalwire_conference", append([]string{strAttr("friendly_name", "standup")}, attrs...)...))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: f.factories(),
		Steps: []resource.TestStep{
			{
				PreConfig: f.resetLog,
				Config:    byName(),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(conferenceData, tfjsonpath.New("sid"), knownvalue.StringExact(live)),
					statecheck.ExpectKnownValue(conferenceData, tfjsonpath.New("id"), knownvalue.StringExact(live)),
					statecheck.ExpectKnownValue(conferenceData, tfjsonpath.New("status"), knownvalue.StringExact("in-progress")),
				},
				Check: f.expectGETs(1, "/Conferences", url.Values{
					"FriendlyName": {"standup"}, "Status": {"in-progress"}, "PageSize": {"1000"},
				}),
			},
			{
				PreConfig: f.resetLog,
				Config:    byName(strAttr("status", "completed")),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(conferenceData, tfjsonpath.New("sid"), knownvalue.StringExact(done)),
					statecheck.ExpectKnownValue(conferenceData, tfjsonpath.New("status"), knownvalue.StringExact("completed")),
				},
				Check: f.expectGETs(1, "/Conferences", url.Values{"FriendlyName": {"standup"}, "Status": {"completed"}}),
			},
		},
	})
}

// TestAccConferenceDataSource_ambiguousAndMissing: a name lookup must find
// exactly one conference; the error counts what it found and says how to
// narrow or fix the search.
func TestAccConferenceDataSource_ambiguousAndMissing(t *testing.T) {
	f := newFixture(t)
	f.fake.AddConference(fakeapi.ConferenceSeed{FriendlyName: "town-hall"})
	f.fake.AddConference(fakeapi.ConferenceSeed{FriendlyName: "town-hall"})
	lookup := func(attrs ...string) string { return f.config(dataBlock("signalwire_conference", attrs...)) }
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: f.factories(),
		Steps: []resource.TestStep{
			{
				PreConfig: f.resetLog,
				Config:    lookup(strAttr("friendly_name", "town-hall")),
				ExpectError: wrapped(`Unable to Read Conference.*Found 2 conferences named "town-hall"` +
					` with status "in-progress".*by sid.*setting status`),
			},
			{
				PreConfig:   f.resetLog,
				Config:      lookup(strAttr("friendly_name", "nobody-here")),
				ExpectError: wrapped(`Unable to Read Conference.*Found no conference named "nobody-here".*set status.*by sid`),
			},
			{
				PreConfig:   f.resetLog,
				Config:      lookup(strAttr("friendly_name", "town-hall"), strAttr("status", "completed")),
				ExpectError: wrapped(`Found no conference named "town-hall" with status "completed"`),
			},
			{
				PreConfig: f.resetLog,
				Config:    lookup(strAttr("sid", "3fa85f64-5717-4562-b3fc-2c963f66afa6")),
				ExpectError: wrapped(`Unable to Read Conference.*found no conference 3fa85f64-5717-4562-b3fc-2c963f66afa6` +
					`.*HTTP 404 Not Found, code 20404`),
			},
		},
	})
	if n := f.fake.CountRequests("GET"); n != 1 {
		t.Errorf("GET requests in the last step = %d, want 1 (a 404 is not retried): %s", n, f.describeQueries())
	}
}

// TestAccConferenceDataSource_configErrors: the lookup key is checked
// before any request.
func TestAccConferenceDataSource_configErrors(t *testing.T) {
	f := newFixture(t)
	lookup := func(attrs ...string) string { return f.config(dataBlock("signalwire_conference", attrs...)) }
	cases := []struct{ cfg, want string }{
		{lookup(strAttr("sid", f.conf), strAttr("friendly_name", "support-room")), `(?s)Invalid Attribute Combination.*sid.*friendly_name`},
		{lookup(strAttr("account_sid", f.fake.ProjectID())), `(?s)Missing Attribute Configuration.*sid.*friendly_name`},
		{lookup(strAttr("sid", f.conf), strAttr("status", "completed")), `(?s)Invalid Attribute Combination.*status.*sid`},
		{lookup(strAttr("friendly_name", "support-room"), strAttr("status", "ended")), `(?s)status value must be one of`},
		{lookup(strAttr("sid", "CF123")), `(?s)must be a UUID`},
	}
	var steps []resource.TestStep
	for _, tc := range cases {
		steps = append(steps, resource.TestStep{Config: tc.cfg, PlanOnly: true, ExpectError: regexp.MustCompile(tc.want)})
	}
	resource.ParallelTest(t, resource.TestCase{ProtoV6ProviderFactories: f.factories(), Steps: steps})
	f.expectNoRequests()
}
