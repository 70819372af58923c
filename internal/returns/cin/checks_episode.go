package cin

import (
	"slices"
	"strings"

	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/codes"
)

// Rules on CIN episodes and what is recorded in them.

// nfaFlag (8568): ReferralNFA is given as true, false, 1 or 0.
func nfaFlag(v *visit) {
	for e, ep := range v.c.CINdetails {
		if !ep.ReferralNFA.OK {
			v.flag(at{e: e, sub: "/ReferralNFA"}, ep.Ref, "ReferralNFA is %q", ep.ReferralNFA.Text)
		}
	}
}

// nfaBeforeYear (8569Q): a referral made before the working day before the
// census year began is not one with no further action.
func nfaBeforeYear(v *visit) {
	limit := v.nfaLimit
	for e, ep := range v.c.CINdetails {
		if ep.CINreferralDate.Valid() && ep.CINreferralDate.Value.Before(limit) && !ep.ReferralNFA.False() {
			v.flag(at{e: e}, ep.Ref, "CINreferralDate %s is before %s and ReferralNFA is %q", ep.CINreferralDate.Text, limit, ep.ReferralNFA.Text)
		}
	}
}

// diedWithoutDeathDate (8585Q).
func diedWithoutDeathDate(v *visit) {
	for e, ep := range v.c.CINdetails {
		if ep.ReasonForClosure == "RC2" && !v.c.ChildIdentifiers.PersonDeathDate.Valid() {
			v.flag(at{e: e}, ep.Ref, "ReasonForClosure is RC2 (died) and there is no PersonDeathDate")
		}
	}
}

// referralLongBeforeBirth (8606): a referral is no more than 280 days (40
// weeks) before the date of birth or expected date of birth.
func referralLongBeforeBirth(v *visit) {
	id := &v.c.ChildIdentifiers
	for e, ep := range v.c.CINdetails {
		for _, birth := range []Date{id.PersonBirthDate, id.ExpectedPersonBirthDate} {
			if ep.CINreferralDate.Valid() && birth.Valid() && ep.CINreferralDate.Value.Before(birth.Value.AddDays(-280)) {
				v.flag(at{e: e}, ep.Ref, "CINreferralDate %s is more than 40 weeks before the birth date %s", ep.CINreferralDate.Text, birth.Text)
				break
			}
		}
	}
}

var (
	referralSources, _   = codes.Lookup(codes.ReferralSource)
	referralSourcesSince = civil.MustParse("2013-04-01")
)

// referralSource (8866): a referral since 1 April 2013 has a valid source.
func referralSource(v *visit) {
	for e, ep := range v.c.CINdetails {
		if !ep.CINreferralDate.Valid() || ep.CINreferralDate.Value.Before(referralSourcesSince) {
			continue
		}
		switch {
		case ep.ReferralSource == "":
			v.flag(at{e: e}, ep.Ref, "ReferralSource is missing")
		case !referralSources.ValidIn(ep.ReferralSource, v.year):
			v.flag(at{e: e}, ep.Ref, "ReferralSource %q is not a referral source code", ep.ReferralSource)
		}
	}
}

// openEpisodeNotLatest (8816): an open episode that is not a referral with
// no further action is the child's latest.
func openEpisodeNotLatest(v *visit) {
	for e, ep := range v.c.CINdetails {
		if ep.CINclosureDate.Present() || !ep.ReferralNFA.False() || !ep.CINreferralDate.Valid() {
			continue
		}
		for _, other := range v.c.CINdetails {
			if other.CINreferralDate.Valid() && other.CINreferralDate.Value.After(ep.CINreferralDate.Value) {
				v.flag(at{e: e}, ep.Ref, "the episode referred %s is open, but a later one was referred %s", ep.CINreferralDate.Text, other.CINreferralDate.Text)
				break
			}
		}
	}
}

// closedAfterAssessmentWithoutOne (8825Q).
func closedAfterAssessmentWithoutOne(v *visit) {
	for e, ep := range v.c.CINdetails {
		if closedAfterAssessment(&ep) && len(ep.Assessments) == 0 {
			v.flag(at{e: e}, ep.Ref, "ReasonForClosure is %s and the episode has no assessment", ep.ReasonForClosure)
		}
	}
}

// recorded lists which blocks an episode holds, among those named.
func recorded(ep *CINdetails, blocks ...string) []string {
	var have []string
	for _, b := range blocks {
		var n int
		switch b {
		case "Assessments":
			n = len(ep.Assessments)
		case "CINPlanDates":
			n = len(ep.CINPlanDates)
		case "Section47":
			n = len(ep.Section47)
		case "ChildProtectionPlans":
			n = len(ep.ChildProtectionPlans)
		case "DateOfInitialCPC":
			if ep.DateOfInitialCPC.Present() {
				n = 1
			}
		}
		if n > 0 {
			have = append(have, b)
		}
	}
	return have
}

// activityAfterClosedAssessment (2990): an episode closed after assessment
// (RC8, RC9) has no section 47, conference, plan.
func activityAfterClosedAssessment(v *visit) {
	for e, ep := range v.c.CINdetails {
		if !closedAfterAssessment(&ep) {
			continue
		}
		if have := recorded(&ep, "Section47", "ChildProtectionPlans", "DateOfInitialCPC", "CINPlanDates"); len(have) > 0 {
			v.flag(at{e: e}, ep.Ref, "ReasonForClosure is %s but the episode has %s", ep.ReasonForClosure, strings.Join(have, ", "))
		}
	}
}

