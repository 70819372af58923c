package worklist

import (
	"cmp"
	"context"
	"slices"

	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/domain"
	"github.com/waymark-care/waymark/internal/timescales"
)

// Measures group rules for the compliance report: every rule, reviews,
// visits, or one rule by its ID.
const (
	AllRules = "all"
	Reviews  = "reviews"
	Visits   = "visits"
)

// families are the rules each group measure counts.
var families = map[string][]string{
	Reviews: {"CP-7", "CP-8", "CP-8a", "CP-10", "LA-4", "LA-5", "LA-6", "CL-3", "AD-1", "AD-3"},
	Visits:  {"CP-9", "CP-10a", "LA-7", "LA-7a", "LA-7b", "LA-7c", "LA-7d", "CL-4", "AD-2", "PF-2", "PF-3"},
}

// InMeasure reports whether a rule counts towards a measure.
func InMeasure(measure, ruleID string) bool {
	switch measure {
	case AllRules, "":
		return true
	case Reviews, Visits:
		return slices.Contains(families[measure], ruleID)
	}
	return measure == ruleID
}

// Counts are both denominators of timescales.md §1.4.6 for a set of items.
type Counts struct {
	// Due in the period, whatever happened: the operational view.
	Due        int `json:"due"`
	DueOnTime  int `json:"due_on_time"`
	DueLate    int `json:"due_late"`
	DueOverdue int `json:"due_overdue"`
	DueMissed  int `json:"due_missed"`
	DueNotYet  int `json:"due_not_yet"`
	// Met in the period, whenever they fell due: the completed view.
	Completed       int `json:"done"`
	CompletedOnTime int `json:"done_on_time"`
	CompletedLate   int `json:"done_late"`
}

func (c *Counts) add(it *timescales.Item, p timescales.Period) {
	if p.Contains(it.Due) {
		c.Due++
		switch it.Status {
		case timescales.MetOnTime:
			c.DueOnTime++
		case timescales.MetLate:
			c.DueLate++
		case timescales.Overdue:
			c.DueOverdue++
		case timescales.Missed:
			c.DueMissed++
		case timescales.Due:
			c.DueNotYet++
		}
	}
	if !it.Met.IsZero() && p.Contains(it.Met) {
		c.Completed++
		if it.Status == timescales.MetOnTime {
			c.CompletedOnTime++
		} else {
			c.CompletedLate++
		}
	}
}

// DuePercent is the share of items due in the period, and already due, that
// were met on time; -1 if there were none.
func (c Counts) DuePercent() int { return percent(c.DueOnTime, c.Due-c.DueNotYet) }

// CompletedPercent is the share of items met in the period that were met on
// time; -1 if there were none.
func (c Counts) CompletedPercent() int { return percent(c.CompletedOnTime, c.Completed) }

func percent(n, of int) int {
	if of == 0 {
		return -1
	}
	return (200*n + of) / (2 * of) // rounded half up
}

// RuleRow is one rule's counts.
type RuleRow struct {
	RuleID   string              `json:"rule_id"`
	Title    string              `json:"title"`
	Standard timescales.Standard `json:"standard"`
	Counts
}

// GroupRow is a team's or a worker's counts for the chosen measure. A
// worker's row has their team; a team's row has no worker.
type GroupRow struct {
	Allocation
	Team   string `json:"team"`
	Worker string `json:"worker,omitempty"`
	Counts
}

// Banded is a distribution in DfE's working-day bands (S-4, S-5).
type Banded struct {
	Bands  []BandCount `json:"bands"`
	Total  int         `json:"total"`
	Within int         `json:"within"` // within the national limit
	Limit  int         `json:"limit"`  // 15 WD for ICPCs, 45 for assessments
	P25    int         `json:"p25"`
	P50    int         `json:"p50"`
	P75    int         `json:"p75"`
}

// BandCount is how many fell in one band.
type BandCount struct {
	Label string `json:"label"`
	Count int    `json:"count"`
}

// WithinPercent is the headline: the share within the national limit, -1
// if there were none.
func (b Banded) WithinPercent() int { return percent(b.Within, b.Total) }

func banded(d timescales.Distribution, bands []timescales.Band, limit int) Banded {
	b := Banded{Total: len(d.Durations), Within: d.Within(limit), Limit: limit,
		P25: d.Percentile(25), P50: d.Percentile(50), P75: d.Percentile(75)}
	for _, band := range bands {
		b.Bands = append(b.Bands, BandCount{Label: band.Label, Count: d.Count(band)})
	}
	return b
}

// Attributed is an item counted in a report, with its child and who held
// the case on the day it fell due: the drill-down behind every figure
// (XC-02).
type Attributed struct {
	Item  timescales.Item
	Child Child
	Allocation
	// Withheld is set when the user may not see the child's record
	// (Scope.Sees): the item is counted, but not listed.
	Withheld bool
}

