package app

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/waymark-care/waymark/internal/access"
	"github.com/waymark-care/waymark/internal/casework"
	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/codes"
	"github.com/waymark-care/waymark/internal/domain"
	"github.com/waymark-care/waymark/internal/storage"
	"github.com/waymark-care/waymark/internal/timescales"
	"github.com/waymark-care/waymark/internal/web"
)

// This file serves the front door (docs/casework.md, "The front door"): a
// contact about a child the service does not yet know, and the threshold
// profile of each agency's contacts.

func init() { feature((*App).mountFrontDoor) }

func (a *App) mountFrontDoor() error {
	a.Private("GET /contacts/new", a.newContactPage)
	a.Private("POST /contacts/new", a.newContactPost)
	a.Private("POST /api/v1/contacts", a.newContactAPI)
	a.Private("GET /reports/threshold-profile", a.thresholdProfilePage) // ?format=csv downloads it; ?format=audit-sample.csv the audit sample
	a.Private("GET /api/v1/reports/threshold-profile", a.thresholdProfileAPI)
	a.Private("GET /front-door", a.frontDoorPage)
	a.Private("GET /front-door.csv", a.frontDoorPage)
	a.Private("GET /api/v1/front-door", a.frontDoorAPI)
	return nil
}

// buildFrontDoor builds the front door's worklist for the request (FD-02):
// the contacts received in its window still waiting, on its last day, for
// a screening decision or a handover from the out-of-hours service. A
// manager's list starts at their own team. On false a response has been
// sent.
func (a *App) buildFrontDoor(w http.ResponseWriter, r *http.Request) (*casework.Report, listQuery, *listContext, bool) {
	lq, lc, ok := a.listRequest(w, r)
	if !ok {
		return nil, listQuery{}, nil, false
	}
	contacts, err := a.DB.ContactsReceived(r.Context(), midnight(lq.Window.From), midnight(lq.Window.To.AddDays(1)))
	if err != nil {
		a.serverError(w, r, err)
		return nil, listQuery{}, nil, false
	}
	rep, err := lc.rules.FrontDoorTasks(r.Context(), a.DB, contacts, lq.Window, lq.Filter, lc.dir)
	if err != nil {
		a.serverError(w, r, err)
		return nil, listQuery{}, nil, false
	}
	return rep, lq, lc, true
}

type frontDoorPageData struct {
	Page
	AsOf, From        civil.Date
	Rows              []exceptionRow
	Withheld          int
	Form              web.Form
	Teams             []web.Option
	Workers           []web.Option
	CSV               string
	Handovers, Screen int
}

func (a *App) frontDoorPage(w http.ResponseWriter, r *http.Request) {
	rep, lq, lc, ok := a.buildFrontDoor(w, r)
	if !ok {
		return
	}
	csvFile := strings.HasSuffix(r.URL.Path, ".csv")
	if !a.logList(w, r, lc.user, childrenOf(rep.Rows), "front door worklist", csvFile) {
		return
	}
	if csvFile {
		writeCSV(w, fmt.Sprintf("front-door-%s.csv", lq.Window.To), exceptionsCSV(rep.Rows))
		return
	}
	p := frontDoorPageData{Page: a.page(r, "front-door"), AsOf: lq.Window.To, From: lq.Window.From, Withheld: rep.Withheld, Form: listForm(r.URL.Query(), lq)}
	p.CSV = "/front-door.csv?" + withParams(p.Form.Values)
	for _, row := range rep.Rows {
		e := exceptionRowOf(&row, lq.Window.To)
		form, text := "contact-decision", "Record the screening decision"
		if row.Detail == casework.HandoverTask {
			form, text = "contact-handover", "Record the handover"
			p.Handovers++
		} else {
			p.Screen++
		}
		e.Actions = []NavItem{{Text: text, Href: fmt.Sprintf("/children/%d/casework/%s/%d", row.Child.ID, form, row.Record.ID)}}
		p.Rows = append(p.Rows, e)
	}
	teams, workers, err := a.filterOptions(r.Context(), lc.dir)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	p.Teams, p.Workers = teams, workers
	a.Web.Render(w, r, http.StatusOK, "casework/front-door", p)
}

