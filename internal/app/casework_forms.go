package app

import (
	"cmp"
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
	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/codes"
	"github.com/waymark-care/waymark/internal/domain"
	"github.com/waymark-care/waymark/internal/storage"
	"github.com/waymark-care/waymark/internal/web"
)

// This file serves the forms for the main steps of a case (docs/casework.md):
// each is a list of questions about one record, posted as a GOV.UK form,
// checked exactly as the API checks it, and shown again with the user's
// answers and an error summary when something is wrong.

func init() { feature((*App).mountCaseworkForms) }

func (a *App) mountCaseworkForms() error {
	a.Private("GET /children/{id}/casework", a.caseworkHub)
	a.Private("GET /children/{id}/casework/{form}", a.caseworkFormPage)
	a.Private("POST /children/{id}/casework/{form}", a.caseworkFormPost)
	a.Private("GET /children/{id}/casework/{form}/{rid}", a.caseworkFormPage)
	a.Private("POST /children/{id}/casework/{form}/{rid}", a.caseworkFormPost)
	a.Private("GET /children/{id}/plans/{rid}/print", a.printPlan)
	return nil
}

// question is one question of a form: the record's field it answers.
type question struct {
	Name, Label, Hint string
	Type              questionType
	// List is the code list of a choice, or the kind of record a record
	// question picks; Only limits the codes offered.
	List string
	Only []string
	// Missing is what to say when a question the record needs is not
	// answered, in place of the record's own words.
	Missing string
}

type questionType int

const (
	text       questionType = iota
	longText                // a textarea
	date                    // day, month and year
	dateTime                // a date and a 24-hour time, in England
	yesNo                   // a yes or no answer, or none
	oneOf                   // radios from a code list
	codeSelect              // a select from a code list
	someOf                  // checkboxes from a code list
	staff                   // a professional
	team                    // a team
	record                  // one of the child's records of a kind
)

// caseworkForm is a form for one step: a new record of its kind, or (Edit)
// a change to one, such as completing an assessment.
type caseworkForm struct {
	Slug, Title, Kind string
	Edit              bool
	// Button is the submit button's words.
	Button    string
	Questions []question
}

