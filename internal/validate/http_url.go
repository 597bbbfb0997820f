package validate

import (
	"context"
	"fmt"
	"net/url"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// IsHTTPURL reports whether s is an absolute http or https URL with a host,
// the form the API requires for every callback URL (error 21402 otherwise).
func IsHTTPURL(s string) bool {
	u, err := url.Parse(s)
	if err != nil {
		return false
	}
	return (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" && u.Opaque == ""
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

func (httpURLValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if IsHTTPURL(req.ConfigValue.ValueString()) {
		return
	}
	resp.Diagnostics.AddAttributeError(req.Path, "Invalid URL",
		fmt.Sprintf("%s must be an absolute http or https URL such as https://example.com/hold.xml, got %q. "+
			"SignalWire fetches this URL itself, so it needs a scheme and a host.",
			req.Path, req.ConfigValue.ValueString()))
}
