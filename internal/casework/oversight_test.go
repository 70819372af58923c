package casework

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/waymark-care/waymark/internal/domain"
)

// child is a child born on a day, with an open referral.
func child(born string) *domain.ChildRecord {
	return &domain.ChildRecord{
		Person:    domain.Person{Entity: ent(1), Forename: "Ellie", DateOfBirth: d(born)},
		Referrals: []domain.Referral{{Entity: ent(2), ReferralDate: d("2015-02-02")}},
	}
}

// TestStrategyOverdue: a concern of significant harm marked on a referral
// starts a clock; the strategy discussion is due the same working day for
// immediate risk and the next otherwise (AC-02, CP-3, strategy.deadline).
func TestStrategyOverdue(t *testing.T) {
	for _, tt := range []struct {
		name   string
		level  string
		raised string // Fri 6 Mar 2015
		held   string // "" for none
		want   string // "" for none on the list
	}{
		{"reasonable cause, held the next working day", "reasonable_cause", "2015-03-06 16:00", "2015-03-09 10:00", ""},
		{"immediate risk, held the same day", "immediate_risk", "2015-03-06 16:00", "2015-03-06 18:30", ""},
		{"immediate risk, held the next working day", "immediate_risk", "2015-03-06 16:00", "2015-03-09 10:00", "Held Mon 9 Mar 2015, 3 days late"},
		{"reasonable cause, not held", "reasonable_cause", "2015-03-06 16:00", "", "Not yet held: strategy discussion due Mon 9 Mar 2015"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			cr := child("2010-05-14")
			cr.HarmConcerns = []domain.HarmConcern{{Entity: ent(3), ReferralID: 2, RaisedAt: at(tt.raised), Level: tt.level, Concern: "Bruising."}}
			if tt.held != "" {
				cr.StrategyDiscussions = []domain.StrategyDiscussion{{Entity: ent(4), ReferralID: 2, HeldAt: at(tt.held)}}
			}
			found := rules.Find(StrategyOverdue, cr, DefaultWindow(d("2015-03-20")))
			switch {
			case tt.want == "" && len(found) > 0:
				t.Errorf("listed: %+v", found)
			case tt.want != "" && (len(found) != 1 || !strings.HasPrefix(found[0].Detail, tt.want) || found[0].Record.Kind != "harm_concern"):
				t.Errorf("found %+v, want one saying %q", found, tt.want)
			}
		})
	}
}

// TestSection47TrainingWarning: a worker leading a section 47 enquiry has
// current child protection and joint investigation training, which lasts
// training.expiry (36 months) unless the certificate says otherwise; the
// enquiry goes ahead with a warning (AC-04).
func TestSection47TrainingWarning(t *testing.T) {
	r := rules
	r.Training = []domain.TrainingRecord{
		{ProfessionalID: 10, Course: "child_protection", CompletedDate: d("2012-06-01")},
		{ProfessionalID: 10, Course: "joint_investigation", CompletedDate: d("2014-01-10")},
		{ProfessionalID: 11, Course: "child_protection", CompletedDate: d("2015-01-05")},
		{ProfessionalID: 11, Course: "joint_investigation", CompletedDate: d("2015-01-05"), ExpiryDate: d("2015-04-30")},
	}
	for _, tt := range []struct {
		worker int64
		start  string
		want   string
	}{
		{10, "2015-06-01", ""},
		{10, "2015-06-02", "no current child protection training on Tue 2 Jun 2015"},
		{11, "2015-04-30", ""},
		{11, "2015-05-01", "no current joint investigation training"},
		{12, "2015-05-01", "no current child protection and joint investigation training"},
		{0, "2015-05-01", ""}, // not yet allocated
	} {
		got := r.Section47TrainingWarning(&domain.Section47Enquiry{ProfessionalID: tt.worker, StartDate: d(tt.start)})
		if tt.want == "" && got != "" || !strings.Contains(got, tt.want) {
			t.Errorf("worker %d on %s: %q, want %q", tt.worker, tt.start, got, tt.want)
		}
	}
	cr := child("2010-05-14")
	cr.Section47Enquiries = []domain.Section47Enquiry{{Entity: ent(5), ProfessionalID: 12, StartDate: d("2015-05-01")}}
	if found := r.Find(Section47Untrained, cr, DefaultWindow(d("2015-06-01"))); len(found) != 1 {
		t.Errorf("list: %+v", found)
	}
}