// frontDoorAPI answers GET /api/v1/front-door, as JSON or CSV: the entries
// as the drift lists give theirs, each with its task.
func (a *App) frontDoorAPI(w http.ResponseWriter, r *http.Request) {
	rep, lq, lc, ok := a.buildFrontDoor(w, r)
	if !ok {
		return
	}
	if !a.logList(w, r, lc.user, childrenOf(rep.Rows), "front door worklist", wantsCSV(r)) {
		return
	}
	if wantsCSV(r) {
		writeCSV(w, fmt.Sprintf("front-door-%s.csv", lq.Window.To), exceptionsCSV(rep.Rows))
		return
	}
	entries := []map[string]any{}
	for _, row := range rep.Rows {
		task := "screening_decision"
		if row.Detail == casework.HandoverTask {
			task = "handover"
		}
		entries = append(entries, map[string]any{"child": childJSONOf(row.Child), "record": refOf(row.Record.String()), "task": task,
			"received": row.Date, "due": row.Due, "overdue": lq.Window.To.After(row.Due), "detail": row.Detail,
			"worker": namedOf(row.ProfessionalID, row.Worker), "team": namedOf(row.TeamID, row.Team)})
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"as_of": lq.Window.To, "from": lq.Window.From, "count": len(entries), "withheld": rep.Withheld,
		"by_team": rep.Teams, "by_worker": rep.Workers, "entries": entries})
}

// notificationHousehold reads the contacts of the people living with the
// child when a police domestic abuse notification came in, for its count of
// earlier notifications (FD-09); nil for any other record.
func (a *App) notificationHousehold(ctx context.Context, cr *domain.ChildRecord, rec domain.Record) ([]*domain.ChildRecord, error) {
	c, ok := rec.(*domain.Contact)
	if !ok || !c.DomesticAbuseNotification {
		return nil, nil
	}
	return a.DB.Household(ctx, cr.Person.ID, casework.DayOf(c.ContactAt), storage.Columns{"contact": nil})
}

// takenBy makes a new contact that names no worker or team the recording
// user's and their team's: the front door worklist lists it against them
// (FD-02).
func takenBy(c *domain.Contact, u *access.User) {
	if c.ProfessionalID == 0 && c.TeamID == 0 {
		c.ProfessionalID, c.TeamID = u.ProfessionalID, u.TeamID
	}
}

// newChildQuestions are what the front door records of a child it does
// not know: their name, date of birth or expected date, sex and address.
var newChildQuestions = []question{
	{"forename", "First name", "", text, "", nil, "Enter the child’s first name"},
	{"surname", "Last name", "", text, "", nil, "Enter the child’s last name"},
	{"date_of_birth", "Date of birth", "For example, 27 3 2012", date, "", nil, ""},
	{"expected_birth", "Or, for an unborn baby, the expected date of birth", "For example, 27 3 2026", date, "", nil, ""},
	{"sex", "Sex", "", oneOf, codes.Sex, nil, ""},
	{"line1", "Address line 1", "", text, "", nil, "Enter the first line of the child’s address"},
	{"line2", "Address line 2 (optional)", "", text, "", nil, ""},
	{"town", "Town or city", "", text, "", nil, ""},
	{"postcode", "Postcode", "", text, "", nil, ""},
}

var (
	personFields  = []string{"forename", "surname", "date_of_birth", "expected_birth", "sex"}
	addressFields = []string{"line1", "line2", "town", "postcode"}
)

// newContactQuestions are the child's questions, then the contact's.
func newContactQuestions() []question {
	return slices.Concat(newChildQuestions, formNamed("contact").Questions)
}

// mayRecordNewChild reports whether the user may record a contact about a
// child not yet known: the policy's answer, and an account linked to a
// member of staff, who is involved with the child from the contact on so
// that they can carry on with it.
func mayRecordNewChild(u *access.User) bool {
	return access.Decide(u, access.RecordNewChild, nil).Allowed && u.ProfessionalID != 0
}

type newContactPage struct {
	Page
	Form     web.Form
	Child    []control
	Contact  []control
	Searched string
}

func (a *App) newContactPage(w http.ResponseWriter, r *http.Request) {
	if !mayRecordNewChild(a.CurrentUser(r)) {
		a.Web.Error(w, r, http.StatusForbidden)
		return
	}
	a.renderNewContact(w, r, http.StatusOK, web.Form{Values: r.URL.Query()})
}

