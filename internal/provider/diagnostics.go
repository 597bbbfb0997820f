package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/seed177019bb/terraform-provider-signalwire/internal/client"
)

// participantError turns a client error into a diagnostic a person can act
// on, naming the operation and the participant.
func participantError(ctx context.Context, op string, m *participantModel, timeout time.Duration, err error) diag.Diagnostic {
	summary := fmt.Sprintf("Unable to %s Conference Participant", op)
	who := m.description()
	if errors.Is(err, context.DeadlineExceeded) && ctx.Err() != nil {
		return diag.NewErrorDiagnostic(summary, fmt.Sprintf(
			"%s of %s did not finish within its %s timeout. Raise timeouts.%s if the API is slow, or try again.",
			op, who, timeout, strings.ToLower(op)))
	}
	apiErr, ok := client.AsAPIError(err)
	switch {
	case ok && apiErr.IsNotFound() && op == "Create":
		return diag.NewErrorDiagnostic(summary, fmt.Sprintf(
			"The API found no %s (code %d, HTTP %d). A participant exists only while its call is connected to the "+
				"conference: check that the call is live and in this conference, and that the sids are right.",
			who, apiErr.Code, apiErr.StatusCode))
	case ok && apiErr.IsUnauthorized():
		return diag.NewErrorDiagnostic(summary, fmt.Sprintf(
			"The API rejected the credentials for %s (code %d, HTTP %d): %s. Check project_id and api_token "+
				"(or %s and %s) and that the token has the Voice scope.",
			who, apiErr.Code, apiErr.StatusCode, apiErr.Message, envProjectID, envAPIToken))
	case ok:
		return diag.NewErrorDiagnostic(summary, fmt.Sprintf(
			"The API answered %s with HTTP %d, code %d: %s. See %s.",
			who, apiErr.StatusCode, apiErr.Code, apiErr.Message, moreInfo(apiErr)))
	}
	return diag.NewErrorDiagnostic(summary, fmt.Sprintf("Request for %s failed: %s", who, err))
}

func moreInfo(e *client.APIError) string {
	if e.MoreInfo != "" {
		return e.MoreInfo
	}
	return "https://signalwire.com/docs/compatibility-api/reference/errors"
}

func unexpectedProviderData(data any) diag.Diagnostic {
	return diag.NewErrorDiagnostic("Unexpected Provider Data",
		fmt.Sprintf("Expected *providerData, got %T. This is a bug in the provider; please report it.", data))
}
