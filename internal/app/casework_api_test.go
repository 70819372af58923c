package app

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/waymark-care/waymark/internal/auth"
	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/domain"
	"github.com/waymark-care/waymark/internal/storage"
	"github.com/waymark-care/waymark/internal/storage/storagetest"
)

// cwTokens numbers the API tokens the casework tests make.
var cwTokens int

// cwClient is an API client using a new API token of the user's.
func (f *fixture) cwClient(username string) *cwAPI {
	f.t.Helper()
	cwTokens++
	token := fmt.Sprintf("casework-token-%d-%s", cwTokens, username)
	if _, err := f.db.CreateAPIToken(context.Background(), f.accounts[username].ID, "casework tests", auth.TokenHash(token), testNow); err != nil {
		f.t.Fatal(err)
	}
	return &cwAPI{c: &client{f: f, cookies: map[string]string{}, token: token}, t: f.t}
}

type cwAPI struct {
	c *client
	t testing.TB
}

// call sends a JSON request and reads the JSON answer.
func (a *cwAPI) call(method, path string, body any) (int, map[string]any) {
	a.t.Helper()
	var res response
	if body == nil {
		res = a.c.do(method, path, nil, nil)
	} else {
		b, _ := json.Marshal(body)
		res = a.c.do(method, path, strings.NewReader(string(b)), map[string]string{"Content-Type": "application/json"})
	}
	var out map[string]any
	if strings.Contains(res.header.Get("Content-Type"), "json") {
		if err := json.Unmarshal([]byte(res.body), &out); err != nil {
			a.t.Fatalf("%s %s: %v\n%s", method, path, err, res.body)
		}
	}
	return res.status, out
}

// ok sends a request that must succeed with want, and returns the record.
func (a *cwAPI) ok(want int, method, path string, body any) map[string]any {
	a.t.Helper()
	status, out := a.call(method, path, body)
	if status != want {
		a.t.Fatalf("%s %s: %d, want %d: %v", method, path, status, want, out)
	}
	return out
}

// invalid sends a request that must be refused with 422 naming exactly
// these fields, and a message containing phrase if one is given.
func (a *cwAPI) invalid(method, path string, body any, phrase string, fields ...string) {
	a.t.Helper()
	status, out := a.call(method, path, body)
	if status != http.StatusUnprocessableEntity {
		a.t.Fatalf("%s %s: %d, want 422: %v", method, path, status, out)
	}
	var got []string
	var messages []string
	for _, e := range out["errors"].([]any) {
		fe := e.(map[string]any)
		got = append(got, fe["field"].(string))
		messages = append(messages, fe["message"].(string))
	}
	slices.Sort(got)
	slices.Sort(fields)
	if !slices.Equal(got, fields) {
		a.t.Errorf("%s %s: fields %v, want %v: %v", method, path, got, fields, messages)
	}
	if phrase != "" && !slices.ContainsFunc(messages, func(m string) bool { return strings.Contains(m, phrase) }) {
		a.t.Errorf("%s %s: no message says %q: %v", method, path, phrase, messages)
	}
}

func id(rec map[string]any) int64 { return int64(rec["id"].(float64)) }

func version(rec map[string]any) int { return int(rec["version"].(float64)) }

