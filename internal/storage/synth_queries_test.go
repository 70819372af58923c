package storage_test

import (
	"context"
	"testing"
	"time"

	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/domain"
	"github.com/waymark-care/waymark/internal/storage"
	"github.com/waymark-care/waymark/internal/storage/storagetest"
)

// authority writes a tiny authority whose figures are known: one child
// referred twice in a year, assessed, on a plan for neglect and in care out
// of area; one care leaver.
func authority(t testing.TB, db *storage.DB) {
	t.Helper()
	d := civil.MustParse
	at := func(s string) time.Time { return d(s).Time().Add(10 * time.Hour) }
	ctx := context.Background()
	err := db.Write(ctx, storagetest.Change, func(tx *storage.Tx) error {
		sw := &domain.Professional{StaffID: "DN1", Name: "Amy Clarke", Role: "social_worker", Agency: true, StartDate: d("2020-01-01")}
		pa := &domain.Professional{StaffID: "DN2", Name: "Ben Hall", Role: "personal_adviser", StartDate: d("2020-01-01")}
		child := &domain.Person{LAChildID: "DN0000001", Forename: "Ellie", Surname: "Example", DateOfBirth: d("2015-03-01")}
		leaver := &domain.Person{LAChildID: "DN0000002", Forename: "Kyle", Surname: "Sample", DateOfBirth: d("2005-06-01")}
		mother, other := &domain.Person{Forename: "Dana", Surname: "Example"}, &domain.Person{Forename: "Kim", Surname: "Sample"}
		for _, r := range []domain.Record{sw, pa, child, leaver, mother, other} {
			if err := tx.Insert(r); err != nil {
				return err
			}
		}
		// The MARAC hears Dana three times, the last two within a year of
		// the one before (F043), and Kim once.
		for _, c := range []struct {
			victim          int64
			referred, heard string
		}{{mother.ID, "2023-08-25", "2023-09-10"}, {mother.ID, "2024-02-20", "2024-03-05"}, {other.ID, "2024-04-20", "2024-05-01"}, {mother.ID, "2024-11-01", "2024-11-20"}} {
			if err := tx.Insert(&domain.MARACCase{VictimID: c.victim, ReferralDate: d(c.referred), HearingDate: d(c.heard)}); err != nil {
				return err
			}
		}
		tx.As(storage.Change{Actor: sw.StaffID, At: at("2024-06-03")})
		contact := &domain.Contact{PersonID: child.ID, ContactAt: at("2024-06-03"), Source: "6", DomesticAbuseNotification: true, Decision: "referral", DecisionAt: at("2024-06-03")}
		if err := tx.Insert(contact); err != nil {
			return err
		}
		first := &domain.Referral{PersonID: child.ID, ReferralDate: d("2024-02-01"), Source: "2A", CloseDate: d("2024-03-01"), CloseReason: "RC8"}
		second := &domain.Referral{PersonID: child.ID, ContactID: contact.ID, ReferralDate: d("2024-06-03"), Source: "6"}
		for _, r := range []domain.Record{first, second} {
			if err := tx.Insert(r); err != nil {
				return err
			}
		}
		records := []domain.Record{
			&domain.Assessment{PersonID: child.ID, ReferralID: second.ID, StartDate: d("2024-06-03"), CompletedDate: d("2024-06-14"),
				AuthorisedDate: d("2024-06-17"), Outcomes: []string{"provide_services"}, Factors: []string{"3B"}},
			&domain.CPPlan{PersonID: child.ID, ReferralID: second.ID, StartDate: d("2024-07-01"), InitialCategory: "EMO", LatestCategory: "NEG"},
			&domain.Involvement{PersonID: child.ID, ProfessionalID: sw.ID, Role: "allocated_social_worker", From: d("2024-06-03")},
			&domain.Visit{PersonID: child.ID, Type: "cp", Date: d("2024-07-10"), Seen: ptr(true)},
			&domain.Visit{PersonID: child.ID, Type: "cp", Date: d("2024-09-20"), Seen: ptr(true), SeenAlone: ptr(true)},
			&domain.Involvement{PersonID: leaver.ID, ProfessionalID: pa.ID, Role: "personal_adviser", From: d("2023-06-01")},
			&domain.CareLeaver{PersonID: leaver.ID, RecordedOn: d("2024-06-01"), InTouch: "YES", Activity: "F2", Accommodation: "U1"},
		}
		for _, r := range records {
			if err := tx.Insert(r); err != nil {
				return err
			}
		}
		placement := &domain.Placement{PersonID: child.ID, StartDate: d("2024-10-01"), Type: "U6", Postcode: "S60 1CC", DistanceMiles: ptr(25.0)}
		if err := tx.Insert(placement); err != nil {
			return err
		}
		return tx.Insert(&domain.CareEpisode{PersonID: child.ID, StartDate: d("2024-10-01"), ReasonNew: "S", LegalStatus: "C1",
			PrimaryNeed: "N1", PlacementID: placement.ID, PeriodStart: d("2024-10-01")})
	})
	if err != nil {
		t.Fatal(err)
	}
}

