package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/waymark-care/waymark/internal/returns/cin"
)

// A family is a command whose first argument names a statutory return:
// `waymark export cin-census`, `waymark validate cin-census`, `waymark
// import cin-census`. Each return adds itself to the families it supports
// from its own file with family.add.
type family struct {
	name, usage string
	returns     map[string]command
}

func newFamily(name, summary, usage string) *family {
	f := &family{name: name, usage: usage, returns: map[string]command{}}
	register(name, summary, f.run)
	return f
}

func (f *family) add(ret, summary string, run func(ctx context.Context, args []string, stdout, stderr io.Writer) int) {
	f.returns[ret] = command{summary, run}
}

func (f *family) run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		if c, ok := f.returns[args[0]]; ok {
			return c.run(ctx, args[1:], stdout, stderr)
		}
	}
	w, code := stderr, 2
	if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
		w, code = stdout, 0
	} else if len(args) > 0 {
		fmt.Fprintf(stderr, "waymark %s: unknown return %q\n\n", f.name, args[0])
	}
	fmt.Fprintf(w, "Usage: waymark %s RETURN %s\n\nReturns:\n", f.name, f.usage)
	names := make([]string, 0, len(f.returns))
	for n := range f.returns {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-12s %s\n", n, f.returns[n].summary)
	}
	fmt.Fprintf(w, "\nRun `waymark %s RETURN --help` for its flags.\n", f.name)
	return code
}

var exports = newFamily("export", "write a statutory return from the records", "[flags]")

func init() {
	exports.add("cin-census", "the DfE children in need census (XML) for a collection year", exportCINCensus)
}

func exportCINCensus(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("export cin-census", "--year 2025-26 --out FILE [--db DB] [--la NNN]", stderr)
	year := fs.String("year", "", "collection year, e.g. 2025-26 (1 April 2025 to the reference date 31 March 2026)")
	out := fs.String("out", "", "file to write the census to (- for standard output)")
	la := fs.String("la", env("WAYMARK_LA_NUMBER", ""), "the authority's three-digit LA number for the header's LEA (env WAYMARK_LA_NUMBER)")
	dsn := dbFlag(fs)
	if code, stop := parseFlags(fs, args); stop {
		return code
	}
	p, err := cin.CollectionYear(*year)
	if err != nil || *out == "" {
		if err == nil {
			err = fmt.Errorf("--out is required")
		}
		fmt.Fprintln(stderr, "waymark export cin-census:", err)
		fs.Usage()
		return 2
	}
	db, err := openDB(ctx, *dsn, stderr)
	if err != nil {
		fmt.Fprintln(stderr, "waymark export cin-census:", err)
		return 1
	}
	defer db.Close()

	w, finish, err := outputFile(*out, stdout)
	if err != nil {
		fmt.Fprintln(stderr, "waymark export cin-census:", err)
		return 1
	}
	start := time.Now()
	rep, err := cin.Export(ctx, db, p, cin.NewHeader(p, *la, version(), time.Now()), w)
	if err = finish(err); err != nil {
		fmt.Fprintln(stderr, "waymark export cin-census:", err)
		return 1
	}
	fmt.Fprintf(stderr, "wrote the %s census (%d children) to %s in %s: %d errors, %d queries",
		p.Year(), rep.Children, *out, time.Since(start).Round(time.Millisecond), rep.Errors(), rep.Queries())
	if len(rep.Findings) > 0 {
		fmt.Fprintf(stderr, " (see `waymark validate cin-census %s`)", *out)
	}
	fmt.Fprintln(stderr)
	return 0
}

// outputFile opens path for writing ("-" is stdout). finish closes it,
// and on failure removes it, so a failed export leaves no partial file.
func outputFile(path string, stdout io.Writer) (io.Writer, func(error) error, error) {
	if path == "-" {
		return stdout, func(err error) error { return err }, nil
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return nil, nil, err
	}
	return tmp, func(err error) error {
		if err == nil {
			err = tmp.Close()
		} else {
			tmp.Close()
		}
		if err == nil {
			err = os.Rename(tmp.Name(), path)
		}
		if err != nil {
			os.Remove(tmp.Name())
		}
		return err
	}, nil
}
