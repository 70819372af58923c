package casework

import (
	"testing"

	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/domain"
	"github.com/waymark-care/waymark/internal/worklist"
)

// TestFrontDoorLoad: each manager's front door authorisations by week, how
// long they waited, and the supervision sessions the manager delivered,
// with the ratio of one to the other and its trend (FD-05, WF-06).
func TestFrontDoorLoad(t *testing.T) {
	dir := worklist.NewDirectory(
		[]domain.Team{{Entity: ent(70), Name: "MASH", Type: "front_door"}, {Entity: ent(71), Name: "Assessment", Type: "assessment"},
			{Entity: ent(72), Name: "Children in need", Type: "children_in_need"}},
		[]domain.Professional{{Entity: ent(80), Name: "Mo Manager", Role: "team_manager", TeamID: 70},
			{Entity: ent(81), Name: "Ali Assessor", Role: "team_manager", TeamID: 71},
			{Entity: ent(82), Name: "Sam Social", Role: "social_worker", TeamID: 70},
			{Entity: ent(83), Name: "Cat Needs", Role: "team_manager", TeamID: 72}})
	decided := func(by int64, received, decision string) domain.Contact {
		return domain.Contact{ContactAt: at(received), Decision: "nfa", DecisionAt: at(decision), DecidedByID: by}
	}
	// Three weeks from Monday 7 September 2015.
	in := LoadRecords{
		Decided: []domain.Contact{
			decided(80, "2015-09-07 10:00", "2015-09-07 12:00"), // week 1, same day
			decided(80, "2015-09-04 16:00", "2015-09-08 09:00"), // week 1, 2 WD (the Friday before)
			decided(80, "2015-09-07 10:00", "2015-09-09 09:00"), // week 1, 2 WD
			decided(82, "2015-09-07 10:00", "2015-09-07 11:00"), // a social worker's: not a manager's sign-off
			decided(80, "2015-09-21 10:00", "2015-09-21 11:00"), // week 3
			decided(80, "2015-09-28 10:00", "2015-09-28 11:00"), // after the period
		},
		Assessments: []domain.Assessment{
			{CompletedDate: d("2015-09-10"), AuthorisedDate: d("2015-09-17"), AuthorisedByID: 81}, // week 2, 5 WD
			{CompletedDate: d("2015-09-10"), AuthorisedDate: d("2015-09-11"), AuthorisedByID: 83}, // a children in need manager's: not the front door's
			{CompletedDate: d("2015-09-14"), AuthorisedDate: d("2015-09-14"), AuthorisedByID: 80}, // week 2
		},
		Closures: []domain.Referral{
			{CloseDate: d("2015-09-15"), ClosureAuthorisedDate: d("2015-09-16"), ClosureAuthorisedByID: 80}, // week 2, 1 WD
			{CloseDate: d("2015-09-15"), ClosureAuthorisedDate: d("2015-09-16"), ClosureAuthorisedByID: 83}, // not the front door's
		},
		Supervisions: []domain.Supervision{
			{SupervisorID: 80, Date: d("2015-09-08")}, {SupervisorID: 80, Date: d("2015-09-22")}, {SupervisorID: 80, Date: d("2015-09-23")},
			{SupervisorID: 82, Date: d("2015-09-08")}, // not a manager with front door authorisations
		},
	}
	l := rules.FrontDoorLoad(d("2015-09-09"), d("2015-09-23"), in, dir)
	if len(l.Weeks) != 3 || l.From() != d("2015-09-07") || l.To() != d("2015-09-27") {
		t.Fatalf("weeks %v", l.Weeks)
	}
	if len(l.Managers) != 2 || l.Managers[0].Name != "Ali Assessor" || l.Managers[1].Name != "Mo Manager" {
		t.Fatalf("managers %+v", l.Managers)
	}
	ali, mo := l.Managers[0], l.Managers[1]
	for _, tt := range []struct {
		name                                           string
		w                                              ManagerWeek
		decisions, assessments, closures, supervisions int
		median                                         int
		ratio                                          float64
		hasRatio                                       bool
	}{
		{"Mo's first week", mo.Weeks[0], 3, 0, 0, 1, 2, 3, true},
		{"Mo's second week", mo.Weeks[1], 0, 1, 1, 0, 0, 0, false},
		{"Mo's third week", mo.Weeks[2], 1, 0, 0, 2, 0, 0.5, true},
		{"Mo's period", mo.Total(), 4, 1, 1, 3, 0, 2, true},
		{"Ali's second week", ali.Weeks[1], 0, 1, 0, 0, 5, 0, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			w := tt.w
			r, ok := w.Ratio()
			if w.Decisions != tt.decisions || w.Assessments != tt.assessments || w.Closures != tt.closures || w.Supervisions != tt.supervisions ||
				w.Waits.Median() != tt.median || r != tt.ratio || ok != tt.hasRatio {
				t.Errorf("%+v: median %d, ratio %v %v", w, w.Waits.Median(), r, ok)
			}
		})
	}
	for _, tt := range []struct {
		name  string
		m     ManagerLoad
		trend string
	}{
		{"more supervision later", mo, "falling"},
		{"authorisations only in the middle week", ali, "steady"},
		{"no supervision in the first half", ManagerLoad{Weeks: []ManagerWeek{{Decisions: 3}, {Decisions: 2, Supervisions: 1}}}, "no supervision"},
		{"the same", ManagerLoad{Weeks: []ManagerWeek{{Decisions: 4, Supervisions: 1}, {Decisions: 9}, {Decisions: 4, Supervisions: 1}}}, "steady"},
		{"more authorisations later", ManagerLoad{Weeks: []ManagerWeek{{Decisions: 4, Supervisions: 1}, {Decisions: 8, Supervisions: 1}}}, "rising"},
		{"nothing at all", ManagerLoad{Weeks: []ManagerWeek{{}, {}}}, "steady"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.m.Trend(); got != tt.trend {
				t.Errorf("trend %q, want %q", got, tt.trend)
			}
		})
	}
	if got := MondayOf(civil.MustParse("2015-09-13")); got != d("2015-09-07") {
		t.Errorf("the Monday of Sunday 13 September is %s", got)
	}
}