// Compliance is how well deadlines were met in a period, for a scope
// (timescales.md §5; requirements XC-02, XC-07, XC-09).
type Compliance struct {
	Period  timescales.Period
	AsOf    civil.Date // evaluated as at: the period's end, or today if sooner
	Measure string
	Rules   []RuleRow  // every rule with items in the period
	Teams   []GroupRow // for the measure, by team
	Workers []GroupRow // for the measure, by worker
	Total   Counts     // for the measure
	// ICPC is S-4: working days from the s47 start to the initial
	// conference, for conferences held in the period.
	ICPC Banded
	// Assessments is S-5, from the assessment's start (as DfE checks) and
	// from the referral (as Working Together counts).
	AssessmentsFromStart, AssessmentsFromReferral Banded
	Targets                                       []timescales.Target // local stage targets and the national 45, from the start
	// Items are every item due or met in the period.
	Items []Attributed
}

// Report measures compliance for the children in scope, each counted
// against who held their case on the day each item fell due. today bounds
// the evaluation date, so a period that has not ended is measured as it
// stands.
func Report(ctx context.Context, read Reader, p timescales.Period, today civil.Date, s Scope, measure string, eng Engine, dir *Directory) (*Compliance, error) {
	asOf := p.To
	if today.Before(asOf) {
		asOf = today
	}
	sc := dir.scope(s)
	found := make([][]Attributed, workers())
	err := eachChild(ctx, read, p, func(w int, cr *domain.ChildRecord) {
		child, hide := childOf(&cr.Person), sc.withheld(cr)
		for _, it := range eng.Items(cr, asOf) {
			inPeriod := p.Contains(it.Due) || (!it.Met.IsZero() && p.Contains(it.Met))
			if !inPeriod {
				continue
			}
			if a := dir.AllocatedOn(cr, it.Due); sc.includes(a) {
				found[w] = append(found[w], Attributed{Item: it, Child: child, Allocation: a, Withheld: hide})
			}
		}
	})
	if err != nil {
		return nil, err
	}
	c := &Compliance{Period: p, AsOf: asOf, Measure: cmp.Or(measure, AllRules), Items: slices.Concat(found...)}
	slices.SortStableFunc(c.Items, func(a, b Attributed) int {
		return cmp.Or(a.Item.Due.Compare(b.Item.Due), cmp.Compare(a.Child.ID, b.Child.ID), cmp.Compare(a.Item.RuleID, b.Item.RuleID))
	})
	c.count(eng, dir)
	return c, nil
}

func (c *Compliance) count(eng Engine, dir *Directory) {
	rules := map[string]*RuleRow{}
	teams := map[int64]*GroupRow{}
	workers := map[Allocation]*GroupRow{}
	items := make([]timescales.Item, len(c.Items))
	for i := range c.Items {
		a := &c.Items[i]
		it := &a.Item
		items[i] = *it
		r := rules[it.RuleID]
		if r == nil {
			r = &RuleRow{RuleID: it.RuleID, Title: it.Title, Standard: it.Standard}
			rules[it.RuleID] = r
		}
		r.add(it, c.Period)
		if !InMeasure(c.Measure, it.RuleID) {
			continue
		}
		c.Total.add(it, c.Period)
		t := teams[a.TeamID]
		if t == nil {
			t = &GroupRow{Allocation: Allocation{TeamID: a.TeamID}, Team: dir.TeamName(a.TeamID)}
			teams[a.TeamID] = t
		}
		t.add(it, c.Period)
		wr := workers[a.Allocation]
		if wr == nil {
			wr = &GroupRow{Allocation: a.Allocation, Team: dir.TeamName(a.TeamID), Worker: dir.ProfessionalName(a.ProfessionalID)}
			workers[a.Allocation] = wr
		}
		wr.add(it, c.Period)
	}
	// Rules in the order of timescales.md, as Rules() gives them.
	for _, rule := range eng.Rules {
		if r := rules[rule.ID]; r != nil {
			c.Rules = append(c.Rules, *r)
			delete(rules, rule.ID)
		}
	}
	for _, t := range teams {
		c.Teams = append(c.Teams, *t)
	}
	slices.SortFunc(c.Teams, func(a, b GroupRow) int { return cmpName(a.Team, b.Team) })
	for _, w := range workers {
		c.Workers = append(c.Workers, *w)
	}
	slices.SortFunc(c.Workers, func(a, b GroupRow) int { return cmp.Or(cmpName(a.Team, b.Team), cmpName(a.Worker, b.Worker)) })

	c.ICPC = banded(timescales.ICPCTimeliness(items, c.Period, eng.Calendar), timescales.ICPCBands, 15)
	fromStart := timescales.AssessmentDurations(items, c.Period, timescales.FromAssessmentStart, eng.Calendar)
	c.AssessmentsFromStart = banded(fromStart, timescales.AssessmentBands, 45)
	c.AssessmentsFromReferral = banded(timescales.AssessmentDurations(items, c.Period, timescales.FromReferral, eng.Calendar), timescales.AssessmentBands, 45)
	c.Targets = timescales.AssessmentTargets(fromStart, eng.Policy, c.Period.To)
}
