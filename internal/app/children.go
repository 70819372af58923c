package app

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/waymark-care/waymark/internal/access"
	"github.com/waymark-care/waymark/internal/audit"
	"github.com/waymark-care/waymark/internal/casework"
	"github.com/waymark-care/waymark/internal/chronology"
	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/codes"
	"github.com/waymark-care/waymark/internal/domain"
	"github.com/waymark-care/waymark/internal/storage"
	"github.com/waymark-care/waymark/internal/timescales"
	"github.com/waymark-care/waymark/internal/web"
)

func init() { feature((*App).mountChildren) }

func (a *App) mountChildren() error {
	a.Private("GET /children/{id}", a.childPage)
	a.Private("POST /children/{id}/break-glass", a.breakGlass)
	a.Private("GET /children/{id}/significant-events/new", a.significantEventForm)
	a.Private("POST /children/{id}/significant-events", a.addSignificantEvent)
	a.Private("GET /children/{id}/access-log", a.childAccessLogPage)
	a.Private("GET /children/{id}/chronology.csv", a.chronologyCSV)
	a.Private("GET /children/{id}/chronology/print", a.chronologyPrint)
	a.Private("GET /users/{id}/access-log", a.userAccessLogPage)
	a.Private("GET /break-glass", a.breakGlassReports)
	a.Private("POST /break-glass/{seq}/seen", a.breakGlassSeen)

	a.Private("GET /api/v1/me", a.meAPI)
	a.Private("GET /api/v1/children/{id}", a.childAPI)
	a.Private("GET /api/v1/children/{id}/chronology", a.chronologyAPI)
	a.Private("GET /api/v1/children/{id}/access-log", a.childAccessLogAPI)
	a.Private("POST /api/v1/children/{id}/significant-events", a.addSignificantEvent)
	a.Private("POST /api/v1/children/{id}/break-glass", a.breakGlass)
	a.Private("GET /api/v1/users/{id}/access-log", a.userAccessLogAPI)
	return nil
}

// childRequest is a request about one child that the policy allowed.
type childRequest struct {
	user     *access.User
	personID int64
	facts    *access.Child
	decision access.Decision
}

// decideChild asks the access policy whether the user may take action on
// the child in the path. When the answer is no it has responded: with the
// break-glass page (or a 403 problem saying how to break the glass) when
// the user may, otherwise with 404, so that a record's existence is not
// given away.
func (a *App) decideChild(w http.ResponseWriter, r *http.Request, action access.Action) (*childRequest, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		a.Web.Error(w, r, http.StatusNotFound)
		return nil, false
	}
	u := a.CurrentUser(r)
	facts, err := a.DB.AccessFacts(r.Context(), id, u.ID, a.now())
	if errors.Is(err, storage.ErrNotFound) {
		a.Web.Error(w, r, http.StatusNotFound)
		return nil, false
	}
	if err != nil {
		a.serverError(w, r, err)
		return nil, false
	}
	d := access.Decide(u, action, facts)
	if d.Allowed {
		return &childRequest{user: u, personID: id, facts: facts, decision: d}, true
	}
	view := access.Decide(u, access.ViewRecord, facts)
	switch {
	case view.Allowed:
		// They may see the record, but not do this to it.
		a.Web.Error(w, r, http.StatusForbidden)
	case view.CanBreakGlass && isAPI(r):
		web.WriteProblem(w, r, http.StatusForbidden, "Break the glass to open this record",
			"This record is outside your access. POST a reason to the break_glass URL to open it; the reason is recorded and reported to the record's managers.",
			map[string]any{"break_glass": fmt.Sprintf("/api/v1/children/%d/break-glass", id)})
	case view.CanBreakGlass:
		a.Web.Render(w, r, http.StatusForbidden, "child-refused", refusedPage{Page: a.page(r, ""), ID: id, Restricted: facts.Restricted})
	default:
		a.Web.Error(w, r, http.StatusNotFound)
	}
	return nil, false
}

