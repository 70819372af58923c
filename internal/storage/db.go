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
	"sync"
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
	// sql serves reads. w serves writes: for SQLite a pool of its own whose
	// transactions take the write lock at BEGIN, queued on writeMu, since
	// SQLite has one writer at a time and queueing in Go is cheaper than
	// retrying on "database is locked"; for PostgreSQL the same pool as sql.
	sql     *sql.DB
	w       *sql.DB
	writeMu sync.Mutex
	dialect Dialect
	// kinds holds the SQL text built for each kind, already rebound.
	kinds map[string]*kindSQL
	// reads and writes cache prepared statements on each pool.
	reads, writes *stmtCache
	spareIDs      spareIDs
	recent        recentlyLoaded
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
		// Two connections, though only one writes at a time: the other lets
		// a statement be prepared while a transaction holds the first.
		w.SetMaxOpenConns(2)
		w.SetMaxIdleConns(2)
		s.sql, s.w = r, w
	}
	if err := s.w.PingContext(ctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("connect to %s database: %w", s.dialect, err)
	}
	s.kinds = buildKindSQL(s.dialect)
	s.reads, s.writes = newStmtCache(s.sql), newStmtCache(s.w)
	return s, nil
}

// sqliteDSN adds the settings every connection needs: write-ahead logging so
// readers never wait for the writer, foreign keys enforced, FULL sync so an
// acknowledged write survives a crash or power cut, a busy timeout instead of
// immediate "database is locked" errors, statement journals in memory, and
// for the writer BEGIN IMMEDIATE, so a write transaction takes the write
// lock up front rather than failing half-way, and a checkpoint every 16 MiB
// of log rather than every 4, so pages changed by every write (the audit
// trail's indexes) are copied back to the database less often. Only readers
// map the file into memory: the writer touches every part of it, and mapped
// pages would make its memory the size of the database, for no speed.
func sqliteDSN(path string, writer bool) string {
	path = strings.TrimPrefix(path, "file:")
	q := url.Values{}
	for _, p := range []string{"journal_mode(WAL)", "foreign_keys(1)", "synchronous(FULL)", "busy_timeout(10000)", "cache_size(-32768)", "temp_store(MEMORY)"} {
		q.Add("_pragma", p)
	}
	if !writer {
		q.Add("_pragma", "mmap_size(1073741824)")
	}
	if writer {
		q.Set("_txlock", "immediate")
		q.Add("_pragma", "wal_autocheckpoint(4096)")
	}
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	return "file:" + path + sep + q.Encode()
}

// Close closes the database.
func (db *DB) Close() error {
	if db.reads != nil {
		db.reads.close()
		db.writes.close()
	}
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

// ErrNotFound is returned when a record does not exist.
var ErrNotFound = errors.New("not found")
