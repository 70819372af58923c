package app

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/waymark-care/waymark/internal/storage"
	"github.com/waymark-care/waymark/internal/storage/storagetest"
)

func TestGrants(t *testing.T) {
	storagetest.Each(t, func(t testing.TB, db *storage.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		child := fmt.Sprintf("/children/%d", f.child)
		m := f.signedIn("manager")
		token := func() string { return m.csrf(child + "/grants/new") }

		// The form says what is missing, and keeps what was given.
		res := m.post(child+"/grants", url.Values{"csrf_token": {token()}, "who": {"agency"}, "scope": {"kinds"}, "reason": {"short"}})
		for _, msg := range []string{"Choose a partner agency", "Choose at least one kind of record", "at least 10 characters", "govuk-error-summary"} {
			if res.status != 422 || !strings.Contains(res.body, msg) {
				t.Errorf("invalid form: %d, no %q", res.status, msg)
			}
		}
		if res := m.post(child+"/grants", url.Values{"csrf_token": {token()}, "who": {"user"}, "username": {"nobody"}, "reason": {"Covering the allocated worker"}}); res.status != 422 || !strings.Contains(res.body, "someone with a Waymark account") {
			t.Errorf("unknown user: %d", res.status)
		}

		// Shared with the police: only contacts and strategy discussions.
		police := f.signedIn("police")
		if res := police.get("/api/v1" + child); res.status != 404 {
			t.Fatalf("police before the share: %d", res.status)
		}
		res = m.post(child+"/grants", url.Values{"csrf_token": {token()}, "who": {"agency"}, "role": {"partner_police"}, "scope": {"kinds"},
			"kinds": {"contact", "strategy_discussion"}, "reason": {"Joint investigation with police"}})
		if res.status != 303 {
			t.Fatalf("share: %d\n%s", res.status, res.body)
		}
		res = police.get("/api/v1" + child)
		var rec struct {
			Access string                     `json:"access"`
			Record map[string]json.RawMessage `json:"record"`
		}
		json.Unmarshal([]byte(res.body), &rec)
		if res.status != 200 || rec.Access != "shared" || rec.Record["contact"] == nil || rec.Record["strategy_discussion"] == nil || rec.Record["referral"] != nil || rec.Record["case_note"] != nil {
			t.Errorf("police after the share: %d %s, kinds %v", res.status, rec.Access, keys(rec.Record))
		}
		if res := police.get(child); res.status != 200 || !strings.Contains(res.body, "only the parts of this record shared with your agency") || strings.Contains(res.body, "Child protection plan started") {
			t.Errorf("police page: %d", res.status)
		}

		// A restricted record opened to a named colleague.
		p := f.accounts["outsider"]
		if err := db.Write(ctx, storage.Change{Actor: "admin"}, func(tx *storage.Tx) error {
			cr, err := db.ChildRecord(ctx, f.child)
			if err != nil {
				return err
			}
			cr.Person.Restricted = true
			return tx.Update(&cr.Person)
		}); err != nil {
			t.Fatal(err)
		}
		o := f.signedIn("outsider")
		if res := o.get(child); res.status != 403 {
			t.Fatalf("outsider on a restricted record: %d", res.status)
		}
		if res := m.postJSON("/api/v1"+child+"/grants", map[string]any{"username": "outsider", "reason": "Covering the allocated worker"}, map[string]string{csrfHeader: token()}); res.status != 201 {
			t.Fatalf("name by API: %d %s", res.status, res.body)
		}
		if res := o.get(child); res.status != 200 {
			t.Errorf("named outsider: %d", res.status)
		}

		// The manager sees the grants and withdraws one.
		var list struct {
			Grants []storage.Grant `json:"grants"`
		}
		json.Unmarshal([]byte(m.get("/api/v1"+child+"/grants").body), &list)
		if len(list.Grants) != 2 {
			t.Fatalf("grants: %+v", list.Grants)
		}
		page := m.get(child)
		if !strings.Contains(page.body, "Joint investigation with police") || !strings.Contains(page.body, "Test outsider") {
			t.Error("the child's page does not list the grants")
		}
		named := list.Grants[0]
		if res := m.post(fmt.Sprintf("%s/grants/%d/withdraw", child, named.ID), url.Values{"csrf_token": {token()}}); res.status != 303 {
			t.Errorf("withdraw: %d", res.status)
		}
		if res := o.get(child); res.status != 403 {
			t.Errorf("after withdrawing: %d", res.status)
		}
		if res := m.do("DELETE", fmt.Sprintf("/api/v1%s/grants/%d", child, named.ID), nil, map[string]string{csrfHeader: token()}); res.status != 404 {
			t.Errorf("withdrawing twice: %d", res.status)
		}
		// Every grant and withdrawal is in the audit trail.
		hist, _ := db.ActorHistory(ctx, "manager")
		var kinds []string
		for _, e := range hist {
			kinds = append(kinds, fmt.Sprint(e.Kind, " ", e.Action))
		}
		if strings.Count(strings.Join(kinds, ","), "access_grant") != 3 {
			t.Errorf("audited: %v (the outsider is %d)", kinds, p.ID)
		}
	})
}

func keys(m map[string]json.RawMessage) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	return ks
}
