package casework

import (
	"testing"

	"github.com/waymark-care/waymark/internal/domain"
)

func smartAction(id, plan int64) domain.PlanAction {
	return domain.PlanAction{Entity: ent(id), PlanID: plan, What: "Attend the parenting course", Who: "Mother",
		ByWhen: d("2015-11-30"), HowWeWillKnow: "Certificate of attendance", Status: "in_progress"}
}

// TestCheckPlanAuthorisation: a plan is authorised only with SMART actions,
// the child's words and a plain-language summary (AC-12, XC-03).
func TestCheckPlanAuthorisation(t *testing.T) {
	plan := domain.Plan{Entity: ent(10), Type: "cin", CINPlanID: 5, StartDate: d("2015-10-01"), ChildsWords: "I want the shouting to stop.",
		Summary: "Mum will go to a course; school will check attendance.", AuthorisedByID: 4, AuthorisedDate: d("2015-10-02")}
	incomplete := smartAction(12, 10)
	incomplete.HowWeWillKnow = "" // imported from an older system
	for _, tt := range []struct {
		name    string
		plan    domain.Plan
		actions []domain.PlanAction
		want    []string
	}{
		{"complete", plan, []domain.PlanAction{smartAction(11, 10)}, nil},
		{"no actions", plan, nil, []string{"actions"}},
		{"an action without how we will know", plan, []domain.PlanAction{smartAction(11, 10), incomplete}, []string{"actions"}},
		{"another plan's actions", plan, []domain.PlanAction{smartAction(11, 99)}, []string{"actions"}},
		{"no words, summary or manager", domain.Plan{Entity: ent(10), Type: "cin"}, []domain.PlanAction{smartAction(11, 10)},
			[]string{"childs_words", "summary", "authorised_by_id"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			cr := &domain.ChildRecord{PlanActions: tt.actions}
			wantFields(t, CheckPlanAuthorisation(cr, &tt.plan), tt.want, "")
		})
	}
}

// TestCheckCINPlanSignOff: a child in need plan counts only once a manager
// signs it off, which needs a written plan with SMART actions (AC-11, XC-03).
func TestCheckCINPlanSignOff(t *testing.T) {
	signed := &domain.CINPlan{Entity: ent(5), StartDate: d("2015-10-01"), SignedOffDate: d("2015-10-05"), SignedOffByID: 4}
	written := domain.Plan{Entity: ent(10), Type: "cin", CINPlanID: 5, StartDate: d("2015-10-01")}
	for _, tt := range []struct {
		name string
		cr   domain.ChildRecord
		p    *domain.CINPlan
		want []string
	}{
		{"written with actions", domain.ChildRecord{Plans: []domain.Plan{written}, PlanActions: []domain.PlanAction{smartAction(11, 10)}}, signed, nil},
		{"written without actions", domain.ChildRecord{Plans: []domain.Plan{written}}, signed, []string{"signed_off_date"}},
		{"not written", domain.ChildRecord{}, signed, []string{"signed_off_date"}},
		{"no manager", domain.ChildRecord{Plans: []domain.Plan{written}, PlanActions: []domain.PlanAction{smartAction(11, 10)}},
			&domain.CINPlan{Entity: ent(5), StartDate: d("2015-10-01"), SignedOffDate: d("2015-10-05")}, []string{"signed_off_by_id"}},
	} {
		t.Run(tt.name, func(t *testing.T) { wantFields(t, CheckCINPlanSignOff(&tt.cr, tt.p), tt.want, "") })
	}
	if CINPlanSignedOff(&domain.CINPlan{}, d("2015-10-05")) || !CINPlanSignedOff(signed, d("2015-10-05")) || CINPlanSignedOff(signed, d("2015-10-04")) {
		t.Error("CINPlanSignedOff")
	}
}
