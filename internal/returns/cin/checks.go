package cin

import (
	"slices"

	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/codes"
)

// The shapes most rules share: a date not before another, a date within the
// census year, a code from a list, an element required when another is
// given, at most one open block, blocks that must not overlap. Each helper
// takes a scope (which blocks of a child the rule looks at) and getters
// (which elements of a block it compares), so a rule is one line.

// scope calls yield for each block of one kind in a child, with the episode
// it belongs to (nil for the child's own elements).
type scope[T any] func(c *Child, yield func(a at, ep *CINdetails, x *T))

func child(c *Child, yield func(a at, ep *CINdetails, x *Child)) { yield(identifiers, nil, c) }

func characteristics(c *Child, yield func(a at, ep *CINdetails, x *Child)) {
	yield(at{e: -1, block: "ChildCharacteristics"}, nil, c)
}

func episodes(c *Child, yield func(a at, ep *CINdetails, x *CINdetails)) {
	for e := range c.CINdetails {
		yield(at{e: e}, &c.CINdetails[e], &c.CINdetails[e])
	}
}

func assessments(c *Child, yield func(a at, ep *CINdetails, x *Assessment)) {
	for e := range c.CINdetails {
		ep := &c.CINdetails[e]
		for i := range ep.Assessments {
			yield(at{e: e, block: "Assessments", i: i}, ep, &ep.Assessments[i])
		}
	}
}

func cinPlans(c *Child, yield func(a at, ep *CINdetails, x *CINPlanDates)) {
	for e := range c.CINdetails {
		ep := &c.CINdetails[e]
		for i := range ep.CINPlanDates {
			yield(at{e: e, block: "CINPlanDates", i: i}, ep, &ep.CINPlanDates[i])
		}
	}
}

func enquiries(c *Child, yield func(a at, ep *CINdetails, x *Section47)) {
	for e := range c.CINdetails {
		ep := &c.CINdetails[e]
		for i := range ep.Section47 {
			yield(at{e: e, block: "Section47", i: i}, ep, &ep.Section47[i])
		}
	}
}

func cpPlans(c *Child, yield func(a at, ep *CINdetails, x *ChildProtectionPlan)) {
	for e := range c.CINdetails {
		ep := &c.CINdetails[e]
		for i := range ep.ChildProtectionPlans {
			yield(at{e: e, block: "ChildProtectionPlans", i: i}, ep, &ep.ChildProtectionPlans[i])
		}
	}
}

// refOf is the Waymark record a block came from, if any.
func refOf(x any) Ref {
	switch b := x.(type) {
	case *Child:
		return b.Ref
	case *CINdetails:
		return b.Ref
	case *Assessment:
		return b.Ref
	case *CINPlanDates:
		return b.Ref
	case *Section47:
		return b.Ref
	case *ChildProtectionPlan:
		return b.Ref
	}
	return Ref{}
}

// date picks one date element out of a block of kind T, its episode or the
// child.
type date[T any] struct {
	name string
	get  func(c *Child, ep *CINdetails, x *T) Date
}

func own[T any](name string, get func(x *T) Date) date[T] {
	return date[T]{name, func(_ *Child, _ *CINdetails, x *T) Date { return get(x) }}
}

// episodeDate and childDate are dates of the enclosing episode or child.
type episodeDate struct {
	name string
	get  func(ep *CINdetails) Date
}

type childDate struct {
	name string
	get  func(id *ChildIdentifiers) Date
}

func ofEpisode[T any](d episodeDate) date[T] {
	return date[T]{d.name, func(_ *Child, ep *CINdetails, _ *T) Date { return d.get(ep) }}
}

func ofChild[T any](d childDate) date[T] {
	return date[T]{d.name, func(c *Child, _ *CINdetails, _ *T) Date { return d.get(&c.ChildIdentifiers) }}
}

