package search

import (
	"fmt"
	"testing"

	"github.com/waymark-care/waymark/internal/civil"
)

func index() *Index {
	x := New()
	x.Update([]Person{
		{ID: 1, Forename: "Ellie", Surname: "Example", DateOfBirth: civil.MustParse("2010-05-14"), NHSNumber: "9434765919", LAChildID: "DN000001"},
		{ID: 2, Forename: "Dana", Surname: "Example", DateOfBirth: civil.MustParse("1988-02-01")},
		{ID: 3, Forename: "Max", Surname: "Example", DateOfBirth: civil.MustParse("2013-08-30")},
		{ID: 4, Forename: "Lee", Surname: "Johnson", KnownAs: "Leo"},
		{ID: 5, Forename: "Mary-Jane", Surname: "O'Neill", DateOfBirth: civil.MustParse("2010-05-14")},
		{ID: 6, Forename: "Ali", Surname: "Smith"},
		{ID: 7, Forename: "Alistair", Surname: "Smyth"},
	}, nil)
	return x
}

func ids(ms []Match) string {
	s := ""
	for _, m := range ms {
		s += fmt.Sprint(m.ID, " ")
	}
	return s
}

func TestSearch(t *testing.T) {
	x := index()
	for _, tc := range []struct {
		q    Query
		want string
	}{
		{Query{Text: "ellie example"}, "1 "},
		{Query{Text: "Example"}, "2 1 3 "},   // alphabetical by forename among equals
		{Query{Text: "exam"}, "2 1 3 "},      // a partial name
		{Query{Text: "Exmaple ellie"}, "1 "}, // transposed letters
		{Query{Text: "Elly Exampel"}, "1 "},  // misspelt both
		{Query{Text: "jonson"}, "4 "},        // sounds alike
		{Query{Text: "leo"}, "4 "},           // known as
		{Query{Text: "oneill"}, "5 "},        // the apostrophe left out
		{Query{Text: "neill mary"}, "5 "},    // parts of hyphenated and apostrophised names
		{Query{Text: "smith"}, "6 7 "},       // exact first, then the sound-alike
		{Query{Text: "al"}, "6 7 "},          // prefixes of short words
		{Query{Text: "943 476 5919"}, "1 "},  // NHS number with spaces
		{Query{Text: "dn000001"}, "1 "},      // LA child ID in any case
		{Query{DateOfBirth: civil.MustParse("2010-05-14")}, "1 5 "},
		{Query{Text: "example", DateOfBirth: civil.MustParse("2010-05-14")}, "1 "},
		{Query{Text: "DN000001", DateOfBirth: civil.MustParse("2011-01-01")}, ""},
		{Query{Text: "nobody"}, ""},
		{Query{}, ""},
	} {
		if got := ids(x.Search(tc.q, 10)); got != tc.want {
			t.Errorf("%+v: got %q, want %q", tc.q, got, tc.want)
		}
	}
	if m := x.Search(Query{Text: "DN000001"}, 10); !m[0].ByID {
		t.Error("a match by ID is not marked")
	}
	if got := ids(x.Search(Query{Text: "example"}, 2)); got != "2 1 " {
		t.Errorf("limit: %q", got)
	}
}

func TestUpdate(t *testing.T) {
	x := index()
	// A change of name: the old name no longer finds the person.
	x.Update([]Person{{ID: 3, Forename: "Max", Surname: "Turner"}}, []int64{2})
	if got := ids(x.Search(Query{Text: "example"}, 10)); got != "1 " {
		t.Errorf("after update: %q", got)
	}
	if got := ids(x.Search(Query{Text: "turner"}, 10)); got != "3 " {
		t.Errorf("new name: %q", got)
	}
	if x.Len() != 6 {
		t.Errorf("Len = %d", x.Len())
	}
}

func TestDistanceAndSoundex(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{{"example", "example", 0}, {"exmaple", "example", 1}, {"exampel", "example", 1}, {"exmple", "example", 1}, {"exampleee", "example", 2}, {"abc", "xyzabc", 3}} {
		if got := distance(tc.a, tc.b, 2); got != tc.want {
			t.Errorf("distance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
	for word, want := range map[string]string{"robert": "R163", "rupert": "R163", "ashcraft": "A261", "tymczak": "T522", "pfister": "P236", "lee": "L000"} {
		if got := soundex(word); got != want {
			t.Errorf("soundex(%q) = %q, want %q", word, got, want)
		}
	}
}

func BenchmarkSearch(b *testing.B) {
	x := New()
	var people []Person
	// 50,000 people with 50,000 different surnames spread over the
	// alphabet, as many as the largest authorities hold.
	forenames := []string{"Ellie", "Jack", "Olivia", "Harry", "Amelia", "Noah", "Isla", "Leo", "Ava", "Oscar"}
	first := []string{"B", "C", "D", "F", "G", "H", "J", "K", "L", "M", "N", "P", "R", "S", "T", "W", "Ab", "El", "Os", "Ur"}
	mid := []string{"ar", "en", "il", "on", "ur", "ash", "ell", "ing", "orth", "ay"}
	end := []string{"ton", "ley", "son", "ford", "well", "man", "by", "field", "wood", "er", "ham", "dale", "cott", "ridge", "worth", "more", "stone", "brook", "hurst", "land", "ock", "ey", "all", "ins", "ard"}
	for i := range 50000 {
		s := first[i%20] + mid[i/20%10] + end[i/200%25] + mid[i/5000%10]
		people = append(people, Person{ID: int64(i + 1), Forename: forenames[i%10], Surname: s})
	}
	x.Update(people, nil)
	b.ResetTimer()
	for b.Loop() {
		x.Search(Query{Text: "Elie Marsonar"}, 50)
		x.Search(Query{Text: "jack"}, 50)
	}
}
