// Package storage keeps Waymark's records in SQLite (the embedded default: a
// single file) or PostgreSQL (production). All SQL lives here; the same code
// and the same tests run on both.
package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	_ "modernc.org/sqlite"             // registers the "sqlite" driver
)

// Dialect is the database in use.
type Dialect int

const (
	SQLite Dialect = iota
	Postgres
)

func (d Dialect) String() string {
	if d == Postgres {
		return "postgres"
	}
	return "sqlite"
}

// DB is an open Waymark database.
type DB struct {
	// sql serves reads. w serves writes: for SQLite it is a single
	// connection, since SQLite has one writer at a time and queueing in Go is
	// cheaper than retrying on "database is locked"; for PostgreSQL it is the
	// same pool as sql.
	sql     *sql.DB
	w       *sql.DB
	dialect Dialect
	// stmts caches the SQL text built for each kind, already rebound.
	kinds map[string]*kindSQL
}

// Open opens the database named by dsn: a postgres:// or postgresql:// URL,
// or a file path (optionally file:…) for SQLite. It does not migrate; call
// Migrate.
func Open(ctx context.Context, dsn string) (*DB, error) {
	s := &DB{}
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		s.dialect = Postgres
		db, err := sql.Open("pgx", dsn)
		if err != nil {
			return nil, fmt.Errorf("open database: %w", err)
		}
		db.SetMaxOpenConns(20)
		db.SetMaxIdleConns(20)
		db.SetConnMaxIdleTime(5 * time.Minute)
		s.sql, s.w = db, db
	} else {
		s.dialect = SQLite
		r, err := sql.Open("sqlite", sqliteDSN(dsn, false))
		if err != nil {
			return nil, fmt.Errorf("open database: %w", err)
		}
		w, err := sql.Open("sqlite", sqliteDSN(dsn, true))
		if err != nil {
			r.Close()
			return nil, fmt.Errorf("open database: %w", err)
		}
		r.SetMaxOpenConns(8)
		r.SetMaxIdleConns(8)
		w.SetMaxOpenConns(1)
		s.sql, s.w = r, w
	}
	if err := s.w.PingContext(ctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("connect to %s database: %w", s.dialect, err)
	}
	s.kinds = buildKindSQL(s.dialect)
	return s, nil
}

// sqliteDSN adds the settings every connection needs: write-ahead logging so
// readers never wait for the writer, foreign keys enforced, FULL sync so an
// acknowledged write survives a crash or power cut, a busy timeout instead of
// immediate "database is locked" errors, and BEGIN IMMEDIATE so a write
// transaction takes the write lock up front rather than failing half-way.
func sqliteDSN(path string, writer bool) string {
	path = strings.TrimPrefix(path, "file:")
	q := url.Values{}
	for _, p := range []string{"journal_mode(WAL)", "foreign_keys(1)", "synchronous(FULL)", "busy_timeout(10000)"} {
		q.Add("_pragma", p)
	}
	if writer {
		q.Set("_txlock", "immediate")
	}
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	return "file:" + path + sep + q.Encode()
}

// Close closes the database.
func (db *DB) Close() error {
	if db.w != db.sql {
		db.w.Close()
	}
	return db.sql.Close()
}

// Dialect reports which database this is.
func (db *DB) Dialect() Dialect { return db.dialect }

// Ping checks the database answers; /healthz uses it.
func (db *DB) Ping(ctx context.Context) error { return db.sql.PingContext(ctx) }

// rebind turns the ? placeholders every query is written with into $1, $2 …
// for PostgreSQL. Queries never contain a literal question mark.
func rebind(d Dialect, query string) string {
	if d != Postgres || !strings.Contains(query, "?") {
		return query
	}
	var b strings.Builder
	n := 0
	for _, r := range query {
		if r == '?' {
			n++
			fmt.Fprintf(&b, "$%d", n)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// querier is what both *sql.DB and *sql.Tx offer.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// ErrNotFound is returned when a record does not exist.
var ErrNotFound = errors.New("not found")