var (
	referralDate = episodeDate{"CINreferralDate", func(ep *CINdetails) Date { return ep.CINreferralDate }}
	closureDate  = episodeDate{"CINclosureDate", func(ep *CINdetails) Date { return ep.CINclosureDate }}
	birthDate    = childDate{"PersonBirthDate", func(id *ChildIdentifiers) Date { return id.PersonBirthDate }}
	deathDate    = childDate{"PersonDeathDate", func(id *ChildIdentifiers) Date { return id.PersonDeathDate }}

	assessmentStart = own("AssessmentActualStartDate", func(a *Assessment) Date { return a.AssessmentActualStartDate })
	assessmentEnd   = own("AssessmentAuthorisationDate", func(a *Assessment) Date { return a.AssessmentAuthorisationDate })
	cinPlanStart    = own("CINPlanStartDate", func(p *CINPlanDates) Date { return p.CINPlanStartDate })
	cinPlanEnd      = own("CINPlanEndDate", func(p *CINPlanDates) Date { return p.CINPlanEndDate })
	s47Start        = own("S47ActualStartDate", func(s *Section47) Date { return s.S47ActualStartDate })
	s47ICPC         = own("DateOfInitialCPC", func(s *Section47) Date { return s.DateOfInitialCPC })
	s47Target       = own("InitialCPCtarget", func(s *Section47) Date { return s.InitialCPCtarget })
	cppStart        = own("CPPstartDate", func(p *ChildProtectionPlan) Date { return p.CPPstartDate })
	cppEnd          = own("CPPendDate", func(p *ChildProtectionPlan) Date { return p.CPPendDate })
	episodeStart    = ofEpisode[CINdetails](referralDate)
	episodeEnd      = ofEpisode[CINdetails](closureDate)
)

func perChild(f func(v *visit)) check  { return check{child: f} }
func perReturn(f func(w *whole)) check { return check{whole: f} }

// notBefore flags a block whose date a is before date b, or on it when
// orSame is set. Either date missing passes: other rules require them.
func notBefore[T any](s scope[T], a, b date[T], orSame bool) check {
	return perChild(func(v *visit) {
		s(v.c, func(at at, ep *CINdetails, x *T) {
			da, db := a.get(v.c, ep, x), b.get(v.c, ep, x)
			if da.Valid() && db.Valid() && (da.Value.Before(db.Value) || orSame && da.Value == db.Value) {
				v.flag(at, refOf(x), "%s %s is %s %s %s", a.name, da.Text, map[bool]string{false: "before", true: "on or before"}[orSame], b.name, db.Text)
			}
		})
	})
}

// inYear flags a date given but outside the census year.
func inYear[T any](s scope[T], d date[T]) check {
	return perChild(func(v *visit) {
		s(v.c, func(at at, ep *CINdetails, x *T) {
			if dd := d.get(v.c, ep, x); dd.Valid() && !v.period.Contains(dd.Value) {
				v.flag(at, refOf(x), "%s %s is outside the census year %s to %s", d.name, dd.Text, v.period.Start, v.period.End)
			}
		})
	})
}

// byReferenceDate flags a date after the reference date, or missing when
// required.
func byReferenceDate[T any](s scope[T], d date[T], required bool) check {
	return perChild(func(v *visit) {
		s(v.c, func(at at, ep *CINdetails, x *T) {
			switch dd := d.get(v.c, ep, x); {
			case required && !dd.Valid():
				v.flag(at, refOf(x), "%s is missing", d.name)
			case dd.Valid() && dd.Value.After(v.period.End):
				v.flag(at, refOf(x), "%s %s is after the reference date %s", d.name, dd.Text, v.period.End)
			}
		})
	})
}

// text picks one coded element out of a block.
type text[T any] struct {
	name string
	get  func(x *T) string
}

// coded flags a code not in the list for the collection year, or missing
// when required.
func coded[T any](s scope[T], t text[T], list string, required bool) check {
	l, ok := codes.Lookup(list)
	if !ok {
		panic("cin: no code list " + list)
	}
	return perChild(func(v *visit) {
		s(v.c, func(at at, _ *CINdetails, x *T) {
			switch code := t.get(x); {
			case code == "" && required:
				v.flag(at, refOf(x), "%s is missing", t.name)
			case code != "" && !l.ValidIn(code, v.year):
				v.flag(at, refOf(x), "%s %q is not a %s code for %s", t.name, code, l.Title, v.year)
			}
		})
	})
}

