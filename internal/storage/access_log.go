package storage

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/waymark-care/waymark/internal/audit"
)

// The access log records every look at a child's record. A record must not
// be shown until its look is stored, and every page view adds an entry, so
// entries from requests arriving together are written together: the first
// request to find no write under way writes its own entries and everything
// queued behind it in one transaction, and each waits for the commit that
// holds its own (group commit). Under load that is one transaction, and one
// sync to disk, for many views.

// accessWriter queues access log entries for group commit.
type accessWriter struct {
	mu      sync.Mutex
	queue   []*accessBatch
	writing bool
}

// accessBatch is one request's entries and the answer to its write.
type accessBatch struct {
	entries []*audit.Access
	done    chan error
}

// accessWriters holds each database's writer. It lives beside DB rather
// than in it so that the access log needs no change to DB itself.
var accessWriters sync.Map // *DB -> *accessWriter

// LogAccess appends entries to the access log, chained by hash, and returns
// once they are stored. Each entry's Seq, PrevHash and Hash are set; At is
// set to now if zero.
func (db *DB) LogAccess(ctx context.Context, entries ...*audit.Access) error {
	if len(entries) == 0 {
		return nil
	}
	now := time.Now().UTC().Truncate(time.Microsecond)
	for _, e := range entries {
		if e.At.IsZero() {
			e.At = now
		}
		e.At = e.At.UTC().Truncate(time.Microsecond)
	}
	v, _ := accessWriters.LoadOrStore(db, &accessWriter{})
	w := v.(*accessWriter)
	b := &accessBatch{entries: entries, done: make(chan error, 1)}
	w.mu.Lock()
	w.queue = append(w.queue, b)
	lead := !w.writing
	if lead {
		w.writing = true
	}
	w.mu.Unlock()
	if lead {
		db.writeAccessQueue(w)
	}
	select {
	case err := <-b.done:
		return err
	case <-ctx.Done():
		// The entries may still be written; the request is over either way.
		return ctx.Err()
	}
}

// writeAccessQueue writes what is queued, and then whatever queued up while
// it wrote, until the queue is empty.
func (db *DB) writeAccessQueue(w *accessWriter) {
	for {
		w.mu.Lock()
		batches := w.queue
		w.queue = nil
		if len(batches) == 0 {
			w.writing = false
			w.mu.Unlock()
			return
		}
		w.mu.Unlock()
		var entries []*audit.Access
		for _, b := range batches {
			entries = append(entries, b.entries...)
		}
		// Not the leader's context: its cancellation must not fail the
		// others' entries.
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		err := db.writeAccess(ctx, entries)
		cancel()
		for _, b := range batches {
			b.done <- err
		}
	}
}

const accessColumns = "seq, at, user_id, username, action, person_id, what, how, reason, prev_hash, hash"

// accessBatchRows is how many entries one INSERT writes.
const accessBatchRows = 100

func (db *DB) writeAccess(ctx context.Context, entries []*audit.Access) error {
	err := db.writeTx(ctx, func(tx *sql.Tx) error { return db.appendAccess(ctx, tx, entries) })
	if err != nil {
		// Entries not stored keep no chain position.
		for _, e := range entries {
			e.Seq, e.PrevHash, e.Hash = 0, "", ""
		}
	}
	return err
}

// appendAccess seals entries onto the chain and writes them in tx.
func (db *DB) appendAccess(ctx context.Context, tx *sql.Tx, entries []*audit.Access) error {
	lock := ""
	if db.dialect == Postgres {
		lock = " FOR UPDATE"
	}
	var head auditHead
	if err := tx.QueryRowContext(ctx, "SELECT seq, hash FROM access_head WHERE id = 1"+lock).Scan(&head.seq, &head.hash); err != nil {
		return fmt.Errorf("read access log head: %w", err)
	}
	for _, e := range entries {
		e.Seal(head.seq+1, head.hash)
		head.seq, head.hash = e.Seq, e.Hash
	}
	for rest := entries; len(rest) > 0; {
		n := min(len(rest), accessBatchRows)
		args := make([]any, 0, n*11)
		for _, e := range rest[:n] {
			args = append(args, e.Seq, timeText(e.At), e.UserID, e.Username, string(e.Action), e.PersonID, e.What, e.How, e.Reason, e.PrevHash, e.Hash)
		}
		query := "INSERT INTO access_log (" + accessColumns + ") VALUES " +
			strings.TrimSuffix(strings.Repeat("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?), ", n), ", ")
		if _, err := tx.ExecContext(ctx, rebind(db.dialect, query), args...); err != nil {
			return fmt.Errorf("write access log: %w", err)
		}
		rest = rest[n:]
	}
	_, err := tx.ExecContext(ctx, rebind(db.dialect, "UPDATE access_head SET seq = ?, hash = ? WHERE id = 1"), head.seq, head.hash)
	return err
}

