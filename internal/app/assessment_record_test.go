package app

import (
	"fmt"
	"html"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/domain"
	"github.com/waymark-care/waymark/internal/storage"
	"github.com/waymark-care/waymark/internal/storage/storagetest"
)

// TestAssessmentRecord: the assessment record's forms — the sections of
// the assessment, a source consulted, a tool's result — each wrongly then
// rightly; a manager refused authorisation until every section is there;
// the case summary on the child's page; key events in the chronology; tool
// scores between assessments on the oversight page; the out-of-date
// summaries list and the measures, on SQLite and PostgreSQL (AC-05, AC-08,
// AC-10).
func TestAssessmentRecord(t *testing.T) {
	storagetest.Each(t, func(t testing.TB, db *storage.DB) {
		f := newFixture(t, db)
		ruby, assessment := driftFixture(t, f)
		base := fmt.Sprintf("/children/%d/casework", ruby)
		s := &formState{}
		read := func() {
			t.Helper()
			cr, err := db.ChildRecord(t.Context(), ruby)
			if err != nil {
				t.Fatal(err)
			}
			s.cr = cr
		}
		read()
		worker, manager := f.signedIn("worker"), f.signedIn("manager")
		aid := fmt.Sprint(assessment)

		// The fixture's assessment has every section; take the family's
		// summary away and find neglect, and a manager is refused.
		res := formPost(t, worker, base+"/assessment-complete/"+aid, s.with("assessment-complete", "assessment", "family_summary", "", "factors", "3B", "factors", "16A"))
		if res.status != http.StatusSeeOther {
			t.Fatalf("completing: %d\n%s", res.status, res.body)
		}
		read()
		approve := func() response {
			page := manager.get("/approvals?as_of=2025-12-10")
			form := formAnswers("kind", "assessment", "id", aid, "version", s.version("assessment"), "back", "as_of=2025-12-10")
			form.Set("csrf_token", csrfPattern.FindStringSubmatch(page.body)[1])
			return manager.post(fmt.Sprintf("/children/%d/approvals", ruby), form)
		}
		res = approve()
		for _, want := range []string{"There is a problem", "Enter a summary of the assessment in plain language for the family", "Neglect was identified"} {
			if res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, html.EscapeString(want)) {
				t.Errorf("authorising without the summary for the family or a neglect tool: %d, the page lacks %q", res.status, want)
			}
		}

		cases := []formCase{
			{name: "a source consulted", slug: "assessment-source",
				bad: func(s *formState) url.Values {
					return formAnswers("assessment_id", aid, "agency", "health", "consulted_date", "2025-11-12")
				},
				want: []string{"Enter who was spoken to", `href="#consulted"`, "Enter what they said"},
				good: func(s *formState) url.Values {
					return formAnswers("assessment_id", aid, "agency", "health", "consulted", "Health visitor", "consulted_date", "2025-11-12", "summary", "Weight is low.")
				}},
			{name: "the graded care profile", slug: "assessment-tool-use",
				bad: func(s *formState) url.Values {
					return formAnswers("assessment_id", aid, "tool", "gcp2", "used_date", "2025-11-14", "score", "six")
				},
				want: []string{"Enter a whole number", `href="#score"`, "Graded Care Profile 2 (neglect): scored 1 to 5"},
				good: func(s *formState) url.Values {
					return formAnswers("assessment_id", aid, "tool", "gcp2", "used_date", "2025-11-14", "score", "4", "by_id", fmt.Sprint(f.w.Worker.ID))
				}},
			{name: "a score off the scale", slug: "assessment-tool-use",
				bad: func(s *formState) url.Values {
					return formAnswers("assessment_id", aid, "tool", "signs_of_safety", "used_date", "2025-11-14", "score", "11")
				},
				want: []string{"The score must be from 0 to 10"}},
			{name: "the summary for the family", slug: "assessment-complete", of: "assessment",
				bad: func(s *formState) url.Values {
					return s.with("assessment-complete", "assessment", "chronology_reviewed_date-month", "13")
				},
				want: []string{"Enter a real date", `href="#chronology_reviewed_date-day"`},
				good: func(s *formState) url.Values {
					return s.with("assessment-complete", "assessment", "family_summary", "We are worried Ruby is not getting enough to eat; we will help.")
				}},
			{name: "the case summary", slug: "case-summary",
				bad:  func(s *formState) url.Values { return formAnswers("summary", "") },
				want: []string{"Enter the case summary"},
				good: func(s *formState) url.Values {
					return formAnswers("summary", "Ruby lives with her mum and brother Leo.")
				},
				check: func(t testing.TB, cr *domain.ChildRecord) {
					if len(cr.CaseSummaries) != 1 || cr.CaseSummaries[0].LastUpdated != civil.MustParse("2026-01-01") || cr.CaseSummaries[0].ByID != f.w.Worker.ID {
						t.Errorf("case summary %+v", cr.CaseSummaries)
					}
				}},
			{name: "a second case summary", slug: "case-summary",
				bad:  func(s *formState) url.Values { return formAnswers("summary", "Ruby again.") },
				want: []string{"already has a case summary"}},
			{name: "the case summary updated", slug: "case-summary", of: "case_summary",
				good: func(s *formState) url.Values {
					return s.with("case-summary", "case_summary", "summary", "Ruby lives with her mum and Leo; neglect is being assessed.")
				}},
		}
		runFormCases(t, map[string]*client{"worker": worker, "manager": manager}, base, "", s, read, cases)

		// Every section recorded: the manager authorises it.
		if res := approve(); res.status != http.StatusSeeOther {
			t.Fatalf("authorising: %d\n%s", res.status, res.body)
		}
		read()
		if a := s.cr.Assessments[0]; a.AuthorisedDate != civil.MustParse("2026-01-01") {
			t.Errorf("assessment %+v", a)
		}
		hub := worker.get(base)
		for _, want := range []string{"Source: Health, Health visitor", "Tool: Graded Care Profile 2 (neglect)", "Score 4"} {
			if !strings.Contains(hub.body, html.EscapeString(want)) {
				t.Errorf("casework page lacks %q", want)
			}
		}

		// The child's page: the summary, dated; a key event marked from the
		// chronology.
		child := worker.get(fmt.Sprintf("/children/%d", ruby))
		key := fmt.Sprintf("/children/%d/chronology/key/referral/%s/2025-11-03", ruby, s.id("referral"))
		for _, want := range []string{"neglect is being assessed", "Last updated 1 January 2026", "Update the case summary", key} {
			if !strings.Contains(child.body, want) {
				t.Errorf("child's page lacks %q", want)
			}
		}
		if strings.Contains(child.body, "out of date") {
			t.Error("a summary written today is out of date")
		}
		if res := worker.get(fmt.Sprintf("/children/%d/chronology/key/referral/%s/2025-11-04", ruby, s.id("referral"))); res.status != http.StatusNotFound {
			t.Errorf("marking an event the chronology has not: %d", res.status)
		}
		if res := worker.get(key); !strings.Contains(res.body, "Mon 3 Nov 2025") || !strings.Contains(res.body, "Referral from") || !strings.Contains(res.body, "’s chronology</a>") {
			t.Errorf("the key event's page does not say which event:\n%s", res.body)
		}
		if res := formPost(t, worker, key, formAnswers("reason", "The case began.")); res.status != http.StatusSeeOther || !strings.Contains(res.header.Get("Location"), "#chronology") {
			t.Fatalf("marking a key event: %d\n%s", res.status, res.body)
		}
		child = worker.get(fmt.Sprintf("/children/%d?key=1", ruby))
		if !strings.Contains(child.body, "Key event</strong>") || !strings.Contains(child.body, "1 event") {
			t.Errorf("key events only:\n%s", child.body)
		}
		// The same link now takes the mark off; the event is no longer key,
		// and the mark keeps who took it off and when.
		if res := worker.get(key); res.status != http.StatusOK || !strings.Contains(res.body, "Take off the key mark") || !strings.Contains(res.body, "The case began.") {
			t.Fatalf("a key event's page: %d\n%s", res.status, res.body)
		}
		if res := formPost(t, worker, key, formAnswers("version", "0")); res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, "Open the form again") {
			t.Errorf("taking the mark off, changed meanwhile: %d\n%s", res.status, res.body)
		}
		if res := formPost(t, worker, key, formAnswers("version", "1")); res.status != http.StatusSeeOther {
			t.Fatalf("taking the mark off: %d\n%s", res.status, res.body)
		}
		if child = worker.get(fmt.Sprintf("/children/%d?key=1", ruby)); strings.Contains(child.body, "Key event</strong>") {
			t.Error("the mark taken off still shows")
		}
		marks := f.api("worker").get(fmt.Sprintf("/api/v1/children/%d/key-events", ruby))
		if !strings.Contains(marks.body, `"unmarked_date":"2026-01-01"`) {
			t.Errorf("the mark taken off, in the API: %s", marks.body)
		}
		if res := formPost(t, worker, key, formAnswers("reason", "Marked again.")); res.status != http.StatusSeeOther {
			t.Fatalf("marking it again: %d\n%s", res.status, res.body)
		}

		// The oversight page: the tool's scores.
		if page := worker.get(fmt.Sprintf("/children/%d/oversight", ruby)); !strings.Contains(page.body, "Assessment tools") || !strings.Contains(page.body, "Score 4") {
			t.Errorf("oversight page lacks the tool's scores")
		}

		// Half a year on, the summary is out of date: the list, and the
		// measures (AC-08).
		api := f.cwClient("manager")
		list := api.ok(200, "GET", "/api/v1/exceptions/summary-out-of-date?as_of=2026-07-02", nil)
		// The fixture's Ellie, whose summary is from 2021, is on it too.
		var details []string
		for _, e := range list["entries"].([]any) {
			details = append(details, e.(map[string]any)["detail"].(string))
		}
		if !slices.Equal(details, []string{"Case summary last updated Thu 6 May 2021", "Case summary last updated Thu 1 Jan 2026"}) {
			t.Errorf("summaries out of date: %v", details)
		}
		measures := api.ok(200, "GET", "/api/v1/oversight/measures?from=2025-04-01&to=2026-01-01", nil)
		got := map[string]string{}
		for _, m := range measures["measures"].([]any) {
			row := m.(map[string]any)
			got[row["measure"].(string)] = fmt.Sprintf("%v/%v", row["numerator"], row["denominator"])
		}
		for measure, want := range map[string]string{
			"Open cases with a current case summary":                                "1/2", // Ellie's is from 2021
			"Assessments authorised recording a review of the chronology":           "1/1",
			"Assessments authorised with a neglect factor that used a neglect tool": "1/1",
		} {
			if got[measure] != want {
				t.Errorf("%s: %s, want %s", measure, got[measure], want)
			}
		}
	})
}
