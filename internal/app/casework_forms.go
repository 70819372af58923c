package app

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/waymark-care/waymark/internal/access"
	"github.com/waymark-care/waymark/internal/audit"
	"github.com/waymark-care/waymark/internal/casework"
	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/codes"
	"github.com/waymark-care/waymark/internal/domain"
	"github.com/waymark-care/waymark/internal/storage"
	"github.com/waymark-care/waymark/internal/web"
)

// This file serves the forms for the steps of a case (docs/casework.md):
// each is a list of questions about one record, posted as a GOV.UK form,
// checked exactly as the API checks it, and shown again with the user's
// answers and an error summary when something is wrong. The child's
// casework page lists what has been recorded, with the next step for each.

func init() { feature((*App).mountCaseworkForms) }

func (a *App) mountCaseworkForms() error {
	a.Private("GET /children/{id}/casework", a.caseworkHub)
	a.Private("GET /children/{id}/casework/{form}", a.caseworkFormPage)
	a.Private("POST /children/{id}/casework/{form}", a.caseworkFormPost)
	a.Private("GET /children/{id}/casework/{form}/{rid}", a.caseworkFormPage)
	a.Private("POST /children/{id}/casework/{form}/{rid}", a.caseworkFormPost)
	a.Private("GET /children/{id}/plans/{rid}/print", a.printPlan)
	return nil
}

// question is one question of a form: the record's field it answers.
type question struct {
	Name, Label, Hint string
	Type              questionType
	// List is the code list of a choice, or the kind of record a record
	// question picks; Only limits the codes offered.
	List string
	Only []string
	// Missing is what to say when a question the record needs is not
	// answered, in place of the record's own words; for a shown fact, what
	// to show while there is none.
	Missing string
}

type questionType int

const (
	text       questionType = iota
	longText                // a textarea
	date                    // day, month and year
	dateTime                // a date and a 24-hour time, in England
	number                  // a whole number, such as a tool's score
	yesNo                   // a yes or no answer, or none
	oneOf                   // radios from a code list
	codeSelect              // a select from a code list
	someOf                  // checkboxes from a code list, such as the agencies that attended
	staff                   // a professional
	team                    // a team
	record                  // one of the child's records of a kind
	relative                // one of the people related to the child, such as a parent
	shown                   // not asked: a fact of the record as it will be saved, derived or recorded
)

// caseworkForm is a form for one step. A form with a Title records a new
// record of its kind; one with an EditTitle changes a record named in the
// path, such as completing an assessment; a form may do both.
type caseworkForm struct {
	Slug, Title, EditTitle, Kind string
	// Approve makes the form a manager's approval of the record, made as
	// the approvals page and the API make it (approvalActions).
	Approve bool
	// Button is the submit button's words.
	Button string
	// Needs are the questions the step cannot be saved without, though the
	// record can: a form that ends a plan needs the end date.
	Needs []string
	// Blocked heads what stops the step that no question answers, such as
	// what must be finished before a case closes.
	Blocked   string
	Questions []question
	// Details makes the form one of the child's details and family
	// (family.go), reached from the child's page and going back to it.
	Details bool
	// Family makes the form change a member of the child's family, named
	// in the path and seen through the child (access.DecideFamilyMember).
	Family bool
	// Member makes the form record something new on a member of the
	// child's family named in the path, decided as Family is: a parent's
	// address or disability. It returns to their page. OfMember makes it
	// change one of their records, named in the path.
	Member, OfMember bool
	// NewPerson are questions about someone not yet recorded, asked with
	// their relationship to the child and recorded with it.
	NewPerson []question
	// Fixed are fields the form sets without asking, as the API names
	// them: booking a conference marks it booked, recording it as held
	// clears the mark.
	Fixed map[string]any
}

// conferenceAbout are the questions that say which conference a booking
// or a record of one held is: its type and what it follows.
var conferenceAbout = []question{
	{"conference_type", "Type of conference", "", oneOf, codes.ConferenceType, nil, "Select the type of conference"},
	{"referral_id", "Referral", "", record, "referral", nil, "Select the referral the conference is about"},
	{"s47_enquiry_id", "Section 47 enquiry", "For an initial conference, the enquiry that led to it", record, "section47_enquiry", nil, ""},
	{"target_date", "Initial conference due by", "", shown, "", nil, "Known once the section 47 enquiry is chosen"},
}

// conferenceHeld are the questions of a conference that was held; one
// booked is recorded as held by answering them.
var conferenceHeld = slices.Concat(conferenceAbout, []question{
	{"conference_date", "When was the conference held?", "For example, 27 3 2025", date, "", nil, "Enter the date the conference was held"},
	{"agencies", "Which agencies attended?", "Children’s social care and at least two other agencies make a conference quorate", someOf, codes.Agency, nil, ""},
	{"police_report_on_time", "For an initial conference: did the police report arrive in time?", "", yesNo, "", nil, ""},
	{"reports_shared_date", "When were the reports first shared with the parents?", "Record when each parent had them, and their language, on the oversight page", date, "", nil, ""},
	{"interpreter_needed", "Did the family need an interpreter, or the reports translated?", "", yesNo, "", nil, ""},
	{"advocacy_offered", "Was the child offered an advocate?", "Every child old enough (the authority’s advocacy.min_age) is offered one", yesNo, "", nil, ""},
	{"advocacy_taken_up", "Did the child take up the offer?", "", yesNo, "", nil, ""},
	{"risk_rating", "What risk to the child did the conference judge?", "Two review conferences without a lower rating put the case in front of a service manager", oneOf, codes.RiskRating, nil, ""},
	{"decision", "Decision", "", oneOf, codes.ConferenceDecision, nil, ""},
	{"chair_id", "Who chaired the conference?", "", staff, "", nil, ""},
	{"chair_visit_date", "When did the chair see the child after the conference?", "Leave blank until they have", date, "", nil, ""},
})

// heldConference and bookedConference are what the conference forms set:
// recording a conference held, or booking one (AC-15).
var heldConference, bookedConference = map[string]any{"booked": false}, map[string]any{"booked": true}

