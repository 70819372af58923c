package domain

import (
	"slices"
	"time"

	"github.com/waymark-care/waymark/internal/civil"
)

// Contact is information received about a child: the front door's first
// record, decided within one working day (FD-01, FD-02).
type Contact struct {
	Entity
	PersonID  int64     `db:"person_id,ref" json:"person_id" v:"required"`
	ContactAt time.Time `db:"contact_at" json:"contact_at" v:"required"`
	// Source uses the CIN referral source codes, as Annex A does for contacts.
	Source               string `db:"source" json:"source" code:"referral_source" v:"required"`
	SourceOrganisationID int64  `db:"source_organisation_id,ref" json:"source_organisation_id"`
	// DomesticAbuseNotification marks a police domestic abuse notification
	// (FD-09); SufficientInformation whether it was enough to assess risk.
	DomesticAbuseNotification bool   `db:"domestic_abuse_notification" json:"domestic_abuse_notification"`
	SufficientInformation     *bool  `db:"sufficient_information" json:"sufficient_information"`
	EarlyHelpAssessment       bool   `db:"early_help_assessment" json:"early_help_assessment"`
	PresentingConcerns        string `db:"presenting_concerns" json:"presenting_concerns"`
	AgencyChecks              string `db:"agency_checks" json:"agency_checks"`
	Decision                  string `db:"decision" json:"decision" code:"contact_decision"`
	// DecisionAt is when the screening decision was made (1 working day).
	DecisionAt     time.Time `db:"decision_at" json:"decision_at"`
	DecidedByID    int64     `db:"decided_by_id,ref" json:"decided_by_id"`
	ProfessionalID int64     `db:"professional_id,ref" json:"professional_id"`
	TeamID         int64     `db:"team_id,ref" json:"team_id"`
	// The threshold level on the authority's continuum as the referrer saw
	// it and as the screening manager decided it, and the version of the
	// threshold guidance in force (FD-03). The levels are a local setting
	// (threshold.guidance), so they are checked by package casework.
	ReferrerThreshold string `db:"referrer_threshold" json:"referrer_threshold"`
	ThresholdDecision string `db:"threshold_decision" json:"threshold_decision"`
	ThresholdGuidance string `db:"threshold_guidance" json:"threshold_guidance"`
	// A police domestic abuse notification (FD-09): the police reference,
	// the incident, the DASH risk level, whether children were there, the
	// victim and perpetrator, and which items of information it held.
	PoliceReference  string    `db:"police_reference" json:"police_reference"`
	IncidentAt       time.Time `db:"incident_at" json:"incident_at"`
	DASHRisk         string    `db:"dash_risk" json:"dash_risk" code:"dash_risk"`
	ChildrenPresence string    `db:"children_presence" json:"children_presence" code:"da_child_presence"`
	VictimID         int64     `db:"victim_id,ref" json:"victim_id"`
	PerpetratorID    int64     `db:"perpetrator_id,ref" json:"perpetrator_id"`
	InformationItems []string  `db:"information_items" json:"information_items" code:"dan_information_item"`
	// A notification missing required information goes back to the police
	// with a due date, and is tracked until they answer (FD-09).
	InformationRequestedDate civil.Date `db:"information_requested_date" json:"information_requested_date"`
	InformationDueDate       civil.Date `db:"information_due_date" json:"information_due_date"`
	InformationReceivedDate  civil.Date `db:"information_received_date" json:"information_received_date"`
	// Disabled and DisabilityTypes come from the child's record (FD-13); a
	// disabled child's contact closed without a service needs a consultation
	// with a disability specialist or the disabled children's team.
	Disabled                bool       `db:"disabled" json:"disabled"`
	DisabilityTypes         []string   `db:"disability_types" json:"disability_types" code:"disability"`
	DisabilityConsultedDate civil.Date `db:"disability_consulted_date" json:"disability_consulted_date"`
	DisabilityConsultedID   int64      `db:"disability_consulted_id,ref" json:"disability_consulted_id"`
	DisabilityTeamID        int64      `db:"disability_team_id,ref" json:"disability_team_id"`
	// OutOfHours marks a contact the out-of-hours (emergency duty) service
	// received; it is handed over to the front door by the next working day,
	// recording when and to whom (FD-02).
	OutOfHours   bool      `db:"out_of_hours" json:"out_of_hours"`
	HandoverAt   time.Time `db:"handover_at" json:"handover_at"`
	HandoverToID int64     `db:"handover_to_id,ref" json:"handover_to_id"`
}

