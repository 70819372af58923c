package casework

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/waymark-care/waymark/internal/domain"
	"github.com/waymark-care/waymark/internal/timescales"
)

// conferenceChild has an initial conference on Wed 4 Mar 2015 and a review
// on Wed 11 Mar, her mother and her father.
func conferenceChild() *domain.ChildRecord {
	cr := child("2010-05-14")
	cr.Relationships = []domain.Relationship{{Entity: ent(50), RelatedPersonID: 51, Type: "mother"}, {Entity: ent(52), RelatedPersonID: 53, Type: "father"}}
	cr.Conferences = []domain.Conference{{Entity: ent(60), ReferralID: 2, Type: "initial", Date: d("2015-03-04")}, {Entity: ent(61), ReferralID: 2, Type: "review", Date: d("2015-03-11")}}
	return cr
}

// TestParentsNotPrepared: each parent has the report 2 working days before
// an initial conference and 5 before a review (conference.parent_share_wd),
// and a parent whose language is not English a translated summary or an
// interpreter booked before it; a conference with no parent recorded is
// listed too (AC-15).
func TestParentsNotPrepared(t *testing.T) {
	parent := func(conf, id int64, lang, shared string) domain.ConferenceParent {
		return domain.ConferenceParent{Entity: ent(70 + id), ConferenceID: conf, ParentID: id, Language: lang, ReportSharedDate: d(shared)}
	}
	for _, tt := range []struct {
		name    string
		parents []domain.ConferenceParent
		change  func(*domain.ConferenceParent)
		policy  func(*timescales.Policy)
		want    []string // per conference, "" for not listed
	}{
		{"both in time", []domain.ConferenceParent{parent(60, 51, "English", "2015-03-02"), parent(61, 51, "English", "2015-03-04")}, nil, nil,
			[]string{"", ""}},
		{"a day late", []domain.ConferenceParent{parent(60, 51, "English", "2015-03-03"), parent(61, 51, "English", "2015-03-05")}, nil, nil,
			[]string{"Mother: report shared Tue 3 Mar 2015, due Mon 2 Mar 2015", "Mother: report shared Thu 5 Mar 2015, due Wed 4 Mar 2015"}},
		{"not shared", []domain.ConferenceParent{parent(60, 53, "English", ""), parent(61, 51, "English", "2015-03-04")}, nil, nil,
			[]string{"Father: report not shared (due Mon 2 Mar 2015)", ""}},
		{"no parent recorded", nil, nil, nil, []string{"No parent's part recorded", "No parent's part recorded"}},
		{"Polish, no translation or interpreter", []domain.ConferenceParent{parent(60, 51, "Polish", "2015-03-02"), parent(61, 51, "English", "2015-03-04")}, nil, nil,
			[]string{"Mother: prefers Polish and had no translated summary or interpreter booked", ""}},
		{"Polish, interpreter booked", []domain.ConferenceParent{parent(60, 51, "Polish", "2015-03-02"), parent(61, 51, "English", "2015-03-04")},
			func(p *domain.ConferenceParent) { p.InterpreterBookedDate = d("2015-02-27") }, nil, []string{"", ""}},
		{"Polish, summary translated after the conference", []domain.ConferenceParent{parent(60, 51, "Polish", "2015-03-02"), parent(61, 51, "English", "2015-03-04")},
			func(p *domain.ConferenceParent) { p.TranslatedSummaryDate = d("2015-03-05") }, nil, []string{"prefers Polish", ""}},
		{"English, needs an interpreter (BSL)", []domain.ConferenceParent{parent(60, 51, "English", "2015-03-02"), parent(61, 51, "English", "2015-03-04")},
			func(p *domain.ConferenceParent) { p.InterpreterNeeded = ptr(true) }, nil, []string{"prefers English and had no", ""}},
		{"a local 3 days before an initial conference", []domain.ConferenceParent{parent(60, 51, "English", "2015-03-02"), parent(61, 51, "English", "2015-03-04")}, nil,
			func(p *timescales.Policy) {
				p.ParentShare = timescales.Versions[timescales.ParentShare]{{Value: timescales.ParentShare{Initial: 3, Review: 5}}}
			}, []string{"due Fri 27 Feb 2015", ""}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			cr := conferenceChild()
			cr.ConferenceParents = tt.parents
			if tt.change != nil {
				tt.change(&cr.ConferenceParents[0])
			}
			r := rules
			if tt.policy != nil {
				p := timescales.DefaultPolicy()
				tt.policy(&p)
				r.Policy = p
			}
			found := r.Find(ParentsNotPrepared, cr, DefaultWindow(d("2015-03-20")))
			for i, want := range tt.want {
				id := cr.Conferences[i].ID
				j := slices.IndexFunc(found, func(e Exception) bool { return e.Record.ID == id })
				switch {
				case want == "" && j >= 0:
					t.Errorf("conference %d listed: %+v", id, found[j])
				case want != "" && (j < 0 || !strings.Contains(found[j].Detail, want)):
					t.Errorf("conference %d: %+v, want one saying %q", id, found, want)
				}
			}
		})
	}
}

