package casework

import (
	"testing"

	"github.com/waymark-care/waymark/internal/domain"
)

// TestCheckStrategyDiscussion: police, health and children's social care
// take part, or the record says why not (AC-01).
func TestCheckStrategyDiscussion(t *testing.T) {
	all := []string{"childrens_social_care", "police", "health"}
	for _, tt := range []struct {
		name   string
		s      domain.StrategyDiscussion
		want   []string
		phrase string
	}{
		{"all three", domain.StrategyDiscussion{Agencies: all, InformationShared: "Police checks.", Decision: "Joint s47."}, nil, ""},
		{"no police or health", domain.StrategyDiscussion{Agencies: []string{"childrens_social_care", "education"}, InformationShared: "School.", Decision: "s47."},
			[]string{"missing_agency_reason"}, "Police and health did not take part"},
		{"no health, with a reason", domain.StrategyDiscussion{Agencies: []string{"childrens_social_care", "police"}, MissingAgencyReason: "GP unreachable; follow-up tomorrow.",
			InformationShared: "Police checks.", Decision: "s47."}, nil, ""},
		{"nothing recorded", domain.StrategyDiscussion{}, []string{"agencies", "information_shared", "decision"}, ""},
	} {
		t.Run(tt.name, func(t *testing.T) { wantFields(t, CheckStrategyDiscussion(&tt.s), tt.want, tt.phrase) })
	}
}

// TestCheckSection47Close: an enquiry cannot close without an outcome
// (AC-03).
func TestCheckSection47Close(t *testing.T) {
	for _, tt := range []struct {
		name string
		e    domain.Section47Enquiry
		want []string
	}{
		{"closed with an outcome", domain.Section47Enquiry{EndDate: d("2015-09-10"), Outcome: "not_substantiated"}, nil},
		{"closed without one", domain.Section47Enquiry{EndDate: d("2015-09-10")}, []string{"outcome"}},
		{"an outcome without an end", domain.Section47Enquiry{Outcome: "substantiated_icpc"}, []string{"end_date"}},
	} {
		t.Run(tt.name, func(t *testing.T) { wantFields(t, CheckSection47Close(&tt.e), tt.want, "") })
	}
}

// TestICPCTarget: the initial conference is due 15 working days after the
// strategy discussion that started the enquiry (CP-5, XC-01: from Fri 28 Aug
// 2015, Mon 21 Sep 2015), or the last of several.
func TestICPCTarget(t *testing.T) {
	cr := &domain.ChildRecord{
		Referrals: []domain.Referral{{Entity: ent(1), ReferralDate: d("2015-08-20")}},
		StrategyDiscussions: []domain.StrategyDiscussion{
			{Entity: ent(2), ReferralID: 1, HeldAt: at("2015-08-28 11:00"), StartSection47: true},
			{Entity: ent(3), ReferralID: 1, HeldAt: at("2015-10-05 11:00"), StartSection47: true},
		},
		Section47Enquiries: []domain.Section47Enquiry{
			{Entity: ent(4), ReferralID: 1, StrategyDiscussionID: 2, StartDate: d("2015-08-28")},
			{Entity: ent(5), ReferralID: 1, StrategyDiscussionID: 3, StartDate: d("2015-10-06")},
		},
	}
	for i, want := range []string{"2015-09-21", "2015-10-26"} {
		got, ok := rules.ICPCTarget(cr, &cr.Section47Enquiries[i])
		if !ok || got != d(want) {
			t.Errorf("enquiry %d: target %s (%v), want %s", cr.Section47Enquiries[i].ID, got, ok, want)
		}
	}
	if _, ok := rules.ICPCTarget(cr, &domain.Section47Enquiry{StartDate: d("2015-10-06")}); ok {
		t.Error("an enquiry not yet stored has a target")
	}
}

// TestPrepare derives the conference's target date and quorum and the
// plan's latest category.
func TestPrepare(t *testing.T) {
	cr := &domain.ChildRecord{
		StrategyDiscussions: []domain.StrategyDiscussion{{Entity: ent(2), ReferralID: 1, HeldAt: at("2015-08-28 11:00")}},
		Section47Enquiries:  []domain.Section47Enquiry{{Entity: ent(4), ReferralID: 1, StrategyDiscussionID: 2, StartDate: d("2015-08-28")}},
	}
	c := &domain.Conference{Type: "initial", S47EnquiryID: 4, Agencies: []string{"childrens_social_care", "police"}}
	rules.Prepare(cr, c)
	if c.TargetDate != d("2015-09-21") || c.Quorate == nil || *c.Quorate {
		t.Errorf("conference: target %s, quorate %v", c.TargetDate, c.Quorate)
	}
	c = &domain.Conference{Type: "initial", S47EnquiryID: 4, TargetDate: d("2015-09-18"), Agencies: []string{"childrens_social_care", "police", "health"}}
	rules.Prepare(cr, c)
	if c.TargetDate != d("2015-09-18") || !*c.Quorate {
		t.Errorf("a target already set was changed, or a quorate conference was not: %s %v", c.TargetDate, *c.Quorate)
	}
	p := &domain.CPPlan{InitialCategory: "NEG"}
	rules.Prepare(cr, p)
	if p.LatestCategory != "NEG" {
		t.Errorf("latest category %q", p.LatestCategory)
	}
}

