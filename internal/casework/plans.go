package casework

import (
	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/domain"
)

// ActionsOf returns a written plan's actions.
func ActionsOf(cr *domain.ChildRecord, plan *domain.Plan) []*domain.PlanAction {
	var out []*domain.PlanAction
	for i := range cr.PlanActions {
		if a := &cr.PlanActions[i]; a.PlanID == plan.ID {
			out = append(out, a)
		}
	}
	return out
}

// SMART reports whether an action says what will be done, by whom, by when
// and how everyone will know, with where it stands (AC-12). Storage insists
// on each of them for new actions; imported ones may lack them.
func SMART(a *domain.PlanAction) bool {
	return a.What != "" && a.Who != "" && !a.ByWhen.IsZero() && a.HowWeWillKnow != "" && a.Status != ""
}

// hasSMARTActions reports whether a plan has actions, all of them SMART.
func hasSMARTActions(cr *domain.ChildRecord, plan *domain.Plan) bool {
	actions := ActionsOf(cr, plan)
	for _, a := range actions {
		if !SMART(a) {
			return false
		}
	}
	return len(actions) > 0
}

// CheckPlanAuthorisation is the check on authorising a written plan (AC-12,
// XC-03): it has SMART actions, the child's own words (or, for a child too
// young to give them, what was observed), a summary in plain language for
// the family, and the manager authorising it.
func CheckPlanAuthorisation(cr *domain.ChildRecord, p *domain.Plan) []domain.FieldError {
	var errs fieldErrors
	errs.require(!hasSMARTActions(cr, p), "actions",
		"Add at least one action saying what will be done, by whom, by when and how everyone will know")
	errs.require(p.ChildsWords == "", "childs_words", "Enter the child's own words, or what was observed for a child too young to say")
	errs.require(p.Summary == "", "summary", "Enter a summary of the plan in plain language for the family")
	errs.require(p.AuthorisedByID == 0, "authorised_by_id", "Select the manager who authorised the plan")
	return errs
}

// writtenPlans returns the child's written plans for a CIN plan period (by
// its ID) or a CP plan (by its ID).
func writtenPlans(cr *domain.ChildRecord, cinPlanID, cpPlanID int64) []*domain.Plan {
	var out []*domain.Plan
	for i := range cr.Plans {
		p := &cr.Plans[i]
		if cinPlanID != 0 && p.CINPlanID == cinPlanID || cpPlanID != 0 && p.CPPlanID == cpPlanID {
			out = append(out, p)
		}
	}
	return out
}

// currentPlan is the written plan in force on day, the latest started.
func currentPlan(plans []*domain.Plan, day civil.Date) *domain.Plan {
	var cur *domain.Plan
	for _, p := range plans {
		if openOn(p.StartDate, p.EndDate, day) && (cur == nil || !p.StartDate.Before(cur.StartDate)) {
			cur = p
		}
	}
	return cur
}

// CheckCINPlanSignOff is the check on a manager signing off a child in need
// plan (AC-11, XC-03): who signed it, and a written plan with SMART actions.
func CheckCINPlanSignOff(cr *domain.ChildRecord, p *domain.CINPlan) []domain.FieldError {
	var errs fieldErrors
	errs.require(p.SignedOffByID == 0, "signed_off_by_id", "Select the manager who signed off the plan")
	written := currentPlan(writtenPlans(cr, p.ID, 0), p.SignedOffDate)
	errs.require(written == nil || !hasSMARTActions(cr, written), "signed_off_date",
		"Write the plan with at least one SMART action before signing it off")
	return errs
}

// CINPlanSignedOff reports whether a child in need plan counts: only a plan
// signed off by a manager does (AC-11, XC-03).
func CINPlanSignedOff(p *domain.CINPlan, on civil.Date) bool {
	return !p.SignedOffDate.IsZero() && !p.SignedOffDate.After(on)
}
