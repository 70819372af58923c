package codes

import "strings"

// SSDA903 children looked after return lists (returns.md §2). The 903 also
// uses the CIN ethnicity list for ETHNIC.
const (
	SSDA903Sex                  = "ssda903_sex"
	SSDA903UPNUnknown           = "ssda903_upn_unknown"
	ReasonNewEpisode            = "reason_new_episode"
	LegalStatus                 = "legal_status"
	CategoryOfNeed              = "category_of_need"
	PlacementType               = "placement_type"
	PlacementProvider           = "placement_provider"
	PlacementLocation           = "placement_location"
	ReasonEpisodeCeased         = "reason_episode_ceased"
	ReasonPlaceChange           = "reason_place_change"
	ReviewParticipation         = "review_participation"
	CareLeaverInTouch           = "care_leaver_in_touch"
	CareLeaverActivity          = "care_leaver_activity"
	CareLeaverAccommodationType = "care_leaver_accommodation_type"
	CareLeaverAccommodation     = "care_leaver_accommodation"
	SDQReason                   = "sdq_reason"
	NumberOfAdopters            = "number_of_adopters"
	AdopterSex                  = "adopter_sex"
	AdopterLegalStatus          = "adopter_legal_status"
	ReasonPlacedCeased          = "reason_placed_ceased"
	PreviousPermanence          = "previous_permanence"
	WorkerChangeReason          = "worker_change_reason"
	MissingType                 = "missing_type"
)

// accommodationTypeCodes are the letters of OC3 ACCOM.
var accommodationTypeCodes = []Code{
	{Value: "B", Description: "With parent(s) or relative(s)"},
	{Value: "C", Description: "Community home or other residential care (e.g. NHS establishment)"},
	{Value: "D", Description: "Semi-independent / transitional accommodation; self-contained with specialist or floating support"},
	{Value: "E", Description: "Supported lodgings"},
	{Value: "G", Description: "Gone abroad"},
	{Value: "H", Description: "Deported"},
	{Value: "K", Description: "Ordinary lodgings without formal support"},
	{Value: "R", Description: "Residence not known"},
	{Value: "S", Description: "No fixed abode / homeless"},
	{Value: "T", Description: "Foyer or similar (accommodation with education, training or employment opportunities)"},
	{Value: "U", Description: "Independent living (own tenancy, university accommodation, flat share)"},
	{Value: "V", Description: "Emergency accommodation"},
	{Value: "W", Description: "Bed and breakfast"},
	{Value: "X", Description: "In custody"},
	{Value: "Y", Description: "Other accommodation"},
	{Value: "Z", Description: "With former foster carer(s) (18+, \"staying put\"; not for 17-year-olds)"},
}

// accommodationCodes expands the ACCOM values the DfE-aligned validator
// accepts, each an accommodation letter and a suitability digit, or 0.
func accommodationCodes(accepted string) []Code {
	suitability := map[byte]string{'1': "suitable", '2': "unsuitable"}
	var cs []Code
	for _, v := range strings.Fields(accepted) {
		if v == "0" {
			cs = append(cs, Code{Value: v, Description: "No information"})
			continue
		}
		letter := pick(accommodationTypeCodes, v[:1])[0]
		cs = append(cs, Code{Value: v, Description: letter.Description + ": " + suitability[v[1]]})
	}
	return cs
}

