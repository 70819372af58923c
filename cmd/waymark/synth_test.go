package main

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/waymark-care/waymark/internal/access"
	"github.com/waymark-care/waymark/internal/auth"
	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/domain"
	"github.com/waymark-care/waymark/internal/storage"
	"github.com/waymark-care/waymark/internal/storage/storagetest"
	"github.com/waymark-care/waymark/internal/synth"
)

func TestSynthCommand(t *testing.T) {
	dsn := filepath.Join(t.TempDir(), "synth.db")
	args := []string{"synth", "--db", dsn, "--preset", "small", "--from", "2024-01-01", "--to", "2024-03-28", "--seed", "2"}
	code, _, errOut := runCmd(t, args...)
	if code != 0 || !strings.Contains(errOut, "generated small") || !strings.Contains(errOut, "100% simulated to 2024-03-28") {
		t.Fatalf("synth: %d %q", code, errOut)
	}
	if code, _, errOut := runCmd(t, args...); code != 1 || !strings.Contains(errOut, "already holds records") {
		t.Errorf("synth into a database with records: %d %q", code, errOut)
	}
	code, out, errOut := runCmd(t, "synth", "--db", dsn, "--preset", "small", "--summary")
	if code != 0 || !strings.Contains(out, "small (3285 children aged 0–17), 2024-01-01 to 2024-03-28") ||
		!strings.Contains(out, "Children looked after") || !strings.Contains(out, "figures within tolerance") {
		t.Errorf("summary: %d %q %q", code, out, errOut)
	}
	code, out, _ = runCmd(t, "synth", "--db", dsn, "--preset", "small", "--summary", "--json")
	var summary struct {
		Population int            `json:"population"`
		To         civil.Date     `json:"to"`
		Figures    []synth.Figure `json:"figures"`
	}
	if err := json.Unmarshal([]byte(out), &summary); code != 0 || err != nil || summary.Population != 3285 || summary.To != civil.MustParse("2024-03-28") || len(summary.Figures) < 40 {
		t.Errorf("summary --json: %d %v %+v", code, err, summary)
	}
}

func TestSynthFlags(t *testing.T) {
	dsn := filepath.Join(t.TempDir(), "synth.db")
	for _, args := range [][]string{
		{"--preset", "huge"},
		{"--scale", "0"},
		{"--from", "2024-05-01", "--to", "2024-04-01"},
		{"--to", "31/03/2024"},
	} {
		if code, _, errOut := runCmd(t, append([]string{"synth", "--db", dsn}, args...)...); code != 2 {
			t.Errorf("%v: %d %q", args, code, errOut)
		}
	}
	if code, _, errOut := runCmd(t, "synth", "--help"); code != 0 || !strings.Contains(errOut, "--summary") {
		t.Errorf("--help: %d %q", code, errOut)
	}
}

// TestProgressLines: away from a terminal, progress is a line every tenth of
// the way.
func TestProgressLines(t *testing.T) {
	var b bytes.Buffer
	report := progressReporter(&b, time.Now().Add(-time.Second))
	for day := 1; day <= 100; day++ {
		report(synth.Progress{Day: civil.MustParse("2024-01-01").AddDays(day - 1), Days: day, Total: 100, Records: 10 * day})
	}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	if len(lines) != 10 || !strings.HasPrefix(lines[9], "100% simulated to 2024-04-09: 1000 records") {
		t.Errorf("%d lines: %q", len(lines), b.String())
	}
}

// TestDemoAuthority: the demo reuses a synthetic authority and refuses a
// database holding anything else.
func TestDemoAuthority(t *testing.T) {
	ctx := context.Background()
	db := storagetest.Open(t, "sqlite")
	small, _ := synth.PresetNamed("small")
	if _, err := synth.Generate(ctx, db, synth.Config{Preset: small, Seed: 1, From: civil.MustParse("2024-01-01"), To: civil.MustParse("2024-01-31")}); err != nil {
		t.Fatal(err)
	}
	before, _ := db.Changes(ctx)
	var errOut bytes.Buffer
	if err := demoAuthority(ctx, db, 1, &errOut); err != nil || !strings.Contains(errOut.String(), "already in the database (2024-01-01 to 2024-01-") {
		t.Errorf("reuse: %v %q", err, errOut.String())
	}
	if after, _ := db.Changes(ctx); after != before {
		t.Errorf("reusing the authority changed it: %d changes, then %d", before, after)
	}
	// One account for each role, the social worker holding a caseload; a
	// second run finds them there.
	for run := 0; run < 2; run++ {
		var out bytes.Buffer
		if err := demoAccounts(ctx, db, &out); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out.String(), demoPassword) || !strings.Contains(out.String(), "team-manager") {
			t.Errorf("sign-in details: %q", out.String())
		}
	}
	accounts, err := db.Accounts(ctx)
	if err != nil || len(accounts) != len(access.Roles) {
		t.Fatalf("%d accounts, %v; want one per role", len(accounts), err)
	}
	sw, err := db.AccountByUsername(ctx, "social-worker")
	if err != nil || sw.ProfessionalID == 0 || !auth.CheckPassword(sw.PasswordHash, demoPassword) {
		t.Fatalf("social worker account %+v, %v", sw, err)
	}
	if as, err := db.Allocations(ctx, sw.ProfessionalID, civil.MustParse("2024-01-31")); err != nil || len(as) == 0 {
		t.Errorf("the demo social worker holds %d children, %v", len(as), err)
	}
	other := storagetest.Open(t, "sqlite")
	if err := other.Write(ctx, storagetest.Change, func(tx *storage.Tx) error {
		return tx.Insert(&domain.Person{Forename: "Ellie", Surname: "Example"})
	}); err != nil {
		t.Fatal(err)
	}
	if err := demoAuthority(ctx, other, 1, &errOut); err == nil || !strings.Contains(err.Error(), "not a synthetic authority") {
		t.Errorf("a database with other records: %v", err)
	}
}
