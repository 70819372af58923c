package casework

import (
	"cmp"
	"slices"
	"strings"

	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/domain"
	"github.com/waymark-care/waymark/internal/worklist"
)

// This file is FD-05: the front door's management load. The inspection
// found that manager sign-off made the front door's decisions safe but was
// so cumbersome it crowded out supervision (¶26), so the report sets each
// manager's front door authorisations, week by week, beside the
// supervision sessions they delivered (WF-06).

// frontDoorTeams are the teams whose work is the front door's: screening
// contacts and the assessments and closures that follow (the referral and
// response team).
var frontDoorTeams = []string{"front_door", "assessment"}

// managerRoles are the roles whose screening decisions are a manager's
// sign-off; a registered social worker's are not counted.
var managerRoles = []string{"team_manager", "service_manager", "head_of_service"}

// LoadRecords are what the report reads for a period: the contacts decided,
// the assessments authorised, the closures authorised and the supervision
// sessions held in it (as storage reads them).
type LoadRecords struct {
	Decided      []domain.Contact
	Assessments  []domain.Assessment
	Closures     []domain.Referral
	Supervisions []domain.Supervision
}

// FrontDoorLoad is FD-05's report for whole weeks, Monday to Sunday.
type FrontDoorLoad struct {
	// Weeks are the Mondays of the weeks, in order.
	Weeks    []civil.Date
	Managers []ManagerLoad
}

// From and To are the report's first and last days.
func (l FrontDoorLoad) From() civil.Date { return l.Weeks[0] }
func (l FrontDoorLoad) To() civil.Date   { return l.Weeks[len(l.Weeks)-1].AddDays(6) }

// ManagerLoad is one manager's row: their weeks and the ratio of
// authorisations to supervision sessions over the period and its halves.
type ManagerLoad struct {
	ManagerID int64
	Name      string
	// Weeks match FrontDoorLoad.Weeks.
	Weeks []ManagerWeek
}

// ManagerWeek is a manager's week: the front door authorisations they made,
// how long those waited for them, in working days, and the supervision
// sessions they delivered.
type ManagerWeek struct {
	Week                             civil.Date
	Decisions, Assessments, Closures int
	Waits                            WorkingDays
	Supervisions                     int
}

// Authorisations are the week's front door authorisations of every kind.
func (w ManagerWeek) Authorisations() int { return w.Decisions + w.Assessments + w.Closures }

// Ratio is authorisations to supervision sessions; false without a session.
func (w ManagerWeek) Ratio() (float64, bool) { return ratio(w.Authorisations(), w.Supervisions) }

func ratio(n, d int) (float64, bool) {
	if d == 0 {
		return 0, false
	}
	return float64(n) / float64(d), true
}

// total adds up weeks.
func total(ws []ManagerWeek) ManagerWeek {
	var t ManagerWeek
	for _, w := range ws {
		t.Decisions += w.Decisions
		t.Assessments += w.Assessments
		t.Closures += w.Closures
		t.Waits = append(t.Waits, w.Waits...)
		t.Supervisions += w.Supervisions
	}
	return t
}

// Total is the manager's whole period.
func (m ManagerLoad) Total() ManagerWeek { return total(m.Weeks) }

// Earlier and Later are the first and second halves of the period (the
// middle week of an odd number in neither), for the trend.
func (m ManagerLoad) Earlier() ManagerWeek { return total(m.Weeks[:len(m.Weeks)/2]) }
func (m ManagerLoad) Later() ManagerWeek   { return total(m.Weeks[(len(m.Weeks)+1)/2:]) }

// Trend says how the ratio moved from the period's first half to its
// second: "rising" or "falling" by more than a tenth, else "steady";
// "no supervision" when a half had no session to divide by, with
// authorisations in it.
func (m ManagerLoad) Trend() string {
	before, okBefore := m.Earlier().Ratio()
	after, okAfter := m.Later().Ratio()
	switch {
	case !okBefore && m.Earlier().Authorisations() > 0, !okAfter && m.Later().Authorisations() > 0:
		return "no supervision"
	case after > before*1.1:
		return "rising"
	case after < before*0.9:
		return "falling"
	}
	return "steady"
}

