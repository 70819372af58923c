package app

import (
	"cmp"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/waymark-care/waymark/internal/access"
	"github.com/waymark-care/waymark/internal/audit"
	"github.com/waymark-care/waymark/internal/casework"
	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/codes"
	"github.com/waymark-care/waymark/internal/domain"
	"github.com/waymark-care/waymark/internal/timescales"
	"github.com/waymark-care/waymark/internal/web"
	"github.com/waymark-care/waymark/internal/worklist"
)

// This file serves oversight (docs/casework.md, "Oversight"): a child's
// oversight page and its forms, workers' training, and the measures. The
// records themselves go through the casework API and forms like every
// other step; the drift lists are casework's.

func init() {
	// The casework forms that record oversight on a child's file, through
	// the casework form pages (casework_forms.go).
	caseworkForms = append(caseworkForms, oversightForms...)
	feature((*App).mountOversight)
}

var oversightForms = []caseworkForm{
	{Slug: "harm-concern", Title: "Mark a concern of significant harm", Kind: "harm_concern", Button: "Save the concern", Questions: []question{
		{"contact_id", "Contact", "The contact the concern is about", record, "contact", nil, ""},
		{"referral_id", "Or the referral", "", record, "referral", nil, ""},
		{"visit_id", "Or the visit", "Harm found on a visit to a child already known", record, "visit", nil, ""},
		{"case_note_id", "Or the case note", "Harm heard of in a call or meeting noted on the file", record, "case_note", nil, ""},
		{"level", "What is the concern?", "A strategy discussion is due the same working day for immediate risk, otherwise the next", oneOf, codes.HarmConcernLevel, nil, "Select reasonable cause or immediate risk"},
		{"raised_at", "When was it raised?", "For example, 27 3 2025, and a 24-hour time such as 14:30", dateTime, "", nil, "Enter when the concern was raised"},
		{"concern", "What is the harm suspected?", "", longText, "", nil, "Say what harm is suspected"},
		{"raised_by_id", "Who raised it?", "", staff, "", nil, ""},
	}},
	{Slug: "chair-escalation", Title: "Record a conference chair’s escalation", EditTitle: "Record the response to the escalation", Kind: "chair_escalation", Button: "Save the escalation", Questions: []question{
		{"conference_id", "Conference", "", record, "conference", nil, ""},
		{"escalation_date", "Date escalated", "For example, 27 3 2025", date, "", nil, "Enter the date of the escalation"},
		{"issue_type", "Issue", "", oneOf, codes.EscalationIssue, nil, "Select the issue escalated"},
		{"issue", "What was escalated?", "", longText, "", nil, "Say what was escalated"},
		{"escalated_to", "Escalated to", "A person or a role, in any agency", text, "", nil, "Say who it was escalated to"},
		{"escalated_to_id", "If a member of staff, who", "", staff, "", nil, ""},
		{"response_due", "Response due", "For example, 27 3 2025", date, "", nil, "Enter when a response is due"},
		{"response", "Response", "", longText, "", nil, ""},
		{"resolved_date", "Date resolved", "", date, "", nil, ""},
		{"chair_id", "Chair", "", staff, "", nil, ""},
	}},
	// AC-15: each parent's language, and when they had the report.
	{Slug: "conference-parent", Title: "Record a parent’s part in a conference", EditTitle: "Change the parent’s part in the conference", Kind: "conference_parent", Button: "Save", Questions: []question{
		{"conference_id", "Conference", "", record, "conference", nil, "Select the conference"},
		{"parent_id", "Parent or carer", "", relative, "", nil, "Select the parent or carer"},
		{"preferred_language", "What language does the parent want reports and meetings in?", "For example, English, Polish, British Sign Language. Left blank, it is the first language on the parent’s record", text, "", nil, "Enter the language the parent prefers"},
		{"interpreter_needed", "Does the parent need an interpreter?", "Left blank, it is taken from the parent’s record", yesNo, "", nil, ""},
		{"communication_needs", "Literacy or communication needs", "For example, reads little: go through the report with her", longText, "", nil, ""},
		{"report_shared_date", "When was the conference report shared with the parent?", "2 working days before an initial conference, 5 before a review (the authority’s conference.parent_share_wd)", date, "", nil, ""},
		{"translated_summary_date", "When was a translated summary given?", "For a language other than English: a translated summary or an interpreter before the conference", date, "", nil, ""},
		{"interpreter_booked_date", "When was an interpreter booked?", "", date, "", nil, ""},
		{"attended", "Did the parent attend?", "", yesNo, "", nil, ""},
	}},
	{Slug: "core-group-action", Title: "Record a plan action at a core group", EditTitle: "Record the agency’s update", Kind: "core_group_action", Button: "Save", Questions: []question{
		{"core_group_id", "Core group", "", record, "core_group", nil, "Select the core group"},
		{"plan_action_id", "Plan action", "", record, "plan_action", nil, "Select the action of the plan"},
		{"status", "Where does it stand?", "", oneOf, codes.ActionStatus, nil, "Select where the action stands"},
		{"agency", "Agency asked for an update", "", codeSelect, codes.Agency, nil, ""},
		{"update_requested_date", "Update asked for on", "", date, "", nil, ""},
		{"update_received_date", "Update received on", "", date, "", nil, ""},
		{"agency_update", "The agency’s update", "", longText, "", nil, ""},
	}},
}

