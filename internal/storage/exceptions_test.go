package storage_test

import (
	"slices"
	"testing"

	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/domain"
	"github.com/waymark-care/waymark/internal/storage"
	"github.com/waymark-care/waymark/internal/storage/storagetest"
)

// TestCasesInForce reads only the children with a record of the kinds named
// in force in the period.
func TestCasesInForce(t *testing.T) {
	storagetest.Each(t, func(t testing.TB, db *storage.DB) {
		defer storage.SetCaseBatch(2)()
		ids := caseloadFixture(t, db)
		read := func(from, to string, kinds ...string) []int64 {
			var got []int64
			err := db.CasesInForce(ctx, civil.MustParse(from), civil.MustParse(to), kinds,
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
		for _, tt := range []struct {
			name     string
			from, to string
			kinds    []string
			want     []int64
		}{
			{"a referral open in February 2018", "2018-02-01", "2018-02-28", []string{"referral"}, []int64{ids["closed in 2018"]}},
			{"a referral closed on the day", "2018-03-01", "2018-03-01", []string{"referral"}, []int64{ids["closed in 2018"]}},
			{"a referral in 2017", "2017-01-01", "2017-12-31", []string{"referral"}, nil},
			{"in care in 2024", "2024-04-01", "2024-04-01", []string{"care_episode", "section47_enquiry"}, []int64{ids["full history"], ids["in care, no referral"]}},
			// The fixture's strategy discussion was at 11:00 on 8 Jan 2019.
			{"a strategy discussion that day", "2019-01-08", "2019-01-08", []string{"strategy_discussion"}, []int64{ids["full history"]}},
			{"a strategy discussion in 2017", "2017-01-01", "2017-12-31", []string{"strategy_discussion"}, nil},
			{"every open case", "2024-04-01", "2024-04-01", nil, []int64{ids["full history"], ids["in care, no referral"], ids["care leaver"]}},
		} {
			if got := read(tt.from, tt.to, tt.kinds...); !slices.Equal(got, tt.want) {
				t.Errorf("%s: %v, want %v (%v)", tt.name, got, tt.want, ids)
			}
		}
		err := db.CasesInForce(ctx, civil.MustParse("2024-04-01"), civil.MustParse("2024-04-01"), []string{"visit"}, nil, nil)
		if err == nil {
			t.Error("CasesInForce took visits as records in force for a time")
		}
		// A conference booked and not yet held, whatever the day (AC-15).
		if got := read("2024-04-01", "2024-04-01", "conference:booked"); got != nil {
			t.Errorf("booked conferences before any was booked: %v", got)
		}
		cr, err := db.ChildRecord(ctx, ids["full history"])
		if err != nil {
			t.Fatal(err)
		}
		err = db.Write(ctx, storagetest.Change, func(tx *storage.Tx) error {
			return tx.Insert(&domain.Conference{PersonID: cr.Person.ID, ReferralID: cr.Referrals[0].ID, Booked: true, Type: "review", Date: civil.MustParse("2024-05-01")})
		})
		if err != nil {
			t.Fatal(err)
		}
		if got := read("2024-04-01", "2024-04-01", "conference:booked"); !slices.Equal(got, []int64{ids["full history"]}) {
			t.Errorf("booked conferences: %v, want the full history's", got)
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
