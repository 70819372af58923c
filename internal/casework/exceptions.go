package casework

import (
	"cmp"
	"fmt"
	"maps"
	"slices"

	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/codes"
	"github.com/waymark-care/waymark/internal/domain"
	"github.com/waymark-care/waymark/internal/timescales"
	"github.com/waymark-care/waymark/internal/worklist"
)

// List is one of the drift and delay lists managers work from (AC-21): the
// failures the 2015 inspection found, each made impossible to miss.
type List string

const (
	InNeedWithoutPlan     List = "cin-without-plan"
	NotSeen               List = "not-seen"
	S47WithoutOutcome     List = "s47-without-outcome"
	StrategyMissingAgency List = "strategy-missing-agencies"
	ConferenceOverdue     List = "conferences-overdue"
	CoreGroupOverdue      List = "core-groups-overdue"
	PlanWithoutActions    List = "plans-not-smart"
	ClosedThenReReferred  List = "closed-then-re-referred"
)

// Lists are the lists in the order pages show them: the workflow's, then
// oversight's (oversight.go), then the assessment record's
// (assessment_record.go).
var Lists = []List{InNeedWithoutPlan, NotSeen, S47WithoutOutcome, StrategyMissingAgency,
	ConferenceOverdue, CoreGroupOverdue, PlanWithoutActions, ClosedThenReReferred,
	StrategyOverdue, Section47Untrained, AgencyUpdatesOverdue, EscalationsUnresolved, DriftReview,
	ParentsNotPrepared, ParentsNotReady, SummaryOutOfDate}

// listDef says what a list is and what it reads.
type listDef struct {
	title, requirement, about string
	// now lists what is wrong on the window's last day, so only the cases
	// open that day are read; otherwise the list is of events in the
	// window, and every case open at some time in it is read.
	now bool
	// columns are what the list reads of each kind (nil: every column):
	// a caseload reads in a fraction of the time when it reads only these.
	// TestColumnsSuffice checks that they are enough.
	columns map[string][]string
	// with are the kinds a child must have a record of, in force at some
	// time in the period read, to be on the list at all, so that only those
	// children are read (nil: every open case); or a kind's state, such as
	// "conference:booked", whatever the period.
	with []string
	find func(r Rules, cr *domain.ChildRecord, w Window) []Exception
}

// read merges column lists: the timescales engine's for the kinds it reads
// (worklist.Columns) and the columns a list's own rule reads.
func read(engine []string, own map[string][]string) map[string][]string {
	m := map[string][]string{}
	add := func(kind string, cols []string) {
		for _, c := range cols {
			if !slices.Contains(m[kind], c) {
				m[kind] = append(m[kind], c)
			}
		}
	}
	for _, k := range engine {
		add(k, worklist.Columns[k])
	}
	for k, cols := range own {
		add(k, cols)
	}
	return m
}

var lists = joinLists(workflowLists, oversightLists, parentLists, assessmentRecordLists)

func joinLists(ms ...map[List]listDef) map[List]listDef {
	out := map[List]listDef{}
	for _, m := range ms {
		maps.Copy(out, m)
	}
	return out
}