type refusedPage struct {
	Page
	ID         int64
	Restricted bool
	Form       web.Form
}

// logView records a look at the child's record before it is shown.
func (a *App) logView(r *http.Request, c *childRequest, action audit.AccessAction, what string) error {
	return a.DB.LogAccess(r.Context(), &audit.Access{UserID: c.user.ID, Username: c.user.Username, Action: action, PersonID: c.personID, What: what, How: string(c.decision.How)})
}

// openRecord is how every view of a child's record begins: the access
// decision, the record as much of it as the user may see, and the access log
// entry, written before anything is shown. On false a response has been sent.
func (a *App) openRecord(w http.ResponseWriter, r *http.Request, action access.Action, logged audit.AccessAction, what string) (*childRequest, *domain.ChildRecord, bool) {
	c, ok := a.decideChild(w, r, action)
	if !ok {
		return nil, nil, false
	}
	cr, err := a.records.childRecord(r.Context(), a.DB, c.personID)
	if err != nil {
		a.serverError(w, r, err)
		return nil, nil, false
	}
	filterRecord(cr, c.decision)
	if err := a.logView(r, c, logged, what); err != nil {
		a.serverError(w, r, err)
		return nil, nil, false
	}
	return c, cr, true
}

// breakGlass opens a record outside the user's access when they give a
// reason: logged, granted for a while, reported to the record's managers.
func (a *App) breakGlass(w http.ResponseWriter, r *http.Request) {
	c, ok := a.decideChild(w, r, access.BreakGlass)
	if !ok {
		return
	}
	var reason string
	if isAPI(r) {
		var body struct {
			Reason string `json:"reason"`
		}
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
			web.WriteProblem(w, r, http.StatusBadRequest, "", "The body must be JSON: {\"reason\": \"…\"}.", nil)
			return
		}
		reason = body.Reason
	} else {
		reason = r.PostFormValue("reason")
	}
	reason = strings.TrimSpace(reason)
	var errs web.FieldErrors
	switch {
	case len(reason) < 10:
		errs.Add("reason", "Enter why you need to open this record, in at least 10 characters")
	case len(reason) > 1000:
		errs.Add("reason", "The reason must be 1,000 characters or fewer")
	}
	if len(errs) > 0 {
		if isAPI(r) {
			web.WriteValidationProblem(w, r, errs)
			return
		}
		a.Web.Render(w, r, http.StatusUnprocessableEntity, "child-refused", refusedPage{Page: a.page(r, ""), ID: c.personID, Restricted: c.facts.Restricted,
			Form: web.Form{Values: r.PostForm, Errors: errs}})
		return
	}
	now := a.now()
	e := &audit.Access{UserID: c.user.ID, Username: c.user.Username, PersonID: c.personID, What: "break glass", How: string(access.GlassBroke), Reason: reason, At: now}
	if err := a.DB.BreakGlass(r.Context(), e, now.Add(a.Security.BreakGlassFor), c.facts.Managers()); err != nil {
		a.serverError(w, r, err)
		return
	}
	a.Logger.WarnContext(r.Context(), "glass broken", "user_id", c.user.ID, "access_seq", e.Seq, "request_id", web.RequestID(r.Context()))
	if isAPI(r) {
		web.WriteJSON(w, http.StatusCreated, map[string]any{"access": e, "expires_at": now.Add(a.Security.BreakGlassFor)})
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/children/%d", c.personID), http.StatusSeeOther)
}

// childView is everything the child's page shows.
type childView struct {
	Page
	ID            int64
	Name          string
	Identity      identity
	Restricted    bool
	GlassBroken   bool
	Partial       bool // a partner seeing only what was shared
	Episodes      web.SummaryList
	PlansTable    web.Table
	Due           web.Table
	DueShown      bool
	Family        []FamilyMember
	Genogram      Genogram
	Involvements  web.Table
	WorkerCount   int
	WorkersInYear int
	Chronology    []chronology.Entry
	Filter        chronologyFilter
	// CaseSummary is the child's case summary and how old it is (AC-08).
	CaseSummary caseSummaryView
	CanAddNote  bool
	// CanRecordMARAC: a MARAC case is recorded from a child's record (FD-11).
	CanRecordMARAC bool
	CanSeeLog      bool
	// Grants is who else may see the record, for those who oversee it;
	// CanGrant lets its managers change that.
	Grants   []grantRow
	CanGrant bool
	// Details are the child's details and family, with the links that
	// change them (family.go); Saved names what was just changed.
	Details childDetails
	Saved   string
}

