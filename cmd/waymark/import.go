package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/waymark-care/waymark/internal/domain"
	"github.com/waymark-care/waymark/internal/returns/cin"
	"github.com/waymark-care/waymark/internal/storage"
)

var imports = newFamily("import", "load an existing statutory return into the records", "FILE [flags]")

func init() {
	imports.add("cin-census", "an existing children in need census, to bring its history across", importCINCensus)
}

// importCINCensus exits 0 when every child was imported, 1 when any was
// rejected or the file cannot be read, 2 for a usage mistake.
func importCINCensus(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("import cin-census", "FILE [--db DB] [--dry-run]", stderr)
	dsn := dbFlag(fs)
	dry := fs.Bool("dry-run", false, "report what would be imported and rejected, writing nothing")
	if code, stop := parseFlags(fs, reorder(args)); stop {
		return code
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return 2
	}
	path := fs.Arg(0)
	f, err := os.Open(path)
	if err != nil {
		fmt.Fprintln(stderr, "waymark import cin-census:", err)
		return 1
	}
	m, problems, err := cin.Read(f)
	f.Close()
	if err != nil {
		fmt.Fprintf(stderr, "waymark import cin-census: %s: %v\n", path, err)
		return 1
	}
	db, err := openDB(ctx, *dsn, stderr)
	if err != nil {
		fmt.Fprintln(stderr, "waymark import cin-census:", err)
		return 1
	}
	defer db.Close()

	start := time.Now()
	sum, err := importCensus(ctx, db, m, "import:"+filepath.Base(path), *dry)
	if err != nil {
		fmt.Fprintln(stderr, "waymark import cin-census:", err)
		return 1
	}
	for _, p := range problems {
		if !sum.reported[p.Path] {
			fmt.Fprintf(stdout, "not read    %s: %s\n", p.Path, p.Message)
		}
	}
	for _, p := range sum.rejected {
		fmt.Fprintf(stdout, "rejected    %s: %s\n", p.Path, p.Message)
	}
	for _, p := range sum.notKept {
		fmt.Fprintf(stdout, "not kept    %s: %s\n", p.Path, p.Message)
	}
	verb := "imported"
	if *dry {
		verb = "would import"
	}
	fmt.Fprintf(stdout, "%s: %d children: %s %d (%d new to Waymark, %d records added, %d updated), %d unchanged, %d rejected, in %s\n",
		path, len(m.Children.Child), verb, sum.imported, sum.newChildren, sum.inserted, sum.updated, sum.unchanged, sum.rejectedChildren,
		time.Since(start).Round(time.Millisecond))
	if sum.rejectedChildren > 0 {
		return 1
	}
	return 0
}

type importSummary struct {
	imported, newChildren, unchanged, rejectedChildren, inserted, updated int
	rejected, notKept                                                     []cin.Problem
	reported                                                              map[string]bool
}

// importCensus imports each child in its own transaction, so a child is
// imported whole or not at all and one child's rejection stops no other.
func importCensus(ctx context.Context, db *storage.DB, m *cin.Message, actor string, dry bool) (*importSummary, error) {
	sum := &importSummary{reported: map[string]bool{}}
	for i := range m.Children.Child {
		c := &m.Children.Child[i]
		n := i + 1
		byID, byUPN, err := db.CINMatch(ctx, c.ChildIdentifiers.LAchildID, c.ChildIdentifiers.UPN)
		if err != nil {
			return nil, err
		}
		if byID != 0 && byUPN != 0 && byID != byUPN {
			sum.rejectedChildren++
			sum.rejected = append(sum.rejected, cin.Problem{
				Path:    fmt.Sprintf("/Message/Children/Child[%d]/ChildIdentifiers", n),
				Message: fmt.Sprintf("LAchildID %s is person %d in Waymark but UPN %s is person %d: resolve which child this is first", c.ChildIdentifiers.LAchildID, byID, c.ChildIdentifiers.UPN, byUPN),
			})
			continue
		}
		var existing *domain.ChildRecord
		if id := max(byID, byUPN); id != 0 {
			if existing, err = db.ChildRecord(ctx, id); err != nil {
				return nil, err
			}
		}
		im := cin.PlanImport(c, n, existing)
		for _, p := range im.Rejected {
			sum.reported[p.Path] = true
		}
		sum.rejected = append(sum.rejected, im.Rejected...)
		sum.notKept = append(sum.notKept, im.NotKept...)
		switch {
		case len(im.Rejected) > 0:
			sum.rejectedChildren++
			continue
		case !im.Changes():
			sum.unchanged++
			continue
		}
		sum.imported++
		if existing == nil {
			sum.newChildren++
		}
		if dry {
			continue
		}
		if err := db.Write(ctx, storage.Change{Actor: actor}, func(tx *storage.Tx) error { return im.Apply(tx) }); err != nil {
			return nil, fmt.Errorf("child %d (%s): %w", n, c.ChildIdentifiers.LAchildID, err)
		}
		sum.inserted += im.Inserted
		sum.updated += im.Updated
	}
	return sum, nil
}
