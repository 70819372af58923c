package storage_test

import (
	"testing"
	"time"

	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/domain"
	"github.com/waymark-care/waymark/internal/storage"
	"github.com/waymark-care/waymark/internal/storage/storagetest"
)

// TestMARACAndMASHRecords: the MARAC's cases, links and actions are read
// whole (FD-11), each linked child's record carries the cases it is linked
// to, and a period's MASH requests are read by when they were made (FD-12).
func TestMARACAndMASHRecords(t *testing.T) {
	storagetest.Each(t, func(t testing.TB, db *storage.DB) {
		w := storagetest.AddWorkforce(t, db)
		c := storagetest.AddChild(t, db, w, 1)
		cases, children, actions, err := db.MARAC(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(cases) != 1 || len(children) != 2 || len(actions) != 1 || cases[0].HearingDate != civil.MustParse("2019-01-24") || len(cases[0].AgenciesPresent) != 5 {
			t.Fatalf("MARAC %+v %+v %+v", cases, children, actions)
		}
		for _, l := range children {
			cr, err := db.ChildRecord(ctx, l.PersonID)
			if err != nil {
				t.Fatal(err)
			}
			if len(cr.MARACCases) != 1 || cr.MARACCases[0].ID != cases[0].ID || len(cr.MARACChildren) != 1 {
				t.Errorf("child %d: cases %+v, links %+v", l.PersonID, cr.MARACCases, cr.MARACChildren)
			}
		}
		// The victim's own record is not a child's: no case is linked to her.
		victim, err := db.ChildRecord(ctx, cases[0].VictimID)
		if err != nil {
			t.Fatal(err)
		}
		if len(victim.MARACCases) != 0 {
			t.Errorf("victim's record has cases %+v", victim.MARACCases)
		}
		// The fixture's one action is done: its owner has none open.
		if open, err := db.MARACActionsOpen(ctx, w.Worker.ID); err != nil || len(open) != 0 {
			t.Errorf("open actions %v, %v", open, err)
		}
		err = db.Write(ctx, storagetest.Change, func(tx *storage.Tx) error {
			for _, due := range []string{"2019-03-01", "2019-02-20"} {
				if err := tx.Insert(&domain.MARACAction{MARACCaseID: cases[0].ID, Action: "See the children.", OwnerID: w.Worker.ID, DueDate: civil.MustParse(due)}); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if open, err := db.MARACActionsOpen(ctx, w.Worker.ID); err != nil || len(open) != 2 || open[0].DueDate != civil.MustParse("2019-02-20") {
			t.Errorf("open actions %+v, %v: want two, soonest due first", open, err)
		}
		day := civil.MustParse("2019-01-07").Time()
		got, err := db.MASHRequests(ctx, day, day.Add(24*time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 3 || got[0].PersonID != c || got[0].RAG != "red" || !got[2].RespondedAt.IsZero() {
			t.Errorf("MASH requests %+v", got)
		}
		if later, err := db.MASHRequests(ctx, day.Add(24*time.Hour), day.Add(48*time.Hour)); err != nil || len(later) != 0 {
			t.Errorf("the next day's requests: %v, %v", later, err)
		}
	})
}
