package timescales

import (
	"slices"

	"github.com/waymark-care/waymark/internal/calendar"
	"github.com/waymark-care/waymark/internal/civil"
)

// Rules returns the rules of timescales.md §2, in table order. Evaluate takes
// them as an argument so that a caller can add or replace rows.
func Rules() []Rule { return slices.Clone(rules) }

func wd(n int) calendar.Clock { return calendar.Clock{N: n, Unit: calendar.WorkingDays} }
func cd(n int) calendar.Clock { return calendar.Clock{N: n, Unit: calendar.CalendarDays} }
func wk(n int) calendar.Clock { return calendar.Clock{N: n, Unit: calendar.Weeks} }
func cm(n int) calendar.Clock { return calendar.Clock{N: n, Unit: calendar.CalendarMonths} }
func eh(n int) calendar.Clock { return calendar.Clock{N: n, Unit: calendar.ElapsedHours} }

func of(ks ...EventKind) []Match {
	ms := make([]Match, len(ks))
	for i, k := range ks {
		ms[i] = Match{Kind: k}
	}
	return ms
}

// The dates versions change on (timescales.md §4).
var (
	wt2013      = civil.Of(2013, 4, 15) // single assessment replaces initial and core
	cppcr       = civil.Of(2011, 4, 1)  // Care Planning, Placement and Case Review Regulations in force
	reg28_3A    = civil.Of(2015, 4, 1)  // SI 2015/495: long-term foster visits
	aar2013     = civil.Of(2013, 7, 1)  // SI 2013/985: adopter two-stage process, register
	cafa2014    = civil.Of(2014, 4, 22) // Children and Families Act 2014: 26 weeks
	careLeavers = civil.Of(2011, 4, 1)  // Care Leavers (England) Regulations 2010
)

