package app

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
	"testing/fstest"

	"github.com/waymark-care/waymark/internal/access"
	"github.com/waymark-care/waymark/internal/audit"
	"github.com/waymark-care/waymark/internal/casework"
	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/domain"
	"github.com/waymark-care/waymark/internal/storage"
	"github.com/waymark-care/waymark/internal/web"
	"github.com/waymark-care/waymark/internal/worklist"
)

// This file serves the drift and delay lists managers work from (AC-21) and
// the approvals queue (XC-03), as pages, CSV and JSON (docs/casework.md).

func init() { feature((*App).mountCaseworkLists) }

func (a *App) mountCaseworkLists() error {
	if err := a.addCaseworkPages(); err != nil {
		return err
	}
	a.Private("GET /exceptions", a.exceptionsPage)
	a.Private("GET /exceptions/{list}", a.exceptionListPage) // {list}.csv downloads it
	a.Private("GET /approvals", a.approvalsPage)
	a.Private("POST /children/{id}/approvals", a.approveForm)
	a.Private("GET /api/v1/exceptions", a.exceptionsAPI)
	a.Private("GET /api/v1/exceptions/{list}", a.exceptionListAPI)
	a.Private("GET /api/v1/approvals", a.approvalsAPI)
	return nil
}

// addCaseworkPages adds the casework pages (templates/casework), named
// "casework/…", each with the casework partials and the application's.
func (a *App) addCaseworkPages() error {
	var partials []byte
	for _, p := range []string{"templates/casework/partials.html", "templates/partials.html"} {
		src, err := fs.ReadFile(templates, p)
		if err != nil {
			return err
		}
		partials = append(append(partials, '\n'), src...)
	}
	files, err := fs.Glob(templates, "templates/casework/*.html")
	if err != nil {
		return err
	}
	pages := fstest.MapFS{}
	for _, p := range files {
		name := path.Base(p)
		if name == "partials.html" {
			continue
		}
		src, err := fs.ReadFile(templates, p)
		if err != nil {
			return err
		}
		pages["casework/"+name] = &fstest.MapFile{Data: append(src, partials...)}
	}
	return a.Web.AddPages(pages)
}

// listQuery is a request for a list: its window and filter.
type listQuery struct {
	Window casework.Window
	Filter casework.Filter
}

// parseListQuery reads as_of (default today), from (default 12 months
// before), team and worker. A manager's lists start at their own team.
func (a *App) parseListQuery(q url.Values, u *access.User) (listQuery, web.FieldErrors) {
	var errs web.FieldErrors
	asOf := dateParam(q, "as_of", a.today(), &errs)
	w := casework.DefaultWindow(asOf)
	w.From = dateParam(q, "from", w.From, &errs)
	if w.From.After(w.To) {
		errs.Add("from", "from must be on or before as_of")
	}
	lq := listQuery{Window: w, Filter: casework.Filter{Team: idParam(q, "team", &errs), Professional: idParam(q, "worker", &errs)}}
	if _, chosen := q["team"]; !chosen && lq.Filter.Professional == 0 && (u.Has(access.TeamManager) || u.Has(access.ServiceManager)) {
		lq.Filter.Team = u.TeamID
	}
	return lq, errs
}

// listContext is what building any list needs.
type listContext struct {
	user  *access.User
	rules casework.Rules
	dir   *worklist.Directory
}

// listRequest is how every list, the summary and the approvals queue
// begin: the user's query (a page that cannot read it starts from the
// defaults; the API answers 422), and what building a list needs. On false
// a response has been sent.
func (a *App) listRequest(w http.ResponseWriter, r *http.Request) (listQuery, *listContext, bool) {
	u := a.CurrentUser(r)
	lq, errs := a.parseListQuery(r.URL.Query(), u)
	if len(errs) > 0 {
		if isAPI(r) {
			web.WriteValidationProblem(w, r, errs)
			return listQuery{}, nil, false
		}
		lq, _ = a.parseListQuery(url.Values{}, u)
	}
	rules, err := a.caseworkRules(r.Context())
	if err != nil {
		a.serverError(w, r, err)
		return listQuery{}, nil, false
	}
	dir, err := a.directory(r.Context())
	if err != nil {
		a.serverError(w, r, err)
		return listQuery{}, nil, false
	}
	lq.Filter.Sees = sees(u, lq.Window.To, dir)
	return lq, &listContext{user: u, rules: rules, dir: dir}, true
}

