package worklist

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"testing"

	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/domain"
	"github.com/waymark-care/waymark/internal/storage"
	"github.com/waymark-care/waymark/internal/storage/storagetest"
)

// TestColumnsSuffice reads a child with a record of every kind in full and
// with only Columns, and gets the same events and allocations: the bulk
// read leaves out nothing the adapter uses.
func TestColumnsSuffice(t *testing.T) {
	storagetest.Each(t, func(t testing.TB, db *storage.DB) {
		ctx := context.Background()
		w := storagetest.AddWorkforce(t, db)
		id := storagetest.AddChild(t, db, w, 1)
		full, err := db.ChildRecord(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		var lean *domain.ChildRecord
		asOf := civil.MustParse("2024-04-01")
		err = db.Caseload(ctx, asOf, asOf, Columns, func(batch []*domain.ChildRecord) error {
			lean = batch[0]
			return nil
		})
		if err != nil || lean == nil {
			t.Fatalf("caseload: %v, %v", lean, err)
		}
		if !reflect.DeepEqual(CaseOf(full), CaseOf(lean)) {
			t.Errorf("events from the full record:\n%v\nfrom Columns:\n%v", CaseOf(full).Events, CaseOf(lean).Events)
		}
		teams, profs, err := db.Workforce(ctx)
		if err != nil {
			t.Fatal(err)
		}
		dir := NewDirectory(teams, profs)
		for day := civil.MustParse("2019-01-01"); day.Before(civil.MustParse("2027-01-01")); day = day.AddMonths(1) {
			if a, b := dir.AllocatedOn(full, day), dir.AllocatedOn(lean, day); a != b {
				t.Errorf("allocated on %s: %+v in full, %+v from Columns", day, a, b)
			}
		}

		// Every item links back to a record of the child's.
		refs := map[string]bool{}
		v := reflect.ValueOf(*full)
		for i := range v.NumField() {
			if f := v.Field(i); f.Kind() == reflect.Slice {
				for j := range f.Len() {
					refs[RefOf(f.Index(j).Addr().Interface().(domain.Record)).String()] = true
				}
			}
		}
		items := DefaultEngine().Items(full, asOf)
		if len(items) < 50 {
			t.Errorf("only %d items from a child with a full history", len(items))
		}
		var rules []string
		for _, it := range items {
			for _, ref := range []string{it.RootRef, it.StartRef, it.MetRef} {
				if ref != "" && !refs[ref] {
					t.Errorf("%s item refers to %s, not a record of the child's", it.RuleID, ref)
				}
			}
			if !slices.Contains(rules, it.RuleID) {
				rules = append(rules, it.RuleID)
			}
		}
		t.Log(fmt.Sprint("rules with items: ", rules))

		// A team's worklist read through CasesHeld is the one read from the
		// whole caseload.
		scope := Scope{Team: w.Team.ID}
		held := func(ctx context.Context, _, on civil.Date, columns map[string][]string, fn func([]*domain.ChildRecord) error) error {
			return db.CasesHeld(ctx, on, LeadRoles, []int64{w.Team.ID}, columns, fn)
		}
		for _, day := range []string{"2019-03-01", "2021-06-01", "2024-04-01"} {
			on := civil.MustParse(day)
			all, err1 := Build(ctx, db.Caseload, on, scope, DefaultEngine(), dir)
			some, err2 := Build(ctx, held, on, scope, DefaultEngine(), dir)
			if err1 != nil || err2 != nil || !reflect.DeepEqual(all, some) || len(all.Entries) == 0 {
				t.Errorf("team worklist on %s: %d entries from the caseload, %d from the cases held (%v, %v)", day, len(all.Entries), len(some.Entries), err1, err2)
			}
		}
	})
}
