package worklist

import (
	"context"
	"testing"

	"github.com/waymark-care/waymark/internal/domain"
	"github.com/waymark-care/waymark/internal/storage/storagetest"
)

// BenchmarkAuthorityWorklist evaluates every open case of an authority on
// one day and builds the whole authority's worklist: the bulk read, the
// adapter and the engine. Target: under a second for Doncaster's caseload
// (about 3,000 open cases) on 2 cores. Run with -cpu 1,2.
func BenchmarkAuthorityWorklist(b *testing.B) {
	db, asOf := storagetest.BenchDB(b, 3000)
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
