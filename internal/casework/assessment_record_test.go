package casework

import (
	"testing"

	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/domain"
)

// recorded is a child with an assessment whose every section is recorded,
// ready for a manager (AC-05, AC-08, AC-10).
func recorded() (*domain.ChildRecord, *domain.Assessment) {
	cr := base()
	cr.Assessments = []domain.Assessment{{Entity: ent(5), ReferralID: 2, StartDate: d("2015-08-04"), ChildSeenDate: d("2015-08-05"), SeenAlone: ptr(true),
		Factors: []string{"3B"}, Outcomes: []string{"provide_services"}, Analysis: "Needs support.", CompletedDate: d("2015-09-01"),
		AuthorisedDate: d("2015-09-02"), AuthorisedByID: 4, ChronologyReviewedDate: d("2015-08-06"),
		HistoryAnalysis: "Two earlier referrals for neglect.", FamilySummary: "We will help you with the children's routines."}}
	cr.AssessmentSources = []domain.AssessmentSource{{Entity: ent(6), AssessmentID: 5, Agency: "education", Consulted: "Class teacher", Date: d("2015-08-10"), Summary: "Often hungry."}}
	return cr, &cr.Assessments[0]
}

// TestAssessmentAuthorisation: authorising is refused while a mandatory
// section is empty, each with its own message (AC-05, AC-08, AC-10).
func TestAssessmentAuthorisation(t *testing.T) {
	for _, tt := range []struct {
		name   string
		change func(cr *domain.ChildRecord, a *domain.Assessment)
		want   []string
		phrase string
	}{
		{"every section recorded", func(*domain.ChildRecord, *domain.Assessment) {}, nil, ""},
		{"no sources", func(cr *domain.ChildRecord, _ *domain.Assessment) { cr.AssessmentSources = nil }, []string{"sources"}, "Record the sources consulted"},
		{"a source of another assessment", func(cr *domain.ChildRecord, _ *domain.Assessment) { cr.AssessmentSources[0].AssessmentID = 9 }, []string{"sources"}, ""},
		{"chronology not reviewed", func(_ *domain.ChildRecord, a *domain.Assessment) { a.ChronologyReviewedDate = civil.Date{} },
			[]string{"chronology_reviewed_date"}, "the date the child's chronology was reviewed"},
		{"chronology reviewed after authorisation", func(_ *domain.ChildRecord, a *domain.Assessment) { a.ChronologyReviewedDate = d("2015-09-03") },
			[]string{"chronology_reviewed_date"}, "before the assessment is authorised"},
		{"no history analysis", func(_ *domain.ChildRecord, a *domain.Assessment) { a.HistoryAnalysis = " " }, []string{"history_analysis"}, "analysis of the child's history"},
		{"no analysis of needs and risks", func(_ *domain.ChildRecord, a *domain.Assessment) { a.Analysis = "" }, []string{"analysis"}, "needs and the risks"},
		{"no summary for the family", func(_ *domain.ChildRecord, a *domain.Assessment) { a.FamilySummary = "" }, []string{"family_summary"}, "plain language for the family"},
		{"neglect, no tool, no reason", func(_ *domain.ChildRecord, a *domain.Assessment) { a.Factors = []string{"16A"} },
			[]string{"neglect_tool_reason"}, "Neglect was identified"},
		{"neglect, a reason", func(_ *domain.ChildRecord, a *domain.Assessment) {
			a.Factors, a.NeglectToolReason = []string{"16A"}, "Family refused to take part."
		}, nil, ""},
		{"neglect, the Graded Care Profile used", func(cr *domain.ChildRecord, a *domain.Assessment) {
			a.Factors = []string{"16A"}
			cr.AssessmentToolUses = []domain.AssessmentToolUse{{Entity: ent(7), AssessmentID: 5, Tool: "gcp2", Date: d("2015-08-20"), Score: ptr(4)}}
		}, nil, ""},
		{"neglect, only a tool that is not for neglect", func(cr *domain.ChildRecord, a *domain.Assessment) {
			a.Factors = []string{"16A"}
			cr.AssessmentToolUses = []domain.AssessmentToolUse{{Entity: ent(7), AssessmentID: 5, Tool: "signs_of_safety", Date: d("2015-08-20"), Score: ptr(4)}}
		}, []string{"neglect_tool_reason"}, ""},
		{"nothing of the record", func(cr *domain.ChildRecord, a *domain.Assessment) {
			cr.AssessmentSources = nil
			a.ChronologyReviewedDate, a.HistoryAnalysis, a.FamilySummary, a.Factors = civil.Date{}, "", "", []string{"16A"}
		}, []string{"sources", "chronology_reviewed_date", "history_analysis", "family_summary", "neglect_tool_reason"}, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			cr, a := recorded()
			tt.change(cr, a)
			wantFields(t, rules.CheckChange(cr, a, nil), tt.want, tt.phrase)
		})
	}
	// Completing it does not yet need the record's sections: authorising does.
	cr, a := recorded()
	cr.AssessmentSources = nil
	a.AuthorisedDate, a.AuthorisedByID, a.FamilySummary = civil.Date{}, 0, ""
	wantFields(t, rules.CheckChange(cr, a, nil), nil, "")
}

