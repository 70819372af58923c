package synth

import (
	"fmt"

	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/domain"
)

// Court and permanence: the Public Law Outline, care proceedings with their
// hearings and orders, adoption from the agency decision to the order, the
// adopters approved to adopt, and special guardianship.

// proceedings are care proceedings under way for a child.
type proceedings struct {
	cp    *domain.CareProceedings
	ico   *domain.CourtOrder
	final civil.Date
}

// startPreProceedings takes the family into the Public Law Outline: a
// letter before proceedings, meetings, then a decision to issue or step
// down (4 families at a time, F077).
func (s *sim) startPreProceedings(f *family) {
	f.preProceedings = true
	gen := f.gen
	decided := s.today
	letter := s.workingDaysAfter(decided, in(2, 10))
	meeting := s.workingDaysAfter(letter, in(5, 10))
	for _, c := range f.children {
		s.decide(c, c.sw.w.team.manager, "Legal gateway: start pre-proceedings", "Threshold met; parents to be given a final opportunity to change with legal advice.")
	}
	s.on(meeting, func() {
		if f.gen != gen {
			return
		}
		w := f.children[0].sw.w
		records := make([]*domain.PreProceedings, len(f.children))
		for i, c := range f.children {
			records[i] = &domain.PreProceedings{PersonID: c.p.ID, ReferralID: c.ref.ID, DecisionDate: decided, LetterDate: letter,
				FGDMOffered: s.r.chance(0.75), InitialMeetingDate: s.today, ParentsLegalRep: ptr(s.r.chance(0.9))}
			s.record(w, records[i])
		}
		s.on(s.daysAfter(s.today, in(56, 112)), func() {
			issue := s.r.chance(0.5)
			outcome := "step_down"
			if issue {
				outcome = "issue_proceedings"
			}
			for _, p := range records {
				p.ReviewMeetings, p.FGDMHeld = s.r.between(1, 3), p.FGDMOffered && s.r.chance(0.6)
				p.StepDecisionDate, p.Outcome, p.EndDate = s.today, outcome, s.today
				s.amend(w, p)
			}
			if issue && f.gen == gen {
				s.enterCare(append([]*child(nil), f.children...), "ico")
			}
		})
	})
}

// Weeks from issue to final order: about 26 on average (F100–F102).
var proceedingsWeeks = spread{{0.55, 16, 26}, {0.35, 27, 34}, {0.1, 35, 45}}

// startProceedings issues care proceedings: an interim care order at once,
// a case management hearing, an issues resolution hearing and a final
// hearing.
func (s *sim) startProceedings(c *child) {
	cr := c.care
	w := c.sw.w
	s.changeLegalStatus(c, "C1")
	cp := &domain.CareProceedings{PersonID: c.p.ID, CourtReference: s.n.courtReference(s.today.Year()), IssueDate: s.today,
		InitialPlan: permanencePlans[cr.plan]}
	if s.today.DaysSince(cr.start) < 3 && s.r.chance(0.3) {
		cp.ShortNotice, cp.ShortNoticeReason = true, "Immediate risk of significant harm."
	}
	s.record(w, cp)
	ico := &domain.CourtOrder{PersonID: c.p.ID, ProceedingsID: cp.ID, Type: "interim_care_order", MadeDate: s.today}
	s.record(w,
		&domain.Identifier{PersonID: c.p.ID, Type: "court_case_number", Value: cp.CourtReference, ValidFrom: s.today},
		ico,
		&domain.CourtHearing{PersonID: c.p.ID, ProceedingsID: cp.ID, Date: s.today, HearingType: "Issue and allocation", Outcome: "Interim care order made"})
	weeks := s.r.draw(proceedingsWeeks)
	final := s.cal.AddWorkingDays(s.today.AddDays(7*weeks), 0)
	pr := &proceedings{cp: cp, ico: ico, final: final}
	cr.court = pr
	hearing := func(on civil.Date, kind, outcome string) {
		s.on(on, func() {
			if c.care == cr && cr.court == pr {
				s.record(c.sw.w, &domain.CourtHearing{PersonID: c.p.ID, ProceedingsID: cp.ID, Date: s.today, HearingType: kind, Outcome: outcome})
			}
		})
	}
	hearing(s.workingDaysAfter(s.today, in(12, 18)), "Case management hearing", "Timetable set; experts instructed.")
	hearing(s.workingDaysAfter(s.today, in(weeks*5-25, weeks*5-10)), "Issues resolution hearing", "Issues narrowed; final hearing listed.")
	if cr.plan == "adoption" {
		s.on(final.AddDays(-s.r.between(20, 60)), func() {
			if c.care == cr && cr.perm == nil {
				s.adoptionDecision(c)
			}
		})
	}
	s.on(final, func() {
		if c.care == cr && cr.court == pr {
			s.finalHearing(c, weeks)
		}
	})
}

