package casework

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/domain"
)

// base is a child with an open referral from Mon 3 Aug 2015.
func base() *domain.ChildRecord {
	return &domain.ChildRecord{
		Person:    domain.Person{Entity: ent(1), Forename: "Ava", Surname: "Smith", DateOfBirth: d("2010-01-01")},
		Referrals: []domain.Referral{{Entity: ent(2), ReferralDate: d("2015-08-03"), TeamID: 70}},
	}
}

// with returns base changed by fn.
func with(fn func(cr *domain.ChildRecord)) *domain.ChildRecord {
	cr := base()
	fn(cr)
	return cr
}

// inNeed: an assessment on the referral found the child in need on Fri 11
// Sep 2015.
func inNeed(cr *domain.ChildRecord) {
	cr.Assessments = append(cr.Assessments, domain.Assessment{Entity: ent(3), ReferralID: 2, StartDate: d("2015-08-04"),
		CompletedDate: d("2015-09-10"), AuthorisedDate: d("2015-09-11"), Outcomes: []string{"provide_services"}})
}

// onPlan: a child protection plan from Fri 18 Sep 2015, after an enquiry
// started on Fri 28 Aug 2015 and its conference.
func onPlan(cr *domain.ChildRecord) {
	cr.StrategyDiscussions = append(cr.StrategyDiscussions, domain.StrategyDiscussion{Entity: ent(4), ReferralID: 2, HeldAt: at("2015-08-28 10:00"),
		Agencies: []string{"childrens_social_care", "police", "health"}})
	cr.Section47Enquiries = append(cr.Section47Enquiries, domain.Section47Enquiry{Entity: ent(5), ReferralID: 2, StrategyDiscussionID: 4,
		StartDate: d("2015-08-28"), EndDate: d("2015-09-10"), Outcome: "substantiated_icpc"})
	cr.Conferences = append(cr.Conferences, domain.Conference{Entity: ent(6), ReferralID: 2, S47EnquiryID: 5, Type: "initial", Date: d("2015-09-18"), Decision: "cp_plan"})
	cr.CPPlans = append(cr.CPPlans, domain.CPPlan{Entity: ent(7), ReferralID: 2, ConferenceID: 6, StartDate: d("2015-09-18"), InitialCategory: "NEG"})
}

func visit(date string, seen bool) domain.Visit {
	return domain.Visit{Type: "cp", Date: d(date), Seen: ptr(seen)}
}

// listCase is a child who should, or should not, be on a list.
type listCase struct {
	list List
	name string
	cr   *domain.ChildRecord
	asOf string
	want int
	// detail is a phrase the entry's detail holds.
	detail string
}

