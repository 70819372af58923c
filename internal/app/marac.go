package app

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/waymark-care/waymark/internal/access"
	"github.com/waymark-care/waymark/internal/audit"
	"github.com/waymark-care/waymark/internal/casework"
	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/codes"
	"github.com/waymark-care/waymark/internal/domain"
	"github.com/waymark-care/waymark/internal/storage"
	"github.com/waymark-care/waymark/internal/web"
)

// This file serves the MARAC (docs/casework.md, "MARAC and the MASH"):
// cases heard at the multi-agency risk assessment conference, recorded
// against the adult victim from a child's record, the children linked and
// the actions for children's social care, the list and the measures
// (FD-11). A MARAC case is the MARAC's, not a child's, so its pages are
// the service's; linking a child is recording on that child's file.

func init() { feature((*App).mountMARAC) }

func (a *App) mountMARAC() error {
	a.Private("GET /marac", a.maracListPage) // ?format=csv downloads the cases
	a.Private("GET /children/{id}/marac/new", a.newMARACPage)
	a.Private("POST /children/{id}/marac/new", a.newMARACPost)
	a.Private("GET /marac/{mid}", a.maracCasePage)
	for _, f := range maracForms {
		a.Private("GET /marac/{mid}/"+f.Slug, a.maracFormPage(f))
		a.Private("POST /marac/{mid}/"+f.Slug, a.maracFormPost(f))
		if f.EditTitle != "" {
			a.Private("GET /marac/{mid}/"+f.Slug+"/{rid}", a.maracFormPage(f))
			a.Private("POST /marac/{mid}/"+f.Slug+"/{rid}", a.maracFormPost(f))
		}
	}
	a.Private("GET /api/v1/marac-cases", a.maracCasesAPI)
	a.Private("POST /api/v1/marac-cases", a.maracCreateAPI)
	a.Private("GET /api/v1/marac-cases/{mid}", a.maracCaseAPI)
	a.Private("PATCH /api/v1/marac-cases/{mid}", a.maracUpdateAPI("marac_case"))
	a.Private("POST /api/v1/marac-cases/{mid}/actions", a.maracCreateActionAPI)
	a.Private("PATCH /api/v1/marac-cases/{mid}/actions/{rid}", a.maracUpdateAPI("marac_action"))
	a.Private("GET /api/v1/marac/measures", a.maracMeasuresAPI) // ?format=csv
	return nil
}

// maracCaseQuestions are what is recorded of a case; the victim is chosen
// from the child's family when the case is first recorded.
var maracCaseQuestions = []question{
	{"referral_date", "When was the case referred to the MARAC?", "For example, 27 3 2025", date, "", nil, "Enter the date the case was referred to the MARAC"},
	{"referring_agency", "Which agency referred it?", "", codeSelect, codes.Agency, nil, ""},
	{"hearing_date", "When was it heard?", "Leave blank until the MARAC hears it", date, "", nil, ""},
	{"agencies_present", "Which agencies were present?", "", someOf, codes.Agency, nil, ""},
	{"information_shared_date", "When did children’s social care share its information?", "For example, 27 3 2025", date, "", nil, ""},
}

// maracForms are the forms of a case's page: the case itself, the actions
// for children's social care, and linking another child.
var maracForms = []*caseworkForm{
	{Slug: "edit", EditTitle: "Change the MARAC case", Kind: "marac_case", Button: "Save the case", Questions: maracCaseQuestions},
	{Slug: "actions", Title: "Add an action for children’s social care", EditTitle: "Change the action", Kind: "marac_action", Button: "Save the action", Questions: []question{
		{"action", "What is the action?", "", longText, "", nil, "Enter the action"},
		{"owner_id", "Who owns it?", "", staff, "", nil, "Select who owns the action"},
		{"due_date", "When is it due?", "For example, 27 3 2025", date, "", nil, "Enter when the action is due"},
		{"completed_date", "When was it done?", "Leave blank until it is", date, "", nil, ""},
	}},
	{Slug: "children", Title: "Link a child to the MARAC case", Kind: "marac_child", Button: "Link the child", Questions: []question{
		{"child", "The child’s Waymark number", "The number at the end of the address of the child’s page", text, "", nil, "Enter the child’s Waymark number"},
	}},
}

// maracRecords reads the MARAC's records.
func (a *App) maracRecords(ctx context.Context) (casework.MARACRecords, error) {
	cases, children, actions, err := a.DB.MARAC(ctx)
	return casework.MARACRecords{Cases: cases, Children: children, Actions: actions}, err
}

// allowed answers a request the user's role may not make: 403, as a
// problem for the API.
func (a *App) allowed(w http.ResponseWriter, r *http.Request, action access.Action, why string) bool {
	if access.Decide(a.CurrentUser(r), action, nil).Allowed {
		return true
	}
	if isAPI(r) {
		web.WriteProblem(w, r, http.StatusForbidden, "", why, nil)
	} else {
		a.Web.Error(w, r, http.StatusForbidden)
	}
	return false
}

// maracPeriods reads the period (from, default 1 April; to, default today)
// and the baseline (default the 12 months before the period).
func (a *App) maracPeriods(r *http.Request) (period, baseline casework.Window, errs web.FieldErrors) {
	from, to, _, errs := a.measuresQuery(r)
	q := r.URL.Query()
	bTo := dateParam(q, "baseline_to", from.AddDays(-1), &errs)
	bFrom := dateParam(q, "baseline_from", bTo.AddMonths(-12).AddDays(1), &errs)
	if bFrom.After(bTo) {
		errs.Add("baseline_from", "baseline_from must be on or before baseline_to")
	}
	return casework.Window{From: from, To: to}, casework.Window{From: bFrom, To: bTo}, errs
}

