package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"reflect"
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

// cinBatch is how many children are read per query. Every batch's query
// has the same number of placeholders (the last batch repeats an ID), so
// each is prepared once.
const cinBatch = 500

// CINChildren calls fn, in order of person ID, with the census records of
// each child with a referral open at any time from from to to: the person
// and their disabilities, referrals, assessments, CIN plans, section 47
// enquiries, conferences, child protection plans, pre-proceedings and care
// proceedings (other kinds are left empty). A referral with no further
// action and no closure date counts only if made on or after nfaFrom. All
// of it is read from one consistent snapshot, with one query per kind per
// batch of children, never one per child.
func (db *DB) CINChildren(ctx context.Context, from, to, nfaFrom civil.Date, fn func(*domain.ChildRecord) error) error {
	tx, err := db.sql.BeginTx(ctx, &sql.TxOptions{ReadOnly: db.dialect == Postgres, Isolation: db.snapshot()})
	if err != nil {
		return err
	}
	defer tx.Rollback()
	ids, err := db.cinPersonIDs(ctx, tx, from, to, nfaFrom)
	if err != nil {
		return err
	}
	for start := 0; start < len(ids); start += cinBatch {
		batch := ids[start:min(start+cinBatch, len(ids))]
		recs, err := db.cinBatch(ctx, tx, batch)
		if err != nil {
			return err
		}
		for _, id := range batch {
			if err := fn(recs[id]); err != nil {
				return err
			}
		}
	}
	return nil
}

func (db *DB) cinPersonIDs(ctx context.Context, tx *sql.Tx, from, to, nfaFrom civil.Date) ([]int64, error) {
	s, err := db.reads.in(ctx, tx, rebind(db.dialect, `SELECT DISTINCT person_id FROM referrals
		WHERE referral_date <= ? AND (close_date IS NULL OR close_date >= ?)
		AND NOT (nfa AND close_date IS NULL AND referral_date < ?)
		ORDER BY person_id`))
	if err != nil {
		return nil, err
	}
	rows, err := s.QueryContext(ctx, to.String(), from.String(), nfaFrom.String())
	if err != nil {
		return nil, fmt.Errorf("find children in the census: %w", err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// cinFields maps each census kind to its slice in domain.ChildRecord.
var cinFields = func() map[string]int {
	m := map[string]int{}
	for i, name := range childRecordFields {
		m[name] = i
	}
	return m
}()

// cinBatch reads the census records of a batch of people.
func (db *DB) cinBatch(ctx context.Context, tx *sql.Tx, ids []int64) (map[int64]*domain.ChildRecord, error) {
	args := make([]any, cinBatch)
	for i := range args {
		args[i] = ids[min(i, len(ids)-1)]
	}
	in := "(" + placeholders(cinBatch) + ")"
	recs := make(map[int64]*domain.ChildRecord, len(ids))
	persons := db.kinds["person"]
	err := db.cinQuery(ctx, tx, persons, persons.sel+" WHERE id IN "+in, args, func(r domain.Record) {
		p := r.(*domain.Person)
		recs[p.ID] = &domain.ChildRecord{Person: *p}
	})
	if err != nil {
		return nil, err
	}
	for _, kind := range cinKinds {
		ks := db.kinds[kind]
		field := cinFields[kind]
		err := db.cinQuery(ctx, tx, ks, ks.sel+" WHERE person_id IN "+in+" ORDER BY person_id, id", args, func(r domain.Record) {
			cr := recs[personOf(ks.kind, r)]
			if cr == nil {
				return
			}
			slice := reflect.ValueOf(cr).Elem().Field(field)
			slice.Set(reflect.Append(slice, reflect.ValueOf(r).Elem()))
		})
		if err != nil {
			return nil, err
		}
	}
	return recs, nil
}

func (db *DB) cinQuery(ctx context.Context, tx *sql.Tx, ks *kindSQL, query string, args []any, add func(domain.Record)) error {
	s, err := db.reads.in(ctx, tx, rebind(db.dialect, query))
	if err != nil {
		return err
	}
	rows, err := s.QueryContext(ctx, args...)
	if err != nil {
		return fmt.Errorf("read %s: %w", ks.kind.Table, err)
	}
	defer rows.Close()
	buf := ks.newScanBuf()
	for rows.Next() {
		r := ks.kind.New()
		if err := ks.scanWith(buf, rows, r); err != nil {
			return err
		}
		add(r)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read %s: %w", ks.kind.Table, err)
	}
	return nil
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
