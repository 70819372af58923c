package casework

import (
	"context"
	"slices"
	"testing"

	"github.com/waymark-care/waymark/internal/domain"
)

// TestHandover: a contact the out-of-hours service received is handed over
// by the next working day; a contact received in hours has no handover
// (FD-02).
func TestHandover(t *testing.T) {
	for _, tt := range []struct {
		name                 string
		received, handedOver string
		ooh                  bool
		asOf, due            string
		onTime, overdue      bool
	}{
		{"in hours: none", "2015-08-27 11:00", "", false, "2015-09-10", "", false, false},
		// 31 Aug 2015 was the summer bank holiday: Saturday's contact is due on Tuesday.
		{"a Saturday night over a bank holiday", "2015-08-29 23:10", "2015-09-01 09:05", true, "2015-09-01", "2015-09-01", true, false},
		{"handed over a day late", "2015-08-29 23:10", "2015-09-02 09:05", true, "2015-09-02", "2015-09-01", false, false},
		{"not handed over, due today", "2015-09-01 02:00", "", true, "2015-09-02", "2015-09-02", false, false},
		{"not handed over, overdue", "2015-09-01 02:00", "", true, "2015-09-03", "2015-09-02", false, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c := &domain.Contact{ContactAt: at(tt.received), OutOfHours: tt.ooh}
			if tt.handedOver != "" {
				c.HandoverAt, c.HandoverToID = at(tt.handedOver), 80
			}
			h, ok := rules.Handover(c)
			if ok != tt.ooh || !ok {
				if ok != tt.ooh {
					t.Errorf("handover %v, want %v", ok, tt.ooh)
				}
				return
			}
			if h.Due != d(tt.due) || h.OnTime() != tt.onTime || h.Overdue(d(tt.asOf)) != tt.overdue {
				t.Errorf("due %s on time %v overdue %v; want %s %v %v", h.Due, h.OnTime(), h.Overdue(d(tt.asOf)), tt.due, tt.onTime, tt.overdue)
			}
		})
	}
}

// TestHandoverChecks: a handover records when and who received it, and only
// a contact the out-of-hours service received is handed over (FD-02).
func TestHandoverChecks(t *testing.T) {
	for _, tt := range []struct {
		name string
		c    domain.Contact
		want []string
	}{
		{"complete", domain.Contact{OutOfHours: true, HandoverAt: at("2015-09-01 09:00"), HandoverToID: 80}, nil},
		{"not yet handed over", domain.Contact{OutOfHours: true}, nil},
		{"no one received it", domain.Contact{OutOfHours: true, HandoverAt: at("2015-09-01 09:00")}, []string{"handover_to_id"}},
		{"no time", domain.Contact{OutOfHours: true, HandoverToID: 80}, []string{"handover_at"}},
		{"before the contact", domain.Contact{OutOfHours: true, HandoverAt: at("2015-08-29 22:00"), HandoverToID: 80}, []string{"handover_at"}},
		{"received in hours", domain.Contact{HandoverAt: at("2015-09-01 09:00"), HandoverToID: 80}, []string{"out_of_hours"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			tt.c.ContactAt = at("2015-08-29 23:10")
			wantFields(t, tt.c.Check(), tt.want, "")
		})
	}
}

// TestScreeningTimeliness: the share of contacts decided within one working
// day, in hours and out of hours, and of handovers on time (FD-02).
func TestScreeningTimeliness(t *testing.T) {
	contact := func(received, decided string, ooh bool, handedOver string) domain.Contact {
		c := domain.Contact{ContactAt: at(received), OutOfHours: ooh}
		if decided != "" {
			c.Decision, c.DecisionAt = "nfa", at(decided)
		}
		if handedOver != "" {
			c.HandoverAt, c.HandoverToID = at(handedOver), 80
		}
		return c
	}
	contacts := []domain.Contact{
		contact("2015-09-01 10:00", "2015-09-01 15:00", false, ""),                // on time
		contact("2015-09-01 10:00", "2015-09-03 09:00", false, ""),                // late
		contact("2015-09-04 10:00", "", false, ""),                                // Friday: due Monday the 7th
		contact("2015-09-05 23:00", "2015-09-07 11:00", true, "2015-09-07 09:00"), // Saturday night: on time
		contact("2015-09-05 23:00", "2015-09-08 16:00", true, "2015-09-08 09:00"), // late, handed over late
		contact("2015-09-06 03:00", "", true, ""),                                 // Sunday: due Monday
		contact("2015-08-31 10:00", "2015-08-31 11:00", false, ""),                // before the period
	}
	for _, tt := range []struct {
		name         string
		asOf         string
		inHours, ooh ScreeningCounts
	}{
		// On Monday the 7th the Friday and Sunday contacts are due that day: not yet counted.
		{"on the Monday", "2015-09-07", ScreeningCounts{Contacts: 3, Due: 2, OnTime: 1}, ScreeningCounts{Contacts: 3, Due: 1, OnTime: 1, HandoversDue: 1, HandedOverOnTime: 1}},
		// By Tuesday both are overdue and count against the measure; the late
		// decision and handover of the 8th count, late.
		{"on the Tuesday", "2015-09-08", ScreeningCounts{Contacts: 3, Due: 3, OnTime: 1}, ScreeningCounts{Contacts: 3, Due: 3, OnTime: 1, HandoversDue: 3, HandedOverOnTime: 1}},
		// Before anything was decided late, nothing is counted late.
		{"on the first day", "2015-09-01", ScreeningCounts{Contacts: 3, Due: 1, OnTime: 1}, ScreeningCounts{Contacts: 3}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			m := rules.ScreeningTimeliness(d("2015-09-01"), d("2015-09-30"), d(tt.asOf), contacts)
			if m.InHours != tt.inHours || m.OutOfHours != tt.ooh {
				t.Errorf("in hours %+v, out of hours %+v; want %+v, %+v", m.InHours, m.OutOfHours, tt.inHours, tt.ooh)
			}
			if m.All.Contacts != m.InHours.Contacts+m.OutOfHours.Contacts || m.All.OnTime != m.InHours.OnTime+m.OutOfHours.OnTime {
				t.Errorf("all %+v", m.All)
			}
		})
	}
	if r, ok := rules.ScreeningTimeliness(d("2015-09-01"), d("2015-09-30"), d("2015-09-30"), contacts).OutOfHours.OnTimeRate(); !ok || r != 1.0/3 {
		t.Errorf("out of hours on time %v %v", r, ok)
	}
	if _, ok := (ScreeningCounts{}).OnTimeRate(); ok {
		t.Error("a rate of nothing")
	}
}