// voiceForm records the child's voice as part of a record named in the
// path; driftReviewForm a service manager's drift review.
var (
	voiceForm = caseworkForm{Slug: "childs-voice", Title: "Record the child’s voice", Kind: "childs_voice", Button: "Save the child’s voice", Questions: []question{
		{"method", "How was the child heard?", "For a baby or a child too young to talk, what was observed", oneOf, codes.VoiceMethod, nil, "Select how the child was heard"},
		{"tool", "For a tool, which", "For example, Three Houses", text, "", nil, ""},
		{"heard_date", "When?", "For example, 27 3 2025", date, "", nil, "Enter when the child was heard"},
		{"by_id", "By whom?", "", staff, "", nil, "Select who heard the child"},
		{"content", "What the child said, or what was seen", "In the child’s own words where you can", longText, "", nil, "Enter what the child said or showed"},
	}}
	driftReviewForm = caseworkForm{Slug: "drift-review", Title: "Record a drift review", Kind: "management_decision", Button: "Save the review", Questions: []question{
		{"decision_date", "Date of the review", "For example, 27 3 2025", date, "", nil, "Enter the date of the review"},
		{"decision", "Decision", "", longText, "", nil, "Enter the decision"},
		{"rationale", "Why", "", longText, "", nil, "Enter the reasons for the decision"},
		{"review_date", "Review again by", "", date, "", nil, ""},
	}}
)

func (a *App) mountOversight() error {
	a.Private("GET /children/{id}/oversight", a.childOversightPage)
	a.Private("GET /children/{id}/oversight/voice/{kind}/{rid}", a.fixedFormPage(&voiceForm))
	a.Private("POST /children/{id}/oversight/voice/{kind}/{rid}", a.fixedFormPost(&voiceForm))
	a.Private("GET /children/{id}/oversight/drift-review", a.fixedFormPage(&driftReviewForm))
	a.Private("POST /children/{id}/oversight/drift-review", a.fixedFormPost(&driftReviewForm))
	a.Private("GET /training", a.trainingPage)
	a.Private("POST /training", a.trainingPost)
	a.Private("GET /oversight", a.oversightMeasuresPage)
	a.Private("GET /api/v1/training-records", a.trainingAPI)
	a.Private("POST /api/v1/training-records", a.trainingCreateAPI)
	a.Private("GET /api/v1/oversight/measures", a.oversightMeasuresAPI)
	return nil
}

// fixedForm is a form whose record takes facts from the path, not the
// user: the record a voice section is part of, that a manager's decision
// is a drift review, or the chronology's event marked as key. ok is false if the path names nothing of the
// child's.
func fixed(r *http.Request, cr *domain.ChildRecord, rec domain.Record) bool {
	switch v := rec.(type) {
	case *domain.ChildsVoice:
		id, ok := recordID(r)
		kind := r.PathValue("kind")
		list, _ := codes.Lookup(codes.VoiceRecordKind)
		if !ok || !list.Valid(kind) || !slices.ContainsFunc(recordsOf(cr, kind), func(x domain.Record) bool { return x.Base().ID == id }) {
			return false
		}
		v.RecordKind, v.RecordID = kind, id
	case *domain.ManagementDecision:
		v.DriftReview = true
	case *domain.KeyEvent:
		return keyEventOf(r, cr, v)
	}
	return true
}

