package cin

import (
	"cmp"
	"slices"
	"strconv"
	"time"

	"github.com/waymark-care/waymark/internal/calendar"
	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/domain"
)

// The builder derives a child's census entry from the records alone, as
// they stood at the reference date: anything dated after it (a closure, a
// plan's end, a conference) has not happened yet and is left out.

// NewHeader returns the header of a census for a period, as sent by an
// authority (its three-digit LA number) from this software.
func NewHeader(p Period, lea, release string, created time.Time) *Header {
	h := &Header{CollectionDetails: &CollectionDetails{
		Collection: "CIN", Year: strconv.Itoa(p.End.Year()), ReferenceDate: DateOf(p.End),
	}}
	if lea != "" {
		h.Source = []Source{{SourceLevel: "L", LEA: lea, SoftwareCode: "Waymark", Release: release,
			SerialNo: "001", DateTime: created.UTC().Format("2006-01-02T15:04:05")}}
	}
	return h
}

// Builder builds census entries for one period.
type Builder struct {
	p      Period
	f      Format
	cal    *calendar.Calendar
	nfaMin civil.Date // a referral with no further action and no closure date counts from here
}

func NewBuilder(p Period) *Builder {
	cal := calendar.EnglandAndWales()
	return &Builder{p: p, f: FormatOf(p), cal: cal, nfaMin: cal.AddWorkingDays(p.Start, -1)}
}

// Child returns the child's census entry, and false if the child is not in
// the census: no CIN episode was open at any point in the period.
func (b *Builder) Child(rec *domain.ChildRecord) (Child, bool) {
	var c Child
	for i := range sortedBy(rec.Referrals, func(r *domain.Referral) civil.Date { return r.ReferralDate }) {
		r := &rec.Referrals[i]
		if b.episodeInYear(r) {
			c.CINdetails = append(c.CINdetails, b.episode(rec, r))
		}
	}
	if len(c.CINdetails) == 0 {
		return Child{}, false
	}
	p := &rec.Person
	c.Ref = Ref{"person", p.ID}
	id := &c.ChildIdentifiers
	id.LAchildID, id.UPN, id.FormerUPN, id.UPNunknown = p.LAChildID, p.UPN, p.FormerUPN, p.UPNUnknown
	unborn := p.Unborn(b.p.End)
	if unborn {
		id.ExpectedPersonBirthDate = DateOf(cmp.Or(p.ExpectedBirth, p.DateOfBirth))
	} else {
		id.PersonBirthDate = DateOf(p.DateOfBirth)
	}
	switch {
	case b.f.Sex && unborn:
		id.Sex = "U"
	case b.f.Sex:
		id.Sex = p.Sex
	case unborn:
		id.GenderCurrent = "0"
	default:
		id.GenderCurrent = genderCurrent[p.Gender]
	}
	id.PersonDeathDate = b.dated(p.DateOfDeath)
	c.ChildCharacteristics.Ethnicity = p.Ethnicity
	ds := &Disabilities{}
	for _, d := range rec.Disabilities {
		// One ended before the year began is not the child's this year.
		if !unborn && d.InForce(b.p.Start) && !slices.Contains(ds.Disability, d.Code) {
			ds.Disability = append(ds.Disability, d.Code)
		}
	}
	if len(ds.Disability) > 0 {
		c.ChildCharacteristics.Disabilities = ds
	}
	return c, true
}

// genderCurrent maps the NHS-style gender identity to CIN GenderCurrent,
// returned up to 2023-24 (returns.md §1.3; mapping unverified).
var genderCurrent = map[string]string{"01": "1", "02": "2", "00": "0", "09": "9"}

// dated is a date known by the reference date; later dates have not
// happened yet.
func (b *Builder) dated(d civil.Date) Date {
	if d.After(b.p.End) {
		return Date{}
	}
	return DateOf(d)
}

// open reports whether something running from start to end (zero: still
// running) was open at any point in the period.
func (b *Builder) open(start, end civil.Date) bool {
	return !start.IsZero() && !start.After(b.p.End) && (end.IsZero() || !end.Before(b.p.Start))
}

func (b *Builder) episodeInYear(r *domain.Referral) bool {
	if r.NFA && r.CloseDate.IsZero() {
		// A referral with no further action is a moment, not a period.
		return !r.ReferralDate.Before(b.nfaMin) && !r.ReferralDate.After(b.p.End)
	}
	return b.open(r.ReferralDate, r.CloseDate)
}

