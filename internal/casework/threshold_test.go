package casework

import (
	"slices"
	"testing"

	"github.com/waymark-care/waymark/internal/domain"
)

// TestThresholdProfile: per agency and quarter, the referrer's level
// against the screening decision, and the share closed with no further
// action or stepped down to early help (FD-03).
func TestThresholdProfile(t *testing.T) {
	contact := func(source, when, referrer, decided, decision string) domain.Contact {
		c := domain.Contact{Source: source, ContactAt: at(when), ReferrerThreshold: referrer, ThresholdDecision: decided, Decision: decision}
		return c
	}
	contacts := []domain.Contact{
		contact("6", "2015-07-01 00:30", "child_protection", "child_protection", "strategy_discussion"),
		contact("6", "2015-07-02 10:00", "child_protection", "early_help", "early_help"),
		contact("6", "2015-08-02 10:00", "", "universal", "nfa"),
		contact("6", "2015-09-30 10:00", "child_in_need", "", ""), // not yet decided
		contact("2A", "2015-07-03 10:00", "child_in_need", "universal", "advice_signpost"),
		contact("2A", "2015-06-30 22:30", "child_in_need", "child_in_need", "referral"), // the quarter before
	}
	p := rules.ThresholdProfile(QuarterOf(d("2015-08-15")), contacts)
	if p.Quarter.String() != "2015-Q3" || p.Quarter.Long() != "July to September 2015" || len(p.Levels) != 4 {
		t.Fatalf("quarter %s (%s), levels %v", p.Quarter, p.Quarter.Long(), p.Levels)
	}
	if got := []string{p.Agencies[0].Source, p.Agencies[1].Source}; len(p.Agencies) != 2 || !slices.Equal(got, []string{"6", "2A"}) {
		t.Fatalf("agencies %+v", p.Agencies)
	}
	police := p.Agencies[0]
	if police.Contacts != 4 || police.Decided != 3 || police.Compared != 2 || police.Agreed != 1 || police.ClosedNFA != 1 || police.SteppedDown != 1 {
		t.Errorf("police %+v", police)
	}
	// Referrer child protection (3) against decided early help (1); no
	// referrer level (the last row) against universal (0).
	if police.Matrix[3][3] != 1 || police.Matrix[3][1] != 1 || police.Matrix[4][0] != 1 {
		t.Errorf("police matrix %v", police.Matrix)
	}
	if r, ok := police.AgreementRate(); !ok || r != 0.5 {
		t.Errorf("agreement %v %v", r, ok)
	}
	if r, _ := p.Agencies[1].ClosedNFARate(); p.Agencies[1].Contacts != 1 || r != 1 {
		t.Errorf("school %+v", p.Agencies[1])
	}
	if p.All.Contacts != 5 || p.All.Decided != 4 || p.All.ClosedNFA != 2 {
		t.Errorf("all %+v", p.All)
	}
	for _, tt := range []struct{ in, want string }{{"2015-Q3", "2015-07-01"}, {"2016-Q1", "2016-01-01"}, {"2015-Q5", ""}, {"2015Q3", ""}, {"2015-Q31", ""}} {
		q, err := ParseQuarter(tt.in)
		if (err != nil) != (tt.want == "") || err == nil && q.Start.String() != tt.want {
			t.Errorf("ParseQuarter(%q) = %v, %v", tt.in, q.Start, err)
		}
	}
}
