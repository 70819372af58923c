package casework

import (
	"fmt"

	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/domain"
)

// Deadline is when a step was due and when it was done.
type Deadline struct {
	Due  civil.Date
	Done civil.Date // zero: not yet done
}

// OnTime reports whether the step was done by its due date.
func (d Deadline) OnTime() bool { return !d.Done.IsZero() && !d.Done.After(d.Due) }

// Overdue reports whether the step was still not done after its due date on
// asOf.
func (d Deadline) Overdue(asOf civil.Date) bool { return d.Done.IsZero() && asOf.After(d.Due) }

// ContactDecision is when a contact's screening decision was due, one
// working day after the contact was received, and when it was made (FD-02).
func (r Rules) ContactDecision(c *domain.Contact) Deadline {
	received := DayOf(c.ContactAt)
	d := Deadline{Due: r.Calendar.AddWorkingDays(received, ContactDecisionWD)}
	if c.Decision != "" {
		d.Done = DayOf(c.DecisionAt)
	}
	return d
}

// CheckContactDecision is the check on screening a contact: a contact is not
// decided without its outcome, who decided and when (FD-01); a police
// domestic abuse notification records whether it held enough information
// to assess risk (FD-09).
func CheckContactDecision(c *domain.Contact) []domain.FieldError {
	var errs fieldErrors
	errs.require(c.DomesticAbuseNotification && c.SufficientInformation == nil, "sufficient_information",
		"Say whether the notification had enough information to assess the risk")
	errs.require(c.Decision == "", "decision", "Select the decision on the contact")
	errs.require(c.DecisionAt.IsZero(), "decision_at", "Enter when the decision was made")
	errs.require(c.DecidedByID == 0, "decided_by_id", "Select who made the decision")
	return errs
}

// PreviousReferral returns the referral that makes ref a re-referral: the
// child's latest earlier referral dated within the 12 months before it
// (S-1, the DfE definition; every repeat in a chain counts). It returns nil
// when ref is not a re-referral. The flag is derived, never stored, so a
// corrected referral date corrects it.
func PreviousReferral(cr *domain.ChildRecord, ref *domain.Referral) *domain.Referral {
	from := ref.ReferralDate.AddMonths(-ReReferralMonths)
	var prev *domain.Referral
	for i := range cr.Referrals {
		p := &cr.Referrals[i]
		earlier := p.ReferralDate.Before(ref.ReferralDate) || p.ReferralDate == ref.ReferralDate && p.ID < ref.ID
		if p.ID == ref.ID || !earlier || p.ReferralDate.Before(from) {
			continue
		}
		if prev == nil || p.ReferralDate.After(prev.ReferralDate) || p.ReferralDate == prev.ReferralDate && p.ID > prev.ID {
			prev = p
		}
	}
	return prev
}

// EarlierEpisode is what FD-07 shows beside a re-referral about the episode
// before it.
type EarlierEpisode struct {
	Referral *domain.Referral
	// AssessmentCompleted: an assessment on the earlier referral was
	// completed; Analysis: it recorded an analysis of risk and need.
	AssessmentCompleted bool
	Analysis            bool
	// Days the episode lasted, to its closure (or to asOf if still open).
	Days int
	// Premature: it closed without a completed assessment, or within
	// EarlyClosureWD working days of the referral.
	Premature bool
}

// Earlier describes the episode before a re-referral, as on asOf; ok is false
// when ref is not a re-referral.
func (r Rules) Earlier(cr *domain.ChildRecord, ref *domain.Referral, asOf civil.Date) (EarlierEpisode, bool) {
	prev := PreviousReferral(cr, ref)
	if prev == nil {
		return EarlierEpisode{}, false
	}
	e := EarlierEpisode{Referral: prev}
	for i := range cr.Assessments {
		if a := &cr.Assessments[i]; a.ReferralID == prev.ID && !a.CompletedDate.IsZero() {
			e.AssessmentCompleted = true
			e.Analysis = e.Analysis || a.Analysis != ""
		}
	}
	end := prev.CloseDate
	if end.IsZero() {
		end = asOf
	}
	e.Days = end.DaysSince(prev.ReferralDate)
	if !prev.CloseDate.IsZero() {
		e.Premature = !e.AssessmentCompleted || r.Calendar.WorkingDaysBetween(prev.ReferralDate, prev.CloseDate) <= EarlyClosureWD
	}
	return e, true
}

// collectionYear is the DfE collection year a date falls in, "2015-16" for
// 1 April 2015 to 31 March 2016: code lists change from year to year.
func collectionYear(d civil.Date) string {
	y, m, _ := d.Date()
	if m < 4 {
		y--
	}
	return fmt.Sprintf("%d-%02d", y, (y+1)%100)
}
