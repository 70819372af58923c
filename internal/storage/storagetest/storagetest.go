// Package storagetest runs tests against every database Waymark supports:
// SQLite always, and PostgreSQL when WAYMARK_TEST_POSTGRES names a server
// (e.g. postgres://postgres@127.0.0.1:5432/waymark_test). Each test gets an
// empty, migrated database of its own.
package storagetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/waymark-care/waymark/internal/storage"
)

// EnvPostgres names the PostgreSQL server for tests.
const EnvPostgres = "WAYMARK_TEST_POSTGRES"

// Each runs fn once per database, as a subtest named after it.
func Each(t testing.TB, fn func(t testing.TB, db *storage.DB)) {
	for _, name := range []string{"sqlite", "postgres"} {
		run := func(t testing.TB) {
			db := Open(t, name)
			if db != nil {
				fn(t, db)
			}
		}
		switch tb := t.(type) {
		case *testing.T:
			tb.Run(name, func(t *testing.T) { run(t) })
		case *testing.B:
			tb.Run(name, func(b *testing.B) { run(b) })
		}
	}
}

// Open returns a new, migrated database of the named dialect ("sqlite" or
// "postgres"), removed when the test ends. For PostgreSQL without
// WAYMARK_TEST_POSTGRES it skips the test.
func Open(t testing.TB, dialect string) *storage.DB {
	t.Helper()
	ctx := context.Background()
	var dsn string
	switch dialect {
	case "sqlite":
		dsn = filepath.Join(t.TempDir(), "waymark.db")
	case "postgres":
		dsn = postgresSchema(t)
	default:
		t.Fatalf("storagetest: unknown dialect %q", dialect)
	}
	db, err := storage.Open(ctx, dsn)
	if err != nil {
		t.Fatalf("open %s: %v", dialect, err)
	}
	dsns.Store(db, dsn)
	t.Cleanup(func() { dsns.Delete(db); db.Close() })
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatalf("migrate %s: %v", dialect, err)
	}
	return db
}

// OpenDSN is Open for tests that also need the connection string, such as
// command-line tests that open the database themselves.
func OpenDSN(t testing.TB, dialect string) (*storage.DB, string) {
	t.Helper()
	db := Open(t, dialect)
	if db == nil {
		return nil, ""
	}
	dsn, _ := dsns.Load(db)
	return db, dsn.(string)
}

// postgresSchema creates a schema of its own for the test, so tests never see
// each other's rows, and returns a URL whose search_path points at it.
func postgresSchema(t testing.TB) string {
	t.Helper()
	base := os.Getenv(EnvPostgres)
	if base == "" {
		t.Skipf("PostgreSQL tests skipped: set %s to a server URL to run them", EnvPostgres)
	}
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatalf("postgres: %v", err)
	}
	defer admin.Close()
	b := make([]byte, 6)
	rand.Read(b)
	schema := "test_" + hex.EncodeToString(b)
	if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
		t.Fatalf("postgres: create schema: %v", err)
	}
	t.Cleanup(func() {
		admin, err := sql.Open("pgx", base)
		if err == nil {
			admin.Exec("DROP SCHEMA " + schema + " CASCADE")
			admin.Close()
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("postgres: %s is not a URL: %v", EnvPostgres, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}
