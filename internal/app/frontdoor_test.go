package app

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/waymark-care/waymark/internal/casework"
	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/domain"
	"github.com/waymark-care/waymark/internal/storage"
	"github.com/waymark-care/waymark/internal/storage/storagetest"
)

// peopleCount is how many people the database holds.
func peopleCount(t testing.TB, db *storage.DB) int {
	t.Helper()
	people, _, _, err := db.SearchChanges(context.Background(), 0)
	if err != nil {
		t.Fatal(err)
	}
	return len(people)
}

// TestNewChildAtTheFrontDoor: a contact about a child not yet known makes
// the child, their address and the contact in one transaction, or nothing
// (FD-01); the worker who recorded it can carry on with it.
func TestNewChildAtTheFrontDoor(t *testing.T) {
	storagetest.Each(t, func(t testing.TB, db *storage.DB) {
		f := newFixture(t, db)
		worker := f.cwClient("worker")
		body := map[string]any{"forename": "Zara", "surname": "Newcombe", "expected_birth": "2026-02-20", "sex": "U",
			"line1": "4 Station Road", "town": "Doncaster", "postcode": "DN1 2AB",
			"contact_at": "2025-12-30T11:00:00Z", "source": "3B", "referrer_threshold": "child_in_need", "presenting_concerns": "Mother disclosed drug use at booking."}
		before := peopleCount(t, db)

		// Anything wrong, and nothing is stored.
		bad := map[string]any{}
		for k, v := range body {
			bad[k] = v
		}
		bad["postcode"], bad["expected_birth"], bad["referrer_threshold"] = "nowhere", nil, "urgent"
		worker.invalid("POST", "/api/v1/contacts", bad, "", "postcode", "date_of_birth", "referrer_threshold")
		// A failure inside the transaction, after the child is inserted.
		bad["postcode"], bad["expected_birth"], bad["referrer_threshold"], bad["source_organisation_id"] = "DN1 2AB", "2026-02-20", "child_in_need", 999999
		if status, _ := worker.call("POST", "/api/v1/contacts", bad); status < 400 {
			t.Errorf("a contact naming no organisation: %d", status)
		}
		if got := peopleCount(t, db); got != before {
			t.Fatalf("%d people after failed writes, want %d", got, before)
		}
		// Partners and analysts cannot.
		if status, _ := f.cwClient("analyst").call("POST", "/api/v1/contacts", body); status != http.StatusForbidden {
			t.Errorf("analyst: %d", status)
		}

		out := worker.ok(http.StatusCreated, "POST", "/api/v1/contacts", body)
		child := out["child"].(map[string]any)["href"].(string)
		contact := out["contact"].(map[string]any)
		if contact["threshold_guidance"] != "Waymark default continuum" || !strings.HasPrefix(contact["href"].(string), child+"/contacts/") {
			t.Errorf("contact %v", contact)
		}
		if got := peopleCount(t, db); got != before+1 {
			t.Errorf("%d people, want %d", got, before+1)
		}
		// The worker is involved from the contact on, and decides it.
		list := worker.ok(http.StatusOK, "GET", child+"/contacts", nil)
		if n := len(list["records"].([]any)); n != 1 {
			t.Errorf("%d contacts", n)
		}
		worker.ok(http.StatusOK, "PATCH", contact["href"].(string), map[string]any{"version": 1,
			"decision": "referral", "threshold_decision": "child_protection", "decision_at": "2025-12-30T15:00:00Z", "decided_by_id": f.w.Manager.ID})

		// The form: reached from a search that finds no one.
		b := f.browser().signIn("worker")
		if res := b.get("/search?q=Qwertyuiop"); !strings.Contains(res.body, `href="/contacts/new?q=Qwertyuiop"`) {
			t.Errorf("no link to a new contact from an empty search")
		}
		page := b.get("/contacts/new")
		if page.status != http.StatusOK || !strings.Contains(page.body, "Record a contact about a new child") {
			t.Fatalf("new contact page: %d", page.status)
		}
		res := b.post("/contacts/new", url.Values{"csrf_token": {b.csrf("/contacts/new")}, "forename": {"Ava"}, "line1": {"1 High Street"}})
		if res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, "Enter the child’s last name") || !strings.Contains(res.body, `value="Ava"`) {
			t.Errorf("incomplete form: %d", res.status)
		}
		res = b.post("/contacts/new", url.Values{"csrf_token": {b.csrf("/contacts/new")}, "forename": {"Ava"}, "surname": {"Newcombe"},
			"date_of_birth-day": {"3"}, "date_of_birth-month": {"4"}, "date_of_birth-year": {"2019"}, "sex": {"F"}, "line1": {"4 Station Road"},
			"contact_at-day": {"30"}, "contact_at-month": {"12"}, "contact_at-year": {"2025"}, "contact_at-time": {"11:00"}, "source": {"2A"}})
		if res.status != http.StatusSeeOther || !strings.Contains(res.header.Get("Location"), "/casework?saved=Contact") {
			t.Errorf("new child from the form: %d %s", res.status, res.body)
		}
		if f.browser().signIn("analyst").get("/contacts/new").status != http.StatusForbidden {
			t.Error("an analyst reached the new contact form")
		}
	})
}

