package domain

import (
	"time"

	"github.com/waymark-care/waymark/internal/civil"
)

// Records of oversight: the concern that starts the strategy discussion
// clock, workers' training, the child's voice, agency updates at core
// groups and conference chairs' escalations (AC-02, AC-04, AC-09, AC-18,
// AC-20). The drift review is a ManagementDecision (AC-21).

// HarmConcern marks a contact, referral, visit or case note as reasonable
// cause to suspect significant harm, or immediate risk: it starts the clock
// for the strategy discussion, due by the local strategy.deadline (AC-02,
// CP-3). A worker who finds harm on a visit to a child already known, or
// hears of it in a phone call noted on the file, marks it there.
type HarmConcern struct {
	Entity
	PersonID   int64     `db:"person_id,ref" json:"person_id" v:"required"`
	ContactID  int64     `db:"contact_id,ref" json:"contact_id"`
	ReferralID int64     `db:"referral_id,ref" json:"referral_id"`
	VisitID    int64     `db:"visit_id,ref" json:"visit_id"`
	CaseNoteID int64     `db:"case_note_id,ref" json:"case_note_id"`
	RaisedAt   time.Time `db:"raised_at" json:"raised_at" v:"required"`
	Level      string    `db:"level" json:"level" code:"harm_concern_level" v:"required"`
	Concern    string    `db:"concern" json:"concern" v:"required"`
	RaisedByID int64     `db:"raised_by_id,ref" json:"raised_by_id"`
}

// ImmediateRisk reports a concern that needs a strategy discussion the same
// working day.
func (h *HarmConcern) ImmediateRisk() bool { return h.Level == "immediate_risk" }

func (h *HarmConcern) Check() []FieldError {
	if h.ContactID == 0 && h.ReferralID == 0 && h.VisitID == 0 && h.CaseNoteID == 0 {
		return []FieldError{{"referral_id", "name the contact, referral, visit or case note the concern is about"}}
	}
	return nil
}

// TrainingRecord is a worker's child protection or joint investigation
// training. It expires on ExpiryDate if the certificate gives one, else
// after the local training.expiry period (AC-04).
type TrainingRecord struct {
	Entity
	ProfessionalID int64      `db:"professional_id,ref" json:"professional_id" v:"required"`
	Course         string     `db:"course" json:"course" code:"training_course" v:"required"`
	CompletedDate  civil.Date `db:"completed_date" json:"completed_date" v:"required"`
	ExpiryDate     civil.Date `db:"expiry_date" json:"expiry_date"`
	Provider       string     `db:"provider" json:"provider"`
}

func (t *TrainingRecord) Check() []FieldError {
	return notBefore("expiry_date", "expiry date", t.ExpiryDate, t.CompletedDate, "date the training was completed")
}

// ChildsVoice is the child's wishes and feelings, as one section shared by
// assessments, plans, conferences, reviews and visits: how they were heard,
// when, by whom, and what the child said or showed (AC-09). RecordKind and
// RecordID name the record it is part of.
type ChildsVoice struct {
	Entity
	PersonID   int64  `db:"person_id,ref" json:"person_id" v:"required"`
	RecordKind string `db:"record_kind" json:"record_kind" code:"voice_record_kind" v:"required"`
	RecordID   int64  `db:"record_id" json:"record_id" v:"required"`
	Method     string `db:"method" json:"method" code:"voice_method" v:"required"`
	// Tool names the tool used, when the method is a tool.
	Tool    string     `db:"tool" json:"tool"`
	Date    civil.Date `db:"heard_date" json:"heard_date" v:"required"`
	ByID    int64      `db:"by_id,ref" json:"by_id" v:"required"`
	Content string     `db:"content" json:"content" v:"required"`
}

func (c *ChildsVoice) Check() []FieldError {
	return requiredWhen(c.Method == "tool", "tool", c.Tool, "name the tool used")
}

// CoreGroupAction is where one action of the written plan stood at a core
// group, and the update asked of the agency responsible for it: when it was
// asked for and when it came (AC-18).
type CoreGroupAction struct {
	Entity
	PersonID            int64      `db:"person_id,ref" json:"person_id" v:"required"`
	CoreGroupID         int64      `db:"core_group_id,ref" json:"core_group_id" v:"required"`
	PlanActionID        int64      `db:"plan_action_id,ref" json:"plan_action_id" v:"required"`
	Status              string     `db:"status" json:"status" code:"action_status" v:"required"`
	Agency              string     `db:"agency" json:"agency" code:"agency"`
	UpdateRequestedDate civil.Date `db:"update_requested_date" json:"update_requested_date"`
	UpdateReceivedDate  civil.Date `db:"update_received_date" json:"update_received_date"`
	Update              string     `db:"agency_update" json:"agency_update"`
}

func (a *CoreGroupAction) Check() []FieldError {
	errs := notBefore("update_received_date", "date the update was received", a.UpdateReceivedDate, a.UpdateRequestedDate, "date the update was asked for")
	return append(errs, requiredWhen(!a.UpdateRequestedDate.IsZero(), "agency", a.Agency, "select the agency asked for an update")...)
}

// ChairEscalation is a conference chair's escalation of a child's case:
// drift, practice or an agency not doing its part, to whom, the response
// due and given, and when it was resolved (AC-20).
type ChairEscalation struct {
	Entity
	PersonID     int64      `db:"person_id,ref" json:"person_id" v:"required"`
	ConferenceID int64      `db:"conference_id,ref" json:"conference_id"`
	Date         civil.Date `db:"escalation_date" json:"escalation_date" v:"required"`
	IssueType    string     `db:"issue_type" json:"issue_type" code:"escalation_issue" v:"required"`
	Issue        string     `db:"issue" json:"issue" v:"required"`
	// EscalatedTo names the person or role, perhaps in another agency;
	// EscalatedToID links a member of staff.
	EscalatedTo   string     `db:"escalated_to" json:"escalated_to" v:"required"`
	EscalatedToID int64      `db:"escalated_to_id,ref" json:"escalated_to_id"`
	ResponseDue   civil.Date `db:"response_due" json:"response_due" v:"required"`
	Response      string     `db:"response" json:"response"`
	ResolvedDate  civil.Date `db:"resolved_date" json:"resolved_date"`
	ChairID       int64      `db:"chair_id,ref" json:"chair_id"`
}

func (e *ChairEscalation) Check() []FieldError {
	errs := notBefore("response_due", "date a response is due", e.ResponseDue, e.Date, "date of the escalation")
	errs = append(errs, notBefore("resolved_date", "date it was resolved", e.ResolvedDate, e.Date, "date of the escalation")...)
	return append(errs, requiredWhen(!e.ResolvedDate.IsZero(), "response", e.Response, "enter the response that resolved it")...)
}
