package app

import (
	"context"
	"fmt"
	"github.com/waymark-care/waymark/internal/audit"
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/waymark-care/waymark/internal/casework"
	"github.com/waymark-care/waymark/internal/storage"
	"github.com/waymark-care/waymark/internal/storage/storagetest"
)

// TestMARAC: a MARAC case recorded from a child's record against an adult
// in the family, its actions for children's social care and another child
// linked, with the forms' errors; the case on the child's page; the list,
// its CSV and the measures; the API (FD-11).
func TestMARAC(t *testing.T) {
	storagetest.Each(t, func(t testing.TB, db *storage.DB) {
		f := newFixture(t, db)
		worker := f.signedIn("worker")
		cases, _, _, err := db.MARAC(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		mother := cases[0].VictimID
		cr, err := db.ChildRecord(context.Background(), f.child)
		if err != nil {
			t.Fatal(err)
		}
		var brother int64
		for _, rel := range cr.Relationships {
			if rel.Type == "sibling" {
				brother = rel.RelatedPersonID
			}
		}
		page := fmt.Sprintf("/children/%d/marac/new", f.child)
		if res := worker.get(page); res.status != http.StatusOK || !strings.Contains(res.body, "Dana Example (mother)") || !strings.Contains(res.body, "Max Example (brother or sister)") {
			t.Fatalf("new case page: %d\n%s", res.status, res.body)
		}
		res := formPost(t, worker, page, formAnswers("hearing_date", "2025-11-20", "children", "999999"))
		if res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, "govuk-error-summary") || !strings.Contains(res.body, "Select the victim from the child’s family") ||
			!strings.Contains(res.body, "Enter the date the case was referred to the MARAC") || !strings.Contains(res.body, `value="20"`) ||
			!strings.Contains(res.body, "Choose from the child’s brothers and sisters") {
			t.Errorf("case without a victim or referral: %d\n%s", res.status, res.body)
		}
		res = formPost(t, worker, page, formAnswers("victim_id", fmt.Sprint(mother), "referral_date", "2025-11-03", "hearing_date", "2025-10-01"))
		if res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, "The hearing date must be the same as or after the referral date") {
			t.Errorf("heard before it was referred: %d", res.status)
		}
		res = formPost(t, worker, page, formAnswers("victim_id", fmt.Sprint(mother), "referral_date", "2025-11-03", "hearing_date", "2025-11-20",
			"agencies_present", "police", "agencies_present", "health", "information_shared_date", "2025-11-18", "children", fmt.Sprint(brother)))
		if res.status != http.StatusSeeOther || !strings.HasPrefix(res.header.Get("Location"), "/marac/") {
			t.Fatalf("case: %d %s\n%s", res.status, res.header.Get("Location"), res.body)
		}
		casePage, _, _ := strings.Cut(res.header.Get("Location"), "?")
		if res = worker.get(casePage); res.status != http.StatusOK || !strings.Contains(res.body, "Dana Example") || !strings.Contains(res.body, "Ellie Example") ||
			!strings.Contains(res.body, "Max Example") {
			t.Errorf("case page: %d\n%s", res.status, res.body)
		}
		// The children it names are in the access log, as search results are.
		logged, err := db.AccessLog(context.Background(), storage.AccessQuery{PersonID: brother, UserID: f.accounts["worker"].ID})
		if err != nil || len(logged) == 0 || logged[0].What != "MARAC case" || logged[0].Action != audit.Listed {
			t.Errorf("access log for a child named on the case: %v %+v", err, logged)
		}

		// An action for children's social care, wrongly then rightly.
		res = formPost(t, worker, casePage+"/actions", formAnswers("action", "Share the plan with the IDVA.", "due_date", "2025-12-01"))
		if res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, "Select who owns the action") || !strings.Contains(res.body, "Share the plan with the IDVA.") {
			t.Errorf("action without an owner: %d", res.status)
		}
		res = formPost(t, worker, casePage+"/actions", formAnswers("action", "Share the plan with the IDVA.", "owner_id", fmt.Sprint(f.w.Worker.ID), "due_date", "2025-12-01"))
		if res.status != http.StatusSeeOther {
			t.Errorf("action: %d\n%s", res.status, res.body)
		}
		// The owner sees it on their home page.
		if res = worker.get("/"); !strings.Contains(res.body, "Your MARAC actions") || !strings.Contains(res.body, "1 December 2025 (overdue)") {
			t.Errorf("home page has no overdue MARAC action")
		}
		// Linking: no such child, and a child already linked.
		for number, want := range map[string]string{"": "Enter the child’s Waymark number", "999999": "There is no child with the number 999999", fmt.Sprint(f.child): "already linked"} {
			if res = formPost(t, worker, casePage+"/children", formAnswers("child", number)); res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, want) {
				t.Errorf("link %s: %d, want %q", number, res.status, want)
			}
		}
		// Those outside children's social care see no MARAC case.
		if res = f.signedIn("police").get(casePage); res.status != http.StatusForbidden {
			t.Errorf("police saw the case: %d", res.status)
		}

		// The hearing is on the child's chronology.
		if res = worker.get(fmt.Sprintf("/children/%d?all=1", f.child)); !strings.Contains(res.body, "MARAC hearing") {
			t.Errorf("child's page has no MARAC hearing")
		}
		if res = worker.get("/marac?from=2025-04-01&to=2026-01-01"); res.status != http.StatusOK || !strings.Contains(res.body, "F043, definition A") || !strings.Contains(res.body, casePage) {
			t.Errorf("list: %d\n%s", res.status, res.body)
		}
		if res = worker.get("/marac?from=2025-04-01&to=2026-01-01&format=csv"); res.status != http.StatusOK || !strings.Contains(res.body, "Dana Example,2025-11-03,2025-11-20,No") {
			t.Errorf("CSV: %d\n%s", res.status, res.body)
		}

		// The API: a repeat case heard within a year of the fixture's.
		api := f.cwClient("worker")
		api.invalid("POST", "/api/v1/marac-cases", map[string]any{"victim_id": mother, "children": []int64{f.child}}, "", "referral_date")
		// The victim is an adult of a linked child's family, and a child is
		// linked, as the form has it.
		api.invalid("POST", "/api/v1/marac-cases", map[string]any{"victim_id": mother, "referral_date": "2019-05-20"}, "Link at least one child", "children")
		api.invalid("POST", "/api/v1/marac-cases", map[string]any{"victim_id": f.child, "referral_date": "2019-05-20", "children": []int64{f.child}},
			"from the family of a child linked", "victim_id")
		rec := api.ok(http.StatusCreated, "POST", "/api/v1/marac-cases", map[string]any{"victim_id": mother, "referral_date": "2019-05-20", "hearing_date": "2019-06-06",
			"children": []int64{f.child}})
		if d := rec["derived"].(map[string]any); d["repeat"] != true || len(rec["children"].([]any)) != 1 {
			t.Errorf("repeat case %v", rec)
		}
		href := rec["href"].(string)
		api.invalid("PATCH", href, map[string]any{"victim_id": f.child, "version": version(rec)}, "cannot be changed", "victim_id")
		act := api.ok(http.StatusCreated, "POST", href+"/actions", map[string]any{"action": "Visit the children.", "owner_id": f.w.Worker.ID, "due_date": "2019-06-13"})
		done := api.ok(http.StatusOK, "PATCH", act["href"].(string), map[string]any{"completed_date": "2019-06-12", "version": version(act)})
		if d := done["derived"].(map[string]any); d["on_time"] != true {
			t.Errorf("action %v", done)
		}
		if status, _ := api.call("PATCH", act["href"].(string), map[string]any{"completed_date": "2019-06-14", "version": version(act)}); status != http.StatusConflict {
			t.Errorf("a stale change: %d", status)
		}
		list := api.ok(http.StatusOK, "GET", "/api/v1/marac-cases?from=2019-01-01&to=2019-12-31", nil)
		if n := len(list["cases"].([]any)); n != 2 {
			t.Errorf("2019's cases: %d", n)
		}
		if status, _ := api.call("GET", "/api/v1/marac/measures", nil); status != http.StatusForbidden {
			t.Errorf("a worker saw the measures: %d", status)
		}
		m := f.cwClient("analyst").ok(http.StatusOK, "GET", "/api/v1/marac/measures?from=2019-01-01&to=2019-12-31&baseline_from=2018-01-01&baseline_to=2018-12-31", nil)
		rows := m["measures"].([]any)
		if a := rows[1].(map[string]any); a["numerator"] != 1.0 || a["denominator"] != 2.0 {
			t.Errorf("definition A in 2019: %v", a)
		}
		// No case was heard in 2018: no baseline rate to fall from.
		if f044 := rows[2].(map[string]any); f044["note"] != "No baseline rate to measure from" {
			t.Errorf("F044 %v", f044)
		}
		if act := rows[6].(map[string]any); act["numerator"] != 2.0 || act["denominator"] != 2.0 {
			t.Errorf("actions on time in 2019: %v", act)
		}
		if res = f.signedIn("analyst").get("/api/v1/marac/measures?from=2019-01-01&to=2019-12-31&format=csv"); !strings.Contains(res.body, "requirement,measure,numerator") {
			t.Errorf("measures CSV: %s", res.body)
		}
	})
}

