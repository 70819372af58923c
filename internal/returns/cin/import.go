package cin

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/codes"
	"github.com/waymark-care/waymark/internal/domain"
)

// Importing brings an authority's existing census into Waymark's records,
// one child at a time. An existing child is matched by LA child ID, then by
// UPN; an existing episode by its referral date, and everything within it
// by its start date, so running the same import again changes nothing.
// Waymark fills in what it lacks and never overwrites what it records: a
// census value that differs is reported, and Waymark's kept.

// Recorder stores records: storage.Tx is one.
type Recorder interface {
	Insert(domain.Record) error
	Update(domain.Record) error
}

// Import is what importing one child comes to.
type Import struct {
	// Rejected lists values Waymark cannot record as they stand (a code
	// not in its list, a date that is not one, dates in an impossible
	// order). A child with any is not imported at all.
	Rejected []Problem
	// NotKept lists what was imported without: elements Waymark does not
	// record, values that differ from what Waymark records, counts it
	// derives itself.
	NotKept []Problem
	// Inserted and Updated count the records written.
	Inserted, Updated int

	plan *childPlan
}

// NewChildName is the placeholder name of a child new to Waymark: the
// census carries no names. It is to be corrected from the authority's own
// records.
const NewChildName = "Not recorded"

// PlanImport works out what importing census child n (its position in the
// file, from 1) means for the child's existing records (nil for a child new
// to Waymark), and what cannot be taken.
func PlanImport(c *Child, n int, existing *domain.ChildRecord) *Import {
	m := &mapper{im: &Import{}, base: "/Message/Children/Child[" + strconv.Itoa(n) + "]", matched: map[int64]bool{}}
	if existing == nil {
		existing = &domain.ChildRecord{Person: domain.Person{Forename: NewChildName, Surname: NewChildName}}
	}
	m.im.plan = m.child(c, existing)
	return m.im
}

// Apply writes the planned records. Call it only for an import with
// nothing rejected, inside one transaction, so that the child is imported
// whole or not at all.
func (im *Import) Apply(w Recorder) error {
	if len(im.Rejected) > 0 {
		return fmt.Errorf("cin: %d values were rejected", len(im.Rejected))
	}
	return im.plan.apply(w, im)
}

// Changes reports whether applying the import writes anything.
func (im *Import) Changes() bool { return im.plan.changes() }

// pending marks a reference to a record not yet inserted; apply sets it.
const pending = -1

type mapper struct {
	im     *Import
	base   string
	person *domain.Person
	// matched holds the existing referrals already matched to an episode.
	matched map[int64]bool
}

func (m *mapper) reject(path, format string, args ...any) {
	m.im.Rejected = append(m.im.Rejected, Problem{m.base + path, fmt.Sprintf(format, args...)})
}

func (m *mapper) notKept(path, format string, args ...any) {
	m.im.NotKept = append(m.im.NotKept, Problem{m.base + path, fmt.Sprintf(format, args...)})
}

// record is one record to write, new or changed.
type record struct {
	rec     domain.Record
	isNew   bool
	changed bool
}

type childPlan struct {
	person  record
	records []record // in order: each after any record it refers to
	links   []link
}

// link sets a reference once the record it points to has an ID.
type link struct {
	from domain.Record
	set  func(id int64)
	to   domain.Record
}

func (p *childPlan) changes() bool {
	if p.person.isNew || p.person.changed {
		return true
	}
	return slices.ContainsFunc(p.records, func(r record) bool { return r.isNew || r.changed })
}

func (p *childPlan) apply(w Recorder, im *Import) error {
	write := func(r record) error {
		switch {
		case r.isNew:
			im.Inserted++
			return w.Insert(r.rec)
		case r.changed:
			im.Updated++
			return w.Update(r.rec)
		}
		return nil
	}
	if err := write(p.person); err != nil {
		return err
	}
	for _, r := range p.records {
		for _, l := range p.links {
			if l.from == r.rec {
				l.set(l.to.Base().ID)
			}
		}
		if err := write(r); err != nil {
			return err
		}
	}
	return nil
}

