package app

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/domain"
	"github.com/waymark-care/waymark/internal/storage"
	"github.com/waymark-care/waymark/internal/storage/storagetest"
)

// driftFixture gives Ruby a referral, a strategy discussion without health
// and a completed assessment waiting for a manager.
func driftFixture(t testing.TB, f *fixture) (ruby, assessment int64) {
	t.Helper()
	ruby, _ = walkFamily(t, f)
	d := civil.MustParse
	err := f.db.Write(context.Background(), storagetest.Change, func(tx *storage.Tx) error {
		ref := &domain.Referral{PersonID: ruby, ReferralDate: d("2025-11-03"), Source: "6", TeamID: f.w.Team.ID}
		if err := tx.Insert(ref); err != nil {
			return err
		}
		sd := &domain.StrategyDiscussion{PersonID: ruby, ReferralID: ref.ID, HeldAt: time.Date(2025, 11, 10, 10, 0, 0, 0, time.UTC),
			Agencies: []string{"childrens_social_care", "police"}, InformationShared: "Police checks.", Decision: "Section 47"}
		as := &domain.Assessment{PersonID: ruby, ReferralID: ref.ID, StartDate: d("2025-11-03"), CompletedDate: d("2025-12-01"),
			ChildSeenDate: d("2025-11-04"), SeenAlone: ptr(true), Factors: []string{"3B"}, Outcomes: []string{"nfa"}, Analysis: "Low risk.",
			HouseholdReason: "Leo was assessed last month.", ChronologyReviewedDate: d("2025-11-04"), HistoryAnalysis: "No earlier concerns.",
			FamilySummary: "We found no worries that need our help."}
		if err := tx.Insert(sd); err != nil {
			return err
		}
		if err := tx.Insert(as); err != nil {
			return err
		}
		assessment = as.ID
		return tx.Insert(&domain.AssessmentSource{PersonID: ruby, AssessmentID: as.ID, Agency: "education", Consulted: "Head teacher", Date: d("2025-11-05"), Summary: "Happy at school."})
	})
	if err != nil {
		t.Fatal(err)
	}
	return ruby, assessment
}

func ptr[T any](v T) *T { return &v }

