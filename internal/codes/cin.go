package codes

// Children in need census lists (returns.md §1). Several are shared with
// SSDA903 and Annex A.
const (
	Sex              = "sex"
	GenderCurrent    = "gender_current"
	Ethnicity        = "ethnicity"
	Disability       = "disability"
	UPNUnknown       = "upn_unknown"
	ReferralSource   = "referral_source"
	PrimaryNeed      = "primary_need"
	ReasonForClosure = "reason_for_closure"
	AssessmentFactor = "assessment_factor"
	CategoryOfAbuse  = "category_of_abuse"
)

// sexCodes are CIN Sex and, from 2024-25, SSDA903 SEX.
var sexCodes = []Code{
	{Value: "M", Description: "Male", From: "2024-25"},
	{Value: "F", Description: "Female", From: "2024-25"},
	{Value: "U", Description: "Unknown (always used for an unborn child)", From: "2024-25"},
}

var upnUnknownCodes = []Code{
	{Value: "UN1", Description: "Child not of school age and not yet assigned a UPN"},
	{Value: "UN2", Description: "Child has never attended a maintained school in England (e.g. some UASC)"},
	{Value: "UN3", Description: "Child educated outside England"},
	{Value: "UN4", Description: "Child newly referred / newly looked after and UPN not yet known"},
	{Value: "UN5", Description: "Sources collating UPNs disagree on name or date of birth, preventing reliable matching (e.g. duplicate UPNs)"},
	// returns.md §1.4 has no wording for UN6.
	{Value: "UN6", Description: "Reason UN6 (wording not confirmed; see the DfE CIN census specification)"},
	{Value: "UN7", Description: "Referral with no further action"},
}

var primaryNeedCodes = []Code{
	{Value: "N1", Description: "Abuse or neglect"},
	{Value: "N2", Description: "Child's disability"},
	{Value: "N3", Description: "Parental disability or illness"},
	{Value: "N4", Description: "Family in acute stress"},
	{Value: "N5", Description: "Family dysfunction"},
	{Value: "N6", Description: "Socially unacceptable behaviour"},
	{Value: "N7", Description: "Low income"},
	{Value: "N8", Description: "Absent parenting"},
	{Value: "N9", Description: "Cases other than children in need"},
	{Value: "N0", Description: "Not stated"},
}