func scanAccess(sc interface{ Scan(...any) error }) (*audit.Access, error) {
	var (
		e      audit.Access
		at     any
		action string
	)
	if err := sc.Scan(&e.Seq, &at, &e.UserID, &e.Username, &action, &e.PersonID, &e.What, &e.How, &e.Reason, &e.PrevHash, &e.Hash); err != nil {
		return nil, err
	}
	t, err := timeFrom(at)
	if err != nil {
		return nil, fmt.Errorf("access log entry %d: %w", e.Seq, err)
	}
	e.At, e.Action = t, audit.AccessAction(action)
	return &e, nil
}

// AccessQuery selects access log entries: for a child, by a user, or both,
// newest first.
type AccessQuery struct {
	PersonID int64
	UserID   int64
	// Before continues a listing: only entries with a smaller Seq.
	Before int64
	// Limit is the most entries returned; 100 if zero.
	Limit int
}

// AccessLog returns the entries the query selects, newest first: "who has
// looked at this child" and "what has this user looked at".
func (db *DB) AccessLog(ctx context.Context, q AccessQuery) ([]audit.Access, error) {
	var where []string
	var args []any
	if q.PersonID != 0 {
		where, args = append(where, "person_id = ?"), append(args, q.PersonID)
	}
	if q.UserID != 0 {
		where, args = append(where, "user_id = ?"), append(args, q.UserID)
	}
	if q.Before != 0 {
		where, args = append(where, "seq < ?"), append(args, q.Before)
	}
	if len(where) == 0 {
		where = append(where, "1 = 1")
	}
	if q.Limit <= 0 {
		q.Limit = 100
	}
	query := "SELECT " + accessColumns + " FROM access_log WHERE " + strings.Join(where, " AND ") + " ORDER BY seq DESC LIMIT ?"
	rows, err := db.sql.QueryContext(ctx, rebind(db.dialect, query), append(args, q.Limit)...)
	if err != nil {
		return nil, fmt.Errorf("read access log: %w", err)
	}
	defer rows.Close()
	var es []audit.Access
	for rows.Next() {
		e, err := scanAccess(rows)
		if err != nil {
			return nil, err
		}
		es = append(es, *e)
	}
	return es, rows.Err()
}

// VerifyAccessLog checks the whole access log's hash chain, as VerifyAudit
// checks the audit trail's.
func (db *DB) VerifyAccessLog(ctx context.Context) (int64, error) {
	return db.verifyChain(ctx, "access_head", "SELECT "+accessColumns+" FROM access_log ORDER BY seq",
		func(rows *sql.Rows) (audit.Chained, error) { return scanAccess(rows) })
}

// verifyChain reads a chain from one snapshot, oldest first, checking each
// entry and finally that the chain ends at the head the store recorded.
func (db *DB) verifyChain(ctx context.Context, headTable, query string, scan func(*sql.Rows) (audit.Chained, error)) (int64, error) {
	tx, err := db.sql.BeginTx(ctx, &sql.TxOptions{ReadOnly: db.dialect == Postgres, Isolation: db.snapshot()})
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	var head auditHead
	if err := tx.QueryRowContext(ctx, "SELECT seq, hash FROM "+headTable+" WHERE id = 1").Scan(&head.seq, &head.hash); err != nil {
		return 0, fmt.Errorf("read %s: %w", headTable, err)
	}
	rows, err := tx.QueryContext(ctx, query)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	v := audit.NewVerifier()
	for rows.Next() {
		e, err := scan(rows)
		if err != nil {
			return v.Checked, err
		}
		if err := v.Check(e); err != nil {
			return v.Checked, err
		}
	}
	if err := rows.Err(); err != nil {
		return v.Checked, err
	}
	return v.Checked, v.Finish(head.seq, head.hash)
}