// finalHearing makes the final order the care plan asked for.
func (s *sim) finalHearing(c *child, weeks int) {
	cr := c.care
	pr := cr.court
	cr.court = nil
	w := c.sw.w
	order := map[string]string{"adoption": "placement_order", "sgo": "special_guardianship_order", "cao": "child_arrangements_order", "long_term": "care_order"}[cr.plan]
	if cr.plan == "home" {
		order = pick(s.r, choice[string]{{60, "supervision_order"}, {40, "no_order"}})
	}
	pr.cp.FinalOrderDate, pr.cp.FinalOrder = s.today, order
	pr.cp.ExtensionWeeks = 8 * ((max(weeks, 26) - 26 + 7) / 8)
	s.amend(w, pr.cp)
	pr.ico.EndDate = s.today
	s.amend(w, pr.ico)
	s.record(w, &domain.CourtHearing{PersonID: c.p.ID, ProceedingsID: pr.cp.ID, Date: s.today, HearingType: "Final hearing", Outcome: "Final order: " + order})
	if order == "special_guardianship_order" {
		s.specialGuardianship(c, pr.cp.ID)
		return
	}
	if order != "no_order" {
		s.record(w, &domain.CourtOrder{PersonID: c.p.ID, ProceedingsID: pr.cp.ID, Type: order, MadeDate: s.today})
	}
	switch cr.plan {
	case "adoption":
		s.record(w, &domain.CourtOrder{PersonID: c.p.ID, ProceedingsID: pr.cp.ID, Type: "care_order", MadeDate: s.today})
		s.changeLegalStatus(c, "E1")
		s.placementOrder(c)
	case "long_term":
		s.changeLegalStatus(c, "C2")
	case "cao":
		s.leaveCare(c, "E41")
	case "home":
		s.leaveCare(c, "E4A")
	}
}

// adoptionDecision is the agency decision maker's decision that the child
// should be placed for adoption.
func (s *sim) adoptionDecision(c *child) {
	cr := c.care
	cr.perm = &domain.Permanence{PersonID: c.p.ID, ADMDecisionDate: s.today}
	if p := cr.placement.Type; p == "U5" || p == "U2" {
		cr.perm.FFADecisionDate = cr.placement.StartDate
	}
	s.record(s.pickWorker("adoption").team.manager, cr.perm)
}

// A2 is days from the placement order to the match: about 250 (F147).
var matchDays = spread{{0.15, 30, 90}, {0.5, 120, 300}, {0.35, 301, 520}}

// placementOrder records the court's authority to place and puts the match
// in the diary; for some children adoption stops being the plan.
func (s *sim) placementOrder(c *child) {
	cr := c.care
	if cr.perm == nil {
		s.adoptionDecision(c)
	}
	cr.perm.PlacementOrderDate = s.today
	s.amend(c.sw.w, cr.perm)
	perm := cr.perm
	if s.r.chance(0.08) {
		s.on(s.daysAfter(s.today, in(120, 500)), func() {
			if c.care == cr && cr.perm == perm && perm.MatchedDate.IsZero() {
				perm.ReversedDate, perm.ReversedReason = s.today, pick(s.r, choice[string]{{60, "RD3"}, {25, "RD1"}, {15, "RD4"}})
				s.amend(c.sw.w, perm)
				cr.plan = "long_term"
				s.changeLegalStatus(c, "C2")
			}
		})
		return
	}
	s.on(s.daysAfter(s.today, matchDays), func() { s.match(c) })
}

