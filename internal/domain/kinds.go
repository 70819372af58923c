package domain

// The kinds, in the order their tables are created and loaded: a kind comes
// after every kind it refers to.
var _ = registerAll()

func registerAll() bool {
	// Organisation and workforce.
	register(&Organisation{}, "organisation", "organisations", "Organisation")
	register(&Team{}, "team", "teams", "Team")
	register(&Professional{}, "professional", "professionals", "Professional")
	register(&ProspectiveAdopter{}, "prospective_adopter", "prospective_adopters", "Prospective adopter")
	register(&Supervision{}, "supervision", "supervisions", "Supervision")
	register(&TrainingRecord{}, "training_record", "training_records", "Training record")
	// People.
	register(&Person{}, "person", "persons", "Person")
	register(&Identifier{}, "identifier", "identifiers", "Identifier")
	register(&Address{}, "address", "addresses", "Address")
	register(&Relationship{}, "relationship", "relationships", "Relationship")
	register(&Disability{}, "disability", "disabilities", "Disability")
	register(&ImmigrationStatus{}, "immigration_status", "immigration_statuses", "Immigration status")
	// Front door, assessment and children in need.
	register(&Contact{}, "contact", "contacts", "Contact")
	register(&Referral{}, "referral", "referrals", "Referral")
	register(&MASHRequest{}, "mash_request", "mash_requests", "MASH information request")
	register(&MARACCase{}, "marac_case", "marac_cases", "MARAC case")
	register(&MARACChild{}, "marac_child", "marac_children", "Child linked to a MARAC case")
	register(&MARACAction{}, "marac_action", "marac_actions", "MARAC action for children's social care")
	register(&EarlyHelpEpisode{}, "early_help_episode", "early_help_episodes", "Early help episode")
	register(&Involvement{}, "involvement", "involvements", "Involvement")
	register(&Assessment{}, "assessment", "assessments", "Assessment")
	register(&AssessmentSource{}, "assessment_source", "assessment_sources", "Source consulted for an assessment")
	register(&AssessmentToolUse{}, "assessment_tool_use", "assessment_tool_uses", "Assessment tool used")
	register(&CINPlan{}, "cin_plan", "cin_plans", "Child in need plan")
	register(&CINPlanReview{}, "cin_plan_review", "cin_plan_reviews", "Child in need plan review")
	// Child protection.
	register(&StrategyDiscussion{}, "strategy_discussion", "strategy_discussions", "Strategy discussion")
	register(&Section47Enquiry{}, "section47_enquiry", "section47_enquiries", "Section 47 enquiry")
	register(&Conference{}, "conference", "conferences", "Child protection conference")
	register(&ConferenceParent{}, "conference_parent", "conference_parents", "Parent at a conference")
	register(&CPPlan{}, "cp_plan", "cp_plans", "Child protection plan")
	register(&CoreGroup{}, "core_group", "core_groups", "Core group meeting")
	register(&Visit{}, "visit", "visits", "Visit")
	register(&ChairEscalation{}, "chair_escalation", "chair_escalations", "Conference chair's escalation")
	// Children looked after.
	register(&Placement{}, "placement", "placements", "Placement")
	register(&CareEpisode{}, "care_episode", "care_episodes", "Episode of care")
	register(&CLAReview{}, "cla_review", "cla_reviews", "Looked-after child review")
	register(&HealthCheck{}, "health_check", "health_checks", "Health check")
	register(&Immunisation{}, "immunisation", "immunisations", "Immunisation status")
	register(&SDQScore{}, "sdq_score", "sdq_scores", "SDQ score")
	register(&SubstanceMisuse{}, "substance_misuse", "substance_misuse", "Substance misuse")
	register(&Conviction{}, "conviction", "convictions", "Conviction")
	register(&PEP{}, "pep", "peps", "Personal education plan")
	register(&MissingEpisode{}, "missing_episode", "missing_episodes", "Missing episode")
	// Court and permanence.
	register(&PreProceedings{}, "pre_proceedings", "pre_proceedings", "Pre-proceedings")
	register(&CareProceedings{}, "care_proceedings", "care_proceedings", "Care proceedings")
	register(&CourtHearing{}, "court_hearing", "court_hearings", "Court hearing")
	register(&CourtOrder{}, "court_order", "court_orders", "Court order")
	register(&Permanence{}, "permanence", "permanence", "Adoption and permanence")
	register(&PreviousPermanence{}, "previous_permanence", "previous_permanence", "Previous permanence")
	register(&CareLeaver{}, "care_leaver", "care_leavers", "Care leaver record")
	// Practice.
	register(&Plan{}, "plan", "plans", "Plan")
	register(&PlanAction{}, "plan_action", "plan_actions", "Plan action")
	register(&CoreGroupAction{}, "core_group_action", "core_group_actions", "Plan action at a core group")
	register(&ChildsVoice{}, "childs_voice", "childs_voices", "Child's voice")
	register(&CaseNote{}, "case_note", "case_notes", "Case note")
	register(&CaseSummary{}, "case_summary", "case_summaries", "Case summary")
	register(&KeyEvent{}, "key_event", "key_events", "Key event")
	// A concern may be marked on a visit or a case note, so it comes after them.
	register(&HarmConcern{}, "harm_concern", "harm_concerns", "Concern of significant harm")
	register(&ManagementDecision{}, "management_decision", "management_decisions", "Management decision")
	register(&SupervisionCase{}, "supervision_case", "supervision_cases", "Case discussed in supervision")
	register(&CaseAudit{}, "case_audit", "case_audits", "Case audit")
	return true
}

