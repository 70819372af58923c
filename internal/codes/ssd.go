package codes

// Lists from the Standard Safeguarding Dataset (reference/data-model.md and
// data/ssd/ssd-spec.csv) that no return codes.
const (
	GenderIdentity        = "gender_identity"
	AssessmentOutcome     = "assessment_outcome"
	PermanencePlan        = "permanence_plan"
	PreProceedingsOutcome = "pre_proceedings_outcome"
	LegalGatewayOutcome   = "legal_gateway_outcome"
)

var ssdLists = []*List{
	// NHS-style gender identity; codes 10-99 are local sub-codes of 09.
	{Name: GenderIdentity, Title: "gender identity", Source: "data-model.md pers_gender (SSD PERS003A)", Codes: []Code{
		{Value: "00", Description: "Not known (for example, question not asked or answer refused)"},
		{Value: "01", Description: "Man / boy / male"},
		{Value: "02", Description: "Woman / girl / female"},
		{Value: "09", Description: "Prefer to self-describe"},
	}},
	{Name: AssessmentOutcome, Title: "assessment outcome", Source: "data-model.md cina_assessment_outcome_json (SSD CINA006A)", Codes: []Code{
		{Value: "nfa", Description: "No further action"},
		{Value: "strategy_discussion", Description: "Strategy discussion"},
		{Value: "cla_request", Description: "Request for the child to be looked after"},
		{Value: "private_fostering", Description: "Private fostering"},
		{Value: "legal_action", Description: "Legal action"},
		{Value: "provide_services", Description: "Provision of services"},
		{Value: "short_breaks", Description: "Provision of short breaks"},
		{Value: "specialist_assessment", Description: "Specialist assessment"},
		{Value: "refer_other_agency", Description: "Referral to another agency"},
		{Value: "other", Description: "Other actions"},
	}},
	// More than one plan may be recorded when planning runs in parallel.
	{Name: PermanencePlan, Title: "permanence plan", Source: "data-model.md lacp_cla_care_plan_json (SSD LACP003A)", Codes: []Code{
		{Value: "REMAINSUP", Description: "Remaining with birth family supported by shared care/short term breaks"},
		{Value: "RETURN1M", Description: "Return to birth family within one month"},
		{Value: "RETURN6M", Description: "Return to birth family within six months"},
		{Value: "RETURNEV", Description: "Eventual return to birth family"},
		{Value: "LTRELFR", Description: "Long term placement with relatives/friends"},
		{Value: "LTFOST18", Description: "Long term placement with foster carers (intended to last until 18, no return home envisaged)"},
		{Value: "RESPLMT", Description: "Residential placement until independence"},
		{Value: "SUPPLIV", Description: "Supported living in the community (with a view to independence)"},
		{Value: "ADOPTION", Description: "Adoption"},
		{Value: "OTHERPLN", Description: "Other plan"},
	}},
	// The CIN census PPOutcome codes (2026-27) are not yet known; these are
	// the SSD's draft options, to be mapped when DfE publishes them.
	{Name: PreProceedingsOutcome, Title: "pre-proceedings outcome", Source: "data-model.md prep_pre_pro_outcome (SSD PREP005A, draft); returns.md §1.5", Codes: []Code{
		{Value: "issue_proceedings", Description: "Decision to issue care proceedings"},
		{Value: "step_down", Description: "Decision to step down"},
	}},
	{Name: LegalGatewayOutcome, Title: "legal gateway outcome", Source: "data-model.md prep_legal_gateway_outcome (SSD PREP008A, draft)", Codes: []Code{
		{Value: "A", Description: "Continue with current plan"},
		{Value: "B", Description: "Start pre-proceedings"},
		{Value: "C", Description: "Issue care proceedings"},
		{Value: "D", Description: "Unknown"},
	}},
}
