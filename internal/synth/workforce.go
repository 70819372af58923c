package synth

import (
	"fmt"
	"math"

	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/domain"
)

// The workforce: organisations the service works with, its teams and their
// management line, and staff who join, carry caseloads, are supervised and
// leave.

type organisations struct {
	council, police, hospital, community, ifss, cafcass, court, housing, adultCare, youthJustice *domain.Organisation
	schools, centres                                                                             []*domain.Organisation
	fostering, adoption                                                                          *domain.Organisation
	// providers of each placement type, looked up by type's first letter.
	providers map[string][]provider
}

// provider is a placement provider: who runs it, the 903 provider code and
// where it is.
type provider struct {
	org  *domain.Organisation
	code string
	away *place // nil in the authority's own area
}

type team struct {
	t       *domain.Team
	kind    string
	manager *worker
	staff   []*worker // practitioners in post
}

type worker struct {
	p     *domain.Professional
	team  *team
	cases []*allocation
	left  bool
}

// allocation is a professional's involvement with a child: their allocated
// social worker, IRO or personal adviser.
type allocation struct {
	c   *child
	w   *worker
	inv *domain.Involvement
	idx int // position in w.cases
}

// teamPlan is how a service is staffed: children carried per practitioner
// and the Doncaster-scale caseload it serves.
type teamPlan struct {
	kind, name, role string
	children         float64 // open children at Doncaster scale
	perWorker        float64
}

// services are grouped under heads of service, who report to the director.
var services = []struct {
	name  string
	teams []teamPlan
}{
	{"Front Door and Assessment", []teamPlan{
		{"front_door", "MASH", "social_worker", 160, 18},
		{"assessment", "Assessment Team", "social_worker", 430, 18},
	}},
	{"Safeguarding and Family Support", []teamPlan{
		{"child_protection", "Child Protection Team", "social_worker", 420, 17},
		{"children_in_need", "Children in Need Team", "social_worker", 980, 20},
		{"disabled_children", "Disabled Children's Team", "social_worker", 190, 19},
	}},
	{"Children in Care", []teamPlan{
		{"looked_after", "Children in Care Team", "social_worker", 500, 17},
		{"leaving_care", "Leaving Care Team", "personal_adviser", 250, 24},
		{"adoption", "Adoption Team", "social_worker", 60, 12},
		{"fostering", "Fostering Team", "social_worker", 100, 14},
	}},
	{"Quality Assurance", []teamPlan{
		{"iro_service", "Independent Reviewing Officers", "iro", 500, 65},
		{"cp_chairs", "Child Protection Chairs", "cp_chair", 420, 95},
	}},
	{"Early Help", []teamPlan{
		{"early_help", "Early Help Team", "early_help_practitioner", 500, 25},
	}},
}

// Teams are named by area when a service needs several.
var areas = []string{"North", "Central", "South", "East", "West", "Thorne", "Mexborough", "Balby", "Bentley", "Armthorpe"}

// frontDoorAssistants are the unqualified staff at the front door at
// Doncaster's size, who take contacts and make the enquiries a registered
// manager decides on (¶26: "a reliance on unqualified workers").
const frontDoorAssistants = 3

// disabilityExpertise says whether a team's senior practitioner is a
// disability specialist the front door consults before a disabled child's
// contact closes without a service (FD-13): the front door's own and the
// disabled children's teams'. ¶40 found too few at the point of contact.
func disabilityExpertise(kind string) bool {
	return kind == "front_door" || kind == "disabled_children"
}

// Turnover: monthly chances of leaving, and how many replacements are agency
// staff, chosen so that about 9.5% of social workers are agency (F201).
const (
	leavingEmployed = 0.0125
	leavingAgency   = 0.04
	agencyHires     = 0.25
	agencyAtStart   = 0.095
)

