package storage_test

import (
	"slices"
	"testing"

	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/domain"
	"github.com/waymark-care/waymark/internal/storage"
	"github.com/waymark-care/waymark/internal/storage/storagetest"
)

// TestCasesWith reads only the open cases with a record of the kinds named.
func TestCasesWith(t *testing.T) {
	storagetest.Each(t, func(t testing.TB, db *storage.DB) {
		defer storage.SetCaseBatch(2)()
		ids := caseloadFixture(t, db)
		read := func(with []string) []int64 {
			var got []int64
			err := db.CasesWith(ctx, civil.MustParse("2024-04-01"), civil.MustParse("2024-04-01"), with,
				storage.Columns{"strategy_discussion": nil, "referral": {"referral_date"}}, func(batch []*domain.ChildRecord) error {
					for _, cr := range batch {
						got = append(got, cr.Person.ID)
						if cr.Person.ID == ids["full history"] && len(cr.StrategyDiscussions) == 0 {
							t.Error("the strategy discussions were not read")
						}
					}
					return nil
				})
			if err != nil {
				t.Fatal(err)
			}
			return got
		}
		// Only the child with a full history has strategy discussions; the
		// child in care and the care leaver are open cases without one.
		if got := read([]string{"strategy_discussion"}); !slices.Equal(got, []int64{ids["full history"]}) {
			t.Errorf("with strategy discussions: %v, want %v", got, ids["full history"])
		}
		if got := read([]string{"care_episode", "strategy_discussion"}); !slices.Equal(got, []int64{ids["full history"], ids["in care, no referral"]}) {
			t.Errorf("with an episode of care or a strategy discussion: %v", got)
		}
		if got := read(nil); len(got) != 3 {
			t.Errorf("with no kinds named: %v, want the 3 open cases", got)
		}
		err := db.CasesWith(ctx, civil.MustParse("2024-04-01"), civil.MustParse("2024-04-01"), []string{"team"}, nil, nil)
		if err == nil {
			t.Error("CasesWith accepted teams as a kind of a child's record")
		}
	})
}

// TestHousehold finds the people living with a child on a day, whichever
// side recorded the relationship (XC-06).
func TestHousehold(t *testing.T) {
	storagetest.Each(t, func(t testing.TB, db *storage.DB) {
		d := civil.MustParse
		var child, mother, sister, brother, father int64
		err := db.Write(ctx, storagetest.Change, func(tx *storage.Tx) error {
			person := func(name string, dob string) int64 {
				p := &domain.Person{Forename: name, Surname: "Household", DateOfBirth: d(dob)}
				if err := tx.Insert(p); err != nil {
					t.Fatal(err)
				}
				return p.ID
			}
			child, mother, sister, brother, father = person("Ava", "2012-05-01"), person("Mia", "1988-01-01"), person("Isla", "2010-03-03"), person("Leo", "2014-07-07"), person("Tom", "1985-02-02")
			for _, r := range []*domain.Relationship{
				{PersonID: child, RelatedPersonID: mother, Type: "mother", LivesWith: true},
				// Recorded from the sister's side.
				{PersonID: sister, RelatedPersonID: child, Type: "sibling", LivesWith: true, From: d("2012-05-01")},
				// The brother moved out in 2020.
				{PersonID: child, RelatedPersonID: brother, Type: "sibling", LivesWith: true, From: d("2014-07-07"), To: d("2020-01-31")},
				// The father does not live with them.
				{PersonID: child, RelatedPersonID: father, Type: "father"},
			} {
				if err := tx.Insert(r); err != nil {
					return err
				}
			}
			return tx.Insert(&domain.Assessment{PersonID: sister, ReferralID: referral(t, tx, sister), StartDate: d("2024-03-01")})
		})
		if err != nil {
			t.Fatal(err)
		}
		got, err := db.Household(ctx, child, d("2024-04-01"), storage.Columns{"assessment": nil})
		if err != nil {
			t.Fatal(err)
		}
		var people []int64
		for _, cr := range got {
			people = append(people, cr.Person.ID)
			if cr.Person.ID == sister && len(cr.Assessments) != 1 {
				t.Errorf("the sister's assessments: %v", cr.Assessments)
			}
		}
		if want := []int64{mother, sister}; !slices.Equal(people, want) {
			t.Errorf("household on 1 Apr 2024: %v, want mother and sister %v", people, want)
		}
		got, err = db.Household(ctx, child, d("2019-06-01"), nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 3 {
			t.Errorf("household in 2019: %d people, want 3 (with the brother)", len(got))
		}
	})
}

func referral(t testing.TB, tx *storage.Tx, person int64) int64 {
	r := &domain.Referral{PersonID: person, ReferralDate: civil.MustParse("2024-02-20"), Source: "2A"}
	if err := tx.Insert(r); err != nil {
		t.Fatal(err)
	}
	return r.ID
}