// fixedFormRequest reads what a fixed form needs; the drift review is a
// manager's.
func (a *App) fixedFormRequest(w http.ResponseWriter, r *http.Request, spec *caseworkForm) (*formRequest, bool) {
	c, cr, ok := a.openRecord(w, r, access.AddCaseNote, audit.Viewed, "oversight form")
	if !ok {
		return nil, false
	}
	k, _ := domain.KindNamed(spec.Kind)
	rec := k.New()
	if !fixed(r, cr, rec) {
		a.Web.Error(w, r, http.StatusNotFound)
		return nil, false
	}
	if spec == &driftReviewForm && !mayApprove(c.user, c.facts) {
		a.Web.Error(w, r, http.StatusForbidden)
		return nil, false
	}
	fr := &formRequest{c: c, cr: cr, spec: spec, kind: k}
	// An event marked as key already has its mark taken off instead.
	if ke, ok := rec.(*domain.KeyEvent); ok {
		if m := casework.KeyMark(cr, ke.RecordKind, ke.RecordID, ke.EventDate); m != nil {
			fr.spec, fr.before = &unkeyEventForm, m
		}
	}
	return fr, true
}

func (a *App) fixedFormPage(spec *caseworkForm) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		fr, ok := a.fixedFormRequest(w, r, spec)
		if !ok {
			return
		}
		values := asked(r.URL.Query(), spec.Questions)
		if spec == &driftReviewForm && values.Get("decision_date-day") == "" {
			y, m, d := a.today().Date()
			values.Set("decision_date-day", strconv.Itoa(d))
			values.Set("decision_date-month", strconv.Itoa(int(m)))
			values.Set("decision_date-year", strconv.Itoa(y))
		}
		a.renderCaseworkForm(w, r, http.StatusOK, fr, web.Form{Values: values})
	}
}

func (a *App) fixedFormPost(spec *caseworkForm) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		fr, ok := a.fixedFormRequest(w, r, spec)
		if !ok {
			return
		}
		rec, errs := fr.record(r.PostForm)
		var err error
		if len(errs) == 0 {
			fixed(r, fr.cr, rec)
			switch v := rec.(type) {
			case *domain.ManagementDecision:
				v.ManagerID = fr.c.user.ProfessionalID
			case *domain.KeyEvent:
				if fr.before != nil {
					v.UnmarkedDate = a.today()
				}
			}
			rec, errs, err = a.checkAndSave(r, fr.c, rec, fr.before)
		}
		if errs, err = saveErrors(errs, err); err != nil {
			a.saveFailed(w, r, err)
			return
		}
		if len(errs) > 0 {
			a.renderCaseworkForm(w, r, http.StatusUnprocessableEntity, fr, web.Form{Values: r.PostForm, Errors: fr.spec.inOwnWords(errs)})
			return
		}
		back := fmt.Sprintf("/children/%d/oversight?saved=%s", fr.c.personID, url.QueryEscape(domain.KindOf(rec).Title))
		if spec == &keyEventForm {
			back = fmt.Sprintf("/children/%d?key=1#chronology", fr.c.personID)
		}
		http.Redirect(w, r, back, http.StatusSeeOther)
	}
}

// childOversightPage is a child's oversight: the concerns and their
// strategy discussions, the drift flags, training warnings, the child's
// voice on each record, agency updates, advocacy and chairs' escalations.
type childOversightPage struct {
	Page
	Child    string
	ChildID  int64
	Saved    string
	Write    bool
	Manager  bool
	Flags    []casework.DriftFlag
	Warnings []string
	Sections []oversightSection
}

// oversightSection is a table of the page, with a link to record another.
type oversightSection struct {
	Caption string
	Rows    []recordRow
	Record  *NavItem
}

