package synth

import (
	"time"

	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/domain"
)

// Children looked after: coming into care, SSDA903 episodes that change
// with every change of placement or legal status, reviews, visits, health,
// education, going missing, and leaving care.

type care struct {
	start     civil.Date // the period of care began
	episode   *domain.CareEpisode
	placement *domain.Placement
	legal     string
	need      string
	// plan is the way out of care the care plan aims for: "home",
	// "adoption", "sgo", "cao", "long_term" or "remand".
	plan  string
	doc   *planDoc
	court *proceedings
	perm  *domain.Permanence
	// runner marks a child who goes missing again and again.
	runner bool
}

// Permanence plan codes for each way out of care.
var permanencePlans = map[string]string{
	"home": "RETURN6M", "adoption": "ADOPTION", "sgo": "LTRELFR", "cao": "LTRELFR", "long_term": "LTFOST18", "remand": "OTHERPLN",
}

// Legal status on coming into care, by route.
var routeLegalStatus = map[string]string{
	"s20": "V2", "uasc": "V2", "ico": "C1", "police": "L1", "epo": "L2", "remand": "J1",
}

// enterCare brings children into care together, by a route: "s20"
// (accommodation by agreement), "ico" (interim care order), "police"
// (police protection), "epo", "remand" or "uasc".
func (s *sim) enterCare(kids []*child, route string) {
	if route == "s20" && kids[len(kids)-1].age(s.today) < 5 && s.r.chance(0.65) {
		// Young children mostly come into care through the court.
		route = "ico"
	}
	var young string
	for _, c := range kids {
		if c.care != nil || c.ref == nil || c.unborn(s.today) || c.age(s.today) >= 18 {
			continue
		}
		plan := s.carePlan(c, route)
		// Young brothers and sisters are planned for together.
		if c.age(s.today) < 5 {
			if young == "" {
				young = plan
			}
			plan = young
		}
		s.intoCare(c, route, plan)
	}
}

// intoCare brings a child into care with a plan for the way out.
func (s *sim) intoCare(c *child, route, plan string) {
	w := c.sw.w
	s.authorise(c, []string{"cla_request"}, false)
	s.endPlans(c, "Child became looked after")
	s.leaveFamily(c)
	need := c.ref.PrimaryNeed
	if need == "N9" || need == "N0" || need == "" {
		need = "N1"
	}
	cr := &care{start: s.today, legal: routeLegalStatus[route], need: need, plan: plan}
	c.care = cr
	s.record(w, &domain.PreviousPermanence{PersonID: c.p.ID, Option: pick(s.r, choice[string]{{85, "Z1"}, {4, "P2"}, {3, "P3"}, {2, "P1"}, {6, "P4"}})})
	s.place(c, s.placementType(c, false), "")
	cr.doc = s.writePlan(c, w, &domain.Plan{Type: "care", PermanencePlan: permanencePlans[cr.plan],
		Summary: "Care plan agreed with the family and the child's IRO."}, true)
	s.decide(c, w.team.manager, "Child to become looked after", map[string]string{
		"s20": "Parents agree to accommodation under section 20 while the assessment continues.", "ico": "Risk of significant harm at home; interim care order sought.",
		"police": "Child taken into police protection; placed in an emergency foster placement.", "epo": "Emergency protection order granted; immediate risk of harm.",
		"remand": "Remanded to local authority accommodation by the youth court.", "uasc": "Unaccompanied asylum-seeking child: accommodated under section 20."}[route])
	s.note(c, w, "significant_event", "Became looked after", "Placed with "+placementDescription(cr.placement.Type)+".", true)
	s.allocate(c, &c.iro, s.pickWorker("iro_service"), "iro", "")
	s.careRoutines(c)
	switch route {
	case "ico":
		s.startProceedings(c)
	case "police", "epo":
		// Police protection lasts up to 72 hours, an emergency protection
		// order up to eight days; then the child is accommodated by
		// agreement or the court makes an interim order.
		s.on(s.today.AddDays(map[string]int{"police": s.r.between(1, 3), "epo": s.r.between(5, 8)}[route]), func() {
			if c.care != cr {
				return
			}
			if cr.plan == "home" && s.r.chance(0.6) {
				s.changeLegalStatus(c, "V2")
				return
			}
			s.startProceedings(c)
		})
	}
	s.planExit(c)
}

