package synth

import (
	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/domain"
)

// Care leavers: the pathway plan from 16, a personal adviser, and the
// leaving care service to 21, or to 25 for those who ask (190 aged 18–25,
// F175).

type leaver struct {
	pathway       *planDoc
	accommodation string
	activity      string
	stayingPut    bool
	inTouch       string
}

// preparePathway is the needs assessment and pathway plan at 16, with a
// personal adviser alongside the social worker (CL-1, CL-2).
func (s *sim) preparePathway(c *child) {
	if c.pa == nil {
		s.allocate(c, &c.pa, s.pickWorker("leaving_care"), "personal_adviser", "")
	}
	if c.leaver == nil {
		c.leaver = &leaver{}
	}
	s.reviewPathway(c, c.sw.w)
}

// reviewPathway writes a new pathway plan, ending the last.
func (s *sim) reviewPathway(c *child, by *worker) {
	l := c.leaver
	s.closePlan(l.pathway, by)
	l.pathway = s.writePlan(c, by, &domain.Plan{Type: "pathway", NeedsAssessmentDate: s.today,
		Summary: "Plan for accommodation, education, health and money as the young person moves to adulthood."}, true)
}

// Care leavers' accommodation (89% suitable, F177) and activity (56% in
// education, employment or training, F188), as SSDA903 codes.
var (
	accommodation = choice[string]{
		{30, "U1"}, {16, "D1"}, {10, "B1"}, {7, "E1"}, {5, "T1"}, {3, "K1"}, {1, "C1"}, {2, "Y1"},
		{2.6, "X2"}, {1.2, "S2"}, {2.2, "B2"}, {2.4, "U2"}, {1.5, "V2"}, {1.1, "D2"},
	}
	activities = choice[string]{
		{7, "F1"}, {1, "P1"}, {19, "F2"}, {3, "P2"}, {8, "F4"}, {1, "P4"}, {12, "F5"}, {5, "P5"},
		{27, "G5"}, {6, "G4"}, {9, "G6"}, {2, "0"},
	}
)

// becomeCareLeaver starts leaving care support for a young person who has
// left care at 16 or over having been looked after long enough to qualify.
func (s *sim) becomeCareLeaver(c *child, reason string) {
	if c.leaver == nil || c.leaver.pathway == nil {
		s.preparePathway(c)
	}
	l := c.leaver
	l.stayingPut = reason == "E17"
	l.inTouch = pick(s.r, choice[string]{{97.4, "YES"}, {1.6, "NO"}, {1, "REFU"}})
	l.activity = pick(s.r, activities)
	l.accommodation = pick(s.r, accommodation)
	if l.stayingPut {
		l.accommodation = "Z1"
	}
	s.careLeaverRecord(c)
	// Support runs to 21, or to 25 for those in education or who ask for it
	// (CL-5). A young person still open at migration aged over 21 is one
	// who asked.
	until := c.dob.AddYears(21)
	if s.r.chance(0.35) || until.Before(s.cfg.From) {
		until = c.dob.AddYears(25)
	}
	s.careLeaverReviews(c, l, until)
}

// careLeaverRecord records the young person's circumstances, as SSDA903
// asks around each birthday.
func (s *sim) careLeaverRecord(c *child) {
	l := c.leaver
	rec := &domain.CareLeaver{PersonID: c.p.ID, RecordedOn: s.today, InTouch: l.inTouch, Activity: l.activity,
		Accommodation: l.accommodation, StayingPut: l.stayingPut, PersonalAdviserID: c.pa.w.p.ID, Eligibility: "former_relevant"}
	if c.age(s.today) < 18 {
		rec.Eligibility = "relevant"
	}
	if l.inTouch == "YES" {
		rec.LatestContactDate = s.workingDaysAfter(s.today, in(-20, 0))
	} else {
		rec.Activity, rec.Accommodation = "0", "0"
	}
	s.record(c.pa.w, rec)
}

// careLeaverReviews reviews the pathway plan every six months (CL-3, 98%
// current, F186) and records the young person's circumstances, until
// support ends.
func (s *sim) careLeaverReviews(c *child, l *leaver, until civil.Date) {
	s.on(s.daysAfter(s.today, spread{{0.98, 150, 182}, {0.02, 183, 230}}), func() {
		if c.leaver != l {
			return
		}
		if !s.today.Before(until) {
			l.inTouch = "NREQ"
			s.careLeaverRecord(c)
			s.closePlan(l.pathway, c.pa.w)
			s.release(&c.pa)
			c.leaver = nil
			return
		}
		if s.r.chance(0.2) {
			l.accommodation = pick(s.r, accommodation)
			l.stayingPut = false
		}
		if l.stayingPut && c.age(s.today) >= 21 {
			l.stayingPut, l.accommodation = false, "U1"
		}
		if s.r.chance(0.3) {
			l.activity = pick(s.r, activities)
		}
		if l.inTouch != "YES" && s.r.chance(0.5) {
			l.inTouch = "YES"
		}
		s.reviewPathway(c, c.pa.w)
		s.careLeaverRecord(c)
		s.careLeaverReviews(c, l, until)
	})
}
