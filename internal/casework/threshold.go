package casework

import (
	"cmp"
	"fmt"
	"hash/fnv"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/domain"
	"github.com/waymark-care/waymark/internal/timescales"
)

// Quarter is a calendar quarter: January to March, April to June, July to
// September or October to December.
type Quarter struct{ Start civil.Date }

// QuarterOf returns the quarter a day falls in.
func QuarterOf(d civil.Date) Quarter {
	y, m, _ := d.Date()
	return Quarter{civil.Of(y, m-(m-1)%3, 1)}
}

// ParseQuarter reads a quarter written like 2015-Q3.
func ParseQuarter(s string) (Quarter, error) {
	var y, q int
	if n, err := fmt.Sscanf(s, "%4d-Q%1d", &y, &q); err != nil || n != 2 || q < 1 || q > 4 || y < 1900 || len(s) != 7 {
		return Quarter{}, fmt.Errorf("%q is not a quarter written like 2015-Q3", s)
	}
	return Quarter{civil.Of(y, time.Month(3*q-2), 1)}, nil
}

// End is the quarter's last day.
func (q Quarter) End() civil.Date { return q.Start.AddMonths(3).AddDays(-1) }

// Next and Previous are the quarters either side.
func (q Quarter) Next() Quarter     { return Quarter{q.Start.AddMonths(3)} }
func (q Quarter) Previous() Quarter { return Quarter{q.Start.AddMonths(-3)} }

// String is the quarter as the API and links write it: 2015-Q3.
func (q Quarter) String() string {
	y, m, _ := q.Start.Date()
	return fmt.Sprintf("%d-Q%d", y, (int(m)+2)/3)
}

// Long is the quarter in words: July to September 2015.
func (q Quarter) Long() string {
	_, m, _ := q.Start.Date()
	return fmt.Sprintf("%s to %s %d", m, m+2, q.Start.Year())
}

// ThresholdProfile is FD-03's report for a quarter: for each agency that
// made contacts, the threshold level the referrer saw against the level
// the screening manager decided, and how many of its contacts closed with
// no service or stepped down to early help.
type ThresholdProfile struct {
	Quarter Quarter
	// Levels are the continuum's levels, in order: those of every version
	// of the guidance in force during the quarter.
	Levels   []timescales.ThresholdLevel
	Agencies []AgencyThresholds
	// All is every agency together.
	All AgencyThresholds
	// SampleSize is how many of each agency's screened contacts the
	// threshold audit samples (threshold.audit_sample on the quarter's
	// first day).
	SampleSize int
}

// AgencyThresholds is one agency's row of the profile.
type AgencyThresholds struct {
	// Source is the referral source code (codes.ReferralSource).
	Source string
	// Contacts came in during the quarter; Decided were screened.
	Contacts, Decided int
	// Matrix[i][j] counts decided contacts the referrer put at level i and
	// the screening manager at level j; the last row is the contacts whose
	// referrer gave no level. Contacts decided without a level are not in it.
	Matrix [][]int
	// Agreed is how many contacts with both levels had the same one, of
	// Compared.
	Agreed, Compared int
	// ClosedNFA were decided no further action or advice and signposting;
	// SteppedDown passed to early help.
	ClosedNFA, SteppedDown int
	// Sample is the agency's threshold audit sample: SampleSize of its
	// screened contacts chosen at random, or all of them if fewer, in the
	// order they came in (FD-03, SB-03). The All row has none.
	Sample []domain.Contact
}

// AgreementRate is the share of contacts with both levels where the
// referrer and the screening manager agreed, and false with none.
func (a AgencyThresholds) AgreementRate() (float64, bool) { return rate(a.Agreed, a.Compared) }

// ClosedNFARate and SteppedDownRate are shares of the decided contacts.
func (a AgencyThresholds) ClosedNFARate() (float64, bool)   { return rate(a.ClosedNFA, a.Decided) }
func (a AgencyThresholds) SteppedDownRate() (float64, bool) { return rate(a.SteppedDown, a.Decided) }

func rate(n, d int) (float64, bool) {
	if d == 0 {
		return 0, false
	}
	return float64(n) / float64(d), true
}

