package fakeapi

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// nodeSDKDir holds the pinned SDK (package.json, package-lock.json) and the
// script that drives the fake with it; `make sdk-test` installs it.
var nodeSDKDir = filepath.Join("testdata", "node-sdk")

// nodeFixture is what the script is told about the seeded data.
type nodeFixture struct {
	BaseURL      string   `json:"baseUrl"`
	Project      string   `json:"project"`
	Token        string   `json:"token"`
	Conference   string   `json:"conference"`
	FriendlyName string   `json:"friendlyName"`
	SameName     []string `json:"sameName"`  // in-progress conferences named FriendlyName
	Completed    string   `json:"completed"` // the completed one
	Calls        []string `json:"calls"`     // every participant of Conference
	Muted        []string `json:"muted"`
	Held         []string `json:"held"`
	Target       string   `json:"target"`   // updated in every field
	Coachee      string   `json:"coachee"`  // the call Target coaches
	Leaver       string   `json:"leaver"`   // removed
	Stranger     string   `json:"stranger"` // in no conference
}

// TestNodeSDK drives the fake with SignalWire's official Node SDK
// (@signalwire/compatibility-api, pinned in testdata/node-sdk): fetch, list
// with paging and filters, update of every field, remove, a 404 and a 401.
// It needs Node.js and the installed SDK, and says so when it skips.
func TestNodeSDK(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("skipped: Node.js is not installed (no node on PATH); install Node.js 18 or later and run `make sdk-test` " +
			"to check the fake against SignalWire's official Node SDK")
	}
	if _, err := os.Stat(filepath.Join(nodeSDKDir, "node_modules", "@signalwire", "compatibility-api", "package.json")); err != nil {
		t.Skip("skipped: the pinned Node SDK is not installed; run `make sdk-test` (npm ci in " + nodeSDKDir + ")")
	}
	fake := New(Options{})
	srv := httptest.NewServer(fake)
	t.Cleanup(srv.Close)
	fx := seedNodeFixture(fake, srv.URL)

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	script, _ := json.Marshal(fx)
	cmd := exec.CommandContext(ctx, node, "--test", "--test-reporter=spec", "sdk.test.cjs")
	cmd.Dir = nodeSDKDir
	cmd.Env = append(withoutProxies(os.Environ()), "FAKE_FIXTURE="+string(script), "NO_COLOR=1")
	out, err := cmd.CombinedOutput()
	t.Logf("node --test sdk.test.cjs:\n%s", out)
	if err != nil {
		t.Fatalf("the SDK script failed: %v", err)
	}
	checkNodeSDKEffects(t, fake, fx)
}

func seedNodeFixture(fake *Server, baseURL string) nodeFixture {
	fx := nodeFixture{BaseURL: baseURL, Project: fake.ProjectID(), Token: DefaultAPIToken, FriendlyName: "sdk-room"}
	start := time.Now().UTC().Add(-time.Hour)
	for i := range 3 {
		sid := fake.AddConference(ConferenceSeed{FriendlyName: fx.FriendlyName, DateCreated: start.Add(time.Duration(i) * time.Minute)})
		fx.SameName = append(fx.SameName, sid)
	}
	fx.Conference = fx.SameName[0]
	fx.Completed = fake.AddConference(ConferenceSeed{FriendlyName: fx.FriendlyName, Status: "completed"})
	fake.AddConference(ConferenceSeed{FriendlyName: "other-room"})
	for i := range 7 {
		muted, hold := i%2 == 0, i%3 == 0
		call := fake.AddParticipant(ParticipantSeed{ConferenceSID: fx.Conference, Muted: muted, Hold: hold})
		fx.Calls = append(fx.Calls, call)
		if muted {
			fx.Muted = append(fx.Muted, call)
		}
		if hold {
			fx.Held = append(fx.Held, call)
		}
	}
	fx.Target, fx.Coachee, fx.Leaver = fx.Calls[1], fx.Calls[2], fx.Calls[5]
	fx.Stranger = "0e1f2a3b-0000-4a5b-8c9d-0e1f2a3b4c5d"
	return fx
}

// checkNodeSDKEffects checks what the script did through the fake itself: the
// updates landed, the participant left, and the SDK used its own path form.
func checkNodeSDKEffects(t *testing.T, fake *Server, fx nodeFixture) {
	t.Helper()
	p, ok := fake.Participant(fx.Conference, fx.Target)
	want := ParticipantState{HoldURL: "https://example.com/hold.xml", HoldMethod: "POST",
		WaitURL: "https://example.com/wait.xml", WaitMethod: "GET"}
	if !ok || p.HoldURL != want.HoldURL || p.HoldMethod != want.HoldMethod || p.WaitURL != want.WaitURL ||
		p.WaitMethod != want.WaitMethod || !slices.Equal(p.Announcements, []string{"https://example.com/announce.xml"}) {
		t.Errorf("the updated participant is %+v", p)
	}
	if _, ok := fake.Participant(fx.Conference, fx.Leaver); ok {
		t.Error("the removed participant is still in the conference")
	}
	// The SDK's own requests end in .json; the pages it follows are as the
	// fake gave them.
	var sdkForm, lamlForm, paged int
	for _, r := range fake.Requests() {
		switch {
		case strings.HasPrefix(r.Path, VersionPath+"/"):
			sdkForm++
		case strings.HasPrefix(r.Path, BasePath+"/"):
			lamlForm++
		default:
			t.Errorf("request %s %s in neither form", r.Method, r.Path)
		}
		if r.Query.Get("PageToken") != "" {
			paged++
		}
		unexpected := r.Status == http.StatusNotFound && !strings.Contains(r.Path, fx.Leaver) && !strings.Contains(r.Path, fx.Stranger)
		if unexpected || r.Status == 0 || r.Status >= 500 {
			t.Errorf("request %s %s?%s answered %d", r.Method, r.Path, r.Query.Encode(), r.Status)
		}
	}
	if sdkForm == 0 || lamlForm == 0 || paged < 5 {
		t.Errorf("requests: %d in the SDK's form, %d under %s, %d following next_page_uri", sdkForm, lamlForm, BasePath, paged)
	}
}

// withoutProxies drops proxy settings, which the SDK would otherwise apply
// to a loopback address.
func withoutProxies(env []string) []string {
	var out []string
	for _, kv := range env {
		name, _, _ := strings.Cut(kv, "=")
		if strings.HasSuffix(strings.ToLower(name), "_proxy") {
			continue
		}
		out = append(out, kv)
	}
	return out
}
