package casework

import (
	"testing"

	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/domain"
)

// TestAssessmentDue: XC-01's example, 45 working days from Fri 28 Aug 2015
// is Mon 2 Nov 2015.
func TestAssessmentDue(t *testing.T) {
	if got := rules.AssessmentDue(&domain.Assessment{StartDate: d("2015-08-28")}); got != d("2015-11-02") {
		t.Errorf("due %s, want 2015-11-02", got)
	}
}

// TestCheckAssessment: what completing an assessment needs (AC-05, AC-06,
// AC-07, CP-2).
func TestCheckAssessment(t *testing.T) {
	child := domain.Person{Entity: ent(1), Forename: "Ava", Surname: "Smith", DateOfBirth: d("2010-01-01")}
	unborn := domain.Person{Entity: ent(1), Forename: "Baby", Surname: "Smith", ExpectedBirth: d("2015-12-01")}
	complete := func(change func(a *domain.Assessment)) *domain.Assessment {
		a := &domain.Assessment{Entity: ent(5), ReferralID: 2, StartDate: d("2015-08-28"), ChildSeenDate: d("2015-09-01"), SeenAlone: ptr(true),
			Factors: []string{"3B"}, Outcomes: []string{"provide_services"}, Analysis: "Needs support.", CompletedDate: d("2015-10-20")}
		if change != nil {
			change(a)
		}
		return a
	}
	sister := HouseholdChild{Person: domain.Person{Entity: ent(7), Forename: "Isla", Surname: "Smith", DateOfBirth: d("2008-03-03")}}
	mother := HouseholdChild{Person: domain.Person{Entity: ent(8), Forename: "Mia", Surname: "Smith", DateOfBirth: d("1985-03-03")}}
	assessed := sister
	assessed.Assessments = []domain.Assessment{{StartDate: d("2015-08-28"), CompletedDate: d("2015-10-19")}}
	assessedBefore := sister
	assessedBefore.Assessments = []domain.Assessment{{StartDate: d("2014-01-06"), CompletedDate: d("2014-02-01")}}

	for _, tt := range []struct {
		name      string
		person    domain.Person
		a         *domain.Assessment
		household []HouseholdChild
		want      []string
		phrase    string
	}{
		{"complete", child, complete(nil), nil, nil, ""},
		{"not completed", child, complete(func(a *domain.Assessment) { a.CompletedDate = civil.Date{} }), nil, []string{"completed_date"}, ""},
		{"child neither seen nor explained", child, complete(func(a *domain.Assessment) { a.ChildSeenDate, a.SeenAlone = civil.Date{}, nil }), nil,
			[]string{"child_seen_date"}, "why they were not seen"},
		{"not seen, with a reason", child, complete(func(a *domain.Assessment) {
			a.ChildSeenDate, a.SeenAlone, a.NotSeenReason = civil.Date{}, nil, "Whereabouts unknown"
		}), nil, nil, ""},
		{"seen, not said whether alone", child, complete(func(a *domain.Assessment) { a.SeenAlone = nil }), nil, []string{"seen_alone"}, ""},
		{"unborn: no seen needed", unborn, complete(func(a *domain.Assessment) { a.ChildSeenDate, a.SeenAlone = civil.Date{}, nil }), nil, nil, ""},
		{"nothing recorded", child, &domain.Assessment{StartDate: d("2015-08-28")}, nil,
			[]string{"completed_date", "child_seen_date", "factors", "analysis", "outcomes"}, ""},
		{"completed on the 45th working day", child, complete(func(a *domain.Assessment) { a.CompletedDate = d("2015-11-02") }), nil, nil, ""},
		{"completed on the 46th working day", child, complete(func(a *domain.Assessment) { a.CompletedDate = d("2015-11-03") }), nil,
			[]string{"late_reason"}, "took 46 working days"},
		{"authorised late, with a reason", child, complete(func(a *domain.Assessment) {
			a.AuthorisedDate, a.LateReason = d("2015-11-10"), "Waiting for health."
		}), nil, nil, ""},
		{"authorised late", child, complete(func(a *domain.Assessment) { a.AuthorisedDate = d("2015-11-10") }), nil, []string{"late_reason"}, ""},
		{"sister not assessed", child, complete(nil), []HouseholdChild{sister, mother}, []string{"household_reason"}, "Isla Smith lives in the household"},
		{"sister assessed long before", child, complete(nil), []HouseholdChild{assessedBefore}, []string{"household_reason"}, ""},
		{"sister assessed alongside", child, complete(nil), []HouseholdChild{assessed, mother}, nil, ""},
		{"sister not assessed, with a reason", child, complete(func(a *domain.Assessment) { a.HouseholdReason = "Isla lives with her father in the week." }),
			[]HouseholdChild{sister}, nil, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			cr := &domain.ChildRecord{Person: tt.person}
			wantFields(t, rules.CheckAssessment(cr, tt.a, tt.household), tt.want, tt.phrase)
		})
	}
}
