package synth

import (
	"cmp"
	"maps"
	"slices"

	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/domain"
)

// Oversight (docs/casework.md, "Oversight"): concerns of significant harm,
// workers' training, the child's voice, agency updates at core groups,
// chairs' escalations, visits and advocacy, and managers' drift reviews.
// The report gives few figures for these; the rates are assumptions
// (§17.5) set to show its findings: strategy discussions delayed where
// children faced immediate harm (¶35), social workers without recent child
// protection or joint investigation training (¶33), children's views rarely
// evident (¶36, ¶91), agencies' missing updates unchallenged (¶44), chairs
// escalating more and visiting children, and a new advocacy service with 82
// requests from August 2015 (¶42, ¶43, F063).
const (
	immediateRisk = 0.25 // concerns needing a strategy discussion the same day
	// Training: the share of practitioners with each course when they start;
	// it is renewed when it expires, often late.
	cpTrained    = 0.88
	jointTrained = 0.7
	// voiceHeard: records of the child's voice with a plan or conference.
	voiceHeard = 0.6
	// Agency updates at a core group: asked for on most actions; of those,
	// most come within 5 working days, some late, some never.
	updateAsked = 0.7
	// A review conference's chair escalates the case.
	escalated = 0.06
	// vaguePlan: a child protection or child in need plan written with no
	// SMART actions (¶37, ¶38).
	vaguePlan = 0.12
)

// chanceOf is oversight's own chance for one record, drawn from the seed
// and what the record is about rather than from the simulation's stream.
// The stream still moves by one draw for each record stored (its time of
// recording), so the rest of the authority changes a little with the number
// of oversight records: TestCalibration is the check.
func (s *sim) chanceOf(what string, ids ...int64) rng {
	seed := s.cfg.Seed ^ 0x6f76657273696768
	for _, c := range what {
		seed = seed*31 + uint64(c)
	}
	for _, id := range ids {
		seed = seed*1_000_003 + uint64(id)
	}
	return newRNG(seed + uint64(s.today.DaysSince(civil.Date{})))
}

// advocacyService is when the child protection advocacy service began
// (Info, ¶43); before it, few children were offered an advocate.
var advocacyService = civil.Of(2015, 8, 1)

// updateArrives is working days from the core group to an agency's
// update; the last band never comes.
var updateArrives = spread{{0.72, 1, 5}, {0.18, 6, 15}, {0.1, -1, -1}}

// raiseConcern marks each child's referral with the concern of significant
// harm (AC-02), and for a child on a child in need plan the visit or case
// note it was found on. The strategy discussion follows in delay working days; a
// quarter of concerns are of immediate risk, and a tenth of those wait a
// day for their discussion (¶35).
func (s *sim) raiseConcern(f *family, delay int) {
	if len(f.children) == 0 {
		return
	}
	r := s.chanceOf("concern", f.children[0].p.ID)
	immediate := r.chance(map[bool]float64{true: immediateRisk * 0.9 / sameDay, false: immediateRisk * 0.1 / (1 - sameDay)}[delay == 0])
	level := "reasonable_cause"
	if immediate {
		level = "immediate_risk"
	}
	at := at(s.today, 8.5+r.Float64()*8.5)
	concern := oneOf(r, "Unexplained bruising seen at school.", "Child disclosed being hit by a parent.", "Police attended a violent incident; the children were present.",
		"Baby found alone in the house.", "Home conditions have deteriorated badly.")
	for _, c := range f.children {
		if c.ref == nil || c.sw == nil {
			continue
		}
		h := &domain.HarmConcern{PersonID: c.p.ID, ReferralID: c.ref.ID, RaisedAt: at, Level: level, Concern: concern, RaisedByID: c.sw.w.p.ID}
		if f.stage == "cin" {
			s.concernOnFile(c, h, r)
		}
		s.record(c.sw.w, h)
	}
}

// sameDay is the share of strategy discussions held the day the concern
// was raised (protection.go).
const sameDay = 0.7

// train records a new practitioner's child protection and joint
// investigation training, done before they started (AC-04).
func (s *sim) train(w *worker) {
	if !slices.Contains([]string{"social_worker", "senior_practitioner"}, w.p.Role) {
		return
	}
	r := s.chanceOf("training", w.p.ID)
	for _, course := range []struct {
		name  string
		share float64
	}{{"child_protection", cpTrained}, {"joint_investigation", jointTrained}} {
		if r.chance(course.share) {
			s.recordTraining(w, course.name, w.p.StartDate.AddDays(-r.between(0, 3*365)))
		}
	}
}

