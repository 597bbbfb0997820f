package provider

import (
	"fmt"
	"strings"

	"github.com/seed177019bb/terraform-provider-signalwire/internal/validate"
)

const importIDForms = "<conference_sid>/<call_sid> (the account is the provider's project_id) or " +
	"<account_sid>/<conference_sid>/<call_sid>, each a UUID"

// parseImportID accepts "<conference_sid>/<call_sid>" (account from the
// provider) or "<account_sid>/<conference_sid>/<call_sid>".
func parseImportID(id, defaultAccount string) (account, conference, call string, err error) {
	parts := strings.Split(id, "/")
	switch len(parts) {
	case 2:
		account, conference, call = defaultAccount, parts[0], parts[1]
	case 3:
		account, conference, call = parts[0], parts[1], parts[2]
	default:
		return "", "", "", fmt.Errorf("import id %q has %d part(s); expected %s", id, len(parts), importIDForms)
	}
	for _, part := range []struct{ name, value string }{
		{"account_sid", account}, {"conference_sid", conference}, {"call_sid", call},
	} {
		if !validate.IsUUID(part.value) {
			return "", "", "", fmt.Errorf("import id %q: %s %q is not a UUID; expected %s",
				id, part.name, part.value, importIDForms)
		}
	}
	return account, conference, call, nil
}
