package app

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/waymark-care/waymark/internal/access"
	"github.com/waymark-care/waymark/internal/calendar"
	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/domain"
	"github.com/waymark-care/waymark/internal/storage"
	"github.com/waymark-care/waymark/internal/timescales"
	"github.com/waymark-care/waymark/internal/web"
)

func init() { feature((*App).mountPolicy) }

func (a *App) mountPolicy() error {
	a.Private("GET /api/v1/policy", a.policyAPI)
	a.Private("PUT /api/v1/policy", a.savePolicyAPI)
	a.Private("GET /api/v1/extra-holidays", a.extraHolidaysAPI)
	a.Private("POST /api/v1/extra-holidays", a.addExtraHolidayAPI)
	a.Private("DELETE /api/v1/extra-holidays/{date}", a.removeExtraHolidayAPI)
	return nil
}

// policyJSON is the local policy in the API: the settings in force and, for
// reference, Waymark's labelled defaults (docs/timescales.md).
type policyJSON struct {
	Version   int               `json:"version"`
	UpdatedAt time.Time         `json:"updated_at,omitzero"`
	UpdatedBy string            `json:"updated_by,omitempty"`
	Policy    timescales.Policy `json:"policy"`
	Defaults  timescales.Policy `json:"defaults"`
}

func (a *App) policyAPI(w http.ResponseWriter, r *http.Request) {
	saved, err := a.DB.LocalPolicy(r.Context())
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	a.writePolicy(w, r, http.StatusOK, saved)
}

func (a *App) writePolicy(w http.ResponseWriter, r *http.Request, status int, saved *storage.LocalPolicy) {
	p := policyJSON{Version: saved.Version, UpdatedAt: saved.UpdatedAt, UpdatedBy: saved.UpdatedBy,
		Policy: timescales.DefaultPolicy(), Defaults: timescales.DefaultPolicy()}
	if saved.Document != nil {
		var err error
		if p.Policy, err = timescales.LoadPolicy(bytes.NewReader(saved.Document)); err != nil {
			a.serverError(w, r, fmt.Errorf("saved local policy: %w", err))
			return
		}
	}
	web.WriteJSON(w, status, p)
}

// savePolicyAPI replaces the local policy: PUT {"version": n, "policy":
// {...}}, where version is the one read and settings left out take their
// defaults.
func (a *App) savePolicyAPI(w http.ResponseWriter, r *http.Request) {
	u := a.CurrentUser(r)
	if !access.Decide(u, access.ManageSettings, nil).Allowed {
		web.WriteProblem(w, r, http.StatusForbidden, "", "Only administrators change the local policy.", nil)
		return
	}
	var body struct {
		Version *int            `json:"version"`
		Policy  json.RawMessage `json:"policy"`
	}
	if !decodeJSON(w, r, &body) {
		return
	}
	var errs web.FieldErrors
	if body.Version == nil {
		errs.Add("version", "Give the version you read (0 if the policy has never been saved), so that no one else's change is overwritten")
	}
	if len(body.Policy) == 0 {
		errs.Add("policy", "Give the policy: an object of settings, each a list of versions")
	}
	var policy timescales.Policy
	if len(body.Policy) > 0 {
		var err error
		if policy, err = timescales.LoadPolicy(bytes.NewReader(body.Policy)); err != nil {
			// timescales names the setting and version: "cp.visit_interval[1].from: …".
			field, msg, ok := strings.Cut(err.Error(), ": ")
			if !ok || field == "policy" || strings.HasPrefix(field, "json") {
				field, msg = "", strings.TrimPrefix(err.Error(), "policy: ")
			}
			errs.Add(strings.TrimSuffix("policy."+field, "."), msg)
		}
	}
	if len(errs) > 0 {
		web.WriteValidationProblem(w, r, errs)
		return
	}
	// Saved in full, so that a later change to a default does not change
	// what the authority decided.
	doc, err := json.Marshal(policy)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	saved, err := a.DB.SaveLocalPolicy(r.Context(), storage.Change{Actor: u.Username, At: a.now()}, doc, *body.Version)
	if conflict, ok := errors.AsType[*storage.ConflictError](err); ok {
		web.WriteProblem(w, r, http.StatusConflict, "The policy was changed by someone else",
			conflict.Error(), map[string]any{"current_version": conflict.Current, "updated_by": conflict.UpdatedBy, "updated_at": conflict.UpdatedAt})
		return
	}
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	a.Logger.InfoContext(r.Context(), "local policy changed", "version", saved.Version, "user_id", u.ID, "request_id", web.RequestID(r.Context()))
	a.writePolicy(w, r, http.StatusOK, saved)
}

// decodeJSON reads a JSON request body into v, answering the request with a
// problem if it cannot.
func decodeJSON(w http.ResponseWriter, r *http.Request, v any) bool {
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
			web.WriteProblem(w, r, http.StatusRequestEntityTooLarge, "", "", nil)
			return false
		}
		web.WriteProblem(w, r, http.StatusBadRequest, "", "The body must be a JSON object: "+err.Error(), nil)
		return false
	}
	return true
}

