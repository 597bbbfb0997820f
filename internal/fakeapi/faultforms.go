package fakeapi

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strings"
)

// notFoundForms and replyForms are the valid Faults.NotFound and
// Faults.Reply values.
var (
	notFoundForms = []string{NotFoundEmpty, NotFoundHTML, NotFoundForeign, NotFoundCode}
	replyForms    = []string{ReplyEmpty, ReplyTruncated, ReplyNotJSON, ReplyPartial, ReplyDrop}
)

// checkForm rejects a form that is not one of forms; "" is off.
func checkForm(name, form string, forms []string) error {
	if form == "" || slices.Contains(forms, form) {
		return nil
	}
	return fmt.Errorf("%s %q is not one of %s", name, form, strings.Join(forms, ", "))
}

// writeForeignNotFound answers 404 in a form other than the API's own
// not-found answer.
func writeForeignNotFound(w http.ResponseWriter, form string) {
	switch form {
	case NotFoundHTML:
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusNotFound)
		_, _ = w.Write([]byte("<html><head><title>404 Not Found</title></head><body><h1>404 Not Found</h1><hr><center>nginx</center></body></html>\n"))
	case NotFoundForeign:
		writeJSON(w, http.StatusNotFound, map[string]string{"error": "Not Found"})
	case NotFoundCode:
		writeError(w, newError(http.StatusNotFound, CodeInvalidArgument, "Not Found (injected fault)"))
	default:
		w.WriteHeader(http.StatusNotFound)
	}
}

// replyRecorder holds an answer until it has been spoilt.
type replyRecorder struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (r *replyRecorder) Header() http.Header { return r.header }

func (r *replyRecorder) WriteHeader(status int) {
	if r.status == 0 {
		r.status = status
	}
}

func (r *replyRecorder) Write(b []byte) (int, error) {
	r.WriteHeader(http.StatusOK)
	return r.body.Write(b)
}

// replyDropped is what dispatchSpoilt returns for ReplyDrop: the request
// was processed and ServeHTTP is to drop the connection unanswered.
const replyDropped = FaultReply + ":" + ReplyDrop

// dispatchSpoilt processes the request, then answers a 2xx in the Reply
// form given. It returns FaultReply (replyDropped for ReplyDrop, having
// written nothing), or "" when the answer was not a 2xx and went out as it
// was.
func (s *Server) dispatchSpoilt(w http.ResponseWriter, r *http.Request, m match, reply string) string {
	rec := &replyRecorder{header: http.Header{}}
	s.dispatch(rec, r, m)
	body := rec.body.Bytes()
	spoilt := rec.status >= 200 && rec.status <= 299
	if spoilt {
		switch reply {
		case ReplyDrop:
			return replyDropped
		case ReplyEmpty:
			body = nil
		case ReplyTruncated:
			body = body[:len(body)/2]
		case ReplyNotJSON:
			rec.header.Set("Content-Type", "text/html")
			body = []byte("<html><body><h1>OK</h1></body></html>\n")
		case ReplyPartial:
			body = onlySIDs(body)
		}
	}
	maps.Copy(w.Header(), rec.header)
	w.WriteHeader(rec.status)
	_, _ = w.Write(body)
	if !spoilt {
		return ""
	}
	return FaultReply
}

// onlySIDs keeps the members of a JSON object named sid or ending in _sid,
// as an answer that acknowledges a request without describing the result.
func onlySIDs(body []byte) []byte {
	var members map[string]json.RawMessage
	if json.Unmarshal(body, &members) != nil {
		return body
	}
	maps.DeleteFunc(members, func(name string, _ json.RawMessage) bool {
		return name != "sid" && !strings.HasSuffix(name, "_sid")
	})
	out, err := json.Marshal(members)
	if err != nil {
		return body
	}
	return out
}
