package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
)

var (
	_ datasource.DataSource              = &participantDataSource{}
	_ datasource.DataSourceWithConfigure = &participantDataSource{}
)

type participantDataSource struct {
	dataSourceBase
}

// NewConferenceParticipantDataSource is the signalwire_conference_participant
// data source factory.
func NewConferenceParticipantDataSource() datasource.DataSource {
	return &participantDataSource{dataSourceBase{typeSuffix: "_conference_participant"}}
}

func (d *participantDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one live participant of a conference, by its call, without managing it. " +
			"A participant exists only while its call is connected to the conference, so reading a call that has " +
			"left (or never joined) is an error. To change a participant, use the " +
			"`signalwire_conference_participant` resource.",
		Attributes: participantDataAttributes(true),
	}
}

// Read makes one GET.
func (d *participantDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg participantData
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	account := d.data.accountOrProject(cfg.AccountSID)
	conference, call := cfg.ConferenceSID.ValueString(), cfg.CallSID.ValueString()
	p, err := d.data.client.GetParticipant(ctx, account, conference, call)
	if err != nil {
		resp.Diagnostics.Append(d.data.lookupError("Conference Participant",
			fmt.Sprintf("call %s in conference %s", call, conference),
			fmt.Sprintf("Call %s is not (or no longer) in conference %s: a participant exists only while its call "+
				"is connected. Check that the call is live and that the sids are right", call, conference), err))
		return
	}
	state := flattenParticipant(p)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}
