package timescales

import (
	"slices"

	"github.com/waymark-care/waymark/internal/calendar"
	"github.com/waymark-care/waymark/internal/civil"
)

// Period is a reporting period, both days included; the DfE collection year
// runs 1 April to 31 March.
type Period struct{ From, To civil.Date }

// Contains reports whether d falls in the period.
func (p Period) Contains(d civil.Date) bool { return !d.Before(p.From) && !d.After(p.To) }

// Timeliness counts a rule's items due in a period, met or not: the
// operational denominator (timescales.md §1.4.6). Items keeps them for the
// drill-down to the children (XC-02).
type Timeliness struct {
	Items                                          []Item
	MetOnTime, MetLate, Overdue, Missed, NotYetDue int
}

// DueIn returns the timeliness of a rule's items falling due in p. Evaluate
// at the end of the period (or today) so that its deadlines have passed.
func DueIn(items []Item, ruleID string, p Period) Timeliness {
	var t Timeliness
	for _, it := range items {
		if it.RuleID != ruleID || !p.Contains(it.Due) {
			continue
		}
		t.Items = append(t.Items, it)
		switch it.Status {
		case MetOnTime:
			t.MetOnTime++
		case MetLate:
			t.MetLate++
		case Overdue:
			t.Overdue++
		case Missed:
			t.Missed++
		case Due:
			t.NotYetDue++
		}
	}
	return t
}

// Band is a range of working days, both ends included; Max < 0 has no top.
type Band struct {
	Label    string
	Min, Max int
}

func (b Band) contains(n int) bool { return n >= b.Min && (b.Max < 0 || n <= b.Max) }

// ICPCBands are CIN table C4's bands of working days from s47 start to ICPC (S-4).
var ICPCBands = []Band{{"0–10", 0, 10}, {"11–15", 11, 15}, {"16–20", 16, 20}, {"21+", 21, -1}}

// AssessmentBands are CIN table C2's bands of working days from start to
// authorisation (S-5).
var AssessmentBands = []Band{
	{"same day", 0, 0}, {"1–10", 1, 10}, {"11–20", 11, 20}, {"21–30", 21, 30}, {"31–40", 31, 40},
	{"41–45", 41, 45}, {"46–50", 46, 50}, {"51–60", 51, 60}, {"61+", 61, -1},
}

// Duration is one completed item and the working days it took.
type Duration struct {
	Item Item
	Days int
}

// Distribution is the completed-in-period denominator (§1.4.6): items met in
// the period with their durations, shortest first.
type Distribution struct {
	Durations []Duration
}

// Count returns how many durations fall in the band.
func (d Distribution) Count(b Band) int {
	n := 0
	for _, x := range d.Durations {
		if b.contains(x.Days) {
			n++
		}
	}
	return n
}

// Within returns how many took at most n working days: the headline measure
// with the national limit (15 for ICPCs, 45 for assessments).
func (d Distribution) Within(n int) int { return d.Count(Band{Min: 0, Max: n}) }

// Percentile returns the q-th percentile (0–100) by the nearest-rank method,
// or 0 if there are no durations.
func (d Distribution) Percentile(q int) int {
	if len(d.Durations) == 0 {
		return 0
	}
	rank := max(1, (q*len(d.Durations)+99)/100)
	return d.Durations[rank-1].Days
}

// distribution measures a rule's items met in p, from the date start picks
// to the date met; negative durations are left out.
func distribution(items []Item, ruleID string, p Period, cal *calendar.Calendar, start func(Item) civil.Date) Distribution {
	var d Distribution
	for _, it := range items {
		if it.RuleID != ruleID || it.Met.IsZero() || !p.Contains(it.Met) {
			continue
		}
		if n := cal.WorkingDaysBetween(start(it), it.Met); n >= 0 {
			d.Durations = append(d.Durations, Duration{Item: it, Days: n})
		}
	}
	slices.SortStableFunc(d.Durations, func(a, b Duration) int { return a.Days - b.Days })
	return d
}

// ICPCTimeliness measures ICPCs held in p as DfE does (S-4): working days
// from the s47 start, not WT's strategy discussion, with ICPCs dated before
// the s47 start excluded. Band it with ICPCBands.
func ICPCTimeliness(items []Item, p Period, cal *calendar.Calendar) Distribution {
	return distribution(items, "CP-5", p, cal, func(it Item) civil.Date { return it.Root })
}

// AssessmentAnchor says where an assessment's duration is measured from;
// the right one is unconfirmed (timescales.md S-5), so both are offered.
type AssessmentAnchor int

const (
	FromAssessmentStart AssessmentAnchor = iota // DfE checks (AssessmentActualStartDate)
	FromReferral                                // Working Together
)

// AssessmentDurations measures assessments authorised in p (S-5). Band it
// with AssessmentBands.
func AssessmentDurations(items []Item, p Period, from AssessmentAnchor, cal *calendar.Calendar) Distribution {
	return distribution(items, "CP-2", p, cal, func(it Item) civil.Date {
		if from == FromReferral {
			return it.Start
		}
		return it.Root
	})
}

// Target is a limit in working days and how many assessments met it.
type Target struct {
	WorkingDays int
	Within      int
	Local       bool // a local stage target, not the national 45
}

// AssessmentTargets reports an assessment distribution against the local
// stage targets in force on a date (assessment.stage_targets) and the
// national 45 working days.
func AssessmentTargets(d Distribution, p Policy, on civil.Date) []Target {
	local, _ := p.AssessmentTargets.At(on)
	var out []Target
	for _, wd := range local {
		out = append(out, Target{WorkingDays: wd, Within: d.Within(wd), Local: true})
	}
	return append(out, Target{WorkingDays: 45, Within: d.Within(45)})
}