// carePlan chooses the way out of care, by age and route: adoption for some
// young children, long-term care for most teenagers.
func (s *sim) carePlan(c *child, route string) string {
	age := c.age(s.today)
	switch {
	case route == "remand":
		return "remand"
	case route == "uasc":
		return "long_term"
	case route == "s20" && age >= 12:
		return pick(s.r, choice[string]{{55, "home"}, {45, "long_term"}})
	case route == "s20":
		return pick(s.r, choice[string]{{60, "home"}, {20, "long_term"}, {8, "sgo"}, {12, "adoption"}})
	case age < 1:
		return pick(s.r, choice[string]{{70, "adoption"}, {16, "sgo"}, {10, "home"}, {4, "long_term"}})
	case age < 5:
		return pick(s.r, choice[string]{{55, "adoption"}, {20, "sgo"}, {12, "home"}, {11, "long_term"}, {2, "cao"}})
	case age < 12:
		return pick(s.r, choice[string]{{28, "home"}, {25, "sgo"}, {42, "long_term"}, {5, "cao"}})
	}
	return pick(s.r, choice[string]{{30, "home"}, {70, "long_term"}})
}

// planExit puts the end of care in the diary, for plans the court does not
// decide. Children accommodated by agreement whose plan needs a court order
// go before the court after a few months.
func (s *sim) planExit(c *child) {
	cr := c.care
	switch {
	case cr.plan == "remand":
		s.on(s.ends(in(20, 90)), func() {
			if c.care == cr {
				s.leaveCare(c, "E14")
			}
		})
	case cr.plan == "home" && cr.legal == "V2":
		s.on(s.ends(spread{{0.3, 14, 90}, {0.35, 91, 365}, {0.35, 366, 1095}}), func() {
			if c.care == cr && cr.court == nil {
				s.leaveCare(c, pick(s.r, choice[string]{{80, "E4A"}, {12, "E4B"}, {8, "E13"}}))
			}
		})
	case cr.legal == "V2" && (cr.plan != "long_term" || c.age(s.today) < 12):
		s.on(s.ends(in(40, 180)), func() {
			if c.care == cr && cr.court == nil && cr.legal == "V2" {
				s.startProceedings(c)
			}
		})
	case cr.plan == "long_term" && s.r.chance(0.15):
		// Some long-term foster carers go on to become special guardians.
		s.on(s.daysAfter(s.today, in(700, 1800)), func() {
			if c.care == cr && cr.court == nil && c.age(s.today) < 16 && cr.placement.Type[0] == 'U' {
				s.specialGuardianship(c, 0)
			}
		})
	}
	if eighteen := c.dob.AddYears(18); !eighteen.Before(s.today) {
		s.on(eighteen, func() {
			if c.care == cr {
				s.leaveCare(c, pick(s.r, choice[string]{{30, "E17"}, {20, "E5"}, {5, "E6"}, {15, "E13"}, {30, "E8"}}))
			}
		})
	}
	if sixteen := c.dob.AddYears(16); cr.plan == "long_term" || c.age(s.today) >= 15 {
		s.on(sixteen, func() {
			if c.care == cr {
				s.preparePathway(c)
			}
		})
	}
}

// placementType chooses a placement for a child coming into care or moving:
// mostly foster care, children's homes for some teenagers, supported
// accommodation at 16 and over.
func (s *sim) placementType(c *child, longTerm bool) string {
	age := c.age(s.today)
	var t string
	switch cr := c.care; {
	case cr.plan == "remand":
		t = pick(s.r, choice[string]{{40, "R5"}, {40, "U6"}, {20, "K1"}})
	case age < 1:
		t = pick(s.r, choice[string]{{60, "U6"}, {20, "U3"}, {12, "R3"}, {6, "U5"}, {2, "P1"}})
	case age < 5:
		t = pick(s.r, choice[string]{{65, "U6"}, {27, "U3"}, {4, "P1"}, {4, "U5"}})
	case age < 12:
		t = pick(s.r, choice[string]{{70, "U6"}, {21, "U3"}, {3, "P1"}, {4, "K2"}, {2, "S1"}})
	case age < 16:
		t = pick(s.r, choice[string]{{55, "U6"}, {13, "U3"}, {24, "K2"}, {3, "S1"}, {2, "P1"}, {1, "K1"}, {2, "R2"}})
	default:
		t = pick(s.r, choice[string]{{40, "U6"}, {10, "U3"}, {15, "K2"}, {32, "K3"}, {1, "P1"}, {2, "S1"}})
	}
	// Some children planned to go home live there on the order while the
	// plan is tested.
	if cr := c.care; cr.plan == "home" && cr.legal != "V2" && s.r.chance(0.2) {
		t = "P1"
	}
	if longTerm {
		switch t {
		case "U6":
			t = "U4"
		case "U3":
			t = "U1"
		}
	}
	return t
}

