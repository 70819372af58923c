package app

import (
	"cmp"
	"context"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"regexp"
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
func formPost(t testing.TB, c *client, page string, values url.Values) response {
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
		chromedp.WaitVisible(chromedp.CSS(`a[href="/sign-out"]`)), // signed in: the sign-in page has a main too
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

	// The enquiry found Ruby needs a conference: the casework page offers
	// it. The conference is recorded wrongly, then rightly (AC-14, AC-15).
	err := f.db.Write(context.Background(), storagetest.Change, func(tx *storage.Tx) error {
		cr, err := f.db.ChildRecord(context.Background(), ruby)
		if err != nil {
			return err
		}
		return tx.Insert(&domain.Section47Enquiry{PersonID: ruby, ReferralID: cr.Referrals[0].ID, StrategyDiscussionID: cr.StrategyDiscussions[0].ID,
			StartDate: civil.MustParse("2025-11-10"), EndDate: civil.MustParse("2025-11-24"), Outcome: "substantiated_icpc"})
	})
	if err != nil {
		t.Fatal(err)
	}
	submit := chromedp.Click(chromedp.CSS("main form button[type=submit]"))
	saved := chromedp.WaitVisible(chromedp.CSS(".govuk-notification-banner--success"))
	problem := chromedp.WaitVisible(chromedp.CSS(".govuk-error-summary"))
	date := func(name, day, month, year string) chromedp.Action[chromedp.Void] {
		return chromedp.Steps(
			chromedp.SendKeys(chromedp.CSS("#"+name+"-day"), day),
			chromedp.SendKeys(chromedp.CSS("#"+name+"-month"), month),
			chromedp.SendKeys(chromedp.CSS("#"+name+"-year"), year),
		)
	}
	run("open the conference booking from the casework page", chromedp.Navigate(hub),
		chromedp.Click(chromedp.CSS(`a[href*="/casework/conference-booking?"]`)), chromedp.WaitVisible(chromedp.CSS("#conference_date-day")))
	checkAccessible(t, ctx, "conference booking")
	run("send the booking without its day", submit, problem)
	checkAccessible(t, ctx, "conference booking errors")
	run("open the conference from the casework page", chromedp.Navigate(hub),
		chromedp.Click(chromedp.CSS(`a[href*="/casework/conference?"]`)), chromedp.WaitVisible(chromedp.CSS("#conference_date-day")))
	checkAccessible(t, ctx, "conference")
	run("send the conference without its agencies, with a decision a conference cannot make",
		date("conference_date", "28", "11", "2025"),
		chromedp.Click(chromedp.CSS("#decision-4")), // the plan continues
		submit, problem)
	if kept, err := chromedp.Run(ctx, chromedp.Value(chromedp.CSS("#conference_date-day"))); err != nil || kept != "28" {
		t.Errorf("conference: the date came back as %q (%v)", kept, err)
	}
	checkAccessible(t, ctx, "conference errors")
	run("put the conference right",
		chromedp.Click(chromedp.CSS("#agencies")),   // children's social care
		chromedp.Click(chromedp.CSS("#agencies-2")), // police
		chromedp.Click(chromedp.CSS("#agencies-3")), // health
		chromedp.Click(chromedp.CSS("#police_report_on_time")),
		date("reports_shared_date", "26", "11", "2025"),
		chromedp.Click(chromedp.CSS("#advocacy_offered")),
		chromedp.Click(chromedp.CSS("#risk_rating-3")), // high
		chromedp.Click(chromedp.CSS("#decision")),      // a child protection plan
		submit, saved)

	// A written plan and a SMART action (AC-12), each wrongly then rightly.
	run("open the written plan form", chromedp.Navigate(hub+"/plan"), chromedp.WaitVisible(chromedp.CSS("#summary")))
	checkAccessible(t, ctx, "written plan")
	run("send the plan without its start date",
		chromedp.Click(chromedp.CSS("#plan_type")), // child in need
		chromedp.SendKeys(chromedp.CSS("#summary"), "The family support worker will help at bedtimes."),
		submit, problem)
	checkAccessible(t, ctx, "written plan errors")
	run("put the plan right", date("start_date", "1", "12", "2025"),
		chromedp.SendKeys(chromedp.CSS("#childs_words"), "I like it when Mum reads to me."), submit, saved)
	run("add an action from the casework page", chromedp.Click(chromedp.CSS(`a[href*="/casework/plan-action?"]`)), chromedp.WaitVisible(chromedp.CSS("#what")))
	checkAccessible(t, ctx, "plan action")
	run("send the action without how everyone will know",
		chromedp.SendKeys(chromedp.CSS("#what"), "Bedtime routine sessions"),
		chromedp.SendKeys(chromedp.CSS("#who"), "Family support worker"),
		date("by_when", "13", "2", "2026"),
		chromedp.Click(chromedp.CSS("#status")),
		submit, problem)
	checkAccessible(t, ctx, "plan action errors")
	run("put the action right", chromedp.SendKeys(chromedp.CSS("#how_we_will_know"), "Ruby gets to school on time"), submit, saved)
	checkAccessible(t, ctx, "casework with plans")
	run("open the plan's authorisation", chromedp.Click(chromedp.CSS(`a[href*="/casework/plan-authorise/"]`)), chromedp.WaitVisible(chromedp.CSS("main h1")))
	checkAccessible(t, ctx, "authorise the plan")

	// The child's family, from the child's page (AC-07, AC-15, XC-06).
	run("open the child's page", chromedp.Navigate(fmt.Sprintf("%s/children/%d", base, ruby)), chromedp.WaitVisible(chromedp.CSS("#details")))
	checkAccessible(t, ctx, "child's details and family")
	run("add a family member without a first name",
		chromedp.Click(chromedp.CSS(`a[href$="/casework/family-member"]`)), chromedp.WaitVisible(chromedp.CSS("#surname")),
		chromedp.SendKeys(chromedp.CSS("#surname"), "Walker"),
		chromedp.SetValue(chromedp.CSS("#relationship_type"), "grandparent"),
		chromedp.Click(chromedp.CSS("#interpreter_needed")),
		submit, problem)
	if kept, err := chromedp.Run(ctx, chromedp.Value(chromedp.CSS("#surname"))); err != nil || kept != "Walker" {
		t.Errorf("family member: the surname came back as %q (%v)", kept, err)
	}
	checkAccessible(t, ctx, "family member errors")
	run("put the family member right", chromedp.SendKeys(chromedp.CSS("#forename"), "Maureen"), submit, saved)
	checkAccessible(t, ctx, "child's page, family member added")
	// A family member's page, and an address recorded from it, wrongly then rightly.
	run("open a family member's page", chromedp.Click(chromedp.CSS(`#family ~ table a[href*="/family/"]`)), chromedp.WaitVisible(chromedp.CSS("main h1")))
	checkAccessible(t, ctx, "family member's page")
	run("record their address with a postcode in small letters",
		chromedp.Click(chromedp.CSS(`a[href*="/casework/member-address/"]`)), chromedp.WaitVisible(chromedp.CSS("#line1")),
		chromedp.SendKeys(chromedp.CSS("#line1"), "3 Mill Lane"), chromedp.SendKeys(chromedp.CSS("#postcode"), "dn4 1aa"),
		date("start_date", "1", "9", "2025"), submit, problem)
	if kept, err := chromedp.Run(ctx, chromedp.Value(chromedp.CSS("#line1"))); err != nil || kept != "3 Mill Lane" {
		t.Errorf("family member's address: the first line came back as %q (%v)", kept, err)
	}
	checkAccessible(t, ctx, "family member's address errors")
	run("put the postcode right", chromedp.Clear(chromedp.CSS("#postcode")), chromedp.SendKeys(chromedp.CSS("#postcode"), "DN4 1AA"), submit, saved)
	checkAccessible(t, ctx, "family member's page, address recorded")

	for _, page := range []string{"/exceptions?as_of=2025-12-10", "/exceptions/strategy-missing-agencies?as_of=2025-12-10", "/exceptions/parents-not-ready?as_of=2025-12-10", "/approvals?as_of=2025-12-10"} {
		run("open "+page, chromedp.Navigate(base+page), chromedp.WaitVisible(chromedp.CSS("main h1")))
		checkAccessible(t, ctx, page)
	}
}

// formAnswers builds a form's answers from name, value pairs; a value
// written like 2025-11-28 is a date, posted as its day, month and year.
func formAnswers(pairs ...string) url.Values {
	v := url.Values{}
	for i := 0; i < len(pairs); i += 2 {
		name, value := pairs[i], pairs[i+1]
		if d, err := civil.Parse(value); err == nil && len(value) == 10 {
			y, m, day := d.Date()
			v.Set(name+"-day", fmt.Sprint(day))
			v.Set(name+"-month", fmt.Sprint(int(m)))
			v.Set(name+"-year", fmt.Sprint(y))
			continue
		}
		v.Add(name, value)
	}
	return v
}

// protectionFixture is Ruby's case at the end of a section 47 enquiry that
// found she needs an initial child protection conference.
func protectionFixture(t testing.TB, f *fixture) (ruby int64) {
	t.Helper()
	ruby, _ = walkFamily(t, f)
	d := civil.MustParse
	err := f.db.Write(context.Background(), storagetest.Change, func(tx *storage.Tx) error {
		ref := &domain.Referral{PersonID: ruby, ReferralDate: d("2025-11-03"), Source: "6", TeamID: f.w.Team.ID}
		if err := tx.Insert(ref); err != nil {
			return err
		}
		sd := &domain.StrategyDiscussion{PersonID: ruby, ReferralID: ref.ID, HeldAt: time.Date(2025, 11, 10, 10, 0, 0, 0, time.UTC),
			Agencies: []string{"childrens_social_care", "police", "health"}, InformationShared: "Police: two call-outs.", StartSection47: true, Decision: "Section 47"}
		if err := tx.Insert(sd); err != nil {
			return err
		}
		return tx.Insert(&domain.Section47Enquiry{PersonID: ruby, ReferralID: ref.ID, StrategyDiscussionID: sd.ID, StartDate: d("2025-11-10"),
			EndDate: d("2025-11-24"), Outcome: "substantiated_icpc"})
	})
	if err != nil {
		t.Fatal(err)
	}
	return ruby
}

// formCase is one form filled in wrongly, then rightly.
type formCase struct {
	name, user, slug string
	// of names the record an edit changes, by kind: the child's latest.
	of string
	// bad is sent first, if given, and must come back with every phrase
	// in want; good must then save.
	bad   func(s *formState) url.Values
	want  []string
	good  func(s *formState) url.Values
	check func(t testing.TB, cr *domain.ChildRecord)
}

// run sends the form of each case from the page base, by the user the case
// names: wrongly first, if the case has a mistake, to come back with the
// error summary saying each phrase in want; then rightly, to save and
// redirect to a page starting done ("" for any). After each save reload
// reads the record again for the next case and the case's check.
func runFormCases(t testing.TB, clients map[string]*client, base, done string, s *formState, reload func(), cases []formCase) {
	t.Helper()
	for _, tc := range cases {
		c := clients[cmp.Or(tc.user, "worker")]
		path := base + "/" + tc.slug
		if tc.of != "" {
			path += "/" + s.id(tc.of)
		}
		if tc.bad != nil {
			res := formPost(t, c, path, tc.bad(s))
			if res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, "There is a problem") {
				t.Fatalf("%s, wrongly: %d\n%s", tc.name, res.status, res.body)
			}
			for _, want := range tc.want {
				if !strings.Contains(res.body, html.EscapeString(want)) && !strings.Contains(res.body, want) {
					t.Errorf("%s, wrongly: the page lacks %q", tc.name, want)
				}
			}
		}
		if tc.good == nil {
			continue
		}
		res := formPost(t, c, path, tc.good(s))
		if res.status != http.StatusSeeOther || !strings.HasPrefix(res.header.Get("Location"), done) {
			t.Fatalf("%s: %d %s\n%s", tc.name, res.status, res.header.Get("Location"), res.body)
		}
		reload()
		if tc.check != nil {
			tc.check(t, s.cr)
		}
	}
}

