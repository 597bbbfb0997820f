package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/seed177019bb/terraform-provider-signalwire/internal/client"
	"github.com/seed177019bb/terraform-provider-signalwire/internal/sidtypes"
)

var (
	_ datasource.DataSource              = &participantsDataSource{}
	_ datasource.DataSourceWithConfigure = &participantsDataSource{}
)

type participantsDataSource struct {
	dataSourceBase
}

type participantsDataModel struct {
	ID            types.String      `tfsdk:"id"`
	AccountSID    sidtypes.SID      `tfsdk:"account_sid"`
	ConferenceSID sidtypes.SID      `tfsdk:"conference_sid"`
	Muted         types.Bool        `tfsdk:"muted"`
	Hold          types.Bool        `tfsdk:"hold"`
	Participants  []participantData `tfsdk:"participants"`
	CallSIDs      []string          `tfsdk:"call_sids"`
}

// NewConferenceParticipantsDataSource is the
// signalwire_conference_participants data source factory.
func NewConferenceParticipantsDataSource() datasource.DataSource {
	return &participantsDataSource{dataSourceBase{typeSuffix: "_conference_participants"}}
}

func (d *participantsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the participants of a conference, optionally only those muted or not, on hold " +
			"or not. The filters are applied by the API. Every page is read, 1,000 participants per request, so the " +
			"list is complete. To set many participants the same way, use " +
			"`signalwire_conference_participant_policy`, which follows who joins and leaves.",
		Attributes: map[string]schema.Attribute{
			"id":             dataString("`<account_sid>/<conference_sid>`, in lower case."),
			"account_sid":    accountSIDArgument(),
			"conference_sid": sidArgument("The sid of the conference whose participants to list."),
			"muted": schema.BoolAttribute{
				MarkdownDescription: "When set, only participants whose `muted` equals this value are listed. " +
					"Unset by default: muted or not.",
				Optional: true,
			},
			"hold": schema.BoolAttribute{
				MarkdownDescription: "When set, only participants whose `hold` equals this value are listed. " +
					"Unset by default: on hold or not.",
				Optional: true,
			},
			"participants": schema.ListNestedAttribute{
				MarkdownDescription: "The matching participants, in the order they joined (oldest first).",
				Computed:            true,
				NestedObject:        schema.NestedAttributeObject{Attributes: participantDataAttributes(false)},
			},
			// Terraform's override_data cannot set a list of nested objects
			// (hashicorp/terraform#38369), so a test that mocks who is in a
			// conference needs this plain list.
			"call_sids": schema.ListAttribute{
				MarkdownDescription: "The `call_sid` of each of `participants`, in the same order: the plain list " +
					"that `for_each`, `contains()` and a `terraform test` `override_data` block take.",
				ElementType: types.StringType,
				Computed:    true,
			},
		},
	}
}

// Read makes one GET per page of up to 1,000 participants.
func (d *participantsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg participantsDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	account := d.data.accountOrProject(cfg.AccountSID)
	conference := cfg.ConferenceSID.ValueString()
	list, err := d.data.client.ListParticipants(ctx, account, conference, client.ParticipantListFilter{
		Muted: cfg.Muted.ValueBoolPointer(),
		Hold:  cfg.Hold.ValueBoolPointer(),
	})
	if err != nil {
		resp.Diagnostics.Append(d.data.lookupError("Conference Participants", "the participants of conference "+conference,
			noConferenceDetail(conference, account, "conference_sid"), err))
		return
	}
	cfg.ID = types.StringValue(sidtypes.Canonical(account + "/" + conference))
	cfg.AccountSID = sidtypes.NewSIDValue(account)
	cfg.Participants = make([]participantData, len(list))
	cfg.CallSIDs = make([]string, len(list))
	for i := range list {
		cfg.Participants[i] = flattenParticipant(&list[i])
		cfg.CallSIDs[i] = list[i].CallSID
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &cfg)...)
}