func (c *Contact) Check() []FieldError {
	errs := notBeforeTime("decision_at", "time of the decision", c.DecisionAt, c.ContactAt, "time of the contact")
	errs = append(errs, notBeforeTime("handover_at", "time of the handover", c.HandoverAt, c.ContactAt, "time of the contact")...)
	if !c.OutOfHours && (!c.HandoverAt.IsZero() || c.HandoverToID != 0) {
		errs = append(errs, FieldError{"out_of_hours", "only a contact the out-of-hours service received is handed over"})
	}
	errs = append(errs, requiredWhen(c.HandoverToID != 0, "handover_at", c.HandoverAt, "enter when the contact was handed over")...)
	errs = append(errs, requiredWhen(!c.HandoverAt.IsZero(), "handover_to_id", c.HandoverToID, "enter who received the handover")...)
	errs = append(errs, requiredWhen(!c.DecisionAt.IsZero(), "decision", c.Decision, "enter the decision")...)
	if !c.IncidentAt.IsZero() && !c.ContactAt.IsZero() && c.IncidentAt.After(c.ContactAt) {
		errs = append(errs, FieldError{"incident_at", "must be before the notification was received"})
	}
	errs = append(errs, notBefore("information_due_date", "date the information is due", c.InformationDueDate, c.InformationRequestedDate, "date the information was asked for")...)
	errs = append(errs, notBefore("information_received_date", "date the information was received", c.InformationReceivedDate, c.InformationRequestedDate, "date the information was asked for")...)
	if len(c.DisabilityTypes) > 0 && !c.Disabled && !slices.Equal(c.DisabilityTypes, []string{"NONE"}) {
		errs = append(errs, FieldError{"disabled", "a child with a type of disability is disabled"})
	}
	if slices.Contains(c.DisabilityTypes, "NONE") && len(c.DisabilityTypes) > 1 {
		errs = append(errs, FieldError{"disability_types", `"no disability" cannot be recorded with a disability`})
	}
	return errs
}

// ClosedWithoutService reports whether a contact's decision closes it with
// no service from children's social care: no further action, advice and
// signposting, or a step down to early help (FD-03, FD-13).
func ClosedWithoutService(decision string) bool {
	return decision == "nfa" || decision == "advice_signpost" || decision == "early_help"
}

// EarlyHelpEpisode is a period of early help, with the lead professional and
// the agency that started it (EH-01, EH-02).
type EarlyHelpEpisode struct {
	Entity
	PersonID             int64      `db:"person_id,ref" json:"person_id" v:"required"`
	StartDate            civil.Date `db:"start_date" json:"start_date" v:"required"`
	EndDate              civil.Date `db:"end_date" json:"end_date"`
	Reason               string     `db:"reason" json:"reason"`
	EndReason            string     `db:"end_reason" json:"end_reason"`
	InitiatingAgency     string     `db:"initiating_agency" json:"initiating_agency" code:"agency"`
	OrganisationID       int64      `db:"organisation_id,ref" json:"organisation_id"`
	LeadProfessionalID   int64      `db:"lead_professional_id,ref" json:"lead_professional_id"`
	StepDownFromReferral int64      `db:"step_down_referral_id,ref" json:"step_down_referral_id"`
}

func (e *EarlyHelpEpisode) Check() []FieldError {
	return notBefore("end_date", "end date", e.EndDate, e.StartDate, "start date")
}

// Referral is a CIN episode: from the referral to children's social care to
// its closure (FD-06, CIN census CINdetails).
type Referral struct {
	Entity
	PersonID     int64      `db:"person_id,ref" json:"person_id" v:"required"`
	ContactID    int64      `db:"contact_id,ref" json:"contact_id"`
	ReferralDate civil.Date `db:"referral_date" json:"referral_date" v:"required"`
	Source       string     `db:"source" json:"source" code:"referral_source" v:"required"`
	PrimaryNeed  string     `db:"primary_need" json:"primary_need" code:"primary_need"`
	// NFA marks a referral that ended with no further action.
	NFA         bool       `db:"nfa" json:"nfa"`
	CloseDate   civil.Date `db:"close_date" json:"close_date"`
	CloseReason string     `db:"close_reason" json:"close_reason" code:"reason_for_closure"`
	TeamID      int64      `db:"team_id,ref" json:"team_id"`
	// ProfessionalID is the worker who completed the referral.
	ProfessionalID int64 `db:"professional_id,ref" json:"professional_id"`
	// Closing a case (FD-08) records a summary with the risk analysis, why
	// the child was not seen shortly before closure if they were not, and
	// the manager who authorised it.
	ClosureSummary        string     `db:"closure_summary" json:"closure_summary"`
	ClosureNotSeenReason  string     `db:"closure_not_seen_reason" json:"closure_not_seen_reason"`
	ClosureAuthorisedByID int64      `db:"closure_authorised_by_id,ref" json:"closure_authorised_by_id"`
	ClosureAuthorisedDate civil.Date `db:"closure_authorised_date" json:"closure_authorised_date"`
}

func (r *Referral) Check() []FieldError {
	errs := notBefore("close_date", "close date", r.CloseDate, r.ReferralDate, "referral date")
	errs = append(errs, requiredWhen(!r.CloseDate.IsZero(), "close_reason", r.CloseReason, "enter the reason the case closed")...)
	return append(errs, requiredWhen(r.CloseReason != "", "close_date", r.CloseDate, "enter the date the case closed")...)
}

