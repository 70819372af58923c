package access

import "slices"

// Role groups, named for what they share.
var (
	// practitioners work with children: they see their own and their team's.
	practitioners = []Role{SocialWorker, PersonalAdviser, EarlyHelpPractitioner, VirtualSchool}
	// managers see every child in their management line.
	managers = []Role{TeamManager, ServiceManager}
	// chairs see the cases they review or chair.
	chairs = []Role{IRO, CPChair}
	// partners see only what is shared with them.
	partners = []Role{Police, Health, Education, PartnershipMember}
	// casework roles record on a child's file.
	casework = slices.Concat(practitioners, managers, chairs)
	// staff may break the glass: the roles whose work may take them to any
	// child's record in an emergency. Auditors may too, for restricted
	// records, which their assurance access does not reach.
	staff = append(slices.Clone(casework), Auditor)
)

func (u *User) hasAny(roles []Role) bool {
	return u != nil && slices.ContainsFunc(u.Roles, func(r Role) bool { return slices.Contains(roles, r) })
}

// Decide answers whether u may take action a on the child described by c.
// For service-level actions (Search, ViewAggregates, ManageUsers,
// ManageSettings, ViewBreakGlass, RecordNewChild, ViewTraining,
// RecordTraining, ViewMARAC, RecordMARAC) c is ignored and may be nil. A nil user is refused
// everything.
func Decide(u *User, a Action, c *Child) Decision {
	if u == nil {
		return Decision{}
	}
	switch a {
	case Search:
		return allowIf(u.hasAny(staff) || u.hasAny(partners))
	case ViewAggregates:
		return allowIf(u.hasAny(managers) || u.Has(Analyst) || u.Has(PartnershipMember) || u.Has(Auditor))
	case ManageUsers, ManageSettings:
		return allowIf(u.Has(Administrator))
	case ViewBreakGlass:
		return allowIf(u.hasAny(managers) || u.Has(Auditor))
	case RecordNewChild:
		// Whoever records on children's files may take a contact about a
		// child the service does not yet know.
		return allowIf(u.hasAny(casework))
	case ViewTraining:
		// Who leads a section 47 enquiry is decided by those who allocate
		// work and checked by those who assure it (AC-04).
		return allowIf(u.hasAny(staff) || u.Has(Administrator))
	case RecordTraining:
		return allowIf(u.hasAny(managers) || u.Has(Administrator))
	case ViewMARAC:
		// A MARAC case is about an adult victim: those who record on
		// children's files see it, and auditors assure it (FD-11).
		return allowIf(u.hasAny(staff))
	case RecordMARAC:
		// Children's social care's part at the MARAC is a social worker's or
		// a manager's.
		return allowIf(u.Has(SocialWorker) || u.hasAny(managers))
	}
	if c == nil {
		return Decision{}
	}
	view := viewRecord(u, c)
	switch a {
	case ViewRecord, FindInSearch, ExportRecord:
		return view
	case AddCaseNote:
		if view.Allowed && !u.hasAny(casework) {
			return Decision{}
		}
		return view
	case ViewChildAccessLog:
		if u.Has(Auditor) {
			return Decision{Allowed: true, How: Assured}
		}
		if u.hasAny(managers) && slices.Contains([]How{Involved, LineCase, Named}, view.How) {
			return Decision{Allowed: true, How: view.How}
		}
		return Decision{}
	case BreakGlass:
		return allowIf(view.CanBreakGlass)
	case ManageGrants:
		// The record's own managers decide who else may see it; a broken
		// glass or an auditor's reading does not make one its manager.
		if u.hasAny(managers) && slices.Contains([]How{Involved, LineCase, Named}, view.How) {
			return Decision{Allowed: true, How: view.How}
		}
		return Decision{}
	}
	return Decision{}
}

// DecideFamilyMember answers whether u may change the details of a member
// of a child's family (their name, language, interpreter need), seen
// through the child c: the member's record is member, and related says
// whether they are currently in the child's family. Access follows the
// child: whoever may record on the child's file may keep the family's
// details right (AC-15, FD-13, XC-06). A family member whose own record is
// restricted, or who is a child of the service the user may not see, is
// changed only by those who may see their own record: a relative's record
// is not opened through a child's.
func DecideFamilyMember(u *User, c, member *Child, related bool) Decision {
	child := Decide(u, AddCaseNote, c)
	if !child.Allowed || !related || member == nil {
		return Decision{}
	}
	if !member.Restricted && len(member.Involved) == 0 {
		return child
	}
	if own := Decide(u, AddCaseNote, member); own.Allowed && own.How != GlassBroke {
		return child
	}
	return Decision{}
}

