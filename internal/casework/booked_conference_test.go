package casework

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/waymark-care/waymark/internal/domain"
)

// bookedChild is conferenceChild with the initial conference of Wed 4 Mar
// 2015 booked, not yet held: the parents' report is due Mon 2 Mar.
func bookedChild(parents ...domain.ConferenceParent) *domain.ChildRecord {
	cr := conferenceChild()
	cr.Conferences[0].Booked = true
	cr.ConferenceParents = parents
	return cr
}

// TestParentsNotReady: before a booked conference, a parent's report not
// shared once its due day (conference.parent_share_wd) has passed, a parent
// needing language support with neither a translated summary nor an
// interpreter booked, and no parent's part once the report is due, are
// listed; a conference held is not, and a booked one is not on the list of
// conferences held (AC-15).
func TestParentsNotReady(t *testing.T) {
	mother := func(shared string) domain.ConferenceParent {
		return domain.ConferenceParent{Entity: ent(71), ConferenceID: 60, ParentID: 51, Language: "English", ReportSharedDate: d(shared)}
	}
	father := func(lang string, change func(*domain.ConferenceParent)) domain.ConferenceParent {
		p := domain.ConferenceParent{Entity: ent(72), ConferenceID: 60, ParentID: 53, Language: lang, ReportSharedDate: d("2015-02-27")}
		if change != nil {
			change(&p)
		}
		return p
	}
	for _, tt := range []struct {
		name string
		cr   *domain.ChildRecord
		asOf string
		want string // "" for not listed
	}{
		{"no parent, before the report is due", bookedChild(), "2015-02-27", ""},
		{"no parent, the report's due day", bookedChild(), "2015-03-02", ""},
		{"no parent, after the report was due", bookedChild(), "2015-03-03", "No parent’s part recorded: the report was due Mon 2 Mar 2015"},
		{"report not shared, due today", bookedChild(mother("")), "2015-03-02", ""},
		{"report not shared, due yesterday", bookedChild(mother("")), "2015-03-03", "Mother: report not shared (due Mon 2 Mar 2015)"},
		{"report shared late", bookedChild(mother("2015-03-03")), "2015-03-03", ""},
		{"report to be shared tomorrow, as at today", bookedChild(mother("2015-03-04")), "2015-03-03", "Mother: report not shared"},
		{"report shared in time", bookedChild(mother("2015-03-02")), "2015-03-03", ""},
		{"Polish, nothing arranged, days before", bookedChild(father("Polish", nil)), "2015-02-20",
			"Father: prefers Polish; no translated summary given or interpreter booked yet"},
		{"Polish, interpreter booked", bookedChild(father("Polish", func(p *domain.ConferenceParent) { p.InterpreterBookedDate = d("2015-02-19") })), "2015-02-20", ""},
		{"Polish, summary translated", bookedChild(father("Polish", func(p *domain.ConferenceParent) { p.TranslatedSummaryDate = d("2015-02-20") })), "2015-02-20", ""},
		{"English, needs an interpreter (BSL)", bookedChild(father("English", func(p *domain.ConferenceParent) { p.InterpreterNeeded = ptr(true) })), "2015-02-20",
			"Father: prefers English; no translated summary"},
		{"held, not listed here", with(func(cr *domain.ChildRecord) { *cr = *conferenceChild() }), "2015-03-03", ""},
		{"booking cancelled, not listed", with(func(cr *domain.ChildRecord) {
			*cr = *bookedChild(mother(""))
			cr.Conferences[0].CancelledDate, cr.Conferences[0].CancelReason = d("2015-02-26"), "The enquiry's outcome changed: no conference needed."
		}), "2015-03-03", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			found := rules.Find(ParentsNotReady, tt.cr, DefaultWindow(d(tt.asOf)))
			switch {
			case tt.want == "" && len(found) > 0:
				t.Errorf("listed: %+v", found)
			case tt.want != "" && (len(found) != 1 || !strings.Contains(found[0].Detail, tt.want) || found[0].Record.ID != 60 || found[0].Due != d("2015-03-02")):
				t.Errorf("found %+v, want conference 60 due Mon 2 Mar 2015 saying %q", found, tt.want)
			}
			if held := rules.Find(ParentsNotPrepared, tt.cr, DefaultWindow(d("2015-03-20"))); slices.ContainsFunc(held, func(e Exception) bool { return e.Record.ID == 60 }) == tt.cr.Conferences[0].Booked {
				t.Errorf("on the list of conferences held: %v, booked %v", held, tt.cr.Conferences[0].Booked)
			}
			if full := rules.Find(ParentsNotReady, project(tt.cr, ParentsNotReady.Columns()), DefaultWindow(d(tt.asOf))); !reflect.DeepEqual(full, found) {
				t.Errorf("with only the list's columns %+v, with every column %+v", full, found)
			}
		})
	}
}