// logList records which children a list showed, or exported as CSV,
// before it is sent: what it was, and whether through the API. On false
// a response has been sent.
func (a *App) logList(w http.ResponseWriter, r *http.Request, u *access.User, children []worklist.Child, what string, csv bool) bool {
	action, how := audit.Listed, []string{}
	if isAPI(r) {
		how = append(how, "API")
	}
	if csv {
		action, how = audit.Exported, append(how, "CSV")
	}
	if len(how) > 0 {
		what += " (" + strings.Join(how, ", ") + ")"
	}
	es := make([]worklist.Entry, len(children))
	for i, c := range children {
		es[i].Child = c
	}
	if err := a.logListed(r.Context(), u, es, action, what); err != nil {
		a.serverError(w, r, err)
		return false
	}
	return true
}

// exceptionRow is an entry on a list as a page shows it.
type exceptionRow struct {
	Child, ChildHref, LAChildID string
	Record, Date, Due           string
	Overdue                     bool
	Detail, Worker, Team        string
	// Actions are the forms that take the entry off the list.
	Actions []NavItem
}

type exceptionsPageData struct {
	Page
	AsOf, From civil.Date
	Lists      []exceptionListLink
	Withheld   int
	Form       web.Form
	Teams      []web.Option
	Workers    []web.Option
}

type exceptionListLink struct {
	Title, Requirement, About, Href string
	Count                           int
}

// filterOptions are the choices of the filter form: every team, and every
// worker with a team.
func (a *App) filterOptions(ctx context.Context, dir *worklist.Directory) ([]web.Option, []web.Option, error) {
	teams, profs, err := a.DB.Workforce(ctx)
	if err != nil {
		return nil, nil, err
	}
	ts := []web.Option{{Value: "", Text: "All teams"}}
	for _, t := range teams {
		ts = append(ts, web.Option{Value: strconv.FormatInt(t.ID, 10), Text: t.Name})
	}
	ws := []web.Option{{Value: "", Text: "All workers"}}
	for _, p := range profs {
		if p.TeamID != 0 && p.LeftDate.IsZero() {
			ws = append(ws, web.Option{Value: strconv.FormatInt(p.ID, 10), Text: p.Name + " (" + dir.TeamName(p.TeamID) + ")"})
		}
	}
	return ts, ws, nil
}

// listForm is the filter form's values: what was asked, with the team a
// manager starts at.
func listForm(q url.Values, lq listQuery) web.Form {
	v := url.Values{}
	for k, vs := range q {
		v[k] = vs
	}
	v.Set("as_of", lq.Window.To.String())
	v.Set("from", lq.Window.From.String())
	v.Set("team", optionalID(lq.Filter.Team))
	v.Set("worker", optionalID(lq.Filter.Professional))
	return web.Form{Values: v}
}

// buildSummary counts every list for the request.
func (a *App) buildSummary(w http.ResponseWriter, r *http.Request) (map[casework.List]int, listQuery, *listContext, bool) {
	lq, lc, ok := a.listRequest(w, r)
	if !ok {
		return nil, listQuery{}, nil, false
	}
	counts, err := lc.rules.Summary(r.Context(), a.DB, lq.Window, lq.Filter, lc.dir)
	if err != nil {
		a.serverError(w, r, err)
		return nil, listQuery{}, nil, false
	}
	return counts, lq, lc, true
}

func (a *App) exceptionsPage(w http.ResponseWriter, r *http.Request) {
	counts, lq, lc, ok := a.buildSummary(w, r)
	if !ok {
		return
	}
	p := exceptionsPageData{Page: a.page(r, "exceptions"), AsOf: lq.Window.To, From: lq.Window.From, Withheld: counts[""], Form: listForm(r.URL.Query(), lq)}
	for _, l := range casework.Lists {
		p.Lists = append(p.Lists, exceptionListLink{Title: l.Title(), Requirement: l.Requirement(), About: l.About(), Count: counts[l],
			Href: "/exceptions/" + string(l) + "?" + withParams(p.Form.Values)})
	}
	teams, workers, err := a.filterOptions(r.Context(), lc.dir)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	p.Teams, p.Workers = teams, workers
	a.Web.Render(w, r, http.StatusOK, "casework/exceptions", p)
}

