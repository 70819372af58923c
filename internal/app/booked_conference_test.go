package app

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/waymark-care/waymark/internal/domain"
	"github.com/waymark-care/waymark/internal/storage"
	"github.com/waymark-care/waymark/internal/storage/storagetest"
)

// TestBookedConference: an initial conference booked from the casework
// page, a parent's part recorded against it, the alerts on the casework
// page, the API and the parents-not-ready list before it is held; recorded
// as held wrongly, then rightly, and a change from a stale version
// refused; a review booked through the API (AC-14, AC-15); on both
// databases. Today is Thu 1 Jan 2026.
func TestBookedConference(t *testing.T) {
	storagetest.Each(t, func(t testing.TB, db *storage.DB) {
		f := newFixture(t, db)
		ruby := protectionFixture(t, f)
		base := fmt.Sprintf("/children/%d/casework", ruby)
		worker := f.signedIn("worker")
		api := f.cwClient("worker")
		manager := f.cwClient("manager")
		read := func() *domain.ChildRecord {
			t.Helper()
			cr, err := db.ChildRecord(context.Background(), ruby)
			if err != nil {
				t.Fatal(err)
			}
			return cr
		}
		cr := read()
		s47, mother := cr.Section47Enquiries[0], cr.Relationships[0].RelatedPersonID
		pageSays := func(what string, wants ...string) {
			t.Helper()
			res := worker.get(base)
			for _, want := range wants {
				if !strings.Contains(res.body, want) {
					t.Errorf("%s: the casework page does not say %q\n%s", what, want, res.body)
				}
			}
		}
		notReady := func(asOf string) []string {
			t.Helper()
			list := manager.ok(http.StatusOK, "GET", "/api/v1/exceptions/parents-not-ready?as_of="+asOf, nil)
			var details []string
			for _, e := range list["entries"].([]any) {
				details = append(details, e.(map[string]any)["detail"].(string))
			}
			return details
		}

		// Booked wrongly (no day), then rightly, from the casework page's
		// next step.
		pageSays("before booking", "Book the initial conference", "Record the initial conference")
		page := base + "/conference-booking"
		about := []string{"conference_type", "initial", "referral_id", fmt.Sprint(s47.ReferralID), "s47_enquiry_id", fmt.Sprint(s47.ID), "chair_id", fmt.Sprint(f.w.IRO.ID)}
		res := formPost(t, worker, page, formAnswers(about...))
		if res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, "Enter the day the conference is booked for") {
			t.Fatalf("booking without a day: %d\n%s", res.status, res.body)
		}
		if res = formPost(t, worker, page, formAnswers(append(about, "conference_date", "2026-01-02")...)); res.status != http.StatusSeeOther {
			t.Fatalf("booking: %d\n%s", res.status, res.body)
		}
		cr = read()
		icpc := cr.Conferences[0]
		if !icpc.Booked || icpc.TargetDate.String() != "2025-12-01" || icpc.ChairID != f.w.IRO.ID || icpc.Decision != "" {
			t.Fatalf("booked %+v", icpc)
		}
		// Its report was due 2 working days before, over Christmas and New
		// Year: Tue 30 Dec 2025; no parent is recorded.
		pageSays("booked", "initial conference due Mon 1 Dec 2025, booked for Fri 2 Jan 2026",
			"Booked, not yet held; report to the parents due Tue 30 Dec 2025; No parent’s part recorded", "Record the conference as held", "Change the booking")
		if got := notReady("2026-01-01"); len(got) != 1 || !strings.Contains(got[0], "No parent’s part recorded: the report was due Tue 30 Dec 2025") {
			t.Errorf("list before a parent is recorded: %v", got)
		}
		if got := notReady("2025-12-29"); len(got) != 0 {
			t.Errorf("list before the report was due: %v", got)
		}

		// The mother's part: Polish, the report not shared, nothing
		// arranged.
		res = formPost(t, worker, base+"/conference-parent", formAnswers("conference_id", fmt.Sprint(icpc.ID), "parent_id", fmt.Sprint(mother), "preferred_language", "Polish"))
		if res.status != http.StatusSeeOther {
			t.Fatalf("mother's part: %d\n%s", res.status, res.body)
		}
		pageSays("the mother recorded", "Mother: report not shared (due Tue 30 Dec 2025)", "Mother: prefers Polish; no translated summary given or interpreter booked yet")
		confPath := fmt.Sprintf("/api/v1/children/%d/conferences/%d", ruby, icpc.ID)
		conf := api.ok(http.StatusOK, "GET", confPath, nil)
		if d := conf["derived"].(map[string]any); conf["booked"] != true || d["parent_report_due"] != "2025-12-30" || len(d["parents_not_ready"].([]any)) != 2 {
			t.Errorf("API booked conference %v", conf)
		}
		if got := notReady("2026-01-01"); len(got) != 1 || !strings.Contains(got[0], "Mother: report not shared") || !strings.Contains(got[0], "Mother: prefers Polish") {
			t.Errorf("list: %v", got)
		}
		if res := worker.get("/exceptions/parents-not-ready?as_of=2026-01-01"); !strings.Contains(res.body, "Booked conferences with parents not yet prepared") || !strings.Contains(res.body, "Mother: prefers Polish") {
			t.Errorf("list page: %d\n%s", res.status, res.body)
		}
		// Put right through the API: the report shared and an interpreter
		// booked.
		cr = read()
		pp := cr.ConferenceParents[0]
		api.ok(http.StatusOK, "PATCH", fmt.Sprintf("/api/v1/children/%d/conference-parents/%d", ruby, pp.ID),
			map[string]any{"version": pp.Version, "report_shared_date": "2025-12-30", "interpreter_booked_date": "2025-12-31"})
		if got := notReady("2026-01-01"); len(got) != 0 {
			t.Errorf("list once the mother is prepared: %v", got)
		}
		pageSays("the mother prepared", "Booked, not yet held; report to the parents due Tue 30 Dec 2025</")
		if res := worker.get(fmt.Sprintf("/children/%d/oversight", ruby)); !strings.Contains(res.body, "Mother, initial child protection conference (booked)") {
			t.Errorf("oversight page:\n%s", res.body)
		}

		// Recorded as held: wrongly (no decision, attendance or risk
		// rating), then rightly; then a change from the booking's version.
		held := base + fmt.Sprintf("/conference-held/%d", icpc.ID)
		values := formValues(&icpc, formNamed("conference-held").Questions)
		values.Set("version", fmt.Sprint(icpc.Version))
		res = formPost(t, worker, held, values)
		if res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, "Select the conference&#39;s decision") ||
			!strings.Contains(res.body, "Select the agencies that attended") {
			t.Errorf("held without a decision: %d\n%s", res.status, res.body)
		}
		for name, vs := range formAnswers("agencies", "childrens_social_care", "agencies", "police", "agencies", "health", "police_report_on_time", "yes",
			"reports_shared_date", "2025-12-30", "advocacy_offered", "yes", "risk_rating", "high", "decision", "cp_plan") {
			values[name] = vs
		}
		if res = formPost(t, worker, held, values); res.status != http.StatusSeeOther {
			t.Fatalf("held: %d\n%s", res.status, res.body)
		}
		if res = formPost(t, worker, held, values); res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, "Open the form again") {
			t.Errorf("stale form: %d\n%s", res.status, res.body)
		}
		if status, _ := api.call("PATCH", confPath, map[string]any{"version": icpc.Version, "chair_id": f.w.Worker.ID}); status != http.StatusConflict {
			t.Errorf("stale API change: %d, want 409", status)
		}
		cr = read()
		if c := cr.Conferences[0]; c.Booked || c.Decision != "cp_plan" || c.Quorate == nil || !*c.Quorate {
			t.Errorf("held %+v", c)
		}
		pageSays("held", "Start the child protection plan")
		conf = api.ok(http.StatusOK, "GET", confPath, nil)
		api.invalid("PATCH", confPath, map[string]any{"version": conf["version"], "booked": true}, "cannot be booked again", "booked")

		// A review booked through the API, for a day weeks ahead; a booking
		// with a decision is refused.
		path := fmt.Sprintf("/api/v1/children/%d/conferences", ruby)
		review := map[string]any{"booked": true, "conference_type": "review", "referral_id": s47.ReferralID, "conference_date": "2026-03-25", "chair_id": f.w.IRO.ID}
		withDecision := map[string]any{"decision": "continue_plan"}
		for k, v := range review {
			withDecision[k] = v
		}
		api.invalid("POST", path, withDecision, "has not been held", "decision")
		rec := api.ok(http.StatusCreated, "POST", path, review)
		if d := rec["derived"].(map[string]any); d["parent_report_due"] != "2026-03-18" || len(d["parents_not_ready"].([]any)) != 0 {
			t.Errorf("review booked %v", rec)
		}
		if got := notReady("2026-03-19"); len(got) != 1 || !strings.Contains(got[0], "the report was due Wed 18 Mar 2026") {
			t.Errorf("list as at the review's week: %v", got)
		}

		// The review will not be held: its booking is cancelled, wrongly
		// (no reason) then rightly, and is then neither listed nor offered
		// to record as held; it cannot be recorded as held afterwards.
		cancel := base + fmt.Sprintf("/conference-cancel/%.0f", rec["id"].(float64))
		res = formPost(t, worker, cancel, formAnswers("version", fmt.Sprint(rec["version"]), "cancelled_date", "2026-03-02"))
		if res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, "Enter why the booking was cancelled") || !strings.Contains(res.body, `value="2"`) {
			t.Errorf("cancelled without why: %d\n%s", res.status, res.body)
		}
		res = formPost(t, worker, cancel, formAnswers("version", fmt.Sprint(rec["version"]), "cancelled_date", "2026-03-02", "cancel_reason", "The plan ended at the core group."))
		if res.status != http.StatusSeeOther {
			t.Fatalf("cancelled: %d\n%s", res.status, res.body)
		}
		if got := notReady("2026-03-19"); len(got) != 0 {
			t.Errorf("a cancelled booking is listed: %v", got)
		}
		pageSays("cancelled", "Booking cancelled Mon 2 Mar 2026: The plan ended at the core group.")
		reviewPath := fmt.Sprintf("%s/%.0f", path, rec["id"].(float64))
		rec = api.ok(http.StatusOK, "GET", reviewPath, nil)
		if rec["cancel_reason"] != "The plan ended at the core group." {
			t.Errorf("API cancelled booking %v", rec)
		}
		api.invalid("PATCH", reviewPath, map[string]any{"version": rec["version"], "booked": false, "decision": "continue_plan", "agencies": []string{"police"},
			"police_report_on_time": true, "reports_shared_date": "2026-03-20", "risk_rating": "low", "advocacy_offered": true}, "cannot be cancelled", "cancelled_date")
	})
}
