package cin

import (
	"encoding/xml"
	"fmt"
	"strconv"
	"time"

	"github.com/waymark-care/waymark/internal/civil"
)

// The census, element by element in the order returns.md §1.2 gives (the
// XML uses xs:sequence, so order matters). Field names are the element
// names. Optional single elements are pointers or may be empty; repeated
// ones are slices. Ref fields are not part of the file: they name the
// Waymark record a block was built from, so live validation can point at it.

// Message is a whole census file.
type Message struct {
	XMLName  xml.Name `xml:"Message"`
	Header   *Header  `xml:"Header"`
	Children Children `xml:"Children"`
}

type Header struct {
	CollectionDetails *CollectionDetails `xml:"CollectionDetails"`
	Source            []Source           `xml:"Source"`
}

type CollectionDetails struct {
	Collection    string `xml:"Collection,omitempty"`
	Year          string `xml:"Year,omitempty"`
	ReferenceDate Date   `xml:"ReferenceDate"`
}

type Source struct {
	SourceLevel  string `xml:"SourceLevel,omitempty"`
	LEA          string `xml:"LEA"`
	SoftwareCode string `xml:"SoftwareCode,omitempty"`
	Release      string `xml:"Release,omitempty"`
	SerialNo     string `xml:"SerialNo,omitempty"`
	DateTime     string `xml:"DateTime,omitempty"`
}

type Children struct {
	Child []Child `xml:"Child"`
}

type Child struct {
	ChildIdentifiers     ChildIdentifiers     `xml:"ChildIdentifiers"`
	ChildCharacteristics ChildCharacteristics `xml:"ChildCharacteristics"`
	CINdetails           []CINdetails         `xml:"CINdetails"`
	Ref                  Ref                  `xml:"-"`
}

type ChildIdentifiers struct {
	LAchildID               string `xml:"LAchildID"`
	UPN                     string `xml:"UPN,omitempty"`
	FormerUPN               string `xml:"FormerUPN,omitempty"`
	UPNunknown              string `xml:"UPNunknown,omitempty"`
	PersonBirthDate         Date   `xml:"PersonBirthDate"`
	ExpectedPersonBirthDate Date   `xml:"ExpectedPersonBirthDate"`
	// GenderCurrent is returned up to 2023-24, Sex from 2024-25, in the same
	// place.
	GenderCurrent   string `xml:"GenderCurrent,omitempty"`
	Sex             string `xml:"Sex,omitempty"`
	PersonDeathDate Date   `xml:"PersonDeathDate"`
}

type ChildCharacteristics struct {
	Ethnicity    string        `xml:"Ethnicity"`
	Disabilities *Disabilities `xml:"Disabilities"`
}

type Disabilities struct {
	Disability []string `xml:"Disability"`
}

// CINdetails is one CIN episode, from referral to closure.
type CINdetails struct {
	CINreferralDate       Date                  `xml:"CINreferralDate"`
	ReferralSource        string                `xml:"ReferralSource"`
	PrimaryNeedCode       string                `xml:"PrimaryNeedCode,omitempty"`
	CINclosureDate        Date                  `xml:"CINclosureDate"`
	ReasonForClosure      string                `xml:"ReasonForClosure,omitempty"`
	DateOfInitialCPC      Date                  `xml:"DateOfInitialCPC"`
	Assessments           []Assessment          `xml:"Assessments"`
	CINPlanDates          []CINPlanDates        `xml:"CINPlanDates"`
	Section47             []Section47           `xml:"Section47"`
	ReferralNFA           Flag                  `xml:"ReferralNFA"`
	ChildProtectionPlans  []ChildProtectionPlan `xml:"ChildProtectionPlans"`
	PreProceedingsandFGDM []PreProceedings      `xml:"PreProceedingsandFGDM"`
	Ref                   Ref                   `xml:"-"`
}

type Assessment struct {
	AssessmentActualStartDate     Date     `xml:"AssessmentActualStartDate"`
	AssessmentInternalReviewDate  Date     `xml:"AssessmentInternalReviewDate"`
	AssessmentAuthorisationDate   Date     `xml:"AssessmentAuthorisationDate"`
	FactorsIdentifiedAtAssessment *Factors `xml:"FactorsIdentifiedAtAssessment"`
	Ref                           Ref      `xml:"-"`
}

type Factors struct {
	AssessmentFactors []string `xml:"AssessmentFactors"`
}

// Factors returns the assessment's factor codes, if any.
func (a *Assessment) Factors() []string {
	if a.FactorsIdentifiedAtAssessment == nil {
		return nil
	}
	return a.FactorsIdentifiedAtAssessment.AssessmentFactors
}

