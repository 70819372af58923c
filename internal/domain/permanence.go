package domain

import (
	"github.com/waymark-care/waymark/internal/civil"
)

// PreProceedings is a period under the Public Law Outline before court:
// from the legal gateway decision to step-down or issue (AC-22, CT-3; CIN
// census 2026-27 PreProceedingsandFGDM).
type PreProceedings struct {
	Entity
	PersonID     int64      `db:"person_id,ref" json:"person_id" v:"required"`
	ReferralID   int64      `db:"referral_id,ref" json:"referral_id"`
	DecisionDate civil.Date `db:"decision_date" json:"decision_date" v:"required"`
	// LetterDate is when the letter before proceedings went to parents.
	LetterDate         civil.Date `db:"letter_date" json:"letter_date"`
	FGDMOffered        bool       `db:"fgdm_offered" json:"fgdm_offered"`
	FGDMHeld           bool       `db:"fgdm_held" json:"fgdm_held"`
	InitialMeetingDate civil.Date `db:"initial_meeting_date" json:"initial_meeting_date"`
	ReviewMeetings     int        `db:"review_meetings" json:"review_meetings"`
	ParentsLegalRep    *bool      `db:"parents_legal_rep" json:"parents_legal_rep"`
	// StepDecisionDate is the decision to step down or to issue proceedings.
	StepDecisionDate civil.Date `db:"step_decision_date" json:"step_decision_date"`
	Outcome          string     `db:"outcome" json:"outcome" code:"pre_proceedings_outcome"`
	EndDate          civil.Date `db:"end_date" json:"end_date"`
}

func (p *PreProceedings) Check() []FieldError {
	errs := notBefore("letter_date", "date of the letter", p.LetterDate, p.DecisionDate, "decision date")
	errs = append(errs, notBefore("end_date", "end date", p.EndDate, p.DecisionDate, "decision date")...)
	if p.ReviewMeetings < 0 {
		errs = append(errs, FieldError{"review_meetings", "must not be negative"})
	}
	return append(errs, requiredWhen(!p.EndDate.IsZero(), "outcome", p.Outcome, "enter the outcome of pre-proceedings")...)
}

// CareProceedings are care or supervision proceedings, from issue to final
// order, against the 26-week limit (CLA-01, CT-1).
type CareProceedings struct {
	Entity
	PersonID          int64      `db:"person_id,ref" json:"person_id" v:"required"`
	CourtReference    string     `db:"court_reference" json:"court_reference"`
	IssueDate         civil.Date `db:"issue_date" json:"issue_date" v:"required"`
	ShortNotice       bool       `db:"short_notice" json:"short_notice"`
	ShortNoticeReason string     `db:"short_notice_reason" json:"short_notice_reason"`
	InitialPlan       string     `db:"initial_plan" json:"initial_plan" code:"permanence_plan"`
	// ExtensionWeeks counts extensions the court granted (8 weeks each).
	ExtensionWeeks int        `db:"extension_weeks" json:"extension_weeks"`
	FinalOrderDate civil.Date `db:"final_order_date" json:"final_order_date"`
	FinalOrder     string     `db:"final_order" json:"final_order" code:"court_order_type"`
}

func (c *CareProceedings) Check() []FieldError {
	errs := notBefore("final_order_date", "date of the final order", c.FinalOrderDate, c.IssueDate, "issue date")
	errs = append(errs, requiredWhen(c.ShortNotice, "short_notice_reason", c.ShortNoticeReason, "enter the reason for the short notice application")...)
	return append(errs, requiredWhen(!c.FinalOrderDate.IsZero(), "final_order", c.FinalOrder, "enter the final order")...)
}

// CourtHearing is one hearing in care proceedings.
type CourtHearing struct {
	Entity
	PersonID      int64      `db:"person_id,ref" json:"person_id" v:"required"`
	ProceedingsID int64      `db:"proceedings_id,ref" json:"proceedings_id" v:"required"`
	Date          civil.Date `db:"hearing_date" json:"hearing_date" v:"required"`
	HearingType   string     `db:"hearing_type" json:"hearing_type"`
	Outcome       string     `db:"outcome" json:"outcome"`
}