// recordTraining records a course and puts its renewal in the diary: near
// its 3-year expiry, often after it.
func (s *sim) recordTraining(w *worker, course string, done civil.Date) {
	if w.left {
		return
	}
	s.record(s.recorderFor(w.team), &domain.TrainingRecord{ProfessionalID: w.p.ID, Course: course, CompletedDate: done, Provider: "Safeguarding children partnership"})
	r := s.chanceOf("renewal", w.p.ID, int64(len(course)))
	s.on(done.AddMonths(36).AddDays(r.draw(spread{{0.55, -60, 0}, {0.45, 1, 240}})), func() { s.recordTraining(w, course, s.today) })
}

// hearChild records the child's voice as part of a record (AC-09): a
// baby's is what was observed.
func (s *sim) hearChild(c *child, by *worker, kind string, id int64) {
	if v := s.childsVoice(s.chanceOf("voice", c.p.ID, id), c, by, kind, id, voiceHeard); v != nil {
		s.record(by, v)
	}
}

// childsVoice is the child's voice as part of a record, heard at a rate
// with chance r, or nil.
func (s *sim) childsVoice(r rng, c *child, by *worker, kind string, id int64, rate float64) *domain.ChildsVoice {
	if c.unborn(s.today) || !r.chance(rate) {
		return nil
	}
	v := &domain.ChildsVoice{PersonID: c.p.ID, RecordKind: kind, RecordID: id, Method: "childs_words", Date: s.today, ByID: by.p.ID,
		Content: oneOf(r, "“I want mum and dad to stop shouting.”", "“I like it when my nan picks me up from school.”", "“I'm scared when he comes round.”",
			"“I want to stay at my school.”", "“Nobody listens to me.”")}
	switch {
	case c.age(s.today) < 2:
		v.Method, v.Content = "observation", oneOf(r, "Settled and smiling in mum's arms; reached for her when upset.", "Flinched at raised voices; quiet and watchful.", "Nappy rash and hungry; fed eagerly.")
	case r.chance(0.25):
		v.Method, v.Tool = "tool", oneOf(r, "Three Houses", "Wishes and feelings booklet", "Words and pictures")
	}
	return v
}

// advocacy records whether a child of 8 or over at a conference was
// offered an advocate and took it up (AC-20).
func (s *sim) advocacy(c *child, conf *domain.Conference) {
	if c.unborn(s.today) || c.age(s.today) < 8 {
		return
	}
	offer, takeUp := 0.3, 0.3
	if !s.today.Before(advocacyService) {
		offer, takeUp = 0.95, 0.6
	}
	r := s.chanceOf("advocacy", c.p.ID)
	offered := r.chance(offer)
	conf.AdvocacyOffered, conf.AdvocacyTakenUp = ptr(offered), ptr(offered && r.chance(takeUp))
}

// chairVisits puts in the diary the chair's visit to each child after a
// conference, more of them once chairs began visiting (¶42).
func (s *sim) chairVisits(chair *worker, confs []*domain.Conference) {
	visit := 0.1
	if !s.today.Before(advocacyService) {
		visit = 0.4
	}
	if len(confs) == 0 {
		return
	}
	r := s.chanceOf("chair visit", confs[0].PersonID)
	if !r.chance(visit) {
		return
	}
	s.on(s.cal.AddWorkingDays(s.today, r.between(2, 12)), func() {
		for _, conf := range confs {
			conf.ChairVisitDate = s.today
			s.amend(chair, conf)
		}
	})
}

// escalate is a review conference's chair escalating the case to the
// service's head: a response is due in 10 working days (AC-20).
func (s *sim) escalate(f *family, chair *worker, confs map[*child]*domain.Conference) {
	r := s.chanceOf("escalation", f.children[0].p.ID)
	if !r.chance(escalated) {
		return
	}
	to := s.headOf(f.children[0].sw.w.team)
	issue := pick(r, choice[string]{{50, "drift"}, {25, "practice"}, {25, "agency_non_compliance"}})
	var made []*domain.ChairEscalation
	for c, conf := range sortedConferences(confs) {
		e := &domain.ChairEscalation{PersonID: c.p.ID, ConferenceID: conf.ID, Date: s.today, IssueType: issue,
			Issue:       map[string]string{"drift": "Actions from the last conference not started.", "practice": "Child not seen alone at visits.", "agency_non_compliance": "No health report for two core groups."}[issue],
			EscalatedTo: to.p.JobTitle, EscalatedToID: to.p.ID, ResponseDue: s.cal.AddWorkingDays(s.today, 10), ChairID: chair.p.ID}
		s.record(chair, e)
		made = append(made, e)
	}
	if r.chance(0.05) {
		return // never answered
	}
	s.on(s.cal.AddWorkingDays(s.today, r.draw(spread{{0.65, 3, 10}, {0.35, 11, 30}})), func() {
		for _, e := range made {
			e.Response, e.ResolvedDate = "Manager met the worker and the agency; plan updated.", s.today
			s.amend(to, e)
		}
	})
}

