package timescales

import (
	"strings"
	"testing"

	"github.com/waymark-care/waymark/internal/calendar"
)

// mustFind fails the test unless the rule has an item whose clock started on start.
func mustFind(t *testing.T, items []Item, ruleID, start string) Item {
	t.Helper()
	it, ok := find(items, ruleID, d(start))
	if !ok {
		t.Fatalf("no %s item from %s; got %v", ruleID, start, ruleIDs(items))
	}
	return it
}

func itemsOf(items []Item, ruleID string) []Item {
	var out []Item
	for _, it := range items {
		if it.RuleID == ruleID {
			out = append(out, it)
		}
	}
	return out
}

// The worked examples of timescales.md §1 and requirements XC-01, with the
// explanation a social worker reads.
func TestWorkedExamples(t *testing.T) {
	tests := []struct {
		name    string
		child   Case
		policy  func(*Policy)
		asOf    string
		rule    string
		start   string
		explain string
	}{
		{
			name:    "ICPC from the strategy discussion",
			child:   Case{Events: events(at(StrategyDiscussion, "2015-09-16"), at(S47Start, "2015-09-16"))},
			asOf:    "2015-09-30",
			rule:    "CP-5",
			start:   "2015-09-16",
			explain: "Initial child protection conference due Wed 7 Oct 2015 — 15 working days after the strategy discussion on Wed 16 Sep 2015",
		},
		{
			name:    "referral before Christmas (§1.4.1)",
			child:   Case{Events: events(at(Referral, "2024-12-20"))},
			asOf:    "2024-12-20",
			rule:    "CP-1",
			start:   "2024-12-20",
			explain: "Referral decision due Mon 23 Dec 2024 — 1 working day after the referral on Fri 20 Dec 2024",
		},
		{
			name:    "s47 on Thu 10 Mar 2022, day-0 counting (§1.4.2)",
			child:   Case{Events: events(at(StrategyDiscussion, "2022-03-10"), at(S47Start, "2022-03-10"))},
			asOf:    "2022-03-10",
			rule:    "CP-5",
			start:   "2022-03-10",
			explain: "Initial child protection conference due Thu 31 Mar 2022 — 15 working days after the strategy discussion on Thu 10 Mar 2022",
		},
		{
			name:    "s47 on Thu 10 Mar 2022, inclusive counting (§1.4.2)",
			child:   Case{Events: events(at(StrategyDiscussion, "2022-03-10"), at(S47Start, "2022-03-10"))},
			policy:  func(p *Policy) { p.WDCounting = always(Counting{Default: Inclusive}) },
			asOf:    "2022-03-10",
			rule:    "CP-5",
			start:   "2022-03-10",
			explain: "Initial child protection conference due Wed 30 Mar 2022 — 15 working days beginning with the strategy discussion on Thu 10 Mar 2022",
		},
		{
			name:    "6 months from 31 August is the end of February (§1.3 CM)",
			child:   Case{Events: events(at(CPPlanStart, "2024-05-31"), at(ReviewConference, "2024-08-31"))},
			asOf:    "2024-09-01",
			rule:    "CP-8",
			start:   "2024-08-31",
			explain: "Review conference due Fri 28 Feb 2025 — 6 months after the review conference on Sat 31 Aug 2024",
		},
		{
			name:    "72 hours across the clock change (§1.3 EH)",
			child:   Case{Events: events(Event{Kind: MissingReturn, On: d("2025-03-29"), At: returnAt})},
			asOf:    "2025-03-30",
			rule:    "M-1",
			start:   "2025-03-29",
			explain: "Return home interview due 13:00 Tue 1 Apr 2025 — 72 hours after the return from missing at 12:00 Sat 29 Mar 2025",
		},
		{
			name:    "26 weeks beginning with the issue day (CT-1)",
			child:   Case{Events: events(at(ProceedingsIssued, "2025-01-06"))},
			asOf:    "2025-01-06",
			rule:    "CT-1",
			start:   "2025-01-06",
			explain: "Care proceedings due Sun 6 Jul 2025 — 26 weeks beginning with the issue of proceedings on Mon 6 Jan 2025",
		},
		{
			name:    "XC-01: 45 WD assessment from a referral on Fri 28 Aug 2015",
			child:   Case{Events: events(at(Referral, "2015-08-28"), at(AssessmentStart, "2015-08-28"))},
			asOf:    "2015-08-28",
			rule:    "CP-2",
			start:   "2015-08-28",
			explain: "Child and family assessment due Mon 2 Nov 2015 — 45 working days after the referral on Fri 28 Aug 2015",
		},
		{
			name:    "XC-01: ICPC from a strategy discussion on Fri 28 Aug 2015",
			child:   Case{Events: events(at(StrategyDiscussion, "2015-08-28"), at(S47Start, "2015-08-28"))},
			asOf:    "2015-08-28",
			rule:    "CP-5",
			start:   "2015-08-28",
			explain: "Initial child protection conference due Mon 21 Sep 2015 — 15 working days after the strategy discussion on Fri 28 Aug 2015",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := DefaultPolicy()
			if tt.policy != nil {
				tt.policy(&p)
			}
			items := Evaluate(tt.child, d(tt.asOf), Rules(), p, calendar.EnglandAndWales())
			if got := mustFind(t, items, tt.rule, tt.start).Explanation; got != tt.explain {
				t.Errorf("explanation\n got %q\nwant %q", got, tt.explain)
			}
		})
	}
}