type exceptionListPageData struct {
	Page
	List     casework.List
	AsOf     civil.Date
	From     civil.Date
	Rows     []exceptionRow
	Withheld int
	Form     web.Form
	Teams    []web.Option
	Workers  []web.Option
	CSV      string
	Back     string
}

// buildList builds the list in the path for the request, answering the
// request itself when it cannot (ok false).
func (a *App) buildList(w http.ResponseWriter, r *http.Request, name string) (*casework.Report, listQuery, *listContext, bool) {
	l, ok := casework.ListNamed(name)
	if !ok {
		a.Web.Error(w, r, http.StatusNotFound)
		return nil, listQuery{}, nil, false
	}
	lq, lc, ok := a.listRequest(w, r)
	if !ok {
		return nil, listQuery{}, nil, false
	}
	rep, err := lc.rules.Build(r.Context(), a.DB, l, lq.Window, lq.Filter, lc.dir)
	if err != nil {
		a.serverError(w, r, err)
		return nil, listQuery{}, nil, false
	}
	return rep, lq, lc, true
}

func childrenOf(rows []casework.Row) []worklist.Child {
	out := make([]worklist.Child, len(rows))
	for i, r := range rows {
		out[i] = r.Child
	}
	return out
}

func (a *App) exceptionListPage(w http.ResponseWriter, r *http.Request) {
	name, csvFile := strings.CutSuffix(r.PathValue("list"), ".csv")
	rep, lq, lc, ok := a.buildList(w, r, name)
	if !ok {
		return
	}
	if !a.logList(w, r, lc.user, childrenOf(rep.Rows), "drift list", csvFile) {
		return
	}
	if csvFile {
		writeCSV(w, fmt.Sprintf("%s-%s.csv", rep.List, lq.Window.To), exceptionsCSV(rep.Rows))
		return
	}
	q := r.URL.Query()
	p := exceptionListPageData{Page: a.page(r, "exceptions"), List: rep.List, AsOf: lq.Window.To, From: lq.Window.From,
		Withheld: rep.Withheld, Form: listForm(q, lq)}
	p.CSV = "/exceptions/" + string(rep.List) + ".csv?" + withParams(p.Form.Values)
	p.Back = "/exceptions?" + withParams(p.Form.Values)
	for _, row := range rep.Rows {
		p.Rows = append(p.Rows, exceptionRowOf(&row, lq.Window.To))
	}
	teams, workers, err := a.filterOptions(r.Context(), lc.dir)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	p.Teams, p.Workers = teams, workers
	a.Web.Render(w, r, http.StatusOK, "casework/exception-list", p)
}

func exceptionRowOf(row *casework.Row, asOf civil.Date) exceptionRow {
	e := exceptionRow{Child: row.Child.Name, ChildHref: fmt.Sprintf("/children/%d", row.Child.ID), LAChildID: row.Child.LAChildID,
		Record: row.Record.Title(), Date: longDate(row.Date), Due: longDate(row.Due), Overdue: !row.Due.IsZero() && asOf.After(row.Due),
		Detail: row.Detail, Worker: row.Worker, Team: row.Team}
	if e.Worker == "" {
		e.Worker = "Not allocated"
	}
	return e
}

// exceptionsCSV is a list as a spreadsheet: one row per entry.
func exceptionsCSV(rows []casework.Row) [][]string {
	out := [][]string{{"list", "child_id", "child", "la_child_id", "record", "date", "due", "detail", "worker_id", "worker", "team_id", "team"}}
	for _, r := range rows {
		due := ""
		if !r.Due.IsZero() {
			due = r.Due.String()
		}
		out = append(out, []string{string(r.List), strconv.FormatInt(r.Child.ID, 10), r.Child.Name, r.Child.LAChildID, r.Record.String(),
			r.Date.String(), due, r.Detail, optionalID(r.ProfessionalID), r.Worker, optionalID(r.TeamID), r.Team})
	}
	return out
}