// grantRow is one grant as the child's page lists it.
type grantRow struct {
	ID                    int64
	Who, Why, What, Until string
	Withdrawable          bool
}

type identity struct {
	Name  string
	Facts []string
	Flags []web.Tag
}

type chronologyFilter struct {
	Types           []chronologyType
	SignificantOnly bool
	KeyOnly         bool
	OldestFirst     bool
	Filtered        bool
	CSV             string // the download of the events shown
	Print           string // the events shown, laid out for printing
	// Shown is how many of Total events the page lists: the first
	// chronologyShown unless ShowAll was asked for. A child's history can
	// run to thousands of events, and the page must stay quick to load.
	Shown, Total int
	ShowAll      string // the address of the page with every event
}

// chronologyShown is how many events the child's page lists at first.
const chronologyShown = 100

type chronologyType struct {
	Value, Title string
	Checked      bool
}

// parseChronologyFilter reads ?type=…&significant=1&key=1&order=oldest.
func parseChronologyFilter(r *http.Request) (chronology.Filter, chronologyFilter) {
	q := r.URL.Query()
	var f chronology.Filter
	view := chronologyFilter{SignificantOnly: q.Get("significant") != "", KeyOnly: q.Get("key") != "", OldestFirst: q.Get("order") == "oldest"}
	for _, t := range chronology.Types {
		checked := slices.Contains(q["type"], string(t.Type))
		if checked {
			f.Types = append(f.Types, t.Type)
		}
		view.Types = append(view.Types, chronologyType{string(t.Type), t.Title, checked})
	}
	f.SignificantOnly, f.KeyOnly, f.OldestFirst = view.SignificantOnly, view.KeyOnly, view.OldestFirst
	view.Filtered = len(f.Types) > 0 || f.SignificantOnly || f.KeyOnly
	keep := url.Values{}
	for _, k := range []string{"type", "significant", "key", "order"} {
		if vs, ok := q[k]; ok {
			keep[k] = vs
		}
	}
	view.CSV = fmt.Sprintf("/children/%s/chronology.csv", r.PathValue("id"))
	view.Print = fmt.Sprintf("/children/%s/chronology/print", r.PathValue("id"))
	if len(keep) > 0 {
		view.CSV += "?" + keep.Encode()
		view.Print += "?" + keep.Encode()
	}
	return f, view
}

func (a *App) childPage(w http.ResponseWriter, r *http.Request) {
	c, cr, ok := a.openRecord(w, r, access.ViewRecord, audit.Viewed, "child page")
	if !ok {
		return
	}
	v, err := a.buildChildView(r, c, cr)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	a.Web.Render(w, r, http.StatusOK, "child", v)
}