func (a *App) childOversightPage(w http.ResponseWriter, r *http.Request) {
	cp, ok := a.openCasework(w, r, "oversight")
	if !ok {
		return
	}
	c, cr, rules, h := cp.c, cp.cr, cp.rules, cp.links
	today := a.today()
	p := childOversightPage{Page: a.page(r, ""), Child: cr.Person.Name(), ChildID: c.personID, Saved: r.URL.Query().Get("saved"),
		Write: h.write, Manager: h.approve, Flags: rules.Unreviewed(cr, today)}
	var concerns, voices, updates, advocacy, escalations, parents, risks []recordRow
	for _, it := range rules.Items(cr, today) {
		if it.RuleID == "CP-3" {
			concerns = append(concerns, recordRow{What: it.Title, When: it.Root.Long(), Status: statusWords[it.Status] + " — " + it.Explanation})
		}
	}
	for i := range cr.Section47Enquiries {
		if warning := rules.Section47TrainingWarning(&cr.Section47Enquiries[i]); warning != "" {
			p.Warnings = append(p.Warnings, "Section 47 enquiry of "+cr.Section47Enquiries[i].StartDate.Long()+": "+warning)
		}
	}
	voice := func(kind, what string, id int64, on civil.Date) {
		status := "Not recorded"
		if casework.HasVoice(cr, kind, id) {
			status = "Recorded"
		}
		voices = append(voices, recordRow{What: what, When: on.Long(), Status: status,
			Actions: h.to("Record the child’s voice", fmt.Sprintf("oversight/voice/%s/%d", kind, id))})
	}
	for i := range cr.Assessments {
		voice("assessment", "Assessment", cr.Assessments[i].ID, cr.Assessments[i].StartDate)
	}
	for i := range cr.Plans {
		voice("plan", describe(codes.PlanType, cr.Plans[i].Type), cr.Plans[i].ID, cr.Plans[i].StartDate)
	}
	for i := range cr.Conferences {
		cf := &cr.Conferences[i]
		if !cf.Held() {
			continue // the child is heard and offered an advocate at the conference
		}
		voice("conference", "Conference", cf.ID, cf.Date)
		if age, eligible := rules.AdvocacyAge(cr, cf.Date); eligible {
			status := fmt.Sprintf("Aged %d: advocate not recorded as offered", age)
			switch {
			case cf.AdvocacyTakenUp != nil && *cf.AdvocacyTakenUp:
				status = fmt.Sprintf("Aged %d: offered an advocate and took it up", age)
			case cf.AdvocacyOffered != nil && *cf.AdvocacyOffered:
				status = fmt.Sprintf("Aged %d: offered an advocate", age)
			}
			if !cf.ChairVisitDate.IsZero() {
				status += "; the chair visited on " + cf.ChairVisitDate.Long()
			}
			advocacy = append(advocacy, recordRow{What: "Conference", When: cf.Date.Long(), Status: status})
		}
	}
	for i := range cr.CINPlanReviews {
		voice("cin_plan_review", "Child in need plan review", cr.CINPlanReviews[i].ID, cr.CINPlanReviews[i].Date)
	}
	for i := range cr.CLAReviews {
		voice("cla_review", "Looked-after review", cr.CLAReviews[i].ID, cr.CLAReviews[i].Date)
	}
	for i := range cr.Visits {
		voice("visit", describe(codes.VisitType, cr.Visits[i].Type), cr.Visits[i].ID, cr.Visits[i].Date)
	}
	for i := range cr.CoreGroupActions {
		u := &cr.CoreGroupActions[i]
		status := describe(codes.ActionStatus, u.Status)
		if due := rules.AgencyUpdateDue(u); !due.IsZero() {
			if u.UpdateReceivedDate.IsZero() {
				status += fmt.Sprintf("; update from %s due %s", describe(codes.Agency, u.Agency), due.Long())
			} else {
				status += "; update received " + u.UpdateReceivedDate.Long()
			}
		}
		if due := rules.AgencyUpdateDue(u); !due.IsZero() && u.UpdateReceivedDate.IsZero() && today.After(due) {
			if lead := rules.SafeguardingLead(u.Agency, today); lead != "" {
				status += "; overdue: escalate to " + lead
			}
		}
		updates = append(updates, recordRow{What: "Plan action at a core group", When: u.UpdateRequestedDate.Long(), Status: status,
			Actions: h.to("Record the agency’s update", fmt.Sprintf("casework/core-group-action/%d", u.ID))})
	}
	for i := range cr.ChairEscalations {
		e := &cr.ChairEscalations[i]
		status := "Response due " + e.ResponseDue.Long()
		if !e.ResolvedDate.IsZero() {
			status = "Resolved " + e.ResolvedDate.Long()
		}
		escalations = append(escalations, recordRow{What: describe(codes.EscalationIssue, e.IssueType) + ", to " + e.EscalatedTo, When: e.Date.Long(), Status: status,
			Actions: h.to("Record the response", fmt.Sprintf("casework/chair-escalation/%d", e.ID))})
	}
	for i := range cr.Conferences {
		cf := &cr.Conferences[i]
		what := describe(codes.ConferenceType, cf.Type)
		if !cf.Held() {
			what += " (booked)"
		}
		prepared := rules.ParentsPrepared(cr, cf)
		if len(prepared) == 0 {
			parents = append(parents, recordRow{What: what, When: cf.Date.Long(), Status: "No parent recorded: report due " + rules.ParentReportDue(cf).Long()})
		}
		for _, pp := range prepared {
			parents = append(parents, recordRow{What: cmp.Or(pp.Relation, "Parent") + ", " + strings.ToLower(what[:1]) + what[1:], When: cf.Date.Long(),
				Status: parentStatus(pp), Actions: h.to("Change", fmt.Sprintf("casework/conference-parent/%d", pp.Parent.ID))})
		}
	}
	for i := range cr.CPPlans {
		p := &cr.CPPlans[i]
		trend := casework.RiskTrend(cr, p)
		if len(trend) == 0 {
			continue
		}
		steps := make([]string, len(trend))
		for j, pt := range trend {
			steps[j] = fmt.Sprintf("%s (%s, %s)", describe(codes.RiskRating, pt.Rating), strings.ToLower(pt.What), pt.Date.Long())
		}
		risks = append(risks, recordRow{What: recordLabel(p), When: p.StartDate.Long(), Status: strings.Join(steps, " → ")})
	}
	section := func(caption string, rows []recordRow, slug string) {
		s := oversightSection{Caption: caption, Rows: rows}
		if f := formNamed(slug); f != nil && h.write {
			s.Record = &NavItem{Text: f.Title, Href: h.base + "casework/" + slug}
		}
		p.Sections = append(p.Sections, s)
	}
	section("Concerns of significant harm and strategy discussions", concerns, "harm-concern")
	section("The child’s voice", voices, "")
	section("Parents at conferences: the report and their language", parents, "conference-parent")
	section("Risk ratings at conferences and core groups, by plan", risks, "")
	section("Agency updates at core groups", updates, "core-group-action")
	section("Advocacy and chairs’ visits after conferences", advocacy, "")
	section("Conference chairs’ escalations", escalations, "chair-escalation")
	section("Assessment tools: each child’s scores between assessments", toolTrendRows(cr, rules, today), "assessment-tool-use")
	a.Web.Render(w, r, http.StatusOK, "oversight/child", p)
}

