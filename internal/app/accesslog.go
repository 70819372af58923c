package app

import (
	"encoding/csv"
	"fmt"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/waymark-care/waymark/internal/access"
	"github.com/waymark-care/waymark/internal/audit"
	"github.com/waymark-care/waymark/internal/chronology"
	"github.com/waymark-care/waymark/internal/domain"
	"github.com/waymark-care/waymark/internal/storage"
	"github.com/waymark-care/waymark/internal/web"
)

// accessLogPage lists access log entries: who looked at a child, or what a
// user looked at.
type accessLogPage struct {
	Page
	Heading string
	Caption string
	Entries web.Table
	Next    string
}

var actionTitles = map[audit.AccessAction]string{
	audit.Viewed: "Viewed", audit.Listed: "Found in a search", audit.Exported: "Exported",
	audit.Printed: "Printed", audit.GlassBroken: "Broke the glass",
}

func accessTable(es []audit.Access, byChild bool) web.Table {
	t := web.Table{Columns: []web.Column{{Header: "When"}, {Header: "Who"}, {Header: "Child"}, {Header: "What"}, {Header: "Access"}, {Header: "Reason given"}}}
	if byChild {
		t.Columns = slices.Delete(t.Columns, 2, 3)
	}
	for _, e := range es {
		what := actionTitles[e.Action]
		if e.Action != audit.Listed && e.Action != audit.GlassBroken {
			what += ": " + e.What
		}
		row := []web.Cell{{Text: e.At.In(london).Format("2 Jan 2006 15:04")},
			{Text: e.Username, Href: fmt.Sprintf("/users/%d/access-log", e.UserID)},
			{Text: fmt.Sprintf("Child %d", e.PersonID), Href: fmt.Sprintf("/children/%d", e.PersonID)},
			{Text: what}, {Text: access.How(e.How).Title()}, {Text: e.Reason}}
		if byChild {
			row = slices.Delete(row, 2, 3)
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// pageOf reads ?before= for the next page of a listing.
func pageOf(r *http.Request) int64 {
	n, _ := strconv.ParseInt(r.URL.Query().Get("before"), 10, 64)
	return n
}

func nextLink(path string, es []audit.Access, limit int) string {
	if len(es) < limit {
		return ""
	}
	return fmt.Sprintf("%s?before=%d", path, es[len(es)-1].Seq)
}

const accessPageSize = 100

func (a *App) childAccessLogPage(w http.ResponseWriter, r *http.Request) {
	c, ok := a.decideChild(w, r, access.ViewChildAccessLog)
	if !ok {
		return
	}
	es, err := a.DB.AccessLog(r.Context(), storage.AccessQuery{PersonID: c.personID, Before: pageOf(r), Limit: accessPageSize})
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	name, err := a.personName(r, c.personID)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	t := accessTable(es, true)
	t.Caption = "Every view, search result, export and print, newest first"
	a.Web.Render(w, r, http.StatusOK, "access-log", accessLogPage{Page: a.page(r, ""), Heading: "Who has looked at " + name + "’s record",
		Entries: t, Next: nextLink(r.URL.Path, es, accessPageSize)})
}

// subjectUser reads the user id in the path and asks the policy whether
// the signed-in user may read that user's access log.
func (a *App) subjectUser(w http.ResponseWriter, r *http.Request) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		a.Web.Error(w, r, http.StatusNotFound)
		return 0, false
	}
	if !access.DecideUser(a.CurrentUser(r), access.ViewUserAccessLog, id).Allowed {
		a.Web.Error(w, r, http.StatusForbidden)
		return 0, false
	}
	return id, true
}

func (a *App) userAccessLogPage(w http.ResponseWriter, r *http.Request) {
	id, ok := a.subjectUser(w, r)
	if !ok {
		return
	}
	acct, err := a.DB.AccountByID(r.Context(), id)
	if err != nil {
		a.Web.Error(w, r, http.StatusNotFound)
		return
	}
	es, err := a.DB.AccessLog(r.Context(), storage.AccessQuery{UserID: id, Before: pageOf(r), Limit: accessPageSize})
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	heading := "Records " + acct.Name + " has looked at"
	nav := ""
	if id == a.CurrentUser(r).ID {
		heading, nav = "Records you have looked at", "access-log"
	}
	t := accessTable(es, false)
	t.Caption = "Newest first"
	a.Web.Render(w, r, http.StatusOK, "access-log", accessLogPage{Page: a.page(r, nav), Heading: heading, Entries: t, Next: nextLink(r.URL.Path, es, accessPageSize)})
}

func (a *App) childAccessLogAPI(w http.ResponseWriter, r *http.Request) {
	c, ok := a.decideChild(w, r, access.ViewChildAccessLog)
	if !ok {
		return
	}
	es, err := a.DB.AccessLog(r.Context(), storage.AccessQuery{PersonID: c.personID, Before: pageOf(r), Limit: accessPageSize})
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	writeAccessList(w, r, es)
}

func (a *App) userAccessLogAPI(w http.ResponseWriter, r *http.Request) {
	id, ok := a.subjectUser(w, r)
	if !ok {
		return
	}
	es, err := a.DB.AccessLog(r.Context(), storage.AccessQuery{UserID: id, Before: pageOf(r), Limit: accessPageSize})
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	writeAccessList(w, r, es)
}

func writeAccessList(w http.ResponseWriter, r *http.Request, es []audit.Access) {
	if es == nil {
		es = []audit.Access{}
	}
	body := map[string]any{"entries": es}
	if next := nextLink(r.URL.Path, es, accessPageSize); next != "" {
		body["next"] = next
	}
	web.WriteJSON(w, http.StatusOK, body)
}

type breakGlassPage struct {
	Page
	Reports []breakGlassReport
}

// breakGlassReport is a report with the child's name.
type breakGlassReport struct {
	storage.BreakGlassReport
	Child string
}

// When is the time the glass was broken, in England.
func (r breakGlassReport) When() string { return r.Access.At.In(london).Format("2 Jan 2006 15:04") }

// breakGlassReports shows a manager the broken glasses on records they manage.
func (a *App) breakGlassReports(w http.ResponseWriter, r *http.Request) {
	u := a.CurrentUser(r)
	if !access.Decide(u, access.ViewBreakGlass, nil).Allowed {
		a.Web.Error(w, r, http.StatusForbidden)
		return
	}
	p := breakGlassPage{Page: a.page(r, "break-glass")}
	if u.ProfessionalID != 0 {
		rs, err := a.DB.BreakGlassReports(r.Context(), u.ProfessionalID, false)
		if err != nil {
			a.serverError(w, r, err)
			return
		}
		var ids []int64
		for _, rep := range rs {
			ids = append(ids, rep.Access.PersonID)
		}
		slices.Sort(ids)
		people, err := a.DB.GetMany(r.Context(), "person", slices.Compact(ids))
		if err != nil {
			a.serverError(w, r, err)
			return
		}
		names := map[int64]string{}
		for _, rec := range people {
			names[rec.Base().ID] = rec.(*domain.Person).Name()
		}
		for _, rep := range rs {
			p.Reports = append(p.Reports, breakGlassReport{rep, names[rep.Access.PersonID]})
		}
	}
	a.Web.Render(w, r, http.StatusOK, "break-glass", p)
}

func (a *App) breakGlassSeen(w http.ResponseWriter, r *http.Request) {
	u := a.CurrentUser(r)
	seq, err := strconv.ParseInt(r.PathValue("seq"), 10, 64)
	if err != nil || !access.Decide(u, access.ViewBreakGlass, nil).Allowed || u.ProfessionalID == 0 {
		a.Web.Error(w, r, http.StatusNotFound)
		return
	}
	if err := a.DB.MarkBreakGlassSeen(r.Context(), u.ProfessionalID, seq, a.now()); err != nil {
		a.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, "/break-glass", http.StatusSeeOther)
}

// meAPI is the signed-in user.
func (a *App) meAPI(w http.ResponseWriter, r *http.Request) {
	u := a.CurrentUser(r)
	roles := make([]map[string]string, len(u.Roles))
	for i, role := range u.Roles {
		roles[i] = map[string]string{"role": string(role), "title": role.Title()}
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"id": u.ID, "username": u.Username, "name": u.Name, "roles": roles,
		"professional_id": u.ProfessionalID, "team_id": u.TeamID})
}

