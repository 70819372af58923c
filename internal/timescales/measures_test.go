package timescales

import (
	"slices"
	"testing"

	"github.com/waymark-care/waymark/internal/calendar"
)

// caseload evaluates several children at one date and pools their items.
func caseload(asOf string, children ...Case) []Item {
	var items []Item
	for _, c := range children {
		items = append(items, evaluate(c, d(asOf))...)
	}
	return items
}

func icpcChild(id, strategy, s47, icpc string) Case {
	c := Case{ChildID: id, Events: events(at(StrategyDiscussion, strategy), at(S47Start, s47))}
	if icpc != "" {
		c.Events = append(c.Events, at(ICPC, icpc))
	}
	return c
}

// S-4: working days from the s47 start, banded, with both denominators.
func TestICPCTimeliness(t *testing.T) {
	items := caseload("2025-10-31",
		icpcChild("a", "2025-09-01", "2025-09-02", "2025-09-12"), // 8 WD from the s47
		icpcChild("b", "2025-09-01", "2025-09-02", "2025-09-23"), // 15: in time for DfE, a day late by WT's clock
		icpcChild("c", "2025-09-01", "2025-09-02", "2025-09-24"), // 16
		icpcChild("d", "2025-09-01", "2025-09-02", "2025-10-15"), // 31
		icpcChild("e", "2025-09-01", "2025-09-02", ""),           // never held: overdue
		icpcChild("f", "2025-03-03", "2025-03-03", "2025-03-20"), // held before the period
	)
	// An ICPC recorded before its s47 start is left out of the measure.
	items = append(items, Item{RuleID: "CP-5", ChildID: "g", Root: d("2025-09-10"), Met: d("2025-09-05")})
	september := Period{From: d("2025-09-01"), To: d("2025-10-31")}

	dist := ICPCTimeliness(items, september, calendar.EnglandAndWales())
	var days []int
	for _, x := range dist.Durations {
		days = append(days, x.Days)
	}
	if !slices.Equal(days, []int{8, 15, 16, 31}) {
		t.Fatalf("durations %v, want [8 15 16 31]", days)
	}
	var counts []int
	for _, b := range ICPCBands {
		counts = append(counts, dist.Count(b))
	}
	if !slices.Equal(counts, []int{1, 1, 1, 1}) || dist.Within(15) != 2 {
		t.Errorf("bands %v, within 15 WD %d", counts, dist.Within(15))
	}
	if p25, p50, p75 := dist.Percentile(25), dist.Percentile(50), dist.Percentile(75); p25 != 8 || p50 != 15 || p75 != 16 {
		t.Errorf("percentiles %d/%d/%d, want 8/15/16", p25, p50, p75)
	}

	due := DueIn(items, "CP-5", september) // due 22 Sep 2025 for a to e
	if len(due.Items) != 5 || due.MetOnTime != 1 || due.MetLate != 3 || due.Overdue != 1 {
		t.Errorf("due in period: %+v", due)
	}
}

// S-5: assessment durations from the assessment start (DfE) or the referral (WT).
func TestAssessmentDurations(t *testing.T) {
	child := func(id, referral, start, authorised string) Case {
		return Case{ChildID: id, Events: events(at(Referral, referral), at(AssessmentStart, start), at(AssessmentAuthorised, authorised))}
	}
	items := caseload("2026-03-31",
		child("a", "2025-06-02", "2025-06-02", "2025-06-02"), // same day
		child("b", "2025-06-02", "2025-06-04", "2025-06-18"), // 10 from the start, 12 from the referral
		child("c", "2025-06-02", "2025-06-09", "2025-08-04"), // 40 / 45
		child("d", "2025-06-02", "2025-06-02", "2025-09-30"), // 85
	)
	year := Period{From: d("2025-04-01"), To: d("2026-03-31")}
	cal := calendar.EnglandAndWales()

	fromStart := AssessmentDurations(items, year, FromAssessmentStart, cal)
	fromReferral := AssessmentDurations(items, year, FromReferral, cal)
	bands := func(dist Distribution) []int {
		var out []int
		for _, b := range AssessmentBands {
			out = append(out, dist.Count(b))
		}
		return out
	}
	if got := bands(fromStart); !slices.Equal(got, []int{1, 1, 0, 0, 1, 0, 0, 0, 1}) {
		t.Errorf("from the assessment start: %v", got)
	}
	if got := bands(fromReferral); !slices.Equal(got, []int{1, 0, 1, 0, 0, 1, 0, 0, 1}) {
		t.Errorf("from the referral: %v", got)
	}

	p := DefaultPolicy()
	p.AssessmentTargets = always([]int{10, 20, 35})
	want := []Target{{10, 2, true}, {20, 2, true}, {35, 2, true}, {45, 3, false}}
	if got := AssessmentTargets(fromStart, p, d("2025-04-01")); !slices.Equal(got, want) {
		t.Errorf("targets %v, want %v", got, want)
	}
	if got := AssessmentTargets(fromStart, DefaultPolicy(), d("2025-04-01")); !slices.Equal(got, []Target{{45, 3, false}}) {
		t.Errorf("with no local targets: %v", got)
	}
}

func TestPercentileOfNothing(t *testing.T) {
	if got := (Distribution{}).Percentile(50); got != 0 {
		t.Errorf("median of no durations = %d", got)
	}
	if !(Period{From: d("2025-04-01"), To: d("2026-03-31")}).Contains(d("2026-03-31")) {
		t.Error("a period includes its last day")
	}
}