// TestMARACProgress: F044's progress says which way the rate moved and
// whether it met the target of a quarter lower (FD-11).
func TestMARACProgress(t *testing.T) {
	for _, tt := range []struct {
		baseline, now casework.Ratio
		want          string
	}{
		{casework.Ratio{N: 40, D: 100}, casework.Ratio{N: 30, D: 100}, "25% lower than the baseline; the target of a quarter lower is a rate of 30.0% or less: met"},
		{casework.Ratio{N: 40, D: 100}, casework.Ratio{N: 34, D: 100}, "15% lower than the baseline; the target of a quarter lower is a rate of 30.0% or less: not yet met"},
		{casework.Ratio{N: 20, D: 100}, casework.Ratio{N: 30, D: 100}, "50% higher than the baseline; the target of a quarter lower is a rate of 15.0% or less: not yet met"},
	} {
		m := &casework.MARACMeasures{Baseline: casework.MARACRates{Repeat: tt.baseline}, Period: casework.MARACRates{Repeat: tt.now}}
		if got := maracMeasureRows(m)[2].Note; got != tt.want {
			t.Errorf("%v to %v: %q, want %q", tt.baseline, tt.now, got, tt.want)
		}
	}
}

// TestMASH: a request to a MASH partner about a contact and its answer, on
// the child's casework page and in the API, refused for an agency not in
// the MASH; the measures page, CSV and API (FD-12).
func TestMASH(t *testing.T) {
	storagetest.Each(t, func(t testing.TB, db *storage.DB) {
		f := newFixture(t, db)
		worker := f.signedIn("worker")
		cr, err := db.ChildRecord(context.Background(), f.child)
		if err != nil {
			t.Fatal(err)
		}
		contact := fmt.Sprint(cr.Contacts[1].ID)
		page := fmt.Sprintf("/children/%d/casework/mash-request", f.child)
		res := formPost(t, worker, page, formAnswers("contact_id", contact, "agency", "youth_justice", "requested_at", "2019-01-07", "requested_at-time", "11:00"))
		if res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, "was not a member of the MASH") {
			t.Errorf("a request of a non-member: %d\n%s", res.status, res.body)
		}
		res = formPost(t, worker, page, formAnswers("contact_id", contact, "agency", "housing", "requested_at", "2019-01-07", "requested_at-time", "11:00",
			"responded_at", "2019-01-07", "responded_at-time", "15:00"))
		if res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, "select the agency’s rating") {
			t.Errorf("an answer without a rating: %d\n%s", res.status, res.body)
		}
		res = formPost(t, worker, page, formAnswers("contact_id", contact, "agency", "housing", "requested_at", "2019-01-07", "requested_at-time", "11:00",
			"responded_at", "2019-01-07", "responded_at-time", "15:00", "rag", "amber"))
		if res.status != http.StatusSeeOther {
			t.Fatalf("request: %d\n%s", res.status, res.body)
		}
		if res = worker.get(fmt.Sprintf("/children/%d/casework", f.child)); !strings.Contains(res.body, "MASH request to Housing") {
			t.Errorf("casework page has no MASH request")
		}
		api := f.cwClient("worker")
		recs := api.ok(http.StatusOK, "GET", fmt.Sprintf("/api/v1/children/%d/mash-requests", f.child), nil)["records"].([]any)
		if len(recs) != 4 || recs[3].(map[string]any)["derived"].(map[string]any)["response_minutes"] != 240.0 {
			t.Errorf("requests %v", recs)
		}
		api.invalid("POST", fmt.Sprintf("/api/v1/children/%d/mash-requests", f.child), map[string]any{"contact_id": cr.Contacts[1].ID, "agency": "police"}, "", "requested_at")

		analyst := f.cwClient("analyst")
		m := analyst.ok(http.StatusOK, "GET", "/api/v1/mash/measures?from=2019-01-01&to=2019-01-31", nil)
		if m["mash_contacts"] != 1.0 {
			t.Errorf("measures %v", m)
		}
		for _, a := range m["agencies"].([]any) {
			a := a.(map[string]any)
			want := map[string]float64{"police": 1, "health": 1, "housing": 1, "education": 0, "probation": 0, "adult_social_care": 0}[a["agency"].(string)]
			if a["responded"] != want || a["mash_contacts"] != 1.0 {
				t.Errorf("%v: want %v responded of 1", a, want)
			}
			if a["agency"] == "police" && a["median_response_minutes"] != 120.0 {
				t.Errorf("police median %v", a)
			}
		}
		if ms := m["membership"].([]any); len(ms) != 1 || len(ms[0].(map[string]any)["agencies"].([]any)) != 6 {
			t.Errorf("membership %v", ms)
		}
		if months := m["months"].([]any); len(months) != 1 || months[0].(map[string]any)["active"] != 3.0 || months[0].(map[string]any)["members"] != 6.0 {
			t.Errorf("months %v", months)
		}
		if status, _ := api.call("GET", "/api/v1/mash/measures", nil); status != http.StatusForbidden {
			t.Errorf("a worker saw the measures: %d", status)
		}
		analystPage := f.signedIn("analyst")
		if res = analystPage.get("/mash?from=2019-01-01&to=2019-01-31"); res.status != http.StatusOK || !strings.Contains(res.body, "Agencies active each month") || !strings.Contains(res.body, "January 2019") {
			t.Errorf("MASH page: %d\n%s", res.status, res.body)
		}
		if res = analystPage.get("/mash?from=2019-01-01&to=2019-01-31&format=csv"); !strings.Contains(res.body, "Police,1,1,100.0,1,2.0,1,0,0") {
			t.Errorf("MASH CSV: %s", res.body)
		}
	})
}