func (a *App) buildChildView(r *http.Request, c *childRequest, cr *domain.ChildRecord) (*childView, error) {
	ctx := r.Context()
	today := civil.OfTime(a.now())
	p := &cr.Person
	v := &childView{Page: a.page(r, ""), ID: p.ID, Name: p.Name(), Restricted: p.Restricted,
		GlassBroken: c.decision.How == access.GlassBroke, Partial: c.decision.Kinds != nil || c.decision.NoCaseNotes,
		CanAddNote:     access.Decide(c.user, access.AddCaseNote, c.facts).Allowed,
		CanRecordMARAC: access.Decide(c.user, access.AddCaseNote, c.facts).Allowed && access.Decide(c.user, access.RecordMARAC, nil).Allowed, CanSeeLog: access.Decide(c.user, access.ViewChildAccessLog, c.facts).Allowed}

	// Names of the professionals and teams involved.
	var profIDs, teamIDs []int64
	for _, i := range cr.Involvements {
		profIDs = append(profIDs, i.ProfessionalID)
		if i.TeamID != 0 {
			teamIDs = append(teamIDs, i.TeamID)
		}
	}
	profs, err := namesOf(a, r, "professional", profIDs)
	if err != nil {
		return nil, err
	}
	teams, err := namesOf(a, r, "team", teamIDs)
	if err != nil {
		return nil, err
	}

	// The identity bar.
	v.Identity = identity{Name: p.Name()}
	if !p.DateOfBirth.IsZero() {
		v.Identity.Facts = append(v.Identity.Facts, fmt.Sprintf("Born %s (%s)", longDate(p.DateOfBirth), age(p.DateOfBirth, today)))
	} else if !p.ExpectedBirth.IsZero() {
		v.Identity.Facts = append(v.Identity.Facts, "Unborn, due "+longDate(p.ExpectedBirth))
	}
	if p.LAChildID != "" {
		v.Identity.Facts = append(v.Identity.Facts, "LA child ID "+p.LAChildID)
	}
	status := legalStatus(cr, today)
	v.Identity.Facts = append(v.Identity.Facts, status)
	worker := "No allocated social worker"
	for _, i := range cr.Involvements {
		if i.Role == "allocated_social_worker" && current(i.From, i.To, today) {
			worker = "Social worker: " + profs[i.ProfessionalID]
		}
	}
	v.Identity.Facts = append(v.Identity.Facts, worker)
	if p.Restricted {
		v.Identity.Flags = append(v.Identity.Flags, web.Tag{Text: "Restricted record", Colour: "red"})
	}
	for _, cp := range cr.CPPlans {
		if current(cp.StartDate, cp.EndDate, today) {
			v.Identity.Flags = append(v.Identity.Flags, web.Tag{Text: "Child protection plan", Colour: "orange"})
		}
	}
	for _, m := range cr.MissingEpisodes {
		if m.ReturnAt.IsZero() {
			v.Identity.Flags = append(v.Identity.Flags, web.Tag{Text: "Missing now", Colour: "red"})
		}
	}
	if !p.DateOfDeath.IsZero() {
		v.Identity.Flags = append(v.Identity.Flags, web.Tag{Text: "Deceased", Colour: "grey"})
	}

	// Current episodes and plans.
	v.Episodes = currentEpisodes(cr, today)
	v.PlansTable = web.Table{Caption: "Current plans", Columns: []web.Column{{Header: "Plan"}, {Header: "Started"}, {Header: "Authorised"}}}
	for _, pl := range cr.Plans {
		if current(pl.StartDate, pl.EndDate, today) {
			auth := "Not yet authorised"
			if !pl.AuthorisedDate.IsZero() {
				auth = longDate(pl.AuthorisedDate)
			}
			v.PlansTable.Rows = append(v.PlansTable.Rows, []web.Cell{{Text: codes.Describe(codes.PlanType, pl.Type)}, {Text: longDate(pl.StartDate)}, {Text: auth}})
		}
	}

	// What is due: the timescales engine, for those who see the whole record.
	if !v.Partial {
		v.DueShown = true
		v.Due = web.Table{Columns: []web.Column{{Header: "What"}, {Header: "Due"}, {Header: "Status"}, {Header: "Why"}}}
		eng, err := a.Engine(ctx)
		if err != nil {
			return nil, err
		}
		for _, it := range eng.Items(cr, today) {
			if it.Status != timescales.Due && it.Status != timescales.Overdue {
				continue
			}
			v.Due.Rows = append(v.Due.Rows, []web.Cell{{Text: it.Title}, {Text: longDate(it.Due)}, {Text: string(it.Status)}, {Text: it.Explanation}})
		}
	}

	// Family and household, recorded from either side.
	fam, err := a.familyOf(r, c, cr)
	if err != nil {
		return nil, err
	}
	for _, t := range fam.ties {
		rp := fam.people[t.RelatedPersonID]
		if rp == nil || !t.To.IsZero() && t.To.Before(today) {
			continue
		}
		v.Family = append(v.Family, FamilyMember{Person: *rp, Relation: t.Type, Title: codes.Describe(codes.RelationshipType, t.Type), Lives: t.LivesWith})
	}
	v.Genogram = drawGenogram(*p, v.Family)
	var words []string
	for _, m := range v.Family {
		lives := ""
		if m.Lives {
			lives = ", lives with " + p.Forename
		}
		words = append(words, fmt.Sprintf("%s (%s%s)", m.Person.Name(), strings.ToLower(m.Title), lives))
	}
	v.Genogram.Description = fmt.Sprintf("%s's family: %s.", p.Forename, strings.Join(words, "; "))
	if len(words) == 0 {
		v.Genogram.Description = "No family members are recorded."
	}

	// Involvements, and how many social workers the child has had.
	v.Involvements = web.Table{Caption: "Who has worked with " + p.Forename, Columns: []web.Column{{Header: "Role"}, {Header: "Name"}, {Header: "Team"}, {Header: "From"}, {Header: "To"}}}
	workers, inYear := map[int64]bool{}, map[int64]bool{}
	yearAgo := today.AddMonths(-12)
	for _, i := range slices.Backward(cr.Involvements) {
		to := "Now"
		if !i.To.IsZero() {
			to = longDate(i.To)
		}
		v.Involvements.Rows = append(v.Involvements.Rows, []web.Cell{{Text: codes.Describe(codes.InvolvementRole, i.Role)}, {Text: profs[i.ProfessionalID]}, {Text: teams[i.TeamID]}, {Text: longDate(i.From)}, {Text: to}})
		if i.Role == "allocated_social_worker" {
			workers[i.ProfessionalID] = true
			if i.To.IsZero() || !i.To.Before(yearAgo) {
				inYear[i.ProfessionalID] = true
			}
		}
	}
	v.WorkerCount, v.WorkersInYear = len(workers), len(inYear)

	if v.CanSeeLog {
		v.CanGrant = access.Decide(c.user, access.ManageGrants, c.facts).Allowed
		if v.Grants, err = a.grantRows(r, p.ID); err != nil {
			return nil, err
		}
	}

	if c.decision.Sees("case_summary") {
		eng, err := a.Engine(ctx)
		if err != nil {
			return nil, err
		}
		v.CaseSummary = caseSummaryOf(cr, casework.New(eng), today, c.user, c.facts)
	}

	if v.Details, err = a.childDetailsOf(r, c, cr, fam); err != nil {
		return nil, err
	}
	v.Saved = r.URL.Query().Get("saved")

	f, view := parseChronologyFilter(r)
	v.Chronology, v.Filter = chronology.Build(cr, c.decision.Sees, f), view
	v.Filter.Total = len(v.Chronology)
	if r.URL.Query().Get("all") == "" && len(v.Chronology) > chronologyShown {
		v.Chronology = v.Chronology[:chronologyShown]
		q := r.URL.Query()
		q.Set("all", "1")
		v.Filter.ShowAll = fmt.Sprintf("/children/%d?%s#chronology", p.ID, q.Encode())
	}
	v.Filter.Shown = len(v.Chronology)
	return v, nil
}

