// Package civil holds calendar dates and times of day as social care records
// them: a date is a day in England, never an instant, so it is never shifted
// by a time zone. Only rules that count hours (return home interviews, police
// protection) use instants, and those are plain time.Time values.
package civil

import (
	"encoding/json"
	"fmt"
	"time"
)

// Date is a calendar date. The zero Date means "not recorded".
type Date struct {
	// n is the number of days since 0001-01-01, plus one, so that the zero
	// value is distinct from every real date.
	n int32
}

// epochDay is 0001-01-01 counted in days from the Unix epoch; Go's time
// package uses the proleptic Gregorian calendar.
var epochDay = time.Date(1, time.January, 1, 0, 0, 0, 0, time.UTC).Unix() / 86400

// Of returns the date for a year, month and day. Out-of-range values are
// normalised as time.Date does (31 April becomes 1 May); use Parse to reject them.
func Of(year int, month time.Month, day int) Date {
	t := time.Date(year, month, day, 0, 0, 0, 0, time.UTC)
	return Date{n: int32(t.Unix()/86400-epochDay) + 1}
}

// OfTime returns the date on which t falls in t's own location.
func OfTime(t time.Time) Date {
	y, m, d := t.Date()
	return Of(y, m, d)
}

// Parse reads an ISO 8601 date (2006-01-02). The empty string is the zero Date.
func Parse(s string) (Date, error) {
	if s == "" {
		return Date{}, nil
	}
	// Reading records parses dates by the million, so the fixed form is read
	// by hand rather than through time.Parse.
	y, ok1 := digits(s, 0, 4)
	m, ok2 := digits(s, 5, 7)
	d, ok3 := digits(s, 8, 10)
	if len(s) != 10 || s[4] != '-' || s[7] != '-' || !ok1 || !ok2 || !ok3 ||
		m < 1 || m > 12 || d < 1 || d > DaysIn(y, time.Month(m)) {
		return Date{}, fmt.Errorf("%q is not a date in the form YYYY-MM-DD", s)
	}
	return Of(y, time.Month(m), d), nil
}

// digits reads s[from:to] as a decimal number.
func digits(s string, from, to int) (int, bool) {
	if len(s) < to {
		return 0, false
	}
	n := 0
	for i := from; i < to; i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// MustParse is Parse for constants in tests and tables; it panics on a bad date.
func MustParse(s string) Date {
	d, err := Parse(s)
	if err != nil {
		panic(err)
	}
	return d
}

// IsZero reports whether the date is unset.
func (d Date) IsZero() bool { return d.n == 0 }

// Time returns midnight UTC at the start of the date.
func (d Date) Time() time.Time { return time.Unix((int64(d.n-1)+epochDay)*86400, 0).UTC() }

// Date returns the year, month and day.
func (d Date) Date() (int, time.Month, int) { return d.Time().Date() }

// Year returns the year.
func (d Date) Year() int { y, _, _ := d.Date(); return y }

// Weekday returns the day of the week.
func (d Date) Weekday() time.Weekday {
	// 0001-01-01 was a Monday.
	return time.Weekday((int(d.n-1) + 1) % 7)
}

// AddDays returns the date n days later (earlier if n is negative).
func (d Date) AddDays(n int) Date { return Date{n: d.n + int32(n)} }

// AddMonths adds calendar months, clamping to the end of a shorter month:
// 31 August + 6 months is the last day of February, not early March as
// time.AddDate would give.
func (d Date) AddMonths(n int) Date {
	y, m, day := d.Date()
	total := int(m) - 1 + n
	y += total / 12
	total %= 12
	if total < 0 {
		total += 12
		y--
	}
	month := time.Month(total + 1)
	if last := DaysIn(y, month); day > last {
		day = last
	}
	return Of(y, month, day)
}

// AddYears adds whole years, clamping 29 February to 28 February.
func (d Date) AddYears(n int) Date { return d.AddMonths(12 * n) }

// DaysIn returns the number of days in a month.
func DaysIn(year int, month time.Month) int {
	return time.Date(year, month+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// DaysSince returns the number of days from e to d (negative if d is earlier).
func (d Date) DaysSince(e Date) int { return int(d.n - e.n) }

// Before reports whether d is earlier than e.
func (d Date) Before(e Date) bool { return d.n < e.n }

// After reports whether d is later than e.
func (d Date) After(e Date) bool { return d.n > e.n }

// Compare returns -1, 0 or +1 as d is before, equal to or after e.
func (d Date) Compare(e Date) int {
	switch {
	case d.n < e.n:
		return -1
	case d.n > e.n:
		return 1
	}
	return 0
}

// AgeOn returns the age in completed years on date on.
func (d Date) AgeOn(on Date) int {
	y1, m1, d1 := d.Date()
	y2, m2, d2 := on.Date()
	age := y2 - y1
	if m2 < m1 || (m2 == m1 && d2 < d1) {
		age--
	}
	return age
}

// String returns the ISO form, or "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.Time().Format(time.DateOnly)
}

// Long returns the form used in explanations and letters: "Wed 7 Oct 2015".
func (d Date) Long() string {
	if d.IsZero() {
		return ""
	}
	return d.Time().Format("Mon 2 Jan 2006")
}

// MarshalText implements encoding.TextMarshaler (JSON, XML, CSV).
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (d *Date) UnmarshalText(b []byte) error {
	v, err := Parse(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// MarshalJSON writes null for an unset date.
func (d Date) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return []byte("null"), nil
	}
	return json.Marshal(d.String())
}

// UnmarshalJSON accepts an ISO date string or null.
func (d *Date) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*d = Date{}
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("a date must be a string in the form YYYY-MM-DD")
	}
	return d.UnmarshalText([]byte(s))
}
