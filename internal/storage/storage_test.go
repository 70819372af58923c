package storage_test

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/waymark-care/waymark/internal/audit"
	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/domain"
	"github.com/waymark-care/waymark/internal/storage"
	"github.com/waymark-care/waymark/internal/storage/storagetest"
)

var ctx = context.Background()

func TestMigrateFromEmptyIsIdempotent(t *testing.T) {
	storagetest.Each(t, func(t testing.TB, db *storage.DB) {
		applied, err := db.Migrate(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(applied) != 0 {
			t.Errorf("second migrate applied %v", applied)
		}
	})
}

// TestChildRecordRoundTrip writes a child with a record of every kind and
// reads back exactly what was written.
func TestChildRecordRoundTrip(t *testing.T) {
	storagetest.Each(t, func(t testing.TB, db *storage.DB) {
		w := storagetest.AddWorkforce(t, db)
		id := storagetest.AddChild(t, db, w, 1)
		cr, err := db.ChildRecord(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if cr.Person.LAChildID != "DN000001" || cr.Person.DateOfBirth != civil.MustParse("2010-05-14") {
			t.Errorf("person = %+v", cr.Person)
		}
		v := reflect.ValueOf(*cr)
		total := 0
		for i := 0; i < v.NumField(); i++ {
			f := v.Field(i)
			if f.Kind() != reflect.Slice {
				continue
			}
			if f.Len() == 0 {
				t.Errorf("%s: fixture has no records of this kind", v.Type().Field(i).Name)
			}
			total += f.Len()
			// Every record reads back equal to the same record read by ID.
			for j := 0; j < f.Len(); j++ {
				r := f.Index(j).Addr().Interface().(domain.Record)
				again := domain.KindOf(r).New()
				if err := db.Get(ctx, r.Base().ID, again); err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(r, again) {
					t.Errorf("%T %d differs:\n%+v\n%+v", r, r.Base().ID, r, again)
				}
			}
		}
		if total < 200 {
			t.Errorf("fixture has %d records, want about 230", total)
		}
		// Values of every storage type survive the trip.
		a := cr.Assessments[0]
		if !reflect.DeepEqual(a.Factors, []string{"3A", "3B", "4B"}) || a.SeenAlone == nil || !*a.SeenAlone {
			t.Errorf("assessment = %+v", a)
		}
		if p := cr.Placements[0]; p.DistanceMiles == nil || *p.DistanceMiles != 12.5 || p.EndDate != civil.MustParse("2020-03-15") {
			t.Errorf("placement = %+v", p)
		}
		if m := cr.MissingEpisodes[0]; m.ReturnAt.Sub(m.StartAt) != 30*time.Hour || !m.InterviewAt.Equal(time.Date(2022, 2, 7, 18, 0, 0, 0, time.UTC)) {
			t.Errorf("missing episode times = %v %v %v", m.StartAt, m.ReturnAt, m.InterviewAt)
		}
		if cr.Placements[2].EndDate != (civil.Date{}) || cr.Referrals[0].CloseDate != (civil.Date{}) {
			t.Error("an unset date did not read back unset")
		}
		if s := cr.SDQScores[2]; s.Score != nil || s.Reason != "SDQ2" {
			t.Errorf("sdq = %+v", s)
		}
	})
}

func TestValidationNamesFieldAndReason(t *testing.T) {
	tests := []struct {
		name   string
		record domain.Record
		field  string
		reason string
	}{
		{"required", &domain.Person{Forename: "Ellie"}, "surname", "enter the surname"},
		{"code list", &domain.Person{Forename: "E", Surname: "X", Ethnicity: "ZZZZ"}, "ethnicity", `"ZZZZ" is not a recognised code`},
		{"code set", &domain.Assessment{PersonID: 1, ReferralID: 1, StartDate: civil.MustParse("2019-01-01"), Factors: []string{"3A", "99Z"}}, "factors", `"99Z"`},
		{"dates in order", &domain.Referral{PersonID: 1, ReferralDate: civil.MustParse("2019-02-01"), Source: "6", CloseDate: civil.MustParse("2019-01-01"), CloseReason: "RC8"}, "close_date", "The close date must be the same as or after the referral date"},
		{"closure needs reason", &domain.Referral{PersonID: 1, ReferralDate: civil.MustParse("2019-02-01"), Source: "6", CloseDate: civil.MustParse("2019-03-01")}, "close_reason", "reason the case closed"},
		{"factor 21 alone", &domain.Assessment{PersonID: 1, ReferralID: 1, StartDate: civil.MustParse("2019-01-01"), Factors: []string{"21", "3A"}}, "factors", "cannot be recorded with other factors"},
		{"NHS number check digit", &domain.Person{Forename: "E", Surname: "X", NHSNumber: "9434765918"}, "nhs_number", "check digit"},
		{"seen alone but not seen", &domain.Visit{PersonID: 1, Type: "cp", Date: civil.MustParse("2019-01-01"), SeenAlone: new(true)}, "seen_alone", "also be recorded as seen"},
		{"looked-after need code", &domain.CareEpisode{PersonID: 1, StartDate: civil.MustParse("2019-01-01"), PeriodStart: civil.MustParse("2019-01-01"), ReasonNew: "S", LegalStatus: "C2", PrimaryNeed: "N9"}, "primary_need", "N1 to N8"},
		{"missing times", &domain.MissingEpisode{PersonID: 1, Type: "M", StartAt: time.Date(2022, 1, 2, 0, 0, 0, 0, time.UTC), ReturnAt: time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC)}, "return_at", "after the time the child went missing"},
	}
	storagetest.Each(t, func(t testing.TB, db *storage.DB) {
		for _, tt := range tests {
			err := db.Write(ctx, storagetest.Change, func(tx *storage.Tx) error { return tx.Insert(tt.record) })
			var ve *domain.ValidationError
			if !errors.As(err, &ve) {
				t.Errorf("%s: got %v, want a validation error", tt.name, err)
				continue
			}
			found := false
			for _, fe := range ve.Errors {
				if fe.Field == tt.field && strings.Contains(fe.Message, tt.reason) {
					found = true
				}
			}
			if !found {
				t.Errorf("%s: errors %+v lack %s: %q", tt.name, ve.Errors, tt.field, tt.reason)
			}
		}
	})
}

func TestConstraintErrorsAreReported(t *testing.T) {
	storagetest.Each(t, func(t testing.TB, db *storage.DB) {
		err := db.Write(ctx, storagetest.Change, func(tx *storage.Tx) error {
			return tx.Insert(&domain.Disability{PersonID: 424242, Code: "MOB"})
		})
		var ve *domain.ValidationError
		if !errors.As(err, &ve) || ve.Errors[0].Field != "person_id" || !strings.Contains(ve.Errors[0].Message, "no record 424242 in persons") {
			t.Errorf("missing person: got %v, want a validation error naming person_id", err)
		}
		w := storagetest.AddWorkforce(t, db)
		storagetest.AddChild(t, db, w, 7)
		err = db.Write(ctx, storagetest.Change, func(tx *storage.Tx) error {
			return tx.Insert(&domain.Person{LAChildID: "DN000007", Forename: "Dup", Surname: "Licate"})
		})
		if !errors.As(err, &ve) || ve.Errors[0].Field != "la_child_id" || !strings.Contains(ve.Errors[0].Message, "already has this value") {
			t.Errorf("duplicate LA child ID: got %v, want a validation error naming la_child_id", err)
		}
	})
}

func TestVersionConflict(t *testing.T) {
	storagetest.Each(t, func(t testing.TB, db *storage.DB) {
		p := &domain.Person{Forename: "Ellie", Surname: "Example"}
		write := func(actor string, fn func(tx *storage.Tx) error) error {
			return db.Write(ctx, storage.Change{Actor: actor, At: time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC)}, fn)
		}
		if err := write("alice", func(tx *storage.Tx) error { return tx.Insert(p) }); err != nil {
			t.Fatal(err)
		}
		stale := *p
		p.KnownAs = "Ells"
		if err := write("bob", func(tx *storage.Tx) error { return tx.Update(p) }); err != nil {
			t.Fatal(err)
		}
		if p.Version != 2 || p.UpdatedBy != "bob" {
			t.Errorf("after update: version %d by %q", p.Version, p.UpdatedBy)
		}
		stale.Surname = "Overwritten"
		err := write("carol", func(tx *storage.Tx) error { return tx.Update(&stale) })
		var ce *storage.ConflictError
		if !errors.As(err, &ce) || ce.UpdatedBy != "bob" || ce.Current != 2 || ce.Version != 1 {
			t.Fatalf("got %v, want a conflict naming bob", err)
		}
		if !strings.Contains(err.Error(), "person") || !strings.Contains(err.Error(), "bob") {
			t.Errorf("message %q should name the record and who changed it", err)
		}
		err = write("carol", func(tx *storage.Tx) error { return tx.Delete(&stale) })
		if !errors.As(err, &ce) {
			t.Errorf("stale delete: got %v, want a conflict", err)
		}
		var got domain.Person
		if err := db.Get(ctx, p.ID, &got); err != nil || got.Surname != "Example" || got.KnownAs != "Ells" {
			t.Errorf("stored %+v, %v", got, err)
		}
		if err := write("bob", func(tx *storage.Tx) error { return tx.Delete(p) }); err != nil {
			t.Fatal(err)
		}
		if err := db.Get(ctx, p.ID, &got); !errors.Is(err, storage.ErrNotFound) {
			t.Errorf("after delete: %v", err)
		}
	})
}

