package worklist

import (
	"cmp"
	"context"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/waymark-care/waymark/internal/calendar"
	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/domain"
	"github.com/waymark-care/waymark/internal/timescales"
)

// Engine evaluates children's records with an authority's rules, local
// policy and calendar.
type Engine struct {
	Rules    []timescales.Rule
	Policy   timescales.Policy
	Calendar *calendar.Calendar
}

// DefaultEngine is the national rules with the default local policy and the
// bundled calendar.
func DefaultEngine() Engine {
	return Engine{Rules: timescales.Rules(), Policy: timescales.DefaultPolicy(), Calendar: calendar.EnglandAndWales()}
}

// Items returns every item for the child as at asOf (timescales.Evaluate).
func (e Engine) Items(cr *domain.ChildRecord, asOf civil.Date) []timescales.Item {
	return timescales.Evaluate(CaseOf(cr), asOf, e.Rules, e.Policy, e.Calendar)
}

// Reader reads the records of every case open at some time in a period, a
// batch at a time, with the columns named: (*storage.DB).Caseload.
type Reader func(ctx context.Context, from, to civil.Date, columns map[string][]string, fn func([]*domain.ChildRecord) error) error

// workers is how many goroutines evaluate children at once.
func workers() int { return runtime.GOMAXPROCS(0) }

// eachChild reads the caseload of a period and calls fn for every child on
// workers() goroutines at once, while the next batch is read. Each goroutine
// passes its own index (0 to workers()-1), so that fn can collect results
// without locking.
func eachChild(ctx context.Context, read Reader, p timescales.Period, fn func(worker int, cr *domain.ChildRecord)) error {
	workers := workers()
	batches := make(chan []*domain.ChildRecord, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for batch := range batches {
				for _, cr := range batch {
					fn(w, cr)
				}
			}
		})
	}
	// Hand out batches small enough that every worker has one.
	err := read(ctx, p.From, p.To, Columns, func(batch []*domain.ChildRecord) error {
		size := max(1, len(batch)/workers)
		for len(batch) > 0 {
			n := min(size, len(batch))
			select {
			case batches <- slices.Clone(batch[:n]):
			case <-ctx.Done():
				return ctx.Err()
			}
			batch = batch[n:]
		}
		return nil
	})
	close(batches)
	wg.Wait()
	return err
}

// List is one of the worklist's lists.
type List string

const (
	DueSoon List = "due"     // falls due in the next 7 days
	Overdue List = "overdue" // past due and not met
	MetLate List = "late"    // met late in the last 28 days
)

// Lists are the lists in the order pages show them.
var Lists = []List{Overdue, DueSoon, MetLate}

// The worklist's windows, in calendar days.
const (
	dueSoonDays = 7
	lateDays    = 28
)

// listOf says which list an item belongs on at asOf, if any.
func listOf(it *timescales.Item, asOf civil.Date) (List, bool) {
	switch it.Status {
	case timescales.Overdue:
		return Overdue, true
	case timescales.Due:
		return DueSoon, !it.Due.After(asOf.AddDays(dueSoonDays))
	case timescales.MetLate:
		return MetLate, it.Met.After(asOf.AddDays(-lateDays))
	}
	return "", false
}

// Title is the list's heading.
func (l List) Title() string {
	switch l {
	case DueSoon:
		return "Due in the next 7 days"
	case Overdue:
		return "Overdue"
	case MetLate:
		return "Done late in the last 28 days"
	}
	return string(l)
}

// Child names the child an entry is about.
type Child struct {
	ID        int64
	Name      string
	LAChildID string
}

func childOf(p *domain.Person) Child {
	return Child{ID: p.ID, Name: p.Name(), LAChildID: p.LAChildID}
}

// Entry is one item on a worklist, with the child and who holds the case.
type Entry struct {
	List  List
	Item  timescales.Item
	Child Child
	Allocation
	Worker, Team string
}

// Worklist is what is due, overdue and recently done late for the children
// in a scope, on one day.
type Worklist struct {
	AsOf    civil.Date
	Entries []Entry // by due date
	// Withheld counts the entries of children in scope whose records the
	// user may not see (Scope.Sees).
	Withheld int
}

// Build evaluates every open case in scope on asOf and keeps the items that
// belong on a list. Children are in scope by who holds their case on asOf.
func Build(ctx context.Context, read Reader, asOf civil.Date, s Scope, eng Engine, dir *Directory) (*Worklist, error) {
	sc := dir.scope(s)
	found := make([][]Entry, workers())
	withheld := make([]int, workers())
	err := eachChild(ctx, read, timescales.Period{From: asOf, To: asOf}, func(w int, cr *domain.ChildRecord) {
		a := dir.AllocatedOn(cr, asOf)
		if !sc.includes(a) {
			return
		}
		hide := sc.withheld(cr)
		for _, it := range eng.Items(cr, asOf) {
			l, ok := listOf(&it, asOf)
			switch {
			case !ok:
			case hide:
				withheld[w]++
			default:
				found[w] = append(found[w], Entry{List: l, Item: it, Child: childOf(&cr.Person), Allocation: a,
					Worker: dir.ProfessionalName(a.ProfessionalID), Team: dir.TeamName(a.TeamID)})
			}
		}
	})
	if err != nil {
		return nil, err
	}
	wl := &Worklist{AsOf: asOf, Entries: slices.Concat(found...)}
	for _, n := range withheld {
		wl.Withheld += n
	}
	Sort(wl.Entries, "due", false)
	return wl, nil
}

// Filter picks entries; zero fields match everything.
type Filter struct {
	List   List
	Rule   string
	Team   int64
	Worker int64
}

// Filter returns the entries that match.
func (wl *Worklist) Filter(f Filter) []Entry {
	var out []Entry
	for _, e := range wl.Entries {
		if (f.List == "" || e.List == f.List) && (f.Rule == "" || e.Item.RuleID == f.Rule) &&
			(f.Team == 0 || e.TeamID == f.Team) && (f.Worker == 0 || e.ProfessionalID == f.Worker) {
			out = append(out, e)
		}
	}
	return out
}

// Count returns how many entries are on a list.
func (wl *Worklist) Count(l List) int {
	n := 0
	for _, e := range wl.Entries {
		if e.List == l {
			n++
		}
	}
	return n
}

// SortKeys are the columns a worklist sorts by.
var SortKeys = []string{"due", "child", "rule", "worker", "team", "days_late"}

// Sort orders entries by a key (one of SortKeys; anything else is "due"),
// then by due date, child and rule so that the order is always the same.
func Sort(es []Entry, key string, desc bool) {
	by := func(a, b *Entry) int {
		switch key {
		case "child":
			return cmpName(a.Child.Name, b.Child.Name)
		case "rule":
			return cmp.Compare(a.Item.RuleID, b.Item.RuleID)
		case "worker":
			return cmpName(a.Worker, b.Worker)
		case "team":
			return cmpName(a.Team, b.Team)
		case "days_late":
			return cmp.Compare(a.Item.DaysLate, b.Item.DaysLate)
		}
		return a.Item.Due.Compare(b.Item.Due)
	}
	slices.SortStableFunc(es, func(a, b Entry) int {
		c := by(&a, &b)
		if desc {
			c = -c
		}
		return cmp.Or(c, a.Item.Due.Compare(b.Item.Due), cmpName(a.Child.Name, b.Child.Name),
			cmp.Compare(a.Child.ID, b.Child.ID), cmp.Compare(a.Item.RuleID, b.Item.RuleID))
	})
}

func cmpName(a, b string) int { return cmp.Compare(strings.ToLower(a), strings.ToLower(b)) }
