package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/seed177019bb/terraform-provider-signalwire/internal/sidtypes"
	"github.com/seed177019bb/terraform-provider-signalwire/internal/validate"
)

func (r *policyResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = policySchema(ctx)
}

// policySchema is the signalwire_conference_participant_policy schema; ImportState reads its defaults.
func policySchema(ctx context.Context) schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Sets everyone in a SignalWire conference the same way, following who joins: mutes or " +
			"holds every participant except the calls it excludes. Each refresh lists the conference's participants " +
			"(one request per 1,000); a plan shows exactly the participants out of line with the policy, and apply " +
			"sends one request to each of them and to no one else. Participants who join later are covered by the " +
			"next plan; those who leave drop out of `participants` at the next refresh.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The policy's id, `<account_sid>/<conference_sid>`, in lower case whatever the case " +
					"of the configured sids.",
				Computed:      true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"account_sid":    accountSIDAttribute(),
			"conference_sid": sidAttribute("The sid of the conference whose participants the policy sets."),
			"muted": schema.BoolAttribute{
				MarkdownDescription: "Whether every covered participant is muted, so the conference does not hear them. " +
					"Unset, the policy leaves muting alone. At least one of `muted` and `hold` must be set.",
				Optional: true,
			},
			"hold": schema.BoolAttribute{
				MarkdownDescription: "Whether every covered participant is on hold, hearing `hold_url` (or the default " +
					"hold music) instead of the conference. Unset, the policy leaves hold alone.",
				Optional: true,
			},
			"hold_url": urlAttribute("A URL returning LaML or an audio file to play to a participant the policy puts " +
				"on hold. It is sent with each request that puts a participant on hold, so a new URL reaches the " +
				"participants put on hold from then on, not those already on hold."),
			"hold_method": methodAttribute("The HTTP method used to fetch `hold_url`.", defaultHoldMethod),
			"exclude_call_sids": schema.SetAttribute{
				MarkdownDescription: "Calls the policy leaves alone, each a UUID in any case: the speaker of a webinar, say, and " +
					"every call managed by a `signalwire_conference_participant` resource. A call may be listed before " +
					"it joins. Excluding a call the policy changed leaves it as it is.",
				ElementType: sidtypes.SIDType{},
				Optional:    true,
				Validators:  []validator.Set{validate.SIDs()},
			},
			"exclude_moderators": schema.BoolAttribute{
				MarkdownDescription: "When `true`, the policy also leaves alone every participant whose " +
					"`start_conference_on_enter` is `true`: the hosts and moderators the conference waits for. " +
					"Defaults to `false`.",
				Optional: true,
				Computed: true,
				Default:  booldefault.StaticBool(false),
			},
			"on_destroy": schema.StringAttribute{
				MarkdownDescription: "What destroying the policy does to the participants: `keep` leaves everyone " +
					"as they are; `reset` unmutes the participants the policy muted and takes off hold those it put on " +
					"hold (the entries of `participants` with `muted_by_policy` or `held_by_policy`), one request each. " +
					"Allowed values: " + quotedList(policyOnDestroyModes) + ". Defaults to `" + onDestroyKeep + "`.",
				Optional:   true,
				Computed:   true,
				Default:    stringdefault.StaticString(onDestroyKeep),
				Validators: []validator.String{stringvalidator.OneOf(policyOnDestroyModes...)},
			},
			"participants": schema.MapNestedAttribute{
				MarkdownDescription: "The covered participants, keyed by call sid: as the API reported them at the " +
					"last refresh, and as apply will leave them in a plan. Excluded calls are not listed.",
				Computed: true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"muted": readOnlyBool("Whether the participant is muted."),
					"hold":  readOnlyBool("Whether the participant is on hold."),
					"muted_by_policy": readOnlyBool("Whether the policy muted the participant, which is still " +
						"muted; `on_destroy = \"reset\"` unmutes it."),
					"held_by_policy": readOnlyBool("Whether the policy put the participant on hold, where it " +
						"still is; `on_destroy = \"reset\"` takes it off hold."),
				}},
			},
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Read: true, Update: true, Delete: true}),
		},
	}
}

// readOnlyBool is a value only the provider sets; ModifyPlan plans it.
func readOnlyBool(desc string) schema.BoolAttribute {
	return schema.BoolAttribute{MarkdownDescription: desc, Computed: true}
}