// TestCheckChildsVoice: the child's voice is part of one of the child's
// records, and a baby's is what was observed (AC-09).
func TestCheckChildsVoice(t *testing.T) {
	cr := child("2014-09-01")
	cr.Visits = []domain.Visit{{Entity: ent(6), Date: d("2015-03-02")}}
	for _, tt := range []struct {
		name string
		v    domain.ChildsVoice
		want []string
	}{
		{"observed at a visit", domain.ChildsVoice{RecordKind: "visit", RecordID: 6, Method: "observation", Date: d("2015-03-02")}, nil},
		{"a baby's own words", domain.ChildsVoice{RecordKind: "visit", RecordID: 6, Method: "childs_words", Date: d("2015-03-02")}, []string{"method"}},
		{"no such visit", domain.ChildsVoice{RecordKind: "visit", RecordID: 9, Method: "observation", Date: d("2015-03-02")}, []string{"record_id"}},
	} {
		t.Run(tt.name, func(t *testing.T) { wantFields(t, CheckChildsVoice(cr, &tt.v), tt.want, "") })
	}
	if err := domain.Validate(&domain.ChildsVoice{PersonID: 1, RecordKind: "visit", RecordID: 6, Method: "tool", Date: d("2015-03-02"), ByID: 3, Content: "Drew a house."}); err == nil || !strings.Contains(err.Error(), "tool") {
		t.Errorf("a tool without its name: %v", err)
	}
}

// coreGroupChild has a child protection plan, its written plan with one
// action, a core group on Mon 2 Mar 2015, and at it a health update asked
// for on the action.
func coreGroupChild() *domain.ChildRecord {
	cr := child("2010-05-14")
	cr.CPPlans = []domain.CPPlan{{Entity: ent(7), ReferralID: 2, StartDate: d("2015-02-16")}}
	cr.Plans = []domain.Plan{{Entity: ent(8), Type: "cp", CPPlanID: 7, StartDate: d("2015-02-16")}}
	cr.PlanActions = []domain.PlanAction{{Entity: ent(9), PlanID: 8, What: "Attend every health appointment", ByWhen: d("2015-05-01"), Status: "in_progress"}}
	cr.CoreGroups = []domain.CoreGroup{{Entity: ent(10), CPPlanID: 7, Date: d("2015-03-02")}}
	cr.CoreGroupActions = []domain.CoreGroupAction{{Entity: ent(11), CoreGroupID: 10, PlanActionID: 9, Status: "in_progress", Agency: "health", UpdateRequestedDate: d("2015-03-02")}}
	return cr
}

// TestAgencyUpdatesOverdue: an update asked of an agency at a core group is
// overdue 5 working days later (coregroup.update_overdue_wd), while the plan
// lasts (AC-18).
func TestAgencyUpdatesOverdue(t *testing.T) {
	for _, tt := range []struct {
		name   string
		day    string
		change func(*domain.ChildRecord)
		want   bool
	}{
		{"due Mon 9 Mar", "2015-03-09", nil, false},
		{"overdue the day after", "2015-03-10", nil, true},
		{"received", "2015-03-10", func(cr *domain.ChildRecord) { cr.CoreGroupActions[0].UpdateReceivedDate = d("2015-03-06") }, false},
		{"received later", "2015-03-10", func(cr *domain.ChildRecord) { cr.CoreGroupActions[0].UpdateReceivedDate = d("2015-03-12") }, true},
		{"plan ended", "2015-03-10", func(cr *domain.ChildRecord) { cr.CPPlans[0].EndDate = d("2015-03-09") }, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			cr := coreGroupChild()
			if tt.change != nil {
				tt.change(cr)
			}
			found := rules.Find(AgencyUpdatesOverdue, cr, DefaultWindow(d(tt.day)))
			if got := len(found) == 1; got != tt.want {
				t.Errorf("listed %v, want %v: %+v", got, tt.want, found)
			}
			if tt.want && (found[0].Due != d("2015-03-09") || !strings.Contains(found[0].Detail, "Attend every health appointment")) {
				t.Errorf("entry %+v", found[0])
			}
		})
	}
	cr := coreGroupChild()
	cr.Plans = append(cr.Plans, domain.Plan{Entity: ent(12), Type: "cin", StartDate: d("2014-01-06")})
	cr.PlanActions = append(cr.PlanActions, domain.PlanAction{Entity: ent(13), PlanID: 12})
	wantFields(t, CheckCoreGroupAction(cr, &domain.CoreGroupAction{CoreGroupID: 10, PlanActionID: 13}), []string{"plan_action_id"}, "")
}

