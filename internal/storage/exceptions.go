package storage

import (
	"context"
	"fmt"
	"strings"

	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/domain"
)

// This file reads what casework's drift and delay lists and approvals queue
// need (docs/casework.md): the children with records of the kinds a list is
// about, and a child's household.

// inForce says when a record of a kind is in force: from its start to its
// end (no end: still in force), or at its one instant; or, for a state of a
// kind ("kind:state"), while a condition holds (where), whatever the period.
var inForce = map[string]struct {
	start, end string
	instant    bool
	where      string
}{
	"referral":            {start: "referral_date", end: "close_date"},
	"cp_plan":             {start: "start_date", end: "end_date"},
	"cin_plan":            {start: "start_date", end: "end_date"},
	"section47_enquiry":   {start: "start_date", end: "end_date"},
	"plan":                {start: "start_date", end: "end_date"},
	"care_episode":        {start: "start_date", end: "end_date"},
	"conference":          {start: "conference_date", end: "conference_date"},
	"strategy_discussion": {start: "held_at", instant: true},
	"harm_concern":        {start: "raised_at", instant: true},
	"chair_escalation":    {start: "escalation_date", end: "resolved_date"},
	// A conference booked and not yet held or cancelled (AC-15).
	"conference:booked": {where: "booked AND cancelled_date IS NULL"},
}

// CasesInForce reads, as Caseload does, the records of the children who had
// a record of one of the kinds in force at some time from from to to: a
// list of children on plans need not read the thousands of open cases that
// are not. Each kind is still read with one query per batch of children,
// never one per child. With no kinds it is Caseload.
func (db *DB) CasesInForce(ctx context.Context, from, to civil.Date, kinds []string, columns Columns, fn func([]*domain.ChildRecord) error) error {
	if len(kinds) == 0 {
		return db.Caseload(ctx, from, to, columns, fn)
	}
	parts := make([]string, len(kinds))
	var args []any
	for i, k := range kinds {
		p, ok := inForce[k]
		if !ok {
			return fmt.Errorf("storage: %q is not a kind of record in force for a time", k)
		}
		kind, _, _ := strings.Cut(k, ":")
		table := db.kinds[kind].kind.Table
		if p.where != "" {
			parts[i] = "SELECT person_id FROM " + table + " WHERE " + p.where
			continue
		}
		if p.instant {
			// A day either side: an instant's day in England may be the
			// day before or after its day in UTC. The caller decides the
			// edges; this only narrows what is read.
			parts[i] = "SELECT person_id FROM " + table + " WHERE " + p.start + " >= ? AND " + p.start + " < ?"
			args = append(args, timeText(from.AddDays(-1).Time()), timeText(to.AddDays(2).Time()))
			continue
		}
		parts[i] = "SELECT person_id FROM " + table + " WHERE " + p.start + " <= ? AND (" + p.end + " IS NULL OR " + p.end + " >= ?)"
		args = append(args, to.String(), from.String())
	}
	q := strings.Join(parts, " UNION ") + " ORDER BY 1"
	return db.readCases(ctx, columns, func(query queryFunc) ([]int64, error) { return caseIDs(db, query, q, args...) }, fn)
}

// household lists the people living with a person on a day: a relationship
// with lives_with, recorded from either side, in force that day.
const household = `
SELECT related_person_id FROM relationships WHERE person_id = ? AND lives_with
  AND (start_date IS NULL OR start_date <= ?) AND (end_date IS NULL OR end_date >= ?)
UNION SELECT person_id FROM relationships WHERE related_person_id = ? AND lives_with
  AND (start_date IS NULL OR start_date <= ?) AND (end_date IS NULL OR end_date >= ?)
ORDER BY 1`

// Household reads the records of the people living with a person on a day
// (XC-06), with the kinds and columns named: an assessment's check that
// every child in the household was assessed reads their assessments.
func (db *DB) Household(ctx context.Context, personID int64, on civil.Date, columns Columns) ([]*domain.ChildRecord, error) {
	var out []*domain.ChildRecord
	d := on.String()
	ids := func(query queryFunc) ([]int64, error) {
		return caseIDs(db, query, household, personID, d, d, personID, d, d)
	}
	err := db.readCases(ctx, columns, ids, func(batch []*domain.ChildRecord) error {
		out = append(out, batch...)
		return nil
	})
	return out, err
}
