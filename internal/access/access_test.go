package access

import (
	"slices"
	"testing"
)

// The workforce in these tests: team 10 (a social work team) sits under
// service 1, managed by professional 100; the child is allocated to
// professional 11 in team 10, with IRO 30.
var (
	worker      = &User{ID: 1, Roles: []Role{SocialWorker}, ProfessionalID: 11, TeamID: 10}
	colleague   = &User{ID: 2, Roles: []Role{SocialWorker}, ProfessionalID: 12, TeamID: 10}
	otherWorker = &User{ID: 3, Roles: []Role{SocialWorker}, ProfessionalID: 13, TeamID: 20}
	manager     = &User{ID: 4, Roles: []Role{TeamManager}, ProfessionalID: 14, TeamID: 10}
	serviceMgr  = &User{ID: 5, Roles: []Role{ServiceManager}, ProfessionalID: 100, TeamID: 1}
	otherMgr    = &User{ID: 6, Roles: []Role{TeamManager}, ProfessionalID: 16, TeamID: 20}
	iro         = &User{ID: 7, Roles: []Role{IRO}, ProfessionalID: 30, TeamID: 40}
	otherIRO    = &User{ID: 8, Roles: []Role{IRO}, ProfessionalID: 31, TeamID: 40}
	chair       = &User{ID: 9, Roles: []Role{CPChair}, ProfessionalID: 32, TeamID: 41}
	police      = &User{ID: 20, Roles: []Role{Police}}
	health      = &User{ID: 21, Roles: []Role{Health}}
	analyst     = &User{ID: 22, Roles: []Role{Analyst}}
	admin       = &User{ID: 23, Roles: []Role{Administrator}}
	auditor     = &User{ID: 24, Roles: []Role{Auditor}}
	vs          = &User{ID: 25, Roles: []Role{VirtualSchool}, ProfessionalID: 50, TeamID: 50}
	partnership = &User{ID: 26, Roles: []Role{PartnershipMember}}
)

func child() *Child {
	return &Child{
		PersonID: 1000,
		Involved: []Involvement{{ProfessionalID: 11, TeamID: 10, Role: "allocated_social_worker"}, {ProfessionalID: 30, TeamID: 40, Role: "iro"}},
		Line:     []Team{{ID: 10, ManagerID: 14}, {ID: 1, ManagerID: 100}, {ID: 40}},
		Chairs:   []int64{32},
	}
}

func TestViewRecord(t *testing.T) {
	restricted := child()
	restricted.Restricted = true
	inCare := child()
	inCare.LookedAfter = true
	shared := child()
	shared.Grants = []Grant{{Role: Police, Kinds: []string{"contact", "strategy_discussion"}}}
	named := child()
	named.Restricted = true
	named.Grants = []Grant{{UserID: colleague.ID}}
	glass := child()
	glass.Restricted = true
	glass.Grants = []Grant{{UserID: otherWorker.ID, BreakGlass: true}}

	for _, tc := range []struct {
		name       string
		user       *User
		child      *Child
		how        How
		breakGlass bool // refused, but may break the glass
	}{
		{"allocated worker", worker, child(), Involved, false},
		{"worker in the same team", colleague, child(), TeamCase, false},
		{"worker in another team", otherWorker, child(), Denied, true},
		{"team manager of the team", manager, child(), LineCase, false},
		{"service manager above the team", serviceMgr, child(), LineCase, false},
		{"manager of another team", otherMgr, child(), Denied, true},
		{"the child's IRO", iro, child(), Involved, false},
		{"another IRO", otherIRO, child(), Denied, true},
		{"conference chair", chair, child(), Chaired, false},
		{"police with nothing shared", police, child(), Denied, false},
		{"police with a share", police, shared, Shared, false},
		{"health, share is for police", health, shared, Denied, false},
		{"analyst", analyst, child(), Denied, false},
		{"administrator", admin, child(), Denied, false},
		{"partnership member", partnership, child(), Denied, false},
		{"auditor", auditor, child(), Assured, false},
		{"virtual school, not in care", vs, child(), Denied, true},
		{"virtual school, in care", vs, inCare, InCare, false},
		{"nobody signed in", nil, child(), Denied, false},

		{"restricted: allocated worker is named by allocation", worker, restricted, Involved, false},
		{"restricted: team colleague refused", colleague, restricted, Denied, true},
		{"restricted: manager refused", manager, restricted, Denied, true},
		{"restricted: auditor may only break the glass", auditor, restricted, Denied, true},
		{"restricted: named colleague", colleague, named, Named, false},
		{"restricted: glass broken", otherWorker, glass, GlassBroke, false},
		{"restricted: another's broken glass is not mine", colleague, glass, Denied, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := Decide(tc.user, ViewRecord, tc.child)
			if d.How != tc.how || d.Allowed != (tc.how != Denied) || d.CanBreakGlass != tc.breakGlass {
				t.Errorf("got %+v, want how %q, break glass %v", d, tc.how, tc.breakGlass)
			}
		})
	}
}