var caseworkForms = []caseworkForm{
	{Slug: "contact", Title: "Record a contact", Kind: "contact", Button: "Save the contact", Questions: []question{
		{"contact_at", "When was the contact received?", "For example, 27 3 2025, and a 24-hour time such as 14:30", dateTime, "", nil, "Enter when the contact was received"},
		{"out_of_hours", "Did the out-of-hours service receive it?", "It is then handed over to the front door by the next working day", yesNo, "", nil, ""},
		{"source", "Who made the contact?", "", codeSelect, codes.ReferralSource, nil, "Select who made the contact"},
		{"referrer_threshold", "What level of need did the referrer see?", "On the threshold guidance’s continuum; leave blank if they did not say", oneOf, codes.ThresholdLevel, nil, ""},
		{"early_help_assessment", "Did an early help assessment come with it?", "", yesNo, "", nil, ""},
		{"presenting_concerns", "What are the concerns?", "", longText, "", nil, ""},
		{"disabled", "Is the child disabled?", "Left blank, it is filled in from the child’s record", yesNo, "", nil, ""},
		{"disability_types", "Type of disability", "", someOf, codes.Disability, nil, ""},
		{"domestic_abuse_notification", "Is it a police domestic abuse notification?", "", yesNo, "", nil, ""},
		{"police_reference", "For a notification: the police reference", "", text, "", nil, ""},
		{"incident_at", "When did the incident happen?", "For example, 27 3 2025, and a 24-hour time such as 23:15", dateTime, "", nil, ""},
		{"dash_risk", "DASH risk level", "", oneOf, codes.DASHRisk, nil, ""},
		{"children_presence", "Were children there?", "", oneOf, codes.DAChildPresence, nil, ""},
		{"information_items", "What did the notification tell you?", "What the authority requires and it lacks is asked of the police", someOf, codes.DANInformationItem, nil, ""},
		{"sufficient_information", "For a notification: did it have enough information to assess the risk?", "", yesNo, "", nil, ""},
		{"information_received_date", "When did the police send what was asked for?", "For example, 27 3 2025", date, "", nil, ""},
		{"agency_checks", "Agency checks", "What other agencies know about the child and family", longText, "", nil, ""},
		{"disability_consulted_date", "For a disabled child: when was disability expertise consulted?", "Needed before the contact closes with no further action, advice or early help", date, "", nil, ""},
		{"disability_consulted_id", "Disability specialist consulted", "", staff, "", nil, ""},
		{"disability_team_id", "Or the disabled children’s team consulted", "", team, "", nil, ""},
		{"threshold_decision", "What level of need did the screening manager decide?", "", oneOf, codes.ThresholdLevel, nil, ""},
		{"decision", "Decision", "Leave blank until the contact is screened", oneOf, codes.ContactDecision, nil, ""},
		{"decision_at", "When was the decision made?", "Within 1 working day of the contact", dateTime, "", nil, ""},
		{"decided_by_id", "Who made the decision?", "", staff, "", nil, ""},
		{"team_id", "Team", "", team, "", nil, ""},
	}},
	// FD-02: a contact is screened within a working day; one the
	// out-of-hours service received is first handed over to the front door.
	{Slug: "contact-handover", EditTitle: "Record the handover from the out-of-hours service", Kind: "contact", Button: "Save the handover",
		Needs: []string{"handover_at", "handover_to_id"}, Questions: []question{
			{"contact_at", "Received by the out-of-hours service", "", shown, "", nil, ""},
			{"handover_at", "When was it handed over?", "Due by the next working day. For example, 27 3 2025, and a 24-hour time such as 09:15", dateTime, "", nil, "Enter when the contact was handed over"},
			{"handover_to_id", "Who at the front door received it?", "", staff, "", nil, "Select who received the handover"},
		}},
	{Slug: "contact-decision", EditTitle: "Record the screening decision", Kind: "contact", Button: "Save the decision", Needs: []string{"decision"}, Questions: []question{
		{"contact_at", "Contact received", "", shown, "", nil, ""},
		{"referrer_threshold", "Level of need the referrer saw", "", shown, codes.ThresholdLevel, nil, "Not given"},
		{"threshold_decision", "What level of need did the screening manager decide?", "", oneOf, codes.ThresholdLevel, nil, "Select the threshold level the screening manager decided"},
		{"decision", "Decision", "", oneOf, codes.ContactDecision, nil, "Select the decision on the contact"},
		{"decision_at", "When was the decision made?", "Within 1 working day of the contact", dateTime, "", nil, "Enter when the decision was made"},
		{"decided_by_id", "Who made the decision?", "", staff, "", nil, "Select who made the decision"},
	}},
	{Slug: "referral", Title: "Record a referral", Kind: "referral", Button: "Save the referral", Questions: []question{
		{"contact_id", "Contact", "The contact that led to the referral", record, "contact", nil, ""},
		{"referral_date", "Referral date", "For example, 27 3 2025", date, "", nil, "Enter the referral date"},
		{"source", "Source", "", codeSelect, codes.ReferralSource, nil, "Select the source of the referral"},
		{"primary_need", "Primary need", "", codeSelect, codes.PrimaryNeed, nil, ""},
		{"team_id", "Team", "", team, "", nil, ""},
		{"professional_id", "Worker", "", staff, "", nil, ""},
	}},
	{Slug: "assessment", Title: "Start an assessment", Kind: "assessment", Button: "Start the assessment", Questions: []question{
		{"referral_id", "Referral", "", record, "referral", nil, "Select the referral the assessment is for"},
		{"start_date", "Start date", "For example, 27 3 2025", date, "", nil, "Enter the date the assessment started"},
		{"team_id", "Team", "", team, "", nil, ""},
		{"professional_id", "Social worker", "", staff, "", nil, ""},
	}},
	{Slug: "assessment-complete", EditTitle: "Complete the assessment", Kind: "assessment", Button: "Complete the assessment", Needs: []string{"completed_date"}, Questions: []question{
		{"child_seen_date", "When was the child seen?", "Leave blank if the child was not seen, and say why below", date, "", nil, ""},
		{"seen_alone", "Was the child seen alone?", "", yesNo, "", nil, ""},
		{"not_seen_reason", "If the child was not seen, why not?", "For example, unborn, or whereabouts unknown", text, "", nil, ""},
		{"factors", "Factors identified", "", someOf, codes.AssessmentFactor, nil, ""},
		{"neglect_tool_reason", "If neglect was identified and no neglect tool was used, why not?", "Record the tool used, such as the Graded Care Profile 2, from the casework page", longText, "", nil, ""},
		{"chronology_reviewed_date", "When was the child’s chronology reviewed?", "For example, 27 3 2025. Needed before a manager authorises the assessment", date, "", nil, ""},
		{"history_analysis", "What does the child’s history tell you about the risks now?", "", longText, "", nil, ""},
		{"analysis", "Analysis of needs and risks", "", longText, "", nil, ""},
		{"outcomes", "Outcome", "", someOf, codes.AssessmentOutcome, nil, ""},
		{"family_summary", "Summary for the family", "In plain language: what we found, what we are worried about and what happens next", longText, "", nil, ""},
		{"completed_date", "Date completed", "For example, 27 3 2025", date, "", nil, "Enter the date the assessment was completed"},
		{"late_reason", "If it took more than 45 working days, why?", "", longText, "", nil, ""},
		{"household_reason", "If other children in the household were not assessed, why not?", "", longText, "", nil, ""},
	}},
	{Slug: "strategy-discussion", Title: "Record a strategy discussion", Kind: "strategy_discussion", Button: "Save the strategy discussion", Questions: []question{
		{"referral_id", "Referral", "", record, "referral", nil, "Select the referral the discussion is about"},
		{"concern_date", "When was the concern of significant harm recorded?", "For example, 27 3 2025", date, "", nil, ""},
		{"held_at", "When was the discussion held?", "For example, 27 3 2025, and a 24-hour time such as 14:30", dateTime, "", nil, "Enter when the discussion was held"},
		{"face_to_face", "Was it a meeting in person?", "", yesNo, "", nil, ""},
		{"agencies", "Which agencies took part?", "Police, health and children’s social care must take part", someOf, codes.Agency, nil, ""},
		{"missing_agency_reason", "If police, health or children’s social care did not take part, why not?", "", longText, "", nil, ""},
		{"information_shared", "What information did each agency share?", "", longText, "", nil, ""},
		{"start_section47", "Was a section 47 enquiry started?", "", yesNo, "", nil, ""},
		{"decision", "What was decided?", "", longText, "", nil, ""},
	}},
	{Slug: "section47-outcome", EditTitle: "Record the outcome of the section 47 enquiry", Kind: "section47_enquiry", Button: "Save the outcome", Needs: []string{"outcome"}, Questions: []question{
		{"end_date", "When did the enquiry end?", "For example, 27 3 2025", date, "", nil, ""},
		{"outcome", "Outcome", "", oneOf, codes.S47Outcome, nil, "Select the outcome of the enquiry"},
	}},
	// AC-14 to AC-16: the target date is derived from the enquiry (CP-5),
	// and whether it was quorate from the agencies (casework.Rules.Prepare).
	// AC-15: a conference is booked first, so that each parent's report
	// and interpreter are checked against its day; the booking is then
	// recorded as held, or a conference recorded once held.
	{Slug: "conference-booking", Title: "Book a child protection conference", EditTitle: "Change the booking", Kind: "conference", Button: "Book the conference",
		Fixed: bookedConference, Questions: slices.Concat(conferenceAbout, []question{
			{"conference_date", "What day is the conference booked for?", "For example, 27 3 2025. Each parent has the report 2 working days before an initial conference, 5 before a review (the authority’s conference.parent_share_wd)", date, "", nil, "Enter the day the conference is booked for"},
			{"chair_id", "Who will chair it?", "", staff, "", nil, ""},
		})},
	{Slug: "conference-cancel", EditTitle: "Cancel the booking", Kind: "conference", Button: "Cancel the booking", Fixed: bookedConference,
		Needs: []string{"cancelled_date", "cancel_reason"}, Questions: []question{
			{"conference_date", "Booked for", "", shown, "", nil, ""},
			{"cancelled_date", "When was it cancelled?", "For example, 27 3 2025", date, "", nil, "Enter the date the booking was cancelled"},
			{"cancel_reason", "Why was it cancelled?", "For example, the enquiry’s outcome changed, or the plan ended before the review", longText, "", nil, "Enter why the booking was cancelled"},
		}},
	{Slug: "conference-held", EditTitle: "Record the conference as held", Kind: "conference", Button: "Save the conference", Fixed: heldConference, Questions: conferenceHeld},
	{Slug: "conference", Title: "Record a child protection conference", EditTitle: "Change the conference record", Kind: "conference", Button: "Save the conference", Fixed: heldConference, Questions: conferenceHeld},
	// AC-17: a plan starts on the day of the conference that made it.
	{Slug: "cp-plan", Title: "Start a child protection plan", Kind: "cp_plan", Button: "Start the plan", Questions: []question{
		{"referral_id", "Referral", "", record, "referral", nil, "Select the referral the plan belongs to"},
		{"conference_id", "Conference that made the plan", "", record, "conference", nil, ""},
		{"start_date", "Start date", "The day of the conference that made the plan", date, "", nil, "Enter the date the plan started"},
		{"initial_category", "Category of abuse", "", oneOf, codes.CategoryOfAbuse, nil, "Select the category of abuse"},
	}},
	{Slug: "cp-plan-category", EditTitle: "Change the category of abuse", Kind: "cp_plan", Button: "Save the category", Needs: []string{"latest_category"}, Questions: []question{
		{"initial_category", "Category when the plan started", "", shown, codes.CategoryOfAbuse, nil, ""},
		{"latest_category", "Category now", "", oneOf, codes.CategoryOfAbuse, nil, "Select the category of abuse"},
	}},
	{Slug: "cp-plan-end", EditTitle: "End the child protection plan", Kind: "cp_plan", Button: "End the plan", Needs: []string{"end_date"}, Questions: []question{
		{"start_date", "Plan started", "", shown, "", nil, ""},
		{"end_date", "Date the plan ended", "For example, 27 3 2025", date, "", nil, "Enter the date the plan ended"},
		{"end_reason", "Why did the plan end?", "", longText, "", nil, ""},
	}},
	// AC-18.
	{Slug: "core-group", Title: "Record a core group meeting", Kind: "core_group", Button: "Save the meeting", Questions: []question{
		{"cp_plan_id", "Child protection plan", "", record, "cp_plan", nil, "Select the child protection plan"},
		{"meeting_date", "Date of the meeting", "For example, 27 3 2025", date, "", nil, "Enter the date of the meeting"},
		{"agencies", "Which agencies attended?", "", someOf, codes.Agency, nil, ""},
		{"risk_rating", "What risk to the child did the core group judge?", "", oneOf, codes.RiskRating, nil, ""},
		{"notes", "Notes", "What was agreed, and what the child said", longText, "", nil, ""},
	}},
	{Slug: "visit", Title: "Record a visit", Kind: "visit", Button: "Save the visit", Questions: []question{
		{"visit_type", "Type of visit", "", oneOf, codes.VisitType, []string{"cp", "cin"}, "Select the type of visit"},
		{"visit_date", "Date of the visit", "For example, 27 3 2025", date, "", nil, "Enter the date of the visit"},
		{"seen", "Was the child seen?", "", yesNo, "", nil, ""},
		{"seen_alone", "Was the child seen alone?", "", yesNo, "", nil, ""},
		{"bedroom_seen", "Was the child’s bedroom seen?", "", yesNo, "", nil, ""},
		{"notes", "Notes, in the child’s words where you can", "", longText, "", nil, ""},
		{"professional_id", "Who visited?", "", staff, "", nil, ""},
	}},
	// AC-11, XC-03: a child in need plan is a draft until a manager signs it
	// off.
	{Slug: "cin-plan", Title: "Start a child in need plan", Kind: "cin_plan", Button: "Start the plan", Questions: []question{
		{"referral_id", "Referral", "", record, "referral", nil, "Select the referral the plan belongs to"},
		{"start_date", "Start date", "For example, 27 3 2025", date, "", nil, "Enter the date the plan started"},
		{"team_id", "Team", "", team, "", nil, ""},
		{"professional_id", "Social worker", "", staff, "", nil, ""},
	}},
	{Slug: "cin-plan-sign-off", EditTitle: "Sign off the child in need plan", Kind: "cin_plan", Approve: true, Button: "Sign off the plan", Questions: []question{
		{"start_date", "Plan started", "", shown, "", nil, ""},
	}},
	// AC-13.
	{Slug: "cin-plan-review", Title: "Record a child in need plan review", Kind: "cin_plan_review", Button: "Save the review", Questions: []question{
		{"cin_plan_id", "Child in need plan", "", record, "cin_plan", nil, "Select the child in need plan"},
		{"review_date", "Date of the review", "For example, 27 3 2025", date, "", nil, "Enter the date of the review"},
		{"outcome", "What did the review decide?", "", longText, "", nil, ""},
		{"chair_id", "Who chaired the review?", "", staff, "", nil, ""},
	}},
	// AC-12: the written plan shared with the family, and its SMART actions.
	{Slug: "plan", Title: "Write a plan", EditTitle: "Change the plan", Kind: "plan", Button: "Save the plan", Questions: []question{
		{"plan_type", "Type of plan", "", oneOf, codes.PlanType, []string{"cin", "cp"}, "Select the type of plan"},
		{"cin_plan_id", "For a child in need plan: which plan", "", record, "cin_plan", nil, ""},
		{"cp_plan_id", "For a child protection plan: which plan", "", record, "cp_plan", nil, ""},
		{"start_date", "Start date", "For example, 27 3 2025", date, "", nil, "Enter the date the plan started"},
		{"summary", "What is the plan for?", "In plain language, for the family", longText, "", nil, ""},
		{"childs_words", "What does the child say?", "In the child’s own words, or what was seen of a child too young to say", longText, "", nil, ""},
		{"end_date", "Date the plan ended", "Leave blank while the plan is in force", date, "", nil, ""},
	}},
	{Slug: "plan-action", Title: "Add an action to a plan", EditTitle: "Change the action", Kind: "plan_action", Button: "Save the action", Questions: []question{
		{"plan_id", "Plan", "", record, "plan", nil, "Select the plan the action belongs to"},
		{"what", "What will be done?", "", longText, "", nil, "Enter what will be done"},
		{"who", "Who will do it?", "A named person or agency, like ‘Jade Walker (mum)’ or ‘Ruby’s school’", text, "", nil, "Enter who will do it: a named person or agency"},
		{"who_professional_id", "If it is one of our staff, who?", "", staff, "", nil, ""},
		{"by_when", "By when?", "For example, 27 3 2025", date, "", nil, "Enter the date it will be done by"},
		{"how_we_will_know", "How will everyone know it is done?", "", longText, "", nil, "Enter how everyone will know it is done"},
		{"status", "Where does it stand?", "", oneOf, codes.ActionStatus, nil, "Select where the action stands"},
	}},
	{Slug: "plan-authorise", EditTitle: "Authorise the plan", Kind: "plan", Approve: true, Button: "Authorise the plan", Questions: []question{
		{"plan_type", "Type of plan", "", shown, codes.PlanType, nil, ""},
		{"start_date", "Start date", "", shown, "", nil, ""},
		{"summary", "What the plan is for", "", shown, "", nil, ""},
		{"childs_words", "What the child says", "", shown, "", nil, ""},
	}},
	{Slug: "management-decision", Title: "Record a management decision", Kind: "management_decision", Button: "Save the decision", Questions: []question{
		{"decision_date", "Date of the decision", "For example, 27 3 2025", date, "", nil, "Enter the date of the decision"},
		{"decision", "Decision", "", longText, "", nil, "Enter the decision"},
		{"rationale", "Why?", "The reasons for the decision, and the risks weighed", longText, "", nil, "Enter the reasons for the decision"},
		{"manager_id", "Manager", "", staff, "", nil, ""},
		{"review_date", "When will the decision be reviewed?", "Leave blank if it will not be", date, "", nil, ""},
	}},
	{Slug: "closure", EditTitle: "Close the case", Kind: "referral", Button: "Close the case", Blocked: "Finish or explain these first", Needs: []string{"close_date"}, Questions: []question{
		{"close_date", "Date the case closed", "For example, 27 3 2025", date, "", nil, "Enter the date the case closed"},
		{"close_reason", "Reason for closure", "", oneOf, codes.ReasonForClosure, nil, ""},
		{"closure_summary", "Closure summary, with the analysis of risk", "", longText, "", nil, ""},
		{"closure_not_seen_reason", "If the child was not seen in the 10 working days before closure, why not?", "", longText, "", nil, ""},
	}},
}

