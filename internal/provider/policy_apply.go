package provider

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"sync/atomic"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"golang.org/x/sync/errgroup"

	"github.com/seed177019bb/terraform-provider-signalwire/internal/client"
)

// policyConcurrency is how many participant requests a policy has in flight
// at once: as many as Terraform's default -parallelism runs resources, so a
// policy over N participants costs the API no more at once than N
// signalwire_conference_participant resources would.
const policyConcurrency = 10

// updateOutcome is what happened to a batch of participant updates.
type updateOutcome struct {
	done map[string]bool // applied
	gone map[string]bool // the call had left the conference: nothing to do
	// failed holds the first error and any that were already in flight; the
	// updates not yet sent when it came are neither done nor failed.
	failed map[string]error
}

// sendUpdates sends each update once, policyConcurrency at a time. A
// participant the API shows has left is skipped, not an error. After the first
// error no further update is started, so the user fixes one cause and
// applies again rather than reading the same error N times.
func (d *providerData) sendUpdates(ctx context.Context, account, conference string, updates []participantUpdate) updateOutcome {
	errs := make([]error, len(updates))
	sent := make([]bool, len(updates))
	var stop atomic.Bool
	var g errgroup.Group
	g.SetLimit(policyConcurrency)
	send := func(i int) {
		if stop.Load() || ctx.Err() != nil {
			return
		}
		sent[i] = true
		_, errs[i] = d.client.UpdateParticipant(ctx, account, conference, updates[i].call, updates[i].params)
		errs[i] = d.resolveUpdate(ctx, account, conference, updates[i], errs[i])
		if !applied(errs[i]) && !client.IsParticipantGone(errs[i]) {
			stop.Store(true)
		}
	}
	for i := range updates {
		g.Go(func() error { send(i); return nil })
	}
	_ = g.Wait() // send reports through errs
	out := updateOutcome{done: map[string]bool{}, gone: map[string]bool{}, failed: map[string]error{}}
	for i, u := range updates {
		switch {
		case !sent[i]:
		case applied(errs[i]):
			out.done[u.call] = true
		case client.IsParticipantGone(errs[i]):
			out.gone[u.call] = true
		default:
			out.failed[u.call] = errs[i]
		}
	}
	if len(out.failed) == 0 && ctx.Err() != nil && len(out.done)+len(out.gone) < len(updates) {
		out.failed[""] = ctx.Err()
	}
	return out
}

// resolveUpdate settles an update whose connection broke after it was sent
// with one read of the participant: if it now has every setting the update
// carried, the update counts as applied (nil), so state records that the
// policy changed it and on_destroy = "reset" undoes it; if the call has left,
// the read's error says so. Otherwise, or when the read fails, err stands.
// Policy updates carry no announcement, so reading cannot replay one.
func (d *providerData) resolveUpdate(ctx context.Context, account, conference string, u participantUpdate, err error) error {
	var unknown *client.OutcomeUnknownError
	if !errors.As(err, &unknown) || unknown.Processed {
		return err
	}
	p, readErr := d.client.GetParticipant(ctx, account, conference, u.call)
	switch {
	case client.IsParticipantGone(readErr):
		return readErr
	case readErr != nil:
		return err
	case (u.params.Muted == nil || *u.params.Muted == p.Muted) && (u.params.Hold == nil || *u.params.Hold == p.Hold):
		return nil
	}
	return err
}

// applied reports whether an update was applied: it succeeded, or the API
// answered 2xx with an answer that cannot be used. An update whose
// connection broke after it was sent and that resolveUpdate could not
// confirm counts as failed.
func applied(err error) bool {
	var unknown *client.OutcomeUnknownError
	return err == nil || (errors.As(err, &unknown) && unknown.Processed)
}

// diagnostics reports each failed update, and how much was applied.
func (o updateOutcome) diagnostics(ctx context.Context, d *providerData, op, conference string, total int, timeout time.Duration) diag.Diagnostics {
	var diags diag.Diagnostics
	for _, call := range slices.Sorted(maps.Keys(o.failed)) {
		err := o.failed[call]
		who := "the participants of conference " + conference
		if call != "" {
			who = fmt.Sprintf("call %s in conference %s", call, conference)
		}
		diags.Append(d.policyError(ctx, op, who, timeout, err))
	}
	if len(o.failed) > 0 && len(o.done) > 0 {
		diags.AddWarning("Conference Participant Policy Partly Applied", fmt.Sprintf(
			"%d of %d participant update(s) were applied before the error and are recorded in state; the rest "+
				"were not sent. Apply again once the error is resolved to send them.", len(o.done), total))
	}
	return diags
}

// settle is the participants map after a batch: planned entries for the
// participants updated or gone (a departed one keeps its planned value until
// the next refresh drops it), and recorded entries for those not updated.
func (o updateOutcome) settle(updates []participantUpdate, recorded, planned map[string]policyEntry) map[string]policyEntry {
	out := make(map[string]policyEntry, len(planned))
	for call, e := range planned {
		out[call] = e
	}
	for _, u := range updates {
		if !o.done[u.call] && !o.gone[u.call] {
			out[u.call] = recorded[u.call]
		}
	}
	return out
}

// advance brings the roster up to date with the batch: updated participants
// as planned. A departed one is recorded as planned too, like its entry, so
// that a plan without refresh stays empty; the next refresh drops both.
func (o updateOutcome) advance(r roster, planned map[string]policyEntry) {
	for _, done := range []map[string]bool{o.done, o.gone} {
		for call := range done {
			p := r[call]
			p.Muted, p.Hold = planned[call].Muted, planned[call].Hold
			r[call] = p
		}
	}
}