// ThresholdProfile builds the profile of a quarter from the contacts that
// came in during it (as storage.ContactsReceived reads them).
func (r Rules) ThresholdProfile(q Quarter, contacts []domain.Contact) ThresholdProfile {
	p := ThresholdProfile{Quarter: q}
	for _, v := range r.Policy.ThresholdGuidance {
		if v.From.After(q.End()) {
			continue
		}
		if next := slices.IndexFunc(r.Policy.ThresholdGuidance, func(n timescales.Version[timescales.ThresholdGuidance]) bool {
			return n.From.After(v.From) && !n.From.After(q.Start)
		}); next >= 0 {
			continue // replaced before the quarter began
		}
		for _, l := range v.Value.Levels {
			if !slices.ContainsFunc(p.Levels, func(x timescales.ThresholdLevel) bool { return x.Value == l.Value }) {
				p.Levels = append(p.Levels, l)
			}
		}
	}
	level := func(v string) int {
		return slices.IndexFunc(p.Levels, func(l timescales.ThresholdLevel) bool { return l.Value == v })
	}
	p.All = p.newRow("")
	p.SampleSize, _ = r.Policy.ThresholdAudit.At(q.Start)
	bySource := map[string]int{}
	screened := map[string][]domain.Contact{}
	for i := range contacts {
		c := &contacts[i]
		at := DayOf(c.ContactAt)
		if at.Before(q.Start) || at.After(q.End()) {
			continue
		}
		n, ok := bySource[c.Source]
		if !ok {
			n = len(p.Agencies)
			bySource[c.Source] = n
			p.Agencies = append(p.Agencies, p.newRow(c.Source))
		}
		for _, row := range []*AgencyThresholds{&p.Agencies[n], &p.All} {
			row.Contacts++
			if c.Decision == "" {
				continue
			}
			row.Decided++
			if row != &p.All {
				screened[c.Source] = append(screened[c.Source], *c)
			}
			switch c.Decision {
			case "nfa", "advice_signpost":
				row.ClosedNFA++
			case "early_help":
				row.SteppedDown++
			}
			from, to := level(c.ReferrerThreshold), level(c.ThresholdDecision)
			if to < 0 {
				continue
			}
			if from < 0 {
				from = len(p.Levels)
			} else {
				row.Compared++
				if from == to {
					row.Agreed++
				}
			}
			row.Matrix[from][to]++
		}
	}
	for i := range p.Agencies {
		p.Agencies[i].Sample = auditSample(q, p.Agencies[i].Source, screened[p.Agencies[i].Source], p.SampleSize)
	}
	slices.SortFunc(p.Agencies, func(a, b AgencyThresholds) int {
		return cmp.Or(b.Contacts-a.Contacts, strings.Compare(a.Source, b.Source))
	})
	return p
}

// auditSample chooses n of an agency's screened contacts in a quarter at
// random, reproducibly: each contact's place in the draw is a hash of the
// quarter, the agency and the contact, so the same sample comes back every
// time the report is run, and a contact recorded late displaces at most
// one of it. The sample is in the order the contacts came in.
func auditSample(q Quarter, source string, contacts []domain.Contact, n int) []domain.Contact {
	if n <= 0 || len(contacts) == 0 {
		return nil
	}
	draw := func(c *domain.Contact) uint64 {
		h := fnv.New64a()
		h.Write([]byte(q.String() + "|" + source + "|" + strconv.FormatInt(c.ID, 10)))
		return h.Sum64()
	}
	sample := slices.Clone(contacts)
	if len(sample) > n {
		slices.SortFunc(sample, func(a, b domain.Contact) int { return cmp.Compare(draw(&a), draw(&b)) })
		sample = sample[:n]
	}
	slices.SortFunc(sample, func(a, b domain.Contact) int {
		return cmp.Or(a.ContactAt.Compare(b.ContactAt), cmp.Compare(a.ID, b.ID))
	})
	return sample
}

func (p *ThresholdProfile) newRow(source string) AgencyThresholds {
	m := make([][]int, len(p.Levels)+1)
	for i := range m {
		m[i] = make([]int, len(p.Levels))
	}
	return AgencyThresholds{Source: source, Matrix: m}
}