// TestFrontDoorRefusals: only a registered social worker makes a threshold
// decision or authors an assessment (FD-04); a disabled child's contact is
// not closed with no further action or stepped down without consulting
// disability expertise (FD-13).
func TestFrontDoorRefusals(t *testing.T) {
	storagetest.Each(t, func(t testing.TB, db *storage.DB) {
		f := newFixture(t, db)
		ruby, _ := walkFamily(t, f)
		child := fmt.Sprintf("/api/v1/children/%d", ruby)
		worker, manager := f.cwClient("worker"), f.cwClient("manager")
		decided := map[string]any{"contact_at": "2025-12-01T10:00:00Z", "source": "2A", "threshold_decision": "universal",
			"decision": "nfa", "decision_at": "2025-12-01T15:00:00Z", "decided_by_id": f.w.PA.ID}
		// FD-04: the personal adviser is not a registered social worker.
		worker.invalid("POST", child+"/contacts", decided, "not a registered social worker", "decided_by_id")
		decided["decided_by_id"] = f.w.Manager.ID
		worker.ok(http.StatusCreated, "POST", child+"/contacts", decided)
		worker.invalid("POST", child+"/assessments", map[string]any{"referral_id": nil, "start_date": "2025-12-02", "professional_id": f.w.PA.ID},
			"only a registered social worker may author an assessment", "referral_id", "professional_id")

		// FD-13: Ellie is disabled (her record says so).
		ellie := fmt.Sprintf("/api/v1/children/%d", f.child)
		closing := map[string]any{"contact_at": "2025-12-01T10:00:00Z", "source": "2A", "threshold_decision": "early_help",
			"decision": "early_help", "decision_at": "2025-12-01T15:00:00Z", "decided_by_id": f.w.Manager.ID}
		manager.invalid("POST", ellie+"/contacts", closing, "cannot close without a service", "disability_consulted_date", "disability_consulted_id")
		closing["disability_consulted_date"], closing["disability_consulted_id"] = "2025-12-01", f.w.Worker.ID
		manager.invalid("POST", ellie+"/contacts", closing, "disability specialist", "disability_consulted_id")
		delete(closing, "disability_consulted_id")
		closing["disability_team_id"] = f.w.Team.ID
		manager.invalid("POST", ellie+"/contacts", closing, "", "disability_team_id")
	})
}

