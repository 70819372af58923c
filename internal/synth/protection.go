package synth

import (
	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/domain"
)

// Child protection: strategy discussions, section 47 enquiries, conferences
// and child protection plans with their core groups and visits. The report
// gives no counts for these; the rates below are assumptions (§17.5) chosen
// so that about 420 plans start a year and 312 are open at a time.

// icpcDays is working days from the strategy discussion that started the
// section 47 enquiry to the initial conference: 93% within 15 (F062).
var icpcDays = spread{{0.94, 7, 15}, {0.06, 16, 30}}

// Planted recording failures (¶32): strategy discussions without police or
// health and no reason recorded, and enquiries closed without an outcome.
const (
	strategyMissingAgency = 0.12
	enquiryWithoutOutcome = 0.06
)

// concernRaised is reasonable cause to suspect significant harm, marked on
// the referral: a strategy discussion follows the same or the next working
// day; for immediate risk the same day, though not always (¶35).
func (s *sim) concernRaised(f *family) {
	f.concern = s.today
	delay := s.r.draw(spread{{sameDay, 0, 0}, {1 - sameDay, 1, 1}})
	s.raiseConcern(f, delay)
	s.on(s.cal.AddWorkingDays(s.today, delay), func() { s.strategyDiscussion(f) })
}

func (s *sim) strategyDiscussion(f *family) {
	if len(f.children) == 0 || f.enquiring || f.stage == "cp" {
		return
	}
	chair := f.children[0].sw.w.team.manager
	agencies := []string{"childrens_social_care", "police", "health"}
	if s.r.chance(0.6) {
		agencies = append(agencies, "education")
	}
	reason := ""
	switch u := s.r.Float64(); {
	case u < strategyMissingAgency:
		agencies = dropOne(s.r, agencies)
	case u < strategyMissingAgency+0.05:
		agencies = dropOne(s.r, agencies)
		reason = oneOf(s.r, "Police unavailable; information shared by phone afterwards.", "Health representative on leave; GP consulted the next day.")
	}
	section47 := s.r.chance(0.82)
	decision := "No section 47 enquiry; single assessment continues."
	if section47 {
		decision = "Joint section 47 enquiry with police."
	}
	held := s.workingHours(s.today)
	concern := f.concern
	if concern.IsZero() || concern.After(s.today) {
		concern = s.today
	}
	discussions := map[*child]*domain.StrategyDiscussion{}
	for _, c := range f.children {
		sd := &domain.StrategyDiscussion{PersonID: c.p.ID, ReferralID: c.ref.ID, ConcernDate: concern, HeldAt: held,
			FaceToFace: s.r.chance(0.4), Agencies: agencies, MissingAgencyReason: reason,
			InformationShared: oneOf(s.r, "Police shared two previous call-outs to the address.", "Health visitor shared missed appointments.", "School shared the child's disclosure."),
			StartSection47:    section47, Decision: decision, ChairID: chair.p.ID}
		s.record(chair, sd)
		discussions[c] = sd
	}
	if !section47 {
		return
	}
	f.enquiring, f.s47Start = true, s.today
	outcome := pick(s.r, choice[string]{{50, "substantiated_icpc"}, {18, "substantiated_no_icpc"}, {26, "not_substantiated"}, {6, "no_further_action"}})
	conference := s.cal.AddWorkingDays(s.today, s.r.draw(icpcDays))
	end := s.workingDaysAfter(s.today, in(5, 20))
	if outcome == "substantiated_icpc" {
		end = s.cal.AddWorkingDays(s.today, s.r.between(3, s.cal.WorkingDaysBetween(s.today, conference)-1))
	}
	w := f.children[0].sw.w
	f.enquired = append([]*child(nil), f.children...)
	for _, c := range f.children {
		c.s47 = &domain.Section47Enquiry{PersonID: c.p.ID, ReferralID: c.ref.ID, StrategyDiscussionID: discussions[c].ID,
			StartDate: s.today, TeamID: w.team.t.ID, ProfessionalID: w.p.ID}
		s.record(w, c.s47)
	}
	s.on(end, func() { s.endEnquiry(f, outcome, conference) })
}

func dropOne(r rng, agencies []string) []string {
	drop := oneOf(r, "police", "health")
	var kept []string
	for _, a := range agencies {
		if a != drop {
			kept = append(kept, a)
		}
	}
	return kept
}

// endEnquiry records the section 47 outcomes and what follows, including
// for a child who came into care while it ran.
func (s *sim) endEnquiry(f *family, outcome string, conference civil.Date) {
	for _, c := range f.enquired {
		if c.sw == nil || !c.s47.EndDate.IsZero() {
			continue
		}
		c.s47.EndDate = s.today
		if !s.r.chance(enquiryWithoutOutcome) {
			c.s47.Outcome = outcome
		}
		s.amend(c.sw.w, c.s47)
	}
	if len(f.children) == 0 {
		return
	}
	switch outcome {
	case "substantiated_icpc":
		s.on(conference, func() { s.initialConference(f) })
		s.plan(f, false, conference)
		return
	case "substantiated_no_icpc":
		f.outcome = "cin"
	default:
		if !f.assessing {
			f.outcome = pick(s.r, choice[string]{{55, "nfa"}, {45, "cin"}})
		}
	}
	f.enquiring = false
	s.conclude(f)
}

