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

// TestOversight: the child's oversight page and its forms, workers'
// training, the drift review and the measures, as pages and API, on both
// databases (AC-02, AC-04, AC-09, AC-18, AC-20, AC-21).
func TestOversight(t *testing.T) {
	storagetest.Each(t, func(t testing.TB, db *storage.DB) {
		f := newFixture(t, db)
		child := fmt.Sprintf("/children/%d", f.child)
		worker, manager := f.signedIn("worker"), f.signedIn("manager")
		cr, err := db.ChildRecord(context.Background(), f.child)
		if err != nil {
			t.Fatal(err)
		}

		// The page shows the fixture's escalation and agency updates.
		res := worker.get(child + "/oversight")
		if res.status != http.StatusOK || !strings.Contains(res.body, "Conference chairs’ escalations") || !strings.Contains(res.body, "Named nurse for safeguarding") {
			t.Fatalf("oversight page: %d\n%s", res.status, res.body)
		}

		// AC-02: a concern of significant harm, wrongly then rightly.
		page := child + "/casework/harm-concern"
		res = formPost(t, worker, page, formAnswers("referral_id", fmt.Sprint(cr.Referrals[len(cr.Referrals)-1].ID), "concern", "Bruising seen at nursery."))
		if res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, "govuk-error-summary") || !strings.Contains(res.body, "Select reasonable cause or immediate risk") ||
			!strings.Contains(res.body, "Bruising seen at nursery.") {
			t.Errorf("concern without a level: %d", res.status)
		}
		good := formAnswers("referral_id", fmt.Sprint(cr.Referrals[len(cr.Referrals)-1].ID), "concern", "Bruising seen at nursery.", "level", "immediate_risk",
			"raised_at", "2024-03-28", "raised_at-time", "10:30")
		if res = formPost(t, worker, page, good); res.status != http.StatusSeeOther {
			t.Errorf("concern: %d\n%s", res.status, res.body)
		}

		// AC-09: the child's voice at a visit.
		visit := cr.Visits[0].ID
		page = fmt.Sprintf("%s/oversight/voice/visit/%d", child, visit)
		if res = formPost(t, worker, page, formAnswers("method", "childs_words")); res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, "Enter what the child said or showed") {
			t.Errorf("voice without content: %d", res.status)
		}
		res = formPost(t, worker, page, formAnswers("method", "childs_words", "heard_date", cr.Visits[0].Date.String(), "by_id", fmt.Sprint(f.w.Worker.ID), "content", "I like my new bedroom."))
		if res.status != http.StatusSeeOther {
			t.Errorf("voice: %d\n%s", res.status, res.body)
		}
		if res = worker.get(fmt.Sprintf("%s/oversight/voice/visit/%d", child, 999999)); res.status != http.StatusNotFound {
			t.Errorf("voice for no such visit: %d", res.status)
		}

		// AC-21: only a manager records a drift review.
		if res = worker.get(child + "/oversight/drift-review"); res.status != http.StatusForbidden {
			t.Errorf("worker's drift review: %d", res.status)
		}
		res = formPost(t, manager, child+"/oversight/drift-review", formAnswers("decision_date", "2024-03-28", "decision", "Continue the plan", "rationale", "Risk is reducing."))
		if res.status != http.StatusSeeOther {
			t.Errorf("drift review: %d\n%s", res.status, res.body)
		}
		cr, err = db.ChildRecord(context.Background(), f.child)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.ContainsFunc(cr.HarmConcerns, func(h domain.HarmConcern) bool { return h.Level == "immediate_risk" }) ||
			!slices.ContainsFunc(cr.ChildsVoices, func(v domain.ChildsVoice) bool { return v.RecordKind == "visit" && v.RecordID == visit }) ||
			!slices.ContainsFunc(cr.ManagementDecisions, func(m domain.ManagementDecision) bool { return m.DriftReview && m.ManagerID == f.w.Manager.ID }) {
			t.Errorf("saved: concerns %+v, voices %+v", cr.HarmConcerns, cr.ChildsVoices)
		}

		// AC-04: training, through the API and the page.
		api := f.cwClient("manager")
		body := map[string]any{"professional_id": f.w.Worker.ID, "course": "joint_investigation", "completed_date": "2023-01-09"}
		rec := api.ok(http.StatusCreated, "POST", "/api/v1/training-records", body)
		if d := rec["derived"].(map[string]any); d["expires"] != "2026-01-09" || d["current"] != true {
			t.Errorf("training %v", rec)
		}
		api.invalid("POST", "/api/v1/training-records", map[string]any{"professional_id": f.w.Worker.ID}, "", "course", "completed_date")
		if status, _ := f.cwClient("worker").call("POST", "/api/v1/training-records", body); status != http.StatusForbidden {
			t.Errorf("a worker recorded training: %d", status)
		}
		if res = formPost(t, manager, "/training", formAnswers("professional_id", fmt.Sprint(f.w.Worker.ID), "provider", "Partnership")); res.status != http.StatusUnprocessableEntity ||
			!strings.Contains(res.body, "Select the course") || !strings.Contains(res.body, `value="Partnership"`) {
			t.Errorf("training form without a course: %d", res.status)
		}
		if res = worker.get("/training"); res.status != http.StatusOK || !strings.Contains(res.body, "Joint investigation") || strings.Contains(res.body, "Record training") {
			t.Errorf("training page for a worker: %d", res.status)
		}

		// Measures, for those who may see them.
		if status, _ := f.cwClient("worker").call("GET", "/api/v1/oversight/measures", nil); status != http.StatusForbidden {
			t.Errorf("a worker saw the measures: %d", status)
		}
		m := f.cwClient("analyst").ok(http.StatusOK, "GET", "/api/v1/oversight/measures?from=2019-01-01&to=2019-12-31", nil)
		rows := m["measures"].([]any)
		if first := rows[0].(map[string]any); first["requirement"] != "AC-02" || first["denominator"] != 1.0 {
			t.Errorf("measures %v", rows)
		}
		if res = f.signedIn("analyst").get("/oversight?from=2019-01-01&to=2019-12-31"); res.status != http.StatusOK || !strings.Contains(res.body, "Advocacy requests (F063)") {
			t.Errorf("measures page: %d", res.status)
		}

		// The oversight records in the casework API.
		concerns := f.cwClient("worker").ok(http.StatusOK, "GET", "/api/v1"+child+"/harm-concerns", nil)
		if len(concerns["records"].([]any)) != 3 { // the contact's, the case note's and this one

			t.Errorf("concerns %v", concerns)
		}
	})
}