// TestThresholdProfilePages: the profile for managers and analysts, as a
// page, a CSV and in the API, with the threshold audit sample (FD-03, SB-03).
func TestThresholdProfilePages(t *testing.T) {
	storagetest.Each(t, func(t testing.TB, db *storage.DB) {
		f := newFixture(t, db)
		ruby, _ := walkFamily(t, f)
		worker := f.cwClient("worker")
		for _, c := range []map[string]any{
			{"contact_at": "2025-11-03T10:00:00Z", "source": "6", "referrer_threshold": "child_protection", "threshold_decision": "early_help",
				"decision": "early_help", "decision_at": "2025-11-03T12:00:00Z", "decided_by_id": f.w.Manager.ID},
			{"contact_at": "2025-11-10T10:00:00Z", "source": "6", "referrer_threshold": "child_in_need", "threshold_decision": "child_in_need",
				"decision": "referral", "decision_at": "2025-11-10T12:00:00Z", "decided_by_id": f.w.Manager.ID},
		} {
			worker.ok(http.StatusCreated, "POST", fmt.Sprintf("/api/v1/children/%d/contacts", ruby), c)
		}
		out := f.cwClient("analyst").ok(http.StatusOK, "GET", "/api/v1/reports/threshold-profile?quarter=2025-Q4", nil)
		police := out["agencies"].([]any)[0].(map[string]any)
		if police["source"] != "6" || police["contacts"] != 2.0 || police["agreement_rate"] != 0.5 || police["stepped_down_rate"] != 0.5 {
			t.Errorf("police %v", police)
		}
		if status, _ := worker.call("GET", "/api/v1/reports/threshold-profile", nil); status != http.StatusForbidden {
			t.Errorf("a social worker: %d", status)
		}
		f.cwClient("manager").invalid("GET", "/api/v1/reports/threshold-profile?quarter=Q4", nil, "", "quarter")
		b := f.browser().signIn("manager")
		if res := b.get("/reports/threshold-profile?quarter=2025-Q4"); res.status != http.StatusOK || !strings.Contains(res.body, "October to December 2025") {
			t.Errorf("page: %d", res.status)
		}
		csv := b.get("/reports/threshold-profile?quarter=2025-Q4&format=csv")
		if !strings.Contains(csv.body, "2025-Q4,6,Police,2,2,1,2,0,1,child_protection,early_help,1") {
			t.Errorf("CSV:\n%s", csv.body)
		}

		// The audit sample: both police contacts, fewer than the default five,
		// the same on every request; on the page, as a CSV and in the API.
		sample := out["audit_sample"].(map[string]any)
		contacts := sample["contacts"].([]any)
		if sample["per_agency"] != 5.0 || len(contacts) != 2 || contacts[0].(map[string]any)["source"] != "6" ||
			!strings.HasPrefix(contacts[0].(map[string]any)["href"].(string), fmt.Sprintf("/api/v1/children/%d/contacts/", ruby)) {
			t.Errorf("audit sample %v", sample)
		}
		page := b.get("/reports/threshold-profile?quarter=2025-Q4")
		if !strings.Contains(page.body, "Threshold audit sample") || !strings.Contains(page.body, fmt.Sprintf(`href="/children/%d/casework"`, ruby)) {
			t.Errorf("the page has no audit sample:\n%s", page.body)
		}
		sampleCSV := b.get("/reports/threshold-profile?quarter=2025-Q4&format=audit-sample.csv")
		if lines := strings.Split(strings.TrimSpace(sampleCSV.body), "\n"); len(lines) != 3 || !strings.HasPrefix(lines[1], fmt.Sprintf("2025-Q4,6,Police,%d,", ruby)) {
			t.Errorf("audit sample CSV:\n%s", sampleCSV.body)
		}
		if again := b.get("/reports/threshold-profile?quarter=2025-Q4&format=audit-sample.csv"); again.body != sampleCSV.body {
			t.Errorf("a second run drew another sample:\n%s", again.body)
		}
		// A wrong quarter is an error on the page, with the user's input kept.
		if res := b.get("/reports/threshold-profile?quarter=Q4-2025"); res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, "Quarter must be written like 2015-Q3") ||
			!strings.Contains(res.body, `value="Q4-2025"`) {
			t.Errorf("a wrong quarter: %d", res.status)
		}
	})
}

