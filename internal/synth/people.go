package synth

import (
	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/domain"
)

// household is a family living together: the parents and children the
// service records once it is involved.
type household struct {
	her      heritage
	surname  string
	mother   *domain.Person
	father   *domain.Person
	children []*child
	street   string
	town     string
	postcode string
	since    civil.Date // when they moved in
	// network says whether the parents and the relationships are recorded:
	// the front door records the children, the first referral the family.
	network bool
	fam     *family
}

// child is a child the service has recorded, with where they are in their
// journey.
type child struct {
	p        *domain.Person
	hh       *household
	dob      civil.Date // the real or expected date of birth
	disabled bool
	// home is the address the child lives at, and father the relationship
	// to their father, as recorded: a move or a father leaving changes
	// them (family_changes.go).
	home   *domain.Address
	father *domain.Relationship
	// disabilities are the types recorded on the child's file, which the
	// front door copies onto a contact (FD-13).
	disabilities []string

	ref         *domain.Referral // the open referral: the CIN episode
	fam         *family
	sw, iro, pa *allocation

	// asmt is the assessment under way; s47 the latest section 47
	// enquiry, under way until it has an end date.
	asmt   *domain.Assessment
	s47    *domain.Section47Enquiry
	cin    *cinPlan
	cp     *cpPlan
	care   *care
	leaver *leaver
	eh     *domain.EarlyHelpEpisode
	// summary is the child's case summary, once written (AC-08).
	summary *domain.CaseSummary
	// moved is set when the child leaves the household for good: adopted,
	// or living with special guardians.
	moved bool
}

// slot is the child's allocation in an involvement role.
func (c *child) slot(role string) **allocation {
	switch role {
	case "iro":
		return &c.iro
	case "personal_adviser":
		return &c.pa
	}
	return &c.sw
}

func (c *child) age(on civil.Date) int { return c.dob.AgeOn(on) }

func (c *child) unborn(on civil.Date) bool { return on.Before(c.dob) }

// Ages of children when the front door first hears of them, in years.
var contactAges = choice[int]{
	{9, 0}, {6, 1}, {6, 2}, {6, 3}, {6, 4}, {6, 5}, {6, 6}, {6, 7}, {6, 8}, {6, 9},
	{6, 10}, {6, 11}, {6, 12}, {7, 13}, {7, 14}, {7, 15}, {5, 16}, {3, 17},
}

// Children per household, beyond the child the contact is about.
var siblings = choice[int]{{45, 0}, {30, 1}, {15, 2}, {10, 3}}

// familyDOBs returns dates of birth for a household's children: the child a
// contact is about, of the given age, and any younger siblings. An age of -1
// is a baby not yet born.
func (s *sim) familyDOBs(eldest int) []civil.Date {
	if eldest < 0 {
		return []civil.Date{s.today.AddDays(s.r.between(20, 150))}
	}
	dobs := []civil.Date{s.bornAged(eldest)}
	age := eldest
	for range pick(s.r, siblings) {
		if age -= s.r.between(1, 5); age < 0 {
			break
		}
		dobs = append(dobs, s.bornAged(age))
	}
	return dobs
}

// bornAged returns a date of birth for a child of the given age today.
func (s *sim) bornAged(age int) civil.Date {
	return s.today.AddDays(-age*365 - s.r.IntN(365))
}

// newHousehold invents a family with children born on the given dates,
// eldest first.
func (s *sim) newHousehold(her heritage, dobs []civil.Date, by *worker) *household {
	hh := &household{her: her, surname: oneOf(s.r, her.surnames...),
		street: s.r.street(), town: oneOf(s.r, localTowns...), postcode: s.r.localPostcode(),
		since: s.today.AddDays(-s.r.between(30, 3650))}
	for _, dob := range dobs {
		s.addChild(hh, dob, by)
	}
	return hh
}

// addChild adds a child to the household's records: the person, their
// identifiers and their address.
func (s *sim) addChild(hh *household, dob civil.Date, by *worker) *child {
	c := &child{hh: hh, dob: dob, disabled: s.r.chance(0.05)}
	p := &domain.Person{LAChildID: s.n.laChildID(), Forename: "Baby", Surname: hh.surname,
		Ethnicity: oneOf(s.r, hh.her.ethnicity...), Language: hh.her.language, Nationality: nationality(hh.her),
		InterpreterNeeded: hh.her.language != "English" && s.r.chance(0.3)}
	c.p = p
	if c.unborn(s.today) {
		p.ExpectedBirth, p.Sex, p.Gender, p.UPNUnknown = dob, "U", "00", "UN1"
	} else {
		s.name(c)
	}
	hh.children = append(hh.children, c)
	s.record(by, p)
	if c.disabled && !c.unborn(s.today) {
		s.recordDisabilities(c, by)
	}
	if hh.network {
		s.relate(c, by)
	}
	return c
}

// recordAddress records where a child lives, from when they moved in or
// were born.
func (s *sim) recordAddress(c *child, by *worker) {
	hh := c.hh
	from := later(hh.since, c.dob)
	if from.After(s.today) {
		from = s.today
	}
	c.home = &domain.Address{PersonID: c.p.ID, Type: "home", Line1: hh.street, Town: hh.town, Postcode: hh.postcode, From: from}
	s.record(by, c.home)
}

