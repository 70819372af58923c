package timescales

import (
	"time"

	"github.com/waymark-care/waymark/internal/civil"
)

// Case is one child's dated facts: what the engine evaluates. For the adopter
// rules (AD-5 to AD-7) and the LADO rules the "child" is the adopter household
// or the allegation, with its own ID and events.
type Case struct {
	ChildID       string
	DateOfBirth   civil.Date // zero if unborn or unrecorded
	ExpectedBirth civil.Date // for an unborn child (pre-birth plans, CP-8a)
	Events        []Event
}

// Event is one dated fact about the child.
type Event struct {
	Kind EventKind
	On   civil.Date // the day in England; events without one are ignored
	// At is the instant, for the facts that start or stop an hour clock
	// (missing_return, return_interview, police_protection…). When it is
	// zero an hour clock runs from the start of the day.
	At time.Time
	// Ref is the stored record's ID, so every item can link back to it.
	Ref string
	// Type qualifies an event where a rule depends on it: a placement's type,
	// an s47 outcome of NoICPC, an immediate-risk concern, an approval.
	Type string
	// Seen records that the child was seen. A visit counts towards a visit
	// timescale only if the child was seen.
	Seen bool
}

// EventKind names a kind of fact in words a social worker uses. The package
// documentation lists them all.
type EventKind string

const (
	Contact                   EventKind = "contact"
	Referral                  EventKind = "referral"
	ReferralDecision          EventKind = "referral_decision"
	AssessmentStart           EventKind = "assessment_start"
	AssessmentAuthorised      EventKind = "assessment_authorised"
	CoreAssessmentStart       EventKind = "core_assessment_start"
	CoreAssessmentAuthorised  EventKind = "core_assessment_authorised"
	HarmConcern               EventKind = "harm_concern"
	StrategyDiscussion        EventKind = "strategy_discussion"
	S47Start                  EventKind = "s47_start"
	S47Outcome                EventKind = "s47_outcome"
	ICPC                      EventKind = "icpc"
	CPPlanStart               EventKind = "cp_plan_start"
	CPPlanEnd                 EventKind = "cp_plan_end"
	CoreGroup                 EventKind = "core_group"
	ReviewConference          EventKind = "review_conference"
	CPVisit                   EventKind = "cp_visit"
	CINPlanStart              EventKind = "cin_plan_start"
	CINPlanEnd                EventKind = "cin_plan_end"
	CINReview                 EventKind = "cin_review"
	CINVisit                  EventKind = "cin_visit"
	BecameLookedAfter         EventKind = "became_looked_after"
	CeasedLookedAfter         EventKind = "ceased_looked_after"
	PlacementStart            EventKind = "placement_start"
	PlacementEnd              EventKind = "placement_end"
	PlacementPlan             EventKind = "placement_plan"
	PlacementNotification     EventKind = "placement_notification"
	CarePlan                  EventKind = "care_plan"
	CLAReview                 EventKind = "cla_review"
	CLAVisit                  EventKind = "cla_visit"
	ConnectedCarerApproved    EventKind = "connected_carer_approved"
	TemporaryApprovalExtended EventKind = "temporary_approval_extended"
	HealthAssessment          EventKind = "health_assessment"
	DentalCheck               EventKind = "dental_check"
	SDQ                       EventKind = "sdq"
	PEP                       EventKind = "pep"
	MissingReturn             EventKind = "missing_return"
	ReturnInterview           EventKind = "return_interview"
	BecameEligible            EventKind = "became_eligible"
	NeedsAssessment           EventKind = "needs_assessment"
	PathwayPlan               EventKind = "pathway_plan"
	PathwayPlanReview         EventKind = "pathway_plan_review"
	AccommodationProvided     EventKind = "accommodation_provided"
	PAAllocated               EventKind = "pa_allocated"
	PAVisit                   EventKind = "pa_visit"
	PAContact                 EventKind = "pa_contact"
	LeavingCareEnd            EventKind = "leaving_care_end"
	ADMDecision               EventKind = "adm_decision"
	PlacementOrder            EventKind = "placement_order"
	RegisterReferral          EventKind = "register_referral"
	AdoptionMatch             EventKind = "adoption_match"
	PlacedForAdoption         EventKind = "placed_for_adoption"
	AdoptionVisit             EventKind = "adoption_visit"
	AdoptionReview            EventKind = "adoption_review"
	AdoptionOrder             EventKind = "adoption_order"
	AdopterRegistration       EventKind = "adopter_registration"
	Stage1Decision            EventKind = "stage1_decision"
	NoticeToProceed           EventKind = "notice_to_proceed"
	AdopterDecision           EventKind = "adopter_decision"
	AdopterRegisterReferral   EventKind = "adopter_register_referral"
	AdopterMatched            EventKind = "adopter_matched"
	PreProceedingsStart       EventKind = "pre_proceedings_start"
	PreProceedingsEnd         EventKind = "pre_proceedings_end"
	ProceedingsIssued         EventKind = "proceedings_issued"
	ProceedingsExtended       EventKind = "proceedings_extended"
	FinalOrder                EventKind = "final_order"
	EPOMade                   EventKind = "epo_made"
	EPOExtended               EventKind = "epo_extended"
	EPOEnded                  EventKind = "epo_ended"
	CAOStart                  EventKind = "cao_start"
	CAOEnd                    EventKind = "cao_end"
	PoliceProtection          EventKind = "police_protection"
	PoliceProtectionEnd       EventKind = "police_protection_end"
	PFArrangementStart        EventKind = "pf_arrangement_start"
	PFArrangementEnd          EventKind = "pf_arrangement_end"
	PFNotification            EventKind = "pf_notification"
	PFVisit                   EventKind = "pf_visit"
	AllegationKnown           EventKind = "allegation_known"
	LADOReferral              EventKind = "lado_referral"
	LADODecision              EventKind = "lado_decision"
	LADOOutcome               EventKind = "lado_outcome"
)

