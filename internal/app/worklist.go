package app

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/waymark-care/waymark/internal/access"
	"github.com/waymark-care/waymark/internal/audit"
	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/domain"
	"github.com/waymark-care/waymark/internal/web"
	"github.com/waymark-care/waymark/internal/worklist"
)

func init() { feature((*App).mountWorklists) }

func (a *App) mountWorklists() error {
	a.Private("GET /worklist", a.worklistPage)
	a.Private("GET /worklist.csv", a.worklistPage)
	a.Private("GET /worklist/{view}", a.worklistPage) // team, service, team.csv, service.csv
	a.Private("GET /api/v1/worklists/{view}", a.worklistAPI)
	return nil
}

// worklistView is one of the three worklists: a worker's own children, a
// manager's team and the teams below it, a senior manager's service.
type worklistView struct {
	Name, Title, Path string
	Scope             worklist.Scope
}

// worklistViews are the worklists u may open, in menu order. Each is
// scoped by who holds the children's cases; the access policy still
// withholds any child whose record u may not see.
// dir names the teams; nil leaves them out, for the menu.
func worklistViews(u *access.User, dir *worklist.Directory) []worklistView {
	teamName := func(id int64) string {
		if dir == nil {
			return "team"
		}
		return dir.TeamName(id)
	}
	var vs []worklistView
	if u.ProfessionalID != 0 {
		vs = append(vs, worklistView{"mine", "Your work", "/worklist", worklist.Scope{Professional: u.ProfessionalID}})
	}
	if u.TeamID != 0 && (u.Has(access.TeamManager) || u.Has(access.ServiceManager)) {
		vs = append(vs, worklistView{"team", "Your team: " + teamName(u.TeamID), "/worklist/team", worklist.Scope{Team: u.TeamID}})
	}
	if access.Decide(u, access.ViewAggregates, nil).Allowed && (u.Has(access.ServiceManager) || u.TeamID == 0 || !u.Has(access.TeamManager)) {
		// A service manager's team is their service; others who see
		// aggregates (analysts, auditors) see the whole authority.
		v := worklistView{"service", "The whole service", "/worklist/service", worklist.Scope{}}
		if u.Has(access.ServiceManager) && u.TeamID != 0 {
			v.Title, v.Scope.Team = "Your service: "+teamName(u.TeamID), u.TeamID
		}
		vs = append(vs, v)
	}
	return vs
}

// worklistQuery is a worklist request: which list, filtered and sorted how.
type worklistQuery struct {
	AsOf   civil.Date
	Filter worklist.Filter
	Sort   string
	Desc   bool
}

func (a *App) parseWorklistQuery(q url.Values) (worklistQuery, web.FieldErrors) {
	var errs web.FieldErrors
	wq := worklistQuery{AsOf: dateParam(q, "as_of", a.today(), &errs), Sort: q.Get("sort"), Desc: q.Get("order") == "desc"}
	wq.Filter = worklist.Filter{List: worklist.List(q.Get("list")), Rule: q.Get("rule"),
		Team: idParam(q, "team", &errs), Worker: idParam(q, "worker", &errs)}
	if wq.Filter.List != "" && !slices.Contains(worklist.Lists, wq.Filter.List) {
		errs.Add("list", "list must be overdue, due or late")
	}
	if wq.Sort != "" && !slices.Contains(worklist.SortKeys, wq.Sort) {
		errs.Add("sort", "sort must be one of "+strings.Join(worklist.SortKeys, ", "))
	}
	return wq, errs
}

