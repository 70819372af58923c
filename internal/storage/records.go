package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"time"

	"github.com/waymark-care/waymark/internal/audit"
	"github.com/waymark-care/waymark/internal/domain"
)

// Change says who is making a change and when it is recorded. The audit
// trail and each record's UpdatedBy/UpdatedAt take their values from it, so
// the synthetic authority can record history as it happened.
type Change struct {
	Actor string
	At    time.Time
}

// ConflictError refuses an update or delete made against an older version of
// a record than the one stored: someone else changed it first.
type ConflictError struct {
	Kind      string
	ID        int64
	Version   int // the version the change was based on
	Current   int // the version stored now
	UpdatedBy string
	UpdatedAt time.Time
}

func (e *ConflictError) Error() string {
	return fmt.Sprintf("%s %d was changed by %s at %s (now version %d, your change was based on version %d): reload it and make your change again",
		e.Kind, e.ID, e.UpdatedBy, e.UpdatedAt.Format("2 Jan 2006 15:04"), e.Current, e.Version)
}

// NotFoundError names the record that does not exist.
type NotFoundError struct {
	Kind string
	ID   int64
}

func (e *NotFoundError) Error() string { return fmt.Sprintf("%s %d does not exist", e.Kind, e.ID) }

func (e *NotFoundError) Is(target error) bool { return target == ErrNotFound }

// Tx is a write transaction: every change in it is audited, and either all
// of them are stored or none.
type Tx struct {
	ctx    context.Context
	db     *DB
	conn   *sql.Conn
	tx     *sql.Tx
	change Change
	// load is set in a bulk load (Load): writes are queued to a writer.
	load *loader
	// head is the audit trail's last entry, read when the first change is
	// made and written back at commit; pending are entries not yet written.
	head    *auditHead
	pending []audit.Entry
	stmts   map[string]*sql.Stmt
}

// stmt returns a prepared statement for query, bound to this transaction.
func (tx *Tx) stmt(query string) (*sql.Stmt, error) {
	if s, ok := tx.stmts[query]; ok {
		return s, nil
	}
	s, err := tx.db.writes.in(tx.ctx, tx.tx, query)
	if err != nil {
		return nil, err
	}
	if tx.stmts == nil {
		tx.stmts = make(map[string]*sql.Stmt)
	}
	tx.stmts[query] = s
	return s, nil
}

func (tx *Tx) exec(query string, args ...any) (sql.Result, error) {
	s, err := tx.stmt(query)
	if err != nil {
		return nil, err
	}
	return s.ExecContext(tx.ctx, args...)
}

func (tx *Tx) queryRow(query string, args ...any) *sql.Row {
	s, err := tx.stmt(query)
	if err != nil {
		// A failed prepare surfaces when the row is scanned.
		return tx.tx.QueryRowContext(tx.ctx, query, args...)
	}
	return s.QueryRowContext(tx.ctx, args...)
}

// Write runs fn in a transaction recorded as ch. If fn returns an error, or
// any write fails, nothing is stored.
func (db *DB) Write(ctx context.Context, ch Change, fn func(tx *Tx) error) error {
	return db.write(ctx, ch, false, fn)
}

func (db *DB) write(ctx context.Context, ch Change, bulk bool, fn func(tx *Tx) error) error {
	if ch.Actor == "" {
		return errors.New("storage: a change must name who makes it")
	}
	if ch.At.IsZero() {
		ch.At = time.Now()
	}
	// Stored times keep microseconds, so the record in hand must too.
	ch.At = ch.At.UTC().Truncate(time.Microsecond)
	if db.dialect == SQLite {
		db.writeMu.Lock()
		defer db.writeMu.Unlock()
	}
	conn, err := db.w.Conn(ctx)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer conn.Close()
	sqlTx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer sqlTx.Rollback()
	tx := &Tx{ctx: ctx, db: db, conn: conn, tx: sqlTx, change: ch}
	if bulk {
		if err := tx.startLoad(); err != nil {
			return err
		}
	}
	err = fn(tx)
	load := tx.load
	if load != nil {
		// The loader must stop using the transaction before it ends.
		if lerr := load.finish(); err == nil {
			err = lerr
		}
	}
	if err != nil {
		return err
	}
	if err := tx.flushAudit(); err != nil {
		return err
	}
	if err := sqlTx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	if load != nil {
		db.recent.keep(load.written)
	}
	return nil
}