func ptr[T any](v T) *T { return &v }

func TestSynthFigures(t *testing.T) {
	storagetest.Each(t, func(t testing.TB, db *storage.DB) {
		ctx := context.Background()
		if n, err := db.Changes(ctx); err != nil || n != 0 {
			t.Fatalf("empty database: %d changes, %v", n, err)
		}
		authority(t, db)
		st, err := db.Stock(ctx, civil.MustParse("2024-12-31"))
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			name      string
			got, want int
		}{
			{"children in need", st.ChildrenInNeed, 1},
			{"on plans", st.ChildProtection, 1},
			{"neglect", st.CPNeglect, 1},
			{"looked after", st.LookedAfter, 1},
			{"foster", st.Foster, 1},
			{"out of area", st.OutOfArea, 1},
			{"over 20 miles", st.Over20Miles, 1},
			{"needing a plan", st.CINNeedingPlan, 0}, // on a CP plan and looked after
			{"care leavers", st.CareLeavers, 1},
			{"suitable", st.Suitable, 1},
			{"EET", st.EET, 1},
			{"largest caseload", st.MaxCaseload, 1},
		} {
			if c.got != c.want {
				t.Errorf("stock: %s = %d, want %d", c.name, c.got, c.want)
			}
		}
		fl, err := db.Flows(ctx, civil.MustParse("2024-01-01"), civil.MustParse("2024-12-31"))
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			name      string
			got, want int
		}{
			{"contacts", fl.Contacts, 1},
			{"police", fl.PoliceContacts, 1},
			{"domestic abuse", fl.DomesticAbuse, 1},
			{"referred", fl.ContactsReferred, 1},
			{"referrals", fl.Referrals, 2},
			{"re-referrals", fl.ReReferrals, 1},
			{"assessments", fl.Assessments, 1},
			{"on time", fl.AssessmentsOnTime, 1},
			{"domestic abuse factor", fl.AssessmentsDomesticAbuse, 1},
			{"not seen", fl.NotSeen, 1},
			{"plans started", fl.CPStarts, 1},
			{"care starts", fl.CareStarts, 1},
			{"visits", fl.Visits, 2},
			{"seen alone unrecorded", fl.VisitsSeenAloneUnrecorded, 1},
			{"CP children visited", fl.CPVisitChildren, 1},
			{"visited every 4 weeks", fl.CPVisitChildrenRegular, 0}, // 72 days between visits
			{"MARAC cases heard", fl.MARACHeard, 3},
			{"MARAC repeats", fl.MARACRepeats, 2},
		} {
			if c.got != c.want {
				t.Errorf("flows: %s = %d, want %d", c.name, c.got, c.want)
			}
		}
		from, to, err := db.SynthPeriod(ctx, "DN1")
		if err != nil || from != civil.MustParse("2024-06-03") || to != from {
			t.Errorf("period of DN1's changes: %s to %s, %v", from, to, err)
		}
		entries, err := db.ActorHistory(ctx, "DN1")
		if err != nil || len(entries) != 12 || !entries[0].At.Equal(civil.MustParse("2024-06-03").Time().Add(10*time.Hour)) {
			t.Errorf("changes recorded as DN1: %d, %v", len(entries), err)
		}
	})
}

func TestContentHash(t *testing.T) {
	storagetest.Each(t, func(t testing.TB, db *storage.DB) {
		ctx := context.Background()
		authority(t, db)
		before, err := db.ContentHash(ctx)
		if err != nil {
			t.Fatal(err)
		}
		again, err := db.ContentHash(ctx)
		if err != nil || again != before {
			t.Fatalf("hash of unchanged content changed: %s, %s, %v", before, again, err)
		}
		if err := db.Write(ctx, storagetest.Change, func(tx *storage.Tx) error {
			return tx.Insert(&domain.Person{Forename: "New", Surname: "Person"})
		}); err != nil {
			t.Fatal(err)
		}
		if after, err := db.ContentHash(ctx); err != nil || after == before {
			t.Errorf("hash did not change with the content: %v", err)
		}
	})
}