func placementDescription(t string) string {
	switch t[0] {
	case 'U':
		return "foster carers"
	case 'A':
		return "prospective adopters"
	case 'P':
		return "parents"
	case 'K':
		return "a children's home or supported accommodation"
	}
	return "a specialist placement"
}

// place starts a placement of the given type and the episode that goes with
// it; reason is why the last placement ended, "" on coming into care.
func (s *sim) place(c *child, kind, reason string) {
	cr := c.care
	w := c.sw.w
	sameCarer := false
	if cr.placement != nil {
		sameCarer = kind[0] == 'A' && (cr.placement.Type == "U5" || cr.placement.Type == "U2")
		cr.placement.EndDate, cr.placement.ChangeReason = s.today, reason
		s.amend(w, cr.placement)
	}
	p := &domain.Placement{PersonID: c.p.ID, StartDate: s.today, Type: kind,
		IntendedToEighteen: kind == "U1" || kind == "U4" || (kind == "K2" && cr.plan == "long_term" && s.r.chance(0.5)),
		PlacementPlanDate:  s.workingDaysAfter(s.today, spread{{0.8, 0, 0}, {0.15, 1, 5}, {0.05, 6, 15}}),
		NotificationDate:   s.workingDaysAfter(s.today, spread{{0.7, 0, 2}, {0.3, 3, 10}})}
	s.locate(c, p)
	// Plan and notification dates are recorded when they happen; a
	// placement recorded today holds only what has happened by today.
	planned, notified := p.PlacementPlanDate, p.NotificationDate
	if planned.After(s.today) {
		p.PlacementPlanDate = civil.Date{}
	}
	if notified.After(s.today) {
		p.NotificationDate = civil.Date{}
	}
	s.record(w, p)
	if p.PlacementPlanDate.IsZero() || p.NotificationDate.IsZero() {
		s.on(later(planned, notified), func() {
			if c.care == cr && cr.placement == p {
				p.PlacementPlanDate, p.NotificationDate = planned, notified
				s.amend(c.sw.w, p)
			}
		})
	}
	cr.placement = p
	reasonNew := "P"
	switch {
	case cr.episode == nil:
		reasonNew = "S"
	case sameCarer:
		reasonNew = "T"
	}
	s.newEpisode(c, reasonNew)
	if cr.episode.ReasonNew != "S" {
		s.note(c, w, "significant_event", "Change of placement", "Moved to "+placementDescription(kind)+".", true)
	}
	// A visit within a week of every new placement (LA-7).
	s.on(s.daysAfter(s.today, spread{{0.9, 2, 7}, {0.1, 8, 12}}), func() {
		if c.care == cr && cr.placement == p {
			s.visitChild(c, c.sw.w, "cla")
		}
	})
	s.placementEnds(c, p, reason != "" && reason != "CARPL")
}

// locate says where a placement is: who provides it, its postcode and its
// distance from home. A third of children are placed outside the authority
// (F082), 16% more than 20 miles away (F122).
func (s *sim) locate(c *child, p *domain.Placement) {
	o := &s.org
	var pr provider
	carerAway := 0.2 // relatives and in-house carers live mostly nearby
	switch k := p.Type; {
	case k == "P1":
		p.Provider, p.Postcode = "PR0", c.hh.postcode
		zero := 0.0
		p.DistanceMiles = &zero
		return
	case k == "U1" || k == "U2" || k == "U3":
		pr = provider{org: o.fostering, code: "PR1"}
	case k[0] == 'U' && s.r.chance(0.6):
		pr, carerAway = provider{org: o.fostering, code: "PR1"}, 0.15
	case k[0] == 'U':
		pr, carerAway = oneOf(s.r, o.providers["ifa"]...), 0.55
	case k[0] == 'A':
		pr, carerAway = provider{org: o.adoption, code: "PR1"}, 0.4
		if s.r.chance(0.25) {
			pr.code = "PR5"
		}
	default:
		pr = oneOf(s.r, o.providers[map[string]string{"K1": "secure", "K2": "home", "K3": "supported", "S1": "school", "R5": "custody", "R3": "parent_baby", "R2": "health"}[k]]...)
	}
	p.Provider, p.OrganisationID, p.URN = pr.code, pr.org.ID, pr.org.URN
	away := pr.away
	if k := p.Type[0]; k == 'U' || k == 'A' {
		// Foster carers and adopters live where they live, not at the agency.
		away = nil
		if s.r.chance(carerAway) {
			away = s.awayPlace()
		}
		p.Postcode = s.r.localPostcode()
		if away != nil {
			p.Postcode = s.r.postcode(away.outward)
		}
	} else {
		p.Postcode = pr.org.Postcode
	}
	miles := 0.5 + s.r.Float64()*11
	if away != nil {
		miles = float64(away.lo) + s.r.Float64()*float64(away.hi-away.lo)
	}
	miles = float64(int(miles*10)) / 10
	p.DistanceMiles = &miles
}