var caseworkForms = []caseworkForm{
	{"contact", "Record a contact", "contact", false, "Save the contact", []question{
		{"contact_at", "When was the contact received?", "For example, 27 3 2025, and a 24-hour time such as 14:30", dateTime, "", nil, "Enter when the contact was received"},
		{"source", "Who made the contact?", "", codeSelect, codes.ReferralSource, nil, "Select who made the contact"},
		{"domestic_abuse_notification", "Is it a police domestic abuse notification?", "", yesNo, "", nil, ""},
		{"sufficient_information", "For a notification: did it have enough information to assess the risk?", "", yesNo, "", nil, ""},
		{"early_help_assessment", "Did an early help assessment come with it?", "", yesNo, "", nil, ""},
		{"presenting_concerns", "What are the concerns?", "", longText, "", nil, ""},
		{"agency_checks", "Agency checks", "What other agencies know about the child and family", longText, "", nil, ""},
		{"decision", "Decision", "Leave blank until the contact is screened", oneOf, codes.ContactDecision, nil, ""},
		{"decision_at", "When was the decision made?", "Within 1 working day of the contact", dateTime, "", nil, ""},
		{"decided_by_id", "Who made the decision?", "", staff, "", nil, ""},
		{"team_id", "Team", "", team, "", nil, ""},
	}},
	{"referral", "Record a referral", "referral", false, "Save the referral", []question{
		{"contact_id", "Contact", "The contact that led to the referral", record, "contact", nil, ""},
		{"referral_date", "Referral date", "For example, 27 3 2025", date, "", nil, "Enter the referral date"},
		{"source", "Source", "", codeSelect, codes.ReferralSource, nil, "Select the source of the referral"},
		{"primary_need", "Primary need", "", codeSelect, codes.PrimaryNeed, nil, ""},
		{"team_id", "Team", "", team, "", nil, ""},
		{"professional_id", "Worker", "", staff, "", nil, ""},
	}},
	{"assessment", "Start an assessment", "assessment", false, "Start the assessment", []question{
		{"referral_id", "Referral", "", record, "referral", nil, "Select the referral the assessment is for"},
		{"start_date", "Start date", "For example, 27 3 2025", date, "", nil, "Enter the date the assessment started"},
		{"team_id", "Team", "", team, "", nil, ""},
		{"professional_id", "Social worker", "", staff, "", nil, ""},
	}},
	{"assessment-complete", "Complete the assessment", "assessment", true, "Complete the assessment", []question{
		{"child_seen_date", "When was the child seen?", "Leave blank if the child was not seen, and say why below", date, "", nil, ""},
		{"seen_alone", "Was the child seen alone?", "", yesNo, "", nil, ""},
		{"not_seen_reason", "If the child was not seen, why not?", "For example, unborn, or whereabouts unknown", text, "", nil, ""},
		{"factors", "Factors identified", "", someOf, codes.AssessmentFactor, nil, ""},
		{"analysis", "Analysis of needs and risks", "", longText, "", nil, ""},
		{"outcomes", "Outcome", "", someOf, codes.AssessmentOutcome, nil, ""},
		{"completed_date", "Date completed", "For example, 27 3 2025", date, "", nil, ""},
		{"late_reason", "If it took more than 45 working days, why?", "", longText, "", nil, ""},
		{"household_reason", "If other children in the household were not assessed, why not?", "", longText, "", nil, ""},
	}},
	{"strategy-discussion", "Record a strategy discussion", "strategy_discussion", false, "Save the strategy discussion", []question{
		{"referral_id", "Referral", "", record, "referral", nil, "Select the referral the discussion is about"},
		{"concern_date", "When was the concern of significant harm recorded?", "For example, 27 3 2025", date, "", nil, ""},
		{"held_at", "When was the discussion held?", "For example, 27 3 2025, and a 24-hour time such as 14:30", dateTime, "", nil, "Enter when the discussion was held"},
		{"face_to_face", "Was it a meeting in person?", "", yesNo, "", nil, ""},
		{"agencies", "Which agencies took part?", "Police, health and children’s social care must take part", someOf, codes.Agency, nil, ""},
		{"missing_agency_reason", "If police, health or children’s social care did not take part, why not?", "", longText, "", nil, ""},
		{"information_shared", "What information did each agency share?", "", longText, "", nil, ""},
		{"start_section47", "Was a section 47 enquiry started?", "", yesNo, "", nil, ""},
		{"decision", "What was decided?", "", longText, "", nil, ""},
	}},
	{"section47-outcome", "Record the outcome of the section 47 enquiry", "section47_enquiry", true, "Save the outcome", []question{
		{"end_date", "When did the enquiry end?", "For example, 27 3 2025", date, "", nil, ""},
		{"outcome", "Outcome", "", oneOf, codes.S47Outcome, nil, ""},
	}},
	{"visit", "Record a visit", "visit", false, "Save the visit", []question{
		{"visit_type", "Type of visit", "", oneOf, codes.VisitType, []string{"cp", "cin"}, "Select the type of visit"},
		{"visit_date", "Date of the visit", "For example, 27 3 2025", date, "", nil, "Enter the date of the visit"},
		{"seen", "Was the child seen?", "", yesNo, "", nil, ""},
		{"seen_alone", "Was the child seen alone?", "", yesNo, "", nil, ""},
		{"bedroom_seen", "Was the child’s bedroom seen?", "", yesNo, "", nil, ""},
		{"notes", "Notes, in the child’s words where you can", "", longText, "", nil, ""},
		{"professional_id", "Who visited?", "", staff, "", nil, ""},
	}},
	{"closure", "Close the case", "referral", true, "Close the case", []question{
		{"close_date", "Date the case closed", "For example, 27 3 2025", date, "", nil, ""},
		{"close_reason", "Reason for closure", "", oneOf, codes.ReasonForClosure, nil, ""},
		{"closure_summary", "Closure summary, with the analysis of risk", "", longText, "", nil, ""},
		{"closure_not_seen_reason", "If the child was not seen in the 10 working days before closure, why not?", "", longText, "", nil, ""},
	}},
}