func (b *Builder) episode(rec *domain.ChildRecord, r *domain.Referral) CINdetails {
	ep := CINdetails{
		CINreferralDate: DateOf(r.ReferralDate),
		ReferralSource:  r.Source,
		PrimaryNeedCode: r.PrimaryNeed,
		CINclosureDate:  b.dated(r.CloseDate),
		ReferralNFA:     FlagOf(r.NFA),
		Ref:             Ref{"referral", r.ID},
	}
	if ep.CINclosureDate.Present() {
		ep.ReasonForClosure = r.CloseReason
	}
	// A conference booked and not yet held is not returned (AC-15).
	conferences := filter(rec.Conferences, func(c *domain.Conference) bool {
		return c.ReferralID == r.ID && c.Held() && !c.Date.After(b.p.End)
	})
	// An initial conference not following a section 47 enquiry of this
	// episode (such as a transfer-in) is recorded on the episode.
	for _, c := range conferences {
		if c.S47EnquiryID == 0 && initialConference(c.Type) {
			ep.DateOfInitialCPC = DateOf(c.Date)
		}
	}
	for i := range sortedBy(rec.Assessments, func(a *domain.Assessment) civil.Date { return a.StartDate }) {
		a := &rec.Assessments[i]
		if a.ReferralID == r.ID && b.open(a.StartDate, a.AuthorisedDate) {
			ep.Assessments = append(ep.Assessments, b.assessment(a))
		}
	}
	if b.f.CINPlans {
		for i := range sortedBy(rec.CINPlans, func(p *domain.CINPlan) civil.Date { return p.StartDate }) {
			p := &rec.CINPlans[i]
			if p.ReferralID == r.ID && b.open(p.StartDate, p.EndDate) {
				ep.CINPlanDates = append(ep.CINPlanDates, CINPlanDates{DateOf(p.StartDate), b.dated(p.EndDate), Ref{"cin_plan", p.ID}})
			}
		}
	}
	for i := range sortedBy(rec.Section47Enquiries, func(s *domain.Section47Enquiry) civil.Date { return s.StartDate }) {
		s := &rec.Section47Enquiries[i]
		if s.ReferralID == r.ID {
			if s47, ok := b.enquiry(s, rec.Conferences); ok {
				ep.Section47 = append(ep.Section47, s47)
			}
		}
	}
	for i := range sortedBy(rec.CPPlans, func(p *domain.CPPlan) civil.Date { return p.StartDate }) {
		p := &rec.CPPlans[i]
		if p.ReferralID == r.ID && !p.OtherAuthority && b.open(p.StartDate, p.EndDate) {
			ep.ChildProtectionPlans = append(ep.ChildProtectionPlans, b.cpPlan(rec, p, conferences))
		}
	}
	if b.f.PreProceedings {
		for i := range sortedBy(rec.PreProceedings, func(p *domain.PreProceedings) civil.Date { return p.DecisionDate }) {
			p := &rec.PreProceedings[i]
			if b.inEpisode(p, r) && b.open(p.DecisionDate, p.EndDate) {
				ep.PreProceedingsandFGDM = append(ep.PreProceedingsandFGDM, b.preProceedings(rec, p))
			}
		}
	}
	return ep
}

func initialConference(kind string) bool {
	return kind == "initial" || kind == "pre_birth_initial" || kind == "transfer_in"
}

func (b *Builder) assessment(a *domain.Assessment) Assessment {
	out := Assessment{AssessmentActualStartDate: DateOf(a.StartDate), AssessmentAuthorisationDate: b.dated(a.AuthorisedDate), Ref: Ref{"assessment", a.ID}}
	// Factors are identified when the assessment is completed (rule 8614).
	if out.AssessmentAuthorisationDate.Present() && len(a.Factors) > 0 {
		out.FactorsIdentifiedAtAssessment = &Factors{AssessmentFactors: slices.Clone(a.Factors)}
	}
	return out
}

// noConferenceOutcomes are the section 47 outcomes that need no initial
// conference.
var noConferenceOutcomes = map[string]bool{"substantiated_no_icpc": true, "not_substantiated": true, "no_further_action": true}

