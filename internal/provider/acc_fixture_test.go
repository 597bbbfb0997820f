package provider

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/seed177019bb/terraform-provider-signalwire/internal/fakeapi"
)

// fixture is one fake API per test, so each test can read its own request
// log without interference from tests running in parallel.
type fixture struct {
	t    *testing.T
	fake *fakeapi.Server
	srv  *httptest.Server
	conf string // a seeded in-progress conference

	mu         sync.Mutex
	userAgents map[string]bool
	before     func(*http.Request) // runs before the fake sees each request
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	fake := fakeapi.New(fakeapi.Options{})
	f := &fixture{t: t, fake: fake, userAgents: map[string]bool{}}
	f.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		f.userAgents[r.UserAgent()] = true
		before := f.before
		f.mu.Unlock()
		if before != nil {
			before(r)
		}
		fake.ServeHTTP(w, r)
	}))
	t.Cleanup(f.srv.Close)
	f.conf = fake.AddConference(fakeapi.ConferenceSeed{FriendlyName: "support-room"})
	return f
}

// onRequest sets what happens before the fake sees each request, such as a
// call leaving just as the provider updates it.
func (f *fixture) onRequest(fn func(*http.Request)) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.before = fn
}

func (f *fixture) addCall() string {
	return f.fake.AddParticipant(fakeapi.ParticipantSeed{ConferenceSID: f.conf})
}

func (f *fixture) factories() map[string]func() (tfprotov6.ProviderServer, error) {
	return map[string]func() (tfprotov6.ProviderServer, error){
		"signalwire": func() (tfprotov6.ProviderServer, error) {
			return newServer(&signalwireProvider{
				version:      "test",
				commit:       "test",
				retryWaitMin: time.Millisecond,
				retryWaitMax: 20 * time.Millisecond,
			})(), nil
		},
	}
}

func (f *fixture) providerBlock() string {
	return fmt.Sprintf(`
provider "signalwire" {
  space_url  = %q
  project_id = %q
  api_token  = %q
}
`, f.srv.URL, f.fake.ProjectID(), fakeapi.DefaultAPIToken)
}

// participant renders the resource block at addr with the given attribute
// lines.
func (f *fixture) participant(call string, attrs ...string) string {
	return fmt.Sprintf(`
resource "signalwire_conference_participant" "test" {
  conference_sid = %q
  call_sid       = %q
  %s
}
`, f.conf, call, strings.Join(attrs, "\n  "))
}

func (f *fixture) config(blocks ...string) string {
	return f.providerBlock() + strings.Join(blocks, "\n")
}

func (f *fixture) resetLog() { f.fake.ResetRequests() }

// posts returns the bodies of the update requests in the log.
func (f *fixture) posts() []url.Values {
	var out []url.Values
	for _, r := range f.fake.Requests() {
		if r.Method == "POST" {
			out = append(out, r.Form)
		}
	}
	return out
}

// expectRequests checks the request log by method, e.g. {"POST": 1, "GET": 0}.
func (f *fixture) expectRequests(want map[string]int) func(*terraform.State) error {
	return func(*terraform.State) error {
		for method, n := range want {
			if got := f.fake.CountRequests(method); got != n {
				return fmt.Errorf("%s requests = %d, want %d; log: %s", method, got, n, f.describeLog())
			}
		}
		return nil
	}
}

// expectPostForm checks that exactly one POST was sent, carrying exactly want.
func (f *fixture) expectPostForm(want url.Values) func(*terraform.State) error {
	return func(*terraform.State) error {
		posts := f.posts()
		if len(posts) != 1 {
			return fmt.Errorf("POST requests = %d, want 1; log: %s", len(posts), f.describeLog())
		}
		if got := posts[0].Encode(); got != want.Encode() {
			return fmt.Errorf("POST body = %s, want %s", got, want.Encode())
		}
		return nil
	}
}

func (f *fixture) expectNoRequests() {
	f.t.Helper()
	if n := f.fake.CountRequests(""); n != 0 {
		f.t.Errorf("the API received %d request(s), want none: %s", n, f.describeLog())
	}
}

func (f *fixture) describeLog() string {
	var b strings.Builder
	for _, r := range f.fake.Requests() {
		fmt.Fprintf(&b, "\n  %s %s %d %s", r.Method, r.Path, r.Status, r.Form.Encode())
	}
	return b.String()
}

func (f *fixture) participantState(call string) fakeapi.ParticipantState {
	f.t.Helper()
	p, ok := f.fake.Participant(f.conf, call)
	if !ok {
		f.t.Fatalf("participant %s is not in the fake conference", call)
	}
	return p
}

func newFormRequest(u string, form url.Values) (*http.Request, error) {
	req, err := http.NewRequest(http.MethodPost, u, strings.NewReader(form.Encode()))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return req, nil
}

func (f *fixture) seenUserAgents() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []string
	for ua := range f.userAgents {
		out = append(out, ua)
	}
	return out
}
