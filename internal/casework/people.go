package casework

import (
	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/domain"
)

// The child's details and family (docs/casework.md): the rules for a
// person's own details, and what a new address or status does to the one
// before it. A parent's language and interpreter need (AC-15), a child's
// disabilities (FD-13) and who lives with the child (AC-07, XC-06) are all
// read from these records, so they must be kept right.

// CheckPerson applies the rules of a person's details that need today: a
// date of birth or death has happened.
func CheckPerson(p *domain.Person, today civil.Date) []domain.FieldError {
	var errs []domain.FieldError
	if p.DateOfBirth.After(today) {
		errs = append(errs, domain.FieldError{Field: "date_of_birth", Message: "The date of birth must be today or in the past; for an unborn baby, record the expected date of birth"})
	}
	if p.DateOfDeath.After(today) {
		errs = append(errs, domain.FieldError{Field: "date_of_death", Message: "The date of death must be today or in the past"})
	}
	return errs
}

// RecordBirth makes a date of birth recorded for someone who had only an
// expected date of birth their birth: the expected date no longer applies.
func RecordBirth(p, before *domain.Person) {
	if before != nil && before.DateOfBirth.IsZero() && !p.DateOfBirth.IsZero() && p.ExpectedBirth == before.ExpectedBirth {
		p.ExpectedBirth = civil.Date{}
	}
}

// Superseded are the records a new one ends: a new address ends the
// address the person lived at, and a new immigration status the status
// before, the day before the new one starts (or the day it started, if
// that is later). Each is returned changed, to be saved with the new one.
func Superseded(cr *domain.ChildRecord, rec domain.Record) []domain.Record {
	if rec.Base().ID != 0 {
		return nil
	}
	end := func(from, start civil.Date) (civil.Date, bool) {
		if start.IsZero() || !from.Before(start) {
			return civil.Date{}, false
		}
		e := start.AddDays(-1)
		if e.Before(from) {
			e = from
		}
		return e, true
	}
	var out []domain.Record
	switch v := rec.(type) {
	case *domain.Address:
		for _, old := range cr.Addresses {
			if e, ok := end(old.From, v.From); ok && old.To.IsZero() {
				old.To = e
				out = append(out, &old)
			}
		}
	case *domain.ImmigrationStatus:
		for _, old := range cr.ImmigrationStatuses {
			if e, ok := end(old.From, v.From); ok && old.To.IsZero() {
				old.To = e
				out = append(out, &old)
			}
		}
	}
	return out
}

// CheckRelationship refuses a second relationship in force with someone
// already in the child's family, recorded from either side (family, as
// domain.Family makes it): that one is changed instead.
func CheckRelationship(family []domain.Tie, rel *domain.Relationship) []domain.FieldError {
	for _, other := range family {
		if other.ID != rel.ID && other.RelatedPersonID == rel.RelatedPersonID && rel.RelatedPersonID != 0 && other.To.IsZero() && rel.To.IsZero() {
			return []domain.FieldError{{Field: "related_person_id", Message: "They are already in the family: change that relationship instead"}}
		}
	}
	return nil
}
