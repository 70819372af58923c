package app

import (
	"context"
	"testing"

	"github.com/waymark-care/waymark/internal/domain"
	"github.com/waymark-care/waymark/internal/storage"
	"github.com/waymark-care/waymark/internal/storage/storagetest"
)

func TestRecordCache(t *testing.T) {
	storagetest.Each(t, func(t testing.TB, db *storage.DB) {
		ctx := context.Background()
		w := storagetest.AddWorkforce(t, db)
		ellie := storagetest.AddChild(t, db, w, 1)
		other := storagetest.AddChild(t, db, w, 2)
		c := newRecordCache(1)
		first, err := c.childRecord(ctx, db, ellie)
		if err != nil {
			t.Fatal(err)
		}
		again, _ := c.childRecord(ctx, db, ellie)
		if &again.CaseNotes[0] != &first.CaseNotes[0] {
			t.Error("an unchanged record was read again")
		}
		// Narrowing a copy leaves the cached record whole.
		again.CaseNotes = nil
		if third, _ := c.childRecord(ctx, db, ellie); len(third.CaseNotes) != 50 {
			t.Errorf("cached record changed by its reader: %d notes", len(third.CaseNotes))
		}
		// A change to the child's records is seen at once.
		note := first.CaseNotes[0]
		note.Subject = "Changed"
		if err := db.Write(ctx, storage.Change{Actor: "sam"}, func(tx *storage.Tx) error { return tx.Update(&note) }); err != nil {
			t.Fatal(err)
		}
		changed, _ := c.childRecord(ctx, db, ellie)
		if changed.CaseNotes[0].Subject != "Changed" {
			t.Error("the cache served a record changed since")
		}
		// A change to someone else's record keeps Ellie's; the cache holds
		// one record, so reading another pushes Ellie's out.
		kept, _ := c.childRecord(ctx, db, ellie)
		if err := db.Write(ctx, storage.Change{Actor: "sam"}, func(tx *storage.Tx) error {
			return tx.Insert(&domain.CaseNote{PersonID: other, At: first.CaseNotes[1].At, Type: "visit", Subject: "Visit"})
		}); err != nil {
			t.Fatal(err)
		}
		if again, _ := c.childRecord(ctx, db, ellie); &again.CaseNotes[0] != &kept.CaseNotes[0] {
			t.Error("another child's change dropped Ellie's record")
		}
		c.childRecord(ctx, db, other)
		if len(c.recs) != 1 || c.recs[other] == nil {
			t.Errorf("cache holds %d records", len(c.recs))
		}
	})
}
