package domain

import (
	"regexp"
	"slices"

	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/codes"
)

// Person is anyone Waymark records: a child, an unborn baby, a parent, a
// relative or a carer. A person becomes a child of the service by having a
// referral, not by a flag.
type Person struct {
	Entity
	// LAChildID is the authority's own identifier, used in every return
	// (CIN LAchildID, SSDA903 CHILD).
	LAChildID string `db:"la_child_id" json:"la_child_id"`
	Forename  string `db:"forename" json:"forename" v:"required"`
	Surname   string `db:"surname" json:"surname" v:"required"`
	// KnownAs is a preferred or other name, searched alongside the legal name.
	KnownAs string `db:"known_as" json:"known_as"`
	// Sex as on the birth or gender recognition certificate (M, F, U).
	Sex string `db:"sex" json:"sex" code:"sex"`
	// Gender is the NHS-style gender identity code, mapped to CIN
	// GenderCurrent for years to 2023-24 (00 not known, 01 male, 02 female,
	// 09 self-described).
	Gender      string     `db:"gender" json:"gender" code:"gender_identity"`
	Ethnicity   string     `db:"ethnicity" json:"ethnicity" code:"ethnicity"`
	DateOfBirth civil.Date `db:"date_of_birth" json:"date_of_birth"`
	// ExpectedBirth is recorded for an unborn child instead of a date of birth.
	ExpectedBirth civil.Date `db:"expected_birth" json:"expected_birth"`
	DateOfDeath   civil.Date `db:"date_of_death" json:"date_of_death"`
	NHSNumber     string     `db:"nhs_number" json:"nhs_number"`
	// UPN is the unique pupil number; FormerUPN the one it replaced. Their
	// history is kept in Identifier records.
	UPN       string `db:"upn" json:"upn"`
	FormerUPN string `db:"former_upn" json:"former_upn"`
	// UPNUnknown explains a child without a UPN (UN1–UN10).
	UPNUnknown  string `db:"upn_unknown" json:"upn_unknown" code:"upn_unknown"`
	Nationality string `db:"nationality" json:"nationality"`
	Language    string `db:"first_language" json:"first_language"`
	// InterpreterNeeded matters for conferences and reports shared with parents.
	InterpreterNeeded bool `db:"interpreter_needed" json:"interpreter_needed"`
	// Restricted records (staff and their relatives, high-profile cases,
	// sealed adoption records) are visible only to named people.
	Restricted bool `db:"restricted" json:"restricted"`
}

var (
	nhsNumberPattern = regexp.MustCompile(`^[0-9]{10}$`)
	upnPattern       = regexp.MustCompile(`^[A-Z][0-9]{11}[0-9A-Z]$`)
)

// Check applies the rules that involve more than one field.
func (p *Person) Check() []FieldError {
	var errs []FieldError
	if !p.DateOfBirth.IsZero() && !p.ExpectedBirth.IsZero() {
		errs = append(errs, FieldError{"expected_birth", "record either a date of birth or an expected date of birth, not both"})
	}
	errs = append(errs, notBefore("date_of_death", "date of death", p.DateOfDeath, p.DateOfBirth, "date of birth")...)
	if p.NHSNumber != "" && !ValidNHSNumber(p.NHSNumber) {
		errs = append(errs, FieldError{"nhs_number", "The NHS number must be 10 digits with a valid check digit, like 9434765919"})
	}
	for _, u := range []struct{ field, name, value string }{{"upn", "UPN", p.UPN}, {"former_upn", "former UPN", p.FormerUPN}} {
		if u.value != "" && !upnPattern.MatchString(u.value) {
			errs = append(errs, FieldError{u.field, "The " + u.name + " must be 13 characters: a capital letter, 11 digits, then a digit or capital letter"})
		}
	}
	if p.UPN != "" && p.UPNUnknown != "" {
		errs = append(errs, FieldError{"upn_unknown", "leave blank when a UPN is recorded"})
	}
	return errs
}

// Unborn reports whether the person is an unborn child on date on.
func (p *Person) Unborn(on civil.Date) bool {
	return p.DateOfBirth.IsZero() && !p.ExpectedBirth.IsZero() ||
		!p.DateOfBirth.IsZero() && on.Before(p.DateOfBirth)
}

// Name is the person's full name.
func (p *Person) Name() string { return p.Forename + " " + p.Surname }

// ValidNHSNumber checks an NHS number's modulus 11 check digit.
func ValidNHSNumber(s string) bool {
	if !nhsNumberPattern.MatchString(s) {
		return false
	}
	sum := 0
	for i := 0; i < 9; i++ {
		sum += int(s[i]-'0') * (10 - i)
	}
	check := 11 - sum%11
	if check == 11 {
		check = 0
	}
	return check != 10 && check == int(s[9]-'0')
}

// Identifier is a dated identifier: a UPN and the ones before it, a Home
// Office reference, a court case number.
type Identifier struct {
	Entity
	PersonID  int64      `db:"person_id,ref" json:"person_id" v:"required"`
	Type      string     `db:"identifier_type" json:"identifier_type" code:"identifier_type" v:"required"`
	Value     string     `db:"value" json:"value" v:"required"`
	ValidFrom civil.Date `db:"valid_from" json:"valid_from"`
	ValidTo   civil.Date `db:"valid_to" json:"valid_to"`
}

