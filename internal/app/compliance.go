package app

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/waymark-care/waymark/internal/access"
	"github.com/waymark-care/waymark/internal/audit"
	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/domain"
	"github.com/waymark-care/waymark/internal/timescales"
	"github.com/waymark-care/waymark/internal/web"
	"github.com/waymark-care/waymark/internal/worklist"
)

func init() { feature((*App).mountCompliance) }

func (a *App) mountCompliance() error {
	a.Private("GET /compliance", a.compliancePage)
	a.Private("GET /compliance.csv", a.compliancePage)
	a.Private("GET /api/v1/compliance", a.complianceAPI)
	return nil
}

// complianceQuery is what a compliance report is asked for.
type complianceQuery struct {
	Period        timescales.Period
	Measure       string
	Team, Worker  int64
	Items, Detail bool
}

// collectionYearStart is the 1 April on or before d: DfE's collection
// years run from April to March.
func collectionYearStart(d civil.Date) civil.Date {
	y, m, _ := d.Date()
	if m < time.April {
		y--
	}
	return civil.Of(y, time.April, 1)
}

// validMeasure reports whether a measure names all rules, a family, or a
// rule with a clock.
func validMeasure(m string, eng worklist.Engine) bool {
	if m == worklist.AllRules || m == worklist.Reviews || m == worklist.Visits {
		return true
	}
	return slices.ContainsFunc(eng.Rules, func(r timescales.Rule) bool { return r.ID == m })
}

// complianceScope is whose work u may measure: a manager's line, or the
// whole authority for analysts, auditors and the partnership. A team or
// worker asked for narrows it, within what u may see.
func complianceScope(u *access.User, q complianceQuery, dir *worklist.Directory, errs *web.FieldErrors) worklist.Scope {
	s := worklist.Scope{Professional: q.Worker}
	root := int64(0)
	if u.TeamID != 0 && (u.Has(access.TeamManager) || u.Has(access.ServiceManager)) {
		root = u.TeamID
	}
	s.Team = root
	if q.Team != 0 {
		if root != 0 && !slices.ContainsFunc(dir.Subtree(root), func(t *domain.Team) bool { return t.ID == q.Team }) {
			errs.Add("team", "Choose a team in your management line")
		} else if dir.Team(q.Team) == nil {
			errs.Add("team", "Choose a team that exists")
		}
		s.Team = q.Team
	}
	return s
}

// report runs the compliance report for the request, answering it itself
// if it cannot (ok false).
func (a *App) complianceReport(w http.ResponseWriter, r *http.Request, q complianceQuery, errs web.FieldErrors) (*worklist.Compliance, *worklist.Directory, web.FieldErrors, bool) {
	ctx := r.Context()
	u := a.CurrentUser(r)
	dir, err := a.directory(ctx)
	if err != nil {
		a.serverError(w, r, err)
		return nil, nil, nil, false
	}
	eng, err := a.Engine(ctx)
	if err != nil {
		a.serverError(w, r, err)
		return nil, nil, nil, false
	}
	if !validMeasure(q.Measure, eng) {
		errs.Add("measure", "Choose all deadlines, reviews, visits or one rule")
	}
	s := complianceScope(u, q, dir, &errs)
	if len(errs) > 0 {
		return nil, dir, errs, true
	}
	s.Sees = sees(u, q.Period.To, dir)
	c, err := worklist.Report(ctx, a.DB.Caseload, q.Period, a.today(), s, q.Measure, eng, dir)
	if err != nil {
		a.serverError(w, r, err)
		return nil, nil, nil, false
	}
	return c, dir, nil, true
}

// checkPeriod adds an error unless the period runs forwards and is at most
// a few years long: a report over all time is a returns job, not a page.
func checkPeriod(p timescales.Period, errs *web.FieldErrors) {
	switch {
	case p.To.Before(p.From):
		errs.Add("to", "The end of the period must be on or after its start")
	case p.To.DaysSince(p.From) > 3*366:
		errs.Add("to", "The period must be 3 years or shorter")
	}
}

