package synth

import (
	"time"

	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/domain"
)

// The front door: contacts arriving, screened within a working day; referrals
// opening a child's episode; early help; and cases closing.

// family is a household's current episode with children's social care: the
// children referred together and worked with together, until their cases
// close or they come into care.
type family struct {
	hh       *household
	children []*child
	idx      int // position in sim.families
	// stage is where the work is: "assessment", "cin", "cp" or
	// "private_fostering". gen changes with every stage, which stops the
	// routines (visits, reviews) of the stage before.
	stage string
	gen   int
	// assessing and enquiring say whether assessments or a section 47
	// enquiry are under way; outcome is what they decided, acted on once
	// both are done.
	assessing, enquiring bool
	outcome              string
	// route is how the family came in: "" for the usual route, or
	// "disabled", "private_fostering", "uasc", "remand".
	route string
	// da marks a family referred after a domestic abuse notification.
	da bool
	// concern is when harm was first suspected, for the strategy discussion.
	concern civil.Date
	// s47Start anchors the initial conference's 15 working days; enquired
	// are the children the enquiry is about.
	s47Start civil.Date
	enquired []*child
	// preProceedings is set once the family has been in the Public Law
	// Outline.
	preProceedings bool
}

// Annual flows at Doncaster's size (§17.2).
const (
	childContacts   = 9_400 // child-contacts a year
	directEarlyHelp = 110   // early help assessments started by partner agencies
	// childrenPerContact is the mean number of children a contact names.
	childrenPerContact = 1.6
	// weekendShare is a weekend day's or bank holiday's volume relative to a
	// working day's.
	weekendShare = 0.3
)

// Where contacts come from (CIN referral source codes): police a third
// (F034), with domestic abuse notifications 69% of those (F035).
var contactSources = choice[string]{
	{31, "6"}, {16, "2A"}, {1.5, "2B"}, {3, "3A"}, {3, "3B"}, {1.5, "3C"}, {2, "3D"}, {3, "3E"}, {2, "3F"},
	{2, "4"}, {3, "5A"}, {2, "5B"}, {2, "5C"}, {2, "5D"}, {4, "1A"}, {2.5, "1B"}, {0.5, "1C"}, {1, "1D"},
	{3, "7"}, {6, "8"}, {2.5, "9"}, {1.5, "10"},
}

// Out of hours, the emergency duty team hears mostly from police and A&E.
var outOfHoursSources = choice[string]{{45, "6"}, {25, "3E"}, {20, "1A"}, {10, "8"}}

var concerns = map[string][]string{
	"da":     {"Police attended a domestic incident; children present in the home.", "Verbal argument between parents reported by a neighbour; police attended.", "Mother assaulted by partner; children witnessed the incident."},
	"2A":     {"Child arrived at school hungry and in unwashed clothes.", "Unexplained bruising to the child's arm noticed at school.", "Child disclosed arguments and shouting at home.", "Persistent absence and lateness; family not engaging with school."},
	"health": {"Missed health appointments and concerns about weight gain.", "Mother disclosed low mood and difficulty coping.", "Injury to a non-mobile baby seen at A&E.", "Concerns about the home conditions seen by the health visitor."},
	"other":  {"Concerns about the children's care raised by a relative.", "Reports of children left alone in the home.", "Parent misusing substances while caring for the children.", "Family in rent arrears and facing eviction; children's needs not met."},
}

// frontDoorDay brings today's new contacts and partners' early help.
func (s *sim) frontDoorDay() {
	working := s.cal.IsWorkingDay(s.today)
	share := 1.0
	if !working {
		share = weekendShare
	}
	// Scale a working day up so that a year's weekends and holidays still
	// come to the annual flow: 253 working days and 112 other days.
	mean := s.perYear(childContacts/childrenPerContact) * share * 365.25 / (253 + 112*weekendShare)
	for range s.r.poisson(mean) {
		s.contactArrives(working)
	}
	if working {
		for range s.r.poisson(s.perYear(directEarlyHelp) * 365.25 / 253) {
			s.partnerEarlyHelp()
		}
		for range s.r.poisson(s.perYear(privateFostering) * 365.25 / 253) {
			s.privateFosteringNotified()
		}
		for range s.r.poisson(s.perYear(uascArrivals) * 365.25 / 253) {
			s.uascArrives()
		}
		for range s.r.poisson(s.perYear(remands) * 365.25 / 253) {
			s.remanded()
		}
	}
	s.adopterEnquiries()
}

