// Package access is Waymark's access policy: the one place that answers
// "may this user do this, to this child's record?". It is pure: no HTTP, no
// SQL. Handlers describe the user and the action, storage gathers the facts
// about the child in one query (storage.DB.AccessFacts), and Decide answers.
//
// The rules (docs/security.md):
//
//   - Deny by default. A role grants nothing it does not name.
//   - Practitioners see the children they, or their team, are currently
//     involved with; managers see their line (every team below theirs);
//     independent reviewing officers and conference chairs see their cases.
//   - Partner agencies see only what has been shared with them, and only the
//     kinds of record shared.
//   - Restricted records (staff and their relatives, high-profile cases,
//     sealed adoption records) are seen only by the people named on them: the
//     professionals currently involved and those granted access by name.
//   - Anyone else on the staff may break the glass by giving a reason, which
//     is logged and reported to the record's managers.
package access

import "slices"

// Role is what a user does, which decides what they may see.
type Role string

// The roles. A user may hold several; what they may do is the most any of
// their roles allows.
const (
	SocialWorker          Role = "social_worker"
	TeamManager           Role = "team_manager"
	ServiceManager        Role = "service_manager"
	IRO                   Role = "iro"
	CPChair               Role = "cp_chair"
	PersonalAdviser       Role = "personal_adviser"
	EarlyHelpPractitioner Role = "early_help_practitioner"
	VirtualSchool         Role = "virtual_school"
	Police                Role = "partner_police"
	Health                Role = "partner_health"
	Education             Role = "partner_education"
	Analyst               Role = "performance_analyst"
	PartnershipMember     Role = "safeguarding_partnership"
	Auditor               Role = "auditor"
	Administrator         Role = "administrator"
)

// Roles lists every role, in the order they are offered to administrators.
var Roles = []Role{
	SocialWorker, TeamManager, ServiceManager, IRO, CPChair, PersonalAdviser,
	EarlyHelpPractitioner, VirtualSchool, Police, Health, Education, Analyst,
	PartnershipMember, Auditor, Administrator,
}

var roleTitles = map[Role]string{
	SocialWorker:          "Social worker",
	TeamManager:           "Team manager",
	ServiceManager:        "Service manager",
	IRO:                   "Independent reviewing officer",
	CPChair:               "Child protection chair",
	PersonalAdviser:       "Personal adviser",
	EarlyHelpPractitioner: "Early help practitioner",
	VirtualSchool:         "Virtual school",
	Police:                "Police (partner)",
	Health:                "Health (partner)",
	Education:             "Education (partner)",
	Analyst:               "Performance analyst",
	PartnershipMember:     "Safeguarding partnership member",
	Auditor:               "Auditor",
	Administrator:         "Administrator",
}

// Title is the role as users read it.
func (r Role) Title() string {
	if t, ok := roleTitles[r]; ok {
		return t
	}
	return string(r)
}

// Valid reports whether r is one of the roles.
func (r Role) Valid() bool { _, ok := roleTitles[r]; return ok }

// User is a signed-in user, as the policy and the handlers see them.
type User struct {
	ID       int64
	Username string
	Name     string
	Roles    []Role
	// ProfessionalID links the account to the workforce record
	// (domain.Professional) that involvements name; 0 for users who are not
	// practitioners, such as analysts and partner staff.
	ProfessionalID int64
	// TeamID is the team the user works in, or manages.
	TeamID int64
}

// Has reports whether the user holds the role.
func (u *User) Has(r Role) bool { return u != nil && slices.Contains(u.Roles, r) }

// Action is what the user wants to do.
type Action string

const (
	// Child-level actions: Decide needs the child's facts.
	ViewRecord         Action = "view_record"           // the child's page, record, chronology
	FindInSearch       Action = "find_in_search"        // see the child among search results
	AddCaseNote        Action = "add_case_note"         // record a significant event or note
	ViewChildAccessLog Action = "view_child_access_log" // who has looked at this child
	ExportRecord       Action = "export_record"         // download or print the record
	BreakGlass         Action = "break_glass"           // open a record by giving a reason
	ManageGrants       Action = "manage_grants"         // name people on a record, share it with partners

	// Service-level actions: no child involved.
	Search            Action = "search"               // use the search at all
	ViewAggregates    Action = "view_aggregates"      // counts, measures and returns
	ViewUserAccessLog Action = "view_user_access_log" // what a given user has looked at
	ManageUsers       Action = "manage_users"         // add, disable and reset accounts
	ManageSettings    Action = "manage_settings"      // local standards and extra bank holidays
	ViewBreakGlass    Action = "view_break_glass"     // break-glass report for one's records
	RecordNewChild    Action = "record_new_child"     // a contact about a child not yet known (FD-01)
	ViewTraining      Action = "view_training"        // workers' training records (AC-04)
	RecordTraining    Action = "record_training"      // add to a worker's training record (AC-04)
	ViewMARAC         Action = "view_marac"           // MARAC cases, their victims and actions (FD-11)
	RecordMARAC       Action = "record_marac"         // record a MARAC case, its actions and the children linked (FD-11)
)

