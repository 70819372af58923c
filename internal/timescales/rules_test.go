package timescales

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/waymark-care/waymark/internal/calendar"
	"github.com/waymark-care/waymark/internal/civil"
)

var d = civil.MustParse

// at makes an event; the ref names it for the assertions.
func at(kind EventKind, on string) Event {
	return Event{Kind: kind, On: d(on), Ref: string(kind) + "@" + on}
}

func typed(kind EventKind, on, typ string) Event {
	e := at(kind, on)
	e.Type = typ
	return e
}

func seen(kind EventKind, on string) Event {
	e := at(kind, on)
	e.Seen = true
	return e
}

// every returns seen visits every step days after from, up to and including until.
func every(kind EventKind, from string, step int, until string) []Event {
	var out []Event
	for v := d(from).AddDays(step); !v.After(d(until)); v = v.AddDays(step) {
		out = append(out, seen(kind, v.String()))
	}
	return out
}

func events(groups ...any) []Event {
	var out []Event
	for _, g := range groups {
		switch g := g.(type) {
		case Event:
			out = append(out, g)
		case []Event:
			out = append(out, g...)
		}
	}
	return out
}

func evaluate(c Case, asOf civil.Date) []Item {
	return Evaluate(c, asOf, Rules(), DefaultPolicy(), calendar.EnglandAndWales())
}

// find returns the item of a rule whose clock started on start.
func find(items []Item, ruleID string, start civil.Date) (Item, bool) {
	for _, it := range items {
		if it.RuleID == ruleID && it.Start == start {
			return it, true
		}
	}
	return Item{}, false
}

var (
	returnAt    = time.Date(2025, time.March, 29, 12, 0, 0, 0, london) // 12:00 GMT
	protectedAt = time.Date(2025, time.February, 1, 22, 30, 0, 0, london)
)

