package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/seed177019bb/terraform-provider-signalwire/internal/client"
	"github.com/seed177019bb/terraform-provider-signalwire/internal/sidtypes"
)

const (
	testAccount    = "3fa85f64-5717-4562-b3fc-2c963f66afa6"
	testConference = "5d0c3b8e-2f4a-4c61-9a7e-1b2c3d4e5f60"
	testCall       = "a1b2c3d4-0002-4a5b-8c9d-0e1f2a3b4c5d"
)

func TestFlattenParticipant(t *testing.T) {
	joined := time.Date(2026, 9, 5, 14, 3, 0, 0, time.UTC)
	p := &client.Participant{
		AccountSID: testAccount, ConferenceSID: testConference, CallSID: testCall,
		Muted: true, Status: "complete",
		DateCreated: client.Timestamp{Time: joined, Raw: "Sat, 5 Sept 2026 14:03:00 GMT"},
		DateUpdated: client.Timestamp{Raw: "not a date"},
	}
	got := flattenParticipant(p)
	for name, c := range map[string]struct{ got, want any }{
		"id":                {got.ID, types.StringValue(testAccount + "/" + testConference + "/" + testCall)},
		"muted":             {got.Muted, types.BoolValue(true)},
		"hold":              {got.Hold, types.BoolValue(false)},
		"call_sid_to_coach": {got.CallSIDToCoach, sidtypes.NewSIDNull()},
		"status":            {got.Status, types.StringValue("complete")},
		"date_created":      {got.DateCreated, types.StringValue("Sat, 05 Sep 2026 14:03:00 +0000")},
		"date_updated":      {got.DateUpdated, types.StringValue("not a date")},
	} {
		if c.got != c.want {
			t.Errorf("%s = %v, want %v", name, c.got, c.want)
		}
	}
	p.CallSIDToCoach = testConference
	if got := flattenParticipant(p).CallSIDToCoach; got != sidtypes.NewSIDValue(testConference) {
		t.Errorf("call_sid_to_coach = %v, want %s", got, testConference)
	}
}

func TestLookupError(t *testing.T) {
	cases := map[string]struct {
		err  error
		want []string
	}{
		"not found": {fmt.Errorf("%w: %w", client.ErrParticipantGone, &client.APIError{StatusCode: 404, Code: 20404}),
			[]string{"Gone away (HTTP 404 Not Found, code 20404)."}},
		"unconfirmed 404": {&client.APIError{StatusCode: 404, Excerpt: "Not Found"},
			[]string{`answered HTTP 404 Not Found, with a body that is not an API error: "Not Found", which is not the API's own not-found answer`,
				"check SIGNALWIRE_API_HOSTNAME (the provider uses https://example.signalwire.com/api/laml/2010-04-01)"}},
		"unconfirmed participant 404": {&client.UnconfirmedNotFoundError{NotFound: &client.APIError{StatusCode: 404},
			Conference: errors.New("GET /c: HTTP 404 Not Found, with an empty body")},
			[]string{"reading the conference to tell failed too (GET /c: HTTP 404 Not Found, with an empty body)", "check SIGNALWIRE_API_HOSTNAME"}},
		"unauthorized": {&client.APIError{StatusCode: 401, Code: 20003, Message: "Unauthorized"}, []string{"rejected the credentials", "account_sid"}},
		"other":        {&client.APIError{StatusCode: 400, Code: 21481, Message: "bad token"}, []string{"HTTP 400 Bad Request, code 21481: bad token"}},
		"not the API": {&client.APIError{StatusCode: 502, Excerpt: "502 Bad Gateway nginx"}, []string{
			`answered with HTTP 502 Bad Gateway, with a body that is not an API error: "502 Bad Gateway nginx"`,
			"a proxy, a load balancer or a wrong space URL", "check SIGNALWIRE_API_HOSTNAME (the provider uses https://example.signalwire.com/api/laml/2010-04-01)"}},
		"transport": {errors.New("connection refused"), []string{"Request for the thing failed: connection refused",
			"check SIGNALWIRE_API_HOSTNAME (the provider uses https://example.signalwire.com/api/laml/2010-04-01)"}},
	}
	c, err := client.New(client.Config{SpaceURL: "example", ProjectID: testAccount, APIToken: "PTx"})
	if err != nil {
		t.Fatal(err)
	}
	data := &providerData{client: c, spaceSource: envAPIHostname}
	for name, tc := range cases {
		d := data.lookupError("Thing", "the thing", "Gone away", tc.err)
		if strings.Contains(d.Detail(), "code 0") {
			t.Errorf("%s: detail %q shows a code the answer did not carry", name, d.Detail())
		}
		if d.Summary() != "Unable to Read Thing" {
			t.Errorf("%s: summary = %q", name, d.Summary())
		}
		for _, w := range tc.want {
			if !strings.Contains(d.Detail(), w) {
				t.Errorf("%s: detail %q does not contain %q", name, d.Detail(), w)
			}
		}
	}
}