// initialConference is the initial child protection conference, chaired
// independently, which decides whether the children need plans. A child
// who has come into care meanwhile needs none.
func (s *sim) initialConference(f *family) {
	f.enquiring = false
	decision := pick(s.r, choice[string]{{87, "cp_plan"}, {10, "no_plan_cin"}, {3, "no_plan_nfa"}})
	chair := s.pickWorker("cp_chairs")
	target := s.cal.AddWorkingDays(f.s47Start, 15)
	conferences := map[*child]*domain.Conference{}
	for _, c := range f.enquired {
		if c.ref == nil || c.ref.ID != c.s47.ReferralID {
			continue
		}
		decided := decision
		if c.care != nil {
			decided = "no_plan_cin"
		}
		conf := s.conference(c, chair, "initial", decided)
		conf.TargetDate = target
		if c.s47 != nil {
			conf.S47EnquiryID = c.s47.ID
		}
		conf.ReportsSharedDate = s.cal.AddWorkingDays(s.today, -s.r.between(1, 3))
		if s.r.chance(0.2) {
			conf.ReportsSharedDate = civil.Date{}
		}
		if c.unborn(s.today) {
			conf.Type = "pre_birth_initial"
		}
		conf.RiskRating = s.initialRisk(c, decided)
		s.record(chair, conf)
		s.hearChild(c, chair, "conference", conf.ID)
		s.parentsAtConference(c, chair, conf)
		conferences[c] = conf
	}
	s.chairVisits(chair, inOrder(conferences))
	if len(f.children) == 0 {
		return
	}
	switch decision {
	case "cp_plan":
		f.outcome = "cp"
		s.startCP(f, conferences)
	case "no_plan_cin":
		f.outcome = "cin"
	default:
		f.outcome = "nfa"
	}
	s.conclude(f)
}

// conference is a child protection conference record, before its
// type-specific details.
func (s *sim) conference(c *child, chair *worker, kind, decision string) *domain.Conference {
	w := c.sw.w
	conf := &domain.Conference{PersonID: c.p.ID, ReferralID: c.ref.ID, Type: kind, Date: s.today, Decision: decision,
		Agencies: []string{"childrens_social_care", "police", "health"}, PoliceReportOnTime: ptr(s.r.chance(0.7)),
		InterpreterNeeded: c.p.InterpreterNeeded, Quorate: ptr(s.r.chance(0.95)), ChairID: chair.p.ID, TeamID: w.team.t.ID, ProfessionalID: w.p.ID}
	if c.age(s.today) >= 5 {
		conf.Agencies = append(conf.Agencies, "education")
	}
	conf.ChildParticipation = s.participation(c)
	s.advocacy(c, conf)
	return conf
}

// participation is how a child took part in a review or conference: 62% of
// those aged four or over attend, and 95% have their views conveyed (F138,
// F140).
func (s *sim) participation(c *child) string {
	if c.unborn(s.today) || c.age(s.today) < 4 {
		return "PN0"
	}
	return pick(s.r, choice[string]{{46, "PN1"}, {8, "PN2"}, {5, "PN3"}, {3, "PN4"}, {16, "PN5"}, {19, "PN6"}, {3, "PN7"}})
}

// cpPlan is a child protection plan and its written plan.
type cpPlan struct {
	plan *domain.CPPlan
	doc  *planDoc
	// risk is the rating the last conference gave (AC-18).
	risk string
}