// childAPI is the child's record, as much as the user may see.
func (a *App) childAPI(w http.ResponseWriter, r *http.Request) {
	c, cr, ok := a.openRecord(w, r, access.ViewRecord, audit.Viewed, "record (API)")
	if !ok {
		return
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"access": c.decision.How, "record": recordJSON(cr)})
}

// recordJSON is a child's record keyed by kind name, each kind a list.
func recordJSON(cr *domain.ChildRecord) map[string]any {
	out := map[string]any{"person": cr.Person}
	forEachKind(cr, func(kind string, list reflect.Value) {
		if list.Len() > 0 {
			out[kind] = list.Interface()
		}
	})
	return out
}

func (a *App) chronologyAPI(w http.ResponseWriter, r *http.Request) {
	c, cr, ok := a.openRecord(w, r, access.ViewRecord, audit.Viewed, "chronology (API)")
	if !ok {
		return
	}
	f, _ := parseChronologyFilter(r)
	es := chronology.Build(cr, c.decision.Sees, f)
	if es == nil {
		es = []chronology.Entry{}
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"entries": es})
}

// chronologyCSV downloads the chronology, filtered as on the page, as a
// spreadsheet; the download is written to the access log as an export.
func (a *App) chronologyCSV(w http.ResponseWriter, r *http.Request) {
	c, cr, ok := a.openRecord(w, r, access.ExportRecord, audit.Exported, "chronology (CSV)")
	if !ok {
		return
	}
	f, _ := parseChronologyFilter(r)
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="chronology-%d.csv"`, c.personID))
	out := csv.NewWriter(w)
	out.Write([]string{"date", "time", "type", "event", "detail", "significant", "record", "key"})
	for _, e := range chronology.Build(cr, c.decision.Sees, f) {
		out.Write([]string{e.Date.String(), e.Time(), string(e.Type), csvSafe(e.Title), csvSafe(e.Detail), strconv.FormatBool(e.Significant), fmt.Sprintf("%s %d", e.Kind, e.RecordID),
			strconv.FormatBool(e.Key)})
	}
	out.Flush()
}

// csvSafe keeps a cell from being read as a formula by spreadsheet
// programs (CSV injection).
func csvSafe(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// printPage is the chronology laid out for printing: the identity bar and
// the events, without forms or navigation.
type printPage struct {
	Page
	ID         int64
	Name       string
	Identity   identity
	Chronology []chronology.Entry
	Filtered   bool
}

// chronologyPrint lays the chronology out for printing, filtered as on the
// page; it is written to the access log as a print.
func (a *App) chronologyPrint(w http.ResponseWriter, r *http.Request) {
	c, cr, ok := a.openRecord(w, r, access.ExportRecord, audit.Printed, "chronology (print)")
	if !ok {
		return
	}
	f, view := parseChronologyFilter(r)
	p := printPage{Page: a.page(r, ""), ID: c.personID, Name: cr.Person.Name(), Chronology: chronology.Build(cr, c.decision.Sees, f), Filtered: view.Filtered}
	p.Identity = identity{Name: cr.Person.Name()}
	if !cr.Person.DateOfBirth.IsZero() {
		p.Identity.Facts = append(p.Identity.Facts, "Born "+longDate(cr.Person.DateOfBirth))
	}
	if cr.Person.LAChildID != "" {
		p.Identity.Facts = append(p.Identity.Facts, "LA child ID "+cr.Person.LAChildID)
	}
	p.Identity.Facts = append(p.Identity.Facts, "Printed "+a.now().In(london).Format("2 January 2006 15:04")+" by "+c.user.Name)
	a.Web.Render(w, r, http.StatusOK, "chronology-print", p)
}
