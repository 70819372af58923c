package worklist

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/domain"
	"github.com/waymark-care/waymark/internal/timescales"
)

// The management line of the fixtures:
//
//	Children's Services (1), managed by 13
//	├── Team A (2): worker 10
//	│   └── Team A1 (4): worker 11
//	└── Team B (3): worker 12
func directory() *Directory {
	return NewDirectory(
		[]domain.Team{
			{Entity: ent(1), Name: "Children's Services", ManagerID: 13},
			{Entity: ent(2), Name: "Team A", ParentTeamID: 1},
			{Entity: ent(3), Name: "Team B", ParentTeamID: 1},
			{Entity: ent(4), Name: "Team A1", ParentTeamID: 2},
		},
		[]domain.Professional{
			{Entity: ent(10), Name: "Ann Able", TeamID: 2},
			{Entity: ent(11), Name: "Ben Bright", TeamID: 4},
			{Entity: ent(12), Name: "Cal Cole", TeamID: 3},
			{Entity: ent(13), Name: "Dee Head", TeamID: 1},
		})
}

// fake reads the given children as the caseload, in batches of two.
func fake(crs ...*domain.ChildRecord) Reader {
	return func(_ context.Context, _, _ civil.Date, _ map[string][]string, fn func([]*domain.ChildRecord) error) error {
		for len(crs) > 0 {
			n := min(2, len(crs))
			if err := fn(crs[:n]); err != nil {
				return err
			}
			crs = crs[n:]
		}
		return nil
	}
}

func child(id int64, name string) domain.ChildRecord {
	first, last, _ := strings.Cut(name, " ")
	return domain.ChildRecord{Person: domain.Person{Entity: ent(id), Forename: first, Surname: last, DateOfBirth: d("2015-01-01")}}
}

func allocated(id, prof, team int64, from, to string) domain.Involvement {
	inv := domain.Involvement{Entity: ent(id), ProfessionalID: prof, TeamID: team, Role: "allocated_social_worker", From: d(from)}
	if to != "" {
		inv.To = d(to)
	}
	return inv
}

// worklistCases are five open cases on Wed 10 Apr 2024.
func worklistCases() []*domain.ChildRecord {
	c1 := child(101, "Amy One") // Ann's: a CIN visit overdue since 29 Mar
	c1.Involvements = []domain.Involvement{allocated(1, 10, 0, "2024-03-01", "")}
	c1.CINPlans = []domain.CINPlan{{Entity: ent(2), StartDate: d("2024-03-01")}}

	c2 := child(102, "Bea Two") // Ben's, in Team A1: a CP plan from Easter Monday
	c2.Involvements = []domain.Involvement{allocated(3, 11, 0, "2024-03-20", "")}
	c2.CPPlans = []domain.CPPlan{{Entity: ent(4), StartDate: d("2024-04-01")}}

	c3 := child(103, "Cy Three") // Cal's: a visit done late, the next due soon
	c3.Involvements = []domain.Involvement{allocated(5, 12, 0, "2024-01-15", "")}
	c3.CINPlans = []domain.CINPlan{{Entity: ent(6), StartDate: d("2024-02-01")}}
	c3.Visits = []domain.Visit{{Entity: ent(7), Type: "cin", Date: d("2024-03-20"), Seen: ptr(true)}}

	c4 := child(104, "Di Four") // unallocated, referred to Team B yesterday
	c4.Referrals = []domain.Referral{{Entity: ent(8), ReferralDate: d("2024-04-09"), TeamID: 3}}

	c5 := child(105, "Ed Five") // moved from Ann to Cal on 1 Apr
	c5.Involvements = []domain.Involvement{allocated(9, 10, 0, "2024-03-01", "2024-03-31"), allocated(10, 12, 3, "2024-04-01", "")}
	c5.CINPlans = []domain.CINPlan{{Entity: ent(11), StartDate: d("2024-03-15")}}
	return []*domain.ChildRecord{&c1, &c2, &c3, &c4, &c5}
}

func entryLines(es []Entry) []string {
	var out []string
	for _, e := range es {
		out = append(out, fmt.Sprintf("%s %s %s due %s, %s/%s", e.Child.Name, e.Item.RuleID, e.List, e.Item.Due, e.Worker, e.Team))
	}
	return out
}

