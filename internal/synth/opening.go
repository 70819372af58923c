package synth

import (
	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/domain"
)

// The caseload open on the first simulated day is migrated in, as from the
// authority's previous system: each case with the records of its current
// stage, dated when they happened, and recorded by the migration. Without it
// the stocks would take years to build: children stay in care for years and
// care leavers are supported to 25.

// Opening stocks at Doncaster's size (§17.3). Children in need not on a
// plan and not looked after are mostly on child in need plans; assessments
// under way build up within weeks.
const (
	openLookedAfter = 498
	openCareLeavers = 190
	openCP          = 312
	openCIN         = 850
	openDisabled    = 170
	openAdopters    = 12
)

func (s *sim) migrateOpenCases() {
	s.migrating = true
	defer func() { s.migrating, s.today = false, s.cfg.From }()
	count := func(n float64) int { return int(n*s.scale + s.r.Float64()) }
	for left := count(openLookedAfter); left > 0; {
		left -= s.migrateInCare(pick(s.r, choice[string]{{58, "long_term"}, {12, "adoption"}, {18, "proceedings"}, {12, "home"}}))
	}
	for range count(openCareLeavers) {
		s.migrateCareLeaver()
	}
	for left := count(openCP); left > 0; {
		left -= s.migrateFamily("cp", "", in(0, 480))
	}
	for left := count(openCIN); left > 0; {
		left -= s.migrateFamily("cin", "", in(0, 330))
	}
	for left := count(openDisabled); left > 0; {
		left -= s.migrateFamily("cin", "disabled", in(0, 1400))
	}
	for range count(openAdopters) {
		s.today = s.cfg.From.AddDays(-s.r.between(250, 600))
		s.adopterEnquiry(s.today)
	}
}

// migrateFamily migrates a family on a child in need or child protection
// plan that started some days before the migration, returning how many
// children it has.
func (s *sim) migrateFamily(stage, route string, since spread) int {
	start := s.cfg.From.AddDays(-s.r.draw(since))
	s.today = start.AddDays(-s.r.between(20, 60))
	eldest := pick(s.r, contactAges)
	if route == "disabled" {
		eldest = s.r.between(2, 14)
	}
	// Nobody reaches 18 before the migration.
	eldest = max(0, min(eldest, 17-s.cfg.From.DaysSince(s.today)/365))
	hh := s.newHousehold(pick(s.r, households), s.familyDOBs(eldest), s.system)
	s.importEarlierContacts(hh)
	f := s.refer(hh, hh.children, nil, pick(s.r, contactSources), route, true)
	s.today = start
	outcomes := map[string][]string{"cp": {"strategy_discussion", "provide_services"}, "cin": {"provide_services"}}[stage]
	if route == "disabled" {
		outcomes = []string{"provide_services", "short_breaks"}
	}
	for _, c := range f.children {
		s.authorise(c, outcomes, false)
	}
	f.assessing = false
	if stage == "cin" {
		s.startCIN(f)
		return len(f.children)
	}
	chair := s.pickWorker("cp_chairs")
	conferences := map[*child]*domain.Conference{}
	for _, c := range f.children {
		conferences[c] = s.conference(c, chair, "initial", "cp_plan")
		conferences[c].TargetDate = s.today
		conferences[c].RiskRating = s.initialRisk(c, "cp_plan")
		s.record(chair, conferences[c])
	}
	s.startCP(f, conferences)
	return len(f.children)
}