// The chains. Each is shared by the rows that time its deadlines.
var (
	referralDecision = Chain{Name: "referral decision", Start: Match{Kind: Referral}, MetBy: of(ReferralDecision)}
	assessment       = Chain{Name: "assessment", Start: Match{Kind: AssessmentStart}, Anchor: Referral, MetBy: of(AssessmentAuthorised)}
	coreAssessment   = Chain{Name: "core assessment", Start: Match{Kind: CoreAssessmentStart}, MetBy: of(CoreAssessmentAuthorised)}
	strategy         = Chain{Name: "strategy discussion", Start: Match{Kind: HarmConcern}, MetBy: of(StrategyDiscussion)}
	s47Outcome       = Chain{Name: "s47 outcome", Start: Match{Kind: S47Start}, Anchor: StrategyDiscussion, MetBy: of(S47Outcome)}
	icpc             = Chain{Name: "icpc", Start: Match{Kind: S47Start}, Anchor: StrategyDiscussion, MetBy: of(ICPC),
		Cancel: []Match{{Kind: S47Outcome, Type: NoICPC}}}
	coreGroups = Chain{Name: "core groups", Start: Match{Kind: CPPlanStart}, MetBy: of(CoreGroup), Until: of(CPPlanEnd)}
	cpReviews  = Chain{Name: "cp reviews", Start: Match{Kind: CPPlanStart}, MetBy: of(ReviewConference), Until: of(CPPlanEnd)}
	cpVisits   = Chain{Name: "cp visits", Start: Match{Kind: CPPlanStart}, MetBy: of(CPVisit), Until: of(CPPlanEnd)}
	cinReviews = Chain{Name: "cin reviews", Start: Match{Kind: CINPlanStart}, MetBy: of(CINReview), Until: of(CINPlanEnd)}
	cinVisits  = Chain{Name: "cin visits", Start: Match{Kind: CINPlanStart}, MetBy: of(CINVisit), Until: of(CINPlanEnd)}

	carePlan = Chain{Name: "care plan", Start: Match{Kind: BecameLookedAfter}, MetBy: of(CarePlan),
		Until: of(CeasedLookedAfter), Lookback: cm(1)}
	placementPlan = Chain{Name: "placement plan", Start: Match{Kind: PlacementStart}, MetBy: of(PlacementPlan),
		Until: of(PlacementEnd, CeasedLookedAfter), Lookback: cm(1)}
	placementNotice = Chain{Name: "placement notification", Start: Match{Kind: PlacementStart}, MetBy: of(PlacementNotification),
		Until: of(PlacementEnd, CeasedLookedAfter), Lookback: cm(1)}
	claReviews = Chain{Name: "cla reviews", Start: Match{Kind: BecameLookedAfter}, MetBy: of(CLAReview), Until: of(CeasedLookedAfter)}
	claVisits  = Chain{Name: "cla visits", Start: Match{Kind: PlacementStart}, MetBy: of(CLAVisit),
		Until: of(PlacementEnd, CeasedLookedAfter)}
	temporaryApproval = Chain{Name: "temporary approval", Start: Match{Kind: PlacementStart, Type: PlacementConnectedPersonTemporary},
		MetBy: of(ConnectedCarerApproved), Until: of(PlacementEnd, CeasedLookedAfter),
		ExtendedBy: TemporaryApprovalExtended, Extension: wk(8), MaxExtensions: 1}

	health = Chain{Name: "health assessments", Start: Match{Kind: BecameLookedAfter}, MetBy: of(HealthAssessment),
		Until: of(CeasedLookedAfter), Lookback: cm(3)}
	sdq = Chain{Name: "sdq", Start: Match{Kind: BecameLookedAfter}, MetBy: of(SDQ), Until: of(CeasedLookedAfter)}
	pep = Chain{Name: "pep", Start: Match{Kind: BecameLookedAfter}, MetBy: of(PEP), Until: of(CeasedLookedAfter), Lookback: cm(1)}

	returnInterview = Chain{Name: "return interview", Start: Match{Kind: MissingReturn}, MetBy: of(ReturnInterview)}

	needsAssessment = Chain{Name: "needs assessment", Start: Match{Kind: BecameEligible}, MetBy: of(NeedsAssessment)}
	pathwayReviews  = Chain{Name: "pathway plan reviews", Start: Match{Kind: PathwayPlan}, MetBy: of(PathwayPlanReview), Until: of(LeavingCareEnd)}
	paVisits        = Chain{Name: "pa visits", Start: Match{Kind: AccommodationProvided}, MetBy: of(PAVisit), Until: of(LeavingCareEnd)}
	paContact       = Chain{Name: "pa contact", Start: Match{Kind: PAAllocated}, MetBy: of(PAContact, PAVisit), Until: of(LeavingCareEnd)}

	adoptionReviewsWaiting = Chain{Name: "adoption reviews before placement", Start: Match{Kind: PlacementOrder}, MetBy: of(AdoptionReview),
		Until: of(PlacedForAdoption, CeasedLookedAfter)}
	adoptionVisits = Chain{Name: "adoption visits", Start: Match{Kind: PlacedForAdoption}, MetBy: of(AdoptionVisit),
		Until: of(AdoptionOrder, PlacementEnd)}
	adoptionReviewsPlaced = Chain{Name: "adoption reviews after placement", Start: Match{Kind: PlacedForAdoption}, MetBy: of(AdoptionReview),
		Until: of(AdoptionOrder, PlacementEnd)}
	childRegister = Chain{Name: "register referral (child)", Start: Match{Kind: ADMDecision}, MetBy: of(RegisterReferral),
		Cancel: of(AdoptionMatch)}
	adopterRegister = Chain{Name: "register referral (adopters)", Start: Match{Kind: AdopterDecision, Type: Approved},
		MetBy: of(AdopterRegisterReferral), Cancel: of(AdopterMatched)}
	adopterStage1 = Chain{Name: "adopter stage 1", Start: Match{Kind: AdopterRegistration}, MetBy: of(Stage1Decision)}
	adopterGap    = Chain{Name: "adopter notice to proceed", Start: Match{Kind: Stage1Decision}, MetBy: of(NoticeToProceed)}
	adopterStage2 = Chain{Name: "adopter stage 2", Start: Match{Kind: NoticeToProceed}, MetBy: of(AdopterDecision)}

	proceedings = Chain{Name: "proceedings", Start: Match{Kind: ProceedingsIssued}, MetBy: of(FinalOrder),
		ExtendedBy: ProceedingsExtended, Extension: wk(8)}
	preProceedings = Chain{Name: "pre-proceedings", Start: Match{Kind: PreProceedingsStart}, MetBy: of(ProceedingsIssued, PreProceedingsEnd)}
	epo            = Chain{Name: "epo", Start: Match{Kind: EPOMade}, MetBy: of(EPOEnded, ProceedingsIssued),
		ExtendedBy: EPOExtended, Extension: cd(7), MaxExtensions: 1}
	cao              = Chain{Name: "cao", Start: Match{Kind: CAOStart}, MetBy: of(CAOEnd)}
	policeProtection = Chain{Name: "police protection", Start: Match{Kind: PoliceProtection}, MetBy: of(PoliceProtectionEnd)}

	pfNotice     = Chain{Name: "pf notification", Start: Match{Kind: PFArrangementStart}, MetBy: of(PFNotification), Lookback: cm(6)}
	pfFirstVisit = Chain{Name: "pf first visit", Start: Match{Kind: PFNotification}, MetBy: of(PFVisit)}
	pfVisits     = Chain{Name: "pf visits", Start: Match{Kind: PFArrangementStart}, MetBy: of(PFVisit), Until: of(PFArrangementEnd)}

	ladoReport     = Chain{Name: "lado report", Start: Match{Kind: AllegationKnown}, MetBy: of(LADOReferral)}
	ladoInitial    = Chain{Name: "lado initial consideration", Start: Match{Kind: LADOReferral}, MetBy: of(LADODecision)}
	ladoResolution = Chain{Name: "lado resolution", Start: Match{Kind: AllegationKnown}, MetBy: of(LADOOutcome)}
)

