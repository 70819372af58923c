package worklist

import (
	"slices"

	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/domain"
)

// Directory is the workforce: who is in which team, and the management line
// of teams that worklists and reports are scoped by.
type Directory struct {
	teams  map[int64]*domain.Team
	profs  map[int64]*domain.Professional
	below  map[int64][]int64 // a team's child teams
	sorted []*domain.Team    // by name
}

// NewDirectory builds the directory from every team and professional.
func NewDirectory(teams []domain.Team, profs []domain.Professional) *Directory {
	d := &Directory{teams: map[int64]*domain.Team{}, profs: map[int64]*domain.Professional{}, below: map[int64][]int64{}}
	for i := range teams {
		t := &teams[i]
		d.teams[t.ID] = t
		d.sorted = append(d.sorted, t)
		if t.ParentTeamID != 0 {
			d.below[t.ParentTeamID] = append(d.below[t.ParentTeamID], t.ID)
		}
	}
	slices.SortFunc(d.sorted, func(a, b *domain.Team) int { return cmpName(a.Name, b.Name) })
	for i := range profs {
		d.profs[profs[i].ID] = &profs[i]
	}
	return d
}

// Teams returns every team, by name.
func (d *Directory) Teams() []*domain.Team { return d.sorted }

// Team returns a team, or nil.
func (d *Directory) Team(id int64) *domain.Team { return d.teams[id] }

// Professional returns a professional, or nil.
func (d *Directory) Professional(id int64) *domain.Professional { return d.profs[id] }

// TeamName and ProfessionalName return a name for display, "" for none.
func (d *Directory) TeamName(id int64) string {
	if t := d.teams[id]; t != nil {
		return t.Name
	}
	return ""
}

func (d *Directory) ProfessionalName(id int64) string {
	if p := d.profs[id]; p != nil {
		return p.Name
	}
	return ""
}

// Subtree returns the team and every team below it in the management line,
// sorted by name. A cycle in the data is followed once.
func (d *Directory) Subtree(id int64) []*domain.Team {
	seen := map[int64]bool{}
	var walk func(int64)
	walk = func(id int64) {
		if seen[id] || d.teams[id] == nil {
			return
		}
		seen[id] = true
		for _, c := range d.below[id] {
			walk(c)
		}
	}
	walk(id)
	var out []*domain.Team
	for _, t := range d.sorted {
		if seen[t.ID] {
			out = append(out, t)
		}
	}
	return out
}

// Scope says whose work a worklist or report covers. The zero Scope is the
// whole authority.
type Scope struct {
	// Professional, if set, keeps the children allocated to this worker: a
	// social worker's or personal adviser's own work.
	Professional int64
	// Team, if set, keeps the children allocated in this team or any team
	// below it: a manager's team, a senior manager's service.
	Team int64
	// Sees, if set, says whether the user may see a child's record (the
	// access policy's answer). The items of children they may not see are
	// counted but not listed.
	Sees func(cr *domain.ChildRecord) bool
}

// scope is a Scope made ready to test allocations.
type scope struct {
	professional int64
	teams        map[int64]bool // nil: any team
	sees         func(cr *domain.ChildRecord) bool
}

func (d *Directory) scope(s Scope) scope {
	out := scope{professional: s.Professional, sees: s.Sees}
	if s.Team != 0 {
		out.teams = map[int64]bool{}
		for _, t := range d.Subtree(s.Team) {
			out.teams[t.ID] = true
		}
	}
	return out
}

func (s scope) includes(a Allocation) bool {
	return (s.professional == 0 || a.ProfessionalID == s.professional) && (s.teams == nil || s.teams[a.TeamID])
}

func (s scope) withheld(cr *domain.ChildRecord) bool { return s.sees != nil && !s.sees(cr) }

// Allocation is who holds a child's case on a day: the allocated social
// worker, or for a care leaver the personal adviser, and their team. An
// unallocated case belongs to the team of its open referral, with no worker.
type Allocation struct {
	ProfessionalID int64 `json:"worker_id,omitempty"`
	TeamID         int64 `json:"team_id,omitempty"`
}

// LeadRoles are the involvements that hold a case, strongest first.
var LeadRoles = []string{"allocated_social_worker", "personal_adviser"}

// AllocatedOn returns who held the child's case on day.
func (d *Directory) AllocatedOn(cr *domain.ChildRecord, day civil.Date) Allocation {
	var best *domain.Involvement
	rank := len(LeadRoles)
	for i := range cr.Involvements {
		inv := &cr.Involvements[i]
		r := slices.Index(LeadRoles, inv.Role)
		if r < 0 || inv.From.After(day) || (!inv.To.IsZero() && inv.To.Before(day)) {
			continue
		}
		if r < rank || (r == rank && inv.From.After(best.From)) {
			best, rank = inv, r
		}
	}
	if best != nil {
		team := best.TeamID
		if p := d.profs[best.ProfessionalID]; team == 0 && p != nil {
			team = p.TeamID
		}
		return Allocation{ProfessionalID: best.ProfessionalID, TeamID: team}
	}
	var ref *domain.Referral
	for i := range cr.Referrals {
		r := &cr.Referrals[i]
		if !r.ReferralDate.After(day) && (r.CloseDate.IsZero() || !r.CloseDate.Before(day)) && (ref == nil || r.ReferralDate.After(ref.ReferralDate)) {
			ref = r
		}
	}
	if ref != nil {
		return Allocation{TeamID: ref.TeamID}
	}
	return Allocation{}
}