// The child's details and family (family.go; AC-07, AC-15, FD-13, XC-06).
func init() {
	caseworkForms = append(caseworkForms, []caseworkForm{
		{Slug: "child-details", EditTitle: "Change the child’s details", Kind: "person", Details: true, Button: "Save the details", Questions: slices.Concat(
			nameQuestions("the child’s"),
			[]question{
				{"date_of_birth", "Date of birth", "For example, 27 3 2015. For an unborn baby, leave blank and give the expected date", date, "", nil, ""},
				{"expected_birth", "Expected date of birth", "For an unborn baby only", date, "", nil, ""},
				{"date_of_death", "Date of death", "Leave blank unless the child has died", date, "", nil, ""},
				{"sex", "Sex", "As on the birth or gender recognition certificate", oneOf, codes.Sex, nil, ""},
				{"gender", "Gender identity", "", codeSelect, codes.GenderIdentity, nil, ""},
				{"ethnicity", "Ethnicity", "", codeSelect, codes.Ethnicity, nil, ""},
				{"nationality", "Nationality", "", text, "", nil, ""},
			},
			languageQuestions("Does the child need an interpreter?"),
			[]question{
				{"nhs_number", "NHS number", "10 digits without spaces, like 9434765919", text, "", nil, ""},
				{"upn", "Unique pupil number (UPN)", "13 characters, like A123456789012", text, "", nil, ""},
				{"upn_unknown", "If there is no UPN, why not?", "", codeSelect, codes.UPNUnknown, nil, ""},
			})},
		// A baby's birth: the date of birth replaces the expected date.
		{Slug: "child-birth", EditTitle: "Record the birth", Kind: "person", Details: true, Button: "Record the birth", Needs: []string{"date_of_birth"},
			Questions: slices.Concat([]question{
				{"expected_birth", "Expected date of birth", "", shown, "", nil, ""},
				{"date_of_birth", "Date of birth", "For example, 27 3 2026", date, "", nil, "Enter the date of birth"},
				{"sex", "Sex", "As on the birth certificate", oneOf, codes.Sex, nil, ""},
			}, nameQuestions("the baby’s"))},
		{Slug: "family-member", Title: "Add a family member", Kind: "relationship", Details: true, Button: "Add the family member", Questions: slices.Concat(
			[]question{{"related_person_id", "Their Waymark number, if they are already recorded", "In their details on their page, or after their name in a family’s list. Leave blank to record someone new", number, "", nil, ""}},
			relationshipQuestions),
			NewPerson: slices.Concat(nameQuestions("their"), []question{
				{"date_of_birth", "Date of birth", "For example, 27 3 1990", date, "", nil, ""},
				{"sex", "Sex", "", oneOf, codes.Sex, nil, ""},
			}, languageQuestions("Do they need an interpreter?"))},
		{Slug: "relationship", EditTitle: "Change the relationship", Kind: "relationship", Details: true, Button: "Save the relationship", Questions: relationshipQuestions},
		{Slug: "relationship-end", EditTitle: "End the relationship", Kind: "relationship", Details: true, Button: "End the relationship", Needs: []string{"end_date"}, Questions: []question{
			{"start_date", "From", "", shown, "", nil, ""},
			{"end_date", "When did it end?", "For example, 27 3 2025. They are no longer counted in the child’s household or family after this day", date, "", nil, "Enter the date the relationship ended"},
		}},
		{Slug: "family-member-details", EditTitle: "Change a family member’s details", Kind: "person", Details: true, Family: true, Button: "Save their details", Questions: slices.Concat(
			nameQuestions("their"),
			[]question{
				{"date_of_birth", "Date of birth", "For example, 27 3 1990", date, "", nil, ""},
				{"date_of_death", "Date of death", "Leave blank unless they have died", date, "", nil, ""},
				{"sex", "Sex", "", oneOf, codes.Sex, nil, ""},
				{"ethnicity", "Ethnicity", "", codeSelect, codes.Ethnicity, nil, ""},
			},
			// A parent's language and interpreter need are what a conference's
			// reports are checked against (AC-15).
			languageQuestions("Do they need an interpreter?"),
			[]question{{"nhs_number", "NHS number", "10 digits without spaces, like 9434765919", text, "", nil, ""}})},
		// A new address ends the one before (casework.Superseded).
		{Slug: "address", Title: "Record a new address", EditTitle: "Change the address", Kind: "address", Details: true, Button: "Save the address", Questions: addressQuestions("the child")},
		// FD-13: a contact's disability is filled in from these.
		{Slug: "disability", Title: "Add a disability", Kind: "disability", Details: true, Button: "Add the disability", Questions: disabilityQuestions},
		// A parent's address and disability matter to assessments and
		// conferences: recorded on their own record, from their page.
		{Slug: "member-address", Title: "Record a new address", EditTitle: "Record a new address", Kind: "address", Details: true, Member: true, Button: "Save the address", Questions: addressQuestions("they")},
		{Slug: "member-disability", Title: "Add a disability", EditTitle: "Add a disability", Kind: "disability", Details: true, Member: true, Button: "Add the disability", Questions: disabilityQuestions},
		{Slug: "member-address-change", EditTitle: "Change the address", Kind: "address", Details: true, OfMember: true, Button: "Save the address", Questions: addressQuestions("they")},
		{Slug: "member-disability-end", EditTitle: "End the disability", Kind: "disability", Details: true, OfMember: true, Button: "End the disability", Needs: []string{"end_date"},
			Questions: disabilityEndQuestions("For example, 27 3 2025")},
		{Slug: "disability-end", EditTitle: "End the disability", Kind: "disability", Details: true, Button: "End the disability", Needs: []string{"end_date"},
			Questions: disabilityEndQuestions("For example, 27 3 2025. A contact after this day does not take it from the child’s record")},
		{Slug: "immigration-status", Title: "Record an immigration status", EditTitle: "Change the immigration status", Kind: "immigration_status", Details: true, Button: "Save the status", Questions: []question{
			{"status", "Immigration status", "", oneOf, codes.ImmigrationStatus, nil, "Select the immigration status"},
			{"start_date", "From", "For example, 27 3 2025. The status before ends the day before", date, "", nil, "Enter the date the status started"},
			{"end_date", "To", "Leave blank while it continues", date, "", nil, ""},
		}},
	}...)
}

