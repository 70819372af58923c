package app

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/waymark-care/waymark/internal/audit"
	"github.com/waymark-care/waymark/internal/auth"
	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/domain"
	"github.com/waymark-care/waymark/internal/storage"
	"github.com/waymark-care/waymark/internal/storage/storagetest"
)

// timescalesFixture is the application's fixture with the child allocated
// to the social worker since June 2025, so that the worker's own worklist
// has the child on it.
func timescalesFixture(t *testing.T) *fixture {
	t.Helper()
	f := newFixture(t, storagetest.Open(t, "sqlite"))
	err := f.db.Write(context.Background(), storagetest.Change, func(tx *storage.Tx) error {
		return tx.Insert(&domain.Involvement{PersonID: f.child, ProfessionalID: f.w.Worker.ID, TeamID: f.w.Team.ID,
			Role: "allocated_social_worker", From: civil.MustParse("2025-06-01")})
	})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// tokens numbers the API tokens tests make.
var tokens int

// api is a client using a new API token of the user's.
func (f *fixture) api(username string) *client {
	f.t.Helper()
	tokens++
	token := fmt.Sprintf("token-%d-for-%s", tokens, username)
	if _, err := f.db.CreateAPIToken(context.Background(), f.accounts[username].ID, "tests", auth.TokenHash(token), testNow); err != nil {
		f.t.Fatal(err)
	}
	return &client{f: f, cookies: map[string]string{}, token: token}
}

func (c *client) json(method, path string, body any) (response, map[string]any) {
	c.f.t.Helper()
	var res response
	if body == nil {
		res = c.do(method, path, nil, nil)
	} else {
		b, _ := json.Marshal(body)
		res = c.do(method, path, strings.NewReader(string(b)), map[string]string{"Content-Type": "application/json"})
	}
	var out map[string]any
	if res.body != "" && strings.Contains(res.header.Get("Content-Type"), "json") {
		if err := json.Unmarshal([]byte(res.body), &out); err != nil {
			c.f.t.Fatalf("%s %s: %v\n%s", method, path, err, res.body)
		}
	}
	return res, out
}

func list(v any) []any {
	l, _ := v.([]any)
	return l
}

// fieldsOf lists the fields a validation problem names.
func fieldsOf(problem map[string]any) []string {
	var fs []string
	for _, e := range list(problem["errors"]) {
		fs = append(fs, e.(map[string]any)["field"].(string))
	}
	return fs
}

// TestWorklistPages checks who sees which worklist, and what is on it
// (requirements XC-08; docs/timescales.md "Worklists").
func TestWorklistPages(t *testing.T) {
	f := timescalesFixture(t)
	worker := f.signedIn("worker")
	res := worker.get("/worklist")
	if res.status != http.StatusOK || !strings.Contains(res.body, "Your work") || !strings.Contains(res.body, "Ellie Example") || !strings.Contains(res.body, "Overdue (") {
		t.Fatalf("worker's worklist: %d\n%s", res.status, res.body)
	}
	if !strings.Contains(res.body, `aria-sort="ascending"`) || !strings.Contains(res.body, "/worklist.csv?") {
		t.Error("the worklist has no sorted column or no CSV link")
	}
	res = worker.get("/worklist?list=overdue&sort=days_late&order=desc")
	if res.status != http.StatusOK || !strings.Contains(res.body, `aria-sort="descending"`) {
		t.Errorf("sorted by days late: %d", res.status)
	}
	csv := worker.get("/worklist.csv")
	if csv.status != http.StatusOK || !strings.HasPrefix(csv.header.Get("Content-Type"), "text/csv") ||
		!strings.HasPrefix(csv.body, "list,child_id,child,la_child_id,rule_id") || !strings.Contains(csv.body, "Ellie Example") {
		t.Errorf("CSV: %d %s\n%.300s", csv.status, csv.header.Get("Content-Type"), csv.body)
	}

	home := worker.get("/")
	if !strings.Contains(home.body, "Your worklist") || !strings.Contains(home.body, "Overdue: ") || !strings.Contains(home.body, "Most overdue") ||
		!strings.Contains(home.body, `href="/worklist"`) || strings.Contains(home.body, `href="/compliance"`) {
		t.Errorf("worker's home page has no worklist, or a link to measures:\n%s", home.body)
	}
	if res := f.signedIn("manager").get("/"); !strings.Contains(res.body, `href="/compliance"`) {
		t.Error("a manager's menu has no Timeliness")
	}

	for _, tc := range []struct {
		user, path string
		status     int
		shows      string
	}{
		{"worker", "/worklist/team", http.StatusForbidden, ""},
		{"worker", "/worklist/service", http.StatusForbidden, ""},
		{"manager", "/worklist/team", http.StatusOK, "Ellie Example"},
		{"manager", "/worklist/service", http.StatusForbidden, ""},
		{"servicemanager", "/worklist/service", http.StatusOK, "Ellie Example"},
		{"servicemanager", "/worklist", http.StatusForbidden, ""}, // holds no cases
		{"outsider", "/worklist", http.StatusForbidden, ""},
		{"analyst", "/worklist/service", http.StatusOK, "records you cannot open"},
		{"worker", "/worklist/everyone", http.StatusNotFound, ""},
	} {
		res := f.signedIn(tc.user).get(tc.path)
		if res.status != tc.status || !strings.Contains(res.body, tc.shows) {
			t.Errorf("%s %s: %d, want %d showing %q", tc.user, tc.path, res.status, tc.status, tc.shows)
		}
		if tc.user == "analyst" && strings.Contains(res.body, "Ellie") {
			t.Error("an analyst, who may not open the record, sees the child's name")
		}
	}

	// The children listed are in the access log.
	entries, err := f.db.AccessLog(context.Background(), storage.AccessQuery{PersonID: f.child, UserID: f.accounts["worker"].ID})
	if err != nil {
		t.Fatal(err)
	}
	what := map[string]audit.AccessAction{}
	for _, e := range entries {
		what[e.What] = e.Action
	}
	if what["worklist"] != audit.Listed || what["worklist (CSV)"] != audit.Exported {
		t.Errorf("access log: %v", what)
	}
}

func TestWorklistAPI(t *testing.T) {
	f := timescalesFixture(t)
	api := f.api("worker")
	res, body := api.json("GET", "/api/v1/worklists/mine", nil)
	if res.status != http.StatusOK {
		t.Fatalf("%d %s", res.status, res.body)
	}
	counts := body["counts"].(map[string]any)
	entries := list(body["entries"])
	if counts["overdue"].(float64) == 0 || len(entries) == 0 {
		t.Fatalf("counts %v, %d entries", counts, len(entries))
	}
	for _, e := range entries {
		e := e.(map[string]any)
		child := e["child"].(map[string]any)
		item := e["item"].(map[string]any)
		if child["id"].(float64) != float64(f.child) || item["explanation"] == "" || item["root"] == nil {
			t.Errorf("entry %v", e)
		}
	}

	_, body = api.json("GET", "/api/v1/worklists/mine?list=overdue&rule=LA-6", nil)
	for _, e := range list(body["entries"]) {
		e := e.(map[string]any)
		if e["list"] != "overdue" || e["item"].(map[string]any)["rule_id"] != "LA-6" {
			t.Errorf("filtered to overdue LA-6, got %v", e)
		}
	}
	res, problem := api.json("GET", "/api/v1/worklists/mine?sort=colour&as_of=yesterday&team=x", nil)
	if res.status != http.StatusUnprocessableEntity || strings.Join(fieldsOf(problem), " ") != "as_of team sort" {
		t.Errorf("bad parameters: %d %v", res.status, fieldsOf(problem))
	}
	if res, problem := f.api("outsider").json("GET", "/api/v1/worklists/mine", nil); res.status != http.StatusForbidden || problem["status"].(float64) != 403 {
		t.Errorf("outsider: %d %v", res.status, problem)
	}
	csv := api.do("GET", "/api/v1/worklists/mine", nil, map[string]string{"Accept": "text/csv"})
	if !strings.HasPrefix(csv.header.Get("Content-Type"), "text/csv") || strings.Count(csv.body, "\n") != len(entries)+1 {
		t.Errorf("CSV: %s, %d lines for %d entries", csv.header.Get("Content-Type"), strings.Count(csv.body, "\n"), len(entries))
	}
	// As it stood on a day in the past.
	_, body = f.api("manager").json("GET", "/api/v1/worklists/team?as_of=2019-06-03", nil)
	if body["as_of"] != "2019-06-03" || len(list(body["entries"])) == 0 {
		t.Errorf("as of 3 Jun 2019: %v", body)
	}
}

func TestChildDue(t *testing.T) {
	f := timescalesFixture(t)
	api := f.api("worker")
	path := fmt.Sprintf("/api/v1/children/%d/due", f.child)
	res, body := api.json("GET", path+"?as_of=2019-02-01", nil)
	if res.status != http.StatusOK {
		t.Fatalf("%d %s", res.status, res.body)
	}
	var icpc map[string]any
	for _, it := range list(body["items"]) {
		if it := it.(map[string]any); it["rule_id"] == "CP-5" {
			icpc = it
		}
	}
	if icpc == nil || icpc["status"] != "met_on_time" || icpc["due"] != "2019-01-29" || icpc["met_by"].(map[string]any)["kind"] != "conference" {
		t.Errorf("the ICPC on 28 Jan 2019: %v", icpc)
	}
	_, body = api.json("GET", path+"?status=overdue", nil)
	for _, it := range list(body["items"]) {
		if it.(map[string]any)["status"] != "overdue" {
			t.Errorf("status=overdue gave %v", it)
		}
	}
	if res, _ := api.json("GET", path+"?status=late", nil); res.status != http.StatusUnprocessableEntity {
		t.Errorf("status=late: %d", res.status)
	}
	if res, _ := f.api("outsider").json("GET", path, nil); res.status == http.StatusOK {
		t.Error("an outsider read the child's deadlines")
	}
	if res := f.signedIn("worker").get(fmt.Sprintf("/children/%d/timescales", f.child)); res.status != http.StatusOK || !strings.Contains(res.body, "Done on time (") {
		t.Errorf("timescales page: %d", res.status)
	}
}

// TestPolicyAPI: an administrator changes the local standards, checked
// setting by setting, guarded by version, and the engine uses them at once
// (requirements XC-05).
func TestPolicyAPI(t *testing.T) {
	f := timescalesFixture(t)
	admin := f.api("admin")
	res, body := admin.json("GET", "/api/v1/policy", nil)
	if res.status != http.StatusOK || body["version"].(float64) != 0 || body["policy"].(map[string]any)["cp.visit_interval"] == nil || body["defaults"] == nil {
		t.Fatalf("GET: %d %v", res.status, body)
	}
	if res, _ := f.api("worker").json("PUT", "/api/v1/policy", map[string]any{"version": 0, "policy": map[string]any{}}); res.status != http.StatusForbidden {
		t.Errorf("a social worker changed the policy: %d", res.status)
	}
	for _, tc := range []struct {
		body  any
		field string
	}{
		{map[string]any{"policy": map[string]any{}}, "version"},
		{map[string]any{"version": 0}, "policy"},
		{map[string]any{"version": 0, "policy": map[string]any{"cp.visit_interval": []any{map[string]any{"from": nil, "value": "ten days"}}}}, "policy.cp.visit_interval"},
		{map[string]any{"version": 0, "policy": map[string]any{"cp.visit_interval": []any{map[string]any{"from": nil, "value": "10 WD"}, map[string]any{"from": nil, "value": "20 CD"}}}}, "policy.cp.visit_interval[1].from"},
		{map[string]any{"version": 0, "policy": map[string]any{"colour.scheme": []any{}}}, "policy.colour.scheme"},
		{map[string]any{"version": 0, "policy": 5}, "policy"},
	} {
		res, problem := admin.json("PUT", "/api/v1/policy", tc.body)
		if res.status != http.StatusUnprocessableEntity || strings.Join(fieldsOf(problem), " ") != tc.field {
			t.Errorf("PUT %v: %d, fields %v; want 422 on %s", tc.body, res.status, fieldsOf(problem), tc.field)
		}
	}
	if res, _ := admin.json("PUT", "/api/v1/policy", map[string]any{"version": 0, "policy": map[string]any{}, "colour": 1}); res.status != http.StatusBadRequest {
		t.Errorf("an unknown member: %d", res.status)
	}

	due := fmt.Sprintf("/api/v1/children/%d/due?as_of=2019-03-01", f.child)
	cpVisitClock := func() string {
		_, body := f.api("worker").json("GET", due, nil)
		for _, it := range list(body["items"]) {
			if it := it.(map[string]any); it["rule_id"] == "CP-9" {
				return it["clock"].(string)
			}
		}
		return ""
	}
	if got := cpVisitClock(); got != "10 WD" {
		t.Errorf("CP-9 by default: %q", got)
	}
	change := map[string]any{"version": 0, "policy": map[string]any{"cp.visit_interval": []any{map[string]any{"from": nil, "value": "20 CD"}}}}
	res, body = admin.json("PUT", "/api/v1/policy", change)
	if res.status != http.StatusOK || body["version"].(float64) != 1 || body["updated_by"] != "admin" {
		t.Fatalf("PUT: %d %v", res.status, body)
	}
	if got := cpVisitClock(); got != "20 CD" {
		t.Errorf("CP-9 after the change: %q", got)
	}
	res, problem := admin.json("PUT", "/api/v1/policy", change)
	if res.status != http.StatusConflict || problem["current_version"].(float64) != 1 {
		t.Errorf("a second PUT from version 0: %d %v", res.status, problem)
	}
	if h, err := f.db.RecordHistory(context.Background(), "local_policy", 1); err != nil || len(h) != 1 || h[0].Actor != "admin" {
		t.Errorf("audit trail: %v %v", h, err)
	}
}

func TestExtraHolidaysAPI(t *testing.T) {
	f := timescalesFixture(t)
	admin := f.api("admin")
	for _, tc := range []struct {
		body   map[string]any
		status int
		fields string
	}{
		{map[string]any{"date": "2029-06-04", "name": "Proclaimed holiday", "kind": "special"}, http.StatusCreated, ""},
		{map[string]any{"date": "2029-06-04", "name": "Again", "kind": "special"}, http.StatusUnprocessableEntity, "date"},
		{map[string]any{"date": "2029-06-02", "name": "A Saturday", "kind": "special"}, http.StatusUnprocessableEntity, "date"},
		{map[string]any{"date": "2029-12-25", "name": "Christmas Day", "kind": "special"}, http.StatusUnprocessableEntity, "date"},
		{map[string]any{"date": "2029-06-05", "name": "Not a holiday", "kind": "withdrawn"}, http.StatusUnprocessableEntity, "date"},
		{map[string]any{"date": "4 June", "name": "", "kind": "holiday"}, http.StatusUnprocessableEntity, "date name kind"},
		{map[string]any{"date": "2029-05-28", "name": "Spring bank holiday (moved)", "kind": "withdrawn"}, http.StatusCreated, ""},
	} {
		res, problem := admin.json("POST", "/api/v1/extra-holidays", tc.body)
		if res.status != tc.status || strings.Join(fieldsOf(problem), " ") != tc.fields {
			t.Errorf("POST %v: %d %v", tc.body, res.status, fieldsOf(problem))
		}
	}
	if res, _ := f.api("manager").json("POST", "/api/v1/extra-holidays", map[string]any{"date": "2029-06-06", "name": "x", "kind": "special"}); res.status != http.StatusForbidden {
		t.Errorf("a manager added a holiday: %d", res.status)
	}
	_, body := f.api("worker").json("GET", "/api/v1/extra-holidays", nil)
	if hs := list(body["extra_holidays"]); len(hs) != 2 || hs[0].(map[string]any)["kind"] != "withdrawn" {
		t.Errorf("GET: %v", body)
	}
	eng, err := f.app.Engine(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if eng.Calendar.IsWorkingDay(civil.MustParse("2029-06-04")) || !eng.Calendar.IsWorkingDay(civil.MustParse("2029-05-28")) {
		t.Error("the engine's calendar does not have the authority's days")
	}
	if res := admin.do("DELETE", "/api/v1/extra-holidays/2029-06-04", nil, nil); res.status != http.StatusNoContent {
		t.Errorf("DELETE: %d", res.status)
	}
	if res := admin.do("DELETE", "/api/v1/extra-holidays/2029-06-04", nil, nil); res.status != http.StatusNotFound {
		t.Errorf("DELETE again: %d", res.status)
	}
}

func TestCompliance(t *testing.T) {
	f := timescalesFixture(t)
	manager := f.signedIn("manager")
	res := manager.get("/compliance?from-day=1&from-month=1&from-year=2019&to-day=31&to-month=12&to-year=2019")
	if res.status != http.StatusOK || !strings.Contains(res.body, "By team") || !strings.Contains(res.body, "Assessment Team North") ||
		!strings.Contains(res.body, "1 in the period: 1 (100%) within 15 working days") {
		t.Fatalf("compliance page: %d\n%s", res.status, res.body)
	}
	if res := manager.get("/compliance?from-day=31&from-month=2&from-year=2019"); res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, "must be a real date") {
		t.Errorf("31 February: %d", res.status)
	}
	if res := f.signedIn("worker").get("/compliance"); res.status != http.StatusForbidden {
		t.Errorf("a social worker's compliance page: %d", res.status)
	}
	csv := manager.get("/compliance.csv?from-day=1&from-month=1&from-year=2019&to-day=31&to-month=12&to-year=2019&measure=CP-5")
	if !strings.HasPrefix(csv.body, "level,rule_id,team_id") || !strings.Contains(csv.body, "\nrule,CP-5,") {
		t.Errorf("figures CSV:\n%s", csv.body)
	}
	items := manager.get("/compliance.csv?from-day=1&from-month=1&from-year=2019&to-day=31&to-month=12&to-year=2019&detail=items")
	if !strings.Contains(items.body, "Ellie Example") || !strings.Contains(items.body, ",CP-5,") {
		t.Errorf("items CSV:\n%.500s", items.body)
	}

	api := f.api("manager")
	res, body := api.json("GET", "/api/v1/compliance?from=2019-01-01&to=2019-12-31&measure=CP-5&items=true", nil)
	if res.status != http.StatusOK {
		t.Fatalf("%d %s", res.status, res.body)
	}
	icpc := body["icpc"].(map[string]any)
	total := body["total"].(map[string]any)
	if icpc["total"].(float64) != 1 || icpc["within"].(float64) != 1 || total["due"].(float64) != 1 || total["done_on_time"].(float64) != 1 || len(list(body["items"])) == 0 {
		t.Errorf("API: icpc %v, total %v", icpc, total)
	}
	for _, q := range []string{"from=2019-12-31&to=2019-01-01", "measure=XX-9", "team=999", "from=2010-01-01&to=2019-01-01"} {
		if res, _ := api.json("GET", "/api/v1/compliance?"+q, nil); res.status != http.StatusUnprocessableEntity {
			t.Errorf("%s: %d", q, res.status)
		}
	}
}

func TestPaginate(t *testing.T) {
	href := func(n int) string { return fmt.Sprint(n) }
	describe := func(p pages) string {
		var items []string
		for _, it := range p.Items {
			switch {
			case it.Number == 0:
				items = append(items, "…")
			case it.Current:
				items = append(items, fmt.Sprintf("[%d]", it.Number))
			default:
				items = append(items, fmt.Sprint(it.Number))
			}
		}
		return fmt.Sprintf("%d–%d prev=%s next=%s %s", p.From, p.To, p.Prev, p.Next, strings.Join(items, " "))
	}
	for _, tc := range []struct {
		n, page int
		want    string
	}{
		{0, 1, "0–0 prev= next= "},
		{40, 1, "1–40 prev= next= "},
		{250, 2, "101–200 prev=1 next=3 1 [2] 3"},
		{250, 9, "201–250 prev=2 next= 1 2 [3]"},
		{1000, 5, "401–500 prev=4 next=6 1 … 4 [5] 6 … 10"},
		{1000, 0, "1–100 prev= next=2 [1] 2 … 10"},
	} {
		if got := describe(paginate(tc.n, tc.page, href)); got != tc.want {
			t.Errorf("paginate(%d, %d) = %q, want %q", tc.n, tc.page, got, tc.want)
		}
	}
}
