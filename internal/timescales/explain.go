package timescales

import (
	"math"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // hour clocks need Europe/London whatever the host holds

	"github.com/waymark-care/waymark/internal/calendar"
	"github.com/waymark-care/waymark/internal/civil"
)

// london is where hour clocks are shown, and where a day with no recorded
// time starts.
var london = func() *time.Location {
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		panic(err)
	}
	return loc
}()

// explain writes the item in plain English: "Initial child protection
// conference due Wed 7 Oct 2015 — 15 working days after the strategy
// discussion on Wed 16 Sep 2015", then what became of it.
func explain(it *Item, terms []term, chosen int, extensions []civil.Date, extension calendar.Clock, met, stop *Event) string {
	hours := !it.DueAt.IsZero()
	var b strings.Builder
	b.Grow(200)
	b.WriteString(it.Title)
	b.WriteString(" due ")
	b.WriteString(when(it.Due, it.DueAt, hours))
	b.WriteString(" — ")
	phrase(&b, terms[chosen], hours)
	for i, t := range terms {
		if i != chosen {
			b.WriteString(" (sooner than ")
			phrase(&b, t, hours)
			b.WriteString(")")
		}
	}
	for _, d := range extensions {
		b.WriteString(", extended by " + extension.Long() + " on " + d.Long())
	}
	switch it.Status {
	case MetOnTime:
		b.WriteString("; met on time by " + met.Kind.noun() + " " + onOrAt(met.On, met.At, hours))
	case MetLate:
		late := days(it.DaysLate)
		if it.DaysLate == 0 {
			late = plural(int(math.Ceil(met.At.Sub(it.DueAt).Hours())), "hour")
		}
		b.WriteString("; met " + late + " late by " + met.Kind.noun() + " " + onOrAt(met.On, met.At, hours))
	case Overdue:
		b.WriteString("; overdue by " + days(it.DaysLate))
	case Missed:
		b.WriteString("; missed: the clock stopped on " + stop.On.Long() + " (" + stop.Kind.noun() + ")")
	}
	return b.String()
}

// phrase writes a clock in words with what it runs from.
func phrase(b *strings.Builder, t term, hours bool) {
	k := t.clock
	switch {
	case k.N == 0 && k.Unit == calendar.WorkingDays:
		b.WriteString("the same working day as ")
	case k.N == 0:
		b.WriteString("the same day as ")
	case k.N < 0:
		b.WriteString(k.Long() + " before ")
	case k.Inclusive:
		b.WriteString(k.Long() + " beginning with ")
	default:
		b.WriteString(k.Long() + " after ")
	}
	b.WriteString(t.from.noun + " " + onOrAt(t.from.on, t.from.at, hours))
}

// when is a date, or for an hour clock a time and date in England.
func when(d civil.Date, at time.Time, hours bool) string {
	if hours && !at.IsZero() {
		return at.In(london).Format("15:04 Mon 2 Jan 2006")
	}
	return d.Long()
}

func onOrAt(d civil.Date, at time.Time, hours bool) string {
	if hours && !at.IsZero() {
		return "at " + when(d, at, hours)
	}
	return "on " + d.Long()
}

func days(n int) string { return plural(n, "day") }

func plural(n int, word string) string {
	if n != 1 {
		word += "s"
	}
	return strconv.Itoa(n) + " " + word
}

// ordinal writes 4 as "4th".
func ordinal(n int) string {
	suffix := "th"
	switch {
	case n%100 >= 11 && n%100 <= 13:
	case n%10 == 1:
		suffix = "st"
	case n%10 == 2:
		suffix = "nd"
	case n%10 == 3:
		suffix = "rd"
	}
	return strconv.Itoa(n) + suffix
}