// newEpisode ends the current SSDA903 episode, if any, and starts another
// for the current placement and legal status.
func (s *sim) newEpisode(c *child, reasonNew string) {
	cr := c.care
	w := c.sw.w
	if cr.episode != nil {
		cr.episode.EndDate, cr.episode.ReasonEnded = s.today, "X1"
		s.amend(w, cr.episode)
	}
	cr.episode = &domain.CareEpisode{PersonID: c.p.ID, StartDate: s.today, ReasonNew: reasonNew, LegalStatus: cr.legal,
		PrimaryNeed: cr.need, PlacementID: cr.placement.ID, PeriodStart: cr.start}
	s.record(w, cr.episode)
}

// changeLegalStatus starts a new episode in the same placement.
func (s *sim) changeLegalStatus(c *child, legal string) {
	if c.care.legal == legal {
		return
	}
	c.care.legal = legal
	s.newEpisode(c, "L")
}

// placementEnds puts the end of a placement in the diary. First placements
// are often short-term, with a planned move to a long-term home; long-term
// placements mostly last. About 5% of children have three or more
// placements in a year (F118) and 67% of those in care two and a half years
// have been in the same placement for two (F121).
func (s *sim) placementEnds(c *child, p *domain.Placement, brokeDown bool) {
	cr := c.care
	// Yearly chances of a placement breaking down: low for a placement
	// meant to last, higher in children's homes; a child whose last
	// placement broke down often moves again soon.
	hazard := 0.18
	switch {
	case p.IntendedToEighteen:
		hazard = 0.09
	case p.Type == "K2" || p.Type == "K3":
		hazard = 0.4
	}
	var days int
	switch {
	case p.Type[0] == 'A' || p.Type == "R5" || p.Type == "K1":
		return
	case p.Type == "P1":
		// Placed at home under a care order until the court discharges it.
		s.on(s.daysAfter(s.today, in(180, 540)), func() {
			if c.care == cr && cr.placement == p && cr.court == nil {
				s.leaveCare(c, "E4A")
			}
		})
		return
	case p.Type == "R3":
		days = s.r.between(42, 120)
	case cr.episode.ReasonNew == "S" && cr.plan != "home" && s.r.chance(0.45):
		days = s.r.between(30, 200)
	case brokeDown && s.r.chance(0.4):
		days = s.r.between(30, 150)
	default:
		days = int(s.r.ExpFloat64() * 365 / hazard)
	}
	s.on(s.today.AddDays(max(7, days)), func() {
		if cr.placement != p || c.care != cr {
			return
		}
		planned := cr.episode.ReasonNew == "S"
		reason := "CARPL"
		if !planned {
			reason = pick(s.r, choice[string]{{30, "CREQB"}, {15, "CREQO"}, {12, "CHILD"}, {10, "CLOSE"}, {8, "STAND"}, {3, "ALLEG"}, {10, "LAREQ"}, {12, "OTHER"}})
		}
		s.place(c, s.placementType(c, planned && cr.plan == "long_term"), reason)
	})
}