// listCases prove each drift list with children who should and should not
// appear on it (AC-21).
func listCases() []listCase {
	return []listCase{
		// AC-11: children in need without a plan.
		{InNeedWithoutPlan, "in need, no plan", with(inNeed), "2015-10-01", 1, "no child in need plan"},
		{InNeedWithoutPlan, "in need, a draft plan", with(func(cr *domain.ChildRecord) {
			inNeed(cr)
			cr.CINPlans = []domain.CINPlan{{Entity: ent(8), ReferralID: 2, StartDate: d("2015-09-14")}}
		}), "2015-10-01", 1, "is not signed off"},
		{InNeedWithoutPlan, "in need, a signed plan", with(func(cr *domain.ChildRecord) {
			inNeed(cr)
			cr.CINPlans = []domain.CINPlan{{Entity: ent(8), ReferralID: 2, StartDate: d("2015-09-14"), SignedOffDate: d("2015-09-15")}}
		}), "2015-10-01", 0, ""},
		{InNeedWithoutPlan, "assessed, no further action", with(func(cr *domain.ChildRecord) {
			inNeed(cr)
			cr.Assessments[0].Outcomes = []string{"nfa"}
		}), "2015-10-01", 0, ""},
		{InNeedWithoutPlan, "still being assessed", base(), "2015-10-01", 0, ""},
		{InNeedWithoutPlan, "on a protection plan", with(func(cr *domain.ChildRecord) { inNeed(cr); onPlan(cr) }), "2015-10-01", 0, ""},
		{InNeedWithoutPlan, "stepped down from a protection plan", with(func(cr *domain.ChildRecord) {
			onPlan(cr)
			cr.CPPlans[0].EndDate, cr.CPPlans[0].EndReason = d("2016-03-01"), "Risk reduced"
		}), "2016-03-10", 1, "Found in need on Tue 1 Mar 2016"},
		{InNeedWithoutPlan, "looked after", with(func(cr *domain.ChildRecord) {
			inNeed(cr)
			cr.CareEpisodes = []domain.CareEpisode{{StartDate: d("2015-09-20")}}
		}), "2015-10-01", 0, ""},
		{InNeedWithoutPlan, "case closed", with(func(cr *domain.ChildRecord) {
			inNeed(cr)
			cr.Referrals[0].CloseDate, cr.Referrals[0].CloseReason = d("2015-09-30"), "RC7"
		}), "2015-10-01", 0, ""},

		// AC-13, AC-19: not seen within the visit frequency (default 10 WD).
		{NotSeen, "not seen since the plan began", with(onPlan), "2015-10-30", 1, "Visit to a child on a child protection plan"},
		{NotSeen, "visited but not seen", with(func(cr *domain.ChildRecord) {
			onPlan(cr)
			cr.Visits = []domain.Visit{visit("2015-09-25", true), visit("2015-10-06", false), visit("2015-10-20", false)}
		}), "2015-10-30", 1, ""},
		{NotSeen, "seen every fortnight", with(func(cr *domain.ChildRecord) {
			onPlan(cr)
			cr.Visits = []domain.Visit{visit("2015-09-25", true), visit("2015-10-08", true), visit("2015-10-21", true)}
		}), "2015-10-30", 0, ""},
		{NotSeen, "plan ended", with(func(cr *domain.ChildRecord) {
			onPlan(cr)
			cr.CPPlans[0].EndDate = d("2015-09-25")
		}), "2015-10-30", 0, ""},

		// AC-03: enquiries without an outcome.
		{S47WithoutOutcome, "open past its due day", with(func(cr *domain.ChildRecord) {
			onPlan(cr)
			cr.Section47Enquiries[0].EndDate, cr.Section47Enquiries[0].Outcome = civil.Date{}, ""
		}), "2015-09-25", 1, "outcome due Mon 21 Sep 2015"},
		{S47WithoutOutcome, "open, not yet due", with(func(cr *domain.ChildRecord) {
			onPlan(cr)
			cr.Section47Enquiries[0].EndDate, cr.Section47Enquiries[0].Outcome = civil.Date{}, ""
		}), "2015-09-18", 0, ""},
		{S47WithoutOutcome, "ended with no outcome", with(func(cr *domain.ChildRecord) {
			onPlan(cr)
			cr.Section47Enquiries[0].Outcome = ""
		}), "2015-09-25", 1, "Ended on Thu 10 Sep 2015 with no outcome"},
		{S47WithoutOutcome, "ended with no outcome before the window", with(func(cr *domain.ChildRecord) {
			onPlan(cr)
			cr.Section47Enquiries[0].Outcome = ""
		}), "2016-10-01", 0, ""},
		{S47WithoutOutcome, "outcome recorded", with(onPlan), "2015-09-25", 0, ""},

		// AC-01: strategy discussions missing police or health.
		{StrategyMissingAgency, "no health, no reason", with(func(cr *domain.ChildRecord) {
			onPlan(cr)
			cr.StrategyDiscussions[0].Agencies = []string{"childrens_social_care", "police"}
		}), "2015-10-01", 1, "Without health"},
		{StrategyMissingAgency, "no health, with a reason", with(func(cr *domain.ChildRecord) {
			onPlan(cr)
			cr.StrategyDiscussions[0].Agencies = []string{"childrens_social_care", "police"}
			cr.StrategyDiscussions[0].MissingAgencyReason = "GP surgery closed; shared next morning."
		}), "2015-10-01", 0, ""},
		{StrategyMissingAgency, "all three", with(onPlan), "2015-10-01", 0, ""},
		{StrategyMissingAgency, "no police, over a year ago", with(func(cr *domain.ChildRecord) {
			onPlan(cr)
			cr.StrategyDiscussions[0].Agencies = []string{"childrens_social_care", "health"}
		}), "2016-09-01", 0, ""},

		// AC-14, AC-16: conferences overdue.
		{ConferenceOverdue, "no initial conference", with(func(cr *domain.ChildRecord) {
			onPlan(cr)
			cr.Conferences, cr.CPPlans = nil, nil
		}), "2015-09-25", 1, "Initial child protection conference"},
		{ConferenceOverdue, "no initial conference, case closed", with(func(cr *domain.ChildRecord) {
			onPlan(cr)
			cr.Conferences, cr.CPPlans = nil, nil
			cr.Referrals[0].CloseDate, cr.Referrals[0].CloseReason = d("2015-09-22"), "RC7"
		}), "2015-09-25", 0, ""},
		{ConferenceOverdue, "no conference needed", with(func(cr *domain.ChildRecord) {
			onPlan(cr)
			cr.Conferences, cr.CPPlans = nil, nil
			cr.Section47Enquiries[0].Outcome = "not_substantiated"
		}), "2015-09-25", 0, ""},
		{ConferenceOverdue, "no review at 3 months", with(onPlan), "2016-01-04", 1, "First review conference"},
		{ConferenceOverdue, "reviewed in time", with(func(cr *domain.ChildRecord) {
			onPlan(cr)
			cr.Conferences = append(cr.Conferences, domain.Conference{Entity: ent(9), ReferralID: 2, Type: "review", Date: d("2015-12-14")})
		}), "2016-01-04", 0, ""},

		// AC-18: core groups.
		{CoreGroupOverdue, "no first core group", with(onPlan), "2015-10-05", 1, "First core group"},
		{CoreGroupOverdue, "first in time, second overdue", with(func(cr *domain.ChildRecord) {
			onPlan(cr)
			cr.CoreGroups = []domain.CoreGroup{{Entity: ent(10), CPPlanID: 7, Date: d("2015-09-30")}}
		}), "2015-11-20", 1, "Core group meeting"},
		{CoreGroupOverdue, "in time", with(func(cr *domain.ChildRecord) {
			onPlan(cr)
			cr.CoreGroups = []domain.CoreGroup{{Entity: ent(10), CPPlanID: 7, Date: d("2015-09-30")}, {Entity: ent(11), CPPlanID: 7, Date: d("2015-11-06")}}
		}), "2015-11-20", 0, ""},

		// AC-12: plans without SMART actions.
		{PlanWithoutActions, "no written plan", with(onPlan), "2015-10-15", 1, "has no written plan"},
		{PlanWithoutActions, "no written plan yet, within 10 working days", with(onPlan), "2015-10-01", 0, ""},
		{PlanWithoutActions, "written, no actions", with(func(cr *domain.ChildRecord) {
			onPlan(cr)
			cr.Plans = []domain.Plan{{Entity: ent(12), Type: "cp", CPPlanID: 7, StartDate: d("2015-09-18")}}
		}), "2015-10-15", 1, "has no actions"},
		{PlanWithoutActions, "written, an action not SMART", with(func(cr *domain.ChildRecord) {
			onPlan(cr)
			cr.Plans = []domain.Plan{{Entity: ent(12), Type: "cp", CPPlanID: 7, StartDate: d("2015-09-18")}}
			a := smartAction(13, 12)
			a.Who = ""
			cr.PlanActions = []domain.PlanAction{smartAction(14, 12), a}
		}), "2015-10-15", 1, "1 of the written child protection plan's 2 actions is not SMART"},
		{PlanWithoutActions, "written with SMART actions", with(func(cr *domain.ChildRecord) {
			onPlan(cr)
			cr.Plans = []domain.Plan{{Entity: ent(12), Type: "cp", CPPlanID: 7, StartDate: d("2015-09-18")}}
			cr.PlanActions = []domain.PlanAction{smartAction(13, 12)}
		}), "2015-10-15", 0, ""},
		{PlanWithoutActions, "a child in need plan with no written plan", with(func(cr *domain.ChildRecord) {
			inNeed(cr)
			cr.CINPlans = []domain.CINPlan{{Entity: ent(8), ReferralID: 2, StartDate: d("2015-09-14"), SignedOffDate: d("2015-09-15")}}
		}), "2015-10-15", 1, "child in need plan started on Mon 14 Sep 2015 has no written plan"},

		// FD-07: closed after assessment, then re-referred.
		{ClosedThenReReferred, "closed after assessment, back within a year", with(func(cr *domain.ChildRecord) {
			cr.Referrals = append([]domain.Referral{{Entity: ent(20), ReferralDate: d("2015-01-05"), CloseDate: d("2015-01-09"), CloseReason: "RC8"}}, cr.Referrals...)
		}), "2015-10-01", 1, "that case closed 4 working days after its referral"},
		{ClosedThenReReferred, "closed for another reason", with(func(cr *domain.ChildRecord) {
			cr.Referrals = append([]domain.Referral{{Entity: ent(20), ReferralDate: d("2015-01-05"), CloseDate: d("2015-03-09"), CloseReason: "RC7"}}, cr.Referrals...)
		}), "2015-10-01", 0, ""},
		{ClosedThenReReferred, "back after more than a year", with(func(cr *domain.ChildRecord) {
			cr.Referrals = append([]domain.Referral{{Entity: ent(20), ReferralDate: d("2014-06-02"), CloseDate: d("2014-07-31"), CloseReason: "RC8"}}, cr.Referrals...)
		}), "2015-10-01", 0, ""},
		{ClosedThenReReferred, "re-referral before the window", with(func(cr *domain.ChildRecord) {
			cr.Referrals = append([]domain.Referral{{Entity: ent(20), ReferralDate: d("2015-01-05"), CloseDate: d("2015-03-09"), CloseReason: "RC8"}}, cr.Referrals...)
		}), "2016-10-01", 0, ""},

		// AC-08: case summaries out of date (summary.max_age, 6 months).
		{SummaryOutOfDate, "no summary, open 6 months", base(), "2016-02-04", 1, "No case summary; the case has been open since Mon 3 Aug 2015"},
		{SummaryOutOfDate, "no summary, open less than 6 months", base(), "2016-02-03", 0, ""},
		{SummaryOutOfDate, "summary older than 6 months", with(func(cr *domain.ChildRecord) {
			cr.CaseSummaries = []domain.CaseSummary{{Entity: ent(30), Summary: "Ava lives with her mum.", LastUpdated: d("2015-08-10")}}
		}), "2016-03-01", 1, "Case summary last updated Mon 10 Aug 2015"},
		{SummaryOutOfDate, "summary current", with(func(cr *domain.ChildRecord) {
			cr.CaseSummaries = []domain.CaseSummary{{Entity: ent(30), Summary: "Ava lives with her mum.", LastUpdated: d("2015-12-01")}}
		}), "2016-03-01", 0, ""},
		{SummaryOutOfDate, "case closed", with(func(cr *domain.ChildRecord) {
			cr.Referrals[0].CloseDate, cr.Referrals[0].CloseReason = d("2015-09-01"), "RC8"
		}), "2016-03-01", 0, ""},
	}
}