// migrateInCare migrates a group of brothers and sisters in care, returning
// how many there are. Profiles: "long_term" (on a care order, most in a
// long-term placement), "adoption" (placement order made, some placed),
// "proceedings" (in care proceedings), "home" (accommodated by agreement,
// planning to go home).
func (s *sim) migrateInCare(profile string) int {
	from := s.cfg.From
	var eldest, size, monthsIn int
	switch profile {
	case "long_term":
		eldest = pick(s.r, choice[int]{{20, s.r.between(5, 9)}, {50, s.r.between(10, 15)}, {30, s.r.between(16, 17)}})
		size = pick(s.r, choice[int]{{65, 1}, {25, 2}, {10, 3}})
		monthsIn = s.r.between(12, min(12*10, 12*eldest))
	case "adoption":
		eldest = s.r.between(1, 5)
		size = pick(s.r, choice[int]{{60, 1}, {40, 2}})
		monthsIn = s.r.between(12, min(30, 12*eldest+6))
	case "proceedings":
		eldest = s.r.between(0, 15)
		size = pick(s.r, choice[int]{{55, 1}, {30, 2}, {15, 3}})
		monthsIn = s.r.between(1, 5)
	default:
		eldest = s.r.between(10, 17)
		size = pick(s.r, choice[int]{{80, 1}, {20, 2}})
		monthsIn = s.r.between(1, 10)
	}
	s.today = from
	dobs := []civil.Date{s.bornAged(eldest)}
	for age := eldest; len(dobs) < size; {
		if age -= s.r.between(1, 3); age < 0 {
			break
		}
		dobs = append(dobs, s.bornAged(age))
	}
	entered := later(from.AddDays(-monthsIn*30), dobs[len(dobs)-1].AddDays(3))
	s.today = later(entered.AddDays(-s.r.between(0, 40)), dobs[len(dobs)-1].AddDays(1))
	hh := s.newHousehold(pick(s.r, households), dobs, s.system)
	f := s.refer(hh, hh.children, nil, pick(s.r, contactSources), "", true)
	kids := append([]*child(nil), f.children...)
	s.today = entered
	route, plan := "s20", profile
	if profile == "proceedings" {
		route, plan = "ico", ""
	}
	for _, c := range kids {
		if plan == "" {
			plan = s.carePlan(c, route)
		}
		s.intoCare(c, route, plan)
	}
	if profile == "proceedings" || profile == "home" {
		return len(kids)
	}
	// Care proceedings ended months after the children came into care.
	s.today = s.cal.AddWorkingDays(entered, s.r.between(5, 30))
	for _, c := range kids {
		s.startProceedings(c)
	}
	final := kids[0].care.court.final
	if !final.Before(from) {
		return len(kids)
	}
	if profile == "adoption" {
		s.today = final.AddDays(-s.r.between(20, 60))
		for _, c := range kids {
			s.adoptionDecision(c)
		}
	}
	s.today = final
	for _, c := range kids {
		s.finalHearing(c, final.DaysSince(c.care.court.cp.IssueDate)/7)
	}
	switch {
	case profile == "long_term" && from.DaysSince(final) > 90:
		// Most moved on to a long-term placement soon after the final order.
		s.today = final.AddDays(s.r.between(30, min(240, from.DaysSince(final)-30)))
		for _, c := range kids {
			if c.care != nil {
				s.place(c, s.placementType(c, true), "CARPL")
			}
		}
	case profile == "adoption" && s.r.chance(0.6) && from.DaysSince(final) > 120:
		s.today = final.AddDays(s.r.between(60, from.DaysSince(final)-40))
		s.match(kids[0])
		s.today = s.today.AddDays(s.r.between(7, 30))
		for _, c := range kids {
			s.placeForAdoption(c)
		}
	}
	return len(kids)
}

// migrateCareLeaver migrates a care leaver aged 18 to 24 with the care they
// left at 18.
func (s *sim) migrateCareLeaver() {
	from := s.cfg.From
	s.today = from
	age := pick(s.r, choice[int]{{26, 18}, {24, 19}, {20, 20}, {10, 21}, {8, 22}, {7, 23}, {5, 24}})
	dob := s.bornAged(age)
	entered := dob.AddYears(s.r.between(10, 16)).AddDays(s.r.IntN(300))
	s.today = entered.AddDays(-s.r.between(0, 30))
	hh := s.newHousehold(pick(s.r, households), []civil.Date{dob}, s.system)
	s.refer(hh, hh.children, nil, pick(s.r, contactSources), "", true)
	c := hh.children[0]
	s.today = entered
	s.intoCare(c, "s20", "long_term")
	s.today = dob.AddYears(16)
	s.preparePathway(c)
	s.today = dob.AddYears(18)
	s.leaveCare(c, pick(s.r, choice[string]{{30, "E17"}, {40, "E5"}, {10, "E6"}, {20, "E8"}}))
}
