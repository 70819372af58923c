package storage_test

import (
	"reflect"
	"testing"

	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/domain"
	"github.com/waymark-care/waymark/internal/storage"
	"github.com/waymark-care/waymark/internal/storage/storagetest"
)

// TestCINChildren reads the census records of the children with a
// referral open in the year, and only theirs, equal to what ChildRecord
// reads for each.
func TestCINChildren(t *testing.T) {
	storagetest.Each(t, func(t testing.TB, db *storage.DB) {
		w := storagetest.AddWorkforce(t, db)
		var want []int64
		for i := 1; i <= 3; i++ {
			want = append(want, storagetest.AddChild(t, db, w, i))
		}
		d := civil.MustParse
		// Closed before the year, and a referral with no further action
		// long before it: neither child is in the census.
		for _, r := range []domain.Referral{
			{ReferralDate: d("2010-01-04"), CloseDate: d("2011-02-01"), CloseReason: "RC7", Source: "6"},
			{ReferralDate: d("2020-01-06"), NFA: true, Source: "1A"},
		} {
			err := db.Write(ctx, storagetest.Change, func(tx *storage.Tx) error {
				p := &domain.Person{Forename: "Outside", Surname: "Census"}
				if err := tx.Insert(p); err != nil {
					return err
				}
				r.PersonID = p.ID
				return tx.Insert(&r)
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		var got []int64
		err := db.CINChildren(ctx, d("2025-04-01"), d("2026-03-31"), d("2025-03-31"), func(cr *domain.ChildRecord) error {
			got = append(got, cr.Person.ID)
			full, err := db.ChildRecord(ctx, cr.Person.ID)
			if err != nil {
				return err
			}
			cv, fv := reflect.ValueOf(*cr), reflect.ValueOf(*full)
			for i := 0; i < cv.NumField(); i++ {
				name := cv.Type().Field(i).Name
				switch name {
				case "Person", "Disabilities", "Referrals", "Assessments", "CINPlans", "Section47Enquiries", "Conferences", "CPPlans", "PreProceedings", "CareProceedings":
					if !reflect.DeepEqual(cv.Field(i).Interface(), fv.Field(i).Interface()) {
						t.Errorf("child %d: %s differs from ChildRecord", cr.Person.ID, name)
					}
					if name != "Person" && cv.Field(i).Len() == 0 {
						t.Errorf("child %d: no %s", cr.Person.ID, name)
					}
				default:
					if cv.Field(i).Len() != 0 {
						t.Errorf("child %d: %s read, though the census needs none", cr.Person.ID, name)
					}
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("children %v, want %v", got, want)
		}
	})
}

func TestCINMatch(t *testing.T) {
	storagetest.Each(t, func(t testing.TB, db *storage.DB) {
		w := storagetest.AddWorkforce(t, db)
		id := storagetest.AddChild(t, db, w, 1)
		cr, err := db.ChildRecord(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		byID, byUPN, err := db.CINMatch(ctx, cr.Person.LAChildID, cr.Person.UPN)
		if err != nil || byID != id || (cr.Person.UPN != "" && byUPN != id) {
			t.Errorf("match: %d %d %v", byID, byUPN, err)
		}
		if byID, byUPN, err := db.CINMatch(ctx, "NOSUCH1", ""); byID != 0 || byUPN != 0 || err != nil {
			t.Errorf("no match: %d %d %v", byID, byUPN, err)
		}
	})
}
