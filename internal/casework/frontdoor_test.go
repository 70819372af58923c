package casework

import (
	"slices"
	"testing"

	"github.com/waymark-care/waymark/internal/domain"
	"github.com/waymark-care/waymark/internal/timescales"
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
// the decision-maker and the time (FD-01) and the threshold level decided
// (FD-03); a police domestic abuse notification records its details
// (FD-09); a disabled child's contact does not close without a service
// until disability expertise is consulted (FD-13).
func TestCheckContactDecision(t *testing.T) {
	decided := func(c domain.Contact) *domain.Contact {
		if c.Decision == "" {
			c.Decision = "referral"
		}
		c.DecisionAt, c.DecidedByID, c.ThresholdDecision = at("2015-09-01 10:00"), 4, "child_in_need"
		return &c
	}
	notification := domain.Contact{DomesticAbuseNotification: true, PoliceReference: "SYP-15-0001", IncidentAt: at("2015-08-30 23:10"),
		DASHRisk: "medium", ChildrenPresence: "present", SufficientInformation: ptr(false)}
	disabled := domain.Contact{Disabled: true, DisabilityTypes: []string{"LD"}}
	consulted := disabled
	consulted.DisabilityConsultedDate, consulted.DisabilityTeamID = d("2015-09-01"), 7
	for _, tt := range []struct {
		name string
		c    *domain.Contact
		want []string
	}{
		{"complete", decided(domain.Contact{}), nil},
		{"nothing decided", &domain.Contact{}, []string{"decision", "threshold_decision", "decision_at", "decided_by_id"}},
		{"no decision-maker", &domain.Contact{Decision: "nfa", ThresholdDecision: "universal", DecisionAt: at("2015-09-01 10:00")}, []string{"decided_by_id"}},
		// FD-03: the screening manager's level is recorded with the decision.
		{"no threshold level", &domain.Contact{Decision: "nfa", DecisionAt: at("2015-09-01 10:00"), DecidedByID: 4}, []string{"threshold_decision"}},
		// FD-09.
		{"notification without its details", decided(domain.Contact{DomesticAbuseNotification: true}),
			[]string{"police_reference", "incident_at", "dash_risk", "children_presence", "sufficient_information"}},
		{"notification recorded", decided(notification), nil},
		// FD-13: the refusal.
		{"disabled child closed with no further action, no consultation", decided(domain.Contact{Disabled: true, Decision: "nfa"}),
			[]string{"disability_consulted_date", "disability_consulted_id"}},
		{"disabled child stepped down to early help, no consultation", decided(withDecision(disabled, "early_help")),
			[]string{"disability_consulted_date", "disability_consulted_id"}},
		{"disabled child given advice, consulted", decided(withDecision(consulted, "advice_signpost")), nil},
		{"disabled child referred: no consultation needed", decided(withDecision(disabled, "referral")), nil},
	} {
		t.Run(tt.name, func(t *testing.T) { wantFields(t, CheckContactDecision(tt.c), tt.want, "") })
	}
	// The refusal says what to do.
	wantFields(t, CheckContactDecision(decided(withDecision(disabled, "nfa"))), []string{"disability_consulted_date", "disability_consulted_id"}, "disabled children’s team")
}

// levels is a continuum of levels named by their values.
func levels(values ...string) []timescales.ThresholdLevel {
	out := make([]timescales.ThresholdLevel, len(values))
	for i, v := range values {
		out[i] = timescales.ThresholdLevel{Value: v, Description: "Level " + v}
	}
	return out
}

func withDecision(c domain.Contact, decision string) domain.Contact {
	c.Decision = decision
	return c
}

// TestContactThresholds: the levels are the continuum's in force when the
// contact came in, and the contact records that version of the guidance
// (FD-03).
func TestContactThresholds(t *testing.T) {
	r := Default()
	r.Policy.ThresholdGuidance = append(r.Policy.ThresholdGuidance, timescales.Version[timescales.ThresholdGuidance]{From: d("2016-04-01"),
		Value: timescales.ThresholdGuidance{Version: "Doncaster 2016", Levels: levels("1", "2", "3", "4")}})
	for _, tt := range []struct {
		name, received, referrer, decided string
		want                              []string
		guidance                          string
	}{
		{"default continuum", "2015-09-01 09:00", "child_protection", "early_help", nil, "Waymark default continuum"},
		{"the later guidance's levels", "2016-05-03 09:00", "4", "3", nil, "Doncaster 2016"},
		{"a level of the earlier guidance", "2016-05-03 09:00", "child_protection", "", []string{"referrer_threshold"}, "Doncaster 2016"},
		{"no such level", "2015-09-01 09:00", "", "level 5", []string{"threshold_decision"}, "Waymark default continuum"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c := &domain.Contact{ContactAt: at(tt.received), ReferrerThreshold: tt.referrer, ThresholdDecision: tt.decided}
			r.Prepare(&domain.ChildRecord{}, c)
			wantFields(t, r.CheckChange(&domain.ChildRecord{}, c, nil), tt.want, "")
			if c.ThresholdGuidance != tt.guidance {
				t.Errorf("guidance %q, want %q", c.ThresholdGuidance, tt.guidance)
			}
		})
	}
}

