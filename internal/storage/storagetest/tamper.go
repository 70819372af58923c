package storagetest

import (
	"database/sql"
	"sync"
	"testing"

	"github.com/waymark-care/waymark/internal/storage"
)

// dsns remembers how each test database was opened, so tests can reach it
// behind Waymark's back.
var dsns sync.Map // *storage.DB -> string

// Exec runs raw SQL against a test database, as someone with direct access
// could, and returns the database's answer.
func Exec(t testing.TB, db *storage.DB, statement string) error {
	t.Helper()
	dsn, ok := dsns.Load(db)
	if !ok {
		t.Fatal("storagetest: Exec needs a database from Open")
	}
	driver := "sqlite"
	if db.Dialect() == storage.Postgres {
		driver = "pgx"
	}
	raw, err := sql.Open(driver, dsn.(string))
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	_, err = raw.Exec(statement)
	return err
}

// Tamper removes the triggers that keep the audit trail append-only, then
// runs each statement, failing the test if any is refused.
func Tamper(t testing.TB, db *storage.DB, statements ...string) {
	t.Helper()
	guards := "DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete"
	if db.Dialect() == storage.Postgres {
		guards = "DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log"
	}
	for _, s := range append([]string{guards}, statements...) {
		if err := Exec(t, db, s); err != nil {
			t.Fatalf("tamper: %s: %v", s, err)
		}
	}
}