var workflowLists = map[List]listDef{
	InNeedWithoutPlan: {"Children in need without a plan", "AC-11",
		"Children whose case is open and who were found to be in need, not on a child protection plan or looked after, with no child in need plan signed off by a manager. A plan is due 10 working days after the need was found.",
		true, read(nil, map[string][]string{
			"referral":          {"referral_date", "close_date"},
			"assessment":        {"referral_id", "outcomes", "completed_date", "authorised_date"},
			"section47_enquiry": {"referral_id", "outcome", "end_date"},
			"conference":        {"referral_id", "decision", "conference_date"},
			"cin_plan":          {"start_date", "end_date", "signed_off_date"},
			"cp_plan":           {"referral_id", "start_date", "end_date"},
			"care_episode":      {"start_date", "end_date"},
		}), []string{"referral"}, // a child in need has an open referral
		Rules.inNeedWithoutPlan},
	NotSeen: {"Children not seen within the visit frequency", "AC-13, AC-19",
		"Children on child protection or child in need plans whose next visit, at the local frequency, is overdue. Only visits where the child was seen count.",
		true, read([]string{"cp_plan", "cin_plan", "visit"}, nil), []string{"cp_plan", "cin_plan"},
		Rules.notSeen},
	S47WithoutOutcome: {"Section 47 enquiries without an outcome", "AC-03",
		"Enquiries with no recorded outcome: still open after the day their outcome was due (15 working days from the strategy discussion), or ended in the period with no outcome recorded.",
		false, read([]string{"strategy_discussion", "section47_enquiry"}, nil), []string{"section47_enquiry"},
		Rules.s47WithoutOutcome},
	StrategyMissingAgency: {"Strategy discussions missing police or health", "AC-01",
		"Strategy discussions held in the period without police, health or children's social care, and with no reason recorded.",
		false, read(nil, map[string][]string{"strategy_discussion": {"held_at", "agencies", "missing_agency_reason"}}), []string{"strategy_discussion"},
		Rules.strategyMissingAgency},
	ConferenceOverdue: {"Conferences overdue", "AC-14, AC-16",
		"Initial conferences past 15 working days from the strategy discussion, and review conferences past 3 months from the initial conference or 6 months from the last review.",
		false, // an enquiry that asked for a conference may have ended before the day
		read([]string{"strategy_discussion", "section47_enquiry", "conference", "cp_plan"}, map[string][]string{
			"section47_enquiry": {"referral_id"}, "referral": {"referral_date", "close_date"}}), []string{"section47_enquiry", "cp_plan"},
		Rules.conferenceOverdue},
	CoreGroupOverdue: {"Child protection plans without a core group in time", "AC-18",
		"Child protection plans whose first core group was not held within 10 working days, or whose next core group is overdue at the local frequency.",
		true, read([]string{"cp_plan", "core_group"}, nil), []string{"cp_plan"},
		Rules.coreGroupOverdue},
	PlanWithoutActions: {"Plans without SMART actions", "AC-12",
		"Child protection and child in need plans in force for more than 10 working days with no written plan, or a written plan with no actions, or actions that do not say what, who, by when and how everyone will know.",
		true, read(nil, map[string][]string{
			"cp_plan":     {"start_date", "end_date", "other_authority"},
			"cin_plan":    {"start_date", "end_date"},
			"plan":        {"plan_type", "cin_plan_id", "cp_plan_id", "start_date", "end_date"},
			"plan_action": {"plan_id", "what", "who", "by_when", "how_we_will_know", "status"},
		}), []string{"cp_plan", "cin_plan", "plan"},
		Rules.planWithoutActions},
	ClosedThenReReferred: {"Cases closed after assessment, then re-referred within 12 months", "FD-07",
		"Referrals in the period that came within 12 months of the child's case being closed after an assessment (closure reasons RC8 and RC9).",
		false, read(nil, map[string][]string{"referral": {"referral_date", "close_date", "close_reason"}}), []string{"referral"},
		Rules.closedThenReReferred},
}

// ListNamed returns the list with the given name.
func ListNamed(name string) (List, bool) {
	_, ok := lists[List(name)]
	return List(name), ok
}

// Title is the list's heading.
func (l List) Title() string { return lists[l].title }

// Requirement names the requirements the list serves.
func (l List) Requirement() string { return lists[l].requirement }

// About says who is on the list, in a sentence or two.
func (l List) About() string { return lists[l].about }

// Columns are what the list reads of each kind of a child's record.
func (l List) Columns() map[string][]string { return lists[l].columns }

// Read is the period whose open cases the list reads: the window's last day
// for a list of what is wrong now, else the whole window.
func (l List) Read(w Window) (from, to civil.Date) {
	if lists[l].now {
		return w.To, w.To
	}
	return w.From, w.To
}

// With are the kinds a child must have a record of, in force in the period
// the list reads, to be on it; nil means any open case may be.
func (l List) With() []string { return lists[l].with }

// Window is the period a list covers. Lists of what is wrong now (no plan,
// overdue) are as at To; lists of events (strategy discussions, enquiries
// that ended, re-referrals) take the events from From to To.
type Window struct {
	From, To civil.Date
}

