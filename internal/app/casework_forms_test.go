package app

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/domain"
	"github.com/waymark-care/waymark/internal/storage"
	"github.com/waymark-care/waymark/internal/storage/storagetest"
)

// formPost posts a form with the page's CSRF token.
func formPost(t *testing.T, c *client, page string, values url.Values) response {
	t.Helper()
	values.Set("csrf_token", c.csrf(page))
	return c.post(page, values)
}

// TestCaseworkForms: the forms check what the API checks, come back with
// the user's answers and a GOV.UK error summary, and save when right.
func TestCaseworkForms(t *testing.T) {
	f := newFixture(t, storagetest.Open(t, "sqlite"))
	ruby, assessment := driftFixture(t, f)
	worker := f.signedIn("worker")
	base := fmt.Sprintf("/children/%d/casework", ruby)

	hub := worker.get(base)
	if hub.status != 200 || !strings.Contains(hub.body, base+"/strategy-discussion") || !strings.Contains(hub.body, fmt.Sprintf("%s/assessment-complete/%d", base, assessment)) {
		t.Fatalf("hub: %d\n%s", hub.status, hub.body)
	}

	// A strategy discussion without health, with a date that does not exist.
	sd := base + "/strategy-discussion"
	res := formPost(t, worker, sd, url.Values{
		"referral_id": {"1"}, "held_at-day": {"31"}, "held_at-month": {"11"}, "held_at-year": {"2025"}, "held_at-time": {"10:00"},
		"agencies": {"childrens_social_care", "police"}, "information_shared": {"Police: two call-outs."}, "decision": {"Section 47."},
	})
	if res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, "There is a problem") || !strings.Contains(res.body, `href="#held_at-day"`) ||
		!strings.Contains(res.body, "Police: two call-outs.") || !strings.Contains(res.body, `value="police" checked`) {
		t.Fatalf("bad date: %d\n%s", res.status, res.body)
	}
	// The date put right, health still missing: the workflow's own check.
	res = formPost(t, worker, sd, url.Values{
		"referral_id": {"2"}, "held_at-day": {"28"}, "held_at-month": {"11"}, "held_at-year": {"2025"}, "held_at-time": {"25:00"},
		"agencies": {"childrens_social_care", "police"}, "information_shared": {"Police: two call-outs."}, "decision": {"Section 47."},
	})
	if res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, "24-hour time") {
		t.Fatalf("bad time: %d\n%s", res.status, res.body)
	}
	res = formPost(t, worker, sd, url.Values{
		"referral_id": {"2"}, "held_at-day": {"28"}, "held_at-month": {"11"}, "held_at-year": {"2025"}, "held_at-time": {"10:00"},
		"agencies": {"childrens_social_care", "police"}, "information_shared": {"Police: two call-outs."}, "decision": {"Section 47."},
	})
	if res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, "Health did not take part: say why") || !strings.Contains(res.body, `href="#missing_agency_reason"`) {
		t.Fatalf("no health: %d\n%s", res.status, res.body)
	}
	res = formPost(t, worker, sd, url.Values{
		"referral_id": {"2"}, "held_at-day": {"28"}, "held_at-month": {"11"}, "held_at-year": {"2025"}, "held_at-time": {"10:00"},
		"agencies": {"childrens_social_care", "police"}, "information_shared": {"Police: two call-outs."}, "decision": {"Section 47."},
		"missing_agency_reason": {"Health visitor on leave; information by email the next day."},
	})
	if res.status != http.StatusSeeOther || !strings.HasPrefix(res.header.Get("Location"), base+"?saved=") {
		t.Fatalf("saved: %d\n%s", res.status, res.body)
	}
	cr, err := f.db.ChildRecord(context.Background(), ruby)
	if err != nil {
		t.Fatal(err)
	}
	held := cr.StrategyDiscussions[len(cr.StrategyDiscussions)-1].HeldAt
	if !held.Equal(time.Date(2025, 11, 28, 10, 0, 0, 0, time.UTC)) {
		t.Errorf("held at %v, want 10:00 on 28 Nov 2025 in England", held)
	}

	// Editing a record: the form shows what is stored.
	complete := fmt.Sprintf("%s/assessment-complete/%d", base, assessment)
	page := worker.get(complete)
	if page.status != 200 || !strings.Contains(page.body, `name="completed_date-day" type="text" value="1"`) || !strings.Contains(page.body, `value="3B" checked`) {
		t.Errorf("edit form: %d\n%s", page.status, page.body)
	}
	// A change from an older version is refused, saying who changed it.
	err = f.db.Write(context.Background(), storage.Change{Actor: "someone.else", At: testNow}, func(tx *storage.Tx) error {
		as := cr.Assessments[0]
		as.Analysis = "Changed elsewhere."
		return tx.Update(&as)
	})
	if err != nil {
		t.Fatal(err)
	}
	values := formValues(&cr.Assessments[0], formNamed("assessment-complete").Questions)
	values.Set("version", "1")
	res = formPost(t, worker, complete, values)
	if res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, "changed by someone.else") {
		t.Errorf("stale edit: %d\n%s", res.status, res.body)
	}

	// Closing the case lists what is still open: here, an enquiry with no
	// outcome.
	err = f.db.Write(context.Background(), storagetest.Change, func(tx *storage.Tx) error {
		return tx.Insert(&domain.Section47Enquiry{PersonID: ruby, ReferralID: cr.Referrals[0].ID, StartDate: civil.MustParse("2025-11-28")})
	})
	if err != nil {
		t.Fatal(err)
	}
	closure := fmt.Sprintf("%s/closure/%d", base, cr.Referrals[0].ID)
	res = formPost(t, worker, closure, url.Values{"version": {"1"}, "close_date-day": {"1"}, "close_date-month": {"12"}, "close_date-year": {"2025"},
		"close_reason": {"RC8"}, "closure_summary": {"No role for social care."}})
	if res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, `<li id="section47_enquiry">`) || !strings.Contains(res.body, "Finish or explain these first") {
		t.Errorf("closure with open items: %d\n%s", res.status, res.body)
	}

	// Unknown forms, and forms for another child's records.
	if res := worker.get(base + "/no-such-form"); res.status != http.StatusNotFound {
		t.Errorf("unknown form: %d", res.status)
	}
	if res := worker.get(fmt.Sprintf("/children/%d/casework/closure/%d", f.child, cr.Referrals[0].ID)); res.status == http.StatusOK {
		t.Errorf("Ruby's referral under another child: %d", res.status)
	}
}

