package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"

	"github.com/waymark-care/waymark/internal/audit"
	"github.com/waymark-care/waymark/internal/domain"
)

// auditHead is the newest entry in the audit trail. The audit_head table
// holds it in one row, which every writing transaction locks, so entries are
// chained in commit order even with several servers writing at once.
type auditHead struct {
	seq  int64
	hash string
}

// audit records a change to r, given the record's JSON before and after.
func (tx *Tx) audit(action audit.Action, r domain.Record, before, after json.RawMessage) error {
	k := domain.KindOf(r)
	return tx.appendAudit(audit.Entry{
		Action: action, Kind: k.Name, RecordID: r.Base().ID, PersonID: personOf(k, r),
		Before: before, After: after,
	})
}

// appendAudit adds an entry, made by the transaction's actor at its time,
// to the chain; it is written at commit, or in a bulk load with the next
// hundred.
func (tx *Tx) appendAudit(e audit.Entry) error {
	if err := tx.readAuditHead(); err != nil {
		return err
	}
	e.At, e.Actor = tx.change.At, tx.change.Actor
	e.Seal(tx.head.seq+1, tx.head.hash)
	tx.head.seq, tx.head.hash = e.Seq, e.Hash
	tx.pending = append(tx.pending, e)
	if tx.load != nil && len(tx.pending) == auditBatch {
		query, args := tx.auditInsert(tx.pending)
		tx.load.queue(loadOp{query: query, args: args, what: "write audit entries"})
		tx.pending = tx.pending[:0]
	}
	return nil
}

// readAuditHead reads the head of the chain, the first time the
// transaction needs it, locking it on PostgreSQL.
func (tx *Tx) readAuditHead() error {
	if tx.head != nil {
		return nil
	}
	lock := ""
	if tx.db.dialect == Postgres {
		lock = " FOR UPDATE"
	}
	h := &auditHead{}
	if err := tx.queryRow("SELECT seq, hash FROM audit_head WHERE id = 1"+lock).Scan(&h.seq, &h.hash); err != nil {
		return fmt.Errorf("read audit head: %w", err)
	}
	tx.head = h
	return nil
}

// auditBatch is how many entries one INSERT writes: writing them together at
// commit halves the statements a change costs.
const auditBatch = 100

// flushAudit writes the pending entries and the new head.
func (tx *Tx) flushAudit() error {
	for len(tx.pending) > 0 {
		n := min(len(tx.pending), auditBatch)
		query, args := tx.auditInsert(tx.pending[:n])
		if _, err := tx.exec(query, args...); err != nil {
			return fmt.Errorf("write audit entries: %w", err)
		}
		tx.pending = tx.pending[n:]
	}
	if tx.head == nil {
		return nil
	}
	if _, err := tx.exec(rebind(tx.db.dialect, "UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1"), tx.head.seq, tx.head.hash); err != nil {
		return fmt.Errorf("write audit head: %w", err)
	}
	return nil
}

// auditInsert is the statement that writes entries, and its arguments.
func (tx *Tx) auditInsert(entries []audit.Entry) (string, []any) {
	args := make([]any, 0, len(entries)*11)
	for _, e := range entries {
		args = append(args, e.Seq, timeText(e.At), e.Actor, string(e.Action), e.Kind, e.RecordID, nullID(e.PersonID),
			nullText(e.Before), nullText(e.After), e.PrevHash, e.Hash)
	}
	query := "INSERT INTO audit_log (" + auditColumns + ") VALUES " +
		strings.TrimSuffix(strings.Repeat("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?), ", len(entries)), ", ")
	return rebind(tx.db.dialect, query), args
}

// personOf returns the person a record belongs to: the person itself, or a
// child-level record's PersonID.
func personOf(k *domain.Kind, r domain.Record) int64 {
	if k.Name == "person" {
		return r.Base().ID
	}
	if k.ChildLevel {
		return reflect.ValueOf(r).Elem().FieldByName("PersonID").Int()
	}
	return 0
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

func nullText(b []byte) any {
	if b == nil {
		return nil
	}
	return string(b)
}

const auditColumns = "seq, at, actor, action, kind, record_id, person_id, before, after, prev_hash, hash"

func scanEntry(sc interface{ Scan(...any) error }) (*audit.Entry, error) {
	var (
		e             audit.Entry
		at            any
		action        string
		person        sql.NullInt64
		before, after sql.NullString
	)
	if err := sc.Scan(&e.Seq, &at, &e.Actor, &action, &e.Kind, &e.RecordID, &person, &before, &after, &e.PrevHash, &e.Hash); err != nil {
		return nil, err
	}
	t, err := timeFrom(at)
	if err != nil {
		return nil, fmt.Errorf("audit entry %d: %w", e.Seq, err)
	}
	e.At, e.Action, e.PersonID = t, audit.Action(action), person.Int64
	if before.Valid {
		e.Before = []byte(before.String)
	}
	if after.Valid {
		e.After = []byte(after.String)
	}
	return &e, nil
}

func (db *DB) auditQuery(ctx context.Context, where string, args ...any) ([]audit.Entry, error) {
	rows, err := db.sql.QueryContext(ctx, rebind(db.dialect, "SELECT "+auditColumns+" FROM audit_log WHERE "+where+" ORDER BY seq"), args...)
	if err != nil {
		return nil, fmt.Errorf("read audit trail: %w", err)
	}
	defer rows.Close()
	var es []audit.Entry
	for rows.Next() {
		e, err := scanEntry(rows)
		if err != nil {
			return nil, err
		}
		es = append(es, *e)
	}
	return es, rows.Err()
}

// RecordHistory returns every audit entry for one record, oldest first.
func (db *DB) RecordHistory(ctx context.Context, kind string, id int64) ([]audit.Entry, error) {
	return db.auditQuery(ctx, "kind = ? AND record_id = ?", kind, id)
}

// PersonHistory returns every audit entry for a person's records.
func (db *DB) PersonHistory(ctx context.Context, personID int64) ([]audit.Entry, error) {
	return db.auditQuery(ctx, "person_id = ?", personID)
}

// ActorHistory returns every change made by one user.
func (db *DB) ActorHistory(ctx context.Context, actor string) ([]audit.Entry, error) {
	return db.auditQuery(ctx, "actor = ?", actor)
}

// VerifyAudit checks the whole audit trail's hash chain, returning how many
// entries it checked and an *audit.BrokenError naming the first bad entry.
func (db *DB) VerifyAudit(ctx context.Context) (int64, error) {
	return db.verifyChain(ctx, "audit_head", "SELECT "+auditColumns+" FROM audit_log ORDER BY seq",
		func(rows *sql.Rows) (audit.Chained, error) { return scanEntry(rows) })
}
