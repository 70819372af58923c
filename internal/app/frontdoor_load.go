package app

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/waymark-care/waymark/internal/access"
	"github.com/waymark-care/waymark/internal/casework"
	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/web"
)

// This file serves the front door's management load (FD-05): each
// manager's front door authorisations by week, how long they waited, and
// the supervision sessions the manager delivered (docs/casework.md).

func init() { feature((*App).mountFrontDoorLoad) }

func (a *App) mountFrontDoorLoad() error {
	a.Private("GET /reports/front-door-load", a.frontDoorLoadPage) // ?format=csv downloads it
	a.Private("GET /api/v1/reports/front-door-load", a.frontDoorLoadAPI)
	return nil
}

// loadWeeksMax is the longest period the report covers: a year of weeks.
const loadWeeksMax = 53

// loadPeriod reads ?from= and ?to= (default the 12 whole weeks before this
// one); the report covers the weeks that hold them.
func (a *App) loadPeriod(r *http.Request) (civil.Date, civil.Date, web.FieldErrors) {
	var errs web.FieldErrors
	q := r.URL.Query()
	lastSunday := casework.MondayOf(a.today()).AddDays(-1)
	to := dateParam(q, "to", lastSunday, &errs)
	from := dateParam(q, "from", casework.MondayOf(to).AddDays(-7*11), &errs)
	switch {
	case len(errs) > 0:
	case from.After(to):
		errs.Add("from", "from must be on or before to")
	case casework.MondayOf(to).DaysSince(casework.MondayOf(from))/7 >= loadWeeksMax:
		errs.Add("from", fmt.Sprintf("Choose at most %d weeks", loadWeeksMax))
	}
	return from, to, errs
}

// frontDoorLoad builds the report for the period.
func (a *App) frontDoorLoad(r *http.Request, from, to civil.Date) (casework.FrontDoorLoad, error) {
	ctx := r.Context()
	rules, err := a.caseworkRules(ctx)
	if err != nil {
		return casework.FrontDoorLoad{}, err
	}
	dir, err := a.directory(ctx)
	if err != nil {
		return casework.FrontDoorLoad{}, err
	}
	first, last := casework.MondayOf(from), casework.MondayOf(to).AddDays(6)
	var in casework.LoadRecords
	if in.Decided, in.Assessments, in.Closures, in.Supervisions, err = a.DB.FrontDoorLoad(ctx, first, last); err != nil {
		return casework.FrontDoorLoad{}, err
	}
	return rules.FrontDoorLoad(first, last, in, dir), nil
}

type frontDoorLoadPage struct {
	Page
	Form            web.Form
	From, To        civil.Date
	Summary, Weekly web.Table
	CSV             string
}

func (a *App) frontDoorLoadPage(w http.ResponseWriter, r *http.Request) {
	if !access.Decide(a.CurrentUser(r), access.ViewAggregates, nil).Allowed {
		a.Web.Error(w, r, http.StatusForbidden)
		return
	}
	from, to, errs := a.loadPeriod(r)
	p := frontDoorLoadPage{Page: a.page(r, ""), Form: web.Form{Values: r.URL.Query(), Errors: errs}}
	if len(errs) > 0 {
		a.Web.Render(w, r, http.StatusUnprocessableEntity, "front-door-load", p)
		return
	}
	l, err := a.frontDoorLoad(r, from, to)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	if r.URL.Query().Get("format") == "csv" {
		writeCSV(w, fmt.Sprintf("front-door-load-%s-%s.csv", l.From(), l.To()), loadCSV(l))
		return
	}
	p.From, p.To = l.From(), l.To()
	p.Form.Values.Set("from", p.From.String())
	p.Form.Values.Set("to", p.To.String())
	p.CSV = fmt.Sprintf("/reports/front-door-load?format=csv&from=%s&to=%s", p.From, p.To)
	p.Summary = web.Table{Caption: "Authorisations and supervision by manager", FirstCellIsHeader: true, Columns: []web.Column{{Header: "Manager"},
		{Header: "Front door authorisations", Numeric: true}, {Header: "Median wait (working days)", Numeric: true},
		{Header: "Supervision sessions", Numeric: true}, {Header: "Authorisations per session", Numeric: true},
		{Header: "First half", Numeric: true}, {Header: "Second half", Numeric: true}, {Header: "Trend"}}}
	p.Weekly = web.Table{Caption: "By week", FirstCellIsHeader: true, Columns: []web.Column{{Header: "Manager"}, {Header: "Week beginning"},
		{Header: "Screening decisions", Numeric: true}, {Header: "Assessments", Numeric: true}, {Header: "Closures", Numeric: true},
		{Header: "Median wait (working days)", Numeric: true}, {Header: "Supervision sessions", Numeric: true}, {Header: "Authorisations per session", Numeric: true}}}
	for _, m := range l.Managers {
		t := m.Total()
		p.Summary.Rows = append(p.Summary.Rows, []web.Cell{{Text: m.Name}, {Text: strconv.Itoa(t.Authorisations())}, {Text: medianWait(t)},
			{Text: strconv.Itoa(t.Supervisions)}, {Text: ratioText(t.Ratio())}, {Text: ratioText(m.Earlier().Ratio())},
			{Text: ratioText(m.Later().Ratio())}, {Text: m.Trend()}})
		for _, wk := range m.Weeks {
			if wk.Authorisations() == 0 && wk.Supervisions == 0 {
				continue
			}
			p.Weekly.Rows = append(p.Weekly.Rows, []web.Cell{{Text: m.Name}, {Text: wk.Week.Long()}, {Text: strconv.Itoa(wk.Decisions)},
				{Text: strconv.Itoa(wk.Assessments)}, {Text: strconv.Itoa(wk.Closures)}, {Text: medianWait(wk)},
				{Text: strconv.Itoa(wk.Supervisions)}, {Text: ratioText(wk.Ratio())}})
		}
	}
	a.Web.Render(w, r, http.StatusOK, "front-door-load", p)
}