// Assessment is a child and family assessment (AC-05 to AC-10). The
// sources it consulted and the tools it used are records of their own
// (AssessmentSource, AssessmentToolUse); the child's voice is a ChildsVoice.
type Assessment struct {
	Entity
	PersonID   int64      `db:"person_id,ref" json:"person_id" v:"required"`
	ReferralID int64      `db:"referral_id,ref" json:"referral_id" v:"required"`
	StartDate  civil.Date `db:"start_date" json:"start_date" v:"required"`
	// ChildSeenDate is when the child was seen; SeenAlone whether alone.
	// NotSeenReason explains a child not seen, including an unborn baby.
	ChildSeenDate  civil.Date `db:"child_seen_date" json:"child_seen_date"`
	SeenAlone      *bool      `db:"seen_alone" json:"seen_alone"`
	NotSeenReason  string     `db:"not_seen_reason" json:"not_seen_reason"`
	Factors        []string   `db:"factors" json:"factors" code:"assessment_factor"`
	Outcomes       []string   `db:"outcomes" json:"outcomes" code:"assessment_outcome"`
	Analysis       string     `db:"analysis" json:"analysis"`
	CompletedDate  civil.Date `db:"completed_date" json:"completed_date"`
	AuthorisedDate civil.Date `db:"authorised_date" json:"authorised_date"`
	AuthorisedByID int64      `db:"authorised_by_id,ref" json:"authorised_by_id"`
	// LateReason is required when the assessment took over 45 working days.
	LateReason string `db:"late_reason" json:"late_reason"`
	// HouseholdReason explains why other children in the household were not
	// assessed alongside this child (AC-07).
	HouseholdReason string `db:"household_reason" json:"household_reason"`
	TeamID          int64  `db:"team_id,ref" json:"team_id"`
	ProfessionalID  int64  `db:"professional_id,ref" json:"professional_id"`
	// ChronologyReviewedDate is when the worker read the child's chronology,
	// and HistoryAnalysis what the history says about the risk now (AC-08).
	ChronologyReviewedDate civil.Date `db:"chronology_reviewed_date" json:"chronology_reviewed_date"`
	HistoryAnalysis        string     `db:"history_analysis" json:"history_analysis"`
	// FamilySummary is the assessment in plain language for the family
	// (AC-05).
	FamilySummary string `db:"family_summary" json:"family_summary"`
	// NeglectToolReason says why no neglect tool was used when neglect was
	// identified (AC-10).
	NeglectToolReason string `db:"neglect_tool_reason" json:"neglect_tool_reason"`
}

func (a *Assessment) Check() []FieldError {
	errs := notBefore("child_seen_date", "date the child was seen", a.ChildSeenDate, a.StartDate, "assessment start date")
	errs = append(errs, notBefore("completed_date", "completion date", a.CompletedDate, a.StartDate, "assessment start date")...)
	errs = append(errs, notBefore("authorised_date", "date it was authorised", a.AuthorisedDate, a.CompletedDate, "completion date")...)
	errs = append(errs, requiredWhen(!a.AuthorisedDate.IsZero(), "completed_date", a.CompletedDate, "enter the date the assessment was completed")...)
	if !a.ChildSeenDate.IsZero() && a.NotSeenReason != "" {
		errs = append(errs, FieldError{"not_seen_reason", "leave blank when the child was seen"})
	}
	if a.SeenAlone != nil && *a.SeenAlone && a.ChildSeenDate.IsZero() {
		errs = append(errs, FieldError{"seen_alone", "a child seen alone must have the date they were seen"})
	}
	// DfE rule 8869: factor 21 (no factors identified) stands alone.
	if slices.Contains(a.Factors, "21") && len(a.Factors) > 1 {
		errs = append(errs, FieldError{"factors", `"no factors identified" (21) cannot be recorded with other factors`})
	}
	return errs
}

// CINPlan is a child in need plan period (AC-11, CIN census CINPlanDates).
type CINPlan struct {
	Entity
	PersonID       int64      `db:"person_id,ref" json:"person_id" v:"required"`
	ReferralID     int64      `db:"referral_id,ref" json:"referral_id" v:"required"`
	StartDate      civil.Date `db:"start_date" json:"start_date" v:"required"`
	EndDate        civil.Date `db:"end_date" json:"end_date"`
	TeamID         int64      `db:"team_id,ref" json:"team_id"`
	ProfessionalID int64      `db:"professional_id,ref" json:"professional_id"`
	// SignedOffByID is the manager who signed the plan off.
	SignedOffByID int64      `db:"signed_off_by_id,ref" json:"signed_off_by_id"`
	SignedOffDate civil.Date `db:"signed_off_date" json:"signed_off_date"`
}

func (p *CINPlan) Check() []FieldError {
	return notBefore("end_date", "end date", p.EndDate, p.StartDate, "start date")
}

// CINPlanReview is a review of a child in need plan (CP-10, AC-13).
type CINPlanReview struct {
	Entity
	PersonID  int64      `db:"person_id,ref" json:"person_id" v:"required"`
	CINPlanID int64      `db:"cin_plan_id,ref" json:"cin_plan_id" v:"required"`
	Date      civil.Date `db:"review_date" json:"review_date" v:"required"`
	Outcome   string     `db:"outcome" json:"outcome"`
	ChairID   int64      `db:"chair_id,ref" json:"chair_id"`
}
