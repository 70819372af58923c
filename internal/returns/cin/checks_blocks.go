package cin

import (
	"slices"
	"strconv"
	"strings"

	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/codes"
)

// Rules on assessments, CIN plans, section 47 enquiries and child
// protection plans.

// factorsBeforeCompletion (8614): factors only on a completed assessment.
func factorsBeforeCompletion(v *visit) {
	assessments(v.c, func(a at, _ *CINdetails, x *Assessment) {
		if !x.AssessmentAuthorisationDate.Present() && len(x.Factors()) > 0 {
			v.flag(a, x.Ref, "AssessmentFactors %s are given for an assessment with no AssessmentAuthorisationDate", strings.Join(x.Factors(), ", "))
		}
	})
}

// assessmentLate (8670Q): an assessment still open at the reference date
// started no more than 45 working days before it.
func assessmentLate(v *visit) {
	limit := v.assessmentLimit
	assessments(v.c, func(a at, _ *CINdetails, x *Assessment) {
		if s := x.AssessmentActualStartDate; !x.AssessmentAuthorisationDate.Present() && s.Valid() && s.Value.Before(limit) {
			v.flag(a, x.Ref, "AssessmentActualStartDate %s is before %s (45 working days before the reference date) and the assessment is not completed", s.Text, limit)
		}
	})
}

// openAssessmentStartedBeforeYear (8736): an assessment not completed
// started within the census year.
func openAssessmentStartedBeforeYear(v *visit) {
	assessments(v.c, func(a at, _ *CINdetails, x *Assessment) {
		if s := x.AssessmentActualStartDate; !x.AssessmentAuthorisationDate.Present() && (!s.Valid() || !v.period.Contains(s.Value)) {
			v.flag(a, x.Ref, "the assessment is not completed and AssessmentActualStartDate %q is outside the census year %s to %s", s.Text, v.period.Start, v.period.End)
		}
	})
}

// closedWithOpenAssessment (8867).
func closedWithOpenAssessment(v *visit) {
	assessments(v.c, func(a at, ep *CINdetails, x *Assessment) {
		if ep.CINclosureDate.Present() && !x.AssessmentAuthorisationDate.Present() {
			v.flag(a, x.Ref, "the episode closed %s but the assessment has no AssessmentAuthorisationDate", ep.CINclosureDate.Text)
		}
	})
}

// noFactorsAlone (8869): factor 21 (no factors identified) stands alone.
func noFactorsAlone(v *visit) {
	assessments(v.c, func(a at, _ *CINdetails, x *Assessment) {
		if fs := x.Factors(); slices.Contains(fs, "21") && len(fs) > 1 {
			v.flag(a, x.Ref, "AssessmentFactors are %s", strings.Join(fs, ", "))
		}
	})
}

// noFactorsClosure (8873Q): an episode whose only assessment found no
// factors (21) closes after assessment (RC8, RC9).
func noFactorsClosure(v *visit) {
	for e, ep := range v.c.CINdetails {
		if len(ep.Assessments) == 1 && slices.Contains(ep.Assessments[0].Factors(), "21") && !closedAfterAssessment(&ep) {
			v.flag(at{e: e}, ep.Ref, "the only assessment found no factors (21) and ReasonForClosure is %q", ep.ReasonForClosure)
		}
	}
}

var factorList, _ = codes.Lookup(codes.AssessmentFactor)

// factorsMissing (8897Q): an assessment completed in the year records at
// least one factor, each a known code (the obsolete 18A and 19A have
// queries of their own).
func factorsMissing(v *visit) {
	assessments(v.c, func(a at, _ *CINdetails, x *Assessment) {
		end := x.AssessmentAuthorisationDate
		if !end.Valid() || end.Value.Before(v.period.Start) {
			return
		}
		if len(x.Factors()) == 0 {
			v.flag(a, x.Ref, "the assessment was completed %s and records no AssessmentFactors", end.Text)
		}
		for _, f := range x.Factors() {
			if factorList.Describe(f) == "" {
				v.flag(a, x.Ref, "AssessmentFactors %q is not an assessment factor code", f)
			}
		}
	})
}

// obsoleteFactor (8945Q, 8950Q).
func obsoleteFactor(code string) func(v *visit) {
	return func(v *visit) {
		assessments(v.c, func(a at, _ *CINdetails, x *Assessment) {
			if slices.ContainsFunc(x.Factors(), func(f string) bool { return strings.EqualFold(f, code) }) {
				v.flag(a, x.Ref, "AssessmentFactors include %s", code)
			}
		})
	}
}