func (a *App) renderNewContact(w http.ResponseWriter, r *http.Request, status int, form web.Form) {
	teams, profs, err := a.DB.Workforce(r.Context())
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	p := newContactPage{Page: a.page(r, "search"), Form: form, Searched: form.Values.Get("q")}
	empty := &domain.ChildRecord{}
	for _, q := range newChildQuestions {
		p.Child = append(p.Child, controlOf(q, form, empty, teams, profs))
	}
	for _, q := range formNamed("contact").Questions {
		p.Contact = append(p.Contact, controlOf(q, form, empty, teams, profs))
	}
	if err := a.offerThresholdLevels(r.Context(), formNamed("contact").Questions, p.Contact, form.Values, a.today()); err != nil {
		a.serverError(w, r, err)
		return
	}
	a.Web.Render(w, r, status, "new-contact", p)
}

// offerThresholdLevels offers a form's threshold questions (those on the
// threshold level list) the levels of the authority's guidance in force on
// the day the contact came in, or on day (today, or the contact's day on a
// form that does not ask it) before that is entered: the levels a contact
// is checked against, which need not be the default list (FD-03).
func (a *App) offerThresholdLevels(ctx context.Context, qs []question, controls []control, values url.Values, day civil.Date) error {
	if !slices.ContainsFunc(qs, func(q question) bool { return q.List == codes.ThresholdLevel }) {
		return nil
	}
	eng, err := a.Engine(ctx)
	if err != nil {
		return err
	}
	if d, present, msg := dateParts(values, "contact_at"); present && msg == "" {
		day = d
	}
	g, ok := eng.Policy.ThresholdGuidance.At(day)
	if !ok {
		return nil
	}
	var opts []web.Option
	for _, l := range g.Levels {
		opts = append(opts, web.Option{Value: l.Value, Text: l.Description})
	}
	for i := range controls {
		f := &controls[i].Field
		if slices.ContainsFunc(qs, func(q question) bool { return q.Name == f.Name && q.List == codes.ThresholdLevel }) {
			f.Options = opts
			f.Hint = strings.TrimPrefix(f.Hint+". Guidance in force: "+g.Version, ". ")
		}
	}
	return nil
}

// thresholdLevels are the words for the levels of the threshold guidance
// in force on a contact's day; nil for any other record.
func (a *App) thresholdLevels(ctx context.Context, rec domain.Record) (map[string]string, error) {
	c, ok := rec.(*domain.Contact)
	if !ok {
		return nil, nil
	}
	eng, err := a.Engine(ctx)
	if err != nil {
		return nil, err
	}
	g, _ := eng.Policy.ThresholdGuidance.At(casework.DayOf(c.ContactAt))
	words := map[string]string{}
	for _, l := range g.Levels {
		words[l.Value] = l.Description
	}
	return words, nil
}

