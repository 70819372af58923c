package casework

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/codes"
	"github.com/waymark-care/waymark/internal/domain"
	"github.com/waymark-care/waymark/internal/timescales"
	"github.com/waymark-care/waymark/internal/worklist"
)

// Oversight (docs/casework.md, "Oversight"): the strategy discussion clock
// a concern starts (AC-02), workers' training (AC-04), the child's voice
// (AC-09), agency updates at core groups (AC-18), conference chairs'
// escalations and advocacy (AC-20) and the drift rules that put a case in
// front of a service manager (AC-21). The settings are the authority's
// local policy (timescales.Policy).

// Drift and delay lists of oversight.
const (
	StrategyOverdue       List = "strategy-overdue"
	Section47Untrained    List = "s47-lead-untrained"
	AgencyUpdatesOverdue  List = "agency-updates-overdue"
	EscalationsUnresolved List = "escalations-unresolved"
	DriftReview           List = "drift-review"
)

var oversightLists = map[List]listDef{
	StrategyOverdue: {"Strategy discussions not held in time", "AC-02",
		"Concerns of significant harm raised in the period with no strategy discussion by the local deadline (the same working day for immediate risk, otherwise the next): still waiting, held late, or not held before the next concern.",
		false, read([]string{"harm_concern", "strategy_discussion"}, nil), []string{"harm_concern", "strategy_discussion"},
		Rules.strategyOverdue},
	Section47Untrained: {"Section 47 enquiries led by a worker without current training", "AC-04",
		"Enquiries started in the period whose lead worker had no current child protection or joint investigation training on the day it started.",
		false, read(nil, map[string][]string{"section47_enquiry": {"start_date", "professional_id"}}), []string{"section47_enquiry"},
		Rules.section47Untrained},
	AgencyUpdatesOverdue: {"Agency updates overdue after core groups", "AC-18",
		"Updates on a plan action asked of an agency at a core group and not received within the local limit, while the child protection plan is in place.",
		true, read(nil, map[string][]string{
			"cp_plan":           {"start_date", "end_date"},
			"core_group":        {"cp_plan_id", "meeting_date"},
			"core_group_action": {"core_group_id", "plan_action_id", "agency", "update_requested_date", "update_received_date"},
			"plan_action":       {"what"},
		}), []string{"cp_plan"},
		Rules.agencyUpdatesOverdue},
	EscalationsUnresolved: {"Conference chairs' escalations past their response date", "AC-20",
		"Escalations by a conference chair not resolved by the day the response was due.",
		true, read(nil, map[string][]string{"chair_escalation": {"escalation_date", "issue_type", "escalated_to", "response_due", "resolved_date"}}),
		[]string{"chair_escalation"},
		Rules.escalationsUnresolved},
	DriftReview: {"Cases for a service manager's drift review", "AC-21",
		"Children on a child protection or child in need plan flagged by a drift rule and not yet reviewed: a child protection plan open longer than the local limit, two review conferences without a lower risk rating, too many plan actions overdue, not seen within the visit frequency, or no management oversight within the interval. A review is a management decision marked as a drift review.",
		true, read([]string{"cp_plan", "cin_plan", "visit"}, driftColumns), []string{"cp_plan", "cin_plan"},
		Rules.driftReview},
}

// strategyOverdue: AC-02. The engine's CP-3 items for concerns raised in
// the window, not met on time.
func (r Rules) strategyOverdue(cr *domain.ChildRecord, w Window) []Exception {
	var out []Exception
	for _, it := range r.items(cr, w.To, strategyRules) {
		if !w.contains(it.Root) {
			continue
		}
		var detail string
		switch it.Status {
		case timescales.Overdue:
			detail = "Not yet held: " + lowerFirst(it.Explanation)
		case timescales.MetLate:
			detail = "Held " + it.Met.Long() + ", " + days(it.DaysLate) + " late: " + lowerFirst(it.Explanation)
		case timescales.Missed:
			detail = "Not held before the next concern: " + lowerFirst(it.Explanation)
		default:
			continue
		}
		ref, _ := worklist.ParseRef(it.RootRef)
		out = append(out, Exception{Record: ref, Date: it.Root, Due: it.Due, Detail: detail})
	}
	return out
}

// CoursesForSection47 are the training a worker leading a section 47
// enquiry keeps current (AC-04).
var CoursesForSection47 = []string{"child_protection", "joint_investigation"}