// TestCheckAdvocacy: a child aged 8 or over (advocacy.min_age) who is the
// subject of a conference is offered an advocate, and the conference says
// so (AC-20).
func TestCheckAdvocacy(t *testing.T) {
	for _, tt := range []struct {
		born    string
		offered *bool
		want    []string
	}{
		{"2007-03-03", nil, []string{"advocacy_offered"}}, // 8 on the day
		{"2007-03-04", nil, nil},                          // 7
		{"2007-03-03", ptr(false), nil},
	} {
		phrase := ""
		if tt.want != nil {
			phrase = "Ellie, aged 8"
		}
		wantFields(t, rules.CheckAdvocacy(child(tt.born), &domain.Conference{Date: d("2015-03-03"), AdvocacyOffered: tt.offered}), tt.want, phrase)
	}
}

// TestEscalationsUnresolved: a chair's escalation not resolved by its
// response date is listed (AC-20).
func TestEscalationsUnresolved(t *testing.T) {
	cr := child("2010-05-14")
	cr.ChairEscalations = []domain.ChairEscalation{
		{Entity: ent(14), Date: d("2015-03-02"), IssueType: "agency_non_compliance", EscalatedTo: "Named nurse", ResponseDue: d("2015-03-16")},
		{Entity: ent(15), Date: d("2015-03-02"), IssueType: "drift", EscalatedTo: "Service manager", ResponseDue: d("2015-03-16"), ResolvedDate: d("2015-03-10")},
	}
	if found := rules.Find(EscalationsUnresolved, cr, DefaultWindow(d("2015-03-16"))); len(found) != 0 {
		t.Errorf("on the response day: %+v", found)
	}
	found := rules.Find(EscalationsUnresolved, cr, DefaultWindow(d("2015-03-17")))
	if len(found) != 1 || found[0].Record.ID != 14 || !strings.HasPrefix(found[0].Detail, "An agency not doing its part, escalated to Named nurse") {
		t.Errorf("the day after: %+v", found)
	}
}