// contactArrives is one contact: a call, a notification or a form about a
// household's children.
func (s *sim) contactArrives(working bool) {
	source := pick(s.r, contactSources)
	if !working {
		source = pick(s.r, outOfHoursSources)
	}
	da := source == "6" && s.r.chance(0.69)
	hh, known := s.householdFor(source)
	kids := hh.current(s.today)
	if len(kids) == 0 {
		return
	}
	f := hh.fam
	decision := "nfa"
	if f == nil {
		decision = s.screen(da, kids[0].unborn(s.today), source)
	}
	arrived := s.workingHours(s.today)
	if da || !working {
		arrived = at(s.today, s.r.Float64()*24)
	}
	decideOn := s.today
	if !working || s.r.chance(0.15) {
		decideOn = s.workingDaysAfter(s.today, spread{{0.9, 1, 1}, {0.1, 2, 3}})
	}
	mash := s.pickWorker("front_door")
	contacts := make([]*domain.Contact, len(kids))
	level := s.decidedLevel(decision, f)
	ooh := s.outOfHours(kids[0].p.ID, arrived, working, decideOn == s.today, mash)
	for i, c := range kids {
		ct := &domain.Contact{PersonID: c.p.ID, ContactAt: arrived, Source: source, SourceOrganisationID: s.sourceOrganisation(source),
			DomesticAbuseNotification: da, EarlyHelpAssessment: s.r.chance(0.04),
			PresentingConcerns: s.concern(source, da), ProfessionalID: mash.p.ID, TeamID: mash.team.t.ID,
			Disabled: len(c.disabilities) > 0, DisabilityTypes: c.disabilities, OutOfHours: ooh != nil}
		if f != nil {
			ct.AgencyChecks = "Open case: information passed to the allocated social worker."
		} else if known {
			ct.AgencyChecks = "Previously known to children's social care; history reviewed."
		}
		contacts[i] = ct
	}
	if da {
		s.notify(contacts, hh, decision)
	}
	referrer := s.referrerLevel(source, contacts[0].DASHRisk, level)
	for _, ct := range contacts {
		ct.ReferrerThreshold = referrer
	}
	// The decision is the MASH team manager's, at least 20 minutes after the
	// contact came in.
	screened := func() *screening {
		decidedAt := s.workingHours(s.today)
		if min := arrived.Add(20 * time.Minute); decidedAt.Before(min) {
			decidedAt = min
		}
		return &screening{decision: decision, level: level, manager: mash.team.manager, at: decidedAt}
	}
	if decideOn == s.today {
		sc := screened()
		ooh.hand(contacts, sc.at)
		s.takeContact(mash, contacts, sc)
		s.partners(hh, contacts, decision)
		s.actOnContact(hh, kids, contacts, decision, source)
		return
	}
	s.takeContact(mash, contacts, nil)
	s.partners(hh, contacts, decision)
	s.on(decideOn, func() {
		sc := screened()
		ooh.hand(contacts, sc.at)
		s.recordScreening(contacts, sc)
		s.actOnContact(hh, kids, contacts, decision, source)
	})
}

// partners: the MASH asks its partners about a new contact; a high-risk
// notification goes to the MARAC (partnership.go).
func (s *sim) partners(hh *household, contacts []*domain.Contact, decision string) {
	if hh.fam == nil {
		s.askMASH(contacts, decision)
	}
	s.referToMARAC(hh, contacts)
}

// screen is the front door's decision on a new contact. About half of all
// contacts become referrals (F037); 43% of domestic abuse notifications go
// no further (F036).
func (s *sim) screen(da, unborn bool, source string) string {
	switch {
	case da:
		return pick(s.r, choice[string]{{25, "nfa"}, {12, "advice_signpost"}, {5, "early_help"}, {54, "referral"}, {4, "strategy_discussion"}})
	case unborn:
		return pick(s.r, choice[string]{{10, "advice_signpost"}, {10, "early_help"}, {80, "referral"}})
	}
	return pick(s.r, choice[string]{{24, "nfa"}, {18, "advice_signpost"}, {2.5, "early_help"}, {48, "referral"}, {7.5, "strategy_discussion"}})
}

