package storage_test

import (
	"errors"
	"reflect"
	"slices"
	"testing"

	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/domain"
	"github.com/waymark-care/waymark/internal/storage"
	"github.com/waymark-care/waymark/internal/storage/storagetest"
)

// caseloadFixture stores children whose cases are open in different ways,
// and one whose case closed, and returns their IDs by name.
func caseloadFixture(t testing.TB, db *storage.DB) map[string]int64 {
	t.Helper()
	w := storagetest.AddWorkforce(t, db)
	ids := map[string]int64{"full history": storagetest.AddChild(t, db, w, 1)}
	d := civil.MustParse
	err := db.Write(ctx, storagetest.Change, func(tx *storage.Tx) error {
		child := func(name string) (int64, error) {
			p := &domain.Person{Forename: name, Surname: "Case", DateOfBirth: d("2012-01-01")}
			err := tx.Insert(p)
			ids[name] = p.ID
			return p.ID, err
		}
		closed, err := child("closed in 2018")
		if err != nil {
			return err
		}
		if err := tx.Insert(&domain.Referral{PersonID: closed, ReferralDate: d("2018-01-08"), Source: "1B", CloseDate: d("2018-03-01"), CloseReason: "RC8"}); err != nil {
			return err
		}
		inCare, err := child("in care, no referral")
		if err != nil {
			return err
		}
		if err := tx.Insert(&domain.CareEpisode{PersonID: inCare, StartDate: d("2020-01-06"), PeriodStart: d("2020-01-06"), ReasonNew: "S", LegalStatus: "C2", PrimaryNeed: "N1"}); err != nil {
			return err
		}
		leaver, err := child("care leaver")
		if err != nil {
			return err
		}
		return tx.Insert(&domain.Involvement{PersonID: leaver, ProfessionalID: w.PA.ID, Role: "personal_adviser", From: d("2023-06-01")})
	})
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

func caseload(t testing.TB, db *storage.DB, from, to string, kinds storage.Columns) []*domain.ChildRecord {
	t.Helper()
	var got []*domain.ChildRecord
	err := db.Caseload(ctx, civil.MustParse(from), civil.MustParse(to), kinds, func(batch []*domain.ChildRecord) error {
		got = append(got, batch...)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func personIDs(crs []*domain.ChildRecord) []int64 {
	var ids []int64
	for _, cr := range crs {
		ids = append(ids, cr.Person.ID)
	}
	return ids
}

// TestCaseload reads every open case's records kind by kind, in batches,
// and gets what reading each child's record gives.
func TestCaseload(t *testing.T) {
	storagetest.Each(t, func(t testing.TB, db *storage.DB) {
		defer storage.SetCaseBatch(2)()
		ids := caseloadFixture(t, db)
		kinds := storage.Columns{"referral": nil, "visit": nil, "care_episode": nil, "involvement": nil}

		got := caseload(t, db, "2024-04-01", "2024-04-01", kinds)
		want := []int64{ids["full history"], ids["in care, no referral"], ids["care leaver"]}
		if !slices.Equal(personIDs(got), want) {
			t.Fatalf("open on 1 Apr 2024: %v, want %v (%v)", personIDs(got), want, ids)
		}
		full, err := db.ChildRecord(ctx, ids["full history"])
		if err != nil {
			t.Fatal(err)
		}
		v, w := reflect.ValueOf(*got[0]), reflect.ValueOf(*full)
		for i := 0; i < v.NumField(); i++ {
			name := v.Type().Field(i).Name
			_, read := kinds[kindOfField(v.Type().Field(i))]
			switch {
			case name == "Person" || read:
				if !reflect.DeepEqual(v.Field(i).Interface(), w.Field(i).Interface()) {
					t.Errorf("%s differs from the child's record", name)
				}
			case v.Field(i).Len() != 0:
				t.Errorf("%s: %d records read, though not asked for", name, v.Field(i).Len())
			}
		}
		if len(got[0].Visits) != 60 {
			t.Errorf("read %d visits, want 60", len(got[0].Visits))
		}

		// A period finds the cases open at any time in it, including one
		// that closed on its first day.
		if got := personIDs(caseload(t, db, "2018-02-01", "2018-02-28", nil)); !slices.Equal(got, []int64{ids["closed in 2018"]}) {
			t.Errorf("open in February 2018: %v, want the case closed in 2018 (%d)", got, ids["closed in 2018"])
		}
		if got := personIDs(caseload(t, db, "2018-03-01", "2018-03-01", nil)); !slices.Equal(got, []int64{ids["closed in 2018"]}) {
			t.Errorf("open on 1 Mar 2018: %v", got)
		}
		if got := caseload(t, db, "2017-01-01", "2017-12-31", nil); len(got) != 0 {
			t.Errorf("open in 2017: %v, want none", personIDs(got))
		}

		if err := db.Caseload(ctx, civil.MustParse("2024-04-01"), civil.MustParse("2024-04-01"), storage.Columns{"team": nil}, nil); err == nil {
			t.Error("Caseload read teams as a kind of a child's record")
		}
		if err := db.Caseload(ctx, civil.MustParse("2024-04-01"), civil.MustParse("2024-04-01"), storage.Columns{"visit": {"visit_date", "colour"}}, nil); err == nil {
			t.Error("Caseload read a column visits do not have")
		}

		// Only the columns asked for are read.
		visits := caseload(t, db, "2024-04-01", "2024-04-01", storage.Columns{"visit": {"visit_date", "seen"}})[0].Visits
		v0, f0 := visits[0], full.Visits[0]
		if v0.ID != f0.ID || v0.PersonID != f0.PersonID || v0.Date != f0.Date || *v0.Seen != *f0.Seen || v0.Type != "" || v0.Version != 0 || !v0.UpdatedAt.IsZero() {
			t.Errorf("visit read with its date and seen: %+v", v0)
		}
		// Children by ID, as for a worker's own caseload; a closed case too.
		var byID []int64
		err = db.ChildRecords(ctx, []int64{ids["closed in 2018"], ids["care leaver"], ids["closed in 2018"]}, storage.Columns{"referral": nil}, func(batch []*domain.ChildRecord) error {
			byID = append(byID, personIDs(batch)...)
			return nil
		})
		if want := []int64{ids["closed in 2018"], ids["care leaver"]}; err != nil || !slices.Equal(byID, want) {
			t.Errorf("ChildRecords: %v, %v; want %v", byID, err, want)
		}

		// Cases held in a team: the fixture child's open referral is the
		// team's, as is the care leaver's adviser (through the adviser's
		// own team); the child in care is held by no one.
		var held []int64
		team := full.Referrals[0].TeamID
		err = db.CasesHeld(ctx, civil.MustParse("2024-04-01"), []string{"allocated_social_worker", "personal_adviser"}, []int64{team}, storage.Columns{"involvement": nil},
			func(batch []*domain.ChildRecord) error {
				held = append(held, personIDs(batch)...)
				return nil
			})
		if want := []int64{ids["full history"], ids["care leaver"]}; err != nil || !slices.Equal(held, want) {
			t.Errorf("CasesHeld: %v, %v; want %v", held, err, want)
		}
		held = nil
		err = db.CasesHeld(ctx, civil.MustParse("2024-04-01"), []string{"allocated_social_worker"}, []int64{team + 100}, nil, func(batch []*domain.ChildRecord) error {
			held = append(held, personIDs(batch)...)
			return nil
		})
		if err != nil || len(held) != 0 {
			t.Errorf("CasesHeld in another team: %v, %v", held, err)
		}

		stop := errors.New("stop")
		if err := db.Caseload(ctx, civil.MustParse("2024-04-01"), civil.MustParse("2024-04-01"), nil, func([]*domain.ChildRecord) error { return stop }); err != stop {
			t.Errorf("the callback's error came back as %v", err)
		}
	})
}

// kindOfField is the kind a ChildRecord field holds, or "".
func kindOfField(f reflect.StructField) string {
	if f.Type.Kind() != reflect.Slice {
		return ""
	}
	return domain.KindOf(reflect.New(f.Type.Elem()).Interface().(domain.Record)).Name
}

func TestWorkforce(t *testing.T) {
	storagetest.Each(t, func(t testing.TB, db *storage.DB) {
		w := storagetest.AddWorkforce(t, db)
		teams, profs, err := db.Workforce(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(teams) != 1 || teams[0].ManagerID != w.Manager.ID {
			t.Errorf("teams = %+v", teams)
		}
		if len(profs) != 4 || profs[1].Name != "Sam Worker" {
			t.Errorf("professionals = %+v", profs)
		}
	})
}