func formNamed(slug string) *caseworkForm {
	for i := range caseworkForms {
		if caseworkForms[i].Slug == slug {
			return &caseworkForms[i]
		}
	}
	return nil
}

// control is a question ready for a partial: which partial, and its Field.
type control struct {
	Partial string // textInput, textarea, dateInput, radios, select, checkboxes
	Field   web.Field
	Time    *web.Field // the time of a date and time
}

type caseworkFormPage struct {
	Page
	Child    string
	ChildID  int64
	Form     web.Form
	Spec     *caseworkForm
	Action   string
	Controls []control
	Version  int
	// Blockers are the closure's open items, each with an id for the error
	// summary's links.
	Blockers []blocker
}

type blocker struct {
	ID, Message string
}

// formRequest is a form's child, spec and, for an edit, the record.
type formRequest struct {
	c      *childRequest
	cr     *domain.ChildRecord
	spec   *caseworkForm
	before domain.Record
	name   string
}

// caseworkFormRequest reads what a form needs, answering the request itself
// when it cannot.
func (a *App) caseworkFormRequest(w http.ResponseWriter, r *http.Request) (*formRequest, bool) {
	spec := formNamed(r.PathValue("form"))
	_, hasRecord := recordID(r)
	if spec == nil || spec.Edit != hasRecord && r.PathValue("rid") != "" || spec.Edit && r.PathValue("rid") == "" {
		a.Web.Error(w, r, http.StatusNotFound)
		return nil, false
	}
	c, ok := a.decideChild(w, r, access.AddCaseNote)
	if !ok {
		return nil, false
	}
	cr, err := a.DB.ChildRecord(r.Context(), c.personID)
	if err != nil {
		a.serverError(w, r, err)
		return nil, false
	}
	fr := &formRequest{c: c, cr: cr, spec: spec, name: cr.Person.Name()}
	if spec.Edit {
		k, _ := domain.KindNamed(spec.Kind)
		if fr.before = findRecord(w, r, a, cr, k); fr.before == nil {
			return nil, false
		}
	}
	return fr, true
}

func (a *App) caseworkFormPage(w http.ResponseWriter, r *http.Request) {
	fr, ok := a.caseworkFormRequest(w, r)
	if !ok {
		return
	}
	var values url.Values
	if fr.before != nil {
		values = formValues(fr.before, fr.spec.Questions)
	}
	a.renderCaseworkForm(w, r, http.StatusOK, fr, web.Form{Values: values})
}

func (a *App) renderCaseworkForm(w http.ResponseWriter, r *http.Request, status int, fr *formRequest, form web.Form) {
	p := caseworkFormPage{Page: a.page(r, ""), Child: fr.name, ChildID: fr.c.personID, Form: form, Spec: fr.spec, Action: r.URL.Path}
	if fr.before != nil {
		p.Version = fr.before.Base().Version
		if v := form.Values.Get("version"); v != "" {
			p.Version, _ = strconv.Atoi(v)
		}
	}
	teams, profs, err := a.DB.Workforce(r.Context())
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	for _, q := range fr.spec.Questions {
		p.Controls = append(p.Controls, controlOf(q, form, fr.cr, teams, profs))
	}
	seen := map[string]bool{}
	for _, e := range form.Errors {
		if !slices.ContainsFunc(fr.spec.Questions, func(q question) bool { return q.Name == e.Field }) {
			b := blocker{Message: e.Message}
			if !seen[e.Field] {
				b.ID, seen[e.Field] = e.Field, true
			}
			p.Blockers = append(p.Blockers, b)
		}
	}
	a.Web.Render(w, r, status, "casework/form", p)
}

