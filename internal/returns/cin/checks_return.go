package cin

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/waymark-care/waymark/internal/civil"
)

// Rules on the header and on the return as a whole.

const referenceDatePath = "/Message/Header/CollectionDetails/ReferenceDate"

// referenceDate (100): the reference date is 31 March of the collection's
// Year, and the end of the census being validated.
func referenceDate(w *whole) {
	var cd *CollectionDetails
	if w.m.Header != nil {
		cd = w.m.Header.CollectionDetails
	}
	if cd == nil || !cd.ReferenceDate.Valid() {
		w.flag(0, referenceDatePath, "ReferenceDate is missing or not a date")
		return
	}
	ref := cd.ReferenceDate.Value
	if y, err := strconv.Atoi(cd.Year); err != nil || ref != civil.Of(y, time.March, 31) {
		w.flag(0, referenceDatePath, "ReferenceDate %s is not 31 March of the Year %q", cd.ReferenceDate.Text, cd.Year)
		return
	}
	if ref != w.period.End {
		w.flag(0, referenceDatePath, "ReferenceDate %s is not %s, the reference date of the %s census", ref, w.period.End, w.period.Year())
	}
}

// uniqueAcrossReturn (1520, 8510) flags every child sharing a value with
// another.
func uniqueAcrossReturn(name string, get func(id *ChildIdentifiers) string) func(w *whole) {
	return func(w *whole) {
		byValue := map[string][]int{}
		for i := range w.m.Children.Child {
			if val := get(&w.m.Children.Child[i].ChildIdentifiers); val != "" {
				byValue[val] = append(byValue[val], i+1)
			}
		}
		for i := range w.m.Children.Child {
			val := get(&w.m.Children.Child[i].ChildIdentifiers)
			if same := byValue[val]; val != "" && len(same) > 1 {
				others := slices.DeleteFunc(slices.Clone(same), func(n int) bool { return n == i+1 })
				w.flag(i+1, identifiers.path(i+1)+"/"+name, "%s %q is also given for child %s", name, val, joinInts(others))
			}
		}
	}
}

func joinInts(ns []int) string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = strconv.Itoa(n)
	}
	return strings.Join(s, ", ")
}

// plansWithoutConferences (2883): no more plans start in the year than
// initial conferences are held in it.
func plansWithoutConferences(w *whole) {
	plans, conferences := 0, 0
	inYear := func(d Date) int {
		if d.Valid() && w.period.Contains(d.Value) {
			return 1
		}
		return 0
	}
	for i := range w.m.Children.Child {
		for _, ep := range w.m.Children.Child[i].CINdetails {
			conferences += inYear(ep.DateOfInitialCPC)
			for _, s := range ep.Section47 {
				conferences += inYear(s.DateOfInitialCPC)
			}
			for _, p := range ep.ChildProtectionPlans {
				plans += inYear(p.CPPstartDate)
			}
		}
	}
	if plans > conferences {
		w.flag(0, "/Message/Children", "%d child protection plans start in the year, but only %d initial conferences are held in it", plans, conferences)
	}
}

// sexNotRecorded (2886Q): no more than 2% of children, unborn children
// aside, have no sex recorded (missing or U).
func sexNotRecorded(w *whole) {
	n := len(w.m.Children.Child)
	missing := 0
	for i := range w.m.Children.Child {
		id := &w.m.Children.Child[i].ChildIdentifiers
		if (id.Sex == "" || id.Sex == "U") && !id.ExpectedPersonBirthDate.Present() {
			missing++
		}
	}
	if n > 0 && float64(missing)/float64(n) > 0.02 {
		w.flag(0, "/Message/Children", "%d of %d children (%.1f%%) have no sex recorded", missing, n, 100*float64(missing)/float64(n))
	}
}

// fewDisabilityCodes (2887Q): the return uses more than 7 different
// disability codes, NONE aside.
func fewDisabilityCodes(w *whole) {
	used := map[string]bool{}
	for i := range w.m.Children.Child {
		for _, d := range disabilityCodes(&w.m.Children.Child[i]) {
			if d != "" && !strings.EqualFold(d, "NONE") {
				used[d] = true
			}
		}
	}
	if len(used) <= 7 {
		w.flag(0, "/Message/Children", "only %d different disability codes are used (%s)", len(used), strings.Join(sortedSet(used), ", "))
	}
}

func sortedSet(m map[string]bool) []string {
	s := make([]string, 0, len(m))
	for k := range m {
		s = append(s, k)
	}
	slices.Sort(s)
	return s
}

// singleDisabilities (2888Q): at least one child with a disability has
// more than one recorded.
func singleDisabilities(w *whole) {
	disabled, most := 0, 0
	for i := range w.m.Children.Child {
		n := 0
		for _, d := range disabilityCodes(&w.m.Children.Child[i]) {
			if d != "" && !strings.EqualFold(d, "NONE") {
				n++
			}
		}
		if n > 0 {
			disabled++
			most = max(most, n)
		}
	}
	if disabled > 0 && most <= 1 {
		w.flag(0, "/Message/Children", "each of the %d children with a disability has only one disability code", disabled)
	}
}

var _ = fmt.Sprint
