package storagetest

import (
	"context"
	"os"
	"strconv"
	"testing"

	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/storage"
)

// BenchDB is the database an authority-wide benchmark runs on: the one named
// by WAYMARK_BENCH_DB (such as `waymark synth --preset doncaster` writes),
// with WAYMARK_BENCH_AS_OF as the day to measure; without it, a new SQLite
// database holding WAYMARK_BENCH_CHILDREN (default children) open cases of
// about 230 records each, measured on 1 April 2024.
func BenchDB(b *testing.B, children int) (*storage.DB, civil.Date) {
	b.Helper()
	if dsn := os.Getenv("WAYMARK_BENCH_DB"); dsn != "" {
		db, err := storage.Open(context.Background(), dsn)
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { db.Close() })
		asOf, err := civil.Parse(os.Getenv("WAYMARK_BENCH_AS_OF"))
		if err != nil || asOf.IsZero() {
			b.Fatal("set WAYMARK_BENCH_AS_OF to the day to measure, such as the synthetic authority's last day")
		}
		return db, asOf
	}
	if s := os.Getenv("WAYMARK_BENCH_CHILDREN"); s != "" {
		children, _ = strconv.Atoi(s)
	}
	db := Open(b, "sqlite")
	w := AddWorkforce(b, db)
	for i := range children {
		AddChild(b, db, w, i)
	}
	return db, civil.MustParse("2024-04-01")
}
