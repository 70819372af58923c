package storage

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/domain"
)

// This file reads a whole caseload at once, for worklists and compliance
// reports: every open case's records, kind by kind, rather than one child's
// record at a time.

// caseBatch is how many children one query of each kind covers: large
// enough that a caseload of thousands is a handful of queries per kind,
// small enough that a batch's records stay a few megabytes. Tests shrink it.
var caseBatch = 500

// openCases lists the children whose case was open at some time in a
// period: an open referral (a CIN episode), child protection plan, episode
// of care or personal adviser. An end on the period's first day still
// counts: the case was open that day.
const openCases = openCaseUnion + "ORDER BY 1"

// openCaseUnion is openCases unordered, for queries that narrow it. Its
// arguments are the period's end and start, four times over.
const openCaseUnion = `
SELECT person_id FROM referrals WHERE referral_date <= ? AND (close_date IS NULL OR close_date >= ?)
UNION SELECT person_id FROM cp_plans WHERE start_date <= ? AND (end_date IS NULL OR end_date >= ?)
UNION SELECT person_id FROM care_episodes WHERE start_date <= ? AND (end_date IS NULL OR end_date >= ?)
UNION SELECT person_id FROM involvements WHERE role = 'personal_adviser' AND start_date <= ? AND (end_date IS NULL OR end_date >= ?)
`

// childRecordField is the field of domain.ChildRecord that holds each kind.
var childRecordField = func() map[string]int {
	m := make(map[string]int, len(childRecordFields))
	for i, kind := range childRecordFields {
		m[kind] = i
	}
	return m
}()

// Columns says what Caseload reads: for each kind of a child's record, the
// columns wanted (nil for all of them). The id and person_id are always
// read; other fields are left unset.
type Columns = map[string][]string

// Caseload reads the records of every child whose case was open at some
// time from from to to (both days included; pass the same day twice for the
// cases open on it) and calls fn with them, a batch of children at a time in
// person order. Only the kinds and columns named are read: the other slices
// of each ChildRecord are left empty, and a whole caseload reads in a
// fraction of the time. Everything is read as it stood at one moment. fn
// must not keep the batch's slice, but may keep the records.
func (db *DB) Caseload(ctx context.Context, from, to civil.Date, columns Columns, fn func([]*domain.ChildRecord) error) error {
	return db.readCases(ctx, columns, func(query queryFunc) ([]int64, error) { return openCaseIDs(db, query, from, to) }, fn)
}

// ChildRecords reads the records of the children named, as Caseload does:
// a worker's own caseload, without reading everyone's.
func (db *DB) ChildRecords(ctx context.Context, personIDs []int64, columns Columns, fn func([]*domain.ChildRecord) error) error {
	ids := slices.Clone(personIDs)
	slices.Sort(ids)
	ids = slices.Compact(ids)
	return db.readCases(ctx, columns, func(queryFunc) ([]int64, error) { return ids, nil }, fn)
}