// TestCheckConferenceParent: the parent is one of the child's, recorded
// once a conference, with their language, taken from their own record when
// left blank; a language without support is a warning, not a refusal
// (AC-15).
func TestCheckConferenceParent(t *testing.T) {
	cr := conferenceChild()
	cr.ConferenceParents = []domain.ConferenceParent{{Entity: ent(71), ConferenceID: 60, ParentID: 51, Language: "English"}}
	for _, tt := range []struct {
		name string
		p    domain.ConferenceParent
		want []string
	}{
		{"the father", domain.ConferenceParent{ConferenceID: 60, ParentID: 53, Language: "Urdu"}, nil},
		{"not the child's", domain.ConferenceParent{ConferenceID: 60, ParentID: 99, Language: "English"}, []string{"parent_id"}},
		{"the mother again", domain.ConferenceParent{ConferenceID: 60, ParentID: 51, Language: "English"}, []string{"parent_id"}},
		{"the mother's own record", domain.ConferenceParent{Entity: ent(71), ConferenceID: 60, ParentID: 51, Language: "English"}, nil},
		{"the mother at the review", domain.ConferenceParent{ConferenceID: 61, ParentID: 51, Language: "English"}, nil},
		{"no language", domain.ConferenceParent{ConferenceID: 61, ParentID: 53}, []string{"preferred_language"}},
	} {
		t.Run(tt.name, func(t *testing.T) { wantFields(t, rules.CheckChange(cr, &tt.p, nil), tt.want, "") })
	}
	// A stepfather recorded only on his own record, naming the child as his
	// stepchild, is one of the child's parents or carers when the caller
	// reads the family from both sides (XC-06).
	step := &domain.ConferenceParent{ConferenceID: 60, ParentID: 57, Language: "English"}
	naming := []domain.Relationship{{Entity: ent(80), PersonID: 57, RelatedPersonID: cr.Person.ID, Type: "stepchild"}}
	wantFields(t, rules.CheckChange(cr, step, nil), []string{"parent_id"}, "parents or carers")
	wantFields(t, rules.CheckChange(cr, step, &Beyond{Family: domain.Family(cr.Relationships, naming, func(int64) string { return "M" })}), nil, "")
	// Left blank, the language and interpreter need come from the parent's
	// own record; what the conference record says stands.
	blank := &domain.ConferenceParent{}
	FromParentRecord(blank, &domain.Person{Language: "Urdu", InterpreterNeeded: true})
	if blank.Language != "Urdu" || blank.InterpreterNeeded == nil || !*blank.InterpreterNeeded {
		t.Errorf("from the parent's record: %+v", blank)
	}
	own := &domain.ConferenceParent{Language: "English", InterpreterNeeded: ptr(false)}
	FromParentRecord(own, &domain.Person{Language: "Urdu", InterpreterNeeded: true})
	if own.Language != "English" || *own.InterpreterNeeded {
		t.Errorf("the conference record overwritten: %+v", own)
	}
	urdu := &domain.ConferenceParent{ConferenceID: 60, ParentID: 53, Language: "Urdu"}
	if got := LanguageWarning(cr, urdu); !strings.HasPrefix(got, "Father prefers Urdu: give a translated summary or book an interpreter before the conference of Wed 4 Mar 2015") {
		t.Errorf("warning %q", got)
	}
	urdu.TranslatedSummaryDate = d("2015-03-03")
	if got := LanguageWarning(cr, urdu); got != "" {
		t.Errorf("with a translated summary: %q", got)
	}
}