// Involvement is a professional currently involved with the child.
type Involvement struct {
	ProfessionalID int64
	TeamID         int64  // the involvement's team, or the professional's
	Role           string // the involvement role code (allocated_social_worker, iro …)
}

// Team is one team in the management line above the child: a team involved
// with the child, or a team above one.
type Team struct {
	ID        int64
	ManagerID int64 // the professional who manages it; 0 if none
}

// Grant opens a child's record beyond the usual rules: a person named on a
// restricted record, a share with a partner agency, or a glass broken.
type Grant struct {
	UserID int64 // the user named, or 0 for a share with everyone in Role
	Role   Role  // the partner role shared with, when UserID is 0
	// Kinds limits a share to these kinds of record (domain kind names);
	// nil is the whole record.
	Kinds      []string
	BreakGlass bool // the user broke the glass and gave a reason
}

// Child is what the policy knows about a child's record: storage gathers it
// in one query (storage.DB.AccessFacts) for the user asking.
type Child struct {
	PersonID    int64
	Restricted  bool
	LookedAfter bool // currently in care: the virtual school's children
	Involved    []Involvement
	// Family are the current involvements with the child's relatives: a
	// practitioner working with a child may see the records of the people
	// in the child's family, and their siblings.
	Family []Involvement
	Line   []Team  // involved teams and every team above them
	Chairs []int64 // professionals who chaired the child's conferences or reviews
	Grants []Grant // grants for the user asking, or their role
}

// How says why access was given, for logs, tests and the page.
type How string

const (
	Denied     How = ""
	Involved   How = "involved"    // the user is involved with the child
	TeamCase   How = "team"        // the user's team is involved
	LineCase   How = "line"        // the child is in the user's management line
	Chaired    How = "chaired"     // the user chaired the child's conference or review
	InCare     How = "in_care"     // virtual school: a looked-after child
	Named      How = "named"       // the user is named on the record
	FamilyCase How = "family"      // the user works with the child's family
	Shared     How = "shared"      // shared with the user's agency
	GlassBroke How = "break_glass" // the user broke the glass
	Assured    How = "audit"       // an auditor's quality assurance access
	Service    How = "service"     // a service-level action the role allows
)

var howTitles = map[How]string{
	Involved: "Working with the child", TeamCase: "Their team's child", LineCase: "In their management line",
	Chaired: "Chaired the child's meeting", InCare: "Virtual school", Named: "Named on the record",
	FamilyCase: "Working with the family", Shared: "Shared with their agency", GlassBroke: "Broke the glass",
	Assured: "Quality assurance", Service: "Their role",
}

// Title says how access was given, in words.
func (h How) Title() string {
	if t, ok := howTitles[h]; ok {
		return t
	}
	return string(h)
}

// Decision is the policy's answer.
type Decision struct {
	Allowed bool
	How     How
	// CanBreakGlass is set when access is refused but the user may break
	// the glass by giving a reason.
	CanBreakGlass bool
	// Kinds limits what the user may see of the record (domain kind names);
	// nil is everything. Partners see only what was shared.
	Kinds []string
	// NoCaseNotes hides case notes and management decisions, for roles
	// that see a record's facts but not its casework narrative.
	NoCaseNotes bool
}

// Sees reports whether the decision lets the user see records of a kind.
func (d Decision) Sees(kind string) bool {
	if !d.Allowed {
		return false
	}
	if d.NoCaseNotes && narrative[kind] {
		return false
	}
	return d.Kinds == nil || slices.Contains(d.Kinds, kind)
}

// narrative kinds are a practitioner's own words about the family.
var narrative = map[string]bool{"case_note": true, "management_decision": true, "supervision_case": true, "case_audit": true}

// Managers are the professionals who manage the child's record: the
// managers of the teams involved and of the teams above them, and any team
// manager involved. A broken glass is reported to them.
func (c *Child) Managers() []int64 {
	var ids []int64
	add := func(id int64) {
		if id != 0 && !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	for _, t := range c.Line {
		add(t.ManagerID)
	}
	for _, i := range c.Involved {
		if i.Role == "team_manager" {
			add(i.ProfessionalID)
		}
	}
	return ids
}
