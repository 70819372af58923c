package storage

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/domain"
)

// SearchPerson is what the person search indexes of each person.
type SearchPerson struct {
	ID          int64
	Forename    string
	Surname     string
	KnownAs     string
	DateOfBirth civil.Date
	NHSNumber   string
	LAChildID   string
}

const searchColumns = "id, forename, surname, known_as, date_of_birth, nhs_number, la_child_id"

func scanSearchPerson(rows *sql.Rows) (SearchPerson, error) {
	var p SearchPerson
	var dob any
	if err := rows.Scan(&p.ID, &p.Forename, &p.Surname, &p.KnownAs, &dob, &p.NHSNumber, &p.LAChildID); err != nil {
		return p, err
	}
	if dob != nil {
		d, err := dateFrom(dob)
		if err != nil {
			return p, err
		}
		p.DateOfBirth = d
	}
	return p, nil
}

// SearchChanges returns what the person search needs to catch up with the
// database since the audit trail's entry afterSeq: every person when
// afterSeq is 0, otherwise the persons created or changed since, and the
// ids of those deleted. head is the audit trail's newest entry, to pass as
// afterSeq next time. A search index kept in memory calls it before each
// search, so several servers sharing a database stay current.
func (db *DB) SearchChanges(ctx context.Context, afterSeq int64) (people []SearchPerson, deleted []int64, head int64, err error) {
	tx, err := db.sql.BeginTx(ctx, &sql.TxOptions{ReadOnly: db.dialect == Postgres, Isolation: db.snapshot()})
	if err != nil {
		return nil, nil, 0, err
	}
	defer tx.Rollback()
	if err := tx.QueryRowContext(ctx, "SELECT seq FROM audit_head WHERE id = 1").Scan(&head); err != nil {
		return nil, nil, 0, fmt.Errorf("read audit head: %w", err)
	}
	if head == afterSeq {
		return nil, nil, head, nil
	}
	query := "SELECT " + searchColumns + " FROM persons"
	var args []any
	var changed []int64
	if afterSeq > 0 {
		rows, err := tx.QueryContext(ctx, rebind(db.dialect, "SELECT DISTINCT record_id FROM audit_log WHERE seq > ? AND seq <= ? AND kind = 'person'"), afterSeq, head)
		if err != nil {
			return nil, nil, 0, fmt.Errorf("read changed persons: %w", err)
		}
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return nil, nil, 0, err
			}
			changed = append(changed, id)
		}
		rows.Close()
		if len(changed) == 0 {
			return nil, nil, head, nil
		}
		query += " WHERE id " + db.inList()
		args = append(args, db.idList(changed))
	}
	rows, err := tx.QueryContext(ctx, rebind(db.dialect, query), args...)
	if err != nil {
		return nil, nil, 0, fmt.Errorf("read persons: %w", err)
	}
	defer rows.Close()
	found := map[int64]bool{}
	for rows.Next() {
		p, err := scanSearchPerson(rows)
		if err != nil {
			return nil, nil, 0, err
		}
		people = append(people, p)
		found[p.ID] = true
	}
	for _, id := range changed {
		if !found[id] {
			deleted = append(deleted, id)
		}
	}
	return people, deleted, head, rows.Err()
}

// GetMany reads the records of one kind with the given ids, in id order;
// ids that do not exist are left out.
func (db *DB) GetMany(ctx context.Context, kind string, ids []int64) ([]domain.Record, error) {
	ks, ok := db.kinds[kind]
	if !ok {
		return nil, fmt.Errorf("no kind called %q", kind)
	}
	if len(ids) == 0 {
		return nil, nil
	}
	s, err := db.reads.get(ctx, rebind(db.dialect, ks.sel+" WHERE id "+db.inList()+" ORDER BY id"))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", ks.kind.Table, err)
	}
	rows, err := s.QueryContext(ctx, db.idList(ids))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", ks.kind.Table, err)
	}
	defer rows.Close()
	var rs []domain.Record
	buf := ks.newScanBuf()
	for rows.Next() {
		r := ks.kind.New()
		if err := ks.scanWith(buf, rows, r); err != nil {
			return nil, err
		}
		rs = append(rs, r)
	}
	return rs, rows.Err()
}

