package casework

import (
	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/domain"
)

// Staff is what the checks on who did the work need of the workforce;
// worklist.Directory is one.
type Staff interface {
	Professional(id int64) *domain.Professional
	Team(id int64) *domain.Team
}

// CheckWorkers applies the checks that depend on who does the work, as a
// user saves rec (before is the record as stored, nil for a new one; actor
// is the user's own workforce record, 0 if their account has none; today is
// the day it is saved):
//
//   - only a social worker registered on the day may author an assessment,
//     complete it for authorisation, record its analysis, or make a
//     contact's threshold decision; unqualified staff may still record a
//     contact and the information gathered (FD-04);
//   - the consultation about a disabled child is with a worker flagged as
//     a disability specialist, or with the disabled children's team (FD-13).
func CheckWorkers(rec, before domain.Record, staff Staff, actor int64, today civil.Date) []domain.FieldError {
	var errs fieldErrors
	registered := func(field string, id int64, on civil.Date, what string) {
		if id == 0 || on.IsZero() {
			return
		}
		p := staff.Professional(id)
		switch {
		case p == nil:
			errs.add(field, "Select a member of staff")
		case !p.RegisteredOn(on):
			errs.add(field, p.Name+" was not a registered social worker on "+on.Long()+": only a registered social worker may "+what)
		}
	}
	switch v := rec.(type) {
	case *domain.Assessment:
		b, _ := before.(*domain.Assessment)
		if b == nil {
			b = &domain.Assessment{}
		}
		if v.ProfessionalID != b.ProfessionalID || v.StartDate != b.StartDate {
			registered("professional_id", v.ProfessionalID, v.StartDate, "author an assessment")
		}
		if !v.CompletedDate.IsZero() && v.CompletedDate != b.CompletedDate {
			if len(errs) == 0 {
				registered("professional_id", v.ProfessionalID, v.CompletedDate, "author an assessment")
			}
			registered("completed_date", actor, v.CompletedDate, "complete an assessment for authorisation")
		}
		if v.Analysis != "" && v.Analysis != b.Analysis {
			registered("analysis", actor, today, "record an analysis of risk and need")
		}
	case *domain.Contact:
		b, _ := before.(*domain.Contact)
		if b == nil {
			b = &domain.Contact{}
		}
		if v.Decision != "" && (v.Decision != b.Decision || v.ThresholdDecision != b.ThresholdDecision ||
			v.DecidedByID != b.DecidedByID || !v.DecisionAt.Equal(b.DecisionAt)) {
			registered("decided_by_id", v.DecidedByID, DayOf(v.DecisionAt), "make a threshold decision")
			registered("threshold_decision", actor, today, "record a threshold decision")
		}
		if id := v.DisabilityConsultedID; id != 0 && id != b.DisabilityConsultedID {
			if p := staff.Professional(id); p == nil || !p.DisabilitySpecialist {
				errs.add("disability_consulted_id", "Select a worker who is a disability specialist, or the disabled children’s team")
			}
		}
		if id := v.DisabilityTeamID; id != 0 && id != b.DisabilityTeamID {
			if t := staff.Team(id); t == nil || t.Type != "disabled_children" {
				errs.add("disability_team_id", "Select a disabled children’s team")
			}
		}
	}
	return errs
}