// maracActionsOwned are the user's open MARAC actions, soonest due first,
// for their home page.
func (a *App) maracActionsOwned(r *http.Request, u *access.User) (web.Table, error) {
	acts, err := a.DB.MARACActionsOpen(r.Context(), u.ProfessionalID)
	if err != nil || len(acts) == 0 {
		return web.Table{}, err
	}
	t := web.Table{Caption: "Actions the MARAC gave you, not yet done", Columns: []web.Column{{Header: "Action"}, {Header: "Due"}}}
	see := access.Decide(u, access.ViewMARAC, nil).Allowed
	for _, act := range acts {
		what := web.Cell{Text: act.Action}
		if see {
			what.Href = fmt.Sprintf("/marac/%d", act.MARACCaseID)
		}
		due := longDate(act.DueDate)
		if casework.ActionDeadline(&act).Overdue(a.today()) {
			due += " (overdue)"
		}
		t.Rows = append(t.Rows, []web.Cell{what, {Text: due}})
	}
	return t, nil
}

// maracCaseView is a case as the list, its page and the API show it.
type maracCaseView struct {
	c                 *domain.MARACCase
	victim            string
	previous          *domain.MARACCase
	children          []int64
	actions           []domain.MARACAction
	actionsDone, late int
}

func maracViews(recs casework.MARACRecords, names map[int64]string, today civil.Date) []maracCaseView {
	out := make([]maracCaseView, len(recs.Cases))
	at := make(map[int64]*maracCaseView, len(recs.Cases))
	for i := range recs.Cases {
		c := &recs.Cases[i]
		out[i] = maracCaseView{c: c, victim: names[c.VictimID], previous: casework.PreviousHearing(c, recs.Cases)}
		at[c.ID] = &out[i]
	}
	for _, l := range recs.Children {
		if v := at[l.MARACCaseID]; v != nil {
			v.children = append(v.children, l.PersonID)
		}
	}
	for _, act := range recs.Actions {
		v := at[act.MARACCaseID]
		if v == nil {
			continue
		}
		v.actions = append(v.actions, act)
		d := casework.ActionDeadline(&act)
		if !d.Done.IsZero() {
			v.actionsDone++
		}
		if d.Overdue(today) {
			v.late++
		}
	}
	return out
}

// inPeriod: a case referred or heard in the window.
func (v maracCaseView) inPeriod(w casework.Window) bool {
	in := func(d civil.Date) bool { return !d.IsZero() && !d.Before(w.From) && !d.After(w.To) }
	return in(v.c.ReferralDate) || in(v.c.HearingDate)
}

func (v maracCaseView) actionWords() string {
	if len(v.actions) == 0 {
		return "None"
	}
	s := fmt.Sprintf("%d of %d done", v.actionsDone, len(v.actions))
	if v.late > 0 {
		s += fmt.Sprintf(", %d overdue", v.late)
	}
	return s
}

func yesNoWord(b bool) string { return map[bool]string{true: "Yes", false: "No"}[b] }

// maracCases reads the cases referred or heard in the period, newest
// first, answering the request itself when it cannot.
func (a *App) maracCases(w http.ResponseWriter, r *http.Request) (period, baseline casework.Window, recs casework.MARACRecords, views []maracCaseView, ok bool) {
	if !a.allowed(w, r, access.ViewMARAC, "Your role does not see MARAC cases.") {
		return
	}
	period, baseline, errs := a.maracPeriods(r)
	if len(errs) > 0 {
		if isAPI(r) {
			web.WriteValidationProblem(w, r, errs)
			return
		}
		r.URL.RawQuery = ""
		period, baseline, _ = a.maracPeriods(r)
	}
	recs, err := a.maracRecords(r.Context())
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	var victims []int64
	for _, c := range recs.Cases {
		victims = append(victims, c.VictimID)
	}
	names, err := namesOf(a, r, "person", victims)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	for _, v := range slices.Backward(maracViews(recs, names, a.today())) {
		if v.inPeriod(period) {
			views = append(views, v)
		}
	}
	return period, baseline, recs, views, true
}

