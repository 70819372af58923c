package storage

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/waymark-care/waymark/internal/audit"
	"github.com/waymark-care/waymark/internal/domain"
)

// Load is Write for loading many records at once, as the synthetic authority
// does: the same records, checks and audit trail, at several times the
// speed. Inserts and updates are queued to a writer that runs beside fn, so
// one core builds records while the other stores them, and on PostgreSQL the
// queue goes in pipelined batches instead of a round trip a statement.
//
// The price is where errors surface. Validation and version conflicts are
// still returned by Insert and Update; a write the database itself refuses
// (a foreign key, a unique value) is returned by a later call or by Load,
// naming the records. New records are written before the changes made
// beside them, so a new record must not depend on a change (a unique value
// an update frees, say). Load assumes it is the only writer of the records
// it changes while it runs, and cannot delete.
func (db *DB) Load(ctx context.Context, ch Change, fn func(tx *Tx) error) error {
	return db.write(ctx, ch, true, fn)
}

// loadOp is one queued statement, or an insert of one record of kind ks
// (its args the row, id first) that statements joins with others.
type loadOp struct {
	ks    *kindSQL
	query string
	args  []any
	// oneRow is set for an update, which must change exactly one row.
	oneRow bool
	what   string // for errors: "insert referral 12"
}

// loadChunk is how many statements go to the writer, and on PostgreSQL to
// the server, at once.
const loadChunk = 256

// idBlock is how many ids a load takes at a time for a table: on PostgreSQL
// from the table's sequence, in one query.
const idBlock = 512

type loader struct {
	tx    *Tx
	ops   chan []loadOp
	done  chan struct{}
	chunk []loadOp

	mu  sync.Mutex
	err error // the writer's first error

	// ids are the ids still to hand out, by table; on SQLite next is the
	// first id after them.
	ids  map[string][]int64
	next map[string]int64
	// written is what this transaction has stored of each record it wrote,
	// so that an update needs no read to know the version it replaces or
	// the record as it was; recent is the same for earlier loads.
	written map[recordKey]stored
}

type recordKey struct {
	kind string
	id   int64
}

type stored struct {
	entity domain.Entity
	json   json.RawMessage
}

// startLoad starts the writer.
func (tx *Tx) startLoad() error {
	if err := tx.readAuditHead(); err != nil { // while the connection is free
		return err
	}
	l := &loader{
		tx:      tx,
		ops:     make(chan []loadOp, 8),
		done:    make(chan struct{}),
		ids:     tx.db.spareIDs.take(),
		next:    make(map[string]int64),
		written: make(map[recordKey]stored),
	}
	tx.load = l
	go l.write()
	return nil
}

// write runs the queue until it closes. After an error it only drains.
func (l *loader) write() {
	defer close(l.done)
	for chunk := range l.ops {
		if l.failed() != nil {
			continue
		}
		var err error
		if l.tx.db.dialect == Postgres {
			err = l.pipeline(chunk)
		} else {
			err = l.execute(chunk)
		}
		if err != nil {
			l.mu.Lock()
			l.err = err
			l.mu.Unlock()
		}
	}
}

// execute runs a chunk statement by statement on SQLite, where a statement
// costs no round trip.
func (l *loader) execute(chunk []loadOp) error {
	for _, op := range l.statements(chunk) {
		res, err := l.tx.exec(op.query, op.args...)
		if err == nil && op.oneRow {
			err = oneRow(res)
		}
		if err != nil {
			return fmt.Errorf("%s: %w", op.what, err)
		}
	}
	return nil
}

// pipeline sends a chunk to PostgreSQL in one batch, inside the
// transaction on the same connection.
func (l *loader) pipeline(chunk []loadOp) error {
	return l.tx.conn.Raw(func(driverConn any) error {
		ops := l.statements(chunk)
		b := &pgx.Batch{}
		for _, op := range ops {
			b.Queue(op.query, op.args...)
		}
		results := driverConn.(*stdlib.Conn).Conn().SendBatch(l.tx.ctx, b)
		defer results.Close()
		for _, op := range ops {
			tag, err := results.Exec()
			if err == nil && op.oneRow && tag.RowsAffected() != 1 {
				err = fmt.Errorf("%d rows changed, expected 1", tag.RowsAffected())
			}
			if err != nil {
				return fmt.Errorf("%s: %w", op.what, err)
			}
		}
		return nil
	})
}