// grantRows lists who may see the record beyond the usual rules: people
// named on it, partners it is shared with, and glasses broken.
func (a *App) grantRows(r *http.Request, personID int64) ([]grantRow, error) {
	gs, err := a.DB.Grants(r.Context(), personID, a.now())
	if err != nil {
		return nil, err
	}
	var rows []grantRow
	for _, g := range gs {
		row := grantRow{ID: g.ID, Who: g.Role.Title(), Why: g.Reason, What: "The whole record", Until: "Until withdrawn", Withdrawable: !g.BreakGlass}
		if g.UserID != 0 {
			acct, err := a.DB.AccountByID(r.Context(), g.UserID)
			if err != nil {
				return nil, err
			}
			row.Who = acct.Name
		}
		if g.BreakGlass {
			row.Why = "Broke the glass: " + g.Reason
		}
		if g.Role != "" && len(g.Kinds) == 0 {
			row.What = "The whole record, except case notes, management decisions and audits"
		}
		if len(g.Kinds) > 0 {
			titles := make([]string, len(g.Kinds))
			for i, k := range g.Kinds {
				titles[i] = k
				if kind, ok := domain.KindNamed(k); ok {
					titles[i] = kind.Title
				}
			}
			row.What = strings.Join(titles, ", ")
		}
		if !g.ExpiresAt.IsZero() {
			row.Until = g.ExpiresAt.In(london).Format("2 Jan 2006 15:04")
		}
		rows = append(rows, row)
	}
	return rows, nil
}