// nfaWithCINPlan (4000), nfaWithCPPlan (8832): a referral with no further
// action has no plans.
func nfaWithCINPlan(v *visit) { nfaWith(v, "CINPlanDates") }
func nfaWithCPPlan(v *visit)  { nfaWith(v, "ChildProtectionPlans") }

func nfaWith(v *visit, blocks ...string) {
	for e, ep := range v.c.CINdetails {
		if !ep.ReferralNFA.True() {
			continue
		}
		if have := recorded(&ep, blocks...); len(have) > 0 {
			v.flag(at{e: e}, ep.Ref, "ReferralNFA is %s but the episode has %s", ep.ReferralNFA.Text, strings.Join(have, ", "))
		}
	}
}

// nfaWithActivity (8831): a referral with no further action has no
// assessment, section 47 enquiry or initial conference dates.
func nfaWithActivity(v *visit) {
	for e, ep := range v.c.CINdetails {
		if !ep.ReferralNFA.True() {
			continue
		}
		var dates []string
		note := func(name string, d Date) {
			if d.Present() && !slices.Contains(dates, name) {
				dates = append(dates, name)
			}
		}
		note("DateOfInitialCPC", ep.DateOfInitialCPC)
		for _, a := range ep.Assessments {
			note("AssessmentActualStartDate", a.AssessmentActualStartDate)
			note("AssessmentAuthorisationDate", a.AssessmentAuthorisationDate)
		}
		for _, s := range ep.Section47 {
			note("S47ActualStartDate", s.S47ActualStartDate)
			note("DateOfInitialCPC", s.DateOfInitialCPC)
		}
		if len(dates) > 0 {
			v.flag(at{e: e}, ep.Ref, "ReferralNFA is %s but the episode has %s", ep.ReferralNFA.Text, strings.Join(dates, ", "))
		}
	}
}

// activityAfterClosure (8565): nothing in an episode is dated after its
// closure.
func activityAfterClosure(v *visit) {
	for e, ep := range v.c.CINdetails {
		if !ep.CINclosureDate.Valid() {
			continue
		}
		closed := ep.CINclosureDate.Value
		var late []string
		note := func(name string, d Date) {
			if d.Valid() && d.Value.After(closed) {
				late = append(late, name+" "+d.Text)
			}
		}
		note("DateOfInitialCPC", ep.DateOfInitialCPC)
		for _, a := range ep.Assessments {
			note("AssessmentActualStartDate", a.AssessmentActualStartDate)
			note("AssessmentAuthorisationDate", a.AssessmentAuthorisationDate)
		}
		for _, s := range ep.Section47 {
			note("S47ActualStartDate", s.S47ActualStartDate)
			note("DateOfInitialCPC", s.DateOfInitialCPC)
		}
		for _, p := range ep.ChildProtectionPlans {
			note("CPPendDate", p.CPPendDate)
		}
		for _, p := range ep.CINPlanDates {
			note("CINPlanStartDate", p.CINPlanStartDate)
			note("CINPlanEndDate", p.CINPlanEndDate)
		}
		if len(late) > 0 {
			v.flag(at{e: e}, ep.Ref, "CINclosureDate %s is before %s", ep.CINclosureDate.Text, strings.Join(late, ", "))
		}
	}
}

// conferenceRecordedTwice (2884): an initial conference is recorded on the
// episode or on its section 47 enquiry, not both.
func conferenceRecordedTwice(v *visit) {
	for e, ep := range v.c.CINdetails {
		if !ep.DateOfInitialCPC.Valid() {
			continue
		}
		for i, s := range ep.Section47 {
			if s.DateOfInitialCPC.Valid() && s.DateOfInitialCPC.Value == ep.DateOfInitialCPC.Value {
				v.flag(at{e: e, block: "Section47", i: i}, s.Ref, "DateOfInitialCPC %s is recorded on both the episode and the section 47 enquiry", s.DateOfInitialCPC.Text)
			}
		}
	}
}

// planStartsAtConference (2885): a plan starting in the year starts on the
// day of an initial conference: one following a section 47 enquiry of the
// episode that needed one, or else the episode's own.
func planStartsAtConference(v *visit) {
	for e, ep := range v.c.CINdetails {
		for i, p := range ep.ChildProtectionPlans {
			if !p.CPPstartDate.Valid() || !v.period.Contains(p.CPPstartDate.Value) {
				continue
			}
			var conferences []Date
			for _, s := range ep.Section47 {
				if !s.ICPCnotRequired.True() {
					conferences = append(conferences, s.DateOfInitialCPC)
				}
			}
			if len(conferences) == 0 {
				conferences = append(conferences, ep.DateOfInitialCPC)
			}
			if !slices.ContainsFunc(conferences, func(d Date) bool { return d.Valid() && d.Value == p.CPPstartDate.Value }) {
				v.flag(at{e: e, block: "ChildProtectionPlans", i: i}, p.Ref, "CPPstartDate %s is not the date of an initial conference", p.CPPstartDate.Text)
			}
		}
	}
}