// CourtOrder is an order about a child: emergency protection, interim and
// final care orders, placement orders, special guardianship (CT-4..7).
type CourtOrder struct {
	Entity
	PersonID      int64      `db:"person_id,ref" json:"person_id" v:"required"`
	ProceedingsID int64      `db:"proceedings_id,ref" json:"proceedings_id"`
	Type          string     `db:"order_type" json:"order_type" code:"court_order_type" v:"required"`
	MadeDate      civil.Date `db:"made_date" json:"made_date" v:"required"`
	ExpiryDate    civil.Date `db:"expiry_date" json:"expiry_date"`
	EndDate       civil.Date `db:"end_date" json:"end_date"`
}

func (o *CourtOrder) Check() []FieldError {
	errs := notBefore("expiry_date", "expiry date", o.ExpiryDate, o.MadeDate, "date the order was made")
	return append(errs, notBefore("end_date", "end date", o.EndDate, o.MadeDate, "date the order was made")...)
}

// Permanence tracks a child's adoption journey: the agency decision, the
// placement order, the match, the placement and the order, or the decision
// that adoption is no longer the plan (SSDA903 PlacedAdoption, Annex A
// lists 10 and 11, S-12).
type Permanence struct {
	Entity
	PersonID int64 `db:"person_id,ref" json:"person_id" v:"required"`
	// ADMDecisionDate is the agency decision maker's "should be placed for
	// adoption" decision (903 DATE_INT).
	ADMDecisionDate    civil.Date `db:"adm_decision_date" json:"adm_decision_date" v:"required"`
	FFADecisionDate    civil.Date `db:"ffa_decision_date" json:"ffa_decision_date"`
	PlacementOrderDate civil.Date `db:"placement_order_date" json:"placement_order_date"`
	MatchedDate        civil.Date `db:"matched_date" json:"matched_date"`
	PlacedDate         civil.Date `db:"placed_date" json:"placed_date"`
	// PlacedWithCarerDate is when the child first lived with a foster carer
	// who went on to adopt (A10).
	PlacedWithCarerDate civil.Date `db:"placed_with_carer_date" json:"placed_with_carer_date"`
	AdoptedByCarer      bool       `db:"adopted_by_carer" json:"adopted_by_carer"`
	AdoptionOrderDate   civil.Date `db:"adoption_order_date" json:"adoption_order_date"`
	ReversedDate        civil.Date `db:"reversed_date" json:"reversed_date"`
	ReversedReason      string     `db:"reversed_reason" json:"reversed_reason" code:"reason_placed_ceased"`
	SiblingGroup        bool       `db:"sibling_group" json:"sibling_group"`
	SiblingsTogether    int        `db:"siblings_together" json:"siblings_together"`
	SiblingsApart       int        `db:"siblings_apart" json:"siblings_apart"`
	AdopterSex          string     `db:"adopter_sex" json:"adopter_sex" code:"adopter_sex"`
	AdopterLegalStatus  string     `db:"adopter_legal_status" json:"adopter_legal_status" code:"adopter_legal_status"`
	NumberOfAdopters    int        `db:"number_of_adopters" json:"number_of_adopters"`
	AdopterID           int64      `db:"adopter_id,ref" json:"adopter_id"`
}

func (p *Permanence) Check() []FieldError {
	errs := notBefore("matched_date", "date of the match", p.MatchedDate, p.ADMDecisionDate, "agency decision date")
	errs = append(errs, notBefore("placed_date", "date placed", p.PlacedDate, p.MatchedDate, "match date")...)
	errs = append(errs, notBefore("adoption_order_date", "date of the adoption order", p.AdoptionOrderDate, p.PlacedDate, "date placed")...)
	errs = append(errs, requiredWhen(!p.ReversedDate.IsZero(), "reversed_reason", p.ReversedReason, "enter why adoption is no longer the plan")...)
	if p.NumberOfAdopters < 0 || p.NumberOfAdopters > 2 {
		errs = append(errs, FieldError{"number_of_adopters", "must be 1 or 2"})
	}
	return errs
}

