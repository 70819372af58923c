package casework_test

import (
	"context"
	"os"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/waymark-care/waymark/internal/casework"
	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/storage"
	"github.com/waymark-care/waymark/internal/storage/storagetest"
	"github.com/waymark-care/waymark/internal/worklist"
)

// benchDB opens the database named by WAYMARK_BENCH_DB (such as the one
// `waymark synth --preset doncaster` writes) with WAYMARK_BENCH_AS_OF as the
// lists' day; without it, it stores WAYMARK_BENCH_CHILDREN (default 300)
// storagetest children, each an open case with about 230 records.
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
			b.Fatal("set WAYMARK_BENCH_AS_OF to the day of the lists, such as the synthetic authority's last day")
		}
		return db, asOf
	}
	n := 300
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

// BenchmarkLists builds each drift and delay list, the summary of them all
// and the approvals queue for a whole authority, from the database: the
// read and the rules. Target: each list under 200 ms for Doncaster.
func BenchmarkLists(b *testing.B) {
	db, asOf := benchDB(b)
	ctx := context.Background()
	teams, profs, err := db.Workforce(ctx)
	if err != nil {
		b.Fatal(err)
	}
	dir, rules, w := worklist.NewDirectory(teams, profs), casework.Default(), casework.DefaultWindow(asOf)
	for _, l := range casework.Lists {
		b.Run(string(l), func(b *testing.B) {
			var n int
			defer cpuPerOp(b)()
			for b.Loop() {
				rep, err := rules.Build(ctx, db, l, w, casework.Filter{}, dir)
				if err != nil {
					b.Fatal(err)
				}
				n = len(rep.Rows)
			}
			b.ReportMetric(float64(n), "entries")
		})
	}
	b.Run("summary", func(b *testing.B) {
		defer cpuPerOp(b)()
		for b.Loop() {
			if _, err := rules.Summary(ctx, db, w, casework.Filter{}, dir); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("approvals", func(b *testing.B) {
		var n int
		defer cpuPerOp(b)()
		for b.Loop() {
			q, err := rules.BuildQueue(ctx, db, casework.Window{From: asOf.AddMonths(-3), To: asOf}, casework.Filter{}, dir)
			if err != nil {
				b.Fatal(err)
			}
			n = len(q.Rows)
		}
		b.ReportMetric(float64(n), "entries")
	})
}

// cpuPerOp reports the process's CPU time per operation ("cpu-ms/op"):
// on a machine shared with other work the wall time per operation
// measures the queue for the processor as much as the work.
func cpuPerOp(b *testing.B) func() {
	start := cpuTime()
	return func() {
		if b.N > 0 {
			b.ReportMetric(float64((cpuTime()-start).Milliseconds())/float64(b.N), "cpu-ms/op")
		}
	}
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