func TestFailedWriteLeavesNothing(t *testing.T) {
	storagetest.Each(t, func(t testing.TB, db *storage.DB) {
		var first domain.Person
		err := db.Write(ctx, storagetest.Change, func(tx *storage.Tx) error {
			first = domain.Person{Forename: "Half", Surname: "Written"}
			if err := tx.Insert(&first); err != nil {
				return err
			}
			return tx.Insert(&domain.Address{PersonID: first.ID, Line1: "1 Road", From: civil.MustParse("2020-01-01"), Postcode: "not a postcode"})
		})
		if err == nil {
			t.Fatal("a bad address was accepted")
		}
		if err := db.Get(ctx, first.ID, &domain.Person{}); !errors.Is(err, storage.ErrNotFound) {
			t.Errorf("the person from the failed write was stored: %v", err)
		}
		if n, err := db.VerifyAudit(ctx); err != nil || n != 0 {
			t.Errorf("audit after failed write: %d entries, %v", n, err)
		}
	})
}

func TestAuditTrail(t *testing.T) {
	storagetest.Each(t, func(t testing.TB, db *storage.DB) {
		p := &domain.Person{Forename: "Ellie", Surname: "Example"}
		at := time.Date(2015, 9, 16, 14, 30, 0, 0, time.UTC)
		must := func(err error) {
			t.Helper()
			if err != nil {
				t.Fatal(err)
			}
		}
		must(db.Write(ctx, storage.Change{Actor: "sw.one", At: at}, func(tx *storage.Tx) error { return tx.Insert(p) }))
		d := &domain.Disability{PersonID: p.ID, Code: "MOB"}
		must(db.Write(ctx, storage.Change{Actor: "sw.one", At: at.Add(time.Hour)}, func(tx *storage.Tx) error { return tx.Insert(d) }))
		p.Surname = "Sample"
		must(db.Write(ctx, storage.Change{Actor: "tm.two", At: at.Add(2 * time.Hour)}, func(tx *storage.Tx) error { return tx.Update(p) }))
		must(db.Write(ctx, storage.Change{Actor: "tm.two", At: at.Add(3 * time.Hour)}, func(tx *storage.Tx) error { return tx.Delete(d) }))

		history, err := db.RecordHistory(ctx, "person", p.ID)
		must(err)
		if len(history) != 2 || history[0].Action != audit.Create || history[1].Action != audit.Update {
			t.Fatalf("person history = %+v", history)
		}
		upd := history[1]
		if upd.Actor != "tm.two" || !upd.At.Equal(at.Add(2*time.Hour)) ||
			!strings.Contains(string(upd.Before), `"surname":"Example"`) || !strings.Contains(string(upd.After), `"surname":"Sample"`) {
			t.Errorf("update entry = %+v", upd)
		}
		child, err := db.PersonHistory(ctx, p.ID)
		must(err)
		if len(child) != 4 || child[3].Action != audit.Delete || child[3].After != nil {
			t.Errorf("person's whole history = %d entries", len(child))
		}
		mine, err := db.ActorHistory(ctx, "sw.one")
		must(err)
		if len(mine) != 2 {
			t.Errorf("sw.one made %d changes, want 2", len(mine))
		}
		if n, err := db.VerifyAudit(ctx); err != nil || n != 4 {
			t.Errorf("verify = %d, %v", n, err)
		}
		for _, tamper := range []string{"UPDATE audit_log SET actor = 'x' WHERE seq = 1", "DELETE FROM audit_log WHERE seq = 1"} {
			if err := storagetest.Exec(t, db, tamper); err == nil || !strings.Contains(err.Error(), "append-only") {
				t.Errorf("%s: got %v, want the database to refuse", tamper, err)
			}
		}
	})
}

