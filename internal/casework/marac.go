package casework

import (
	"context"
	"slices"

	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/domain"
)

// MARAC (docs/casework.md, "MARAC and the MASH"): cases heard at the
// multi-agency risk assessment conference, held against the adult victim,
// with the children linked to them and the actions given to children's
// social care (FD-11). Whether a case is a repeat is derived, never stored.

// MARACRepeatMonths: a case is a repeat when the victim's case was heard at
// the MARAC within the 12 months before (FD-11, F043 definition A).
const MARACRepeatMonths = 12

// F044Reduction is the Growing Futures target: MARAC repeats down by a
// quarter of the baseline rate (F044, read as a relative reduction).
const F044Reduction = 0.25

// MARACRecords are the MARAC's records: every case, link and action.
type MARACRecords struct {
	Cases    []domain.MARACCase
	Children []domain.MARACChild
	Actions  []domain.MARACAction
}

// PreviousHearing returns the hearing that makes c a repeat: the victim's
// latest earlier case heard within MARACRepeatMonths before c's hearing,
// or nil when c is not a repeat or not yet heard (FD-11, F043 definition A).
func PreviousHearing(c *domain.MARACCase, cases []domain.MARACCase) *domain.MARACCase {
	if c.HearingDate.IsZero() {
		return nil
	}
	from := c.HearingDate.AddMonths(-MARACRepeatMonths)
	var prev *domain.MARACCase
	for i := range cases {
		p := &cases[i]
		earlier := p.HearingDate.Before(c.HearingDate) || p.HearingDate == c.HearingDate && p.ID < c.ID
		if p.ID == c.ID || p.VictimID != c.VictimID || p.HearingDate.IsZero() || !earlier || p.HearingDate.Before(from) {
			continue
		}
		if prev == nil || p.HearingDate.After(prev.HearingDate) {
			prev = p
		}
	}
	return prev
}

// ActionDeadline is when a MARAC action fell due and when it was done.
func ActionDeadline(a *domain.MARACAction) Deadline {
	return Deadline{Due: a.DueDate, Done: a.CompletedDate}
}

// MARACRates are F043's two definitions for one period.
type MARACRates struct {
	From, To civil.Date
	// Repeat (definition A): cases heard in the period, and of them those
	// heard within 12 months of an earlier hearing about the same victim.
	Repeat Ratio
	// ReReferral (definition B): referrals in the period of children linked
	// to a MARAC case referred by the period's end, and of them those that
	// were re-referrals (F039, S-1).
	ReReferral Ratio
}

// MARACMeasures are FD-11's measures for a period, with the baseline F044's
// reduction is measured from.
type MARACMeasures struct {
	Period, Baseline MARACRates
	// ActionsOnTime: actions for children's social care due in the period,
	// completed by their due date; ActionsOverdue those still not done on
	// the period's last day, whenever due.
	ActionsOnTime  Ratio
	ActionsOverdue int
	// InformationShared: cases heard in the period where children's social
	// care had shared its information by the day of the hearing.
	InformationShared Ratio
	// Attendance: cases heard in the period, by each agency present.
	Attendance map[string]int
}

// Reduction is F044's progress for a definition's rates: the relative fall
// from the baseline rate, (baseline − current) / baseline; ok is false
// without a baseline rate to fall from.
func Reduction(baseline, current Ratio) (reduction float64, ok bool) {
	if baseline.D == 0 || baseline.N == 0 || current.D == 0 {
		return 0, false
	}
	b := baseline.Percent()
	return (b - current.Percent()) / b, true
}

// TargetPercent is the highest rate that meets F044 from a baseline: a
// quarter lower.
func TargetPercent(baseline Ratio) float64 { return baseline.Percent() * (1 - F044Reduction) }

// MeasureMARAC works out FD-11's measures for a period and a baseline
// period. The linked children's referrals are read from store.
func MeasureMARAC(ctx context.Context, store Store, recs MARACRecords, period, baseline Window) (*MARACMeasures, error) {
	m := &MARACMeasures{Period: MARACRates{From: period.From, To: period.To}, Baseline: MARACRates{From: baseline.From, To: baseline.To},
		Attendance: map[string]int{}}
	byID := make(map[int64]*domain.MARACCase, len(recs.Cases))
	for i := range recs.Cases {
		c := &recs.Cases[i]
		byID[c.ID] = c
		if c.HearingDate.IsZero() {
			continue
		}
		repeat := PreviousHearing(c, recs.Cases) != nil
		if baseline.contains(c.HearingDate) {
			m.Baseline.Repeat.count(repeat)
		}
		if period.contains(c.HearingDate) {
			m.Period.Repeat.count(repeat)
			m.InformationShared.count(!c.InformationSharedDate.IsZero() && !c.InformationSharedDate.After(c.HearingDate))
			for _, ag := range c.AgenciesPresent {
				m.Attendance[ag]++
			}
		}
	}
	for i := range recs.Actions {
		d := ActionDeadline(&recs.Actions[i])
		if period.contains(d.Due) {
			m.ActionsOnTime.count(d.OnTime())
		}
		if d.Done.After(period.To) {
			d.Done = civil.Date{} // not yet done on the last day
		}
		if d.Overdue(period.To) {
			m.ActionsOverdue++
		}
	}
	// A child is linked from the referral of the first MARAC case they are
	// linked to: each period counts the children linked by its end.
	linkedFrom := map[int64]civil.Date{}
	for _, l := range recs.Children {
		c := byID[l.MARACCaseID]
		if c == nil {
			continue
		}
		if first, ok := linkedFrom[l.PersonID]; !ok || c.ReferralDate.Before(first) {
			linkedFrom[l.PersonID] = c.ReferralDate
		}
	}
	ids := make([]int64, 0, len(linkedFrom))
	for id := range linkedFrom {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	err := store.ChildRecords(ctx, ids, map[string][]string{"referral": {"referral_date"}}, func(batch []*domain.ChildRecord) error {
		for _, cr := range batch {
			linked := linkedFrom[cr.Person.ID]
			for i := range cr.Referrals {
				ref := &cr.Referrals[i]
				re := PreviousReferral(cr, ref) != nil
				if baseline.contains(ref.ReferralDate) && !linked.After(baseline.To) {
					m.Baseline.ReReferral.count(re)
				}
				if period.contains(ref.ReferralDate) && !linked.After(period.To) {
					m.Period.ReReferral.count(re)
				}
			}
		}
		return nil
	})
	return m, err
}