// buildWorklist builds the named worklist for the signed-in user. It
// answers the request itself when it cannot (ok false).
func (a *App) buildWorklist(w http.ResponseWriter, r *http.Request, name string, wq worklistQuery) (*worklist.Worklist, worklistView, []worklistView, *worklist.Directory, bool) {
	ctx := r.Context()
	u := a.CurrentUser(r)
	dir, err := a.directory(ctx)
	if err != nil {
		a.serverError(w, r, err)
		return nil, worklistView{}, nil, nil, false
	}
	views := worklistViews(u, dir)
	i := slices.IndexFunc(views, func(v worklistView) bool { return v.Name == name })
	if i < 0 {
		detail := map[string]string{
			"mine":    "Your account is not linked to a member of staff who holds cases.",
			"team":    "Only team and service managers have a team worklist.",
			"service": "Your role does not see the whole service.",
		}[name]
		if detail == "" {
			a.Web.Error(w, r, http.StatusNotFound)
		} else if isAPI(r) {
			web.WriteProblem(w, r, http.StatusForbidden, "", detail, nil)
		} else {
			a.Web.Error(w, r, http.StatusForbidden)
		}
		return nil, worklistView{}, nil, nil, false
	}
	view := views[i]
	view.Scope.Sees = sees(u, wq.AsOf, dir)
	eng, err := a.Engine(ctx)
	if err != nil {
		a.serverError(w, r, err)
		return nil, worklistView{}, nil, nil, false
	}
	read := worklist.Reader(a.DB.Caseload)
	switch {
	case view.Scope.Professional != 0:
		read = a.allocatedTo(view.Scope.Professional)
	case view.Scope.Team != 0:
		read = a.heldIn(dir.Subtree(view.Scope.Team))
	}
	wl, err := worklist.Build(ctx, read, wq.AsOf, view.Scope, eng, dir)
	if err != nil {
		a.serverError(w, r, err)
		return nil, worklistView{}, nil, nil, false
	}
	return wl, view, views, dir, true
}

// allocatedTo reads only the children a professional is involved with on
// the day: a worker's own worklist need not read everyone's records.
func (a *App) allocatedTo(professionalID int64) worklist.Reader {
	return func(ctx context.Context, _, on civil.Date, columns map[string][]string, fn func([]*domain.ChildRecord) error) error {
		as, err := a.DB.Allocations(ctx, professionalID, on)
		if err != nil {
			return err
		}
		ids := make([]int64, len(as))
		for i, al := range as {
			ids[i] = al.Person.ID
		}
		return a.DB.ChildRecords(ctx, ids, columns, fn)
	}
}

// heldIn reads only the children whose cases are held in the teams: a
// team's worklist need not read the whole authority's records.
func (a *App) heldIn(teams []*domain.Team) worklist.Reader {
	ids := make([]int64, len(teams))
	for i, t := range teams {
		ids[i] = t.ID
	}
	return func(ctx context.Context, _, on civil.Date, columns map[string][]string, fn func([]*domain.ChildRecord) error) error {
		return a.DB.CasesHeld(ctx, on, worklist.LeadRoles, ids, columns, fn)
	}
}

// homeWorklist is the worker's worklist on the home page: how much is on
// each list, and what is most overdue.
type homeWorklist struct {
	Lists   []NavItem
	Overdue web.Table
}

// homeOverdue is how many overdue items the home page shows.
const homeOverdue = 5

func (a *App) homeWorklist(r *http.Request) (*homeWorklist, error) {
	ctx := r.Context()
	u := a.CurrentUser(r)
	dir, err := a.directory(ctx)
	if err != nil {
		return nil, err
	}
	eng, err := a.Engine(ctx)
	if err != nil {
		return nil, err
	}
	today := a.today()
	wl, err := worklist.Build(ctx, a.allocatedTo(u.ProfessionalID), today,
		worklist.Scope{Professional: u.ProfessionalID, Sees: sees(u, today, dir)}, eng, dir)
	if err != nil {
		return nil, err
	}
	h := &homeWorklist{Overdue: web.Table{Caption: "Most overdue", Columns: []web.Column{{Header: "Child"}, {Header: "What"}, {Header: "Due"}, {Header: "Days late", Numeric: true}}}}
	for _, l := range worklist.Lists {
		h.Lists = append(h.Lists, NavItem{Text: fmt.Sprintf("%s: %d", l.Title(), wl.Count(l)), Href: "/worklist?list=" + string(l)})
	}
	es := wl.Filter(worklist.Filter{List: worklist.Overdue})
	worklist.Sort(es, "days_late", true)
	es = es[:min(len(es), homeOverdue)]
	for _, e := range es {
		h.Overdue.Rows = append(h.Overdue.Rows, []web.Cell{{Text: e.Child.Name, Href: fmt.Sprintf("/children/%d", e.Child.ID)},
			{Text: e.Item.Title}, {Text: longDate(e.Item.Due)}, {Text: strconv.Itoa(e.Item.DaysLate)}})
	}
	return h, a.logListed(ctx, u, es, audit.Listed, "home page worklist")
}