// controlOf builds a question's control, with the user's answer and error.
func controlOf(q question, form web.Form, cr *domain.ChildRecord, teams []domain.Team, profs []domain.Professional) control {
	f := form.Field(q.Name, q.Label)
	f.Hint = q.Hint
	switch q.Type {
	case longText:
		return control{Partial: "textarea", Field: f}
	case date:
		f = form.Date(q.Name, q.Label)
		f.Hint = q.Hint
		return control{Partial: "dateInput", Field: f}
	case dateTime:
		f = form.Date(q.Name, q.Label)
		f.Hint = q.Hint
		t := form.Field(q.Name+"-time", "Time")
		t.Class = "govuk-input--width-5"
		return control{Partial: "dateInput", Field: f, Time: &t}
	case yesNo:
		f.Options = []web.Option{{Value: "yes", Text: "Yes"}, {Value: "no", Text: "No"}}
		f.Class = "govuk-radios--inline"
		return control{Partial: "radios", Field: f}
	case oneOf, someOf, codeSelect:
		list, _ := codes.Lookup(q.List)
		var opts []web.Option
		if q.Type == codeSelect {
			opts = append(opts, web.Option{Value: "", Text: "Choose"})
		}
		for _, c := range list.Codes {
			if q.Only == nil || slices.Contains(q.Only, c.Value) {
				text := c.Description
				if q.Type != oneOf {
					text = c.Value + ": " + c.Description
				}
				opts = append(opts, web.Option{Value: c.Value, Text: text})
			}
		}
		f.Options = opts
		return control{Partial: map[questionType]string{oneOf: "radios", someOf: "checkboxes", codeSelect: "select"}[q.Type], Field: f}
	case staff:
		f.Options = []web.Option{{Value: "", Text: "Choose"}}
		for _, p := range profs {
			if p.LeftDate.IsZero() {
				f.Options = append(f.Options, web.Option{Value: strconv.FormatInt(p.ID, 10), Text: p.Name})
			}
		}
		return control{Partial: "select", Field: f}
	case team:
		f.Options = []web.Option{{Value: "", Text: "Choose"}}
		for _, t := range teams {
			f.Options = append(f.Options, web.Option{Value: strconv.FormatInt(t.ID, 10), Text: t.Name})
		}
		return control{Partial: "select", Field: f}
	case record:
		f.Options = []web.Option{{Value: "", Text: "Choose"}}
		for _, rec := range slices.Backward(recordsOf(cr, q.List)) {
			f.Options = append(f.Options, web.Option{Value: strconv.FormatInt(rec.Base().ID, 10), Text: recordLabel(rec)})
		}
		return control{Partial: "select", Field: f}
	}
	return control{Partial: "textInput", Field: f}
}

// recordLabel names one of the child's records in a choice.
func recordLabel(rec domain.Record) string {
	switch v := rec.(type) {
	case *domain.Contact:
		return "Contact received " + casework.DayOf(v.ContactAt).Long()
	case *domain.Referral:
		s := "Referral of " + v.ReferralDate.Long()
		if !v.CloseDate.IsZero() {
			s += ", closed " + v.CloseDate.Long()
		}
		return s
	}
	return domain.KindOf(rec).Title + " " + strconv.FormatInt(rec.Base().ID, 10)
}

// formValues are a record's answers to a form's questions, for editing it.
func formValues(rec domain.Record, qs []question) url.Values {
	b, _ := json.Marshal(rec)
	var m map[string]any
	json.Unmarshal(b, &m)
	v := url.Values{}
	for _, q := range qs {
		val := m[q.Name]
		switch q.Type {
		case date:
			if d, err := civil.Parse(fmt.Sprint(val)); err == nil && !d.IsZero() {
				y, mo, day := d.Date()
				v.Set(q.Name+"-day", strconv.Itoa(day))
				v.Set(q.Name+"-month", strconv.Itoa(int(mo)))
				v.Set(q.Name+"-year", strconv.Itoa(y))
			}
		case dateTime:
			if t, err := time.Parse(time.RFC3339, fmt.Sprint(val)); err == nil && !t.IsZero() && t.Year() > 1 {
				t = t.In(london)
				v.Set(q.Name+"-day", strconv.Itoa(t.Day()))
				v.Set(q.Name+"-month", strconv.Itoa(int(t.Month())))
				v.Set(q.Name+"-year", strconv.Itoa(t.Year()))
				v.Set(q.Name+"-time", t.Format("15:04"))
			}
		case yesNo:
			switch val {
			case true:
				v.Set(q.Name, "yes")
			case false:
				v.Set(q.Name, "no")
			}
		case someOf:
			for _, c := range asList(val) {
				v.Add(q.Name, fmt.Sprint(c))
			}
		case staff, team, record:
			if n, ok := val.(float64); ok && n != 0 {
				v.Set(q.Name, strconv.FormatInt(int64(n), 10))
			}
		default:
			if val != nil {
				v.Set(q.Name, fmt.Sprint(val))
			}
		}
	}
	return v
}

