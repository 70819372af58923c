package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/waymark-care/waymark/internal/storage"
)

// openDB opens and migrates the database, reporting what it applied.
func openDB(ctx context.Context, dsn string, stderr io.Writer) (*storage.DB, error) {
	db, err := storage.Open(ctx, dsn)
	if err != nil {
		return nil, err
	}
	applied, err := db.Migrate(ctx)
	if err != nil {
		db.Close()
		return nil, err
	}
	for _, name := range applied {
		fmt.Fprintf(stderr, "applied migration %s\n", name)
	}
	return db, nil
}

func init() {
	register("migrate", "apply database migrations", func(ctx context.Context, args []string, stdout, stderr io.Writer) int {
		fs := newFlags("migrate", "[--db DB]", stderr)
		dsn := dbFlag(fs)
		if code, stop := parseFlags(fs, args); stop {
			return code
		}
		db, err := openDB(ctx, *dsn, stderr)
		if err != nil {
			fmt.Fprintln(stderr, "waymark migrate:", err)
			return 1
		}
		defer db.Close()
		fmt.Fprintln(stdout, "database is up to date")
		return 0
	})

	register("audit", "check the audit trail (audit verify)", func(ctx context.Context, args []string, stdout, stderr io.Writer) int {
		if len(args) == 0 || args[0] != "verify" {
			fmt.Fprintln(stderr, "Usage: waymark audit verify [--db DB]\n\nChecks the hash chains of the audit trail and the access log and reports the first broken entry.")
			if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
				return 0
			}
			return 2
		}
		fs := newFlags("audit verify", "[--db DB]", stderr)
		dsn := dbFlag(fs)
		if code, stop := parseFlags(fs, args[1:]); stop {
			return code
		}
		db, err := storage.Open(ctx, *dsn)
		if err != nil {
			fmt.Fprintln(stderr, "waymark audit verify:", err)
			return 1
		}
		defer db.Close()
		start := time.Now()
		n, err := db.VerifyAudit(ctx)
		if err != nil {
			fmt.Fprintf(stderr, "waymark audit verify: %v (%d entries checked before it)\n", err, n)
			return 1
		}
		fmt.Fprintf(stdout, "audit trail intact: %d entries checked in %s\n", n, time.Since(start).Round(time.Millisecond))
		start = time.Now()
		if n, err = db.VerifyAccessLog(ctx); err != nil {
			fmt.Fprintf(stderr, "waymark audit verify: access log: %v (%d entries checked before it)\n", err, n)
			return 1
		}
		fmt.Fprintf(stdout, "access log intact: %d entries checked in %s\n", n, time.Since(start).Round(time.Millisecond))
		return 0
	})
}