// Insert validates and stores a new record, setting its ID and version.
func (tx *Tx) Insert(r domain.Record) error {
	if err := domain.Validate(r); err != nil {
		return err
	}
	ks := tx.db.kindSQL(r)
	e := r.Base()
	e.Version, e.UpdatedAt, e.UpdatedBy = 1, tx.change.At, tx.change.Actor
	if tx.load != nil {
		return tx.load.insert(ks, r)
	}
	if err := tx.queryRow(ks.insert, ks.args(r)...).Scan(&e.ID); err != nil {
		return fmt.Errorf("insert %s: %w", ks.kind.Name, tx.db.explainConstraint(tx.ctx, ks, r, err))
	}
	return tx.audit(audit.Create, r, nil, marshal(r))
}

// Update validates and stores a changed record. The record's Version must be
// the version stored, or a *ConflictError is returned and nothing changes.
func (tx *Tx) Update(r domain.Record) error {
	if err := domain.Validate(r); err != nil {
		return err
	}
	ks := tx.db.kindSQL(r)
	e := r.Base()
	if tx.load != nil {
		return tx.load.update(ks, r)
	}
	tx.db.recent.forget(recordKey{ks.kind.Name, e.ID})
	before, err := tx.get(ks, e.ID)
	if err != nil {
		return err
	}
	if before.Base().Version != e.Version {
		return conflict(ks, e.Version, before.Base())
	}
	old := *e
	e.Version, e.UpdatedAt, e.UpdatedBy = old.Version+1, tx.change.At, tx.change.Actor
	args := append(ks.args(r), e.ID, old.Version)
	res, err := tx.exec(ks.update, args...)
	if err == nil {
		err = oneRow(res)
	}
	if err != nil {
		*e = old
		return fmt.Errorf("update %s %d: %w", ks.kind.Name, e.ID, tx.db.explainConstraint(tx.ctx, ks, r, err))
	}
	return tx.audit(audit.Update, r, marshal(before), marshal(r))
}

// Delete removes a record, if Version is still the version stored.
func (tx *Tx) Delete(r domain.Record) error {
	if tx.load != nil {
		return errors.New("storage: a bulk load only adds and changes records")
	}
	ks := tx.db.kindSQL(r)
	e := r.Base()
	tx.db.recent.forget(recordKey{ks.kind.Name, e.ID})
	before, err := tx.get(ks, e.ID)
	if err != nil {
		return err
	}
	if before.Base().Version != e.Version {
		return conflict(ks, e.Version, before.Base())
	}
	res, err := tx.exec(ks.delete, e.ID, e.Version)
	if err == nil {
		err = oneRow(res)
	}
	if err != nil {
		return fmt.Errorf("delete %s %d: %w", ks.kind.Name, e.ID, err)
	}
	return tx.audit(audit.Delete, r, marshal(before), nil)
}

func conflict(ks *kindSQL, version int, c *domain.Entity) *ConflictError {
	return &ConflictError{Kind: ks.kind.Name, ID: c.ID, Version: version, Current: c.Version, UpdatedBy: c.UpdatedBy, UpdatedAt: c.UpdatedAt}
}

func oneRow(res sql.Result) error {
	n, err := res.RowsAffected()
	if err == nil && n != 1 {
		err = fmt.Errorf("%d rows changed, expected 1", n)
	}
	return err
}

func (tx *Tx) get(ks *kindSQL, id int64) (domain.Record, error) {
	return scanOne(ks, id, tx.queryRow(ks.byID, id))
}

func scanOne(ks *kindSQL, id int64, row *sql.Row) (domain.Record, error) {
	r := ks.kind.New()
	err := ks.scan(row, r)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, &NotFoundError{Kind: ks.kind.Name, ID: id}
	}
	if err != nil {
		return nil, fmt.Errorf("read %s %d: %w", ks.kind.Name, id, err)
	}
	return r, nil
}

// Get reads one record by ID into r, whose kind says which table to read.
func (db *DB) Get(ctx context.Context, id int64, r domain.Record) error {
	ks := db.kindSQL(r)
	got, err := scanOne(ks, id, db.sql.QueryRowContext(ctx, ks.byID, id))
	if err != nil {
		return err
	}
	reflect.ValueOf(r).Elem().Set(reflect.ValueOf(got).Elem())
	return nil
}

// snapshot is the isolation level that gives a read one consistent view.
func (db *DB) snapshot() sql.IsolationLevel {
	if db.dialect == Postgres {
		return sql.LevelRepeatableRead
	}
	// SQLite in WAL mode reads from one snapshot for the whole transaction.
	return sql.LevelDefault
}

// marshal is the JSON form of a record kept in the audit trail.
func marshal(r domain.Record) json.RawMessage {
	if r == nil {
		return nil
	}
	b, err := json.Marshal(r)
	if err != nil {
		panic(fmt.Sprintf("storage: cannot marshal %T: %v", r, err))
	}
	return b
}