// medianWait is the median working days authorisations waited, or a dash.
func medianWait(w casework.ManagerWeek) string {
	if len(w.Waits) == 0 {
		return "–"
	}
	return strconv.Itoa(w.Waits.Median())
}

// ratioText is a ratio to one decimal place, or a dash with nothing to
// divide by.
func ratioText(r float64, ok bool) string {
	if !ok {
		return "–"
	}
	return strconv.FormatFloat(r, 'f', 1, 64)
}

// loadCSV is the report as rows: one a manager and week.
func loadCSV(l casework.FrontDoorLoad) [][]string {
	rows := [][]string{{"manager_id", "manager", "week", "screening_decisions", "assessments", "closures", "authorisations",
		"median_wait_wd", "supervision_sessions", "authorisations_per_session"}}
	for _, m := range l.Managers {
		for _, w := range m.Weeks {
			median, ratio := "", ""
			if len(w.Waits) > 0 {
				median = strconv.Itoa(w.Waits.Median())
			}
			if r, ok := w.Ratio(); ok {
				ratio = strconv.FormatFloat(r, 'f', 2, 64)
			}
			rows = append(rows, []string{strconv.FormatInt(m.ManagerID, 10), m.Name, w.Week.String(), strconv.Itoa(w.Decisions),
				strconv.Itoa(w.Assessments), strconv.Itoa(w.Closures), strconv.Itoa(w.Authorisations()), median, strconv.Itoa(w.Supervisions), ratio})
		}
	}
	return rows
}

// loadWeekJSON is a manager's week, or their period, as the API gives it.
func loadWeekJSON(w casework.ManagerWeek) map[string]any {
	m := map[string]any{"screening_decisions": w.Decisions, "assessments": w.Assessments, "closures": w.Closures,
		"authorisations": w.Authorisations(), "supervision_sessions": w.Supervisions, "median_wait_wd": nil}
	if len(w.Waits) > 0 {
		m["median_wait_wd"] = w.Waits.Median()
	}
	putRates(m, map[string]func() (float64, bool){"authorisations_per_session": w.Ratio})
	return m
}

func (a *App) frontDoorLoadAPI(w http.ResponseWriter, r *http.Request) {
	if !access.Decide(a.CurrentUser(r), access.ViewAggregates, nil).Allowed {
		web.WriteProblem(w, r, http.StatusForbidden, "", "Your role cannot see counts and measures.", nil)
		return
	}
	from, to, errs := a.loadPeriod(r)
	if len(errs) > 0 {
		web.WriteValidationProblem(w, r, errs)
		return
	}
	l, err := a.frontDoorLoad(r, from, to)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	managers := []map[string]any{}
	for _, m := range l.Managers {
		weeks := []map[string]any{}
		for _, wk := range m.Weeks {
			row := loadWeekJSON(wk)
			row["week"] = wk.Week
			weeks = append(weeks, row)
		}
		managers = append(managers, map[string]any{"manager": namedOf(m.ManagerID, m.Name), "period": loadWeekJSON(m.Total()),
			"first_half": loadWeekJSON(m.Earlier()), "second_half": loadWeekJSON(m.Later()), "trend": m.Trend(), "weeks": weeks})
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"from": l.From(), "to": l.To(), "managers": managers})
}
