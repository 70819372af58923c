package app

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/waymark-care/waymark/internal/audit"
	"github.com/waymark-care/waymark/internal/returns/cin"
	"github.com/waymark-care/waymark/internal/storage"
	"github.com/waymark-care/waymark/internal/storage/storagetest"
)

// TestCINCensusPages: an analyst downloads the census and reads its
// issues, in pages and the API; a social worker may not.
func TestCINCensusPages(t *testing.T) {
	f := newFixture(t, storagetest.Open(t, "sqlite"))
	analyst := f.signedIn("analyst")
	if res := analyst.get("/returns/cin"); res.status != http.StatusOK || !strings.Contains(res.body, "/returns/cin/2025-26/census.xml") {
		t.Fatalf("census page: %d\n%s", res.status, res.body)
	}
	res := analyst.get("/returns/cin/2025-26/census.xml")
	if res.status != http.StatusOK || !strings.Contains(res.header.Get("Content-Disposition"), "cin-census-2025-26.xml") {
		t.Fatalf("download: %d %v", res.status, res.header)
	}
	m, problems, err := cin.Read(strings.NewReader(res.body))
	if err != nil || len(problems) != 0 || len(m.Children.Child) != 1 || m.Header.CollectionDetails.ReferenceDate.Text != "2026-03-31" {
		t.Fatalf("downloaded census: %v %v\n%.600s", err, problems, res.body)
	}
	// Every child in the census is in the access log as exported.
	logged, err := f.db.AccessLog(context.Background(), storage.AccessQuery{PersonID: f.child, UserID: f.accounts["analyst"].ID})
	if err != nil || len(logged) != 1 || logged[0].Action != audit.Exported || logged[0].What != "CIN census 2025-26" {
		t.Errorf("access log after the download: %v %+v", err, logged)
	}
	if res := analyst.get("/returns/cin/2025-26/issues"); res.status != http.StatusOK || !strings.Contains(res.body, "Errors and queries") || !strings.Contains(res.body, "1 child is in the census") {
		t.Errorf("issues page: %d\n%s", res.status, res.body)
	}
	if res := analyst.get("/returns/cin/2025/issues"); res.status != http.StatusNotFound {
		t.Errorf("not a year: %d", res.status)
	}
	if res := f.signedIn("worker").get("/returns/cin"); res.status != http.StatusForbidden {
		t.Errorf("a social worker: %d", res.status)
	}

	api := f.api("analyst")
	res, body := api.json("GET", "/api/v1/returns/cin/2025-26/issues", nil)
	if res.status != http.StatusOK || body["collection_year"] != "2025-26" || body["children"].(float64) != 1 {
		t.Fatalf("issues API: %d %s", res.status, res.body)
	}
	for _, c := range list(body["children_with_issues"]) {
		child := c.(map[string]any)
		if child["link"] != "/children/"+strconv.FormatInt(f.child, 10) || len(list(child["findings"])) == 0 {
			t.Errorf("child issues %v", child)
		}
	}
	if res, _ := api.json("GET", "/api/v1/returns/cin/26/issues", nil); res.status != http.StatusNotFound || !strings.Contains(res.header.Get("Content-Type"), "problem+json") {
		t.Errorf("bad year: %d %s", res.status, res.body)
	}
	if res, _ := f.api("worker").json("GET", "/api/v1/returns/cin/2025-26/issues", nil); res.status != http.StatusForbidden {
		t.Errorf("worker API: %d", res.status)
	}
	if res := f.browser().get("/api/v1/returns/cin/2025-26/issues"); res.status != http.StatusUnauthorized {
		t.Errorf("signed out: %d", res.status)
	}
}

func TestCINReadiness(t *testing.T) {
	f := newFixture(t, storagetest.Open(t, "sqlite"))
	cr, err := f.db.ChildRecord(context.Background(), f.child)
	if err != nil {
		t.Fatal(err)
	}
	r := f.app.CINReadiness(cr)
	if !r.InCensus || r.Child.ChildIdentifiers.LAchildID != cr.Person.LAChildID {
		t.Fatalf("readiness %+v", r)
	}
	for _, fd := range r.Findings {
		if fd.Ref.Kind == "" || fd.Message == "" {
			t.Errorf("finding without its record: %+v", fd)
		}
	}
}
