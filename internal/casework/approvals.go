package casework

import (
	"context"
	"slices"

	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/domain"
	"github.com/waymark-care/waymark/internal/worklist"
)

// Approval is something waiting for a manager (XC-03): a completed
// assessment to authorise, a written plan to authorise, a child in need plan
// to sign off, or a closure to authorise.
type Approval struct {
	Child  worklist.Child
	Record worklist.Ref
	// What is waiting, in words: "Assessment", "Child in need plan".
	What string
	// Since is when it was ready for a manager: the assessment's completion,
	// the plan's start, the closure.
	Since civil.Date
	// Waiting is how many working days it has waited on the queue's day.
	Waiting int
	// Blockers are the checks it fails: it cannot be approved until they
	// are put right.
	Blockers []domain.FieldError
}

// approvalColumns are what the queue reads: what the checks of each item
// read, and who holds the case.
var approvalColumns = read(nil, map[string][]string{
	"referral": {"referral_date", "close_date", "close_reason", "closure_summary", "closure_not_seen_reason", "closure_authorised_date"},
	"assessment": {"referral_id", "start_date", "child_seen_date", "seen_alone", "not_seen_reason", "factors", "outcomes", "analysis",
		"completed_date", "authorised_date", "late_reason", "household_reason", "chronology_reviewed_date", "history_analysis", "family_summary", "neglect_tool_reason"},
	"assessment_source":   {"assessment_id"},
	"assessment_tool_use": {"assessment_id", "tool", "used_date"},
	"section47_enquiry":   {"referral_id", "start_date", "outcome"},
	"conference":          {"referral_id", "s47_enquiry_id", "conference_type", "conference_date"},
	"cin_plan":            {"referral_id", "start_date", "end_date", "signed_off_date"},
	"cp_plan":             {"referral_id", "start_date", "end_date", "other_authority"},
	"care_episode":        {"start_date", "end_date"},
	"plan":                {"plan_type", "cin_plan_id", "cp_plan_id", "start_date", "end_date", "childs_words", "summary", "authorised_date"},
	"plan_action":         {"plan_id", "what", "who", "by_when", "how_we_will_know", "status"},
	"visit":               {"visit_date", "seen"},
})

// Approvals returns the child's items waiting for a manager on the window's
// last day. Drafts wait however old they are; closures are listed if they
// were made in the window.
func (r Rules) Approvals(cr *domain.ChildRecord, w Window) []Approval {
	day := w.To
	var out []Approval
	add := func(rec domain.Record, what string, since civil.Date, blockers []domain.FieldError) {
		out = append(out, Approval{Child: worklist.Child{ID: cr.Person.ID, Name: cr.Person.Name(), LAChildID: cr.Person.LAChildID},
			Record: worklist.RefOf(rec), What: what, Since: since, Waiting: r.Calendar.WorkingDaysBetween(since, day), Blockers: blockers})
	}
	for i := range cr.Assessments {
		a := &cr.Assessments[i]
		if !a.CompletedDate.IsZero() && !a.CompletedDate.After(day) && a.AuthorisedDate.IsZero() {
			authorised := *a
			authorised.AuthorisedDate = day
			add(a, "Assessment", a.CompletedDate, r.CheckAssessmentAuthorisation(cr, &authorised, nil))
		}
	}
	for i := range cr.CINPlans {
		p := &cr.CINPlans[i]
		if openOn(p.StartDate, p.EndDate, day) && p.SignedOffDate.IsZero() {
			signed := *p
			signed.SignedOffDate = day
			add(p, "Child in need plan", p.StartDate, without(CheckCINPlanSignOff(cr, &signed), "signed_off_by_id"))
		}
	}
	for i := range cr.Plans {
		p := &cr.Plans[i]
		if (p.Type == "cin" || p.Type == "cp") && openOn(p.StartDate, p.EndDate, day) && p.AuthorisedDate.IsZero() {
			add(p, "Written "+planTypeName(p.Type), p.StartDate, without(CheckPlanAuthorisation(cr, p), "authorised_by_id"))
		}
	}
	for i := range cr.Referrals {
		ref := &cr.Referrals[i]
		if !ref.CloseDate.IsZero() && w.contains(ref.CloseDate) && ref.ClosureAuthorisedDate.IsZero() {
			add(ref, "Closure", ref.CloseDate, r.CheckClosure(cr, ref))
		}
	}
	return out
}

// without drops the errors about a field: the manager a queue is waiting
// for is not a blocker.
func without(errs []domain.FieldError, field string) []domain.FieldError {
	return slices.DeleteFunc(errs, func(e domain.FieldError) bool { return e.Field == field })
}

// ApprovalRow is an approval with who holds the child's case.
type ApprovalRow struct {
	Approval
	worklist.Allocation
	Team, Worker string
}

// Queue is the approvals waiting in a filter, longest waiting first.
type Queue struct {
	Window Window
	Filter Filter
	Rows   []ApprovalRow
	// ByWhat counts the rows by what is waiting.
	ByWhat map[string]int
	// Withheld counts the approvals about children the user may not see.
	Withheld int
}

// BuildQueue reads the open cases and returns the approvals waiting in a
// filter.
func (r Rules) BuildQueue(ctx context.Context, store Store, w Window, f Filter, dir *worklist.Directory) (*Queue, error) {
	q := &Queue{Window: w, Filter: f, ByWhat: map[string]int{}}
	var got []found[Approval]
	// Assessments, plans and closures all belong to referrals.
	err := eachChild(ctx, store, w.From, w.To, []string{"referral"}, approvalColumns, func(cr *domain.ChildRecord) {
		if as := r.Approvals(cr, w); len(as) > 0 {
			got = append(got, found[Approval]{cr.Person.ID, as})
		}
	})
	if err != nil {
		return nil, err
	}
	q.Withheld, err = holders(ctx, store, w.To, f, dir, got, nil, func(a worklist.Allocation, as []Approval) {
		for _, ap := range as {
			q.Rows = append(q.Rows, ApprovalRow{Approval: ap, Allocation: a, Team: dir.TeamName(a.TeamID), Worker: dir.ProfessionalName(a.ProfessionalID)})
			q.ByWhat[ap.What]++
		}
	})
	slices.SortStableFunc(q.Rows, func(a, b ApprovalRow) int { return a.Since.Compare(b.Since) })
	return q, err
}