// compliancePageData is the compliance page.
type compliancePageData struct {
	Page
	Form             web.Form
	Report           *worklist.Compliance
	Measures         []web.Option
	Teams            []web.Option
	Headline         web.SummaryList
	ByTeam, ByWorker web.Table
	ByRule           web.Table
	ICPC             web.Table
	ICPCSummary      string
	Assessments      web.Table
	AssessSummary    string
	CSV, ItemsCSV    string
	Withheld         int
}

func (a *App) compliancePage(w http.ResponseWriter, r *http.Request) {
	u := a.CurrentUser(r)
	if !access.Decide(u, access.ViewAggregates, nil).Allowed {
		a.Web.Error(w, r, http.StatusForbidden)
		return
	}
	v := r.URL.Query()
	var errs web.FieldErrors
	today := a.today()
	q := complianceQuery{Period: timescales.Period{From: dateInput(v, "from", collectionYearStart(today), &errs), To: dateInput(v, "to", today, &errs)},
		Measure: v.Get("measure"), Team: idParam(v, "team", &errs), Worker: idParam(v, "worker", &errs), Detail: v.Get("detail") == "items"}
	if q.Measure == "" {
		q.Measure = worklist.AllRules
	}
	if len(errs) == 0 {
		checkPeriod(q.Period, &errs)
	}
	c, dir, errs, ok := a.complianceReport(w, r, q, errs)
	if !ok {
		return
	}
	p := compliancePageData{Page: a.page(r, "compliance"), Form: web.Form{Values: v, Errors: errs}}
	for _, d := range []struct {
		name string
		day  civil.Date
	}{{"from", q.Period.From}, {"to", q.Period.To}} {
		if v.Get(d.name+"-day") == "" && v.Get(d.name+"-month") == "" && v.Get(d.name+"-year") == "" {
			y, m, dd := d.day.Date()
			p.Form.Values.Set(d.name+"-day", strconv.Itoa(dd))
			p.Form.Values.Set(d.name+"-month", strconv.Itoa(int(m)))
			p.Form.Values.Set(d.name+"-year", strconv.Itoa(y))
		}
	}
	p.Measures = measureOptions()
	p.Teams = []web.Option{{Value: "", Text: "All teams"}}
	root := int64(0)
	if u.TeamID != 0 && (u.Has(access.TeamManager) || u.Has(access.ServiceManager)) {
		root = u.TeamID
	}
	for _, t := range teamsIn(dir, root) {
		p.Teams = append(p.Teams, web.Option{Value: strconv.FormatInt(t.ID, 10), Text: t.Name})
	}
	if len(errs) > 0 {
		a.Web.Render(w, r, http.StatusUnprocessableEntity, "compliance", p)
		return
	}
	if strings.HasSuffix(r.URL.Path, ".csv") {
		a.complianceCSV(w, r, u, c, q)
		return
	}
	p.Report = c
	p.fill(c)
	csvQuery := withParams(v)
	p.CSV = "/compliance.csv?" + csvQuery
	p.ItemsCSV = "/compliance.csv?" + withParams(v, "detail", "items")
	a.Web.Render(w, r, http.StatusOK, "compliance", p)
}

// dateInput reads a GOV.UK date input (name-day, name-month, name-year),
// def if all three are empty.
func dateInput(v url.Values, name string, def civil.Date, errs *web.FieldErrors) civil.Date {
	day, month, year := strings.TrimSpace(v.Get(name+"-day")), strings.TrimSpace(v.Get(name+"-month")), strings.TrimSpace(v.Get(name+"-year"))
	if day == "" && month == "" && year == "" {
		return def
	}
	dd, err1 := strconv.Atoi(day)
	mm, err2 := strconv.Atoi(month)
	yy, err3 := strconv.Atoi(year)
	d, err := civil.Parse(fmt.Sprintf("%04d-%02d-%02d", yy, mm, dd))
	if err1 != nil || err2 != nil || err3 != nil || err != nil || yy < 2000 || yy > 2100 {
		label := map[string]string{"from": "The start of the period", "to": "The end of the period"}[name]
		errs.Add(name, label+" must be a real date, like 1 4 2015")
		return def
	}
	return d
}

