package app

import (
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/waymark-care/waymark/internal/access"
	"github.com/waymark-care/waymark/internal/audit"
	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/timescales"
	"github.com/waymark-care/waymark/internal/web"
)

func init() { feature((*App).mountDue) }

func (a *App) mountDue() error {
	a.Private("GET /children/{id}/timescales", a.childTimescalesPage)
	a.Private("GET /api/v1/children/{id}/due", a.childDueAPI)
	return nil
}

// childItems evaluates a child's record for a user the policy lets see it
// whole: timescales read every kind of record.
func (a *App) childItems(w http.ResponseWriter, r *http.Request, asOf civil.Date, what string) (*childRequest, []timescales.Item, string, bool) {
	c, ok := a.decideChild(w, r, access.ViewRecord)
	if !ok {
		return nil, nil, "", false
	}
	if c.decision.Kinds != nil || c.decision.NoCaseNotes {
		// A partner shown part of the record would learn of the rest from
		// its deadlines.
		a.Web.Error(w, r, http.StatusForbidden)
		return nil, nil, "", false
	}
	ctx := r.Context()
	cr, err := a.DB.ChildRecord(ctx, c.personID)
	if err != nil {
		a.serverError(w, r, err)
		return nil, nil, "", false
	}
	eng, err := a.Engine(ctx)
	if err != nil {
		a.serverError(w, r, err)
		return nil, nil, "", false
	}
	if err := a.logView(r, c, audit.Viewed, what); err != nil {
		a.serverError(w, r, err)
		return nil, nil, "", false
	}
	return c, eng.Items(cr, asOf), cr.Person.Name(), true
}

// childDueAPI answers GET /api/v1/children/{id}/due: every deadline of the
// child's record as at a day (today, or as_of), optionally only those with
// the statuses given (status=due,overdue).
func (a *App) childDueAPI(w http.ResponseWriter, r *http.Request) {
	var errs web.FieldErrors
	q := r.URL.Query()
	asOf := dateParam(q, "as_of", a.today(), &errs)
	var statuses []string
	if s := q.Get("status"); s != "" {
		statuses = strings.Split(s, ",")
		for _, st := range statuses {
			if !slices.Contains(allStatuses, timescales.Status(st)) {
				errs.Add("status", fmt.Sprintf("status %q is not one of due, overdue, met_on_time, met_late, missed", st))
			}
		}
	}
	if len(errs) > 0 {
		web.WriteValidationProblem(w, r, errs)
		return
	}
	c, items, _, ok := a.childItems(w, r, asOf, "due items (API)")
	if !ok {
		return
	}
	out := []itemJSON{}
	for _, it := range items {
		if statuses == nil || slices.Contains(statuses, string(it.Status)) {
			out = append(out, itemOf(&it))
		}
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"child_id": c.personID, "as_of": asOf, "items": out})
}

var allStatuses = []timescales.Status{timescales.Due, timescales.Overdue, timescales.MetOnTime, timescales.MetLate, timescales.Missed}

// timescalesPage is every deadline of a child's record, grouped by status.
type timescalesPage struct {
	Page
	ChildID int64
	Child   string
	AsOf    civil.Date
	Groups  []itemGroup
}

type itemGroup struct {
	Title string
	ID    string
	Table web.Table
}

func (a *App) childTimescalesPage(w http.ResponseWriter, r *http.Request) {
	var errs web.FieldErrors
	asOf := dateParam(r.URL.Query(), "as_of", a.today(), &errs)
	c, items, name, ok := a.childItems(w, r, asOf, "timescales")
	if !ok {
		return
	}
	p := timescalesPage{Page: a.page(r, ""), ChildID: c.personID, Child: name, AsOf: asOf}
	for _, g := range []struct {
		title, id string
		status    timescales.Status
	}{
		{"Overdue", "overdue", timescales.Overdue},
		{"Due", "due", timescales.Due},
		{"Missed", "missed", timescales.Missed},
		{"Done late", "late", timescales.MetLate},
		{"Done on time", "on-time", timescales.MetOnTime},
	} {
		t := web.Table{Columns: []web.Column{{Header: "What"}, {Header: "Rule"}, {Header: "Due"}, {Header: "Done"}, {Header: "Days late", Numeric: true}, {Header: "Why"}}}
		for _, it := range slices.Backward(items) {
			if it.Status != g.status {
				continue
			}
			late := ""
			if it.DaysLate > 0 {
				late = fmt.Sprint(it.DaysLate)
			}
			t.Rows = append(t.Rows, []web.Cell{{Text: it.Title}, {Text: it.RuleID + ", " + string(it.Standard)}, {Text: longDate(it.Due)},
				{Text: longDate(it.Met)}, {Text: late}, {Text: it.Explanation}})
		}
		if len(t.Rows) > 0 {
			if g.status == timescales.Due || g.status == timescales.Overdue {
				slices.Reverse(t.Rows) // soonest first
			}
			p.Groups = append(p.Groups, itemGroup{Title: fmt.Sprintf("%s (%d)", g.title, len(t.Rows)), ID: g.id, Table: t})
		}
	}
	a.Web.Render(w, r, http.StatusOK, "child-timescales", p)
}