// logListed records which children a worklist showed or exported.
func (a *App) logListed(ctx context.Context, u *access.User, es []worklist.Entry, action audit.AccessAction, what string) error {
	seen := map[int64]bool{}
	var logs []*audit.Access
	for _, e := range es {
		if !seen[e.Child.ID] {
			seen[e.Child.ID] = true
			logs = append(logs, &audit.Access{UserID: u.ID, Username: u.Username, Action: action, PersonID: e.Child.ID, What: what})
		}
	}
	return a.DB.LogAccess(ctx, logs...)
}

// worklistPageData is the worklist page.
type worklistPageData struct {
	Page
	View     worklistView
	Views    []NavItem
	AsOf     civil.Date
	Today    bool
	Lists    []NavItem
	List     worklist.List
	Columns  []sortHeader
	Rows     []worklistRow
	Total    int
	Pages    pages
	Withheld int
	Form     web.Form
	Rules    []web.Option
	Teams    []web.Option
	Workers  []web.Option
	CSV      string
	Clear    string
}

type worklistRow struct {
	Child, ChildHref, LAChildID string
	RuleID, Title, Standard     string
	Due                         string
	Status                      web.Tag
	DaysLate                    string
	Worker, Team                string
	Explanation                 string
}

// sortHeader is a column heading that sorts the table: a link that works
// without JavaScript, with aria-sort on the column sorted by.
type sortHeader struct {
	Text, Href, AriaSort string
	Numeric              bool
}

func (a *App) worklistPage(w http.ResponseWriter, r *http.Request) {
	name, csvFile := strings.CutSuffix(r.PathValue("view"), ".csv")
	if r.URL.Path == "/worklist" || r.URL.Path == "/worklist.csv" {
		name, csvFile = "mine", r.URL.Path == "/worklist.csv"
	}
	q := r.URL.Query()
	wq, errs := a.parseWorklistQuery(q)
	if len(errs) > 0 {
		// Only a hand-edited address has bad parameters: start again.
		wq, _ = a.parseWorklistQuery(url.Values{})
	}
	wl, view, views, dir, ok := a.buildWorklist(w, r, name, wq)
	if !ok {
		return
	}
	u := a.CurrentUser(r)
	// The page shows one list at a time: the one asked for, or the first
	// with anything on it.
	if wq.Filter.List == "" {
		wq.Filter.List = worklist.Overdue
		for _, l := range worklist.Lists {
			if wl.Count(l) > 0 {
				wq.Filter.List = l
				break
			}
		}
	}
	if csvFile {
		wq.Filter.List = worklist.List(q.Get("list")) // the CSV has every list unless one is asked for
	}
	es := wl.Filter(wq.Filter)
	worklist.Sort(es, wq.Sort, wq.Desc)
	if csvFile {
		if err := a.logListed(r.Context(), u, es, audit.Exported, "worklist (CSV)"); err != nil {
			a.serverError(w, r, err)
			return
		}
		writeCSV(w, fmt.Sprintf("worklist-%s-%s.csv", view.Name, wq.AsOf), worklistCSV(es))
		return
	}
	p := worklistPageData{Page: a.page(r, "worklist"), View: view, AsOf: wq.AsOf, Today: wq.AsOf == a.today(),
		List: wq.Filter.List, Withheld: wl.Withheld, Form: web.Form{Values: q}}
	for _, v := range views {
		p.Views = append(p.Views, NavItem{Text: v.Title, Href: v.Path, Active: v.Name == view.Name})
	}
	with := func(changes ...string) string {
		if len(changes) == 0 || changes[0] != "page" {
			changes = append(changes, "page", "")
		}
		return view.Path + "?" + withParams(q, changes...)
	}
	for _, l := range worklist.Lists {
		p.Lists = append(p.Lists, NavItem{Text: fmt.Sprintf("%s (%d)", l.Title(), wl.Count(l)), Href: with("list", string(l)), Active: l == wq.Filter.List})
	}
	p.Form.Values.Set("list", string(wq.Filter.List))
	p.CSV = view.Path + ".csv?" + withParams(q, "list", "")
	p.Clear = view.Path + "?" + withParams(url.Values{}, "list", string(wq.Filter.List))
	for _, c := range []struct{ key, text string }{{"child", "Child"}, {"rule", "What"}, {"due", "Due"}, {"days_late", "Days late"}, {"worker", "Worker"}, {"team", "Team"}} {
		h := sortHeader{Text: c.text, AriaSort: "none", Numeric: c.key == "days_late"}
		order := "asc"
		if cmpKey(wq.Sort) == c.key {
			h.AriaSort = "ascending"
			if wq.Desc {
				h.AriaSort = "descending"
			} else {
				order = "desc"
			}
		}
		h.Href = with("sort", c.key, "order", order)
		p.Columns = append(p.Columns, h)
	}
	page, _ := strconv.Atoi(q.Get("page"))
	p.Pages = paginate(len(es), page, func(n int) string { return with("page", strconv.Itoa(n)) })
	shown := es[max(p.Pages.From-1, 0):p.Pages.To]
	for _, e := range shown {
		p.Rows = append(p.Rows, worklistRowOf(&e))
	}
	p.Total = len(es)
	p.Rules, p.Teams, p.Workers = filterOptions(wl.Entries, dir)
	if err := a.logListed(r.Context(), u, shown, audit.Listed, "worklist"); err != nil {
		a.serverError(w, r, err)
		return
	}
	a.Web.Render(w, r, http.StatusOK, "worklist", p)
}