// addressQuestions ask an address and when who ("the child", "they")
// lived there.
func addressQuestions(who string) []question {
	lives := map[string]string{"they": "they live"}[who]
	if lives == "" {
		lives = who + " lives"
	}
	return []question{
		{"address_type", "Type of address", "", oneOf, codes.AddressType, nil, ""},
		{"line1", "Address line 1", "", text, "", nil, "Enter the first line of the address"},
		{"line2", "Address line 2", "", text, "", nil, ""},
		{"town", "Town or city", "", text, "", nil, ""},
		{"postcode", "Postcode", "In capitals, like DN1 3BU", text, "", nil, ""},
		{"start_date", "From", "For example, 27 3 2025. The address before ends the day before", date, "", nil, "Enter the date " + who + " moved to this address"},
		{"end_date", "To", "Leave blank while " + lives + " here", date, "", nil, ""},
	}
}

var disabilityQuestions = []question{
	{"disability_code", "Type of disability", "", oneOf, codes.Disability, nil, "Select the type of disability"},
}

// disabilityEndQuestions end a disability that no longer applies, with the
// hint given.
func disabilityEndQuestions(hint string) []question {
	return []question{
		{"disability_code", "Disability", "", shown, codes.Disability, nil, ""},
		{"end_date", "When did it stop applying?", hint, date, "", nil, "Enter the date the disability stopped applying"},
	}
}

// nameQuestions ask a person's names; whose is "the child’s", "their".
func nameQuestions(whose string) []question {
	return []question{
		{"forename", "First name", "", text, "", nil, "Enter " + whose + " first name"},
		{"surname", "Last name", "", text, "", nil, "Enter " + whose + " last name"},
		{"known_as", "Known as", "A preferred or other name, found by the search too", text, "", nil, ""},
	}
}

// languageQuestions ask a person's language and whether they need an
// interpreter (asked in the words given).
func languageQuestions(interpreter string) []question {
	return []question{
		{"first_language", "First language", "For example, English, Polish, British Sign Language", text, "", nil, ""},
		{"interpreter_needed", interpreter, "Reports and meetings are then interpreted or translated", yesNo, "", nil, ""},
	}
}

// relationshipQuestions ask how a family member is related to the child
// and whether they live together: the household (AC-07, XC-06).
var relationshipQuestions = []question{
	{"relationship_type", "How are they related to the child?", "They are the child’s …", codeSelect, codes.RelationshipType, nil, "Select how they are related to the child"},
	{"parental_responsibility", "Do they have parental responsibility for the child?", "", yesNo, "", nil, ""},
	{"lives_with", "Do they live with the child?", "The people living with the child are their household, whose other children are assessed with them", yesNo, "", nil, ""},
	{"start_date", "From", "For example, 27 3 2015. Leave blank if not known", date, "", nil, ""},
	{"end_date", "To", "Leave blank while it continues", date, "", nil, ""},
}

func formNamed(slug string) *caseworkForm {
	for i := range caseworkForms {
		if caseworkForms[i].Slug == slug {
			return &caseworkForms[i]
		}
	}
	return nil
}

// asks reports whether the form asks for a field (a date's time is part of
// its date): an error about anything else stops the step as a whole.
func (f *caseworkForm) asks(field string) bool {
	field = strings.TrimSuffix(field, "-time")
	return slices.ContainsFunc(f.all(), func(q question) bool { return q.Name == field && q.Type != shown })
}

func (f *caseworkForm) question(name string) question {
	all := f.all()
	if i := slices.IndexFunc(all, func(q question) bool { return q.Name == name }); i >= 0 {
		return all[i]
	}
	return question{}
}

// all are the form's questions in the page's order: a new person's come
// after the first question, which names someone already recorded.
func (f *caseworkForm) all() []question {
	if f.NewPerson == nil {
		return f.Questions
	}
	return slices.Concat(f.Questions[:1], f.NewPerson, f.Questions[1:])
}

// control is a question ready for a partial: which partial, and its Field.
type control struct {
	Partial string // textInput, textarea, dateInput, radios, select, checkboxes
	Field   web.Field
	Time    *web.Field // the time of a date and time
	// Heading starts a part of the form, such as a new person's details.
	Heading string
}

type caseworkFormPage struct {
	Page
	Child   string
	ChildID int64
	Title   string
	Form    web.Form
	Spec    *caseworkForm
	Action  string
	// Shown are the facts the form shows and does not ask.
	Shown    web.SummaryList
	Controls []control
	Version  int
	// Blockers are the errors no question answers, such as a closure's
	// open items, each with an id for the error summary's links.
	Blocked  string
	Blockers []blocker
	Links    []NavItem
	// Back is the page the form was opened from.
	Back NavItem
}

type blocker struct {
	ID, Message string
}

// formRequest is a form's child, spec and, for an edit, the record.
type formRequest struct {
	c      *childRequest
	cr     *domain.ChildRecord
	spec   *caseworkForm
	kind   *domain.Kind
	before domain.Record // the record changed, or nil for a new one
	// stored is the relationship changed as it is stored: before is it
	// seen from the child's side (findRelationship).
	stored domain.Record
	// member is the family member a Member or OfMember form records on.
	member *domain.Person
}

// back is the page a form is opened from: the chronology for a key mark,
// the oversight page for its own forms, else the casework page.
func (fr *formRequest) back() NavItem {
	name := fr.cr.Person.Name()
	switch fr.spec {
	case &keyEventForm, &unkeyEventForm:
		return NavItem{Text: "Back to " + name + "’s chronology", Href: fmt.Sprintf("/children/%d#chronology", fr.c.personID)}
	case &voiceForm, &driftReviewForm:
		return NavItem{Text: "Back to " + name + "’s oversight", Href: fmt.Sprintf("/children/%d/oversight", fr.c.personID)}
	}
	if fr.member != nil {
		return NavItem{Text: "Back to " + fr.member.Name(), Href: fmt.Sprintf("/children/%d/family/%d", fr.c.personID, fr.member.ID)}
	}
	if fr.spec.Details {
		return NavItem{Text: "Back to " + name, Href: fmt.Sprintf("/children/%d#family", fr.c.personID)}
	}
	return NavItem{Text: "Back to " + name + "’s casework", Href: fmt.Sprintf("/children/%d/casework", fr.c.personID)}
}

func (fr *formRequest) title() string {
	if fr.member != nil && fr.before != nil {
		return fr.spec.EditTitle + " for " + fr.member.Name()
	}
	if fr.member != nil {
		return fr.spec.Title + " for " + fr.member.Name()
	}
	if fr.before != nil {
		return fr.spec.EditTitle
	}
	return fr.spec.Title
}

// caseworkFormRequest is how every form request begins: the form, the
// access decision (recording on the child's file, and for an approval a
// manager's), the child's record as the user may see it, logged, and for
// an edit the record changed. On false a response has been sent.
func (a *App) caseworkFormRequest(w http.ResponseWriter, r *http.Request) (*formRequest, bool) {
	spec := formNamed(r.PathValue("form"))
	editing := r.PathValue("rid") != ""
	if spec == nil || editing && spec.EditTitle == "" || !editing && spec.Title == "" {
		a.Web.Error(w, r, http.StatusNotFound)
		return nil, false
	}
	c, cr, ok := a.openRecord(w, r, access.AddCaseNote, audit.Viewed, "casework form")
	if !ok {
		return nil, false
	}
	if spec.Approve && !mayApprove(c.user, c.facts) {
		a.Web.Error(w, r, http.StatusForbidden)
		return nil, false
	}
	k, _ := domain.KindNamed(spec.Kind)
	fr := &formRequest{c: c, cr: cr, spec: spec, kind: k}
	switch {
	case spec.Family:
		if fr.before = a.familyMember(w, r, c, cr); fr.before == nil {
			return nil, false
		}
	case spec.Member:
		if fr.member = a.familyMember(w, r, c, cr); fr.member == nil {
			return nil, false
		}
	case spec.OfMember:
		if fr.member, fr.before = a.memberRecord(w, r, c, cr, k); fr.member == nil {
			return nil, false
		}
	case editing && k.Name == "relationship":
		var stored domain.Record
		if fr.before, stored = a.findRelationship(w, r, c, cr); fr.before == nil {
			return nil, false
		}
		fr.stored = stored
	case editing:
		if fr.before = findRecord(w, r, a, cr, k); fr.before == nil {
			return nil, false
		}
	}
	return fr, true
}

