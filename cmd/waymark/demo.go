package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"

	"github.com/waymark-care/waymark/internal/storage"
	"github.com/waymark-care/waymark/internal/synth"
)

func init() {
	register("demo", "run Waymark on a synthetic authority, generating one first if needed", demoCommand)
}

// demoYears is how much history the demo authority has: enough for a year
// of flows after its caseload settles, small enough to be ready in about a
// minute on a laptop.
const demoYears = 2

const demoUsage = `[--db FILE] [--addr ADDR] [--seed N]

Serves a synthetic authority the size of Doncaster. The first run generates
two years of its history into --db, which takes about a minute; later runs
reuse it.`

func demoCommand(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("demo", demoUsage, stderr)
	dsn := fs.String("db", "waymark-demo.db", "SQLite file for the demo authority")
	addr := fs.String("addr", env("WAYMARK_ADDR", "127.0.0.1:8080"), "address to listen on (env WAYMARK_ADDR)")
	seed := fs.Uint64("seed", 1, "seed for a new demo authority")
	if code, stop := parseFlags(fs, args); stop {
		return code
	}
	db, err := openDB(ctx, *dsn, stderr)
	if err != nil {
		fmt.Fprintln(stderr, "waymark demo:", err)
		return 1
	}
	defer db.Close()
	if err := demoAuthority(ctx, db, *seed, stderr); err != nil {
		fmt.Fprintln(stderr, "waymark demo:", err)
		return 1
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintln(stderr, "waymark demo:", err)
		return 1
	}
	if err := serve(ctx, ln, db, false, slog.New(slog.NewTextHandler(stderr, nil)), stdout); err != nil {
		fmt.Fprintln(stderr, "waymark demo:", err)
		return 1
	}
	return 0
}

// demoAuthority makes sure db holds a synthetic authority: it reuses one
// already there, generates one into an empty database, and refuses a
// database holding anything else.
func demoAuthority(ctx context.Context, db *storage.DB, seed uint64, stderr io.Writer) error {
	from, to, err := db.SynthPeriod(ctx, synth.Actor)
	if err != nil {
		return err
	}
	if !from.IsZero() {
		fmt.Fprintf(stderr, "using the synthetic authority already in the database (%s to %s)\n", from, to)
		return nil
	}
	n, err := db.Changes(ctx)
	if err != nil {
		return err
	}
	if n > 0 {
		return errors.New("the database holds records that are not a synthetic authority; give another --db")
	}
	cfg, err := synthConfig("doncaster", 1, seed, "", "", demoYears)
	if err != nil {
		return err
	}
	if err := generate(ctx, db, cfg, stderr); err != nil {
		return err
	}
	return demoAccounts(ctx, db)
}

// demoAccounts is where the demo's sign-in accounts, one for each role,
// will be created. Until they are, the demo serves the parts of Waymark
// that need no sign-in.
func demoAccounts(ctx context.Context, db *storage.DB) error {
	return nil
}
