package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"strings"
	"time"

	"github.com/waymark-care/waymark/internal/access"
	"github.com/waymark-care/waymark/internal/auth"
	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/domain"
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
	if err := demoAccounts(ctx, db, stdout); err != nil {
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
	return nil
}

// demoPassword signs in every demo account. The demo is a local, invented
// authority; real deployments create accounts with `waymark users add`.
const demoPassword = "waymark-demo"

// demoRoles are the demo's accounts: one for each role, each placed in the
// synthetic workforce where the role has a place (the busiest social worker,
// that worker's team manager and service manager, an IRO …).
var demoRoles = []struct {
	role access.Role
	// staff is the professional_role code of the worker the account is, or
	// "" for roles outside the authority's workforce. A role the synthetic
	// workforce has no one for gets an account of its own.
	staff string
}{
	{access.SocialWorker, "social_worker"},
	{access.TeamManager, "team_manager"},
	{access.ServiceManager, "service_manager"},
	{access.IRO, "iro"},
	{access.CPChair, "cp_chair"},
	{access.PersonalAdviser, "personal_adviser"},
	{access.EarlyHelpPractitioner, "early_help_practitioner"},
	{access.VirtualSchool, "virtual_school"},
	{access.Police, ""},
	{access.Health, ""},
	{access.Education, ""},
	{access.Analyst, ""},
	{access.PartnershipMember, ""},
	{access.Auditor, ""},
	{access.Administrator, ""},
}

// demoAccounts makes sure each demo account exists and prints how to sign in.
func demoAccounts(ctx context.Context, db *storage.DB, stdout io.Writer) error {
	teams, staff, err := db.Workforce(ctx)
	if err != nil {
		return err
	}
	team := map[int64]domain.Team{}
	for _, t := range teams {
		team[t.ID] = t
	}
	// The social worker is the one holding most children at the end of the
	// authority's history, so the demo opens on a real caseload; their
	// managers follow from the team's line.
	_, today, err := db.SynthPeriod(ctx, synth.Actor)
	if err != nil {
		return err
	}
	if today.IsZero() {
		today = civil.OfTime(time.Now())
	}
	var worker domain.Professional
	most := -1
	for _, p := range staff {
		if p.Role != "social_worker" || !p.LeftDate.IsZero() {
			continue
		}
		as, err := db.Allocations(ctx, p.ID, today)
		if err != nil {
			return err
		}
		if len(as) > most {
			worker, most = p, len(as)
		}
	}
	chosen := map[string]domain.Professional{"social_worker": worker}
	byID := map[int64]domain.Professional{}
	for _, p := range staff {
		byID[p.ID] = p
	}
	if t, ok := team[worker.TeamID]; ok {
		chosen["team_manager"] = byID[t.ManagerID]
		if parent, ok := team[t.ParentTeamID]; ok {
			chosen["service_manager"] = byID[parent.ManagerID]
		}
	}
	for _, p := range staff {
		if _, ok := chosen[p.Role]; !ok && p.LeftDate.IsZero() {
			chosen[p.Role] = p
		}
	}

	fmt.Fprintf(stdout, "\nSign in with any of these accounts; the password is %q.\n\n", demoPassword)
	ch := storage.Change{Actor: "demo", At: time.Now()}
	hash := ""
	for _, d := range demoRoles {
		username := strings.ReplaceAll(string(d.role), "_", "-")
		a := &storage.Account{Username: username, Name: d.role.Title() + " (demo)", Roles: []access.Role{d.role}}
		if p, ok := chosen[d.staff]; ok && p.ID != 0 {
			a.Name, a.ProfessionalID, a.TeamID = p.Name, p.ID, p.TeamID
		}
		fmt.Fprintf(stdout, "  %-26s %s\n", username, d.role.Title())
		if _, err := db.AccountByUsername(ctx, username); err == nil {
			continue
		} else if !errors.Is(err, storage.ErrNotFound) {
			return err
		}
		if hash == "" {
			hash = auth.HashPassword(demoPassword)
		}
		a.PasswordHash = hash
		if err := db.CreateAccount(ctx, ch, a); err != nil {
			return fmt.Errorf("demo account %s: %w", username, err)
		}
	}
	fmt.Fprintln(stdout)
	return nil
}
