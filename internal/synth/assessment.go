package synth

import (
	"slices"
	"time"

	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/domain"
)

// Assessments and children in need: the single assessment, its outcome, and
// the child in need plan with its reviews and visits.

// assessmentDays is working days from start to authorisation: 92% within 45
// (F055).
var assessmentDays = spread{{0.02, 0, 0}, {0.12, 1, 10}, {0.18, 11, 20}, {0.22, 21, 30}, {0.24, 31, 40}, {0.14, 41, 45}, {0.06, 46, 60}, {0.02, 61, 90}}

// The report's recording failures in assessments (F057–F059): 252 of 1,660
// without the child recorded as seen. Unborn babies and same-day closures
// explain 46; the trust said the other 206 (12.8% of the rest) were seen but
// not recorded.
const seenNotRecorded = 0.128

func (s *sim) startAssessments(f *family) {
	f.assessing = true
	w := f.children[0].sw.w
	days := s.r.draw(assessmentDays)
	if f.route == "private_fostering" {
		days = s.r.between(5, 30)
	}
	for _, c := range f.children {
		c.asmt = &domain.Assessment{PersonID: c.p.ID, ReferralID: c.ref.ID, StartDate: s.today, TeamID: w.team.t.ID, ProfessionalID: w.p.ID}
		s.record(w, c.asmt)
	}
	// Some assessments find reasonable cause to suspect significant harm
	// part way through; more of those before a baby's birth.
	concern := 0.2
	if f.children[0].unborn(s.today) {
		concern = 0.6
	}
	if f.route == "" && days > 2 && s.r.chance(concern) {
		s.on(s.cal.AddWorkingDays(s.today, s.r.between(1, days-1)), func() {
			if f.assessing && !f.enquiring && f.stage == "assessment" {
				s.concernRaised(f)
			}
		})
	}
	s.on(s.cal.AddWorkingDays(s.today, days), func() { s.completeAssessments(f, days == 0) })
}

// completeAssessments authorises the family's assessments. Unless an
// enquiry is still running, the assessment decides what happens next.
func (s *sim) completeAssessments(f *family, sameDay bool) {
	f.assessing = false
	if f.outcome == "" && !f.enquiring && f.stage == "assessment" {
		f.outcome = s.assessmentOutcome(f)
	}
	outcomes := map[string][]string{
		"nfa": {"nfa"}, "other_agency": {"refer_other_agency"}, "cin": {"provide_services"},
		"short_breaks": {"provide_services", "short_breaks"}, "care": {"cla_request"}, "cp": {"strategy_discussion", "provide_services"},
		"private_fostering": {"private_fostering", "provide_services"},
	}[f.outcome]
	if f.enquiring {
		outcomes = []string{"strategy_discussion"}
	}
	for _, c := range f.children {
		s.authorise(c, outcomes, sameDay && f.outcome == "nfa")
	}
	s.conclude(f)
}

// authorise completes and authorises a child's open assessment.
func (s *sim) authorise(c *child, outcomes []string, closedSameDay bool) {
	a := c.asmt
	if a == nil {
		return
	}
	c.asmt = nil
	w := c.sw.w
	days := s.cal.WorkingDaysBetween(a.StartDate, s.today)
	a.AuthorisedDate, a.AuthorisedByID = s.today, w.team.manager.p.ID
	a.CompletedDate = s.cal.AddWorkingDays(s.today, -min(days, s.r.between(0, 2)))
	if a.CompletedDate.Before(a.StartDate) || a.CompletedDate.After(s.today) {
		a.CompletedDate = later(a.StartDate, s.today)
	}
	a.Outcomes = outcomes
	a.Factors = s.factors(c, slices.Contains(outcomes, "nfa"))
	if days > 45 {
		a.LateReason = oneOf(s.r, "Waiting for information from health.", "Family did not engage; visits cancelled.", "Worker absence; case reallocated.", "Specialist assessment awaited.")
	}
	switch {
	case c.unborn(s.today):
		a.NotSeenReason = "Unborn at the time of the assessment"
	case closedSameDay, s.r.chance(seenNotRecorded):
		// Seen, perhaps, but not recorded: what the inspectors found.
	default:
		a.ChildSeenDate = s.cal.AddWorkingDays(a.StartDate, min(days, s.r.between(0, 8)))
		a.SeenAlone = pick(s.r, choice[*bool]{{55, ptr(true)}, {30, ptr(false)}, {15, nil}})
		if c.age(s.today) < 4 && a.SeenAlone != nil {
			a.SeenAlone = ptr(false)
		}
	}
	a.Analysis = oneOf(s.r, "Parents love the children but their own difficulties mean care is inconsistent.",
		"Risks are reducing with support; protective factors include the grandparents.",
		"The child's needs are not being met; the impact of domestic abuse is significant.",
		"Low-level concerns that universal services can meet.")
	s.recordAssessment(c, a, w)
	s.amend(w, a)
}