// TrainingExpires is the last day a training record is current: the
// expiry date on the certificate, or the end of the local training.expiry
// period in force when it was completed. Zero means it does not expire.
func (r Rules) TrainingExpires(t *domain.TrainingRecord) civil.Date {
	if !t.ExpiryDate.IsZero() {
		return t.ExpiryDate
	}
	v, ok := r.Policy.TrainingExpiry.At(t.CompletedDate)
	period, known := v.For(t.Course)
	if !ok || !known {
		return civil.Date{}
	}
	return r.Calendar.Due(t.CompletedDate, period)
}

// MissingTraining returns the courses a section 47 enquiry needs in which
// a worker had no current training on a day (r.Training holds the
// authority's training records).
func (r Rules) MissingTraining(professionalID int64, on civil.Date) []string {
	var missing []string
	for _, course := range CoursesForSection47 {
		if !slices.ContainsFunc(r.Training, func(t domain.TrainingRecord) bool {
			expires := r.TrainingExpires(&t)
			return t.ProfessionalID == professionalID && t.Course == course && !t.CompletedDate.After(on) && (expires.IsZero() || !on.After(expires))
		}) {
			missing = append(missing, course)
		}
	}
	return missing
}

// Section47TrainingWarning says what current training the worker leading an
// enquiry lacked on the day it started, or "" (AC-04). It warns and does
// not refuse: the enquiry must go ahead, and a manager decides.
func (r Rules) Section47TrainingWarning(e *domain.Section47Enquiry) string {
	if e.ProfessionalID == 0 {
		return ""
	}
	missing := r.MissingTraining(e.ProfessionalID, e.StartDate)
	if len(missing) == 0 {
		return ""
	}
	list, _ := codes.Lookup(codes.TrainingCourse)
	ns := make([]string, len(missing))
	for i, c := range missing {
		ns[i] = lowerFirst(list.Describe(c))
	}
	return "The worker leading the enquiry had no current " + names(ns) + " training on " + e.StartDate.Long()
}

// section47Untrained: AC-04.
func (r Rules) section47Untrained(cr *domain.ChildRecord, w Window) []Exception {
	var out []Exception
	for i := range cr.Section47Enquiries {
		e := &cr.Section47Enquiries[i]
		if !w.contains(e.StartDate) {
			continue
		}
		if warning := r.Section47TrainingWarning(e); warning != "" {
			out = append(out, Exception{Record: worklist.RefOf(e), Date: e.StartDate, Detail: warning})
		}
	}
	return out
}

// CheckChildsVoice is the check on recording the child's voice (AC-09): it
// is part of one of the child's assessments, plans, conferences, reviews or
// visits; and for a child too young to talk (under PreVerbalAge) it is what
// was observed.
func CheckChildsVoice(cr *domain.ChildRecord, v *domain.ChildsVoice) []domain.FieldError {
	var errs fieldErrors
	if v.RecordKind != "" && v.RecordID != 0 {
		if _, ok := voiceRecordDate(cr, v.RecordKind, v.RecordID); !ok {
			list, _ := codes.Lookup(codes.VoiceRecordKind)
			errs.add("record_id", fmt.Sprintf("This child has no %s %d", strings.ToLower(list.Describe(v.RecordKind)), v.RecordID))
		}
	}
	if !v.Date.IsZero() && v.Method != "observation" && (cr.Person.Unborn(v.Date) || !cr.Person.DateOfBirth.IsZero() && cr.Person.DateOfBirth.AgeOn(v.Date) < PreVerbalAge) {
		errs.add("method", fmt.Sprintf("A child under %d is heard through what was observed: choose observation", PreVerbalAge))
	}
	return errs
}

// PreVerbalAge is the age below which a child's voice is what was observed
// (AC-09, a Waymark default).
const PreVerbalAge = 2

// voiceRecordDate returns the date of the record a voice section is part
// of, and whether the child has it.
func voiceRecordDate(cr *domain.ChildRecord, kind string, id int64) (civil.Date, bool) {
	find := func(n int, at func(int) (int64, civil.Date)) (civil.Date, bool) {
		for i := range n {
			if rid, on := at(i); rid == id {
				return on, true
			}
		}
		return civil.Date{}, false
	}
	switch kind {
	case "assessment":
		return find(len(cr.Assessments), func(i int) (int64, civil.Date) { return cr.Assessments[i].ID, cr.Assessments[i].StartDate })
	case "plan":
		return find(len(cr.Plans), func(i int) (int64, civil.Date) { return cr.Plans[i].ID, cr.Plans[i].StartDate })
	case "conference":
		return find(len(cr.Conferences), func(i int) (int64, civil.Date) { return cr.Conferences[i].ID, cr.Conferences[i].Date })
	case "cin_plan_review":
		return find(len(cr.CINPlanReviews), func(i int) (int64, civil.Date) { return cr.CINPlanReviews[i].ID, cr.CINPlanReviews[i].Date })
	case "cla_review":
		return find(len(cr.CLAReviews), func(i int) (int64, civil.Date) { return cr.CLAReviews[i].ID, cr.CLAReviews[i].Date })
	case "visit":
		return find(len(cr.Visits), func(i int) (int64, civil.Date) { return cr.Visits[i].ID, cr.Visits[i].Date })
	}
	return civil.Date{}, false
}