// maracMeasureRows are FD-11's measures as the page, the API and the CSV
// show them.
func maracMeasureRows(m *casework.MARACMeasures) []measureRow {
	ratio := func(what string, r casework.Ratio) measureRow {
		return measureRow{Requirement: "FD-11", Measure: what, Numerator: r.N, Denominator: r.D, Percent: r.Percent()}
	}
	span := func(r casework.MARACRates) string { return longDate(r.From) + " to " + longDate(r.To) }
	progress := func(what string, baseline, current casework.Ratio) measureRow {
		row := measureRow{Requirement: "FD-11", Measure: what, Count: true}
		reduction, ok := casework.Reduction(baseline, current)
		if !ok {
			row.Note = "No baseline rate to measure from"
			return row
		}
		row.Percent = 100 * reduction
		verdict := "not yet met"
		if reduction >= casework.F044Reduction {
			verdict = "met"
		}
		change := fmt.Sprintf("%.0f%% lower than the baseline", 100*reduction)
		if reduction < 0 {
			change = fmt.Sprintf("%.0f%% higher than the baseline", -100*reduction)
		}
		row.Note = fmt.Sprintf("%s; the target of a quarter lower is a rate of %.1f%% or less: %s", change, casework.TargetPercent(baseline), verdict)
		return row
	}
	rows := []measureRow{
		ratio("Repeat MARAC cases, heard within 12 months of an earlier hearing (F043, definition A): baseline, "+span(m.Baseline), m.Baseline.Repeat),
		ratio("Repeat MARAC cases (F043, definition A): "+span(m.Period), m.Period.Repeat),
		progress("Progress against the Growing Futures target on repeat cases (F044)", m.Baseline.Repeat, m.Period.Repeat),
		ratio("Re-referrals of children linked to a MARAC case (F043, definition B): baseline, "+span(m.Baseline), m.Baseline.ReReferral),
		ratio("Re-referrals of children linked to a MARAC case (F043, definition B): "+span(m.Period), m.Period.ReReferral),
		progress("Progress against the Growing Futures target on re-referrals (F044)", m.Baseline.ReReferral, m.Period.ReReferral),
		ratio("Actions for children’s social care due in the period, done on time", m.ActionsOnTime),
		{Requirement: "FD-11", Measure: "Actions for children’s social care overdue on the last day", Numerator: m.ActionsOverdue, Count: true},
		ratio("Cases heard with children’s social care’s information shared by the hearing", m.InformationShared),
	}
	// How well the MARAC is attended: of the cases heard in the period.
	for _, ag := range slices.Sorted(maps.Keys(m.Attendance)) {
		rows = append(rows, ratio("Cases heard with "+describe(codes.Agency, ag)+" present", casework.Ratio{N: m.Attendance[ag], D: m.Period.Repeat.D}))
	}
	return rows
}

type maracListPageData struct {
	Page
	Form     web.Form
	Measures []measureRow
	Cases    web.Table
	CSV      string
	MASH     bool
}

func (a *App) maracListPage(w http.ResponseWriter, r *http.Request) {
	period, baseline, recs, views, ok := a.maracCases(w, r)
	if !ok {
		return
	}
	if r.URL.Query().Get("format") == "csv" {
		rows := [][]string{{"id", "victim", "referral_date", "hearing_date", "repeat", "agencies_present", "children_linked", "information_shared_date", "actions", "actions_done", "actions_overdue"}}
		for _, v := range views {
			rows = append(rows, []string{strconv.FormatInt(v.c.ID, 10), v.victim, v.c.ReferralDate.String(), dateText(v.c.HearingDate), yesNoWord(v.previous != nil),
				strings.Join(v.c.AgenciesPresent, " "), strconv.Itoa(len(v.children)), dateText(v.c.InformationSharedDate),
				strconv.Itoa(len(v.actions)), strconv.Itoa(v.actionsDone), strconv.Itoa(v.late)})
		}
		writeCSV(w, fmt.Sprintf("marac-cases-%s-to-%s.csv", period.From, period.To), rows)
		return
	}
	m, err := casework.MeasureMARAC(r.Context(), a.DB, recs, period, baseline)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	q := url.Values{"from": {period.From.String()}, "to": {period.To.String()}, "baseline_from": {baseline.From.String()}, "baseline_to": {baseline.To.String()}}
	p := maracListPageData{Page: a.page(r, "marac"), Form: web.Form{Values: q}, Measures: maracMeasureRows(m),
		CSV: "/marac?format=csv&" + q.Encode(), MASH: access.Decide(a.CurrentUser(r), access.ViewAggregates, nil).Allowed,
		Cases: web.Table{Caption: "Cases referred or heard in the period", Columns: []web.Column{{Header: "Victim"}, {Header: "Referred"}, {Header: "Heard"},
			{Header: "Repeat"}, {Header: "Children"}, {Header: "Information shared"}, {Header: "Actions"}}}}
	for _, v := range views {
		p.Cases.Rows = append(p.Cases.Rows, []web.Cell{{Text: cmp.Or(v.victim, "Not known"), Href: fmt.Sprintf("/marac/%d", v.c.ID)}, {Text: longDate(v.c.ReferralDate)},
			{Text: cmp.Or(longDate(v.c.HearingDate), "Not yet heard")}, {Text: yesNoWord(v.previous != nil)}, {Text: strconv.Itoa(len(v.children))},
			{Text: cmp.Or(longDate(v.c.InformationSharedDate), "Not yet")}, {Text: v.actionWords()}})
	}
	a.Web.Render(w, r, http.StatusOK, "marac/list", p)
}

