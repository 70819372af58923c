package domain

import (
	"time"

	"github.com/waymark-care/waymark/internal/civil"
)

// Records of the partnership around domestic abuse and the front door: cases
// heard at the multi-agency risk assessment conference (MARAC), held against
// the adult victim with the children linked to them (FD-11), and what each
// partner in the multi-agency safeguarding hub (MASH) was asked and answered
// about a contact (FD-12).

// MARACCase is a case heard at the MARAC, recorded against the adult victim
// (VictimID, a person who need not be a child): when it was referred and
// heard, the agencies present, and when children's social care shared what
// it knew. Whether it is a repeat (heard within 12 months of an earlier
// hearing about the same victim) is derived, never stored (FD-11).
type MARACCase struct {
	Entity
	VictimID        int64      `db:"victim_id,ref" json:"victim_id" v:"required"`
	ReferralDate    civil.Date `db:"referral_date" json:"referral_date" v:"required"`
	ReferringAgency string     `db:"referring_agency" json:"referring_agency" code:"agency"`
	// HearingDate is blank until the MARAC hears the case.
	HearingDate     civil.Date `db:"hearing_date" json:"hearing_date"`
	AgenciesPresent []string   `db:"agencies_present" json:"agencies_present" code:"agency"`
	// InformationSharedDate is when children's social care shared its
	// information about the children with the MARAC.
	InformationSharedDate civil.Date `db:"information_shared_date" json:"information_shared_date"`
}

func (m *MARACCase) Check() []FieldError {
	errs := notBefore("hearing_date", "hearing date", m.HearingDate, m.ReferralDate, "referral date")
	errs = append(errs, notBefore("information_shared_date", "date the information was shared", m.InformationSharedDate, m.ReferralDate, "referral date")...)
	if len(m.AgenciesPresent) > 0 && m.HearingDate.IsZero() {
		errs = append(errs, FieldError{"hearing_date", "enter the date of the hearing the agencies attended"})
	}
	return errs
}

// MARACChild links a child to a MARAC case about an adult in their life:
// the case then shows on the child's record and chronology (FD-11).
type MARACChild struct {
	Entity
	PersonID    int64 `db:"person_id,ref" json:"person_id" v:"required"`
	MARACCaseID int64 `db:"marac_case_id,ref" json:"marac_case_id" v:"required"`
}

// MARACAction is an action the MARAC gave children's social care: what, who
// owns it, when it is due and when it was done (FD-11).
type MARACAction struct {
	Entity
	MARACCaseID   int64      `db:"marac_case_id,ref" json:"marac_case_id" v:"required"`
	Action        string     `db:"action" json:"action" v:"required"`
	OwnerID       int64      `db:"owner_id,ref" json:"owner_id" v:"required"`
	DueDate       civil.Date `db:"due_date" json:"due_date" v:"required"`
	CompletedDate civil.Date `db:"completed_date" json:"completed_date"`
}

// MASHRequest is the MASH asking one partner agency what it knows about the
// child of a contact, and its answer: when asked, when it responded, and
// its rating of the risk, red, amber or green (FD-12). Which agencies are
// members of the MASH is the local setting mash.agencies.
type MASHRequest struct {
	Entity
	PersonID    int64     `db:"person_id,ref" json:"person_id" v:"required"`
	ContactID   int64     `db:"contact_id,ref" json:"contact_id" v:"required"`
	Agency      string    `db:"agency" json:"agency" code:"agency" v:"required"`
	RequestedAt time.Time `db:"requested_at" json:"requested_at" v:"required"`
	RespondedAt time.Time `db:"responded_at" json:"responded_at"`
	RAG         string    `db:"rag" json:"rag" code:"rag_rating"`
}

func (m *MASHRequest) Check() []FieldError {
	errs := notBeforeTime("responded_at", "time of the response", m.RespondedAt, m.RequestedAt, "time the information was asked for")
	errs = append(errs, requiredWhen(!m.RespondedAt.IsZero(), "rag", m.RAG, "select the agency’s rating: red, amber or green")...)
	return append(errs, requiredWhen(m.RAG != "", "responded_at", m.RespondedAt, "enter when the agency responded")...)
}
