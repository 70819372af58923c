package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/waymark-care/waymark/internal/returns/cin"
)

var validations = newFamily("validate", "check a statutory return file against the DfE rules", "FILE [flags]")

func init() {
	validations.add("cin-census", "a children in need census file, from Waymark or any system", validateCINCensus)
}

// validateCINCensus exits 0 when the file has no errors (queries are
// allowed: they need an explanation, not a fix), 1 when it has errors or
// cannot be read, 2 for a usage mistake.
func validateCINCensus(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("validate cin-census", "FILE [--format table|csv|json] [--year 2025-26]", stderr)
	format := fs.String("format", "table", "report format: table, csv or json")
	year := fs.String("year", "", "collection year to validate for (default: the year the file's header gives)")
	if code, stop := parseFlags(fs, reorder(args)); stop {
		return code
	}
	if fs.NArg() != 1 || (*format != "table" && *format != "csv" && *format != "json") {
		fs.Usage()
		return 2
	}
	path := fs.Arg(0)
	f, err := os.Open(path)
	if err != nil {
		fmt.Fprintln(stderr, "waymark validate cin-census:", err)
		return 1
	}
	defer f.Close()
	m, problems, err := cin.Read(f)
	if err != nil {
		fmt.Fprintf(stderr, "waymark validate cin-census: %s: %v\n", path, err)
		return 1
	}
	p, ok := cin.PeriodOf(m)
	if *year != "" {
		if p, err = cin.CollectionYear(*year); err != nil {
			fmt.Fprintln(stderr, "waymark validate cin-census:", err)
			return 2
		}
	} else if !ok {
		fmt.Fprintf(stderr, "waymark validate cin-census: %s has no valid ReferenceDate or Year in its header: give the collection year with --year\n", path)
		return 1
	}
	rep := cin.Validate(m, p, problems)
	if err := writeReport(stdout, *format, rep); err != nil {
		fmt.Fprintln(stderr, "waymark validate cin-census:", err)
		return 1
	}
	fmt.Fprintf(stderr, "%s: %d children, %s census: %d errors, %d queries, %d file problems\n",
		path, rep.Children, rep.Year, rep.Errors(), rep.Queries(), len(rep.Problems))
	if rep.Errors() > 0 {
		return 1
	}
	return 0
}

// reorder moves flags before the file name, so both `validate FILE
// --format csv` and `validate --format csv FILE` work.
func reorder(args []string) []string {
	var flags, rest []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case len(a) > 1 && a[0] == '-':
			flags = append(flags, a)
			if !strings.ContainsRune(a, '=') && i+1 < len(args) && a != "-h" && a != "--help" && a != "-help" {
				flags = append(flags, args[i+1])
				i++
			}
		default:
			rest = append(rest, a)
		}
	}
	return append(flags, rest...)
}

func writeReport(w io.Writer, format string, rep *cin.Report) error {
	switch format {
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(rep)
	case "csv":
		cw := csv.NewWriter(w)
		cw.Write([]string{"code", "type", "child", "la_child_id", "path", "message", "detail"})
		for _, p := range rep.Problems {
			cw.Write([]string{"format", "error", "", "", p.Path, p.Message, ""})
		}
		for _, f := range rep.Findings {
			cw.Write([]string{f.Code, string(f.Type), childNumber(f.Child), f.LAchildID, f.Path, f.Message, f.Detail})
		}
		cw.Flush()
		return cw.Error()
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	if len(rep.Problems) > 0 {
		fmt.Fprintln(tw, "FILE PROBLEM\tPATH")
		for _, p := range rep.Problems {
			fmt.Fprintf(tw, "%s\t%s\n", p.Message, p.Path)
		}
		fmt.Fprintln(tw)
	}
	if len(rep.Findings) > 0 {
		fmt.Fprintln(tw, "RULE\tTYPE\tCHILD\tMESSAGE\tDETAIL\tPATH")
		for _, f := range rep.Findings {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", f.Code, f.Type, orDash(f.LAchildID), f.Message, f.Detail, f.Path)
		}
	}
	return tw.Flush()
}

func childNumber(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