// TestContactFormOffersGuidanceLevels: the contact forms offer the levels of
// the threshold guidance in force on the day the contact came in, not the
// default list (FD-03).
func TestContactFormOffersGuidanceLevels(t *testing.T) {
	f := newFixture(t, storagetest.Open(t, "sqlite"))
	ruby, _ := driftFixture(t, f)
	doc := `{"threshold.guidance": [{"from": null, "value": {"version": "Continuum 2014", "levels": [
		{"value": "level_1", "description": "Level 1: universal"}, {"value": "level_2", "description": "Level 2: targeted"},
		{"value": "level_3", "description": "Level 3: complex"}]}},
		{"from": "2025-10-01", "value": {"version": "Continuum 2025", "levels": [
		{"value": "universal", "description": "Universal"}, {"value": "targeted", "description": "Targeted early help"},
		{"value": "specialist", "description": "Specialist: child in need or protection"}]}}]}`
	if _, err := f.db.SaveLocalPolicy(context.Background(), storage.Change{Actor: "admin", At: testNow}, []byte(doc), 0); err != nil {
		t.Fatal(err)
	}
	// A contact from before the 2025 guidance, not yet screened (FD-02).
	old := f.cwClient("worker").ok(http.StatusCreated, "POST", fmt.Sprintf("/api/v1/children/%d/contacts", ruby),
		map[string]any{"contact_at": "2025-09-01T10:00:00Z", "source": "2A", "referrer_threshold": "level_2"})
	worker := f.signedIn("worker")
	form := fmt.Sprintf("/children/%d/casework/contact", ruby)
	for _, c := range []struct {
		page      string
		want, not []string
	}{
		{form, []string{`value="targeted"`, "Specialist: child in need or protection", "Guidance in force: Continuum 2025"}, []string{`value="child_in_need"`, `value="level_2"`}},
		{form + "?contact_at-day=3&contact_at-month=3&contact_at-year=2025", []string{`value="level_2"`, "Guidance in force: Continuum 2014"}, []string{`value="targeted"`}},
		{"/contacts/new", []string{`value="specialist"`}, []string{`value="child_protection"`}},
		// The level the referrer saw is shown in the guidance's own words.
		{fmt.Sprintf("/children/%d/casework/contact-decision/%d", ruby, id(old)), []string{`value="level_3"`, "Level 2: targeted\n    </dd>"}, []string{`value="targeted"`, "level_2\n    </dd>"}},
	} {
		res := worker.get(c.page)
		if res.status != http.StatusOK {
			t.Fatalf("%s: %d", c.page, res.status)
		}
		for _, s := range c.want {
			if !strings.Contains(res.body, s) {
				t.Errorf("%s: no %s", c.page, s)
			}
		}
		for _, s := range c.not {
			if strings.Contains(res.body, s) {
				t.Errorf("%s: offers %s", c.page, s)
			}
		}
	}
}