// TestRiskNotReducing: two review conferences without a lower risk rating
// than the conference before them flag the case (AC-21); a review that
// lowers it clears the flag.
func TestRiskNotReducing(t *testing.T) {
	days := []string{"2014-01-06", "2014-04-07", "2014-10-06", "2015-04-06"} // the ICPC, then reviews
	for _, tt := range []struct {
		name    string
		ratings []string
		day     string
		want    string // the day the flag went up, "" for none
	}{
		{"one review", []string{"high", "high"}, "2015-06-01", ""},
		{"high, high, high", []string{"high", "high", "high"}, "2015-06-01", "2014-10-06"},
		{"the day before the second review", []string{"high", "high", "high"}, "2014-10-05", ""},
		{"down, then back up", []string{"high", "medium", "high"}, "2015-06-01", "2014-10-06"},
		{"up, then back to where it started", []string{"medium", "high", "medium"}, "2015-06-01", "2014-10-06"},
		{"down, then held", []string{"high", "medium", "medium"}, "2015-06-01", ""},
		{"down, then held twice", []string{"high", "medium", "medium", "medium"}, "2015-06-01", "2015-04-06"},
		{"lowered at the third review", []string{"high", "high", "high", "low"}, "2015-06-01", ""},
		{"a review not rated", []string{"high", "", "high"}, "2015-06-01", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			cr := child("2010-05-14")
			cr.CPPlans = []domain.CPPlan{{Entity: ent(7), ReferralID: 2, StartDate: d(days[0])}}
			for i, rating := range tt.ratings {
				typ := "review"
				if i == 0 {
					typ = "initial"
				}
				cr.Conferences = append(cr.Conferences, domain.Conference{Entity: ent(60 + int64(i)), Type: typ, Date: d(days[i]), RiskRating: rating})
			}
			// Core groups' ratings show in the trend; the rule reads reviews.
			cr.CoreGroups = []domain.CoreGroup{{Entity: ent(80), CPPlanID: 7, Date: d("2014-05-01"), RiskRating: "low"}}
			f, ok := riskNotReducing(cr, &cr.CPPlans[0], d(tt.day))
			switch {
			case tt.want == "" && ok:
				t.Errorf("flagged %+v", f)
			case tt.want != "" && (!ok || f.Since != d(tt.want) || f.Rule != "risk_not_reducing"):
				t.Errorf("flag %+v, want one from %s", f, tt.want)
			}
			flags := rules.DriftFlags(cr, d(tt.day))
			if listed := slices.ContainsFunc(flags, func(f DriftFlag) bool { return f.Rule == "risk_not_reducing" }); listed != (tt.want != "") {
				t.Errorf("drift flags %+v", flags)
			}
		})
	}
	cr := child("2010-05-14")
	cr.CPPlans = []domain.CPPlan{{Entity: ent(7), StartDate: d("2014-01-06")}}
	cr.Conferences = []domain.Conference{{Entity: ent(60), Type: "initial", Date: d("2014-01-06"), RiskRating: "high"}, {Entity: ent(61), Type: "review", Date: d("2014-04-07"), RiskRating: "medium"}}
	cr.CoreGroups = []domain.CoreGroup{{Entity: ent(80), CPPlanID: 7, Date: d("2014-01-17"), RiskRating: "high"}, {Entity: ent(81), CPPlanID: 9, Date: d("2014-02-17"), RiskRating: "low"}}
	var trend []string
	for _, p := range RiskTrend(cr, &cr.CPPlans[0]) {
		trend = append(trend, p.Date.String()+" "+p.What+" "+p.Rating)
	}
	if want := []string{"2014-01-06 Initial child protection conference high", "2014-01-17 Core group high", "2014-04-07 Review child protection conference medium"}; !slices.Equal(trend, want) {
		t.Errorf("trend %q, want %q", trend, want)
	}
}

