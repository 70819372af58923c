package casework

import (
	"testing"

	"github.com/waymark-care/waymark/internal/domain"
)

// TestContactDecision: a contact is decided within one working day of its
// receipt, in England's time (FD-02).
func TestContactDecision(t *testing.T) {
	for _, tt := range []struct {
		name              string
		received, decided string
		asOf              string
		due               string
		onTime, overdue   bool
	}{
		// 31 Aug 2015 was the summer bank holiday.
		{"over a bank holiday weekend", "2015-08-28 16:00", "2015-09-01 10:00", "2015-09-01", "2015-09-01", true, false},
		{"a day late", "2015-08-28 16:00", "2015-09-02 09:00", "2015-09-02", "2015-09-01", false, false},
		{"not decided", "2015-08-28 16:00", "", "2015-09-02", "2015-09-01", false, true},
		{"not decided, not yet due", "2015-08-28 16:00", "", "2015-09-01", "2015-09-01", false, false},
		// 00:30 BST on 1 April is 23:30 UTC on 31 March: received on 1 April.
		{"after midnight in summer time", "2024-04-01 00:30", "2024-04-02 17:00", "2024-04-02", "2024-04-02", true, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c := &domain.Contact{ContactAt: at(tt.received)}
			if tt.decided != "" {
				c.Decision, c.DecisionAt = "referral", at(tt.decided)
			}
			got := rules.ContactDecision(c)
			if got.Due != d(tt.due) || got.OnTime() != tt.onTime || got.Overdue(d(tt.asOf)) != tt.overdue {
				t.Errorf("due %s on time %v overdue %v; want %s %v %v", got.Due, got.OnTime(), got.Overdue(d(tt.asOf)), tt.due, tt.onTime, tt.overdue)
			}
		})
	}
}

// TestCheckContactDecision: a contact is not decided without the outcome,
// the decision-maker and the time (FD-01), and a police domestic abuse
// notification says whether it was enough to assess risk (FD-09).
func TestCheckContactDecision(t *testing.T) {
	decided := func(c domain.Contact) *domain.Contact {
		c.Decision, c.DecisionAt, c.DecidedByID = "referral", at("2015-09-01 10:00"), 4
		return &c
	}
	for _, tt := range []struct {
		name string
		c    *domain.Contact
		want []string
	}{
		{"complete", decided(domain.Contact{}), nil},
		{"nothing decided", &domain.Contact{}, []string{"decision", "decision_at", "decided_by_id"}},
		{"no decision-maker", &domain.Contact{Decision: "nfa", DecisionAt: at("2015-09-01 10:00")}, []string{"decided_by_id"}},
		{"notification without the information answer", decided(domain.Contact{DomesticAbuseNotification: true}), []string{"sufficient_information"}},
		{"notification answered", decided(domain.Contact{DomesticAbuseNotification: true, SufficientInformation: ptr(false)}), nil},
	} {
		t.Run(tt.name, func(t *testing.T) { wantFields(t, CheckContactDecision(tt.c), tt.want, "") })
	}
}

// TestPreviousReferral: a referral within 12 months of the child's previous
// one is a re-referral (S-1, FD-07); every repeat in a chain counts.
func TestPreviousReferral(t *testing.T) {
	cr := &domain.ChildRecord{Referrals: []domain.Referral{
		{Entity: ent(1), ReferralDate: d("2014-03-10")},
		{Entity: ent(2), ReferralDate: d("2015-03-10")}, // exactly 12 months on
		{Entity: ent(3), ReferralDate: d("2016-03-11")}, // 12 months and a day
		{Entity: ent(4), ReferralDate: d("2016-09-01")},
		{Entity: ent(5), ReferralDate: d("2016-09-01")}, // same day, recorded after
	}}
	for _, tt := range []struct {
		ref  int
		want int64 // 0: not a re-referral
	}{{0, 0}, {1, 1}, {2, 0}, {3, 3}, {4, 4}} {
		ref := &cr.Referrals[tt.ref]
		var got int64
		if p := PreviousReferral(cr, ref); p != nil {
			got = p.ID
		}
		if got != tt.want {
			t.Errorf("referral %d on %s: previous %d, want %d", ref.ID, ref.ReferralDate, got, tt.want)
		}
	}
}

// TestEarlier: FD-07 shows the episode before a re-referral, and whether it
// closed prematurely.
func TestEarlier(t *testing.T) {
	cr := &domain.ChildRecord{
		Referrals: []domain.Referral{
			{Entity: ent(1), ReferralDate: d("2015-01-05"), CloseDate: d("2015-01-12"), CloseReason: "RC8"},
			{Entity: ent(2), ReferralDate: d("2015-05-01"), CloseDate: d("2015-07-01"), CloseReason: "RC8"},
			{Entity: ent(3), ReferralDate: d("2015-09-01")},
		},
		Assessments: []domain.Assessment{{Entity: ent(9), ReferralID: 2, StartDate: d("2015-05-01"), CompletedDate: d("2015-06-20"), Analysis: "Low risk."}},
	}
	e, ok := rules.Earlier(cr, &cr.Referrals[1], d("2015-10-01"))
	if !ok || e.Referral.ID != 1 || e.AssessmentCompleted || !e.Premature || e.Days != 7 {
		t.Errorf("after a closure 5 working days in without an assessment: %+v", e)
	}
	e, ok = rules.Earlier(cr, &cr.Referrals[2], d("2015-10-01"))
	if !ok || e.Referral.ID != 2 || !e.AssessmentCompleted || !e.Analysis || e.Premature || e.Days != 61 {
		t.Errorf("after an assessed episode: %+v", e)
	}
	if _, ok := rules.Earlier(cr, &cr.Referrals[0], d("2015-10-01")); ok {
		t.Error("the first referral is a re-referral")
	}
}