// enquiry returns the section 47 block, and false if the enquiry was over
// before the period began or starts after it.
func (b *Builder) enquiry(s *domain.Section47Enquiry, conferences []domain.Conference) (Section47, bool) {
	out := Section47{S47ActualStartDate: DateOf(s.StartDate), Ref: Ref{"section47_enquiry", s.ID}}
	var concluded civil.Date
	for _, c := range conferences {
		if c.S47EnquiryID == s.ID && c.Held() && (c.Type == "initial" || c.Type == "pre_birth_initial") {
			out.InitialCPCtarget = DateOf(c.TargetDate)
			out.DateOfInitialCPC = b.dated(c.Date)
			concluded = c.Date
			break
		}
	}
	notRequired := !out.DateOfInitialCPC.Present() && noConferenceOutcomes[s.Outcome] && !s.EndDate.After(b.p.End)
	if notRequired {
		concluded = s.EndDate
	}
	out.ICPCnotRequired = FlagOf(notRequired)
	return out, b.open(s.StartDate, concluded)
}

func (b *Builder) cpPlan(rec *domain.ChildRecord, p *domain.CPPlan, conferences []domain.Conference) ChildProtectionPlan {
	previous := 0
	for _, other := range rec.CPPlans {
		if other.StartDate.Before(p.StartDate) {
			previous++
		}
	}
	out := ChildProtectionPlan{
		CPPstartDate:           DateOf(p.StartDate),
		CPPendDate:             b.dated(p.EndDate),
		InitialCategoryOfAbuse: p.InitialCategory,
		LatestCategoryOfAbuse:  p.LatestCategory,
		NumberOfPreviousCPP:    CountOf(previous),
		Ref:                    Ref{"cp_plan", p.ID},
	}
	end := p.EndDate
	if end.IsZero() || end.After(b.p.End) {
		end = b.p.End
	}
	for _, c := range conferences {
		if c.Type == "review" && c.Date.After(p.StartDate) && !c.Date.After(end) {
			if out.Reviews == nil {
				out.Reviews = &Reviews{}
			}
			out.Reviews.CPPreviewDate = append(out.Reviews.CPPreviewDate, DateOf(c.Date))
		}
	}
	if out.Reviews != nil {
		slices.SortFunc(out.Reviews.CPPreviewDate, func(a, b Date) int { return a.Value.Compare(b.Value) })
	}
	return out
}

// inEpisode reports whether pre-proceedings belong to a referral: linked
// to it, or unlinked and begun while it was open.
func (b *Builder) inEpisode(p *domain.PreProceedings, r *domain.Referral) bool {
	if p.ReferralID != 0 {
		return p.ReferralID == r.ID
	}
	return !p.DecisionDate.Before(r.ReferralDate) && (r.CloseDate.IsZero() || !p.DecisionDate.After(r.CloseDate))
}

// preProceedings builds the 2026-27 block. PPOutcome is left out until DfE
// publishes its codes, and so is LetterInitCPDate, which Waymark does not
// record (returns.md §1.5).
func (b *Builder) preProceedings(rec *domain.ChildRecord, p *domain.PreProceedings) PreProceedings {
	out := PreProceedings{
		PPStartDate:          DateOf(p.DecisionDate),
		LBPSentDate:          b.dated(p.LetterDate),
		FGDMMeetingOffer:     digitFlag(p.FGDMOffered),
		FGDMMeetingFac:       digitFlag(p.FGDMHeld),
		InitialPPMeetingDate: b.dated(p.InitialMeetingDate),
		ReviewMeetingsCount:  CountOf(p.ReviewMeetings),
		StepDecisionDate:     b.dated(p.StepDecisionDate),
		Ref:                  Ref{"pre_proceedings", p.ID},
	}
	var issued civil.Date
	for _, cp := range rec.CareProceedings {
		if !cp.IssueDate.Before(p.DecisionDate) && (issued.IsZero() || cp.IssueDate.Before(issued)) {
			issued = cp.IssueDate
		}
	}
	out.CourtAppDate = b.dated(issued)
	return out
}

// sortedBy returns the indexes of records in date order (stable, so
// records on the same day stay in the order they were made).
func sortedBy[T any](recs []T, date func(*T) civil.Date) func(yield func(int) bool) {
	return func(yield func(int) bool) {
		idx := make([]int, len(recs))
		for i := range idx {
			idx[i] = i
		}
		slices.SortStableFunc(idx, func(i, j int) int { return date(&recs[i]).Compare(date(&recs[j])) })
		for _, i := range idx {
			if !yield(i) {
				return
			}
		}
	}
}

func filter[T any](recs []T, keep func(*T) bool) []T {
	var out []T
	for i := range recs {
		if keep(&recs[i]) {
			out = append(out, recs[i])
		}
	}
	return out
}