func TestExplanationSaysWhatHappened(t *testing.T) {
	child := Case{Events: events(at(StrategyDiscussion, "2015-09-16"), at(S47Start, "2015-09-16"), at(ICPC, "2015-10-09"),
		at(CPPlanStart, "2015-10-09"), at(CPPlanEnd, "2016-03-01"))}
	items := evaluate(child, d("2016-06-01"))
	tests := map[string]string{
		"CP-5": "; met 2 days late by the initial child protection conference on Fri 9 Oct 2015",
		"CP-6": "; missed: the clock stopped on Tue 1 Mar 2016 (the end of the child protection plan)",
		"CP-4": "; overdue by 238 days",
	}
	for rule, want := range tests {
		if it := itemsOf(items, rule); len(it) != 1 || !strings.HasSuffix(it[0].Explanation, want) {
			t.Errorf("%s: got %v, want one ending %q", rule, it, want)
		}
	}
	if it := itemsOf(items, "CP-7"); len(it) != 1 || it[0].Status != Missed || it[0].DaysLate != 52 {
		t.Errorf("CP-7: got %+v, want missed by 52 days (due 9 Jan, plan ended 1 Mar 2016)", it)
	}
}

// §1.4.3: the next visit is due from the last actual visit, so a late visit
// moves every later one on.
func TestRollingClockRunsFromTheLastActualEvent(t *testing.T) {
	child := Case{Events: events(at(CPPlanStart, "2025-06-02"), seen(CPVisit, "2025-06-20"), seen(CPVisit, "2025-06-27"))}
	items := itemsOf(evaluate(child, d("2025-07-01")), "CP-9")
	want := []struct {
		start, due string
		status     Status
	}{
		{"2025-06-02", "2025-06-16", MetLate},
		{"2025-06-20", "2025-07-04", MetOnTime},
		{"2025-06-27", "2025-07-11", Due},
	}
	if len(items) != len(want) {
		t.Fatalf("got %d CP-9 items, want %d: %v", len(items), len(want), ruleIDs(items))
	}
	for i, w := range want {
		if it := items[i]; it.Start != d(w.start) || it.Due != d(w.due) || it.Status != w.status {
			t.Errorf("item %d: got %s → %s %s, want %s → %s %s", i, it.Start, it.Due, it.Status, w.start, w.due, w.status)
		}
	}
}

func TestVisitCountsOnlyIfTheChildWasSeen(t *testing.T) {
	child := Case{Events: events(at(CPPlanStart, "2025-06-02"), at(CPVisit, "2025-06-10"))}
	it := mustFind(t, evaluate(child, d("2025-06-20")), "CP-9", "2025-06-02")
	if it.Status != Overdue {
		t.Errorf("a visit without the child seen met the deadline: %s", it.Explanation)
	}
}