// actOnContact does what the front door decided, unless another contact
// has opened the family's case meanwhile.
func (s *sim) actOnContact(hh *household, kids []*child, contacts []*domain.Contact, decision, source string) {
	if hh.fam != nil {
		return
	}
	switch decision {
	case "referral", "strategy_discussion":
		urgent := decision == "strategy_discussion"
		route := ""
		if !urgent && s.r.chance(0.4) {
			for _, c := range kids {
				if c.disabled {
					route = "disabled"
				}
			}
		}
		f := s.refer(hh, kids, contacts, source, route, urgent)
		if urgent {
			f.concern = s.today
			s.on(s.workingDaysAfter(s.today, spread{{0.7, 0, 0}, {0.3, 1, 1}}), func() { s.strategyDiscussion(f) })
		}
	case "early_help":
		org, agency := s.earlyHelpLead()
		if source == "2A" {
			org, agency = oneOf(s.r, s.org.schools...), "education"
		}
		s.startEarlyHelp(kids, org, agency, nil)
	}
}

func (s *sim) concern(source string, da bool) string {
	key := "other"
	switch {
	case da:
		key = "da"
	case source == "2A":
		key = "2A"
	case source[0] == '3':
		key = "health"
	}
	return oneOf(s.r, concerns[key]...)
}

func (s *sim) sourceOrganisation(source string) int64 {
	switch source {
	case "6":
		return s.org.police.ID
	case "2A":
		return oneOf(s.r, s.org.schools...).ID
	case "3E", "3F":
		return s.org.hospital.ID
	case "3A", "3B", "3C", "3D":
		return s.org.community.ID
	case "4":
		return s.org.housing.ID
	case "5A":
		return s.org.adultCare.ID
	case "5D":
		return s.org.ifss.ID
	case "7":
		return s.org.youthJustice.ID
	}
	return 0
}

// Re-contact: the share of contacts about a household whose case closed in
// the last year, and about one known from longer ago. Together they make 22%
// of referrals re-referrals within 12 months (F040).
const (
	openCaseContacts = 0.06
	recentContacts   = 0.28
	knownContacts    = 0.08
)

// closure is a household whose case closed on a date.
type closure struct {
	hh *household
	on civil.Date
}

// householdFor finds the family a contact is about: one already open, one
// known to the service, or one new to it.
func (s *sim) householdFor(source string) (*household, bool) {
	for len(s.recent) > 0 && s.recent[0].on.Before(s.today.AddDays(-365)) {
		s.recent = s.recent[1:]
	}
	u := s.r.Float64()
	var hh *household
	switch {
	case u < openCaseContacts && len(s.families) > 0:
		hh = s.families[s.r.IntN(len(s.families))].hh
	case u < openCaseContacts+recentContacts && len(s.recent) > 0:
		hh = s.recent[s.r.IntN(len(s.recent))].hh
	case u < openCaseContacts+recentContacts+knownContacts && len(s.known) > 0:
		hh = s.known[s.r.IntN(len(s.known))]
	}
	if hh != nil && len(hh.current(s.today)) > 0 {
		if source[0] == '3' && hh.fam == nil && s.r.chance(0.1) {
			s.addChild(hh, s.today.AddDays(s.r.between(20, 150)), s.pickWorker("front_door"))
			s.expectBirth(hh.children[len(hh.children)-1])
		}
		return hh, true
	}
	age := pick(s.r, contactAges)
	if source[0] == '3' && s.r.chance(0.3) {
		age = -1
	}
	hh = s.newHousehold(pick(s.r, households), s.familyDOBs(age), s.pickWorker("front_door"))
	for _, c := range hh.children {
		s.expectBirth(c)
	}
	return hh, false
}

// expectBirth puts an unborn child's birth in the diary.
func (s *sim) expectBirth(c *child) {
	if c.unborn(s.today) {
		c.dob = c.dob.AddDays(s.r.between(-14, 10))
		if !c.dob.After(s.today) {
			c.dob = s.today.AddDays(1)
		}
		s.on(c.dob, func() { s.born(c) })
	}
}

// current returns the household's children the service can work with
// today: under 18, still living in the family and not in care.
func (hh *household) current(on civil.Date) []*child {
	var kids []*child
	for _, c := range hh.children {
		if c.age(on) < 18 && c.care == nil && !c.moved {
			kids = append(kids, c)
		}
	}
	return kids
}

