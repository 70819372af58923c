package calendar

import (
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/waymark-care/waymark/internal/civil"
)

var d = civil.MustParse

// XC-01: every working-day deadline comes from this calendar and timescales.md §1.
func TestAddWorkingDays(t *testing.T) {
	tests := []struct {
		why   string
		start string
		n     int
		want  string
	}{
		{"timescales.md §1.4.1: referral before Christmas", "2024-12-20", 1, "2024-12-23"},
		{"XC-01: 45 WD assessment over the August bank holiday", "2015-08-28", 45, "2015-11-02"},
		{"XC-01: 15 WD ICPC from a strategy discussion that day", "2015-08-28", 15, "2015-09-21"},
		{"timescales.md §1.4.2: s47 start, day-0 counting", "2022-03-10", 15, "2022-03-31"},
		{"Good Friday and Easter Monday", "2025-04-17", 1, "2025-04-22"},
		{"Christmas on a Saturday: Mon 27 and Tue 28 are substitutes", "2021-12-24", 1, "2021-12-29"},
		{"Christmas on a Sunday: Tue 27 is the Christmas substitute", "2022-12-23", 1, "2022-12-28"},
		{"Boxing Day on a Saturday: Mon 28 is the substitute", "2015-12-24", 1, "2015-12-29"},
		{"New Year's Day on a Saturday: Mon 3 Jan", "2021-12-31", 1, "2022-01-04"},
		{"2011 royal wedding, then the early May holiday", "2011-04-28", 1, "2011-05-03"},
		{"2012 Diamond Jubilee: 4 and 5 June", "2012-06-01", 1, "2012-06-06"},
		{"2012: 28 May was a working day, its holiday moved to June", "2012-05-25", 1, "2012-05-28"},
		{"2020: early May holiday moved to Friday 8 May (VE Day)", "2020-05-07", 1, "2020-05-11"},
		{"2020: Monday 4 May was a working day", "2020-05-01", 1, "2020-05-04"},
		{"2022 Platinum Jubilee: 2 and 3 June", "2022-06-01", 1, "2022-06-06"},
		{"2022: Monday 30 May was a working day", "2022-05-27", 1, "2022-05-30"},
		{"2022 State Funeral, 19 September", "2022-09-16", 1, "2022-09-20"},
		{"2023 Coronation, 8 May", "2023-05-05", 1, "2023-05-09"},
		{"start at a weekend: the next working day is day 1", "2024-12-21", 1, "2024-12-23"},
		{"0 WD on a working day is that day", "2024-12-20", 0, "2024-12-20"},
		{"0 WD at a weekend is the next working day", "2024-12-21", 0, "2024-12-23"},
		{"counting back over a weekend", "2024-12-23", -1, "2024-12-20"},
		{"a year after the list, by rule: Easter 2028", "2028-04-13", 1, "2028-04-18"},
		{"a year before the list, by rule: Christmas 2010 on a Saturday", "2010-12-24", 1, "2010-12-29"},
	}
	cal := EnglandAndWales()
	for _, tt := range tests {
		if got := cal.AddWorkingDays(d(tt.start), tt.n); got != d(tt.want) {
			t.Errorf("%s: %s + %d WD = %s, want %s", tt.why, tt.start, tt.n, got.Long(), d(tt.want).Long())
		}
	}
}

func TestWorkingDaysBetween(t *testing.T) {
	cal := EnglandAndWales()
	tests := []struct {
		from, to string
		want     int
	}{
		{"2015-08-28", "2015-08-28", 0},
		{"2024-12-20", "2024-12-23", 1},
		{"2015-08-28", "2015-11-02", 45},
		{"2022-03-10", "2022-03-31", 15},
		{"2024-12-21", "2024-12-22", 0}, // a weekend has no working days
		{"2024-12-23", "2024-12-20", -1},
	}
	for _, tt := range tests {
		if got := cal.WorkingDaysBetween(d(tt.from), d(tt.to)); got != tt.want {
			t.Errorf("WorkingDaysBetween(%s, %s) = %d, want %d", tt.from, tt.to, got, tt.want)
		}
	}
	// It inverts AddWorkingDays for every start and positive count.
	for start := d("2019-12-01"); start.Before(d("2020-02-01")); start = start.AddDays(1) {
		for n := 1; n <= 30; n++ {
			due := cal.AddWorkingDays(start, n)
			if got := cal.WorkingDaysBetween(start, due); got != n {
				t.Fatalf("WorkingDaysBetween(%s, %s) = %d, want %d", start, due, got, n)
			}
		}
	}
}