func dateText(d civil.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

// maracCase reads one case named in the path, with its view.
func (a *App) maracCase(w http.ResponseWriter, r *http.Request) (*maracCaseView, bool) {
	if !a.allowed(w, r, access.ViewMARAC, "Your role does not see MARAC cases.") {
		return nil, false
	}
	id, _ := strconv.ParseInt(r.PathValue("mid"), 10, 64)
	recs, err := a.maracRecords(r.Context())
	if err != nil {
		a.serverError(w, r, err)
		return nil, false
	}
	i := slices.IndexFunc(recs.Cases, func(c domain.MARACCase) bool { return c.ID == id })
	if i < 0 {
		a.Web.Error(w, r, http.StatusNotFound)
		return nil, false
	}
	names, err := namesOf(a, r, "person", []int64{recs.Cases[i].VictimID})
	if err != nil {
		a.serverError(w, r, err)
		return nil, false
	}
	v := maracViews(recs, names, a.today())[i]
	return &v, true
}

type maracCasePageData struct {
	Page
	ID       int64
	Victim   string
	Saved    string
	Summary  web.SummaryList
	Children web.Table
	Actions  web.Table
	Record   bool
}

func (a *App) maracCasePage(w http.ResponseWriter, r *http.Request) {
	v, ok := a.maracCase(w, r)
	if !ok {
		return
	}
	u := a.CurrentUser(r)
	c := v.c
	p := maracCasePageData{Page: a.page(r, "marac"), ID: c.ID, Victim: cmp.Or(v.victim, "Victim not known"), Saved: r.URL.Query().Get("saved"),
		Record: access.Decide(u, access.RecordMARAC, nil).Allowed}
	repeat := "No"
	if v.previous != nil {
		repeat = "Yes: heard before on " + longDate(v.previous.HearingDate)
	}
	agencies := agencyWords(c.AgenciesPresent)
	p.Summary = web.SummaryList{{Key: "Referred", Value: longDate(c.ReferralDate)}, {Key: "Referred by", Value: cmp.Or(describe(codes.Agency, c.ReferringAgency), "Not recorded")},
		{Key: "Heard", Value: cmp.Or(longDate(c.HearingDate), "Not yet heard")}, {Key: "A repeat case (heard within 12 months of an earlier hearing)", Value: repeat},
		{Key: "Agencies present", Value: agencies}, {Key: "Children’s social care shared its information", Value: cmp.Or(longDate(c.InformationSharedDate), "Not yet")}}
	if p.Record {
		for i := range p.Summary {
			if i != 3 { // whether it is a repeat is derived
				p.Summary[i].ChangeHref = fmt.Sprintf("/marac/%d/edit/%d", c.ID, c.ID)
			}
		}
	}
	// A linked child is named only to those who may see their record, and
	// each child named is in the access log, as a search result is.
	p.Children = web.Table{Caption: "Children linked", Columns: []web.Column{{Header: "Child"}}}
	names, err := namesOf(a, r, "person", slices.Clone(v.children))
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	var named []*audit.Access
	for _, id := range v.children {
		facts, err := a.DB.AccessFacts(r.Context(), id, u.ID, a.now())
		if err != nil {
			a.serverError(w, r, err)
			return
		}
		cell := web.Cell{Text: "A child whose record you cannot see"}
		if d := access.Decide(u, access.ViewRecord, facts); d.Allowed {
			cell = web.Cell{Text: names[id], Href: fmt.Sprintf("/children/%d", id)}
			named = append(named, &audit.Access{UserID: u.ID, Username: u.Username, Action: audit.Listed, PersonID: id, What: "MARAC case", How: string(d.How)})
		}
		p.Children.Rows = append(p.Children.Rows, []web.Cell{cell})
	}
	if err := a.DB.LogAccess(r.Context(), named...); err != nil {
		a.serverError(w, r, err)
		return
	}
	dir, err := a.directory(r.Context())
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	p.Actions = web.Table{Caption: "Actions for children’s social care", Columns: []web.Column{{Header: "Action"}, {Header: "Owner"}, {Header: "Due"}, {Header: "Done"}}}
	for _, act := range v.actions {
		what := web.Cell{Text: act.Action}
		if p.Record {
			what.Href = fmt.Sprintf("/marac/%d/actions/%d", c.ID, act.ID)
		}
		done := longDate(act.CompletedDate)
		if d := casework.ActionDeadline(&act); d.Overdue(a.today()) {
			done = "Overdue"
		} else if done == "" {
			done = "Not yet"
		}
		p.Actions.Rows = append(p.Actions.Rows, []web.Cell{what, {Text: dir.ProfessionalName(act.OwnerID)}, {Text: longDate(act.DueDate)}, {Text: done}})
	}
	a.Web.Render(w, r, http.StatusOK, "marac/case", p)
}

// maracFormPageData is a form about a MARAC case.
type maracFormPageData struct {
	Page
	Caption, Title, Back, BackText, Action, Button string
	Form                                           web.Form
	Controls                                       []control
	Version                                        int
}

// renderMARACForm shows a MARAC form; fam offers the choices from a
// child's family, for a new case.
func (a *App) renderMARACForm(w http.ResponseWriter, r *http.Request, status int, p maracFormPageData, qs []question, fam *maracFamily) {
	teams, profs, err := a.DB.Workforce(r.Context())
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	for _, q := range qs {
		switch {
		case fam != nil && q.Name == "victim_id":
			f := p.Form.Field(q.Name, q.Label)
			f.Hint, f.Options = q.Hint, fam.victims
			p.Controls = append(p.Controls, control{Partial: "radios", Field: f})
		case fam != nil && q.Name == "children":
			if len(fam.siblings) > 0 {
				f := p.Form.Field(q.Name, q.Label)
				f.Hint, f.Options = q.Hint, fam.siblings
				p.Controls = append(p.Controls, control{Partial: "checkboxes", Field: f})
			}
		default:
			p.Controls = append(p.Controls, controlOf(q, p.Form, nil, teams, profs))
		}
	}
	if v, err := strconv.Atoi(p.Form.Values.Get("version")); err == nil {
		p.Version = v
	}
	a.Web.Render(w, r, status, "marac/form", p)
}

// newMARACQuestions are the new case's: the victim and the brothers and
// sisters to link, from the child's family, then the case's own.
var newMARACQuestions = append([]question{
	{"victim_id", "Who is the victim?", "The adult the MARAC case is about, from the child’s family", oneOf, "", nil, "Select the victim from the child’s family"},
	{"children", "Which of the child’s brothers and sisters are linked to it too?", "Linking a child records the case on their file", someOf, "", nil, ""},
}, maracCaseQuestions...)

// maracFamily is a child's family, from either side, as a new case offers
// it: the adults, one of whom is the victim, and the brothers and sisters
// under 18.
type maracFamily struct {
	victims, siblings []web.Option
}

func (a *App) maracFamily(r *http.Request, c *childRequest, cr *domain.ChildRecord) (*maracFamily, error) {
	f, err := a.familyOf(r, c, cr)
	if err != nil {
		return nil, err
	}
	today := a.today()
	fam := &maracFamily{}
	for _, t := range f.members(today) {
		p := f.people[t.RelatedPersonID]
		list := &fam.victims
		if slices.Contains([]string{"sibling", "half_sibling", "step_sibling"}, t.Type) {
			list = &fam.siblings
		}
		if adult := p.DateOfBirth.IsZero() || p.DateOfBirth.AgeOn(today) >= 18; adult == (list == &fam.victims) {
			*list = append(*list, web.Option{Value: strconv.FormatInt(p.ID, 10), Text: f.named(t)})
		}
	}
	return fam, nil
}

// inFamilyOf reports whether a person is in the family of any of the
// children, recorded from either side (domain.Family).
func (a *App) inFamilyOf(r *http.Request, personID int64, children []int64) (bool, error) {
	for _, id := range children {
		cr, err := a.DB.ChildRecord(r.Context(), id)
		if err != nil {
			return false, err
		}
		naming, err := a.DB.RelationshipsNaming(r.Context(), id)
		if err != nil {
			return false, err
		}
		if slices.ContainsFunc(domain.Family(cr.Relationships, naming, func(int64) string { return "" }), func(t domain.Tie) bool { return t.RelatedPersonID == personID }) {
			return true, nil
		}
	}
	return false, nil
}

// newMARAC opens a child's record to record a MARAC case from it.
func (a *App) newMARAC(w http.ResponseWriter, r *http.Request) (*childRequest, *domain.ChildRecord, *maracFamily, bool) {
	if !a.allowed(w, r, access.RecordMARAC, "") {
		return nil, nil, nil, false
	}
	c, cr, ok := a.openRecord(w, r, access.AddCaseNote, audit.Viewed, "MARAC case form")
	if !ok {
		return nil, nil, nil, false
	}
	fam, err := a.maracFamily(r, c, cr)
	if err != nil {
		a.serverError(w, r, err)
		return nil, nil, nil, false
	}
	return c, cr, fam, true
}

func (a *App) newMARACFormData(r *http.Request, c *childRequest, cr *domain.ChildRecord, form web.Form) maracFormPageData {
	back := fmt.Sprintf("/children/%d", c.personID)
	return maracFormPageData{Page: a.page(r, "marac"), Caption: cr.Person.Name(), Title: "Record a MARAC case", Back: back, BackText: "Back to " + cr.Person.Name(),
		Action: r.URL.Path, Button: "Save the case", Form: form}
}

func (a *App) newMARACPage(w http.ResponseWriter, r *http.Request) {
	c, cr, fam, ok := a.newMARAC(w, r)
	if !ok {
		return
	}
	a.renderMARACForm(w, r, http.StatusOK, a.newMARACFormData(r, c, cr, web.Form{Values: url.Values{}}), newMARACQuestions, fam)
}

// newMARACPost records a case against the victim chosen, with the child
// and the brothers and sisters chosen linked to it, together.
func (a *App) newMARACPost(w http.ResponseWriter, r *http.Request) {
	c, cr, fam, ok := a.newMARAC(w, r)
	if !ok {
		return
	}
	k, _ := domain.KindNamed("marac_case")
	rec, errs := (&formRequest{spec: &caseworkForm{Kind: k.Name, Questions: maracCaseQuestions}, kind: k}).record(r.PostForm)
	m := rec.(*domain.MARACCase)
	offered := func(opts []web.Option, v string) bool {
		return slices.ContainsFunc(opts, func(o web.Option) bool { return o.Value == v })
	}
	victim := r.PostForm.Get("victim_id")
	if !offered(fam.victims, victim) {
		errs.Add("victim_id", "Select the victim from the child’s family")
	}
	m.VictimID, _ = strconv.ParseInt(victim, 10, 64)
	v := &maracCaseView{c: m, children: []int64{c.personID}}
	for _, n := range r.PostForm["children"] {
		if !offered(fam.siblings, n) {
			errs.Add("children", "Choose from the child’s brothers and sisters")
			continue
		}
		_, lerrs, err := a.maracLink(r, v, n, "children")
		if err != nil {
			a.serverError(w, r, err)
			return
		}
		if errs = append(errs, lerrs...); len(lerrs) == 0 {
			id, _ := strconv.ParseInt(n, 10, 64)
			v.children = append(v.children, id)
		}
	}
	if errs = withOwnErrors(errs, m); len(errs) == 0 {
		var err error
		if errs, err = a.insertMARACCase(r, m, v.children); err != nil {
			a.serverError(w, r, err)
			return
		}
	}
	if len(errs) > 0 {
		errs = (&caseworkForm{Questions: newMARACQuestions}).inOwnWords(errs)
		a.renderMARACForm(w, r, http.StatusUnprocessableEntity, a.newMARACFormData(r, c, cr, web.Form{Values: r.PostForm, Errors: errs}), newMARACQuestions, fam)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/marac/%d?saved=%s", m.ID, url.QueryEscape("MARAC case")), http.StatusSeeOther)
}

// withOwnErrors adds the record's own errors to a form's, one a field, so
// that the form shows every problem at once.
func withOwnErrors(errs web.FieldErrors, rec domain.Record) web.FieldErrors {
	if v, ok := errors.AsType[*domain.ValidationError](domain.Validate(rec)); ok {
		for _, fe := range v.Errors {
			if errs.Get(fe.Field) == "" {
				errs.Add(fe.Field, fe.Message)
			}
		}
	}
	return errs
}

// writeChange makes a change of records, returning the field errors that
// stopped it: a record's own, or someone else's change made first.
func (a *App) writeChange(r *http.Request, fn func(tx *storage.Tx) error) (web.FieldErrors, error) {
	err := a.DB.Write(r.Context(), storage.Change{Actor: a.CurrentUser(r).Username, At: a.now()}, fn)
	var errs web.FieldErrors
	if v, ok := errors.AsType[*domain.ValidationError](err); ok {
		for _, fe := range v.Errors {
			errs.Add(fe.Field, fe.Message)
		}
		return errs, nil
	}
	return saveErrors(nil, err)
}

// insertMARACCase records a new case with the children linked to it,
// together.
func (a *App) insertMARACCase(r *http.Request, m *domain.MARACCase, children []int64) (web.FieldErrors, error) {
	return a.writeChange(r, func(tx *storage.Tx) error {
		if err := tx.Insert(m); err != nil {
			return err
		}
		for _, id := range children {
			if err := tx.Insert(&domain.MARACChild{PersonID: id, MARACCaseID: m.ID}); err != nil {
				return err
			}
		}
		return nil
	})
}

// saveOrUpdate stores a new record, or an existing one at its version.
func saveOrUpdate(rec domain.Record) func(tx *storage.Tx) error {
	return func(tx *storage.Tx) error {
		if rec.Base().ID == 0 {
			return tx.Insert(rec)
		}
		return tx.Update(rec)
	}
}

// maracFormRequest is a form of a case's page: the case, the form, and for
// a change the record changed.
type maracFormRequest struct {
	view   *maracCaseView
	spec   *caseworkForm
	kind   *domain.Kind
	before domain.Record
}

// maracFormRequest begins every form of a case's page, answering the
// request itself when it cannot go on.
func (a *App) maracFormRequest(w http.ResponseWriter, r *http.Request, spec *caseworkForm) (*maracFormRequest, bool) {
	editing := r.PathValue("rid") != ""
	if editing && spec.EditTitle == "" || !editing && spec.Title == "" {
		a.Web.Error(w, r, http.StatusNotFound)
		return nil, false
	}
	if !a.allowed(w, r, access.RecordMARAC, "Your role does not record MARAC cases.") {
		return nil, false
	}
	v, ok := a.maracCase(w, r)
	if !ok {
		return nil, false
	}
	k, _ := domain.KindNamed(spec.Kind)
	fr := &maracFormRequest{view: v, spec: spec, kind: k}
	if editing {
		fr.before = v.record(r)
		if fr.before == nil {
			a.Web.Error(w, r, http.StatusNotFound)
			return nil, false
		}
	}
	return fr, true
}

// record is the case, or one of its actions, named by the path's rid.
func (v *maracCaseView) record(r *http.Request) domain.Record {
	rid, ok := recordID(r)
	if !ok {
		return nil
	}
	if strings.Contains(r.URL.Path, "/actions") {
		for i := range v.actions {
			if v.actions[i].ID == rid {
				return &v.actions[i]
			}
		}
		return nil
	}
	if rid == v.c.ID {
		return v.c
	}
	return nil
}

func (a *App) renderMARACCaseForm(w http.ResponseWriter, r *http.Request, status int, fr *maracFormRequest, form web.Form) {
	title := fr.spec.Title
	if fr.before != nil {
		title = fr.spec.EditTitle
		if form.Values.Get("version") == "" {
			form.Values.Set("version", strconv.Itoa(fr.before.Base().Version))
		}
	}
	back := fmt.Sprintf("/marac/%d", fr.view.c.ID)
	p := maracFormPageData{Page: a.page(r, "marac"), Caption: "MARAC case: " + cmp.Or(fr.view.victim, "victim not known"), Title: title,
		Back: back, BackText: "Back to the MARAC case", Action: r.URL.Path, Button: fr.spec.Button, Form: form}
	a.renderMARACForm(w, r, status, p, fr.spec.Questions, nil)
}

func (a *App) maracFormPage(spec *caseworkForm) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		fr, ok := a.maracFormRequest(w, r, spec)
		if !ok {
			return
		}
		values := url.Values{}
		if fr.before != nil {
			values = formValues(fr.before, spec.Questions)
		}
		a.renderMARACCaseForm(w, r, http.StatusOK, fr, web.Form{Values: values})
	}
}