// add plans a record; path names the census block it comes from, for
// reporting what Waymark's own rules reject.
func (m *mapper) add(p *childPlan, r record, path string) {
	if err := domain.Validate(r.rec); err != nil {
		if ve, ok := err.(*domain.ValidationError); ok {
			for _, fe := range ve.Errors {
				m.reject(path, "%s %s: %s", domain.KindOf(r.rec).Title, strings.ReplaceAll(fe.Field, "_", " "), fe.Message)
			}
		}
		return
	}
	p.records = append(p.records, r)
}

// linkTo makes from's reference point at to, now or once to is inserted.
func (p *childPlan) linkTo(from domain.Record, set func(int64), to domain.Record) {
	if id := to.Base().ID; id != 0 {
		set(id)
		return
	}
	set(pending)
	p.links = append(p.links, link{from, set, to})
}

// checkCode rejects a value not in a code list.
func (m *mapper) checkCode(path, list, value string) bool {
	l, _ := codes.Lookup(list)
	if value != "" && !l.Valid(value) {
		m.reject(path, "%q is not a %s code", value, l.Title)
		return false
	}
	return true
}

// checkDate rejects a value that is not a date.
func (m *mapper) checkDate(path string, d Date) civil.Date {
	if d.Present() && !d.Valid() {
		m.reject(path, "%q is not a date in the form YYYY-MM-DD", d.Text)
	}
	return d.Value
}

// fill sets a Waymark field the census gives when Waymark has none, and
// reports a census value that differs from Waymark's.
func fill[V comparable](m *mapper, path string, field *V, value V, changed *bool) {
	var zero V
	switch {
	case value == zero || *field == value:
	case *field == zero:
		*field = value
		*changed = true
	default:
		m.notKept(path, "the census has %v; Waymark records %v, which is kept", value, *field)
	}
}

func (m *mapper) child(c *Child, rec *domain.ChildRecord) *childPlan {
	plan := &childPlan{}
	p := rec.Person
	m.person = &p
	person := record{rec: &p, isNew: p.ID == 0}
	id := &c.ChildIdentifiers
	const ids = "/ChildIdentifiers/"
	if id.LAchildID == "" {
		m.reject(ids+"LAchildID", "the child has no LAchildID, so cannot be matched or recorded")
	}
	fill(m, ids+"LAchildID", &p.LAChildID, id.LAchildID, &person.changed)
	fill(m, ids+"UPN", &p.UPN, id.UPN, &person.changed)
	fill(m, ids+"FormerUPN", &p.FormerUPN, id.FormerUPN, &person.changed)
	if m.checkCode(ids+"UPNunknown", codes.UPNUnknown, id.UPNunknown) {
		fill(m, ids+"UPNunknown", &p.UPNUnknown, id.UPNunknown, &person.changed)
	}
	fill(m, ids+"PersonBirthDate", &p.DateOfBirth, m.checkDate(ids+"PersonBirthDate", id.PersonBirthDate), &person.changed)
	fill(m, ids+"ExpectedPersonBirthDate", &p.ExpectedBirth, m.checkDate(ids+"ExpectedPersonBirthDate", id.ExpectedPersonBirthDate), &person.changed)
	if id.GenderCurrent != "" {
		gender := map[string]string{"1": "01", "2": "02", "0": "00", "9": "09"}[id.GenderCurrent]
		if gender == "" {
			m.reject(ids+"GenderCurrent", "%q is not a GenderCurrent code (1, 2, 0 or 9)", id.GenderCurrent)
		}
		fill(m, ids+"GenderCurrent", &p.Gender, gender, &person.changed)
	}
	if m.checkCode(ids+"Sex", codes.Sex, id.Sex) {
		fill(m, ids+"Sex", &p.Sex, id.Sex, &person.changed)
	}
	fill(m, ids+"PersonDeathDate", &p.DateOfDeath, m.checkDate(ids+"PersonDeathDate", id.PersonDeathDate), &person.changed)
	if m.checkCode("/ChildCharacteristics/Ethnicity", codes.Ethnicity, c.ChildCharacteristics.Ethnicity) {
		fill(m, "/ChildCharacteristics/Ethnicity", &p.Ethnicity, c.ChildCharacteristics.Ethnicity, &person.changed)
	}
	if err := domain.Validate(&p); err != nil {
		for _, fe := range err.(*domain.ValidationError).Errors {
			m.reject("/ChildIdentifiers", "%s: %s", strings.ReplaceAll(fe.Field, "_", " "), fe.Message)
		}
	}
	plan.person = person
	m.disabilities(plan, c, rec, &p)

	plans := slices.Clone(rec.CPPlans)
	for e := range c.CINdetails {
		m.episode(plan, &c.CINdetails[e], e, rec, &p, &plans)
	}
	return plan
}