// Allocation is a child a professional is currently involved with.
type Allocation struct {
	Person domain.Person
	Role   string     // the involvement role
	Since  civil.Date // when the involvement started
}

// Allocations lists the children the professional is involved with on
// today, by surname: the caseload on a worker's home page.
func (db *DB) Allocations(ctx context.Context, professionalID int64, today civil.Date) ([]Allocation, error) {
	ks := db.kinds["person"]
	cols := prefixed("p.", strings.TrimSuffix(strings.TrimPrefix(ks.sel, "SELECT "), " FROM "+ks.kind.Table))
	rows, err := db.sql.QueryContext(ctx, rebind(db.dialect, "SELECT "+cols+", i.role, i.start_date FROM involvements i JOIN persons p ON p.id = i.person_id"+
		" WHERE i.professional_id = ? AND i.start_date <= ? AND (i.end_date IS NULL OR i.end_date >= ?) ORDER BY p.surname, p.forename, p.id"),
		professionalID, today.String(), today.String())
	if err != nil {
		return nil, fmt.Errorf("read allocations: %w", err)
	}
	defer rows.Close()
	var as []Allocation
	buf := ks.newScanBuf()
	for rows.Next() {
		var a Allocation
		var since any
		if err := ks.scanWith(buf, prefixScanner{rows, nil, []any{&a.Role, &since}}, &a.Person); err != nil {
			return nil, err
		}
		d, err := dateFrom(since)
		if err != nil {
			return nil, err
		}
		a.Since = d
		as = append(as, a)
	}
	return as, rows.Err()
}

// PersonsChanged returns the people with any record created, changed or
// deleted since the audit trail's entry afterSeq, and the trail's newest
// entry, to pass as afterSeq next time. A cache of children's records calls
// it before each use: with nothing changed it is one cheap query.
func (db *DB) PersonsChanged(ctx context.Context, afterSeq int64) (ids []int64, head int64, err error) {
	if err := db.sql.QueryRowContext(ctx, "SELECT seq FROM audit_head WHERE id = 1").Scan(&head); err != nil {
		return nil, 0, fmt.Errorf("read audit head: %w", err)
	}
	if head == afterSeq {
		return nil, head, nil
	}
	s, err := db.reads.get(ctx, rebind(db.dialect, "SELECT DISTINCT person_id FROM audit_log WHERE seq > ? AND seq <= ? AND person_id IS NOT NULL"))
	if err != nil {
		return nil, 0, err
	}
	rows, err := s.QueryContext(ctx, afterSeq, head)
	if err != nil {
		return nil, 0, fmt.Errorf("read changed persons: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, 0, err
		}
		ids = append(ids, id)
	}
	return ids, head, rows.Err()
}

// RelationshipsNaming reads the relationships recorded on other people's
// records that name the person (related_person_id): a brother's record
// naming the child, or a parent's naming their son. With the person's own,
// they are the person's whole family (domain.Family).
func (db *DB) RelationshipsNaming(ctx context.Context, personID int64) ([]domain.Relationship, error) {
	ks := db.kinds["relationship"]
	s, err := db.reads.get(ctx, rebind(db.dialect, ks.sel+" WHERE related_person_id = ? ORDER BY id"))
	if err != nil {
		return nil, fmt.Errorf("read relationships: %w", err)
	}
	rows, err := s.QueryContext(ctx, personID)
	if err != nil {
		return nil, fmt.Errorf("read relationships: %w", err)
	}
	defer rows.Close()
	var out []domain.Relationship
	buf := ks.newScanBuf()
	for rows.Next() {
		var rel domain.Relationship
		if err := ks.scanWith(buf, rows, &rel); err != nil {
			return nil, err
		}
		out = append(out, rel)
	}
	return out, rows.Err()
}
