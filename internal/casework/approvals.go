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

// ApprovalKinds are what the queue reads.
var ApprovalKinds = []string{"referral", "assessment", "section47_enquiry", "conference", "cin_plan", "cp_plan",
	"care_episode", "plan", "plan_action", "visit"}

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
			add(a, "Assessment", a.CompletedDate, r.CheckAssessment(cr, a, nil))
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
func (r Rules) BuildQueue(ctx context.Context, load Loader, w Window, f Filter, dir *worklist.Directory) (*Queue, error) {
	q := &Queue{Window: w, Filter: f, ByWhat: map[string]int{}}
	in := filterOf(f, dir)
	err := load(ctx, w.From, w.To, []string{"assessment", "cin_plan", "plan", "referral"}, columns(ApprovalKinds, allocationKinds), func(batch []*domain.ChildRecord) error {
		for _, cr := range batch {
			found := r.Approvals(cr, w)
			if len(found) == 0 {
				continue
			}
			a := dir.AllocatedOn(cr, w.To)
			if !in(a) {
				continue
			}
			if f.Sees != nil && !f.Sees(cr) {
				q.Withheld += len(found)
				continue
			}
			for _, ap := range found {
				q.Rows = append(q.Rows, ApprovalRow{Approval: ap, Allocation: a, Team: dir.TeamName(a.TeamID), Worker: dir.ProfessionalName(a.ProfessionalID)})
				q.ByWhat[ap.What]++
			}
		}
		return ctx.Err()
	})
	slices.SortStableFunc(q.Rows, func(a, b ApprovalRow) int { return a.Since.Compare(b.Since) })
	return q, err
}