func (s *sim) setUp() {
	s.setUpOrganisations()
	director := s.newTeam("Children's Services", "management", nil, "director", "Director of Children's Services")
	for _, svc := range services {
		head := s.newTeam(svc.name, "management", director, "head_of_service", "Head of Service, "+svc.name)
		for _, p := range svc.teams {
			needed := max(1, int(math.Ceil(p.children*s.scale/p.perWorker)))
			teams := max(1, (needed+6)/8)
			for i := range teams {
				name := p.name
				if teams > 1 {
					name += " " + areas[i%len(areas)]
					if i >= len(areas) {
						name += fmt.Sprint(" ", i/len(areas)+1)
					}
				}
				t := s.newTeam(name, p.kind, head, "team_manager", "Team Manager, "+name)
				for j := range needed/teams + boolInt(i < needed%teams) {
					role := p.role
					if j == 0 && role == "social_worker" && (needed > 2 || disabilityExpertise(p.kind)) {
						role = "senior_practitioner"
					}
					s.hire(t, role, s.r.chance(agencyAtStart), s.cfg.From.AddDays(-s.r.between(30, 12*365)))
				}
				if p.kind == "front_door" {
					for range max(1, int(frontDoorAssistants*s.scale/float64(teams)+0.5)) {
						s.hire(t, "family_support_worker", s.r.chance(agencyAtStart), s.cfg.From.AddDays(-s.r.between(30, 8*365)))
					}
				}
			}
		}
	}
	s.every(s.cfg.From, in(20, 35), s.caseAudits)
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func (s *sim) newTeam(name, kind string, parent *team, managerRole, title string) *team {
	t := &team{t: &domain.Team{Name: name, Type: kind}, kind: kind}
	if parent != nil {
		t.t.ParentTeamID = parent.t.ID
	}
	s.record(s.setup, t.t)
	s.teams[kind] = append(s.teams[kind], t)
	s.appointManager(t, managerRole, title, s.cfg.From.AddDays(-s.r.between(180, 15*365)))
	return t
}

func (s *sim) appointManager(t *team, role, title string, start civil.Date) {
	m := s.newProfessional(t, role, title, false, start)
	t.manager = m
	t.t.ManagerID = m.p.ID
	s.amend(s.setup, t.t)
}

func (s *sim) newProfessional(t *team, role, title string, agency bool, start civil.Date) *worker {
	her := households[0].v
	name := oneOf(s.r, append(her.women, her.men...)...) + " " + oneOf(s.r, her.surnames...)
	p := &domain.Professional{
		StaffID: s.n.staffID(), Name: name, Role: role, JobTitle: title,
		TeamID: t.t.ID, OrganisationID: s.org.council.ID, Agency: agency,
		FTE: pick(s.r, choice[float64]{{85, 1}, {10, 0.8}, {5, 0.6}}), Email: email(name), StartDate: start,
	}
	// Social workers are registered from the day they start to a renewal
	// date after the period simulated (FD-04); the other practitioners are
	// in unqualified roles.
	switch role {
	case "social_worker", "senior_practitioner", "team_manager", "service_manager", "head_of_service", "director", "iro", "cp_chair":
		p.Registration, p.RegistrationNumber = "registered", s.n.registrationNumber()
		p.RegisteredFrom, p.RegistrationExpiry = start, civil.Of(s.cfg.To.Year()+1, 11, 30)
	default:
		p.Registration = "unqualified"
	}
	p.DisabilitySpecialist = role == "senior_practitioner" && disabilityExpertise(t.kind)
	w := &worker{p: p, team: t}
	s.record(s.recorderFor(t), p)
	return w
}

// recorderFor is who records a new member of a team: its manager, once
// the authority is running.
func (s *sim) recorderFor(t *team) *worker {
	if t.manager != nil && s.today.After(s.cfg.From) {
		return t.manager
	}
	return s.setup
}

// hire adds a practitioner to a team and puts their supervision and, one
// day, their leaving in the diary.
func (s *sim) hire(t *team, role string, agency bool, start civil.Date) {
	title := map[string]string{
		"social_worker": "Social Worker", "senior_practitioner": "Senior Practitioner", "personal_adviser": "Personal Adviser",
		"iro": "Independent Reviewing Officer", "cp_chair": "Child Protection Chair", "early_help_practitioner": "Family Support Practitioner",
		"family_support_worker": "Social Work Assistant",
	}[role]
	w := s.newProfessional(t, role, title, agency, start)
	s.train(w)
	t.staff = append(t.staff, w)
	s.every(start.AddDays(s.r.between(7, 35)), in(28, 70), func() bool { return s.supervise(w) })
	monthly := leavingEmployed
	if agency {
		monthly = leavingAgency
	}
	stay := int(s.r.ExpFloat64() / monthly * 30.44)
	s.on(s.today.AddDays(stay+1), func() { s.leave(w) })
}

// leave is a practitioner leaving: their children are reallocated and a
// replacement starts some weeks later.
func (s *sim) leave(w *worker) {
	if w.left {
		return
	}
	w.left = true
	w.p.LeftDate = s.today
	s.amend(w.team.manager, w.p)
	t := w.team
	for i, o := range t.staff {
		if o == w {
			t.staff = append(t.staff[:i], t.staff[i+1:]...)
			break
		}
	}
	for len(w.cases) > 0 {
		a := w.cases[len(w.cases)-1]
		s.reallocate(a, "LEFTRL")
	}
	start := s.workingDaysAfter(s.today, in(10, 40))
	s.on(start, func() { s.hire(t, w.p.Role, s.r.chance(agencyHires), start) })
}

// fullCaseload is as many children as a manager will give one worker
// while others have fewer (F196: some hold up to 30).
const fullCaseload = 25

// pickWorker chooses who takes a new case in a service: of two
// practitioners drawn at random, the one with fewer children. Caseloads stay
// close to the service's norm, with some workers well above it.
func (s *sim) pickWorker(kind string) *worker {
	var pool []*worker
	for _, t := range s.teams[kind] {
		pool = append(pool, t.staff...)
	}
	if len(pool) == 0 {
		// Everyone has left: the team manager holds the cases.
		return s.teams[kind][0].manager
	}
	a, b := pool[s.r.IntN(len(pool))], pool[s.r.IntN(len(pool))]
	if len(b.cases) < len(a.cases) {
		a = b
	}
	// A manager will not give a full caseload more while others have room.
	if len(a.cases) >= fullCaseload {
		for _, w := range pool {
			if len(w.cases) < len(a.cases) {
				a = w
			}
		}
	}
	return a
}

// allocate makes w the child's worker in the role, ending any previous
// allocation in that role with the reason.
func (s *sim) allocate(c *child, slot **allocation, w *worker, role, reason string) {
	if *slot != nil {
		if (*slot).w == w {
			return
		}
		s.endAllocation(*slot, reason)
	}
	inv := &domain.Involvement{PersonID: c.p.ID, ProfessionalID: w.p.ID, TeamID: w.team.t.ID, Role: role, From: s.today}
	if c.ref != nil {
		inv.ReferralID = c.ref.ID
	}
	s.record(w, inv)
	a := &allocation{c: c, w: w, inv: inv, idx: len(w.cases)}
	w.cases = append(w.cases, a)
	*slot = a
}

// endAllocation ends an involvement. The reason is recorded for a change of
// social worker; a case closing is recorded as "other".
func (s *sim) endAllocation(a *allocation, reason string) {
	a.inv.To = s.today
	a.inv.ChangeReason = reason
	s.amend(a.w, a.inv)
	last := a.w.cases[len(a.w.cases)-1]
	a.w.cases[a.idx] = last
	last.idx = a.idx
	a.w.cases = a.w.cases[:len(a.w.cases)-1]
}

// release ends whichever allocation slot holds, when a case closes.
func (s *sim) release(slot **allocation) {
	if *slot != nil {
		s.endAllocation(*slot, "OTHERS")
		*slot = nil
	}
}

// reallocate moves a child to another worker in the same service.
func (s *sim) reallocate(a *allocation, reason string) {
	c := a.c
	slot := c.slot(a.inv.Role)
	w := s.pickWorker(a.w.team.kind)
	if w == a.w {
		// The only worker left is leaving: the manager holds the case.
		w = a.w.team.manager
	}
	s.allocate(c, slot, w, a.inv.Role, reason)
}

// supervise is a supervision session: a few of the worker's children are
// discussed and directions given. Sessions are meant to be monthly but
// slip, as the inspectors found (¶26).
func (s *sim) supervise(w *worker) bool {
	if w.left {
		return false
	}
	m := w.team.manager
	if m == w || m.left {
		return true
	}
	sup := &domain.Supervision{SuperviseeID: w.p.ID, SupervisorID: m.p.ID, Date: s.today, Notes: "Caseload, wellbeing and training needs discussed."}
	s.record(m, sup)
	for range min(s.r.between(1, 2), len(w.cases)) {
		a := w.cases[s.r.IntN(len(w.cases))]
		s.record(m, &domain.SupervisionCase{PersonID: a.c.p.ID, SupervisionID: sup.ID,
			Discussion: oneOf(s.r, "Progress against the plan reviewed.", "Risks reviewed; no change to the plan.", "Drift identified: actions overdue.", "Child's views and recent visits discussed."),
			Actions:    oneOf(s.r, "Visit within five working days and update the chronology.", "Arrange a review meeting.", "Update the plan with the family.", "Complete the outstanding assessment.")})
	}
	// Supervision is where caseloads are balanced and requests for another
	// worker agreed.
	switch {
	case len(w.cases) > fullCaseload && s.r.chance(0.5):
		s.reallocate(w.cases[s.r.IntN(len(w.cases))], "MANAGE")
	case len(w.cases) > 0 && s.r.chance(0.03):
		s.reallocate(w.cases[s.r.IntN(len(w.cases))], pick(s.r, choice[string]{{40, "ABSENC"}, {35, "PCCHAN"}, {25, "CHCHAN"}}))
	}
	return true
}

// caseAudits is the monthly quality assurance audit of a sample of open
// cases. In an authority judged inadequate most fall short.
func (s *sim) caseAudits() bool {
	qa := s.teams["iro_service"][0].manager
	for range max(1, int(10*s.scale+0.5)) {
		if len(s.families) == 0 {
			break
		}
		f := s.families[s.r.IntN(len(s.families))]
		if len(f.children) == 0 {
			continue
		}
		c := f.children[0]
		grade := pick(s.r, choice[string]{{2, "outstanding"}, {25, "good"}, {48, "requires_improvement"}, {25, "inadequate"}})
		s.record(qa, &domain.CaseAudit{PersonID: c.p.ID, Date: s.today, AuditorID: qa.p.ID, Grade: grade,
			Findings: map[string]string{"outstanding": "Exemplary recording; the child's voice is clear throughout.", "good": "Plan is clear and visits are regular.",
				"requires_improvement": "Plan lacks measurable actions; chronology out of date.", "inadequate": "Risk not analysed; drift in the plan; child not seen alone."}[grade],
			Actions: "Team manager to review with the social worker within 10 working days."})
	}
	return true
}

func (s *sim) setUpOrganisations() {
	by := s.setup
	org := func(name, agency, postcode string) *domain.Organisation {
		o := &domain.Organisation{Name: name, Agency: agency, Postcode: postcode}
		s.record(by, o)
		return o
	}
	o := &s.org
	o.council = org("Doncaster-like Children's Trust", "childrens_social_care", s.r.localPostcode())
	o.police = org("Don Valley Police", "police", s.r.localPostcode())
	o.hospital = org("Don Valley Hospitals NHS Foundation Trust", "health", s.r.localPostcode())
	o.community = org("Riverside Community Health NHS Trust", "health", s.r.localPostcode())
	o.ifss = org("Intensive Family Support Service", "early_help", s.r.localPostcode())
	o.cafcass = org("Children and Family Court Advisory Service", "legal", s.r.postcode("S1"))
	o.court = org("South Yorkshire Family Court", "legal", s.r.postcode("S3"))
	o.housing = org("St Leger Housing", "housing", s.r.localPostcode())
	o.adultCare = org("Adult Social Care", "adult_social_care", s.r.localPostcode())
	o.youthJustice = org("Youth Offending Service", "youth_justice", s.r.localPostcode())
	for i := range max(3, int(40*s.scale)) {
		kind := "Primary"
		if i%5 == 4 {
			kind = "Academy"
		}
		o.schools = append(o.schools, org(fmt.Sprintf("%s %s", oneOf(s.r, streets...), kind), "education", s.r.localPostcode()))
	}
	for i := range max(1, int(6*s.scale)) {
		o.centres = append(o.centres, org(fmt.Sprintf("%s Children's Centre", streets[(i*7)%len(streets)]), "early_help", s.r.localPostcode()))
	}
	o.fostering = org("Doncaster-like Fostering Service", "childrens_social_care", s.r.localPostcode())
	o.adoption = org("Doncaster-like Adoption Service", "childrens_social_care", s.r.localPostcode())
	o.providers = map[string][]provider{}
	add := func(kind, name, agency, code string, away bool, urn bool) {
		p := provider{code: code, org: &domain.Organisation{Name: name, Agency: agency, Postcode: s.r.localPostcode()}}
		if away {
			p.away = s.awayPlace()
			p.org.Postcode = s.r.postcode(p.away.outward)
		}
		if urn {
			p.org.URN = s.n.ofstedURN()
		}
		s.record(by, p.org)
		o.providers[kind] = append(o.providers[kind], p)
	}
	for _, n := range []string{"Northern Star Fostering", "Brightwater Family Placements", "Pennine Foster Care", "Oakwood Fostering"} {
		add("ifa", n, "other", "PR4", false, true)
	}
	add("ifa", "Hope Families Fostering", "voluntary", "PR5", false, true)
	for _, n := range []string{"Cedar House", "Elm Lodge", "Rowan House", "Willow Court"} {
		add("home", n+" Children's Home", "childrens_social_care", "PR1", false, true)
	}
	for _, n := range []string{"Moorview", "Brookside", "Hilltop", "Fernlea", "Lantern House", "Meadowbank"} {
		add("home", n+" Children's Home", "other", "PR4", s.r.chance(0.7), true)
	}
	for _, n := range []string{"Ashdown Residential School", "Kestrel Park School"} {
		add("school", n, "education", "PR4", true, true)
	}
	for _, n := range []string{"Foyer Project", "Step Up Supported Living", "Keyring Supported Accommodation"} {
		add("supported", n, "voluntary", "PR5", s.r.chance(0.4), true)
	}
	add("secure", "Aldine Secure Children's Home", "other", "PR3", true, true)
	add("custody", "Wetherby-like Young Offender Institution", "other", "PR3", true, false)
	add("parent_baby", "Mother and Baby Assessment Unit", "other", "PR4", true, true)
	add("health", "Adolescent Inpatient Unit", "health", "PR3", true, false)
}
