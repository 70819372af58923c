package domain

import (
	"regexp"

	"github.com/waymark-care/waymark/internal/civil"
)

// Organisation is an agency the service works with: a police force, a health
// trust, a school, a placement provider, another authority.
type Organisation struct {
	Entity
	Name   string `db:"name" json:"name" v:"required"`
	Agency string `db:"agency" json:"agency" code:"agency" v:"required"`
	// URN is the Ofsted unique reference number of a registered provider.
	URN      string `db:"urn" json:"urn"`
	Postcode string `db:"postcode" json:"postcode"`
}

// Team is a team or service in the authority. ParentTeamID builds the
// management line, up to the director.
type Team struct {
	Entity
	Name         string `db:"name" json:"name" v:"required"`
	Type         string `db:"team_type" json:"team_type" code:"team_type" v:"required"`
	ParentTeamID int64  `db:"parent_team_id,ref" json:"parent_team_id"`
	// ManagerID is the professional who manages the team.
	ManagerID int64 `db:"manager_id,ref" json:"manager_id"`
}

// Professional is a member of staff or a partner agency's practitioner.
type Professional struct {
	Entity
	StaffID        string `db:"staff_id" json:"staff_id"`
	Name           string `db:"name" json:"name" v:"required"`
	Role           string `db:"role" json:"role" code:"professional_role" v:"required"`
	JobTitle       string `db:"job_title" json:"job_title"`
	TeamID         int64  `db:"team_id,ref" json:"team_id"`
	OrganisationID int64  `db:"organisation_id,ref" json:"organisation_id"`
	// Registration says whether the worker is a registered social worker
	// or in an unqualified role (FD-04). RegistrationNumber is the Social
	// Work England number (SW…), which feeds SSDA903 SW_ID; a registration
	// runs from RegisteredFrom (if known) to RegistrationExpiry.
	Registration       string     `db:"registration" json:"registration" code:"worker_registration"`
	RegistrationNumber string     `db:"registration_number" json:"registration_number"`
	RegisteredFrom     civil.Date `db:"registered_from" json:"registered_from"`
	RegistrationExpiry civil.Date `db:"registration_expiry" json:"registration_expiry"`
	// DisabilitySpecialist marks a worker the front door consults about a
	// disabled child (FD-13).
	DisabilitySpecialist bool       `db:"disability_specialist" json:"disability_specialist"`
	Agency               bool       `db:"agency_worker" json:"agency_worker"`
	FTE                  float64    `db:"fte" json:"fte"`
	Email                string     `db:"email" json:"email"`
	StartDate            civil.Date `db:"start_date" json:"start_date"`
	LeftDate             civil.Date `db:"left_date" json:"left_date"`
}

var registrationPattern = regexp.MustCompile(`^SW[0-9]{1,10}$`)

func (p *Professional) Check() []FieldError {
	var errs []FieldError
	if p.RegistrationNumber != "" && !registrationPattern.MatchString(p.RegistrationNumber) {
		errs = append(errs, FieldError{"registration_number", "must be a Social Work England number, such as SW123456"})
	}
	if p.FTE < 0 || p.FTE > 1 {
		errs = append(errs, FieldError{"fte", "must be between 0 and 1"})
	}
	if p.Registration == "registered" {
		errs = append(errs, requiredWhen(true, "registration_number", p.RegistrationNumber, "enter the Social Work England registration number")...)
		errs = append(errs, requiredWhen(true, "registration_expiry", p.RegistrationExpiry, "enter the date the registration expires")...)
	}
	if p.Registration == "unqualified" && p.RegistrationNumber != "" {
		errs = append(errs, FieldError{"registration_number", "leave blank for an unqualified worker"})
	}
	errs = append(errs, notBefore("registration_expiry", "date the registration expires", p.RegistrationExpiry, p.RegisteredFrom, "date the registration started")...)
	return append(errs, notBefore("left_date", "date they left", p.LeftDate, p.StartDate, "start date")...)
}

// RegisteredOn reports whether the worker was a registered social worker on
// a day: registered, and the day within their registration (FD-04).
func (p *Professional) RegisteredOn(d civil.Date) bool {
	return p.Registration == "registered" && !d.IsZero() && !d.Before(p.RegisteredFrom) &&
		!p.RegistrationExpiry.IsZero() && !d.After(p.RegistrationExpiry)
}

// Involvement is a professional's allocation to a child: the allocated
// social worker, the IRO, the personal adviser. Ending one and starting
// another records a change of worker, with its reason.
type Involvement struct {
	Entity
	PersonID       int64      `db:"person_id,ref" json:"person_id" v:"required"`
	ReferralID     int64      `db:"referral_id,ref" json:"referral_id"`
	ProfessionalID int64      `db:"professional_id,ref" json:"professional_id" v:"required"`
	TeamID         int64      `db:"team_id,ref" json:"team_id"`
	Role           string     `db:"role" json:"role" code:"involvement_role" v:"required"`
	From           civil.Date `db:"start_date" json:"start_date" v:"required"`
	To             civil.Date `db:"end_date" json:"end_date"`
	ChangeReason   string     `db:"change_reason" json:"change_reason" code:"worker_change_reason"`
}

func (i *Involvement) Check() []FieldError {
	errs := notBefore("end_date", "end date", i.To, i.From, "start date")
	return append(errs, requiredWhen(!i.To.IsZero() && i.Role == "allocated_social_worker",
		"change_reason", i.ChangeReason, "enter the reason the allocated social worker changed")...)
}