// TestNotificationInformation: a police notification missing a required
// item goes back to the police, due dan.information_due after it came in,
// and is tracked to their answer (FD-09).
func TestNotificationInformation(t *testing.T) {
	complete := []string{"incident_account", "victim_details", "perpetrator_details", "children_details", "dash_form"}
	for _, tt := range []struct {
		name     string
		c        domain.Contact
		missing  []string
		due      string // "" no request
		asOf     string
		overdue  bool
		answered bool
	}{
		{"complete", domain.Contact{DomesticAbuseNotification: true, InformationItems: complete}, nil, "", "", false, false},
		// Received on Friday 28 Aug 2015: due Tuesday 1 Sep, after the bank holiday.
		{"no DASH form", domain.Contact{DomesticAbuseNotification: true, InformationItems: complete[:4]}, []string{"dash_form"}, "2015-09-01", "2015-09-02", true, false},
		{"answered", domain.Contact{DomesticAbuseNotification: true, InformationReceivedDate: d("2015-09-01")}, complete, "2015-09-01", "2015-09-02", false, true},
		{"not a notification", domain.Contact{}, nil, "", "", false, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c := tt.c
			c.ContactAt = at("2015-08-28 22:00")
			if got := rules.MissingInformation(&c); !slices.Equal(got, tt.missing) {
				t.Errorf("missing %v, want %v", got, tt.missing)
			}
			rules.Prepare(&domain.ChildRecord{}, &c)
			if c.InformationDueDate.String() != tt.due && !(tt.due == "" && c.InformationDueDate.IsZero()) {
				t.Errorf("due %s, want %q", c.InformationDueDate, tt.due)
			}
			if tt.due == "" {
				return
			}
			req := InformationRequest(&c)
			if req.Overdue(d(tt.asOf)) != tt.overdue || req.OnTime() != tt.answered {
				t.Errorf("request %+v: overdue %v answered on time %v", req, req.Overdue(d(tt.asOf)), req.OnTime())
			}
		})
	}
}

// TestEarlierNotifications counts a household's notifications in the 12
// months before, each once however many children it named (FD-09).
func TestEarlierNotifications(t *testing.T) {
	dan := func(id int64, when, ref string) domain.Contact {
		return domain.Contact{Entity: ent(id), ContactAt: at(when), DomesticAbuseNotification: true, PoliceReference: ref}
	}
	child := &domain.ChildRecord{Contacts: []domain.Contact{
		dan(1, "2014-08-01 22:00", "A"), // more than 12 months before
		dan(2, "2015-01-10 22:00", "B"),
		{Entity: ent(3), ContactAt: at("2015-03-01 10:00"), Source: "2A"}, // not a notification
		dan(4, "2015-09-01 22:00", "D"),                                   // the one counted from
		dan(5, "2015-10-01 22:00", "E"),                                   // after
	}}
	sister := &domain.ChildRecord{Contacts: []domain.Contact{dan(11, "2015-01-10 22:00", "B"), dan(12, "2015-06-01 21:00", "C"), dan(14, "2015-09-01 22:00", "D")}}
	if got := EarlierNotifications(&child.Contacts[3], child, []*domain.ChildRecord{sister}); got != 2 {
		t.Errorf("earlier notifications %d, want 2 (B and C)", got)
	}
	if got := EarlierNotifications(&child.Contacts[1], child, nil); got != 1 {
		t.Errorf("earlier notifications %d, want 1 (A)", got)
	}
}

// TestDisabilityPrefilled: a new contact takes the child's disabilities from
// their record (FD-13).
func TestDisabilityPrefilled(t *testing.T) {
	// A disability that ended before the contact is not the child's now.
	cr := &domain.ChildRecord{Disabilities: []domain.Disability{{Code: "LD"}, {Code: "HEAR", To: d("2015-08-31")}, {Code: "COMM", To: d("2015-09-01")}}}
	c := &domain.Contact{ContactAt: at("2015-09-01 09:00")}
	rules.Prepare(cr, c)
	if !c.Disabled || !slices.Equal(c.DisabilityTypes, []string{"LD", "COMM"}) {
		t.Errorf("disabled %v %v", c.Disabled, c.DisabilityTypes)
	}
	none := &domain.Contact{ContactAt: at("2015-09-01 09:00")}
	rules.Prepare(&domain.ChildRecord{Disabilities: []domain.Disability{{Code: "NONE"}}}, none)
	if none.Disabled || len(none.DisabilityTypes) != 0 {
		t.Errorf("no disability: %v %v", none.Disabled, none.DisabilityTypes)
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