// holidayJSON is an extra bank holiday in the API.
type holidayJSON struct {
	Date civil.Date    `json:"date"`
	Name string        `json:"name"`
	Kind calendar.Kind `json:"kind"`
}

func (a *App) extraHolidaysAPI(w http.ResponseWriter, r *http.Request) {
	a.writeExtraHolidays(w, r, http.StatusOK)
}

func (a *App) writeExtraHolidays(w http.ResponseWriter, r *http.Request, status int) {
	hs, err := a.DB.ExtraHolidays(r.Context())
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	out := make([]holidayJSON, len(hs))
	for i, h := range hs {
		out[i] = holidayJSON(h)
	}
	web.WriteJSON(w, status, map[string]any{"extra_holidays": out})
}

// addExtraHolidayAPI adds a day: POST {"date", "name", "kind"}, kind
// special for a new holiday or withdrawn for a generated one a
// proclamation moved away.
func (a *App) addExtraHolidayAPI(w http.ResponseWriter, r *http.Request) {
	u := a.CurrentUser(r)
	if !access.Decide(u, access.ManageSettings, nil).Allowed {
		web.WriteProblem(w, r, http.StatusForbidden, "", "Only administrators change the bank holidays.", nil)
		return
	}
	var body struct {
		Date string `json:"date"`
		Name string `json:"name"`
		Kind string `json:"kind"`
	}
	if !decodeJSON(w, r, &body) {
		return
	}
	h, errs := checkExtraHoliday(body.Date, body.Name, body.Kind)
	if len(errs) > 0 {
		web.WriteValidationProblem(w, r, errs)
		return
	}
	err := a.DB.AddExtraHoliday(r.Context(), storage.Change{Actor: u.Username, At: a.now()}, h)
	if invalid, ok := errors.AsType[*domain.ValidationError](err); ok {
		web.WriteValidationProblem(w, r, fieldErrors(invalid))
		return
	}
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	a.writeExtraHolidays(w, r, http.StatusCreated)
}

// checkExtraHoliday checks a day against the bundled calendar: a new
// holiday must be a working day now, and a withdrawn one a holiday.
func checkExtraHoliday(date, name, kind string) (calendar.Holiday, web.FieldErrors) {
	var errs web.FieldErrors
	h := calendar.Holiday{Name: strings.TrimSpace(name), Kind: calendar.Kind(kind)}
	d, err := civil.Parse(strings.TrimSpace(date))
	switch {
	case err != nil || d.IsZero():
		errs.Add("date", "Enter the date written YYYY-MM-DD, like 2029-06-04")
	case d.Weekday() == time.Saturday || d.Weekday() == time.Sunday:
		errs.Add("date", fmt.Sprintf("%s is a %s: only a weekday can be a bank holiday", d, d.Weekday()))
	}
	h.Date = d
	switch {
	case h.Name == "":
		errs.Add("name", "Enter the holiday’s name, as the proclamation gives it")
	case len(h.Name) > 100:
		errs.Add("name", "The name must be 100 characters or fewer")
	}
	cal := calendar.EnglandAndWales()
	_, listed := cal.Holiday(d)
	switch {
	case h.Kind != calendar.Special && h.Kind != calendar.Withdrawn && h.Kind != calendar.Statutory && h.Kind != calendar.Substitute:
		errs.Add("kind", "kind must be special (a new holiday), withdrawn (a holiday moved away), statutory or substitute")
	case len(errs) > 0:
	case h.Kind == calendar.Withdrawn && !listed:
		errs.Add("date", fmt.Sprintf("%s is not a bank holiday, so there is nothing to withdraw", d))
	case h.Kind != calendar.Withdrawn && listed:
		errs.Add("date", fmt.Sprintf("%s is already a bank holiday", d))
	}
	return h, errs
}

func fieldErrors(v *domain.ValidationError) web.FieldErrors {
	var errs web.FieldErrors
	for _, e := range v.Errors {
		errs.Add(e.Field, e.Message)
	}
	return errs
}

func (a *App) removeExtraHolidayAPI(w http.ResponseWriter, r *http.Request) {
	u := a.CurrentUser(r)
	if !access.Decide(u, access.ManageSettings, nil).Allowed {
		web.WriteProblem(w, r, http.StatusForbidden, "", "Only administrators change the bank holidays.", nil)
		return
	}
	d, err := civil.Parse(r.PathValue("date"))
	if err != nil || d.IsZero() {
		a.Web.Error(w, r, http.StatusNotFound)
		return
	}
	err = a.DB.RemoveExtraHoliday(r.Context(), storage.Change{Actor: u.Username, At: a.now()}, d)
	if errors.Is(err, storage.ErrNotFound) {
		web.WriteProblem(w, r, http.StatusNotFound, "", fmt.Sprintf("%s is not on the authority's list of extra days.", d), nil)
		return
	}
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
