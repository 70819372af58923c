package timescales

import (
	"fmt"
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
	fmt.Fprintf(&b, "%s due %s — %s", it.Title, when(it.Due, it.DueAt, hours), phrase(terms[chosen], hours))
	for i, t := range terms {
		if i != chosen {
			fmt.Fprintf(&b, " (sooner than %s)", phrase(t, hours))
		}
	}
	for _, d := range extensions {
		fmt.Fprintf(&b, ", extended by %s on %s", extension.Long(), d.Long())
	}
	switch it.Status {
	case MetOnTime:
		fmt.Fprintf(&b, "; met on time by %s %s", met.Kind.noun(), onOrAt(met.On, met.At, hours))
	case MetLate:
		late := days(it.DaysLate)
		if it.DaysLate == 0 {
			late = plural(int(math.Ceil(met.At.Sub(it.DueAt).Hours())), "hour")
		}
		fmt.Fprintf(&b, "; met %s late by %s %s", late, met.Kind.noun(), onOrAt(met.On, met.At, hours))
	case Overdue:
		fmt.Fprintf(&b, "; overdue by %s", days(it.DaysLate))
	case Missed:
		fmt.Fprintf(&b, "; missed: the clock stopped on %s (%s)", stop.On.Long(), stop.Kind.noun())
	}
	return b.String()
}

// phrase is a clock in words with what it runs from.
func phrase(t term, hours bool) string {
	k, from := t.clock, t.from.noun+" "+onOrAt(t.from.on, t.from.at, hours)
	switch {
	case k.N == 0 && k.Unit == calendar.WorkingDays:
		return "the same working day as " + from
	case k.N == 0:
		return "the same day as " + from
	case k.N < 0:
		return k.Long() + " before " + from
	case k.Inclusive:
		return k.Long() + " beginning with " + from
	}
	return k.Long() + " after " + from
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