// Event types (Event.Type) that rules depend on.
const (
	// placement_start: the placement's legal and practical arrangement.
	PlacementWithParentBeforeAssessment = "with_parent_reg19"          // reg 19: LA-7a
	PlacementConnectedPersonTemporary   = "connected_person_temporary" // reg 24: LA-7b, LA-8
	PlacementWithParentInterimOrder     = "with_parent_ico"            // interim care order: LA-7b
	PlacementWithParentCareOrder        = "with_parent_care_order"     // LA-7c, from the order's date
	PlacementLongTerm                   = "long_term"                  // intended to last until 18: LA-7
	PlacementLongTermFewerVisits        = "long_term_fewer_visits"     // reg 28(3A) agreement: LA-7d
	PlacementShortBreak                 = "short_break"                // reg 48: LA-9

	NoICPC        = "no_icpc"   // s47_outcome: no conference needed (CIN ICPCnotRequired)
	ImmediateRisk = "immediate" // harm_concern: immediate risk (strategy.deadline)
	Approved      = "approved"  // adopter_decision: approved as suitable to adopt
)

// kindInfo is what the engine needs to know about a kind of event.
type kindInfo struct {
	noun string // in explanations: "… after the strategy discussion on …"
	// visit: counts only if the child was seen.
	visit bool
	// closing: ends something, so it sorts before the day's other events
	// (a placement ending the day the next one starts).
	closing bool
}

