package synth

import (
	"context"
	"regexp"
	"testing"

	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/domain"
	"github.com/waymark-care/waymark/internal/storage"
	"github.com/waymark-care/waymark/internal/storage/storagetest"
)

var small, _ = PresetNamed("small")

func generate(t testing.TB, db *storage.DB, cfg Config) Result {
	t.Helper()
	res, err := Generate(context.Background(), db, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestCalibration generates the small preset over three years and checks
// every figure against its target: stocks on the last day, flows over the
// last two years, after the migrated caseload has settled.
func TestCalibration(t *testing.T) {
	if testing.Short() {
		t.Skip("three simulated years")
	}
	ctx := context.Background()
	db := storagetest.Open(t, "sqlite")
	cfg := Config{Preset: small, Seed: 7, From: civil.MustParse("2022-09-01"), To: civil.MustParse("2025-08-31")}
	generate(t, db, cfg)
	st, err := db.Stock(ctx, cfg.To)
	if err != nil {
		t.Fatal(err)
	}
	fl, err := db.Flows(ctx, civil.MustParse("2023-09-01"), cfg.To)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range compare(st, fl, cfg.scale(), 2) {
		if !f.OK {
			t.Errorf("%s (%s): %.1f, target %.1f ± %.2f (%s, over %d)", f.Measure, f.Source, f.Value, f.Target, f.Tolerance, f.Unit, f.Base)
		}
	}
	counts, err := db.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range domain.Kinds() {
		if counts[k.Name] == 0 && !rareAtSmallScale[k.Name] {
			t.Errorf("no %s records", k.Name)
		}
	}
}

// rareAtSmallScale are kinds the small preset makes about once a year or
// less (Doncaster's own figures are 20 times as many), so that whether
// three years hold any is chance.
var rareAtSmallScale = map[string]bool{"substance_misuse": true, "conviction": true, "pre_proceedings": true}

// TestDeterministic: the same seed and period give the same database, down
// to the audit trail; another seed gives another authority.
func TestDeterministic(t *testing.T) {
	cfg := Config{Preset: small, Seed: 11, From: civil.MustParse("2024-01-01"), To: civil.MustParse("2024-03-31")}
	storagetest.Each(t, func(t testing.TB, first *storage.DB) {
		ctx := context.Background()
		second := storagetest.Open(t, first.Dialect().String())
		other := storagetest.Open(t, first.Dialect().String())
		generate(t, first, cfg)
		generate(t, second, cfg)
		reseeded := cfg
		reseeded.Seed++
		generate(t, other, reseeded)
		var hashes [3]string
		for i, db := range []*storage.DB{first, second, other} {
			h, err := db.ContentHash(ctx)
			if err != nil {
				t.Fatal(err)
			}
			hashes[i] = h
		}
		if hashes[0] != hashes[1] {
			t.Errorf("two runs with one seed differ: %s, %s", hashes[0], hashes[1])
		}
		if hashes[0] == hashes[2] {
			t.Error("two seeds gave the same authority")
		}
		if n, err := first.VerifyAudit(ctx); err != nil || n == 0 {
			t.Errorf("audit trail: %d entries, %v", n, err)
		}
	})
}

// TestMondayMorning: at the end of the period work is in progress, some of
// it late, and every change is recorded by a member of staff at a time on
// the day it happened.
func TestMondayMorning(t *testing.T) {
	ctx := context.Background()
	db := storagetest.Open(t, "sqlite")
	// Half of Doncaster: about five assessments overdue at any time, so that
	// none overdue is not a matter of chance.
	cfg := Config{Preset: small, Scale: 10, Seed: 4, From: civil.MustParse("2024-06-01"), To: civil.MustParse("2024-12-31")}
	res := generate(t, db, cfg)
	if res.Children == 0 || res.Staff == 0 || res.Population != 32850 {
		t.Fatalf("result: %+v", res)
	}
	from, to, err := db.SynthPeriod(ctx, Actor)
	if err != nil || from != cfg.From || to != cfg.To {
		t.Errorf("period %s to %s, %v", from, to, err)
	}
	st, err := db.Stock(ctx, cfg.To)
	if err != nil {
		t.Fatal(err)
	}
	if st.AssessmentsOpen == 0 || st.AssessmentsOverdue == 0 {
		t.Errorf("assessments under way at the end: %d, of them overdue: %d", st.AssessmentsOpen, st.AssessmentsOverdue)
	}
	staff := regexp.MustCompile(`^DN[0-9]{5}$`)
	for _, actor := range []string{"DN10002", "DN10010"} {
		entries, err := db.ActorHistory(ctx, actor)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if !staff.MatchString(e.Actor) || e.At.Hour() < 8 || e.At.Hour() > 22 {
				t.Fatalf("entry %d recorded by %q at %s", e.Seq, e.Actor, e.At)
			}
		}
	}
}

func TestIdentifiers(t *testing.T) {
	var n ids
	seen := map[string]bool{}
	upn := regexp.MustCompile(`^[A-Z][0-9]{11}[0-9A-Z]$`)
	for range 20000 {
		nhs := n.nhsNumber()
		if !domain.ValidNHSNumber(nhs) || nhs[:3] != "999" || seen[nhs] {
			t.Fatalf("NHS number %s: valid %v, seen before %v", nhs, domain.ValidNHSNumber(nhs), seen[nhs])
		}
		seen[nhs] = true
		u := n.upn(2020)
		if !upn.MatchString(u) || seen[u] {
			t.Fatalf("UPN %s", u)
		}
		seen[u] = true
	}
	if got := upnCheckLetter("801200005001"); got != 'B' {
		t.Errorf("check letter of 801200005001: %c, want B", got)
	}
	r := newRNG(1)
	postcode := regexp.MustCompile(`^DN([1-9]|1[0-2]) [0-9][CIKMOV]{2}$`)
	for range 1000 {
		if pc := r.localPostcode(); !postcode.MatchString(pc) {
			t.Fatalf("postcode %q", pc)
		}
	}
}

// BenchmarkGenerate writes a year of the Doncaster preset, the unit of
// `waymark synth`'s speed (issue 3: six years into SQLite in under 60 s).
func BenchmarkGenerate(b *testing.B) {
	doncaster, _ := PresetNamed("doncaster")
	cfg := Config{Preset: doncaster, Seed: 1, From: civil.MustParse("2025-01-01"), To: civil.MustParse("2025-12-31")}
	storagetest.Each(b, func(t testing.TB, db *storage.DB) {
		b := t.(*testing.B)
		for b.Loop() {
			res := generate(b, db, cfg)
			b.ReportMetric(float64(res.Records)/b.Elapsed().Seconds(), "records/s")
		}
	})
}
