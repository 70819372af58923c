package domain

import (
	"time"

	"github.com/waymark-care/waymark/internal/civil"
)

// Plan is a written plan shared with the family: a child in need, child
// protection, care, pathway or placement plan, with the child's own words
// (AC-12). Its SMART actions are PlanAction records.
type Plan struct {
	Entity
	PersonID  int64      `db:"person_id,ref" json:"person_id" v:"required"`
	Type      string     `db:"plan_type" json:"plan_type" code:"plan_type" v:"required"`
	CINPlanID int64      `db:"cin_plan_id,ref" json:"cin_plan_id"`
	CPPlanID  int64      `db:"cp_plan_id,ref" json:"cp_plan_id"`
	StartDate civil.Date `db:"start_date" json:"start_date" v:"required"`
	EndDate   civil.Date `db:"end_date" json:"end_date"`
	// PermanencePlan is the care plan's chosen permanence option.
	PermanencePlan string `db:"permanence_plan" json:"permanence_plan" code:"permanence_plan"`
	// NeedsAssessmentDate is the pathway needs assessment (CL-1).
	NeedsAssessmentDate civil.Date `db:"needs_assessment_date" json:"needs_assessment_date"`
	ChildsWords         string     `db:"childs_words" json:"childs_words"`
	Summary             string     `db:"summary" json:"summary"`
	AuthorisedByID      int64      `db:"authorised_by_id,ref" json:"authorised_by_id"`
	AuthorisedDate      civil.Date `db:"authorised_date" json:"authorised_date"`
}

func (p *Plan) Check() []FieldError {
	errs := notBefore("end_date", "end date", p.EndDate, p.StartDate, "start date")
	errs = append(errs, requiredWhen(p.Type == "cin" && p.CINPlanID == 0 && p.CPPlanID != 0, "cin_plan_id", p.CINPlanID, "a child in need plan belongs to a CIN plan period")...)
	return append(errs, requiredWhen(p.Type == "cp" && p.CPPlanID == 0, "cp_plan_id", p.CPPlanID, "a child protection plan belongs to a CP plan")...)
}

// PlanAction is one SMART action: what will be done, by whom, by when, how
// everyone will know it is done, and where it stands.
type PlanAction struct {
	Entity
	PersonID int64  `db:"person_id,ref" json:"person_id" v:"required"`
	PlanID   int64  `db:"plan_id,ref" json:"plan_id" v:"required"`
	What     string `db:"what" json:"what" v:"required"`
	// Who is a named person or agency; WhoProfessionalID links staff.
	Who               string     `db:"who" json:"who" v:"required"`
	WhoProfessionalID int64      `db:"who_professional_id,ref" json:"who_professional_id"`
	ByWhen            civil.Date `db:"by_when" json:"by_when" v:"required"`
	HowWeWillKnow     string     `db:"how_we_will_know" json:"how_we_will_know" v:"required"`
	Status            string     `db:"status" json:"status" code:"action_status" v:"required"`
}

// CaseNote is a dated note on a child's record; significant ones stand out
// in the chronology (AC-08).
type CaseNote struct {
	Entity
	PersonID    int64     `db:"person_id,ref" json:"person_id" v:"required"`
	At          time.Time `db:"noted_at" json:"noted_at" v:"required"`
	Type        string    `db:"note_type" json:"note_type" code:"case_note_type" v:"required"`
	Subject     string    `db:"subject" json:"subject" v:"required"`
	Text        string    `db:"body" json:"body"`
	Significant bool      `db:"significant" json:"significant"`
	AuthorID    int64     `db:"author_id,ref" json:"author_id"`
}

// ManagementDecision is a manager's recorded decision on a case, with its
// rationale (management oversight, WF-08), including the review of a case
// the drift rules flagged (AC-21).
type ManagementDecision struct {
	Entity
	PersonID   int64      `db:"person_id,ref" json:"person_id" v:"required"`
	Date       civil.Date `db:"decision_date" json:"decision_date" v:"required"`
	Decision   string     `db:"decision" json:"decision" v:"required"`
	Rationale  string     `db:"rationale" json:"rationale" v:"required"`
	ManagerID  int64      `db:"manager_id,ref" json:"manager_id"`
	ReviewDate civil.Date `db:"review_date" json:"review_date"`
	// DriftReview marks a service manager's review of a case the drift
	// rules flagged, and DriftFlags the rules it answered (AC-21).
	DriftReview bool     `db:"drift_review" json:"drift_review"`
	DriftFlags  []string `db:"drift_flags" json:"drift_flags" code:"drift_rule"`
}

// Supervision is a supervision session between a worker and their manager.
// The cases discussed are SupervisionCase records.
type Supervision struct {
	Entity
	SuperviseeID int64      `db:"supervisee_id,ref" json:"supervisee_id" v:"required"`
	SupervisorID int64      `db:"supervisor_id,ref" json:"supervisor_id" v:"required"`
	Date         civil.Date `db:"supervision_date" json:"supervision_date" v:"required"`
	Notes        string     `db:"notes" json:"notes"`
}

func (s *Supervision) Check() []FieldError {
	if s.SuperviseeID != 0 && s.SuperviseeID == s.SupervisorID {
		return []FieldError{{"supervisor_id", "a worker cannot supervise themselves"}}
	}
	return nil
}

// SupervisionCase is a child's case discussed in supervision, with the
// direction given.
type SupervisionCase struct {
	Entity
	PersonID      int64  `db:"person_id,ref" json:"person_id" v:"required"`
	SupervisionID int64  `db:"supervision_id,ref" json:"supervision_id" v:"required"`
	Discussion    string `db:"discussion" json:"discussion"`
	Actions       string `db:"actions" json:"actions"`
}

// CaseAudit is a quality assurance audit of a child's case.
type CaseAudit struct {
	Entity
	PersonID  int64      `db:"person_id,ref" json:"person_id" v:"required"`
	Date      civil.Date `db:"audit_date" json:"audit_date" v:"required"`
	AuditorID int64      `db:"auditor_id,ref" json:"auditor_id"`
	Grade     string     `db:"grade" json:"grade" code:"case_audit_grade" v:"required"`
	Findings  string     `db:"findings" json:"findings"`
	Actions   string     `db:"actions" json:"actions"`
}
