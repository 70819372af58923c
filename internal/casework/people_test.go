package casework

import (
	"testing"

	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/domain"
)

// The child's details and family: dates that have happened, a birth that
// replaces the expected date, a new address or status that ends the one
// before, and one relationship in force with each family member (AC-07,
// XC-06).
func TestPeopleRules(t *testing.T) {
	d := civil.MustParse
	today := d("2026-01-01")
	if errs := CheckPerson(&domain.Person{DateOfBirth: d("2026-01-02"), DateOfDeath: d("2026-02-01")}, today); len(errs) != 2 {
		t.Errorf("future dates: %v", errs)
	}
	if errs := CheckPerson(&domain.Person{DateOfBirth: today}, today); errs != nil {
		t.Errorf("born today: %v", errs)
	}

	before := &domain.Person{ExpectedBirth: d("2026-01-20")}
	born := *before
	born.DateOfBirth = d("2025-12-30")
	RecordBirth(&born, before)
	if !born.ExpectedBirth.IsZero() {
		t.Error("the birth keeps the expected date")
	}
	// A date of birth given with a new expected date is a mistake the
	// record's own check names, not a birth.
	wrong := *before
	wrong.DateOfBirth, wrong.ExpectedBirth = d("2025-12-30"), d("2026-02-01")
	RecordBirth(&wrong, before)
	if wrong.ExpectedBirth.IsZero() {
		t.Error("a changed expected date was cleared")
	}

	cr := &domain.ChildRecord{
		Addresses: []domain.Address{
			{Entity: domain.Entity{ID: 1}, Line1: "Old", From: d("2015-01-01"), To: d("2018-12-31")},
			{Entity: domain.Entity{ID: 2}, Line1: "Home", From: d("2019-01-01")},
		},
		ImmigrationStatuses: []domain.ImmigrationStatus{{Entity: domain.Entity{ID: 3}, Status: "asylum_seeker", From: d("2025-01-01")}},
		Relationships:       []domain.Relationship{{Entity: domain.Entity{ID: 4}, RelatedPersonID: 9, Type: "mother"}},
	}
	ended := Superseded(cr, &domain.Address{Line1: "New", From: d("2025-12-01")})
	if len(ended) != 1 || ended[0].(*domain.Address).ID != 2 || ended[0].(*domain.Address).To != d("2025-11-30") {
		t.Errorf("a new address ends %v", ended)
	}
	if ended := Superseded(cr, &domain.Address{Entity: domain.Entity{ID: 2}, Line1: "Home", From: d("2019-01-01")}); ended != nil {
		t.Errorf("a changed address ends %v", ended)
	}
	if ended := Superseded(cr, &domain.ImmigrationStatus{Status: "refugee", From: d("2025-01-01")}); ended != nil {
		t.Errorf("a status starting the same day ends %v", ended)
	}
	if ended := Superseded(cr, &domain.ImmigrationStatus{Status: "refugee", From: d("2025-06-01")}); len(ended) != 1 || ended[0].(*domain.ImmigrationStatus).To != d("2025-05-31") {
		t.Errorf("a new status ends %v", ended)
	}

	own := domain.Family(cr.Relationships, nil, nil)
	if errs := CheckRelationship(own, &domain.Relationship{RelatedPersonID: 9, Type: "carer"}); len(errs) != 1 {
		t.Errorf("a second relationship with the mother: %v", errs)
	}
	if errs := CheckRelationship(own, &domain.Relationship{Entity: domain.Entity{ID: 4}, RelatedPersonID: 9, Type: "mother", LivesWith: true}); errs != nil {
		t.Errorf("changing the relationship: %v", errs)
	}
	// A grandmother's record names the child: she is in the family too.
	both := domain.Family(cr.Relationships, []domain.Relationship{{Entity: domain.Entity{ID: 7}, PersonID: 11, RelatedPersonID: cr.Person.ID, Type: "grandchild"}},
		func(int64) string { return "F" })
	if errs := CheckRelationship(both, &domain.Relationship{RelatedPersonID: 11, Type: "grandparent"}); len(errs) != 1 {
		t.Errorf("a second relationship with the grandmother, recorded on hers: %v", errs)
	}
	if errs := CheckRelationship(both, &domain.Relationship{Entity: domain.Entity{ID: 7}, RelatedPersonID: 11, Type: "grandparent", LivesWith: true}); errs != nil {
		t.Errorf("changing the grandmother's record of it: %v", errs)
	}
}
