package codes

// Lists for management and chair oversight (docs/casework.md, "Oversight"):
// concerns of significant harm, training, the child's voice, agency updates
// at core groups, chairs' escalations and the drift review.
const (
	HarmConcernLevel = "harm_concern_level"
	TrainingCourse   = "training_course"
	VoiceMethod      = "voice_method"
	VoiceRecordKind  = "voice_record_kind"
	EscalationIssue  = "escalation_issue"
	DriftRule        = "drift_rule"
	// RiskRating is the scale conferences and core groups rate the risk to
	// the child on (AC-18, AC-21), lowest risk first: the drift rule reads
	// a later code as a higher risk.
	RiskRating = "risk_rating"
)

var oversightLists = []*List{
	// AC-02: what starts the strategy discussion clock (strategy.deadline).
	{Name: HarmConcernLevel, Title: "concern of significant harm", Source: "Waymark", Codes: []Code{
		{Value: "reasonable_cause", Description: "Reasonable cause to suspect significant harm"},
		{Value: "immediate_risk", Description: "Immediate risk of significant harm"},
	}},
	// AC-04: the training a worker leading a section 47 enquiry keeps current.
	{Name: TrainingCourse, Title: "training course", Source: "Waymark", Codes: []Code{
		{Value: "child_protection", Description: "Child protection"},
		{Value: "joint_investigation", Description: "Joint investigation"},
	}},
	// AC-09: how the child's wishes and feelings were found out.
	{Name: VoiceMethod, Title: "how the child's voice was heard", Source: "Waymark", Codes: []Code{
		{Value: "childs_words", Description: "In the child's own words"},
		{Value: "observation", Description: "Observation (for a child too young to say)"},
		{Value: "tool", Description: "A named tool, such as Three Houses or a wishes and feelings booklet"},
	}},
	// AC-09: the records a voice-of-the-child section belongs to.
	{Name: VoiceRecordKind, Title: "record the child's voice is part of", Source: "Waymark", Codes: []Code{
		{Value: "assessment", Description: "Assessment"},
		{Value: "plan", Description: "Plan (including a pathway plan)"},
		{Value: "conference", Description: "Child protection conference"},
		{Value: "cin_plan_review", Description: "Child in need plan review"},
		{Value: "cla_review", Description: "Looked-after child review"},
		{Value: "visit", Description: "Visit"},
	}},
	// AC-20: what a conference chair escalates.
	{Name: EscalationIssue, Title: "escalation issue", Source: "Waymark", Codes: []Code{
		{Value: "drift", Description: "Drift or delay in the plan"},
		{Value: "practice", Description: "Quality of practice"},
		{Value: "agency_non_compliance", Description: "An agency not doing its part"},
	}},
	// AC-21: why a case is flagged for a service manager's review.
	{Name: DriftRule, Title: "drift rule", Source: "Waymark", Codes: []Code{
		{Value: "cp_plan_long", Description: "Child protection plan open longer than the local limit"},
		{Value: "overdue_actions", Description: "More plan actions overdue than the local limit"},
		{Value: "not_seen", Description: "Child not seen within the visit frequency"},
		{Value: "no_oversight", Description: "No management oversight within the interval"},
		{Value: "risk_not_reducing", Description: "Two review conferences without a lower risk rating"},
	}},
	// AC-18, AC-21: three levels, as most conference chairs' reports use;
	// the order is the scale.
	{Name: RiskRating, Title: "risk rating", Source: "Waymark", Codes: []Code{
		{Value: "low", Description: "Low"},
		{Value: "medium", Description: "Medium"},
		{Value: "high", Description: "High"},
	}},
}
