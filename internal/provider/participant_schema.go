package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/seed177019bb/terraform-provider-signalwire/internal/sidtypes"
	"github.com/seed177019bb/terraform-provider-signalwire/internal/validate"
)

func (r *participantResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = participantSchema(ctx)
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

// participantSchema is the signalwire_conference_participant schema; ImportState reads its defaults.
func participantSchema(ctx context.Context) schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Sets how a live participant of a SignalWire conference is treated: muted, on hold with " +
			"hold music, coaching another call, announcement and wait music. The API has no create endpoint, so " +
			"creating this resource adopts a participant whose call is already connected to the conference and applies " +
			"the configured settings to it; the configuration is the participant's whole desired state. When the call " +
			"leaves the conference the participant no longer exists, and the next refresh removes it from state.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The participant's id, `<account_sid>/<conference_sid>/<call_sid>`, in lower case " +
					"whatever the case of the configured sids.",
				Computed:      true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"account_sid":    accountSIDAttribute(),
			"conference_sid": sidAttribute("The sid of the conference the participant is in."),
			"call_sid":       sidAttribute("The sid of the participant's call."),
			"muted":          flagAttribute("Whether the participant is muted, so the conference does not hear them."),
			"hold": flagAttribute("Whether the participant is on hold. While on hold they hear `hold_url` " +
				"(or the default hold music) instead of the conference."),
			"coaching": flagAttribute("Whether the participant coaches the call named by `call_sid_to_coach`: " +
				"only that call hears them. Requires `call_sid_to_coach`."),
			"call_sid_to_coach": schema.StringAttribute{
				MarkdownDescription: "The sid of the call in the same conference that this participant coaches. " +
					"Required when `coaching` is `true`, and must be unset otherwise; it cannot be the participant's own `call_sid`.",
				Optional:   true,
				CustomType: sidtypes.SIDType{},
			},
			"announce_url": urlAttribute("A URL returning LaML or an audio file to announce to the participant. " +
				"The announcement plays every time this URL is sent, which happens on create and whenever the URL " +
				"itself changes; other changes never replay it. " + announceRetries()),
			"announce_method": methodAttribute("The HTTP method used to fetch `announce_url`.", defaultAnnounceMethod),
			"hold_url":        urlAttribute("A URL returning LaML or an audio file to play while the participant is on hold."),
			"hold_method":     methodAttribute("The HTTP method used to fetch `hold_url`.", defaultHoldMethod),
			"wait_url": urlAttribute("A URL returning LaML or an audio file to play while the conference " +
				"has not yet started."),
			"wait_method": methodAttribute("The HTTP method used to fetch `wait_url`.", defaultWaitMethod),
			"on_destroy": schema.StringAttribute{
				MarkdownDescription: "What destroying this resource does to the live participant: " +
					"`keep` leaves the call untouched and only forgets it; `reset` unmutes it, takes it off hold and stops " +
					"coaching; `remove` takes it out of the conference, which disconnects the call from it. " +
					"Allowed values: " + quotedList(onDestroyModes) + ". Defaults to `" + onDestroyKeep + "`.",
				Optional:   true,
				Computed:   true,
				Default:    stringdefault.StaticString(onDestroyKeep),
				Validators: []validator.String{stringvalidator.OneOf(onDestroyModes...)},
			},
			"status":                    computedString("The participant's status as the API reports it, such as `in-progress`."),
			"date_created":              stableString("When the participant joined, in RFC 2822 format."),
			"date_updated":              computedString("When the participant was last updated, in RFC 2822 format."),
			"end_conference_on_exit":    computedBool("Whether the conference ends when this participant leaves."),
			"start_conference_on_enter": computedBool("Whether the conference started when this participant entered."),
			"uri":                       stableString("The participant's URI, relative to the API host."),
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Read: true, Update: true, Delete: true}),
		},
	}
}

// accountSIDAttribute is account_sid of a resource; its default and
// replacement are planned by planAccountSID.
func accountSIDAttribute() schema.StringAttribute {
	return schema.StringAttribute{
		MarkdownDescription: "The account (project) the conference belongs to, a UUID in any case. Defaults to the " +
			"provider's `project_id`. Changing it to another account replaces the resource.",
		Optional:   true,
		Computed:   true,
		CustomType: sidtypes.SIDType{},
	}
}

func sidAttribute(desc string) schema.StringAttribute {
	return schema.StringAttribute{
		MarkdownDescription: desc + " A UUID, in any case. Changing it to another sid replaces the resource.",
		Required:            true,
		CustomType:          sidtypes.SIDType{},
		PlanModifiers:       []planmodifier.String{requiresReplaceOtherSID()},
	}
}

// requiresReplaceOtherSID replaces the resource when a sid names another
// object, but not when only its spelling changed: that is the same UUID.
func requiresReplaceOtherSID() planmodifier.String {
	const desc = "Changing the sid to another UUID replaces the resource; changing only its case does not."
	return stringplanmodifier.RequiresReplaceIf(func(_ context.Context, req planmodifier.StringRequest, resp *stringplanmodifier.RequiresReplaceIfFuncResponse) {
		resp.RequiresReplace = req.PlanValue.IsUnknown() || !sidtypes.Same(req.StateValue.ValueString(), req.PlanValue.ValueString())
	}, desc, desc)
}

func flagAttribute(desc string) schema.BoolAttribute {
	return schema.BoolAttribute{
		MarkdownDescription: desc + " Defaults to `false`; removing the attribute restores the default.",
		Optional:            true,
		Computed:            true,
		Default:             booldefault.StaticBool(false),
	}
}

func urlAttribute(desc string) schema.StringAttribute {
	return schema.StringAttribute{
		MarkdownDescription: desc + " Must be an absolute `http` or `https` URL. The API never returns it, so " +
			"state keeps the configured value and drift in it cannot be detected.",
		Optional:   true,
		Validators: []validator.String{validate.HTTPURL()},
	}
}

func methodAttribute(desc, def string) schema.StringAttribute {
	return schema.StringAttribute{
		MarkdownDescription: desc + " Allowed values: " + quotedList(httpMethods) + ". Defaults to `" + def + "`.",
		Optional:            true,
		Computed:            true,
		Default:             stringdefault.StaticString(def),
		Validators:          []validator.String{stringvalidator.OneOf(httpMethods...)},
	}
}

func computedString(desc string) schema.StringAttribute {
	return schema.StringAttribute{MarkdownDescription: desc, Computed: true}
}

// stableString is a computed value that never changes for a participant, so
// plans keep showing it instead of "known after apply".
func stableString(desc string) schema.StringAttribute {
	return schema.StringAttribute{
		MarkdownDescription: desc,
		Computed:            true,
		PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
	}
}

func computedBool(desc string) schema.BoolAttribute {
	return schema.BoolAttribute{
		MarkdownDescription: desc,
		Computed:            true,
		PlanModifiers:       []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()},
	}
}

func quotedList(values []string) string {
	s := ""
	for i, v := range values {
		if i > 0 {
			s += ", "
		}
		s += "`" + v + "`"
	}
	return s
}