// DefaultWindow is the 12 months to asOf.
func DefaultWindow(asOf civil.Date) Window {
	return Window{From: asOf.AddMonths(-12).AddDays(1), To: asOf}
}

func (w Window) contains(d civil.Date) bool { return !d.Before(w.From) && !d.After(w.To) }

// Exception is one entry on a list: a child, the record that is wrong, and
// why.
type Exception struct {
	List   List
	Child  worklist.Child
	Record worklist.Ref
	// Date is the record's date: the plan's start, the discussion's day.
	Date civil.Date
	// Due is the day the missing step was due, if it has a deadline.
	Due    civil.Date
	Detail string
}

// Find returns the child's entries on a list.
func (r Rules) Find(l List, cr *domain.ChildRecord, w Window) []Exception {
	def, ok := lists[l]
	if !ok {
		return nil
	}
	found := def.find(r, cr, w)
	for i := range found {
		found[i].List = l
		found[i].Child = worklist.Child{ID: cr.Person.ID, Name: cr.Person.Name(), LAChildID: cr.Person.LAChildID}
	}
	return found
}

// openReferral is the child's referral open on day, the latest if several.
func openReferral(cr *domain.ChildRecord, day civil.Date) *domain.Referral {
	var open *domain.Referral
	for i := range cr.Referrals {
		r := &cr.Referrals[i]
		if openOn(r.ReferralDate, r.CloseDate, day) && (open == nil || r.ReferralDate.After(open.ReferralDate)) {
			open = r
		}
	}
	return open
}

// onPlanOrInCare reports whether the child was on a child protection plan
// or looked after on day: such a child's plan is that plan, not a child in
// need plan.
func onPlanOrInCare(cr *domain.ChildRecord, day civil.Date) bool {
	for i := range cr.CPPlans {
		if p := &cr.CPPlans[i]; openOn(p.StartDate, p.EndDate, day) {
			return true
		}
	}
	for i := range cr.CareEpisodes {
		if e := &cr.CareEpisodes[i]; openOn(e.StartDate, e.EndDate, day) {
			return true
		}
	}
	return false
}

// needFound is the latest day in an episode that a child was found in
// need: an assessment whose outcome is services, an enquiry that found
// concerns but no need for a conference, a conference that made no plan
// but found the child in need, or the end of a child protection plan with
// the case still open (a step down).
func needFound(cr *domain.ChildRecord, ref *domain.Referral, day civil.Date) (civil.Date, worklist.Ref) {
	var on civil.Date
	var by worklist.Ref
	found := func(d civil.Date, rec domain.Record) {
		if !d.IsZero() && !d.After(day) && !d.Before(on) {
			on, by = d, worklist.RefOf(rec)
		}
	}
	for i := range cr.Assessments {
		a := &cr.Assessments[i]
		if a.ReferralID == ref.ID && InNeed(a) && !slices.Contains(a.Outcomes, "private_fostering") {
			found(cmp.Or(a.AuthorisedDate, a.CompletedDate), a)
		}
	}
	for i := range cr.Section47Enquiries {
		if e := &cr.Section47Enquiries[i]; e.ReferralID == ref.ID && e.Outcome == "substantiated_no_icpc" {
			found(e.EndDate, e)
		}
	}
	for i := range cr.Conferences {
		if c := &cr.Conferences[i]; c.ReferralID == ref.ID && c.Decision == "no_plan_cin" {
			found(c.Date, c)
		}
	}
	for i := range cr.CPPlans {
		if p := &cr.CPPlans[i]; p.ReferralID == ref.ID && !p.EndDate.IsZero() {
			found(p.EndDate, p)
		}
	}
	return on, by
}

// inNeedWithoutPlan: AC-11. A child found in need has a child in need plan
// signed off by a manager; a draft does not count (XC-03), but is shown.
func (r Rules) inNeedWithoutPlan(cr *domain.ChildRecord, w Window) []Exception {
	day := w.To
	ref := openReferral(cr, day)
	if ref == nil || onPlanOrInCare(cr, day) {
		return nil
	}
	found, by := needFound(cr, ref, day)
	if found.IsZero() {
		return nil
	}
	var draft *domain.CINPlan
	for i := range cr.CINPlans {
		p := &cr.CINPlans[i]
		if !openOn(p.StartDate, p.EndDate, day) {
			continue
		}
		if CINPlanSignedOff(p, day) {
			return nil
		}
		draft = p
	}
	e := Exception{Record: by, Date: found, Due: r.Calendar.AddWorkingDays(found, CINPlanDueWD),
		Detail: "Found in need on " + found.Long() + "; no child in need plan"}
	if draft != nil {
		e.Record = worklist.RefOf(draft)
		e.Detail = "Found in need on " + found.Long() + "; the plan started on " + draft.StartDate.Long() + " is not signed off"
	}
	return []Exception{e}
}

