package provider

import (
	"encoding/base64"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/seed177019bb/terraform-provider-signalwire/internal/fakeapi"
	"github.com/seed177019bb/terraform-provider-signalwire/internal/registry"
)

// TestAccSecrets_tokenNeverWritten applies with TF_LOG=TRACE and checks that
// the API token, and its Basic-auth form, appear nowhere in the log, the
// state or the CLI output. The provider runs as a real plugin binary (through
// dev_overrides) so that its own logs reach TF_LOG_PATH, and the log must
// hold its request lines, so an empty log cannot pass.
func TestAccSecrets_tokenNeverWritten(t *testing.T) {
	engine, cliConfig := pluginEngine(t)
	t.Parallel()

	for _, inBlock := range []bool{false, true} {
		name := map[bool]string{false: "token from environment", true: "token in provider block"}[inBlock]
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			const token = "PTsecret-7c1e5b2a9d4f"
			fake := fakeapi.New(fakeapi.Options{APIToken: token})
			srv := httptest.NewServer(fake)
			t.Cleanup(srv.Close)
			conf := fake.AddConference(fakeapi.ConferenceSeed{})
			call := fake.AddParticipant(fakeapi.ParticipantSeed{ConferenceSID: conf})
			basic := base64.StdEncoding.EncodeToString([]byte(fake.ProjectID() + ":" + token))

			env := []string{"SIGNALWIRE_SPACE_URL=" + srv.URL,
				"SIGNALWIRE_PROJECT_ID=" + fake.ProjectID(), "SIGNALWIRE_API_TOKEN=" + token}
			providerBody := ""
			if inBlock {
				env[2] = "SIGNALWIRE_API_TOKEN="
				providerBody = fmt.Sprintf("  api_token = %q\n", token)
			}
			work := t.TempDir()
			writeFile(t, filepath.Join(work, "main.tf"), fmt.Sprintf(`terraform {
  required_providers {
    signalwire = {
      source = "seed177019bb/signalwire"
    }
  }
}

provider "signalwire" {
%s}

resource "signalwire_conference_participant" "test" {
  conference_sid = %q
  call_sid       = %q
  muted          = true
}
`, providerBody, conf, call))
			texts, err := traceApply(t, engine, cliConfig, work, env)
			if err != nil {
				t.Fatalf("apply failed: %v\n%s", err, texts["CLI output"])
			}
			if p, ok := fake.Participant(conf, call); !ok || !p.Muted {
				t.Fatalf("the apply did not reach the fake: %+v", p)
			}
			for _, want := range []string{"SignalWire API request", "SignalWire API response"} {
				if !strings.Contains(texts["trace log"], want) {
					t.Errorf("the trace log lacks %q: the provider's logs did not reach it", want)
				}
			}
			expectNoSecrets(t, texts, token, basic)
		})
	}
}

var buildPlugin = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "signalwire-plugin")
	if err != nil {
		return "", err
	}
	build := exec.Command("go", "build", "-o", filepath.Join(dir, "terraform-provider-signalwire"), ".")
	build.Dir = filepath.Join("..", "..")
	if out, err := build.CombinedOutput(); err != nil {
		return "", fmt.Errorf("building the provider: %w\n%s", err, out)
	}
	return dir, nil
})

// pluginEngine returns the engine under test and a CLI config that makes it
// run the provider as a real plugin binary (through dev_overrides, built
// once per test binary), so that the provider's own logs reach TF_LOG_PATH.
func pluginEngine(t *testing.T) (engine, cliConfig string) {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test: set TF_ACC=1")
	}
	engine = os.Getenv("TF_ACC_TERRAFORM_PATH")
	pluginDir, err := buildPlugin()
	if err != nil {
		t.Fatal(err)
	}
	cliConfig = filepath.Join(t.TempDir(), "cli.tfrc")
	writeFile(t, cliConfig, registry.DevOverrides(map[string]string{registry.Source: pluginDir}))
	return engine, cliConfig
}

// traceApply runs `apply` in work with TF_LOG=TRACE and the given settings
// and returns what a secret must never reach: the CLI output, the trace log
// and, when one was written, the state.
func traceApply(t *testing.T, engine, cliConfig, work string, env []string) (map[string]string, error) {
	t.Helper()
	logPath := filepath.Join(work, "trace.log")
	apply := exec.Command(engine, "apply", "-auto-approve", "-input=false", "-no-color")
	apply.Dir = work
	apply.Env = append(cleanEnv(), append(env, "TF_CLI_CONFIG_FILE="+cliConfig, "TF_LOG=TRACE", "TF_LOG_PATH="+logPath)...)
	output, err := apply.CombinedOutput()
	texts := map[string]string{"CLI output": string(output), "trace log": readFile(t, logPath)}
	if state, readErr := os.ReadFile(filepath.Join(work, "terraform.tfstate")); readErr == nil {
		texts["state"] = string(state)
	}
	return texts, err
}

func expectNoSecrets(t *testing.T, texts map[string]string, secrets ...string) {
	t.Helper()
	for label, text := range texts {
		for _, secret := range secrets {
			if n := strings.Count(text, secret); n > 0 {
				t.Errorf("the %s contains the secret %q %d time(s)", label, secret, n)
			}
		}
	}
}

// cleanEnv is the test's environment without the settings the subtests set.
func cleanEnv() []string {
	var out []string
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "SIGNALWIRE_") || strings.HasPrefix(kv, "TF_LOG") || strings.HasPrefix(kv, "TF_CLI_CONFIG_FILE=") {
			continue
		}
		out = append(out, kv)
	}
	return out
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