// parentStatus says whether a parent had the conference report in time and
// in their language (AC-15).
func parentStatus(pp casework.ParentPreparation) string {
	p := pp.Parent
	words := []string{"Prefers " + p.Language}
	if p.InterpreterNeeded != nil && *p.InterpreterNeeded {
		words[0] += ", needs an interpreter"
	}
	if p.CommunicationNeeds != "" {
		words = append(words, p.CommunicationNeeds)
	}
	if pp.ReportInTime {
		words = append(words, "report shared "+p.ReportSharedDate.Long()+", in time")
	}
	words = append(words, pp.Problems()...)
	for _, d := range []struct {
		what string
		on   civil.Date
	}{{"translated summary given", p.TranslatedSummaryDate}, {"interpreter booked", p.InterpreterBookedDate}} {
		if !d.on.IsZero() {
			words = append(words, d.what+" "+d.on.Long())
		}
	}
	return strings.Join(words, "; ")
}

// statusWords says where a strategy discussion's deadline stands.
var statusWords = map[timescales.Status]string{timescales.Due: "Due", timescales.Overdue: "Overdue", timescales.MetOnTime: "Held on time",
	timescales.MetLate: "Held late", timescales.Missed: "Not held"}

// trainingRow is a worker's training on the training page.
type trainingRow struct {
	Worker, Team, Course, Completed, Expires string
	Current                                  bool
}

type trainingPageData struct {
	Page
	Rows   []trainingRow
	Record bool
	Form   web.Form
	Staff  []web.Option
	Course []web.Option
	Saved  bool
}

// trainingRows lists every training record, current first.
func (a *App) trainingRows(r *http.Request) ([]trainingRow, []web.Option, error) {
	rules, err := a.caseworkRules(r.Context())
	if err != nil {
		return nil, nil, err
	}
	teams, profs, err := a.DB.Workforce(r.Context())
	if err != nil {
		return nil, nil, err
	}
	dir := worklist.NewDirectory(teams, profs)
	staff := []web.Option{{Value: "", Text: "Choose"}}
	for _, p := range profs {
		if p.LeftDate.IsZero() && p.TeamID != 0 {
			staff = append(staff, web.Option{Value: strconv.FormatInt(p.ID, 10), Text: p.Name + " (" + dir.TeamName(p.TeamID) + ")"})
		}
	}
	today := a.today()
	var rows []trainingRow
	for _, t := range rules.Training {
		expires := rules.TrainingExpires(&t)
		team := ""
		for _, p := range profs {
			if p.ID == t.ProfessionalID {
				team = dir.TeamName(p.TeamID)
			}
		}
		rows = append(rows, trainingRow{Worker: dir.ProfessionalName(t.ProfessionalID), Team: team, Course: describe(codes.TrainingCourse, t.Course),
			Completed: t.CompletedDate.Long(), Expires: longDate(expires), Current: !t.CompletedDate.After(today) && (expires.IsZero() || !today.After(expires))})
	}
	// Expired training first: it is what a manager acts on.
	slices.SortStableFunc(rows, func(x, y trainingRow) int {
		switch {
		case x.Current == y.Current:
			return 0
		case y.Current:
			return -1
		}
		return 1
	})
	return rows, staff, nil
}

