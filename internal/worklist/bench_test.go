package worklist

import (
	"context"
	"os"
	"strconv"
	"testing"

	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/domain"
	"github.com/waymark-care/waymark/internal/storage"
	"github.com/waymark-care/waymark/internal/storage/storagetest"
)

// benchDB opens the database named by WAYMARK_BENCH_DB (such as the one
// `waymark synth --preset doncaster` writes), with WAYMARK_BENCH_AS_OF as the
// day to evaluate; without it, it stores WAYMARK_BENCH_CHILDREN (default
// 3,000) storagetest children, each an open case with about 230 records.
func benchDB(b *testing.B) (*storage.DB, civil.Date) {
	ctx := context.Background()
	if dsn := os.Getenv("WAYMARK_BENCH_DB"); dsn != "" {
		db, err := storage.Open(ctx, dsn)
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { db.Close() })
		asOf, err := civil.Parse(os.Getenv("WAYMARK_BENCH_AS_OF"))
		if err != nil || asOf.IsZero() {
			b.Fatal("set WAYMARK_BENCH_AS_OF to the day to evaluate, such as the synthetic authority's last day")
		}
		return db, asOf
	}
	n := 3000
	if s := os.Getenv("WAYMARK_BENCH_CHILDREN"); s != "" {
		n, _ = strconv.Atoi(s)
	}
	db := storagetest.Open(b, "sqlite")
	w := storagetest.AddWorkforce(b, db)
	for i := range n {
		storagetest.AddChild(b, db, w, i)
	}
	return db, civil.MustParse("2024-04-01")
}

// BenchmarkAuthorityWorklist evaluates every open case of an authority on
// one day and builds the whole authority's worklist: the bulk read, the
// adapter and the engine. Target: under a second for Doncaster's caseload
// (about 3,000 open cases) on 2 cores. Run with -cpu 1,2.
func BenchmarkAuthorityWorklist(b *testing.B) {
	db, asOf := benchDB(b)
	ctx := context.Background()
	teams, profs, err := db.Workforce(ctx)
	if err != nil {
		b.Fatal(err)
	}
	dir, eng := NewDirectory(teams, profs), DefaultEngine()
	cases, items, records := 0, 0, 0
	err = db.Caseload(ctx, asOf, asOf, Columns, func(batch []*domain.ChildRecord) error {
		for _, cr := range batch {
			cases++
			items += len(eng.Items(cr, asOf))
			records += len(CaseOf(cr).Events)
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	var entries int
	cpu := processCPU()
	b.ResetTimer()
	for b.Loop() {
		wl, err := Build(ctx, db.Caseload, asOf, Scope{}, eng, dir)
		if err != nil {
			b.Fatal(err)
		}
		entries = len(wl.Entries)
	}
	// CPU time says what a run costs even when other work shares the
	// cores and stretches the wall-clock time.
	b.ReportMetric(float64((processCPU()-cpu).Milliseconds())/float64(b.N), "cpu-ms/op")
	b.ReportMetric(float64(cases), "cases")
	b.ReportMetric(float64(records)/float64(cases), "events/case")
	b.ReportMetric(float64(items)/float64(cases), "items/case")
	b.ReportMetric(float64(entries), "entries")
}
