package casework

import (
	"fmt"
	"slices"
	"strings"

	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/codes"
	"github.com/waymark-care/waymark/internal/domain"
	"github.com/waymark-care/waymark/internal/worklist"
)

// CheckStrategyDiscussion is the check on recording a strategy discussion
// (AC-01): who took part, by agency; why police, health or children's
// social care did not, if one of them did not; what was shared and what was
// decided. A discussion without a required agency and without a reason is a
// drift exception (StrategyMissingAgency).
func CheckStrategyDiscussion(s *domain.StrategyDiscussion) []domain.FieldError {
	var errs fieldErrors
	errs.require(len(s.Agencies) == 0, "agencies", "Select the agencies that took part")
	if missing := s.MissingAgencies(); len(missing) > 0 && len(s.Agencies) > 0 && s.MissingAgencyReason == "" {
		errs.add("missing_agency_reason", upperFirst(agencyNames(missing))+" did not take part: say why")
	}
	errs.require(s.InformationShared == "", "information_shared", "Enter the information each agency shared")
	errs.require(s.Decision == "", "decision", "Enter what the discussion decided")
	return errs
}

// agencyNames lists agencies as words in a sentence: "police and health".
func agencyNames(agencies []string) string {
	list, _ := codes.Lookup(codes.Agency)
	ns := make([]string, len(agencies))
	for i, a := range agencies {
		ns[i] = lowerFirst(list.Describe(a))
	}
	return names(ns)
}

// CheckSection47Close is the check on closing a section 47 enquiry: it
// cannot close without an outcome, and an outcome needs the date the
// enquiry ended (AC-03).
func CheckSection47Close(e *domain.Section47Enquiry) []domain.FieldError {
	var errs fieldErrors
	errs.require(e.Outcome == "", "outcome", "Select the outcome of the enquiry: it cannot close without one")
	errs.require(e.EndDate.IsZero(), "end_date", "Enter the date the enquiry ended")
	return errs
}

// ICPCTarget is the day the initial child protection conference must be
// held by: 15 working days after the strategy discussion that started the
// enquiry, the latest one before it if there were several, or after the
// enquiry's start if none is recorded (CP-5, AC-14, XC-01). It is the
// timescales engine's CP-5 deadline; ok is false for an enquiry not yet
// stored.
func (r Rules) ICPCTarget(cr *domain.ChildRecord, e *domain.Section47Enquiry) (due civil.Date, ok bool) {
	root := worklist.RefOf(e).String()
	for _, it := range r.items(cr, e.StartDate, icpcRules) {
		if it.RootRef == root {
			return it.Due, true
		}
	}
	return civil.Date{}, false
}

// initialConference reports a conference that can make a child protection plan.
func initialConference(c *domain.Conference) bool {
	return c.Type == "initial" || c.Type == "pre_birth_initial"
}

// conferenceDecisions are the decisions each type of conference can make.
var conferenceDecisions = map[string][]string{
	"initial":           {"cp_plan", "no_plan_cin", "no_plan_nfa"},
	"pre_birth_initial": {"cp_plan", "no_plan_cin", "no_plan_nfa"},
	"review":            {"continue_plan", "end_plan"},
	"transfer_in":       {"cp_plan", "continue_plan", "no_plan_cin", "no_plan_nfa"},
}

// Quorate reports whether a conference had children's social care and at
// least two other agencies (AC-14).
func Quorate(agencies []string) bool {
	others := 0
	for _, a := range agencies {
		if a != "childrens_social_care" {
			others++
		}
	}
	return slices.Contains(agencies, "childrens_social_care") && others >= 2
}