func (m *mapper) disabilities(plan *childPlan, c *Child, rec *domain.ChildRecord, p *domain.Person) {
	have := map[string]bool{}
	for _, d := range rec.Disabilities {
		have[d.Code] = true
	}
	codes := disabilityCodes(c)
	for i, code := range codes {
		path := "/ChildCharacteristics/Disabilities/Disability[" + strconv.Itoa(i+1) + "]"
		if !disabilityList.Valid(code) {
			m.reject(path, "%q is not a disability code", code)
			continue
		}
		if slices.Contains(codes[:i], code) {
			m.notKept(path, "%s is given twice; Waymark records it once", code)
			continue
		}
		if have[code] {
			continue
		}
		if code == "NONE" && len(have) > 0 {
			m.notKept(path, "NONE is not kept: Waymark records disabilities for this child")
			continue
		}
		have[code] = true
		d := &domain.Disability{Code: code}
		plan.linkTo(d, func(id int64) { d.PersonID = id }, p)
		m.add(plan, record{rec: d, isNew: true}, path)
	}
}

func (m *mapper) episode(plan *childPlan, ep *CINdetails, e int, rec *domain.ChildRecord, p *domain.Person, plans *[]domain.CPPlan) {
	path := "/CINdetails[" + strconv.Itoa(e+1) + "]"
	start := m.checkDate(path+"/CINreferralDate", ep.CINreferralDate)
	if start.IsZero() {
		m.reject(path+"/CINreferralDate", "the episode has no referral date, so cannot be matched or recorded")
		return
	}
	r := &domain.Referral{ReferralDate: start}
	isNew := true
	for i := range rec.Referrals {
		if rec.Referrals[i].ReferralDate == start && !m.matched[rec.Referrals[i].ID] {
			existing := rec.Referrals[i]
			r, isNew = &existing, false
			m.matched[r.ID] = true
			break
		}
	}
	ref := record{rec: r, isNew: isNew}
	m.checkCode(path+"/ReferralSource", codes.ReferralSource, ep.ReferralSource)
	fill(m, path+"/ReferralSource", &r.Source, ep.ReferralSource, &ref.changed)
	m.checkCode(path+"/PrimaryNeedCode", codes.PrimaryNeed, ep.PrimaryNeedCode)
	fill(m, path+"/PrimaryNeedCode", &r.PrimaryNeed, ep.PrimaryNeedCode, &ref.changed)
	fill(m, path+"/CINclosureDate", &r.CloseDate, m.checkDate(path+"/CINclosureDate", ep.CINclosureDate), &ref.changed)
	m.checkCode(path+"/ReasonForClosure", codes.ReasonForClosure, ep.ReasonForClosure)
	fill(m, path+"/ReasonForClosure", &r.CloseReason, ep.ReasonForClosure, &ref.changed)
	switch {
	case ep.ReferralNFA.Present() && !ep.ReferralNFA.OK:
		m.reject(path+"/ReferralNFA", "%q is not true, false, 1 or 0", ep.ReferralNFA.Text)
	case ep.ReferralNFA.OK && ep.ReferralNFA.Value != r.NFA:
		if isNew {
			r.NFA = ep.ReferralNFA.Value
		} else {
			m.notKept(path+"/ReferralNFA", "the census has %s; Waymark records %t, which is kept", ep.ReferralNFA.Text, r.NFA)
		}
	}
	plan.linkTo(r, func(id int64) { r.PersonID = id }, p)
	m.add(plan, ref, path)

	child := func(recordPath string, x domain.Record, setPerson, setReferral func(int64)) {
		plan.linkTo(x, setPerson, p)
		plan.linkTo(x, setReferral, r)
		m.add(plan, record{rec: x, isNew: true}, path+recordPath)
	}
	conference := func(kind string, date, target civil.Date, s47 *domain.Section47Enquiry, recordPath string) *domain.Conference {
		for i := range rec.Conferences {
			c := &rec.Conferences[i]
			if c.ReferralID == r.ID && r.ID != 0 && c.Date == date && (c.Type == kind || initialConference(c.Type) && initialConference(kind)) {
				return c
			}
		}
		for _, pr := range plan.records {
			if c, ok := pr.rec.(*domain.Conference); ok && pr.isNew && c.Date == date && c.Type == kind && c.ReferralID == r.ID {
				return c
			}
		}
		c := &domain.Conference{Type: kind, Date: date, TargetDate: target}
		if s47 != nil {
			plan.linkTo(c, func(id int64) { c.S47EnquiryID = id }, s47)
		}
		child(recordPath, c, func(id int64) { c.PersonID = id }, func(id int64) { c.ReferralID = id })
		return c
	}
	initialKind := func(date civil.Date) string {
		if p.Unborn(date) {
			return "pre_birth_initial"
		}
		return "initial"
	}
	if d := m.checkDate(path+"/DateOfInitialCPC", ep.DateOfInitialCPC); !d.IsZero() {
		conference(initialKind(d), d, civil.Date{}, nil, "/DateOfInitialCPC")
	}

	for i := range ep.Assessments {
		a := &ep.Assessments[i]
		ap := path + "/Assessments[" + strconv.Itoa(i+1) + "]"
		st := m.checkDate(ap+"/AssessmentActualStartDate", a.AssessmentActualStartDate)
		end := m.checkDate(ap+"/AssessmentAuthorisationDate", a.AssessmentAuthorisationDate)
		m.checkDate(ap+"/AssessmentInternalReviewDate", a.AssessmentInternalReviewDate)
		if a.AssessmentInternalReviewDate.Valid() {
			m.notKept(ap+"/AssessmentInternalReviewDate", "Waymark does not record an assessment's internal review date")
		}
		for k, f := range a.Factors() {
			m.checkCode(ap+"/FactorsIdentifiedAtAssessment/AssessmentFactors["+strconv.Itoa(k+1)+"]", codes.AssessmentFactor, f)
		}
		if st.IsZero() || exists(rec.Assessments, r, func(x *domain.Assessment) bool { return x.ReferralID == r.ID && x.StartDate == st }) {
			continue
		}
		x := &domain.Assessment{StartDate: st, CompletedDate: end, AuthorisedDate: end, Factors: slices.Clone(a.Factors())}
		child("/Assessments["+strconv.Itoa(i+1)+"]", x, func(id int64) { x.PersonID = id }, func(id int64) { x.ReferralID = id })
	}
	for i := range ep.CINPlanDates {
		cp := &ep.CINPlanDates[i]
		pp := path + "/CINPlanDates[" + strconv.Itoa(i+1) + "]"
		st := m.checkDate(pp+"/CINPlanStartDate", cp.CINPlanStartDate)
		end := m.checkDate(pp+"/CINPlanEndDate", cp.CINPlanEndDate)
		if st.IsZero() || exists(rec.CINPlans, r, func(x *domain.CINPlan) bool { return x.ReferralID == r.ID && x.StartDate == st }) {
			continue
		}
		x := &domain.CINPlan{StartDate: st, EndDate: end}
		child("/CINPlanDates["+strconv.Itoa(i+1)+"]", x, func(id int64) { x.PersonID = id }, func(id int64) { x.ReferralID = id })
	}
	for i := range ep.Section47 {
		s := &ep.Section47[i]
		sp := path + "/Section47[" + strconv.Itoa(i+1) + "]"
		st := m.checkDate(sp+"/S47ActualStartDate", s.S47ActualStartDate)
		target := m.checkDate(sp+"/InitialCPCtarget", s.InitialCPCtarget)
		icpc := m.checkDate(sp+"/DateOfInitialCPC", s.DateOfInitialCPC)
		if s.ICPCnotRequired.Present() && !s.ICPCnotRequired.OK {
			m.reject(sp+"/ICPCnotRequired", "%q is not true, false, 1 or 0", s.ICPCnotRequired.Text)
		}
		if st.IsZero() || exists(rec.Section47Enquiries, r, func(x *domain.Section47Enquiry) bool { return x.ReferralID == r.ID && x.StartDate == st }) {
			continue
		}
		x := &domain.Section47Enquiry{StartDate: st}
		switch {
		case !icpc.IsZero():
			x.Outcome = "substantiated_icpc"
		case s.ICPCnotRequired.True():
			// The census says only that no conference was needed.
			x.Outcome = "not_substantiated"
		}
		child("/Section47["+strconv.Itoa(i+1)+"]", x, func(id int64) { x.PersonID = id }, func(id int64) { x.ReferralID = id })
		if !icpc.IsZero() {
			conference(initialKind(icpc), icpc, target, x, "/Section47["+strconv.Itoa(i+1)+"]/DateOfInitialCPC")
		} else if !target.IsZero() {
			m.notKept(sp+"/InitialCPCtarget", "Waymark records the target date with the conference, and none is recorded")
		}
	}
	for i := range ep.ChildProtectionPlans {
		cp := &ep.ChildProtectionPlans[i]
		pp := path + "/ChildProtectionPlans[" + strconv.Itoa(i+1) + "]"
		st := m.checkDate(pp+"/CPPstartDate", cp.CPPstartDate)
		end := m.checkDate(pp+"/CPPendDate", cp.CPPendDate)
		m.checkCode(pp+"/InitialCategoryOfAbuse", codes.CategoryOfAbuse, cp.InitialCategoryOfAbuse)
		m.checkCode(pp+"/LatestCategoryOfAbuse", codes.CategoryOfAbuse, cp.LatestCategoryOfAbuse)
		if cp.NumberOfPreviousCPP.Present() && !cp.NumberOfPreviousCPP.OK {
			m.reject(pp+"/NumberOfPreviousCPP", "%q is not a whole number of 0 or more", cp.NumberOfPreviousCPP.Text)
		}
		for k, rd := range cp.ReviewDates() {
			rp := pp + "/Reviews/CPPreviewDate[" + strconv.Itoa(k+1) + "]"
			if d := m.checkDate(rp, rd); !d.IsZero() {
				conference("review", d, civil.Date{}, nil, "/ChildProtectionPlans["+strconv.Itoa(i+1)+"]/Reviews/CPPreviewDate["+strconv.Itoa(k+1)+"]")
			}
		}
		if st.IsZero() {
			continue
		}
		if !exists(rec.CPPlans, r, func(x *domain.CPPlan) bool { return x.ReferralID == r.ID && x.StartDate == st }) {
			x := &domain.CPPlan{StartDate: st, EndDate: end, InitialCategory: cp.InitialCategoryOfAbuse, LatestCategory: cp.LatestCategoryOfAbuse}
			for _, pr := range plan.records {
				if c, ok := pr.rec.(*domain.Conference); ok && initialConference(c.Type) && c.Date == st {
					plan.linkTo(x, func(id int64) { x.ConferenceID = id }, c)
				}
			}
			child("/ChildProtectionPlans["+strconv.Itoa(i+1)+"]", x, func(id int64) { x.PersonID = id }, func(id int64) { x.ReferralID = id })
			*plans = append(*plans, *x)
		}
		previous := 0
		for _, other := range *plans {
			if other.StartDate.Before(st) {
				previous++
			}
		}
		if cp.NumberOfPreviousCPP.OK && cp.NumberOfPreviousCPP.Value != previous {
			m.notKept(pp+"/NumberOfPreviousCPP", "%d is not kept: Waymark counts the earlier child protection plans it records, %d", cp.NumberOfPreviousCPP.Value, previous)
		}
	}
	for i := range ep.PreProceedingsandFGDM {
		m.preProceedings(plan, &ep.PreProceedingsandFGDM[i], path+"/PreProceedingsandFGDM["+strconv.Itoa(i+1)+"]", rec, r, child)
	}
}