// factors draws the CIN census assessment factors for a child: domestic
// abuse features in 55% of assessments (F042).
func (s *sim) factors(c *child, nfa bool) []string {
	da := 0.45
	if c.fam != nil && c.fam.da {
		da = 0.95
	}
	var fs []string
	if s.r.chance(da) {
		fs = append(fs, pick(s.r, choice[string]{{15, "3A"}, {75, "3B"}, {10, "3C"}}))
	}
	teen := c.age(s.today) >= 11
	for _, f := range []struct {
		p    float64
		code string
		teen bool
	}{
		{0.35, "4B", false}, {0.2, "2B", false}, {0.18, "1B", false}, {0.25, "16A", false}, {0.2, "17A", false},
		{0.07, "18C", false}, {0.04, "19C", false}, {0.1, "10A", true}, {0.1, "11A", true}, {0.06, "24A", true},
		{0.12, "15A", true}, {0.08, "14A", true}, {0.05, "4A", true}, {0.04, "7A", true}, {0.05, "6B", false}, {0.04, "5B", false},
	} {
		if (!f.teen || teen) && s.r.chance(f.p) {
			fs = append(fs, f.code)
		}
	}
	if c.disabled {
		fs = append(fs, "5A")
	}
	if c.fam != nil && c.fam.route == "private_fostering" {
		fs = append(fs, pick(s.r, choice[string]{{20, "8B"}, {10, "8C"}, {20, "8D"}, {40, "8E"}, {10, "8F"}}))
	}
	if len(fs) == 0 {
		if nfa {
			return []string{"21"}
		}
		return []string{"20"}
	}
	return fs
}

// assessmentOutcome decides what a completed assessment concludes: 38%
// close with no further action (F038).
func (s *sim) assessmentOutcome(f *family) string {
	switch f.route {
	case "disabled":
		return pick(s.r, choice[string]{{80, "short_breaks"}, {10, "cin"}, {10, "nfa"}})
	case "private_fostering":
		return "private_fostering"
	}
	return pick(s.r, choice[string]{{52, "nfa"}, {4, "other_agency"}, {41, "cin"}, {3, "care"}})
}

// conclude acts on what the assessment and any enquiry decided, once both
// are done.
func (s *sim) conclude(f *family) {
	if f.assessing || f.enquiring || len(f.children) == 0 {
		return
	}
	outcome := f.outcome
	f.outcome = ""
	if f.stage != "assessment" {
		return
	}
	kids := append([]*child(nil), f.children...)
	switch outcome {
	case "nfa", "other_agency":
		reason := "RC8"
		if outcome == "other_agency" {
			reason = "RC7"
		}
		toEarlyHelp := outcome == "nfa" && s.r.chance(0.12)
		if toEarlyHelp {
			reason = "RC9"
		}
		for _, c := range kids {
			ref := c.ref
			closing := reason
			if c.s47 != nil && c.s47.ReferralID == ref.ID {
				// RC8 is for an assessment alone, not after an enquiry.
				closing = "RC7"
			}
			s.closeCase(c, closing)
			if toEarlyHelp {
				s.stepDown(c, ref)
			}
		}
	case "cin", "short_breaks":
		s.startCIN(f)
	case "private_fostering":
		s.startPrivateFostering(f)
	case "care":
		s.enterCare(kids, "s20")
		// An unborn brother or sister stays, with a plan of their own.
		if len(f.children) > 0 {
			s.startCIN(f)
		}
	}
}

