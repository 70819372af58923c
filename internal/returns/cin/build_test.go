package cin

import (
	"bytes"
	"strings"
	"testing"

	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/domain"
)

// childRecord is a child with two referrals: one closed long ago, one open
// across the 2025-26 year with every kind of census record, some dated
// after its reference date.
func childRecord() *domain.ChildRecord {
	d := civil.MustParse
	return &domain.ChildRecord{
		Person: domain.Person{Entity: domain.Entity{ID: 1}, LAChildID: "DN1", Forename: "Ellie", Surname: "Example",
			Sex: "F", Gender: "02", Ethnicity: "WBRI", DateOfBirth: d("2015-06-01"), UPN: "F371202500011"},
		// Vision ended before the year began: not this year's (FD-13).
		Disabilities: []domain.Disability{{Code: "MOB"}, {Code: "MOB"}, {Code: "HAND"}, {Code: "VIS", To: d("2025-03-31")}},
		Referrals: []domain.Referral{
			{Entity: domain.Entity{ID: 11}, ReferralDate: d("2025-05-01"), Source: "2A", PrimaryNeed: "N1", CloseDate: d("2026-04-10"), CloseReason: "RC7"},
			{Entity: domain.Entity{ID: 10}, ReferralDate: d("2020-01-06"), Source: "6", CloseDate: d("2020-03-01"), CloseReason: "RC7"},
		},
		Assessments: []domain.Assessment{{Entity: domain.Entity{ID: 20}, ReferralID: 11, StartDate: d("2025-05-02"),
			CompletedDate: d("2025-06-10"), AuthorisedDate: d("2025-06-10"), Factors: []string{"1B"}}},
		CINPlans:           []domain.CINPlan{{Entity: domain.Entity{ID: 30}, ReferralID: 11, StartDate: d("2025-12-01"), EndDate: d("2026-05-01")}},
		Section47Enquiries: []domain.Section47Enquiry{{Entity: domain.Entity{ID: 40}, ReferralID: 11, StartDate: d("2025-05-05"), Outcome: "substantiated_icpc"}},
		Conferences: []domain.Conference{
			{Entity: domain.Entity{ID: 50}, ReferralID: 11, S47EnquiryID: 40, Type: "initial", TargetDate: d("2025-05-23"), Date: d("2025-05-23")},
			{Entity: domain.Entity{ID: 51}, ReferralID: 11, Type: "review", Date: d("2025-08-20")},
			{Entity: domain.Entity{ID: 52}, ReferralID: 11, Type: "review", Date: d("2026-04-20")},
		},
		CPPlans: []domain.CPPlan{
			{Entity: domain.Entity{ID: 60}, ReferralID: 11, StartDate: d("2025-05-23"), EndDate: d("2025-11-28"), InitialCategory: "NEG", LatestCategory: "EMO"},
			{Entity: domain.Entity{ID: 61}, ReferralID: 10, StartDate: d("2020-01-20"), EndDate: d("2020-02-28"), InitialCategory: "PHY"},
		},
		PreProceedings:  []domain.PreProceedings{{Entity: domain.Entity{ID: 70}, ReferralID: 11, DecisionDate: d("2026-06-01"), FGDMOffered: true, ReviewMeetings: 2}},
		CareProceedings: []domain.CareProceedings{{Entity: domain.Entity{ID: 80}, IssueDate: d("2026-09-01")}},
	}
}

func build(t *testing.T, year string, rec *domain.ChildRecord) (Child, string) {
	t.Helper()
	p, _ := CollectionYear(year)
	c, ok := NewBuilder(p).Child(rec)
	if !ok {
		t.Fatalf("%s: child not in the census", year)
	}
	var b bytes.Buffer
	w, _ := NewWriter(&b, NewHeader(p, "371", "test", p.End.Time()))
	w.Child(&c)
	w.Close()
	return c, b.String()
}