// careRoutines puts a looked-after child's statutory work in the diary:
// transfer to a children in care team, reviews, visits, health, education,
// and, for some, going missing.
func (s *sim) careRoutines(c *child) {
	cr := c.care
	inCare := func() bool { return c.care == cr }
	switch c.sw.w.team.kind {
	case "looked_after", "disabled_children":
	default:
		s.on(s.daysAfter(s.today, in(20, 45)), func() {
			if inCare() && c.sw.w.team.kind != "looked_after" {
				s.allocate(c, &c.sw, s.pickWorker("looked_after"), "allocated_social_worker", "TSPROC")
			}
		})
	}
	// Reviews within 20 working days, then three months, then every six
	// (LA-4 to LA-6): 98.4% on time (F137).
	first := s.cal.AddWorkingDays(cr.start, s.r.draw(spread{{0.984, 14, 20}, {0.016, 21, 28}}))
	s.on(first, func() { s.careReview(c, cr, 1) })
	s.careVisits(c, cr)
	// Initial health assessments are mostly late: 28–35% within 20 working
	// days (F124, F125).
	s.on(s.cal.AddWorkingDays(cr.start, s.r.draw(spread{{0.32, 5, 20}, {0.68, 21, 70}})), func() {
		if !inCare() {
			return
		}
		// A child migrated in long after coming into care had theirs then.
		if s.today.DaysSince(cr.start) < 120 {
			s.record(c.sw.w, &domain.HealthCheck{PersonID: c.p.ID, Type: "initial_health_assessment", Date: s.today, Status: "completed"})
		}
		s.healthReviews(c, cr)
	})
	if age := c.age(s.today); age >= 3 {
		s.every(s.daysAfter(s.today, in(10, 60)), in(100, 130), func() bool {
			if !inCare() {
				return false
			}
			if a := c.age(s.today); a >= 3 && a < 18 {
				s.record(c.sw.w, &domain.PEP{PersonID: c.p.ID, Date: s.today, School: s.school(c),
					Notes: oneOf(s.r, "Attendance good; targets set for reading.", "Pupil premium plus agreed for tutoring.", "Struggling with maths; extra support agreed.", "Settled in the new school.")})
			}
			return true
		})
	}
	if age := c.age(s.today); age >= 11 {
		cr.runner = s.r.chance(0.18)
		if cr.runner {
			s.every(s.daysAfter(s.today, in(10, 90)), in(15, 90), func() bool { return inCare() && s.goneMissing(c) })
		}
		if s.r.chance(0.15) {
			s.on(s.daysAfter(s.today, in(30, 600)), func() {
				if inCare() {
					s.record(c.sw.w, &domain.SubstanceMisuse{PersonID: c.p.ID, Date: s.today, Substance: oneOf(s.r, "Cannabis", "Alcohol", "Nitrous oxide"), InterventionReceived: ptr(s.r.chance(0.7))})
				}
			})
		}
		if s.r.chance(0.15) {
			s.on(s.daysAfter(s.today, in(30, 600)), func() {
				if inCare() {
					s.record(c.sw.w, &domain.Conviction{PersonID: c.p.ID, Date: s.today, Offence: oneOf(s.r, "Criminal damage", "Theft", "Common assault", "Possession of cannabis")})
				}
			})
		}
	}
}

func (s *sim) school(c *child) string {
	return s.org.schools[int(c.p.ID)%len(s.org.schools)].Name
}

// careReview is a looked-after child's review, chaired by the IRO.
func (s *sim) careReview(c *child, cr *care, n int) {
	if c.care != cr {
		return
	}
	iro := c.iro.w
	s.record(iro, &domain.CLAReview{PersonID: c.p.ID, Date: s.today, Participation: s.participation(c), IROID: iro.p.ID})
	next := s.today.AddMonths(6)
	if n == 1 {
		next = s.today.AddMonths(3)
	}
	if s.r.chance(0.016) {
		next = next.AddDays(s.r.between(1, 14))
	} else {
		next = next.AddDays(-s.r.between(0, 14))
	}
	s.on(next, func() { s.careReview(c, cr, n+1) })
}

// careVisits are the social worker's statutory visits: at most six weeks
// apart, or three months once a long-term placement has lasted a year
// (LA-7).
func (s *sim) careVisits(c *child, cr *care) {
	gap := in(28, 42)
	if p := cr.placement; p.IntendedToEighteen && s.today.DaysSince(p.StartDate) > 365 {
		gap = in(60, 90)
	}
	s.on(s.cal.AddWorkingDays(s.daysAfter(s.today, gap), 0), func() {
		if c.care == cr {
			s.visitChild(c, c.sw.w, "cla")
			s.careVisits(c, cr)
		}
	})
}

