package timescales

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"sync"
	"testing"

	"github.com/waymark-care/waymark/internal/calendar"
	"github.com/waymark-care/waymark/internal/civil"
)

// caseloadOf makes n open cases with realistic event counts, as at asOf: 40%
// children in need, 15% on child protection plans, 40% looked after (up to 5
// years, several placements, missing episodes), 5% care leavers.
func caseloadOf(n int, asOf civil.Date) []Case {
	r := rand.New(rand.NewPCG(2015, 10))
	cases := make([]Case, n)
	for i := range cases {
		var evs []Event
		add := func(k EventKind, on civil.Date) {
			if !on.After(asOf) {
				evs = append(evs, Event{Kind: k, On: on, Ref: fmt.Sprintf("%d-%d", i, len(evs)), Seen: true})
			}
		}
		// repeat adds an event every step days, give or take, from start.
		repeat := func(k EventKind, start civil.Date, step int) {
			for on := start.AddDays(step/2 + r.IntN(step)); !on.After(asOf); on = on.AddDays(step/2 + r.IntN(step)) {
				add(k, on)
			}
		}
		started := asOf.AddDays(-30 - r.IntN(500))
		add(Referral, started)
		add(AssessmentStart, started.AddDays(r.IntN(5)))
		add(AssessmentAuthorised, started.AddDays(20+r.IntN(60)))
		switch kind := r.IntN(100); {
		case kind < 40:
			plan := started.AddDays(40 + r.IntN(30))
			add(CINPlanStart, plan)
			repeat(CINReview, plan, 90)
			repeat(CINVisit, plan, 28)
		case kind < 55:
			add(HarmConcern, started)
			add(StrategyDiscussion, started.AddDays(r.IntN(3)))
			add(S47Start, started.AddDays(1+r.IntN(3)))
			add(S47Outcome, started.AddDays(10+r.IntN(15)))
			plan := started.AddDays(14 + r.IntN(20))
			add(ICPC, plan)
			add(CPPlanStart, plan)
			repeat(CoreGroup, plan, 42)
			repeat(CPVisit, plan, 14)
			repeat(ReviewConference, plan, 150)
		case kind < 95:
			lac := asOf.AddDays(-30 - r.IntN(1800))
			add(BecameLookedAfter, lac)
			add(CarePlan, lac.AddDays(r.IntN(15)))
			for p, move := 0, lac; p < 1+r.IntN(4) && !move.After(asOf); p, move = p+1, move.AddDays(60+r.IntN(400)) {
				add(PlacementStart, move)
				add(PlacementPlan, move.AddDays(r.IntN(8)))
				add(PlacementNotification, move.AddDays(r.IntN(8)))
			}
			repeat(CLAVisit, lac, 40)
			repeat(CLAReview, lac, 170)
			repeat(HealthAssessment, lac, 330)
			repeat(PEP, lac, 170)
			repeat(SDQ, lac, 360)
			for range r.IntN(4) {
				back := lac.AddDays(r.IntN(max(1, asOf.DaysSince(lac))))
				add(MissingReturn, back)
				add(ReturnInterview, back.AddDays(r.IntN(5)))
			}
		default:
			add(BecameEligible, started)
			add(NeedsAssessment, started.AddDays(60))
			add(PathwayPlan, started.AddDays(90))
			repeat(PathwayPlanReview, started.AddDays(90), 170)
			add(PAAllocated, started.AddDays(30))
			repeat(PAContact, started.AddDays(30), 50)
		}
		cases[i] = Case{ChildID: fmt.Sprint(i), DateOfBirth: asOf.AddDays(-365 - r.IntN(17*365)), Events: evs}
	}
	return cases
}

// BenchmarkEvaluateCaseload evaluates a large authority's open cases at one
// date, split across GOMAXPROCS workers (run with -cpu 1,2). The target is
// under a second for 3,000 cases on 2 cores.
func BenchmarkEvaluateCaseload(b *testing.B) {
	asOf := d("2025-10-01")
	cases := caseloadOf(3000, asOf)
	rules, policy, cal := Rules(), DefaultPolicy(), calendar.EnglandAndWales()
	events := 0
	for _, c := range cases {
		events += len(c.Events)
	}
	workers := runtime.GOMAXPROCS(0)
	var items int
	for b.Loop() {
		counts := make([]int, workers)
		var wg sync.WaitGroup
		for w := range workers {
			wg.Go(func() {
				for i := w; i < len(cases); i += workers {
					counts[w] += len(Evaluate(cases[i], asOf, rules, policy, cal))
				}
			})
		}
		wg.Wait()
		items = 0
		for _, n := range counts {
			items += n
		}
	}
	b.ReportMetric(float64(events)/float64(len(cases)), "events/case")
	b.ReportMetric(float64(items)/float64(len(cases)), "items/case")
}