// HasVoice reports whether one of the child's records has a voice section.
func HasVoice(cr *domain.ChildRecord, kind string, id int64) bool {
	return slices.ContainsFunc(cr.ChildsVoices, func(v domain.ChildsVoice) bool { return v.RecordKind == kind && v.RecordID == id })
}

// CheckCoreGroupAction is the check on recording a plan action at a core
// group (AC-18): the action is one of the written plan of the core group's
// child protection plan.
func CheckCoreGroupAction(cr *domain.ChildRecord, a *domain.CoreGroupAction) []domain.FieldError {
	var errs fieldErrors
	group := findByID(cr.CoreGroups, a.CoreGroupID)
	action := findByID(cr.PlanActions, a.PlanActionID)
	if group == nil || action == nil {
		return nil // the references are checked as references
	}
	plan := findByID(cr.Plans, action.PlanID)
	if plan == nil || plan.CPPlanID != group.CPPlanID {
		errs.add("plan_action_id", "Choose an action of the written child protection plan the core group is about")
	}
	return errs
}

// findByID returns the record with an ID, or nil.
func findByID[T any, P interface {
	*T
	domain.Record
}](list []T, id int64) P {
	for i := range list {
		if p := P(&list[i]); p.Base().ID == id {
			return p
		}
	}
	return nil
}

// AgencyUpdateDue is the last day an agency update asked for at a core
// group can arrive on time (coregroup.update_overdue_wd, AC-18); zero if
// none was asked for.
func (r Rules) AgencyUpdateDue(a *domain.CoreGroupAction) civil.Date {
	if a.UpdateRequestedDate.IsZero() {
		return civil.Date{}
	}
	k, ok := r.Policy.CoreGroupUpdateDue.At(a.UpdateRequestedDate)
	if !ok {
		return civil.Date{}
	}
	return r.Calendar.Due(a.UpdateRequestedDate, k)
}

// agencyUpdatesOverdue: AC-18.
func (r Rules) agencyUpdatesOverdue(cr *domain.ChildRecord, w Window) []Exception {
	day := w.To
	var out []Exception
	for i := range cr.CoreGroupActions {
		a := &cr.CoreGroupActions[i]
		due := r.AgencyUpdateDue(a)
		if due.IsZero() || !day.After(due) || !a.UpdateReceivedDate.IsZero() && !a.UpdateReceivedDate.After(day) {
			continue
		}
		group := findByID(cr.CoreGroups, a.CoreGroupID)
		if group == nil {
			continue
		}
		plan := findByID(cr.CPPlans, group.CPPlanID)
		if plan == nil || !openOn(plan.StartDate, plan.EndDate, day) {
			continue
		}
		what := "a plan action"
		if act := findByID(cr.PlanActions, a.PlanActionID); act != nil && act.What != "" {
			what = "“" + act.What + "”"
		}
		list, _ := codes.Lookup(codes.Agency)
		detail := fmt.Sprintf("%s asked on %s for an update on %s; none received", list.Describe(a.Agency), a.UpdateRequestedDate.Long(), what)
		if lead := r.SafeguardingLead(a.Agency, day); lead != "" {
			detail += "; escalate to " + lead
		}
		out = append(out, Exception{Record: worklist.RefOf(a), Date: a.UpdateRequestedDate, Due: due, Detail: detail})
	}
	return out
}

// CheckAdvocacy is the check on a conference about a child aged
// advocacy.min_age or over: whether the child was offered an advocate
// (AC-20).
func (r Rules) CheckAdvocacy(cr *domain.ChildRecord, c *domain.Conference) []domain.FieldError {
	var errs fieldErrors
	if age, ok := r.AdvocacyAge(cr, c.Date); ok {
		errs.require(c.AdvocacyOffered == nil, "advocacy_offered", fmt.Sprintf("Say whether %s, aged %d, was offered an advocate", cmp.Or(cr.Person.Forename, "the child"), age))
	}
	return errs
}

