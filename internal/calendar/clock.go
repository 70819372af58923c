package calendar

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/waymark-care/waymark/internal/civil"
)

// Unit is a clock's unit, coded as in timescales.md §1.3.
type Unit string

const (
	WorkingDays    Unit = "WD"
	CalendarDays   Unit = "CD"
	Weeks          Unit = "WK"
	CalendarMonths Unit = "CM" // clamped to the end of a shorter month
	ElapsedHours   Unit = "EH" // on the absolute timeline; see DueAt
)

// Clock is a statutory or local time limit: "15 WD", "6 CM", "72 EH".
type Clock struct {
	N    int
	Unit Unit
	// Inclusive counts the start day as day 1: the inclusive working-day
	// convention (§1.4.2) and "beginning with" periods such as CT-1's 26 weeks.
	Inclusive bool
}

// ParseClock reads the form String writes: an amount, a unit code and
// optionally "inclusive", e.g. "15 WD", "26 WK inclusive". A negative amount
// counts back from the start (PF-1: notice 6 weeks before an arrangement).
func ParseClock(s string) (Clock, error) {
	f := strings.Fields(s)
	if len(f) < 2 || len(f) > 3 || (len(f) == 3 && f[2] != "inclusive") {
		return Clock{}, fmt.Errorf("%q is not a clock such as \"15 WD\", \"6 CM\" or \"26 WK inclusive\"", s)
	}
	n, err := strconv.Atoi(f[0])
	if err != nil {
		return Clock{}, fmt.Errorf("%q: the amount %q is not a whole number", s, f[0])
	}
	k := Clock{N: n, Unit: Unit(strings.ToUpper(f[1])), Inclusive: len(f) == 3}
	switch k.Unit {
	case WorkingDays, CalendarDays, Weeks, CalendarMonths, ElapsedHours:
	default:
		return Clock{}, fmt.Errorf("%q: the unit %q is not WD, CD, WK, CM or EH", s, f[1])
	}
	if k.Inclusive && (k.Unit == ElapsedHours || k.N <= 0) {
		return Clock{}, fmt.Errorf("%q: only a positive clock in days, weeks or months can be inclusive", s)
	}
	return k, nil
}

// String returns the clock in the form ParseClock reads.
func (k Clock) String() string {
	s := strconv.Itoa(k.N) + " " + string(k.Unit)
	if k.Inclusive {
		s += " inclusive"
	}
	return s
}

// IsZero reports whether no clock is set.
func (k Clock) IsZero() bool { return k == Clock{} }

// MarshalText implements encoding.TextMarshaler, for JSON settings.
func (k Clock) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (k *Clock) UnmarshalText(b []byte) error {
	v, err := ParseClock(string(b))
	if err != nil {
		return err
	}
	*k = v
	return nil
}

var unitWords = map[Unit]string{
	WorkingDays: "working day", CalendarDays: "day", Weeks: "week",
	CalendarMonths: "month", ElapsedHours: "hour",
}

// Long returns the length in words, for explanations: "15 working days",
// "1 week", "3 months". The sign and the counting convention are left to the
// sentence around it.
func (k Clock) Long() string {
	n := max(k.N, -k.N)
	word := unitWords[k.Unit]
	if n != 1 {
		word += "s"
	}
	return strconv.Itoa(n) + " " + word
}

// Due returns the last day of a date clock started on start: the day by which
// the event must happen. It panics on an hour clock, which needs an instant
// (DueAt).
func (c *Calendar) Due(start civil.Date, k Clock) civil.Date {
	if k.Unit == WorkingDays {
		if k.Inclusive {
			// The start day is day 1, so count from the day before it.
			start = start.AddDays(-1)
		}
		return c.AddWorkingDays(start, k.N)
	}
	var due civil.Date
	switch k.Unit {
	case CalendarDays:
		due = start.AddDays(k.N)
	case Weeks:
		due = start.AddDays(7 * k.N)
	case CalendarMonths:
		due = start.AddMonths(k.N)
	default:
		panic(fmt.Sprintf("calendar: Due needs a date clock, not %v", k))
	}
	if k.Inclusive {
		due = due.AddDays(-1)
	}
	return due
}

// DueAt returns the deadline of an elapsed-hours clock: N×3600 seconds on the
// absolute timeline, so a clock change in between moves the wall-clock time
// (12:00 GMT + 72 hours is 13:00 BST across the spring change).
func DueAt(start time.Time, k Clock) time.Time {
	if k.Unit != ElapsedHours {
		panic(fmt.Sprintf("calendar: DueAt needs an hour clock, not %v", k))
	}
	return start.Add(time.Duration(k.N) * time.Hour)
}