// TestWorklistScopes checks that each scope shows the children it should
// and not the others: a worker's own, a team's and the teams below it, and
// a service's (requirements XC-07, XC-08).
func TestWorklistScopes(t *testing.T) {
	all := []string{
		"Cy Three CP-10a late due 2024-02-29, Cal Cole/Team B",
		"Amy One CP-10a overdue due 2024-03-29, Ann Able/Team A",
		"Di Four CP-1 due due 2024-04-10, /Team B",
		"Ed Five CP-10a due due 2024-04-12, Cal Cole/Team B",
		"Bea Two CP-6 due due 2024-04-15, Ben Bright/Team A1",
		"Bea Two CP-9 due due 2024-04-15, Ben Bright/Team A1",
		"Cy Three CP-10a due due 2024-04-17, Cal Cole/Team B",
	}
	pick := func(children ...string) []string {
		var out []string
		for _, line := range all {
			if slices.ContainsFunc(children, func(c string) bool { return strings.HasPrefix(line, c+" ") }) {
				out = append(out, line)
			}
		}
		return out
	}
	tests := []struct {
		name  string
		scope Scope
		want  []string
	}{
		{"the whole authority", Scope{}, all},
		{"Ann's work: not Ed, who moved to Cal", Scope{Professional: 10}, pick("Amy One")},
		{"Cal's work", Scope{Professional: 12}, pick("Cy Three", "Ed Five")},
		{"Team A and Team A1 below it", Scope{Team: 2}, pick("Amy One", "Bea Two")},
		{"Team A1 alone", Scope{Team: 4}, pick("Bea Two")},
		{"Team B, with its unallocated referral", Scope{Team: 3}, pick("Cy Three", "Di Four", "Ed Five")},
		{"the service", Scope{Team: 1}, all},
		{"a worker outside the team", Scope{Professional: 10, Team: 3}, nil},
		{"records the user may not see", Scope{Team: 1, Sees: func(cr *domain.ChildRecord) bool { return cr.Person.ID != 103 }},
			slices.DeleteFunc(slices.Clone(all), func(s string) bool { return strings.HasPrefix(s, "Cy Three") })},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wl, err := Build(context.Background(), fake(worklistCases()...), d("2024-04-10"), tt.scope, DefaultEngine(), directory())
			if err != nil {
				t.Fatal(err)
			}
			if got := entryLines(wl.Entries); !slices.Equal(got, tt.want) {
				t.Errorf("entries:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(tt.want, "\n  "))
			}
			if tt.scope.Sees != nil && wl.Withheld != 2 {
				t.Errorf("%d entries withheld, want Cy's 2", wl.Withheld)
			}
		})
	}
}

func TestWorklistFilterAndSort(t *testing.T) {
	wl, err := Build(context.Background(), fake(worklistCases()...), d("2024-04-10"), Scope{}, DefaultEngine(), directory())
	if err != nil {
		t.Fatal(err)
	}
	if n := []int{wl.Count(Overdue), wl.Count(DueSoon), wl.Count(MetLate)}; !slices.Equal(n, []int{1, 5, 1}) {
		t.Errorf("overdue, due soon, late = %v, want [1 5 1]", n)
	}
	count := func(f Filter) int { return len(wl.Filter(f)) }
	for _, tt := range []struct {
		f    Filter
		want int
	}{
		{Filter{}, 7}, {Filter{List: Overdue}, 1}, {Filter{Rule: "CP-10a"}, 4}, {Filter{Team: 3}, 4},
		{Filter{Worker: 12}, 3}, {Filter{Worker: 12, List: MetLate}, 1}, {Filter{Rule: "CP-6", Team: 3}, 0},
	} {
		if got := count(tt.f); got != tt.want {
			t.Errorf("Filter(%+v): %d entries, want %d", tt.f, got, tt.want)
		}
	}

	es := wl.Filter(Filter{})
	Sort(es, "child", false)
	if got := es[0].Child.Name + ", " + es[len(es)-1].Child.Name; got != "Amy One, Ed Five" {
		t.Errorf("by child: %s", got)
	}
	Sort(es, "days_late", true)
	if got := es[0].Child.Name + " " + es[0].Item.RuleID; got != "Cy Three CP-10a" || es[0].Item.DaysLate != 20 {
		t.Errorf("most days late first: %s, %d days", got, es[0].Item.DaysLate)
	}
	Sort(es, "worker", false)
	if es[0].Worker != "" || es[1].Worker != "Ann Able" {
		t.Errorf("by worker: unallocated first, then Ann; got %q, %q", es[0].Worker, es[1].Worker)
	}
	Sort(es, "nonsense", false)
	if !slices.Equal(entryLines(es), entryLines(wl.Entries)) {
		t.Error("an unknown sort key does not sort by due date")
	}
}