// TestRiskRatingRequired: a conference and a core group record the risk
// rating (AC-18).
func TestRiskRatingRequired(t *testing.T) {
	held := domain.Conference{Type: "review", Date: d("2015-03-11"), Decision: "continue_plan", Agencies: []string{"childrens_social_care"}, ReportsSharedDate: d("2015-03-04")}
	wantFields(t, CheckConference(&held), []string{"risk_rating"}, "risk rating")
	held.RiskRating = "medium"
	wantFields(t, CheckConference(&held), nil, "")
	wantFields(t, CheckCoreGroup(child("2010-05-14"), &domain.CoreGroup{Date: d("2015-03-11"), Agencies: []string{"health"}}), []string{"risk_rating"}, "risk rating")
}

// TestAgencyUpdateEscalation: an overdue agency update names the agency's
// safeguarding lead (agency.safeguarding_leads) to escalate to (AC-18).
func TestAgencyUpdateEscalation(t *testing.T) {
	found := rules.Find(AgencyUpdatesOverdue, coreGroupChild(), DefaultWindow(d("2015-03-10")))
	if len(found) != 1 || !strings.HasSuffix(found[0].Detail, "; escalate to Named nurse for safeguarding children") {
		t.Errorf("default lead: %+v", found)
	}
	r := rules
	r.Policy = timescales.DefaultPolicy()
	r.Policy.SafeguardingLeads = timescales.Versions[map[string]string]{{Value: map[string]string{"police": "DI Sam Reed"}}}
	found = r.Find(AgencyUpdatesOverdue, coreGroupChild(), DefaultWindow(d("2015-03-10")))
	if len(found) != 1 || strings.Contains(found[0].Detail, "escalate") {
		t.Errorf("no lead named for health: %+v", found)
	}
	if got := r.SafeguardingLead("police", d("2015-03-10")); got != "DI Sam Reed" {
		t.Errorf("police lead %q", got)
	}
}

// TestConferenceRiskColumnsSuffice: the parents list and the risk drift
// rule find the same in records read with only their lists' columns.
func TestConferenceRiskColumnsSuffice(t *testing.T) {
	cr := conferenceChild()
	cr.ConferenceParents = []domain.ConferenceParent{{Entity: ent(71), ConferenceID: 60, ParentID: 51, Language: "Urdu", ReportSharedDate: d("2015-03-03")}}
	cr.CPPlans = []domain.CPPlan{{Entity: ent(7), ReferralID: 2, StartDate: d("2014-01-06")}}
	for i, day := range []string{"2014-01-06", "2014-04-07", "2014-10-06"} {
		cr.Conferences = append(cr.Conferences, domain.Conference{Entity: ent(62 + int64(i)), Type: []string{"initial", "review", "review"}[i], Date: d(day), RiskRating: "high"})
	}
	for _, tt := range []struct {
		list List
		day  string
	}{{ParentsNotPrepared, "2015-03-20"}, {DriftReview, "2014-10-07"}} {
		full := rules.Find(tt.list, cr, DefaultWindow(d(tt.day)))
		if len(full) == 0 {
			t.Errorf("%s: nothing found", tt.list)
		}
		if got := rules.Find(tt.list, project(cr, tt.list.Columns()), DefaultWindow(d(tt.day))); !reflect.DeepEqual(got, full) {
			t.Errorf("%s: with only the list's columns %+v, with every column %+v", tt.list, got, full)
		}
	}
}
