package casework

import (
	"slices"
	"time"
	_ "time/tzdata" // dates in England whatever the host holds

	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/domain"
	"github.com/waymark-care/waymark/internal/timescales"
	"github.com/waymark-care/waymark/internal/worklist"
)

// Rules applies the workflow with an authority's calendar, local standards
// and timescales: the same Engine the worklists use, so a deadline is worked
// out in one place (package timescales).
type Rules struct {
	worklist.Engine
	// sets are the engine's rules in each rule set, in the engine's order
	// so that each chain's rows stay together.
	sets [ruleSets][]timescales.Rule
	// Training is the authority's workers' training records, for the
	// checks on who leads a section 47 enquiry (AC-04); nil if not read.
	Training []domain.TrainingRecord
}

// New returns the workflow rules of an engine.
func New(e worklist.Engine) Rules {
	r := Rules{Engine: e}
	for set, ids := range ruleSetIDs {
		for _, rule := range e.Rules {
			if slices.Contains(ids, rule.ID) {
				r.sets[set] = append(r.sets[set], rule)
			}
		}
	}
	return r
}

// Default is the national rules with the default local standards and the
// bundled calendar.
func Default() Rules { return New(worklist.DefaultEngine()) }

// Fixed timescales of the workflow. The statutory ones come from Working
// Together (timescales.md); the others are the defaults requirements.md
// suggests for local standards that package timescales does not yet hold.
const (
	// ContactDecisionWD: a contact is screened within one working day (FD-02).
	ContactDecisionWD = 1
	// AssessmentWD: a child and family assessment takes at most 45 working
	// days; a longer one records why (CP-2, AC-05).
	AssessmentWD = 45
	// ICPCWD: the initial conference is held within 15 working days of the
	// strategy discussion that started the enquiry (CP-5, AC-14).
	ICPCWD = 15
	// CINPlanDueWD: a child assessed as in need has a plan within 10 working
	// days of the assessment's authorisation (AC-11, default
	// cin.plan_due_wd).
	CINPlanDueWD = 10
	// ClosureSeenWD: a child is seen within 10 working days before their
	// case closes, or the closure says why not (FD-08, default
	// closure.seen_within_wd).
	ClosureSeenWD = 10
	// EarlyClosureWD: an episode closed within 10 working days of its
	// referral is a possibly premature closure (FD-07, default
	// closure.early_days).
	EarlyClosureWD = 10
	// ReReferralMonths: a referral within 12 months of a previous one is a
	// re-referral (S-1, DfE definition).
	ReReferralMonths = 12
)

// london is where a recorded instant falls on a day: a contact at 00:30 BST
// on 1 April was received on 1 April, not 31 March.
var london = func() *time.Location {
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		panic("casework: " + err.Error())
	}
	return loc
}()

// DayOf returns the day in England of an instant; the zero time is the zero
// date.
func DayOf(t time.Time) civil.Date {
	if t.IsZero() {
		return civil.Date{}
	}
	return civil.OfTime(t.In(london))
}

// fieldErrors collects field errors in the order the form shows the fields.
type fieldErrors []domain.FieldError

func (e *fieldErrors) add(field, message string) {
	*e = append(*e, domain.FieldError{Field: field, Message: message})
}

// require adds an error when a value is missing.
func (e *fieldErrors) require(missing bool, field, message string) {
	if missing {
		e.add(field, message)
	}
}

// openOn reports whether a period from start to end (zero: still open)
// includes day.
func openOn(start, end, day civil.Date) bool {
	return !start.IsZero() && !start.After(day) && (end.IsZero() || !end.Before(day))
}

// isTrue reads an optional answer.
func isTrue(p *bool) bool { return p != nil && *p }

// ruleSet names a subset of the timescales rules the workflow reads.
type ruleSet int

const (
	icpcRules       ruleSet = iota // CP-5
	s47Rules                       // CP-4
	visitRules                     // CP-9, CP-10a
	conferenceRules                // CP-5, CP-7, CP-8a, CP-8
	coreGroupRules                 // CP-6, CP-6a
	strategyRules                  // CP-3
	ruleSets
)

var ruleSetIDs = [ruleSets][]string{
	icpcRules:       {"CP-5"},
	s47Rules:        {"CP-4"},
	visitRules:      {"CP-9", "CP-10a"},
	conferenceRules: {"CP-5", "CP-7", "CP-8a", "CP-8"},
	coreGroupRules:  {"CP-6", "CP-6a"},
	strategyRules:   {"CP-3"},
}

// items evaluates the child's record with only the rules of a set: the
// engine's deadlines for those rules as at asOf.
func (r Rules) items(cr *domain.ChildRecord, asOf civil.Date, set ruleSet) []timescales.Item {
	return timescales.Evaluate(worklist.CaseOf(cr), asOf, r.sets[set], r.Policy, r.Calendar)
}