// match matches the child, and any brothers and sisters waiting with them,
// with approved adopters.
func (s *sim) match(c *child) {
	cr := c.care
	if cr == nil || cr.perm == nil || !cr.perm.MatchedDate.IsZero() || !cr.perm.ReversedDate.IsZero() {
		return
	}
	group := []*child{c}
	for _, o := range c.hh.children {
		if o != c && o.care != nil && o.care.perm != nil && !o.care.perm.PlacementOrderDate.IsZero() &&
			o.care.perm.MatchedDate.IsZero() && o.care.perm.ReversedDate.IsZero() {
			group = append(group, o)
		}
	}
	a := s.takeAdopter(len(group))
	for _, g := range group {
		p := g.care.perm
		p.MatchedDate = s.today
		p.SiblingGroup, p.SiblingsTogether = len(group) > 1, len(group)-1
		p.AdopterSex, p.AdopterLegalStatus, p.NumberOfAdopters = a.sex, a.legal, a.number
		if a.rec != nil {
			p.AdopterID = a.rec.ID
		}
		s.amend(g.sw.w, p)
		s.on(s.daysAfter(s.today, in(7, 35)), func() { s.placeForAdoption(g) })
	}
}

// placeForAdoption moves the child in with the adopters; the adoption order
// follows months later.
func (s *sim) placeForAdoption(c *child) {
	cr := c.care
	if cr == nil || cr.perm == nil || !cr.perm.PlacedDate.IsZero() {
		return
	}
	kind := "A6"
	if t := cr.placement.Type; t == "U5" || t == "U2" {
		kind = "A5"
		cr.perm.AdoptedByCarer, cr.perm.PlacedWithCarerDate = true, cr.placement.StartDate
	}
	s.place(c, kind, "CARPL")
	cr.perm.PlacedDate = s.today
	s.amend(c.sw.w, cr.perm)
	s.on(s.daysAfter(s.today, in(240, 500)), func() {
		if c.care != cr {
			return
		}
		w := c.sw.w
		cr.perm.AdoptionOrderDate = s.today
		s.amend(w, cr.perm)
		s.record(w, &domain.CourtOrder{PersonID: c.p.ID, Type: "adoption_order", MadeDate: s.today})
		s.leaveCare(c, pick(s.r, choice[string]{{80, "E11"}, {20, "E12"}}))
		// An adopted child's record is sealed.
		c.moved, c.p.Restricted = true, true
		s.amend(w, c.p)
	})
}

// specialGuardianship is a special guardianship order: the child leaves
// care to live with a relative, or with the foster carers they live with.
func (s *sim) specialGuardianship(c *child, proceedingsID int64) {
	w := c.sw.w
	age := 18 - c.age(s.today)
	s.record(w, &domain.CourtOrder{PersonID: c.p.ID, ProceedingsID: proceedingsID, Type: "special_guardianship_order", MadeDate: s.today,
		ExpiryDate: s.today.AddYears(age)})
	placement := c.care.placement.Type
	relative := placement == "U1" || placement == "U3" || placement[0] != 'U' && s.r.chance(0.85)
	her := c.hh.her
	guardian := &domain.Person{Forename: oneOf(s.r, her.women...), Surname: oneOf(s.r, her.surnames...), Sex: "F", Gender: "02",
		DateOfBirth: s.today.AddDays(-s.r.between(35*365, 65*365))}
	if relative {
		guardian.Surname = c.p.Surname
	}
	s.record(w, guardian)
	s.record(w, &domain.Relationship{PersonID: c.p.ID, RelatedPersonID: guardian.ID, Type: "special_guardian",
		ParentalResponsibility: true, LivesWith: true, From: s.today})
	reason := "E48"
	switch {
	case placement[0] == 'U' && relative:
		reason = "E45"
	case placement[0] == 'U':
		reason = "E46"
	case relative:
		reason = "E47"
	}
	c.moved = true
	s.leaveCare(c, reason)
}