// exceptionsAPI answers GET /api/v1/exceptions: every list with its count.
func (a *App) exceptionsAPI(w http.ResponseWriter, r *http.Request) {
	counts, lq, _, ok := a.buildSummary(w, r)
	if !ok {
		return
	}
	type listJSON struct {
		List        string `json:"list"`
		Title       string `json:"title"`
		Requirement string `json:"requirement"`
		Count       int    `json:"count"`
		Href        string `json:"href"`
	}
	out := []listJSON{}
	for _, l := range casework.Lists {
		out = append(out, listJSON{string(l), l.Title(), l.Requirement(), counts[l], "/api/v1/exceptions/" + string(l)})
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"as_of": lq.Window.To, "from": lq.Window.From, "team_id": lq.Filter.Team,
		"worker_id": lq.Filter.Professional, "withheld": counts[""], "lists": out})
}

// exceptionListAPI answers GET /api/v1/exceptions/{list}, as JSON or CSV.
func (a *App) exceptionListAPI(w http.ResponseWriter, r *http.Request) {
	rep, lq, lc, ok := a.buildList(w, r, r.PathValue("list"))
	if !ok {
		return
	}
	if !a.logList(w, r, lc.user, childrenOf(rep.Rows), "drift list", wantsCSV(r)) {
		return
	}
	if wantsCSV(r) {
		writeCSV(w, fmt.Sprintf("%s-%s.csv", rep.List, lq.Window.To), exceptionsCSV(rep.Rows))
		return
	}
	type entryJSON struct {
		Child  childJSON  `json:"child"`
		Record *refLink   `json:"record"`
		Date   civil.Date `json:"date"`
		Due    civil.Date `json:"due"`
		Detail string     `json:"detail"`
		Worker *named     `json:"worker"`
		Team   *named     `json:"team"`
	}
	entries := []entryJSON{}
	for _, row := range rep.Rows {
		entries = append(entries, entryJSON{Child: childJSONOf(row.Child), Record: refOf(row.Record.String()), Date: row.Date, Due: row.Due,
			Detail: row.Detail, Worker: namedOf(row.ProfessionalID, row.Worker), Team: namedOf(row.TeamID, row.Team)})
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"list": rep.List, "title": rep.List.Title(), "requirement": rep.List.Requirement(),
		"about": rep.List.About(), "as_of": lq.Window.To, "from": lq.Window.From, "count": len(entries), "withheld": rep.Withheld,
		"by_team": rep.Teams, "by_worker": rep.Workers, "entries": entries})
}

// childJSON names a child in a list, with the address of their record.
type childJSON struct {
	ID        int64  `json:"id"`
	Name      string `json:"name"`
	LAChildID string `json:"la_child_id"`
	Href      string `json:"href"`
}

func childJSONOf(c worklist.Child) childJSON {
	return childJSON{ID: c.ID, Name: c.Name, LAChildID: c.LAChildID, Href: fmt.Sprintf("/api/v1/children/%d", c.ID)}
}

// buildQueue builds the approvals queue for the request.
func (a *App) buildQueue(w http.ResponseWriter, r *http.Request) (*casework.Queue, listQuery, *listContext, bool) {
	lq, lc, ok := a.listRequest(w, r)
	if !ok {
		return nil, listQuery{}, nil, false
	}
	if _, given := r.URL.Query()["from"]; !given {
		// Closures wait for a manager for days, not months.
		lq.Window.From = lq.Window.To.AddMonths(-3)
	}
	q, err := lc.rules.BuildQueue(r.Context(), a.DB, lq.Window, lq.Filter, lc.dir)
	if err != nil {
		a.serverError(w, r, err)
		return nil, listQuery{}, nil, false
	}
	return q, lq, lc, true
}