func TestPartnersSeeOnlyWhatIsShared(t *testing.T) {
	c := child()
	c.Grants = []Grant{{Role: Police, Kinds: []string{"contact"}}, {UserID: police.ID, Kinds: []string{"strategy_discussion", "contact"}}}
	d := Decide(police, ViewRecord, c)
	if !d.Allowed || !slices.Equal(d.Kinds, []string{"contact", "strategy_discussion"}) {
		t.Fatalf("got %+v", d)
	}
	for kind, want := range map[string]bool{"contact": true, "strategy_discussion": true, "referral": false, "case_note": false} {
		if d.Sees(kind) != want {
			t.Errorf("Sees(%q) = %v", kind, !want)
		}
	}
	// A share of the whole record still leaves out the casework narrative.
	c.Grants = []Grant{{Role: Police}}
	d = Decide(police, ViewRecord, c)
	if !d.Sees("referral") || d.Sees("case_note") || d.Sees("management_decision") {
		t.Errorf("whole-record share: %+v", d)
	}
	// Staff see everything.
	if d := Decide(worker, ViewRecord, child()); !d.Sees("case_note") || !d.Sees("referral") {
		t.Errorf("worker: %+v", d)
	}
}

func TestChildActions(t *testing.T) {
	for _, tc := range []struct {
		name   string
		user   *User
		action Action
		want   bool
	}{
		{"worker adds a note", worker, AddCaseNote, true},
		{"auditor cannot add notes", auditor, AddCaseNote, false},
		{"police cannot add notes", police, AddCaseNote, false},
		{"outsider cannot add notes", otherWorker, AddCaseNote, false},
		{"worker cannot read the access log", worker, ViewChildAccessLog, false},
		{"line manager reads the access log", manager, ViewChildAccessLog, true},
		{"other manager cannot", otherMgr, ViewChildAccessLog, false},
		{"auditor reads the access log", auditor, ViewChildAccessLog, true},
		{"outsider may break the glass", otherWorker, BreakGlass, true},
		{"allocated worker need not", worker, BreakGlass, false},
		{"police may not break the glass", police, BreakGlass, false},
		{"analyst may not break the glass", analyst, BreakGlass, false},
		{"line manager names people and shares", manager, ManageGrants, true},
		{"service manager too", serviceMgr, ManageGrants, true},
		{"worker does not", worker, ManageGrants, false},
		{"auditor does not", auditor, ManageGrants, false},
		{"another team's manager does not", otherMgr, ManageGrants, false},
		{"worker exports", worker, ExportRecord, true},
		{"outsider cannot export", otherWorker, ExportRecord, false},
		{"search result for the team", colleague, FindInSearch, true},
		{"no search result outside access", otherWorker, FindInSearch, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Decide(tc.user, tc.action, child()).Allowed; got != tc.want {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

func TestServiceActions(t *testing.T) {
	want := map[Action][]*User{
		Search:         {worker, colleague, otherWorker, manager, serviceMgr, otherMgr, iro, otherIRO, chair, police, health, auditor, vs, partnership},
		ViewAggregates: {manager, serviceMgr, otherMgr, analyst, auditor, partnership},
		ManageUsers:    {admin},
		ManageSettings: {admin},
		ViewBreakGlass: {manager, serviceMgr, otherMgr, auditor},
		RecordNewChild: {worker, colleague, otherWorker, manager, serviceMgr, otherMgr, iro, otherIRO, chair, vs},
		// FD-11: MARAC cases are about adult victims; partners see them at
		// the MARAC itself, not in Waymark.
		ViewMARAC:   {worker, colleague, otherWorker, manager, serviceMgr, otherMgr, iro, otherIRO, chair, auditor, vs},
		RecordMARAC: {worker, colleague, otherWorker, manager, serviceMgr, otherMgr},
	}
	all := []*User{worker, colleague, otherWorker, manager, serviceMgr, otherMgr, iro, otherIRO, chair, police, health, analyst, admin, auditor, vs, partnership}
	for action, allowed := range want {
		for _, u := range all {
			if got := Decide(u, action, nil).Allowed; got != slices.Contains(allowed, u) {
				t.Errorf("%s for %v: got %v", action, u.Roles, got)
			}
		}
	}
	if Decide(nil, Search, nil).Allowed {
		t.Error("nobody signed in may search")
	}
}

func TestDecideUser(t *testing.T) {
	for _, tc := range []struct {
		user    *User
		subject int64
		want    bool
	}{
		{worker, worker.ID, true},
		{worker, colleague.ID, false},
		{manager, worker.ID, false},
		{auditor, worker.ID, true},
		{admin, worker.ID, true},
		{nil, 0, false},
	} {
		if got := DecideUser(tc.user, ViewUserAccessLog, tc.subject).Allowed; got != tc.want {
			t.Errorf("%v reading %d's access log: got %v", tc.user, tc.subject, got)
		}
	}
	if !DecideUser(admin, ManageUsers, 0).Allowed || DecideUser(manager, ManageUsers, 0).Allowed {
		t.Error("only administrators manage users")
	}
}

func TestRoles(t *testing.T) {
	for _, r := range Roles {
		if !r.Valid() || r.Title() == string(r) {
			t.Errorf("role %q has no title", r)
		}
	}
	for _, h := range []How{Involved, TeamCase, LineCase, Chaired, InCare, Named, FamilyCase, Shared, GlassBroke, Assured, Service} {
		if h.Title() == string(h) {
			t.Errorf("how %q has no title", h)
		}
	}
	if Role("wizard").Valid() {
		t.Error("made-up role is valid")
	}
}

func TestFamilyAndManagers(t *testing.T) {
	// A parent: no involvements of their own, seen through their child's.
	parent := &Child{PersonID: 2000, Family: []Involvement{{ProfessionalID: 11, TeamID: 10, Role: "allocated_social_worker"}}}
	for _, tc := range []struct {
		user *User
		how  How
	}{{worker, FamilyCase}, {colleague, FamilyCase}, {otherWorker, Denied}, {police, Denied}} {
		if d := Decide(tc.user, ViewRecord, parent); d.How != tc.how {
			t.Errorf("%v: got %+v, want %q", tc.user.Roles, d, tc.how)
		}
	}
	parent.Restricted = true
	if d := Decide(worker, ViewRecord, parent); d.Allowed {
		t.Error("a restricted relative is seen through the family")
	}
	c := child()
	c.Involved = append(c.Involved, Involvement{ProfessionalID: 14, TeamID: 10, Role: "team_manager"})
	if got := c.Managers(); !slices.Equal(got, []int64{14, 100}) {
		t.Errorf("managers %v, want the team's and the service's managers once each", got)
	}
}

// A family member's details are changed through the child (AC-15, FD-13,
// XC-06): by whoever may record on the child's file, unless the member's
// own record is restricted or is another child's the user may not see.
func TestDecideFamilyMember(t *testing.T) {
	parent := &Child{PersonID: 2000}
	restricted := &Child{PersonID: 2001, Restricted: true}
	sibling := &Child{PersonID: 2002, Involved: []Involvement{{ProfessionalID: 13, TeamID: 20, Role: "allocated_social_worker"}}}
	ownSibling := &Child{PersonID: 2003, Involved: []Involvement{{ProfessionalID: 11, TeamID: 10, Role: "allocated_social_worker"}}}
	for _, tc := range []struct {
		name    string
		user    *User
		member  *Child
		related bool
		allowed bool
	}{
		{"the child's worker, a parent", worker, parent, true, true},
		{"the child's manager, a parent", manager, parent, true, true},
		{"not in the family", worker, parent, false, false},
		{"a worker who may not record on the child", otherWorker, parent, true, false},
		{"an analyst", analyst, parent, true, false},
		{"the police", police, parent, true, false},
		{"a restricted relative", worker, restricted, true, false},
		{"a sibling allocated elsewhere", worker, sibling, true, false},
		{"a sibling the worker also has", worker, ownSibling, true, true},
	} {
		if d := DecideFamilyMember(tc.user, child(), tc.member, tc.related); d.Allowed != tc.allowed {
			t.Errorf("%s: got %+v, want allowed %v", tc.name, d, tc.allowed)
		}
	}
}