// statements turns a chunk into what the writer runs. Each table's inserts
// become multi-row INSERTs, the tables in the order they are loaded (each
// after the tables it refers to), so that the database starts one statement
// for many rows. Updates and audit entries follow in the order they were
// made: after the inserts, since an update may change a record inserted in
// the same chunk, and no insert depends on an update.
func (l *loader) statements(chunk []loadOp) []loadOp {
	var byKind [][]loadOp // by kind order
	var out []loadOp
	for _, op := range chunk {
		if op.ks == nil {
			continue
		}
		for len(byKind) <= op.ks.order {
			byKind = append(byKind, nil)
		}
		byKind[op.ks.order] = append(byKind[op.ks.order], op)
	}
	for _, rows := range byKind {
		// Statements of 1, 2, 4 … rows, so that each table has only a few
		// to prepare.
		for len(rows) > 0 {
			n := 1
			for n*2 <= len(rows) && n < maxInsertRows {
				n *= 2
			}
			out = append(out, insertRows(l.tx.db.dialect, rows[:n]))
			rows = rows[n:]
		}
	}
	for _, op := range chunk {
		if op.ks == nil {
			out = append(out, op)
		}
	}
	return out
}

// maxInsertRows is the most rows one INSERT writes.
const maxInsertRows = 64

// insertRows is one INSERT of records of one kind, named for errors by the
// first and last of their ids, which are handed out in order.
func insertRows(d Dialect, rows []loadOp) loadOp {
	ks := rows[0].ks
	args := make([]any, 0, len(rows)*len(ks.cols))
	for _, r := range rows {
		args = append(args, r.args...)
	}
	what := fmt.Sprintf("insert %s %d", ks.kind.Name, rows[0].args[0])
	if len(rows) > 1 {
		what += fmt.Sprintf(" to %d", rows[len(rows)-1].args[0])
	}
	return loadOp{query: ks.insertRows(d, len(rows)), args: args, what: what}
}

func (l *loader) failed() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.err
}

func (l *loader) queue(op loadOp) {
	l.chunk = append(l.chunk, op)
	if len(l.chunk) == loadChunk {
		l.ops <- l.chunk
		l.chunk = make([]loadOp, 0, loadChunk)
	}
}

// finish sends what is queued, waits for the writer and says whether
// everything was written. The transaction is the caller's again after it.
func (l *loader) finish() error {
	if len(l.chunk) > 0 {
		l.ops <- l.chunk
		l.chunk = nil
	}
	close(l.ops)
	<-l.done
	l.tx.load = nil
	if l.tx.db.dialect == Postgres {
		l.tx.db.spareIDs.give(l.ids)
	}
	return l.failed()
}

// recentlyLoaded remembers the records the last loads wrote, as they were
// stored, because a generator updates mostly what it wrote lately: an
// assessment completed weeks after it started. A record changed by anyone
// else since fails its update's version check, so a stale entry is never
// written over a newer record.
type recentlyLoaded struct {
	mu    sync.Mutex
	m     map[recordKey]recent
	order []recent // a ring, oldest at next
	next  int
	gen   uint64
}

type recent struct {
	key recordKey
	gen uint64
	stored
}

// recentRecords is how many records recentlyLoaded keeps: about two
// months of a large authority's changes, in some tens of megabytes.
const recentRecords = 1 << 16

func (r *recentlyLoaded) get(k recordKey) (stored, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	e, ok := r.m[k]
	return e.stored, ok
}

// forget drops a record changed outside a load.
func (r *recentlyLoaded) forget(k recordKey) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.m != nil {
		delete(r.m, k)
	}
}

// keep remembers a committed load's records, forgetting the oldest.
func (r *recentlyLoaded) keep(written map[recordKey]stored) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.m == nil {
		r.m = make(map[recordKey]recent, recentRecords)
		r.order = make([]recent, recentRecords)
	}
	for k, s := range written {
		if old := r.order[r.next]; old.gen != 0 && r.m[old.key].gen == old.gen {
			delete(r.m, old.key)
		}
		r.gen++
		e := recent{k, r.gen, s}
		r.m[k] = e
		r.order[r.next] = recent{key: k, gen: r.gen}
		r.next = (r.next + 1) % recentRecords
	}
}

// spareIDs are ids a PostgreSQL load took from a sequence and did not use,
// kept for the next load so that a generated authority's ids run on without
// gaps.
type spareIDs struct {
	mu   sync.Mutex
	free map[string][]int64
}

func (s *spareIDs) take() map[string][]int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.free
	s.free = nil
	if m == nil {
		m = make(map[string][]int64)
	}
	return m
}

func (s *spareIDs) give(m map[string][]int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.free = m
}

// nextID hands out the next id for a table. On SQLite the transaction holds
// the only write lock, so the ids after the highest committed one are free;
// PostgreSQL hands out blocks from the table's own sequence, which nothing
// else can then take.
func (l *loader) nextID(ks *kindSQL) (int64, error) {
	table := ks.kind.Table
	ids := l.ids[table]
	if len(ids) == 0 {
		var err error
		if ids, err = l.takeIDs(table); err != nil {
			return 0, fmt.Errorf("number %s: %w", table, err)
		}
	}
	l.ids[table] = ids[1:]
	return ids[0], nil
}