type approvalsPageData struct {
	Page
	AsOf, From civil.Date
	Rows       []approvalRow
	Counts     web.SummaryList
	Withheld   int
	Manager    bool
	Form       web.Form
	Done       web.Form // the approval just made, or its errors
	Approved   string
	Teams      []web.Option
	Workers    []web.Option
}

type approvalRow struct {
	Child, ChildHref, LAChildID string
	What, Since                 string
	Waiting                     int
	Blockers                    []string
	Worker, Team                string
	ChildID                     int64
	Kind                        string
	ID                          int64
	Version                     int
	Print                       string
}

func queueChildren(rows []casework.ApprovalRow) []worklist.Child {
	out := make([]worklist.Child, len(rows))
	for i, r := range rows {
		out[i] = r.Child
	}
	return out
}

func (a *App) approvalsPage(w http.ResponseWriter, r *http.Request) {
	a.renderApprovals(w, r, http.StatusOK, web.Form{})
}

func (a *App) renderApprovals(w http.ResponseWriter, r *http.Request, status int, done web.Form) {
	queue, lq, lc, ok := a.buildQueue(w, r)
	if !ok {
		return
	}
	if !a.logList(w, r, lc.user, queueChildren(queue.Rows), "approvals queue", false) {
		return
	}
	versions, err := a.versions(r.Context(), queue.Rows)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	p := approvalsPageData{Page: a.page(r, "approvals"), AsOf: lq.Window.To, From: lq.Window.From, Withheld: queue.Withheld,
		Manager: lc.user.Has(access.TeamManager) || lc.user.Has(access.ServiceManager), Form: listForm(r.URL.Query(), lq), Done: done,
		Approved: r.URL.Query().Get("approved")}
	for _, what := range []string{"Assessment", "Child in need plan", "Written child in need plan", "Written child protection plan", "Closure"} {
		if n := queue.ByWhat[what]; n > 0 {
			p.Counts = append(p.Counts, web.SummaryRow{Key: what, Value: strconv.Itoa(n)})
		}
	}
	for _, row := range queue.Rows {
		ar := approvalRow{Child: row.Child.Name, ChildHref: fmt.Sprintf("/children/%d", row.Child.ID), LAChildID: row.Child.LAChildID,
			What: row.What, Since: longDate(row.Since), Waiting: row.Waiting, Worker: row.Worker, Team: row.Team,
			ChildID: row.Child.ID, Kind: row.Record.Kind, ID: row.Record.ID, Version: versions[row.Record]}
		if ar.Worker == "" {
			ar.Worker = "Not allocated"
		}
		if row.Record.Kind == "plan" {
			ar.Print = fmt.Sprintf("/children/%d/plans/%d/print", row.Child.ID, row.Record.ID)
		}
		for _, b := range row.Blockers {
			ar.Blockers = append(ar.Blockers, b.Message)
		}
		p.Rows = append(p.Rows, ar)
	}
	teams, workers, err := a.filterOptions(r.Context(), lc.dir)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	p.Teams, p.Workers = teams, workers
	a.Web.Render(w, r, status, "casework/approvals", p)
}

// versions reads the current version of each record waiting, for the
// approve buttons to send back.
func (a *App) versions(ctx context.Context, rows []casework.ApprovalRow) (map[worklist.Ref]int, error) {
	byKind := map[string][]int64{}
	for _, r := range rows {
		byKind[r.Record.Kind] = append(byKind[r.Record.Kind], r.Record.ID)
	}
	out := map[worklist.Ref]int{}
	for kind, ids := range byKind {
		recs, err := a.DB.GetMany(ctx, kind, ids)
		if err != nil {
			return nil, err
		}
		for _, rec := range recs {
			out[worklist.RefOf(rec)] = rec.Base().Version
		}
	}
	return out, nil
}

