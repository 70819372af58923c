package web

import (
	"encoding/json"
	"fmt"
	"net/http"
)

// WriteJSON writes v as a JSON response with the given status. A value that
// cannot be encoded is a programming error, so WriteJSON panics and the
// recovery middleware answers with a 500 problem.
func WriteJSON(w http.ResponseWriter, status int, v any) {
	writeJSON(w, status, "application/json", v)
}

// WriteProblem writes an RFC 9457 problem document. An empty title becomes the
// status text, as RFC 9457 asks when the type is about:blank. extra adds
// members, such as a "type" URI for a problem that has its own documentation.
func WriteProblem(w http.ResponseWriter, r *http.Request, status int, title, detail string, extra map[string]any) {
	if title == "" {
		title = http.StatusText(status)
	}
	p := map[string]any{
		"type":     "about:blank",
		"title":    title,
		"status":   status,
		"instance": r.URL.Path,
	}
	if detail != "" {
		p["detail"] = detail
	}
	for k, v := range extra {
		p[k] = v
	}
	writeJSON(w, status, "application/problem+json", p)
}

// WriteValidationProblem writes a 422 problem listing each field that is not
// valid and why, in an "errors" member: [{"field": ..., "message": ...}].
func WriteValidationProblem(w http.ResponseWriter, r *http.Request, errs FieldErrors) {
	if errs == nil {
		errs = FieldErrors{} // "errors": [], not null
	}
	detail := fmt.Sprintf("%s not valid.", pluralise(len(errs), "field is", "fields are"))
	WriteProblem(w, r, http.StatusUnprocessableEntity, "", detail, map[string]any{"errors": errs})
}

func writeJSON(w http.ResponseWriter, status int, contentType string, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Errorf("web: encoding a JSON response: %w", err))
	}
	w.Header().Set("Content-Type", contentType)
	w.WriteHeader(status)
	w.Write(append(body, '\n'))
}