func asList(v any) []any {
	l, _ := v.([]any)
	return l
}

// answers turns a posted form into the record's fields, as the API takes
// them, with the errors of answers that cannot be read (a date that does
// not exist, a time that is not one).
func answers(f url.Values, qs []question) (map[string]json.RawMessage, web.FieldErrors) {
	body := map[string]json.RawMessage{}
	var errs web.FieldErrors
	set := func(name string, v any) {
		b, _ := json.Marshal(v)
		body[name] = b
	}
	for _, q := range qs {
		value := strings.TrimSpace(f.Get(q.Name))
		switch q.Type {
		case date:
			d, present, msg := dateParts(f, q.Name)
			if msg != "" {
				errs.Add(q.Name, msg)
				continue
			}
			if present {
				set(q.Name, d)
			} else {
				set(q.Name, nil)
			}
		case dateTime:
			d, present, msg := dateParts(f, q.Name)
			clock := strings.TrimSpace(f.Get(q.Name + "-time"))
			switch {
			case msg != "":
				errs.Add(q.Name, msg)
			case !present && clock == "":
				set(q.Name, nil)
			case !present:
				errs.Add(q.Name, "Enter the date as well as the time")
			default:
				hm, err := time.Parse("15:04", cmp.Or(clock, "00:00"))
				if err != nil {
					errs.Add(q.Name+"-time", "Time must be a 24-hour time, like 14:30")
					continue
				}
				y, m, day := d.Date()
				set(q.Name, time.Date(y, m, day, hm.Hour(), hm.Minute(), 0, 0, london))
			}
		case yesNo:
			switch value {
			case "yes":
				set(q.Name, true)
			case "no":
				set(q.Name, false)
			default:
				set(q.Name, nil)
			}
		case someOf:
			set(q.Name, orEmpty(f[q.Name]))
		case staff, team, record:
			n, _ := strconv.ParseInt(value, 10, 64)
			set(q.Name, n)
		default:
			set(q.Name, value)
		}
	}
	return body, errs
}

// dateParts reads a date input's day, month and year.
func dateParts(f url.Values, name string) (civil.Date, bool, string) {
	parts := []string{strings.TrimSpace(f.Get(name + "-day")), strings.TrimSpace(f.Get(name + "-month")), strings.TrimSpace(f.Get(name + "-year"))}
	if parts[0] == "" && parts[1] == "" && parts[2] == "" {
		return civil.Date{}, false, ""
	}
	d, err1 := strconv.Atoi(parts[0])
	m, err2 := strconv.Atoi(parts[1])
	y, err3 := strconv.Atoi(parts[2])
	if err1 != nil || err2 != nil || err3 != nil || y < 1900 || m < 1 || m > 12 || d < 1 || d > civil.DaysIn(y, time.Month(m)) {
		return civil.Date{}, false, "Enter a real date, like 27 3 2025"
	}
	return civil.Of(y, time.Month(m), d), true, ""
}