// cinPlan is a child in need plan period and its written plan. A child
// assessed as in need may have neither, or a draft nobody signed (F060).
type cinPlan struct {
	plan *domain.CINPlan
	doc  *planDoc
}

// How long child in need plans last, in days.
var (
	cinDays      = spread{{0.40, 90, 180}, {0.30, 181, 270}, {0.18, 271, 365}, {0.12, 366, 730}}
	disabledDays = spread{{0.5, 180, 540}, {0.5, 541, 1460}}
)

// startCIN starts child in need plans. Over a third of children in need
// have no authorised plan (F060): no plan written, or a draft never signed
// off.
func (s *sim) startCIN(f *family) {
	f.stage, f.gen = "cin", f.gen+1
	w := f.children[0].sw.w
	switch w.team.kind {
	case "children_in_need", "child_protection", "disabled_children":
	default:
		w = s.pickWorker("children_in_need")
		for _, c := range f.children {
			s.allocate(c, &c.sw, w, "allocated_social_worker", "TSPROC")
		}
	}
	for _, c := range f.children {
		c.cin = &cinPlan{}
		status := pick(s.r, choice[string]{{14, "none"}, {18, "draft"}, {20, "signed later"}, {48, "signed"}})
		if status == "none" {
			continue
		}
		plan := &domain.CINPlan{PersonID: c.p.ID, ReferralID: c.ref.ID, StartDate: s.today, TeamID: w.team.t.ID, ProfessionalID: w.p.ID}
		if status == "signed" {
			plan.SignedOffByID, plan.SignedOffDate = w.team.manager.p.ID, s.today
		}
		s.record(w, plan)
		c.cin.plan = plan
		c.cin.doc = s.writePlan(c, w, &domain.Plan{Type: "cin", CINPlanID: plan.ID}, status == "signed")
		if status == "signed later" {
			cin := c.cin
			s.on(s.workingDaysAfter(s.today, in(3, 20)), func() {
				if c.cin != cin {
					return
				}
				m := w.team.manager
				plan.SignedOffByID, plan.SignedOffDate = m.p.ID, s.today
				s.amend(m, plan)
				cin.doc.p.AuthorisedByID, cin.doc.p.AuthorisedDate = m.p.ID, s.today
				s.amend(m, cin.doc.p)
			})
		}
	}
	s.routine(f, in(28, 56), func() { s.visit(f, "cin") })
	s.routine(f, in(80, 100), func() { s.reviewCIN(f) })
	lasts := cinDays
	if f.route == "disabled" {
		lasts = disabledDays
	}
	gen := f.gen
	s.on(s.ends(lasts), func() {
		if f.gen == gen {
			s.endCIN(f)
		}
	})
	if f.route == "" {
		switch {
		case s.r.chance(0.12):
			s.on(s.ends(cinDays), func() {
				if f.gen == gen {
					s.concernRaised(f)
				}
			})
		case s.r.chance(0.025):
			s.on(s.ends(cinDays), func() {
				if f.gen == gen {
					s.familyBreakdown(f)
				}
			})
		}
	}
}

// reviewCIN is a child in need review.
func (s *sim) reviewCIN(f *family) {
	chair := f.children[0].sw.w.team.manager
	for _, c := range f.children {
		if c.cin != nil && c.cin.plan != nil {
			rv := &domain.CINPlanReview{PersonID: c.p.ID, CINPlanID: c.cin.plan.ID, Date: s.today, ChairID: chair.p.ID,
				Outcome: oneOf(s.r, "Plan continues; progress made.", "Plan continues; actions outstanding.", "Plan updated with new actions.")}
			s.record(chair, rv)
			s.reviewRecord(c, chair, rv)
		}
	}
}

// endCIN ends the family's child in need plans and closes their cases, some
// stepping down to early help.
func (s *sim) endCIN(f *family) {
	toEarlyHelp := s.r.chance(0.08)
	for _, c := range append([]*child(nil), f.children...) {
		ref := c.ref
		s.endPlans(c, "")
		s.closeCase(c, "RC7")
		if toEarlyHelp {
			s.stepDown(c, ref)
		}
	}
}

