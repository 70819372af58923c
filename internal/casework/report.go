package casework

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/domain"
	"github.com/waymark-care/waymark/internal/worklist"
)

// Loader reads the records of the cases open at some time in a period that
// have a record of a kind in with (every open case if with is empty), a
// batch at a time: (*storage.DB).CasesWith.
type Loader func(ctx context.Context, from, to civil.Date, with []string, columns map[string][]string, fn func([]*domain.ChildRecord) error) error

// Filter narrows a list to the children whose case a worker, or a team or
// any team below it, holds on the list's day. The zero Filter is the whole
// authority.
type Filter struct {
	Team, Professional int64
	// Sees, if set, says whether the user may see a child's record: the
	// entries of children they may not are counted as withheld, never
	// listed.
	Sees func(cr *domain.ChildRecord) bool
}

// Row is an entry on a list with who holds the child's case.
type Row struct {
	Exception
	worklist.Allocation
	Team, Worker string
}

// Count is how many entries a team or worker has, for the filters.
type Count struct {
	ID   int64
	Name string
	N    int
}

// Report is a list for a window and filter.
type Report struct {
	List   List
	Window Window
	Filter Filter
	// Rows are the entries in the filter, by due date (entries without one
	// last), then date, then child.
	Rows []Row
	// Teams and Workers count the entries of the whole list by team and by
	// worker, largest first, for choosing a filter.
	Teams, Workers []Count
	// Withheld counts the entries in the filter about children the user may
	// not see.
	Withheld int
}

// columns are what a list reads: every column of its kinds, and what
// allocation needs.
func columns(kinds ...[]string) map[string][]string {
	m := map[string][]string{}
	for _, ks := range kinds {
		for _, k := range ks {
			m[k] = nil
		}
	}
	return m
}

// allocationKinds are what Directory.AllocatedOn reads.
var allocationKinds = []string{"involvement", "referral"}

// Build reads the open cases and returns a list's entries in a filter.
func (r Rules) Build(ctx context.Context, load Loader, l List, w Window, f Filter, dir *worklist.Directory) (*Report, error) {
	rep := &Report{List: l, Window: w, Filter: f}
	in := filterOf(f, dir)
	teams, workers := map[int64]int{}, map[int64]int{}
	err := load(ctx, w.From, w.To, l.With(), columns(l.Kinds(), allocationKinds), func(batch []*domain.ChildRecord) error {
		for _, cr := range batch {
			found := r.Find(l, cr, w)
			if len(found) == 0 {
				continue
			}
			a := dir.AllocatedOn(cr, w.To)
			teams[a.TeamID] += len(found)
			workers[a.ProfessionalID] += len(found)
			if !in(a) {
				continue
			}
			if f.Sees != nil && !f.Sees(cr) {
				rep.Withheld += len(found)
				continue
			}
			for _, e := range found {
				rep.Rows = append(rep.Rows, Row{Exception: e, Allocation: a, Team: dir.TeamName(a.TeamID), Worker: dir.ProfessionalName(a.ProfessionalID)})
			}
		}
		return ctx.Err()
	})
	if err != nil {
		return nil, err
	}
	slices.SortStableFunc(rep.Rows, compareRows)
	rep.Teams = counts(teams, dir.TeamName, "No team")
	rep.Workers = counts(workers, dir.ProfessionalName, "Not allocated")
	return rep, nil
}

// Summary counts the entries on every list in a filter, reading the open
// cases once. Entries about children the filter's Sees refuses are counted
// under the empty List, as withheld.
func (r Rules) Summary(ctx context.Context, load Loader, w Window, f Filter, dir *worklist.Directory) (map[List]int, error) {
	var kinds [][]string
	for _, l := range Lists {
		kinds = append(kinds, l.Kinds())
	}
	in := filterOf(f, dir)
	n := map[List]int{}
	err := load(ctx, w.From, w.To, nil, columns(append(kinds, allocationKinds)...), func(batch []*domain.ChildRecord) error {
		for _, cr := range batch {
			if !in(dir.AllocatedOn(cr, w.To)) {
				continue
			}
			hidden := f.Sees != nil && !f.Sees(cr)
			for _, l := range Lists {
				if k := len(r.Find(l, cr, w)); hidden {
					n[""] += k
				} else {
					n[l] += k
				}
			}
		}
		return ctx.Err()
	})
	return n, err
}

// filterOf returns the test of an allocation against a filter.
func filterOf(f Filter, dir *worklist.Directory) func(worklist.Allocation) bool {
	var teams map[int64]bool
	if f.Team != 0 {
		teams = map[int64]bool{}
		for _, t := range dir.Subtree(f.Team) {
			teams[t.ID] = true
		}
	}
	return func(a worklist.Allocation) bool {
		return (f.Professional == 0 || a.ProfessionalID == f.Professional) && (teams == nil || teams[a.TeamID])
	}
}

func compareRows(a, b Row) int {
	if c := cmpDue(a.Due, b.Due); c != 0 {
		return c
	}
	if c := a.Date.Compare(b.Date); c != 0 {
		return c
	}
	return cmp.Or(strings.Compare(strings.ToLower(a.Child.Name), strings.ToLower(b.Child.Name)), cmp.Compare(a.Child.ID, b.Child.ID))
}

// cmpDue orders due dates, with no due date last.
func cmpDue(a, b civil.Date) int {
	switch {
	case a.IsZero() && b.IsZero():
		return 0
	case a.IsZero():
		return 1
	case b.IsZero():
		return -1
	}
	return a.Compare(b)
}

func counts(m map[int64]int, name func(int64) string, none string) []Count {
	out := make([]Count, 0, len(m))
	for id, n := range m {
		c := Count{ID: id, Name: name(id), N: n}
		if id == 0 || c.Name == "" {
			c.Name = none
		}
		out = append(out, c)
	}
	slices.SortFunc(out, func(a, b Count) int { return cmp.Or(cmp.Compare(b.N, a.N), strings.Compare(a.Name, b.Name)) })
	return out
}