// adopter is an approved adopter household waiting for a match.
type adopter struct {
	rec    *domain.ProspectiveAdopter
	sex    string
	legal  string
	number int
}

// Adopter enquiries a year: about 26 households are approved (F163).
const adopterEnquiries = 50

// adopterEnquiries brings today's enquiries from people thinking of
// adopting, each a household going through registration, stage one, stage
// two and approval, or withdrawing on the way.
func (s *sim) adopterEnquiries() {
	for range s.r.poisson(s.perYear(adopterEnquiries)) {
		s.adopterEnquiry(s.today)
	}
}

func (s *sim) adopterEnquiry(enquired civil.Date) *domain.ProspectiveAdopter {
	worker := s.pickWorker("adoption")
	surname := oneOf(s.r, households[0].v.surnames...)
	a := &adopter{number: 2, sex: pick(s.r, choice[string]{{74, "MF"}, {5, "FF"}, {3, "MM"}, {15, "F1"}, {3, "M1"}})}
	switch a.sex {
	case "F1", "M1":
		a.number, a.legal = 1, "L0"
	case "MF":
		a.legal = pick(s.r, choice[string]{{80, "L11"}, {20, "L3"}})
	case "FF":
		a.legal = "L12"
	default:
		a.legal = "L2"
	}
	name := fmt.Sprintf("Mr and Mrs %s", surname)
	switch a.sex {
	case "F1":
		name = fmt.Sprintf("Ms %s %s", oneOf(s.r, households[0].v.women...), surname)
	case "M1":
		name = fmt.Sprintf("Mr %s %s", oneOf(s.r, households[0].v.men...), surname)
	case "FF":
		name = fmt.Sprintf("%s and %s %s", oneOf(s.r, households[0].v.women...), oneOf(s.r, households[0].v.women...), surname)
	case "MM":
		name = fmt.Sprintf("%s and %s %s", oneOf(s.r, households[0].v.men...), oneOf(s.r, households[0].v.men...), surname)
	}
	p := &domain.ProspectiveAdopter{Name: name, EnquiryDate: enquired, NumberOfAdopters: a.number, LegalStatus: a.legal,
		FosterToAdopt: s.r.chance(0.12), SocialWorkerID: worker.p.ID, ChildrenApprovedFor: pick(s.r, choice[int]{{65, 1}, {30, 2}, {5, 3}})}
	a.rec = p
	s.record(worker, p)
	step := func(after civil.Date, gap spread, carryOn float64, reason string, do func()) {
		s.on(s.daysAfter(after, gap), func() {
			if s.r.chance(carryOn) {
				do()
				s.amend(worker, p)
				return
			}
			p.WithdrawnDate, p.WithdrawnReason = s.today, reason
			s.amend(worker, p)
		})
	}
	step(enquired, in(10, 60), 0.75, "Decided not to go ahead after the information evening.", func() {
		p.RegistrationDate = s.today
		step(s.today, in(40, 70), 0.9, "Withdrew during stage one.", func() {
			p.Stage1DecisionDate = s.today
			step(s.today, in(5, 120), 0.85, "Did not give notice to proceed to stage two.", func() {
				p.NoticeToProceedDate = s.today
				step(s.today, in(100, 155), 0.92, "Not approved by the agency decision maker.", func() {
					p.ApprovalDate = s.today
					s.adopters = append(s.adopters, a)
				})
			})
		})
	})
	return p
}

// takeAdopter finds approved adopters for a match: the longest waiting, or,
// when none are approved, adopters from another agency.
func (s *sim) takeAdopter(children int) *adopter {
	for i, a := range s.adopters {
		if a.rec.ChildrenApprovedFor >= children || i == len(s.adopters)-1 {
			s.adopters = append(s.adopters[:i], s.adopters[i+1:]...)
			return a
		}
	}
	return &adopter{sex: "MF", legal: "L11", number: 2}
}