func TestAllocation(t *testing.T) {
	dir := directory()
	cr := child(1, "Flo Six")
	cr.Involvements = []domain.Involvement{
		allocated(1, 10, 0, "2023-01-01", "2023-06-30"),
		{Entity: ent(2), ProfessionalID: 11, Role: "personal_adviser", From: d("2023-03-01")},
		{Entity: ent(3), ProfessionalID: 13, Role: "team_manager", From: d("2023-01-01")},
	}
	cr.Referrals = []domain.Referral{{Entity: ent(4), ReferralDate: d("2022-06-01"), TeamID: 3}}
	for _, tt := range []struct {
		day  string
		want Allocation
	}{
		{"2022-12-31", Allocation{TeamID: 3}},                     // referred, not yet allocated
		{"2023-04-01", Allocation{ProfessionalID: 10, TeamID: 2}}, // the social worker comes before the adviser
		{"2023-06-30", Allocation{ProfessionalID: 10, TeamID: 2}}, // on the last day
		{"2023-07-01", Allocation{ProfessionalID: 11, TeamID: 4}}, // then the adviser
	} {
		if got := dir.AllocatedOn(&cr, d(tt.day)); got != tt.want {
			t.Errorf("allocated on %s: %+v, want %+v", tt.day, got, tt.want)
		}
	}
	if got := len(dir.Subtree(99)); got != 0 {
		t.Errorf("an unknown team has %d teams below it", got)
	}
}

// icpcCase is a child whose s47 enquiry started on Mon 8 Jan 2024, with the
// initial conference on the day given ("" for none yet), allocated as given.
func icpcCase(id int64, icpc string, inv ...domain.Involvement) *domain.ChildRecord {
	cr := child(id, fmt.Sprintf("Child %d", id))
	cr.StrategyDiscussions = []domain.StrategyDiscussion{{Entity: ent(id*10 + 1), HeldAt: time.Date(2024, 1, 8, 10, 0, 0, 0, time.UTC)}}
	cr.Section47Enquiries = []domain.Section47Enquiry{{Entity: ent(id*10 + 2), StartDate: d("2024-01-08")}}
	if icpc != "" {
		cr.Conferences = []domain.Conference{{Entity: ent(id*10 + 3), Type: "initial", Date: d(icpc)}}
	}
	cr.Involvements = inv
	return &cr
}

// assessmentCase is a child referred, assessed and authorised on the days
// given, allocated to worker 10.
func assessmentCase(id int64, referral, start, authorised string) *domain.ChildRecord {
	cr := child(id, fmt.Sprintf("Child %d", id))
	cr.Referrals = []domain.Referral{{Entity: ent(id*10 + 1), ReferralDate: d(referral), TeamID: 2}}
	cr.Assessments = []domain.Assessment{{Entity: ent(id*10 + 2), ReferralID: id*10 + 1, StartDate: d(start), AuthorisedDate: d(authorised)}}
	cr.Involvements = []domain.Involvement{allocated(id*10+3, 10, 0, referral, "")}
	return &cr
}

