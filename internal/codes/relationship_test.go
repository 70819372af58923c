package codes

import "testing"

// TestInverseRelationship: a relationship recorded from either side reads
// right from the other (XC-06): a mother recorded on the child is the same
// as a child recorded on the mother.
func TestInverseRelationship(t *testing.T) {
	for _, tc := range []struct{ code, sex, want string }{
		{"mother", "F", "child"},
		{"father", "M", "child"},
		{"child", "F", "mother"},
		{"child", "M", "father"},
		{"child", "2", "mother"},
		{"child", "U", "parent"},
		{"child", "", "parent"},
		{"parent", "", "child"},
		{"step_parent", "M", "stepchild"},
		{"stepchild", "F", "step_parent"},
		{"parent_partner", "M", "partner_child"},
		{"grandparent", "F", "grandchild"},
		{"aunt_uncle", "F", "niece_nephew"},
		{"foster_carer", "F", "foster_child"},
		{"special_guardian", "F", "special_guardianship_child"},
		{"adoptive_parent", "M", "adopted_child"},
		{"sibling", "F", "sibling"},
		{"half_sibling", "M", "half_sibling"},
		{"household_member", "", "household_member"},
		{"no_such_code", "", "other"},
	} {
		if got := InverseRelationship(tc.code, tc.sex); got != tc.want {
			t.Errorf("InverseRelationship(%q, %q) = %q, want %q", tc.code, tc.sex, got, tc.want)
		}
	}
	// Every code has an inverse in the list, and turning it back gives the
	// code again (a mother or father comes back by their sex).
	l, _ := Lookup(RelationshipType)
	for _, c := range l.Codes {
		inv := InverseRelationship(c.Value, "")
		if !l.Valid(inv) {
			t.Errorf("%s: inverse %q is not a relationship code", c.Value, inv)
		}
		sex := map[string]string{"mother": "F", "father": "M"}[c.Value]
		if back := InverseRelationship(inv, sex); back != c.Value {
			t.Errorf("%s: turned twice gives %q", c.Value, back)
		}
	}
}
