package fakeapi

import (
	"encoding/json"
	"net/http"
)

// AdminEndpoint documents one control endpoint under AdminPrefix. The
// command's -h and the docs list these, so they are written once, here,
// beside the handlers they describe.
type AdminEndpoint struct {
	Method string // HTTP method
	Path   string // full path, with its query parameters when it takes any
	Does   string // what it does and what it answers
}

type adminRoute struct {
	AdminEndpoint
	name  string // the path segment after AdminPrefix
	serve func(*Server, http.ResponseWriter, *http.Request)
}

var adminRoutes = []adminRoute{
	{name: "seed", serve: (*Server).adminSeed, AdminEndpoint: AdminEndpoint{
		Method: http.MethodPost, Path: AdminPrefix + "seed",
		Does: `body: a seed document, as for -seed. Adds its conferences and participants (all or, on an error, none); a conference that already exists, named by its sid alone, gets the seed's participants, as when calls join it. Answers {"conferences": N, "participants": N}, counting new conferences`,
	}},
	{name: "hangup", serve: (*Server).adminHangUp, AdminEndpoint: AdminEndpoint{
		Method: http.MethodPost, Path: AdminPrefix + "hangup?conference_sid=SID&call_sid=SID",
		Does: "the call leaves the conference, as when the caller hangs up; the API answers 404 for it from then on. 204, or 404 when there is no such call",
	}},
	{name: "participants", serve: (*Server).adminParticipants, AdminEndpoint: AdminEndpoint{
		Method: http.MethodGet, Path: AdminPrefix + "participants[?conference_sid=SID]",
		Does: "every participant as the fake holds it, of one conference or of all, as a JSON list",
	}},
	{name: "requests", serve: (*Server).adminRequests, AdminEndpoint: AdminEndpoint{
		Method: http.MethodGet, Path: AdminPrefix + "requests",
		Does: `the request log, oldest first: {"total": N, "by_method": {"GET": N, ...}, "requests": [{"method", "path", "query", "form", "status", "fault", "time"}]}`,
	}},
	{name: "requests", serve: (*Server).adminResetRequests, AdminEndpoint: AdminEndpoint{
		Method: http.MethodDelete, Path: AdminPrefix + "requests",
		Does: "empties the request log; 204",
	}},
	{name: "faults", serve: (*Server).adminSetFaults, AdminEndpoint: AdminEndpoint{
		Method: http.MethodPost, Path: AdminPrefix + "faults",
		Does: `body: {"route": ROUTE, "faults": {...}, "seed": N} (see Faults below). Switches those faults on for ROUTE ("*", the default, for every route without its own), replacing the route's earlier ones; 204`,
	}},
	{name: "faults", serve: (*Server).adminClearFaults, AdminEndpoint: AdminEndpoint{
		Method: http.MethodDelete, Path: AdminPrefix + "faults",
		Does: "switches every fault off; 204",
	}},
}

// AdminEndpoints lists the control endpoints, in the order a test uses them.
// They need no credentials and are not recorded in the request log.
func AdminEndpoints() []AdminEndpoint {
	out := make([]AdminEndpoint, len(adminRoutes))
	for i, r := range adminRoutes {
		out[i] = r.AdminEndpoint
	}
	return out
}

// SeedExample is a seed document using every field: one conference with
// three participants, and ten generated conferences of five participants.
func SeedExample() string {
	seed := Seed{
		Conferences: []SeedConference{{
			SID: "5d0c3b8e-2f4a-4c61-9a7e-1b2c3d4e5f60", FriendlyName: "support-room",
			Status: "in-progress", Region: DefaultRegion, DateCreated: "2025-01-02T15:04:05Z",
			Participants: []SeedParticipant{
				{CallSID: "a1b2c3d4-0001-4a5b-8c9d-0e1f2a3b4c5d", Status: "in-progress", StartConferenceOnEnter: true, EndConferenceOnExit: true},
				{CallSID: "a1b2c3d4-0002-4a5b-8c9d-0e1f2a3b4c5d", Muted: true, Hold: true},
				{CallSID: "a1b2c3d4-0003-4a5b-8c9d-0e1f2a3b4c5d", Coaching: true,
					CallSIDToCoach: "a1b2c3d4-0001-4a5b-8c9d-0e1f2a3b4c5d"},
			},
		}},
		Generate: &SeedGenerate{Conferences: 10, ParticipantsPerConference: 5},
	}
	return mustIndent(seed)
}

// FaultsExample is a POST /__fake/faults body using every fault.
func FaultsExample() string {
	seed := int64(1)
	return mustIndent(FaultsConfig{Route: RouteParticipantsUpdate, Seed: &seed, Faults: FaultsJSON{
		Latency: "25ms", RateLimit: 3, RateWindow: "1s", RateWindowCount: 5, RetryAfter: 1, ErrorRate: 0.1,
		ErrorStatus: 503, DropRate: 0.05, HangUpAfter: 2, NotFound: NotFoundHTML, Reply: ReplyEmpty,
	}})
}

func mustIndent(v any) string {
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		panic(err) // only fixed values of this package's types are encoded
	}
	return string(data)
}
