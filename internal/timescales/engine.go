package timescales

import (
	"slices"
	"sort"
	"time"

	"github.com/waymark-care/waymark/internal/calendar"
	"github.com/waymark-care/waymark/internal/civil"
)

// Status is where an item stands on the evaluation date.
type Status string

const (
	Due       Status = "due" // not yet due
	Overdue   Status = "overdue"
	MetOnTime Status = "met_on_time"
	MetLate   Status = "met_late"
	// Missed: the deadline passed without the event and the clock has since
	// stopped (the plan ended, the child left care, a new referral came).
	// It is a breach with nothing left to do.
	Missed Status = "missed"
)

// Item is one deadline for one child: a rule applied to the events that
// started and met it.
type Item struct {
	ChildID    string
	RuleID     string
	Title      string
	Standard   Standard
	Confidence Confidence
	Clock      calendar.Clock // as applied, with the counting convention
	Setting    string         // the local setting the clock came from, if any

	RootRef string     // the event that started the chain: the s47, placement, plan…
	Root    civil.Date // its date
	// StartRef and Start are what the clock ran from: the root, its anchor
	// (the referral, the strategy discussion), the last event that met the
	// chain's previous deadline, a birthday or the birth (no Ref).
	StartRef string
	Start    civil.Date
	Due      civil.Date // for an hour clock, the day in England of DueAt
	DueAt    time.Time  // hour clocks only

	MetRef string
	Met    civil.Date
	Status Status
	// DaysLate counts calendar days past Due: to the event (met late), the
	// evaluation date (overdue) or the day the clock stopped (missed). An
	// hour clock met late on its due day has 0.
	DaysLate int
	// Covid flags an item of a relaxed rule running through 24 Apr–25 Sep 2020.
	Covid       bool
	Explanation string
}

// Evaluate returns every item for the child as at asOf: what is due, overdue,
// met on time or late, and missed, in due-date order. Events after asOf are
// not yet known and are ignored, so re-running for a past date gives the
// answer as it was (XC-02). Events on the same day keep their given order,
// except that endings come first. The rows of a chain must be adjacent in
// rules, as they are in Rules().
func Evaluate(c Case, asOf civil.Date, rules []Rule, p Policy, cal *calendar.Calendar) []Item {
	ev := evaluation{c: &c, asOf: asOf, policy: &p, cal: cal, byKind: map[EventKind][]int{}}
	ev.events = make([]Event, 0, len(c.Events))
	for _, e := range c.Events {
		if !e.On.IsZero() && !e.On.After(asOf) {
			ev.events = append(ev.events, e)
		}
	}
	slices.SortStableFunc(ev.events, func(a, b Event) int {
		if c := a.On.Compare(b.On); c != 0 {
			return c
		}
		return opening(a) - opening(b)
	})
	for i, e := range ev.events {
		ev.byKind[e.Kind] = append(ev.byKind[e.Kind], i)
	}
	ev.items = make([]Item, 0, len(ev.events)+8) // about one item per event
	for i := 0; i < len(rules); {
		j := i + 1
		for j < len(rules) && rules[j].Chain.Name == rules[i].Chain.Name {
			j++
		}
		if rules[i].Chain.Name != "" {
			ev.chain(rules[i:j])
		}
		i = j
	}
	slices.SortStableFunc(ev.items, func(a, b Item) int { return a.Due.Compare(b.Due) })
	return ev.items
}

// opening sorts endings before the day's other events.
func opening(e Event) int {
	if kinds[e.Kind].closing {
		return 0
	}
	return 1
}

type evaluation struct {
	c      *Case
	asOf   civil.Date
	policy *Policy
	cal    *calendar.Calendar
	events []Event             // known by asOf, in order
	byKind map[EventKind][]int // indexes into events
	items  []Item
	terms  []term // reused by each deadline
}

// chain runs a chain from each of its start events.
func (ev *evaluation) chain(rows []Rule) {
	ch := &rows[0].Chain
	var roots []int
	for _, i := range ev.byKind[ch.Start.Kind] {
		if ch.Start.matches(&ev.events[i]) {
			roots = append(roots, i)
		}
	}
	var claimed map[int]bool // events before a start already used by an earlier one
	if !ch.Lookback.IsZero() {
		claimed = map[int]bool{}
	}
	for n, r := range roots {
		prev, next := -1, -1
		if n > 0 {
			prev = roots[n-1]
		}
		if n+1 < len(roots) {
			next = roots[n+1]
		}
		ev.run(ch, rows, r, prev, next, claimed)
	}
}

