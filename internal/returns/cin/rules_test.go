package cin

import (
	"slices"
	"testing"

	"github.com/waymark-care/waymark/internal/civil"
)

// Each DfE rule has a fixture that passes (a clean 2025-26 census, and for
// some rules a boundary case) and one that fails (the clean census with one
// fault). The clean census has three children: one on a child protection
// plan, one whose episode closed after a CIN plan, and an unborn child
// referred with no further action.

func d(s string) Date { return DateOf(civil.MustParse(s)) }

func dates(ss ...string) []Date {
	var ds []Date
	for _, s := range ss {
		ds = append(ds, d(s))
	}
	return ds
}

var census2526, _ = CollectionYear("2025-26")

func cleanCensus() *Message {
	return &Message{
		Header: &Header{CollectionDetails: &CollectionDetails{Collection: "CIN", Year: "2026", ReferenceDate: d("2026-03-31")}},
		Children: Children{Child: []Child{
			{
				ChildIdentifiers:     ChildIdentifiers{LAchildID: "C1", UPN: "F371202500011", PersonBirthDate: d("2015-06-01"), Sex: "F"},
				ChildCharacteristics: ChildCharacteristics{Ethnicity: "WBRI", Disabilities: &Disabilities{Disability: []string{"MOB", "HAND"}}},
				CINdetails: []CINdetails{{
					CINreferralDate: d("2025-05-01"), ReferralSource: "2A", PrimaryNeedCode: "N1", ReferralNFA: FlagOf(false),
					Assessments: []Assessment{{AssessmentActualStartDate: d("2025-05-02"), AssessmentAuthorisationDate: d("2025-06-10"),
						FactorsIdentifiedAtAssessment: &Factors{AssessmentFactors: []string{"1B", "3A"}}}},
					Section47: []Section47{{S47ActualStartDate: d("2025-05-05"), InitialCPCtarget: d("2025-05-23"), DateOfInitialCPC: d("2025-05-23"), ICPCnotRequired: FlagOf(false)}},
					ChildProtectionPlans: []ChildProtectionPlan{{CPPstartDate: d("2025-05-23"), InitialCategoryOfAbuse: "NEG", LatestCategoryOfAbuse: "NEG",
						NumberOfPreviousCPP: CountOf(0), Reviews: &Reviews{CPPreviewDate: dates("2025-08-20")}}},
				}},
			},
			{
				ChildIdentifiers:     ChildIdentifiers{LAchildID: "C2", UPN: "H371202500022", PersonBirthDate: d("2012-03-10"), Sex: "M"},
				ChildCharacteristics: ChildCharacteristics{Ethnicity: "AIND", Disabilities: &Disabilities{Disability: []string{"PC", "INC", "COMM", "LD", "HEAR", "VIS"}}},
				CINdetails: []CINdetails{{
					CINreferralDate: d("2025-04-10"), ReferralSource: "6", PrimaryNeedCode: "N2", CINclosureDate: d("2025-12-01"), ReasonForClosure: "RC7", ReferralNFA: FlagOf(false),
					Assessments: []Assessment{{AssessmentActualStartDate: d("2025-04-11"), AssessmentAuthorisationDate: d("2025-05-20"),
						FactorsIdentifiedAtAssessment: &Factors{AssessmentFactors: []string{"20"}}}},
					CINPlanDates: []CINPlanDates{{CINPlanStartDate: d("2025-06-01"), CINPlanEndDate: d("2025-11-30")}},
				}},
			},
			{
				ChildIdentifiers:     ChildIdentifiers{LAchildID: "C3", UPNunknown: "UN1", ExpectedPersonBirthDate: d("2026-05-01"), Sex: "U"},
				ChildCharacteristics: ChildCharacteristics{Ethnicity: "NOBT"},
				CINdetails:           []CINdetails{{CINreferralDate: d("2026-01-05"), ReferralSource: "3B", ReferralNFA: FlagOf(true)}},
			},
		}},
	}
}