// healthReviews are review health assessments, every six months under five
// and every year from five (H-2), with the checks recorded alongside.
func (s *sim) healthReviews(c *child, cr *care) {
	gap := in(300, 360)
	if c.age(s.today) < 5 {
		gap = in(150, 180)
	}
	s.on(s.cal.AddWorkingDays(s.daysAfter(s.today, gap), 0), func() {
		if c.care == cr {
			s.healthReview(c)
			s.healthReviews(c, cr)
		}
	})
}

func (s *sim) healthReview(c *child) {
	age := c.age(s.today)
	w := c.sw.w
	status := pick(s.r, choice[string]{{92, "completed"}, {5, "refused"}, {3, "cancelled"}})
	s.record(w, &domain.HealthCheck{PersonID: c.p.ID, Type: "review_health_assessment", Date: s.today, Status: status})
	if age < 5 {
		s.record(w, &domain.HealthCheck{PersonID: c.p.ID, Type: "development_check", Date: s.today, Status: "completed"})
	}
	if age >= 1 {
		s.record(w, &domain.HealthCheck{PersonID: c.p.ID, Type: "dental_check", Date: s.today, Status: pick(s.r, choice[string]{{85, "completed"}, {10, "planned"}, {5, "refused"}})})
	}
	s.record(w, &domain.Immunisation{PersonID: c.p.ID, Date: s.today, UpToDate: s.r.chance(0.88)})
	if age >= 4 && age <= 16 {
		sdq := &domain.SDQScore{PersonID: c.p.ID, Date: s.today}
		if s.r.chance(0.9) {
			sdq.Score = ptr(min(40, max(0, int(14+7*s.r.NormFloat64()))))
		} else {
			sdq.Reason = pick(s.r, choice[string]{{40, "SDQ2"}, {20, "SDQ3"}, {25, "SDQ4"}, {15, "SDQ5"}})
		}
		s.record(w, sdq)
	}
}

// goneMissing is a missing episode: the child returns, and is offered a
// return home interview within 72 hours (M-1).
func (s *sim) goneMissing(c *child) bool {
	w := c.sw.w
	returned := at(s.today, 7+s.r.Float64()*14)
	m := &domain.MissingEpisode{PersonID: c.p.ID, Type: pick(s.r, choice[string]{{80, "M"}, {20, "A"}}),
		StartAt: returned.Add(-time.Duration(2+s.r.IntN(46)) * time.Hour), ReturnAt: returned}
	m.ReportedToPolice = m.Type == "M"
	offered := s.r.chance(0.85)
	m.InterviewOffered = ptr(offered)
	accepted := offered && s.r.chance(0.6)
	if offered {
		m.InterviewAccepted = ptr(accepted)
	}
	if !accepted {
		m.CarerDebriefOffered = true
	}
	s.record(w, m)
	if accepted {
		interview := returned.Add(time.Duration(6+s.r.IntN(90)) * time.Hour)
		s.on(civil.OfTime(interview), func() {
			m.InterviewAt, m.InterviewerAgency = interview, pick(s.r, choice[string]{{70, "early_help"}, {30, "voluntary"}})
			m.InterviewFindings = oneOf(s.r, "Went to a friend's house after an argument with carers.", "Stayed with older peers; exploitation concerns shared with police.", "Wanted to see birth family.", "Would not say where they had been.")
			s.amend(w, m)
		})
	}
	return true
}

// leaveCare ends the period of care with the SSDA903 reason and closes or
// hands on the child's case.
func (s *sim) leaveCare(c *child, reason string) {
	cr := c.care
	w := c.sw.w
	cr.placement.EndDate = s.today
	s.amend(w, cr.placement)
	cr.episode.EndDate, cr.episode.ReasonEnded = s.today, reason
	s.amend(w, cr.episode)
	s.closePlan(cr.doc, w)
	s.release(&c.iro)
	c.care = nil
	s.note(c, w, "significant_event", "Ceased to be looked after", map[string]string{
		"E11": "Adoption order granted.", "E12": "Adoption order granted.", "E41": "Child arrangements order granted.",
		"E4A": "Returned home to parents as planned.", "E4B": "Returned home to parents.", "E13": "Went to live with relatives.",
		"E14": "Remand ended.", "E17": "Turned 18; staying put with foster carers.", "E5": "Moved to supported accommodation.",
		"E6": "Moved into own tenancy.", "E8": "Ceased to be looked after."}[reason], true)
	eligible := c.dob.AddYears(14).Before(s.today) && s.today.DaysSince(later(cr.start, c.dob.AddYears(14))) >= 91
	closing := map[string]string{"E11": "RC1", "E12": "RC1", "E45": "RC4", "E46": "RC4", "E47": "RC4", "E48": "RC4", "E41": "RC3", "E3": "RC5", "E7": "RC6"}[reason]
	if closing == "" {
		closing = "RC7"
	}
	switch reason {
	case "E4A", "E4B", "E13":
		// About 8% of those leaving care come back within the year (F095).
		if c.age(s.today) < 17 && s.r.chance(0.35) {
			s.on(s.daysAfter(s.today, in(20, 330)), func() { s.returnToCare(c) })
		}
	}
	if eligible && c.age(s.today) >= 16 && reason != "E14" {
		s.becomeCareLeaver(c, reason)
	}
	s.closeCase(c, closing)
}

