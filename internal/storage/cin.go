package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/domain"
)

// This file holds what the children in need census (package
// returns/cin) needs from storage: every record the census is built from,
// for every child with a referral open in a period, read a batch of
// children at a time; and the look-ups that match an imported child.

// cinKinds are the child-level kinds the census is built from.
var cinKinds = []string{"disability", "referral", "assessment", "cin_plan", "section47_enquiry", "conference", "cp_plan", "pre_proceedings", "care_proceedings"}

// CINChildren calls fn, in order of person ID, with the census records of
// each child with a referral open at any time from from to to: the person
// and their disabilities, referrals, assessments, CIN plans, section 47
// enquiries, conferences, child protection plans, pre-proceedings and care
// proceedings (other kinds are left empty). A referral with no further
// action and no closure date counts only if made on or after nfaFrom. All
// of it is read from one consistent snapshot, a batch of children at a time
// as Caseload reads them.
func (db *DB) CINChildren(ctx context.Context, from, to, nfaFrom civil.Date, fn func(*domain.ChildRecord) error) error {
	columns := Columns{}
	for _, k := range cinKinds {
		columns[k] = nil // every column
	}
	ids := func(query queryFunc) ([]int64, error) {
		return caseIDs(db, query, `SELECT DISTINCT person_id FROM referrals
			WHERE referral_date <= ? AND (close_date IS NULL OR close_date >= ?)
			AND NOT (nfa AND close_date IS NULL AND referral_date < ?)
			ORDER BY person_id`, to.String(), from.String(), nfaFrom.String())
	}
	return db.readCases(ctx, columns, ids, func(batch []*domain.ChildRecord) error {
		for _, cr := range batch {
			if err := fn(cr); err != nil {
				return err
			}
		}
		return nil
	})
}

// CINMatch finds the person a child in an imported census is: the one with
// the same LA child ID, and the one with the same UPN (0 where none).
func (db *DB) CINMatch(ctx context.Context, laChildID, upn string) (byLAChildID, byUPN int64, err error) {
	find := func(column, value string) (int64, error) {
		if strings.TrimSpace(value) == "" {
			return 0, nil
		}
		var id int64
		err := db.sql.QueryRowContext(ctx, rebind(db.dialect, "SELECT id FROM persons WHERE "+column+" = ? ORDER BY id LIMIT 1"), value).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return 0, nil
		}
		return id, err
	}
	if byLAChildID, err = find("la_child_id", laChildID); err != nil {
		return 0, 0, fmt.Errorf("match child by LA child ID: %w", err)
	}
	if byUPN, err = find("upn", upn); err != nil {
		return 0, 0, fmt.Errorf("match child by UPN: %w", err)
	}
	return byLAChildID, byUPN, nil
}