// PreviousPermanence records a permanence order the child had before coming
// into care (SSDA903 PrevPerm).
type PreviousPermanence struct {
	Entity
	PersonID int64  `db:"person_id,ref" json:"person_id" v:"required"`
	Option   string `db:"option" json:"option" code:"previous_permanence" v:"required"`
	// OrderDate may be partial as the return allows (e.g. "zz/05/2012").
	OrderDate string `db:"order_date" json:"order_date"`
	LA        string `db:"la" json:"la"`
}

// ProspectiveAdopter is an adopter household's journey from registration of
// interest to approval and match (AD-5..7, Annex A list 11).
type ProspectiveAdopter struct {
	Entity
	Name                string     `db:"name" json:"name" v:"required"`
	EnquiryDate         civil.Date `db:"enquiry_date" json:"enquiry_date"`
	RegistrationDate    civil.Date `db:"registration_date" json:"registration_date"`
	Stage1DecisionDate  civil.Date `db:"stage1_decision_date" json:"stage1_decision_date"`
	NoticeToProceedDate civil.Date `db:"notice_to_proceed_date" json:"notice_to_proceed_date"`
	ApprovalDate        civil.Date `db:"approval_date" json:"approval_date"`
	WithdrawnDate       civil.Date `db:"withdrawn_date" json:"withdrawn_date"`
	WithdrawnReason     string     `db:"withdrawn_reason" json:"withdrawn_reason"`
	NumberOfAdopters    int        `db:"number_of_adopters" json:"number_of_adopters"`
	LegalStatus         string     `db:"legal_status" json:"legal_status" code:"adopter_legal_status"`
	FosterToAdopt       bool       `db:"foster_to_adopt" json:"foster_to_adopt"`
	SocialWorkerID      int64      `db:"social_worker_id,ref" json:"social_worker_id"`
	ChildrenApprovedFor int        `db:"children_approved_for" json:"children_approved_for"`
}

func (a *ProspectiveAdopter) Check() []FieldError {
	errs := notBefore("stage1_decision_date", "stage 1 decision date", a.Stage1DecisionDate, a.RegistrationDate, "registration date")
	errs = append(errs, notBefore("approval_date", "approval date", a.ApprovalDate, a.NoticeToProceedDate, "notice to proceed")...)
	return append(errs, requiredWhen(!a.WithdrawnDate.IsZero(), "withdrawn_reason", a.WithdrawnReason, "enter why the adopters withdrew")...)
}

// CareLeaver is a dated record of a care leaver's circumstances: in touch,
// activity and accommodation, as SSDA903 OC3 asks around each birthday.
type CareLeaver struct {
	Entity
	PersonID    int64      `db:"person_id,ref" json:"person_id" v:"required"`
	RecordedOn  civil.Date `db:"recorded_on" json:"recorded_on" v:"required"`
	Eligibility string     `db:"eligibility" json:"eligibility"`
	InTouch     string     `db:"in_touch" json:"in_touch" code:"care_leaver_in_touch" v:"required"`
	Activity    string     `db:"activity" json:"activity" code:"care_leaver_activity"`
	// Accommodation is the SSDA903 ACCOM code: type letter and suitability digit.
	Accommodation     string     `db:"accommodation" json:"accommodation" code:"care_leaver_accommodation"`
	LatestContactDate civil.Date `db:"latest_contact_date" json:"latest_contact_date"`
	PersonalAdviserID int64      `db:"personal_adviser_id,ref" json:"personal_adviser_id"`
	StayingPut        bool       `db:"staying_put" json:"staying_put"`
}
