package casework

import (
	"fmt"
	"slices"
	"time"

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
// decided without its outcome, who decided and when (FD-01), and the
// threshold level the screening manager decided (FD-03); a police domestic
// abuse notification records its reference, the incident, the DASH risk
// level, whether children were there and whether it held enough information
// to assess risk (FD-09); a disabled child's contact closed without a
// service records the consultation with disability expertise (FD-13).
func CheckContactDecision(c *domain.Contact) []domain.FieldError {
	var errs fieldErrors
	da := c.DomesticAbuseNotification
	errs.require(da && c.PoliceReference == "", "police_reference", "Enter the police reference")
	errs.require(da && c.IncidentAt.IsZero(), "incident_at", "Enter when the incident happened")
	errs.require(da && c.DASHRisk == "", "dash_risk", "Select the DASH risk level")
	errs.require(da && c.ChildrenPresence == "", "children_presence", "Say whether children were present or live there")
	errs.require(da && c.SufficientInformation == nil, "sufficient_information",
		"Say whether the notification had enough information to assess the risk")
	errs.require(c.Decision == "", "decision", "Select the decision on the contact")
	errs.require(c.ThresholdDecision == "", "threshold_decision", "Select the threshold level the screening manager decided")
	errs.require(c.DecisionAt.IsZero(), "decision_at", "Enter when the decision was made")
	errs.require(c.DecidedByID == 0, "decided_by_id", "Select who made the decision")
	if c.Disabled && domain.ClosedWithoutService(c.Decision) {
		errs.require(c.DisabilityConsultedDate.IsZero(), "disability_consulted_date",
			"A disabled child’s contact cannot close without a service until a disability specialist or the disabled children’s team is consulted: enter the date")
		errs.require(c.DisabilityConsultedID == 0 && c.DisabilityTeamID == 0, "disability_consulted_id",
			"Select the disability specialist consulted, or the disabled children’s team")
	}
	return errs
}

// checkContact checks a contact as it is saved: its threshold levels are on
// the continuum in force when it came in (FD-03), an answer from the police
// follows a request (FD-09), and a decided contact is complete.
func (r Rules) checkContact(c *domain.Contact) []domain.FieldError {
	var errs fieldErrors
	guidance, ok := r.Policy.ThresholdGuidance.At(DayOf(c.ContactAt))
	for _, f := range []struct{ name, value string }{{"referrer_threshold", c.ReferrerThreshold}, {"threshold_decision", c.ThresholdDecision}} {
		if _, known := guidance.Level(f.value); f.value != "" && (!ok || !known) {
			errs.add(f.name, fmt.Sprintf("%q is not a level of the threshold guidance in force (%s)", f.value, guidance.Version))
		}
	}
	errs.require(!c.InformationReceivedDate.IsZero() && c.InformationRequestedDate.IsZero(), "information_received_date",
		"Record the request to the police before their answer")
	if c.Decision != "" || !c.DecisionAt.IsZero() {
		for _, e := range CheckContactDecision(c) {
			if !slices.ContainsFunc(errs, func(x domain.FieldError) bool { return x.Field == e.Field }) {
				errs = append(errs, e)
			}
		}
	}
	return errs
}

// prepareContact fills in what a contact takes from elsewhere: the child's
// disabilities from their record, when the contact names none (FD-13); the
// version of the threshold guidance in force (FD-03); and, for a police
// notification missing a required item, the request to the police for it,
// due dan.information_due after the notification came in (FD-09).
func (r Rules) prepareContact(cr *domain.ChildRecord, c *domain.Contact) {
	if c.ID == 0 && !c.Disabled && len(c.DisabilityTypes) == 0 {
		for _, d := range cr.Disabilities {
			if d.Code != "NONE" && d.InForce(DayOf(c.ContactAt)) && !slices.Contains(c.DisabilityTypes, d.Code) {
				c.DisabilityTypes = append(c.DisabilityTypes, d.Code)
			}
		}
		c.Disabled = len(c.DisabilityTypes) > 0
	}
	received := DayOf(c.ContactAt)
	if c.ThresholdGuidance == "" && (c.ReferrerThreshold != "" || c.ThresholdDecision != "") {
		if g, ok := r.Policy.ThresholdGuidance.At(received); ok {
			c.ThresholdGuidance = g.Version
		}
	}
	if c.InformationRequestedDate.IsZero() && len(r.MissingInformation(c)) > 0 {
		if due, ok := r.Policy.DANInformationDue.At(received); ok {
			c.InformationRequestedDate, c.InformationDueDate = received, r.Calendar.Due(received, due)
		}
	}
}

// MissingInformation lists the items required of a police domestic abuse
// notification (dan.required_items, as in force when it came in) that it
// did not hold; nil for any other contact (FD-09).
func (r Rules) MissingInformation(c *domain.Contact) []string {
	if !c.DomesticAbuseNotification || c.ContactAt.IsZero() {
		return nil
	}
	required, _ := r.Policy.DANRequiredItems.At(DayOf(c.ContactAt))
	var missing []string
	for _, item := range required {
		if !slices.Contains(c.InformationItems, item) {
			missing = append(missing, item)
		}
	}
	return missing
}

// InformationRequest is where a request to the police for a notification's
// missing information stands (FD-09).
func InformationRequest(c *domain.Contact) Deadline {
	return Deadline{Due: c.InformationDueDate, Done: c.InformationReceivedDate}
}

// notificationKey identifies one police notification across the contacts
// it makes, one for each child: the police reference, or failing that the
// time it came in.
func notificationKey(c *domain.Contact) string {
	if c.PoliceReference != "" {
		return "ref:" + c.PoliceReference
	}
	return "at:" + c.ContactAt.UTC().Format(time.RFC3339)
}

// EarlierNotifications counts the police domestic abuse notifications about
// the child's household in the 12 months before a contact: the child's own
// and those of the people living with them (household, as storage reads
// it), each notification once however many children it named (FD-09).
// Derived, never stored.
func EarlierNotifications(c *domain.Contact, cr *domain.ChildRecord, household []*domain.ChildRecord) int {
	from := c.ContactAt.AddDate(-1, 0, 0)
	self := notificationKey(c)
	seen := map[string]bool{}
	count := func(contacts []domain.Contact) {
		for i := range contacts {
			o := &contacts[i]
			if !o.DomesticAbuseNotification || !o.ContactAt.Before(c.ContactAt) || o.ContactAt.Before(from) {
				continue
			}
			if k := notificationKey(o); k != self {
				seen[k] = true
			}
		}
	}
	count(cr.Contacts)
	for _, h := range household {
		count(h.Contacts)
	}
	return len(seen)
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