var ssda903Lists = []*List{
	{Name: SSDA903Sex, Title: "sex", Source: "returns.md §2.2 SEX", Codes: append([]Code{
		{Value: "1", Description: "Male", To: "2023-24"},
		{Value: "2", Description: "Female", To: "2023-24"},
	}, sexCodes...)},
	{Name: SSDA903UPNUnknown, Title: "reason for no UPN", Source: "returns.md §2.2 UPN (rule 168); §1.4 UPNunknown",
		Codes: pick(upnUnknownCodes, "UN1", "UN2", "UN3", "UN4", "UN5")},
	{Name: ReasonNewEpisode, Title: "reason for new episode", Source: "returns.md §2.4 RNE", Codes: []Code{
		{Value: "S", Description: "Started to be looked after (also each V3/V4 short-break agreement or episode)"},
		{Value: "L", Description: "Change of legal status only"},
		{Value: "P", Description: "Change of placement and carer(s) only"},
		{Value: "T", Description: "Change of placement but same carer(s) only (incl. provider or URN change with the same carer)"},
		{Value: "B", Description: "Change of legal status and placement and carer(s) on the same day"},
		{Value: "U", Description: "Change of legal status and placement, same carer(s), on the same day"},
	}},
	{Name: LegalStatus, Title: "legal status", Source: "returns.md §2.4 LS", Codes: []Code{
		{Value: "C1", Description: "Interim care order"},
		{Value: "C2", Description: "Full care order"},
		{Value: "D1", Description: "Freeing order granted"},
		{Value: "E1", Description: "Placement order granted"},
		{Value: "V2", Description: "Single period of accommodation under s20"},
		{Value: "V3", Description: "Agreed series of short breaks, individual episodes recorded"},
		{Value: "V4", Description: "Agreed series of short breaks, agreements recorded"},
		{Value: "L1", Description: "Police protection, in LA accommodation"},
		{Value: "L2", Description: "Emergency protection order"},
		{Value: "L3", Description: "Child assessment order, in LA accommodation"},
		{Value: "J1", Description: "Remanded to LA accommodation or youth detention accommodation"},
		{Value: "J2", Description: "Placed in LA accommodation under PACE 1984"},
		{Value: "J3", Description: "Sentenced to a youth rehabilitation order with residence or intensive fostering requirement"},
	}},
	{Name: CategoryOfNeed, Title: "category of need", Source: "returns.md §2.4 CIN; §1.4 PrimaryNeedCode",
		Codes: pick(primaryNeedCodes, "N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8")},
	{Name: PlacementType, Title: "placement type", Source: "returns.md §2.4 PLACE", Codes: []Code{
		{Value: "A3", Description: "Placed for adoption with consent, with current foster carer(s) (s19 ACA 2002 / freeing order with consent)"},
		{Value: "A4", Description: "Placed for adoption with consent, not with current foster carer(s)"},
		{Value: "A5", Description: "Placed for adoption under a placement order, with current foster carer(s) (s21 ACA 2002 / freeing order, consent dispensed with)"},
		{Value: "A6", Description: "Placed for adoption under a placement order, not with current foster carer(s)"},
		{Value: "H5", Description: "Semi-independent living accommodation not subject to children's homes regulations", To: "2024-25"},
		{Value: "K1", Description: "Secure children's home"},
		{Value: "K2", Description: "Children's home subject to Children's Homes Regulations"},
		{Value: "K3", Description: "Supported accommodation (Ofsted-registered supported accommodation, not subject to children's homes regulations)", From: "2024-25"},
		{Value: "P1", Description: "Placed with own parent(s) or other person(s) with parental responsibility"},
		{Value: "P2", Description: "Independent living (flat, lodgings, bedsit, B&B or with friends, with or without support)", To: "2024-25"},
		{Value: "P3", Description: "Residential employment"},
		{Value: "R1", Description: "Residential care home"},
		{Value: "R2", Description: "NHS / health trust or other establishment providing medical or nursing care"},
		{Value: "R3", Description: "Family centre or mother and baby unit"},
		{Value: "R5", Description: "Young offender institution"},
		{Value: "S1", Description: "Residential school (except where dual-registered as a children's home)"},
		{Value: "T0", Description: "All types of temporary move"},
		{Value: "T1", Description: "Temporary period in hospital"},
		{Value: "T2", Description: "Temporary absence on holiday"},
		{Value: "T3", Description: "Temporary accommodation while normal foster carer is on holiday"},
		{Value: "T4", Description: "Temporary accommodation of 7 days or less not covered by T1–T3"},
		{Value: "U1", Description: "Foster placement with relative/friend: long-term fostering"},
		{Value: "U2", Description: "Foster placement with relative/friend who is also an approved adopter: FFA / concurrent planning"},
		{Value: "U3", Description: "Foster placement with relative/friend: not long-term or FFA"},
		{Value: "U4", Description: "Foster placement with other foster carer: long-term fostering"},
		{Value: "U5", Description: "Foster placement with other foster carer who is also an approved adopter: FFA / concurrent planning"},
		{Value: "U6", Description: "Foster placement with other foster carer: not long-term or FFA"},
		{Value: "Z1", Description: "Other placements (must be listed on a schedule sent to DfE)", To: "2024-25"},
		// returns.md does not give the meanings of the Z1 sub-types.
		{Value: "Z11", Description: "Other placement, sub-type Z11 (replaces Z1; meaning not confirmed)", From: "2025-26"},
		{Value: "Z12", Description: "Other placement, sub-type Z12 (replaces Z1; meaning not confirmed)", From: "2025-26"},
		{Value: "Z13", Description: "Other placement, sub-type Z13 (replaces Z1; meaning not confirmed)", From: "2025-26"},
		{Value: "Z14", Description: "Other placement, sub-type Z14 (replaces Z1; meaning not confirmed)", From: "2025-26"},
	}},
	{Name: PlacementProvider, Title: "placement provider", Source: "returns.md §2.4 PLACE_PROVIDER", Codes: []Code{
		{Value: "PR0", Description: "Parent(s) or other person(s) with parental responsibility"},
		{Value: "PR1", Description: "Own provision by the authority (incl. a regional adoption agency hosted by it)"},
		{Value: "PR2", Description: "Other LA provision (incl. a RAA hosted by another authority)"},
		{Value: "PR3", Description: "Other public provision"},
		{Value: "PR4", Description: "Private provision"},
		{Value: "PR5", Description: "Voluntary / third sector provision"},
	}},
	{Name: PlacementLocation, Title: "placement location", Source: "returns.md §2.1 PL_LOCATION (derived); §3.3 Placement Location", Codes: []Code{
		{Value: "IN", Description: "In the authority's area"},
		{Value: "OUT", Description: "Outside the authority's area"},
	}},
	{Name: ReasonEpisodeCeased, Title: "reason episode ceased", Source: "returns.md §2.4 REC", Codes: []Code{
		{Value: "X1", Description: "Episode ceases and a new episode begins the same day (any reason)"},
		{Value: "E11", Description: "Adopted: application unopposed"},
		{Value: "E12", Description: "Adopted: consent dispensed with by the court"},
		{Value: "E2", Description: "Died"},
		{Value: "E3", Description: "Care taken over by another LA in the UK"},
		{Value: "E4A", Description: "Returned home to parent(s)/relative(s)/person with PR as part of care planning (not under SGO or CAO)"},
		{Value: "E4B", Description: "Returned home to parent(s)/relative(s)/person with PR, not part of current care planning"},
		{Value: "E13", Description: "Left care to live with parent(s)/relative(s)/other person(s) with no PR"},
		{Value: "E41", Description: "Residence order / child arrangements order (with whom the child lives) granted"},
		{Value: "E45", Description: "SGO to former foster carer(s) who are relatives/friends"},
		{Value: "E46", Description: "SGO to former foster carer(s) who are not relatives/friends"},
		{Value: "E47", Description: "SGO to other carer(s) who are relatives/friends"},
		{Value: "E48", Description: "SGO to other carer(s) who are not relatives/friends"},
		{Value: "E5", Description: "Moved into independent living with supportive accommodation (formal advice/support)"},
		{Value: "E6", Description: "Moved into independent living without formal support"},
		{Value: "E7", Description: "Transferred to residential care funded by adult social care"},
		{Value: "E9", Description: "Sentenced to custody"},
		{Value: "E14", Description: "Accommodation on remand ended"},
		{Value: "E15", Description: "Age assessment found the child to be 18 or over (E5–E7 not applicable)"},
		{Value: "E16", Description: "Child moved abroad"},
		{Value: "E17", Description: "Aged 18+ and remained with current carers (incl. staying put)"},
		{Value: "E8", Description: "Ceased for any other reason"},
	}},
	{Name: ReasonPlaceChange, Title: "reason for placement change", Source: "returns.md §2.4 REASON_PLACE_CHANGE", Codes: []Code{
		{Value: "CARPL", Description: "Change to / implementation of the care plan (planned)"},
		{Value: "CLOSE", Description: "Resignation of the carer / closure of the provision (planned)"},
		{Value: "ALLEG", Description: "Allegation under investigation (s47)"},
		{Value: "STAND", Description: "Standards-of-care concern (not s47)"},
		{Value: "APPRR", Description: "Approval / registration removed"},
		{Value: "CREQB", Description: "Carer(s) requested the placement end because of the child's behaviour"},
		{Value: "CREQO", Description: "Carer(s) requested the placement end for other reasons"},
		{Value: "CHILD", Description: "Child requested the placement end"},
		{Value: "LAREQ", Description: "Responsible or area authority requested the placement end"},
		{Value: "PLACE", Description: "Change in the status of the placement only"},
		{Value: "CUSTOD", Description: "Custody arrangement"},
		{Value: "OTHER", Description: "Other reason"},
	}},
	{Name: ReviewParticipation, Title: "review participation", Source: "returns.md §2.4 REVIEW_CODE", Codes: []Code{
		{Value: "PN0", Description: "Child under 4 at the time of the review"},
		{Value: "PN1", Description: "Attends and speaks for themselves"},
		{Value: "PN2", Description: "Attends; an advocate speaks for them"},
		{Value: "PN3", Description: "Attends and conveys views symbolically (non-verbally)"},
		{Value: "PN4", Description: "Attends but makes no contribution"},
		{Value: "PN5", Description: "Does not attend; briefs an advocate / IRO to speak for them"},
		{Value: "PN6", Description: "Does not attend; conveys views by another medium (text, written, phone, audio/video)"},
		{Value: "PN7", Description: "Does not attend and views not conveyed"},
	}},
	{Name: CareLeaverInTouch, Title: "care leaver in touch", Source: "returns.md §2.4 OC3 IN_TOUCH", Codes: []Code{
		{Value: "YES", Description: "In touch"},
		{Value: "NO", Description: "Not in touch"},
		{Value: "DIED", Description: "Died since leaving care"},
		{Value: "REFU", Description: "Young person refuses contact"},
		{Value: "NREQ", Description: "Young person no longer requires services"},
		{Value: "RHOM", Description: "Returned to live with parents / person with PR for a continuous period of 6 months or more"},
	}},
	// F3 and P3 are superseded by F4/F5 and P4/P5; returns.md gives no
	// year, so they are not listed.
	{Name: CareLeaverActivity, Title: "care leaver activity", Source: "returns.md §2.4 OC3 ACTIV", Codes: []Code{
		{Value: "F1", Description: "Full-time in higher education"},
		{Value: "P1", Description: "Part-time in higher education"},
		{Value: "F2", Description: "Full-time in education other than higher education"},
		{Value: "P2", Description: "Part-time in education other than higher education"},
		{Value: "F4", Description: "Full-time apprenticeship"},
		{Value: "P4", Description: "Part-time apprenticeship"},
		{Value: "F5", Description: "Full-time training or employment (not apprenticeship)"},
		{Value: "P5", Description: "Part-time training or employment (not apprenticeship)"},
		{Value: "G4", Description: "NEET because of illness or disability"},
		{Value: "G5", Description: "NEET, other circumstances"},
		{Value: "G6", Description: "NEET because of pregnancy or parenting"},
		{Value: "0", Description: "No information"},
	}},
	{Name: CareLeaverAccommodationType, Title: "care leaver accommodation type", Source: "returns.md §2.4 OC3 ACCOM (letter); §3.3 Type of Accommodation",
		Codes: accommodationTypeCodes},
	// Homelessness and custody are always unsuitable: no S1 or X1.
	{Name: CareLeaverAccommodation, Title: "care leaver accommodation", Source: "returns.md §2.4 OC3 ACCOM",
		Codes: accommodationCodes("B1 B2 C1 C2 D1 D2 E1 E2 G1 G2 H1 H2 K1 K2 R1 R2 S2 T1 T2 U1 U2 V1 V2 W1 W2 X2 Y1 Y2 Z1 Z2 0")},
	{Name: SDQReason, Title: "reason for no SDQ score", Source: "returns.md §2.4 OC2 SDQ_REASON", Codes: []Code{
		{Value: "SDQ1", Description: "No form returned: child under 4 or over 16 at the latest assessment"},
		{Value: "SDQ2", Description: "Carer refused to complete and return the questionnaire"},
		{Value: "SDQ3", Description: "Not possible because of the severity of the child's disability"},
		{Value: "SDQ4", Description: "Other"},
		{Value: "SDQ5", Description: "Child or young person refused to allow an SDQ to be completed"},
	}},
	{Name: NumberOfAdopters, Title: "number of adopters", Source: "returns.md §2.4 AD1 NB_ADOPTR", Codes: []Code{
		{Value: "1", Description: "Single adopter"},
		{Value: "2", Description: "Couple"},
	}},
	{Name: AdopterSex, Title: "adopters' sex", Source: "returns.md §2.4 AD1 SEX_ADOPTR", Codes: []Code{
		{Value: "M1", Description: "Single male"},
		{Value: "F1", Description: "Single female"},
		{Value: "MM", Description: "Male couple"},
		{Value: "FF", Description: "Female couple"},
		{Value: "MF", Description: "Male/female couple"},
	}},
	{Name: AdopterLegalStatus, Title: "adopters' legal status", Source: "returns.md §2.4 AD1 LS_ADOPTR", Codes: []Code{
		{Value: "L0", Description: "Single adopter"},
		{Value: "L11", Description: "Different-gender married couple"},
		{Value: "L12", Description: "Same-gender married couple"},
		{Value: "L2", Description: "Civil partnership couple"},
		{Value: "L3", Description: "Different-gender unmarried couple"},
		{Value: "L4", Description: "Same-gender couple, not married or in a civil partnership"},
	}},
	{Name: ReasonPlacedCeased, Title: "reason no longer to be placed for adoption", Source: "returns.md §2.4 PlacedAdoption REASON_PLACED_CEASED", Codes: []Code{
		{Value: "RD1", Description: "Child's needs changed after the decision"},
		{Value: "RD2", Description: "Court did not make a placement order"},
		{Value: "RD3", Description: "Prospective adopters could not be found"},
		{Value: "RD4", Description: "Any other reason"},
	}},
	{Name: PreviousPermanence, Title: "previous permanence order", Source: "returns.md §2.4 PrevPerm PREV_PERM", Codes: []Code{
		{Value: "P1", Description: "Adoption"},
		{Value: "P2", Description: "Special guardianship order"},
		{Value: "P3", Description: "Residence order / child arrangements order (with whom the child lives)"},
		{Value: "P4", Description: "Unknown whether there was a previous permanence order"},
		{Value: "Z1", Description: "No previous permanence option"},
	}},
	{Name: WorkerChangeReason, Title: "reason for change of social worker", Source: "returns.md §2.4 SWEpisodes SW_REASON", Codes: []Code{
		{Value: "MANAGE", Description: "Managing caseloads", From: "2023-24"},
		{Value: "FCONTA", Description: "First contact or re-referral", From: "2023-24"},
		{Value: "LEFTRL", Description: "Previous social worker left the role", From: "2023-24"},
		{Value: "ORGRST", Description: "Organisational restructure", From: "2023-24"},
		{Value: "TSPROC", Description: "Transfer under the standard process (e.g. team to team)", From: "2023-24"},
		{Value: "ABSENC", Description: "Absence cover or return from absence", From: "2023-24"},
		{Value: "CHCHAN", Description: "Child requested change", From: "2023-24"},
		{Value: "PCCHAN", Description: "Parent/carer requested change", From: "2023-24"},
		{Value: "SWDIED", Description: "Previous social worker died", From: "2023-24"},
		{Value: "OTHERS", Description: "Other reason", From: "2023-24"},
	}},
	{Name: MissingType, Title: "missing or away from placement", Source: "returns.md §2.4 Missing MISSING", Codes: []Code{
		{Value: "M", Description: "Missing: not at the placement or expected place, whereabouts not known"},
		{Value: "A", Description: "Away from placement without authorisation: whereabouts known but not where expected, and there is concern or a notification to the LA or police"},
	}},
}