// measureOptions are the deadlines a report can be about: all, a family,
// or a rule with a clock, named by its last row, which is the most general
// ("Visit" rather than "First visit in a placement").
func measureOptions() []web.Option {
	opts := []web.Option{{Value: worklist.AllRules, Text: "All deadlines"}, {Value: worklist.Reviews, Text: "Reviews"}, {Value: worklist.Visits, Text: "Visits"}}
	at := map[string]int{}
	for _, r := range timescales.Rules() {
		if r.Clock.IsZero() && r.Setting == "" {
			continue
		}
		if i, ok := at[r.ID]; ok {
			opts[i].Text = r.ID + " " + r.Title
			continue
		}
		at[r.ID] = len(opts)
		opts = append(opts, web.Option{Value: r.ID, Text: r.ID + " " + r.Title})
	}
	return opts
}

// teamsIn lists the teams a report can be narrowed to: the user's line, or
// every team.
func teamsIn(dir *worklist.Directory, root int64) []*domain.Team {
	if root != 0 {
		return dir.Subtree(root)
	}
	return dir.Teams()
}

func percentText(p int) string {
	if p < 0 {
		return "–"
	}
	return strconv.Itoa(p) + "%"
}

var countColumns = []web.Column{
	{Header: "Due"}, {Header: "On time", Numeric: true}, {Header: "Late", Numeric: true}, {Header: "Overdue", Numeric: true},
	{Header: "Missed", Numeric: true}, {Header: "Not yet due", Numeric: true}, {Header: "On time (due)", Numeric: true},
	{Header: "Done", Numeric: true}, {Header: "On time (done)", Numeric: true},
}

func countCells(c worklist.Counts) []web.Cell {
	n := func(i int) web.Cell { return web.Cell{Text: strconv.Itoa(i)} }
	return []web.Cell{n(c.Due), n(c.DueOnTime), n(c.DueLate), n(c.DueOverdue), n(c.DueMissed), n(c.DueNotYet),
		{Text: percentText(c.DuePercent())}, n(c.Completed), {Text: percentText(c.CompletedPercent())}}
}

func groupTable(caption, first string, rows []worklist.GroupRow, name func(worklist.GroupRow) string) web.Table {
	t := web.Table{Caption: caption, FirstCellIsHeader: true, Columns: append([]web.Column{{Header: first}}, countColumns...)}
	t.Columns[1].Numeric = true
	for _, g := range rows {
		t.Rows = append(t.Rows, append([]web.Cell{{Text: name(g)}}, countCells(g.Counts)...))
	}
	return t
}

func (p *compliancePageData) fill(c *worklist.Compliance) {
	p.Headline = web.SummaryList{
		{Key: "Period", Value: fmt.Sprintf("%s to %s", longDate(c.Period.From), longDate(c.Period.To))},
		{Key: "Falling due in the period", Value: fmt.Sprintf("%d, of which %s met on time", c.Total.Due, percentText(c.Total.DuePercent()))},
		{Key: "Done in the period", Value: fmt.Sprintf("%d, of which %s on time", c.Total.Completed, percentText(c.Total.CompletedPercent()))},
	}
	if c.AsOf.Before(c.Period.To) {
		p.Headline = append(p.Headline, web.SummaryRow{Key: "As it stands", Value: "on " + longDate(c.AsOf) + ": the period has not ended"})
	}
	teamName := func(g worklist.GroupRow) string { return orNone(g.Team, "No team") }
	p.ByTeam = groupTable("By team", "Team", c.Teams, teamName)
	p.ByWorker = groupTable("By worker", "Worker", c.Workers, func(g worklist.GroupRow) string {
		return orNone(g.Worker, "Not allocated") + " (" + teamName(g) + ")"
	})
	p.ByRule = web.Table{Caption: "By rule", FirstCellIsHeader: true, Columns: append([]web.Column{{Header: "Rule"}}, countColumns...)}
	p.ByRule.Columns[1].Numeric = true
	for _, r := range c.Rules {
		p.ByRule.Rows = append(p.ByRule.Rows, append([]web.Cell{{Text: r.RuleID + " " + r.Title + " (" + string(r.Standard) + ")"}}, countCells(r.Counts)...))
	}
	p.ICPC, p.ICPCSummary = bandTable("Working days from the section 47 start to the conference", c.ICPC)
	p.Assessments = web.Table{Caption: "Working days to authorisation", FirstCellIsHeader: true,
		Columns: []web.Column{{Header: "Band"}, {Header: "From the assessment’s start", Numeric: true}, {Header: "From the referral", Numeric: true}}}
	for i, b := range c.AssessmentsFromStart.Bands {
		p.Assessments.Rows = append(p.Assessments.Rows, []web.Cell{{Text: b.Label}, {Text: strconv.Itoa(b.Count)}, {Text: strconv.Itoa(c.AssessmentsFromReferral.Bands[i].Count)}})
	}
	_, p.AssessSummary = bandTable("", c.AssessmentsFromStart)
	for _, t := range c.Targets {
		if t.Local {
			p.AssessSummary += fmt.Sprintf(" Local target of %d working days: %d met.", t.WorkingDays, t.Within)
		}
	}
	for _, it := range c.Items {
		if it.Withheld {
			p.Withheld++
		}
	}
}