func TestDue(t *testing.T) {
	cal := EnglandAndWales()
	tests := []struct {
		start, clock, want string
	}{
		{"2022-03-10", "15 WD", "2022-03-31"},
		{"2022-03-10", "15 WD inclusive", "2022-03-30"}, // §1.4.2 worked example
		{"2024-12-21", "1 WD inclusive", "2024-12-23"},  // a weekend start still lands on the first working day
		{"2025-01-06", "26 WK inclusive", "2025-07-06"}, // CT-1: issued Mon 6 Jan 2025, ends Sun 6 Jul 2025
		{"2025-01-06", "1 WK", "2025-01-13"},
		{"2025-01-06", "8 CD", "2025-01-14"},
		{"2024-08-31", "6 CM", "2025-02-28"}, // clamped, not 3 Mar as time.AddDate gives
		{"2025-01-13", "-6 WK", "2024-12-02"},
	}
	for _, tt := range tests {
		k, err := ParseClock(tt.clock)
		if err != nil {
			t.Fatal(err)
		}
		if got := cal.Due(d(tt.start), k); got != d(tt.want) {
			t.Errorf("%s + %s = %s, want %s", tt.start, tt.clock, got, tt.want)
		}
	}
}

func TestDueAtCrossesTheClockChange(t *testing.T) {
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Skip("no time zone data:", err)
	}
	ret := time.Date(2025, time.March, 29, 12, 0, 0, 0, london) // 12:00 GMT
	got := DueAt(ret, Clock{N: 72, Unit: ElapsedHours}).In(london)
	if want := time.Date(2025, time.April, 1, 13, 0, 0, 0, london); !got.Equal(want) || got.Hour() != 13 {
		t.Errorf("12:00 GMT 29 Mar 2025 + 72 EH = %v, want 13:00 BST 1 Apr 2025", got)
	}
}

func TestParseClock(t *testing.T) {
	for _, s := range []string{"15 WD", "6 CM", "26 WK inclusive", "72 EH", "-6 WK", "0 WD"} {
		k, err := ParseClock(s)
		if err != nil || k.String() != s {
			t.Errorf("ParseClock(%q) = %v, %v; want it back unchanged", s, k, err)
		}
	}
	if k, _ := ParseClock("10 wd"); k != (Clock{N: 10, Unit: WorkingDays}) {
		t.Errorf("unit codes are case-insensitive: got %v", k)
	}
	for _, s := range []string{"", "15", "WD 15", "1.5 WD", "15 days", "72 EH inclusive", "0 WD inclusive", "3 CM exclusive"} {
		if _, err := ParseClock(s); err == nil {
			t.Errorf("ParseClock(%q) succeeded, want an error", s)
		}
	}
	if got := (Clock{N: 1, Unit: WorkingDays}).Long(); got != "1 working day" {
		t.Errorf("Long = %q", got)
	}
	if got := (Clock{N: -6, Unit: Weeks}).Long(); got != "6 weeks" {
		t.Errorf("Long = %q", got)
	}
}