func (a *App) caseworkFormPage(w http.ResponseWriter, r *http.Request) {
	fr, ok := a.caseworkFormRequest(w, r)
	if !ok {
		return
	}
	// An edit starts from the record; a new record from what the link to
	// the form knows (the casework page's next steps fill in the referral,
	// the enquiry, the plan).
	values := asked(r.URL.Query(), fr.spec.all())
	if fr.before != nil {
		values = formValues(fr.before, fr.spec.Questions)
	}
	a.renderCaseworkForm(w, r, http.StatusOK, fr, web.Form{Values: values})
}

func (a *App) renderCaseworkForm(w http.ResponseWriter, r *http.Request, status int, fr *formRequest, form web.Form) {
	p := caseworkFormPage{Page: a.page(r, ""), Child: fr.cr.Person.Name(), ChildID: fr.c.personID, Title: fr.title(), Form: form, Spec: fr.spec,
		Action: r.URL.Path, Blocked: cmp.Or(fr.spec.Blocked, "Put these right first"), Back: fr.back()}
	if member, ok := fr.before.(*domain.Person); ok && fr.spec.Family {
		p.Title = "Change " + member.Name() + "’s details"
	}
	if fr.before != nil {
		p.Version = fr.before.Base().Version
		if v, err := strconv.Atoi(form.Values.Get("version")); err == nil {
			p.Version = v
		}
		if fr.kind.Name == "plan" {
			p.Links = append(p.Links, NavItem{Text: "Print the plan for the family", Href: fmt.Sprintf("/children/%d/plans/%d/print", fr.c.personID, fr.before.Base().ID)})
		}
	}
	shownFacts, err := a.shownFacts(r, fr, form.Values)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	p.Shown = shownFacts
	teams, profs, err := a.DB.Workforce(r.Context())
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	for _, q := range fr.spec.all() {
		if q.Type != shown {
			p.Controls = append(p.Controls, controlOf(q, form, fr.cr, teams, profs))
		}
	}
	// Someone not yet recorded is asked for after the question naming
	// someone who is, and the relationship after them.
	if n := len(fr.spec.NewPerson); n > 0 && len(p.Controls) > n+1 {
		p.Controls[1].Heading, p.Controls[n+1].Heading = "Or, if they are not yet recorded", "Their relationship to "+fr.cr.Person.Forename
	}
	// A contact's screening decision is on the guidance of the contact's day.
	day := a.today()
	if c, ok := fr.before.(*domain.Contact); ok {
		day = casework.DayOf(c.ContactAt)
	}
	if err := a.offerThresholdLevels(r.Context(), fr.spec.Questions, p.Controls, form.Values, day); err != nil {
		a.serverError(w, r, err)
		return
	}
	if err := a.offerRelatives(r, fr, fr.spec.Questions, p.Controls); err != nil {
		a.serverError(w, r, err)
		return
	}
	if err := a.offerTools(r.Context(), fr.spec.Questions, p.Controls); err != nil {
		a.serverError(w, r, err)
		return
	}
	seen := map[string]bool{}
	for _, e := range form.Errors {
		if !fr.spec.asks(e.Field) {
			b := blocker{Message: e.Message}
			if !seen[e.Field] {
				b.ID, seen[e.Field] = e.Field, true
			}
			p.Blockers = append(p.Blockers, b)
		}
	}
	a.Web.Render(w, r, status, "casework/form", p)
}

// shownFacts are the facts a form shows: read from the record as it would
// be saved with the answers given so far, with what is derived from them
// (an initial conference's target date from its enquiry).
func (a *App) shownFacts(r *http.Request, fr *formRequest, values url.Values) (web.SummaryList, error) {
	if !slices.ContainsFunc(fr.spec.Questions, func(q question) bool { return q.Type == shown }) {
		return nil, nil
	}
	rules, err := a.caseworkRules(r.Context())
	if err != nil {
		return nil, err
	}
	rec, _ := fr.record(values)
	fixed(r, fr.cr, rec) // what a fixed form's path says: the event a key mark is on
	rules.Prepare(fr.cr, rec)
	fields := jsonFields(rec)
	var out web.SummaryList
	if k, ok := rec.(*domain.KeyEvent); ok {
		out = append(out, web.SummaryRow{Key: "Event", Value: keyEventTitle(fr.cr, k)})
	}
	levels, err := a.thresholdLevels(r.Context(), rec)
	if err != nil {
		return nil, err
	}
	for _, q := range fr.spec.Questions {
		if q.Type != shown {
			continue
		}
		value := shownValue(q, fields[q.Name])
		if v, ok := fields[q.Name].(string); ok && q.List == codes.ThresholdLevel && levels[v] != "" {
			value = levels[v] // the authority's own continuum
		}
		out = append(out, web.SummaryRow{Key: q.Label, Value: cmp.Or(value, q.Missing, "Not recorded")})
	}
	return out, nil
}

// shownValue is a fact in words.
func shownValue(q question, v any) string {
	switch v := v.(type) {
	case string:
		if q.List != "" {
			return describe(q.List, v)
		}
		if d, err := civil.Parse(v); err == nil {
			return d.Long()
		}
		if t, err := time.Parse(time.RFC3339, v); err == nil {
			return t.In(london).Format("2 January 2006 15:04")
		}
		return v
	case bool:
		return map[bool]string{true: "Yes", false: "No"}[v]
	}
	return ""
}

// controlOf builds a question's control, with the user's answer and error.
func controlOf(q question, form web.Form, cr *domain.ChildRecord, teams []domain.Team, profs []domain.Professional) control {
	f := form.Field(q.Name, q.Label)
	f.Hint = q.Hint
	switch q.Type {
	case longText:
		return control{Partial: "textarea", Field: f}
	case date:
		f = form.Date(q.Name, q.Label)
		f.Hint = q.Hint
		return control{Partial: "dateInput", Field: f}
	case dateTime:
		f = form.Date(q.Name, q.Label)
		f.Hint = q.Hint
		t := form.Field(q.Name+"-time", "Time")
		t.Class = "govuk-input--width-5"
		return control{Partial: "dateInput", Field: f, Time: &t}
	case yesNo:
		f.Options = []web.Option{{Value: "yes", Text: "Yes"}, {Value: "no", Text: "No"}}
		f.Class = "govuk-radios--inline"
		return control{Partial: "radios", Field: f}
	case number:
		f.Class = "govuk-input--width-3"
		return control{Partial: "textInput", Field: f}
	case oneOf, someOf, codeSelect:
		// A list that is not a code list is a local setting's, which the
		// page offers (offerThresholdLevels, offerTools).
		list, ok := codes.Lookup(q.List)
		if !ok {
			list = &codes.List{}
		}
		var opts []web.Option
		if q.Type == codeSelect {
			opts = append(opts, web.Option{Value: "", Text: "Choose"})
		}
		for _, c := range list.Codes {
			if q.Only == nil || slices.Contains(q.Only, c.Value) {
				// A return's codes are known to practitioners; Waymark's
				// own are only words.
				text := c.Description
				if q.Type != oneOf && list.Source != "Waymark" {
					text = c.Value + ": " + c.Description
				}
				opts = append(opts, web.Option{Value: c.Value, Text: text})
			}
		}
		f.Options = opts
		return control{Partial: map[questionType]string{oneOf: "radios", someOf: "checkboxes", codeSelect: "select"}[q.Type], Field: f}
	case staff:
		f.Options = []web.Option{{Value: "", Text: "Choose"}}
		for _, p := range profs {
			if p.LeftDate.IsZero() {
				f.Options = append(f.Options, web.Option{Value: strconv.FormatInt(p.ID, 10), Text: p.Name})
			}
		}
		return control{Partial: "select", Field: f}
	case team:
		f.Options = []web.Option{{Value: "", Text: "Choose"}}
		for _, t := range teams {
			f.Options = append(f.Options, web.Option{Value: strconv.FormatInt(t.ID, 10), Text: t.Name})
		}
		return control{Partial: "select", Field: f}
	case record:
		f.Options = []web.Option{{Value: "", Text: "Choose"}}
		for _, rec := range slices.Backward(recordsOf(cr, q.List)) {
			f.Options = append(f.Options, web.Option{Value: strconv.FormatInt(rec.Base().ID, 10), Text: recordLabel(rec)})
		}
		return control{Partial: "select", Field: f}
	case relative:
		f.Options = []web.Option{{Value: "", Text: "Choose"}} // the people are offered by offerRelatives
		return control{Partial: "select", Field: f}
	}
	return control{Partial: "textInput", Field: f}
}

// offerRelatives offers, for a question about one of the people related to
// the child, each of the child's family from either side once, by name and
// relationship (family.members).
func (a *App) offerRelatives(r *http.Request, fr *formRequest, qs []question, controls []control) error {
	if !slices.ContainsFunc(qs, func(q question) bool { return q.Type == relative }) {
		return nil
	}
	f, err := a.familyOf(r, fr.c, fr.cr)
	if err != nil {
		return err
	}
	opts := []web.Option{{Value: "", Text: "Choose"}}
	for _, t := range f.members(a.today()) {
		opts = append(opts, web.Option{Value: strconv.FormatInt(t.RelatedPersonID, 10), Text: f.named(t)})
	}
	for i := range controls {
		if slices.ContainsFunc(qs, func(q question) bool { return q.Name == controls[i].Field.Name && q.Type == relative }) {
			controls[i].Field.Options = opts
		}
	}
	return nil
}