func TestLists(t *testing.T) {
	for _, tt := range listCases() {
		t.Run(string(tt.list)+"/"+tt.name, func(t *testing.T) {
			got := rules.Find(tt.list, tt.cr, DefaultWindow(d(tt.asOf)))
			if len(got) != tt.want {
				t.Fatalf("%d entries, want %d: %+v", len(got), tt.want, got)
			}
			for _, e := range got {
				if e.List != tt.list || e.Child.ID != 1 || e.Child.Name != "Ava Smith" || e.Record.IsZero() {
					t.Errorf("entry %+v", e)
				}
				if !strings.Contains(e.Detail, tt.detail) {
					t.Errorf("detail %q, want it to say %q", e.Detail, tt.detail)
				}
			}
		})
	}
}

// TestColumnsSuffice: each list finds the same entries in records read with
// only its columns as in whole records, so a caseload can read only those.
func TestColumnsSuffice(t *testing.T) {
	for _, tt := range listCases() {
		full := rules.Find(tt.list, tt.cr, DefaultWindow(d(tt.asOf)))
		projected := project(tt.cr, tt.list.Columns())
		if got := rules.Find(tt.list, projected, DefaultWindow(d(tt.asOf))); !reflect.DeepEqual(got, full) {
			t.Errorf("%s/%s: with only the list's columns %+v, with every column %+v", tt.list, tt.name, got, full)
		}
	}
}