func bandTable(caption string, b worklist.Banded) (web.Table, string) {
	t := web.Table{Caption: caption, FirstCellIsHeader: true, Columns: []web.Column{{Header: "Band"}, {Header: "Number", Numeric: true}}}
	for _, x := range b.Bands {
		t.Rows = append(t.Rows, []web.Cell{{Text: x.Label}, {Text: strconv.Itoa(x.Count)}})
	}
	if b.Total == 0 {
		return t, "None in the period."
	}
	return t, fmt.Sprintf("%d in the period: %d (%s) within %d working days. Quartiles %d, %d and %d working days.",
		b.Total, b.Within, percentText(b.WithinPercent()), b.Limit, b.P25, b.P50, b.P75)
}

// targetsJSON is the assessment targets in the API.
func targetsJSON(ts []timescales.Target) []map[string]any {
	out := []map[string]any{}
	for _, t := range ts {
		out = append(out, map[string]any{"working_days": t.WorkingDays, "within": t.Within, "local": t.Local})
	}
	return out
}

func orNone(s, none string) string {
	if s == "" {
		return none
	}
	return s
}

// complianceCSV sends the figures, or with detail=items the items behind
// them for the children the user may see (XC-02).
func (a *App) complianceCSV(w http.ResponseWriter, r *http.Request, u *access.User, c *worklist.Compliance, q complianceQuery) {
	name := fmt.Sprintf("compliance-%s-%s-to-%s", q.Measure, q.Period.From, q.Period.To)
	if q.Detail {
		rows, es := complianceItemsCSV(c)
		if err := a.logListed(r.Context(), u, es, audit.Exported, "compliance items (CSV)"); err != nil {
			a.serverError(w, r, err)
			return
		}
		writeCSV(w, name+"-items.csv", rows)
		return
	}
	writeCSV(w, name+".csv", complianceFiguresCSV(c))
}

func complianceFiguresCSV(c *worklist.Compliance) [][]string {
	rows := [][]string{{"level", "rule_id", "team_id", "team", "worker_id", "worker", "due", "due_on_time", "due_late", "due_overdue",
		"due_missed", "due_not_yet", "due_on_time_percent", "done", "done_on_time", "done_late", "done_on_time_percent"}}
	counts := func(k worklist.Counts) []string {
		pc := func(p int) string {
			if p < 0 {
				return ""
			}
			return strconv.Itoa(p)
		}
		return []string{strconv.Itoa(k.Due), strconv.Itoa(k.DueOnTime), strconv.Itoa(k.DueLate), strconv.Itoa(k.DueOverdue),
			strconv.Itoa(k.DueMissed), strconv.Itoa(k.DueNotYet), pc(k.DuePercent()), strconv.Itoa(k.Completed),
			strconv.Itoa(k.CompletedOnTime), strconv.Itoa(k.CompletedLate), pc(k.CompletedPercent())}
	}
	rows = append(rows, append([]string{"total", c.Measure, "", "", "", ""}, counts(c.Total)...))
	for _, g := range c.Teams {
		rows = append(rows, append([]string{"team", c.Measure, optionalID(g.TeamID), g.Team, "", ""}, counts(g.Counts)...))
	}
	for _, g := range c.Workers {
		rows = append(rows, append([]string{"worker", c.Measure, optionalID(g.TeamID), g.Team, optionalID(g.ProfessionalID), g.Worker}, counts(g.Counts)...))
	}
	for _, r := range c.Rules {
		rows = append(rows, append([]string{"rule", r.RuleID, "", "", "", ""}, counts(r.Counts)...))
	}
	return rows
}