// TestMARACBrowser records a MARAC case in headless Chromium, mistakes
// first, and opens the case, the list and the MASH measures, checking
// each page for accessibility (WCAG 2.2 AA) (FD-11, FD-12).
func TestMARACBrowser(t *testing.T) {
	f := newFixture(t, storagetest.Open(t, "sqlite"))
	ctx := browse(t)
	base := f.srv.URL
	run := func(what string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	signIn := func(username string) {
		run("sign in as "+username,
			chromedp.Navigate(base+"/sign-in"),
			chromedp.SendKeys(chromedp.CSS("#username"), username),
			chromedp.SendKeys(chromedp.CSS("#password"), password),
			chromedp.Click(chromedp.CSS("form button[type=submit]")),
			// Signed in: the menu has a way out (the sign-in page has a
			// main too, so waiting for one would race the next page).
			chromedp.WaitVisible(chromedp.CSS(`a[href="/sign-out"]`)),
		)
	}
	signIn("worker")
	run("open the MARAC form", chromedp.Navigate(fmt.Sprintf("%s/children/%d/marac/new", base, f.child)), chromedp.WaitVisible(chromedp.CSS("#referral_date-day")))
	checkAccessible(t, ctx, "MARAC case form")
	run("send it without a victim",
		chromedp.SendKeys(chromedp.CSS("#referral_date-day"), "3"),
		chromedp.SendKeys(chromedp.CSS("#referral_date-month"), "11"),
		chromedp.SendKeys(chromedp.CSS("#referral_date-year"), "2025"),
		chromedp.Click(chromedp.CSS("main form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(".govuk-error-summary")),
	)
	checkAccessible(t, ctx, "MARAC case form errors")
	run("record the case",
		chromedp.Click(chromedp.CSS("#victim_id")),
		chromedp.Click(chromedp.CSS("main form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(".govuk-notification-banner--success")),
	)
	checkAccessible(t, ctx, "MARAC case")
	run("open the action form", chromedp.Click(chromedp.CSS(`a[href$="/actions"]`)), chromedp.WaitVisible(chromedp.CSS("#action")))
	run("send it without an owner",
		chromedp.SendKeys(chromedp.CSS("#action"), "See the children."),
		chromedp.Click(chromedp.CSS("main form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(".govuk-error-summary")),
	)
	checkAccessible(t, ctx, "MARAC action errors")
	run("open the MARAC cases", chromedp.Navigate(base+"/marac?from=2025-04-01&to=2026-01-01"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	checkAccessible(t, ctx, "MARAC cases")
	run("open the casework page", chromedp.Navigate(fmt.Sprintf("%s/children/%d/casework/mash-request", base, f.child)), chromedp.WaitVisible(chromedp.CSS("#agency")))
	checkAccessible(t, ctx, "MASH request form")

	run("sign out", chromedp.Navigate(base+"/sign-out"), chromedp.Click(chromedp.CSS("main form button")), chromedp.WaitVisible(chromedp.CSS(".govuk-notification-banner--success")))
	signIn("analyst")
	run("open the MASH measures", chromedp.Navigate(base+"/mash?from=2019-01-01&to=2019-03-31"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	checkAccessible(t, ctx, "MASH measures")
}