// ruleScenarios sets up one deadline of every rule with a clock: the events
// that start it, when its clock starts, when it falls due, and the kind of
// event that meets it. TestEveryRule plays each through four outcomes.
var ruleScenarios = []struct {
	rule     string
	dob      string
	expected string // expected date of birth, for an unborn child
	events   []Event
	start    string
	due      string
	met      Event // its date is set by the test
}{
	{rule: "CP-1", events: events(at(Referral, "2024-12-20")), start: "2024-12-20", due: "2024-12-23", met: at(ReferralDecision, "")},
	{rule: "CP-H1", events: events(at(Referral, "2013-03-04"), at(AssessmentStart, "2013-03-05")),
		start: "2013-03-04", due: "2013-03-18", met: at(AssessmentAuthorised, "")},
	{rule: "CP-2", events: events(at(Referral, "2015-08-28"), at(AssessmentStart, "2015-09-01")),
		start: "2015-08-28", due: "2015-11-02", met: at(AssessmentAuthorised, "")}, // XC-01
	{rule: "CP-H2", events: events(at(CoreAssessmentStart, "2013-01-07")), start: "2013-01-07", due: "2013-02-25", met: at(CoreAssessmentAuthorised, "")},
	{rule: "CP-3", events: events(at(HarmConcern, "2025-03-03")), start: "2025-03-03", due: "2025-03-04", met: at(StrategyDiscussion, "")},
	{rule: "CP-3", events: events(typed(HarmConcern, "2025-03-01", ImmediateRisk)), // a Saturday: the next working day
		start: "2025-03-01", due: "2025-03-03", met: at(StrategyDiscussion, "")},
	{rule: "CP-4", events: events(at(StrategyDiscussion, "2015-09-16"), at(S47Start, "2015-09-17")),
		start: "2015-09-16", due: "2015-10-07", met: at(S47Outcome, "")},
	{rule: "CP-5", events: events(at(StrategyDiscussion, "2015-09-16"), at(S47Start, "2015-09-17")),
		start: "2015-09-16", due: "2015-10-07", met: at(ICPC, "")},
	{rule: "CP-6", events: events(at(CPPlanStart, "2025-06-02")), start: "2025-06-02", due: "2025-06-16", met: at(CoreGroup, "")},
	{rule: "CP-6a", events: events(at(CPPlanStart, "2025-06-02"), at(CoreGroup, "2025-06-09")),
		start: "2025-06-09", due: "2025-07-21", met: at(CoreGroup, "")},
	{rule: "CP-7", dob: "2020-01-01", events: events(at(CPPlanStart, "2025-06-02")), start: "2025-06-02", due: "2025-09-02", met: at(ReviewConference, "")},
	{rule: "CP-8", events: events(at(CPPlanStart, "2025-06-02"), at(ReviewConference, "2025-09-01")),
		start: "2025-09-01", due: "2026-03-01", met: at(ReviewConference, "")},
	{rule: "CP-8a", expected: "2025-07-20", events: events(at(CPPlanStart, "2025-06-02")), // 20 WD after the expected birth is sooner
		start: "2025-07-20", due: "2025-08-15", met: at(ReviewConference, "")},
	{rule: "CP-8a", dob: "2025-07-10", events: events(at(CPPlanStart, "2025-06-02")),
		start: "2025-07-10", due: "2025-08-07", met: at(ReviewConference, "")},
	{rule: "CP-8a", dob: "2025-08-30", events: events(at(CPPlanStart, "2025-06-02")), // 3 months after the ICPC is sooner
		start: "2025-06-02", due: "2025-09-02", met: at(ReviewConference, "")},
	{rule: "CP-9", events: events(at(CPPlanStart, "2025-06-02")), start: "2025-06-02", due: "2025-06-16", met: seen(CPVisit, "")},
	{rule: "CP-10", events: events(at(CINPlanStart, "2025-06-02")), start: "2025-06-02", due: "2025-09-02", met: at(CINReview, "")},
	{rule: "CP-10a", events: events(at(CINPlanStart, "2025-06-02")), start: "2025-06-02", due: "2025-06-30", met: seen(CINVisit, "")},

	{rule: "LA-1", events: events(at(BecameLookedAfter, "2025-02-03")), start: "2025-02-03", due: "2025-02-17", met: at(CarePlan, "")},
	{rule: "LA-2", events: events(at(PlacementStart, "2025-02-03")), start: "2025-02-03", due: "2025-02-10", met: at(PlacementPlan, "")},
	{rule: "LA-3", events: events(at(PlacementStart, "2025-02-03")), start: "2025-02-03", due: "2025-02-10", met: at(PlacementNotification, "")},
	{rule: "LA-4", events: events(at(BecameLookedAfter, "2025-02-03")), start: "2025-02-03", due: "2025-03-03", met: at(CLAReview, "")},
	{rule: "LA-5", events: events(at(BecameLookedAfter, "2025-02-03"), at(CLAReview, "2025-02-28")),
		start: "2025-02-28", due: "2025-05-28", met: at(CLAReview, "")},
	{rule: "LA-6", events: events(at(BecameLookedAfter, "2025-02-03"), at(CLAReview, "2025-02-28"), at(CLAReview, "2025-05-27")),
		start: "2025-05-27", due: "2025-11-27", met: at(CLAReview, "")},
	{rule: "LA-7", events: events(at(PlacementStart, "2025-02-03")), start: "2025-02-03", due: "2025-02-10", met: seen(CLAVisit, "")},
	{rule: "LA-7", events: events(at(PlacementStart, "2025-02-03"), seen(CLAVisit, "2025-02-07")),
		start: "2025-02-07", due: "2025-03-21", met: seen(CLAVisit, "")},
	{rule: "LA-7", events: events(typed(PlacementStart, "2025-02-03", PlacementLongTerm),
		every(CLAVisit, "2025-02-03", 35, "2026-01-01"), seen(CLAVisit, "2026-02-03")),
		start: "2026-02-03", due: "2026-05-03", met: seen(CLAVisit, "")}, // after the first year, placement meant to last
	{rule: "LA-7a", events: events(typed(PlacementStart, "2025-02-03", PlacementWithParentBeforeAssessment)),
		start: "2025-02-03", due: "2025-02-10", met: seen(CLAVisit, "")},
	{rule: "LA-7a", events: events(typed(PlacementStart, "2025-02-03", PlacementWithParentBeforeAssessment),
		every(CLAVisit, "2025-02-03", 7, "2025-03-03"), at(CLAReview, "2025-03-03")),
		start: "2025-03-03", due: "2025-04-14", met: seen(CLAVisit, "")},
	{rule: "LA-7b", events: events(typed(PlacementStart, "2025-02-03", PlacementWithParentInterimOrder)),
		start: "2025-02-03", due: "2025-02-10", met: seen(CLAVisit, "")},
	{rule: "LA-7b", events: events(typed(PlacementStart, "2025-02-03", PlacementConnectedPersonTemporary),
		every(CLAVisit, "2025-02-03", 7, "2025-03-03"), at(CLAReview, "2025-03-03")),
		start: "2025-03-03", due: "2025-03-31", met: seen(CLAVisit, "")},
	{rule: "LA-7c", events: events(typed(PlacementStart, "2025-02-03", PlacementWithParentCareOrder)),
		start: "2025-02-03", due: "2025-02-10", met: seen(CLAVisit, "")},
	{rule: "LA-7c", events: events(typed(PlacementStart, "2025-02-03", PlacementWithParentCareOrder), seen(CLAVisit, "2025-02-07")),
		start: "2025-02-07", due: "2025-03-21", met: seen(CLAVisit, "")},
	{rule: "LA-7d", events: events(typed(PlacementStart, "2025-02-03", PlacementLongTermFewerVisits),
		every(CLAVisit, "2025-02-03", 35, "2026-01-01"), seen(CLAVisit, "2026-02-03")),
		start: "2026-02-03", due: "2026-08-03", met: seen(CLAVisit, "")},
	{rule: "LA-8", events: events(typed(PlacementStart, "2025-02-03", PlacementConnectedPersonTemporary)),
		start: "2025-02-03", due: "2025-05-26", met: at(ConnectedCarerApproved, "")},

	{rule: "H-1", events: events(at(BecameLookedAfter, "2025-02-03")), start: "2025-02-03", due: "2025-03-03", met: at(HealthAssessment, "")},
	{rule: "H-2", dob: "2023-01-01", events: events(at(BecameLookedAfter, "2025-02-03"), at(HealthAssessment, "2025-02-20")),
		start: "2025-02-20", due: "2025-08-20", met: at(HealthAssessment, "")},
	{rule: "H-2", dob: "2015-01-01", events: events(at(BecameLookedAfter, "2025-02-03"), at(HealthAssessment, "2025-02-20")),
		start: "2025-02-20", due: "2026-02-20", met: at(HealthAssessment, "")},
	{rule: "H-5", dob: "2015-01-01", events: events(at(BecameLookedAfter, "2025-02-03")), start: "2025-02-03", due: "2026-02-03", met: at(SDQ, "")},
	{rule: "H-5", dob: "2022-06-10", events: events(at(BecameLookedAfter, "2025-02-03")), // aged 2: from the 4th birthday
		start: "2026-06-10", due: "2027-06-10", met: at(SDQ, "")},
	{rule: "E-1", events: events(at(BecameLookedAfter, "2025-02-03")), start: "2025-02-03", due: "2025-02-17", met: at(PEP, "")},
	{rule: "E-1", events: events(at(BecameLookedAfter, "2025-02-03"), at(PEP, "2025-02-10")), start: "2025-02-10", due: "2025-08-10", met: at(PEP, "")},

	{rule: "M-1", events: events(Event{Kind: MissingReturn, On: d("2025-03-29"), At: returnAt, Ref: "return"}),
		start: "2025-03-29", due: "2025-04-01", met: at(ReturnInterview, "")},

	{rule: "CL-1", events: events(at(BecameEligible, "2025-02-03")), start: "2025-02-03", due: "2025-05-03", met: at(NeedsAssessment, "")},
	{rule: "CL-3", events: events(at(PathwayPlan, "2025-02-03")), start: "2025-02-03", due: "2025-08-03", met: at(PathwayPlanReview, "")},
	{rule: "CL-4", events: events(at(AccommodationProvided, "2025-02-03")), start: "2025-02-03", due: "2025-02-10", met: seen(PAVisit, "")},
	{rule: "CL-4", events: events(at(AccommodationProvided, "2025-02-03"), seen(PAVisit, "2025-02-07")),
		start: "2025-02-07", due: "2025-04-07", met: seen(PAVisit, "")},
	{rule: "CL-4a", events: events(at(PAAllocated, "2025-02-03")), start: "2025-02-03", due: "2025-03-31", met: at(PAContact, "")},

	{rule: "AD-1", events: events(at(PlacementOrder, "2025-02-03")), start: "2025-02-03", due: "2025-05-03", met: at(AdoptionReview, "")},
	{rule: "AD-1", events: events(at(PlacementOrder, "2025-02-03"), at(AdoptionReview, "2025-05-01")),
		start: "2025-05-01", due: "2025-11-01", met: at(AdoptionReview, "")},
	{rule: "AD-2", events: events(at(PlacedForAdoption, "2025-02-03")), start: "2025-02-03", due: "2025-02-10", met: seen(AdoptionVisit, "")},
	{rule: "AD-2", events: events(at(PlacedForAdoption, "2025-02-03"), seen(AdoptionVisit, "2025-02-07")),
		start: "2025-02-07", due: "2025-02-14", met: seen(AdoptionVisit, "")},
	{rule: "AD-3", events: events(at(PlacedForAdoption, "2025-02-03")), start: "2025-02-03", due: "2025-03-03", met: at(AdoptionReview, "")},
	{rule: "AD-3", events: events(at(PlacedForAdoption, "2025-02-03"), at(AdoptionReview, "2025-02-28")),
		start: "2025-02-28", due: "2025-05-28", met: at(AdoptionReview, "")},
	{rule: "AD-3", events: events(at(PlacedForAdoption, "2025-02-03"), at(AdoptionReview, "2025-02-28"), at(AdoptionReview, "2025-05-27")),
		start: "2025-05-27", due: "2025-11-27", met: at(AdoptionReview, "")},
	{rule: "AD-4", events: events(at(ADMDecision, "2025-02-03")), start: "2025-02-03", due: "2025-05-03", met: at(RegisterReferral, "")},
	{rule: "AD-5", events: events(typed(AdopterDecision, "2025-02-03", Approved)), start: "2025-02-03", due: "2025-05-03", met: at(AdopterRegisterReferral, "")},
	{rule: "AD-6", events: events(at(AdopterRegistration, "2025-02-03")), start: "2025-02-03", due: "2025-04-03", met: at(Stage1Decision, "")},
	{rule: "AD-6a", events: events(at(Stage1Decision, "2025-02-03")), start: "2025-02-03", due: "2025-08-03", met: at(NoticeToProceed, "")},
	{rule: "AD-7", events: events(at(NoticeToProceed, "2025-02-03")), start: "2025-02-03", due: "2025-06-03", met: at(AdopterDecision, "")},

	{rule: "CT-1", events: events(at(ProceedingsIssued, "2025-01-06")), start: "2025-01-06", due: "2025-07-06", met: at(FinalOrder, "")},
	{rule: "CT-3", events: events(at(PreProceedingsStart, "2025-02-03")), start: "2025-02-03", due: "2025-05-26", met: at(PreProceedingsEnd, "")},
	{rule: "CT-4", events: events(at(EPOMade, "2025-02-03")), start: "2025-02-03", due: "2025-02-11", met: at(EPOEnded, "")},
	{rule: "CT-5", events: events(at(CAOStart, "2025-02-03")), start: "2025-02-03", due: "2025-02-10", met: at(CAOEnd, "")},
	{rule: "CT-6", events: events(Event{Kind: PoliceProtection, On: d("2025-02-01"), At: protectedAt, Ref: "pp"}),
		start: "2025-02-01", due: "2025-02-04", met: at(PoliceProtectionEnd, "")},

	{rule: "PF-1", events: events(at(PFArrangementStart, "2025-01-13")), start: "2025-01-13", due: "2024-12-02", met: at(PFNotification, "")},
	{rule: "PF-2", events: events(at(PFNotification, "2025-02-03")), start: "2025-02-03", due: "2025-02-12", met: seen(PFVisit, "")},
	{rule: "PF-3", events: events(at(PFArrangementStart, "2025-02-03")), start: "2025-02-03", due: "2025-03-17", met: seen(PFVisit, "")},
	{rule: "PF-3", events: events(at(PFArrangementStart, "2025-02-03"), every(PFVisit, "2025-02-03", 35, "2026-02-23")),
		start: "2026-02-23", due: "2026-05-18", met: seen(PFVisit, "")}, // later years: 12 weeks

	{rule: "LADO-1", events: events(at(AllegationKnown, "2025-02-03")), start: "2025-02-03", due: "2025-02-04", met: at(LADOReferral, "")},
	{rule: "LADO-2", events: events(at(LADOReferral, "2025-02-03")), start: "2025-02-03", due: "2025-02-04", met: at(LADODecision, "")},
	{rule: "LADO-3", events: events(at(AllegationKnown, "2025-02-03")), start: "2025-02-03", due: "2025-03-03", met: at(LADOOutcome, "")},
}