// walkFamily is a family new to the service: Ruby, her brother Leo and
// their mother, living together, with Ruby's case allocated to the
// fixture's social worker.
func walkFamily(t testing.TB, f *fixture) (ruby, leo int64) {
	t.Helper()
	d := civil.MustParse
	err := f.db.Write(context.Background(), storagetest.Change, func(tx *storage.Tx) error {
		r := &domain.Person{Forename: "Ruby", Surname: "Walker", DateOfBirth: d("2014-05-01")}
		l := &domain.Person{Forename: "Leo", Surname: "Walker", DateOfBirth: d("2017-09-12")}
		m := &domain.Person{Forename: "Jade", Surname: "Walker", DateOfBirth: d("1992-01-20")}
		for _, p := range []*domain.Person{r, l, m} {
			if err := tx.Insert(p); err != nil {
				return err
			}
		}
		ruby, leo = r.ID, l.ID
		for _, rec := range []domain.Record{
			&domain.Relationship{PersonID: ruby, RelatedPersonID: m.ID, Type: "mother", LivesWith: true, ParentalResponsibility: true},
			&domain.Relationship{PersonID: ruby, RelatedPersonID: leo, Type: "sibling", LivesWith: true},
			&domain.Involvement{PersonID: ruby, ProfessionalID: f.w.Worker.ID, TeamID: f.w.Team.ID, Role: "allocated_social_worker", From: d("2025-11-03")},
		} {
			if err := tx.Insert(rec); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return ruby, leo
}

// TestCaseworkAPIWalk walks a case through the API from the contact to a
// child protection plan and on to closure, with each validation error the
// workflow raises on the way (FD-01 to FD-08, AC-01 to AC-19).
func TestCaseworkAPIWalk(t *testing.T) {
	storagetest.Each(t, func(t testing.TB, db *storage.DB) {
		f := newFixture(t, db)
		ruby, _ := walkFamily(t, f)
		worker, manager := f.cwClient("worker"), f.cwClient("manager")
		child := fmt.Sprintf("/api/v1/children/%d", ruby)
		team, workerID, managerID := f.w.Team.ID, f.w.Worker.ID, f.w.Manager.ID

		// The contact (FD-01, FD-02).
		worker.invalid("POST", child+"/contacts", map[string]any{}, "", "contact_at", "source")
		worker.invalid("POST", child+"/contacts", map[string]any{"contact_at": "yesterday", "source": "6", "colour": "red", "domestic_abuse_notification": "yes"},
			"date and time", "contact_at", "colour", "domestic_abuse_notification")
		worker.invalid("POST", child+"/contacts", map[string]any{"contact_at": "2025-10-31T16:00:00Z", "source": "6", "domestic_abuse_notification": true,
			"decision": "referral"}, "enough information", "police_reference", "incident_at", "dash_risk", "children_presence", "sufficient_information",
			"threshold_decision", "decision_at", "decided_by_id")
		// FD-03: the levels are the continuum's.
		worker.invalid("POST", child+"/contacts", map[string]any{"contact_at": "2025-10-31T16:00:00Z", "source": "6", "referrer_threshold": "level 4"},
			"not a level of the threshold guidance", "referrer_threshold")
		contact := worker.ok(201, "POST", child+"/contacts", map[string]any{"contact_at": "2025-10-31T16:00:00Z", "source": "6",
			"domestic_abuse_notification": true, "sufficient_information": true, "presenting_concerns": "Police called to a domestic incident; children present.",
			"police_reference": "SYP-25-118", "incident_at": "2025-10-31T01:30:00Z", "dash_risk": "medium", "children_presence": "present",
			"information_items":  []string{"incident_account", "victim_details", "perpetrator_details", "children_details"},
			"referrer_threshold": "child_protection", "threshold_decision": "child_in_need",
			"decision": "referral", "decision_at": "2025-11-03T10:00:00Z", "decided_by_id": managerID, "team_id": team})
		derived := contact["derived"].(map[string]any)
		if derived["decision_due"] != "2025-11-03" || derived["decided_on_time"] != true || derived["earlier_notifications"] != 0.0 {
			t.Errorf("contact derived %v", derived)
		}
		// FD-09: no DASH form, so the police are asked for it, due the next
		// working day; FD-03: the guidance in force is recorded.
		if contact["information_due_date"] != "2025-11-03" || contact["threshold_guidance"] != "Waymark default continuum" ||
			fmt.Sprint(derived["missing_information"]) != "[dash_form]" || derived["information_overdue"] != true {
			t.Errorf("contact %v", contact)
		}

		// The referral (FD-06, FD-07): it must name this child's contact.
		worker.invalid("POST", child+"/referrals", map[string]any{"referral_date": "2025-11-03", "source": "6", "contact_id": 999999}, "no contact", "contact_id")
		referral := worker.ok(201, "POST", child+"/referrals", map[string]any{"contact_id": id(contact), "referral_date": "2025-11-03", "source": "6",
			"primary_need": "N1", "team_id": team, "professional_id": workerID})
		if referral["derived"].(map[string]any)["re_referral"] != false {
			t.Errorf("a first referral is a re-referral: %v", referral["derived"])
		}
		ref := id(referral)

		// The assessment starts.
		assessment := worker.ok(201, "POST", child+"/assessments", map[string]any{"referral_id": ref, "start_date": "2025-11-03", "team_id": team, "professional_id": workerID})
		// 45 working days, over Christmas and New Year's Day.
		if assessment["derived"].(map[string]any)["due"] != "2026-01-08" {
			t.Errorf("assessment due %v", assessment["derived"])
		}

		// A strategy discussion without police or health (AC-01).
		worker.invalid("POST", child+"/strategy-discussions", map[string]any{"referral_id": ref, "held_at": "2025-11-10T10:00:00Z",
			"agencies": []string{"childrens_social_care", "education"}}, "Police and health did not take part", "missing_agency_reason", "information_shared", "decision")
		worker.invalid("POST", child+"/strategy-discussions", map[string]any{"referral_id": ref, "held_at": "2025-11-10T10:00:00Z",
			"agencies": []string{"childrens_social_care", "police", "social_services"}, "information_shared": "x", "decision": "y"}, "not a recognised code", "agencies", "missing_agency_reason")
		strategy := worker.ok(201, "POST", child+"/strategy-discussions", map[string]any{"referral_id": ref, "concern_date": "2025-11-10", "held_at": "2025-11-10T10:00:00Z",
			"agencies": []string{"childrens_social_care", "police", "health"}, "information_shared": "Police: two call-outs this year. Health: missed appointments.",
			"start_section47": true, "decision": "Joint section 47 enquiry."})

		// The section 47 enquiry cannot close without an outcome (AC-03).
		s47 := worker.ok(201, "POST", child+"/section47-enquiries", map[string]any{"referral_id": ref, "strategy_discussion_id": id(strategy),
			"start_date": "2025-11-10", "team_id": team, "professional_id": workerID})
		if s47["derived"].(map[string]any)["icpc_target"] != "2025-12-01" {
			t.Errorf("ICPC target %v, want 15 working days after the strategy discussion", s47["derived"])
		}
		s47Path := fmt.Sprintf("%s/section47-enquiries/%d", child, id(s47))
		worker.invalid("PATCH", s47Path, map[string]any{"end_date": "2025-11-24"}, "version you read", "version")
		worker.invalid("PATCH", s47Path, map[string]any{"version": 1, "end_date": "2025-11-24"}, "cannot close without one", "outcome")
		worker.invalid("PATCH", s47Path, map[string]any{"version": 1, "end_date": "2025-11-24", "outcome": "maybe"}, "not a recognised code", "outcome")
		s47 = worker.ok(200, "PATCH", s47Path, map[string]any{"version": 1, "end_date": "2025-11-24", "outcome": "substantiated_icpc"})
		if version(s47) != 2 {
			t.Errorf("version %d after one change", version(s47))
		}
		// A change based on the version before is refused, naming who made
		// the change in between.
		status, problem := worker.call("PATCH", s47Path, map[string]any{"version": 1, "outcome": "not_substantiated"})
		if status != http.StatusConflict || problem["updated_by"] != "worker" || problem["current_version"] != 2.0 || !strings.Contains(problem["detail"].(string), "changed by worker") {
			t.Errorf("stale change: %d %v", status, problem)
		}

		// The initial conference (AC-14, AC-15): its target is derived.
		conferenceBody := map[string]any{"referral_id": ref, "s47_enquiry_id": id(s47), "conference_type": "initial", "conference_date": "2025-11-28"}
		// Ruby is 11: she is offered an advocate (AC-20).
		worker.invalid("POST", child+"/conferences", conferenceBody, "Ruby, aged 11", "agencies", "police_report_on_time", "reports_shared_date", "risk_rating", "decision", "advocacy_offered")
		conferenceBody["advocacy_offered"] = true
		conferenceBody["agencies"] = []string{"childrens_social_care", "police", "health", "education"}
		conferenceBody["police_report_on_time"] = false
		conferenceBody["reports_shared_date"] = "2025-11-26"
		conferenceBody["risk_rating"] = "high"
		conferenceBody["decision"] = "continue_plan"
		worker.invalid("POST", child+"/conferences", conferenceBody, "cannot decide", "decision")
		conferenceBody["decision"] = "cp_plan"
		conference := worker.ok(201, "POST", child+"/conferences", conferenceBody)
		if conference["target_date"] != "2025-12-01" || conference["quorate"] != true {
			t.Errorf("conference target %v quorate %v", conference["target_date"], conference["quorate"])
		}

		// The plan starts on the conference's day (AC-17).
		worker.invalid("POST", child+"/cp-plans", map[string]any{"referral_id": ref, "conference_id": id(conference), "start_date": "2025-12-01", "initial_category": "NEG"},
			"Fri 28 Nov 2025", "start_date")
		worker.invalid("POST", child+"/cp-plans", map[string]any{"referral_id": ref, "conference_id": id(conference), "start_date": "2025-11-28", "initial_category": "NEGLECT"},
			"not a recognised code", "initial_category")
		cpPlan := worker.ok(201, "POST", child+"/cp-plans", map[string]any{"referral_id": ref, "conference_id": id(conference), "start_date": "2025-11-28", "initial_category": "NEG"})
		if cpPlan["latest_category"] != "NEG" {
			t.Errorf("latest category %v", cpPlan["latest_category"])
		}

		// Core group (AC-18) and a visit (AC-19).
		worker.invalid("POST", child+"/core-groups", map[string]any{"cp_plan_id": id(cpPlan), "meeting_date": "2025-11-20"}, "while the plan is in place", "meeting_date", "agencies", "risk_rating")
		worker.ok(201, "POST", child+"/core-groups", map[string]any{"cp_plan_id": id(cpPlan), "meeting_date": "2025-12-05", "agencies": []string{"childrens_social_care", "health", "education"}, "risk_rating": "high"})
		worker.invalid("POST", child+"/visits", map[string]any{"visit_type": "cp", "visit_date": "2025-12-03", "seen": true}, "", "seen_alone", "bedroom_seen")
		worker.ok(201, "POST", child+"/visits", map[string]any{"visit_type": "cp", "visit_date": "2025-12-03", "seen": true, "seen_alone": true, "bedroom_seen": true, "professional_id": workerID})

		// The written plan and its SMART actions (AC-12).
		plan := worker.ok(201, "POST", child+"/plans", map[string]any{"plan_type": "cp", "cp_plan_id": id(cpPlan), "start_date": "2025-11-28"})
		planPath := fmt.Sprintf("%s/plans/%d", child, id(plan))
		worker.invalid("POST", child+"/plan-actions", map[string]any{"plan_id": id(plan), "what": "Attend the domestic abuse programme", "who": "Mother", "by_when": "2026-02-27",
			"status": "not_started"}, "", "how_we_will_know")
		action := worker.ok(201, "POST", child+"/plan-actions", map[string]any{"plan_id": id(plan), "what": "Attend the domestic abuse programme", "who": "Mother",
			"by_when": "2026-02-27", "how_we_will_know": "The programme worker confirms attendance", "status": "in_progress"})

		// Only a manager approves, and only a complete plan (XC-03).
		if status, _ := worker.call("POST", planPath+"/authorise", map[string]any{"version": 1}); status != http.StatusForbidden {
			t.Errorf("a social worker authorised a plan: %d", status)
		}
		worker.invalid("PATCH", planPath, map[string]any{"version": 1, "authorised_date": "2025-12-01", "authorised_by_id": workerID}, "Only a team or service manager", "authorised_date", "childs_words", "summary")
		manager.invalid("POST", planPath+"/authorise", map[string]any{"version": 1}, "", "childs_words", "summary")
		plan = worker.ok(200, "PATCH", planPath, map[string]any{"version": 1, "childs_words": "I want Mum to be safe.",
			"summary": "Mum will go to the programme. The school and the health visitor will tell us how Ruby is doing."})
		plan = manager.ok(200, "POST", planPath+"/authorise", map[string]any{"version": version(plan)})
		if plan["authorised_date"] != "2026-01-01" || int64(plan["authorised_by_id"].(float64)) != managerID {
			t.Errorf("authorised %v by %v", plan["authorised_date"], plan["authorised_by_id"])
		}
		manager.invalid("POST", planPath+"/authorise", map[string]any{"version": version(plan)}, "already approved", "authorised_date")

		// Completing the assessment (AC-05 to AC-07): Leo lives with Ruby.
		asPath := fmt.Sprintf("%s/assessments/%d", child, id(assessment))
		worker.invalid("PATCH", asPath, map[string]any{"version": 1, "completed_date": "2025-12-15"}, "", "child_seen_date", "factors", "analysis", "outcomes", "household_reason")
		completion := map[string]any{"version": 1, "completed_date": "2025-12-15", "child_seen_date": "2025-11-04", "seen_alone": true,
			"factors": []string{"3B"}, "outcomes": []string{"strategy_discussion"}, "analysis": "Domestic abuse is harming Ruby; her mother wants help."}
		worker.invalid("PATCH", asPath, completion, "Leo Walker lives in the household", "household_reason")
		completion["household_reason"] = "Leo is assessed by the disabled children's team."
		assessment = worker.ok(200, "PATCH", asPath, completion)
		// Authorising is refused while a section of the record is empty,
		// each named (AC-05, AC-08, AC-10).
		manager.invalid("POST", asPath+"/authorise", map[string]any{"version": version(assessment)}, "Record the sources consulted",
			"sources", "chronology_reviewed_date", "history_analysis", "family_summary")
		if blockers := assessment["derived"].(map[string]any)["authorisation_blockers"].([]any); len(blockers) != 4 {
			t.Errorf("authorisation blockers %v", blockers)
		}
		worker.invalid("POST", child+"/assessment-sources", map[string]any{"assessment_id": id(assessment), "agency": "education", "consulted_date": "2025-11-10"},
			"", "consulted", "summary")
		worker.ok(201, "POST", child+"/assessment-sources", map[string]any{"assessment_id": id(assessment), "agency": "education", "consulted": "Class teacher",
			"consulted_date": "2025-11-10", "summary": "Ruby is withdrawn on Mondays."})
		worker.invalid("POST", child+"/assessment-tool-uses", map[string]any{"assessment_id": id(assessment), "tool": "dash", "used_date": "2025-11-10", "score": 30},
			"from 0 to 27", "score", "rating")
		worker.ok(201, "POST", child+"/assessment-tool-uses", map[string]any{"assessment_id": id(assessment), "tool": "dash", "used_date": "2025-11-10",
			"score": 16, "rating": "high"})
		assessment = worker.ok(200, "PATCH", asPath, map[string]any{"version": version(assessment), "chronology_reviewed_date": "2025-11-05",
			"history_analysis": "Police were called to the home twice last year.", "family_summary": "We are worried about the fighting at home and will help you keep Ruby safe."})
		// Neglect found: a neglect tool, or why none was used (AC-10).
		assessment = worker.ok(200, "PATCH", asPath, map[string]any{"version": version(assessment), "factors": []string{"3B", "16A"}})
		manager.invalid("POST", asPath+"/authorise", map[string]any{"version": version(assessment)}, "Neglect was identified", "neglect_tool_reason")
		worker.ok(201, "POST", child+"/assessment-tool-uses", map[string]any{"assessment_id": id(assessment), "tool": "gcp2", "used_date": "2025-11-20", "score": 3})
		manager.ok(200, "POST", asPath+"/authorise", map[string]any{"version": version(assessment)})

		// A manager's decision on the case.
		manager.invalid("POST", child+"/management-decisions", map[string]any{"decision_date": "2025-12-16", "decision": "Continue the plan"}, "", "rationale")
		manager.ok(201, "POST", child+"/management-decisions", map[string]any{"decision_date": "2025-12-16", "decision": "Continue the plan",
			"rationale": "Risks remain while the programme is under way.", "manager_id": managerID})

		// Closing the case (FD-08): everything open blocks it.
		refPath := fmt.Sprintf("%s/referrals/%d", child, ref)
		check := worker.ok(200, "GET", refPath+"/closure-check?close_date=2025-12-19", nil)
		if check["ready"] != false {
			t.Errorf("closure check %v", check)
		}
		closing := map[string]any{"version": 1, "close_date": "2025-12-19", "close_reason": "RC7", "closure_summary": "Risks reduced; support continues through early help."}
		worker.invalid("PATCH", refPath, closing, "a case cannot close while the child has a plan", "closure_not_seen_reason", "cp_plan", "plan", "plan_action")
		worker.ok(200, "PATCH", fmt.Sprintf("%s/cp-plans/%d", child, id(cpPlan)), map[string]any{"version": 1, "end_date": "2025-12-19", "end_reason": "Risk reduced"})
		worker.ok(200, "PATCH", planPath, map[string]any{"version": version(plan), "end_date": "2025-12-19"})
		worker.ok(200, "PATCH", fmt.Sprintf("%s/plan-actions/%d", child, id(action)), map[string]any{"version": 1, "status": "done"})
		worker.ok(201, "POST", child+"/visits", map[string]any{"visit_type": "cp", "visit_date": "2025-12-17", "seen": true, "seen_alone": true, "bedroom_seen": false})
		worker.invalid("PATCH", refPath, map[string]any{"version": 1, "close_date": "2025-12-19", "close_reason": "RC7"}, "", "closure_summary")
		referral = worker.ok(200, "PATCH", refPath, closing)
		manager.invalid("POST", refPath+"/authorise-closure", map[string]any{"version": version(referral), "note": "fine"}, "", "note")
		referral = manager.ok(200, "POST", refPath+"/authorise-closure", map[string]any{"version": version(referral)})
		if referral["closure_authorised_date"] != "2026-01-01" {
			t.Errorf("closure authorised %v", referral["closure_authorised_date"])
		}

		// Reading back.
		list := worker.ok(200, "GET", child+"/section47-enquiries", nil)
		if recs := list["records"].([]any); len(recs) != 1 || recs[0].(map[string]any)["outcome"] != "substantiated_icpc" {
			t.Errorf("enquiries %v", list)
		}
		worker.ok(200, "GET", s47Path, nil)
		if status, _ := worker.call("GET", fmt.Sprintf("%s/section47-enquiries/%d", child, id(s47)+1000), nil); status != http.StatusNotFound {
			t.Errorf("another enquiry: %d", status)
		}
		// Another child's record is not reached through this child.
		if status, _ := worker.call("GET", fmt.Sprintf("/api/v1/children/%d/referrals/%d", f.child, ref), nil); status != http.StatusNotFound {
			t.Errorf("Ruby's referral under another child: %d", status)
		}
	})
}

// TestCaseworkAPIAccess: the access policy decides who may record.
func TestCaseworkAPIAccess(t *testing.T) {
	f := newFixture(t, storagetest.Open(t, "sqlite"))
	ruby, _ := walkFamily(t, f)
	path := fmt.Sprintf("/api/v1/children/%d/contacts", ruby)
	body := map[string]any{"contact_at": "2025-10-31T16:00:00Z", "source": "6"}
	for _, tt := range []struct {
		user string
		want int
	}{
		{"worker", http.StatusCreated},
		{"manager", http.StatusCreated},
		{"outsider", http.StatusForbidden}, // may break the glass, but has not
		{"police", http.StatusNotFound},
		{"analyst", http.StatusNotFound},
	} {
		status, out := f.cwClient(tt.user).call("POST", path, body)
		if status != tt.want {
			t.Errorf("%s: %d, want %d: %v", tt.user, status, tt.want, out)
		}
		// Received on Fri 31 Oct 2025 and not decided: overdue since Mon 3 Nov.
		if status == http.StatusCreated && out["derived"].(map[string]any)["decision_overdue"] != true {
			t.Errorf("an undecided contact: %v", out["derived"])
		}
	}
	if status, _ := f.browser().do("GET", path, nil, nil).status, 0; status != http.StatusUnauthorized {
		t.Errorf("signed out: %d", status)
	}
	// Bodies that are not records.
	worker := f.cwClient("worker")
	if status, _ := worker.call("POST", path, []int{1}); status != http.StatusBadRequest {
		t.Errorf("an array: %d", status)
	}
}