// pageSize is how many rows a page of a long list shows.
const pageSize = 100

// pages is the GOV.UK pagination of a list: which rows this page shows
// (From and To, counted from 1; both 0 for an empty list) and the links to
// the others.
type pages struct {
	From, To   int
	Prev, Next string
	Items      []pageLink
}

// pageLink is a page number, or an ellipsis where Href and Number are empty.
type pageLink struct {
	Number  int
	Href    string
	Current bool
}

// paginate splits n rows into pages and returns page (1-based, clamped):
// links to the first, last, current and neighbouring pages, with ellipses
// between.
func paginate(n, page int, href func(int) string) pages {
	last := max(1, (n+pageSize-1)/pageSize)
	page = min(max(page, 1), last)
	p := pages{From: min(n, (page-1)*pageSize+1), To: min(n, page*pageSize)}
	if last == 1 {
		return p
	}
	if page > 1 {
		p.Prev = href(page - 1)
	}
	if page < last {
		p.Next = href(page + 1)
	}
	for i := 1; i <= last; i++ {
		switch {
		case i == 1 || i == last || i >= page-1 && i <= page+1:
			p.Items = append(p.Items, pageLink{Number: i, Href: href(i), Current: i == page})
		case p.Items[len(p.Items)-1].Number != 0:
			p.Items = append(p.Items, pageLink{})
		}
	}
	return p
}

// cmpKey is the sort key in force: due date unless another is named.
func cmpKey(sort string) string {
	if sort == "" {
		return "due"
	}
	return sort
}

// withParams returns q's encoding with the given name and value pairs set
// (an empty value removes the name).
func withParams(q url.Values, changes ...string) string {
	out := url.Values{}
	for k, v := range q {
		out[k] = slices.Clone(v)
	}
	for i := 0; i+1 < len(changes); i += 2 {
		if changes[i+1] == "" {
			out.Del(changes[i])
		} else {
			out.Set(changes[i], changes[i+1])
		}
	}
	return out.Encode()
}

func worklistRowOf(e *worklist.Entry) worklistRow {
	row := worklistRow{Child: e.Child.Name, ChildHref: fmt.Sprintf("/children/%d", e.Child.ID), LAChildID: e.Child.LAChildID,
		RuleID: e.Item.RuleID, Title: e.Item.Title, Standard: string(e.Item.Standard), Due: longDate(e.Item.Due),
		Status: statusTag(e.Item.Status), Worker: e.Worker, Team: e.Team, Explanation: e.Item.Explanation}
	if e.Worker == "" {
		row.Worker = "Not allocated"
	}
	if e.Item.DaysLate > 0 {
		row.DaysLate = strconv.Itoa(e.Item.DaysLate)
	}
	return row
}

