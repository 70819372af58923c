package casework

import (
	"testing"

	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/domain"
)

// closedCase is a case closing on Fri 4 Dec 2015 with everything finished:
// seen on Mon 30 Nov, the enquiry concluded, the plans and their actions
// ended.
func closedCase() (*domain.ChildRecord, *domain.Referral) {
	cr := &domain.ChildRecord{
		Person:             domain.Person{Entity: ent(1), Forename: "Ava", Surname: "Smith", DateOfBirth: d("2010-01-01")},
		Referrals:          []domain.Referral{{Entity: ent(2), ReferralDate: d("2015-08-20")}},
		Assessments:        []domain.Assessment{{Entity: ent(3), ReferralID: 2, StartDate: d("2015-08-20"), CompletedDate: d("2015-09-30"), ChildSeenDate: d("2015-08-25")}},
		Section47Enquiries: []domain.Section47Enquiry{{Entity: ent(4), ReferralID: 2, StartDate: d("2015-08-28"), EndDate: d("2015-09-10"), Outcome: "substantiated_no_icpc"}},
		CINPlans:           []domain.CINPlan{{Entity: ent(5), ReferralID: 2, StartDate: d("2015-10-01"), EndDate: d("2015-12-04")}},
		Plans:              []domain.Plan{{Entity: ent(10), Type: "cin", CINPlanID: 5, StartDate: d("2015-10-01"), EndDate: d("2015-12-04")}},
		PlanActions:        []domain.PlanAction{smartAction(11, 10)},
		Visits:             []domain.Visit{{Entity: ent(20), Type: "cin", Date: d("2015-11-30"), Seen: ptr(true)}},
	}
	cr.PlanActions[0].Status = "done"
	ref := cr.Referrals[0]
	ref.CloseDate, ref.CloseReason, ref.ClosureSummary = d("2015-12-04"), "RC7", "Needs met; risks reduced."
	return cr, &ref
}

// TestCheckClosure: a case closes with a DfE reason, a summary, the child
// seen in the 10 working days before, and nothing left open (FD-08).
func TestCheckClosure(t *testing.T) {
	for _, tt := range []struct {
		name   string
		change func(cr *domain.ChildRecord, ref *domain.Referral)
		want   []string
		phrase string
	}{
		{"everything finished", nil, nil, ""},
		{"nothing recorded", func(cr *domain.ChildRecord, ref *domain.Referral) {
			ref.CloseDate, ref.CloseReason, ref.ClosureSummary = civil.Date{}, "", ""
		}, []string{"close_date", "close_reason", "closure_summary"}, ""},
		{"RC9 before it existed", func(cr *domain.ChildRecord, ref *domain.Referral) {
			ref.CloseReason = "RC9"
		}, []string{"close_reason"}, "not a reason for closure in 2015-16"},
		{"not seen for weeks", func(cr *domain.ChildRecord, ref *domain.Referral) {
			cr.Visits[0].Date = d("2015-11-19")
		}, []string{"closure_not_seen_reason"}, "last seen on Thu 19 Nov 2015"},
		{"seen on a visit 10 working days before", func(cr *domain.ChildRecord, ref *domain.Referral) {
			cr.Visits[0].Date = d("2015-11-20")
		}, nil, ""},
		{"visited but not seen, with a reason", func(cr *domain.ChildRecord, ref *domain.Referral) {
			cr.Visits[0].Seen = ptr(false)
			ref.ClosureNotSeenReason = "Family moved away; new authority informed."
		}, nil, ""},
		{"the child died", func(cr *domain.ChildRecord, ref *domain.Referral) {
			cr.Visits = nil
			ref.CloseReason = "RC2"
		}, nil, ""},
		{"everything open", func(cr *domain.ChildRecord, ref *domain.Referral) {
			cr.Assessments = append(cr.Assessments, domain.Assessment{Entity: ent(30), ReferralID: 2, StartDate: d("2015-11-01")})
			cr.Section47Enquiries[0].Outcome = ""
			cr.CINPlans[0].EndDate = civil.Date{}
			cr.CPPlans = []domain.CPPlan{{Entity: ent(31), ReferralID: 2, StartDate: d("2015-11-01")}}
			cr.CareEpisodes = []domain.CareEpisode{{Entity: ent(32), StartDate: d("2015-11-20")}}
			cr.Plans[0].EndDate = civil.Date{}
			cr.PlanActions[0].Status = "in_progress"
		}, []string{"assessment", "section47_enquiry", "cin_plan", "cp_plan", "care_episode", "plan", "plan_action"}, "has no outcome"},
		{"an action explained", func(cr *domain.ChildRecord, ref *domain.Referral) {
			cr.PlanActions[0].Status = "no_longer_needed"
		}, nil, ""},
		{"a conference asked for and not held", func(cr *domain.ChildRecord, ref *domain.Referral) {
			cr.Section47Enquiries[0].Outcome = "substantiated_icpc"
		}, []string{"conference"}, ""},
		{"an older episode's plan", func(cr *domain.ChildRecord, ref *domain.Referral) {
			cr.Plans = append(cr.Plans, domain.Plan{Entity: ent(40), Type: "cin", StartDate: d("2013-01-01")})
			cr.PlanActions = append(cr.PlanActions, smartAction(41, 40))
		}, nil, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			cr, ref := closedCase()
			if tt.change != nil {
				tt.change(cr, ref)
			}
			wantFields(t, rules.CheckClosure(cr, ref), tt.want, tt.phrase)
		})
	}
}

// TestCheckClosureAuthorisation: the manager is named, and the closure must
// be complete.
func TestCheckClosureAuthorisation(t *testing.T) {
	cr, ref := closedCase()
	ref.ClosureAuthorisedDate = d("2015-12-07")
	wantFields(t, rules.CheckClosureAuthorisation(cr, ref), []string{"closure_authorised_by_id"}, "")
	ref.ClosureAuthorisedByID, ref.ClosureSummary = 4, ""
	wantFields(t, rules.CheckClosureAuthorisation(cr, ref), []string{"closure_summary"}, "")
}