// AdvocacyAge returns the child's age on a conference day and whether they
// are old enough to be offered an advocate (advocacy.min_age, AC-20).
func (r Rules) AdvocacyAge(cr *domain.ChildRecord, on civil.Date) (int, bool) {
	min, ok := r.Policy.AdvocacyMinAge.At(on)
	if !ok || on.IsZero() || cr.Person.DateOfBirth.IsZero() || cr.Person.Unborn(on) {
		return 0, false
	}
	age := cr.Person.DateOfBirth.AgeOn(on)
	return age, age >= min
}

// escalationsUnresolved: AC-20.
func (r Rules) escalationsUnresolved(cr *domain.ChildRecord, w Window) []Exception {
	day := w.To
	var out []Exception
	list, _ := codes.Lookup(codes.EscalationIssue)
	for i := range cr.ChairEscalations {
		e := &cr.ChairEscalations[i]
		if e.Date.After(day) || !day.After(e.ResponseDue) || !e.ResolvedDate.IsZero() && !e.ResolvedDate.After(day) {
			continue
		}
		out = append(out, Exception{Record: worklist.RefOf(e), Date: e.Date, Due: e.ResponseDue,
			Detail: fmt.Sprintf("%s, escalated to %s; response due %s", list.Describe(e.IssueType), e.EscalatedTo, e.ResponseDue.Long())})
	}
	return out
}

// DriftFlag is one reason a case is flagged for a service manager's review
// (AC-21): the rule (codes drift_rule), the day it first held, and why.
type DriftFlag struct {
	Rule   string
	Since  civil.Date
	Detail string
}

// driftColumns are what the drift rules read besides the visit timescales.
var driftColumns = map[string][]string{
	"cp_plan":             {"start_date", "end_date", "other_authority"},
	"conference":          {"conference_type", "conference_date", "risk_rating", "booked"},
	"cin_plan":            {"start_date", "end_date", "signed_off_date"},
	"plan":                {"start_date", "end_date", "authorised_date"},
	"plan_action":         {"plan_id", "by_when", "status"},
	"assessment":          {"authorised_date"},
	"management_decision": {"decision_date", "drift_review", "drift_flags"},
}

// openActions are the statuses of an action still to be done.
var openActions = []string{"", "not_started", "in_progress"}

// DriftFlags returns the drift rules that hold for a child on a day, reviewed
// or not: only children on a child protection or child in need plan are
// flagged.
func (r Rules) DriftFlags(cr *domain.ChildRecord, day civil.Date) []DriftFlag {
	var plans []civil.Date // the starts of the plans in force
	var flags []DriftFlag
	for i := range cr.CPPlans {
		p := &cr.CPPlans[i]
		if p.OtherAuthority || !openOn(p.StartDate, p.EndDate, day) {
			continue
		}
		plans = append(plans, p.StartDate)
		if months, ok := r.Policy.DriftCPMonths.At(p.StartDate); ok && day.After(p.StartDate.AddMonths(months)) {
			flags = append(flags, DriftFlag{"cp_plan_long", p.StartDate.AddMonths(months).AddDays(1),
				fmt.Sprintf("On a child protection plan since %s, more than %d months", p.StartDate.Long(), months)})
		}
		if f, ok := riskNotReducing(cr, p, day); ok {
			flags = append(flags, f)
		}
	}
	for i := range cr.CINPlans {
		if p := &cr.CINPlans[i]; openOn(p.StartDate, p.EndDate, day) {
			plans = append(plans, p.StartDate)
		}
	}
	if len(plans) == 0 {
		return nil
	}
	if f, ok := r.overdueActions(cr, day); ok {
		flags = append(flags, f)
	}
	var notSeen []civil.Date
	for _, e := range r.overdue(cr, Window{To: day}, visitRules) {
		notSeen = append(notSeen, e.Due)
	}
	if len(notSeen) > 0 {
		due := slices.MinFunc(notSeen, civil.Date.Compare)
		flags = append(flags, DriftFlag{"not_seen", due.AddDays(1), "Not seen: a visit was due " + due.Long()})
	}
	if f, ok := r.noOversight(cr, day, slices.MinFunc(plans, civil.Date.Compare)); ok {
		flags = append(flags, f)
	}
	return flags
}

