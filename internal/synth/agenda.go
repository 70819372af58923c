package synth

import (
	"container/heap"

	"github.com/waymark-care/waymark/internal/civil"
)

// agenda holds what is due on each simulated day. Things due on the same
// day happen in the order they were put in the diary, so a run never
// depends on anything but the seed.
type agenda []entry

type entry struct {
	day civil.Date
	seq uint64
	do  func()
}

func (a agenda) Len() int { return len(a) }
func (a agenda) Less(i, j int) bool {
	if a[i].day != a[j].day {
		return a[i].day.Before(a[j].day)
	}
	return a[i].seq < a[j].seq
}
func (a agenda) Swap(i, j int) { a[i], a[j] = a[j], a[i] }
func (a *agenda) Push(x any)   { *a = append(*a, x.(entry)) }
func (a *agenda) Pop() any {
	old := *a
	e := old[len(old)-1]
	*a = old[:len(old)-1]
	return e
}

// on puts something in the diary. Anything due before today happens today;
// for a case being migrated in, anything due before the migration happens
// in the month after it.
func (s *sim) on(day civil.Date, do func()) {
	switch {
	case s.migrating && day.Before(s.cfg.From):
		day = s.cfg.From.AddDays(s.r.IntN(30))
	case day.Before(s.today):
		day = s.today
	}
	s.seq++
	heap.Push(&s.diary, entry{day, s.seq, do})
}

// due runs everything in the diary for today, including what today's work
// puts in the diary for today.
func (s *sim) due() {
	for len(s.diary) > 0 && !s.diary[0].day.After(s.today) && s.err == nil {
		e := heap.Pop(&s.diary).(entry)
		e.do()
	}
}

// every does something again and again on working days: each time after a
// gap drawn from gap, for as long as it reports that it should carry on. A
// first time already past, as for a case migrated in, falls somewhere in the
// first gap from today.
func (s *sim) every(first civil.Date, gap spread, do func() bool) {
	if now := s.now(); first.Before(now) {
		first = now.AddDays(s.r.IntN(gap[len(gap)-1].hi + 1))
	}
	s.on(s.cal.AddWorkingDays(first, 0), func() {
		if do() {
			s.every(s.daysAfter(s.today, gap), gap, do)
		}
	})
}

// routine is every for the work of a family's stage: it stops when the
// stage changes or the family's episode closes.
func (s *sim) routine(f *family, gap spread, do func()) {
	gen := f.gen
	s.every(s.daysAfter(s.today, gap), gap, func() bool {
		if f.gen != gen || len(f.children) == 0 {
			return false
		}
		do()
		return true
	})
}

// ends is when something starting today ends, its length in days drawn from
// sp. For a case migrated in part way through it is the rest of that length.
func (s *sim) ends(sp spread) civil.Date {
	n := s.r.draw(sp)
	if s.migrating {
		n = int(float64(n) * (0.05 + 0.95*s.r.Float64()))
	}
	return s.now().AddDays(max(1, n))
}

// now is the simulated present: today, or while a case is being migrated
// in with its past dates, the day of the migration.
func (s *sim) now() civil.Date {
	if s.migrating {
		return s.cfg.From
	}
	return s.today
}
