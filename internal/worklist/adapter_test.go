package worklist

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/domain"
	"github.com/waymark-care/waymark/internal/timescales"
)

var d = civil.MustParse

func ptr[T any](v T) *T { return &v }

func ent(id int64) domain.Entity { return domain.Entity{ID: id} }

// describe writes an event as the tests expect it:
// "kind date ref [type] [seen] [@HH:MMZ]".
func describe(e timescales.Event) string {
	s := fmt.Sprintf("%s %s %s", e.Kind, e.On, e.Ref)
	if e.Type != "" {
		s += " " + e.Type
	}
	if e.Seen {
		s += " seen"
	}
	if !e.At.IsZero() {
		s += " @" + e.At.UTC().Format("15:04Z")
	}
	return s
}

// TestCaseOf translates each kind of record (docs/timescales.md "From
// records to events"; requirements XC-01, XC-02).
func TestCaseOf(t *testing.T) {
	utc := func(s string) time.Time {
		at, err := time.Parse("2006-01-02 15:04", s)
		if err != nil {
			panic(err)
		}
		return at
	}
	tests := []struct {
		name string
		cr   domain.ChildRecord
		want []string
	}{
		{
			name: "contact, with its instant",
			cr:   domain.ChildRecord{Contacts: []domain.Contact{{Entity: ent(1), ContactAt: utc("2019-01-07 09:00")}}},
			want: []string{"contact 2019-01-07 contact/1 @09:00Z"},
		},
		{
			name: "referral decided by the contact's screening decision (CP-1)",
			cr: domain.ChildRecord{
				Contacts:  []domain.Contact{{Entity: ent(1), ContactAt: utc("2019-01-07 09:00"), Decision: "referral", DecisionAt: utc("2019-01-08 14:00")}},
				Referrals: []domain.Referral{{Entity: ent(2), ContactID: 1, ReferralDate: d("2019-01-07")}},
				Assessments: []domain.Assessment{{Entity: ent(3), ReferralID: 2, StartDate: d("2019-01-09"),
					CompletedDate: d("2019-02-28"), AuthorisedDate: d("2019-03-01")}},
			},
			want: []string{
				"contact 2019-01-07 contact/1 @09:00Z",
				"referral 2019-01-07 referral/2", "referral_decision 2019-01-08 contact/1",
				"assessment_start 2019-01-09 assessment/3", "assessment_authorised 2019-03-01 assessment/3",
			},
		},
		{
			name: "referral decided by an earlier strategy discussion; a decision before the referral does not count",
			cr: domain.ChildRecord{
				Contacts:            []domain.Contact{{Entity: ent(1), ContactAt: utc("2019-01-04 09:00"), Decision: "referral", DecisionAt: utc("2019-01-04 10:00")}},
				Referrals:           []domain.Referral{{Entity: ent(2), ContactID: 1, ReferralDate: d("2019-01-07")}},
				StrategyDiscussions: []domain.StrategyDiscussion{{Entity: ent(4), ReferralID: 2, HeldAt: utc("2019-01-07 11:00")}},
				Assessments:         []domain.Assessment{{Entity: ent(3), ReferralID: 2, StartDate: d("2019-01-09")}},
			},
			want: []string{
				"contact 2019-01-04 contact/1 @09:00Z",
				"referral 2019-01-07 referral/2", "referral_decision 2019-01-07 strategy_discussion/4",
				"assessment_start 2019-01-09 assessment/3",
				"strategy_discussion 2019-01-07 strategy_discussion/4 @11:00Z",
			},
		},
		{
			name: "referral closed with no further action",
			cr:   domain.ChildRecord{Referrals: []domain.Referral{{Entity: ent(2), ReferralDate: d("2019-01-07"), NFA: true, CloseDate: d("2019-01-09"), CloseReason: "RC8"}}},
			want: []string{"referral 2019-01-07 referral/2", "referral_decision 2019-01-09 referral/2"},
		},
		{
			name: "strategy discussions: one concern for a phone call and a meeting, held on the day in England",
			cr: domain.ChildRecord{StrategyDiscussions: []domain.StrategyDiscussion{
				{Entity: ent(5), ReferralID: 2, ConcernDate: d("2019-06-30"), HeldAt: utc("2019-06-30 23:30")},
				{Entity: ent(6), ReferralID: 2, ConcernDate: d("2019-06-30"), HeldAt: utc("2019-07-03 10:00")},
				{Entity: ent(7), ReferralID: 2, HeldAt: utc("2019-08-01 10:00")},
			}},
			want: []string{
				"harm_concern 2019-06-30 strategy_discussion/5",
				"strategy_discussion 2019-07-01 strategy_discussion/5 @23:30Z",
				"strategy_discussion 2019-07-03 strategy_discussion/6 @10:00Z",
				"strategy_discussion 2019-08-01 strategy_discussion/7 @10:00Z",
			},
		},
		{
			name: "section 47 enquiries and their outcomes; an end with no outcome recorded still ends it",
			cr: domain.ChildRecord{Section47Enquiries: []domain.Section47Enquiry{
				{Entity: ent(8), StartDate: d("2019-01-08"), EndDate: d("2019-01-25"), Outcome: "substantiated_icpc"},
				{Entity: ent(9), StartDate: d("2019-03-08"), EndDate: d("2019-03-20"), Outcome: "not_substantiated"},
				{Entity: ent(10), StartDate: d("2019-05-08")},
				{Entity: ent(11), StartDate: d("2019-07-08"), EndDate: d("2019-07-19")},
			}},
			want: []string{
				"s47_start 2019-01-08 section47_enquiry/8", "s47_outcome 2019-01-25 section47_enquiry/8",
				"s47_start 2019-03-08 section47_enquiry/9", "s47_outcome 2019-03-20 section47_enquiry/9 no_icpc",
				"s47_start 2019-05-08 section47_enquiry/10",
				"s47_start 2019-07-08 section47_enquiry/11", "s47_outcome 2019-07-19 section47_enquiry/11",
			},
		},
		{
			name: "conferences: initial, pre-birth and review; a transfer-in starts no clock",
			cr: domain.ChildRecord{Conferences: []domain.Conference{
				{Entity: ent(11), Type: "initial", Date: d("2019-01-28")},
				{Entity: ent(12), Type: "pre_birth_initial", Date: d("2019-02-28")},
				{Entity: ent(13), Type: "review", Date: d("2019-04-26")},
				{Entity: ent(14), Type: "transfer_in", Date: d("2019-05-26")},
			}},
			want: []string{
				"icpc 2019-01-28 conference/11", "icpc 2019-02-28 conference/12", "review_conference 2019-04-26 conference/13",
			},
		},
		{
			name: "child protection plans and core groups; another authority's plan is its own to time",
			cr: domain.ChildRecord{
				CPPlans: []domain.CPPlan{
					{Entity: ent(15), StartDate: d("2019-01-28"), EndDate: d("2019-08-30")},
					{Entity: ent(16), StartDate: d("2020-01-28"), OtherAuthority: true},
				},
				CoreGroups: []domain.CoreGroup{{Entity: ent(17), CPPlanID: 15, Date: d("2019-02-08")}},
			},
			want: []string{
				"cp_plan_start 2019-01-28 cp_plan/15", "cp_plan_end 2019-08-30 cp_plan/15", "core_group 2019-02-08 core_group/17",
			},
		},
		{
			name: "visits by type, seen only when recorded as seen",
			cr: domain.ChildRecord{Visits: []domain.Visit{
				{Entity: ent(20), Type: "cp", Date: d("2019-02-01"), Seen: ptr(true)},
				{Entity: ent(21), Type: "cin", Date: d("2019-02-02"), Seen: ptr(false)},
				{Entity: ent(22), Type: "cla", Date: d("2019-02-03")},
				{Entity: ent(23), Type: "care_leaver", Date: d("2019-02-04"), Seen: ptr(true)},
				{Entity: ent(24), Type: "private_fostering", Date: d("2019-02-05"), Seen: ptr(true)},
				{Entity: ent(25), Type: "adoption", Date: d("2019-02-06"), Seen: ptr(true)},
				{Entity: ent(26), Type: "iro", Date: d("2019-02-07"), Seen: ptr(true)},
			}},
			want: []string{
				"cp_visit 2019-02-01 visit/20 seen", "cin_visit 2019-02-02 visit/21", "cla_visit 2019-02-03 visit/22",
				"pa_visit 2019-02-04 visit/23 seen", "pf_visit 2019-02-05 visit/24 seen", "adoption_visit 2019-02-06 visit/25 seen",
			},
		},
		{
			name: "CIN plans and reviews",
			cr: domain.ChildRecord{
				CINPlans:       []domain.CINPlan{{Entity: ent(30), StartDate: d("2019-03-01"), EndDate: d("2019-08-30")}},
				CINPlanReviews: []domain.CINPlanReview{{Entity: ent(31), CINPlanID: 30, Date: d("2019-04-12")}},
			},
			want: []string{"cin_plan_start 2019-03-01 cin_plan/30", "cin_plan_end 2019-08-30 cin_plan/30", "cin_review 2019-04-12 cin_plan_review/31"},
		},
		{
			name: "a period of care, its episodes and placements with their types",
			cr: domain.ChildRecord{
				CareEpisodes: []domain.CareEpisode{
					{Entity: ent(41), PeriodStart: d("2019-09-02"), StartDate: d("2019-11-21"), LegalStatus: "C2", PlacementID: 50, EndDate: d("2020-03-15"), ReasonEnded: "X1"},
					{Entity: ent(40), PeriodStart: d("2019-09-02"), StartDate: d("2019-09-02"), LegalStatus: "C1", PlacementID: 50, EndDate: d("2019-11-20"), ReasonEnded: "X1"},
					{Entity: ent(42), PeriodStart: d("2019-09-02"), StartDate: d("2020-03-16"), LegalStatus: "C2", PlacementID: 51, EndDate: d("2021-01-10"), ReasonEnded: "E4A"},
				},
				Placements: []domain.Placement{
					{Entity: ent(50), StartDate: d("2019-09-02"), EndDate: d("2020-03-15"), Type: "P1", PlacementPlanDate: d("2019-09-02"), NotificationDate: d("2019-09-04")},
					{Entity: ent(51), StartDate: d("2020-03-16"), EndDate: d("2021-01-10"), Type: "U4", IntendedToEighteen: true},
				},
			},
			want: []string{
				"became_looked_after 2019-09-02 care_episode/40", "ceased_looked_after 2021-01-10 care_episode/42",
				"placement_start 2019-09-02 placement/50 with_parent_ico", "placement_end 2020-03-15 placement/50",
				"placement_plan 2019-09-02 placement/50", "placement_notification 2019-09-04 placement/50",
				"placement_start 2020-03-16 placement/51 long_term", "placement_end 2021-01-10 placement/51",
			},
		},
		{
			name: "placed with parent under a care order",
			cr: domain.ChildRecord{
				CareEpisodes: []domain.CareEpisode{{Entity: ent(43), PeriodStart: d("2020-01-06"), StartDate: d("2020-01-06"), LegalStatus: "C2"}},
				Placements:   []domain.Placement{{Entity: ent(52), StartDate: d("2020-01-06"), Type: "P1"}},
			},
			want: []string{"became_looked_after 2020-01-06 care_episode/43", "placement_start 2020-01-06 placement/52 with_parent_care_order"},
		},
		{
			name: "short breaks start no period of care",
			cr: domain.ChildRecord{
				CareEpisodes: []domain.CareEpisode{{Entity: ent(44), PeriodStart: d("2020-02-07"), StartDate: d("2020-02-07"), LegalStatus: "V3", EndDate: d("2020-02-09"), ReasonEnded: "E8"}},
				Placements:   []domain.Placement{{Entity: ent(53), StartDate: d("2020-02-07"), EndDate: d("2020-02-09"), Type: "R1"}},
			},
			want: []string{"placement_start 2020-02-07 placement/53 short_break", "placement_end 2020-02-09 placement/53"},
		},
		{
			name: "police protection and a child assessment order, recorded as legal statuses",
			cr: domain.ChildRecord{CareEpisodes: []domain.CareEpisode{
				{Entity: ent(45), PeriodStart: d("2021-05-01"), StartDate: d("2021-05-01"), LegalStatus: "L1", EndDate: d("2021-05-03"), ReasonEnded: "X1"},
				{Entity: ent(46), PeriodStart: d("2021-05-01"), StartDate: d("2021-05-03"), LegalStatus: "L3", EndDate: d("2021-05-09"), ReasonEnded: "E4A"},
			}},
			want: []string{
				"became_looked_after 2021-05-01 care_episode/45",
				"police_protection 2021-05-01 care_episode/45", "police_protection_end 2021-05-03 care_episode/45",
				"ceased_looked_after 2021-05-09 care_episode/46",
				"cao_start 2021-05-03 care_episode/46", "cao_end 2021-05-09 care_episode/46",
			},
		},
		{
			name: "care, placement and pathway plans, and the needs assessment",
			cr: domain.ChildRecord{Plans: []domain.Plan{
				{Entity: ent(60), Type: "care", StartDate: d("2019-09-02")},
				{Entity: ent(61), Type: "placement", StartDate: d("2019-09-03")},
				{Entity: ent(63), Type: "pathway", StartDate: d("2026-12-20"), NeedsAssessmentDate: d("2026-06-10")},
				{Entity: ent(62), Type: "pathway", StartDate: d("2026-06-20"), NeedsAssessmentDate: d("2026-06-10")},
				{Entity: ent(64), Type: "cin", StartDate: d("2019-03-01")},
			}},
			want: []string{
				"care_plan 2019-09-02 plan/60", "placement_plan 2019-09-03 plan/61",
				"needs_assessment 2026-06-10 plan/62", "pathway_plan 2026-06-20 plan/62", "pathway_plan_review 2026-12-20 plan/63",
			},
		},
		{
			name: "looked-after reviews, which also serve as adoption reviews; a cancelled one is not held",
			cr: domain.ChildRecord{CLAReviews: []domain.CLAReview{
				{Entity: ent(70), Date: d("2019-09-27")},
				{Entity: ent(71), Date: d("2019-12-20"), Cancelled: true},
			}},
			want: []string{"cla_review 2019-09-27 cla_review/70", "adoption_review 2019-09-27 cla_review/70"},
		},
		{
			name: "health checks, completed only",
			cr: domain.ChildRecord{HealthChecks: []domain.HealthCheck{
				{Entity: ent(80), Type: "initial_health_assessment", Date: d("2019-09-30"), Status: "completed"},
				{Entity: ent(81), Type: "review_health_assessment", Date: d("2020-09-30"), Status: "refused"},
				{Entity: ent(82), Type: "review_health_assessment", Date: d("2020-10-30"), Status: "completed"},
				{Entity: ent(83), Type: "dental_check", Date: d("2020-11-30"), Status: "completed"},
				{Entity: ent(84), Type: "optician", Date: d("2020-12-30"), Status: "completed"},
			}},
			want: []string{
				"health_assessment 2019-09-30 health_check/80", "health_assessment 2020-10-30 health_check/82",
				"dental_check 2020-11-30 health_check/83",
			},
		},
		{
			name: "SDQs with a score; one with a reason instead was not done",
			cr: domain.ChildRecord{SDQScores: []domain.SDQScore{
				{Entity: ent(90), Date: d("2020-03-01"), Score: ptr(17)},
				{Entity: ent(91), Date: d("2021-03-01"), Reason: "SDQ2"},
			}},
			want: []string{"sdq 2020-03-01 sdq_score/90"},
		},
		{
			name: "personal education plans",
			cr:   domain.ChildRecord{PEPs: []domain.PEP{{Entity: ent(95), Date: d("2019-09-20")}}},
			want: []string{"pep 2019-09-20 pep/95"},
		},
		{
			name: "missing episodes: return and interview times; a refusal at the return; still missing",
			cr: domain.ChildRecord{MissingEpisodes: []domain.MissingEpisode{
				{Entity: ent(100), StartAt: utc("2022-02-04 20:00"), ReturnAt: utc("2022-02-06 02:00"), InterviewAt: utc("2022-02-08 18:00")},
				{Entity: ent(101), StartAt: utc("2022-04-04 20:00"), ReturnAt: utc("2022-04-05 02:00"), InterviewOffered: ptr(true), InterviewAccepted: ptr(false)},
				{Entity: ent(102), StartAt: utc("2022-06-04 20:00")},
			}},
			want: []string{
				"missing_return 2022-02-06 missing_episode/100 @02:00Z", "return_interview 2022-02-08 missing_episode/100 @18:00Z",
				"missing_return 2022-04-05 missing_episode/101 @02:00Z", "return_interview 2022-04-05 missing_episode/101 @02:00Z",
			},
		},
		{
			name: "pre-proceedings, proceedings with two extensions, and orders",
			cr: domain.ChildRecord{
				PreProceedings:  []domain.PreProceedings{{Entity: ent(110), DecisionDate: d("2019-06-10"), EndDate: d("2019-09-02")}},
				CareProceedings: []domain.CareProceedings{{Entity: ent(111), IssueDate: d("2019-09-02"), ExtensionWeeks: 16, FinalOrderDate: d("2020-05-24")}},
				CourtOrders: []domain.CourtOrder{
					{Entity: ent(112), Type: "emergency_protection_order", MadeDate: d("2019-01-08"), ExpiryDate: d("2019-01-23")},
					{Entity: ent(113), Type: "interim_care_order", MadeDate: d("2019-11-21")},
					{Entity: ent(114), Type: "placement_order", MadeDate: d("2020-05-24")},
					{Entity: ent(115), Type: "adoption_order", MadeDate: d("2021-05-24")},
				},
			},
			want: []string{
				"pre_proceedings_start 2019-06-10 pre_proceedings/110", "pre_proceedings_end 2019-09-02 pre_proceedings/110",
				"proceedings_issued 2019-09-02 care_proceedings/111",
				"proceedings_extended 2019-09-02 care_proceedings/111", "proceedings_extended 2019-09-02 care_proceedings/111",
				"final_order 2020-05-24 care_proceedings/111",
				"epo_made 2019-01-08 court_order/112", "epo_extended 2019-01-08 court_order/112", "epo_ended 2019-01-23 court_order/112",
				"placement_order 2020-05-24 court_order/114", "adoption_order 2021-05-24 court_order/115",
			},
		},
		{
			name: "permanence: a placement order also on a court order starts one clock",
			cr: domain.ChildRecord{
				Permanence: []domain.Permanence{{Entity: ent(120), ADMDecisionDate: d("2020-03-02"), PlacementOrderDate: d("2020-05-24"),
					MatchedDate: d("2020-09-01"), PlacedDate: d("2020-09-20"), AdoptionOrderDate: d("2021-05-24")}},
				CourtOrders: []domain.CourtOrder{{Entity: ent(114), Type: "placement_order", MadeDate: d("2020-05-24")}},
			},
			want: []string{
				"placement_order 2020-05-24 permanence/120", "adoption_match 2020-09-01 permanence/120",
				"placed_for_adoption 2020-09-20 permanence/120", "adoption_order 2021-05-24 permanence/120",
			},
		},
		{
			name: "personal advisers and care leaver contacts",
			cr: domain.ChildRecord{
				Involvements: []domain.Involvement{
					{Entity: ent(130), ProfessionalID: 1, Role: "allocated_social_worker", From: d("2019-01-07")},
					{Entity: ent(131), ProfessionalID: 2, Role: "personal_adviser", From: d("2026-05-14"), To: d("2027-01-31")},
					{Entity: ent(132), ProfessionalID: 3, Role: "personal_adviser", From: d("2027-02-01"), To: d("2031-05-14")},
				},
				CareLeaver: []domain.CareLeaver{
					{Entity: ent(133), RecordedOn: d("2027-05-14"), LatestContactDate: d("2027-05-10")},
					{Entity: ent(134), RecordedOn: d("2027-05-20"), LatestContactDate: d("2027-05-10")},
				},
			},
			want: []string{
				"pa_allocated 2026-05-14 involvement/131", "pa_allocated 2027-02-01 involvement/132",
				"leaving_care_end 2031-05-14 involvement/132", "pa_contact 2027-05-10 care_leaver/133",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := CaseOf(&tt.cr)
			var got []string
			for _, e := range c.Events {
				got = append(got, describe(e))
				if !e.Kind.Known() {
					t.Errorf("the adapter makes %q, which the engine does not know", e.Kind)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("events:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(tt.want, "\n  "))
			}
		})
	}
}

// An eligible child (CL-0, CPPCR reg 40) starts the needs assessment clock
// (CL-1) on the later of the 16th birthday and the day 13 weeks since the
// 14th birthday are reached, while still looked after and under 18.
func TestEligibility(t *testing.T) {
	dob := d("2004-06-15")
	ep := func(id int64, status, from, to string) domain.CareEpisode {
		e := domain.CareEpisode{Entity: ent(id), LegalStatus: status, StartDate: d(from), PeriodStart: d(from)}
		if to != "" {
			e.EndDate, e.ReasonEnded = d(to), "E4A"
		}
		return e
	}
	tests := []struct {
		name     string
		episodes []domain.CareEpisode
		want     string // date and episode, or "" for never eligible
	}{
		{"looked after from 15: eligible on the 16th birthday", []domain.CareEpisode{ep(1, "C2", "2019-06-01", "")}, "2020-06-15 care_episode/1"},
		{"came into care at 16: eligible after 13 weeks", []domain.CareEpisode{ep(1, "V2", "2020-07-01", "")}, "2020-09-29 care_episode/1"},
		{"two spells add up", []domain.CareEpisode{ep(1, "V2", "2018-07-01", "2018-08-31"), ep(2, "V2", "2020-08-01", "")}, "2020-08-30 care_episode/2"},
		{"care before 14 does not count", []domain.CareEpisode{ep(1, "C2", "2016-01-01", "2018-06-14"), ep(2, "V2", "2020-07-01", "")}, "2020-09-29 care_episode/2"},
		{"left care at 15: the 16th birthday finds the child not looked after", []domain.CareEpisode{ep(1, "C2", "2018-07-01", "2019-12-31")}, ""},
		{"came into care too close to 18", []domain.CareEpisode{ep(1, "V2", "2022-05-01", "")}, ""},
		{"short breaks do not count", []domain.CareEpisode{ep(1, "V3", "2019-06-01", "")}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ""
			for _, e := range CaseOf(&domain.ChildRecord{Person: domain.Person{DateOfBirth: dob}, CareEpisodes: tt.episodes}).Events {
				if e.Kind == timescales.BecameEligible {
					got = e.On.String() + " " + e.Ref
				}
			}
			if got != tt.want {
				t.Errorf("became eligible %q, want %q", got, tt.want)
			}
		})
	}
}

// Every child-level kind is either translated or listed as untimed.
func TestEveryKindConsidered(t *testing.T) {
	for _, k := range domain.Kinds() {
		if !k.ChildLevel {
			continue
		}
		_, skipped := untimed[k.Name]
		if _, in := Columns[k.Name]; in == skipped {
			t.Errorf("kind %s: in Columns %v, untimed %v; want exactly one", k.Name, in, skipped)
		}
	}
	for name := range Columns {
		if k, ok := domain.KindNamed(name); !ok || !k.ChildLevel {
			t.Errorf("Columns names %q, which is not a child-level kind", name)
		}
	}
}

func TestRefs(t *testing.T) {
	for _, s := range []string{"visit/12", "strategy_discussion/1"} {
		r, err := ParseRef(s)
		if err != nil || r.String() != s {
			t.Errorf("ParseRef(%q) = %v, %v", s, r, err)
		}
	}
	if r, err := ParseRef(""); err != nil || !r.IsZero() {
		t.Errorf(`ParseRef("") = %v, %v; want the zero Ref`, r, err)
	}
	for _, s := range []string{"visit", "visit/", "visit/x", "visit/0", "visit/05", "visit/+5", "spaceship/3", "/3"} {
		if _, err := ParseRef(s); err == nil {
			t.Errorf("ParseRef(%q) gave no error", s)
		}
	}
	if got := (Ref{Kind: "core_group", ID: 3}).Title(); got != "Core group meeting" {
		t.Errorf("Title = %q", got)
	}
}

// FuzzParseRef: a reference either reads back to the same text or is
// refused; it never panics.
func FuzzParseRef(f *testing.F) {
	for _, s := range []string{"visit/12", "", "visit/", "/3", "strategy_discussion/9223372036854775807", "visit/-1", "visit/1/2", "visit/05", "visit/+5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := ParseRef(s)
		if err != nil {
			return
		}
		if s != "" && r.String() != s {
			t.Errorf("ParseRef(%q) = %v, which writes %q", s, r, r.String())
		}
	})
}