func (a *App) newContactPost(w http.ResponseWriter, r *http.Request) {
	u := a.CurrentUser(r)
	if !mayRecordNewChild(u) {
		a.Web.Error(w, r, http.StatusForbidden)
		return
	}
	qs := newContactQuestions()
	body, errs := answers(r.PostForm, qs)
	var id int64
	if len(errs) == 0 {
		var err error
		if id, _, errs, err = a.recordNewChild(r, u, body); err != nil {
			a.serverError(w, r, err)
			return
		}
	}
	if len(errs) > 0 {
		for i, e := range errs {
			if q := slices.IndexFunc(qs, func(q question) bool { return q.Name == e.Field }); q >= 0 && qs[q].Missing != "" {
				errs[i].Message = qs[q].Missing
			}
		}
		a.renderNewContact(w, r, http.StatusUnprocessableEntity, web.Form{Values: r.PostForm, Errors: inFormOrder(errs, qs)})
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/children/%d/casework?saved=%s", id, url.QueryEscape("Contact")), http.StatusSeeOther)
}

// newContactAPI answers POST /api/v1/contacts: a contact about a child not
// yet known, with the child's forename, surname, date_of_birth or
// expected_birth, sex and address (line1, line2, town, postcode) beside the
// contact's fields. 201 with the child's address and the contact, or 422
// naming each field that is wrong; nothing is stored unless all is.
func (a *App) newContactAPI(w http.ResponseWriter, r *http.Request) {
	u := a.CurrentUser(r)
	if !mayRecordNewChild(u) {
		web.WriteProblem(w, r, http.StatusForbidden, "", "Only staff who record on children’s files, with an account linked to their staff record, can record a contact about a new child.", nil)
		return
	}
	body, ok := readBody(w, r)
	if !ok {
		return
	}
	id, contact, errs, err := a.recordNewChild(r, u, body)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	if len(errs) > 0 {
		web.WriteValidationProblem(w, r, errs)
		return
	}
	cr, err := a.DB.ChildRecord(r.Context(), id)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	rules, err := a.caseworkRules(r.Context())
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	w.Header().Set("Location", recordPath(id, contact))
	web.WriteJSON(w, http.StatusCreated, map[string]any{
		"child":   map[string]any{"id": id, "href": fmt.Sprintf("/api/v1/children/%d", id)},
		"contact": caseworkJSON(rules, cr, contact, a.today(), nil),
	})
}

// recordNewChild stores a child not yet known, their address, the contact
// about them and the recording worker's involvement, in one transaction:
// if anything is wrong nothing is stored. It returns the child's ID and
// the contact, or the errors that stopped it.
func (a *App) recordNewChild(r *http.Request, u *access.User, body map[string]json.RawMessage) (int64, *domain.Contact, web.FieldErrors, error) {
	ctx := r.Context()
	person, address, contact := &domain.Person{}, &domain.Address{}, &domain.Contact{}
	parts := map[domain.Record]map[string]json.RawMessage{person: {}, address: {}, contact: {}}
	for name, v := range body {
		switch {
		case slices.Contains(personFields, name):
			parts[person][name] = v
		case slices.Contains(addressFields, name):
			parts[address][name] = v
		default:
			parts[contact][name] = v
		}
	}
	var errs web.FieldErrors
	add := func(fes []domain.FieldError) {
		for _, fe := range fes {
			if errs.Get(fe.Field) == "" {
				errs.Add(fe.Field, fe.Message)
			}
		}
	}
	for _, rec := range []domain.Record{person, address, contact} {
		for _, e := range decodeRecord(parts[rec], rec, false) {
			add([]domain.FieldError{{Field: e.Field, Message: e.Message}})
		}
		*rec.Base() = domain.Entity{}
	}
	if len(errs) > 0 {
		return 0, nil, errs, nil
	}
	// The person is new: ask the contact's questions of an empty record.
	if person.DateOfBirth.IsZero() && person.ExpectedBirth.IsZero() {
		errs.Add("date_of_birth", "Enter the child’s date of birth, or the expected date for an unborn baby")
	}
	day := casework.DayOf(contact.ContactAt)
	if day.IsZero() {
		day = a.today()
	}
	address.Type, address.From = "home", day
	involvement := &domain.Involvement{ProfessionalID: u.ProfessionalID, TeamID: u.TeamID, Role: "front_door", From: day}
	rules, err := a.caseworkRules(ctx)
	if err != nil {
		return 0, nil, nil, err
	}
	staff, err := a.directory(ctx)
	if err != nil {
		return 0, nil, nil, err
	}
	takenBy(contact, u)
	cr := &domain.ChildRecord{}
	rules.Prepare(cr, contact)
	add(rules.CheckChange(cr, contact, nil))
	add(casework.CheckWorkers(contact, nil, staff, u.ProfessionalID, a.today()))
	for _, rec := range []domain.Record{person, address, contact} {
		if v, ok := errors.AsType[*domain.ValidationError](domain.Validate(rec)); ok {
			for _, fe := range v.Errors {
				if fe.Field != "person_id" {
					add([]domain.FieldError{fe})
				}
			}
		}
	}
	if len(errs) > 0 {
		return 0, nil, errs, nil
	}
	err = a.DB.Write(ctx, storage.Change{Actor: u.Username, At: a.now()}, func(tx *storage.Tx) error {
		if err := tx.Insert(person); err != nil {
			return err
		}
		address.PersonID, contact.PersonID, involvement.PersonID = person.ID, person.ID, person.ID
		for _, rec := range []domain.Record{address, contact, involvement} {
			if err := tx.Insert(rec); err != nil {
				return err
			}
		}
		return nil
	})
	if v, ok := errors.AsType[*domain.ValidationError](err); ok {
		add(v.Errors)
		return 0, nil, errs, nil
	}
	if err != nil {
		return 0, nil, nil, err
	}
	a.Logger.InfoContext(ctx, "new child recorded at the front door", "person_id", person.ID, "contact_id", contact.ID,
		"user_id", u.ID, "request_id", web.RequestID(ctx))
	return person.ID, contact, nil, nil
}

// midnight is when a day begins in England.
func midnight(d civil.Date) time.Time {
	y, m, day := d.Date()
	return time.Date(y, m, day, 0, 0, 0, 0, london)
}

// thresholdQuarter reads ?quarter= (default: the quarter before today's).
func (a *App) thresholdQuarter(r *http.Request) (casework.Quarter, web.FieldErrors) {
	s := r.URL.Query().Get("quarter")
	if s == "" {
		return casework.QuarterOf(a.today()).Previous(), nil
	}
	q, err := casework.ParseQuarter(s)
	if err != nil {
		return q, web.FieldErrors{{Field: "quarter", Message: "Quarter must be written like 2015-Q3"}}
	}
	return q, nil
}

// thresholdProfile builds FD-03's profile for a quarter, and FD-02's
// measure of the quarter's screening decisions as on today.
func (a *App) thresholdProfile(ctx context.Context, q casework.Quarter) (casework.ThresholdProfile, casework.ScreeningTimeliness, error) {
	rules, err := a.caseworkRules(ctx)
	if err != nil {
		return casework.ThresholdProfile{}, casework.ScreeningTimeliness{}, err
	}
	contacts, err := a.DB.ContactsReceived(ctx, midnight(q.Start), midnight(q.Next().Start))
	if err != nil {
		return casework.ThresholdProfile{}, casework.ScreeningTimeliness{}, err
	}
	return rules.ThresholdProfile(q, contacts), rules.ScreeningTimeliness(q.Start, q.End(), a.today(), contacts), nil
}

// screeningParts are FD-02's measure's rows, as the page and the API name them.
func screeningParts(m casework.ScreeningTimeliness) []struct {
	Key, Name string
	Counts    casework.ScreeningCounts
} {
	return []struct {
		Key, Name string
		Counts    casework.ScreeningCounts
	}{{"in_hours", "In hours", m.InHours}, {"out_of_hours", "Out of hours", m.OutOfHours}, {"all", "All contacts", m.All}}
}

// screeningTable is FD-02's measure as the page shows it.
func screeningTable(m casework.ScreeningTimeliness) web.Table {
	t := web.Table{Caption: "Screening decisions within 1 working day", FirstCellIsHeader: true, Columns: []web.Column{{Header: "Contacts"},
		{Header: "Received", Numeric: true}, {Header: "Due a decision", Numeric: true}, {Header: "Decided within 1 working day", Numeric: true},
		{Header: "Handed over by the next working day", Numeric: true}}}
	for _, p := range screeningParts(m) {
		handover := "–"
		if p.Counts.HandoversDue > 0 {
			handover = fmt.Sprintf("%s (%d of %d)", percent(p.Counts.HandoverRate()), p.Counts.HandedOverOnTime, p.Counts.HandoversDue)
		}
		t.Rows = append(t.Rows, []web.Cell{{Text: p.Name}, {Text: strconv.Itoa(p.Counts.Contacts)}, {Text: strconv.Itoa(p.Counts.Due)},
			{Text: fmt.Sprintf("%s (%d)", percent(p.Counts.OnTimeRate()), p.Counts.OnTime)}, {Text: handover}})
	}
	return t
}

type thresholdProfilePage struct {
	Page
	Form               web.Form
	Quarter            string
	Previous, Next     string
	Summary            web.Table
	Matrices           []thresholdMatrix
	CSV, GuidanceLabel string
	// Sample is the threshold audit sample (FD-03, SB-03).
	Sample     web.Table
	SampleSize int
	SampleCSV  string
	// Screening is FD-02's measure.
	Screening web.Table
}

type thresholdMatrix struct {
	Agency string
	Table  web.Table
}

func (a *App) thresholdProfilePage(w http.ResponseWriter, r *http.Request) {
	if !access.Decide(a.CurrentUser(r), access.ViewAggregates, nil).Allowed {
		a.Web.Error(w, r, http.StatusForbidden)
		return
	}
	q, errs := a.thresholdQuarter(r)
	p := thresholdProfilePage{Page: a.page(r, ""), Form: web.Form{Values: r.URL.Query(), Errors: errs}}
	if len(errs) > 0 {
		a.Web.Render(w, r, http.StatusUnprocessableEntity, "threshold-profile", p)
		return
	}
	prof, screening, err := a.thresholdProfile(r.Context(), q)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	switch r.URL.Query().Get("format") {
	case "csv":
		writeCSV(w, "threshold-profile-"+q.String()+".csv", thresholdCSV(prof))
		return
	case "audit-sample.csv":
		writeCSV(w, "threshold-audit-sample-"+q.String()+".csv", auditSampleCSV(prof))
		return
	}
	p.Quarter, p.Previous, p.Next = q.Long(), q.Previous().String(), q.Next().String()
	p.CSV = "/reports/threshold-profile?format=csv&quarter=" + q.String()
	p.SampleCSV = "/reports/threshold-profile?format=audit-sample.csv&quarter=" + q.String()
	p.SampleSize, p.Sample = prof.SampleSize, auditSampleTable(prof)
	p.Screening = screeningTable(screening)
	p.Summary = web.Table{Caption: "Contacts by agency", Columns: []web.Column{{Header: "Agency"}, {Header: "Contacts", Numeric: true},
		{Header: "Screened", Numeric: true}, {Header: "Referrer and manager agreed", Numeric: true},
		{Header: "Closed with no further action", Numeric: true}, {Header: "Stepped down to early help", Numeric: true}}, FirstCellIsHeader: true}
	for _, row := range append(prof.Agencies, prof.All) {
		name := agencyName(row.Source)
		p.Summary.Rows = append(p.Summary.Rows, []web.Cell{{Text: name}, {Text: strconv.Itoa(row.Contacts)}, {Text: strconv.Itoa(row.Decided)},
			{Text: percent(row.AgreementRate())}, {Text: percent(row.ClosedNFARate())}, {Text: percent(row.SteppedDownRate())}})
		m := thresholdMatrix{Agency: name, Table: web.Table{Caption: name + ": the referrer’s level against the screening decision", FirstCellIsHeader: true,
			Columns: []web.Column{{Header: "Referrer’s level"}}}}
		for _, l := range prof.Levels {
			m.Table.Columns = append(m.Table.Columns, web.Column{Header: "Decided: " + l.Description, Numeric: true})
		}
		for i, counts := range row.Matrix {
			label := "Not given"
			if i < len(prof.Levels) {
				label = prof.Levels[i].Description
			}
			cells := []web.Cell{{Text: label}}
			for _, n := range counts {
				cells = append(cells, web.Cell{Text: strconv.Itoa(n)})
			}
			m.Table.Rows = append(m.Table.Rows, cells)
		}
		p.Matrices = append(p.Matrices, m)
	}
	a.Web.Render(w, r, http.StatusOK, "threshold-profile", p)
}

// agencyName is a referral source in words; "" is every agency.
func agencyName(source string) string {
	if source == "" {
		return "All agencies"
	}
	return codes.Describe(codes.ReferralSource, source)
}

// percent writes a rate to a whole per cent, or a dash when there is none.
func percent(r float64, ok bool) string {
	if !ok {
		return "–"
	}
	return fmt.Sprintf("%.0f%%", 100*r)
}

// thresholdCSV is the profile as rows: one an agency and level pair.
func thresholdCSV(p casework.ThresholdProfile) [][]string {
	rows := [][]string{{"quarter", "source", "agency", "contacts", "screened", "agreed", "compared", "closed_nfa", "stepped_down", "referrer_level", "decided_level", "count"}}
	for _, row := range append(p.Agencies, p.All) {
		for i, counts := range row.Matrix {
			from := ""
			if i < len(p.Levels) {
				from = p.Levels[i].Value
			}
			for j, n := range counts {
				rows = append(rows, []string{p.Quarter.String(), row.Source, agencyName(row.Source), strconv.Itoa(row.Contacts), strconv.Itoa(row.Decided),
					strconv.Itoa(row.Agreed), strconv.Itoa(row.Compared), strconv.Itoa(row.ClosedNFA), strconv.Itoa(row.SteppedDown), from, p.Levels[j].Value, strconv.Itoa(n)})
			}
		}
	}
	return rows
}

// auditSampleTable is the threshold audit sample as the page shows it: each
// contact links to the child's record, where opening it is logged; the
// page itself names no child.
func auditSampleTable(p casework.ThresholdProfile) web.Table {
	t := web.Table{Caption: "Contacts to audit", Columns: []web.Column{{Header: "Agency"}, {Header: "Contact"}, {Header: "Received"},
		{Header: "Referrer’s level"}, {Header: "Decided level"}, {Header: "Decision"}}}
	for _, row := range p.Agencies {
		for _, c := range row.Sample {
			t.Rows = append(t.Rows, []web.Cell{{Text: agencyName(row.Source)},
				{Text: fmt.Sprintf("Child %d, contact %d", c.PersonID, c.ID), Href: fmt.Sprintf("/children/%d/casework", c.PersonID)},
				{Text: casework.DayOf(c.ContactAt).Long()}, {Text: levelName(p, c.ReferrerThreshold)}, {Text: levelName(p, c.ThresholdDecision)},
				{Text: describe(codes.ContactDecision, c.Decision)}})
		}
	}
	return t
}

// levelName is a threshold level in words, as the guidance describes it.
func levelName(p casework.ThresholdProfile, value string) string {
	if i := slices.IndexFunc(p.Levels, func(l timescales.ThresholdLevel) bool { return l.Value == value }); i >= 0 {
		return p.Levels[i].Description
	}
	return cmp.Or(value, "Not given")
}

// auditSampleCSV is the threshold audit sample as rows, one a contact.
func auditSampleCSV(p casework.ThresholdProfile) [][]string {
	rows := [][]string{{"quarter", "source", "agency", "person_id", "contact_id", "contact_at", "referrer_level", "decided_level", "decision"}}
	for _, row := range p.Agencies {
		for _, c := range row.Sample {
			rows = append(rows, []string{p.Quarter.String(), row.Source, agencyName(row.Source), strconv.FormatInt(c.PersonID, 10),
				strconv.FormatInt(c.ID, 10), c.ContactAt.UTC().Format(time.RFC3339), c.ReferrerThreshold, c.ThresholdDecision, c.Decision})
		}
	}
	return rows
}

// putRates puts each rate in m under its name, null when there is nothing
// to divide by.
func putRates(m map[string]any, rates map[string]func() (float64, bool)) {
	for name, rate := range rates {
		if v, ok := rate(); ok {
			m[name] = v
		} else {
			m[name] = nil
		}
	}
}

func (a *App) thresholdProfileAPI(w http.ResponseWriter, r *http.Request) {
	if !access.Decide(a.CurrentUser(r), access.ViewAggregates, nil).Allowed {
		web.WriteProblem(w, r, http.StatusForbidden, "", "Your role cannot see counts and measures.", nil)
		return
	}
	q, errs := a.thresholdQuarter(r)
	if len(errs) > 0 {
		web.WriteValidationProblem(w, r, errs)
		return
	}
	prof, screening, err := a.thresholdProfile(r.Context(), q)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	timeliness := map[string]any{}
	for _, p := range screeningParts(screening) {
		m := map[string]any{"contacts": p.Counts.Contacts, "due": p.Counts.Due, "on_time": p.Counts.OnTime,
			"handovers_due": p.Counts.HandoversDue, "handed_over_on_time": p.Counts.HandedOverOnTime}
		putRates(m, map[string]func() (float64, bool){"on_time_rate": p.Counts.OnTimeRate, "handover_rate": p.Counts.HandoverRate})
		timeliness[p.Key] = m
	}
	agencies, sample := []map[string]any{}, []map[string]any{}
	for _, row := range prof.Agencies {
		for _, c := range row.Sample {
			sample = append(sample, map[string]any{"source": row.Source, "person_id": c.PersonID, "contact_id": c.ID,
				"href": recordPath(c.PersonID, &c), "contact_at": c.ContactAt, "referrer_threshold": c.ReferrerThreshold,
				"threshold_decision": c.ThresholdDecision, "decision": c.Decision})
		}
	}
	for _, row := range append(prof.Agencies, prof.All) {
		m := map[string]any{"source": row.Source, "agency": agencyName(row.Source), "contacts": row.Contacts, "screened": row.Decided,
			"agreed": row.Agreed, "compared": row.Compared, "closed_nfa": row.ClosedNFA, "stepped_down": row.SteppedDown, "matrix": row.Matrix}
		putRates(m, map[string]func() (float64, bool){"agreement_rate": row.AgreementRate, "closed_nfa_rate": row.ClosedNFARate, "stepped_down_rate": row.SteppedDownRate})
		agencies = append(agencies, m)
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"quarter": q.String(), "from": q.Start, "to": q.End(), "levels": prof.Levels, "agencies": agencies,
		"audit_sample": map[string]any{"per_agency": prof.SampleSize, "contacts": sample}, "screening": timeliness})
}