// CheckConference is the check on recording a conference that was held: its
// decision, fitting its type; who attended, by agency; for an initial
// conference, whether the police report arrived in time (AC-14); the
// date reports were shared with parents (AC-15); the risk rating (AC-18,
// AC-21).
func CheckConference(c *domain.Conference) []domain.FieldError {
	var errs fieldErrors
	errs.require(len(c.Agencies) == 0, "agencies", "Select the agencies that attended")
	if initialConference(c) {
		errs.require(c.PoliceReportOnTime == nil, "police_report_on_time", "Say whether the police report arrived in time")
	}
	errs.require(c.ReportsSharedDate.IsZero(), "reports_shared_date", "Enter the date the reports were shared with the parents")
	errs.require(c.RiskRating == "", "risk_rating", "Select the risk rating the conference agreed")
	switch allowed := conferenceDecisions[c.Type]; {
	case c.Decision == "":
		errs.add("decision", "Select the conference's decision")
	case allowed != nil && !slices.Contains(allowed, c.Decision):
		list, _ := codes.Lookup(codes.ConferenceDecision)
		kind := strings.ReplaceAll(c.Type, "_", "-")
		article := "A"
		if strings.ContainsAny(kind[:1], "aeiou") {
			article = "An"
		}
		errs.add("decision", fmt.Sprintf("%s %s conference cannot decide %q", article, kind, list.Describe(c.Decision)))
	}
	return errs
}

// CheckBooking is the check on booking a conference (AC-15): what only a
// conference that was held has (who attended, the decision, the risk
// rating) waits until it is recorded as held; and a conference recorded as
// held is not booked again. The day it is booked for is not checked
// against today: a booking whose day has passed stays booked, and listed,
// until it is recorded as held or moved.
func CheckBooking(cr *domain.ChildRecord, c *domain.Conference) []domain.FieldError {
	if was := findByID(cr.Conferences, c.ID); was != nil && was.Held() {
		return []domain.FieldError{{Field: "booked", Message: "The conference of " + was.Date.Long() + " is recorded as held: it cannot be booked again"}}
	}
	var errs fieldErrors
	const later = "A booked conference has not been held: record this when it is recorded as held"
	if len(c.Agencies) > 0 {
		errs.add("agencies", later)
	}
	if c.Decision != "" {
		errs.add("decision", later)
	}
	if c.RiskRating != "" {
		errs.add("risk_rating", later)
	}
	return errs
}

// CheckCPPlan is the check on recording a child protection plan: it starts
// on the day of the conference that made it (AC-17), and an ended plan
// records why it ended.
func CheckCPPlan(cr *domain.ChildRecord, p *domain.CPPlan) []domain.FieldError {
	var errs fieldErrors
	for i := range cr.Conferences {
		c := &cr.Conferences[i]
		switch {
		case c.ID != p.ConferenceID || p.ConferenceID == 0:
		case !c.Held():
			errs.add("conference_id", "The conference of "+c.Date.Long()+" is booked and not yet recorded as held: record its decision first")
		case c.Date != p.StartDate:
			errs.add("start_date", "A child protection plan starts on the day of the conference that made it, "+c.Date.Long())
		}
	}
	errs.require(!p.EndDate.IsZero() && p.EndReason == "", "end_reason", "Enter why the plan ended")
	return errs
}

// CheckCoreGroup is the check on recording a core group meeting: it is held
// while its plan is open, and records who attended and the risk rating
// (AC-18).
func CheckCoreGroup(cr *domain.ChildRecord, g *domain.CoreGroup) []domain.FieldError {
	var errs fieldErrors
	for i := range cr.CPPlans {
		if p := &cr.CPPlans[i]; p.ID == g.CPPlanID && !openOn(p.StartDate, p.EndDate, g.Date) {
			errs.add("meeting_date", "The meeting must be held while the plan is in place, from "+p.StartDate.Long())
		}
	}
	errs.require(len(g.Agencies) == 0, "agencies", "Select the agencies that attended")
	errs.require(g.RiskRating == "", "risk_rating", "Select the risk rating the core group agreed")
	return errs
}

// CheckVisit is the check on recording a statutory visit (AC-13, AC-19):
// whether the child was seen, and if so whether alone; on a child
// protection visit, whether the bedroom was seen. An unborn baby is not
// seen.
func CheckVisit(cr *domain.ChildRecord, v *domain.Visit) []domain.FieldError {
	var errs fieldErrors
	if cr.Person.Unborn(v.Date) {
		return nil
	}
	errs.require(v.Seen == nil, "seen", "Say whether the child was seen")
	errs.require(isTrue(v.Seen) && v.SeenAlone == nil, "seen_alone", "Say whether the child was seen alone")
	errs.require(v.Type == "cp" && v.BedroomSeen == nil, "bedroom_seen", "Say whether the child's bedroom was seen")
	return errs
}