// sortedConferences gives the conferences in the order of the family's
// children, so that a run is the same every time.
func sortedConferences(confs map[*child]*domain.Conference) func(func(*child, *domain.Conference) bool) {
	return func(yield func(*child, *domain.Conference) bool) {
		cs := slices.SortedFunc(maps.Keys(confs), func(a, b *child) int { return cmp.Compare(a.p.ID, b.p.ID) })
		for _, c := range cs {
			if !yield(c, confs[c]) {
				return
			}
		}
	}
}

// inOrder is the conferences in the order of the family's children.
func inOrder(confs map[*child]*domain.Conference) []*domain.Conference {
	var out []*domain.Conference
	for _, conf := range sortedConferences(confs) {
		out = append(out, conf)
	}
	return out
}

// headOf is the head of the service a team belongs to, who reviews drift
// and answers chairs' escalations; the team's manager if none.
func (s *sim) headOf(t *team) *worker {
	for _, m := range s.teams["management"] {
		if m.t.ID == t.t.ParentTeamID && m.manager != nil && !m.manager.left {
			return m.manager
		}
	}
	return t.manager
}

// agencyUpdates records, at a core group, where each action of the child's
// plan stands and the update asked of an agency, and puts its arrival in
// the diary (AC-18).
func (s *sim) agencyUpdates(c *child, w *worker, group *domain.CoreGroup) {
	r := s.chanceOf("updates", c.p.ID)
	for _, a := range c.cp.doc.actions {
		u := &domain.CoreGroupAction{PersonID: c.p.ID, CoreGroupID: group.ID, PlanActionID: a.ID, Status: a.Status}
		if r.chance(updateAsked) {
			u.Agency, u.UpdateRequestedDate = oneOf(r, "health", "education", "police", "health"), s.today
		}
		s.record(w, u)
		if u.UpdateRequestedDate.IsZero() {
			continue
		}
		if wd := r.draw(updateArrives); wd > 0 {
			s.on(s.cal.AddWorkingDays(s.today, wd), func() {
				u.UpdateReceivedDate, u.Update = s.today, "Update sent to the social worker."
				s.amend(w, u)
			})
		}
	}
}

// driftReview is the head of service reviewing a child protection plan
// open more than a year (AC-21), at the review conference after it.
func (s *sim) driftReview(f *family) {
	head := s.headOf(f.children[0].sw.w.team)
	for _, c := range f.children {
		if c.cp == nil || !s.today.After(c.cp.plan.StartDate.AddMonths(12)) {
			continue
		}
		s.record(head, &domain.ManagementDecision{PersonID: c.p.ID, Date: s.today, DriftReview: true, DriftFlags: []string{"cp_plan_long"},
			Decision:  oneOf(s.chanceOf("drift review", c.p.ID), "Plan to continue to the next review; legal planning meeting if no progress.", "Step down to a child in need plan at the next review."),
			Rationale: "Plan open more than 12 months; risks reducing slowly.", ManagerID: head.p.ID, ReviewDate: s.today.AddMonths(3)})
	}
}

// caseDirections puts in the diary the team manager's periodic direction
// on a child protection case (WF-08), slipping as the inspectors found
// (¶37), for as long as the plan lasts.
func (s *sim) caseDirections(f *family) {
	gen := f.gen
	r := s.chanceOf("directions", f.children[0].p.ID)
	var next func()
	next = func() {
		if f.gen != gen || len(f.children) == 0 {
			return
		}
		s.caseDirection(f, r)
		s.on(s.today.AddDays(r.draw(directionGap)), next)
	}
	s.on(s.today.AddDays(r.draw(directionGap)), next)
}

// directionGap is days between a manager's case directions.
var directionGap = spread{{0.75, 30, 90}, {0.25, 91, 150}}

func (s *sim) caseDirection(f *family, r rng) {
	m := f.children[0].sw.w.team.manager
	for _, c := range f.children {
		if c.cp != nil {
			s.record(m, &domain.ManagementDecision{PersonID: c.p.ID, Date: s.today, ManagerID: m.p.ID,
				Decision:  oneOf(r, "Continue with the plan; visits to stay fortnightly.", "Chase the health update before the core group.", "Direct work with the child to start this month."),
				Rationale: "Case reviewed in supervision.", ReviewDate: s.today.AddMonths(2)})
		}
	}
}
