package storage

import (
	"context"
	"fmt"
)

// This file holds what the synthetic authority (package synth) needs from
// storage: recording a day's work by many people in one transaction, and the
// queries that measure what it generated.

// As records the transaction's later changes as made by ch.Actor at ch.At.
// A simulated day is the work of many professionals at many times, written
// in one transaction for speed; As keeps each change's audit entry true to
// who made it and when.
func (tx *Tx) As(ch Change) {
	if ch.Actor == "" || ch.At.IsZero() {
		panic("storage: As needs an actor and a time")
	}
	ch.At = ch.At.UTC()
	tx.change = ch
}

// Changes returns how many changes have ever been made: 0 for a database
// that has never held a record.
func (db *DB) Changes(ctx context.Context) (int64, error) {
	var n int64
	if err := db.sql.QueryRowContext(ctx, "SELECT seq FROM audit_head WHERE id = 1").Scan(&n); err != nil {
		return 0, fmt.Errorf("read audit head: %w", err)
	}
	return n, nil
}
