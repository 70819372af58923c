package casework

import (
	"slices"

	"github.com/waymark-care/waymark/internal/domain"
)

// Prepare fills in what is derived from other records before a change is
// checked and stored: a contact's disabilities, threshold guidance and
// request to the police (prepareContact); an initial conference's target
// date (CP-5), whether
// a conference was quorate (AC-14), and a new child protection plan's latest
// category, which starts as its initial one (AC-17); and the rules a drift
// review answers, if it names none (AC-21).
func (r Rules) Prepare(cr *domain.ChildRecord, rec domain.Record) {
	switch v := rec.(type) {
	case *domain.Contact:
		r.prepareContact(cr, v)
	case *domain.Conference:
		if initialConference(v) && v.TargetDate.IsZero() {
			for i := range cr.Section47Enquiries {
				if e := &cr.Section47Enquiries[i]; e.ID == v.S47EnquiryID {
					v.TargetDate, _ = r.ICPCTarget(cr, e)
				}
			}
		}
		if len(v.Agencies) > 0 {
			q := Quorate(v.Agencies)
			v.Quorate = &q
		}
	case *domain.CPPlan:
		if v.LatestCategory == "" {
			v.LatestCategory = v.InitialCategory
		}
	case *domain.ManagementDecision:
		r.prepareDriftReview(cr, v)
	}
}

// Beyond is what the checks on a change need from other people's records,
// read by the caller; nil, or a field left nil, means the child's record
// alone.
type Beyond struct {
	// Household is the other children living with the child (needed only
	// for a completed assessment).
	Household []HouseholdChild
	// Family is the child's family from both sides (domain.Family): a
	// relationship recorded on a relative's record naming the child
	// counts as one on the child's (a relationship, a conference's parent).
	Family []domain.Tie
}

func (b *Beyond) household() []HouseholdChild {
	if b == nil {
		return nil
	}
	return b.Household
}

func (b *Beyond) family(cr *domain.ChildRecord) []domain.Tie {
	if b == nil || b.Family == nil {
		return domain.Family(cr.Relationships, nil, nil)
	}
	return b.Family
}

// Related reports whether someone is in the child's family, recorded from
// either side, now or before.
func Related(family []domain.Tie, personID int64) bool {
	return slices.ContainsFunc(family, func(t domain.Tie) bool { return t.RelatedPersonID == personID })
}

// CheckChange applies the workflow's checks to a record a user is saving,
// as it will be stored; cr is the child's record as stored now, and
// beyond what is read from other people's records (Beyond). A step marked
// done must be complete: a decided contact, a completed or authorised
// assessment, a closed enquiry or case, a signed-off or authorised plan. Records that are only ever made of a step already
// taken (strategy discussions, conferences, plans, core groups, visits) are
// checked whenever they are saved.
func (r Rules) CheckChange(cr *domain.ChildRecord, rec domain.Record, beyond *Beyond) []domain.FieldError {
	switch v := rec.(type) {
	case *domain.Contact:
		return r.checkContact(v)
	case *domain.Referral:
		switch {
		case !v.ClosureAuthorisedDate.IsZero():
			return r.CheckClosureAuthorisation(cr, v)
		case !v.CloseDate.IsZero() || v.CloseReason != "":
			return r.CheckClosure(cr, v)
		}
	case *domain.Assessment:
		household := beyond.household()
		if !v.AuthorisedDate.IsZero() {
			errs := fieldErrors(r.CheckAssessmentAuthorisation(cr, v, household))
			errs.require(v.AuthorisedByID == 0, "authorised_by_id", "Select the manager who authorised the assessment")
			return errs
		}
		if !v.CompletedDate.IsZero() {
			errs := fieldErrors(r.CheckAssessment(cr, v, household))
			errs.require(!v.AuthorisedDate.IsZero() && v.AuthorisedByID == 0, "authorised_by_id", "Select the manager who authorised the assessment")
			return errs
		}
	case *domain.StrategyDiscussion:
		return CheckStrategyDiscussion(v)
	case *domain.Section47Enquiry:
		if !v.EndDate.IsZero() || v.Outcome != "" {
			return CheckSection47Close(v)
		}
	case *domain.Conference:
		if v.Booked {
			return CheckBooking(cr, v)
		}
		return append(CheckConference(v), r.CheckAdvocacy(cr, v)...)
	case *domain.CPPlan:
		return CheckCPPlan(cr, v)
	case *domain.CoreGroup:
		return CheckCoreGroup(cr, v)
	case *domain.Visit:
		return CheckVisit(cr, v)
	case *domain.ChildsVoice:
		return CheckChildsVoice(cr, v)
	case *domain.AssessmentToolUse:
		return r.CheckToolUse(cr, v)
	case *domain.KeyEvent:
		return CheckKeyEvent(cr, v)
	case *domain.CaseSummary:
		// A child has one case summary, kept up to date (AC-08).
		if v.ID == 0 && len(cr.CaseSummaries) > 0 {
			return []domain.FieldError{{Field: "summary", Message: "The child already has a case summary: update it"}}
		}
	case *domain.CoreGroupAction:
		return CheckCoreGroupAction(cr, v)
	case *domain.Relationship:
		return CheckRelationship(beyond.family(cr), v)
	case *domain.MASHRequest:
		return r.CheckMASHRequest(v)
	case *domain.ConferenceParent:
		return CheckConferenceParent(cr, beyond.family(cr), v)
	case *domain.CINPlan:
		if !v.SignedOffDate.IsZero() {
			return CheckCINPlanSignOff(cr, v)
		}
	case *domain.Plan:
		if !v.AuthorisedDate.IsZero() {
			return CheckPlanAuthorisation(cr, v)
		}
	}
	return nil
}