// formState is the child's record as the forms left it.
type formState struct {
	cr *domain.ChildRecord
}

// latest is the child's latest record of a kind.
func (s *formState) latest(kind string) domain.Record {
	recs := recordsOf(s.cr, kind)
	if len(recs) == 0 {
		return nil
	}
	return recs[len(recs)-1]
}

func (s *formState) id(kind string) string { return fmt.Sprint(s.latest(kind).Base().ID) }

func (s *formState) version(kind string) string { return fmt.Sprint(s.latest(kind).Base().Version) }

// with adds a form's answers to the record's own, for an edit.
func (s *formState) with(slug, kind string, pairs ...string) url.Values {
	v := formValues(s.latest(kind), formNamed(slug).Questions)
	v.Set("version", s.version(kind))
	for name, vs := range formAnswers(pairs...) {
		v[name] = vs
	}
	return v
}

// TestCaseworkFormsSave fills in each form of the child protection and
// child in need steps, first with a mistake the workflow or the record
// catches, then rightly, and reads what was saved (AC-11 to AC-18, XC-03).
func TestCaseworkFormsSave(t *testing.T) {
	storagetest.Each(t, func(t testing.TB, db *storage.DB) {
		f := newFixture(t, db)
		ruby := protectionFixture(t, f)
		base := fmt.Sprintf("/children/%d/casework", ruby)
		s := &formState{}
		read := func() {
			t.Helper()
			cr, err := db.ChildRecord(context.Background(), ruby)
			if err != nil {
				t.Fatal(err)
			}
			s.cr = cr
		}
		read()
		worker := f.signedIn("worker")

		// The enquiry asked for a conference: the casework page offers it,
		// filled in, with the date it is due by (AC-14).
		hub := worker.get(base)
		m := regexp.MustCompile(`href="(/children/\d+/casework/conference\?[^"]+)">Record the initial conference`).FindStringSubmatch(hub.body)
		if m == nil {
			t.Fatalf("no next step to the conference:\n%s", hub.body)
		}
		page := worker.get(html.UnescapeString(m[1]))
		if !strings.Contains(page.body, "Mon 1 Dec 2025") || !strings.Contains(page.body, fmt.Sprintf(`value="%s" selected`, s.id("section47_enquiry"))) ||
			!strings.Contains(page.body, `value="initial" checked`) {
			t.Errorf("the conference form is not filled in from the enquiry:\n%s", page.body)
		}

		conference := func(s *formState, decision string) url.Values {
			return formAnswers("conference_type", "initial", "referral_id", s.id("referral"), "s47_enquiry_id", s.id("section47_enquiry"),
				"conference_date", "2025-11-28", "agencies", "childrens_social_care", "agencies", "police", "agencies", "health", "agencies", "education",
				"police_report_on_time", "no", "reports_shared_date", "2025-11-26", "interpreter_needed", "yes", "advocacy_offered", "yes", "advocacy_taken_up", "no", "risk_rating", "high", "decision", decision, "chair_id", fmt.Sprint(f.w.Manager.ID))
		}
		cases := []formCase{
			{name: "initial conference", slug: "conference",
				bad: func(s *formState) url.Values {
					return formAnswers("conference_type", "initial", "referral_id", s.id("referral"), "s47_enquiry_id", s.id("section47_enquiry"),
						"conference_date", "2025-11-28", "decision", "continue_plan")
				},
				want: []string{`href="#agencies"`, "Select the agencies that attended", "Say whether the police report arrived in time", `href="#reports_shared_date"`,
					"Select the risk rating the conference agreed", "cannot decide", `value="continue_plan" checked`, "Mon 1 Dec 2025"},
				good: func(s *formState) url.Values { return conference(s, "cp_plan") },
				check: func(t testing.TB, cr *domain.ChildRecord) {
					c := cr.Conferences[0]
					if c.TargetDate != civil.MustParse("2025-12-01") || c.Quorate == nil || !*c.Quorate || !c.InterpreterNeeded || *c.PoliceReportOnTime {
						t.Errorf("conference %+v", c)
					}
				}},
			{name: "child protection plan", slug: "cp-plan",
				bad: func(s *formState) url.Values {
					return formAnswers("referral_id", s.id("referral"), "conference_id", s.id("conference"), "start_date", "2025-12-01")
				},
				want: []string{"starts on the day of the conference that made it, Fri 28 Nov 2025", `href="#start_date-day"`, "Select the category of abuse"},
				good: func(s *formState) url.Values {
					return formAnswers("referral_id", s.id("referral"), "conference_id", s.id("conference"), "start_date", "2025-11-28", "initial_category", "NEG")
				}},
			{name: "change of category", slug: "cp-plan-category", of: "cp_plan",
				bad:  func(s *formState) url.Values { return s.with("cp-plan-category", "cp_plan", "latest_category", "") },
				want: []string{"Select the category of abuse", "Neglect"},
				good: func(s *formState) url.Values { return s.with("cp-plan-category", "cp_plan", "latest_category", "PHY") },
				check: func(t testing.TB, cr *domain.ChildRecord) {
					if p := cr.CPPlans[0]; p.InitialCategory != "NEG" || p.LatestCategory != "PHY" {
						t.Errorf("categories %s, %s", p.InitialCategory, p.LatestCategory)
					}
				}},
			{name: "core group", slug: "core-group",
				bad: func(s *formState) url.Values {
					return formAnswers("cp_plan_id", s.id("cp_plan"), "meeting_date", "2025-11-20")
				},
				want: []string{"while the plan is in place", "Select the agencies that attended", "Select the risk rating the core group agreed"},
				good: func(s *formState) url.Values {
					return formAnswers("cp_plan_id", s.id("cp_plan"), "meeting_date", "2025-12-05", "agencies", "childrens_social_care", "agencies", "health",
						"agencies", "education", "risk_rating", "high", "notes", "Mum has started the programme.")
				}},
			{name: "review conference", slug: "conference",
				bad: func(s *formState) url.Values {
					return formAnswers("conference_type", "review", "referral_id", s.id("referral"), "conference_date", "2025-12-12",
						"agencies", "childrens_social_care", "agencies", "police", "reports_shared_date", "2025-12-10", "decision", "cp_plan")
				},
				want: []string{"A review conference cannot decide", `value="police" checked`},
				good: func(s *formState) url.Values {
					return formAnswers("conference_type", "review", "referral_id", s.id("referral"), "conference_date", "2025-12-12",
						"agencies", "childrens_social_care", "agencies", "police", "reports_shared_date", "2025-12-10", "advocacy_offered", "no", "risk_rating", "medium", "decision", "continue_plan")
				},
				check: func(t testing.TB, cr *domain.ChildRecord) {
					if c := cr.Conferences[1]; c.Quorate == nil || *c.Quorate {
						t.Errorf("a conference of two agencies is quorate: %v", c.Quorate)
					}
				}},
			{name: "written plan", slug: "plan",
				bad:  func(s *formState) url.Values { return formAnswers("plan_type", "cp", "start_date", "2025-11-28") },
				want: []string{`href="#cp_plan_id"`, "belongs to a CP plan"},
				good: func(s *formState) url.Values {
					return formAnswers("plan_type", "cp", "cp_plan_id", s.id("cp_plan"), "start_date", "2025-11-28",
						"summary", "Mum will go to the programme; the school will tell us how Ruby is.")
				}},
			{name: "plan action", slug: "plan-action",
				bad: func(s *formState) url.Values {
					return formAnswers("plan_id", s.id("plan"), "what", "Attend the domestic abuse programme", "who", "Jade Walker (mum)", "by_when", "2026-02-27", "status", "in_progress")
				},
				want: []string{"Enter how everyone will know it is done", "Jade Walker (mum)"},
				good: func(s *formState) url.Values {
					return formAnswers("plan_id", s.id("plan"), "what", "Attend the domestic abuse programme", "who", "Jade Walker (mum)", "by_when", "2026-02-27",
						"how_we_will_know", "The programme worker confirms each session", "status", "in_progress")
				}},
			{name: "changed action, concurrently", slug: "plan-action", of: "plan_action",
				bad: func(s *formState) url.Values {
					v := s.with("plan-action", "plan_action", "status", "done")
					v.Set("version", "0")
					return v
				},
				want: []string{`href="#version"`, "changed by worker"},
				good: func(s *formState) url.Values { return s.with("plan-action", "plan_action", "status", "done") },
				check: func(t testing.TB, cr *domain.ChildRecord) {
					if a := cr.PlanActions[0]; a.Status != "done" || a.Version != 2 {
						t.Errorf("action %s at version %d", a.Status, a.Version)
					}
				}},
			{name: "authorising a plan without the child's words", slug: "plan-authorise", of: "plan", user: "manager",
				bad:  func(s *formState) url.Values { return url.Values{"version": {s.version("plan")}} },
				want: []string{`<li id="childs_words">`, `href="#childs_words"`, "Put these right first"}},
			{name: "the child's words", slug: "plan", of: "plan",
				bad:  func(s *formState) url.Values { return s.with("plan", "plan", "end_date", "2025-11-01") },
				want: []string{`href="#end_date-day"`, "start date"},
				good: func(s *formState) url.Values { return s.with("plan", "plan", "childs_words", "I want Mum to be safe.") }},
			{name: "authorised plan", slug: "plan-authorise", of: "plan", user: "manager",
				good: func(s *formState) url.Values { return url.Values{"version": {s.version("plan")}} },
				check: func(t testing.TB, cr *domain.ChildRecord) {
					if p := cr.Plans[0]; p.AuthorisedDate != civil.MustParse("2026-01-01") || p.AuthorisedByID != f.w.Manager.ID {
						t.Errorf("plan authorised %v by %d", p.AuthorisedDate, p.AuthorisedByID)
					}
				}},
			{name: "ending the child protection plan", slug: "cp-plan-end", of: "cp_plan",
				bad:  func(s *formState) url.Values { return s.with("cp-plan-end", "cp_plan", "end_date", "2025-12-19") },
				want: []string{"Enter why the plan ended", "Fri 28 Nov 2025"},
				good: func(s *formState) url.Values {
					return s.with("cp-plan-end", "cp_plan", "end_date", "2025-12-19", "end_reason", "Risk reduced: support continues as a child in need")
				}},
			{name: "child in need plan", slug: "cin-plan",
				bad:  func(s *formState) url.Values { return formAnswers("referral_id", s.id("referral")) },
				want: []string{"Enter the date the plan started"},
				good: func(s *formState) url.Values {
					return formAnswers("referral_id", s.id("referral"), "start_date", "2025-12-19", "professional_id", fmt.Sprint(f.w.Worker.ID))
				}},
			{name: "signing off a child in need plan with no written plan", slug: "cin-plan-sign-off", of: "cin_plan", user: "manager",
				bad:  func(s *formState) url.Values { return url.Values{"version": {s.version("cin_plan")}} },
				want: []string{"Write the plan with at least one SMART action before signing it off", `<li id="signed_off_date">`}},
			{name: "written child in need plan", slug: "plan",
				good: func(s *formState) url.Values {
					return formAnswers("plan_type", "cin", "cin_plan_id", s.id("cin_plan"), "start_date", "2025-12-19",
						"summary", "The family support worker will help at bedtimes.", "childs_words", "I like it when Mum reads to me.")
				}},
			{name: "its action", slug: "plan-action",
				good: func(s *formState) url.Values {
					return formAnswers("plan_id", s.id("plan"), "what", "Bedtime routine sessions", "who", "Family support worker", "by_when", "2026-02-13",
						"how_we_will_know", "Ruby gets to school on time", "status", "not_started")
				}},
			{name: "signed-off child in need plan", slug: "cin-plan-sign-off", of: "cin_plan", user: "manager",
				good: func(s *formState) url.Values { return url.Values{"version": {s.version("cin_plan")}} },
				check: func(t testing.TB, cr *domain.ChildRecord) {
					if p := cr.CINPlans[0]; p.SignedOffDate != civil.MustParse("2026-01-01") || p.SignedOffByID != f.w.Manager.ID {
						t.Errorf("signed off %v by %d", p.SignedOffDate, p.SignedOffByID)
					}
				}},
			{name: "child in need plan review", slug: "cin-plan-review",
				bad: func(s *formState) url.Values {
					return formAnswers("cin_plan_id", s.id("cin_plan"), "outcome", "Plan continues.")
				},
				want: []string{"Enter the date of the review", "Plan continues."},
				good: func(s *formState) url.Values {
					return formAnswers("cin_plan_id", s.id("cin_plan"), "review_date", "2025-12-30", "outcome", "Plan continues.")
				}},
			{name: "management decision", slug: "management-decision", user: "manager",
				bad: func(s *formState) url.Values {
					return formAnswers("decision_date", "2025-12-16", "decision", "Step down to child in need")
				},
				want: []string{"Enter the reasons for the decision", `href="#rationale"`},
				good: func(s *formState) url.Values {
					return formAnswers("decision_date", "2025-12-16", "decision", "Step down to child in need", "rationale", "Risks reduced; Mum engaging.",
						"manager_id", fmt.Sprint(f.w.Manager.ID))
				}},
		}
		runFormCases(t, map[string]*client{"worker": worker, "manager": f.signedIn("manager")}, base, base+"?saved=", s, read, cases)

		// Only a manager approves (XC-03), and the casework page shows
		// what was done with the next steps.
		if res := worker.get(fmt.Sprintf("%s/plan-authorise/%s", base, s.id("plan"))); res.status != http.StatusForbidden {
			t.Errorf("a social worker opened the plan's authorisation: %d", res.status)
		}
		hub = worker.get(base)
		for _, want := range []string{"Initial child protection conference", "Child protection plan made", "Review child protection conference",
			"Core group meeting", "Ended Fri 19 Dec 2025", "Signed off Thu 1 Jan 2026", "Action: Bedtime routine sessions", "Management decision",
			"Record a core group meeting", "Print the plan for the family", "Add an action"} {
			if !strings.Contains(hub.body, html.EscapeString(want)) {
				t.Errorf("casework page lacks %q", want)
			}
		}
		if strings.Contains(hub.body, "Record the initial conference") || strings.Contains(hub.body, "plan-authorise") {
			t.Errorf("the casework page offers steps already taken, or a manager's to a social worker:\n%s", hub.body)
		}
	})
}