// point is what a clock runs from: an event, a birthday or the birth.
type point struct {
	on   civil.Date
	at   time.Time
	noun string
	ref  string
}

func (ev *evaluation) pointAt(i int) point {
	e := &ev.events[i]
	return point{on: e.On, at: e.At, noun: e.Kind.noun(), ref: e.Ref}
}

// term is one way a deadline is set; a deadline with two (CP-8a) is due at
// the sooner.
type term struct {
	from  point
	clock calendar.Clock
}

// run follows one chain from its start event r, item by item, until a
// deadline is not yet met or the clock stops.
func (ev *evaluation) run(ch *Chain, rows []Rule, r, prev, next int, claimed map[int]bool) {
	root := &ev.events[r]
	end := ev.end(ch, r, next)
	var lastDay civil.Date // the last day an event can meet a deadline; zero: no limit
	switch {
	case end == next && end >= 0:
		lastDay = ev.events[end].On.AddDays(-1)
	case end >= 0:
		lastDay = ev.events[end].On
	}

	start := ev.pointAt(r)
	if ch.Anchor != "" {
		if a := ev.anchor(ch.Anchor, r, prev); a >= 0 {
			start = ev.pointAt(a)
		}
	}
	after := -1 // later deadlines are met by events after the last one
	for n := 1; ; n++ {
		rule := ev.pick(rows, n, r, start)
		if rule == nil || !rule.hasDeadline() {
			return
		}
		start = ev.postpone(rule, start)
		terms := ev.deadline(rule, start, root)
		ev.terms = terms // its array serves the next deadline
		if len(terms) == 0 {
			return
		}

		from := civil.Date{}
		if n == 1 {
			from = root.On
			if !ch.Lookback.IsZero() {
				from = ev.cal.Due(root.On, calendar.Clock{N: -ch.Lookback.N, Unit: ch.Lookback.Unit})
			}
		}
		sat := ev.satisfier(ch, r, after, from, lastDay, claimed)
		if claimed != nil && n == 1 && sat >= 0 {
			claimed[sat] = true
		}
		var extensions []civil.Date
		if n == 1 && ch.ExtendedBy != "" {
			extensions = ev.extensions(ch, r, sat, lastDay)
		}

		it, keep := ev.item(rule, root, terms, extensions, sat, end)
		if !keep {
			return
		}
		ev.items = append(ev.items, it)
		if sat < 0 || (end >= 0 && !ev.events[sat].On.Before(ev.events[end].On)) {
			return
		}
		start, after = ev.pointAt(sat), sat
	}
}

// end returns the event that stops a chain: the first Until or Cancel event
// after the start, or the next start; -1 if none has happened.
func (ev *evaluation) end(ch *Chain, r, next int) int {
	best := next
	for _, ms := range [][]Match{ch.Until, ch.Cancel} {
		for _, m := range ms {
			if j := ev.firstAfter(m, r); j >= 0 && (best < 0 || j < best) {
				best = j
			}
		}
	}
	return best
}

// firstAfter returns the first event matching m after index r, or -1.
func (ev *evaluation) firstAfter(m Match, r int) int {
	idx := ev.byKind[m.Kind]
	for k := sort.SearchInts(idx, r+1); k < len(idx); k++ {
		if m.matches(&ev.events[idx[k]]) {
			return idx[k]
		}
	}
	return -1
}

// anchor returns the latest event of kind k on or before the start r and
// after the previous start, or -1.
func (ev *evaluation) anchor(k EventKind, r, prev int) int {
	idx := ev.byKind[k]
	on := ev.events[r].On
	i := sort.Search(len(idx), func(i int) bool { return ev.events[idx[i]].On.After(on) }) - 1
	if i >= 0 && idx[i] > prev {
		return idx[i]
	}
	return -1
}