func (i *Identifier) Check() []FieldError {
	return notBefore("valid_to", "date it was valid to", i.ValidTo, i.ValidFrom, "date it was valid from")
}

// Address is where a person lives or lived, with dates.
type Address struct {
	Entity
	PersonID int64      `db:"person_id,ref" json:"person_id" v:"required"`
	Type     string     `db:"address_type" json:"address_type" code:"address_type"`
	Line1    string     `db:"line1" json:"line1" v:"required"`
	Line2    string     `db:"line2" json:"line2"`
	Town     string     `db:"town" json:"town"`
	Postcode string     `db:"postcode" json:"postcode"`
	From     civil.Date `db:"start_date" json:"start_date" v:"required"`
	To       civil.Date `db:"end_date" json:"end_date"`
}

var postcodePattern = regexp.MustCompile(`^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$`)

func (a *Address) Check() []FieldError {
	errs := notBefore("end_date", "end date", a.To, a.From, "start date")
	if a.Postcode != "" && !postcodePattern.MatchString(a.Postcode) {
		errs = append(errs, FieldError{"postcode", "The postcode must be a UK postcode in capitals, such as DN1 3BU"})
	}
	return errs
}

// Relationship links a person to another: "RelatedPersonID is the person's
// mother". Household membership is a relationship with LivesWith set.
type Relationship struct {
	Entity
	PersonID        int64  `db:"person_id,ref" json:"person_id" v:"required"`
	RelatedPersonID int64  `db:"related_person_id,ref" json:"related_person_id" v:"required"`
	Type            string `db:"relationship_type" json:"relationship_type" code:"relationship_type" v:"required"`
	// ParentalResponsibility is recorded for parents and carers.
	ParentalResponsibility bool       `db:"parental_responsibility" json:"parental_responsibility"`
	LivesWith              bool       `db:"lives_with" json:"lives_with"`
	From                   civil.Date `db:"start_date" json:"start_date"`
	To                     civil.Date `db:"end_date" json:"end_date"`
}

func (r *Relationship) Check() []FieldError {
	errs := notBefore("end_date", "end date", r.To, r.From, "start date")
	if r.PersonID != 0 && r.PersonID == r.RelatedPersonID {
		errs = append(errs, FieldError{"related_person_id", "A person cannot be related to themselves"})
	}
	return errs
}

// Disability is one recorded disability (CIN Disability codes). One that
// no longer applies is ended, not deleted.
type Disability struct {
	Entity
	PersonID int64      `db:"person_id,ref" json:"person_id" v:"required"`
	Code     string     `db:"disability_code" json:"disability_code" code:"disability" v:"required"`
	To       civil.Date `db:"end_date" json:"end_date"`
}

// InForce reports whether the disability applied on a day: it had not
// ended before it.
func (d *Disability) InForce(on civil.Date) bool { return d.To.IsZero() || !d.To.Before(on) }

// ImmigrationStatus is a dated immigration status, including unaccompanied
// asylum-seeking children.
type ImmigrationStatus struct {
	Entity
	PersonID int64      `db:"person_id,ref" json:"person_id" v:"required"`
	Status   string     `db:"status" json:"status" code:"immigration_status" v:"required"`
	From     civil.Date `db:"start_date" json:"start_date" v:"required"`
	To       civil.Date `db:"end_date" json:"end_date"`
}

func (s *ImmigrationStatus) Check() []FieldError {
	return notBefore("end_date", "end date", s.To, s.From, "start date")
}

// Seen is the relationship as the other person in it sees it: the same
// pair, dates, household and parental responsibility, the people swapped
// and the relationship turned (codes.InverseRelationship). sex is the sex
// of the person it is recorded on.
func (r Relationship) Seen(sex string) Relationship {
	r.PersonID, r.RelatedPersonID = r.RelatedPersonID, r.PersonID
	r.Type = codes.InverseRelationship(r.Type, sex)
	return r
}

// Tie is one of a person's relationships as they see it, from whichever
// side it is recorded.
type Tie struct {
	Relationship
	// RecordedOn is whose record the relationship is on: the person's own,
	// or the other person's (then Relationship is turned, Seen).
	RecordedOn int64
}

// Family is a person's relationships recorded from either side, each as
// the person sees it (XC-06): own are recorded on their record, naming on
// other people's records and name them; sexOf is the sex of each person
// who names them. A pair recorded from both sides, in force at the same
// time, is one tie: the person's own record of it.
func Family(own, naming []Relationship, sexOf func(int64) string) []Tie {
	out := make([]Tie, 0, len(own)+len(naming))
	for _, r := range own {
		out = append(out, Tie{r, r.PersonID})
	}
	for _, r := range naming {
		twice := slices.ContainsFunc(own, func(o Relationship) bool {
			return o.RelatedPersonID == r.PersonID && overlap(o.From, o.To, r.From, r.To)
		})
		if !twice {
			out = append(out, Tie{r.Seen(sexOf(r.PersonID)), r.PersonID})
		}
	}
	return out
}

// overlap reports whether two periods share a day; a blank start or end
// is open.
func overlap(from1, to1, from2, to2 civil.Date) bool {
	return (from1.IsZero() || to2.IsZero() || !to2.Before(from1)) && (from2.IsZero() || to1.IsZero() || !to1.Before(from2))
}
