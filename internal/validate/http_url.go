package validate

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/seed177019bb/terraform-provider-signalwire/internal/client"
)

// IsHTTPURL reports whether s is an absolute http or https URL with a host
// and, if it has one, a port from 1 to 65535: the form the API requires for
// every callback URL (error 21402 otherwise), and one SignalWire can fetch.
func IsHTTPURL(s string) bool {
	u, err := url.Parse(s)
	if err != nil || u.Opaque != "" || u.Hostname() == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return false
	}
	if p := u.Port(); p != "" {
		n, err := strconv.Atoi(p)
		return err == nil && n >= 1 && n <= 65535
	}
	return true
}

type httpURLValidator struct{}

// HTTPURL returns a validator that requires an absolute http(s) URL.
func HTTPURL() validator.String {
	return httpURLValidator{}
}

func (httpURLValidator) Description(context.Context) string {
	return "value must be an absolute http or https URL such as https://example.com/hold.xml"
}

func (v httpURLValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

// ValidateString refuses a value IsHTTPURL does not accept. The error repeats
// the value with its credentials, query and fragment redacted, since a
// callback URL may carry a token there.
func (httpURLValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	value := req.ConfigValue.ValueString()
	if IsHTTPURL(value) {
		return
	}
	got := "a value that is not a valid URL"
	if _, err := url.Parse(value); err == nil {
		got = strconv.Quote(client.RedactRawURL(value))
	}
	remedy := "SignalWire fetches this URL itself, so it needs a scheme, a host and, if any, a port from 1 to 65535."
	if strings.TrimSpace(value) != value {
		remedy = "Remove the spaces or line breaks around it."
	}
	resp.Diagnostics.AddAttributeError(req.Path, "Invalid URL",
		fmt.Sprintf("%s must be an absolute http or https URL such as https://example.com/hold.xml, got %s. %s",
			req.Path, got, remedy))
}
