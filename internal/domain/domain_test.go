package domain

import (
	"errors"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/waymark-care/waymark/internal/civil"
)

func TestValidNHSNumber(t *testing.T) {
	for _, tt := range []struct {
		n    string
		want bool
	}{
		{"9434765919", true},
		{"9434765918", false}, // wrong check digit
		{"943476591", false},  // too short
		{"94347659190", false},
		{"943476591A", false},
		{"0000000000", true},
	} {
		if got := ValidNHSNumber(tt.n); got != tt.want {
			t.Errorf("ValidNHSNumber(%q) = %v", tt.n, got)
		}
	}
}

// TestStrategyDiscussionMissingAgencies: police, health and social care must
// all take part (AC-01).
func TestStrategyDiscussionMissingAgencies(t *testing.T) {
	for _, tt := range []struct {
		agencies []string
		want     []string
	}{
		{[]string{"childrens_social_care", "police", "health", "education"}, nil},
		{[]string{"childrens_social_care", "police"}, []string{"health"}},
		{nil, []string{"childrens_social_care", "police", "health"}},
	} {
		s := StrategyDiscussion{Agencies: tt.agencies}
		if got := s.MissingAgencies(); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%v: missing %v, want %v", tt.agencies, got, tt.want)
		}
	}
}

func TestUnborn(t *testing.T) {
	on := civil.MustParse("2015-09-16")
	for _, tt := range []struct {
		p    Person
		want bool
	}{
		{Person{ExpectedBirth: civil.MustParse("2015-11-01")}, true},
		{Person{DateOfBirth: civil.MustParse("2015-10-01")}, true},
		{Person{DateOfBirth: civil.MustParse("2015-09-16")}, false},
		{Person{}, false},
	} {
		if got := tt.p.Unborn(on); got != tt.want {
			t.Errorf("%+v: unborn %v", tt.p, got)
		}
	}
}

// TestEveryKindIsValidatable checks each kind's tags: every registered kind
// has an Entity, JSON names for its columns, and code lists that exist (the
// package's init panics otherwise).
func TestEveryKindIsValidatable(t *testing.T) {
	if len(Kinds()) < 40 {
		t.Fatalf("only %d kinds registered", len(Kinds()))
	}
	for _, k := range Kinds() {
		r := k.New()
		err := Validate(r)
		if _, ok := err.(*ValidationError); err != nil && !ok {
			t.Errorf("%s: %v", k.Name, err)
		}
		for _, f := range reflect.VisibleFields(k.Type()) {
			if col, _ := Tag(f); col != "" && f.Tag.Get("json") == "" {
				t.Errorf("%s.%s has a column but no JSON name", k.Name, f.Name)
			}
		}
	}
}

// TestDatesInOrderMessages: an end before its start is named in a whole
// sentence, as a GOV.UK error message is, on a form and in the API alike.
func TestDatesInOrderMessages(t *testing.T) {
	start, before := civil.MustParse("2025-03-01"), civil.MustParse("2025-02-01")
	at := time.Date(2025, 3, 1, 10, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		rec   Record
		field string
		want  string
	}{
		{&Address{PersonID: 1, From: start, To: before}, "end_date", "The end date must be the same as or after the start date"},
		{&Person{Forename: "E", Surname: "X", DateOfBirth: start, DateOfDeath: before}, "date_of_death", "The date of death must be the same as or after the date of birth"},
		{&Contact{PersonID: 1, ContactAt: at, DecisionAt: at.Add(-time.Hour)}, "decision_at", "The time of the decision must be after the time of the contact"},
	} {
		var ve *ValidationError
		if !errors.As(Validate(tc.rec), &ve) || !slices.Contains(ve.Errors, FieldError{tc.field, tc.want}) {
			t.Errorf("%T: want %s: %q, got %v", tc.rec, tc.field, tc.want, Validate(tc.rec))
		}
	}
}

