package domain

import (
	"time"

	"github.com/waymark-care/waymark/internal/civil"
)

// CareEpisode is one SSDA903 episode of care: a legal status and a placement
// for a stretch of time. A new episode starts whenever either changes; a
// period of care is a run of episodes from reason-new-episode S.
type CareEpisode struct {
	Entity
	PersonID    int64      `db:"person_id,ref" json:"person_id" v:"required"`
	StartDate   civil.Date `db:"start_date" json:"start_date" v:"required"`
	ReasonNew   string     `db:"reason_new_episode" json:"reason_new_episode" code:"reason_new_episode" v:"required"`
	LegalStatus string     `db:"legal_status" json:"legal_status" code:"legal_status" v:"required"`
	PrimaryNeed string     `db:"primary_need" json:"primary_need" code:"primary_need" v:"required"`
	PlacementID int64      `db:"placement_id,ref" json:"placement_id"`
	EndDate     civil.Date `db:"end_date" json:"end_date"`
	ReasonEnded string     `db:"reason_episode_ceased" json:"reason_episode_ceased" code:"reason_episode_ceased"`
	// PeriodStart is the date this period of care began (the first
	// episode's start), so measures need not walk the chain.
	PeriodStart civil.Date `db:"period_start" json:"period_start" v:"required"`
}

func (e *CareEpisode) Check() []FieldError {
	errs := notBefore("end_date", "end date", e.EndDate, e.StartDate, "start date")
	errs = append(errs, notBefore("start_date", "start date", e.StartDate, e.PeriodStart, "start of the period of care")...)
	errs = append(errs, requiredWhen(!e.EndDate.IsZero(), "reason_episode_ceased", e.ReasonEnded, "enter the reason the episode ended")...)
	if e.PrimaryNeed == "N9" || e.PrimaryNeed == "N0" {
		errs = append(errs, FieldError{"primary_need", "a looked-after child's need code must be N1 to N8"})
	}
	return errs
}

// Placement is where a looked-after child lives (CLA-04, SSDA903 PLACE and
// provider columns; LA-2 and LA-3 dates).
type Placement struct {
	Entity
	PersonID       int64      `db:"person_id,ref" json:"person_id" v:"required"`
	StartDate      civil.Date `db:"start_date" json:"start_date" v:"required"`
	EndDate        civil.Date `db:"end_date" json:"end_date"`
	Type           string     `db:"placement_type" json:"placement_type" code:"placement_type" v:"required"`
	Provider       string     `db:"provider" json:"provider" code:"placement_provider"`
	OrganisationID int64      `db:"organisation_id,ref" json:"organisation_id"`
	URN            string     `db:"urn" json:"urn"`
	Postcode       string     `db:"postcode" json:"postcode"`
	// DistanceMiles is the straight-line distance from the home postcode.
	DistanceMiles *float64 `db:"distance_miles" json:"distance_miles"`
	ChangeReason  string   `db:"change_reason" json:"change_reason" code:"reason_place_change"`
	// IntendedToEighteen marks a placement meant to last until the child is
	// 18, which changes the visit interval after its first year (LA-7).
	IntendedToEighteen bool       `db:"intended_to_eighteen" json:"intended_to_eighteen"`
	PlacementPlanDate  civil.Date `db:"placement_plan_date" json:"placement_plan_date"`
	NotificationDate   civil.Date `db:"notification_date" json:"notification_date"`
}

func (p *Placement) Check() []FieldError {
	errs := notBefore("end_date", "end date", p.EndDate, p.StartDate, "start date")
	if p.DistanceMiles != nil && *p.DistanceMiles < 0 {
		errs = append(errs, FieldError{"distance_miles", "must not be negative"})
	}
	return errs
}

// CLAReview is a looked-after child's review, chaired by the IRO (LA-4..6).
type CLAReview struct {
	Entity
	PersonID      int64      `db:"person_id,ref" json:"person_id" v:"required"`
	Date          civil.Date `db:"review_date" json:"review_date" v:"required"`
	Participation string     `db:"participation" json:"participation" code:"review_participation"`
	Cancelled     bool       `db:"cancelled" json:"cancelled"`
	IROID         int64      `db:"iro_id,ref" json:"iro_id"`
}