// returnToCare brings a child who went home back into care.
func (s *sim) returnToCare(c *child) {
	if c.care != nil || c.ref != nil || c.moved || c.hh.fam != nil || c.age(s.today) >= 17 {
		return
	}
	s.refer(c.hh, []*child{c}, nil, pick(s.r, choice[string]{{50, "6"}, {30, "2A"}, {20, "1A"}}), "", true)
	s.enterCare([]*child{c}, "s20")
}

// familyBreakdown is a crisis that brings the family's teenagers into care
// by agreement, or the younger children under an interim care order.
func (s *sim) familyBreakdown(f *family) {
	var teens []*child
	for _, c := range f.children {
		if c.age(s.today) >= 11 {
			teens = append(teens, c)
		}
	}
	if len(teens) > 0 {
		s.enterCare(teens, "s20")
		return
	}
	s.urgentProceedings(f)
}

// urgentProceedings issues care proceedings at once.
func (s *sim) urgentProceedings(f *family) {
	route := pick(s.r, choice[string]{{75, "ico"}, {15, "police"}, {10, "epo"}})
	s.enterCare(append([]*child(nil), f.children...), route)
}

// Remands to local authority accommodation a year, of teenagers already
// known to the service.
const remands = 5

func (s *sim) remanded() {
	if len(s.families) == 0 {
		return
	}
	f := s.families[s.r.IntN(len(s.families))]
	for _, c := range f.children {
		if c.age(s.today) >= 12 {
			s.enterCare([]*child{c}, "remand")
			return
		}
	}
}

// Unaccompanied asylum-seeking children arriving: 4 in care at a time
// (F091).
const uascArrivals = 3

var uascHeritage = heritage{
	ethnicity: []string{"BAFR", "AOTH", "OOTH"},
	language:  "Tigrinya",
	surnames:  []string{"Tesfaye", "Haile", "Gebremedhin", "Ahmadi", "Rahimi", "Mohammed", "Osman", "Yousif"},
	boys:      []string{"Dawit", "Yonas", "Samuel", "Ahmad", "Mustafa", "Omar", "Bilal", "Kidane"},
	girls:     []string{"Helen", "Selam", "Hiwet", "Maryam", "Fatima"},
}

func (s *sim) uascArrives() {
	mash := s.pickWorker("front_door")
	hh := s.newHousehold(uascHeritage, []civil.Date{s.bornAged(s.r.between(15, 17))}, mash)
	hh.network = true // no family here to record
	c := hh.children[0]
	c.p.Nationality = oneOf(s.r, "Eritrean", "Afghan", "Sudanese")
	s.amend(mash, c.p)
	s.record(mash,
		&domain.ImmigrationStatus{PersonID: c.p.ID, Status: "uasc", From: s.today},
		&domain.Identifier{PersonID: c.p.ID, Type: "home_office_ref", Value: "HO" + c.p.LAChildID[2:], ValidFrom: s.today})
	ct := &domain.Contact{PersonID: c.p.ID, ContactAt: s.workingHours(s.today), Source: "6", SourceOrganisationID: s.org.police.ID,
		PresentingConcerns: "Young person found at a motorway services; no adult with them.",
		ProfessionalID:     mash.p.ID, TeamID: mash.team.t.ID, ReferrerThreshold: "child_protection"}
	s.takeContact(mash, []*domain.Contact{ct}, &screening{decision: "referral", level: "child_protection", manager: mash.team.manager, at: ct.ContactAt.Add(time.Hour)})
	s.refer(hh, hh.children, []*domain.Contact{ct}, "6", "uasc", true)
	s.enterCare(hh.children, "uasc")
}