func TestConferenceMatchError(t *testing.T) {
	for found, want := range map[int]string{
		0: `Found no conference named "room" with status "in-progress"`,
		3: `Found 3 conferences named "room" with status "in-progress"`,
	} {
		if d := conferenceMatchError("room", "in-progress", found); !strings.Contains(d.Detail(), want) {
			t.Errorf("found %d: detail %q does not contain %q", found, d.Detail(), want)
		}
	}
}

// TestImportKey: an import id and an identity name the same participant; a
// missing account is the provider's project.
func TestImportKey(t *testing.T) {
	ctx := context.Background()
	r := &participantResource{resourceBase{data: &providerData{projectID: testAccount}}}
	var schemaResp resource.IdentitySchemaResponse
	r.IdentitySchema(ctx, resource.IdentitySchemaRequest{}, &schemaResp)
	identity := func(account, conference, call types.String) *tfsdk.ResourceIdentity {
		s := schemaResp.IdentitySchema
		id := &tfsdk.ResourceIdentity{Schema: s, Raw: tftypes.NewValue(s.Type().TerraformType(ctx), nil)}
		if diags := id.Set(ctx, participantIdentity{account, conference, call}); diags.HasError() {
			t.Fatal(diags)
		}
		return id
	}
	other := "0e1f2a3b-0000-4a5b-8c9d-0e1f2a3b4c5d"
	cases := map[string]struct {
		req     resource.ImportStateRequest
		account string
		err     string
	}{
		"id":                   {req: resource.ImportStateRequest{ID: testConference + "/" + testCall}, account: testAccount},
		"identity":             {req: resource.ImportStateRequest{Identity: identity(types.StringNull(), types.StringValue(testConference), types.StringValue(testCall))}, account: testAccount},
		"identity and account": {req: resource.ImportStateRequest{Identity: identity(types.StringValue(other), types.StringValue(testConference), types.StringValue(testCall))}, account: other},
		"bad identity":         {req: resource.ImportStateRequest{Identity: identity(types.StringNull(), types.StringValue(testConference), types.StringValue("CA1"))}, err: `identity.call_sid "CA1" is not a UUID`},
		"bad id":               {req: resource.ImportStateRequest{ID: "just-one"}, err: `import id "just-one" has 1 part(s)`},
	}
	for name, tc := range cases {
		account, conference, call, diags := r.importKey(ctx, tc.req)
		if tc.err != "" {
			if !diags.HasError() || !strings.Contains(diags[0].Detail(), tc.err) {
				t.Errorf("%s: diags = %v, want an error containing %q", name, diags, tc.err)
			}
			continue
		}
		if diags.HasError() || account != tc.account || conference != testConference || call != testCall {
			t.Errorf("%s: got %s %s %s %v, want %s %s %s", name, account, conference, call, diags, tc.account, testConference, testCall)
		}
	}
}