func (a *App) trainingPage(w http.ResponseWriter, r *http.Request) {
	a.renderTraining(w, r, http.StatusOK, web.Form{})
}

func (a *App) renderTraining(w http.ResponseWriter, r *http.Request, status int, form web.Form) {
	u := a.CurrentUser(r)
	if !access.Decide(u, access.ViewTraining, nil).Allowed {
		a.Web.Error(w, r, http.StatusForbidden)
		return
	}
	rows, staff, err := a.trainingRows(r)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	p := trainingPageData{Page: a.page(r, ""), Rows: rows, Record: access.Decide(u, access.RecordTraining, nil).Allowed, Form: form,
		Staff: staff, Saved: r.URL.Query().Get("saved") != ""}
	list, _ := codes.Lookup(codes.TrainingCourse)
	for _, c := range list.Codes {
		p.Course = append(p.Course, web.Option{Value: c.Value, Text: c.Description})
	}
	a.Web.Render(w, r, status, "oversight/training", p)
}

// trainingQuestions are the training form's, answered as the API's fields.
var trainingQuestions = []question{
	{"professional_id", "Worker", "", staff, "", nil, "Select the worker"},
	{"course", "Course", "", oneOf, codes.TrainingCourse, nil, "Select the course"},
	{"completed_date", "Completed on", "For example, 27 3 2025", date, "", nil, "Enter the date the course was completed"},
	{"expiry_date", "Expires on, if the certificate says", "Otherwise it expires after the local period (training.expiry)", date, "", nil, ""},
	{"provider", "Provider", "", text, "", nil, ""},
}

func (a *App) trainingPost(w http.ResponseWriter, r *http.Request) {
	body, errs := answers(r.PostForm, trainingQuestions)
	_, errs2, err := a.saveTraining(r, body)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	errs = append(errs, errs2...)
	if len(errs) > 0 {
		for i, e := range errs {
			for _, q := range trainingQuestions {
				if q.Name == e.Field && q.Missing != "" && strings.HasPrefix(e.Message, "enter the ") { // the record's own words
					errs[i].Message = q.Missing
				}
			}
		}
		a.renderTraining(w, r, http.StatusUnprocessableEntity, web.Form{Values: r.PostForm, Errors: inFormOrder(errs, trainingQuestions)})
		return
	}
	http.Redirect(w, r, "/training?saved=1", http.StatusSeeOther)
}

// saveTraining records a training record from the API's fields, for a
// user who may record training.
func (a *App) saveTraining(r *http.Request, body map[string]json.RawMessage) (*domain.TrainingRecord, web.FieldErrors, error) {
	u := a.CurrentUser(r)
	if !access.Decide(u, access.RecordTraining, nil).Allowed {
		return nil, web.FieldErrors{{Field: "professional_id", Message: "Only a manager or an administrator can record training"}}, nil
	}
	t := &domain.TrainingRecord{}
	errs := decodeRecord(body, t, false)
	if len(errs) > 0 {
		return nil, errs, nil
	}
	*t.Base() = domain.Entity{}
	errs, err := a.writeChange(r, saveOrUpdate(t))
	if len(errs) > 0 || err != nil {
		return nil, errs, err
	}
	return t, nil, nil
}

// trainingJSON is a training record as the API shows it, with when it
// expires and whether it is current today.
func trainingJSON(rules casework.Rules, t *domain.TrainingRecord, today civil.Date) map[string]any {
	expires := rules.TrainingExpires(t)
	return map[string]any{"id": t.ID, "version": t.Version, "professional_id": t.ProfessionalID, "course": t.Course,
		"completed_date": t.CompletedDate, "expiry_date": t.ExpiryDate, "provider": t.Provider,
		"derived": map[string]any{"expires": expires, "current": !t.CompletedDate.After(today) && (expires.IsZero() || !today.After(expires))}}
}