// TestDriftFlags: each drift rule, and the review that answers them (AC-21).
func TestDriftFlags(t *testing.T) {
	onPlan := func() *domain.ChildRecord {
		cr := child("2010-05-14")
		cr.CPPlans = []domain.CPPlan{{Entity: ent(7), ReferralID: 2, StartDate: d("2014-01-06")}}
		cr.Plans = []domain.Plan{{Entity: ent(8), Type: "cp", CPPlanID: 7, StartDate: d("2014-01-06"), AuthorisedDate: d("2014-01-06")}}
		cr.ManagementDecisions = []domain.ManagementDecision{{Entity: ent(20), Date: d("2014-12-15"), Decision: "Continue"}}
		for i, v := range []string{"2014-12-01", "2014-12-12", "2014-12-24", "2015-01-05"} {
			cr.Visits = append(cr.Visits, domain.Visit{Entity: ent(30 + int64(i)), Type: "cp", Date: d(v), Seen: ptr(true)})
		}
		return cr
	}
	rulesOf := func(fs []DriftFlag) []string {
		var out []string
		for _, f := range fs {
			out = append(out, f.Rule+"@"+f.Since.String())
		}
		return out
	}
	for _, tt := range []struct {
		name   string
		day    string
		change func(*domain.ChildRecord)
		want   []string
	}{
		{"a plan of 12 months", "2015-01-06", nil, nil},
		{"a plan of more than 12 months", "2015-01-07", nil, []string{"cp_plan_long@2015-01-07"}},
		{"three actions overdue", "2015-01-07", func(cr *domain.ChildRecord) {
			for i, by := range []string{"2014-11-01", "2014-12-01", "2014-12-20"} {
				cr.PlanActions = append(cr.PlanActions, domain.PlanAction{Entity: ent(40 + int64(i)), PlanID: 8, ByWhen: d(by), Status: "in_progress"})
			}
			cr.PlanActions = append(cr.PlanActions, domain.PlanAction{Entity: ent(43), PlanID: 8, ByWhen: d("2014-10-01"), Status: "done"})
		}, []string{"cp_plan_long@2015-01-07", "overdue_actions@2014-12-21"}},
		{"not seen", "2015-01-20", nil, []string{"cp_plan_long@2015-01-07", "not_seen@2015-01-20"}},
		{"no oversight for 3 months", "2015-03-16", func(cr *domain.ChildRecord) {
			cr.Visits = append(cr.Visits, domain.Visit{Entity: ent(35), Type: "cp", Date: d("2015-01-15"), Seen: ptr(true)},
				domain.Visit{Entity: ent(36), Type: "cp", Date: d("2015-01-28"), Seen: ptr(true)},
				domain.Visit{Entity: ent(37), Type: "cp", Date: d("2015-02-10"), Seen: ptr(true)},
				domain.Visit{Entity: ent(38), Type: "cp", Date: d("2015-02-23"), Seen: ptr(true)},
				domain.Visit{Entity: ent(39), Type: "cp", Date: d("2015-03-06"), Seen: ptr(true)})
		}, []string{"cp_plan_long@2015-01-07", "no_oversight@2015-03-16"}},
		{"off the plan", "2015-03-16", func(cr *domain.ChildRecord) { cr.CPPlans[0].EndDate = d("2015-01-02") }, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			cr := onPlan()
			if tt.change != nil {
				tt.change(cr)
			}
			if got := rulesOf(rules.DriftFlags(cr, d(tt.day))); !slices.Equal(got, tt.want) {
				t.Errorf("flags %v, want %v", got, tt.want)
			}
		})
	}

	// A service manager's drift review answers the flags holding that day,
	// and takes the case off the list; a flag raised later puts it back.
	cr := onPlan()
	w := DefaultWindow(d("2015-01-08"))
	if found := rules.Find(DriftReview, cr, w); len(found) != 1 || found[0].Record.Kind != "cp_plan" || !strings.HasPrefix(found[0].Detail, "On a child protection plan since Mon 6 Jan 2014") {
		t.Fatalf("before the review: %+v", found)
	}
	review := domain.ManagementDecision{Entity: ent(21), Date: d("2015-01-08"), Decision: "Plan to continue: risk reducing", DriftReview: true}
	rules.Prepare(cr, &review)
	if !slices.Equal(review.DriftFlags, []string{"cp_plan_long"}) {
		t.Errorf("review answers %v", review.DriftFlags)
	}
	cr.ManagementDecisions = append(cr.ManagementDecisions, review)
	if found := rules.Find(DriftReview, cr, w); len(found) != 0 {
		t.Errorf("after the review: %+v", found)
	}
	if found := rules.Find(DriftReview, cr, DefaultWindow(d("2015-01-20"))); len(found) != 1 || !strings.HasPrefix(found[0].Detail, "Not seen") {
		t.Errorf("a flag after the review: %+v", found)
	}
	if got := LastOversight(cr, d("2015-01-20")); got != d("2015-01-08") {
		t.Errorf("last oversight %s", got)
	}
}

