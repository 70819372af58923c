package domain

import (
	"slices"
	"strings"
	"time"

	"github.com/waymark-care/waymark/internal/civil"
)

// requiredAgencies must take part in every strategy discussion (AC-01).
var requiredAgencies = []string{"childrens_social_care", "police", "health"}

// StrategyDiscussion is a strategy discussion or meeting, with the agencies
// that took part (AC-01, AC-02, CP-3).
type StrategyDiscussion struct {
	Entity
	PersonID   int64 `db:"person_id,ref" json:"person_id" v:"required"`
	ReferralID int64 `db:"referral_id,ref" json:"referral_id" v:"required"`
	// ConcernDate is when reasonable cause to suspect significant harm was
	// recorded: the anchor of the local strategy discussion deadline.
	ConcernDate civil.Date `db:"concern_date" json:"concern_date"`
	HeldAt      time.Time  `db:"held_at" json:"held_at" v:"required"`
	FaceToFace  bool       `db:"face_to_face" json:"face_to_face"`
	Agencies    []string   `db:"agencies" json:"agencies" code:"agency"`
	// MissingAgencyReason explains why police, health or social care were
	// not part of it; without one the discussion shows as an exception.
	MissingAgencyReason string `db:"missing_agency_reason" json:"missing_agency_reason"`
	InformationShared   string `db:"information_shared" json:"information_shared"`
	// StartSection47 records the decision to start a section 47 enquiry.
	StartSection47 bool   `db:"start_section47" json:"start_section47"`
	Decision       string `db:"decision" json:"decision"`
	ChairID        int64  `db:"chair_id,ref" json:"chair_id"`
}

// MissingAgencies returns the required agencies that took no part.
func (s *StrategyDiscussion) MissingAgencies() []string {
	var missing []string
	for _, a := range requiredAgencies {
		if !slices.Contains(s.Agencies, a) {
			missing = append(missing, a)
		}
	}
	return missing
}

func (s *StrategyDiscussion) Check() []FieldError {
	if !s.ConcernDate.IsZero() && !s.HeldAt.IsZero() && civil.OfTime(s.HeldAt).Before(s.ConcernDate) {
		return []FieldError{{"held_at", "The date of the strategy discussion must be the same as or after the date the concern was recorded"}}
	}
	return nil
}

// Section47Enquiry is a child protection enquiry under section 47 of the
// Children Act 1989 (AC-03, CP-4).
type Section47Enquiry struct {
	Entity
	PersonID             int64      `db:"person_id,ref" json:"person_id" v:"required"`
	ReferralID           int64      `db:"referral_id,ref" json:"referral_id" v:"required"`
	StrategyDiscussionID int64      `db:"strategy_discussion_id,ref" json:"strategy_discussion_id"`
	StartDate            civil.Date `db:"start_date" json:"start_date" v:"required"`
	EndDate              civil.Date `db:"end_date" json:"end_date"`
	Outcome              string     `db:"outcome" json:"outcome" code:"s47_outcome"`
	TeamID               int64      `db:"team_id,ref" json:"team_id"`
	ProfessionalID       int64      `db:"professional_id,ref" json:"professional_id"`
}

func (e *Section47Enquiry) Check() []FieldError {
	return notBefore("end_date", "end date", e.EndDate, e.StartDate, "start date")
}