// refer opens a referral for each child and allocates the family to an
// assessment social worker.
func (s *sim) refer(hh *household, kids []*child, contacts []*domain.Contact, source, route string, urgent bool) *family {
	f := &family{hh: hh, stage: "assessment", route: route, idx: len(s.families)}
	f.da = contacts != nil && contacts[0].DomesticAbuseNotification
	s.families = append(s.families, f)
	hh.fam = f
	service := "assessment"
	if route == "disabled" {
		service = "disabled_children"
	}
	w := s.pickWorker(service)
	mash := s.pickWorker("front_door")
	s.recordNetwork(hh, mash)
	need := s.primaryNeed(route)
	for i, c := range kids {
		ref := &domain.Referral{PersonID: c.p.ID, ReferralDate: s.today, Source: source, PrimaryNeed: need,
			TeamID: w.team.t.ID, ProfessionalID: mash.p.ID}
		if contacts != nil {
			ref.ContactID = contacts[i].ID
		}
		s.record(mash, ref)
		c.ref, c.fam = ref, f
		f.children = append(f.children, c)
		s.allocate(c, &c.sw, w, "allocated_social_worker", "FCONTA")
		if c.eh != nil {
			s.endEarlyHelp(c, "step_up")
		}
		s.on(c.dob.AddYears(18), func() { s.comesOfAge(c, f) })
	}
	if route == "" && !urgent && s.r.chance(0.35) {
		// Closed after initial checks, with no assessment (§17.4).
		s.on(s.workingDaysAfter(s.today, in(0, 3)), func() { s.closeAtReferral(f) })
		return f
	}
	s.startAssessments(f)
	return f
}

func (s *sim) primaryNeed(route string) string {
	switch route {
	case "disabled":
		return "N2"
	case "private_fostering", "uasc":
		return "N8"
	case "remand":
		return "N6"
	}
	return pick(s.r, choice[string]{{56, "N1"}, {5, "N3"}, {12, "N4"}, {13, "N5"}, {6, "N6"}, {2, "N7"}, {4, "N8"}, {2, "N9"}})
}

// comesOfAge closes the case of a child still open to the family's episode
// on their 18th birthday: a disabled young person moves to adult social
// care. (A child in care leaves care instead.)
func (s *sim) comesOfAge(c *child, f *family) {
	if c.fam != f {
		return
	}
	s.authorise(c, []string{"refer_other_agency"}, false)
	s.endPlans(c, "Young person turned 18")
	reason := "RC7"
	if c.disabled {
		reason = "RC6"
	}
	s.closeCase(c, reason)
}

// closeAtReferral closes a referral after initial checks: no further action,
// or a step down to early help.
func (s *sim) closeAtReferral(f *family) {
	if f.stage != "assessment" || f.assessing || f.enquiring {
		return
	}
	toEarlyHelp := s.r.chance(0.15)
	for _, c := range append([]*child(nil), f.children...) {
		c.ref.NFA = true
		ref := c.ref
		reason := "RC8"
		if toEarlyHelp {
			reason = "RC9"
		}
		s.closeCase(c, reason)
		if toEarlyHelp {
			s.stepDown(c, ref)
		}
	}
}

// closureSummaries are what a closing worker writes, by CIN reason for
// closure.
var closureSummaries = map[string]string{
	"RC1": "Adopted: adoption order granted.",
	"RC2": "Child died.",
	"RC3": "Child arrangements order granted; no further role for children's social care.",
	"RC4": "Special guardianship order granted.",
	"RC5": "Family moved; case transferred to the new authority.",
	"RC6": "Transferred to adult social care.",
	"RC7": "Plan complete: risks reduced and the family supported by universal services.",
	"RC8": "No further action: needs can be met by universal services.",
	"RC9": "Needs can be met by early help: stepped down with the family's agreement.",
}

// closeCase closes a child's referral, authorised by the worker's manager
// (FD-08), and ends their allocation.
func (s *sim) closeCase(c *child, reason string) {
	if c.ref == nil {
		return
	}
	by := s.pickWorker("front_door")
	if c.sw != nil {
		by = c.sw.w
	}
	r := c.ref
	// A case cannot close while an enquiry is open (FD-08): one still
	// running when the plan ends found nothing to take further.
	if e := c.s47; e != nil && e.ReferralID == r.ID && e.EndDate.IsZero() {
		e.EndDate, e.Outcome = s.today, "not_substantiated"
		s.amend(by, e)
	}
	r.CloseDate, r.CloseReason, r.ClosureSummary = s.today, reason, closureSummaries[reason]
	r.ClosureAuthorisedByID, r.ClosureAuthorisedDate = by.team.manager.p.ID, s.today
	if r.NFA {
		r.ClosureNotSeenReason = "Closed after initial checks, without a visit."
	}
	s.amend(by, c.ref)
	c.ref = nil
	s.release(&c.sw)
	s.leaveFamily(c)
}