// recordLabel names one of the child's records in a choice.
func recordLabel(rec domain.Record) string {
	ended := func(s string, end civil.Date) string {
		if !end.IsZero() {
			s += ", ended " + end.Long()
		}
		return s
	}
	switch v := rec.(type) {
	case *domain.Contact:
		return "Contact received " + casework.DayOf(v.ContactAt).Long()
	case *domain.Assessment:
		return "Assessment started " + v.StartDate.Long()
	case *domain.Referral:
		s := "Referral of " + v.ReferralDate.Long()
		if !v.CloseDate.IsZero() {
			s += ", closed " + v.CloseDate.Long()
		}
		return s
	case *domain.Section47Enquiry:
		return ended("Section 47 enquiry from "+v.StartDate.Long(), v.EndDate)
	case *domain.Conference:
		return describe(codes.ConferenceType, v.Type) + ", " + v.Date.Long()
	case *domain.CPPlan:
		return ended("Child protection plan from "+v.StartDate.Long(), v.EndDate)
	case *domain.CINPlan:
		return ended("Child in need plan from "+v.StartDate.Long(), v.EndDate)
	case *domain.Plan:
		return ended("Written "+strings.ToLower(describe(codes.PlanType, v.Type))+" from "+v.StartDate.Long(), v.EndDate)
	case *domain.Visit:
		return describe(codes.VisitType, v.Type) + ", " + v.Date.Long()
	case *domain.CaseNote:
		return "Case note of " + casework.DayOf(v.At).Long() + ": " + v.Subject
	}
	return domain.KindOf(rec).Title + " " + strconv.FormatInt(rec.Base().ID, 10)
}

// jsonFields are a record's fields as the API names and writes them.
func jsonFields(rec domain.Record) map[string]any {
	b, _ := json.Marshal(rec)
	var m map[string]any
	json.Unmarshal(b, &m)
	return m
}

// formValues are a record's answers to a form's questions, for editing it.
func formValues(rec domain.Record, qs []question) url.Values {
	m := jsonFields(rec)
	v := url.Values{}
	for _, q := range qs {
		val := m[q.Name]
		switch q.Type {
		case shown:
		case date:
			if d, err := civil.Parse(fmt.Sprint(val)); err == nil && !d.IsZero() {
				y, mo, day := d.Date()
				v.Set(q.Name+"-day", strconv.Itoa(day))
				v.Set(q.Name+"-month", strconv.Itoa(int(mo)))
				v.Set(q.Name+"-year", strconv.Itoa(y))
			}
		case dateTime:
			if t, err := time.Parse(time.RFC3339, fmt.Sprint(val)); err == nil && !t.IsZero() && t.Year() > 1 {
				t = t.In(london)
				v.Set(q.Name+"-day", strconv.Itoa(t.Day()))
				v.Set(q.Name+"-month", strconv.Itoa(int(t.Month())))
				v.Set(q.Name+"-year", strconv.Itoa(t.Year()))
				v.Set(q.Name+"-time", t.Format("15:04"))
			}
		case yesNo:
			switch val {
			case true:
				v.Set(q.Name, "yes")
			case false:
				v.Set(q.Name, "no")
			}
		case someOf:
			for _, c := range asList(val) {
				v.Add(q.Name, fmt.Sprint(c))
			}
		case staff, team, record, relative:
			if n, ok := val.(float64); ok && n != 0 {
				v.Set(q.Name, strconv.FormatInt(int64(n), 10))
			}
		default:
			if val != nil {
				v.Set(q.Name, fmt.Sprint(val))
			}
		}
	}
	return v
}

// knownAnswers are the answers a new record already has, for a link to
// its form: those a blank record does not have.
func knownAnswers(seed domain.Record, qs []question) url.Values {
	v, blank := formValues(seed, qs), formValues(domain.KindOf(seed).New(), qs)
	for name := range v {
		if slices.Equal(v[name], blank[name]) {
			delete(v, name)
		}
	}
	return v
}

// asked keeps the answers to a form's questions, and nothing else.
func asked(values url.Values, qs []question) url.Values {
	out := url.Values{}
	for _, q := range qs {
		for _, part := range []string{"", "-day", "-month", "-year", "-time"} {
			if vs, ok := values[q.Name+part]; ok {
				out[q.Name+part] = vs
			}
		}
	}
	return out
}

func asList(v any) []any {
	l, _ := v.([]any)
	return l
}

// answers turns a posted form into the record's fields, as the API takes
// them, with the errors of answers that cannot be read (a date that does
// not exist, a time that is not one).
func answers(f url.Values, qs []question) (map[string]json.RawMessage, web.FieldErrors) {
	body := map[string]json.RawMessage{}
	var errs web.FieldErrors
	set := func(name string, v any) {
		b, _ := json.Marshal(v)
		body[name] = b
	}
	for _, q := range qs {
		value := strings.TrimSpace(f.Get(q.Name))
		switch q.Type {
		case shown:
		case date:
			d, present, msg := dateParts(f, q.Name)
			if msg != "" {
				errs.Add(q.Name, msg)
				continue
			}
			if present {
				set(q.Name, d)
			} else {
				set(q.Name, nil)
			}
		case dateTime:
			d, present, msg := dateParts(f, q.Name)
			clock := strings.TrimSpace(f.Get(q.Name + "-time"))
			switch {
			case msg != "":
				errs.Add(q.Name, msg)
			case !present && clock == "":
				set(q.Name, nil)
			case !present:
				errs.Add(q.Name, "Enter the date as well as the time")
			default:
				hm, err := time.Parse("15:04", cmp.Or(clock, "00:00"))
				if err != nil {
					errs.Add(q.Name+"-time", "Time must be a 24-hour time, like 14:30")
					continue
				}
				y, m, day := d.Date()
				set(q.Name, time.Date(y, m, day, hm.Hour(), hm.Minute(), 0, 0, london))
			}
		case yesNo:
			switch value {
			case "yes":
				set(q.Name, true)
			case "no":
				set(q.Name, false)
			default:
				set(q.Name, nil)
			}
		case number:
			n, err := strconv.Atoi(value)
			switch {
			case value == "":
				set(q.Name, nil)
			case err != nil:
				errs.Add(q.Name, "Enter a whole number, like 3")
			default:
				set(q.Name, n)
			}
		case someOf:
			set(q.Name, orEmpty(f[q.Name]))
		case staff, team, record, relative:
			n, _ := strconv.ParseInt(value, 10, 64)
			set(q.Name, n)
		default:
			set(q.Name, value)
		}
	}
	return body, errs
}

// dateParts reads a date input's day, month and year.
func dateParts(f url.Values, name string) (civil.Date, bool, string) {
	parts := []string{strings.TrimSpace(f.Get(name + "-day")), strings.TrimSpace(f.Get(name + "-month")), strings.TrimSpace(f.Get(name + "-year"))}
	if parts[0] == "" && parts[1] == "" && parts[2] == "" {
		return civil.Date{}, false, ""
	}
	d, err1 := strconv.Atoi(parts[0])
	m, err2 := strconv.Atoi(parts[1])
	y, err3 := strconv.Atoi(parts[2])
	if err1 != nil || err2 != nil || err3 != nil || y < 1900 || m < 1 || m > 12 || d < 1 || d > civil.DaysIn(y, time.Month(m)) {
		return civil.Date{}, false, "Enter a real date, like 27 3 2025"
	}
	return civil.Of(y, time.Month(m), d), true, ""
}

// record is the record a form's answers make: a new one, or the record
// changed at the version the form was read at; with the errors of answers
// that cannot be read or that the step needs.
func (fr *formRequest) record(values url.Values) (domain.Record, web.FieldErrors) {
	body, errs := answers(values, fr.spec.Questions)
	for name, v := range fr.spec.Fixed {
		body[name], _ = json.Marshal(v)
	}
	rec := fr.kind.New()
	if fr.before != nil {
		reflect.ValueOf(rec).Elem().Set(reflect.ValueOf(fr.before).Elem())
		version, _ := strconv.Atoi(values.Get("version"))
		body["version"] = json.RawMessage(strconv.Itoa(version))
	}
	for _, e := range decodeRecord(body, rec, fr.before != nil) {
		if errs.Get(e.Field) == "" {
			errs.Add(e.Field, e.Message)
		}
	}
	for _, name := range fr.spec.Needs {
		if errs.Get(name) == "" && slices.Contains([]string{"null", `""`, "[]", "0"}, string(body[name])) {
			errs.Add(name, fr.spec.question(name).Missing)
		}
	}
	if fr.before == nil {
		*rec.Base() = domain.Entity{}
	} else {
		version := rec.Base().Version
		*rec.Base() = *fr.before.Base()
		rec.Base().Version = version
	}
	return rec, errs
}

// save saves what a form posted: the record its answers make, checked and
// stored as the API stores it, or a manager's approval of the record.
func (a *App) save(r *http.Request, fr *formRequest) (domain.Record, web.FieldErrors, error) {
	if fr.spec.Approve {
		version, _ := strconv.Atoi(r.PostForm.Get("version"))
		return a.approve(r, fr.c, fr.kind, approvalOf(fr.kind.Name), fr.before.Base().ID, version)
	}
	rec, errs := fr.record(r.PostForm)
	if len(errs) > 0 {
		return nil, errs, nil
	}
	if fr.spec.NewPerson != nil {
		body, errs := answers(r.PostForm, fr.spec.NewPerson)
		return a.addFamilyMember(r, fr.c, rec.(*domain.Relationship), body, errs)
	}
	if fr.stored != nil {
		return a.checkAndSave(r, fr.c, rec, fr.stored)
	}
	if fr.member != nil {
		return a.saveOnMember(r, fr.c, fr.member, rec, fr.before)
	}
	return a.checkAndSave(r, fr.c, rec, fr.before)
}

func (a *App) caseworkFormPost(w http.ResponseWriter, r *http.Request) {
	fr, ok := a.caseworkFormRequest(w, r)
	if !ok {
		return
	}
	rec, errs, err := a.save(r, fr)
	if errs, err = saveErrors(errs, err); err != nil {
		a.saveFailed(w, r, err)
		return
	}
	if len(errs) > 0 {
		a.renderCaseworkForm(w, r, http.StatusUnprocessableEntity, fr, web.Form{Values: r.PostForm, Errors: fr.spec.inOwnWords(errs)})
		return
	}
	back := fmt.Sprintf("/children/%d/casework?saved=%s", fr.c.personID, url.QueryEscape(domain.KindOf(rec).Title))
	switch {
	case fr.member != nil:
		back = fmt.Sprintf("/children/%d/family/%d?saved=%s", fr.c.personID, fr.member.ID, url.QueryEscape(domain.KindOf(rec).Title))
	case fr.spec.Details:
		back = fmt.Sprintf("/children/%d?saved=%s#family", fr.c.personID, url.QueryEscape(domain.KindOf(rec).Title))
	}
	http.Redirect(w, r, back, http.StatusSeeOther)
}