func (a *App) maracFormPost(spec *caseworkForm) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		fr, ok := a.maracFormRequest(w, r, spec)
		if !ok {
			return
		}
		rec, errs, err := a.maracFormRecord(r, fr)
		if err == nil && rec != nil {
			errs = withOwnErrors(errs, rec)
		}
		if err == nil && len(errs) == 0 {
			errs, err = a.writeChange(r, saveOrUpdate(rec))
		}
		if err != nil {
			a.serverError(w, r, err)
			return
		}
		if len(errs) > 0 {
			a.renderMARACCaseForm(w, r, http.StatusUnprocessableEntity, fr, web.Form{Values: r.PostForm, Errors: spec.inOwnWords(errs)})
			return
		}
		http.Redirect(w, r, fmt.Sprintf("/marac/%d?saved=%s", fr.view.c.ID, url.QueryEscape(fr.kind.Title)), http.StatusSeeOther)
	}
}

// maracFormRecord is the record a form of a case's page makes: linking a
// child is recording on the child's file, so it needs the user's access to
// it.
func (a *App) maracFormRecord(r *http.Request, fr *maracFormRequest) (domain.Record, web.FieldErrors, error) {
	if fr.kind.Name == "marac_child" {
		return a.maracLink(r, fr.view, r.PostForm.Get("child"), "child")
	}
	rec, errs := (&formRequest{spec: fr.spec, kind: fr.kind, before: fr.before}).record(r.PostForm)
	if act, ok := rec.(*domain.MARACAction); ok {
		act.MARACCaseID = fr.view.c.ID
	}
	return rec, errs, nil
}