// enquiryWithoutAssessment (2991Q).
func enquiryWithoutAssessment(v *visit) {
	for e, ep := range v.c.CINdetails {
		if len(ep.Section47) > 0 && len(ep.Assessments) == 0 {
			v.flag(at{e: e}, ep.Ref, "the episode has a section 47 enquiry and no assessment")
		}
	}
}

// openCINPlanAndCPPlan (4001): an episode does not have an open CIN plan
// and an open child protection plan.
func openCINPlanAndCPPlan(v *visit) {
	for e, ep := range v.c.CINdetails {
		openCP := slices.ContainsFunc(ep.ChildProtectionPlans, func(p ChildProtectionPlan) bool { return !p.CPPendDate.Present() })
		for i, p := range ep.CINPlanDates {
			if openCP && p.CINPlanStartDate.Present() && !p.CINPlanEndDate.Present() {
				v.flag(at{e: e, block: "CINPlanDates", i: i}, p.Ref, "the CIN plan from %s and a child protection plan are both open", p.CINPlanStartDate.Text)
			}
		}
	}
}

// reviewDuringCINPlan (4003): within an episode no child protection review
// is held while a CIN plan runs, unless on the day the protection plan ends.
func reviewDuringCINPlan(v *visit) {
	for e, ep := range v.c.CINdetails {
		for i, p := range ep.ChildProtectionPlans {
			for k, r := range p.ReviewDates() {
				if !r.Valid() || p.CPPendDate.Valid() && r.Value == p.CPPendDate.Value {
					continue
				}
				for _, c := range ep.CINPlanDates {
					s, end := c.CINPlanStartDate, c.CINPlanEndDate
					if s.Valid() && end.Valid() && !r.Value.Before(s.Value) && r.Value.Before(end.Value) {
						v.flag(reviewAt(e, i, k), p.Ref, "CPPreviewDate %s falls within the CIN plan from %s to %s", r.Text, s.Text, end.Text)
						break
					}
				}
			}
		}
	}
}

func reviewAt(e, i, k int) at {
	return at{e: e, block: "ChildProtectionPlans", i: i, sub: "/Reviews/CPPreviewDate[" + strconv.Itoa(k+1) + "]"}
}

// cinPlanOneDay (4012Q), cpPlanOneDay (8840): a plan does not start and end
// on the same day.
func cinPlanOneDay(v *visit) {
	cinPlans(v.c, func(a at, _ *CINdetails, x *CINPlanDates) {
		sameDay(v, a, x.Ref, x.CINPlanStartDate, x.CINPlanEndDate)
	})
}

func cpPlanOneDay(v *visit) {
	cpPlans(v.c, func(a at, _ *CINdetails, x *ChildProtectionPlan) {
		sameDay(v, a, x.Ref, x.CPPstartDate, x.CPPendDate)
	})
}

func sameDay(v *visit, a at, ref Ref, start, end Date) {
	if start.Valid() && end.Valid() && start.Value == end.Value {
		v.flag(a, ref, "the plan starts and ends on %s", start.Text)
	}
}

// startsWithin reports whether a block starting on s starts while another,
// from start to end, runs: on or after its start and before its end, or up
// to the reference date when it has no end. Starting on its end day is
// allowed: one plan may follow another that day.
func startsWithin(s, start, end Date, ref civil.Date) bool {
	if !s.Valid() || !start.Valid() || s.Value.Before(start.Value) {
		return false
	}
	if end.Valid() {
		return s.Value.Before(end.Value)
	}
	return !end.Present() && !s.Value.After(ref)
}

// cinPlanStartsDuringCPPlan (4016).
func cinPlanStartsDuringCPPlan(v *visit) {
	cinPlans(v.c, func(a at, _ *CINdetails, c *CINPlanDates) {
		cpPlans(v.c, func(_ at, _ *CINdetails, p *ChildProtectionPlan) {
			if startsWithin(c.CINPlanStartDate, p.CPPstartDate, p.CPPendDate, v.period.End) {
				v.flag(a, c.Ref, "CINPlanStartDate %s falls within the child protection plan from %s to %s", c.CINPlanStartDate.Text, p.CPPstartDate.Text, orReference(p.CPPendDate, v.period.End))
			}
		})
	})
}