// trainingAPI answers GET /api/v1/training-records[?professional_id=].
func (a *App) trainingAPI(w http.ResponseWriter, r *http.Request) {
	if !access.Decide(a.CurrentUser(r), access.ViewTraining, nil).Allowed {
		web.WriteProblem(w, r, http.StatusForbidden, "", "Your role does not see workers’ training.", nil)
		return
	}
	var errs web.FieldErrors
	worker := idParam(r.URL.Query(), "professional_id", &errs)
	if len(errs) > 0 {
		web.WriteValidationProblem(w, r, errs)
		return
	}
	rules, err := a.caseworkRules(r.Context())
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	out := []map[string]any{}
	for i := range rules.Training {
		if t := &rules.Training[i]; worker == 0 || t.ProfessionalID == worker {
			out = append(out, trainingJSON(rules, t, a.today()))
		}
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"records": out})
}

// trainingCreateAPI answers POST /api/v1/training-records.
func (a *App) trainingCreateAPI(w http.ResponseWriter, r *http.Request) {
	if !access.Decide(a.CurrentUser(r), access.RecordTraining, nil).Allowed {
		web.WriteProblem(w, r, http.StatusForbidden, "", "Only a manager or an administrator can record training.", nil)
		return
	}
	body, ok := readBody(w, r)
	if !ok {
		return
	}
	t, errs, err := a.saveTraining(r, body)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	if len(errs) > 0 {
		web.WriteValidationProblem(w, r, errs)
		return
	}
	rules, err := a.caseworkRules(r.Context())
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusCreated, trainingJSON(rules, t, a.today()))
}

// measuresQuery reads from (default 1 April), to (default today), team and
// worker; a manager's measures start at their own team.
func (a *App) measuresQuery(r *http.Request) (civil.Date, civil.Date, casework.Filter, web.FieldErrors) {
	var errs web.FieldErrors
	q := r.URL.Query()
	to := dateParam(q, "to", a.today(), &errs)
	y, _, _ := to.Date()
	start := civil.Of(y, 4, 1)
	if start.After(to) {
		start = civil.Of(y-1, 4, 1)
	}
	from := dateParam(q, "from", start, &errs)
	if from.After(to) {
		errs.Add("from", "from must be on or before to")
	}
	f := casework.Filter{Team: idParam(q, "team", &errs), Professional: idParam(q, "worker", &errs)}
	if u := a.CurrentUser(r); f.Team == 0 && f.Professional == 0 && q.Get("team") == "" && (u.Has(access.TeamManager) || u.Has(access.ServiceManager)) {
		f.Team = u.TeamID
	}
	return from, to, f, errs
}

// oversightMeasures builds the measures for the request, answering it
// itself when it cannot.
func (a *App) oversightMeasures(w http.ResponseWriter, r *http.Request) (*casework.OversightMeasures, casework.Filter, bool) {
	if !access.Decide(a.CurrentUser(r), access.ViewAggregates, nil).Allowed {
		if isAPI(r) {
			web.WriteProblem(w, r, http.StatusForbidden, "", "Your role does not see measures.", nil)
		} else {
			a.Web.Error(w, r, http.StatusForbidden)
		}
		return nil, casework.Filter{}, false
	}
	from, to, f, errs := a.measuresQuery(r)
	if len(errs) > 0 {
		if isAPI(r) {
			web.WriteValidationProblem(w, r, errs)
			return nil, f, false
		}
		r.URL.RawQuery = ""
		from, to, f, _ = a.measuresQuery(r)
	}
	rules, err := a.caseworkRules(r.Context())
	if err != nil {
		a.serverError(w, r, err)
		return nil, f, false
	}
	dir, err := a.directory(r.Context())
	if err != nil {
		a.serverError(w, r, err)
		return nil, f, false
	}
	m, err := rules.Measure(r.Context(), a.DB, from, to, f, dir)
	if err != nil {
		a.serverError(w, r, err)
		return nil, f, false
	}
	return m, f, true
}

// measureRow is one measure as the page and the API show it.
type measureRow struct {
	Requirement string  `json:"requirement"`
	Measure     string  `json:"measure"`
	Numerator   int     `json:"numerator"`
	Denominator int     `json:"denominator"`
	Percent     float64 `json:"percent"`
	// Count is a measure that is a number, not a proportion.
	Count bool `json:"count"`
	// Note says what a number means, where it needs words.
	Note string `json:"note,omitempty"`
}