// requiredWhen flags a block where cond holds but the element is missing.
func requiredWhen[T any](s scope[T], cond func(x *T) bool, name string, present func(x *T) bool) check {
	return perChild(func(v *visit) {
		s(v.c, func(at at, _ *CINdetails, x *T) {
			if cond(x) && !present(x) {
				v.flag(at, refOf(x), "%s is missing", name)
			}
		})
	})
}

// atMostOneOpen flags a child, or each episode when perEpisode is set, with
// more than one open block.
func atMostOneOpen[T any](s scope[T], open func(x *T) bool, perEpisode bool, what string) check {
	type block struct {
		a at
		x *T
	}
	return perChild(func(v *visit) {
		counts := map[int][]block{}
		s(v.c, func(a at, _ *CINdetails, x *T) {
			if open(x) {
				key := 0
				if perEpisode {
					key = a.e
				}
				counts[key] = append(counts[key], block{a, x})
			}
		})
		for _, key := range sortedKeys(counts) {
			if open := counts[key]; len(open) > 1 {
				for _, b := range open[1:] {
					v.flag(b.a, refOf(b.x), "%d %s are open", len(open), what)
				}
			}
		}
	})
}

func sortedKeys[V any](m map[int]V) []int {
	keys := make([]int, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// span is how a block's dates make a period for overlap rules.
type span[T any] struct {
	start, end date[T]
	// openUntilReference says whether a block with no end runs to the
	// reference date (rather than being left out of the comparison).
	openUntilReference func(x *T) bool
	// endExclusive: a block may start on the day another ends.
	endExclusive bool
	// perEpisode compares blocks within each episode, not across the child.
	perEpisode bool
	// sameIfEqual treats two blocks with the same start and end as one.
	sameIfEqual bool
}

// noOverlap flags a block that starts within the period of another.
func noOverlap[T any](s scope[T], sp span[T]) check {
	type item struct {
		a          at
		x          *T
		start, end Date
		open       bool
	}
	return perChild(func(v *visit) {
		var items []item
		s(v.c, func(a at, ep *CINdetails, x *T) {
			if st := sp.start.get(v.c, ep, x); st.Valid() {
				end := sp.end.get(v.c, ep, x)
				items = append(items, item{a, x, st, end, !end.Valid() && sp.openUntilReference(x)})
			}
		})
		for i, a := range items {
			for j, b := range items {
				if i == j || sp.perEpisode && a.a.e != b.a.e || sp.sameIfEqual && a.start == b.start && a.end == b.end {
					continue
				}
				if a.start.Value.Before(b.start.Value) {
					continue
				}
				var within bool
				switch {
				case b.end.Valid():
					within = a.start.Value.Before(b.end.Value) || !sp.endExclusive && a.start.Value == b.end.Value
				case b.open:
					within = a.start.Value.Before(v.period.End) || !sp.endExclusive && a.start.Value == v.period.End
				}
				if within {
					v.flag(a.a, refOf(a.x), "%s %s falls within the %s from %s to %s", sp.start.name, a.start.Text, lastName(b.a.path(v.n)), b.start.Text, orReference(b.end, v.period.End))
					break
				}
			}
		}
	})
}

func orReference(end Date, ref civil.Date) string {
	if end.Valid() {
		return end.Text
	}
	return ref.String() + " (the reference date)"
}

// weekday flags a date that falls on a Saturday or Sunday.
func weekday[T any](s scope[T], d date[T]) check {
	return perChild(func(v *visit) {
		s(v.c, func(at at, ep *CINdetails, x *T) {
			if dd := d.get(v.c, ep, x); dd.Valid() && (dd.Value.Weekday() == 0 || dd.Value.Weekday() == 6) {
				v.flag(at, refOf(x), "%s %s is a %s", d.name, dd.Text, dd.Value.Weekday())
			}
		})
	})
}

// unique flags the second and later of any value given twice in a list.
func unique[T any](s scope[T], name string, values func(x *T) []string) check {
	return perChild(func(v *visit) {
		s(v.c, func(at at, _ *CINdetails, x *T) {
			vals := values(x)
			for i, val := range vals {
				if slices.Contains(vals[:i], val) {
					v.flag(at, refOf(x), "%s %q is given more than once", name, val)
				}
			}
		})
	})
}