// TestCheckConference: decision, attendance, the police report (AC-14),
// reports shared with parents (AC-15) and the risk rating (AC-18).
func TestCheckConference(t *testing.T) {
	held := func(c domain.Conference) *domain.Conference {
		c.Agencies, c.ReportsSharedDate, c.RiskRating = []string{"childrens_social_care", "police", "health"}, d("2015-09-16"), "high"
		return &c
	}
	for _, tt := range []struct {
		name   string
		c      *domain.Conference
		want   []string
		phrase string
	}{
		{"initial, complete", held(domain.Conference{Type: "initial", Decision: "cp_plan", PoliceReportOnTime: ptr(false)}), nil, ""},
		{"initial, police report not answered", held(domain.Conference{Type: "initial", Decision: "cp_plan"}), []string{"police_report_on_time"}, ""},
		{"review deciding an initial plan", held(domain.Conference{Type: "review", Decision: "cp_plan"}), []string{"decision"}, "A review conference cannot decide"},
		{"initial continuing a plan", held(domain.Conference{Type: "initial", Decision: "continue_plan", PoliceReportOnTime: ptr(true)}), []string{"decision"}, "An initial conference cannot decide"},
		{"review, complete", held(domain.Conference{Type: "review", Decision: "continue_plan"}), nil, ""},
		{"nothing recorded", &domain.Conference{Type: "review"}, []string{"agencies", "reports_shared_date", "risk_rating", "decision"}, ""},
	} {
		t.Run(tt.name, func(t *testing.T) { wantFields(t, CheckConference(tt.c), tt.want, tt.phrase) })
	}
}

func TestQuorate(t *testing.T) {
	for _, tt := range []struct {
		agencies []string
		want     bool
	}{
		{[]string{"childrens_social_care", "police", "health"}, true},
		{[]string{"childrens_social_care", "police"}, false},
		{[]string{"police", "health", "education"}, false},
	} {
		if got := Quorate(tt.agencies); got != tt.want {
			t.Errorf("Quorate(%v) = %v", tt.agencies, got)
		}
	}
}

// TestCheckCPPlanCoreGroupVisit: the plan starts at its conference and
// records why it ended (AC-17); core groups meet while it is in place
// (AC-18); visits record seen, seen alone and the bedroom (AC-19).
func TestCheckCPPlanCoreGroupVisit(t *testing.T) {
	cr := &domain.ChildRecord{
		Person:      domain.Person{DateOfBirth: d("2010-01-01")},
		Conferences: []domain.Conference{{Entity: ent(3), Type: "initial", Date: d("2015-09-18")}},
		CPPlans:     []domain.CPPlan{{Entity: ent(6), ConferenceID: 3, StartDate: d("2015-09-18"), EndDate: d("2016-03-01"), EndReason: "Risk reduced"}},
	}
	wantFields(t, CheckCPPlan(cr, &domain.CPPlan{ConferenceID: 3, StartDate: d("2015-09-18")}), nil, "")
	wantFields(t, CheckCPPlan(cr, &domain.CPPlan{ConferenceID: 3, StartDate: d("2015-09-21"), EndDate: d("2016-01-01")}),
		[]string{"start_date", "end_reason"}, "Fri 18 Sep 2015")

	wantFields(t, CheckCoreGroup(cr, &domain.CoreGroup{CPPlanID: 6, Date: d("2015-09-30"), Agencies: []string{"health"}, RiskRating: "medium"}), nil, "")
	wantFields(t, CheckCoreGroup(cr, &domain.CoreGroup{CPPlanID: 6, Date: d("2016-03-02")}), []string{"meeting_date", "agencies", "risk_rating"}, "")

	for _, tt := range []struct {
		name string
		v    domain.Visit
		want []string
	}{
		{"complete", domain.Visit{Type: "cp", Date: d("2015-10-01"), Seen: ptr(true), SeenAlone: ptr(false), BedroomSeen: ptr(true)}, nil},
		{"seen alone blank", domain.Visit{Type: "cp", Date: d("2015-10-01"), Seen: ptr(true), BedroomSeen: ptr(true)}, []string{"seen_alone"}},
		{"nothing answered", domain.Visit{Type: "cp", Date: d("2015-10-01")}, []string{"seen", "bedroom_seen"}},
		{"not seen", domain.Visit{Type: "cin", Date: d("2015-10-01"), Seen: ptr(false)}, nil},
	} {
		t.Run(tt.name, func(t *testing.T) { wantFields(t, CheckVisit(cr, &tt.v), tt.want, "") })
	}
	unborn := &domain.ChildRecord{Person: domain.Person{ExpectedBirth: d("2016-01-01")}}
	wantFields(t, CheckVisit(unborn, &domain.Visit{Type: "cp", Date: d("2015-10-01")}), nil, "")
}