// startCP starts child protection plans: neglect is the largest category
// (F027: 56% of current plans).
func (s *sim) startCP(f *family, conferences map[*child]*domain.Conference) {
	if f.stage == "cin" {
		for _, c := range f.children {
			s.endPlans(c, "")
		}
	}
	f.stage, f.gen = "cp", f.gen+1
	w := f.children[0].sw.w
	if w.team.kind != "child_protection" {
		w = s.pickWorker("child_protection")
		for _, c := range f.children {
			s.allocate(c, &c.sw, w, "allocated_social_worker", "TSPROC")
		}
	}
	category := pick(s.r, choice[string]{{53, "NEG"}, {30, "EMO"}, {8, "PHY"}, {4, "SAB"}, {5, "MUL"}})
	for _, c := range f.children {
		plan := &domain.CPPlan{PersonID: c.p.ID, ReferralID: c.ref.ID, StartDate: s.today, InitialCategory: category, LatestCategory: category}
		if conf := conferences[c]; conf != nil {
			plan.ConferenceID = conf.ID
		}
		s.record(w, plan)
		c.cp = &cpPlan{plan: plan, doc: s.writePlan(c, w, &domain.Plan{Type: "cp", CPPlanID: plan.ID,
			Summary: "Keep the children safe at home while the family makes the changes the conference asked for."}, true), risk: "high"}
		if conf := conferences[c]; conf != nil && conf.RiskRating != "" {
			c.cp.risk = conf.RiskRating
		}
	}
	gen := f.gen
	// The first core group within 10 working days (CP-6), then every six
	// weeks or so, a few late (¶44: mostly regular); visits at least every four weeks (the local standard
	// cp.visit_interval, which the report does not state), on time for 97%
	// of children (F064); the first review conference within three months
	// (CP-7), then every six months (CP-8).
	s.on(s.workingDaysAfter(s.today, spread{{0.92, 5, 10}, {0.08, 11, 15}}), func() {
		if f.gen == gen {
			s.coreGroup(f)
			s.routine(f, spread{{0.9, 28, 42}, {0.1, 43, 75}}, func() { s.coreGroup(f) })
		}
	})
	s.routine(f, spread{{0.9985, 14, 25}, {0.0015, 29, 40}}, func() { s.visit(f, "cp") })
	review := s.daysAfter(s.today, spread{{0.97, 80, 91}, {0.03, 92, 105}})
	s.on(review, func() { s.reviewConference(f, gen, 1) })
	s.plan(f, true, review)
	s.caseDirections(f)
}

func (s *sim) coreGroup(f *family) {
	w := f.children[0].sw.w
	for _, c := range f.children {
		if c.cp != nil {
			group := &domain.CoreGroup{PersonID: c.p.ID, CPPlanID: c.cp.plan.ID, Date: s.today,
				Agencies:   []string{"childrens_social_care", "health", "education"},
				Notes:      oneOf(s.r, "Plan reviewed; most actions on track.", "Parents did not attend; actions carried forward.", "Good progress on home conditions.", "Concerns about missed appointments."),
				RiskRating: s.coreGroupRisk(c)}
			s.record(w, group)
			s.agencyUpdates(c, w, group)
		}
	}
}

// endAtReview is the chance that a review conference ends the plans, by how
// many reviews have been held: plans last about nine months on average
// (§17.5).
var endAtReview = []float64{0, 0.35, 0.5, 0.6, 0.7}

// reviewConference reviews the plans: they continue, end, or the family
// goes into the Public Law Outline.
func (s *sim) reviewConference(f *family, gen, n int) {
	if f.gen != gen || len(f.children) == 0 {
		return
	}
	end := s.r.chance(endAtReview[min(n, len(endAtReview)-1)])
	decision := "continue_plan"
	if end {
		decision = "end_plan"
	}
	chair := s.pickWorker("cp_chairs")
	recategorise := !end && s.r.chance(0.1)
	category := pick(s.r, choice[string]{{70, "NEG"}, {20, "EMO"}, {10, "MUL"}})
	reviews := map[*child]*domain.Conference{}
	for _, c := range f.children {
		if c.cp == nil {
			continue
		}
		conf := s.conference(c, chair, "review", decision)
		conf.RiskRating = s.reviewRisk(c, decision, n)
		c.cp.risk = conf.RiskRating
		s.record(chair, conf)
		s.hearChild(c, chair, "conference", conf.ID)
		s.parentsAtConference(c, chair, conf)
		reviews[c] = conf
		if recategorise && c.cp.plan.LatestCategory != category {
			c.cp.plan.LatestCategory = category
			s.amend(c.sw.w, c.cp.plan)
		}
	}
	s.chairVisits(chair, inOrder(reviews))
	s.escalate(f, chair, reviews)
	if end {
		s.endCP(f)
		return
	}
	if n >= 3 && s.r.chance(0.6) {
		s.driftReview(f)
	}
	switch u := s.r.Float64(); {
	case u < 0.06 && !f.preProceedings:
		s.startPreProceedings(f)
	case u < 0.08:
		s.urgentProceedings(f)
	case u < 0.1:
		s.familyBreakdown(f)
	}
	next := s.daysAfter(s.today, spread{{0.97, 170, 182}, {0.03, 183, 200}})
	s.on(next, func() { s.reviewConference(f, gen, n+1) })
	s.plan(f, true, next)
}

// endCP ends the plans: most families step down to a child in need plan.
func (s *sim) endCP(f *family) {
	next := pick(s.r, choice[string]{{62, "cin"}, {33, "close"}, {5, "moved"}})
	for _, c := range append([]*child(nil), f.children...) {
		s.endPlans(c, map[string]string{"cin": "Risk reduced: stepped down to a child in need plan", "close": "Risk reduced: case closed", "moved": "Family moved to another authority"}[next])
		switch next {
		case "close":
			s.closeCase(c, "RC7")
		case "moved":
			s.closeCase(c, "RC5")
		}
	}
	if next == "cin" && len(f.children) > 0 {
		s.startCIN(f)
	}
}
