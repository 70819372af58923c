package codes

// Waymark's own lists, for things no return or dataset codes.
const (
	// People and their circumstances.
	PersonRole        = "person_role"
	RelationshipType  = "relationship_type"
	AddressType       = "address_type"
	IdentifierType    = "identifier_type"
	ImmigrationStatus = "immigration_status"
	Agency            = "agency"

	// Front door, early help and child protection.
	ContactDecision     = "contact_decision"
	EarlyHelpEndReason  = "early_help_end_reason"
	S47Outcome          = "s47_outcome"
	ConferenceType      = "conference_type"
	ConferenceDecision  = "conference_decision"
	PreProceedingsStage = "pre_proceedings_stage"
	CourtOrderType      = "court_order_type"
	// ThresholdLevel is the default continuum of need (FD-03); an authority's
	// own continuum is the local setting threshold.guidance.
	ThresholdLevel = "threshold_level"
	// Police domestic abuse notifications (FD-09).
	DASHRisk           = "dash_risk"
	DAChildPresence    = "da_child_presence"
	DANInformationItem = "dan_information_item"
	// A MASH partner's rating of the risk to the child (FD-12).
	RAGRating = "rag_rating"

	// Casework.
	VisitType         = "visit_type"
	PlanType          = "plan_type"
	ActionStatus      = "action_status"
	HealthCheckType   = "health_check_type"
	HealthCheckStatus = "health_check_status"
	CaseNoteType      = "case_note_type"
	CaseAuditGrade    = "case_audit_grade"

	// Workforce.
	TeamType         = "team_type"
	ProfessionalRole = "professional_role"
	InvolvementRole  = "involvement_role"
	// WorkerRegistration says whether a worker may do assessment work (FD-04).
	WorkerRegistration = "worker_registration"
)