// TestOutOfHoursHandover: a contact the out-of-hours service received is
// handed over by the next working day; until then it is on the front door
// worklist, with its screening decision, as a page, a CSV and in the API;
// the handover and decision forms take it off, mistakes first; and the
// threshold profile measures decisions within a working day, in hours and
// out of hours (FD-02).
func TestOutOfHoursHandover(t *testing.T) {
	storagetest.Each(t, func(t testing.TB, db *storage.DB) {
		f := newFixture(t, db)
		ruby, _ := walkFamily(t, f)
		child := fmt.Sprintf("/api/v1/children/%d", ruby)
		worker := f.cwClient("worker")
		// Only a contact the out-of-hours service received is handed over.
		worker.invalid("POST", child+"/contacts", map[string]any{"contact_at": "2025-12-27T23:00:00Z", "source": "6",
			"handover_at": "2025-12-29T09:00:00Z", "handover_to_id": f.w.Manager.ID}, "out-of-hours", "out_of_hours")
		worker.invalid("POST", child+"/contacts", map[string]any{"contact_at": "2025-12-27T23:00:00Z", "source": "6", "out_of_hours": true,
			"handover_at": "2025-12-29T09:00:00Z"}, "who received", "handover_to_id")
		// Saturday night, over Christmas: due on Monday the 29th, and overdue
		// on 1 January. Naming no team, it is the recording worker's team's.
		ooh := worker.ok(http.StatusCreated, "POST", child+"/contacts", map[string]any{"contact_at": "2025-12-27T23:00:00Z", "source": "6",
			"out_of_hours": true})
		if d := ooh["derived"].(map[string]any); d["handover_due"] != "2025-12-29" || d["handover_overdue"] != true || d["decision_due"] != "2025-12-29" {
			t.Errorf("derived %v", d)
		}
		worker.ok(http.StatusCreated, "POST", child+"/contacts", map[string]any{"contact_at": "2025-12-22T10:00:00Z", "source": "2A",
			"team_id": f.w.Team.ID, "decision": "nfa", "threshold_decision": "universal", "decision_at": "2025-12-22T12:00:00Z", "decided_by_id": f.w.Manager.ID})

		// The manager's worklist starts at their team.
		manager := f.cwClient("manager")
		list := manager.ok(http.StatusOK, "GET", "/api/v1/front-door", nil)
		entries := list["entries"].([]any)
		if len(entries) != 2 || entries[0].(map[string]any)["task"] != "handover" || entries[1].(map[string]any)["task"] != "screening_decision" ||
			entries[0].(map[string]any)["overdue"] != true || entries[0].(map[string]any)["due"] != "2025-12-29" {
			t.Fatalf("front door worklist %v", list)
		}
		manager.invalid("GET", "/api/v1/front-door?as_of=yesterday", nil, "", "as_of")
		b := f.browser().signIn("manager")
		page := b.get("/front-door")
		handover := fmt.Sprintf("/children/%d/casework/contact-handover/%d", ruby, id(ooh))
		if page.status != http.StatusOK || !strings.Contains(page.body, `href="`+handover+`"`) || !strings.Contains(page.body, "Overdue") {
			t.Fatalf("front door page: %d\n%s", page.status, page.body)
		}
		if csv := b.get("/front-door.csv"); !strings.Contains(csv.body, casework.HandoverTask) {
			t.Errorf("CSV:\n%s", csv.body)
		}

		// The handover form: nothing answered, then a time before the contact, then right.
		res := b.post(handover, url.Values{"csrf_token": {b.csrf(handover)}, "version": {"1"}})
		if res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, "Enter when the contact was handed over") ||
			!strings.Contains(res.body, "Select who received the handover") {
			t.Errorf("empty handover: %d", res.status)
		}
		when := func(day, clock string) url.Values {
			return url.Values{"csrf_token": {b.csrf(handover)}, "version": {"1"}, "handover_at-day": {day}, "handover_at-month": {"12"},
				"handover_at-year": {"2025"}, "handover_at-time": {clock}, "handover_to_id": {fmt.Sprint(f.w.Manager.ID)}}
		}
		res = b.post(handover, when("26", "09:00"))
		if res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, "The time of the handover must be after the time of the contact") || !strings.Contains(res.body, `value="26"`) {
			t.Errorf("handover before the contact: %d", res.status)
		}
		if res = b.post(handover, when("29", "09:10")); res.status != http.StatusSeeOther {
			t.Fatalf("handover: %d\n%s", res.status, res.body)
		}
		got := worker.ok(http.StatusOK, "GET", child+fmt.Sprintf("/contacts/%d", id(ooh)), nil)
		if d := got["derived"].(map[string]any); d["handed_over_on_time"] != true || got["handover_to_id"] != float64(f.w.Manager.ID) {
			t.Errorf("after the handover %v", got)
		}

		// The screening decision form.
		decide := fmt.Sprintf("/children/%d/casework/contact-decision/%d", ruby, id(ooh))
		res = b.post(decide, url.Values{"csrf_token": {b.csrf(decide)}, "version": {"2"}})
		if res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, "Select the decision on the contact") {
			t.Errorf("empty decision: %d", res.status)
		}
		res = b.post(decide, url.Values{"csrf_token": {b.csrf(decide)}, "version": {"2"}, "decision": {"referral"}, "threshold_decision": {"child_in_need"},
			"decision_at-day": {"30"}, "decision_at-month": {"12"}, "decision_at-year": {"2025"}, "decision_at-time": {"11:00"},
			"decided_by_id": {fmt.Sprint(f.w.Manager.ID)}})
		if res.status != http.StatusSeeOther {
			t.Fatalf("decision: %d\n%s", res.status, res.body)
		}
		if list := manager.ok(http.StatusOK, "GET", "/api/v1/front-door", nil); list["count"] != 0.0 {
			t.Errorf("still on the worklist: %v", list)
		}

		// The measure: the in-hours contact decided on time, the
		// out-of-hours one a day late and handed over on time.
		out := f.cwClient("analyst").ok(http.StatusOK, "GET", "/api/v1/reports/threshold-profile?quarter=2025-Q4", nil)
		s := out["screening"].(map[string]any)
		in, oh := s["in_hours"].(map[string]any), s["out_of_hours"].(map[string]any)
		if in["due"] != 1.0 || in["on_time_rate"] != 1.0 || oh["due"] != 1.0 || oh["on_time_rate"] != 0.0 || oh["handover_rate"] != 1.0 || in["handover_rate"] != nil {
			t.Errorf("screening %v", s)
		}
		if page := b.get("/reports/threshold-profile?quarter=2025-Q4"); !strings.Contains(page.body, "Screening decisions within 1 working day") {
			t.Errorf("the profile has no screening measure")
		}
	})
}

