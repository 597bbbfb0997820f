package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
)

// ErrUnusableAnswer is wrapped into the error of a request the API answered
// with a 2xx whose body cannot be used: empty, cut short, not JSON, or
// without a member the OpenAPI document requires. The API processed the
// request; only its answer is lost.
var ErrUnusableAnswer = errors.New("the API's answer cannot be used")

// OutcomeUnknownError is a participant update whose answer does not tell
// what happened: a 2xx that cannot be used (Processed), or a connection
// lost after the request was sent, when the API may or may not have
// processed it. Read the participant to learn the outcome rather than
// sending the update again, which would replay an announcement.
type OutcomeUnknownError struct {
	// Processed is true when the API answered 2xx: it did process the update.
	Processed bool
	Err       error
}

func (e *OutcomeUnknownError) Error() string { return e.Err.Error() }

func (e *OutcomeUnknownError) Unwrap() error { return e.Err }

// outcomeOf classifies the error of an update. A 2xx that cannot be used,
// and a transport failure other than one before the request left (a failed
// dial, a rejected certificate), leave the outcome unknown. Errors after
// the context ended keep their own meaning: there is no time left to read.
func outcomeOf(ctx context.Context, err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, ErrUnusableAnswer) {
		return &OutcomeUnknownError{Processed: true, Err: err}
	}
	if _, isAPI := AsAPIError(err); isAPI || ctx.Err() != nil || isDialError(err) || isPermanent(err) {
		return err
	}
	return &OutcomeUnknownError{Err: err}
}

// participantMembers are the JSON names of Participant's fields: the
// members the OpenAPI document requires of every ConferenceParticipant.
var participantMembers = jsonNames(reflect.TypeFor[Participant]())

func jsonNames(t reflect.Type) []string {
	names := make([]string, 0, t.NumField())
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		names = append(names, name)
	}
	return names
}

// UnmarshalJSON refuses a participant that lacks a required member, so
// that a missing field is never read as false or empty.
func (p *Participant) UnmarshalJSON(data []byte) error {
	var members map[string]json.RawMessage
	if err := json.Unmarshal(data, &members); err != nil {
		return err
	}
	var missing []string
	for _, name := range participantMembers {
		if _, ok := members[name]; !ok {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("the participant lacks %s", strings.Join(missing, ", "))
	}
	type plain Participant // without this method
	return json.Unmarshal(data, (*plain)(p))
}