// DecideUser answers user-level questions: whether u may read the access
// log of the user with id subject (their own, or anyone's for auditors and
// administrators investigating), or manage accounts.
func DecideUser(u *User, a Action, subject int64) Decision {
	if u == nil {
		return Decision{}
	}
	switch a {
	case ViewUserAccessLog:
		return allowIf(u.ID == subject || u.Has(Auditor) || u.Has(Administrator))
	case ManageUsers:
		return allowIf(u.Has(Administrator))
	}
	return Decision{}
}

func allowIf(ok bool) Decision {
	if ok {
		return Decision{Allowed: true, How: Service}
	}
	return Decision{}
}

// viewRecord decides whether u may see the child's record, and how much.
func viewRecord(u *User, c *Child) Decision {
	if d, ok := granted(u, c); ok {
		return d
	}
	if how := involvement(u, c); how != Denied {
		return Decision{Allowed: true, How: how}
	}
	if !c.Restricted {
		if how := oversight(u, c); how != Denied {
			return Decision{Allowed: true, How: how}
		}
	}
	for _, g := range c.Grants {
		if g.BreakGlass && g.UserID == u.ID {
			return Decision{Allowed: true, How: GlassBroke}
		}
	}
	return Decision{CanBreakGlass: u.hasAny(staff)}
}

// granted applies the grants that name the user or share with their role.
// Several shares with a partner add up; any one of the whole record wins.
func granted(u *User, c *Child) (Decision, bool) {
	var d Decision
	found := false
	for _, g := range c.Grants {
		if g.BreakGlass || !(g.UserID != 0 && g.UserID == u.ID || g.UserID == 0 && g.Role != "" && u.Has(g.Role)) {
			continue
		}
		if !found {
			d = Decision{Allowed: true, How: Named, Kinds: g.Kinds}
			if u.hasAny(partners) && !u.hasAny(staff) {
				d.How = Shared
			}
			found = true
			continue
		}
		if d.Kinds == nil || g.Kinds == nil {
			d.Kinds = nil
		} else {
			for _, k := range g.Kinds {
				if !slices.Contains(d.Kinds, k) {
					d.Kinds = append(d.Kinds, k)
				}
			}
		}
	}
	if d.Kinds != nil {
		d.Kinds = slices.Clip(d.Kinds)
	}
	// A partner shown the whole record still sees no casework narrative
	// unless a share names those kinds.
	d.NoCaseNotes = d.How == Shared && d.Kinds == nil
	return d, found
}

// involvement is access through the user's own current involvement, which
// also names them on a restricted record.
func involvement(u *User, c *Child) How {
	if u.ProfessionalID == 0 || !u.hasAny(casework) {
		return Denied
	}
	for _, i := range c.Involved {
		if i.ProfessionalID == u.ProfessionalID {
			return Involved
		}
	}
	return Denied
}

// oversight is access through the user's team, management line, chairing
// or role, which restricted records do not allow.
func oversight(u *User, c *Child) How {
	if u.hasAny(practitioners) && u.TeamID != 0 {
		for _, i := range c.Involved {
			if i.TeamID == u.TeamID {
				return TeamCase
			}
		}
	}
	if u.hasAny(casework) {
		for _, i := range c.Family {
			if u.ProfessionalID != 0 && i.ProfessionalID == u.ProfessionalID || u.hasAny(practitioners) && u.TeamID != 0 && i.TeamID == u.TeamID {
				return FamilyCase
			}
		}
	}
	if u.hasAny(managers) {
		for _, t := range c.Line {
			if u.TeamID != 0 && t.ID == u.TeamID || u.ProfessionalID != 0 && t.ManagerID == u.ProfessionalID {
				return LineCase
			}
		}
	}
	if u.hasAny(chairs) && u.ProfessionalID != 0 && slices.Contains(c.Chairs, u.ProfessionalID) {
		return Chaired
	}
	if u.Has(VirtualSchool) && c.LookedAfter {
		return InCare
	}
	if u.Has(Auditor) {
		return Assured
	}
	return Denied
}
