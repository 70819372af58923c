package domain

import (
	"reflect"
	"testing"

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