// Conference is a child protection conference: initial (with its target
// date), review or transfer-in (AC-14 to AC-16, AC-20). It is booked before
// it is held (Booked), and recorded as held afterwards by changing the same
// record.
type Conference struct {
	Entity
	// Booked marks a conference booked and not yet held: Date is the day it
	// is booked for, and what only a meeting that happened has (attendance,
	// decision, risk rating) is left until it is recorded as held, which
	// clears the flag. An explicit flag, not a date in the future or a
	// missing decision: a conference whose day has passed is still not held
	// until someone says so, and a census import has no decisions (AC-15).
	Booked       bool       `db:"booked" json:"booked"`
	PersonID     int64      `db:"person_id,ref" json:"person_id" v:"required"`
	ReferralID   int64      `db:"referral_id,ref" json:"referral_id" v:"required"`
	S47EnquiryID int64      `db:"s47_enquiry_id,ref" json:"s47_enquiry_id"`
	Type         string     `db:"conference_type" json:"conference_type" code:"conference_type" v:"required"`
	TargetDate   civil.Date `db:"target_date" json:"target_date"`
	Date         civil.Date `db:"conference_date" json:"conference_date" v:"required"`
	Decision     string     `db:"decision" json:"decision" code:"conference_decision"`
	Agencies     []string   `db:"agencies" json:"agencies" code:"agency"`
	// PoliceReportOnTime records whether the police report arrived in time.
	PoliceReportOnTime *bool `db:"police_report_on_time" json:"police_report_on_time"`
	// ReportsSharedDate is when reports were shared with parents (AC-15).
	ReportsSharedDate  civil.Date `db:"reports_shared_date" json:"reports_shared_date"`
	InterpreterNeeded  bool       `db:"interpreter_needed" json:"interpreter_needed"`
	ChildParticipation string     `db:"child_participation" json:"child_participation" code:"review_participation"`
	Quorate            *bool      `db:"quorate" json:"quorate"`
	ChairID            int64      `db:"chair_id,ref" json:"chair_id"`
	TeamID             int64      `db:"team_id,ref" json:"team_id"`
	ProfessionalID     int64      `db:"professional_id,ref" json:"professional_id"`
	// AdvocacyOffered and AdvocacyTakenUp: a child of advocacy.min_age or
	// over is offered an advocate for the conference (AC-20).
	AdvocacyOffered *bool `db:"advocacy_offered" json:"advocacy_offered"`
	AdvocacyTakenUp *bool `db:"advocacy_taken_up" json:"advocacy_taken_up"`
	// ChairVisitDate is when the chair visited the child after it (AC-20).
	ChairVisitDate civil.Date `db:"chair_visit_date" json:"chair_visit_date"`
	// RiskRating is the conference's judgement of the risk to the child, on
	// the risk_rating scale; the drift rules compare reviews' (AC-18, AC-21).
	RiskRating string `db:"risk_rating" json:"risk_rating" code:"risk_rating"`
	// CancelledDate and CancelReason: a booking that will not be held (the
	// enquiry's outcome changed, the plan ended) is cancelled, and stays
	// booked, never held.
	CancelledDate civil.Date `db:"cancelled_date" json:"cancelled_date"`
	CancelReason  string     `db:"cancel_reason" json:"cancel_reason"`
}

// Held reports whether the conference has been recorded as held: only
// then does it count for timescales, plans, returns and the chronology.
func (c *Conference) Held() bool { return !c.Booked }

// Cancelled reports whether the booking was cancelled.
func (c *Conference) Cancelled() bool { return !c.CancelledDate.IsZero() }

// Upcoming reports whether the conference is booked and still to be held.
func (c *Conference) Upcoming() bool { return c.Booked && !c.Cancelled() }

func (c *Conference) Check() []FieldError {
	errs := notBefore("chair_visit_date", "date of the chair's visit", c.ChairVisitDate, c.Date, "date of the conference")
	if c.AdvocacyTakenUp != nil && *c.AdvocacyTakenUp && (c.AdvocacyOffered == nil || !*c.AdvocacyOffered) {
		errs = append(errs, FieldError{"advocacy_taken_up", "an advocate taken up must also be recorded as offered"})
	}
	if c.Cancelled() || c.CancelReason != "" {
		switch {
		case !c.Booked:
			errs = append(errs, FieldError{"cancelled_date", "A conference recorded as held cannot be cancelled: it happened"})
		case !c.Cancelled():
			errs = append(errs, FieldError{"cancelled_date", "enter the date the booking was cancelled"})
		case c.CancelReason == "":
			errs = append(errs, FieldError{"cancel_reason", "enter why the booking was cancelled"})
		}
	}
	return errs
}

// CPPlan is a child protection plan, with its initial and latest category of
// abuse (AC-17, CIN census ChildProtectionPlans).
type CPPlan struct {
	Entity
	PersonID        int64      `db:"person_id,ref" json:"person_id" v:"required"`
	ReferralID      int64      `db:"referral_id,ref" json:"referral_id" v:"required"`
	ConferenceID    int64      `db:"conference_id,ref" json:"conference_id"`
	StartDate       civil.Date `db:"start_date" json:"start_date" v:"required"`
	EndDate         civil.Date `db:"end_date" json:"end_date"`
	InitialCategory string     `db:"initial_category" json:"initial_category" code:"category_of_abuse" v:"required"`
	LatestCategory  string     `db:"latest_category" json:"latest_category" code:"category_of_abuse"`
	EndReason       string     `db:"end_reason" json:"end_reason"`
	// OtherAuthority marks a plan held by another authority (CIN query 8935Q).
	OtherAuthority bool `db:"other_authority" json:"other_authority"`
}

