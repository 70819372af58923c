package casework

import (
	"fmt"
	"unicode"
	"unicode/utf8"

	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/codes"
	"github.com/waymark-care/waymark/internal/domain"
)

// CheckClosure is the check on closing a case (a CIN episode, FD-08): the
// closure's date, DfE reason (valid in the year it closed) and summary with
// the risk analysis; that the child was seen in the 10 working days before
// it, or why not; and that every open item of the case is finished or
// explained. Each item still open is an error of its own naming the kind of
// record ("section47_enquiry", "cp_plan", "plan_action" …) and saying what
// to do, so the list is the list of blockers.
func (r Rules) CheckClosure(cr *domain.ChildRecord, ref *domain.Referral) []domain.FieldError {
	var errs fieldErrors
	closed := ref.CloseDate
	errs.require(closed.IsZero(), "close_date", "Enter the date the case closed")
	list, _ := codes.Lookup(codes.ReasonForClosure)
	switch {
	case ref.CloseReason == "":
		errs.add("close_reason", "Select the reason the case closed")
	case !closed.IsZero() && !list.ValidIn(ref.CloseReason, collectionYear(closed)):
		errs.add("close_reason", fmt.Sprintf("%q is not a reason for closure in %s", ref.CloseReason, collectionYear(closed)))
	}
	errs.require(ref.ClosureSummary == "", "closure_summary", "Enter the closure summary, with the analysis of risk")
	if closed.IsZero() {
		return errs
	}
	if ref.CloseReason != "RC2" && ref.ClosureNotSeenReason == "" && !cr.Person.Unborn(closed) {
		from := r.Calendar.AddWorkingDays(closed, -ClosureSeenWD)
		if last := LastSeen(cr, closed); last.Before(from) {
			when := "has not been recorded as seen"
			if !last.IsZero() {
				when = "was last seen on " + last.Long()
			}
			errs.add("closure_not_seen_reason", fmt.Sprintf("The child %s, more than %d working days before closure: record a visit, or say why they were not seen", when, ClosureSeenWD))
		}
	}
	errs = append(errs, openItems(cr, ref, closed)...)
	return errs
}

// CheckClosureAuthorisation is the check on a manager authorising a closure:
// the closure is complete and the manager is named.
func (r Rules) CheckClosureAuthorisation(cr *domain.ChildRecord, ref *domain.Referral) []domain.FieldError {
	errs := fieldErrors(r.CheckClosure(cr, ref))
	errs.require(ref.ClosureAuthorisedByID == 0, "closure_authorised_by_id", "Select the manager who authorised the closure")
	return errs
}

// LastSeen is the last day on or before day that the child was recorded as
// seen: on a visit, or in an assessment.
func LastSeen(cr *domain.ChildRecord, day civil.Date) civil.Date {
	var last civil.Date
	seen := func(d civil.Date) {
		if !d.IsZero() && !d.After(day) && d.After(last) {
			last = d
		}
	}
	for i := range cr.Visits {
		if v := &cr.Visits[i]; isTrue(v.Seen) {
			seen(v.Date)
		}
	}
	for i := range cr.Assessments {
		seen(cr.Assessments[i].ChildSeenDate)
	}
	return last
}

// openItems lists what is still open on the day a case closes. Work on the
// episode (assessments, enquiries, child in need plans) must be finished; a
// child protection plan or a period of care blocks closure whatever episode
// it belongs to (FD-08); a plan's actions must be done or explained (not
// done, no longer needed).
func openItems(cr *domain.ChildRecord, ref *domain.Referral, closed civil.Date) []domain.FieldError {
	var errs fieldErrors
	for i := range cr.Assessments {
		if a := &cr.Assessments[i]; a.ReferralID == ref.ID && a.CompletedDate.IsZero() {
			errs.add("assessment", "The assessment started on "+a.StartDate.Long()+" is not complete: complete it first")
		}
	}
	for i := range cr.Section47Enquiries {
		e := &cr.Section47Enquiries[i]
		if e.ReferralID != ref.ID {
			continue
		}
		if e.Outcome == "" {
			errs.add("section47_enquiry", "The section 47 enquiry started on "+e.StartDate.Long()+" has no outcome: record its outcome first")
		} else if e.Outcome == "substantiated_icpc" && !icpcHeld(cr, e) {
			errs.add("conference", "The section 47 enquiry started on "+e.StartDate.Long()+" asked for an initial conference, and none is recorded")
		}
	}
	for i := range cr.CINPlans {
		if p := &cr.CINPlans[i]; p.ReferralID == ref.ID && (p.EndDate.IsZero() || p.EndDate.After(closed)) {
			errs.add("cin_plan", "The child in need plan started on "+p.StartDate.Long()+" is still open: end it first")
		}
	}
	for i := range cr.CPPlans {
		if p := &cr.CPPlans[i]; !p.OtherAuthority && (p.EndDate.IsZero() || p.EndDate.After(closed)) {
			errs.add("cp_plan", "The child protection plan started on "+p.StartDate.Long()+" is still open: a case cannot close while the child has a plan")
		}
	}
	for i := range cr.CareEpisodes {
		if e := &cr.CareEpisodes[i]; e.EndDate.IsZero() || e.EndDate.After(closed) {
			errs.add("care_episode", "The child is looked after (since "+e.StartDate.Long()+"): a case cannot close while the child is in care")
			break
		}
	}
	for i := range cr.Plans {
		p := &cr.Plans[i]
		if !inEpisode(cr, p, ref, closed) {
			continue
		}
		if p.EndDate.IsZero() || p.EndDate.After(closed) {
			errs.add("plan", "The written "+planTypeName(p.Type)+" started on "+p.StartDate.Long()+" is still open: end it first")
		}
		for _, a := range ActionsOf(cr, p) {
			if a.Status == "not_started" || a.Status == "in_progress" || a.Status == "" {
				errs.add("plan_action", fmt.Sprintf("The action %q is not finished: mark it done, not done or no longer needed", a.What))
			}
		}
	}
	return errs
}

// inEpisode reports whether a written child in need or child protection
// plan belongs to the episode: its plan period is the referral's, or,
// linked to none, it started during the episode.
func inEpisode(cr *domain.ChildRecord, p *domain.Plan, ref *domain.Referral, closed civil.Date) bool {
	if p.Type != "cin" && p.Type != "cp" {
		return false
	}
	for i := range cr.CINPlans {
		if c := &cr.CINPlans[i]; c.ID == p.CINPlanID && p.CINPlanID != 0 {
			return c.ReferralID == ref.ID
		}
	}
	for i := range cr.CPPlans {
		if c := &cr.CPPlans[i]; c.ID == p.CPPlanID && p.CPPlanID != 0 {
			return c.ReferralID == ref.ID
		}
	}
	return openOn(ref.ReferralDate, closed, p.StartDate)
}

// icpcHeld reports whether an initial conference followed an enquiry: one
// only booked has not.
func icpcHeld(cr *domain.ChildRecord, e *domain.Section47Enquiry) bool {
	for i := range cr.Conferences {
		c := &cr.Conferences[i]
		if initialConference(c) && c.Held() && (c.S47EnquiryID == e.ID || c.ReferralID == e.ReferralID && !c.Date.Before(e.StartDate)) {
			return true
		}
	}
	return false
}

func planTypeName(t string) string {
	list, _ := codes.Lookup(codes.PlanType)
	return lowerFirst(list.Describe(t))
}

// lowerFirst and upperFirst change the case of a description's first
// letter, to use it mid-sentence or start one with it.
func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[n:]
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}