// approveForm answers the approve buttons of the approvals page: POST
// /children/{id}/approvals with kind, id and version.
func (a *App) approveForm(w http.ResponseWriter, r *http.Request) {
	c, ok := a.decideChild(w, r, access.AddCaseNote)
	if !ok {
		return
	}
	f := r.PostForm
	k, known := domain.KindNamed(f.Get("kind"))
	var ap *approvalAction
	if known {
		ap = approvalOf(k.Name)
	}
	rid, err1 := strconv.ParseInt(f.Get("id"), 10, 64)
	version, err2 := strconv.Atoi(f.Get("version"))
	if ap == nil || err1 != nil || err2 != nil {
		a.Web.Error(w, r, http.StatusBadRequest)
		return
	}
	rec, errs, err := a.approve(r, c, k, ap, rid, version)
	if conflict, ok := errors.AsType[*storage.ConflictError](err); ok {
		errs = web.FieldErrors{{Field: "approve", Message: conflict.Error()}}
	} else if errors.Is(err, storage.ErrNotFound) {
		a.Web.Error(w, r, http.StatusNotFound)
		return
	} else if err != nil {
		a.serverError(w, r, err)
		return
	}
	if len(errs) > 0 {
		// The queue's own address, so its filters stay as they were.
		r.URL.RawQuery = strings.TrimPrefix(f.Get("back"), "?")
		a.renderApprovals(w, r, http.StatusUnprocessableEntity, web.Form{Values: f, Errors: errs})
		return
	}
	back := "/approvals?" + withParams(mustQuery(f.Get("back")), "approved", fmt.Sprintf("%s %d", k.Title, rec.Base().ID))
	http.Redirect(w, r, back, http.StatusSeeOther)
}

func mustQuery(s string) url.Values {
	v, _ := url.ParseQuery(strings.TrimPrefix(s, "?"))
	return v
}

// approvalsAPI answers GET /api/v1/approvals: what waits for a manager, as
// JSON or CSV.
func (a *App) approvalsAPI(w http.ResponseWriter, r *http.Request) {
	queue, lq, lc, ok := a.buildQueue(w, r)
	if !ok {
		return
	}
	if !a.logList(w, r, lc.user, queueChildren(queue.Rows), "approvals queue", wantsCSV(r)) {
		return
	}
	if wantsCSV(r) {
		rows := [][]string{{"child_id", "child", "la_child_id", "what", "record", "since", "waiting_working_days", "blockers", "worker_id", "worker", "team_id", "team"}}
		for _, q := range queue.Rows {
			var blockers []string
			for _, b := range q.Blockers {
				blockers = append(blockers, b.Message)
			}
			rows = append(rows, []string{strconv.FormatInt(q.Child.ID, 10), q.Child.Name, q.Child.LAChildID, q.What, q.Record.String(),
				q.Since.String(), strconv.Itoa(q.Waiting), strings.Join(blockers, "; "), optionalID(q.ProfessionalID), q.Worker, optionalID(q.TeamID), q.Team})
		}
		writeCSV(w, fmt.Sprintf("approvals-%s.csv", lq.Window.To), rows)
		return
	}
	type entryJSON struct {
		Child    childJSON           `json:"child"`
		What     string              `json:"what"`
		Record   *refLink            `json:"record"`
		Approve  string              `json:"approve"`
		Since    civil.Date          `json:"since"`
		Waiting  int                 `json:"waiting_working_days"`
		Ready    bool                `json:"ready"`
		Blockers []domain.FieldError `json:"blockers"`
		Worker   *named              `json:"worker"`
		Team     *named              `json:"team"`
	}
	entries := []entryJSON{}
	for _, q := range queue.Rows {
		k, _ := domain.KindNamed(q.Record.Kind)
		e := entryJSON{Child: childJSONOf(q.Child), What: q.What, Record: refOf(q.Record.String()), Since: q.Since, Waiting: q.Waiting,
			Ready: len(q.Blockers) == 0, Blockers: q.Blockers, Worker: namedOf(q.ProfessionalID, q.Worker), Team: namedOf(q.TeamID, q.Team)}
		if e.Blockers == nil {
			e.Blockers = []domain.FieldError{}
		}
		rec := k.New()
		rec.Base().ID = q.Record.ID
		e.Approve = recordPath(q.Child.ID, rec) + "/" + approvalOf(k.Name).path
		entries = append(entries, e)
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"as_of": lq.Window.To, "from": lq.Window.From, "count": len(entries),
		"withheld": queue.Withheld, "by_what": queue.ByWhat, "entries": entries})
}
