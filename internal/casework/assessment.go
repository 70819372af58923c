package casework

import (
	"fmt"
	"slices"
	"strings"

	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/domain"
)

// HouseholdChild is another child living with the child, with their
// assessments: what the household check needs (AC-07, XC-06).
type HouseholdChild struct {
	Person      domain.Person
	Assessments []domain.Assessment
}

// AssessmentDue is the day a child and family assessment must be done by:
// 45 working days after it started (CP-2, XC-01).
func (r Rules) AssessmentDue(a *domain.Assessment) civil.Date {
	return r.Calendar.AddWorkingDays(a.StartDate, AssessmentWD)
}

// CheckAssessment is the check on completing (or authorising) an
// assessment:
//
//   - the child was seen, with the date and whether alone, or the reason
//     they were not; an unborn baby needs neither (AC-06);
//   - the factors, the analysis of risk and need and the outcome are
//     recorded (AC-05);
//   - an assessment finished after 45 working days says why (CP-2);
//   - every other child in the household was assessed alongside, or the
//     assessment says why not (AC-07).
//
// The day it is finished is the authorisation date if set, else the
// completion date.
func (r Rules) CheckAssessment(cr *domain.ChildRecord, a *domain.Assessment, household []HouseholdChild) []domain.FieldError {
	var errs fieldErrors
	errs.require(a.CompletedDate.IsZero(), "completed_date", "Enter the date the assessment was completed")
	finished := a.AuthorisedDate
	if finished.IsZero() {
		finished = a.CompletedDate
	}
	unborn := cr.Person.Unborn(a.StartDate)
	switch {
	case !a.ChildSeenDate.IsZero():
		errs.require(a.SeenAlone == nil, "seen_alone", "Say whether the child was seen alone")
	case a.NotSeenReason == "" && !unborn:
		errs.add("child_seen_date", "Enter the date the child was seen, or why they were not seen")
	}
	errs.require(len(a.Factors) == 0, "factors", `Select the factors identified, or "no factors identified"`)
	errs.require(a.Analysis == "", "analysis", "Enter the analysis of the child's needs and the risks to them")
	errs.require(len(a.Outcomes) == 0, "outcomes", "Select the outcome of the assessment")
	if !finished.IsZero() && finished.After(r.AssessmentDue(a)) && a.LateReason == "" {
		errs.add("late_reason", fmt.Sprintf("The assessment took %d working days, more than %d: say why",
			r.Calendar.WorkingDaysBetween(a.StartDate, finished), AssessmentWD))
	}
	if a.HouseholdReason == "" {
		if missed := notAssessedAlongside(a, household, finished); len(missed) > 0 {
			errs.add("household_reason", fmt.Sprintf("%s %s in the household but %s no assessment alongside this one: assess them too, or say why not",
				names(missed), verb(len(missed), "lives", "live"), verb(len(missed), "has", "have")))
		}
	}
	return errs
}

// notAssessedAlongside returns the household's children with no assessment
// running at some time while a was (from its start to finished, or still
// open).
func notAssessedAlongside(a *domain.Assessment, household []HouseholdChild, finished civil.Date) []string {
	var missed []string
	for _, h := range household {
		if !childOn(&h.Person, a.StartDate) {
			continue
		}
		alongside := slices.ContainsFunc(h.Assessments, func(o domain.Assessment) bool {
			return (finished.IsZero() || !o.StartDate.After(finished)) && (o.CompletedDate.IsZero() || !o.CompletedDate.Before(a.StartDate))
		})
		if !alongside {
			missed = append(missed, h.Person.Name())
		}
	}
	return missed
}

// childOn reports whether a person is a child on a day: unborn, or under 18.
// A person with no date of birth recorded counts, so the check errs on the
// side of asking.
func childOn(p *domain.Person, day civil.Date) bool {
	if p.DateOfBirth.IsZero() {
		return p.DateOfDeath.IsZero()
	}
	return p.DateOfDeath.IsZero() && (p.Unborn(day) || p.DateOfBirth.AgeOn(day) < 18)
}

// InNeed reports whether an assessment found the child in need of services
// from children's social care: its outcome is the provision of services or
// short breaks. Such a child needs a child in need plan (AC-11).
func InNeed(a *domain.Assessment) bool {
	return slices.Contains(a.Outcomes, "provide_services") || slices.Contains(a.Outcomes, "short_breaks")
}

func names(ns []string) string {
	if len(ns) == 1 {
		return ns[0]
	}
	return strings.Join(ns[:len(ns)-1], ", ") + " and " + ns[len(ns)-1]
}

func verb(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