// TestFrontDoorLoadPages: each manager's front door authorisations and the
// supervision sessions they delivered, by week, as a page, a CSV and in the
// API, for managers and analysts; a wrong period is an error (FD-05).
func TestFrontDoorLoadPages(t *testing.T) {
	storagetest.Each(t, func(t testing.TB, db *storage.DB) {
		f := newFixture(t, db)
		ruby, _ := walkFamily(t, f)
		worker := f.cwClient("worker")
		for _, c := range []struct {
			received, decided string
			by                int64
		}{
			{"2025-12-01T10:00:00Z", "2025-12-02T12:00:00Z", f.w.Manager.ID}, // week 1, a working day's wait
			{"2025-12-08T10:00:00Z", "2025-12-08T15:00:00Z", f.w.Manager.ID}, // week 2, the same day
			{"2025-12-09T10:00:00Z", "2025-12-09T11:00:00Z", f.w.Worker.ID},  // a social worker's decision: not a manager's sign-off
		} {
			worker.ok(http.StatusCreated, "POST", fmt.Sprintf("/api/v1/children/%d/contacts", ruby), map[string]any{"contact_at": c.received, "source": "2A",
				"threshold_decision": "universal", "decision": "nfa", "decision_at": c.decided, "decided_by_id": c.by})
		}
		err := db.Write(context.Background(), storagetest.Change, func(tx *storage.Tx) error {
			return tx.Insert(&domain.Supervision{SuperviseeID: f.w.Worker.ID, SupervisorID: f.w.Manager.ID, Date: civil.MustParse("2025-12-10")})
		})
		if err != nil {
			t.Fatal(err)
		}

		analyst := f.cwClient("analyst")
		out := analyst.ok(http.StatusOK, "GET", "/api/v1/reports/front-door-load?from=2025-12-03&to=2025-12-14", nil)
		managers := out["managers"].([]any)
		if out["from"] != "2025-12-01" || out["to"] != "2025-12-14" || len(managers) != 1 {
			t.Fatalf("report %v", out)
		}
		m := managers[0].(map[string]any)
		period, weeks := m["period"].(map[string]any), m["weeks"].([]any)
		if m["manager"].(map[string]any)["name"] != "Alex Manager" || period["screening_decisions"] != 2.0 || period["supervision_sessions"] != 1.0 ||
			period["authorisations_per_session"] != 2.0 || m["trend"] != "no supervision" || len(weeks) != 2 ||
			weeks[0].(map[string]any)["median_wait_wd"] != 1.0 || weeks[0].(map[string]any)["authorisations_per_session"] != nil {
			t.Errorf("manager %v", m)
		}
		analyst.invalid("GET", "/api/v1/reports/front-door-load?from=2025-12-20&to=2025-12-01", nil, "on or before", "from")
		analyst.invalid("GET", "/api/v1/reports/front-door-load?from=2024-01-01&to=2025-12-01", nil, "at most", "from")
		analyst.invalid("GET", "/api/v1/reports/front-door-load?to=soon", nil, "", "to")
		if status, _ := worker.call("GET", "/api/v1/reports/front-door-load", nil); status != http.StatusForbidden {
			t.Errorf("a social worker: %d", status)
		}

		b := f.browser().signIn("manager")
		page := b.get("/reports/front-door-load?from=2025-12-01&to=2025-12-14")
		if page.status != http.StatusOK || !strings.Contains(page.body, "Alex Manager") || !strings.Contains(page.body, "no supervision") {
			t.Errorf("page: %d\n%s", page.status, page.body)
		}
		if res := b.get("/reports/front-door-load?from=2025-12-20&to=2025-12-01"); res.status != http.StatusUnprocessableEntity ||
			!strings.Contains(res.body, "from must be on or before to") || !strings.Contains(res.body, `value="2025-12-20"`) {
			t.Errorf("a wrong period: %d", res.status)
		}
		csv := b.get("/reports/front-door-load?from=2025-12-01&to=2025-12-14&format=csv")
		if !strings.Contains(csv.body, fmt.Sprintf("%d,Alex Manager,2025-12-08,1,0,0,1,0,1,1.00", f.w.Manager.ID)) {
			t.Errorf("CSV:\n%s", csv.body)
		}
		if res := b.get("/oversight"); !strings.Contains(res.body, `href="/reports/front-door-load"`) {
			t.Error("the oversight measures do not link to the report")
		}
	})
}