type CINPlanDates struct {
	CINPlanStartDate Date `xml:"CINPlanStartDate"`
	CINPlanEndDate   Date `xml:"CINPlanEndDate"`
	Ref              Ref  `xml:"-"`
}

type Section47 struct {
	S47ActualStartDate Date `xml:"S47ActualStartDate"`
	InitialCPCtarget   Date `xml:"InitialCPCtarget"`
	DateOfInitialCPC   Date `xml:"DateOfInitialCPC"`
	ICPCnotRequired    Flag `xml:"ICPCnotRequired"`
	Ref                Ref  `xml:"-"`
}

type ChildProtectionPlan struct {
	CPPstartDate           Date     `xml:"CPPstartDate"`
	CPPendDate             Date     `xml:"CPPendDate"`
	InitialCategoryOfAbuse string   `xml:"InitialCategoryOfAbuse"`
	LatestCategoryOfAbuse  string   `xml:"LatestCategoryOfAbuse"`
	NumberOfPreviousCPP    Count    `xml:"NumberOfPreviousCPP"`
	Reviews                *Reviews `xml:"Reviews"`
	Ref                    Ref      `xml:"-"`
}

type Reviews struct {
	CPPreviewDate []Date `xml:"CPPreviewDate"`
}

// ReviewDates returns the plan's review conference dates, if any.
func (p *ChildProtectionPlan) ReviewDates() []Date {
	if p.Reviews == nil {
		return nil
	}
	return p.Reviews.CPPreviewDate
}

// PreProceedings is the 2026-27 pre-proceedings and family group decision
// making block (returns.md §1.5, unverified against the DfE specification).
type PreProceedings struct {
	PPStartDate          Date   `xml:"PPStartDate"`
	LBPSentDate          Date   `xml:"LBPSentDate"`
	FGDMMeetingOffer     Flag   `xml:"FGDMMeetingOffer"`
	FGDMMeetingFac       Flag   `xml:"FGDMMeetingFac"`
	InitialPPMeetingDate Date   `xml:"InitialPPMeetingDate"`
	ReviewMeetingsCount  Count  `xml:"ReviewMeetingsCount"`
	StepDecisionDate     Date   `xml:"StepDecisionDate"`
	PPOutcome            string `xml:"PPOutcome,omitempty"`
	CourtAppDate         Date   `xml:"CourtAppDate"`
	LetterInitCPDate     Date   `xml:"LetterInitCPDate"`
	Ref                  Ref    `xml:"-"`
}

// Ref names the Waymark record a block was built from.
type Ref struct {
	Kind string // a domain kind name, e.g. "referral"
	ID   int64
}

// Period is a census period: the year to a reference date. The collection
// year 2025-26 runs from 1 April 2025 to the reference date 31 March 2026.
type Period struct {
	Start, End civil.Date
}

// CollectionYear returns the period of a collection year written like
// "2025-26".
func CollectionYear(s string) (Period, error) {
	bad := fmt.Errorf("%q is not a collection year such as 2025-26", s)
	if len(s) != 7 || s[4] != '-' {
		return Period{}, bad
	}
	start, err1 := strconv.Atoi(s[:4])
	end, err2 := strconv.Atoi(s[5:])
	if err1 != nil || err2 != nil || start < 2000 || end != (start+1)%100 {
		return Period{}, bad
	}
	return PeriodEnding(civil.Of(start+1, time.March, 31)), nil
}

// PeriodEnding returns the year ending on a reference date: the reference
// date less a year plus a day, to the reference date.
func PeriodEnding(ref civil.Date) Period {
	return Period{Start: ref.AddYears(-1).AddDays(1), End: ref}
}

// Year is the collection year the period ends in, e.g. "2025-26".
func (p Period) Year() string {
	y := p.End.Year()
	if p.End.Before(civil.Of(y, time.April, 1)) {
		y--
	}
	return fmt.Sprintf("%d-%02d", y, (y+1)%100)
}

// Contains reports whether d falls in the period, inclusive.
func (p Period) Contains(d civil.Date) bool {
	return !d.Before(p.Start) && !d.After(p.End)
}

// Format says which year-dependent elements a census carries
// (returns.md §1.3).
type Format struct {
	Sex            bool // Sex (M/F/U) rather than GenderCurrent (from 2024-25)
	CINPlans       bool // CINPlanDates (from 2021-22)
	PreProceedings bool // PreProceedingsandFGDM (from 2026-27)
}

// FormatOf returns the format of the census for a period.
func FormatOf(p Period) Format {
	y := p.Year()
	return Format{Sex: y >= "2024-25", CINPlans: y >= "2021-22", PreProceedings: y >= "2026-27"}
}