// filterOptions are the choices of the filter form: the rules, teams and
// workers on the worklist.
func filterOptions(es []worklist.Entry, dir *worklist.Directory) (rules, teams, workers []web.Option) {
	rules = []web.Option{{Value: "", Text: "All"}}
	teams = []web.Option{{Value: "", Text: "All"}}
	workers = []web.Option{{Value: "", Text: "All"}}
	seenRule, seenTeam, seenWorker := map[string]bool{}, map[int64]bool{}, map[int64]bool{}
	var rs, ts, ws []web.Option
	for _, e := range es {
		if !seenRule[e.Item.RuleID] {
			seenRule[e.Item.RuleID] = true
			rs = append(rs, web.Option{Value: e.Item.RuleID, Text: e.Item.RuleID + " " + e.Item.Title})
		}
		if e.TeamID != 0 && !seenTeam[e.TeamID] {
			seenTeam[e.TeamID] = true
			ts = append(ts, web.Option{Value: strconv.FormatInt(e.TeamID, 10), Text: dir.TeamName(e.TeamID)})
		}
		if e.ProfessionalID != 0 && !seenWorker[e.ProfessionalID] {
			seenWorker[e.ProfessionalID] = true
			ws = append(ws, web.Option{Value: strconv.FormatInt(e.ProfessionalID, 10), Text: dir.ProfessionalName(e.ProfessionalID)})
		}
	}
	byText := func(a, b web.Option) int { return strings.Compare(a.Text, b.Text) }
	slices.SortFunc(rs, byText)
	slices.SortFunc(ts, byText)
	slices.SortFunc(ws, byText)
	return append(rules, rs...), append(teams, ts...), append(workers, ws...)
}

// worklistCSV is the worklist as a spreadsheet: one row per item.
func worklistCSV(es []worklist.Entry) [][]string {
	rows := [][]string{{"list", "child_id", "child", "la_child_id", "rule_id", "title", "standard", "status", "due", "days_late",
		"worker_id", "worker", "team_id", "team", "record", "explanation"}}
	for _, e := range es {
		rows = append(rows, []string{string(e.List), strconv.FormatInt(e.Child.ID, 10), e.Child.Name, e.Child.LAChildID,
			e.Item.RuleID, e.Item.Title, string(e.Item.Standard), string(e.Item.Status), e.Item.Due.String(), strconv.Itoa(e.Item.DaysLate),
			optionalID(e.ProfessionalID), e.Worker, optionalID(e.TeamID), e.Team, e.Item.RootRef, e.Item.Explanation})
	}
	return rows
}

func optionalID(id int64) string {
	if id == 0 {
		return ""
	}
	return strconv.FormatInt(id, 10)
}

// worklistAPI answers GET /api/v1/worklists/{view}: mine, team or service.
func (a *App) worklistAPI(w http.ResponseWriter, r *http.Request) {
	wq, errs := a.parseWorklistQuery(r.URL.Query())
	if len(errs) > 0 {
		web.WriteValidationProblem(w, r, errs)
		return
	}
	wl, view, _, _, ok := a.buildWorklist(w, r, r.PathValue("view"), wq)
	if !ok {
		return
	}
	es := wl.Filter(wq.Filter)
	worklist.Sort(es, wq.Sort, wq.Desc)
	u := a.CurrentUser(r)
	if wantsCSV(r) {
		if err := a.logListed(r.Context(), u, es, audit.Exported, "worklist (API, CSV)"); err != nil {
			a.serverError(w, r, err)
			return
		}
		writeCSV(w, fmt.Sprintf("worklist-%s-%s.csv", view.Name, wq.AsOf), worklistCSV(es))
		return
	}
	if err := a.logListed(r.Context(), u, es, audit.Listed, "worklist (API)"); err != nil {
		a.serverError(w, r, err)
		return
	}
	type entryJSON struct {
		List  string `json:"list"`
		Child struct {
			ID        int64  `json:"id"`
			Name      string `json:"name"`
			LAChildID string `json:"la_child_id"`
			Href      string `json:"href"`
		} `json:"child"`
		Worker *named   `json:"worker"`
		Team   *named   `json:"team"`
		Item   itemJSON `json:"item"`
	}
	entries := make([]entryJSON, 0, len(es))
	for _, e := range es {
		j := entryJSON{List: string(e.List), Item: itemOf(&e.Item), Worker: namedOf(e.ProfessionalID, e.Worker), Team: namedOf(e.TeamID, e.Team)}
		j.Child.ID, j.Child.Name, j.Child.LAChildID = e.Child.ID, e.Child.Name, e.Child.LAChildID
		j.Child.Href = fmt.Sprintf("/api/v1/children/%d", e.Child.ID)
		entries = append(entries, j)
	}
	counts := map[string]int{}
	for _, l := range worklist.Lists {
		counts[string(l)] = wl.Count(l)
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"view": view.Name, "title": view.Title, "as_of": wq.AsOf,
		"counts": counts, "withheld": wl.Withheld, "entries": entries})
}

// named is a worker or team in the API.
type named struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

func namedOf(id int64, name string) *named {
	if id == 0 {
		return nil
	}
	return &named{ID: id, Name: name}
}