// CasesHeld reads, as Caseload does, the records of the children whose
// cases are held in the given teams on day: by an involvement in one of the
// roles given, in one of the teams (the involvement's team, or else its
// professional's), or by an open referral to one of the teams. It is a
// manager's worklist without reading the whole authority's. It may read a
// few children more than the caller's own test of who holds a case keeps
// (an unallocated referral to the team of a child allocated elsewhere).
func (db *DB) CasesHeld(ctx context.Context, day civil.Date, roles []string, teams []int64, columns Columns, fn func([]*domain.ChildRecord) error) error {
	in := db.inList()
	q := rebind(db.dialect, `SELECT i.person_id FROM involvements i LEFT JOIN professionals p ON p.id = i.professional_id
WHERE i.role IN (`+placeholders(len(roles))+`) AND i.start_date <= ? AND (i.end_date IS NULL OR i.end_date >= ?)
	AND COALESCE(i.team_id, p.team_id) `+in+`
UNION SELECT person_id FROM referrals WHERE team_id `+in+` AND referral_date <= ? AND (close_date IS NULL OR close_date >= ?)
ORDER BY 1`)
	d, list := day.String(), db.idList(teams)
	args := make([]any, 0, len(roles)+6)
	for _, r := range roles {
		args = append(args, r)
	}
	args = append(args, d, d, list, list, d, d)
	return db.readCases(ctx, columns, func(query queryFunc) ([]int64, error) {
		rows, err := query(q, args...)
		if err != nil {
			return nil, fmt.Errorf("list cases held: %w", err)
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
	}, fn)
}

// queryFunc runs a query in a read transaction.
type queryFunc = func(q string, args ...any) (*sql.Rows, error)

// readCases reads the records of the children whose IDs the ids function
// lists, in person order, in one read transaction, as Caseload describes.
func (db *DB) readCases(ctx context.Context, columns Columns, ids func(queryFunc) ([]int64, error), fn func([]*domain.ChildRecord) error) error {
	kinds := make([]*kindSQL, 0, len(columns))
	for _, k := range slices.Sorted(maps.Keys(columns)) {
		if _, ok := childRecordField[k]; !ok || !db.kinds[k].kind.ChildLevel {
			return fmt.Errorf("storage: %q is not a kind of a child's record", k)
		}
		ks, err := db.kinds[k].project(columns[k])
		if err != nil {
			return err
		}
		kinds = append(kinds, ks)
	}
	tx, err := db.sql.BeginTx(ctx, &sql.TxOptions{ReadOnly: db.dialect == Postgres, Isolation: db.snapshot()})
	if err != nil {
		return err
	}
	defer tx.Rollback()
	query := func(q string, args ...any) (*sql.Rows, error) {
		s, err := db.reads.in(ctx, tx, q)
		if err != nil {
			return nil, err
		}
		return s.QueryContext(ctx, args...)
	}

	list, err := ids(query)
	if err != nil {
		return err
	}
	in := db.inList()
	persons := db.kinds["person"]
	personsIn := rebind(db.dialect, persons.sel+" WHERE id "+in+" ORDER BY id")
	kindsIn := make([]string, len(kinds))
	for i, ks := range kinds {
		kindsIn[i] = rebind(db.dialect, ks.sel+" WHERE person_id "+in+" ORDER BY person_id, id")
	}
	batch := make([]*domain.ChildRecord, 0, caseBatch)
	for len(list) > 0 {
		n := min(len(list), caseBatch)
		batchIDs := db.idList(list[:n])
		list = list[n:]

		batch = batch[:0]
		byID := make(map[int64]*domain.ChildRecord, n)
		err := scanRows(query, personsIn, batchIDs, persons, func(buf *scanBuf, rows *sql.Rows) error {
			cr := &domain.ChildRecord{}
			if err := persons.scanWith(buf, rows, &cr.Person); err != nil {
				return err
			}
			batch = append(batch, cr)
			byID[cr.Person.ID] = cr
			return nil
		})
		if err != nil {
			return err
		}
		for i, ks := range kinds {
			if err := readKind(query, kindsIn[i], batchIDs, ks, byID); err != nil {
				return err
			}
		}
		if err := fn(batch); err != nil {
			return err
		}
	}
	return nil
}

// project returns the kind reading only the named columns, with its id and
// person_id; nil names every column.
func (ks *kindSQL) project(names []string) (*kindSQL, error) {
	if names == nil {
		return ks, nil
	}
	p := &kindSQL{kind: ks.kind}
	for _, c := range ks.cols {
		if c.name == "id" || c.name == "person_id" || slices.Contains(names, c.name) {
			p.cols = append(p.cols, c)
		}
	}
	if len(p.cols) != len(names)+2-countOf(names, "id", "person_id") {
		return nil, fmt.Errorf("storage: %s has no column in %v", ks.kind.Table, names)
	}
	sel := make([]string, len(p.cols))
	for i, c := range p.cols {
		sel[i] = c.name
	}
	p.sel = "SELECT " + strings.Join(sel, ", ") + " FROM " + ks.kind.Table
	return p, nil
}

func countOf(names []string, of ...string) int {
	n := 0
	for _, s := range names {
		if slices.Contains(of, s) {
			n++
		}
	}
	return n
}

func openCaseIDs(db *DB, query func(string, ...any) (*sql.Rows, error), from, to civil.Date) ([]int64, error) {
	return caseIDs(db, query, openCases, openCaseArgs(from, to)...)
}

// openCaseArgs are openCaseUnion's arguments for a period.
func openCaseArgs(from, to civil.Date) []any {
	f, t := from.String(), to.String()
	return []any{t, f, t, f, t, f, t, f}
}

// caseIDs lists the person IDs a query returns.
func caseIDs(db *DB, query func(string, ...any) (*sql.Rows, error), q string, args ...any) ([]int64, error) {
	rows, err := query(rebind(db.dialect, q), args...)
	if err != nil {
		return nil, fmt.Errorf("list children: %w", err)
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
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list children: %w", err)
	}
	return ids, nil
}

// readKind reads one kind's records for a batch of children into one
// slice, scanning each row in place, and gives each child its part: one
// allocation per batch rather than a growing slice per child.
func readKind(query func(string, ...any) (*sql.Rows, error), q string, list any, ks *kindSQL, byID map[int64]*domain.ChildRecord) error {
	field := childRecordField[ks.kind.Name]
	var person []int
	for _, c := range ks.cols {
		if c.name == "person_id" {
			person = c.index
		}
	}
	all := reflect.MakeSlice(reflect.SliceOf(ks.kind.Type()), 0, len(byID))
	type part struct {
		id         int64
		start, end int
	}
	var parts []part
	zero := reflect.Zero(ks.kind.Type())
	err := scanRows(query, q, list, ks, func(buf *scanBuf, rows *sql.Rows) error {
		n := all.Len()
		all = reflect.Append(all, zero)
		r := all.Index(n)
		if err := ks.scanWith(buf, rows, r.Addr().Interface().(domain.Record)); err != nil {
			return err
		}
		if id := r.FieldByIndex(person).Int(); len(parts) == 0 || parts[len(parts)-1].id != id {
			parts = append(parts, part{id: id, start: n})
		}
		parts[len(parts)-1].end = n + 1
		return nil
	})
	for _, p := range parts {
		reflect.ValueOf(byID[p.id]).Elem().Field(field).Set(all.Slice3(p.start, p.end, p.end))
	}
	return err
}

// scanRows runs a query over a list of IDs and hands each row to fn with a
// scan buffer for the kind.
func scanRows(query func(string, ...any) (*sql.Rows, error), q string, list any, ks *kindSQL, fn func(*scanBuf, *sql.Rows) error) error {
	rows, err := query(q, list)
	if err != nil {
		return fmt.Errorf("read %s: %w", ks.kind.Table, err)
	}
	defer rows.Close()
	buf := ks.newScanBuf()
	for rows.Next() {
		if err := fn(buf, rows); err != nil {
			return fmt.Errorf("read %s: %w", ks.kind.Table, err)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read %s: %w", ks.kind.Table, err)
	}
	return nil
}

// inList is the condition that a column is in a list of IDs passed as one
// argument (idList): a JSON array on SQLite, an array on PostgreSQL. One
// argument keeps the statement the same whatever the list's length, so it
// is prepared once.
func (db *DB) inList() string {
	if db.dialect == Postgres {
		return "= ANY(?::bigint[])"
	}
	return "IN (SELECT value FROM json_each(?))"
}

func (db *DB) idList(ids []int64) any {
	if db.dialect == Postgres {
		return ids
	}
	var b strings.Builder
	b.Grow(len(ids) * 7)
	b.WriteByte('[')
	for i, id := range ids {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.FormatInt(id, 10))
	}
	b.WriteByte(']')
	return b.String()
}

// Workforce reads every team and professional: the management line that
// worklists and reports are scoped by, and the names they show.
func (db *DB) Workforce(ctx context.Context) ([]domain.Team, []domain.Professional, error) {
	teams, err := readAll[domain.Team](ctx, db)
	if err != nil {
		return nil, nil, err
	}
	profs, err := readAll[domain.Professional](ctx, db)
	return teams, profs, err
}

// readAll reads every record of a kind that is not a child's, in ID order.
func readAll[T any, P interface {
	*T
	domain.Record
}](ctx context.Context, db *DB) ([]T, error) {
	ks := db.kinds[domain.KindOf(P(new(T))).Name]
	rows, err := db.sql.QueryContext(ctx, ks.sel+" ORDER BY id")
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", ks.kind.Table, err)
	}
	defer rows.Close()
	var out []T
	buf := ks.newScanBuf()
	for rows.Next() {
		var v T
		if err := ks.scanWith(buf, rows, P(&v)); err != nil {
			return nil, fmt.Errorf("read %s: %w", ks.kind.Table, err)
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