// pick returns the first row that times the chain's nth deadline, whose
// clock starts at s.
func (ev *evaluation) pick(rows []Rule, n, r int, s point) *Rule {
	root := &ev.events[r]
	for i := range rows {
		rule := &rows[i]
		switch {
		case rule.Item != 0 && rule.Item != n,
			!rule.From.IsZero() && s.on.Before(rule.From),
			!rule.To.IsZero() && s.on.After(rule.To),
			len(rule.Types) > 0 && !slices.Contains(rule.Types, root.Type),
			rule.PreBirth && !ev.bornAfter(root.On),
			rule.AfterFirstYear && s.on.Before(root.On.AddYears(1)),
			rule.UntilFirst != "" && ev.happened(rule.UntilFirst, r, s.on),
			(rule.MinAge > 0 || rule.Under > 0) && ev.c.DateOfBirth.IsZero(),
			rule.Under > 0 && ev.c.DateOfBirth.AgeOn(s.on) >= rule.Under:
			continue
		}
		return rule
	}
	return nil
}

// bornAfter reports whether the child was, or is expected to be, born after d.
func (ev *evaluation) bornAfter(d civil.Date) bool {
	if !ev.c.DateOfBirth.IsZero() {
		return d.Before(ev.c.DateOfBirth)
	}
	return !ev.c.ExpectedBirth.IsZero()
}

// happened reports whether an event of kind k came after index r, on or
// before the day on.
func (ev *evaluation) happened(k EventKind, r int, on civil.Date) bool {
	j := ev.firstAfter(Match{Kind: k}, r)
	return j >= 0 && !ev.events[j].On.After(on)
}

// postpone moves a clock's start to the rule's minimum-age birthday.
func (ev *evaluation) postpone(rule *Rule, s point) point {
	if rule.MinAge == 0 {
		return s
	}
	birthday := ev.c.DateOfBirth.AddYears(rule.MinAge)
	if !s.on.Before(birthday) {
		return s
	}
	return point{on: birthday, noun: "the " + ordinal(rule.MinAge) + " birthday"}
}

// deadline returns the terms of the deadline a rule sets for a clock starting
// at s, or none if a local setting has no version in force.
func (ev *evaluation) deadline(rule *Rule, s point, root *Event) []term {
	ts := ev.terms[:0]
	one := func(k calendar.Clock, ok bool) []term {
		if !ok {
			return nil
		}
		return append(ts, term{from: s, clock: ev.counted(rule.ID, k, s.on)})
	}
	switch rule.Setting {
	case "":
		return one(rule.Clock, true)
	case "strategy.deadline":
		v, ok := ev.policy.StrategyDeadline.At(s.on)
		if root.Type == ImmediateRisk {
			return one(v.ImmediateRisk, ok)
		}
		return one(v.Other, ok)
	case "plo.max_weeks":
		n, ok := ev.policy.PLOMaxWeeks.At(s.on)
		return one(wk(n), ok)
	case "prebirth.review_rule":
		v, ok := ev.policy.PrebirthReview.At(s.on)
		if !ok {
			return nil
		}
		if !v.AfterICPC.IsZero() {
			ts = append(ts, term{from: s, clock: ev.counted(rule.ID, v.AfterICPC, s.on)})
		}
		if b := ev.birth(); !v.AfterBirth.IsZero() && !b.on.IsZero() {
			ts = append(ts, term{from: b, clock: ev.counted(rule.ID, v.AfterBirth, s.on)})
		}
		return ts
	}
	vs, ok := ev.policy.clockSetting(rule.Setting)
	if !ok {
		return nil
	}
	return one(vs.At(s.on))
}

// counted applies the authority's working-day counting convention.
func (ev *evaluation) counted(ruleID string, k calendar.Clock, on civil.Date) calendar.Clock {
	if k.Unit == calendar.WorkingDays && k.N > 0 {
		if c, ok := ev.policy.WDCounting.At(on); ok && c.inclusive(ruleID) {
			k.Inclusive = true
		}
	}
	return k
}

// birth is the recorded birth, or the expected one until it is recorded.
func (ev *evaluation) birth() point {
	if !ev.c.DateOfBirth.IsZero() {
		return point{on: ev.c.DateOfBirth, noun: "the birth"}
	}
	return point{on: ev.c.ExpectedBirth, noun: "the expected birth"}
}

