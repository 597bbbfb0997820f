// Package fakeapi is an in-memory, stateful stand-in for the SignalWire
// Compatibility API's conference and participant endpoints, for tests and
// for local runs of the provider (see cmd/signalwire-fake).
//
// It follows SignalWire's published OpenAPI document: the same paths under
// BasePath, the same field names and list envelopes, and the
// CompatibilityErrorResponse body {"code", "message", "more_info", "status"}
// on every error. It also serves every path form SignalWire's SDKs use: each
// path under VersionPath as well (the SDKs address the space root, without
// /api/laml), and with a ".json" suffix on its last segment.
//
//	GET    /Accounts/{AccountSid}/Conferences                             conferences.list
//	GET    /Accounts/{AccountSid}/Conferences/{Sid}                       conferences.get
//	GET    /Accounts/{AccountSid}/Conferences/{ConferenceSid}/Participants participants.list
//	GET    .../Participants/{CallSid}                                     participants.get
//	POST   .../Participants/{CallSid}                                     participants.update
//	DELETE .../Participants/{CallSid}                                     participants.delete
//
// Every API request needs HTTP Basic credentials: the project ID as user
// name, the API token as password. The AccountSid in the path is the project
// ID; any other AccountSid is answered 401 like bad credentials, because the
// credentials grant no access to another account (and 401 is declared on
// every route, 404 is not declared on the conference list), and because a
// client must not mistake a wrong account for a deleted resource.
//
// Sids are UUIDs and are matched in any case, as the API matches them: in
// the path, in CallSidToCoach, in seeds and as the Basic-auth user name. The
// fake stores and answers every sid in lower case, as the API does.
//
// # Errors
//
// Checks run in this order: credentials, path, AccountSid, faults, the
// resource's existence, then the request's parameters.
//
//	condition                                                  status  code
//	missing or wrong Basic credentials                         401     20003  (with WWW-Authenticate)
//	AccountSid other than the project ID                       401     20003  (with WWW-Authenticate)
//	path not under /api/, a version or /Accounts/ (text/plain) 404     none
//	any other unknown path, conference or participant          404     20404
//	method not served on an existing path                      405     20004  (with Allow; not in the OpenAPI)
//	list: Muted/Hold not true|false, bad Status, FriendlyName
//	  over 64 characters, date not YYYY-MM-DD                  400     10000
//	list: Page not an integer >= 0                             400     10000
//	list: PageSize not an integer in 1..1000                   400     54454
//	list: PageToken not starting PA/PB, or not one we issued   400     21481
//	update: body not form-encoded, or unreadable               400     10000
//	update: field not in UpdateConferenceParticipantRequest,
//	  or a field given more than once                          400     10000
//	update: Coaching=true with no CallSidToCoach, sent or held 400     10000
//	update: the participant's conference is completed          400     10000
//	update: boolean field not exactly true or false            422     10000
//	update: AnnounceMethod/HoldMethod/WaitMethod not GET|POST  422     13221
//	update: AnnounceUrl/HoldUrl/WaitUrl not absolute http(s)   422     21402
//	update: CallSidToCoach not a UUID                          422     10000
//	update: CallSidToCoach not another call of the conference  422     16002
//	fault: rate limit exceeded (POST only)                     429     20429  (with Retry-After)
//	fault: injected error                                      Faults.ErrorStatus (503)  20504
//	fault: injected 404 not from the API (Faults.NotFound)     404     none, or 10000
//
// The split between 400 and 422 follows the descriptions in the OpenAPI
// document: 400 when the request as a whole can't be processed (its shape,
// its query string, or the state of the conference), 422 when a field the
// schema admits carries a value that fails validation. An injected error
// with a 4xx status uses that status's usual code instead of 20504.
//
// # Update semantics
//
// A successful update returns the participant. date_updated moves only when
// a stored value changed (muted, hold, coaching, call_sid_to_coach, or the
// hold or wait URL or method). AnnounceUrl changes nothing stored: each one
// received is appended to ParticipantState.Announcements. A URL sent without
// its method stores the documented default method (AnnounceMethod POST,
// HoldMethod GET, WaitMethod POST). Coaching=false clears call_sid_to_coach;
// CallSidToCoach without Coaching keeps the current coaching flag.
//
// # Paging
//
// Lists are ordered by date_created, then SID. Page counts from 0, PageSize
// defaults to 50. The envelope's uri, first_page_uri, next_page_uri and
// previous_page_uri start at VersionPath (see pagingPath), so a client that
// appends them to a base URL of the space root, or of the root plus /api/laml,
// follows them as well as one that resolves them against the root. (The
// OpenAPI's examples show them under BasePath; the fake serves both.)
// next_page_uri and previous_page_uri carry the filters,
// Page, PageSize and a PageToken ("PA" or "PB" and an opaque cursor naming
// the item next to the page), so following them stays correct while the
// collection changes; they are null on the last and first page.
//
// # Faults
//
// SetFaults makes a route slow (Latency), throttled (RateLimit POSTs per
// RateWindow, then 429 with Retry-After; RateWindowCount measures the window
// in POSTs rather than time, so a test's throttling does not depend on how
// fast the machine runs), failing (ErrorRate), unreachable
// (DropRate: the connection is closed unanswered) or lets a participant hang
// up after HangUpAfter requests addressed to it. NotFound answers every
// request 404 in a form that is not the API's own not-found answer: no body,
// an HTML page, another JSON shape, or another code. These faults are drawn
// after authentication and before any processing, so a faulted request
// changes nothing. Reply is the exception: the request is processed, then
// its 2xx answer is spoilt (empty, truncated, an HTML page, only the sids,
// or the connection dropped), as when an answer is lost on the way back.
// The request log records which fault shaped each answer. The
// random draws come from a source seeded by SetFaultSeed (seed 1 until
// set), so a sequential run repeats exactly.
//
// # Admin endpoints
//
// Under AdminPrefix, without authentication and outside the request log, a
// test seeds conferences and calls, makes a call leave, reads and empties
// the request log, and switches faults on and off; AdminEndpoints lists them
// with their bodies and answers, SeedExample and FaultsExample show the
// documents they take.
//
// # Defaults
//
// Options: DefaultProjectID, DefaultAPIToken and a UTC wall clock.
// Seeded conferences: random UUID SID, status in-progress, region us1,
// created now. Seeded participants: random UUID CallSID, status in-progress,
// every boolean false, StartConferenceOnEnter included. Generated seeds
// number their SIDs from per-server counters (cf000000-…-000000000001,
// ca000000-…-000000000001). Faults: RateWindow
// 1s, RetryAfter 1, ErrorStatus 503; faults set for a route replace those
// set for RouteAll.
package fakeapi
