package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/seed177019bb/terraform-provider-signalwire/internal/sidtypes"
)

// participantIdentity names a participant for import blocks with identity
// (Terraform 1.12 and later, OpenTofu 1.12 and later).
type participantIdentity struct {
	AccountSID    types.String `tfsdk:"account_sid"`
	ConferenceSID types.String `tfsdk:"conference_sid"`
	CallSID       types.String `tfsdk:"call_sid"`
}

func (r *participantResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identityschema.Schema{
		Attributes: map[string]identityschema.Attribute{
			"account_sid": identityschema.StringAttribute{
				Description:       "The account (project) the conference belongs to. Defaults to the provider's project_id.",
				OptionalForImport: true,
			},
			"conference_sid": identityschema.StringAttribute{
				Description:       "The sid of the conference the participant is in.",
				RequiredForImport: true,
			},
			"call_sid": identityschema.StringAttribute{
				Description:       "The sid of the participant's call.",
				RequiredForImport: true,
			},
		},
	}
}

// newParticipantIdentity is the identity of a participant, in the API's
// spelling: Terraform and the framework compare identities exactly, so one
// that followed the configured spelling would "change" when only the case
// of a sid did.
func newParticipantIdentity(account, conference, call string) participantIdentity {
	return participantIdentity{
		AccountSID:    types.StringValue(sidtypes.Canonical(account)),
		ConferenceSID: types.StringValue(sidtypes.Canonical(conference)),
		CallSID:       types.StringValue(sidtypes.Canonical(call)),
	}
}

// setIdentity records the participant's identity. It is set on every Read
// too, including the one that drops a departed participant, because the
// framework requires an identity after each read and Terraform before 1.12
// never stores one.
func setIdentity(ctx context.Context, identity *tfsdk.ResourceIdentity, m *participantModel) diag.Diagnostics {
	if identity == nil {
		return nil
	}
	return identity.Set(ctx, newParticipantIdentity(m.key()))
}

// importKey reads the participant's key from the import id or, for an import
// block with identity, from the identity; a missing account is the
// provider's project.
func (r *participantResource) importKey(ctx context.Context, req resource.ImportStateRequest) (account, conference, call string, diags diag.Diagnostics) {
	var defaultAccount string
	if r.data != nil {
		defaultAccount = r.data.projectID
	}
	if req.ID != "" || req.Identity == nil || req.Identity.Raw.IsFullyNull() {
		account, sids, err := parseImportID(req.ID, defaultAccount, participantKeyNames...)
		if err != nil {
			diags.AddError("Invalid Import ID", err.Error())
			return "", "", "", diags
		}
		return account, sids[0], sids[1], diags
	}
	var id participantIdentity
	if diags.Append(req.Identity.Get(ctx, &id)...); diags.HasError() {
		return "", "", "", diags
	}
	account = defaultAccount
	if !id.AccountSID.IsNull() && id.AccountSID.ValueString() != "" {
		account = id.AccountSID.ValueString()
	}
	conference, call = id.ConferenceSID.ValueString(), id.CallSID.ValueString()
	for _, part := range invalidKeyParts(participantKeyNames, account, conference, call) {
		diags.AddError("Invalid Import Identity", fmt.Sprintf(
			"identity.%s %q is not a UUID. Set conference_sid and call_sid (and optionally account_sid, "+
				"which defaults to the provider's project_id) to UUIDs such as %s.",
			part.name, part.value, sidtypes.Example))
	}
	return account, conference, call, diags
}