// maracLink is a link of the child with the number given to the case, if
// the user may record on the child's file and the child is not already
// linked.
func (a *App) maracLink(r *http.Request, v *maracCaseView, number, field string) (domain.Record, web.FieldErrors, error) {
	var errs web.FieldErrors
	id, err := strconv.ParseInt(strings.TrimSpace(number), 10, 64)
	if number == "" {
		errs.Add(field, "Enter the child’s Waymark number")
		return nil, errs, nil
	}
	u := a.CurrentUser(r)
	facts, ferr := a.DB.AccessFacts(r.Context(), id, u.ID, a.now())
	switch {
	case err != nil || id <= 0 || errors.Is(ferr, storage.ErrNotFound):
		errs.Add(field, "There is no child with the number "+number)
	case ferr != nil:
		return nil, nil, ferr
	case !access.Decide(u, access.AddCaseNote, facts).Allowed:
		errs.Add(field, "You cannot record on this child’s file, so you cannot link them")
	case slices.Contains(v.children, id):
		errs.Add(field, "This child is already linked to the case")
	default:
		return &domain.MARACChild{PersonID: id, MARACCaseID: v.c.ID}, nil, nil
	}
	return nil, errs, nil
}

// maracCaseJSON is a case as the API shows it: its fields, the children
// linked, its actions and what is derived.
func (a *App) maracCaseJSON(v *maracCaseView) map[string]any {
	m := jsonFields(v.c)
	m["href"] = fmt.Sprintf("/api/v1/marac-cases/%d", v.c.ID)
	m["children"] = append([]int64{}, v.children...)
	actions := []map[string]any{}
	for i := range v.actions {
		actions = append(actions, a.maracActionJSON(&v.actions[i]))
	}
	m["actions"] = actions
	derived := map[string]any{"repeat": v.previous != nil}
	if v.previous != nil {
		derived["previous_case_id"] = v.previous.ID
		derived["previous_hearing_date"] = v.previous.HearingDate
	}
	m["derived"] = derived
	return m
}