// TestCompliance checks the report for January 2024 against figures worked
// out by hand (timescales.md §5 S-4 and S-5; §1.4.6 both denominators).
func TestCompliance(t *testing.T) {
	cases := []*domain.ChildRecord{
		// ICPCs from a s47 start on Mon 8 Jan; CP-5 is due Mon 29 Jan.
		icpcCase(1, "2024-01-19", allocated(901, 10, 0, "2024-01-01", "")), // 9 WD, on time
		icpcCase(2, "2024-01-23", allocated(902, 10, 0, "2024-01-01", "")), // 11 WD, on time
		// 17 WD, 2 days late; Ann held the case until the day before it was due.
		icpcCase(3, "2024-01-31", allocated(903, 10, 0, "2024-01-01", "2024-01-28"), allocated(904, 12, 0, "2024-01-29", "")),
		icpcCase(4, "2024-02-12", allocated(905, 12, 0, "2024-01-01", "")), // 25 WD, in February: overdue at 31 Jan
		// Assessments, all Ann's in Team A.
		assessmentCase(5, "2024-01-08", "2024-01-08", "2024-01-08"), // same day
		assessmentCase(6, "2024-01-02", "2024-01-04", "2024-01-26"), // 16 WD from the start, 18 from the referral
		assessmentCase(7, "2023-11-01", "2023-11-01", "2024-01-10"), // 47 WD over Christmas
	}
	january := timescales.Period{From: d("2024-01-01"), To: d("2024-01-31")}
	report := func(s Scope, measure string) *Compliance {
		t.Helper()
		c, err := Report(context.Background(), fake(cases...), january, d("2024-03-01"), s, measure, DefaultEngine(), directory())
		if err != nil {
			t.Fatal(err)
		}
		return c
	}

	c := report(Scope{}, "CP-5")
	if c.AsOf != d("2024-01-31") {
		t.Errorf("evaluated as at %s, want the period's end", c.AsOf)
	}
	want := Counts{Due: 4, DueOnTime: 2, DueLate: 1, DueOverdue: 1, Completed: 3, CompletedOnTime: 2, CompletedLate: 1}
	if c.Total != want {
		t.Errorf("CP-5 counts %+v, want %+v", c.Total, want)
	}
	if c.Total.DuePercent() != 50 || c.Total.CompletedPercent() != 67 {
		t.Errorf("on time: %d%% of those due, %d%% of those held; want 50%% and 67%%", c.Total.DuePercent(), c.Total.CompletedPercent())
	}
	var bands []string
	for _, b := range c.ICPC.Bands {
		bands = append(bands, fmt.Sprintf("%s:%d", b.Label, b.Count))
	}
	if got := strings.Join(bands, " "); got != "0–10:1 11–15:1 16–20:1 21+:0" {
		t.Errorf("ICPC bands %s", got)
	}
	if got := []int{c.ICPC.Total, c.ICPC.Within, c.ICPC.WithinPercent(), c.ICPC.P25, c.ICPC.P50, c.ICPC.P75}; !slices.Equal(got, []int{3, 2, 67, 9, 11, 17}) {
		t.Errorf("ICPC total, within 15, %%, P25, P50, P75 = %v, want [3 2 67 9 11 17]", got)
	}

	// Counted against who held the case on the day each fell due.
	var teams, workers []string
	for _, g := range c.Teams {
		teams = append(teams, fmt.Sprintf("%s %d/%d", g.Team, g.DueOnTime, g.Due))
	}
	for _, g := range c.Workers {
		workers = append(workers, fmt.Sprintf("%s %d/%d", g.Worker, g.DueOnTime, g.Due))
	}
	if got := strings.Join(teams, ", "); got != "Team A 2/2, Team B 0/2" {
		t.Errorf("by team: %s", got)
	}
	if got := strings.Join(workers, ", "); got != "Ann Able 2/2, Cal Cole 0/2" {
		t.Errorf("by worker: %s", got)
	}

	bandsOf := func(b Banded) string {
		var s []string
		for _, x := range b.Bands {
			if x.Count > 0 {
				s = append(s, fmt.Sprintf("%s:%d", x.Label, x.Count))
			}
		}
		return fmt.Sprintf("%s; %d of %d within 45; median %d", strings.Join(s, " "), b.Within, b.Total, b.P50)
	}
	if got := bandsOf(c.AssessmentsFromStart); got != "same day:1 11–20:1 46–50:1; 2 of 3 within 45; median 16" {
		t.Errorf("assessments from the start: %s", got)
	}
	if got := bandsOf(c.AssessmentsFromReferral); got != "same day:1 11–20:1 46–50:1; 2 of 3 within 45; median 18" {
		t.Errorf("assessments from the referral: %s", got)
	}
	if n := len(c.Targets); n != 1 || c.Targets[0].WorkingDays != 45 || c.Targets[0].Within != 2 {
		t.Errorf("targets %+v, want the national 45 with 2 within", c.Targets)
	}

	// What the user may not see is counted, not listed.
	hidden := report(Scope{Sees: func(cr *domain.ChildRecord) bool { return cr.Person.ID != 1 }}, "CP-5")
	withheld := 0
	for _, it := range hidden.Items {
		if it.Withheld {
			withheld++
			if it.Child.ID != 1 {
				t.Errorf("child %d withheld", it.Child.ID)
			}
		}
	}
	if hidden.Total != c.Total || withheld == 0 {
		t.Errorf("with child 1 hidden: %+v counted, %d items withheld", hidden.Total, withheld)
	}

	// A team's report counts only what its workers held.
	a := report(Scope{Team: 2}, "CP-5")
	if a.Total.Due != 2 || a.ICPC.Total != 2 || a.AssessmentsFromStart.Total != 3 {
		t.Errorf("Team A: %d CP-5 due, %d ICPCs, %d assessments; want 2, 2, 3", a.Total.Due, a.ICPC.Total, a.AssessmentsFromStart.Total)
	}
	// Every rule has its own row, whatever the measure: the referral
	// decisions here are the assessments' starts, one a day late.
	var rules []string
	for _, r := range a.Rules {
		rules = append(rules, fmt.Sprintf("%s %d/%d", r.RuleID, r.CompletedOnTime, r.Completed))
	}
	if got := strings.Join(rules, ", "); got != "CP-1 1/2, CP-2 2/3, CP-4 0/0, CP-5 2/2" {
		t.Errorf("Team A's rules: %s", got)
	}
}

func TestMeasures(t *testing.T) {
	for _, tt := range []struct {
		measure, rule string
		want          bool
	}{
		{AllRules, "CP-1", true}, {"", "LA-4", true}, {Reviews, "LA-6", true}, {Reviews, "LA-7", false},
		{Visits, "LA-7b", true}, {Visits, "CP-8", false}, {"CP-5", "CP-5", true}, {"CP-5", "CP-4", false},
	} {
		if got := InMeasure(tt.measure, tt.rule); got != tt.want {
			t.Errorf("InMeasure(%q, %q) = %v", tt.measure, tt.rule, got)
		}
	}
	if p := (Counts{}).DuePercent(); p != -1 {
		t.Errorf("no items: %d%%, want -1", p)
	}
}