// TestAuditVerifyDetectsTampering edits and deletes audit rows behind the
// database's back and expects verify to name the first broken entry.
func TestAuditVerifyDetectsTampering(t *testing.T) {
	for _, tt := range []struct {
		name, sql string
		seq       int64
	}{
		{"edited", "UPDATE audit_log SET after = REPLACE(after, 'Example', 'Changed') WHERE seq = 2", 2},
		{"deleted", "DELETE FROM audit_log WHERE seq = 2", 2},
		{"deleted newest", "DELETE FROM audit_log WHERE seq = 3", 3},
	} {
		t.Run(tt.name, func(t *testing.T) {
			storagetest.Each(t, func(t testing.TB, db *storage.DB) {
				for i := 0; i < 3; i++ {
					if err := db.Write(ctx, storagetest.Change, func(tx *storage.Tx) error {
						return tx.Insert(&domain.Person{Forename: "Ellie", Surname: "Example"})
					}); err != nil {
						t.Fatal(err)
					}
				}
				storagetest.Tamper(t, db, tt.sql)
				_, err := db.VerifyAudit(ctx)
				var broken *audit.BrokenError
				if !errors.As(err, &broken) || broken.Seq != tt.seq {
					t.Fatalf("verify = %v, want broken at %d", err, tt.seq)
				}
			})
		})
	}
}