func (a *App) maracActionJSON(act *domain.MARACAction) map[string]any {
	m := jsonFields(act)
	m["href"] = fmt.Sprintf("/api/v1/marac-cases/%d/actions/%d", act.MARACCaseID, act.ID)
	d := casework.ActionDeadline(act)
	derived := map[string]any{"overdue": d.Overdue(a.today())}
	if !d.Done.IsZero() {
		derived["on_time"] = d.OnTime()
	}
	m["derived"] = derived
	return m
}

// maracCasesAPI answers GET /api/v1/marac-cases?from=&to=: the cases
// referred or heard in the period, newest first.
func (a *App) maracCasesAPI(w http.ResponseWriter, r *http.Request) {
	period, _, _, views, ok := a.maracCases(w, r)
	if !ok {
		return
	}
	out := []map[string]any{}
	for i := range views {
		out = append(out, a.maracCaseJSON(&views[i]))
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"from": period.From, "to": period.To, "cases": out})
}

// maracCaseAPI answers GET /api/v1/marac-cases/{mid}.
func (a *App) maracCaseAPI(w http.ResponseWriter, r *http.Request) {
	if v, ok := a.maracCase(w, r); ok {
		web.WriteJSON(w, http.StatusOK, a.maracCaseJSON(v))
	}
}

// maracCreateAPI answers POST /api/v1/marac-cases: a case against the
// victim named (victim_id), with the children named (children) linked.
func (a *App) maracCreateAPI(w http.ResponseWriter, r *http.Request) {
	if !a.allowed(w, r, access.RecordMARAC, "Your role does not record MARAC cases.") {
		return
	}
	body, ok := readBody(w, r)
	if !ok {
		return
	}
	var children []string
	if raw, ok := body["children"]; ok {
		var ids []int64
		if json.Unmarshal(raw, &ids) != nil {
			web.WriteValidationProblem(w, r, web.FieldErrors{{Field: "children", Message: "Must be a list of children’s Waymark numbers"}})
			return
		}
		for _, id := range ids {
			children = append(children, strconv.FormatInt(id, 10))
		}
		delete(body, "children")
	}
	m := &domain.MARACCase{}
	errs := decodeRecord(body, m, false)
	*m.Base() = domain.Entity{}
	v := &maracCaseView{c: m}
	for _, n := range children {
		link, lerrs, err := a.maracLink(r, v, n, "children")
		if err != nil {
			a.serverError(w, r, err)
			return
		}
		if errs = append(errs, lerrs...); link != nil {
			v.children = append(v.children, link.(*domain.MARACChild).PersonID)
		}
	}
	// As the form does, the case is about an adult in a linked child's
	// family, not anyone with a Waymark number.
	if errs = withOwnErrors(errs, m); errs.Get("victim_id") == "" && errs.Get("children") == "" {
		related, err := a.inFamilyOf(r, m.VictimID, v.children)
		switch {
		case err != nil:
			a.serverError(w, r, err)
			return
		case len(v.children) == 0:
			errs.Add("children", "Link at least one child: a MARAC case is recorded for the children of the victim’s family")
		case !related:
			errs.Add("victim_id", "Choose the victim from the family of a child linked to the case")
		}
	}
	if len(errs) == 0 {
		var err error
		errs, err = a.insertMARACCase(r, m, v.children)
		if err != nil {
			a.serverError(w, r, err)
			return
		}
	}
	if len(errs) > 0 {
		web.WriteValidationProblem(w, r, errs)
		return
	}
	r.SetPathValue("mid", strconv.FormatInt(m.ID, 10))
	if v, ok := a.maracCase(w, r); ok {
		w.Header().Set("Location", fmt.Sprintf("/api/v1/marac-cases/%d", m.ID))
		web.WriteJSON(w, http.StatusCreated, a.maracCaseJSON(v))
	}
}