// endPlans ends a child's child in need and child protection plans.
func (s *sim) endPlans(c *child, reason string) {
	by := c.sw.w
	if p := c.cin; p != nil {
		c.cin = nil
		if p.plan != nil {
			p.plan.EndDate = s.today
			s.amend(by, p.plan)
			s.closePlan(p.doc, by)
		}
	}
	if p := c.cp; p != nil {
		c.cp = nil
		p.plan.EndDate, p.plan.EndReason = s.today, reason
		s.amend(by, p.plan)
		s.closePlan(p.doc, by)
	}
}

// visit is a statutory visit to each child of the family. Whether the child
// was seen alone is often left unrecorded.
func (s *sim) visit(f *family, kind string) {
	w := f.children[0].sw.w
	for _, c := range f.children {
		s.visitChild(c, w, kind)
	}
}

// seenAloneNotRecorded is the share of visits that leave "seen alone" blank.
const seenAloneNotRecorded = 0.15

func (s *sim) visitChild(c *child, w *worker, kind string) {
	v := &domain.Visit{PersonID: c.p.ID, Type: kind, Date: s.today, ProfessionalID: w.p.ID}
	if !c.unborn(s.today) {
		seen := s.r.chance(0.95)
		v.Seen = ptr(seen)
		switch {
		case s.r.chance(seenAloneNotRecorded):
		case seen && c.age(s.today) >= 4:
			v.SeenAlone = ptr(s.r.chance(0.7))
		default:
			v.SeenAlone = ptr(false)
		}
		v.BedroomSeen = pick(s.r, choice[*bool]{{45, ptr(true)}, {25, ptr(false)}, {30, nil}})
		v.Notes = oneOf(s.r, "Child seen at home; talked about school and friends.", "Home conditions adequate; food in the cupboards.", "Child quiet; mother said it had been a difficult week.", "Direct work completed about worries and wishes.", "Child happy and settled.")
	} else {
		v.Notes = "Pre-birth visit to mother."
	}
	s.record(w, v)
}

// Private fostering: arrangements notified to the authority (F031: 17 a
// year) are assessed and visited until they end.
const privateFostering = 17

func (s *sim) privateFosteringNotified() {
	mash := s.pickWorker("front_door")
	hh := s.newHousehold(pick(s.r, households), []civil.Date{s.bornAged(s.r.between(10, 17))}, mash)
	c := hh.children[0]
	source := pick(s.r, choice[string]{{45, "2A"}, {20, "3C"}, {20, "1A"}, {15, "1B"}})
	ct := &domain.Contact{PersonID: c.p.ID, ContactAt: s.workingHours(s.today), Source: source, SourceOrganisationID: s.sourceOrganisation(source),
		PresentingConcerns: "Child living with a family friend, not a relative, for more than 28 days.",
		ProfessionalID:     mash.p.ID, TeamID: mash.team.t.ID, ReferrerThreshold: "child_in_need"}
	s.takeContact(mash, []*domain.Contact{ct}, &screening{decision: "referral", level: "child_in_need", manager: mash.team.manager, at: ct.ContactAt.Add(90 * time.Minute)})
	f := s.refer(hh, hh.children, []*domain.Contact{ct}, source, "private_fostering", false)
	// The first visit is due within 7 working days of notification (PF-2).
	s.on(s.workingDaysAfter(s.today, in(1, 7)), func() {
		if c.fam == f {
			s.visitChild(c, c.sw.w, "private_fostering")
		}
	})
}

func (s *sim) startPrivateFostering(f *family) {
	f.stage, f.gen = "private_fostering", f.gen+1
	// Visits at most six weeks apart in the first year (PF-3).
	s.routine(f, in(28, 42), func() { s.visit(f, "private_fostering") })
	gen := f.gen
	s.on(s.ends(spread{{0.6, 60, 180}, {0.4, 181, 365}}), func() {
		if f.gen == gen {
			for _, c := range append([]*child(nil), f.children...) {
				s.closeCase(c, "RC7")
			}
		}
	})
}
