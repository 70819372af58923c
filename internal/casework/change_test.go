package casework

import (
	"testing"

	"github.com/waymark-care/waymark/internal/domain"
)

// TestCheckChange applies each check when its step is marked done, and
// only then.
func TestCheckChange(t *testing.T) {
	cr := base()
	for _, tt := range []struct {
		name string
		rec  domain.Record
		want []string
	}{
		{"a contact not yet decided", &domain.Contact{}, nil},
		{"a contact decided", &domain.Contact{Decision: "nfa"}, []string{"threshold_decision", "decision_at", "decided_by_id"}},
		{"an open referral", &domain.Referral{ReferralDate: d("2015-08-03")}, nil},
		{"a referral closed", &domain.Referral{ReferralDate: d("2015-08-03"), CloseDate: d("2015-08-04"), CloseReason: "RC8", ClosureNotSeenReason: "NFA at referral."},
			[]string{"closure_summary"}},
		{"a closure authorised", &domain.Referral{ReferralDate: d("2015-08-03"), CloseDate: d("2015-08-04"), CloseReason: "RC8", ClosureSummary: "No role.",
			ClosureNotSeenReason: "NFA at referral.", ClosureAuthorisedDate: d("2015-08-05")}, []string{"closure_authorised_by_id"}},
		{"an assessment started", &domain.Assessment{StartDate: d("2015-08-04")}, nil},
		{"an assessment authorised", &domain.Assessment{StartDate: d("2015-08-04"), CompletedDate: d("2015-08-20"), AuthorisedDate: d("2015-08-21"),
			ChildSeenDate: d("2015-08-05"), SeenAlone: ptr(true), Factors: []string{"21"}, Outcomes: []string{"nfa"}, Analysis: "None.",
			ChronologyReviewedDate: d("2015-08-05"), HistoryAnalysis: "No history.", FamilySummary: "No worries."}, []string{"sources", "authorised_by_id"}},
		{"a strategy discussion", &domain.StrategyDiscussion{}, []string{"agencies", "information_shared", "decision"}},
		{"an enquiry under way", &domain.Section47Enquiry{StartDate: d("2015-08-04")}, nil},
		{"an enquiry closed", &domain.Section47Enquiry{StartDate: d("2015-08-04"), EndDate: d("2015-08-10")}, []string{"outcome"}},
		{"a conference", &domain.Conference{Type: "review", Decision: "continue_plan"}, []string{"agencies", "reports_shared_date", "risk_rating"}},
		{"a plan ended", &domain.CPPlan{StartDate: d("2015-08-04"), EndDate: d("2015-12-01")}, []string{"end_reason"}},
		{"a core group", &domain.CoreGroup{}, []string{"agencies", "risk_rating"}},
		{"a visit", &domain.Visit{Type: "cin", Date: d("2015-09-01")}, []string{"seen"}},
		{"a draft child in need plan", &domain.CINPlan{StartDate: d("2015-09-01")}, nil},
		{"a child in need plan signed off", &domain.CINPlan{StartDate: d("2015-09-01"), SignedOffDate: d("2015-09-02"), SignedOffByID: 4}, []string{"signed_off_date"}},
		{"a draft plan", &domain.Plan{Type: "cin"}, nil},
		{"a plan authorised", &domain.Plan{Type: "cin", AuthorisedDate: d("2015-09-02"), AuthorisedByID: 4, ChildsWords: "Fine.", Summary: "Help."}, []string{"actions"}},
		{"a management decision", &domain.ManagementDecision{}, nil},
	} {
		t.Run(tt.name, func(t *testing.T) { wantFields(t, rules.CheckChange(cr, tt.rec, nil), tt.want, "") })
	}
}
