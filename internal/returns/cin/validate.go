package cin

import (
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/waymark-care/waymark/internal/calendar"
	"github.com/waymark-care/waymark/internal/civil"
)

// Finding is one rule broken in one place.
type Finding struct {
	Code    string   `json:"code"`
	Type    Severity `json:"type"`
	Message string   `json:"message"`
	Fields  []string `json:"fields"`
	// Child is the child's position in the file, from 1; 0 for a finding
	// about the whole return.
	Child     int    `json:"child,omitempty"`
	LAchildID string `json:"la_child_id,omitempty"`
	// Path names the element or block at fault.
	Path string `json:"path"`
	// Detail gives the values that broke the rule.
	Detail string `json:"detail,omitempty"`
	// Ref is the Waymark record the block was built from, and Person the
	// child's, in live validation; empty for a file.
	Ref    Ref   `json:"-"`
	Person int64 `json:"-"`
}

// Report is the outcome of validating a census.
type Report struct {
	Year     string `json:"collection_year"`
	Period   Period `json:"-"`
	Children int    `json:"children"`
	// People are the children in an exported return, by person id, for the
	// access log; a return read from a file has none.
	People   []int64   `json:"-"`
	Problems []Problem `json:"file_problems"`
	Findings []Finding `json:"findings"`
}

// Errors and Queries count the findings of each type.
func (r *Report) Errors() int  { return r.count(Error) }
func (r *Report) Queries() int { return r.count(Query) }

func (r *Report) count(s Severity) int {
	n := 0
	for _, f := range r.Findings {
		if f.Type == s {
			n++
		}
	}
	return n
}

// PeriodOf returns the census period a file declares: the year to its
// reference date, or else to 31 March of its Year.
func PeriodOf(m *Message) (Period, bool) {
	if m.Header == nil || m.Header.CollectionDetails == nil {
		return Period{}, false
	}
	cd := m.Header.CollectionDetails
	if cd.ReferenceDate.Valid() {
		return PeriodEnding(cd.ReferenceDate.Value), true
	}
	if y, err := strconv.Atoi(cd.Year); err == nil && y > 2000 && y < 10000 {
		return PeriodEnding(civil.Of(y, time.March, 31)), true
	}
	return Period{}, false
}

// Validate applies every rule to a census for the given period. Problems
// found reading the file are carried into the report.
func Validate(m *Message, p Period, problems []Problem) *Report {
	env := newEnv(p)
	var findings []Finding
	for i := range m.Children.Child {
		findings = env.child(&m.Children.Child[i], i+1, findings)
	}
	return env.report(m, problems, findings)
}

// report adds the findings of the rules on the whole return to those of
// each child, which come first in the report.
func (e *env) report(m *Message, problems []Problem, childFindings []Finding) *Report {
	rep := &Report{Year: e.period.Year(), Period: e.period, Children: len(m.Children.Child), Problems: problems}
	for _, r := range rules {
		if r.check.whole != nil {
			r.check.whole(&whole{env: e, rule: r, m: m, out: &rep.Findings})
		}
	}
	slices.SortStableFunc(rep.Findings, func(a, b Finding) int { return a.Child - b.Child })
	rep.Findings = append(rep.Findings, childFindings...)
	return rep
}

// ValidateChild applies the rules that concern one child alone (every rule
// but those that compare children or count across the return) to a child's
// census entry. n is the child's position in the census, from 1, used in
// paths.
func ValidateChild(c *Child, n int, p Period) []Finding {
	return newEnv(p).child(c, n, nil)
}

// env is what every check needs to know besides the data.
type env struct {
	period Period
	// year is the collection year whose code lists apply: the census's own,
	// but never before 2024-25, the first year of this rule set (so a
	// 2023-24 file is checked for Sex, as the rules require).
	year string
	cal  *calendar.Calendar
	// The working-day limits of rules 8569Q, 8670Q and 8675Q: the working
	// day before the year, and 45 and 15 working days before its end.
	nfaLimit, assessmentLimit, conferenceLimit civil.Date
}

// firstYear is the first collection year of the rule list.
const firstYear = "2024-25"

func newEnv(p Period) *env {
	cal := calendar.EnglandAndWales()
	return &env{period: p, year: max(p.Year(), firstYear), cal: cal,
		nfaLimit:        cal.AddWorkingDays(p.Start, -1),
		assessmentLimit: cal.AddWorkingDays(p.End, -45),
		conferenceLimit: cal.AddWorkingDays(p.End, -15),
	}
}

func (e *env) child(c *Child, n int, out []Finding) []Finding {
	v := &visit{env: e, c: c, n: n, out: &out}
	for _, r := range rules {
		if r.check.child != nil {
			v.rule = r
			r.check.child(v)
		}
	}
	return out
}

// check is how a rule is tested: on each child, or on the whole return.
type check struct {
	child func(v *visit)
	whole func(w *whole)
}

// visit is one rule applied to one child.
type visit struct {
	*env
	rule *Rule
	c    *Child
	n    int
	out  *[]Finding
}

// at locates a block within a child: episode e (from 0, or -1 for the
// child's own elements), and item i of the named block within it.
type at struct {
	e     int
	block string
	i     int
	// sub names an element within the block, e.g. /Reviews/CPPreviewDate[2].
	sub string
}

// identifiers locates the child's own elements.
var identifiers = at{e: -1, block: "ChildIdentifiers"}

func (a at) path(n int) string {
	p := "/Message/Children/Child[" + strconv.Itoa(n) + "]"
	if a.e < 0 {
		if a.block != "" {
			p += "/" + a.block + a.sub
		}
		return p
	}
	p += "/CINdetails[" + strconv.Itoa(a.e+1) + "]"
	if a.block != "" {
		p += "/" + a.block + "[" + strconv.Itoa(a.i+1) + "]"
	}
	return p + a.sub
}

func (v *visit) flag(a at, ref Ref, format string, args ...any) {
	*v.out = append(*v.out, Finding{
		Code: v.rule.Code, Type: v.rule.Type, Message: v.rule.Message, Fields: v.rule.Fields,
		Child: v.n, LAchildID: v.c.ChildIdentifiers.LAchildID, Path: a.path(v.n),
		Detail: fmt.Sprintf(format, args...), Ref: ref, Person: v.c.Ref.ID,
	})
}

// whole is one rule applied to the whole return.
type whole struct {
	*env
	rule *Rule
	m    *Message
	out  *[]Finding
}

func (w *whole) flag(n int, path, format string, args ...any) {
	f := Finding{Code: w.rule.Code, Type: w.rule.Type, Message: w.rule.Message, Fields: w.rule.Fields,
		Child: n, Path: path, Detail: fmt.Sprintf(format, args...)}
	if n > 0 {
		c := &w.m.Children.Child[n-1]
		f.LAchildID, f.Person = c.ChildIdentifiers.LAchildID, c.Ref.ID
	}
	*w.out = append(*w.out, f)
}
