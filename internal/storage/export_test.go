package storage

import "context"

// ExecForTest runs raw SQL, for tests that tamper with the database behind
// Waymark's back.
func (db *DB) ExecForTest(ctx context.Context, query string) error {
	_, err := db.w.ExecContext(ctx, query)
	return err
}

// DropAuditGuardsForTest removes the triggers that keep the audit trail
// append-only, as someone with direct database access could.
func (db *DB) DropAuditGuardsForTest(ctx context.Context) error {
	drop := "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete"
	if db.dialect == Postgres {
		drop = "DROP TRIGGER audit_log_append_only ON audit_log"
	}
	return db.ExecForTest(ctx, drop)
}