// saveErrors turns a form's failed save into what the form shows: a change
// made meanwhile by someone else is an error on the form, to be opened
// again; any other error is returned for saveFailed.
func saveErrors(errs web.FieldErrors, err error) (web.FieldErrors, error) {
	if conflict, ok := errors.AsType[*storage.ConflictError](err); ok {
		return web.FieldErrors{{Field: "version", Message: conflict.Error() + ". Open the form again to see what changed"}}, nil
	}
	return errs, err
}

// saveFailed answers a save that failed other than by the user's answers.
func (a *App) saveFailed(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, storage.ErrNotFound) {
		a.Web.Error(w, r, http.StatusNotFound)
		return
	}
	a.serverError(w, r, err)
}

// inOwnWords puts a form's errors in the form's words and order: a
// question's Missing in place of the record's own "enter the …".
func (f *caseworkForm) inOwnWords(errs web.FieldErrors) web.FieldErrors {
	for i, e := range errs {
		if f.asks(e.Field) && strings.HasPrefix(e.Message, "enter the ") {
			errs[i].Message = cmp.Or(f.question(e.Field).Missing, e.Message)
		}
	}
	return inFormOrder(errs, f.all())
}

// inFormOrder orders errors as the questions are, as the error summary
// must; errors about anything else (what blocks a closure) come after.
func inFormOrder(errs web.FieldErrors, qs []question) web.FieldErrors {
	rank := func(field string) int {
		field = strings.TrimSuffix(field, "-time")
		if i := slices.IndexFunc(qs, func(q question) bool { return q.Name == field && q.Type != shown }); i >= 0 {
			return i
		}
		return len(qs)
	}
	out := slices.Clone(errs)
	slices.SortStableFunc(out, func(a, b web.FieldError) int { return cmp.Compare(rank(a.Field), rank(b.Field)) })
	return out
}

// caseworkHubPage is a child's casework: what has been recorded, and the
// forms for the next steps.
type caseworkHubPage struct {
	Page
	Child   string
	ChildID int64
	Saved   string
	Steps   []NavItem
	Records []recordRow
}

// recordRow is one of a child's records in a table of the casework or
// oversight page: what it is, when, where it stands and what can be done.
type recordRow struct {
	What, When, Status string
	Actions            []NavItem
}

// caseworkPage is what a page of a child's casework starts from: the
// record, the casework rules and the links the user may follow.
type caseworkPage struct {
	c     *childRequest
	cr    *domain.ChildRecord
	rules casework.Rules
	links hubLinks
}

// openCasework opens a child's record for a page of their casework (what
// names it in the access log), answering the request itself when it cannot.
func (a *App) openCasework(w http.ResponseWriter, r *http.Request, what string) (*caseworkPage, bool) {
	c, cr, ok := a.openRecord(w, r, access.ViewRecord, audit.Viewed, what)
	if !ok {
		return nil, false
	}
	rules, err := a.caseworkRules(r.Context())
	if err != nil {
		a.serverError(w, r, err)
		return nil, false
	}
	h := hubLinks{base: fmt.Sprintf("/children/%d/", c.personID), write: access.Decide(c.user, access.AddCaseNote, c.facts).Allowed,
		approve: mayApprove(c.user, c.facts)}
	return &caseworkPage{c: c, cr: cr, rules: rules, links: h}, true
}

func (a *App) caseworkHub(w http.ResponseWriter, r *http.Request) {
	cp, ok := a.openCasework(w, r, "casework")
	if !ok {
		return
	}
	c, cr, rules, h := cp.c, cp.cr, cp.rules, cp.links
	p := caseworkHubPage{Page: a.page(r, ""), Child: cr.Person.Name(), ChildID: c.personID, Saved: r.URL.Query().Get("saved"),
		Records: recordRows(cr, rules, h, a.today())}
	for _, f := range caseworkForms {
		if h.write && f.Title != "" && !f.Details {
			p.Steps = append(p.Steps, NavItem{Text: f.Title, Href: h.base + "casework/" + f.Slug})
		}
	}
	a.Web.Render(w, r, http.StatusOK, "casework/hub", p)
}

// hubLinks are the casework page's links to forms, for a user who may use
// them.
type hubLinks struct {
	base           string // /children/{id}/
	write, approve bool
}

// to links to a page of the child's record, for a user who may record on it.
func (h hubLinks) to(text, path string) []NavItem {
	if !h.write {
		return nil
	}
	return []NavItem{{Text: text, Href: h.base + path}}
}

// edit links to a form that changes one of the child's records.
func (h hubLinks) edit(slug string, id int64) []NavItem {
	f := formNamed(slug)
	if !h.write || f.Approve && !h.approve {
		return nil
	}
	return []NavItem{{Text: f.EditTitle, Href: fmt.Sprintf("%scasework/%s/%d", h.base, slug, id)}}
}

// next links to the form for a next step, filled in with what is known
// (seed).
func (h hubLinks) next(slug, text string, seed domain.Record) []NavItem {
	if !h.write {
		return nil
	}
	return []NavItem{{Text: text, Href: h.base + "casework/" + slug + "?" + knownAnswers(seed, formNamed(slug).Questions).Encode()}}
}