func (m *mapper) preProceedings(plan *childPlan, pp *PreProceedings, path string, rec *domain.ChildRecord, r *domain.Referral, child func(string, domain.Record, func(int64), func(int64))) {
	st := m.checkDate(path+"/PPStartDate", pp.PPStartDate)
	x := &domain.PreProceedings{
		DecisionDate:       st,
		LetterDate:         m.checkDate(path+"/LBPSentDate", pp.LBPSentDate),
		InitialMeetingDate: m.checkDate(path+"/InitialPPMeetingDate", pp.InitialPPMeetingDate),
		StepDecisionDate:   m.checkDate(path+"/StepDecisionDate", pp.StepDecisionDate),
		FGDMOffered:        pp.FGDMMeetingOffer.True(),
		FGDMHeld:           pp.FGDMMeetingFac.True(),
		ReviewMeetings:     pp.ReviewMeetingsCount.Value,
	}
	for _, f := range []struct {
		name string
		flag Flag
	}{{"FGDMMeetingOffer", pp.FGDMMeetingOffer}, {"FGDMMeetingFac", pp.FGDMMeetingFac}} {
		if f.flag.Present() && !f.flag.OK {
			m.reject(path+"/"+f.name, "%q is not true, false, 1 or 0", f.flag.Text)
		}
	}
	if pp.ReviewMeetingsCount.Present() && !pp.ReviewMeetingsCount.OK {
		m.reject(path+"/ReviewMeetingsCount", "%q is not a whole number of 0 or more", pp.ReviewMeetingsCount.Text)
	}
	if pp.PPOutcome != "" {
		m.notKept(path+"/PPOutcome", "DfE has not published the PPOutcome codes, so Waymark cannot map %q", pp.PPOutcome)
	}
	m.checkDate(path+"/LetterInitCPDate", pp.LetterInitCPDate)
	if pp.LetterInitCPDate.Valid() {
		m.notKept(path+"/LetterInitCPDate", "Waymark does not record the date of the letter initiating care proceedings")
	}
	if issued := m.checkDate(path+"/CourtAppDate", pp.CourtAppDate); !issued.IsZero() &&
		!slices.ContainsFunc(rec.CareProceedings, func(cp domain.CareProceedings) bool { return cp.IssueDate == issued }) &&
		!slices.ContainsFunc(plan.records, func(pr record) bool {
			cp, ok := pr.rec.(*domain.CareProceedings)
			return ok && cp.IssueDate == issued
		}) {
		cp := &domain.CareProceedings{IssueDate: issued}
		plan.linkTo(cp, func(id int64) { cp.PersonID = id }, m.person)
		m.add(plan, record{rec: cp, isNew: true}, path+"/CourtAppDate")
	}
	if st.IsZero() || slices.ContainsFunc(rec.PreProceedings, func(x domain.PreProceedings) bool { return x.DecisionDate == st }) {
		return
	}
	child("", x, func(id int64) { x.PersonID = id }, func(id int64) { x.ReferralID = id })
}

// exists reports whether an existing record of the referral matches. A
// new referral has none.
func exists[T any](recs []T, r *domain.Referral, match func(*T) bool) bool {
	if r.ID == 0 {
		return false
	}
	return slices.ContainsFunc(recs, func(x T) bool { return match(&x) })
}
