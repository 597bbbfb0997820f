package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"

	"github.com/seed177019bb/terraform-provider-signalwire/internal/sidtypes"
)

// The schema pieces the data sources share.

// participantDataAttributes describes a participant for the data sources.
// With lookup set, conference_sid and call_sid are the inputs of a single
// lookup and account_sid may be given; otherwise every attribute is read-only.
func participantDataAttributes(lookup bool) map[string]schema.Attribute {
	attrs := map[string]schema.Attribute{
		"id": dataString("The participant's id, `<account_sid>/<conference_sid>/<call_sid>`, the same form as the " +
			"`signalwire_conference_participant` resource's id."),
		"account_sid":    dataSID("The account (project) the conference belongs to."),
		"conference_sid": dataSID("The sid of the conference the participant is in."),
		"call_sid":       dataSID("The sid of the participant's call."),
		"muted":          dataBool("Whether the participant is muted, so the conference does not hear them."),
		"hold":           dataBool("Whether the participant is on hold."),
		"coaching":       dataBool("Whether the participant is coaching another call, named by `call_sid_to_coach`."),
		"call_sid_to_coach": dataSID("The sid of the call this participant coaches, or null when it coaches " +
			"no one."),
		"status":                    dataString("The participant's status as the API reports it, such as `in-progress`."),
		"date_created":              dataString("When the participant joined, in RFC 2822 format."),
		"date_updated":              dataString("When the participant was last updated, in RFC 2822 format."),
		"end_conference_on_exit":    dataBool("Whether the conference ends when this participant leaves."),
		"start_conference_on_enter": dataBool("Whether the conference started when this participant entered."),
		"uri":                       dataString("The participant's URI, relative to the API host."),
	}
	if lookup {
		attrs["account_sid"] = accountSIDArgument()
		attrs["conference_sid"] = sidArgument("The sid of the conference to look in.")
		attrs["call_sid"] = sidArgument("The sid of the participant's call.")
	}
	return attrs
}

func dataString(desc string) schema.StringAttribute {
	return schema.StringAttribute{MarkdownDescription: desc, Computed: true}
}

func dataSID(desc string) schema.StringAttribute {
	return schema.StringAttribute{MarkdownDescription: desc, Computed: true, CustomType: sidtypes.SIDType{}}
}

func dataBool(desc string) schema.BoolAttribute {
	return schema.BoolAttribute{MarkdownDescription: desc, Computed: true}
}

func sidArgument(desc string) schema.StringAttribute {
	return schema.StringAttribute{
		MarkdownDescription: desc + " A UUID.",
		Required:            true,
		CustomType:          sidtypes.SIDType{},
	}
}

// accountSIDArgument is the optional account_sid argument of every data
// source: the account the conference belongs to.
func accountSIDArgument() schema.StringAttribute {
	return schema.StringAttribute{
		MarkdownDescription: "The account (project) the conference belongs to. A UUID. Defaults to the provider's `project_id`.",
		Optional:            true,
		Computed:            true,
		CustomType:          sidtypes.SIDType{},
	}
}