// name gives a born child their name, sex and identifiers.
func (s *sim) name(c *child) {
	p := c.p
	if s.r.chance(0.5) {
		p.Sex, p.Gender, p.Forename = "F", "02", oneOf(s.r, c.hh.her.girls...)
	} else {
		p.Sex, p.Gender, p.Forename = "M", "01", oneOf(s.r, c.hh.her.boys...)
	}
	p.DateOfBirth, p.ExpectedBirth = c.dob, civil.Date{}
	p.NHSNumber = s.n.nhsNumber()
	p.UPN, p.UPNUnknown = "", "UN1"
	if age := c.age(s.today); age >= 5 {
		p.UPN, p.UPNUnknown = s.n.upn(c.dob.Year()+5), ""
	}
}

// born is an unborn child's birth, notified by the midwife. A baby on a
// pre-birth child protection plan may be removed at birth, under an interim
// care order.
func (s *sim) born(c *child) {
	s.name(c)
	by := s.pickWorker("front_door")
	if c.sw != nil {
		by = c.sw.w
	}
	s.amend(by, c.p)
	// Known before birth, so their family's record is kept: the baby's
	// disabilities, or none, as for the children born before.
	if c.disabled || c.hh.network {
		s.recordDisabilities(c, by)
	}
	if c.cp != nil && s.r.chance(0.6) {
		s.enterCare([]*child{c}, "ico")
	}
}

// recordDisabilities records a child's disabilities, or that they have none:
// the CIN census asks for every child's, "none" included.
func (s *sim) recordDisabilities(c *child, by *worker) {
	if !c.disabled {
		s.record(by, &domain.Disability{PersonID: c.p.ID, Code: "NONE"})
		return
	}
	c.disabilities = disabilities(s.r)
	for _, code := range c.disabilities {
		s.record(by, &domain.Disability{PersonID: c.p.ID, Code: code})
	}
}

// recordNetwork records a household's home, parents and every child's
// relationships, when the family is first referred: the front door records
// only the children.
func (s *sim) recordNetwork(hh *household, by *worker) {
	if hh.network {
		return
	}
	hh.network = true
	eldest := hh.children[0].dob
	mother := &domain.Person{Forename: oneOf(s.r, hh.her.women...), Surname: hh.surname, Sex: "F", Gender: "02",
		Ethnicity: hh.children[0].p.Ethnicity, DateOfBirth: eldest.AddDays(-s.r.between(17*365, 32*365)), Language: hh.her.language}
	hh.mother = mother
	s.record(by, mother)
	if s.r.chance(0.6) {
		hh.father = &domain.Person{Forename: oneOf(s.r, hh.her.men...), Surname: hh.surname, Sex: "M", Gender: "01",
			Ethnicity: hh.children[0].p.Ethnicity, DateOfBirth: mother.DateOfBirth.AddDays(-s.r.between(-3*365, 8*365)), Language: hh.her.language}
		if s.r.chance(0.35) {
			hh.father.Surname = oneOf(s.r, hh.her.surnames...)
		}
		s.record(by, hh.father)
	}
	for _, c := range hh.children {
		s.relate(c, by)
	}
}

// relate records a child's relationships to their parents and to the
// siblings recorded before them, both ways.
func (s *sim) relate(c *child, by *worker) {
	hh := c.hh
	s.recordAddress(c, by)
	if !c.disabled && !c.unborn(s.today) {
		s.recordDisabilities(c, by)
	}
	// Families from the EU have settled status.
	if hh.her.language == "Polish" && !c.unborn(s.today) {
		s.record(by, &domain.ImmigrationStatus{PersonID: c.p.ID, Status: "eea_settled", From: later(hh.since, c.dob)})
	}
	// Relationships run from birth, which an unborn baby has yet to reach.
	var from civil.Date
	if !c.unborn(s.today) {
		from = c.dob
	}
	s.record(by, &domain.Relationship{PersonID: c.p.ID, RelatedPersonID: hh.mother.ID, Type: "mother", ParentalResponsibility: true, LivesWith: true, From: from})
	if hh.father != nil {
		c.father = &domain.Relationship{PersonID: c.p.ID, RelatedPersonID: hh.father.ID, Type: "father", ParentalResponsibility: s.r.chance(0.85), LivesWith: s.r.chance(0.55), From: from}
		s.record(by, c.father)
	}
	for _, o := range hh.children {
		if o == c {
			break
		}
		kind := pick(s.r, choice[string]{{75, "sibling"}, {25, "half_sibling"}})
		s.record(by,
			&domain.Relationship{PersonID: c.p.ID, RelatedPersonID: o.p.ID, Type: kind, LivesWith: true, From: from},
			&domain.Relationship{PersonID: o.p.ID, RelatedPersonID: c.p.ID, Type: kind, LivesWith: true, From: from})
	}
}

func nationality(h heritage) string {
	if h.language == "Polish" {
		return "Polish"
	}
	return "British"
}

func disabilities(r rng) []string {
	first := pick(r, choice[string]{{25, "LD"}, {25, "AUT"}, {12, "COMM"}, {10, "BEH"}, {8, "MOB"}, {5, "HEAR"}, {4, "VIS"}, {4, "CON"}, {4, "PC"}, {3, "DDA"}})
	if r.chance(0.3) {
		second := pick(r, choice[string]{{40, "COMM"}, {30, "PC"}, {30, "LD"}})
		if second != first {
			return []string{first, second}
		}
	}
	return []string{first}
}

// later returns the later of two dates.
func later(a, b civil.Date) civil.Date {
	if a.After(b) {
		return a
	}
	return b
}
