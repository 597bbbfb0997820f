package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/seed177019bb/terraform-provider-signalwire/internal/client"
	"github.com/seed177019bb/terraform-provider-signalwire/internal/sidtypes"
)

const defaultConferenceStatus = "in-progress"

var conferenceStatuses = []string{"init", "in-progress", "completed"}

var (
	_ datasource.DataSource                     = &conferenceDataSource{}
	_ datasource.DataSourceWithConfigure        = &conferenceDataSource{}
	_ datasource.DataSourceWithConfigValidators = &conferenceDataSource{}
)

type conferenceDataSource struct {
	dataSourceBase
}

type conferenceDataModel struct {
	ID           types.String `tfsdk:"id"`
	AccountSID   sidtypes.SID `tfsdk:"account_sid"`
	SID          sidtypes.SID `tfsdk:"sid"`
	FriendlyName types.String `tfsdk:"friendly_name"`
	Status       types.String `tfsdk:"status"`
	Region       types.String `tfsdk:"region"`
	DateCreated  types.String `tfsdk:"date_created"`
	DateUpdated  types.String `tfsdk:"date_updated"`
	URI          types.String `tfsdk:"uri"`
}

// NewConferenceDataSource is the signalwire_conference data source factory.
func NewConferenceDataSource() datasource.DataSource {
	return &conferenceDataSource{dataSourceBase{typeSuffix: "_conference"}}
}

func (d *conferenceDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Looks up one conference, by `sid` or by `friendly_name`. A lookup by name must find " +
			"exactly one conference with that name and `status`; finding none or several is an error that says how " +
			"many were found. Use it to find the conference whose participants " +
			"`signalwire_conference_participants` lists or `signalwire_conference_participant` manages.",
		Attributes: map[string]schema.Attribute{
			"id": dataString("The conference's sid, as the API spells it (lower case)."),
			"sid": schema.StringAttribute{
				MarkdownDescription: "The sid of the conference to look up, a UUID. Exactly one of `sid` and " +
					"`friendly_name` must be set; when `friendly_name` is set, this is the sid found.",
				Optional:   true,
				Computed:   true,
				CustomType: sidtypes.SIDType{},
			},
			"friendly_name": schema.StringAttribute{
				MarkdownDescription: "The name of the conference to look up, matched exactly (at most 64 characters). " +
					"Exactly one of `sid` and `friendly_name` must be set; when `sid` is set, this is the conference's name.",
				Optional:   true,
				Computed:   true,
				Validators: []validator.String{stringvalidator.LengthBetween(1, 64)},
			},
			"status": schema.StringAttribute{
				MarkdownDescription: "With `friendly_name`, only a conference with this status matches. Allowed values: " +
					quotedList(conferenceStatuses) + ". Defaults to `" + defaultConferenceStatus + "`, so a finished " +
					"conference that reused the name is not found. Cannot be set with `sid`; then it is the status the " +
					"conference has.",
				Optional: true,
				Computed: true,
				Validators: []validator.String{
					stringvalidator.OneOf(conferenceStatuses...),
					stringvalidator.ConflictsWith(path.MatchRoot("sid")),
				},
			},
			"account_sid":  accountSIDArgument(),
			"region":       dataString("The region the conference runs in, such as `us1`."),
			"date_created": dataString("When the conference was created, in RFC 2822 format."),
			"date_updated": dataString("When the conference was last updated, in RFC 2822 format."),
			"uri":          dataString("The conference's URI, relative to the API host."),
		},
	}
}

func (d *conferenceDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{
		datasourcevalidator.ExactlyOneOf(path.MatchRoot("sid"), path.MatchRoot("friendly_name")),
	}
}

// Read makes one GET by sid, or one GET per page of the filtered list by name.
func (d *conferenceDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg conferenceDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	account := d.data.accountOrProject(cfg.AccountSID)
	var conf *client.Conference
	if !cfg.SID.IsNull() {
		var err error
		conf, err = d.data.client.GetConference(ctx, account, cfg.SID.ValueString())
		if err != nil {
			resp.Diagnostics.Append(d.data.lookupError("Conference", "conference "+cfg.SID.ValueString(),
				noConferenceDetail(cfg.SID.ValueString(), account, "sid"), err))
			return
		}
	} else {
		conf = d.findByName(ctx, account, &cfg, resp)
		if conf == nil {
			return
		}
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, flattenConference(conf))...)
}

func (d *conferenceDataSource) findByName(ctx context.Context, account string, cfg *conferenceDataModel, resp *datasource.ReadResponse) *client.Conference {
	name := cfg.FriendlyName.ValueString()
	status := defaultConferenceStatus
	if !cfg.Status.IsNull() {
		status = cfg.Status.ValueString()
	}
	found, err := d.data.client.ListConferences(ctx, account, client.ConferenceListFilter{
		FriendlyName: name,
		Status:       status,
	})
	if err != nil {
		resp.Diagnostics.Append(d.data.lookupError("Conference", fmt.Sprintf("conferences named %q", name),
			fmt.Sprintf("The API found no account %s to list conferences in; check account_sid", account), err))
		return nil
	}
	if len(found) != 1 {
		resp.Diagnostics.Append(conferenceMatchError(name, status, len(found)))
		return nil
	}
	return &found[0]
}

func flattenConference(c *client.Conference) *conferenceDataModel {
	return &conferenceDataModel{
		ID:           types.StringValue(c.SID),
		AccountSID:   sidtypes.NewSIDValue(c.AccountSID),
		SID:          sidtypes.NewSIDValue(c.SID),
		FriendlyName: types.StringValue(c.FriendlyName),
		Status:       types.StringValue(c.Status),
		Region:       types.StringValue(c.Region),
		DateCreated:  types.StringValue(c.DateCreated.String()),
		DateUpdated:  types.StringValue(c.DateUpdated.String()),
		URI:          types.StringValue(c.URI),
	}
}