// filterRecord empties the kinds of record the decision does not let the
// user see, so that nothing derived from the record can show them.
func filterRecord(cr *domain.ChildRecord, d access.Decision) {
	if d.Kinds == nil && !d.NoCaseNotes {
		return
	}
	forEachKind(cr, func(kind string, list reflect.Value) {
		if !d.Sees(kind) {
			list.SetZero()
		}
	})
}

// forEachKind calls fn with each list of records in a child's record.
func forEachKind(cr *domain.ChildRecord, fn func(kind string, list reflect.Value)) {
	v := reflect.ValueOf(cr).Elem()
	for i := range v.NumField() {
		f := v.Field(i)
		if f.Kind() != reflect.Slice {
			continue
		}
		k := domain.KindOf(reflect.New(f.Type().Elem()).Interface().(domain.Record))
		fn(k.Name, f)
	}
}

// namesOf maps ids of professionals, teams or people to their names.
func namesOf(a *App, r *http.Request, kind string, ids []int64) (map[int64]string, error) {
	slices.Sort(ids)
	recs, err := a.DB.GetMany(r.Context(), kind, slices.Compact(ids))
	if err != nil {
		return nil, err
	}
	names := map[int64]string{}
	for _, rec := range recs {
		switch x := rec.(type) {
		case *domain.Professional:
			names[x.ID] = x.Name
		case *domain.Team:
			names[x.ID] = x.Name
		case *domain.Person:
			names[x.ID] = x.Name()
		}
	}
	return names, nil
}

func current(from, to, today civil.Date) bool {
	return !from.IsZero() && !today.Before(from) && (to.IsZero() || !to.Before(today))
}

