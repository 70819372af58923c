package casework

import (
	"slices"
	"testing"
	"time"

	"github.com/waymark-care/waymark/internal/domain"
	"github.com/waymark-care/waymark/internal/timescales"
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

// TestThresholdAuditSample: each agency's threshold audit sample is
// threshold.audit_sample of its screened contacts in the quarter, chosen at
// random but the same every time (FD-03, SB-03).
func TestThresholdAuditSample(t *testing.T) {
	var contacts []domain.Contact
	for i := range 40 {
		c := domain.Contact{Entity: ent(int64(100 + i)), Source: "6", ContactAt: at("2015-07-01 09:00").Add(time.Duration(i) * 36 * time.Hour)}
		if i%4 != 3 { // every fourth not yet screened
			c.Decision, c.ThresholdDecision = "nfa", "universal"
		}
		contacts = append(contacts, c)
	}
	contacts = append(contacts, domain.Contact{Entity: ent(1), Source: "2A", ContactAt: at("2015-08-03 10:00"), Decision: "referral"},
		domain.Contact{Entity: ent(2), Source: "2A", ContactAt: at("2015-08-04 10:00")})
	ids := func(cs []domain.Contact) []int64 {
		var out []int64
		for _, c := range cs {
			out = append(out, c.ID)
		}
		return out
	}
	withSample := func(n []timescales.Version[int]) Rules {
		r := Default()
		r.Policy.ThresholdAudit = n
		return r
	}
	q := QuarterOf(d("2015-08-15"))
	for _, tt := range []struct {
		name            string
		rules           Rules
		police, schools int
	}{
		{"the default, five", rules, 5, 1},
		{"a larger sample", withSample([]timescales.Version[int]{{Value: 12}}), 12, 1},
		{"more than were screened", withSample([]timescales.Version[int]{{Value: 50}}), 30, 1},
		{"none", withSample([]timescales.Version[int]{{Value: 0}}), 0, 0},
		{"the version in force when the quarter began", withSample([]timescales.Version[int]{{Value: 3}, {From: d("2015-07-01"), Value: 8}, {From: d("2015-07-02"), Value: 1}}), 8, 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := tt.rules.ThresholdProfile(q, contacts)
			police, schools := p.Agencies[0], p.Agencies[1]
			if len(police.Sample) != tt.police || len(schools.Sample) != tt.schools || p.All.Sample != nil {
				t.Fatalf("samples of %d and %d, want %d and %d", len(police.Sample), len(schools.Sample), tt.police, tt.schools)
			}
			for i, c := range police.Sample {
				if c.Decision == "" || c.Source != "6" || i > 0 && c.ContactAt.Before(police.Sample[i-1].ContactAt) {
					t.Errorf("sample %v: not screened police contacts in the order they came in", ids(police.Sample))
				}
			}
			// The same sample on every run, whatever order the contacts are read in.
			reversed := slices.Clone(contacts)
			slices.Reverse(reversed)
			if again := tt.rules.ThresholdProfile(q, reversed).Agencies[0].Sample; !slices.Equal(ids(again), ids(police.Sample)) {
				t.Errorf("sample %v, then %v", ids(police.Sample), ids(again))
			}
		})
	}
	// Not simply the first contacts of the quarter; another quarter draws
	// differently from the same contacts.
	first := rules.ThresholdProfile(q, contacts).Agencies[0].Sample
	if slices.Equal(ids(first), []int64{100, 101, 102, 104, 105}) {
		t.Errorf("the sample is the first five screened: %v", ids(first))
	}
	moved := slices.Clone(contacts)
	for i := range moved {
		moved[i].ContactAt = moved[i].ContactAt.AddDate(0, 3, 0)
	}
	if next := rules.ThresholdProfile(q.Next(), moved).Agencies[0].Sample; slices.Equal(ids(next), ids(first)) {
		t.Errorf("the next quarter drew the same contacts: %v", ids(next))
	}
}