const (
	wt       = "Working Together to Safeguard Children (WT2013 to WT2023)"
	cppcrReg = "Care Planning, Placement and Case Review (England) Regulations 2010 (SI 2010/959) "
	aarReg   = "Adoption Agencies Regulations 2005 (SI 2005/389) "
	ca1989   = "Children Act 1989 "
	pfReg    = "Children (Private Arrangements for Fostering) Regulations 2005 (SI 2005/1533) "
)

var rules = []Rule{
	// 2A. Front door, assessment and child protection.
	{ID: "CP-1", Title: "Referral decision", Chain: referralDecision, Item: 1, Clock: wd(1),
		Standard: Statutory, Confidence: Supported, Source: wt + ", “Referral”"},
	{ID: "CP-H1", Title: "Initial assessment", Chain: assessment, Item: 1, Clock: wd(10), To: wt2013.AddDays(-1),
		Standard: Statutory, Confidence: Supported, Source: "Working Together 2010",
		Note: "Replaced by CP-2 for referrals from 15 Apr 2013."},
	{ID: "CP-2", Title: "Child and family assessment", Chain: assessment, Item: 1, Clock: wd(45), From: wt2013,
		Standard: Statutory, Confidence: Supported, Source: wt + ", “Timeliness”",
		Note: "Runs from the referral (WT); DfE measures from the assessment start, so both are kept (S-5). Anchor confidence U."},
	{ID: "CP-H2", Title: "Core assessment", Chain: coreAssessment, Item: 1, Clock: wd(35), To: wt2013.AddDays(-1),
		Standard: Statutory, Confidence: Supported, Source: "Working Together 2010"},
	{ID: "CP-3", Title: "Strategy discussion", Chain: strategy, Item: 1, Setting: "strategy.deadline",
		Standard: LocalStandard, Confidence: Supported, Source: wt + ", “Strategy discussion”; local procedures",
		Note: "No national timescale."},
	{ID: "CP-4", Title: "Section 47 enquiry outcome", Chain: s47Outcome, Item: 1, Clock: wd(15),
		Standard: Statutory, Confidence: Supported, Source: ca1989 + "s47; " + wt + ", “Initiating section 47 enquiries”",
		Note: "No separate deadline: the outcome must be ready for the initial conference, so it is timed to the CP-5 date."},
	{ID: "CP-5", Title: "Initial child protection conference", Chain: icpc, Item: 1, Clock: wd(15),
		Standard: Statutory, Confidence: Supported, Source: wt + ", “Initial child protection conferences”"},
	{ID: "CP-6", Title: "First core group", Chain: coreGroups, Item: 1, Clock: wd(10),
		Standard: Statutory, Confidence: Supported, Source: wt + ", “The child protection plan”"},
	{ID: "CP-6a", Title: "Core group meeting", Chain: coreGroups, Setting: "core_group.interval",
		Standard: LocalStandard, Confidence: Supported, Source: "Local procedures (timescales.md §3 core_group.interval)",
		Note: "Waymark's ID for the later core groups timescales.md §3 times after CP-6."},
	{ID: "CP-8a", Title: "First review conference (pre-birth plan)", Chain: cpReviews, Item: 1, PreBirth: true,
		Setting: "prebirth.review_rule", Standard: LocalStandard, Confidence: Supported, Source: "Local procedures only"},
	{ID: "CP-7", Title: "First review conference", Chain: cpReviews, Item: 1, Clock: cm(3),
		Standard: Statutory, Confidence: Supported, Source: wt + ", “The child protection review conference”"},
	{ID: "CP-8", Title: "Review conference", Chain: cpReviews, Clock: cm(6),
		Standard: Statutory, Confidence: Supported, Source: wt + ", “The child protection review conference”"},
	{ID: "CP-9", Title: "Visit to a child on a child protection plan", Chain: cpVisits, Setting: "cp.visit_interval",
		Standard: LocalStandard, Confidence: Supported, Source: "Local policy",
		Note: "No national frequency. Only visits where the child was seen count."},
	{ID: "CP-10", Title: "Child in need plan review", Chain: cinReviews, Setting: "cin.review_interval",
		Standard: LocalStandard, Confidence: Supported, Source: "Local policy"},
	{ID: "CP-10a", Title: "Visit to a child on a child in need plan", Chain: cinVisits, Setting: "cin.visit_interval",
		Standard: LocalStandard, Confidence: Supported, Source: "Local policy (timescales.md §3 cin.visit_interval)",
		Note: "Waymark's ID for the visits timescales.md §3 sets for CIN plans (AC-13)."},

	// 2B. Children looked after (CPPCR 2010).
	{ID: "LA-1", Title: "Care plan", Chain: carePlan, Item: 1, Clock: wd(10), From: cppcr,
		Standard: Statutory, Confidence: Checked, Source: cppcrReg + "reg 4(2), reg 5",
		Note: "Due before the first placement, or within 10 WD of it; a plan up to a month before counts."},
	{ID: "LA-2", Title: "Placement plan", Chain: placementPlan, Item: 1, Clock: wd(5), From: cppcr,
		Standard: Statutory, Confidence: Checked, Source: cppcrReg + "reg 9(1)–(3)"},
	{ID: "LA-3", Title: "Placement notification", Chain: placementNotice, Item: 1, Clock: wd(5), From: cppcr,
		Standard: Statutory, Confidence: Checked, Source: cppcrReg + "reg 13(1); reg 13(4) as amended by SI 2013/3239"},
	{ID: "LA-4", Title: "First looked-after review", Chain: claReviews, Item: 1, Clock: wd(20), From: cppcr, Covid: true,
		Standard: Statutory, Confidence: Checked, Source: cppcrReg + "reg 33(1)"},
	{ID: "LA-5", Title: "Second looked-after review", Chain: claReviews, Item: 2, Clock: cm(3), From: cppcr, Covid: true,
		Standard: Statutory, Confidence: Checked, Source: cppcrReg + "reg 33(2)"},
	{ID: "LA-6", Title: "Looked-after review", Chain: claReviews, Clock: cm(6), From: cppcr, Covid: true,
		Standard: Statutory, Confidence: Checked, Source: cppcrReg + "reg 33(2)"},
	{ID: "LA-6a", Title: "Early looked-after review",
		Standard: Statutory, Confidence: Checked, Source: cppcrReg + "reg 33(3)(a)–(e)",
		Note: "Due before the reg 33(1)/(2) date, which LA-4 to LA-6 already time; any review restarts them."},
	{ID: "LA-9", Title: "Short breaks", Chain: claVisits, Types: []string{PlacementShortBreak},
		Standard: Statutory, Confidence: Checked, Source: cppcrReg + "reg 48",
		Note: "Modified regime: visit intervals are agreed with the IRO and review timing is unconfirmed (U), so no deadline is set."},
	{ID: "LA-7a", Title: "Visit (placed with parent before assessment)", Chain: claVisits, Clock: wk(1), From: cppcr, Covid: true,
		Types: []string{PlacementWithParentBeforeAssessment}, UntilFirst: CLAReview,
		Standard: Statutory, Confidence: Checked, Source: cppcrReg + "reg 28(3)", Note: "Weekly until the first review after the placement starts."},
	{ID: "LA-7a", Title: "Visit (placed with parent before assessment)", Chain: claVisits, Clock: wk(6), From: cppcr, Covid: true,
		Types: []string{PlacementWithParentBeforeAssessment}, Standard: Statutory, Confidence: Checked, Source: cppcrReg + "reg 28(3)"},
	{ID: "LA-7b", Title: "Visit (temporary connected person or interim order at home)", Chain: claVisits, Clock: wk(1), From: cppcr, Covid: true,
		Types: []string{PlacementConnectedPersonTemporary, PlacementWithParentInterimOrder}, UntilFirst: CLAReview,
		Standard: Statutory, Confidence: Checked, Source: cppcrReg + "reg 28(4)", Note: "Weekly until the first review after the placement starts."},
	{ID: "LA-7b", Title: "Visit (temporary connected person or interim order at home)", Chain: claVisits, Clock: wk(4), From: cppcr, Covid: true,
		Types:    []string{PlacementConnectedPersonTemporary, PlacementWithParentInterimOrder},
		Standard: Statutory, Confidence: Checked, Source: cppcrReg + "reg 28(4)"},
	{ID: "LA-7c", Title: "Visit (care order, living with parent)", Chain: claVisits, Item: 1, Clock: wk(1), From: cppcr, Covid: true,
		Types: []string{PlacementWithParentCareOrder}, Standard: Statutory, Confidence: Checked, Source: cppcrReg + "reg 28(5)",
		Note: "The adapter starts this placement on the date of the care order."},
	{ID: "LA-7c", Title: "Visit (care order, living with parent)", Chain: claVisits, Clock: wk(6), From: cppcr, Covid: true,
		Types: []string{PlacementWithParentCareOrder}, Standard: Statutory, Confidence: Checked, Source: cppcrReg + "reg 28(5)"},
	{ID: "LA-7d", Title: "Visit (long-term foster placement)", Chain: claVisits, Clock: cm(6), From: reg28_3A, Covid: true,
		Types: []string{PlacementLongTermFewerVisits}, AfterFirstYear: true,
		Standard: Statutory, Confidence: Supported, Source: cppcrReg + "reg 28(3A), inserted by SI 2015/495",
		Note: "After the first year, where the child has agreed to fewer visits. The 6-month figure is unconfirmed (U)."},
	{ID: "LA-7", Title: "First visit in a placement", Chain: claVisits, Item: 1, Clock: cd(7), From: cppcr, Covid: true,
		Standard: Statutory, Confidence: Checked, Source: cppcrReg + "reg 28(2)", Note: "Restarts with every new placement."},
	{ID: "LA-7", Title: "Visit", Chain: claVisits, Clock: cm(3), From: cppcr, Covid: true,
		Types: []string{PlacementLongTerm, PlacementLongTermFewerVisits}, AfterFirstYear: true,
		Standard: Statutory, Confidence: Checked, Source: cppcrReg + "reg 28(2)",
		Note: "After the placement's first year, if it is intended to last until the child is 18."},
	{ID: "LA-7", Title: "Visit", Chain: claVisits, Clock: wk(6), From: cppcr, Covid: true,
		Standard: Statutory, Confidence: Checked, Source: cppcrReg + "reg 28(2)"},
	{ID: "LA-8", Title: "Connected person temporary approval", Chain: temporaryApproval, Item: 1, Clock: wk(16),
		Standard: Statutory, Confidence: Supported, Source: cppcrReg + "reg 24 (as amended), reg 25(2)–(3)",
		Note: "One extension of up to 8 weeks. The 16 weeks date from a 2013 amendment (date U); earlier placements had a shorter limit."},

	// 2C. Health and education.
	{ID: "H-1", Title: "Initial health assessment", Chain: health, Item: 1, Setting: "iha.definition", From: cppcr,
		Standard: Statutory, Confidence: Supported,
		Source: cppcrReg + "reg 7; Promoting the health and wellbeing of looked-after children (2015, updated 2022)",
		Note:   "Before the first review, in effect 20 WD; iha.definition chooses 20 WD or 28 days. An assessment in the previous 3 months counts."},
	{ID: "H-2", Title: "Review health assessment (under 5)", Chain: health, Clock: cm(6), Under: 5, From: cppcr,
		Standard: Statutory, Confidence: Supported, Source: cppcrReg + "reg 7; statutory guidance 2015"},
	{ID: "H-2", Title: "Review health assessment", Chain: health, Clock: cm(12), MinAge: 5, From: cppcr,
		Standard: Statutory, Confidence: Supported, Source: cppcrReg + "reg 7; statutory guidance 2015"},
	{ID: "H-3", Title: "Dental check",
		Standard: Statutory, Confidence: Checked, Source: cppcrReg + "Sch 1 para 1(4)(a)",
		Note: "No statutory interval; the health plan covers routine checks. OC2 counts teeth checked in the year."},
	{ID: "H-4", Title: "Immunisations",
		Standard: Statutory, Confidence: Checked, Source: cppcrReg + "Sch 1 para 1(4)(c)",
		Note: "Kept up to date; no deadline to time."},
	{ID: "H-5", Title: "Strengths and difficulties questionnaire", Chain: sdq, Clock: cm(12), MinAge: 4, Under: 17,
		Standard: Statutory, Confidence: Supported, Source: "DfE SSDA903 guidance, via local procedures",
		Note: "Annual while the child is 4 to 16; a younger child's clock starts on the 4th birthday."},
	{ID: "E-1", Title: "Personal education plan", Chain: pep, Item: 1, Clock: wd(10), From: cppcr,
		Standard: Statutory, Confidence: Supported,
		Source: cppcrReg + "reg 5(b)(ii); Promoting the education of looked-after children (DfE 2018)",
		Note:   "Part of the care plan: before placement, or within 10 WD in an emergency."},
	{ID: "E-1", Title: "Personal education plan review", Chain: pep, Setting: "pep.review_interval",
		Standard: LocalStandard, Confidence: Unconfirmed, Source: "Promoting the education of looked-after children (DfE 2018)",
		Note: "Reviewed each school term; pep.review_interval stands in until Waymark holds school term dates."},
	{ID: "E-2", Title: "School place under Fair Access",
		Standard: Statutory, Confidence: Supported, Source: "School Admissions Code 2021; Fair Access guidance",
		Note: "20 school days: needs the authority's school term calendar, which Waymark does not hold yet."},
	{ID: "E-3", Title: "Key stage 4 placement change",
		Standard: Statutory, Confidence: Checked, Source: cppcrReg + "reg 10",
		Note: "Nominated officer approval before the change takes effect: a condition, not a clock."},

	// 2D. Missing children.
	{ID: "M-1", Title: "Return home interview", Chain: returnInterview, Item: 1, Clock: eh(72),
		Standard: Statutory, Confidence: Supported,
		Source: "Children who run away or go missing from home or care (DfE statutory guidance, Jan 2014)",
		Note:   "Offered and, if accepted, held; a recorded refusal also meets it."},

	// 2E. Care leavers.
	{ID: "CL-0", Title: "Eligible child",
		Standard: Statutory, Confidence: Checked, Source: cppcrReg + "reg 40(1)",
		Note: "A status rule: the adapter derives it and records became_eligible, which starts CL-1."},
	{ID: "CL-1", Title: "Needs assessment", Chain: needsAssessment, Item: 1, Clock: cm(3), From: cppcr,
		Standard: Statutory, Confidence: Checked, Source: cppcrReg + "reg 42(1)",
		Note: "Runs from the later of the 16th birthday and eligibility, which is when became_eligible is recorded."},
	{ID: "CL-2", Title: "Pathway plan",
		Standard: Statutory, Confidence: Unconfirmed, Source: cppcrReg + "reg 43",
		Note: "“As soon as possible” after the needs assessment: no figure to time."},
	{ID: "CL-3", Title: "Pathway plan review", Chain: pathwayReviews, Clock: cm(6), From: careLeavers,
		Standard: Statutory, Confidence: Unconfirmed, Source: "Care Leavers (England) Regulations 2010 (SI 2010/2571) reg 7"},
	{ID: "CL-4", Title: "Personal adviser's first visit to the accommodation", Chain: paVisits, Item: 1, Clock: cd(7), From: careLeavers,
		Standard: Statutory, Confidence: Checked, Source: "Care Leavers (England) Regulations 2010 reg 8(2)"},
	{ID: "CL-4", Title: "Personal adviser's visit to the accommodation", Chain: paVisits, Clock: cm(2), From: careLeavers,
		Standard: Statutory, Confidence: Checked, Source: "Care Leavers (England) Regulations 2010 reg 8(2)",
		Note: "A visit is also due before each pathway plan review; that is not timed separately."},
	{ID: "CL-4a", Title: "Personal adviser contact", Chain: paContact, Setting: "pa.contact_interval",
		Standard: LocalStandard, Confidence: Unconfirmed, Source: "Volume 3 guidance (transition to adulthood); local practice"},
	{ID: "CL-5", Title: "Personal adviser support to 25",
		Standard: Statutory, Confidence: Supported, Source: ca1989 + "s23CZB",
		Note: "Support offered when a care leaver aged 21 to 25 asks: no deadline to time."},
	{ID: "CL-6", Title: "In touch around the birthday",
		Standard: Statutory, Confidence: Supported, Source: "SSDA903 OC3",
		Note: "A recording window for the S-10 return measure (window U), not a deadline."},

	// 2F. Adoption (AAR 2005).
	{ID: "AD-1", Title: "First adoption review while waiting", Chain: adoptionReviewsWaiting, Item: 1, Clock: cm(3), Covid: true,
		Standard: Statutory, Confidence: Checked, Source: aarReg + "reg 36(1)"},
	{ID: "AD-1", Title: "Adoption review while waiting", Chain: adoptionReviewsWaiting, Clock: cm(6), Covid: true,
		Standard: Statutory, Confidence: Checked, Source: aarReg + "reg 36(1)"},
	{ID: "AD-2", Title: "First visit after adoptive placement", Chain: adoptionVisits, Item: 1, Clock: wk(1), Covid: true,
		Standard: Statutory, Confidence: Checked, Source: aarReg + "reg 36(4)(a)"},
	{ID: "AD-2", Title: "Visit after adoptive placement", Chain: adoptionVisits, Clock: wk(1), UntilFirst: AdoptionReview, Covid: true,
		Standard: Statutory, Confidence: Checked, Source: aarReg + "reg 36(4)(a)", Note: "Weekly until the first review."},
	{ID: "AD-2", Title: "Visit after adoptive placement", Chain: adoptionVisits,
		Standard: Statutory, Confidence: Checked, Source: aarReg + "reg 36(4)(a)",
		Note: "After the first review, as set at each review: no fixed interval to time."},
	{ID: "AD-3", Title: "First review after adoptive placement", Chain: adoptionReviewsPlaced, Item: 1, Clock: wk(4), Covid: true,
		Standard: Statutory, Confidence: Checked, Source: aarReg + "reg 36(3)"},
	{ID: "AD-3", Title: "Second review after adoptive placement", Chain: adoptionReviewsPlaced, Item: 2, Clock: cm(3), Covid: true,
		Standard: Statutory, Confidence: Checked, Source: aarReg + "reg 36(3)"},
	{ID: "AD-3", Title: "Review after adoptive placement", Chain: adoptionReviewsPlaced, Clock: cm(6), Covid: true,
		Standard: Statutory, Confidence: Checked, Source: aarReg + "reg 36(3)"},
	{ID: "AD-4", Title: "Adoption register referral (child)", Chain: childRegister, Item: 1, Clock: cm(3), From: aar2013, Covid: true,
		Standard: Statutory, Confidence: Supported, Source: aarReg + "reg 19A",
		Note: "Cancelled by a match: the duty applies while no local match is pursued."},
	{ID: "AD-5", Title: "Adoption register referral (adopters)", Chain: adopterRegister, Item: 1, Clock: cm(3), From: aar2013, Covid: true,
		Standard: Statutory, Confidence: Supported, Source: aarReg + "as amended by SI 2013/985",
		Note: "With the adopters' consent; cancelled by a match."},
	{ID: "AD-6", Title: "Adopter stage 1 decision", Chain: adopterStage1, Item: 1, Clock: cm(2), From: aar2013, Covid: true,
		Standard: Statutory, Confidence: Supported, Source: aarReg + "Part 4 as substituted by SI 2013/985; Statutory guidance on adoption (2013)",
		Note: "Some manuals say 8 weeks."},
	{ID: "AD-6a", Title: "Adopter notice to proceed", Chain: adopterGap, Item: 1, Clock: cm(6), From: aar2013, Covid: true,
		Standard: Statutory, Confidence: Supported, Source: aarReg + "and statutory guidance",
		Note: "The adopter's window to give notice, not the agency's deadline."},
	{ID: "AD-7", Title: "Adopter stage 2 decision", Chain: adopterStage2, Item: 1, Clock: cm(4), From: aar2013, Covid: true,
		Standard: Statutory, Confidence: Supported, Source: "Statutory guidance on adoption (2013)",
		Note: "The fast-track route's timescale is unconfirmed (U)."},

	// 2G. Court and emergency powers.
	{ID: "CT-1", Title: "Care proceedings", Chain: proceedings, Item: 1, Clock: calendar.Clock{N: 26, Unit: calendar.Weeks, Inclusive: true}, From: cafa2014,
		Standard: Statutory, Confidence: Checked, Source: ca1989 + "s32(1)(a)(ii), as amended by the Children and Families Act 2014 s14; s32(5)–(8)",
		Note: "26 weeks beginning with the issue day; each extension adds up to 8 weeks."},
	{ID: "CT-2", Title: "Public Law Outline stages",
		Standard: Statutory, Confidence: Unconfirmed, Source: "FPR Practice Direction 12A",
		Note: "Set by the court's timetable; the day numbers are unconfirmed."},
	{ID: "CT-3", Title: "Pre-proceedings", Chain: preProceedings, Item: 1, Setting: "plo.max_weeks",
		Standard: LocalStandard, Confidence: Unconfirmed, Source: "PD12A pre-proceedings checklist; Public Law Working Group guidance",
		Note: "No statutory timescale; plo.max_weeks (AC-22)."},
	{ID: "CT-4", Title: "Emergency protection order", Chain: epo, Item: 1, Clock: cd(8),
		Standard: Statutory, Confidence: Supported, Source: ca1989 + "s45(1), (4)–(6)",
		Note: "The order lasts up to 8 days, with one extension of up to 7."},
	{ID: "CT-5", Title: "Child assessment order", Chain: cao, Item: 1, Clock: cd(7),
		Standard: Statutory, Confidence: Checked, Source: ca1989 + "s43(5)"},
	{ID: "CT-6", Title: "Police protection", Chain: policeProtection, Item: 1, Clock: eh(72),
		Standard: Statutory, Confidence: Supported, Source: ca1989 + "s46(6)"},
	{ID: "CT-7", Title: "Interim care orders",
		Standard: Statutory, Confidence: Unconfirmed, Source: "Children and Families Act 2014",
		Note: "No fixed length since 22 Apr 2014."},

	// 2H. Private fostering.
	{ID: "PF-1", Title: "Private fostering notification", Chain: pfNotice, Item: 1, Clock: wk(-6),
		Standard: Statutory, Confidence: Checked, Source: pfReg + "reg 3",
		Note: "The proposed carer gives notice at least 6 weeks before the arrangement starts."},
	{ID: "PF-2", Title: "First private fostering visit", Chain: pfFirstVisit, Item: 1, Clock: wd(7),
		Standard: Statutory, Confidence: Supported, Source: pfReg + "reg 4(1)"},
	{ID: "PF-3", Title: "Private fostering visit", Chain: pfVisits, Clock: wk(12), AfterFirstYear: true,
		Standard: Statutory, Confidence: Checked, Source: pfReg + "reg 8(1), (2), (6)"},
	{ID: "PF-3", Title: "Private fostering visit", Chain: pfVisits, Clock: wk(6),
		Standard: Statutory, Confidence: Checked, Source: pfReg + "reg 8(1), (2), (6)"},

	// 2I. Allegations against people who work with children.
	{ID: "LADO-1", Title: "Report to the designated officer", Chain: ladoReport, Item: 1, Setting: "lado.referral_deadline",
		Standard: LocalStandard, Confidence: Supported, Source: "Working Together; Keeping children safe in education Part 4"},
	{ID: "LADO-2", Title: "Designated officer's initial consideration", Chain: ladoInitial, Item: 1, Setting: "lado.initial_consideration",
		Standard: LocalStandard, Confidence: Supported, Source: "National LADO Network minimum standards"},
	{ID: "LADO-3", Title: "Allegation resolved", Chain: ladoResolution, Item: 1, Setting: "lado.resolution",
		Standard: LocalStandard, Confidence: Unconfirmed, Source: "Older Working Together appendix; Keeping children safe in education",
		Note: "Targets: 80% within 1 month, 90% within 3, all but exceptional cases within 12."},
}