// recordRows are the child's casework records, each with where it stands
// and the next steps.
func recordRows(cr *domain.ChildRecord, rules casework.Rules, h hubLinks, today civil.Date) []recordRow {
	var out []recordRow
	add := func(what string, when civil.Date, status string, actions ...[]NavItem) {
		out = append(out, recordRow{What: what, When: when.Long(), Status: status, Actions: slices.Concat(actions...)})
	}
	for i := range cr.Contacts {
		c := &cr.Contacts[i]
		var status []string
		var next []NavItem
		if ho, ok := rules.Handover(c); ok && ho.Done.IsZero() {
			status = append(status, "Out of hours: handover due "+ho.Due.Long())
			next = append(next, h.edit("contact-handover", c.ID)...)
		} else if ok {
			status = append(status, "Out of hours: handed over "+ho.Done.Long())
		}
		if d := rules.ContactDecision(c); d.Done.IsZero() {
			status = append(status, "Screening decision due "+d.Due.Long())
			next = append(next, h.edit("contact-decision", c.ID)...)
		} else {
			status = append(status, describe(codes.ContactDecision, c.Decision)+", decided "+d.Done.Long())
		}
		add("Contact", casework.DayOf(c.ContactAt), strings.Join(status, "; "), next)
	}
	for i := range cr.Referrals {
		ref := &cr.Referrals[i]
		what, status := "Referral", "Open"
		if casework.PreviousReferral(cr, ref) != nil {
			what = "Re-referral"
		}
		if !ref.CloseDate.IsZero() {
			add(what, ref.ReferralDate, "Closed "+ref.CloseDate.Long())
		} else {
			add(what, ref.ReferralDate, status, h.edit("closure", ref.ID))
		}
	}
	for i := range cr.Assessments {
		as := &cr.Assessments[i]
		// The record's own sections: the sources consulted and the tools
		// used (AC-05, AC-10).
		record := slices.Concat(h.next("assessment-source", "Record a source consulted", &domain.AssessmentSource{AssessmentID: as.ID}),
			h.next("assessment-tool-use", "Record a tool used", &domain.AssessmentToolUse{AssessmentID: as.ID}))
		switch {
		case !as.AuthorisedDate.IsZero():
			add("Assessment", as.StartDate, "Authorised "+as.AuthorisedDate.Long())
		case !as.CompletedDate.IsZero():
			add("Assessment", as.StartDate, "Completed "+as.CompletedDate.Long()+", waiting for a manager", h.edit("assessment-complete", as.ID), record)
		default:
			add("Assessment", as.StartDate, "Due "+rules.AssessmentDue(as).Long(), h.edit("assessment-complete", as.ID), record)
		}
		out = append(out, assessmentRecordRows(cr, rules, h, as, today)...)
	}
	for i := range cr.Section47Enquiries {
		e := &cr.Section47Enquiries[i]
		status := "No outcome yet"
		if e.Outcome != "" {
			status = describe(codes.S47Outcome, e.Outcome)
		}
		// The initial conference is due until one is held (AC-14), and is
		// booked before it is (AC-15).
		var next []NavItem
		var held, booked *domain.Conference
		for i := range cr.Conferences {
			if c := &cr.Conferences[i]; c.S47EnquiryID == e.ID && c.Held() {
				held = c
			} else if c.S47EnquiryID == e.ID && c.Upcoming() {
				booked = c
			}
		}
		if due, ok := rules.ICPCTarget(cr, e); ok && held == nil && (e.Outcome == "" || e.Outcome == "substantiated_icpc") {
			status += "; initial conference due " + due.Long()
		}
		if booked != nil && held == nil {
			status += ", booked for " + booked.Date.Long()
		}
		if e.Outcome == "substantiated_icpc" && held == nil && booked == nil {
			kind := "initial"
			if cr.Person.Unborn(today) {
				kind = "pre_birth_initial"
			}
			icpc := &domain.Conference{ReferralID: e.ReferralID, S47EnquiryID: e.ID, Type: kind}
			next = slices.Concat(h.next("conference-booking", "Book the initial conference", icpc), h.next("conference", "Record the initial conference", icpc))
		}
		add("Section 47 enquiry", e.StartDate, status, h.edit("section47-outcome", e.ID), next)
	}
	for i := range cr.Conferences {
		c := &cr.Conferences[i]
		parent := h.next("conference-parent", "Record a parent’s part", &domain.ConferenceParent{ConferenceID: c.ID})
		switch {
		case c.Cancelled():
			add(describe(codes.ConferenceType, c.Type), c.Date, "Booking cancelled "+c.CancelledDate.Long()+": "+brief(c.CancelReason))
			continue
		case !c.Held():
			add(describe(codes.ConferenceType, c.Type), c.Date, bookedStatus(cr, rules, c, today), h.edit("conference-held", c.ID), h.edit("conference-booking", c.ID),
				h.edit("conference-cancel", c.ID), parent)
			continue
		}
		status := cmp.Or(describe(codes.ConferenceDecision, c.Decision), "No decision recorded")
		if c.Quorate != nil && !*c.Quorate {
			status += "; not quorate"
		}
		var next []NavItem
		switch c.Decision {
		case "cp_plan":
			if !slices.ContainsFunc(cr.CPPlans, func(p domain.CPPlan) bool { return p.ConferenceID == c.ID }) {
				next = h.next("cp-plan", "Start the child protection plan", &domain.CPPlan{ReferralID: c.ReferralID, ConferenceID: c.ID, StartDate: c.Date})
			}
		case "no_plan_cin", "end_plan":
			if !slices.ContainsFunc(cr.CINPlans, func(p domain.CINPlan) bool { return !p.StartDate.Before(c.Date) }) {
				next = h.next("cin-plan", "Start a child in need plan", &domain.CINPlan{ReferralID: c.ReferralID, StartDate: c.Date})
			}
		}
		if c.RiskRating != "" {
			status += "; risk " + strings.ToLower(describe(codes.RiskRating, c.RiskRating))
		}
		// What was due of it for the parents (AC-15).
		prepared := rules.ParentsPrepared(cr, c)
		var problems []string
		for _, pp := range prepared {
			problems = append(problems, pp.Problems()...)
		}
		switch {
		case len(prepared) == 0:
			status += "; report to the parents due " + rules.ParentReportDue(c).Long() + ", no parent recorded"
		case len(problems) > 0:
			status += "; " + strings.Join(problems, "; ")
		default:
			status += "; each parent had the report in time"
		}
		add(describe(codes.ConferenceType, c.Type), c.Date, status, h.edit("conference", c.ID), next, parent)
	}
	for i := range cr.CPPlans {
		p := &cr.CPPlans[i]
		if !p.EndDate.IsZero() {
			add("Child protection plan", p.StartDate, "Ended "+p.EndDate.Long())
			continue
		}
		var write []NavItem
		if !slices.ContainsFunc(cr.Plans, func(w domain.Plan) bool { return w.CPPlanID == p.ID }) {
			write = h.next("plan", "Write the plan", &domain.Plan{Type: "cp", CPPlanID: p.ID, StartDate: p.StartDate})
		}
		add("Child protection plan", p.StartDate, describe(codes.CategoryOfAbuse, p.LatestCategory), write,
			h.next("core-group", "Record a core group meeting", &domain.CoreGroup{CPPlanID: p.ID}),
			h.next("conference-booking", "Book a review conference", &domain.Conference{ReferralID: p.ReferralID, Type: "review"}),
			h.next("conference", "Record a review conference", &domain.Conference{ReferralID: p.ReferralID, Type: "review"}),
			h.edit("cp-plan-category", p.ID), h.edit("cp-plan-end", p.ID))
	}
	for i := range cr.CoreGroups {
		g := &cr.CoreGroups[i]
		status := "Attended by " + agencyWords(g.Agencies)
		if g.RiskRating != "" {
			status += "; risk " + strings.ToLower(describe(codes.RiskRating, g.RiskRating))
		}
		add("Core group meeting", g.Date, status)
	}
	for i := range cr.CINPlans {
		p := &cr.CINPlans[i]
		if !p.EndDate.IsZero() {
			add("Child in need plan", p.StartDate, "Ended "+p.EndDate.Long())
			continue
		}
		status, signOff := "Signed off "+p.SignedOffDate.Long(), []NavItem(nil)
		if p.SignedOffDate.IsZero() {
			status, signOff = "Draft: not signed off", h.edit("cin-plan-sign-off", p.ID)
		}
		var write []NavItem
		if !slices.ContainsFunc(cr.Plans, func(w domain.Plan) bool { return w.CINPlanID == p.ID }) {
			write = h.next("plan", "Write the plan", &domain.Plan{Type: "cin", CINPlanID: p.ID, StartDate: p.StartDate})
		}
		add("Child in need plan", p.StartDate, status, write, signOff, h.next("cin-plan-review", "Record a review", &domain.CINPlanReview{CINPlanID: p.ID}))
	}
	for i := range cr.CINPlanReviews {
		rv := &cr.CINPlanReviews[i]
		add("Child in need plan review", rv.Date, cmp.Or(brief(rv.Outcome), "Held"))
	}
	for i := range cr.Plans {
		pl := &cr.Plans[i]
		if pl.Type != "cin" && pl.Type != "cp" {
			continue
		}
		status, open := "Draft: not yet authorised", pl.EndDate.IsZero()
		if !pl.AuthorisedDate.IsZero() {
			status = "Authorised " + pl.AuthorisedDate.Long()
		}
		var actions []NavItem
		if !open {
			status = "Ended " + pl.EndDate.Long()
		} else {
			actions = h.next("plan-action", "Add an action", &domain.PlanAction{PlanID: pl.ID})
			if pl.AuthorisedDate.IsZero() {
				actions = append(actions, h.edit("plan-authorise", pl.ID)...)
			}
		}
		add("Written "+strings.ToLower(describe(codes.PlanType, pl.Type)), pl.StartDate, status, actions, h.edit("plan", pl.ID),
			[]NavItem{{Text: "Print the plan for the family", Href: fmt.Sprintf("%splans/%d/print", h.base, pl.ID)}})
		for _, act := range casework.ActionsOf(cr, pl) {
			add("Action: "+brief(act.What), act.ByWhen, describe(codes.ActionStatus, act.Status)+"; "+act.Who, h.edit("plan-action", act.ID))
		}
	}
	for i := range cr.ManagementDecisions {
		d := &cr.ManagementDecisions[i]
		add("Management decision", d.Date, brief(d.Decision))
	}
	// The MASH's requests about the child's contacts, and the MARAC cases
	// the child is linked to (FD-11, FD-12).
	for i := range cr.MASHRequests {
		q := &cr.MASHRequests[i]
		status := "No answer yet"
		if !q.RespondedAt.IsZero() {
			status = "Answered " + q.RespondedAt.In(london).Format("2 January 2006 15:04") + ": " + describe(codes.RAGRating, q.RAG)
		}
		add("MASH request to "+describe(codes.Agency, q.Agency), casework.DayOf(q.RequestedAt), status, h.edit("mash-request", q.ID))
	}
	for i := range cr.MARACCases {
		m := &cr.MARACCases[i]
		status := "Heard " + longDate(m.HearingDate)
		if m.HearingDate.IsZero() {
			status = "Not yet heard"
		}
		add("MARAC case", m.ReferralDate, status, []NavItem{{Text: "Open the MARAC case", Href: fmt.Sprintf("/marac/%d", m.ID)}})
	}
	return out
}

// bookedStatus is where a booked conference stands for its parents as at
// today (AC-15): the day their report is due, and what is overdue or
// still to be arranged; these are the alerts the parents-not-ready list
// gathers.
func bookedStatus(cr *domain.ChildRecord, rules casework.Rules, c *domain.Conference, today civil.Date) string {
	status := "Booked, not yet held; report to the parents due " + rules.ParentReportDue(c).Long()
	problems := rules.NotReady(cr, c, today)
	switch {
	case len(problems) > 0:
		return status + "; " + strings.Join(problems, "; ")
	case len(rules.ParentsPrepared(cr, c)) == 0:
		return status + ", no parent recorded"
	}
	return status
}

// agencyWords lists agencies in words.
func agencyWords(agencies []string) string {
	words := make([]string, len(agencies))
	for i, a := range agencies {
		words[i] = describe(codes.Agency, a)
	}
	return cmp.Or(strings.Join(words, ", "), "no one recorded")
}

// brief shortens text for a table.
func brief(s string) string {
	if r := []rune(s); len(r) > 80 {
		return strings.TrimSpace(string(r[:79])) + "…"
	}
	return s
}

// printPlanPage is a written plan in plain language, for the child's
// parents and the young person (AC-12).
type printPlanPage struct {
	Page
	Child, Title, Start, End, Summary, Words, Status string
	Actions                                          []planActionView
}

type planActionView struct {
	What, Who, When, How, Status string
}

func (a *App) printPlan(w http.ResponseWriter, r *http.Request) {
	_, cr, ok := a.openRecord(w, r, access.ExportRecord, audit.Printed, "plan for the family")
	if !ok {
		return
	}
	k, _ := domain.KindNamed("plan")
	rec := findRecord(w, r, a, cr, k)
	if rec == nil {
		return
	}
	pl := rec.(*domain.Plan)
	p := printPlanPage{Page: a.page(r, ""), Child: cr.Person.Name(), Title: describe(codes.PlanType, pl.Type) + " for " + cr.Person.Forename,
		Start: longDate(pl.StartDate), End: longDate(pl.EndDate), Summary: pl.Summary, Words: pl.ChildsWords, Status: "Draft: not yet agreed by a manager"}
	if !pl.AuthorisedDate.IsZero() {
		p.Status = "Agreed on " + longDate(pl.AuthorisedDate)
	}
	for _, act := range casework.ActionsOf(cr, pl) {
		p.Actions = append(p.Actions, planActionView{What: act.What, Who: act.Who, When: longDate(act.ByWhen), How: act.HowWeWillKnow,
			Status: describe(codes.ActionStatus, act.Status)})
	}
	a.Web.Render(w, r, http.StatusOK, "casework/plan-print", p)
}
