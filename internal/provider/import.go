package provider

import (
	"fmt"
	"strings"

	"github.com/seed177019bb/terraform-provider-signalwire/internal/sidtypes"
)

const importIDForms = "<conference_sid>/<call_sid> (the account is the provider's project_id) or " +
	"<account_sid>/<conference_sid>/<call_sid>, each a UUID"

// keyPart is one sid of a participant's key, named as in the schema.
type keyPart struct{ name, value string }

// invalidKeyParts lists the parts of a participant's key that are not sids,
// in key order.
func invalidKeyParts(account, conference, call string) []keyPart {
	var bad []keyPart
	for _, part := range []keyPart{{"account_sid", account}, {"conference_sid", conference}, {"call_sid", call}} {
		if !sidtypes.IsValid(part.value) {
			bad = append(bad, part)
		}
	}
	return bad
}

// parseImportID accepts "<conference_sid>/<call_sid>" (account from the
// provider) or "<account_sid>/<conference_sid>/<call_sid>", each sid in any
// case; the spelling given is the spelling kept in state.
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
	if bad := invalidKeyParts(account, conference, call); len(bad) > 0 {
		return "", "", "", fmt.Errorf("import id %q: %s %q is not a UUID; expected %s",
			id, bad[0].name, bad[0].value, importIDForms)
	}
	return account, conference, call, nil
}