// Shorthands for the blocks the fixtures change.
func c1(m *Message) *Child                { return &m.Children.Child[0] }
func c2(m *Message) *Child                { return &m.Children.Child[1] }
func c3(m *Message) *Child                { return &m.Children.Child[2] }
func ep1(m *Message) *CINdetails          { return &c1(m).CINdetails[0] }
func ep2(m *Message) *CINdetails          { return &c2(m).CINdetails[0] }
func ep3(m *Message) *CINdetails          { return &c3(m).CINdetails[0] }
func as1(m *Message) *Assessment          { return &ep1(m).Assessments[0] }
func as2(m *Message) *Assessment          { return &ep2(m).Assessments[0] }
func s47(m *Message) *Section47           { return &ep1(m).Section47[0] }
func cpp(m *Message) *ChildProtectionPlan { return &ep1(m).ChildProtectionPlans[0] }
func plan2(m *Message) *CINPlanDates      { return &ep2(m).CINPlanDates[0] }
func factors(fs ...string) *Factors       { return &Factors{AssessmentFactors: fs} }
func disabilities(ds ...string) *Disabilities {
	return &Disabilities{Disability: ds}
}

func addCPP2(m *Message, start, end string, reviews ...string) {
	p := ChildProtectionPlan{CPPstartDate: d(start), InitialCategoryOfAbuse: "EMO", LatestCategoryOfAbuse: "EMO", NumberOfPreviousCPP: CountOf(0)}
	if end != "" {
		p.CPPendDate = d(end)
	}
	if len(reviews) > 0 {
		p.Reviews = &Reviews{CPPreviewDate: dates(reviews...)}
	}
	ep2(m).ChildProtectionPlans = append(ep2(m).ChildProtectionPlans, p)
}

func openAssessment(a *Assessment) {
	a.AssessmentAuthorisationDate, a.FactorsIdentifiedAtAssessment = Date{}, nil
}

type ruleFixture struct {
	code string
	fail func(m *Message)
	pass func(m *Message) // a boundary case that must not break the rule
}