// ChildRecord is everything recorded about one child. Each slice holds one
// kind of child-level record, oldest first.
type ChildRecord struct {
	Person              Person
	Identifiers         []Identifier
	Addresses           []Address
	Relationships       []Relationship
	Disabilities        []Disability
	ImmigrationStatuses []ImmigrationStatus
	Contacts            []Contact
	EarlyHelpEpisodes   []EarlyHelpEpisode
	Referrals           []Referral
	HarmConcerns        []HarmConcern
	MASHRequests        []MASHRequest
	MARACChildren       []MARACChild
	// MARACCases are the MARAC cases the child is linked to (MARACChildren),
	// held against the adult victim and read with the child's record.
	MARACCases          []MARACCase
	Involvements        []Involvement
	Assessments         []Assessment
	AssessmentSources   []AssessmentSource
	AssessmentToolUses  []AssessmentToolUse
	CINPlans            []CINPlan
	CINPlanReviews      []CINPlanReview
	StrategyDiscussions []StrategyDiscussion
	Section47Enquiries  []Section47Enquiry
	Conferences         []Conference
	ConferenceParents   []ConferenceParent
	CPPlans             []CPPlan
	CoreGroups          []CoreGroup
	Visits              []Visit
	ChairEscalations    []ChairEscalation
	Placements          []Placement
	CareEpisodes        []CareEpisode
	CLAReviews          []CLAReview
	HealthChecks        []HealthCheck
	Immunisations       []Immunisation
	SDQScores           []SDQScore
	SubstanceMisuse     []SubstanceMisuse
	Convictions         []Conviction
	PEPs                []PEP
	MissingEpisodes     []MissingEpisode
	PreProceedings      []PreProceedings
	CareProceedings     []CareProceedings
	CourtHearings       []CourtHearing
	CourtOrders         []CourtOrder
	Permanence          []Permanence
	PreviousPermanence  []PreviousPermanence
	CareLeaver          []CareLeaver
	Plans               []Plan
	PlanActions         []PlanAction
	CoreGroupActions    []CoreGroupAction
	ChildsVoices        []ChildsVoice
	CaseNotes           []CaseNote
	CaseSummaries       []CaseSummary
	KeyEvents           []KeyEvent
	ManagementDecisions []ManagementDecision
	SupervisionCases    []SupervisionCase
	CaseAudits          []CaseAudit
}