func TestBuildChild(t *testing.T) {
	c, xml := build(t, "2025-26", childRecord())
	if len(c.CINdetails) != 1 {
		t.Fatalf("%d episodes, want only the one open in the year", len(c.CINdetails))
	}
	ep := c.CINdetails[0]
	switch {
	case ep.CINclosureDate.Present() || ep.ReasonForClosure != "":
		t.Error("a closure after the reference date is in the census")
	case c.ChildIdentifiers.Sex != "F" || c.ChildIdentifiers.GenderCurrent != "":
		t.Errorf("Sex %q GenderCurrent %q", c.ChildIdentifiers.Sex, c.ChildIdentifiers.GenderCurrent)
	case strings.Join(c.ChildCharacteristics.Disabilities.Disability, " ") != "MOB HAND":
		t.Errorf("disabilities %v", c.ChildCharacteristics.Disabilities.Disability)
	case ep.CINPlanDates[0].CINPlanEndDate.Present():
		t.Error("a plan end after the reference date is in the census")
	case ep.Section47[0].DateOfInitialCPC.Text != "2025-05-23" || ep.Section47[0].InitialCPCtarget.Text != "2025-05-23" || !ep.Section47[0].ICPCnotRequired.False():
		t.Errorf("section 47 %+v", ep.Section47[0])
	case ep.ChildProtectionPlans[0].NumberOfPreviousCPP.Value != 1 || len(ep.ChildProtectionPlans[0].ReviewDates()) != 1:
		t.Errorf("plan %+v", ep.ChildProtectionPlans[0])
	case len(ep.PreProceedingsandFGDM) != 0:
		t.Error("pre-proceedings before 2026-27")
	}
	// Element order as returns.md §1.2 gives it.
	order := []string{"<Header>", "<LEA>371</LEA>", "<LAchildID>DN1</LAchildID>", "<UPN>", "<PersonBirthDate>", "<Sex>F</Sex>",
		"<Ethnicity>", "<Disability>MOB</Disability>", "<CINreferralDate>", "<ReferralSource>", "<PrimaryNeedCode>",
		"<Assessments>", "<FactorsIdentifiedAtAssessment>", "<CINPlanDates>", "<Section47>", "<ICPCnotRequired>false",
		"<ReferralNFA>false", "<ChildProtectionPlans>", "<InitialCategoryOfAbuse>NEG", "<LatestCategoryOfAbuse>EMO",
		"<NumberOfPreviousCPP>1", "<CPPreviewDate>2025-08-20"}
	at := 0
	for _, el := range order {
		i := strings.Index(xml[at:], el)
		if i < 0 {
			t.Fatalf("%s missing or out of order in\n%s", el, xml)
		}
		at += i
	}

	old, _ := build(t, "2023-24", withReferralIn("2023-06-01", childRecord()))
	if old.ChildIdentifiers.GenderCurrent != "2" || old.ChildIdentifiers.Sex != "" {
		t.Errorf("2023-24: GenderCurrent %q Sex %q", old.ChildIdentifiers.GenderCurrent, old.ChildIdentifiers.Sex)
	}

	next, _ := build(t, "2026-27", childRecord())
	pp := next.CINdetails[0].PreProceedingsandFGDM
	if len(pp) != 1 || pp[0].PPStartDate.Text != "2026-06-01" || pp[0].FGDMMeetingOffer.Text != "1" || pp[0].CourtAppDate.Text != "2026-09-01" || pp[0].ReviewMeetingsCount.Text != "2" {
		t.Errorf("2026-27 pre-proceedings %+v", pp)
	}

	unborn := childRecord()
	unborn.Person.DateOfBirth, unborn.Person.ExpectedBirth, unborn.Disabilities = civil.Date{}, civil.MustParse("2026-05-01"), nil
	u, _ := build(t, "2025-26", unborn)
	if u.ChildIdentifiers.Sex != "U" || u.ChildIdentifiers.ExpectedPersonBirthDate.Text != "2026-05-01" || u.ChildIdentifiers.PersonBirthDate.Present() {
		t.Errorf("unborn child %+v", u.ChildIdentifiers)
	}

	// A conference booked and not yet held is not returned (AC-15).
	booked := childRecord()
	booked.Conferences[0].Booked = true
	if b, _ := build(t, "2025-26", booked); b.CINdetails[0].Section47[0].DateOfInitialCPC.Present() {
		t.Errorf("a booked initial conference returned: %+v", b.CINdetails[0].Section47[0])
	}

	p, _ := CollectionYear("2025-26")
	gone := childRecord()
	gone.Referrals = gone.Referrals[1:]
	if _, ok := NewBuilder(p).Child(gone); ok {
		t.Error("a child whose only referral closed in 2020 is in the 2025-26 census")
	}
}

func withReferralIn(date string, rec *domain.ChildRecord) *domain.ChildRecord {
	rec.Referrals = append(rec.Referrals, domain.Referral{Entity: domain.Entity{ID: 12}, ReferralDate: civil.MustParse(date), Source: "1A", PrimaryNeed: "N4"})
	return rec
}