// TestCheckToolUse: a tool of the library, scored on its scale and rated
// from its ratings (AC-10).
func TestCheckToolUse(t *testing.T) {
	cr, _ := recorded()
	use := func(tool string, score *int, rating string) *domain.AssessmentToolUse {
		return &domain.AssessmentToolUse{AssessmentID: 5, Tool: tool, Date: d("2015-08-20"), Score: score, Rating: rating}
	}
	for _, tt := range []struct {
		name string
		u    *domain.AssessmentToolUse
		want []string
	}{
		{"graded care profile, level 3", use("gcp2", ptr(3), ""), nil},
		{"graded care profile, level 6", use("gcp2", ptr(6), ""), []string{"score"}},
		{"graded care profile, no level", use("gcp2", nil, ""), []string{"score"}},
		{"graded care profile, a rating", use("gcp2", ptr(2), "high"), []string{"rating"}},
		{"DASH, score and rating", use("dash", ptr(15), "high"), nil},
		{"DASH, a rating it has not", use("dash", ptr(15), "severe"), []string{"rating"}},
		{"CSE screening, rated", use("cse_screening", nil, "low"), nil},
		{"CSE screening, scored", use("cse_screening", ptr(2), "low"), []string{"score"}},
		{"Signs of Safety, 0", use("signs_of_safety", ptr(0), ""), nil},
		{"a tool not in the library", use("three_houses", ptr(1), ""), []string{"tool"}},
		{"used before the assessment started", &domain.AssessmentToolUse{AssessmentID: 5, Tool: "gcp2", Date: d("2015-08-01"), Score: ptr(2)}, []string{"used_date"}},
	} {
		t.Run(tt.name, func(t *testing.T) { wantFields(t, rules.CheckChange(cr, tt.u, nil), tt.want, "") })
	}
}

// TestToolTrends: a child's scores on each tool across assessments, the
// last use in each, and the change from one to the next (AC-10).
func TestToolTrends(t *testing.T) {
	cr := base()
	cr.AssessmentToolUses = []domain.AssessmentToolUse{
		{AssessmentID: 8, Tool: "gcp2", Date: d("2016-03-01"), Score: ptr(2)},
		{AssessmentID: 5, Tool: "gcp2", Date: d("2015-08-20"), Score: ptr(3)},
		{AssessmentID: 5, Tool: "gcp2", Date: d("2015-08-25"), Score: ptr(4)},
		{AssessmentID: 5, Tool: "cse_screening", Date: d("2015-08-25"), Rating: "low"},
	}
	trends := rules.ToolTrends(cr, d("2016-06-01"))
	if len(trends) != 2 || trends[0].Tool.Code != "gcp2" || len(trends[0].Scores) != 2 || *trends[0].Scores[0].Score != 4 {
		t.Fatalf("trends %+v", trends)
	}
	if change, ok := trends[0].Change(); !ok || change != -2 {
		t.Errorf("graded care profile change %d, %v; want -2", change, ok)
	}
	if _, ok := trends[1].Change(); ok {
		t.Error("a tool rated once has no change")
	}
	if trends := rules.ToolTrends(cr, d("2015-12-01")); len(trends[0].Scores) != 1 {
		t.Errorf("as at 1 Dec 2015: %+v", trends)
	}
}

// TestKeyEvent: a key event marks an event the child's chronology has
// (AC-08).
func TestKeyEvent(t *testing.T) {
	cr := base()
	wantFields(t, rules.CheckChange(cr, &domain.KeyEvent{RecordKind: "referral", RecordID: 2, EventDate: d("2015-08-03")}, nil), nil, "")
	wantFields(t, rules.CheckChange(cr, &domain.KeyEvent{RecordKind: "referral", RecordID: 2, EventDate: d("2015-08-04")}, nil), []string{"record_id"}, "no such event")
}
