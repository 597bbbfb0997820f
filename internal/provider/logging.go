package provider

import (
	"context"
	"os"
	"strings"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// tflogAdapter bridges the client's logger to tflog, so HTTP activity shows
// up under TF_LOG with the request's context (and Terraform's request ids).
type tflogAdapter struct{}

func (tflogAdapter) Debug(ctx context.Context, msg string, fields map[string]any) {
	tflog.Debug(ctx, msg, fields)
}

func (tflogAdapter) Warn(ctx context.Context, msg string, fields map[string]any) {
	tflog.Warn(ctx, msg, fields)
}

// Environment variables that ask for provider logs. Terraform shows a
// provider's log lines only when TF_LOG or TF_LOG_PROVIDER is set; the
// others set the levels of the plugin SDK's own loggers.
var providerLogVars = []string{
	"TF_LOG", "TF_LOG_PROVIDER", "TF_LOG_PROVIDER_SIGNALWIRE",
	"TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK",
}

// quietUnreadLogs turns the plugin SDK's loggers off when nobody will read
// their output. Left unset, they default to TRACE: every RPC writes a dozen
// JSON lines that Terraform parses and, without TF_LOG, throws away, which
// costs about a third of the provider's share of an apply. Any of
// providerLogVars set to a level other than "off" keeps the defaults, and
// so does debug mode, where the provider's own stderr is the reader.
func quietUnreadLogs(debug bool, getenv func(string) string, setenv func(string, string) error) error {
	if debug {
		return nil
	}
	for _, name := range providerLogVars {
		if v := getenv(name); v != "" && !strings.EqualFold(v, "off") {
			return nil
		}
	}
	// The provider's own logger reads TF_LOG_PROVIDER_SIGNALWIRE; the
	// SDK's read the TF_LOG_SDK variables.
	for _, name := range []string{"TF_LOG_PROVIDER_SIGNALWIRE", "TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK"} {
		if err := setenv(name, "off"); err != nil {
			return err
		}
	}
	return nil
}

// QuietUnreadLogs applies quietUnreadLogs to the process environment; main
// calls it before serving, since the SDK reads the variables at start-up.
func QuietUnreadLogs(debug bool) error {
	return quietUnreadLogs(debug, os.Getenv, os.Setenv)
}