// overdue turns the engine's overdue items of a rule set into exceptions.
func (r Rules) overdue(cr *domain.ChildRecord, w Window, set ruleSet) []Exception {
	var out []Exception
	for _, it := range r.items(cr, w.To, set) {
		if it.Status != timescales.Overdue {
			continue
		}
		ref, _ := worklist.ParseRef(it.RootRef)
		out = append(out, Exception{Record: ref, Date: it.Start, Due: it.Due, Detail: it.Explanation})
	}
	return out
}

// notSeen: AC-13, AC-19. The next visit at the local frequency is overdue.
func (r Rules) notSeen(cr *domain.ChildRecord, w Window) []Exception {
	return r.overdue(cr, w, visitRules)
}

// conferenceOverdue: AC-14, AC-16. An initial conference is not overdue
// once the case has closed: an enquiry left without an outcome is on the
// list of those instead.
func (r Rules) conferenceOverdue(cr *domain.ChildRecord, w Window) []Exception {
	found := r.overdue(cr, w, conferenceRules)
	return slices.DeleteFunc(found, func(e Exception) bool {
		if e.Record.Kind != "section47_enquiry" {
			return false
		}
		for i := range cr.Section47Enquiries {
			if s := &cr.Section47Enquiries[i]; s.ID == e.Record.ID {
				for j := range cr.Referrals {
					if ref := &cr.Referrals[j]; ref.ID == s.ReferralID {
						return !openOn(ref.ReferralDate, ref.CloseDate, w.To)
					}
				}
			}
		}
		return false
	})
}

// coreGroupOverdue: AC-18.
func (r Rules) coreGroupOverdue(cr *domain.ChildRecord, w Window) []Exception {
	return r.overdue(cr, w, coreGroupRules)
}

// s47WithoutOutcome: AC-03. An enquiry that ended in the period with no
// outcome is a recording gap; an open one past its outcome's due day is
// delay.
func (r Rules) s47WithoutOutcome(cr *domain.ChildRecord, w Window) []Exception {
	var out []Exception
	due := map[string]civil.Date{}
	for _, it := range r.items(cr, w.To, s47Rules) {
		due[it.RootRef] = it.Due
	}
	for i := range cr.Section47Enquiries {
		e := &cr.Section47Enquiries[i]
		if e.Outcome != "" || e.StartDate.After(w.To) {
			continue
		}
		ref := worklist.RefOf(e)
		ex := Exception{Record: ref, Date: e.StartDate, Due: due[ref.String()]}
		switch {
		case !e.EndDate.IsZero() && !e.EndDate.After(w.To):
			if !w.contains(e.EndDate) {
				continue
			}
			ex.Detail = "Ended on " + e.EndDate.Long() + " with no outcome recorded"
		case !ex.Due.IsZero() && w.To.After(ex.Due):
			ex.Detail = fmt.Sprintf("Started on %s; outcome due %s, %s ago", e.StartDate.Long(), ex.Due.Long(), days(w.To.DaysSince(ex.Due)))
		default:
			continue
		}
		out = append(out, ex)
	}
	return out
}

// strategyMissingAgency: AC-01.
func (r Rules) strategyMissingAgency(cr *domain.ChildRecord, w Window) []Exception {
	var out []Exception
	for i := range cr.StrategyDiscussions {
		s := &cr.StrategyDiscussions[i]
		held := DayOf(s.HeldAt)
		missing := s.MissingAgencies()
		if !w.contains(held) || len(missing) == 0 || s.MissingAgencyReason != "" {
			continue
		}
		out = append(out, Exception{Record: worklist.RefOf(s), Date: held,
			Detail: "Without " + agencyNames(missing) + "; no reason recorded"})
	}
	return out
}