func (p *CPPlan) Check() []FieldError {
	return notBefore("end_date", "end date", p.EndDate, p.StartDate, "start date")
}

// CoreGroup is a core group meeting (CP-6, AC-18).
type CoreGroup struct {
	Entity
	PersonID int64      `db:"person_id,ref" json:"person_id" v:"required"`
	CPPlanID int64      `db:"cp_plan_id,ref" json:"cp_plan_id" v:"required"`
	Date     civil.Date `db:"meeting_date" json:"meeting_date" v:"required"`
	Agencies []string   `db:"agencies" json:"agencies" code:"agency"`
	Notes    string     `db:"notes" json:"notes"`
	// RiskRating is the core group's judgement of the risk to the child, so
	// that each meeting shows whether the plan is reducing it (AC-18).
	RiskRating string `db:"risk_rating" json:"risk_rating" code:"risk_rating"`
}

// ConferenceParent is one parent's part in a conference (AC-15): the
// language they want reports and meetings in, whether they need an
// interpreter, any literacy or communication needs, when the conference
// report was shared with them, and for a language other than English the
// translated summary or interpreter arranged before it. The language is
// recorded for the conference, starting from the parent's first language and
// interpreter need on their person record (FromParentRecord): a parent may
// read English and speak another language at home, or the other way.
type ConferenceParent struct {
	Entity
	PersonID     int64 `db:"person_id,ref" json:"person_id" v:"required"`
	ConferenceID int64 `db:"conference_id,ref" json:"conference_id" v:"required"`
	// ParentID is the parent or carer: a person related to the child.
	ParentID           int64      `db:"parent_id,ref" json:"parent_id" v:"required"`
	Language           string     `db:"preferred_language" json:"preferred_language"`
	InterpreterNeeded  *bool      `db:"interpreter_needed" json:"interpreter_needed"`
	CommunicationNeeds string     `db:"communication_needs" json:"communication_needs"`
	ReportSharedDate   civil.Date `db:"report_shared_date" json:"report_shared_date"`
	// TranslatedSummaryDate is when a summary of the report in the
	// parent's language was given to them; InterpreterBookedDate when an
	// interpreter was booked for the conference.
	TranslatedSummaryDate civil.Date `db:"translated_summary_date" json:"translated_summary_date"`
	InterpreterBookedDate civil.Date `db:"interpreter_booked_date" json:"interpreter_booked_date"`
	Attended              *bool      `db:"attended" json:"attended"`
}

// NeedsLanguageSupport reports whether the parent's preferred language is
// not English, or they need an interpreter: then a translated summary or
// an interpreter is arranged before the conference (AC-15).
func (p *ConferenceParent) NeedsLanguageSupport() bool {
	return p.Language != "" && !strings.EqualFold(strings.TrimSpace(p.Language), "English") || p.InterpreterNeeded != nil && *p.InterpreterNeeded
}

// LanguageSupportBy reports whether a translated summary was given, or an
// interpreter booked, by a day.
func (p *ConferenceParent) LanguageSupportBy(day civil.Date) bool {
	in := func(d civil.Date) bool { return !d.IsZero() && !d.After(day) }
	return in(p.TranslatedSummaryDate) || in(p.InterpreterBookedDate)
}

// Visit is a statutory visit to a child: CIN, CP, looked after, care leaver,
// private fostering, IRO or adoption (AC-13, AC-19, CLA visits). Seen, seen
// alone and bedroom seen are left unset when not recorded, so the gap shows.
type Visit struct {
	Entity
	PersonID       int64      `db:"person_id,ref" json:"person_id" v:"required"`
	Type           string     `db:"visit_type" json:"visit_type" code:"visit_type" v:"required"`
	Date           civil.Date `db:"visit_date" json:"visit_date" v:"required"`
	Seen           *bool      `db:"seen" json:"seen"`
	SeenAlone      *bool      `db:"seen_alone" json:"seen_alone"`
	BedroomSeen    *bool      `db:"bedroom_seen" json:"bedroom_seen"`
	ProfessionalID int64      `db:"professional_id,ref" json:"professional_id"`
	Notes          string     `db:"notes" json:"notes"`
}

func (v *Visit) Check() []FieldError {
	if v.SeenAlone != nil && *v.SeenAlone && (v.Seen == nil || !*v.Seen) {
		return []FieldError{{"seen_alone", "a child seen alone must also be recorded as seen"}}
	}
	return nil
}