var ruleFixtures = []ruleFixture{
	{code: "100", fail: func(m *Message) { m.Header.CollectionDetails.ReferenceDate = d("2026-03-30") }},
	{code: "1103", fail: func(m *Message) { as1(m).AssessmentActualStartDate = d("2025-04-30") },
		pass: func(m *Message) { as1(m).AssessmentActualStartDate = d("2025-05-01") }},
	{code: "1104", fail: func(m *Message) { s47(m).DateOfInitialCPC = d("2025-04-30") }},
	{code: "1105", fail: func(m *Message) { cpp(m).CPPstartDate = d("2025-04-30") }},
	{code: "1510", fail: func(m *Message) { c1(m).ChildIdentifiers.UPN = "A371202500011" }},
	{code: "1520", fail: func(m *Message) { c2(m).ChildIdentifiers.UPN = "F371202500011" }},
	{code: "1530", fail: func(m *Message) { c1(m).ChildIdentifiers.UPN = "F999202500011" }},
	{code: "1540", fail: func(m *Message) { c1(m).ChildIdentifiers.UPN = "F371ABCDEFGH1" }},
	{code: "1550", fail: func(m *Message) { c1(m).ChildIdentifiers.UPN = "F37120250001I" },
		pass: func(m *Message) { c1(m).ChildIdentifiers.UPN = "F37120250001A" }},
	{code: "1560Q", fail: func(m *Message) { c1(m).ChildIdentifiers.FormerUPN = "12345" },
		pass: func(m *Message) { c1(m).ChildIdentifiers.FormerUPN = "K371202500033" }},
	{code: "1570", fail: func(m *Message) { c1(m).ChildIdentifiers.LAchildID = "C12345678901234567890" },
		pass: func(m *Message) { c1(m).ChildIdentifiers.LAchildID = "C1234567890123456789" }},
	{code: "1580", fail: func(m *Message) { c1(m).ChildIdentifiers.LAchildID = "C-1" }},
	{code: "2883", fail: func(m *Message) { s47(m).DateOfInitialCPC = Date{} }},
	{code: "2884", fail: func(m *Message) { ep1(m).DateOfInitialCPC = d("2025-05-23") }},
	{code: "2885", fail: func(m *Message) { cpp(m).CPPstartDate = d("2025-05-26") }},
	{code: "2886Q", fail: func(m *Message) { c1(m).ChildIdentifiers.Sex, c2(m).ChildIdentifiers.Sex = "", "U" }},
	{code: "2887Q", fail: func(m *Message) { c2(m).ChildCharacteristics.Disabilities = disabilities("PC") }},
	{code: "2888Q", fail: func(m *Message) {
		c1(m).ChildCharacteristics.Disabilities, c2(m).ChildCharacteristics.Disabilities = disabilities("MOB"), disabilities("PC")
	}},
	{code: "2889", fail: func(m *Message) { s47(m).S47ActualStartDate = d("2025-04-30") }},
	{code: "2990", fail: func(m *Message) { ep2(m).ReasonForClosure = "RC8" }},
	{code: "2991Q", fail: func(m *Message) { ep1(m).Assessments = nil }},
	{code: "4000", fail: func(m *Message) { ep3(m).CINPlanDates = []CINPlanDates{{CINPlanStartDate: d("2026-01-06")}} }},
	{code: "4001", fail: func(m *Message) { ep1(m).CINPlanDates = []CINPlanDates{{CINPlanStartDate: d("2025-06-01")}} }},
	{code: "4003", fail: func(m *Message) { addCPP2(m, "2025-04-20", "2025-05-31", "2025-07-01") },
		pass: func(m *Message) { addCPP2(m, "2025-04-20", "2025-05-31", "2025-05-15") }},
	{code: "4004", fail: func(m *Message) {
		plan2(m).CINPlanEndDate = Date{}
		ep2(m).CINPlanDates = append(ep2(m).CINPlanDates, CINPlanDates{CINPlanStartDate: d("2025-11-01")})
	}},
	{code: "4008", fail: func(m *Message) { c2(m).ChildIdentifiers.PersonDeathDate = d("2025-05-15") }},
	{code: "4009Q", fail: func(m *Message) { c2(m).ChildIdentifiers.PersonDeathDate = d("2025-11-15") },
		pass: func(m *Message) { c2(m).ChildIdentifiers.PersonDeathDate = d("2025-11-30") }},
	{code: "4010", fail: func(m *Message) { plan2(m).CINPlanStartDate = Date{} }},
	{code: "4011", fail: func(m *Message) { plan2(m).CINPlanEndDate = d("2025-05-15") }},
	{code: "4012Q", fail: func(m *Message) { plan2(m).CINPlanEndDate = d("2025-06-01") }},
	{code: "4013", fail: func(m *Message) { plan2(m).CINPlanEndDate = d("2026-04-01") }},
	{code: "4014", fail: func(m *Message) {
		ep2(m).CINPlanDates = append(ep2(m).CINPlanDates, CINPlanDates{CINPlanStartDate: d("2025-07-01"), CINPlanEndDate: d("2025-08-01")})
	}},
	{code: "4015", fail: func(m *Message) { plan2(m).CINPlanStartDate = d("2025-04-05") }},
	{code: "4016", fail: func(m *Message) {
		ep1(m).CINPlanDates = []CINPlanDates{{CINPlanStartDate: d("2025-06-01"), CINPlanEndDate: d("2025-06-30")}}
	}, pass: func(m *Message) {
		cpp(m).CPPendDate = d("2025-09-01")
		ep1(m).CINPlanDates = []CINPlanDates{{CINPlanStartDate: d("2025-09-01")}}
	}},
	{code: "4017", fail: func(m *Message) { addCPP2(m, "2025-07-01", "2025-08-01") },
		pass: func(m *Message) { addCPP2(m, "2025-11-30", "2025-12-01") }},
	{code: "4180", fail: func(m *Message) { c1(m).ChildIdentifiers.Sex = "1" }},
	{code: "4220", fail: func(m *Message) { c1(m).ChildCharacteristics.Ethnicity = "XXXX" }},
	{code: "8500", fail: func(m *Message) { c1(m).ChildIdentifiers.LAchildID = "" }},
	{code: "8510", fail: func(m *Message) { c2(m).ChildIdentifiers.LAchildID = "C1" }},
	{code: "8520", fail: func(m *Message) { c1(m).ChildIdentifiers.PersonBirthDate = d("2026-04-01") }},
	{code: "8525Q", fail: func(m *Message) { c1(m).ChildIdentifiers.ExpectedPersonBirthDate = d("2015-06-01") }},
	{code: "8530Q", fail: func(m *Message) { c3(m).ChildIdentifiers.ExpectedPersonBirthDate = d("2027-06-01") }},
	{code: "8535Q", fail: func(m *Message) { c1(m).ChildIdentifiers.PersonDeathDate = d("2014-01-01") }},
	{code: "8540", fail: func(m *Message) { c1(m).ChildCharacteristics.Disabilities = nil },
		pass: func(m *Message) { c1(m).ChildCharacteristics.Disabilities = disabilities("NONE") }},
	{code: "8545Q", fail: func(m *Message) { c1(m).ChildIdentifiers.PersonDeathDate = d("2024-01-01") }},
	{code: "8555Q", fail: func(m *Message) { c1(m).ChildIdentifiers.PersonDeathDate = d("2025-04-20") }},
	{code: "8565", fail: func(m *Message) { ep2(m).CINclosureDate = d("2025-11-15") }},
	{code: "8568", fail: func(m *Message) { ep1(m).ReferralNFA = Flag{} }},
	// 1 April 2025 is a Tuesday: the working day before is Monday 31 March.
	{code: "8569Q", fail: func(m *Message) { ep3(m).CINreferralDate = d("2025-03-28") },
		pass: func(m *Message) { ep3(m).CINreferralDate = d("2025-03-31") }},
	{code: "8585Q", fail: func(m *Message) { ep2(m).ReasonForClosure = "RC2" }},
	{code: "8590", fail: func(m *Message) { c3(m).CINdetails = nil }},
	{code: "8600", fail: func(m *Message) { ep3(m).CINreferralDate = d("2026-04-10") }},
	{code: "8606", fail: func(m *Message) { ep3(m).CINreferralDate = d("2025-07-24") },
		pass: func(m *Message) { ep3(m).CINreferralDate = d("2025-07-25") }},
	{code: "8608", fail: func(m *Message) { as1(m).AssessmentAuthorisationDate = d("2025-05-01") }},
	{code: "8610", fail: func(m *Message) { ep1(m).PrimaryNeedCode = "" }},
	{code: "8614", fail: func(m *Message) { as1(m).AssessmentAuthorisationDate = Date{} }},
	{code: "8615", fail: func(m *Message) { s47(m).S47ActualStartDate = d("2025-05-24") }},
	{code: "8620", fail: func(m *Message) { ep2(m).CINclosureDate = d("2026-04-02") }},
	{code: "8630", fail: func(m *Message) { ep2(m).CINclosureDate = d("2025-04-09") }},
	{code: "8640", fail: func(m *Message) { ep2(m).ReasonForClosure = "RC0" }},
	{code: "8650", fail: func(m *Message) { ep1(m).PrimaryNeedCode = "N10" }},
	// 45 working days before Tuesday 31 March 2026 is Tuesday 27 January.
	{code: "8670Q", fail: func(m *Message) { openAssessment(as1(m)); as1(m).AssessmentActualStartDate = d("2026-01-26") },
		pass: func(m *Message) { openAssessment(as1(m)); as1(m).AssessmentActualStartDate = d("2026-01-27") }},
	{code: "8675Q", fail: func(m *Message) { s47(m).DateOfInitialCPC = Date{} },
		pass: func(m *Message) { s47(m).DateOfInitialCPC, s47(m).ICPCnotRequired = Date{}, FlagOf(true) }},
	{code: "8696", fail: func(m *Message) { as2(m).AssessmentAuthorisationDate = d("2026-04-02") }},
	{code: "8715", fail: func(m *Message) { s47(m).DateOfInitialCPC = d("2026-04-02") }},
	{code: "8720", fail: func(m *Message) { cpp(m).CPPstartDate = Date{} }},
	{code: "8730", fail: func(m *Message) { cpp(m).NumberOfPreviousCPP = Count{} }},
	{code: "8736", fail: func(m *Message) { openAssessment(as1(m)); as1(m).AssessmentActualStartDate = d("2025-03-03") }},
	{code: "8740", fail: func(m *Message) { s47(m).DateOfInitialCPC = Date{}; s47(m).S47ActualStartDate = d("2025-03-03") }},
	{code: "8750", fail: func(m *Message) { c3(m).ChildIdentifiers.Sex = "M" }},
	{code: "8770Q", fail: func(m *Message) { c1(m).ChildIdentifiers.UPN = "" },
		pass: func(m *Message) { c1(m).ChildIdentifiers.UPN, c1(m).ChildIdentifiers.UPNunknown = "", "UN2" }},
	{code: "8772", fail: func(m *Message) { c1(m).ChildIdentifiers.UPN, c1(m).ChildIdentifiers.UPNunknown = "", "UN7" }},
	{code: "8775Q", fail: func(m *Message) { c1(m).ChildIdentifiers.PersonBirthDate = d("1995-01-01") }},
	{code: "8790", fail: func(m *Message) { c1(m).ChildCharacteristics.Disabilities = disabilities("NONE", "MOB") }},
	{code: "8794", fail: func(m *Message) { c1(m).ChildCharacteristics.Disabilities = disabilities("MOB", "MOB") }},
	{code: "8805", fail: func(m *Message) { ep2(m).ReasonForClosure = "" }},
	{code: "8810", fail: func(m *Message) { ep2(m).CINclosureDate = Date{} }},
	{code: "8815", fail: func(m *Message) {
		c1(m).CINdetails = append(c1(m).CINdetails, CINdetails{CINreferralDate: d("2025-04-02"), ReferralSource: "8", PrimaryNeedCode: "N5", ReferralNFA: FlagOf(false)})
	}},
	{code: "8816", fail: func(m *Message) {
		c1(m).CINdetails = append(c1(m).CINdetails, CINdetails{CINreferralDate: d("2025-09-01"), ReferralSource: "8", PrimaryNeedCode: "N5",
			CINclosureDate: d("2025-10-01"), ReasonForClosure: "RC7", ReferralNFA: FlagOf(false)})
	}},
	{code: "8820", fail: func(m *Message) {
		c1(m).CINdetails = append(c1(m).CINdetails, CINdetails{CINreferralDate: d("2025-06-01"), ReferralSource: "8", ReferralNFA: FlagOf(true), CINclosureDate: d("2025-06-02"), ReasonForClosure: "RC7"})
	}, pass: func(m *Message) {
		c2(m).CINdetails = append(c2(m).CINdetails, CINdetails{CINreferralDate: d("2025-12-01"), ReferralSource: "8", ReferralNFA: FlagOf(true), CINclosureDate: d("2025-12-01"), ReasonForClosure: "RC7"})
	}},
	{code: "8825Q", fail: func(m *Message) { ep2(m).ReasonForClosure, ep2(m).Assessments = "RC8", nil }},
	{code: "8831", fail: func(m *Message) { ep3(m).Assessments = []Assessment{{AssessmentActualStartDate: d("2026-01-06")}} }},
	{code: "8832", fail: func(m *Message) {
		ep3(m).ChildProtectionPlans = []ChildProtectionPlan{{CPPstartDate: d("2026-01-06"), InitialCategoryOfAbuse: "NEG", LatestCategoryOfAbuse: "NEG", NumberOfPreviousCPP: CountOf(0)}}
	}},
	{code: "8839", fail: func(m *Message) {
		s47(m).DateOfInitialCPC = Date{}
		ep1(m).Section47 = append(ep1(m).Section47, Section47{S47ActualStartDate: d("2025-06-01"), ICPCnotRequired: FlagOf(false)})
	}},
	{code: "8840", fail: func(m *Message) { addCPP2(m, "2025-04-20", "2025-04-20") }},
	{code: "8841", fail: func(m *Message) { cpp(m).Reviews.CPPreviewDate = dates("2025-05-23") }},
	{code: "8842Q", fail: func(m *Message) { cpp(m).Reviews = &Reviews{} }},
	{code: "8863Q", fail: func(m *Message) {
		ep1(m).Assessments = append(ep1(m).Assessments, Assessment{AssessmentActualStartDate: d("2025-05-10"), AssessmentAuthorisationDate: d("2025-06-01"), FactorsIdentifiedAtAssessment: factors("4B")})
	}, pass: func(m *Message) {
		ep1(m).Assessments = append(ep1(m).Assessments, Assessment{AssessmentActualStartDate: d("2025-06-11"), AssessmentAuthorisationDate: d("2025-07-01"), FactorsIdentifiedAtAssessment: factors("4B")})
	}},
	{code: "8866", fail: func(m *Message) { ep1(m).ReferralSource = "" }},
	{code: "8867", fail: func(m *Message) { openAssessment(as2(m)) }},
	{code: "8868", fail: func(m *Message) {
		ep2(m).Section47 = []Section47{{S47ActualStartDate: d("2025-04-12"), ICPCnotRequired: FlagOf(false)}}
	}, pass: func(m *Message) {
		ep2(m).Section47 = []Section47{{S47ActualStartDate: d("2025-04-12"), ICPCnotRequired: FlagOf(true)}}
	}},
	{code: "8869", fail: func(m *Message) { as1(m).FactorsIdentifiedAtAssessment = factors("21", "1B") }},
	{code: "8870Q", fail: func(m *Message) { s47(m).InitialCPCtarget = d("2025-05-24") }},
	{code: "8873Q", fail: func(m *Message) { as2(m).FactorsIdentifiedAtAssessment = factors("21") },
		pass: func(m *Message) {
			as2(m).FactorsIdentifiedAtAssessment, ep2(m).ReasonForClosure, ep2(m).CINPlanDates = factors("21"), "RC8", nil
		}},
	{code: "8875", fail: func(m *Message) { s47(m).DateOfInitialCPC = d("2025-05-24") }},
	{code: "8890", fail: func(m *Message) {
		ep1(m).Section47 = append(ep1(m).Section47, Section47{S47ActualStartDate: d("2025-05-10"), DateOfInitialCPC: d("2025-05-30"), ICPCnotRequired: FlagOf(false)})
	}},
	{code: "8896", fail: func(m *Message) {
		openAssessment(as1(m))
		ep1(m).Assessments = append(ep1(m).Assessments, Assessment{AssessmentActualStartDate: d("2025-07-01")})
	}},
	{code: "8897Q", fail: func(m *Message) { as1(m).FactorsIdentifiedAtAssessment = nil }},
	{code: "8898", fail: func(m *Message) { as1(m).FactorsIdentifiedAtAssessment = factors("1B", "1B") }},
	{code: "8905", fail: func(m *Message) { cpp(m).InitialCategoryOfAbuse = "" }},
	{code: "8910", fail: func(m *Message) { cpp(m).LatestCategoryOfAbuse = "XYZ" }},
	{code: "8915", fail: func(m *Message) { c1(m).ChildIdentifiers.PersonDeathDate = d("2025-05-20") }},
	{code: "8920", fail: func(m *Message) {
		addCPP2(m, "2025-04-20", "2025-05-10")
		c2(m).ChildIdentifiers.PersonDeathDate = d("2025-05-01")
	}},
	{code: "8925", fail: func(m *Message) { addCPP2(m, "2025-04-20", "2025-04-15") }},
	{code: "8930", fail: func(m *Message) { addCPP2(m, "2025-04-20", "2026-04-10") }},
	{code: "8935", fail: func(m *Message) {
		ep1(m).ChildProtectionPlans = append(ep1(m).ChildProtectionPlans, ChildProtectionPlan{CPPstartDate: d("2025-09-01"), InitialCategoryOfAbuse: "PHY", LatestCategoryOfAbuse: "PHY", NumberOfPreviousCPP: CountOf(1)})
	}},
	{code: "8940", fail: func(m *Message) {
		ep1(m).ChildProtectionPlans = append(ep1(m).ChildProtectionPlans, ChildProtectionPlan{CPPstartDate: d("2025-06-01"), CPPendDate: d("2025-07-01"), InitialCategoryOfAbuse: "PHY", LatestCategoryOfAbuse: "PHY", NumberOfPreviousCPP: CountOf(1)})
	}},
	{code: "8945Q", fail: func(m *Message) { as1(m).FactorsIdentifiedAtAssessment = factors("18A") }},
	{code: "8950Q", fail: func(m *Message) { as1(m).FactorsIdentifiedAtAssessment = factors("19A") }},
}