// §1.4.4: visits restart with every placement; reviews run from becoming
// looked after and ignore moves.
func TestRestartingAnchors(t *testing.T) {
	child := Case{Events: events(
		at(BecameLookedAfter, "2025-02-03"), at(PlacementStart, "2025-02-03"), seen(CLAVisit, "2025-02-07"),
		at(PlacementEnd, "2025-02-20"), at(PlacementStart, "2025-02-20"),
	)}
	items := evaluate(child, d("2025-02-24"))
	if it := mustFind(t, items, "LA-7", "2025-02-20"); it.Title != "First visit in a placement" || it.Due != d("2025-02-27") || it.RootRef != "placement_start@2025-02-20" {
		t.Errorf("new placement: got %+v, want a first visit due Thu 27 Feb 2025", it)
	}
	if _, ok := find(items, "LA-7", d("2025-02-07")); ok {
		t.Error("the first placement's 6-week visit outlived the placement")
	}
	if it := mustFind(t, items, "LA-4", "2025-02-03"); it.Due != d("2025-03-03") {
		t.Errorf("LA-4 moved with the placement: due %s", it.Due)
	}
	if n := len(itemsOf(items, "LA-4")); n != 1 {
		t.Errorf("got %d LA-4 items, want 1: a move does not restart reviews", n)
	}
}

// §4: the version in force on the start event's date applies.
func TestVersionSelectionByStartDate(t *testing.T) {
	tests := []struct{ referral, rule, due string }{
		{"2013-04-12", "CP-H1", "2013-04-26"},
		{"2013-04-15", "CP-2", "2013-06-19"},
	}
	for _, tt := range tests {
		child := Case{Events: events(at(Referral, tt.referral), at(AssessmentStart, tt.referral))}
		items := evaluate(child, d(tt.referral))
		if it := mustFind(t, items, tt.rule, tt.referral); it.Due != d(tt.due) {
			t.Errorf("%s: due %s, want %s", tt.rule, it.Due, tt.due)
		}
		if n := len(itemsOf(items, "CP-2")) + len(itemsOf(items, "CP-H1")); n != 1 {
			t.Errorf("referral %s: %d assessment items, want 1", tt.referral, n)
		}
	}
}

// XC-05: a local standard applies in the version in force when its clock starts.
func TestLocalPolicyVersions(t *testing.T) {
	p := DefaultPolicy()
	p.CPVisitInterval = Versions[calendar.Clock]{{Value: wd(10)}, {From: d("2025-07-01"), Value: cd(28)}}
	child := Case{Events: events(at(CPPlanStart, "2025-06-02"), seen(CPVisit, "2025-06-30"), seen(CPVisit, "2025-07-01"))}
	items := itemsOf(Evaluate(child, d("2025-07-02"), Rules(), p, calendar.EnglandAndWales()), "CP-9")
	if len(items) != 3 || items[1].Due != d("2025-07-14") || items[2].Due != d("2025-07-29") {
		t.Fatalf("got %v", items)
	}
	for _, it := range items {
		if it.Standard != LocalStandard || it.Setting != "cp.visit_interval" {
			t.Errorf("CP-9 labelled %q from %q, want a local standard from cp.visit_interval", it.Standard, it.Setting)
		}
	}
}

func TestCovidRelaxationIsFlagged(t *testing.T) {
	child := Case{Events: events(at(BecameLookedAfter, "2019-10-01"), at(CLAReview, "2019-10-25"), at(CLAReview, "2020-01-20"),
		at(CPPlanStart, "2020-01-06"))}
	items := evaluate(child, d("2020-09-01"))
	if it := mustFind(t, items, "LA-6", "2020-01-20"); !it.Covid || it.Status != Overdue {
		t.Errorf("LA-6 due 20 Jul 2020: covid %v, %s; want flagged and overdue", it.Covid, it.Status)
	}
	if it := mustFind(t, items, "CP-7", "2020-01-06"); it.Covid {
		t.Error("CP-7 is not a relaxed rule")
	}
	if it := mustFind(t, items, "LA-5", "2019-10-25"); it.Covid {
		t.Error("LA-5 ran from Oct 2019 to Jan 2020, before the relaxation")
	}
}

