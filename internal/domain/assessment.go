package domain

import (
	"slices"

	"github.com/waymark-care/waymark/internal/civil"
)

// The assessment record's sections that are records of their own: the
// sources consulted and the tools used (AC-05, AC-10); and the child's case
// summary and the chronology's key events (AC-08).

// NeglectFactor is the CIN census assessment factor for neglect (16A): an
// assessment that finds it records a neglect tool, or why none was used
// (AC-10).
const NeglectFactor = "16A"

// HasNeglectFactor reports whether an assessment identified neglect.
func (a *Assessment) HasNeglectFactor() bool { return slices.Contains(a.Factors, NeglectFactor) }

// AssessmentSource is a source an assessment consulted: the agency, the
// person or role spoken to, when, and what they said (AC-05).
type AssessmentSource struct {
	Entity
	PersonID     int64      `db:"person_id,ref" json:"person_id" v:"required"`
	AssessmentID int64      `db:"assessment_id,ref" json:"assessment_id" v:"required"`
	Agency       string     `db:"agency" json:"agency" code:"agency" v:"required"`
	Consulted    string     `db:"consulted" json:"consulted" v:"required"`
	Date         civil.Date `db:"consulted_date" json:"consulted_date" v:"required"`
	Summary      string     `db:"summary" json:"summary" v:"required"`
}

// AssessmentToolUse is a tool used in an assessment, with its score or
// rating as data (AC-10). The tool is one of the library of the local
// setting assessment.tools, so package casework checks it and its scale.
type AssessmentToolUse struct {
	Entity
	PersonID     int64      `db:"person_id,ref" json:"person_id" v:"required"`
	AssessmentID int64      `db:"assessment_id,ref" json:"assessment_id" v:"required"`
	Tool         string     `db:"tool" json:"tool" v:"required"`
	Date         civil.Date `db:"used_date" json:"used_date" v:"required"`
	Score        *int       `db:"score" json:"score"`
	Rating       string     `db:"rating" json:"rating"`
	ByID         int64      `db:"by_id,ref" json:"by_id"`
	Notes        string     `db:"notes" json:"notes"`
}

// CaseSummary is the child's case summary: the story so far in a few
// paragraphs, and when it was last brought up to date (AC-08). A child has
// one, changed as the case goes on; the audit trail keeps each version.
type CaseSummary struct {
	Entity
	PersonID    int64      `db:"person_id,ref" json:"person_id" v:"required"`
	Summary     string     `db:"summary" json:"summary" v:"required"`
	LastUpdated civil.Date `db:"last_updated" json:"last_updated" v:"required"`
	ByID        int64      `db:"by_id,ref" json:"by_id"`
}

// KeyEvent marks an event of the child's chronology as key (AC-08): the
// record it comes from and the day of the event, since a record may make
// several events (an assessment starts, and is completed). A mark taken off
// keeps the day and who took it off; marking the event again is a new mark.
type KeyEvent struct {
	Entity
	PersonID   int64      `db:"person_id,ref" json:"person_id" v:"required"`
	RecordKind string     `db:"record_kind" json:"record_kind" v:"required"`
	RecordID   int64      `db:"record_id" json:"record_id" v:"required"`
	EventDate  civil.Date `db:"event_date" json:"event_date" v:"required"`
	Reason     string     `db:"reason" json:"reason"`
	MarkedByID int64      `db:"marked_by_id,ref" json:"marked_by_id"`
	// UnmarkedDate is the day the mark was taken off; zero while it holds.
	UnmarkedDate civil.Date `db:"unmarked_date" json:"unmarked_date"`
	UnmarkedByID int64      `db:"unmarked_by_id,ref" json:"unmarked_by_id"`
}

// Holds reports whether the mark is still on its event.
func (k *KeyEvent) Holds() bool { return k.UnmarkedDate.IsZero() }

func (k *KeyEvent) Check() []FieldError {
	if _, ok := KindNamed(k.RecordKind); k.RecordKind != "" && !ok {
		return []FieldError{{"record_kind", "is not a kind of record"}}
	}
	return notBefore("unmarked_date", "date the key mark was taken off", k.UnmarkedDate, k.EventDate, "date of the event")
}