// listedByYear reads the bundled data file from disk, not through the
// embedded copy, so the two are compared.
func listedByYear(t *testing.T) map[int][]Holiday {
	t.Helper()
	f, err := os.Open("bank-holidays-england-and-wales.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	hs, err := ParseHolidays(f)
	if err != nil {
		t.Fatal(err)
	}
	years := map[int][]Holiday{}
	for _, h := range hs {
		years[h.Date.Year()] = append(years[h.Date.Year()], h)
	}
	return years
}

func TestBundledCalendarIsTheDataFile(t *testing.T) {
	years := listedByYear(t)
	if len(years) != 17 {
		t.Fatalf("data file covers %d years, want 2011–2027", len(years))
	}
	cal := EnglandAndWales()
	for y, want := range years {
		if got := cal.Holidays(y); !slices.Equal(got, want) {
			t.Errorf("%d: calendar has %v, data file has %v", y, got, want)
		}
	}
}

// timescales.md §1.2: the generated set must equal the published one for
// every year without a one-off day.
func TestRulesReproduceTheDataFile(t *testing.T) {
	checked := 0
	for y, listed := range listedByYear(t) {
		if slices.ContainsFunc(listed, func(h Holiday) bool { return h.Kind == Special }) {
			continue
		}
		checked++
		if got := byRule(y); !slices.Equal(got, listed) {
			t.Errorf("%d: rules give %v, data file has %v", y, got, listed)
		}
	}
	if checked != 12 {
		t.Errorf("checked %d years without special days, want 12", checked)
	}
}

func TestEasterSunday(t *testing.T) {
	for _, want := range []string{"2000-04-23", "2008-03-23", "2011-04-24", "2019-04-21", "2038-04-25", "2285-03-22"} {
		if got := easterSunday(d(want).Year()); got != d(want) {
			t.Errorf("Easter %d = %s, want %s", d(want).Year(), got, want)
		}
	}
}

func TestExtraHolidays(t *testing.T) {
	base := EnglandAndWales()
	cal := base.WithExtraHolidays(
		Holiday{Date: d("2029-06-04"), Name: "Proclaimed day", Kind: Special},
		Holiday{Date: d("2029-05-28"), Name: "Spring bank holiday moved", Kind: Withdrawn},
	)
	if cal.IsWorkingDay(d("2029-06-04")) || !base.IsWorkingDay(d("2029-06-04")) {
		t.Error("a proclaimed day is a holiday in the new calendar only")
	}
	if !cal.IsWorkingDay(d("2029-05-28")) || base.IsWorkingDay(d("2029-05-28")) {
		t.Error("a withdrawn generated day is a working day in the new calendar only")
	}
	if got := cal.AddWorkingDays(d("2029-06-01"), 1); got != d("2029-06-05") {
		t.Errorf("Fri 1 Jun 2029 + 1 WD = %s with the proclaimed day, want Tue 5 Jun", got)
	}
	if got := len(cal.Holidays(2029)); got != 8 {
		t.Errorf("2029 has %d holidays, want 8 (one added, one withdrawn)", got)
	}
}

func TestYearsOutsideTheGeneratedRange(t *testing.T) {
	cal := EnglandAndWales()
	for _, s := range []string{"1975-12-25", "2150-12-25", "2150-04-10"} { // Good Friday 2150
		if cal.IsWorkingDay(d(s)) {
			t.Errorf("%s should be a holiday by rule", s)
		}
	}
	if !cal.IsWorkingDay(d("2150-12-24")) {
		t.Error("Thu 24 Dec 2150 should be a working day")
	}
}

// Adding a non-working day can only push a deadline later, never earlier.
func TestExtraHolidayNeverBringsADeadlineForward(t *testing.T) {
	base := EnglandAndWales()
	r := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		start := d("2010-01-01").AddDays(r.IntN(7000))
		n := r.IntN(70)
		extra := start.AddDays(r.IntN(120) - 10)
		cal := base.WithExtraHolidays(Holiday{Date: extra, Name: "extra", Kind: Special})
		before, after := base.AddWorkingDays(start, n), cal.AddWorkingDays(start, n)
		if after.Before(before) {
			t.Fatalf("holiday on %s moved %s + %d WD from %s to %s", extra, start, n, before, after)
		}
		for _, k := range []Clock{{N: n, Unit: WorkingDays, Inclusive: n > 0}, {N: n, Unit: CalendarMonths}} {
			if cal.Due(start, k).Before(base.Due(start, k)) {
				t.Fatalf("holiday on %s brought %s + %v forward", extra, start, k)
			}
		}
		if cal.WorkingDaysBetween(start, before) > base.WorkingDaysBetween(start, before) {
			t.Fatalf("holiday on %s added working days between %s and %s", extra, start, before)
		}
	}
}

func TestParseHolidaysErrors(t *testing.T) {
	const header = "date,name,kind\n"
	tests := []struct {
		input, want string
	}{
		{"", "line 1: the file is empty"},
		{"day,name,kind\n", "line 1: header must be date,name,kind"},
		{header + "2025-01-01,New Year's Day,statutory\n2025-13-01,Bad,statutory\n", `line 3: date "2025-13-01" is not a date`},
		{header + "2025-01-04,Saturday,special\n", "line 2: 2025-01-04 is a Saturday"},
		{header + "2025-01-01,,statutory\n", "line 2: 2025-01-01 has no name"},
		{header + "2025-01-01,New Year's Day,regional\n", `line 2: kind "regional" is not`},
		{header + "2025-01-01,a,statutory\n2025-01-01,b,special\n", "line 3: 2025-01-01 is already listed on line 2"},
		{header + "2025-01-01,New Year's Day\n", "line 2: wrong number of fields"},
		{header + "2025-01-01,\"unterminated,statutory\n", "line 2:"},
	}
	for _, tt := range tests {
		_, err := ParseHolidays(strings.NewReader(tt.input))
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("ParseHolidays(%q) error = %v, want it to start %q", tt.input, err, tt.want)
		}
	}
}

func FuzzParseHolidays(f *testing.F) {
	f.Add(string(holidayData))
	f.Add("date,name,kind\n2029-06-04,Proclaimed day,special\n2029-05-28,Moved,withdrawn\n")
	f.Add("date,name,kind\n\"2025-01-01\",\"x\"\"y\",statutory\r\n")
	f.Add("date,name,kind\n2025-02-30,x,statutory\n")
	f.Fuzz(func(t *testing.T, input string) {
		hs, err := ParseHolidays(strings.NewReader(input))
		if err != nil {
			if !strings.HasPrefix(err.Error(), "line ") {
				t.Fatalf("error without a line number: %v", err)
			}
			return
		}
		for i, h := range hs {
			if isWeekend(h.Date) || h.Name == "" || !h.Kind.valid() {
				t.Fatalf("accepted a bad row: %+v", h)
			}
			if i > 0 && !hs[i-1].Date.Before(h.Date) {
				t.Fatalf("rows not in strictly increasing date order: %v, %v", hs[i-1], h)
			}
		}
	})
}