// leaveFamily takes a child out of the family's work, closing the family's
// episode when no child is left in it.
func (s *sim) leaveFamily(c *child) {
	f := c.fam
	if f == nil {
		return
	}
	c.fam = nil
	for i, o := range f.children {
		if o == c {
			f.children = append(f.children[:i], f.children[i+1:]...)
			break
		}
	}
	if len(f.children) > 0 {
		return
	}
	f.gen++
	last := s.families[len(s.families)-1]
	s.families[f.idx] = last
	last.idx = f.idx
	s.families = s.families[:len(s.families)-1]
	f.hh.fam = nil
	s.recent = append(s.recent, closure{f.hh, s.today})
	s.known = append(s.known, f.hh)
}

// earlyHelpLead is who leads early help the front door or a social worker
// passes on: the intensive family support service, or the child's school.
func (s *sim) earlyHelpLead() (*domain.Organisation, string) {
	if s.r.chance(0.35) {
		return oneOf(s.r, s.org.schools...), "education"
	}
	return s.org.ifss, "early_help"
}

// stepDown passes a child whose case closes to early help.
func (s *sim) stepDown(c *child, ref *domain.Referral) {
	org, agency := s.earlyHelpLead()
	s.startEarlyHelp([]*child{c}, org, agency, ref)
}

// startEarlyHelp starts an early help assessment and episode for each child.
func (s *sim) startEarlyHelp(kids []*child, org *domain.Organisation, agency string, stepDown *domain.Referral) {
	lead := s.pickWorker("early_help")
	for _, c := range kids {
		if c.eh != nil {
			continue
		}
		eh := &domain.EarlyHelpEpisode{PersonID: c.p.ID, StartDate: s.today, InitiatingAgency: agency, OrganisationID: org.ID,
			LeadProfessionalID: lead.p.ID, Reason: oneOf(s.r, "Parenting support", "School attendance", "Domestic abuse recovery", "Behaviour at home", "Housing and money worries")}
		if stepDown != nil {
			eh.StepDownFromReferral = stepDown.ID
		}
		s.record(lead, eh)
		c.eh = eh
		s.on(s.daysAfter(s.today, in(60, 270)), func() {
			if c.eh != eh {
				return
			}
			reason := pick(s.r, choice[string]{{55, "outcomes_met"}, {8, "step_up"}, {15, "nfa"}, {17, "family_disengaged"}, {5, "moved_away"}})
			s.endEarlyHelp(c, reason)
			if reason == "step_up" && c.hh.fam == nil && c.care == nil {
				s.stepUp(c.hh)
			}
		})
	}
}

func (s *sim) endEarlyHelp(c *child, reason string) {
	eh := c.eh
	eh.EndDate, eh.EndReason = s.today, reason
	s.amend(s.pickWorker("early_help"), eh)
	c.eh = nil
}

// stepUp is early help asking children's social care to take over: a
// contact from early help, referred.
func (s *sim) stepUp(hh *household) {
	kids := hh.current(s.today)
	if len(kids) == 0 {
		return
	}
	mash := s.pickWorker("front_door")
	contacts := make([]*domain.Contact, len(kids))
	at := s.workingHours(s.today)
	for i, c := range kids {
		contacts[i] = &domain.Contact{PersonID: c.p.ID, ContactAt: at, Source: "5D", SourceOrganisationID: s.org.ifss.ID,
			EarlyHelpAssessment: true, PresentingConcerns: "Early help plan not reducing concerns; step up requested.",
			ProfessionalID: mash.p.ID, TeamID: mash.team.t.ID, ReferrerThreshold: "child_in_need",
			Disabled: len(c.disabilities) > 0, DisabilityTypes: c.disabilities}
	}
	s.takeContact(mash, contacts, &screening{decision: "referral", level: "child_in_need", manager: mash.team.manager, at: at.Add(2 * time.Hour)})
	s.refer(hh, kids, contacts, "5D", "", false)
}

// partnerEarlyHelp is an early help assessment a partner agency starts
// without a contact: mostly the intensive family support service and
// schools, a few children's centres and health (F046–F049).
func (s *sim) partnerEarlyHelp() {
	org, agency := pick(s.r, choice[func() (*domain.Organisation, string)]{
		{35, func() (*domain.Organisation, string) { return s.org.ifss, "early_help" }},
		{52, func() (*domain.Organisation, string) { return oneOf(s.r, s.org.schools...), "education" }},
		{2.5, func() (*domain.Organisation, string) { return s.org.community, "health" }},
		{10.5, func() (*domain.Organisation, string) { return oneOf(s.r, s.org.centres...), "early_help" }},
	})()
	hh := s.newHousehold(pick(s.r, households), s.familyDOBs(pick(s.r, contactAges)), s.pickWorker("early_help"))
	s.startEarlyHelp(hh.current(s.today), org, agency, nil)
}