func TestCleanCensusPassesEveryRule(t *testing.T) {
	rep := Validate(cleanCensus(), census2526, nil)
	for _, f := range rep.Findings {
		t.Errorf("%s %s: %s", f.Code, f.Path, f.Detail)
	}
}

func TestEveryRuleHasFixtures(t *testing.T) {
	for _, r := range Rules() {
		if !slices.ContainsFunc(ruleFixtures, func(f ruleFixture) bool { return f.code == r.Code }) {
			t.Errorf("rule %s has no fixture", r.Code)
		}
	}
}

func TestRules(t *testing.T) {
	for _, tc := range ruleFixtures {
		t.Run(tc.code, func(t *testing.T) {
			rule, ok := RuleNamed(tc.code)
			if !ok {
				t.Fatalf("no rule %s", tc.code)
			}
			m := cleanCensus()
			tc.fail(m)
			var hit *Finding
			rep := Validate(m, census2526, nil)
			for i, f := range rep.Findings {
				if f.Code == tc.code {
					hit = &rep.Findings[i]
					break
				}
			}
			if hit == nil {
				t.Fatalf("fault not reported; got %v", codesOf(rep.Findings))
			}
			if hit.Type != rule.Type || hit.Message != rule.Message || hit.Detail == "" || hit.Path == "" {
				t.Errorf("finding %+v", hit)
			}
			if tc.pass != nil {
				m := cleanCensus()
				tc.pass(m)
				for _, f := range Validate(m, census2526, nil).Findings {
					if f.Code == tc.code {
						t.Errorf("boundary case reported: %s %s", f.Path, f.Detail)
					}
				}
			}
		})
	}
}