// TestFrontDoorTasks: the front door's worklist has each contact waiting
// for a screening decision and each out-of-hours contact waiting to be
// handed over, with the contact's worker and team; a child the user may
// not see is withheld (FD-02).
func TestFrontDoorTasks(t *testing.T) {
	dir := authority()
	store := &fakeStore{children: []*domain.ChildRecord{
		{Person: domain.Person{Entity: ent(1), Forename: "Ava"}}, {Person: domain.Person{Entity: ent(2), Forename: "Ben"}},
		{Person: domain.Person{Entity: ent(3), Forename: "Cal", Restricted: true}},
	}}
	contacts := []domain.Contact{
		{Entity: ent(11), PersonID: 1, ContactAt: at("2015-09-05 23:00"), OutOfHours: true, ProfessionalID: 80, TeamID: 71},
		{Entity: ent(12), PersonID: 2, ContactAt: at("2015-09-07 10:00"), Decision: "nfa", DecisionAt: at("2015-09-07 12:00"), ProfessionalID: 81, TeamID: 72},
		{Entity: ent(13), PersonID: 2, ContactAt: at("2015-09-07 11:00"), ProfessionalID: 81, TeamID: 72},
		{Entity: ent(14), PersonID: 1, ContactAt: at("2015-09-06 01:00"), OutOfHours: true, HandoverAt: at("2015-09-07 09:00"), HandoverToID: 81,
			Decision: "referral", DecisionAt: at("2015-09-09 10:00"), ProfessionalID: 80, TeamID: 71},
		{Entity: ent(15), PersonID: 3, ContactAt: at("2015-09-07 11:00"), ProfessionalID: 80, TeamID: 71},
	}
	type task struct {
		contact int64
		due     string
		what    string
	}
	for _, tt := range []struct {
		name     string
		asOf     string
		filter   Filter
		want     []task
		withheld int
	}{
		{"everything on the Tuesday", "2015-09-08", Filter{}, []task{
			{11, "2015-09-07", "Received out of hours; hand it over to the front door"}, {11, "2015-09-07", "Waiting for the screening decision"},
			{14, "2015-09-07", "Waiting for the screening decision"}, {13, "2015-09-08", "Waiting for the screening decision"},
			{15, "2015-09-08", "Waiting for the screening decision"}}, 0},
		{"the South team's", "2015-09-08", Filter{Team: 72}, []task{{13, "2015-09-08", "Waiting for the screening decision"}}, 0},
		{"restricted records withheld", "2015-09-08", Filter{Team: 71, Sees: func(cr *domain.ChildRecord) bool { return !cr.Person.Restricted }}, []task{
			{11, "2015-09-07", "Received out of hours; hand it over to the front door"}, {11, "2015-09-07", "Waiting for the screening decision"},
			{14, "2015-09-07", "Waiting for the screening decision"}}, 1},
		{"once decided and handed over", "2015-09-09", Filter{Team: 72}, []task{{13, "2015-09-08", "Waiting for the screening decision"}}, 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rep, err := rules.FrontDoorTasks(context.Background(), store, contacts, Window{From: d("2015-06-09"), To: d(tt.asOf)}, tt.filter, dir)
			if err != nil {
				t.Fatal(err)
			}
			var got []task
			for _, r := range rep.Rows {
				got = append(got, task{r.Record.ID, r.Due.String(), r.Detail})
				if r.Child.Name == "" || r.TeamID == 0 || r.Team == "" {
					t.Errorf("row %+v has no child or team", r)
				}
			}
			if !slices.Equal(got, tt.want) || rep.Withheld != tt.withheld {
				t.Errorf("tasks %v (withheld %d), want %v (%d)", got, rep.Withheld, tt.want, tt.withheld)
			}
		})
	}
}