// TestCaseworkLists: the drift lists and approvals queue as JSON, CSV and
// pages, withholding children the user may not see.
func TestCaseworkLists(t *testing.T) {
	f := newFixture(t, storagetest.Open(t, "sqlite"))
	ruby, assessment := driftFixture(t, f)
	manager := f.cwClient("manager")
	const asOf = "?as_of=2025-12-10"

	summary := manager.ok(200, "GET", "/api/v1/exceptions"+asOf, nil)
	counts := map[string]float64{}
	for _, l := range summary["lists"].([]any) {
		counts[l.(map[string]any)["list"].(string)] = l.(map[string]any)["count"].(float64)
	}
	if counts["strategy-missing-agencies"] != 1 || summary["team_id"] != float64(f.w.Team.ID) {
		t.Errorf("summary: %v", summary)
	}

	list := manager.ok(200, "GET", "/api/v1/exceptions/strategy-missing-agencies"+asOf, nil)
	entries := list["entries"].([]any)
	if len(entries) != 1 {
		t.Fatalf("entries %v", list)
	}
	e := entries[0].(map[string]any)
	if e["child"].(map[string]any)["id"] != float64(ruby) || !strings.Contains(e["detail"].(string), "Without health") ||
		e["worker"].(map[string]any)["name"] != "Sam Worker" {
		t.Errorf("entry %v", e)
	}
	manager.invalid("GET", "/api/v1/exceptions/strategy-missing-agencies?as_of=yesterday", nil, "", "as_of")
	if status, _ := manager.call("GET", "/api/v1/exceptions/no-such-list", nil); status != http.StatusNotFound {
		t.Errorf("unknown list: %d", status)
	}
	res := manager.c.do("GET", "/api/v1/exceptions/strategy-missing-agencies"+asOf+"&format=csv", nil, nil)
	if !strings.HasPrefix(res.header.Get("Content-Type"), "text/csv") || !strings.Contains(res.body, "Ruby Walker") || !strings.HasPrefix(res.body, "list,child_id") {
		t.Errorf("CSV: %s\n%s", res.header.Get("Content-Type"), res.body)
	}

	// Someone outside the team sees the count withheld, not the child.
	outsider := f.cwClient("outsider").ok(200, "GET", "/api/v1/exceptions/strategy-missing-agencies"+asOf, nil)
	if len(outsider["entries"].([]any)) != 0 || outsider["withheld"] != 1.0 {
		t.Errorf("outsider sees %v", outsider)
	}

	// The approvals queue.
	// The fixture's other child has drafts from 2019 waiting too, oldest
	// first.
	queue := manager.ok(200, "GET", "/api/v1/approvals"+asOf, nil)
	q := queue["entries"].([]any)
	last := q[len(q)-1].(map[string]any)
	if len(q) != 3 || last["child"].(map[string]any)["id"] != float64(ruby) || last["what"] != "Assessment" || last["ready"] != true ||
		last["approve"] != fmt.Sprintf("/api/v1/children/%d/assessments/%d/authorise", ruby, assessment) || last["waiting_working_days"] != 7.0 {
		t.Fatalf("queue %v", queue)
	}
	if first := q[0].(map[string]any); first["since"] != "2019-01-28" {
		t.Errorf("longest waiting first: %v", first)
	}

	// The pages.
	browser := f.signedIn("manager")
	page := browser.get("/exceptions" + asOf)
	if page.status != 200 || !strings.Contains(page.body, "Strategy discussions missing police or health") {
		t.Errorf("summary page: %d\n%s", page.status, page.body)
	}
	page = browser.get("/exceptions/strategy-missing-agencies" + asOf)
	if page.status != 200 || !strings.Contains(page.body, fmt.Sprintf(`href="/children/%d"`, ruby)) || !strings.Contains(page.body, "Without health") {
		t.Errorf("list page: %d\n%s", page.status, page.body)
	}
	res = browser.get("/exceptions/strategy-missing-agencies.csv" + asOf)
	if !strings.Contains(res.header.Get("Content-Disposition"), "strategy-missing-agencies-2025-12-10.csv") {
		t.Errorf("CSV download: %v", res.header)
	}
	page = browser.get("/approvals" + asOf)
	if page.status != 200 || !strings.Contains(page.body, "Approve<span") {
		t.Fatalf("approvals page: %d\n%s", page.status, f.logs.String())
	}
	token := csrfPattern.FindStringSubmatch(page.body)[1]
	form := url.Values{"csrf_token": {token}, "kind": {"assessment"}, "id": {fmt.Sprint(assessment)}, "version": {"1"}, "back": {"as_of=2025-12-10"}}
	res = browser.post(fmt.Sprintf("/children/%d/approvals", ruby), form)
	if res.status != http.StatusSeeOther || !strings.Contains(res.header.Get("Location"), "approved=") {
		t.Fatalf("approve: %d %v\n%s", res.status, res.header, res.body)
	}
	var as domain.Assessment
	if err := f.db.Get(context.Background(), assessment, &as); err != nil || as.AuthorisedByID != f.w.Manager.ID || as.AuthorisedDate != civil.MustParse("2026-01-01") {
		t.Errorf("after approval: %+v %v", as, err)
	}
	// Approving it again from a stale page: the error summary says why.
	res = browser.post(fmt.Sprintf("/children/%d/approvals", ruby), form)
	if res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, "There is a problem") || !strings.Contains(res.body, "already approved") {
		t.Errorf("approving twice: %d\n%s", res.status, res.body)
	}
	// A social worker has no approve button.
	page = f.signedIn("worker").get("/approvals" + asOf)
	if page.status != 200 || strings.Contains(page.body, "Approve<span") {
		t.Errorf("worker's approvals page offers approval: %d", page.status)
	}
}