// maracCreateActionAPI answers POST /api/v1/marac-cases/{mid}/actions.
func (a *App) maracCreateActionAPI(w http.ResponseWriter, r *http.Request) {
	if !a.allowed(w, r, access.RecordMARAC, "Your role does not record MARAC cases.") {
		return
	}
	v, ok := a.maracCase(w, r)
	if !ok {
		return
	}
	body, ok := readBody(w, r)
	if !ok {
		return
	}
	act := &domain.MARACAction{}
	errs := decodeRecord(body, act, false)
	*act.Base() = domain.Entity{}
	act.MARACCaseID = v.c.ID
	a.answerMARACWrite(w, r, act, errs, http.StatusCreated)
}

// maracUpdateAPI answers PATCH on a case or one of its actions: the fields
// sent change, at the version read.
func (a *App) maracUpdateAPI(kind string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if !a.allowed(w, r, access.RecordMARAC, "Your role does not record MARAC cases.") {
			return
		}
		v, ok := a.maracCase(w, r)
		if !ok {
			return
		}
		if kind == "marac_case" {
			r.SetPathValue("rid", r.PathValue("mid"))
		}
		before := v.record(r)
		if before == nil {
			a.Web.Error(w, r, http.StatusNotFound)
			return
		}
		body, ok := readBody(w, r)
		if !ok {
			return
		}
		k, _ := domain.KindNamed(kind)
		rec := k.New()
		reflect.ValueOf(rec).Elem().Set(reflect.ValueOf(before).Elem())
		errs := decodeRecord(body, rec, true)
		version := rec.Base().Version
		*rec.Base() = *before.Base()
		rec.Base().Version = version
		switch x := rec.(type) {
		case *domain.MARACAction:
			x.MARACCaseID = v.c.ID
		case *domain.MARACCase:
			// As on the case's page: the victim is who the case is about.
			if x.VictimID != v.c.VictimID {
				errs.Add("victim_id", "The victim of a case cannot be changed: record a new case for them")
			}
		}
		a.answerMARACWrite(w, r, rec, errs, http.StatusOK)
	}
}

// answerMARACWrite stores a case or an action the API was sent, and
// answers with it.
func (a *App) answerMARACWrite(w http.ResponseWriter, r *http.Request, rec domain.Record, errs web.FieldErrors, status int) {
	if len(errs) == 0 {
		var err error
		if errs, err = a.writeChange(r, saveOrUpdate(rec)); err != nil {
			a.serverError(w, r, err)
			return
		}
	}
	if len(errs) > 0 {
		if errs.Get("version") != "" && len(errs) == 1 {
			web.WriteProblem(w, r, http.StatusConflict, "Someone else changed this record", errs.Get("version"), nil)
			return
		}
		web.WriteValidationProblem(w, r, errs)
		return
	}
	v, ok := a.maracCase(w, r)
	if !ok {
		return
	}
	if act, ok := rec.(*domain.MARACAction); ok {
		if status == http.StatusCreated {
			w.Header().Set("Location", fmt.Sprintf("/api/v1/marac-cases/%d/actions/%d", act.MARACCaseID, act.ID))
		}
		web.WriteJSON(w, status, a.maracActionJSON(act))
		return
	}
	web.WriteJSON(w, status, a.maracCaseJSON(v))
}

// maracMeasuresAPI answers GET /api/v1/marac/measures?from=&to=&baseline_from=&baseline_to=,
// or with format=csv the same rows as a CSV.
func (a *App) maracMeasuresAPI(w http.ResponseWriter, r *http.Request) {
	if !a.allowed(w, r, access.ViewAggregates, "Your role does not see measures.") {
		return
	}
	period, baseline, errs := a.maracPeriods(r)
	if len(errs) > 0 {
		web.WriteValidationProblem(w, r, errs)
		return
	}
	recs, err := a.maracRecords(r.Context())
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	m, err := casework.MeasureMARAC(r.Context(), a.DB, recs, period, baseline)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	rows := maracMeasureRows(m)
	if wantsCSV(r) {
		writeCSV(w, fmt.Sprintf("marac-measures-%s-to-%s.csv", period.From, period.To), measureCSV(rows))
		return
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"from": period.From, "to": period.To, "baseline_from": baseline.From, "baseline_to": baseline.To,
		"f044_target_reduction": casework.F044Reduction, "measures": rows})
}

// measureCSV is measure rows as a CSV's rows.
func measureCSV(rows []measureRow) [][]string {
	out := [][]string{{"requirement", "measure", "numerator", "denominator", "percent", "note"}}
	for _, m := range rows {
		d, pc := strconv.Itoa(m.Denominator), strconv.FormatFloat(m.Percent, 'f', 1, 64)
		if m.Count {
			d = ""
		}
		if m.Count && m.Percent == 0 || !m.Count && m.Denominator == 0 {
			pc = ""
		}
		out = append(out, []string{m.Requirement, m.Measure, strconv.Itoa(m.Numerator), d, pc, m.Note})
	}
	return out
}