// satisfier returns the first event that meets the chain's deadline, or -1.
// For the first deadline it is dated from `from`; for later ones it comes
// after index `after`. It is on or before lastDay (if set), is not the
// chain's start, and a visit counts only if the child was seen.
func (ev *evaluation) satisfier(ch *Chain, r, after int, from, lastDay civil.Date, claimed map[int]bool) int {
	best := -1
	rootOn := ev.events[r].On
	for _, m := range ch.MetBy {
		idx := ev.byKind[m.Kind]
		k := sort.Search(len(idx), func(i int) bool {
			return idx[i] > after && !ev.events[idx[i]].On.Before(from)
		})
		for ; k < len(idx) && (best < 0 || idx[k] < best); k++ {
			j, e := idx[k], &ev.events[idx[k]]
			if !lastDay.IsZero() && e.On.After(lastDay) {
				break
			}
			if j == r || !m.matches(e) || (kinds[e.Kind].visit && !e.Seen) || (claimed[j] && e.On.Before(rootOn)) {
				continue
			}
			best = j
			break
		}
	}
	return best
}

// extensions returns the dates of the extensions granted before the deadline
// was met, up to the chain's limit.
func (ev *evaluation) extensions(ch *Chain, r, sat int, lastDay civil.Date) []civil.Date {
	var out []civil.Date
	for _, j := range ev.byKind[ch.ExtendedBy] {
		e := &ev.events[j]
		if j <= r || (!lastDay.IsZero() && e.On.After(lastDay)) || (sat >= 0 && e.On.After(ev.events[sat].On)) {
			continue
		}
		if ch.MaxExtensions > 0 && len(out) == ch.MaxExtensions {
			break
		}
		out = append(out, e.On)
	}
	return out
}

// item builds the item for one deadline and reports whether it stands: a
// deadline that a stopped clock made unnecessary before it fell due has none.
func (ev *evaluation) item(rule *Rule, root *Event, terms []term, extensions []civil.Date, sat, end int) (Item, bool) {
	chosen, due, dueAt := ev.soonest(terms)
	k := terms[chosen]
	for range extensions {
		due = ev.cal.Due(due, rule.Extension)
	}
	it := Item{
		ChildID: ev.c.ChildID, RuleID: rule.ID, Title: rule.Title, Standard: rule.Standard, Confidence: rule.Confidence,
		Clock: k.clock, Setting: rule.Setting,
		RootRef: root.Ref, Root: root.On, StartRef: k.from.ref, Start: k.from.on,
		Due: due, DueAt: dueAt,
	}
	var met, stop *Event
	switch {
	case sat >= 0:
		met = &ev.events[sat]
		it.MetRef, it.Met = met.Ref, met.On
		late := met.On.After(due)
		if !dueAt.IsZero() && !met.At.IsZero() {
			late = met.At.After(dueAt)
		}
		it.Status = MetOnTime
		if late {
			it.Status, it.DaysLate = MetLate, max(0, met.On.DaysSince(due))
		}
	case end >= 0:
		stop = &ev.events[end]
		if !due.Before(stop.On) || slices.ContainsFunc(rule.Cancel, func(m Match) bool { return m.matches(stop) }) {
			return Item{}, false
		}
		it.Status, it.DaysLate = Missed, stop.On.DaysSince(due)
	case ev.asOf.After(due):
		it.Status, it.DaysLate = Overdue, ev.asOf.DaysSince(due)
	default:
		it.Status = Due
	}
	it.Covid = rule.Covid && !it.Start.After(covidTo) && !due.Before(covidFrom)
	it.Explanation = explain(&it, terms, chosen, extensions, rule.Extension, met, stop)
	return it, true
}

// soonest returns the index of the term that falls due first, with its due
// date and, for an hour clock, its instant.
func (ev *evaluation) soonest(terms []term) (int, civil.Date, time.Time) {
	best, due, dueAt := 0, civil.Date{}, time.Time{}
	for i, t := range terms {
		d, at := ev.dueOf(t)
		if i == 0 || d.Before(due) {
			best, due, dueAt = i, d, at
		}
	}
	return best, due, dueAt
}

func (ev *evaluation) dueOf(t term) (civil.Date, time.Time) {
	if t.clock.Unit != calendar.ElapsedHours {
		return ev.cal.Due(t.from.on, t.clock), time.Time{}
	}
	start := t.from.at
	if start.IsZero() {
		y, m, d := t.from.on.Date()
		start = time.Date(y, m, d, 0, 0, 0, 0, london)
	}
	at := calendar.DueAt(start, t.clock)
	return civil.OfTime(at.In(london)), at
}