var waymarkLists = []*List{
	{Name: PersonRole, Title: "person role", Source: "Waymark", Codes: []Code{
		{Value: "child", Description: "Child"},
		{Value: "parent_carer", Description: "Parent or carer"},
		{Value: "family_member", Description: "Family member"},
		{Value: "professional_contact", Description: "Professional contact"},
		{Value: "carer", Description: "Foster, kinship or residential carer"},
	}},
	{Name: RelationshipType, Title: "relationship", Source: "Waymark", Codes: []Code{
		{Value: "mother", Description: "Mother"},
		{Value: "father", Description: "Father"},
		{Value: "step_parent", Description: "Step-parent"},
		{Value: "parent_partner", Description: "Parent's partner"},
		{Value: "sibling", Description: "Brother or sister"},
		{Value: "half_sibling", Description: "Half-brother or half-sister"},
		{Value: "step_sibling", Description: "Stepbrother or stepsister"},
		{Value: "grandparent", Description: "Grandparent"},
		{Value: "aunt_uncle", Description: "Aunt or uncle"},
		{Value: "other_relative", Description: "Other relative"},
		{Value: "household_member", Description: "Other member of the household"},
		{Value: "foster_carer", Description: "Foster carer"},
		{Value: "special_guardian", Description: "Special guardian"},
		{Value: "adoptive_parent", Description: "Adoptive parent"},
		{Value: "friend", Description: "Family friend"},
		{Value: "other", Description: "Other"},
		// The other side of a parent's or carer's relationship: recorded on
		// a parent's record, or on a young parent's own (InverseRelationship).
		{Value: "parent", Description: "Parent"},
		{Value: "child", Description: "Son or daughter"},
		{Value: "stepchild", Description: "Stepson or stepdaughter"},
		{Value: "partner_child", Description: "Partner's child"},
		{Value: "grandchild", Description: "Grandchild"},
		{Value: "niece_nephew", Description: "Niece or nephew"},
		{Value: "foster_child", Description: "Foster child"},
		{Value: "special_guardianship_child", Description: "Child in their special guardianship"},
		{Value: "adopted_child", Description: "Adopted son or daughter"},
	}},
	{Name: AddressType, Title: "address type", Source: "Waymark", Codes: []Code{
		{Value: "home", Description: "Home address"},
		{Value: "placement", Description: "Placement address"},
		{Value: "temporary", Description: "Temporary address"},
		{Value: "previous", Description: "Previous address"},
		{Value: "correspondence", Description: "Address for letters"},
	}},
	{Name: IdentifierType, Title: "identifier type", Source: "Waymark", Codes: []Code{
		{Value: "nhs_number", Description: "NHS number"},
		{Value: "upn", Description: "Unique pupil number (UPN)"},
		{Value: "former_upn", Description: "Former unique pupil number"},
		{Value: "uln", Description: "Unique learner number (ULN)"},
		{Value: "home_office_ref", Description: "Home Office reference"},
		{Value: "ni_number", Description: "National Insurance number"},
		{Value: "court_case_number", Description: "Court case number"},
		{Value: "yot_number", Description: "Youth justice service reference"},
		{Value: "other", Description: "Other identifier"},
	}},
	{Name: ImmigrationStatus, Title: "immigration status", Source: "Waymark", Codes: []Code{
		{Value: "uasc", Description: "Unaccompanied asylum-seeking child"},
		{Value: "refugee", Description: "Refugee status granted"},
		{Value: "asylum_seeker", Description: "Asylum seeker (claim not yet decided)"},
		{Value: "leave_to_remain", Description: "Leave to remain"},
		{Value: "no_recourse_public_funds", Description: "No recourse to public funds"},
		{Value: "british_citizen", Description: "British citizen"},
		{Value: "eea_settled", Description: "EEA national with settled or pre-settled status"},
		{Value: "other", Description: "Other"},
	}},
	{Name: Agency, Title: "agency", Source: "Waymark", Codes: []Code{
		{Value: "childrens_social_care", Description: "Children's social care"},
		{Value: "police", Description: "Police"},
		{Value: "health", Description: "Health"},
		{Value: "education", Description: "Education"},
		{Value: "probation", Description: "Probation"},
		{Value: "housing", Description: "Housing"},
		{Value: "adult_social_care", Description: "Adult social care"},
		{Value: "youth_justice", Description: "Youth justice service"},
		{Value: "early_help", Description: "Early help"},
		{Value: "voluntary", Description: "Voluntary or community organisation"},
		{Value: "legal", Description: "Legal (courts, Cafcass, solicitors)"},
		{Value: "other", Description: "Other"},
	}},
	{Name: ContactDecision, Title: "contact decision", Source: "Waymark", Codes: []Code{
		{Value: "nfa", Description: "No further action"},
		{Value: "advice_signpost", Description: "Advice and signposting"},
		{Value: "early_help", Description: "Passed to early help"},
		{Value: "referral", Description: "Referral to children's social care"},
		{Value: "strategy_discussion", Description: "Strategy discussion"},
	}},
	{Name: ThresholdLevel, Title: "threshold level", Source: "Waymark (requirements FD-03 default)", Codes: []Code{
		{Value: "universal", Description: "Universal services"},
		{Value: "early_help", Description: "Early help"},
		{Value: "child_in_need", Description: "Child in need"},
		{Value: "child_protection", Description: "Child protection or looked after"},
	}},
	{Name: DASHRisk, Title: "DASH risk level", Source: "Waymark", Codes: []Code{
		{Value: "standard", Description: "Standard"},
		{Value: "medium", Description: "Medium"},
		{Value: "high", Description: "High"},
	}},
	{Name: RAGRating, Title: "MASH partner's rating", Source: "Waymark", Codes: []Code{
		{Value: "red", Description: "Red: high risk, act now"},
		{Value: "amber", Description: "Amber: some risk or need"},
		{Value: "green", Description: "Green: no concern known"},
	}},
	{Name: DAChildPresence, Title: "children at a domestic abuse incident", Source: "Waymark", Codes: []Code{
		{Value: "present", Description: "Children present at the incident"},
		{Value: "resident", Description: "Children live there but were not present"},
		{Value: "neither", Description: "Children neither present nor living there"},
	}},
	// What a police domestic abuse notification should tell the front door;
	// the items an authority requires are a local setting (dan.required_items).
	{Name: DANInformationItem, Title: "domestic abuse notification information", Source: "Waymark", Codes: []Code{
		{Value: "incident_account", Description: "What happened, and when"},
		{Value: "victim_details", Description: "Victim's name, date of birth and address"},
		{Value: "perpetrator_details", Description: "Perpetrator's name, date of birth and address"},
		{Value: "children_details", Description: "Each child's name and date of birth"},
		{Value: "children_observed", Description: "What officers saw of the children and what they said"},
		{Value: "dash_form", Description: "The completed DASH risk assessment"},
		{Value: "previous_incidents", Description: "Previous incidents known to the police"},
		{Value: "injuries_weapons", Description: "Injuries, weapons or substances involved"},
	}},
	{Name: EarlyHelpEndReason, Title: "early help end reason", Source: "Waymark", Codes: []Code{
		{Value: "outcomes_met", Description: "Outcomes met"},
		{Value: "step_up", Description: "Stepped up to children's social care"},
		{Value: "nfa", Description: "No further action"},
		{Value: "family_disengaged", Description: "Family declined or withdrew consent"},
		{Value: "moved_away", Description: "Family moved out of the area"},
		{Value: "other", Description: "Other"},
	}},
	// Only substantiated_icpc leads to a conference: every other outcome is
	// returned in the CIN census with ICPCnotRequired = true.
	{Name: S47Outcome, Title: "section 47 outcome", Source: "Waymark", Codes: []Code{
		{Value: "substantiated_icpc", Description: "Concerns substantiated, child at continuing risk of significant harm: initial child protection conference"},
		{Value: "substantiated_no_icpc", Description: "Concerns substantiated, no conference needed: continue as a child in need"},
		{Value: "not_substantiated", Description: "Concerns not substantiated: no conference, other support may continue"},
		{Value: "no_further_action", Description: "No further action"},
	}},
	{Name: ConferenceType, Title: "conference type", Source: "Waymark", Codes: []Code{
		{Value: "initial", Description: "Initial child protection conference"},
		{Value: "review", Description: "Review child protection conference"},
		{Value: "transfer_in", Description: "Transfer-in conference (child on a plan in another authority)"},
		{Value: "pre_birth_initial", Description: "Pre-birth initial child protection conference"},
	}},
	{Name: ConferenceDecision, Title: "conference decision", Source: "Waymark", Codes: []Code{
		{Value: "cp_plan", Description: "Child protection plan made"},
		{Value: "no_plan_cin", Description: "No child protection plan: support as a child in need"},
		{Value: "no_plan_nfa", Description: "No child protection plan: no further action"},
		{Value: "continue_plan", Description: "Child protection plan continues"},
		{Value: "end_plan", Description: "Child protection plan ends"},
	}},
	{Name: PreProceedingsStage, Title: "pre-proceedings stage", Source: "Waymark", Codes: []Code{
		{Value: "legal_gateway", Description: "Legal gateway / legal planning meeting"},
		{Value: "letter_before_proceedings", Description: "Letter before proceedings sent"},
		{Value: "initial_meeting", Description: "Initial pre-proceedings meeting"},
		{Value: "review_meeting", Description: "Pre-proceedings review meeting"},
		{Value: "step_down", Description: "Stepped down from pre-proceedings"},
		{Value: "proceedings_issued", Description: "Care proceedings issued"},
	}},
	{Name: CourtOrderType, Title: "court order", Source: "Waymark", Codes: []Code{
		{Value: "care_order", Description: "Care order"},
		{Value: "supervision_order", Description: "Supervision order"},
		{Value: "interim_care_order", Description: "Interim care order"},
		{Value: "interim_supervision_order", Description: "Interim supervision order"},
		{Value: "placement_order", Description: "Placement order"},
		{Value: "special_guardianship_order", Description: "Special guardianship order"},
		{Value: "child_arrangements_order", Description: "Child arrangements order"},
		{Value: "adoption_order", Description: "Adoption order"},
		{Value: "emergency_protection_order", Description: "Emergency protection order"},
		{Value: "no_order", Description: "No order made"},
	}},
	{Name: VisitType, Title: "visit type", Source: "Waymark", Codes: []Code{
		{Value: "cin", Description: "Child in need visit"},
		{Value: "cp", Description: "Child protection visit"},
		{Value: "cla", Description: "Statutory visit to a child in care"},
		{Value: "care_leaver", Description: "Care leaver contact"},
		{Value: "private_fostering", Description: "Private fostering visit"},
		{Value: "iro", Description: "Independent reviewing officer visit"},
		{Value: "adoption", Description: "Visit to a child placed for adoption"},
	}},
	{Name: PlanType, Title: "plan type", Source: "Waymark", Codes: []Code{
		{Value: "cin", Description: "Child in need plan"},
		{Value: "cp", Description: "Child protection plan"},
		{Value: "care", Description: "Care plan"},
		{Value: "pathway", Description: "Pathway plan"},
		{Value: "placement", Description: "Placement plan"},
		{Value: "early_help", Description: "Early help plan"},
	}},
	{Name: ActionStatus, Title: "action status", Source: "Waymark", Codes: []Code{
		{Value: "not_started", Description: "Not started"},
		{Value: "in_progress", Description: "In progress"},
		{Value: "done", Description: "Done"},
		{Value: "not_done", Description: "Not done"},
		{Value: "no_longer_needed", Description: "No longer needed"},
	}},
	{Name: HealthCheckType, Title: "health check type", Source: "Waymark", Codes: []Code{
		{Value: "initial_health_assessment", Description: "Initial health assessment"},
		{Value: "review_health_assessment", Description: "Review health assessment"},
		{Value: "dental_check", Description: "Dental check"},
		{Value: "development_check", Description: "Health surveillance / development check (under 5)"},
		{Value: "optician", Description: "Sight test (optician)"},
	}},
	{Name: HealthCheckStatus, Title: "health check status", Source: "Waymark", Codes: []Code{
		{Value: "planned", Description: "Planned"},
		{Value: "completed", Description: "Completed"},
		{Value: "refused", Description: "Refused"},
		{Value: "cancelled", Description: "Cancelled"},
	}},
	{Name: CaseNoteType, Title: "case note type", Source: "Waymark", Codes: []Code{
		{Value: "visit", Description: "Visit"},
		{Value: "phone_call", Description: "Phone call"},
		{Value: "meeting", Description: "Meeting"},
		{Value: "email", Description: "Email"},
		{Value: "letter", Description: "Letter"},
		{Value: "significant_event", Description: "Significant event"},
		{Value: "management_note", Description: "Management oversight"},
		{Value: "supervision", Description: "Supervision"},
		{Value: "other", Description: "Other"},
	}},
	{Name: CaseAuditGrade, Title: "case audit grade", Source: "Waymark", Codes: []Code{
		{Value: "outstanding", Description: "Outstanding"},
		{Value: "good", Description: "Good"},
		{Value: "requires_improvement", Description: "Requires improvement"},
		{Value: "inadequate", Description: "Inadequate"},
	}},
	{Name: TeamType, Title: "team type", Source: "Waymark", Codes: []Code{
		{Value: "front_door", Description: "Front door (MASH / duty)"},
		{Value: "assessment", Description: "Assessment"},
		{Value: "child_protection", Description: "Child protection"},
		{Value: "children_in_need", Description: "Children in need"},
		{Value: "looked_after", Description: "Children in care"},
		{Value: "leaving_care", Description: "Leaving care"},
		{Value: "adoption", Description: "Adoption"},
		{Value: "fostering", Description: "Fostering"},
		{Value: "disabled_children", Description: "Disabled children"},
		{Value: "early_help", Description: "Early help"},
		{Value: "iro_service", Description: "Independent reviewing officer service"},
		{Value: "cp_chairs", Description: "Child protection chairs"},
		{Value: "management", Description: "Management"},
		{Value: "other", Description: "Other"},
	}},
	{Name: ProfessionalRole, Title: "professional role", Source: "Waymark", Codes: []Code{
		{Value: "social_worker", Description: "Social worker"},
		{Value: "senior_practitioner", Description: "Senior practitioner"},
		{Value: "team_manager", Description: "Team manager"},
		{Value: "service_manager", Description: "Service manager"},
		{Value: "head_of_service", Description: "Head of service"},
		{Value: "director", Description: "Director of children's services"},
		{Value: "iro", Description: "Independent reviewing officer"},
		{Value: "cp_chair", Description: "Child protection conference chair"},
		{Value: "personal_adviser", Description: "Personal adviser"},
		{Value: "early_help_practitioner", Description: "Early help practitioner"},
		{Value: "family_support_worker", Description: "Family support worker"},
		{Value: "virtual_school", Description: "Virtual school officer"},
		{Value: "business_support", Description: "Business support"},
		{Value: "other", Description: "Other"},
	}},
	{Name: InvolvementRole, Title: "involvement role", Source: "Waymark", Codes: []Code{
		{Value: "allocated_social_worker", Description: "Allocated social worker"},
		{Value: "team_manager", Description: "Team manager"},
		{Value: "iro", Description: "Independent reviewing officer"},
		{Value: "cp_chair", Description: "Child protection conference chair"},
		{Value: "personal_adviser", Description: "Personal adviser"},
		{Value: "early_help_lead", Description: "Early help lead practitioner"},
		{Value: "family_support_worker", Description: "Family support worker"},
		{Value: "virtual_school_officer", Description: "Virtual school officer"},
		{Value: "front_door", Description: "Front door worker screening a contact"},
	}},
	{Name: WorkerRegistration, Title: "worker registration", Source: "Waymark", Codes: []Code{
		{Value: "registered", Description: "Registered social worker (Social Work England)"},
		{Value: "unqualified", Description: "Unqualified: may gather information, not assess or decide"},
	}},
}