func TestICPCNotNeededCancelsTheConference(t *testing.T) {
	child := Case{Events: events(at(StrategyDiscussion, "2025-03-03"), at(S47Start, "2025-03-03"), typed(S47Outcome, "2025-04-10", NoICPC))}
	items := evaluate(child, d("2025-05-01"))
	if got := itemsOf(items, "CP-5"); len(got) != 0 {
		t.Errorf("CP-5 after an outcome needing no conference: %v", got)
	}
	if it := mustFind(t, items, "CP-4", "2025-03-03"); it.Status != MetLate {
		t.Errorf("CP-4: %s, want met late (outcome after the 15 WD)", it.Status)
	}
}

func TestAnchorFallsBackToTheStart(t *testing.T) {
	child := Case{Events: events(at(StrategyDiscussion, "2024-01-10"), at(S47Start, "2024-01-10"), at(ICPC, "2024-01-25"),
		at(S47Start, "2025-03-03"))}
	it := mustFind(t, evaluate(child, d("2025-03-04")), "CP-5", "2025-03-03")
	if it.Due != d("2025-03-24") || !strings.Contains(it.Explanation, "after the start of the section 47 enquiry") {
		t.Errorf("an s47 with no strategy discussion since the last one runs from its own start: %s", it.Explanation)
	}
}

func TestLatestStrategyDiscussionAnchorsTheICPC(t *testing.T) {
	child := Case{Events: events(at(StrategyDiscussion, "2025-03-03"), at(StrategyDiscussion, "2025-03-05"), at(S47Start, "2025-03-05"))}
	if it := mustFind(t, evaluate(child, d("2025-03-05")), "CP-5", "2025-03-05"); it.StartRef != "strategy_discussion@2025-03-05" {
		t.Errorf("CP-5 runs from %s, want the last strategy discussion", it.StartRef)
	}
}

func TestExtensions(t *testing.T) {
	child := Case{Events: events(at(ProceedingsIssued, "2025-01-06"), at(ProceedingsExtended, "2025-06-30"), at(ProceedingsExtended, "2025-08-20"))}
	it := mustFind(t, evaluate(child, d("2025-09-01")), "CT-1", "2025-01-06")
	if it.Due != d("2025-08-31").AddDays(56) || !strings.Contains(it.Explanation, ", extended by 8 weeks on Mon 30 Jun 2025, extended by 8 weeks on Wed 20 Aug 2025") {
		t.Errorf("two 8-week extensions: %s", it.Explanation)
	}
	approval := Case{Events: events(typed(PlacementStart, "2025-02-03", PlacementConnectedPersonTemporary),
		at(TemporaryApprovalExtended, "2025-05-01"), at(TemporaryApprovalExtended, "2025-07-01"))}
	if it := mustFind(t, evaluate(approval, d("2025-07-02")), "LA-8", "2025-02-03"); it.Due != d("2025-07-21") {
		t.Errorf("LA-8 allows one 8-week extension: due %s, want Mon 21 Jul 2025", it.Due)
	}
}

func TestShortBreaksHaveNoVisitDeadline(t *testing.T) {
	child := Case{Events: events(typed(PlacementStart, "2025-02-03", PlacementShortBreak))}
	for _, it := range evaluate(child, d("2025-06-01")) {
		if strings.HasPrefix(it.RuleID, "LA-7") || it.RuleID == "LA-9" {
			t.Errorf("short break placement got %s: %s", it.RuleID, it.Explanation)
		}
	}
}

