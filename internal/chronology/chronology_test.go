package chronology

import (
	"reflect"
	"testing"
	"time"

	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/domain"
)

func record() *domain.ChildRecord {
	d := civil.MustParse
	yes := true
	cr := &domain.ChildRecord{Person: domain.Person{Entity: domain.Entity{ID: 1}, Forename: "Ellie", Surname: "Example", DateOfBirth: d("2010-05-14")}}
	cr.Contacts = []domain.Contact{{Entity: domain.Entity{ID: 2}, PersonID: 1, ContactAt: time.Date(2019, 1, 7, 9, 0, 0, 0, time.UTC), Source: "6", DomesticAbuseNotification: true, PresentingConcerns: "Police called."}}
	cr.Referrals = []domain.Referral{{Entity: domain.Entity{ID: 3}, PersonID: 1, ReferralDate: d("2019-01-07"), Source: "6", PrimaryNeed: "N1"}}
	cr.CPPlans = []domain.CPPlan{{Entity: domain.Entity{ID: 4}, PersonID: 1, StartDate: d("2019-01-28"), InitialCategory: "EMO"}}
	cr.Visits = []domain.Visit{{Entity: domain.Entity{ID: 5}, PersonID: 1, Type: "cp", Date: d("2019-02-01"), Seen: &yes}}
	cr.CaseNotes = []domain.CaseNote{
		{Entity: domain.Entity{ID: 6}, PersonID: 1, At: time.Date(2019, 2, 3, 15, 30, 0, 0, time.UTC), Type: "significant_event", Subject: "Disclosure at school", Significant: true},
		{Entity: domain.Entity{ID: 7}, PersonID: 1, At: time.Date(2019, 2, 4, 10, 0, 0, 0, time.UTC), Type: "phone_call", Subject: "Call with school"},
	}
	return cr
}

func titles(es []Entry) []string {
	var ts []string
	for _, e := range es {
		ts = append(ts, e.Title)
	}
	return ts
}

func TestBuild(t *testing.T) {
	all := Build(record(), nil, Filter{})
	want := []string{"Phone call: Call with school", "Significant event: Disclosure at school", "Cp visit", "Child protection plan started",
		"Referral from Police", "Police domestic abuse notification", "Born"}
	got := titles(all)
	if len(got) != len(want) {
		t.Fatalf("got %q", got)
	}
	if all[0].Kind != "case_note" || all[0].RecordID != 7 || all[len(all)-1].Date != civil.MustParse("2010-05-14") {
		t.Errorf("newest first: %+v … %+v", all[0], all[len(all)-1])
	}
	if all[1].Time() != "15:30" || all[2].Time() != "" || !all[1].Significant {
		t.Errorf("significant event: %+v", all[1])
	}
	oldest := Build(record(), nil, Filter{OldestFirst: true})
	if oldest[0].Title != "Born" {
		t.Errorf("oldest first: %q", titles(oldest))
	}
	sig := titles(Build(record(), nil, Filter{SignificantOnly: true}))
	if !reflect.DeepEqual(sig, []string{"Significant event: Disclosure at school", "Child protection plan started", "Police domestic abuse notification"}) {
		t.Errorf("significant only: %q", sig)
	}
	prot := titles(Build(record(), nil, Filter{Types: []Type{Protection, Visits}}))
	if len(prot) != 2 {
		t.Errorf("protection and visits: %q", prot)
	}
	// A conference booked and not yet held has not happened (AC-15).
	booked := record()
	booked.Conferences = []domain.Conference{{Entity: domain.Entity{ID: 90}, Booked: true, Type: "review", Date: civil.MustParse("2015-06-01")}}
	if got := titles(Build(booked, nil, Filter{})); !reflect.DeepEqual(got, titles(all)) {
		t.Errorf("with a booked conference: %q", got)
	}
	// A partner who may see only contacts sees only contacts.
	shared := Build(record(), func(kind string) bool { return kind == "contact" }, Filter{})
	if len(shared) != 1 || shared[0].Kind != "contact" {
		t.Errorf("contacts only: %+v", shared)
	}
}

func TestEveryTypeHasATitle(t *testing.T) {
	seen := map[Type]bool{}
	for _, ty := range Types {
		if ty.Title == "" || seen[ty.Type] {
			t.Errorf("type %q", ty.Type)
		}
		seen[ty.Type] = true
	}
}

// TestKeyEvents: an event marked as key is shown so, and can be shown on
// its own (AC-08).
func TestKeyEvents(t *testing.T) {
	cr := record()
	cr.KeyEvents = []domain.KeyEvent{{PersonID: 1, RecordKind: "referral", RecordID: 3, EventDate: civil.MustParse("2019-01-07")}}
	key := Build(cr, nil, Filter{KeyOnly: true})
	if len(key) != 1 || key[0].Title != "Referral from Police" || !key[0].Key {
		t.Fatalf("key events %+v", key)
	}
	if hidden := Build(cr, func(kind string) bool { return kind != "key_event" }, Filter{KeyOnly: true}); len(hidden) != 0 {
		t.Errorf("key marks shown to a user who may not see them: %+v", hidden)
	}
}