var kinds = map[EventKind]kindInfo{
	Contact:                   {noun: "the contact"},
	Referral:                  {noun: "the referral"},
	ReferralDecision:          {noun: "the referral decision"},
	AssessmentStart:           {noun: "the start of the assessment"},
	AssessmentAuthorised:      {noun: "the authorisation of the assessment"},
	CoreAssessmentStart:       {noun: "the start of the core assessment"},
	CoreAssessmentAuthorised:  {noun: "the authorisation of the core assessment"},
	HarmConcern:               {noun: "the concern of significant harm"},
	StrategyDiscussion:        {noun: "the strategy discussion"},
	S47Start:                  {noun: "the start of the section 47 enquiry"},
	S47Outcome:                {noun: "the section 47 outcome"},
	ICPC:                      {noun: "the initial child protection conference"},
	CPPlanStart:               {noun: "the start of the child protection plan"},
	CPPlanEnd:                 {noun: "the end of the child protection plan", closing: true},
	CoreGroup:                 {noun: "the core group meeting"},
	ReviewConference:          {noun: "the review conference"},
	CPVisit:                   {noun: "the visit", visit: true},
	CINPlanStart:              {noun: "the start of the child in need plan"},
	CINPlanEnd:                {noun: "the end of the child in need plan", closing: true},
	CINReview:                 {noun: "the child in need review"},
	CINVisit:                  {noun: "the visit", visit: true},
	BecameLookedAfter:         {noun: "becoming looked after"},
	CeasedLookedAfter:         {noun: "ceasing to be looked after", closing: true},
	PlacementStart:            {noun: "the start of the placement"},
	PlacementEnd:              {noun: "the end of the placement", closing: true},
	PlacementPlan:             {noun: "the placement plan"},
	PlacementNotification:     {noun: "the placement notification"},
	CarePlan:                  {noun: "the care plan"},
	CLAReview:                 {noun: "the looked-after review"},
	CLAVisit:                  {noun: "the visit", visit: true},
	ConnectedCarerApproved:    {noun: "the carer's full approval"},
	TemporaryApprovalExtended: {noun: "the extension of temporary approval"},
	HealthAssessment:          {noun: "the health assessment"},
	DentalCheck:               {noun: "the dental check"},
	SDQ:                       {noun: "the strengths and difficulties questionnaire"},
	PEP:                       {noun: "the personal education plan"},
	MissingReturn:             {noun: "the return from missing"},
	ReturnInterview:           {noun: "the return home interview"},
	BecameEligible:            {noun: "becoming an eligible child"},
	NeedsAssessment:           {noun: "the needs assessment"},
	PathwayPlan:               {noun: "the pathway plan"},
	PathwayPlanReview:         {noun: "the pathway plan review"},
	AccommodationProvided:     {noun: "the start of the accommodation"},
	PAAllocated:               {noun: "the allocation of a personal adviser"},
	PAVisit:                   {noun: "the personal adviser's visit", visit: true},
	PAContact:                 {noun: "the personal adviser's contact"},
	LeavingCareEnd:            {noun: "the end of leaving-care support", closing: true},
	ADMDecision:               {noun: "the decision that the child should be placed for adoption"},
	PlacementOrder:            {noun: "the authority to place"},
	RegisterReferral:          {noun: "the referral to the adoption register"},
	AdoptionMatch:             {noun: "the match"},
	PlacedForAdoption:         {noun: "the placement for adoption"},
	AdoptionVisit:             {noun: "the visit", visit: true},
	AdoptionReview:            {noun: "the adoption review"},
	AdoptionOrder:             {noun: "the adoption order", closing: true},
	AdopterRegistration:       {noun: "the acceptance of the registration of interest"},
	Stage1Decision:            {noun: "the stage 1 decision"},
	NoticeToProceed:           {noun: "the notice to proceed"},
	AdopterDecision:           {noun: "the agency decision"},
	AdopterRegisterReferral:   {noun: "the referral to the adoption register"},
	AdopterMatched:            {noun: "the match"},
	PreProceedingsStart:       {noun: "the start of pre-proceedings"},
	PreProceedingsEnd:         {noun: "the end of pre-proceedings"},
	ProceedingsIssued:         {noun: "the issue of proceedings"},
	ProceedingsExtended:       {noun: "the extension of the timetable"},
	FinalOrder:                {noun: "the final order"},
	EPOMade:                   {noun: "the emergency protection order"},
	EPOExtended:               {noun: "the extension of the order"},
	EPOEnded:                  {noun: "the end of the order"},
	CAOStart:                  {noun: "the start of the child assessment order"},
	CAOEnd:                    {noun: "the end of the child assessment order"},
	PoliceProtection:          {noun: "the start of police protection"},
	PoliceProtectionEnd:       {noun: "the end of police protection"},
	PFArrangementStart:        {noun: "the start of the private fostering arrangement"},
	PFArrangementEnd:          {noun: "the end of the private fostering arrangement", closing: true},
	PFNotification:            {noun: "the private fostering notification"},
	PFVisit:                   {noun: "the visit", visit: true},
	AllegationKnown:           {noun: "the allegation"},
	LADOReferral:              {noun: "the referral to the designated officer"},
	LADODecision:              {noun: "the designated officer's decision"},
	LADOOutcome:               {noun: "the outcome of the allegation"},
}

// Known reports whether the engine knows the kind; an adapter can check its
// translation with it.
func (k EventKind) Known() bool {
	_, ok := kinds[k]
	return ok
}

// noun is the kind in words, falling back to its code for a kind the engine
// does not know.
func (k EventKind) noun() string {
	if info, ok := kinds[k]; ok {
		return info.noun
	}
	return "the " + string(k)
}