func complianceItemsCSV(c *worklist.Compliance) ([][]string, []worklist.Entry) {
	rows := [][]string{{"child_id", "child", "la_child_id", "rule_id", "title", "standard", "status", "due", "met", "days_late",
		"worker_id", "team_id", "record", "explanation"}}
	var es []worklist.Entry
	for _, it := range c.Items {
		if it.Withheld {
			continue
		}
		es = append(es, worklist.Entry{Child: it.Child})
		rows = append(rows, []string{strconv.FormatInt(it.Child.ID, 10), it.Child.Name, it.Child.LAChildID, it.Item.RuleID, it.Item.Title,
			string(it.Item.Standard), string(it.Item.Status), it.Item.Due.String(), it.Item.Met.String(), strconv.Itoa(it.Item.DaysLate),
			optionalID(it.ProfessionalID), optionalID(it.TeamID), it.Item.RootRef, it.Item.Explanation})
	}
	return rows, es
}

// complianceAPI answers GET /api/v1/compliance?from=&to=&measure=&team=&worker=.
func (a *App) complianceAPI(w http.ResponseWriter, r *http.Request) {
	u := a.CurrentUser(r)
	if !access.Decide(u, access.ViewAggregates, nil).Allowed {
		web.WriteProblem(w, r, http.StatusForbidden, "", "Your role does not see measures.", nil)
		return
	}
	v := r.URL.Query()
	var errs web.FieldErrors
	today := a.today()
	q := complianceQuery{Period: timescales.Period{From: dateParam(v, "from", collectionYearStart(today), &errs), To: dateParam(v, "to", today, &errs)},
		Measure: v.Get("measure"), Team: idParam(v, "team", &errs), Worker: idParam(v, "worker", &errs),
		Items: v.Get("items") == "true", Detail: v.Get("detail") == "items"}
	if q.Measure == "" {
		q.Measure = worklist.AllRules
	}
	if len(errs) == 0 {
		checkPeriod(q.Period, &errs)
	}
	c, _, errs, ok := a.complianceReport(w, r, q, errs)
	if !ok {
		return
	}
	if len(errs) > 0 {
		web.WriteValidationProblem(w, r, errs)
		return
	}
	if wantsCSV(r) {
		a.complianceCSV(w, r, u, c, q)
		return
	}
	type itemRow struct {
		ChildID  int64    `json:"child_id"`
		Child    string   `json:"child"`
		WorkerID int64    `json:"worker_id,omitempty"`
		TeamID   int64    `json:"team_id,omitempty"`
		Item     itemJSON `json:"item"`
	}
	out := map[string]any{
		"from": c.Period.From, "to": c.Period.To, "as_of": c.AsOf, "measure": c.Measure,
		"total": c.Total, "teams": c.Teams, "workers": c.Workers, "rules": c.Rules,
		"icpc": c.ICPC, "assessments_from_start": c.AssessmentsFromStart, "assessments_from_referral": c.AssessmentsFromReferral,
		"assessment_targets": targetsJSON(c.Targets),
	}
	if q.Items {
		items := []itemRow{}
		var es []worklist.Entry
		for _, it := range c.Items {
			if !it.Withheld {
				items = append(items, itemRow{ChildID: it.Child.ID, Child: it.Child.Name, WorkerID: it.ProfessionalID, TeamID: it.TeamID, Item: itemOf(&it.Item)})
				es = append(es, worklist.Entry{Child: it.Child})
			}
		}
		if err := a.logListed(r.Context(), u, es, audit.Listed, "compliance items (API)"); err != nil {
			a.serverError(w, r, err)
			return
		}
		out["items"] = items
	}
	web.WriteJSON(w, http.StatusOK, out)
}