// age is a child's age as social workers say it: "7 years", or "5 months"
// for a baby.
func age(dob, today civil.Date) string {
	years := dob.AgeOn(today)
	if years >= 1 {
		return fmt.Sprintf("%d %s", years, plural(years, "year", "years"))
	}
	months := 0
	for !dob.AddMonths(months + 1).After(today) {
		months++
	}
	return fmt.Sprintf("%d %s", months, plural(months, "month", "months"))
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// legalStatus is the child's status in the service today, most intensive first.
func legalStatus(cr *domain.ChildRecord, today civil.Date) string {
	for _, e := range slices.Backward(cr.CareEpisodes) {
		if current(e.StartDate, e.EndDate, today) {
			return "Looked after: " + codes.Describe(codes.LegalStatus, e.LegalStatus)
		}
	}
	for _, p := range cr.CPPlans {
		if current(p.StartDate, p.EndDate, today) {
			return "Child protection plan"
		}
	}
	for _, p := range cr.CINPlans {
		if current(p.StartDate, p.EndDate, today) {
			return "Child in need plan"
		}
	}
	for _, r := range cr.Referrals {
		if current(r.ReferralDate, r.CloseDate, today) {
			return "Open to children's social care"
		}
	}
	if len(cr.CareLeaver) > 0 {
		return "Care leaver"
	}
	for _, e := range cr.EarlyHelpEpisodes {
		if current(e.StartDate, e.EndDate, today) {
			return "Early help"
		}
	}
	return "Not open to the service"
}

// currentEpisodes summarises what is open today.
func currentEpisodes(cr *domain.ChildRecord, today civil.Date) web.SummaryList {
	var l web.SummaryList
	for _, r := range cr.Referrals {
		if current(r.ReferralDate, r.CloseDate, today) {
			l = append(l, web.SummaryRow{Key: "Children in need episode", Value: "Open since " + longDate(r.ReferralDate) + " (" + codes.Describe(codes.PrimaryNeed, r.PrimaryNeed) + ")"})
		}
	}
	for _, p := range cr.CPPlans {
		if current(p.StartDate, p.EndDate, today) {
			l = append(l, web.SummaryRow{Key: "Child protection plan", Value: "Since " + longDate(p.StartDate) + ", category " + codes.Describe(codes.CategoryOfAbuse, p.LatestCategory)})
		}
	}
	for _, p := range cr.CINPlans {
		if current(p.StartDate, p.EndDate, today) {
			l = append(l, web.SummaryRow{Key: "Child in need plan", Value: "Since " + longDate(p.StartDate)})
		}
	}
	for _, e := range slices.Backward(cr.CareEpisodes) {
		if current(e.StartDate, e.EndDate, today) {
			l = append(l, web.SummaryRow{Key: "Looked after", Value: "Since " + longDate(e.PeriodStart) + "; " + codes.Describe(codes.LegalStatus, e.LegalStatus)})
			break
		}
	}
	for _, p := range cr.Placements {
		if current(p.StartDate, p.EndDate, today) {
			l = append(l, web.SummaryRow{Key: "Placement", Value: codes.Describe(codes.PlacementType, p.Type) + " since " + longDate(p.StartDate)})
		}
	}
	for _, e := range cr.EarlyHelpEpisodes {
		if current(e.StartDate, e.EndDate, today) {
			l = append(l, web.SummaryRow{Key: "Early help", Value: "Since " + longDate(e.StartDate)})
		}
	}
	if n := len(cr.CareLeaver); n > 0 {
		c := cr.CareLeaver[n-1]
		l = append(l, web.SummaryRow{Key: "Care leaver", Value: "Last recorded " + longDate(c.RecordedOn) + "; in touch: " + codes.Describe(codes.CareLeaverInTouch, c.InTouch)})
	}
	if len(l) == 0 {
		l = append(l, web.SummaryRow{Key: "Open episodes", Value: "None"})
	}
	return l
}

// significantEventPage is the form for a significant event (AC-08, CLA-27).
type significantEventPage struct {
	Page
	ID   int64
	Name string
	Form web.Form
}

func (a *App) significantEventForm(w http.ResponseWriter, r *http.Request) {
	c, ok := a.decideChild(w, r, access.AddCaseNote)
	if !ok {
		return
	}
	name, err := a.personName(r, c.personID)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	a.Web.Render(w, r, http.StatusOK, "significant-event", significantEventPage{Page: a.page(r, ""), ID: c.personID, Name: name})
}

// significantEvent is a significant event as the API takes it.
type significantEvent struct {
	Date    civil.Date `json:"date"`
	Time    string     `json:"time"` // HH:MM, optional
	Subject string     `json:"subject"`
	Text    string     `json:"body"`
}

func (a *App) addSignificantEvent(w http.ResponseWriter, r *http.Request) {
	c, ok := a.decideChild(w, r, access.AddCaseNote)
	if !ok {
		return
	}
	var ev significantEvent
	var errs web.FieldErrors
	if isAPI(r) {
		if err := json.NewDecoder(r.Body).Decode(&ev); err != nil {
			web.WriteProblem(w, r, http.StatusBadRequest, "", "The body must be a JSON significant event: {\"date\", \"time\", \"subject\", \"body\"}.", nil)
			return
		}
		if ev.Date.IsZero() {
			errs.Add("date", "Enter the date of the event")
		}
	} else {
		f := r.PostForm
		ev.Subject, ev.Text, ev.Time = f.Get("subject"), f.Get("body"), f.Get("time")
		var d, m, y int
		_, e1 := fmt.Sscan(strings.TrimSpace(f.Get("date-day")), &d)
		_, e2 := fmt.Sscan(strings.TrimSpace(f.Get("date-month")), &m)
		_, e3 := fmt.Sscan(strings.TrimSpace(f.Get("date-year")), &y)
		date, err := civil.Parse(fmt.Sprintf("%04d-%02d-%02d", y, m, d))
		switch {
		case f.Get("date-day") == "" && f.Get("date-month") == "" && f.Get("date-year") == "":
			errs.Add("date", "Enter the date of the event")
		case e1 != nil || e2 != nil || e3 != nil || err != nil || y < 1900:
			errs.Add("date", "Date of the event must be a real date, like 27 3 2024")
		default:
			ev.Date = date
		}
	}
	today := civil.OfTime(a.now())
	if !ev.Date.IsZero() && ev.Date.After(today) {
		errs.Add("date", "Date of the event must be today or in the past")
	}
	at := ev.Date.Time()
	if t := strings.TrimSpace(ev.Time); t != "" {
		hm, err := time.Parse("15:04", t)
		if err != nil {
			errs.Add("time", "Time must be a 24-hour time, like 14:30")
		} else {
			at = time.Date(at.Year(), at.Month(), at.Day(), hm.Hour(), hm.Minute(), 0, 0, london).UTC()
		}
	}
	ev.Subject, ev.Text = strings.TrimSpace(ev.Subject), strings.TrimSpace(ev.Text)
	if ev.Subject == "" {
		errs.Add("subject", "Enter what happened, in a few words")
	} else if len(ev.Subject) > 200 {
		errs.Add("subject", "What happened must be 200 characters or fewer")
	}
	if ev.Text == "" {
		errs.Add("body", "Enter the details of the event")
	}
	if len(errs) > 0 {
		if isAPI(r) {
			web.WriteValidationProblem(w, r, errs)
			return
		}
		name, _ := a.personName(r, c.personID)
		a.Web.Render(w, r, http.StatusUnprocessableEntity, "significant-event", significantEventPage{Page: a.page(r, ""), ID: c.personID, Name: name, Form: web.Form{Values: r.PostForm, Errors: errs}})
		return
	}
	note := &domain.CaseNote{PersonID: c.personID, At: at, Type: "significant_event", Subject: ev.Subject, Text: ev.Text, Significant: true, AuthorID: c.user.ProfessionalID}
	err := a.DB.Write(r.Context(), storage.Change{Actor: c.user.Username, At: a.now()}, func(tx *storage.Tx) error { return tx.Insert(note) })
	var verr *domain.ValidationError
	if errors.As(err, &verr) {
		for _, fe := range verr.Errors {
			errs.Add(fe.Field, fe.Message)
		}
		if isAPI(r) {
			web.WriteValidationProblem(w, r, errs)
			return
		}
		a.Web.Render(w, r, http.StatusUnprocessableEntity, "significant-event", significantEventPage{Page: a.page(r, ""), ID: c.personID, Form: web.Form{Values: r.PostForm, Errors: errs}})
		return
	}
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	if isAPI(r) {
		w.Header().Set("Location", fmt.Sprintf("/api/v1/children/%d/chronology", c.personID))
		web.WriteJSON(w, http.StatusCreated, note)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/children/%d?significant=1#chronology", c.personID), http.StatusSeeOther)
}

func (a *App) personName(r *http.Request, id int64) (string, error) {
	var p domain.Person
	if err := a.DB.Get(r.Context(), id, &p); err != nil {
		return "", err
	}
	return p.Name(), nil
}

// describe is what a code means (codes.Describe); other files of the
// application use the short name.
func describe(list, code string) string { return codes.Describe(list, code) }
