package provider

import (
	"encoding/base64"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestAccSecrets_neverInErrors fails an apply on every path an error can
// take (a space URL with credentials, a query or nothing parseable, a host
// that does not exist, a TLS failure, an HTTP error whose body echoes the
// request, a timeout), with the space URL and the token coming from sensitive
// variables or from the environment, under TF_LOG=TRACE with a real plugin
// binary. The token and its Basic-auth form must appear nowhere in the CLI
// output, the trace log or the state; and the log must hold the error or the
// provider's request lines, so an empty log cannot pass.
func TestAccSecrets_neverInErrors(t *testing.T) {
	engine, cliConfig := pluginEngine(t)
	t.Parallel()
	const project = "7f1c7e7e-4b8a-4c1e-9c52-3f1f0a2b9d10"
	const token = "PTs3cr3t-5e1f0c2d7b9a4e6f"
	const conference, call = "5d0c3b8e-2f4a-4c61-9a7e-1b2c3d4e5f60", "a1b2c3d4-0001-4a5b-8c9d-0e1f2a3b4c5d"

	echo := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusBadGateway)
		fmt.Fprintf(w, "<html><body><h1>Bad Gateway</h1><pre>Authorization: %s\nURL: %s\n%s</pre></body></html>",
			r.Header.Get("Authorization"), r.URL, token)
	}))
	t.Cleanup(echo.Close)
	stalled := httptest.NewServer(http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		select {
		case <-r.Context().Done():
		case <-time.After(time.Minute):
		}
	}))
	t.Cleanup(stalled.Close)
	tlsSrv := httptest.NewUnstartedServer(http.NotFoundHandler())
	tlsSrv.Config.ErrorLog = log.New(io.Discard, "", 0)
	tlsSrv.StartTLS()
	t.Cleanup(tlsSrv.Close)

	paths := []struct {
		name, space, want, inLog string
	}{
		{"userinfo", "https://" + project + ":" + token + "@example.signalwire.com", "must not contain credentials", "Invalid SignalWire Space URL"},
		{"query", "https://example.signalwire.com/?api_token=" + token, "must not contain a query", "Invalid SignalWire Space URL"},
		{"unparseable", "https://" + project + ":" + token, "is not a valid URL", "Invalid SignalWire Space URL"},
		{"dns", "https://space.invalid", "No answer came from the API", "SignalWire API request"},
		{"tls", tlsSrv.URL, "certificate", "SignalWire API request"},
		{"http error", echo.URL, "with a body that is not an API error", "SignalWire API response"},
		{"timeout", stalled.URL, "did not finish within its 2s timeout", "SignalWire API request"},
	}
	basic := base64.StdEncoding.EncodeToString([]byte(project + ":" + token))
	for _, p := range paths {
		for _, source := range []string{"sensitive variables", "environment"} {
			t.Run(p.name+" from "+source, func(t *testing.T) {
				t.Parallel()
				env := []string{"TF_VAR_space_url=" + p.space, "TF_VAR_api_token=" + token}
				if source == "environment" {
					env = []string{"SIGNALWIRE_SPACE_URL=" + p.space, "SIGNALWIRE_API_TOKEN=" + token}
				}
				work := t.TempDir()
				writeFile(t, filepath.Join(work, "main.tf"), secretsConfig(project, conference, call))
				texts, err := traceApply(t, engine, cliConfig, work, env)
				if err == nil || !strings.Contains(strings.Join(strings.Fields(texts["CLI output"]), " "), p.want) {
					t.Fatalf("apply: %v, want a failure saying %q:\n%s", err, p.want, texts["CLI output"])
				}
				if !strings.Contains(texts["trace log"], p.inLog) {
					t.Errorf("the trace log lacks %q: it did not record the failure", p.inLog)
				}
				expectNoSecrets(t, texts, token, basic)
			})
		}
	}
}

func secretsConfig(project, conference, call string) string {
	return fmt.Sprintf(`terraform {
  required_providers {
    signalwire = {
      source = "seed177019bb/signalwire"
    }
  }
}

variable "space_url" {
  type      = string
  sensitive = true
  default   = null
}

variable "api_token" {
  type      = string
  sensitive = true
  default   = null
}

provider "signalwire" {
  space_url   = var.space_url
  project_id  = %q
  api_token   = var.api_token
  max_retries = 0
}

resource "signalwire_conference_participant" "test" {
  conference_sid = %q
  call_sid       = %q
  muted          = true
  timeouts {
    create = "2s"
  }
}
`, project, conference, call)
}
