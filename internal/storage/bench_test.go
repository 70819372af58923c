package storage_test

import (
	"testing"

	"github.com/waymark-care/waymark/internal/storage"
	"github.com/waymark-care/waymark/internal/storage/storagetest"
)

// BenchmarkWriteChild stores one child with a full history (about 230
// records of every kind, each audited) per iteration.
func BenchmarkWriteChild(b *testing.B) {
	storagetest.Each(b, func(tb testing.TB, db *storage.DB) {
		b := tb.(*testing.B)
		w := storagetest.AddWorkforce(b, db)
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			storagetest.AddChild(b, db, w, i)
		}
	})
}

// BenchmarkChildRecord reads back one child's whole record: every table.
// Other children's records are present, as they would be in a real
// authority. Target: under 2 ms on SQLite.
func BenchmarkChildRecord(b *testing.B) {
	storagetest.Each(b, func(tb testing.TB, db *storage.DB) {
		b := tb.(*testing.B)
		w := storagetest.AddWorkforce(b, db)
		var id int64
		for i := 0; i < 200; i++ {
			id = storagetest.AddChild(b, db, w, i)
		}
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			cr, err := db.ChildRecord(ctx, id)
			if err != nil {
				b.Fatal(err)
			}
			if len(cr.Visits) != 60 {
				b.Fatalf("read %d visits", len(cr.Visits))
			}
		}
	})
}