// MondayOf is the Monday of a day's week.
func MondayOf(d civil.Date) civil.Date { return d.AddDays(-((int(d.Weekday()) + 6) % 7)) }

// FrontDoorLoad builds the report for the weeks from the one holding from
// to the one holding to. Its authorisations are the front door's: every
// screening decision made by a manager (managerRoles), and the assessments
// and case closures authorised by a manager of a front door or assessment
// team (their own team). Each waited from the contact's receipt, the
// assessment's completion or the case's closure to the manager's decision.
// Its managers are those who made one; their supervision sessions are
// every one they held as supervisor.
func (r Rules) FrontDoorLoad(from, to civil.Date, in LoadRecords, dir *worklist.Directory) FrontDoorLoad {
	var l FrontDoorLoad
	for w := MondayOf(from); !w.After(to); w = w.AddDays(7) {
		l.Weeks = append(l.Weeks, w)
	}
	if len(l.Weeks) == 0 {
		return l
	}
	rows := map[int64]*ManagerLoad{}
	week := func(manager int64, day civil.Date) *ManagerWeek {
		i := day.DaysSince(l.Weeks[0]) / 7
		if manager == 0 || day.Before(l.Weeks[0]) || i >= len(l.Weeks) {
			return nil
		}
		m, ok := rows[manager]
		if !ok {
			m = &ManagerLoad{ManagerID: manager, Name: dir.ProfessionalName(manager), Weeks: make([]ManagerWeek, len(l.Weeks))}
			for j := range m.Weeks {
				m.Weeks[j].Week = l.Weeks[j]
			}
			rows[manager] = m
		}
		return &m.Weeks[i]
	}
	// A manager of the front door or an assessment team: their
	// authorisations are the front door's wherever the case began.
	frontDoor := func(manager int64) bool {
		p := dir.Professional(manager)
		if p == nil {
			return false
		}
		t := dir.Team(p.TeamID)
		return t != nil && slices.Contains(frontDoorTeams, t.Type)
	}
	authorised := func(manager int64, submitted, decided civil.Date, count func(*ManagerWeek)) {
		if w := week(manager, decided); w != nil && !submitted.IsZero() {
			count(w)
			w.Waits = append(w.Waits, max(0, r.Calendar.WorkingDaysBetween(submitted, decided)))
		}
	}
	for i := range in.Decided {
		c := &in.Decided[i]
		if p := dir.Professional(c.DecidedByID); c.Decision != "" && p != nil && slices.Contains(managerRoles, p.Role) {
			authorised(c.DecidedByID, DayOf(c.ContactAt), DayOf(c.DecisionAt), func(w *ManagerWeek) { w.Decisions++ })
		}
	}
	for i := range in.Assessments {
		if a := &in.Assessments[i]; frontDoor(a.AuthorisedByID) {
			authorised(a.AuthorisedByID, a.CompletedDate, a.AuthorisedDate, func(w *ManagerWeek) { w.Assessments++ })
		}
	}
	for i := range in.Closures {
		if c := &in.Closures[i]; frontDoor(c.ClosureAuthorisedByID) {
			authorised(c.ClosureAuthorisedByID, c.CloseDate, c.ClosureAuthorisedDate, func(w *ManagerWeek) { w.Closures++ })
		}
	}
	for i := range in.Supervisions {
		s := &in.Supervisions[i]
		if _, ok := rows[s.SupervisorID]; ok {
			if w := week(s.SupervisorID, s.Date); w != nil {
				w.Supervisions++
			}
		}
	}
	for _, m := range rows {
		l.Managers = append(l.Managers, *m)
	}
	slices.SortFunc(l.Managers, func(a, b ManagerLoad) int {
		return cmp.Or(strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)), cmp.Compare(a.ManagerID, b.ManagerID))
	})
	return l
}
