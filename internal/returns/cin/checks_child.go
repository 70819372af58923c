package cin

import (
	"strings"

	"github.com/waymark-care/waymark/internal/codes"
)

// checks joins each DfE rule code to how it is tested. The facts of each
// rule (which elements, which comparison, which list) follow the DfE rule
// text as the open validator data-to-insight/csc-validator-be-cin records it;
// where that validator departs from the rule text, the rule text wins and
// docs/returns.md says so.
var checks = map[string]check{
	// Header and the whole return.
	"100":   perReturn(referenceDate),
	"1520":  perReturn(uniqueAcrossReturn("UPN", func(id *ChildIdentifiers) string { return id.UPN })),
	"8510":  perReturn(uniqueAcrossReturn("LAchildID", func(id *ChildIdentifiers) string { return id.LAchildID })),
	"2883":  perReturn(plansWithoutConferences),
	"2886Q": perReturn(sexNotRecorded),
	"2887Q": perReturn(fewDisabilityCodes),
	"2888Q": perReturn(singleDisabilities),

	// Child identifiers.
	"1510":  perChild(upnCheckLetter),
	"1530":  perChild(upnAuthority),
	"1540":  perChild(upnDigits),
	"1550":  perChild(upnLastCharacter),
	"1560Q": perChild(formerUPNFormat),
	"1570":  perChild(laChildIDLength),
	"1580":  perChild(laChildIDCharacters),
	"8500":  requiredWhen(child, always[Child], "LAchildID", func(c *Child) bool { return c.ChildIdentifiers.LAchildID != "" }),
	"4180":  coded(child, text[Child]{"Sex", func(c *Child) string { return c.ChildIdentifiers.Sex }}, codes.Sex, true),
	"4220":  coded(characteristics, text[Child]{"Ethnicity", func(c *Child) string { return c.ChildCharacteristics.Ethnicity }}, codes.Ethnicity, true),
	"8520":  byReferenceDate(child, ofChild[Child](birthDate), false),
	"8525Q": perChild(birthOrExpectedBirth),
	"8530Q": perChild(expectedBirthRange),
	"8535Q": perChild(deathBeforeBirth),
	"8545Q": inYear(child, ofChild[Child](deathDate)),
	"8750":  perChild(unbornSex),
	"8770Q": perChild(schoolAgeUPN),
	"8772":  perChild(upnUnknownNFA),
	"8775Q": perChild(over25),
	"8540":  perChild(disabilityRecorded),
	"8790":  perChild(disabilityNoneAlone),
	"8794":  unique(characteristics, "Disability", disabilityCodes),
	"8590":  perChild(hasEpisode),

	// CIN episodes.
	"8568":  perChild(nfaFlag),
	"8569Q": perChild(nfaBeforeYear),
	"8585Q": perChild(diedWithoutDeathDate),
	"8600":  byReferenceDate(episodes, episodeStart, true),
	"8606":  perChild(referralLongBeforeBirth),
	"8555Q": notBefore(episodes, ofChild[CINdetails](deathDate), episodeStart, false),
	"8610":  requiredWhen(episodes, notNFA, "PrimaryNeedCode", func(ep *CINdetails) bool { return ep.PrimaryNeedCode != "" }),
	"8620":  inYear(episodes, episodeEnd),
	"8630":  notBefore(episodes, episodeEnd, episodeStart, false),
	"8640":  coded(episodes, text[CINdetails]{"ReasonForClosure", func(ep *CINdetails) string { return ep.ReasonForClosure }}, codes.ReasonForClosure, false),
	"8650":  coded(episodes, text[CINdetails]{"PrimaryNeedCode", func(ep *CINdetails) string { return ep.PrimaryNeedCode }}, codes.PrimaryNeed, false),
	"8866":  perChild(referralSource),
	"8805":  requiredWhen(episodes, func(ep *CINdetails) bool { return ep.CINclosureDate.Present() }, "ReasonForClosure", func(ep *CINdetails) bool { return ep.ReasonForClosure != "" }),
	"8810":  requiredWhen(episodes, func(ep *CINdetails) bool { return ep.ReasonForClosure != "" }, "CINclosureDate", func(ep *CINdetails) bool { return ep.CINclosureDate.Present() }),
	"8815":  atMostOneOpen(episodes, func(ep *CINdetails) bool { return !ep.CINclosureDate.Present() && ep.ReferralNFA.False() }, false, "CIN episodes that are not referrals with no further action"),
	"8816":  perChild(openEpisodeNotLatest),
	"8820":  noOverlap(episodes, span[CINdetails]{start: episodeStart, end: episodeEnd, openUntilReference: notNFA, endExclusive: true}),
	"8825Q": perChild(closedAfterAssessmentWithoutOne),
	"2990":  perChild(activityAfterClosedAssessment),
	"4000":  perChild(nfaWithCINPlan),
	"8831":  perChild(nfaWithActivity),
	"8832":  perChild(nfaWithCPPlan),
	"8565":  perChild(activityAfterClosure),
	"2884":  perChild(conferenceRecordedTwice),
	"2885":  perChild(planStartsAtConference),

	// Assessments.
	"1103":  notBefore(assessments, assessmentStart, ofEpisode[Assessment](referralDate), false),
	"8608":  notBefore(assessments, assessmentEnd, assessmentStart, false),
	"8614":  perChild(factorsBeforeCompletion),
	"8670Q": perChild(assessmentLate),
	"8696":  inYear(assessments, assessmentEnd),
	"8736":  perChild(openAssessmentStartedBeforeYear),
	"8863Q": noOverlap(assessments, span[Assessment]{start: assessmentStart, end: assessmentEnd, openUntilReference: always[Assessment], perEpisode: true, sameIfEqual: true}),
	"8867":  perChild(closedWithOpenAssessment),
	"8869":  perChild(noFactorsAlone),
	"8873Q": perChild(noFactorsClosure),
	"8896":  atMostOneOpen(assessments, func(a *Assessment) bool { return !a.AssessmentAuthorisationDate.Present() }, true, "assessments in the episode"),
	"8897Q": perChild(factorsMissing),
	"8898":  unique(assessments, "AssessmentFactors", (*Assessment).Factors),
	"8945Q": perChild(obsoleteFactor("18A")),
	"8950Q": perChild(obsoleteFactor("19A")),
	"2991Q": perChild(enquiryWithoutAssessment),

	// CIN plans.
	"4001":  perChild(openCINPlanAndCPPlan),
	"4003":  perChild(reviewDuringCINPlan),
	"4004":  atMostOneOpen(cinPlans, func(p *CINPlanDates) bool { return !p.CINPlanEndDate.Present() }, false, "CIN plans"),
	"4008":  notBefore(cinPlans, ofChild[CINPlanDates](deathDate), cinPlanStart, false),
	"4009Q": notBefore(cinPlans, ofChild[CINPlanDates](deathDate), cinPlanEnd, false),
	"4010":  byReferenceDate(cinPlans, cinPlanStart, true),
	"4011":  notBefore(cinPlans, cinPlanEnd, cinPlanStart, false),
	"4012Q": perChild(cinPlanOneDay),
	"4013":  inYear(cinPlans, cinPlanEnd),
	"4014":  noOverlap(cinPlans, span[CINPlanDates]{start: cinPlanStart, end: cinPlanEnd, openUntilReference: always[CINPlanDates]}),
	"4015":  notBefore(cinPlans, cinPlanStart, ofEpisode[CINPlanDates](referralDate), false),
	"4016":  perChild(cinPlanStartsDuringCPPlan),
	"4017":  perChild(cpPlanStartsDuringCINPlan),

	// Section 47 enquiries.
	"1104":  notBefore(enquiries, s47ICPC, ofEpisode[Section47](referralDate), false),
	"2889":  notBefore(enquiries, s47Start, ofEpisode[Section47](referralDate), false),
	"8615":  perChild(enquiryAfterConference),
	"8675Q": perChild(conferenceLate),
	"8715":  inYear(enquiries, s47ICPC),
	"8740":  perChild(openEnquiryStartedBeforeYear),
	"8839":  atMostOneOpen(enquiries, enquiryOpen, true, "section 47 enquiries in the episode"),
	"8868":  perChild(closedWithOpenEnquiry),
	"8870Q": weekday(enquiries, s47Target),
	"8875":  weekday(enquiries, s47ICPC),
	"8890":  noOverlap(enquiries, span[Section47]{start: s47Start, end: s47ICPC, openUntilReference: enquiryOpen, perEpisode: true, sameIfEqual: true}),

	// Child protection plans.
	"1105":  notBefore(cpPlans, cppStart, ofEpisode[ChildProtectionPlan](referralDate), false),
	"8720":  byReferenceDate(cpPlans, cppStart, true),
	"8730":  requiredWhen(cpPlans, always[ChildProtectionPlan], "NumberOfPreviousCPP", func(p *ChildProtectionPlan) bool { return p.NumberOfPreviousCPP.OK }),
	"8840":  perChild(cpPlanOneDay),
	"8841":  perChild(reviewAfterPlanStart),
	"8842Q": perChild(reviewDateMissing),
	"8905":  coded(cpPlans, text[ChildProtectionPlan]{"InitialCategoryOfAbuse", func(p *ChildProtectionPlan) string { return p.InitialCategoryOfAbuse }}, codes.CategoryOfAbuse, true),
	"8910":  coded(cpPlans, text[ChildProtectionPlan]{"LatestCategoryOfAbuse", func(p *ChildProtectionPlan) string { return p.LatestCategoryOfAbuse }}, codes.CategoryOfAbuse, true),
	"8915":  notBefore(cpPlans, ofChild[ChildProtectionPlan](deathDate), cppStart, false),
	"8920":  notBefore(cpPlans, ofChild[ChildProtectionPlan](deathDate), cppEnd, false),
	"8925":  notBefore(cpPlans, cppEnd, cppStart, false),
	"8930":  inYear(cpPlans, cppEnd),
	"8935":  atMostOneOpen(cpPlans, func(p *ChildProtectionPlan) bool { return !p.CPPendDate.Present() }, false, "child protection plans"),
	"8940":  noOverlap(cpPlans, span[ChildProtectionPlan]{start: cppStart, end: cppEnd, openUntilReference: always[ChildProtectionPlan]}),
}

func always[T any](*T) bool { return true }

func notNFA(ep *CINdetails) bool { return ep.ReferralNFA.False() }

// enquiryOpen: a section 47 enquiry with no conference yet, not concluded
// as needing none.
func enquiryOpen(s *Section47) bool {
	return !s.DateOfInitialCPC.Present() && !s.ICPCnotRequired.True()
}

// closedAfterAssessment: reason RC8 or RC9, closed after assessment.
func closedAfterAssessment(ep *CINdetails) bool {
	return ep.ReasonForClosure == "RC8" || ep.ReasonForClosure == "RC9"
}

func disabilityCodes(c *Child) []string {
	if c.ChildCharacteristics.Disabilities == nil {
		return nil
	}
	return c.ChildCharacteristics.Disabilities.Disability
}

func isDigits(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}

func isAlnum(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool {
		return !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9')
	}) < 0
}