// project returns a copy of a child's record with only the columns named,
// as Caseload reads it: other kinds empty, other fields unset.
func project(cr *domain.ChildRecord, columns map[string][]string) *domain.ChildRecord {
	out := &domain.ChildRecord{Person: cr.Person}
	src, dst := reflect.ValueOf(cr).Elem(), reflect.ValueOf(out).Elem()
	for i := range src.NumField() {
		f := src.Field(i)
		if f.Kind() != reflect.Slice {
			continue
		}
		kind := domain.KindOf(reflect.New(f.Type().Elem()).Interface().(domain.Record)).Name
		cols, ok := columns[kind]
		if !ok {
			continue
		}
		list := reflect.MakeSlice(f.Type(), f.Len(), f.Len())
		for j := range f.Len() {
			rec, kept := f.Index(j), list.Index(j)
			for _, sf := range reflect.VisibleFields(rec.Type()) {
				col, _ := domain.Tag(sf)
				if sf.Anonymous || col == "" {
					continue
				}
				if col == "id" || col == "person_id" || cols == nil || slices.Contains(cols, col) {
					kept.FieldByIndex(sf.Index).Set(rec.FieldByIndex(sf.Index))
				}
			}
		}
		dst.Field(i).Set(list)
	}
	return out
}

// TestListsDescribed: every list has its words and columns, and reads each
// kind it needs a child to have.
func TestListsDescribed(t *testing.T) {
	for _, l := range Lists {
		if l.Title() == "" || l.Requirement() == "" || l.About() == "" || len(l.Columns()) == 0 {
			t.Errorf("%s is not described", l)
		}
		for _, k := range l.With() {
			if _, ok := l.Columns()[strings.SplitN(k, ":", 2)[0]]; !ok {
				t.Errorf("%s needs children with %s but does not read them", l, k)
			}
		}
		if got, ok := ListNamed(string(l)); !ok || got != l {
			t.Errorf("ListNamed(%q)", l)
		}
	}
	if _, ok := ListNamed("no-such-list"); ok {
		t.Error("ListNamed found an unknown list")
	}
}