// overdueActions flags more than drift.overdue_actions actions of the
// child's written plans in force that are past their date and not done.
func (r Rules) overdueActions(cr *domain.ChildRecord, day civil.Date) (DriftFlag, bool) {
	limit, ok := r.Policy.DriftOverdueActions.At(day)
	if !ok {
		return DriftFlag{}, false
	}
	var late []civil.Date
	for i := range cr.PlanActions {
		a := &cr.PlanActions[i]
		plan := findByID(cr.Plans, a.PlanID)
		if plan != nil && openOn(plan.StartDate, plan.EndDate, day) && !a.ByWhen.IsZero() && day.After(a.ByWhen) && slices.Contains(openActions, a.Status) {
			late = append(late, a.ByWhen)
		}
	}
	if len(late) <= limit {
		return DriftFlag{}, false
	}
	slices.SortFunc(late, civil.Date.Compare)
	// The flag went up the day after the action that took the count over.
	return DriftFlag{"overdue_actions", late[limit].AddDays(1), fmt.Sprintf("%d plan actions overdue, more than %d", len(late), limit)}, true
}

// noOversight flags a case with no management oversight within
// oversight.interval: a manager's decision, or the authorisation of an
// assessment or a plan, counted from the last one (or from the start of
// the first plan in force, if there was none).
func (r Rules) noOversight(cr *domain.ChildRecord, day, planStart civil.Date) (DriftFlag, bool) {
	last := LastOversight(cr, day)
	from := cmp.Or(last, planStart)
	k, ok := r.Policy.OversightInterval.At(from)
	if !ok {
		return DriftFlag{}, false
	}
	due := r.Calendar.Due(from, k)
	if !day.After(due) {
		return DriftFlag{}, false
	}
	detail := "No management oversight recorded"
	if !last.IsZero() {
		detail = "No management oversight since " + last.Long()
	}
	return DriftFlag{"no_oversight", due.AddDays(1), detail}, true
}

// LastOversight is the last day on or before day that a manager oversaw the
// child's case on the record (WF-08): a decision, or the authorisation of
// an assessment, a written plan or a child in need plan.
func LastOversight(cr *domain.ChildRecord, day civil.Date) civil.Date {
	var last civil.Date
	seen := func(d civil.Date) {
		if !d.IsZero() && !d.After(day) && d.After(last) {
			last = d
		}
	}
	for i := range cr.ManagementDecisions {
		seen(cr.ManagementDecisions[i].Date)
	}
	for i := range cr.Assessments {
		seen(cr.Assessments[i].AuthorisedDate)
	}
	for i := range cr.Plans {
		seen(cr.Plans[i].AuthorisedDate)
	}
	for i := range cr.CINPlans {
		seen(cr.CINPlans[i].SignedOffDate)
	}
	return last
}

// Unreviewed returns the drift flags holding on day that no drift review
// has answered: a review on or after the day a flag went up, naming its
// rule (a review naming none answers them all).
func (r Rules) Unreviewed(cr *domain.ChildRecord, day civil.Date) []DriftFlag {
	return slices.DeleteFunc(r.DriftFlags(cr, day), func(f DriftFlag) bool {
		return slices.ContainsFunc(cr.ManagementDecisions, func(m domain.ManagementDecision) bool {
			return m.DriftReview && !m.Date.Before(f.Since) && !m.Date.After(day) && (len(m.DriftFlags) == 0 || slices.Contains(m.DriftFlags, f.Rule))
		})
	})
}

// driftReview: AC-21. One entry a child, on the plan it is about.
func (r Rules) driftReview(cr *domain.ChildRecord, w Window) []Exception {
	flags := r.Unreviewed(cr, w.To)
	if len(flags) == 0 {
		return nil
	}
	e := Exception{Date: flags[0].Since}
	details := make([]string, len(flags))
	for i, f := range flags {
		details[i] = f.Detail
		if f.Since.Before(e.Date) {
			e.Date = f.Since
		}
	}
	e.Detail = strings.Join(details, "; ")
	for i := range cr.CINPlans {
		if p := &cr.CINPlans[i]; openOn(p.StartDate, p.EndDate, w.To) {
			e.Record = worklist.RefOf(p)
		}
	}
	for i := range cr.CPPlans {
		if p := &cr.CPPlans[i]; !p.OtherAuthority && openOn(p.StartDate, p.EndDate, w.To) {
			e.Record = worklist.RefOf(p)
		}
	}
	return []Exception{e}
}

// prepareDriftReview names, on a drift review that names none, the rules
// that flagged the case on the day of the review.
func (r Rules) prepareDriftReview(cr *domain.ChildRecord, m *domain.ManagementDecision) {
	if !m.DriftReview || len(m.DriftFlags) > 0 || m.Date.IsZero() {
		return
	}
	for _, f := range r.DriftFlags(cr, m.Date) {
		m.DriftFlags = append(m.DriftFlags, f.Rule)
	}
}