// TestMeasure: oversight's measures for a quarter, for the South team
// (AC-02, AC-04, AC-09, AC-15, AC-18, AC-20, AC-21).
func TestMeasure(t *testing.T) {
	cr := coreGroupChild()
	cr.Person.DateOfBirth = d("2006-01-10") // 9: offered an advocate
	cr.HarmConcerns = []domain.HarmConcern{{Entity: ent(3), ReferralID: 2, RaisedAt: at("2015-09-04 16:00"), Level: "immediate_risk"}}
	cr.StrategyDiscussions = []domain.StrategyDiscussion{{Entity: ent(4), ReferralID: 2, HeldAt: at("2015-09-07 10:00")}}
	cr.Section47Enquiries = []domain.Section47Enquiry{{Entity: ent(5), ReferralID: 2, StartDate: d("2015-09-07"), ProfessionalID: 81}}
	cr.Assessments = []domain.Assessment{{Entity: ent(6), ReferralID: 2, AuthorisedDate: d("2015-09-20"), Factors: []string{"16A"}},
		{Entity: ent(50), ReferralID: 2, AuthorisedDate: d("2015-03-20")}}
	cr.ChildsVoices = []domain.ChildsVoice{{Entity: ent(40), RecordKind: "assessment", RecordID: 6}}
	// A Signs of Safety score of 6 at the first assessment and 4 at the
	// second; no chronology review and no neglect tool (AC-08, AC-10).
	cr.AssessmentToolUses = []domain.AssessmentToolUse{{Entity: ent(51), AssessmentID: 50, Tool: "signs_of_safety", Date: d("2015-03-10"), Score: ptr(6)},
		{Entity: ent(52), AssessmentID: 6, Tool: "signs_of_safety", Date: d("2015-09-10"), Score: ptr(4)}}
	cr.Conferences = []domain.Conference{{Entity: ent(41), ReferralID: 2, Type: "review", Date: d("2015-10-05"), AdvocacyOffered: ptr(true), AdvocacyTakenUp: ptr(true), ChairVisitDate: d("2015-10-12")}}
	// The review's report reached the mother on time, the father (Polish,
	// with an interpreter booked) a day late (AC-15).
	cr.ConferenceParents = []domain.ConferenceParent{{Entity: ent(43), ConferenceID: 41, ParentID: 44, Language: "English", ReportSharedDate: d("2015-09-28")},
		{Entity: ent(45), ConferenceID: 41, ParentID: 46, Language: "Polish", ReportSharedDate: d("2015-09-29"), InterpreterBookedDate: d("2015-09-21")}}
	cr.CoreGroupActions[0].UpdateRequestedDate = d("2015-09-14") // due 21 Sep, never received
	cr.ChairEscalations = []domain.ChairEscalation{{Entity: ent(42), Date: d("2015-09-01"), ResponseDue: d("2015-09-15"), ResolvedDate: d("2015-09-14")}}
	other := allocated(coreGroupChild(), 9, 80, 71, "Zoe") // the North team's
	r := rules
	r.Training = []domain.TrainingRecord{{ProfessionalID: 81, Course: "child_protection", CompletedDate: d("2014-01-06")}}
	m, err := r.Measure(context.Background(), &fakeStore{children: []*domain.ChildRecord{allocated(cr, 1, 81, 72, "Ellie"), other}},
		d("2015-09-01"), d("2015-11-30"), Filter{Team: 72}, authority())
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name      string
		got, want Ratio
	}{
		{"strategy discussions in time", m.StrategyInTime, Ratio{0, 1}},
		{"s47 led by a trained worker", m.TrainedLead, Ratio{0, 1}},
		{"assessments with the child's voice", m.Voice["assessment"], Ratio{1, 1}},
		{"reviews with the child's voice", m.Voice["review"], Ratio{0, 1}},
		{"agency updates on time", m.AgencyUpdates, Ratio{0, 1}},
		{"escalations resolved in time", m.EscalationsResolvedInTime, Ratio{1, 1}},
		{"advocacy offered", m.Advocacy, Ratio{1, 1}},
		{"chair visits", m.ChairVisits, Ratio{1, 1}},
		{"reports shared with parents in time", m.ReportsInTime, Ratio{0, 1}},
		{"translation or interpreter where needed", m.LanguageSupport, Ratio{1, 1}},
		{"open cases with a current summary", m.SummaryCurrent, Ratio{0, 1}},
		{"assessments recording a chronology review", m.ChronologyReviewed, Ratio{0, 1}},
		{"assessments with neglect that used a neglect tool", m.NeglectToolUsed, Ratio{0, 1}},
	} {
		if tt.got != tt.want {
			t.Errorf("%s: %+v, want %+v", tt.name, tt.got, tt.want)
		}
	}
	if m.ScoreTrends["signs_of_safety"] != (ScoreTrend{Tool: "Signs of Safety scaling", Down: 1}) {
		t.Errorf("score trends %+v", m.ScoreTrends)
	}
	if m.AdvocacyRequests != 1 || m.Escalations != 1 || m.EscalationsOpen != 0 || m.StrategyWD.Median() != 1 || m.DriftFlagged != 1 {
		t.Errorf("measures %+v", m)
	}
}
