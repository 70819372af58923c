package casework_test

import (
	"context"
	"syscall"
	"testing"
	"time"

	"github.com/waymark-care/waymark/internal/casework"
	"github.com/waymark-care/waymark/internal/storage/storagetest"
	"github.com/waymark-care/waymark/internal/worklist"
)

// BenchmarkLists builds each drift and delay list, the summary of them all
// and the approvals queue for a whole authority, from the database: the
// read and the rules. Target: each list under 200 ms for Doncaster.
func BenchmarkLists(b *testing.B) {
	db, asOf := storagetest.BenchDB(b, 300)
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
	// The front door's worklist reads the window's contacts, then the
	// records of the children still waiting (FD-02).
	b.Run("front-door", func(b *testing.B) {
		var n int
		defer cpuPerOp(b)()
		for b.Loop() {
			contacts, err := db.ContactsReceived(ctx, w.From.Time(), w.To.AddDays(1).Time())
			if err != nil {
				b.Fatal(err)
			}
			rep, err := rules.FrontDoorTasks(ctx, db, contacts, w, casework.Filter{}, dir)
			if err != nil {
				b.Fatal(err)
			}
			n = len(rep.Rows)
		}
		b.ReportMetric(float64(n), "entries")
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