var cinLists = []*List{
	{Name: Sex, Title: "sex", Source: "returns.md §1.2 Sex (N00783); §2.2 SEX", Codes: sexCodes},
	{Name: GenderCurrent, Title: "gender", Source: "returns.md §1.2 GenderCurrent (N00065)", Codes: []Code{
		{Value: "1", Description: "Male", To: "2023-24"},
		{Value: "2", Description: "Female", To: "2023-24"},
		{Value: "0", Description: "Not known / unborn", To: "2023-24"},
		{Value: "9", Description: "Indeterminate", To: "2023-24"},
	}},
	{Name: Ethnicity, Title: "ethnicity", Source: "returns.md §1.4 Ethnicity (N00177; 903 ETHNIC)", Codes: []Code{
		{Value: "WBRI", Description: "White British"},
		{Value: "WIRI", Description: "White Irish"},
		{Value: "WIRT", Description: "Traveller of Irish heritage"},
		{Value: "WOTH", Description: "Any other White background"},
		{Value: "WROM", Description: "Gypsy / Roma"},
		{Value: "MWBC", Description: "White and Black Caribbean"},
		{Value: "MWBA", Description: "White and Black African"},
		{Value: "MWAS", Description: "White and Asian"},
		{Value: "MOTH", Description: "Any other mixed background"},
		{Value: "AIND", Description: "Indian"},
		{Value: "APKN", Description: "Pakistani"},
		{Value: "ABAN", Description: "Bangladeshi"},
		{Value: "AOTH", Description: "Any other Asian background"},
		{Value: "BCRB", Description: "Caribbean"},
		{Value: "BAFR", Description: "African"},
		{Value: "BOTH", Description: "Any other Black background"},
		{Value: "CHNE", Description: "Chinese"},
		{Value: "OOTH", Description: "Any other ethnic group"},
		{Value: "REFU", Description: "Refused"},
		{Value: "NOBT", Description: "Information not yet obtained"},
	}},
	{Name: Disability, Title: "disability", Source: "returns.md §1.4 Disability (N00099)", Codes: []Code{
		{Value: "NONE", Description: "No disability"},
		{Value: "MOB", Description: "Mobility"},
		{Value: "HAND", Description: "Hand function"},
		{Value: "PC", Description: "Personal care"},
		{Value: "INC", Description: "Incontinence"},
		{Value: "COMM", Description: "Communication"},
		{Value: "LD", Description: "Learning"},
		{Value: "HEAR", Description: "Hearing"},
		{Value: "VIS", Description: "Vision"},
		{Value: "BEH", Description: "Behaviour (includes ADHD)"},
		{Value: "CON", Description: "Consciousness (seizures)"},
		{Value: "AUT", Description: "Diagnosed with autism or Asperger syndrome"},
		{Value: "DDA", Description: "Other disability under the Disability Discrimination Act"},
	}},
	{Name: UPNUnknown, Title: "reason for no UPN", Source: "returns.md §1.4 UPNunknown (N00135)", Codes: upnUnknownCodes},
	{Name: ReferralSource, Title: "referral source", Source: "returns.md §1.4 ReferralSource (N00152)", Codes: []Code{
		{Value: "1A", Description: "Individual: family member, relative or carer"},
		{Value: "1B", Description: "Individual: acquaintance (including neighbours and child minders)"},
		{Value: "1C", Description: "Individual: self"},
		{Value: "1D", Description: "Individual: other (including strangers, MPs)"},
		{Value: "2A", Description: "Schools"},
		{Value: "2B", Description: "Education services"},
		{Value: "3A", Description: "Health services: GP"},
		{Value: "3B", Description: "Health services: health visitor"},
		{Value: "3C", Description: "Health services: school nurse"},
		{Value: "3D", Description: "Health services: other primary health services"},
		{Value: "3E", Description: "Health services: A&E"},
		{Value: "3F", Description: "Health services: other (e.g. hospice)"},
		{Value: "4", Description: "Housing: LA housing or housing association"},
		{Value: "5A", Description: "LA services: social care (e.g. adult social care)"},
		{Value: "5B", Description: "LA services: other internal services (not social care or early help)"},
		{Value: "5C", Description: "LA services: external, another authority's services"},
		{Value: "5D", Description: "LA services: early help", From: "2022-23"},
		{Value: "6", Description: "Police"},
		{Value: "7", Description: "Other legal agency (courts, probation, immigration, Cafcass, prison)"},
		{Value: "8", Description: "Other (children's centres, independent providers, voluntary organisations)"},
		{Value: "9", Description: "Anonymous"},
		{Value: "10", Description: "Unknown"},
	}},
	{Name: PrimaryNeed, Title: "primary need", Source: "returns.md §1.4 PrimaryNeedCode (N00101)", Codes: primaryNeedCodes},
	{Name: ReasonForClosure, Title: "reason for closure", Source: "returns.md §1.4 ReasonForClosure (N00103)", Codes: []Code{
		{Value: "RC1", Description: "Adopted"},
		{Value: "RC2", Description: "Died"},
		{Value: "RC3", Description: "Child arrangements order"},
		{Value: "RC4", Description: "Special guardianship order"},
		{Value: "RC5", Description: "Transferred to services of another local authority"},
		{Value: "RC6", Description: "Transferred to adult social care services"},
		{Value: "RC7", Description: "Services ceased for any other reason, including child no longer in need"},
		{Value: "RC8", Description: "Case closed after assessment, no further action"},
		{Value: "RC9", Description: "Case closed after assessment, referred to early help", From: "2022-23"},
	}},
	{Name: AssessmentFactor, Title: "assessment factor", Source: "returns.md §1.4 AssessmentFactors (N00181); §1.3", Codes: []Code{
		{Value: "1A", Description: "Alcohol misuse by the child"},
		{Value: "1B", Description: "Alcohol misuse by the parent or carer"},
		{Value: "1C", Description: "Alcohol misuse by another person in the household"},
		{Value: "2A", Description: "Drug misuse: child"},
		{Value: "2B", Description: "Drug misuse: parent or carer"},
		{Value: "2C", Description: "Drug misuse: other household member"},
		{Value: "3A", Description: "Domestic abuse: child is the subject"},
		{Value: "3B", Description: "Domestic abuse: parent or carer is the subject"},
		{Value: "3C", Description: "Domestic abuse: other household member is the subject"},
		{Value: "4A", Description: "Mental health: child"},
		{Value: "4B", Description: "Mental health: parent or carer"},
		{Value: "4C", Description: "Mental health: other household member"},
		{Value: "5A", Description: "Learning disability: child"},
		{Value: "5B", Description: "Learning disability: parent or carer"},
		{Value: "5C", Description: "Learning disability: other household member"},
		{Value: "6A", Description: "Physical disability or illness: child"},
		{Value: "6B", Description: "Physical disability or illness: parent or carer"},
		{Value: "6C", Description: "Physical disability or illness: other household member"},
		{Value: "7A", Description: "Young carer"},
		{Value: "8B", Description: "Privately fostered: overseas child intending to return"},
		{Value: "8C", Description: "Privately fostered: overseas child intending to stay"},
		{Value: "8D", Description: "Privately fostered: UK child in an educational placement"},
		{Value: "8E", Description: "Privately fostered: UK child, alternative family arrangement"},
		{Value: "8F", Description: "Privately fostered: other"},
		{Value: "9A", Description: "Unaccompanied asylum-seeking child"},
		{Value: "10A", Description: "Going or being missing"},
		{Value: "11A", Description: "Child sexual exploitation"},
		{Value: "12A", Description: "Trafficking"},
		{Value: "13A", Description: "Gangs"},
		{Value: "14A", Description: "Socially unacceptable behaviour"},
		{Value: "15A", Description: "Self-harm"},
		{Value: "16A", Description: "Abuse or neglect: neglect"},
		{Value: "17A", Description: "Abuse or neglect: emotional abuse"},
		// 18A and 19A were split by perpetrator in 2020-21; queries
		// 8945Q and 8950Q still flag them.
		{Value: "18A", Description: "Abuse or neglect: physical abuse (obsolete: use 18B or 18C)", To: "2019-20"},
		{Value: "18B", Description: "Abuse or neglect: physical abuse, child on child", From: "2020-21"},
		{Value: "18C", Description: "Abuse or neglect: physical abuse, adult on child", From: "2020-21"},
		{Value: "19A", Description: "Abuse or neglect: sexual abuse (obsolete: use 19B or 19C)", To: "2019-20"},
		{Value: "19B", Description: "Abuse or neglect: sexual abuse, child on child", From: "2020-21"},
		{Value: "19C", Description: "Abuse or neglect: sexual abuse, adult on child", From: "2020-21"},
		{Value: "20", Description: "Other"},
		{Value: "21", Description: "No factors identified (only when no factor applies and no further action)"},
		{Value: "22A", Description: "Female genital mutilation"},
		{Value: "23A", Description: "Abuse linked to faith or belief"},
		{Value: "24A", Description: "Child criminal exploitation", From: "2021-22"},
	}},
	{Name: CategoryOfAbuse, Title: "category of abuse", Source: "returns.md §1.4 InitialCategoryOfAbuse, LatestCategoryOfAbuse (N00113, N00114)", Codes: []Code{
		{Value: "NEG", Description: "Neglect"},
		{Value: "PHY", Description: "Physical abuse"},
		{Value: "SAB", Description: "Sexual abuse"},
		{Value: "EMO", Description: "Emotional abuse"},
		{Value: "MUL", Description: "Multiple / not recommended"},
	}},
}
