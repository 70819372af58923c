package main

import (
	"context"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"

	"github.com/waymark-care/waymark/internal/calendar"
	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/storage"
)

const calendarUsage = `Usage: waymark calendar [--extra-holidays FILE] [--db DB] COMMAND ARGS

Working days in England and Wales, as the timescales engine counts them
(docs/timescales.md).

Commands:
  add-working-days [--inclusive] DATE N
        the Nth working day after DATE, which is day 0 (with --inclusive,
        day 1); a DATE on a non-working day counts from the next working day
  working-days FROM TO
        the working days after FROM up to and including TO
  add-months DATE N
        DATE plus N calendar months, clamped to the end of a shorter month
  holidays YEAR
        the year's non-working weekdays, as CSV (date,name,kind)

Flags (before or after COMMAND):
  --extra-holidays FILE
        days the authority adds or withdraws, as CSV date,name,kind with
        kind special (a new holiday) or withdrawn (a generated day moved away)
  --db DB
        also the days the authority has added or withdrawn in Waymark
        (/api/v1/extra-holidays): an SQLite file or a postgres:// URL
`

// calendarUsageError is a mistake in the command line: exit status 2.
type calendarUsageError struct{ error }

// calendarCommand runs `waymark calendar`. It returns the exit status: 0,
// 1 if the extra-holidays file cannot be used, 2 for a usage mistake.
func calendarCommand(args []string, stdout, stderr io.Writer) int {
	var extra, dsn string
	var inclusive bool
	parse := func(name string, args []string) ([]string, int, bool) {
		fs := flag.NewFlagSet("waymark calendar "+name, flag.ContinueOnError)
		fs.SetOutput(stderr)
		fs.Usage = func() {}
		fs.StringVar(&extra, "extra-holidays", extra, "CSV of days the authority adds or withdraws")
		fs.StringVar(&dsn, "db", dsn, "database holding the authority's extra days")
		if name == "add-working-days" {
			fs.BoolVar(&inclusive, "inclusive", false, "count DATE as day 1")
		}
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fmt.Fprint(stdout, calendarUsage)
				return nil, 0, false
			}
			fmt.Fprint(stderr, "\n"+calendarUsage)
			return nil, 2, false
		}
		return fs.Args(), 0, true
	}

	args, code, ok := parse("", args)
	if !ok {
		return code
	}
	if len(args) == 0 {
		fmt.Fprint(stderr, calendarUsage)
		return 2
	}
	name := args[0]
	if args, code, ok = parse(name, args[1:]); !ok {
		return code
	}

	cal := calendar.EnglandAndWales()
	if extra != "" {
		hs, err := readExtraHolidays(extra)
		if err != nil {
			fmt.Fprintf(stderr, "waymark calendar: %v\n", err)
			return 1
		}
		cal = cal.WithExtraHolidays(hs...)
	}
	if dsn != "" {
		hs, err := storedExtraHolidays(dsn)
		if err != nil {
			fmt.Fprintf(stderr, "waymark calendar: %v\n", err)
			return 1
		}
		cal = cal.WithExtraHolidays(hs...)
	}
	err := runCalendar(cal, name, args, inclusive, stdout)
	_, usage := errors.AsType[calendarUsageError](err)
	switch {
	case usage:
		fmt.Fprintf(stderr, "waymark calendar: %v\n\n%s", err, calendarUsage)
		return 2
	case err != nil:
		fmt.Fprintf(stderr, "waymark calendar: %v\n", err)
		return 1
	}
	return 0
}

func runCalendar(cal *calendar.Calendar, name string, args []string, inclusive bool, stdout io.Writer) error {
	switch name {
	case "add-working-days":
		date, n, err := calendarDateAndCount(name, args)
		if err != nil {
			return err
		}
		if inclusive && n < 1 {
			return calendarUsageError{errors.New("--inclusive needs N of 1 or more")}
		}
		_, err = fmt.Fprintln(stdout, cal.Due(date, calendar.Clock{N: n, Unit: calendar.WorkingDays, Inclusive: inclusive}))
		return err
	case "working-days":
		if len(args) != 2 {
			return calendarUsageError{fmt.Errorf("%s needs FROM and TO", name)}
		}
		from, err := calendarDate(args[0])
		if err != nil {
			return err
		}
		to, err := calendarDate(args[1])
		if err != nil {
			return err
		}
		_, err = fmt.Fprintln(stdout, cal.WorkingDaysBetween(from, to))
		return err
	case "add-months":
		date, n, err := calendarDateAndCount(name, args)
		if err != nil {
			return err
		}
		_, err = fmt.Fprintln(stdout, date.AddMonths(n))
		return err
	case "holidays":
		if len(args) != 1 {
			return calendarUsageError{fmt.Errorf("%s needs YEAR", name)}
		}
		year, err := strconv.Atoi(args[0])
		if err != nil || year < 1 || year > 9999 {
			return calendarUsageError{fmt.Errorf("%q is not a year", args[0])}
		}
		w := csv.NewWriter(stdout)
		w.Write([]string{"date", "name", "kind"})
		for _, h := range cal.Holidays(year) {
			w.Write([]string{h.Date.String(), h.Name, string(h.Kind)})
		}
		w.Flush()
		return w.Error()
	}
	return calendarUsageError{fmt.Errorf("unknown command %q", name)}
}

func calendarDateAndCount(name string, args []string) (civil.Date, int, error) {
	if len(args) != 2 {
		return civil.Date{}, 0, calendarUsageError{fmt.Errorf("%s needs DATE and N", name)}
	}
	date, err := calendarDate(args[0])
	if err != nil {
		return civil.Date{}, 0, err
	}
	n, err := strconv.Atoi(args[1])
	if err != nil {
		return civil.Date{}, 0, calendarUsageError{fmt.Errorf("N must be a whole number, not %q", args[1])}
	}
	return date, n, nil
}

func calendarDate(s string) (civil.Date, error) {
	d, err := civil.Parse(s)
	if err != nil || d.IsZero() {
		return civil.Date{}, calendarUsageError{fmt.Errorf("%q is not a date in the form YYYY-MM-DD", s)}
	}
	return d, nil
}

func readExtraHolidays(path string) ([]calendar.Holiday, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	hs, err := calendar.ParseHolidays(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return hs, nil
}

// storedExtraHolidays reads the days an authority has added or withdrawn
// in Waymark.
func storedExtraHolidays(dsn string) ([]calendar.Holiday, error) {
	ctx := context.Background()
	db, err := storage.Open(ctx, dsn)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	hs, err := db.ExtraHolidays(ctx)
	if err != nil {
		return nil, fmt.Errorf("%w (is the database migrated? waymark migrate)", err)
	}
	return hs, nil
}

func init() {
	register("calendar", "working days and calendar months, as the timescales engine counts them",
		func(_ context.Context, args []string, stdout, stderr io.Writer) int {
			return calendarCommand(args, stdout, stderr)
		})
}