// cpPlanStartsDuringCINPlan (4017).
func cpPlanStartsDuringCINPlan(v *visit) {
	cpPlans(v.c, func(a at, _ *CINdetails, p *ChildProtectionPlan) {
		cinPlans(v.c, func(_ at, _ *CINdetails, c *CINPlanDates) {
			if startsWithin(p.CPPstartDate, c.CINPlanStartDate, c.CINPlanEndDate, v.period.End) {
				v.flag(a, p.Ref, "CPPstartDate %s falls within the CIN plan from %s to %s", p.CPPstartDate.Text, c.CINPlanStartDate.Text, orReference(c.CINPlanEndDate, v.period.End))
			}
		})
	})
}

// enquiryAfterConference (8615): an enquiry with an initial conference has
// a start date on or before it.
func enquiryAfterConference(v *visit) {
	enquiries(v.c, func(a at, _ *CINdetails, x *Section47) {
		switch icpc, s := x.DateOfInitialCPC, x.S47ActualStartDate; {
		case !icpc.Valid():
		case !s.Valid():
			v.flag(a, x.Ref, "DateOfInitialCPC %s is given without an S47ActualStartDate", icpc.Text)
		case s.Value.After(icpc.Value):
			v.flag(a, x.Ref, "S47ActualStartDate %s is after DateOfInitialCPC %s", s.Text, icpc.Text)
		}
	})
}

// conferenceLate (8675Q): an enquiry still waiting for its conference at
// the reference date started no more than 15 working days before it.
func conferenceLate(v *visit) {
	limit := v.conferenceLimit
	enquiries(v.c, func(a at, _ *CINdetails, x *Section47) {
		if s := x.S47ActualStartDate; !x.DateOfInitialCPC.Present() && x.ICPCnotRequired.False() && s.Valid() && s.Value.Before(limit) {
			v.flag(a, x.Ref, "S47ActualStartDate %s is before %s (15 working days before the reference date) and no initial conference is recorded", s.Text, limit)
		}
	})
}

// openEnquiryStartedBeforeYear (8740): an enquiry still waiting for its
// conference at the reference date started within the census year.
func openEnquiryStartedBeforeYear(v *visit) {
	enquiries(v.c, func(a at, _ *CINdetails, x *Section47) {
		if s := x.S47ActualStartDate; !x.DateOfInitialCPC.Present() && x.ICPCnotRequired.False() && s.Valid() && !v.period.Contains(s.Value) {
			v.flag(a, x.Ref, "the enquiry has no initial conference and S47ActualStartDate %s is outside the census year %s to %s", s.Text, v.period.Start, v.period.End)
		}
	})
}

// closedWithOpenEnquiry (8868): in a closed episode each enquiry has either
// its conference date or ICPCnotRequired true, not both and not neither.
func closedWithOpenEnquiry(v *visit) {
	enquiries(v.c, func(a at, ep *CINdetails, x *Section47) {
		if !ep.CINclosureDate.Present() {
			return
		}
		switch held, notNeeded := x.DateOfInitialCPC.Present(), x.ICPCnotRequired.True(); {
		case !held && !notNeeded:
			v.flag(a, x.Ref, "the episode closed %s but the enquiry has neither a DateOfInitialCPC nor ICPCnotRequired true", ep.CINclosureDate.Text)
		case held && notNeeded:
			v.flag(a, x.Ref, "the enquiry has both a DateOfInitialCPC and ICPCnotRequired true")
		}
	})
}

// reviewAfterPlanStart (8841): reviews come after the plan starts.
func reviewAfterPlanStart(v *visit) {
	cpPlans(v.c, func(a at, _ *CINdetails, p *ChildProtectionPlan) {
		for k, r := range p.ReviewDates() {
			if r.Valid() && p.CPPstartDate.Valid() && !r.Value.After(p.CPPstartDate.Value) {
				v.flag(reviewAt(a.e, a.i, k), p.Ref, "CPPreviewDate %s is on or before CPPstartDate %s", r.Text, p.CPPstartDate.Text)
			}
		}
	})
}

// reviewDateMissing (8842Q): a Reviews group holds review dates.
func reviewDateMissing(v *visit) {
	cpPlans(v.c, func(a at, _ *CINdetails, p *ChildProtectionPlan) {
		if p.Reviews == nil {
			return
		}
		if len(p.Reviews.CPPreviewDate) == 0 {
			v.flag(at{e: a.e, block: a.block, i: a.i, sub: "/Reviews"}, p.Ref, "Reviews holds no CPPreviewDate")
		}
		for k, r := range p.Reviews.CPPreviewDate {
			if !r.Valid() {
				v.flag(reviewAt(a.e, a.i, k), p.Ref, "CPPreviewDate %q is not a date", r.Text)
			}
		}
	})
}