// A plan made before the placement meets LA-2, but only for one placement.
func TestLookbackClaimsAnEventOnce(t *testing.T) {
	child := Case{Events: events(at(PlacementPlan, "2025-01-30"), at(PlacementStart, "2025-02-03"), at(PlacementStart, "2025-02-10"))}
	items := evaluate(child, d("2025-03-01"))
	if it := mustFind(t, items, "LA-2", "2025-02-03"); it.Status != MetOnTime || it.Met != d("2025-01-30") {
		t.Errorf("first placement: %s", it.Explanation)
	}
	if it := mustFind(t, items, "LA-2", "2025-02-10"); it.Status != Overdue {
		t.Errorf("second placement reused the first one's plan: %s", it.Explanation)
	}
}

func TestIHADefinition(t *testing.T) {
	p := DefaultPolicy()
	p.IHADefinition = always(cd(28))
	child := Case{Events: events(at(BecameLookedAfter, "2025-02-03"), at(HealthAssessment, "2025-01-10"))}
	it := mustFind(t, Evaluate(child, d("2025-02-04"), Rules(), p, calendar.EnglandAndWales()), "H-1", "2025-02-03")
	if it.Due != d("2025-03-03") || it.Status != MetOnTime {
		t.Errorf("28 days, met by an assessment in the previous 3 months: %s", it.Explanation)
	}
}

func TestEventsAfterTheEvaluationDateAreUnknown(t *testing.T) {
	child := Case{Events: events(at(Referral, "2024-12-20"), at(ReferralDecision, "2024-12-23"), at(Referral, "2025-01-06"))}
	items := evaluate(child, d("2024-12-20"))
	if len(items) != 1 || items[0].Status != Due {
		t.Errorf("as at the first referral: %v", items)
	}
	if items := evaluate(child, d("2025-01-06")); len(items) != 2 {
		t.Errorf("as at the second referral: %v", ruleIDs(items))
	}
}

func TestNextStartStopsAnUnmetClock(t *testing.T) {
	child := Case{Events: events(at(Referral, "2025-02-03"), at(Referral, "2025-02-10"), at(ReferralDecision, "2025-02-10"))}
	items := evaluate(child, d("2025-02-11"))
	if it := mustFind(t, items, "CP-1", "2025-02-03"); it.Status != Missed {
		t.Errorf("the first referral's decision: %s", it.Explanation)
	}
	if it := mustFind(t, items, "CP-1", "2025-02-10"); it.Status != MetOnTime {
		t.Errorf("the second referral's decision: %s", it.Explanation)
	}
}

func TestItemsLinkBackToRecords(t *testing.T) {
	child := Case{ChildID: "child-7", Events: []Event{
		{Kind: StrategyDiscussion, On: d("2025-03-03"), Ref: "sd-1"},
		{Kind: S47Start, On: d("2025-03-04"), Ref: "s47-1"},
		{Kind: ICPC, On: d("2025-03-20"), Ref: "icpc-1"},
	}}
	it := mustFind(t, evaluate(child, d("2025-03-21")), "CP-5", "2025-03-03")
	want := Item{ChildID: "child-7", RootRef: "s47-1", Root: d("2025-03-04"), StartRef: "sd-1", MetRef: "icpc-1", Met: d("2025-03-20")}
	if it.ChildID != want.ChildID || it.RootRef != want.RootRef || it.Root != want.Root || it.StartRef != want.StartRef ||
		it.MetRef != want.MetRef || it.Met != want.Met || it.Standard != Statutory || it.Clock != wd(15) {
		t.Errorf("got %+v", it)
	}
}

func TestItemsAreInDueDateOrder(t *testing.T) {
	child := Case{DateOfBirth: d("2012-05-01"), Events: events(at(BecameLookedAfter, "2025-02-03"), at(PlacementStart, "2025-02-03"))}
	items := evaluate(child, d("2025-02-03"))
	for i := 1; i < len(items); i++ {
		if items[i].Due.Before(items[i-1].Due) {
			t.Fatalf("%s due %s after %s due %s", items[i].RuleID, items[i].Due, items[i-1].RuleID, items[i-1].Due)
		}
	}
	if len(items) < 8 {
		t.Errorf("a child starting care has %d items, want at least LA-1..4, LA-7, H-1, H-5, E-1", len(items))
	}
}