// TestPrintPlan: a written plan in plain language for the family.
func TestPrintPlan(t *testing.T) {
	f := newFixture(t, storagetest.Open(t, "sqlite"))
	ruby, _ := walkFamily(t, f)
	var plan int64
	err := f.db.Write(context.Background(), storagetest.Change, func(tx *storage.Tx) error {
		p := &domain.Plan{PersonID: ruby, Type: "cin", StartDate: civil.MustParse("2025-12-01"), Summary: "Mum and the school will help Ruby get to school every day.",
			ChildsWords: "I like my teacher."}
		if err := tx.Insert(p); err != nil {
			return err
		}
		plan = p.ID
		return tx.Insert(&domain.PlanAction{PersonID: ruby, PlanID: p.ID, What: "Walk Ruby to school", Who: "Mum", ByWhen: civil.MustParse("2026-01-30"),
			HowWeWillKnow: "The school's register", Status: "in_progress"})
	})
	if err != nil {
		t.Fatal(err)
	}
	page := f.signedIn("worker").get(fmt.Sprintf("/children/%d/plans/%d/print", ruby, plan))
	for _, want := range []string{"Child in need plan for Ruby", "Walk Ruby to school", "The school&#39;s register", "I like my teacher.", "Draft: not yet agreed"} {
		if !strings.Contains(page.body, want) {
			t.Errorf("printed plan lacks %q: %d\n%s", want, page.status, page.body)
		}
	}
	if page := f.signedIn("police").get(fmt.Sprintf("/children/%d/plans/%d/print", ruby, plan)); page.status != http.StatusNotFound {
		t.Errorf("police: %d", page.status)
	}
}

// TestCaseworkBrowser fills in the main forms in headless Chromium,
// mistakes first, checking each page for accessibility (WCAG 2.2 AA).
func TestCaseworkBrowser(t *testing.T) {
	f := newFixture(t, storagetest.Open(t, "sqlite"))
	ruby, _ := driftFixture(t, f)
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
		chromedp.WaitVisible(chromedp.CSS("main")),
	)
	hub := fmt.Sprintf("%s/children/%d/casework", base, ruby)
	run("open the casework", chromedp.Navigate(hub), chromedp.WaitVisible(chromedp.CSS("main h1")))
	checkAccessible(t, ctx, "casework")

	for _, form := range []struct {
		slug, field, value string
	}{
		{"contact", "#presenting_concerns", "Neighbour heard shouting and a child crying."},
		{"strategy-discussion", "#information_shared", "Police: two call-outs this year."},
		{"visit", "#notes", "Ruby said: ‘I’m OK’."},
	} {
		run("open the "+form.slug+" form", chromedp.Navigate(hub+"/"+form.slug), chromedp.WaitVisible(chromedp.CSS(form.field)))
		checkAccessible(t, ctx, form.slug)
		run("send the "+form.slug+" form with mistakes",
			chromedp.SendKeys(chromedp.CSS(form.field), form.value),
			chromedp.Click(chromedp.CSS("main form button[type=submit]")),
			chromedp.WaitVisible(chromedp.CSS(".govuk-error-summary")),
		)
		if kept, err := chromedp.Run(ctx, chromedp.Value(chromedp.CSS(form.field))); err != nil || kept != form.value {
			t.Errorf("%s: the answer came back as %q (%v)", form.slug, kept, err)
		}
		checkAccessible(t, ctx, form.slug+" errors")
	}

	run("open the visit form", chromedp.Navigate(hub+"/visit"), chromedp.WaitVisible(chromedp.CSS("#visit_type")))
	run("record a visit",
		chromedp.Click(chromedp.CSS("#visit_type")), // child protection
		chromedp.SendKeys(chromedp.CSS("#visit_date-day"), "8"),
		chromedp.SendKeys(chromedp.CSS("#visit_date-month"), "12"),
		chromedp.SendKeys(chromedp.CSS("#visit_date-year"), "2025"),
		chromedp.Click(chromedp.CSS("#seen")),
		chromedp.Click(chromedp.CSS("#seen_alone")),
		chromedp.Click(chromedp.CSS("#bedroom_seen")),
		chromedp.Click(chromedp.CSS("main form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(".govuk-notification-banner--success")),
	)
	checkAccessible(t, ctx, "casework saved")

	for _, page := range []string{"/exceptions?as_of=2025-12-10", "/exceptions/strategy-missing-agencies?as_of=2025-12-10", "/approvals?as_of=2025-12-10"} {
		run("open "+page, chromedp.Navigate(base+page), chromedp.WaitVisible(chromedp.CSS("main h1")))
		checkAccessible(t, ctx, page)
	}
}
