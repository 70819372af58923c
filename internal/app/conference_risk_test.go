package app

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/waymark-care/waymark/internal/domain"
	"github.com/waymark-care/waymark/internal/storage"
	"github.com/waymark-care/waymark/internal/storage/storagetest"
)

// TestConferenceParentsAndRisk: a parent's part in a conference through
// the form and the API, with the report's due day and the language warning
// derived (AC-15); the parents' and risk rating sections of the oversight
// page and the conference's due items on the casework page (AC-15, AC-18);
// a concern marked on a visit (AC-02); the parents list; on both databases.
func TestConferenceParentsAndRisk(t *testing.T) {
	storagetest.Each(t, func(t testing.TB, db *storage.DB) {
		f := newFixture(t, db)
		child := fmt.Sprintf("/children/%d", f.child)
		worker := f.signedIn("worker")
		api := f.cwClient("worker")
		cr, err := db.ChildRecord(context.Background(), f.child)
		if err != nil {
			t.Fatal(err)
		}
		mother, father := cr.Relationships[0].RelatedPersonID, cr.Relationships[1].RelatedPersonID
		icpc, review := cr.Conferences[0], cr.Conferences[1] // 28 Jan and 26 Apr 2019

		// The form, wrongly then rightly: the parents are offered by name.
		page := child + "/casework/conference-parent"
		if res := worker.get(page); res.status != http.StatusOK || !strings.Contains(res.body, "Dana Example (mother)") {
			t.Fatalf("form: %d\n%s", res.status, res.body)
		}
		res := formPost(t, worker, page, formAnswers("conference_id", fmt.Sprint(review.ID), "communication_needs", "Dyslexic: read it with her."))
		if res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, "Select the parent or carer") ||
			!strings.Contains(res.body, "Enter the language the parent prefers") || !strings.Contains(res.body, "Dyslexic: read it with her.") {
			t.Errorf("without parent or language: %d\n%s", res.status, res.body)
		}
		res = formPost(t, worker, page, formAnswers("conference_id", fmt.Sprint(review.ID), "parent_id", fmt.Sprint(mother), "preferred_language", "English",
			"interpreter_needed", "no", "communication_needs", "Dyslexic: read it with her.", "report_shared_date", "2019-04-17", "attended", "yes"))
		if res.status != http.StatusSeeOther {
			t.Errorf("mother at the review: %d\n%s", res.status, res.body)
		}

		// The API: the father at the review, his language and interpreter
		// need taken from his record (Polish), with no interpreter booked,
		// is saved with a warning; someone not related is refused.
		path := "/api/v1" + child + "/conference-parents"
		api.invalid("POST", path, map[string]any{"conference_id": review.ID, "parent_id": f.child, "preferred_language": "English"}, "parents or carers", "parent_id")
		api.invalid("POST", path, map[string]any{"conference_id": icpc.ID, "parent_id": mother, "preferred_language": "English"}, "already recorded", "parent_id")
		rec := api.ok(http.StatusCreated, "POST", path, map[string]any{"conference_id": review.ID, "parent_id": father, "report_shared_date": "2019-04-23"})
		d := rec["derived"].(map[string]any)
		if rec["preferred_language"] != "Polish" || rec["interpreter_needed"] != true || d["report_due"] != "2019-04-17" || d["report_in_time"] != false ||
			!strings.HasPrefix(fmt.Sprint(d["language_warning"]), "Father prefers Polish") {
			t.Errorf("father %v", rec)
		}
		conf := api.ok(http.StatusOK, "GET", fmt.Sprintf("/api/v1%s/conferences/%d", child, icpc.ID), nil)
		if conf["derived"].(map[string]any)["parent_report_due"] != "2019-01-24" || conf["risk_rating"] != "high" {
			t.Errorf("conference %v", conf)
		}

		// AC-02: a concern found on a visit.
		api.ok(http.StatusCreated, "POST", "/api/v1"+child+"/harm-concerns", map[string]any{"visit_id": cr.Visits[3].ID, "level": "reasonable_cause",
			"raised_at": "2019-02-19T15:00:00Z", "concern": "Bruise on Ellie's arm seen on the visit."})
		api.invalid("POST", "/api/v1"+child+"/harm-concerns", map[string]any{"visit_id": 999999, "level": "reasonable_cause", "raised_at": "2019-02-19T15:00:00Z", "concern": "Bruise."},
			"no visit", "visit_id")

		// The oversight page: each parent, and the plan's risk trend.
		res = worker.get(child + "/oversight")
		for _, want := range []string{"Parents at conferences", "Father, initial child protection conference", "report shared Fri 25 Jan 2019, due Thu 24 Jan 2019",
			"Prefers Polish, needs an interpreter", "Dyslexic: read it with her.", "High (initial child protection conference, Mon 28 Jan 2019) → High (core group",
			"Medium (review child protection conference, Fri 26 Jul 2019)"} {
			if !strings.Contains(res.body, want) {
				t.Errorf("oversight page does not say %q", want)
			}
		}
		// The casework page: the conference's due items for the parents.
		if res = worker.get(child + "/casework"); !strings.Contains(res.body, "report to the parents due Fri 19 Jul 2019, no parent recorded") ||
			!strings.Contains(res.body, "Record a parent’s part") || !strings.Contains(res.body, "Education; risk medium") {
			t.Errorf("casework page:\n%s", res.body)
		}

		cr, err = db.ChildRecord(context.Background(), f.child)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.ContainsFunc(cr.ConferenceParents, func(p domain.ConferenceParent) bool {
			return p.ConferenceID == review.ID && p.ParentID == mother && p.CommunicationNeeds == "Dyslexic: read it with her." && *p.Attended
		}) || !slices.ContainsFunc(cr.HarmConcerns, func(h domain.HarmConcern) bool { return h.VisitID == cr.Visits[3].ID }) {
			t.Errorf("saved: parents %+v, concerns %+v", cr.ConferenceParents, cr.HarmConcerns)
		}

		// The measures (AC-15): of the two conferences of 2019 with a
		// parent recorded, none had every parent's report in time; of the
		// two with a parent needing an interpreter, the initial conference
		// had one booked.
		m := f.cwClient("analyst").ok(http.StatusOK, "GET", "/api/v1/oversight/measures?from=2019-01-01&to=2019-12-31", nil)
		var got []string
		for _, row := range m["measures"].([]any) {
			if r := row.(map[string]any); r["requirement"] == "AC-15" {
				got = append(got, fmt.Sprintf("%v/%v", r["numerator"], r["denominator"]))
			}
		}
		if !slices.Equal(got, []string{"0/2", "1/2"}) {
			t.Errorf("AC-15 measures %v", got)
		}

		// The list: the initial conference (the father's report late) and
		// the review (the father's late and in Polish without an interpreter).
		list := f.cwClient("manager").ok(http.StatusOK, "GET", "/api/v1/exceptions/parents-not-prepared?as_of=2019-05-31", nil)
		var details []string
		for _, e := range list["entries"].([]any) {
			details = append(details, e.(map[string]any)["detail"].(string))
		}
		if len(details) != 2 || !strings.Contains(details[0]+details[1], "Father: prefers Polish") {
			t.Errorf("list %v", list)
		}
	})
}
