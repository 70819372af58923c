package civil

import (
	"testing"
	"time"
)

func TestAddMonthsClamps(t *testing.T) {
	tests := []struct {
		start string
		n     int
		want  string
	}{
		{"2024-08-31", 6, "2025-02-28"},
		{"2023-08-31", 6, "2024-02-29"},
		{"2015-01-31", 1, "2015-02-28"},
		{"2015-10-07", 3, "2016-01-07"},
		{"2016-02-29", 12, "2017-02-28"},
		{"2015-03-31", -1, "2015-02-28"},
		{"2015-01-15", -13, "2013-12-15"},
	}
	for _, tt := range tests {
		got := MustParse(tt.start).AddMonths(tt.n).String()
		if got != tt.want {
			t.Errorf("%s + %d months = %s, want %s", tt.start, tt.n, got, tt.want)
		}
	}
}

func TestWeekdayAndRoundTrip(t *testing.T) {
	for d := MustParse("1999-12-25"); d.Before(MustParse("2031-01-01")); d = d.AddDays(17) {
		if d.Weekday() != d.Time().Weekday() {
			t.Fatalf("%s: weekday %v, time says %v", d, d.Weekday(), d.Time().Weekday())
		}
		if MustParse(d.String()) != d {
			t.Fatalf("%s does not round-trip", d)
		}
	}
	if got := MustParse("2015-10-07").Long(); got != "Wed 7 Oct 2015" {
		t.Errorf("Long = %q", got)
	}
}

func TestParseRejects(t *testing.T) {
	for _, s := range []string{"2015-02-30", "07/10/2015", "2015-1-1", "tomorrow"} {
		if _, err := Parse(s); err == nil {
			t.Errorf("Parse(%q) accepted", s)
		}
	}
	if d, err := Parse(""); err != nil || !d.IsZero() {
		t.Errorf("Parse(\"\") = %v, %v", d, err)
	}
}

func TestAgeOn(t *testing.T) {
	dob := MustParse("2008-02-29")
	if got := dob.AgeOn(MustParse("2026-02-28")); got != 17 {
		t.Errorf("age = %d, want 17", got)
	}
	if got := dob.AgeOn(MustParse("2026-03-01")); got != 18 {
		t.Errorf("age = %d, want 18", got)
	}
	_ = time.Now
}

// FuzzParse checks the hand-written parser agrees with time.Parse on every
// input: same dates accepted, same dates produced.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"2015-10-07", "2016-02-29", "2015-02-29", "0001-01-01", "9999-12-31", "2015-1-07", "", "2015-13-01", "+015-10-07"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := Parse(s)
		want, werr := time.Parse(time.DateOnly, s)
		if s == "" {
			return
		}
		if (err == nil) != (werr == nil) {
			t.Fatalf("Parse(%q) error %v, time.Parse error %v", s, err, werr)
		}
		if err == nil && d != OfTime(want) {
			t.Fatalf("Parse(%q) = %s, want %s", s, d, want.Format(time.DateOnly))
		}
	})
}