// TestFamily: a child's family is recorded from either side (XC-06): a
// relationship on a parent's or a brother's record naming the child is
// turned to the child's side, and a pair recorded from both sides at once
// is shown once, from the child's own record.
func TestFamily(t *testing.T) {
	d := civil.MustParse
	const child, mum, brother, dad, gran = 1, 2, 3, 4, 5
	own := []Relationship{
		{Entity: Entity{ID: 10}, PersonID: child, RelatedPersonID: brother, Type: "sibling", LivesWith: true, From: d("2015-01-01")},
		{Entity: Entity{ID: 11}, PersonID: child, RelatedPersonID: dad, Type: "father", From: d("2015-01-01"), To: d("2020-01-01")},
	}
	naming := []Relationship{
		{Entity: Entity{ID: 20}, PersonID: mum, RelatedPersonID: child, Type: "child", ParentalResponsibility: true, LivesWith: true},
		{Entity: Entity{ID: 21}, PersonID: brother, RelatedPersonID: child, Type: "sibling", LivesWith: true, From: d("2015-01-01")},
		{Entity: Entity{ID: 22}, PersonID: dad, RelatedPersonID: child, Type: "child", LivesWith: true, From: d("2022-06-01")},
		{Entity: Entity{ID: 23}, PersonID: gran, RelatedPersonID: child, Type: "grandchild"},
	}
	sex := map[int64]string{mum: "F", brother: "M", dad: "M", gran: "F"}
	got := Family(own, naming, func(id int64) string { return sex[id] })
	type tie struct {
		id, related, on int64
		rel             string
	}
	var ties []tie
	for _, g := range got {
		if g.PersonID != child {
			t.Errorf("not seen from the child: %+v", g)
		}
		ties = append(ties, tie{g.ID, g.RelatedPersonID, g.RecordedOn, g.Type})
	}
	want := []tie{
		{10, brother, child, "sibling"},
		{11, dad, child, "father"},
		{20, mum, mum, "mother"},
		// The brother's record of the same pair at the same time is not shown again.
		{22, dad, dad, "father"}, // father again, after the relationship the child's record ended
		{23, gran, gran, "grandparent"},
	}
	if !slices.Equal(ties, want) {
		t.Errorf("family:\n got %v\nwant %v", ties, want)
	}
	if !got[2].ParentalResponsibility || !got[2].LivesWith {
		t.Errorf("the mother's record of parental responsibility and the household is the child's too: %+v", got[2])
	}
}

// TestConferenceCancelled: only a booking is cancelled, with the day and
// why (AC-15).
func TestConferenceCancelled(t *testing.T) {
	day := civil.MustParse("2025-03-01")
	booked := func(change func(*Conference)) *Conference {
		c := &Conference{PersonID: 1, ReferralID: 2, Type: "initial", Date: day, Booked: true}
		change(c)
		return c
	}
	for _, tc := range []struct {
		name  string
		c     *Conference
		field string // "" for valid
	}{
		{"booked", booked(func(*Conference) {}), ""},
		{"cancelled with why", booked(func(c *Conference) { c.CancelledDate, c.CancelReason = day, "Plan ended." }), ""},
		{"cancelled without why", booked(func(c *Conference) { c.CancelledDate = day }), "cancel_reason"},
		{"why without the day", booked(func(c *Conference) { c.CancelReason = "Plan ended." }), "cancelled_date"},
		{"held, then cancelled", booked(func(c *Conference) { c.Booked, c.CancelledDate, c.CancelReason = false, day, "Plan ended." }), "cancelled_date"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			errs := tc.c.Check()
			if tc.field == "" && len(errs) > 0 || tc.field != "" && (len(errs) != 1 || errs[0].Field != tc.field) {
				t.Errorf("got %v, want an error on %q", errs, tc.field)
			}
			if got := tc.c.Upcoming(); got != (tc.c.Booked && tc.c.CancelledDate.IsZero()) {
				t.Errorf("upcoming %v", got)
			}
		})
	}
}
