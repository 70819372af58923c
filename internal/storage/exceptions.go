package storage

import (
	"context"
	"fmt"
	"strings"

	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/domain"
)

// This file reads what casework's drift and delay lists and approvals queue
// need (docs/casework.md): the open cases that have records of the kinds a
// list is about, and a child's household.

// CasesWith is Caseload narrowed to the children who have at least one
// record of a kind in with: a list of strategy discussions need not read the
// thousands of open cases that never had one. Each kind is still read with
// one query per batch of children, never one per child. With no kinds in
// with it is Caseload.
func (db *DB) CasesWith(ctx context.Context, from, to civil.Date, with []string, columns Columns, fn func([]*domain.ChildRecord) error) error {
	if len(with) == 0 {
		return db.Caseload(ctx, from, to, columns, fn)
	}
	// EXISTS looks each open case up in the kinds' person_id indexes, where
	// IN (SELECT … UNION …) would read the kinds' tables whole.
	having := make([]string, len(with))
	for i, k := range with {
		if _, ok := childRecordField[k]; !ok {
			return fmt.Errorf("storage: %q is not a kind of a child's record", k)
		}
		having[i] = "EXISTS (SELECT 1 FROM " + db.kinds[k].kind.Table + " h WHERE h.person_id = open_cases.person_id)"
	}
	q := "SELECT person_id FROM (" + openCaseUnion + ") open_cases WHERE " + strings.Join(having, " OR ") + " ORDER BY 1"
	return db.readCases(ctx, columns, func(query queryFunc) ([]int64, error) {
		return caseIDs(db, query, q, openCaseArgs(from, to)...)
	}, fn)
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