func (a *App) caseworkFormPost(w http.ResponseWriter, r *http.Request) {
	fr, ok := a.caseworkFormRequest(w, r)
	if !ok {
		return
	}
	body, errs := answers(r.PostForm, fr.spec.Questions)
	k, _ := domain.KindNamed(fr.spec.Kind)
	rec := k.New()
	if fr.before != nil {
		reflect.ValueOf(rec).Elem().Set(reflect.ValueOf(fr.before).Elem())
		body["version"] = json.RawMessage(cmp.Or(r.PostForm.Get("version"), "0"))
	}
	for _, e := range decodeRecord(body, rec, fr.before != nil) {
		if errs.Get(e.Field) == "" {
			errs.Add(e.Field, e.Message)
		}
	}
	var err error
	if len(errs) == 0 {
		if fr.before == nil {
			*rec.Base() = domain.Entity{}
		} else {
			version := rec.Base().Version
			*rec.Base() = *fr.before.Base()
			rec.Base().Version = version
		}
		rec, errs, err = a.checkAndSave(r, fr.c, rec, fr.before)
	}
	if conflict, ok := errors.AsType[*storage.ConflictError](err); ok {
		errs = web.FieldErrors{{Field: "version", Message: conflict.Error()}}
	} else if err != nil {
		a.serverError(w, r, err)
		return
	}
	if len(errs) > 0 {
		for i, e := range errs {
			if q := slices.IndexFunc(fr.spec.Questions, func(q question) bool { return q.Name == e.Field }); q >= 0 && fr.spec.Questions[q].Missing != "" &&
				strings.HasPrefix(e.Message, "enter the ") { // the record's own "required" words
				errs[i].Message = fr.spec.Questions[q].Missing
			}
		}
		a.renderCaseworkForm(w, r, http.StatusUnprocessableEntity, fr, web.Form{Values: r.PostForm, Errors: inFormOrder(errs, fr.spec.Questions)})
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/children/%d/casework?saved=%s", fr.c.personID, url.QueryEscape(domain.KindOf(rec).Title)), http.StatusSeeOther)
}

// inFormOrder orders errors as the questions are, as the error summary
// must; errors about anything else (what blocks a closure) come after.
func inFormOrder(errs web.FieldErrors, qs []question) web.FieldErrors {
	rank := func(field string) int {
		field = strings.TrimSuffix(field, "-time")
		if i := slices.IndexFunc(qs, func(q question) bool { return q.Name == field }); i >= 0 {
			return i
		}
		return len(qs)
	}
	out := slices.Clone(errs)
	slices.SortStableFunc(out, func(a, b web.FieldError) int { return cmp.Compare(rank(a.Field), rank(b.Field)) })
	return out
}

// caseworkHubPage is a child's casework: what has been recorded, and the
// forms for the next steps.
type caseworkHubPage struct {
	Page
	Child   string
	ChildID int64
	Saved   string
	Steps   []NavItem
	Records []hubRecord
}

type hubRecord struct {
	What, When, Status string
	Actions            []NavItem
}

func (a *App) caseworkHub(w http.ResponseWriter, r *http.Request) {
	c, ok := a.decideChild(w, r, access.ViewRecord)
	if !ok {
		return
	}
	cr, rules, ok := a.caseworkRecord(w, r, c)
	if !ok {
		return
	}
	if err := a.logView(r, c, audit.Viewed, "casework"); err != nil {
		a.serverError(w, r, err)
		return
	}
	p := caseworkHubPage{Page: a.page(r, ""), Child: cr.Person.Name(), ChildID: c.personID, Saved: r.URL.Query().Get("saved")}
	base := fmt.Sprintf("/children/%d/casework/", c.personID)
	write := access.Decide(c.user, access.AddCaseNote, c.facts).Allowed
	if write {
		for _, f := range caseworkForms {
			if !f.Edit {
				p.Steps = append(p.Steps, NavItem{Text: f.Title, Href: base + f.Slug})
			}
		}
	}
	edit := func(slug string, id int64) []NavItem {
		if !write {
			return nil
		}
		f := formNamed(slug)
		return []NavItem{{Text: f.Title, Href: fmt.Sprintf("%s%s/%d", base, slug, id)}}
	}
	for i := range cr.Referrals {
		ref := &cr.Referrals[i]
		h := hubRecord{What: "Referral", When: ref.ReferralDate.Long(), Status: "Open"}
		if casework.PreviousReferral(cr, ref) != nil {
			h.What = "Re-referral"
		}
		if !ref.CloseDate.IsZero() {
			h.Status = "Closed " + ref.CloseDate.Long()
		} else {
			h.Actions = edit("closure", ref.ID)
		}
		p.Records = append(p.Records, h)
	}
	for i := range cr.Assessments {
		as := &cr.Assessments[i]
		h := hubRecord{What: "Assessment", When: as.StartDate.Long(), Status: "Due " + rules.AssessmentDue(as).Long()}
		switch {
		case !as.AuthorisedDate.IsZero():
			h.Status = "Authorised " + as.AuthorisedDate.Long()
		case !as.CompletedDate.IsZero():
			h.Status = "Completed " + as.CompletedDate.Long() + ", waiting for a manager"
		}
		if as.AuthorisedDate.IsZero() {
			h.Actions = edit("assessment-complete", as.ID)
		}
		p.Records = append(p.Records, h)
	}
	for i := range cr.Section47Enquiries {
		e := &cr.Section47Enquiries[i]
		h := hubRecord{What: "Section 47 enquiry", When: e.StartDate.Long(), Status: "No outcome yet"}
		if due, ok := rules.ICPCTarget(cr, e); ok && e.Outcome == "" {
			h.Status += "; initial conference due " + due.Long()
		}
		if e.Outcome != "" {
			h.Status = describe(codes.S47Outcome, e.Outcome)
		}
		h.Actions = edit("section47-outcome", e.ID)
		p.Records = append(p.Records, h)
	}
	for i := range cr.Plans {
		pl := &cr.Plans[i]
		if pl.Type != "cin" && pl.Type != "cp" {
			continue
		}
		h := hubRecord{What: describe(codes.PlanType, pl.Type), When: pl.StartDate.Long(), Status: "Draft"}
		if !pl.AuthorisedDate.IsZero() {
			h.Status = "Authorised " + pl.AuthorisedDate.Long()
		}
		if !pl.EndDate.IsZero() {
			h.Status = "Ended " + pl.EndDate.Long()
		}
		h.Actions = []NavItem{{Text: "Print the plan for the family", Href: fmt.Sprintf("/children/%d/plans/%d/print", c.personID, pl.ID)}}
		p.Records = append(p.Records, h)
	}
	a.Web.Render(w, r, http.StatusOK, "casework/hub", p)
}

// printPlanPage is a written plan in plain language, for the child's
// parents and the young person (AC-12).
type printPlanPage struct {
	Page
	Child, Title, Start, End, Summary, Words, Status string
	Actions                                          []planActionView
}

type planActionView struct {
	What, Who, When, How, Status string
}

func (a *App) printPlan(w http.ResponseWriter, r *http.Request) {
	c, ok := a.decideChild(w, r, access.ExportRecord)
	if !ok {
		return
	}
	cr, err := a.DB.ChildRecord(r.Context(), c.personID)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	filterRecord(cr, c.decision)
	k, _ := domain.KindNamed("plan")
	rec := findRecord(w, r, a, cr, k)
	if rec == nil {
		return
	}
	if err := a.logView(r, c, audit.Printed, "plan for the family"); err != nil {
		a.serverError(w, r, err)
		return
	}
	pl := rec.(*domain.Plan)
	p := printPlanPage{Page: a.page(r, ""), Child: cr.Person.Name(), Title: describe(codes.PlanType, pl.Type) + " for " + cr.Person.Forename,
		Start: longDate(pl.StartDate), End: longDate(pl.EndDate), Summary: pl.Summary, Words: pl.ChildsWords, Status: "Draft: not yet agreed by a manager"}
	if !pl.AuthorisedDate.IsZero() {
		p.Status = "Agreed on " + longDate(pl.AuthorisedDate)
	}
	for _, act := range casework.ActionsOf(cr, pl) {
		p.Actions = append(p.Actions, planActionView{What: act.What, Who: act.Who, When: longDate(act.ByWhen), How: act.HowWeWillKnow,
			Status: describe(codes.ActionStatus, act.Status)})
	}
	a.Web.Render(w, r, http.StatusOK, "casework/plan-print", p)
}