func (l *loader) takeIDs(table string) ([]int64, error) {
	ctx, db := l.tx.ctx, l.tx.db
	ids := make([]int64, 0, idBlock)
	if db.dialect == SQLite {
		// The highest id committed, read on the read pool (the writer holds
		// this transaction's connection), or after the ids already handed
		// out, which are not committed yet.
		next := l.next[table]
		if next == 0 {
			if err := db.sql.QueryRowContext(ctx, "SELECT COALESCE(MAX(id), 0) + 1 FROM "+table).Scan(&next); err != nil {
				return nil, err
			}
		}
		for i := range int64(idBlock) {
			ids = append(ids, next+i)
		}
		l.next[table] = next + idBlock
		return ids, nil
	}
	rows, err := db.sql.QueryContext(ctx, "SELECT nextval(pg_get_serial_sequence($1, 'id')) FROM generate_series(1, $2)", table, idBlock)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

func (l *loader) insert(ks *kindSQL, r domain.Record) error {
	if err := l.failed(); err != nil {
		return err
	}
	e := r.Base()
	id, err := l.nextID(ks)
	if err != nil {
		return err
	}
	e.ID = id
	args := append([]any{e.ID}, ks.args(r)...)
	after := marshal(r)
	l.written[recordKey{ks.kind.Name, e.ID}] = stored{*e, after}
	if err := l.tx.audit(audit.Create, r, nil, after); err != nil {
		return err
	}
	l.queue(loadOp{ks: ks, args: args})
	return nil
}

func (l *loader) update(ks *kindSQL, r domain.Record) error {
	if err := l.failed(); err != nil {
		return err
	}
	e := r.Base()
	key := recordKey{ks.kind.Name, e.ID}
	before, ok := l.written[key]
	if !ok {
		before, ok = l.tx.db.recent.get(key)
		// A record whose version is not the one remembered was changed
		// since: read it, to know whether this change is the stale one.
		ok = ok && before.entity.Version == e.Version
	}
	if !ok {
		// Not changed in this transaction, so what is committed is current.
		s, err := l.tx.db.reads.get(l.tx.ctx, ks.byID)
		if err != nil {
			return err
		}
		rec, err := scanOne(ks, e.ID, s.QueryRowContext(l.tx.ctx, e.ID))
		if err != nil {
			return err
		}
		before = stored{*rec.Base(), marshal(rec)}
	}
	if before.entity.Version != e.Version {
		return conflict(ks, e.Version, &before.entity)
	}
	old := *e
	e.Version, e.UpdatedAt, e.UpdatedBy = old.Version+1, l.tx.change.At, l.tx.change.Actor
	args := append(ks.args(r), e.ID, old.Version)
	after := marshal(r)
	l.written[key] = stored{*e, after}
	if err := l.tx.audit(audit.Update, r, before.json, after); err != nil {
		return err
	}
	l.queue(loadOp{query: ks.update, args: args, oneRow: true, what: fmt.Sprintf("update %s %d", ks.kind.Name, e.ID)})
	return nil
}

// WithoutAuditIndexes runs fn, which fills an empty database (as the
// synthetic authority does), with the audit trail's secondary indexes
// dropped, and builds them again afterwards, whether or not fn succeeds.
// Building an index once from a million entries is several times cheaper
// than keeping it up entry by entry. On a database whose trail is not empty
// it only runs fn. A process killed meanwhile leaves the trail unindexed:
// slower to search, still whole.
func (db *DB) WithoutAuditIndexes(ctx context.Context, fn func() error) error {
	if n, err := db.Changes(ctx); err != nil || n > 0 {
		if err != nil {
			return err
		}
		return fn()
	}
	q := "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'audit_log' AND sql IS NOT NULL"
	if db.dialect == Postgres {
		q = "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'audit_log' AND indexname <> 'audit_log_pkey'"
	}
	rows, err := db.sql.QueryContext(ctx, q)
	if err != nil {
		return fmt.Errorf("read the audit trail's indexes: %w", err)
	}
	var names, defs []string
	for rows.Next() {
		var name, def string
		if err := rows.Scan(&name, &def); err != nil {
			rows.Close()
			return err
		}
		names, defs = append(names, name), append(defs, def)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, name := range names {
		if _, err := db.w.ExecContext(ctx, "DROP INDEX "+name); err != nil {
			return fmt.Errorf("drop %s: %w", name, err)
		}
	}
	err = fn()
	for _, def := range defs {
		if _, ierr := db.w.ExecContext(context.WithoutCancel(ctx), def); ierr != nil && err == nil {
			err = fmt.Errorf("build the audit trail's index again: %w", ierr)
		}
	}
	return err
}