func measureRows(m *casework.OversightMeasures) []measureRow {
	ratio := func(req, what string, r casework.Ratio) measureRow {
		return measureRow{Requirement: req, Measure: what, Numerator: r.N, Denominator: r.D, Percent: r.Percent()}
	}
	count := func(req, what string, n int) measureRow {
		return measureRow{Requirement: req, Measure: what, Numerator: n, Count: true}
	}
	rows := []measureRow{
		ratio("AC-02", "Strategy discussions held in time after a concern of significant harm", m.StrategyInTime),
		count("AC-02", "Median working days from concern to strategy discussion", m.StrategyWD.Median()),
		ratio("AC-04", "Section 47 enquiries led by a worker with current training", m.TrainedLead),
		ratio("AC-09", "Assessments authorised with the child’s voice recorded", m.Voice["assessment"]),
		ratio("AC-09", "Plans authorised with the child’s voice recorded", m.Voice["plan"]),
		ratio("AC-09", "Reviews with the child’s voice recorded", m.Voice["review"]),
		ratio("AC-18", "Agency updates received on time after core groups", m.AgencyUpdates),
	}
	agencies := make([]string, 0, len(m.AgencyUpdatesByAgency))
	for a := range m.AgencyUpdatesByAgency {
		agencies = append(agencies, a)
	}
	slices.Sort(agencies)
	for _, ag := range agencies {
		rows = append(rows, ratio("AC-18", "Agency updates on time: "+describe(codes.Agency, ag), m.AgencyUpdatesByAgency[ag]))
	}
	rows = append(rows,
		count("AC-20", "Conference chairs’ escalations raised", m.Escalations),
		ratio("AC-20", "Escalations resolved by the response date", m.EscalationsResolvedInTime),
		count("AC-20", "Escalations open on the last day", m.EscalationsOpen),
		ratio("AC-20", "Children of advocacy age offered an advocate at a conference", m.Advocacy),
		count("AC-20", "Advocacy requests (F063)", m.AdvocacyRequests),
		ratio("AC-20", "Conferences followed by a chair’s visit to the child", m.ChairVisits),
		ratio("AC-15", "Conferences where every parent had the report in time", m.ReportsInTime),
		ratio("AC-15", "Conferences with a translated summary or an interpreter where a parent needed one", m.LanguageSupport),
		count("AC-21", "Cases flagged for a drift review and not yet reviewed", m.DriftFlagged),
		count("AC-21", "Of them, flagged more than 3 months ago", m.DriftOverThreeMonths),
		count("AC-21", "Drift reviews recorded", len(m.DriftReviews)),
		count("AC-21", "Median working days from flag to review", m.DriftReviews.Median()),
		ratio("AC-08", "Open cases with a current case summary", m.SummaryCurrent),
		ratio("AC-08", "Assessments authorised recording a review of the chronology", m.ChronologyReviewed),
		ratio("AC-10", "Assessments authorised with a neglect factor that used a neglect tool", m.NeglectToolUsed),
	)
	for _, code := range slices.Sorted(maps.Keys(m.ScoreTrends)) {
		t := m.ScoreTrends[code]
		rows = append(rows, count("AC-10", t.Tool+": children whose score went up from one assessment to the next", t.Up),
			count("AC-10", t.Tool+": children whose score stayed the same", t.Same),
			count("AC-10", t.Tool+": children whose score went down", t.Down))
	}
	return rows
}

type oversightMeasuresPageData struct {
	Page
	From, To civil.Date
	Rows     []measureRow
	Form     web.Form
	Teams    []web.Option
}

func (a *App) oversightMeasuresPage(w http.ResponseWriter, r *http.Request) {
	m, f, ok := a.oversightMeasures(w, r)
	if !ok {
		return
	}
	teams, _, err := a.DB.Workforce(r.Context())
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	v := url.Values{"from": {m.From.String()}, "to": {m.To.String()}, "team": {optionalID(f.Team)}}
	p := oversightMeasuresPageData{Page: a.page(r, ""), From: m.From, To: m.To, Rows: measureRows(m), Form: web.Form{Values: v},
		Teams: []web.Option{{Value: "", Text: "The whole authority"}}}
	for _, t := range teams {
		p.Teams = append(p.Teams, web.Option{Value: strconv.FormatInt(t.ID, 10), Text: t.Name})
	}
	a.Web.Render(w, r, http.StatusOK, "oversight/measures", p)
}

// oversightMeasuresAPI answers GET /api/v1/oversight/measures.
func (a *App) oversightMeasuresAPI(w http.ResponseWriter, r *http.Request) {
	m, f, ok := a.oversightMeasures(w, r)
	if !ok {
		return
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"from": m.From, "to": m.To, "team_id": f.Team, "worker_id": f.Professional, "measures": measureRows(m)})
}
