package codes

// Ofsted Annex A picklists that no CIN or SSDA903 list covers (returns.md
// §3.3). The value is the picklist letter or number; the workbook cell is
// the value, then ") " (" - " for the adopter list), then the description.
const (
	AnnexAGender                = "annex_a_gender"
	AnnexACaseStatus            = "annex_a_case_status"
	AnnexAPermanencePlan        = "annex_a_permanence_plan"
	AnnexACareLeaverEligibility = "annex_a_care_leaver_eligibility"
	AnnexAPlacementLA           = "annex_a_placement_la"
	AnnexAAdopterLeavingReason  = "annex_a_adopter_leaving_reason"
)

var annexALists = []*List{
	{Name: AnnexAGender, Title: "Annex A gender", Source: "returns.md §3.3 Gender", Codes: []Code{
		{Value: "a", Description: "Male"},
		{Value: "b", Description: "Female"},
		{Value: "c", Description: "Not stated/recorded"},
		{Value: "d", Description: "Neither"},
	}},
	{Name: AnnexACaseStatus, Title: "Annex A case status", Source: "returns.md §3.3 Case Status (List 6)", Codes: []Code{
		{Value: "a", Description: "Looked after child"},
		{Value: "b", Description: "Child Protection plan"},
		{Value: "c", Description: "Child in need plan"},
		{Value: "d", Description: "Open assessment"},
		{Value: "e", Description: "Closed episode"},
	}},
	{Name: AnnexAPermanencePlan, Title: "Annex A permanence plan", Source: "returns.md §3.3 Permanence plan (List 8)", Codes: []Code{
		{Value: "a", Description: "Return to family"},
		{Value: "b", Description: "Adoption"},
		{Value: "c", Description: "SGO/CAO"},
		{Value: "d", Description: "Supported living in the community"},
		{Value: "e", Description: "Long-term residential placement"},
		{Value: "f", Description: "Long-term fostering"},
		{Value: "g", Description: "other"},
	}},
	{Name: AnnexACareLeaverEligibility, Title: "Annex A care leaver eligibility category", Source: "returns.md §3.3 Eligibility Category (List 9)", Codes: []Code{
		{Value: "a", Description: "Relevant child"},
		{Value: "b", Description: "Former relevant child"},
		{Value: "c", Description: "Qualifying care leaver"},
		// Added by the SSD Annex A builder, possibly a newer template.
		{Value: "d", Description: "Eligible child"},
	}},
	// Otherwise the column holds the placement authority's name or code.
	{Name: AnnexAPlacementLA, Title: "Annex A LA of placement outside England or confidential", Source: "returns.md §3.3 LA of Placement (List 8)", Codes: []Code{
		{Value: "NIR", Description: "Northern Ireland"},
		{Value: "WAL", Description: "Wales"},
		{Value: "SCO", Description: "Scotland"},
		{Value: "NUK", Description: "Outside the UK"},
		{Value: "CON", Description: "Confidential"},
	}},
	{Name: AnnexAAdopterLeavingReason, Title: "Annex A reason for leaving the adoption process", Source: "returns.md §3.3 Reason for leaving adoption process (List 11)", Codes: []Code{
		{Value: "1", Description: "Adopter withdrew from process"},
		{Value: "2", Description: "Process put on hold"},
		{Value: "3", Description: "Application refused"},
	}},
}