// planWithoutActions: AC-12. Each child protection and child in need plan
// in force has a current written plan whose actions are SMART; a plan has
// 10 working days from its start to be written.
func (r Rules) planWithoutActions(cr *domain.ChildRecord, w Window) []Exception {
	day := w.To
	var out []Exception
	check := func(rec domain.Record, start civil.Date, written []*domain.Plan, what string) {
		due := r.Calendar.AddWorkingDays(start, CINPlanDueWD)
		if !day.After(due) {
			return
		}
		ex := Exception{Record: worklist.RefOf(rec), Date: start, Due: due}
		plan := currentPlan(written, day)
		if plan == nil {
			ex.Detail = "The " + what + " started on " + start.Long() + " has no written plan"
			out = append(out, ex)
			return
		}
		ex.Record = worklist.RefOf(plan)
		actions := ActionsOf(cr, plan)
		notSMART := 0
		for _, a := range actions {
			if !SMART(a) {
				notSMART++
			}
		}
		switch {
		case len(actions) == 0:
			ex.Detail = "The written " + what + " has no actions"
		case notSMART > 0:
			ex.Detail = fmt.Sprintf("%d of the written %s's %d actions %s not SMART", notSMART, what, len(actions), verb(notSMART, "is", "are"))
		default:
			return
		}
		out = append(out, ex)
	}
	for i := range cr.CPPlans {
		if p := &cr.CPPlans[i]; !p.OtherAuthority && openOn(p.StartDate, p.EndDate, day) {
			check(p, p.StartDate, writtenPlans(cr, 0, p.ID), "child protection plan")
		}
	}
	for i := range cr.CINPlans {
		if p := &cr.CINPlans[i]; openOn(p.StartDate, p.EndDate, day) {
			check(p, p.StartDate, writtenPlans(cr, p.ID, 0), "child in need plan")
		}
	}
	for i := range cr.Plans {
		if p := &cr.Plans[i]; (p.Type == "cin" || p.Type == "cp") && p.CINPlanID == 0 && p.CPPlanID == 0 && openOn(p.StartDate, p.EndDate, day) {
			check(p, p.StartDate, []*domain.Plan{p}, planTypeName(p.Type))
		}
	}
	return out
}

// closedAfterAssessment are the closure reasons of a case closed after its
// assessment.
var closedAfterAssessment = []string{"RC8", "RC9"}

// closedThenReReferred: FD-07. A referral in the period within 12 months
// of the child's case closing after an assessment.
func (r Rules) closedThenReReferred(cr *domain.ChildRecord, w Window) []Exception {
	var out []Exception
	for i := range cr.Referrals {
		ref := &cr.Referrals[i]
		if !w.contains(ref.ReferralDate) {
			continue
		}
		var prev *domain.Referral
		for j := range cr.Referrals {
			p := &cr.Referrals[j]
			if p.ID == ref.ID || !slices.Contains(closedAfterAssessment, p.CloseReason) || p.CloseDate.After(ref.ReferralDate) ||
				ref.ReferralDate.After(p.CloseDate.AddMonths(ReReferralMonths)) {
				continue
			}
			if prev == nil || p.CloseDate.After(prev.CloseDate) {
				prev = p
			}
		}
		if prev == nil {
			continue
		}
		list, _ := codes.Lookup(codes.ReasonForClosure)
		detail := fmt.Sprintf("Closed on %s (%s), re-referred %s later", prev.CloseDate.Long(),
			lowerFirst(list.Describe(prev.CloseReason)), days(ref.ReferralDate.DaysSince(prev.CloseDate)))
		if wd := r.Calendar.WorkingDaysBetween(prev.ReferralDate, prev.CloseDate); wd <= EarlyClosureWD {
			detail += fmt.Sprintf("; that case closed %s after its referral", pluralDays(wd, "working day"))
		}
		out = append(out, Exception{Record: worklist.RefOf(ref), Date: ref.ReferralDate, Detail: detail})
	}
	return out
}

func days(n int) string { return pluralDays(n, "day") }

func pluralDays(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return fmt.Sprintf("%d %ss", n, unit)
}
