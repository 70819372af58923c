package casework

import (
	"cmp"
	"context"
	"errors"
	"slices"
	"strings"
	"sync"

	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/domain"
	"github.com/waymark-care/waymark/internal/worklist"
)

// Store is where the lists read records: (*storage.DB). It must be safe
// for concurrent use.
type Store interface {
	// CasesInForce reads, a batch at a time, the records of the children
	// with a record of one of the kinds in force at some time in a period
	// (every case open in it, if no kinds are named), with only the
	// columns named.
	CasesInForce(ctx context.Context, from, to civil.Date, kinds []string, columns map[string][]string, fn func([]*domain.ChildRecord) error) error
	// ChildRecords reads the named children's records in the same way.
	ChildRecords(ctx context.Context, personIDs []int64, columns map[string][]string, fn func([]*domain.ChildRecord) error) error
}

// Filter narrows a list to the children whose case a worker, or a team or
// any team below it, holds on the list's day. The zero Filter is the whole
// authority.
type Filter struct {
	Team, Professional int64
	// Sees, if set, says whether the user may see a child's record: the
	// entries of children they may not are counted as withheld, never
	// listed. It is given the child's involvements, referrals and episodes
	// of care (holderColumns).
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

// holderColumns are what says who holds a child's case
// (Directory.AllocatedOn) and what the access policy asks of it: read only
// for the children a list finds.
var holderColumns = map[string][]string{
	"involvement":  worklist.Columns["involvement"],
	"referral":     worklist.Columns["referral"],
	"care_episode": {"start_date", "end_date"},
}

// found is a child a list or queue found something about.
type found[T any] struct {
	child   int64
	entries []T
}

// holders reads who holds each found child's case, keeps the children in
// the filter the user may see, and calls keep with each; it returns how
// many entries it withheld, and counts every found child's entries by
// allocation in count, if set.
func holders[T any](ctx context.Context, store Store, day civil.Date, f Filter, dir *worklist.Directory, got []found[T],
	count func(worklist.Allocation, int), keep func(worklist.Allocation, []T)) (int, error) {
	if len(got) == 0 {
		return 0, nil
	}
	ids := make([]int64, len(got))
	byID := make(map[int64][]T, len(got))
	for i, g := range got {
		ids[i] = g.child
		byID[g.child] = g.entries
	}
	in := filterOf(f, dir)
	withheld := 0
	err := store.ChildRecords(ctx, ids, holderColumns, func(batch []*domain.ChildRecord) error {
		for _, cr := range batch {
			entries := byID[cr.Person.ID]
			a := dir.AllocatedOn(cr, day)
			if count != nil {
				count(a, len(entries))
			}
			switch {
			case !in(a):
			case f.Sees != nil && !f.Sees(cr):
				withheld += len(entries)
			default:
				keep(a, entries)
			}
		}
		return ctx.Err()
	})
	return withheld, err
}

// Build reads the open cases and returns a list's entries in a filter.
func (r Rules) Build(ctx context.Context, store Store, l List, w Window, f Filter, dir *worklist.Directory) (*Report, error) {
	rep := &Report{List: l, Window: w, Filter: f}
	var got []found[Exception]
	from, to := l.Read(w)
	err := eachChild(ctx, store, from, to, l.With(), l.Columns(), func(cr *domain.ChildRecord) {
		if es := r.Find(l, cr, w); len(es) > 0 {
			got = append(got, found[Exception]{cr.Person.ID, es})
		}
	})
	if err != nil {
		return nil, err
	}
	teams, workers := map[int64]int{}, map[int64]int{}
	rep.Withheld, err = holders(ctx, store, w.To, f, dir, got, func(a worklist.Allocation, n int) {
		teams[a.TeamID] += n
		workers[a.ProfessionalID] += n
	}, func(a worklist.Allocation, es []Exception) {
		for _, e := range es {
			rep.Rows = append(rep.Rows, Row{Exception: e, Allocation: a, Team: dir.TeamName(a.TeamID), Worker: dir.ProfessionalName(a.ProfessionalID)})
		}
	})
	if err != nil {
		return nil, err
	}
	slices.SortStableFunc(rep.Rows, compareRows)
	rep.Teams = counts(teams, dir.TeamName, "No team")
	rep.Workers = counts(workers, dir.ProfessionalName, "Not allocated")
	return rep, nil
}

// eachChild calls fn with every child the loader reads, on a goroutine of
// its own, so that one batch of children is evaluated while the next is
// read.
func eachChild(ctx context.Context, store Store, from, to civil.Date, with []string, columns map[string][]string, fn func(cr *domain.ChildRecord)) error {
	batches := make(chan []*domain.ChildRecord, 1)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for batch := range batches {
			for _, cr := range batch {
				fn(cr)
			}
		}
	}()
	err := store.CasesInForce(ctx, from, to, with, columns, func(batch []*domain.ChildRecord) error {
		select {
		case batches <- slices.Clone(batch): // the loader reuses its slice
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	})
	close(batches)
	<-done
	return err
}

// Summary counts the entries on every list in a filter. Entries about
// children the filter's Sees refuses are counted under the empty List, as
// withheld.
func (r Rules) Summary(ctx context.Context, store Store, w Window, f Filter, dir *worklist.Directory) (map[List]int, error) {
	// Two lists at a time: one reads while the other is evaluated.
	reps := make([]*Report, len(Lists))
	errs := make([]error, len(Lists))
	var wg sync.WaitGroup
	next := make(chan int)
	for range 2 {
		wg.Go(func() {
			for i := range next {
				reps[i], errs[i] = r.Build(ctx, store, Lists[i], w, f, dir)
			}
		})
	}
	for i := range Lists {
		next <- i
	}
	close(next)
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	n := map[List]int{}
	for i, l := range Lists {
		n[l] = len(reps[i].Rows)
		n[""] += reps[i].Withheld
	}
	return n, nil
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