// HealthCheck is a health assessment, dental or development check (H-1..3).
type HealthCheck struct {
	Entity
	PersonID int64      `db:"person_id,ref" json:"person_id" v:"required"`
	Type     string     `db:"check_type" json:"check_type" code:"health_check_type" v:"required"`
	Date     civil.Date `db:"check_date" json:"check_date" v:"required"`
	Status   string     `db:"status" json:"status" code:"health_check_status" v:"required"`
}

// Immunisation records whether a child's immunisations are up to date (H-4).
type Immunisation struct {
	Entity
	PersonID int64      `db:"person_id,ref" json:"person_id" v:"required"`
	Date     civil.Date `db:"status_date" json:"status_date" v:"required"`
	UpToDate bool       `db:"up_to_date" json:"up_to_date"`
}

// SDQScore is a strengths and difficulties questionnaire result (H-5).
type SDQScore struct {
	Entity
	PersonID int64      `db:"person_id,ref" json:"person_id" v:"required"`
	Date     civil.Date `db:"completed_date" json:"completed_date" v:"required"`
	Reason   string     `db:"reason" json:"reason" code:"sdq_reason"`
	Score    *int       `db:"score" json:"score"`
}

func (s *SDQScore) Check() []FieldError {
	if s.Score != nil && (*s.Score < 0 || *s.Score > 40) {
		return []FieldError{{"score", "must be between 0 and 40"}}
	}
	return requiredWhen(s.Score == nil, "reason", s.Reason, "enter why there is no score")
}

// SubstanceMisuse is an identified substance misuse problem (SSDA903 OC2).
type SubstanceMisuse struct {
	Entity
	PersonID             int64      `db:"person_id,ref" json:"person_id" v:"required"`
	Date                 civil.Date `db:"identified_date" json:"identified_date" v:"required"`
	Substance            string     `db:"substance" json:"substance"`
	InterventionReceived *bool      `db:"intervention_received" json:"intervention_received"`
}

// Conviction is a conviction or final warning (SSDA903 OC2).
type Conviction struct {
	Entity
	PersonID int64      `db:"person_id,ref" json:"person_id" v:"required"`
	Date     civil.Date `db:"offence_date" json:"offence_date" v:"required"`
	Offence  string     `db:"offence" json:"offence"`
}

// PEP is a personal education plan meeting or review (E-1).
type PEP struct {
	Entity
	PersonID int64      `db:"person_id,ref" json:"person_id" v:"required"`
	Date     civil.Date `db:"pep_date" json:"pep_date" v:"required"`
	School   string     `db:"school" json:"school"`
	Notes    string     `db:"notes" json:"notes"`
}

// MissingEpisode is a period missing or away from placement, with the return
// home interview (M-1, AC-25). Times matter: the interview is due 72 hours
// after the return.
type MissingEpisode struct {
	Entity
	PersonID int64     `db:"person_id,ref" json:"person_id" v:"required"`
	Type     string    `db:"missing_type" json:"missing_type" code:"missing_type" v:"required"`
	StartAt  time.Time `db:"start_at" json:"start_at" v:"required"`
	// ReturnAt is when the child came back; zero while still missing.
	ReturnAt            time.Time `db:"return_at" json:"return_at"`
	InterviewOffered    *bool     `db:"interview_offered" json:"interview_offered"`
	InterviewAccepted   *bool     `db:"interview_accepted" json:"interview_accepted"`
	InterviewAt         time.Time `db:"interview_at" json:"interview_at"`
	ReportedToPolice    bool      `db:"reported_to_police" json:"reported_to_police"`
	InterviewFindings   string    `db:"interview_findings" json:"interview_findings"`
	InterviewerAgency   string    `db:"interviewer_agency" json:"interviewer_agency" code:"agency"`
	CarerDebriefOffered bool      `db:"carer_debrief_offered" json:"carer_debrief_offered"`
}

func (m *MissingEpisode) Check() []FieldError {
	errs := notBeforeTime("return_at", "time the child returned", m.ReturnAt, m.StartAt, "time the child went missing")
	errs = append(errs, notBeforeTime("interview_at", "time of the return interview", m.InterviewAt, m.ReturnAt, "time the child returned")...)
	return append(errs, requiredWhen(!m.InterviewAt.IsZero(), "return_at", m.ReturnAt, "enter when the child returned")...)
}
