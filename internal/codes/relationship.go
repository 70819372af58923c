package codes

// inverseRelationship is each relationship seen from the other side: if B
// is A's mother, A is B's child. A child's parent is their mother or father
// by the parent's sex (InverseRelationship).
var inverseRelationship = map[string]string{
	"mother": "child", "father": "child", "parent": "child", "child": "parent",
	"step_parent": "stepchild", "stepchild": "step_parent",
	"parent_partner": "partner_child", "partner_child": "parent_partner",
	"grandparent": "grandchild", "grandchild": "grandparent",
	"aunt_uncle": "niece_nephew", "niece_nephew": "aunt_uncle",
	"foster_carer": "foster_child", "foster_child": "foster_carer",
	"special_guardian": "special_guardianship_child", "special_guardianship_child": "special_guardian",
	"adoptive_parent": "adopted_child", "adopted_child": "adoptive_parent",
	// The same from both sides.
	"sibling": "sibling", "half_sibling": "half_sibling", "step_sibling": "step_sibling",
	"other_relative": "other_relative", "household_member": "household_member",
	"friend": "friend", "other": "other",
}

// InverseRelationship is a relationship (a RelationshipType code) seen
// from the other side: recorded on A's record as "B is A's <code>", it is
// what A is to B. sex is A's (a Sex code): A is B's mother or father when
// B is A's child, or their parent when A's sex is not known. An unknown
// code is "other".
func InverseRelationship(code, sex string) string {
	inv, ok := inverseRelationship[code]
	switch {
	case !ok:
		return "other"
	case inv != "parent":
		return inv
	case sex == "F" || sex == "2":
		return "mother"
	case sex == "M" || sex == "1":
		return "father"
	}
	return "parent"
}