// TestCheckBooking: a booking has a type and a day, and nothing only a
// conference that was held has; recording it as held applies the held
// conference's checks; a conference held is not booked again (AC-15).
func TestCheckBooking(t *testing.T) {
	cr := bookedChild()
	booked := func(change func(*domain.Conference)) *domain.Conference {
		c := cr.Conferences[0]
		change(&c)
		return &c
	}
	for _, tt := range []struct {
		name string
		c    *domain.Conference
		want []string
	}{
		{"a new booking", &domain.Conference{Booked: true, ReferralID: 2, Type: "review", Date: d("2015-06-10"), ChairID: 9}, nil},
		{"moved to another day", booked(func(c *domain.Conference) { c.Date = d("2015-03-06") }), nil},
		{"booked with a decision and who attended", booked(func(c *domain.Conference) {
			c.Decision, c.Agencies = "cp_plan", []string{"police"}
		}), []string{"agencies", "decision"}},
		{"recorded as held without its decision", booked(func(c *domain.Conference) { c.Booked = false }),
			[]string{"agencies", "police_report_on_time", "reports_shared_date", "risk_rating", "decision"}},
		{"recorded as held", booked(func(c *domain.Conference) {
			c.Booked, c.Decision, c.RiskRating, c.PoliceReportOnTime, c.ReportsSharedDate = false, "cp_plan", "high", ptr(true), d("2015-03-02")
			c.Agencies, c.AdvocacyOffered = []string{"childrens_social_care", "police", "health"}, ptr(false)
		}), nil},
		{"the held review booked again", &domain.Conference{Entity: ent(61), Booked: true, ReferralID: 2, Type: "review", Date: d("2015-03-11")}, []string{"booked"}},
	} {
		t.Run(tt.name, func(t *testing.T) { wantFields(t, rules.CheckChange(cr, tt.c, nil), tt.want, "") })
	}
}

// TestBookedIsNotHeld: a booked initial conference does not meet the
// CP-5 deadline, make a plan, let the case close or show in the
// chronology's protection events until it is recorded as held (AC-14,
// AC-15).
func TestBookedIsNotHeld(t *testing.T) {
	book := func(cr *domain.ChildRecord) {
		onPlan(cr)
		cr.Conferences[0].Booked, cr.Conferences[0].Decision = true, ""
	}
	if found := rules.Find(ConferenceOverdue, with(func(cr *domain.ChildRecord) { book(cr); cr.CPPlans = nil }), DefaultWindow(d("2015-09-25"))); len(found) != 1 {
		t.Errorf("booked, past its target: %+v, want the initial conference overdue", found)
	}
	cr := with(book)
	wantFields(t, rules.CheckChange(cr, &cr.CPPlans[0], nil), []string{"conference_id"}, "is booked and not yet recorded as held")
	closing := cr.Referrals[0]
	closing.CloseDate, closing.CloseReason = d("2015-09-25"), "RC7"
	cr.CPPlans = nil
	if errs := rules.CheckClosure(cr, &closing); !slices.ContainsFunc(errs, func(e domain.FieldError) bool { return e.Field == "conference" }) {
		t.Errorf("closing with the initial conference only booked: %v", errs)
	}
}