// TestFrontDoorBrowser opens the front door's pages in headless Chromium —
// the worklist, the handover form with its mistakes, the threshold profile
// with its audit sample and screening measure, and the management load —
// checking each for accessibility (WCAG 2.2 AA) (FD-02, FD-03, FD-05).
func TestFrontDoorBrowser(t *testing.T) {
	f := newFixture(t, storagetest.Open(t, "sqlite"))
	ruby, _ := walkFamily(t, f)
	contact := f.cwClient("worker").ok(http.StatusCreated, "POST", fmt.Sprintf("/api/v1/children/%d/contacts", ruby), map[string]any{
		"contact_at": "2025-12-27T23:00:00Z", "source": "6", "out_of_hours": true, "threshold_decision": "early_help", "decision": "early_help",
		"decision_at": "2025-12-29T12:00:00Z", "decided_by_id": f.w.Manager.ID})
	ctx := browse(t)
	base := f.srv.URL
	run := func(what string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	run("sign in",
		chromedp.Navigate(base+"/sign-in"),
		chromedp.SendKeys(chromedp.CSS("#username"), "manager"),
		chromedp.SendKeys(chromedp.CSS("#password"), password),
		chromedp.Click(chromedp.CSS("form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#navigation")), // signed in
	)
	run("open the front door worklist", chromedp.Navigate(base+"/front-door"), chromedp.WaitVisible(chromedp.CSS("main table")))
	checkAccessible(t, ctx, "front door worklist")
	run("open the handover form", chromedp.Navigate(fmt.Sprintf("%s/children/%d/casework/contact-handover/%d", base, ruby, id(contact))),
		chromedp.WaitVisible(chromedp.CSS("#handover_at-day")))
	checkAccessible(t, ctx, "handover")
	run("send the handover with mistakes",
		chromedp.SendKeys(chromedp.CSS("#handover_at-day"), "26"),
		chromedp.Click(chromedp.CSS("main form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(".govuk-error-summary")),
	)
	checkAccessible(t, ctx, "handover errors")
	run("open the threshold profile", chromedp.Navigate(base+"/reports/threshold-profile?quarter=2025-Q4"), chromedp.WaitVisible(chromedp.CSS("#audit-sample")))
	checkAccessible(t, ctx, "threshold profile")
	run("open the management load", chromedp.Navigate(base+"/reports/front-door-load?from=2025-12-01&to=2025-12-31"), chromedp.WaitVisible(chromedp.CSS("main table")))
	checkAccessible(t, ctx, "front door management load")
	run("send the management load with mistakes", chromedp.Navigate(base+"/reports/front-door-load?from=later"),
		chromedp.WaitVisible(chromedp.CSS(".govuk-error-summary")))
	checkAccessible(t, ctx, "front door management load errors")
}