// TestEveryRule plays each scenario four ways: not yet due, overdue, met on
// time (on the due day) and met late (the day after).
func TestEveryRule(t *testing.T) {
	for _, sc := range ruleScenarios {
		t.Run(sc.rule+" from "+sc.start, func(t *testing.T) {
			due := d(sc.due)
			last := d(sc.start)
			for _, e := range sc.events {
				last = later(last, e.On)
			}
			child := Case{ChildID: "child", Events: sc.events}
			if sc.dob != "" {
				child.DateOfBirth = d(sc.dob)
			}
			if sc.expected != "" {
				child.ExpectedBirth = d(sc.expected)
			}
			check := func(outcome string, c Case, asOf civil.Date, want Status, daysLate int) {
				t.Helper()
				it, ok := find(evaluate(c, asOf), sc.rule, d(sc.start))
				switch {
				case !ok:
					t.Errorf("%s: no %s item from %s at %s; got %v", outcome, sc.rule, sc.start, asOf, ruleIDs(evaluate(c, asOf)))
				case it.Due != due || it.Status != want || it.DaysLate != daysLate:
					t.Errorf("%s: got due %s, %s, %d days late; want due %s, %s, %d\n%s",
						outcome, it.Due, it.Status, it.DaysLate, due, want, daysLate, it.Explanation)
				case !strings.Contains(it.Explanation, "due "+when(due, it.DueAt, true)):
					t.Errorf("%s: explanation %q does not give the due date", outcome, it.Explanation)
				}
			}
			withMet := func(on civil.Date, dueAt time.Time) Case {
				met := sc.met
				met.On, met.Ref = on, "met"
				if !dueAt.IsZero() {
					met.At = dueAt.Add(time.Duration(on.DaysSince(due)) * 24 * time.Hour)
				}
				c := child
				c.Events = append(slices.Clone(sc.events), met)
				return c
			}

			if !due.Before(last) {
				check("not yet due", child, due, Due, 0)
			}
			overdueOn := later(due.AddDays(1), last)
			check("overdue", child, overdueOn, Overdue, overdueOn.DaysSince(due))

			it, _ := find(evaluate(child, overdueOn), sc.rule, d(sc.start))
			check("met on time", withMet(due, it.DueAt), later(due.AddDays(1), last), MetOnTime, 0)
			check("met late", withMet(due.AddDays(1), it.DueAt), later(due.AddDays(2), last), MetLate, 1)
		})
	}
}

func later(a, b civil.Date) civil.Date {
	if a.After(b) {
		return a
	}
	return b
}

func ruleIDs(items []Item) []string {
	var ids []string
	for _, it := range items {
		ids = append(ids, fmt.Sprintf("%s@%s", it.RuleID, it.Start))
	}
	return ids
}
