package casework

import (
	"context"
	"slices"

	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/domain"
	"github.com/waymark-care/waymark/internal/worklist"
)

// This file is FD-02: the screening decision within one working day, the
// out-of-hours service's handover, the front door's worklist of both and
// the measure of decisions on time, in hours and out of hours.

// HandoverWD: a contact the out-of-hours service received is handed over
// to the front door by the next working day (FD-02).
const HandoverWD = 1

// Handover is when a contact the out-of-hours service received was due to
// be handed over to the front door, and when it was; false for a contact
// received in hours.
func (r Rules) Handover(c *domain.Contact) (Deadline, bool) {
	if !c.OutOfHours {
		return Deadline{}, false
	}
	return Deadline{Due: r.Calendar.AddWorkingDays(DayOf(c.ContactAt), HandoverWD), Done: DayOf(c.HandoverAt)}, true
}

// FrontDoor is the front door's worklist: it is not one of the drift lists,
// which read who holds a case, because a contact's tasks are the front
// door's, not the allocated worker's.
const FrontDoor List = "front-door"

// The front door's tasks, as its worklist's entries say them.
const (
	HandoverTask = "Received out of hours; hand it over to the front door"
	DecisionTask = "Waiting for the screening decision"
)

// openOn reports whether a step was still to do on a day.
func (d Deadline) openOn(day civil.Date) bool { return d.Done.IsZero() || d.Done.After(day) }

// FrontDoorTasks are the front door's tasks on w.To for the contacts that
// came in from w.From: each screening decision not yet made, due a working
// day after the contact (CP-1), and each out-of-hours contact not yet handed
// over, due the next working day. Each is the front door's: the row's
// worker and team are the contact's, and the filter is applied to them.
// Children the filter's Sees refuses are withheld.
func (r Rules) FrontDoorTasks(ctx context.Context, store Store, contacts []domain.Contact, w Window, f Filter, dir *worklist.Directory) (*Report, error) {
	rep := &Report{List: FrontDoor, Window: w, Filter: f}
	in := filterOf(f, dir)
	byChild := map[int64][]Row{}
	var ids []int64
	teams, workers := map[int64]int{}, map[int64]int{}
	for i := range contacts {
		c := &contacts[i]
		received := DayOf(c.ContactAt)
		if !w.contains(received) {
			continue
		}
		a := worklist.Allocation{ProfessionalID: c.ProfessionalID, TeamID: c.TeamID}
		add := func(d Deadline, detail string) {
			teams[a.TeamID]++
			workers[a.ProfessionalID]++
			if !in(a) {
				return
			}
			if byChild[c.PersonID] == nil {
				ids = append(ids, c.PersonID)
			}
			byChild[c.PersonID] = append(byChild[c.PersonID], Row{Exception: Exception{List: FrontDoor, Record: worklist.RefOf(c),
				Date: received, Due: d.Due, Detail: detail}, Allocation: a, Team: dir.TeamName(a.TeamID), Worker: dir.ProfessionalName(a.ProfessionalID)})
		}
		if h, ok := r.Handover(c); ok && h.openOn(w.To) {
			add(h, HandoverTask)
		}
		if d := r.ContactDecision(c); d.openOn(w.To) {
			add(d, DecisionTask)
		}
	}
	if len(ids) > 0 {
		err := store.ChildRecords(ctx, ids, holderColumns, func(batch []*domain.ChildRecord) error {
			for _, cr := range batch {
				rows := byChild[cr.Person.ID]
				if f.Sees != nil && !f.Sees(cr) {
					rep.Withheld += len(rows)
					continue
				}
				for _, row := range rows {
					row.Child = worklist.Child{ID: cr.Person.ID, Name: cr.Person.Name(), LAChildID: cr.Person.LAChildID}
					rep.Rows = append(rep.Rows, row)
				}
			}
			return ctx.Err()
		})
		if err != nil {
			return nil, err
		}
	}
	slices.SortStableFunc(rep.Rows, compareRows)
	rep.Teams = counts(teams, dir.TeamName, "No team")
	rep.Workers = counts(workers, dir.ProfessionalName, "No worker")
	return rep, nil
}

// ScreeningTimeliness is FD-02's measure for a period: of the contacts
// received in it, how many were decided within one working day, in hours
// and out of hours, and how many out-of-hours contacts were handed over by
// the next working day.
type ScreeningTimeliness struct {
	InHours, OutOfHours, All ScreeningCounts
}

// ScreeningCounts are one part of the measure.
type ScreeningCounts struct {
	// Contacts came in during the period; Due had been decided or were
	// past their day for a decision on the day measured; OnTime were
	// decided within one working day.
	Contacts, Due, OnTime int
	// HandoversDue and HandedOverOnTime are the same for handovers.
	HandoversDue, HandedOverOnTime int
}

// OnTimeRate is the share of contacts due a decision that were decided
// within one working day; false with none.
func (c ScreeningCounts) OnTimeRate() (float64, bool) { return rate(c.OnTime, c.Due) }

// HandoverRate is the share of handovers due that were made on time.
func (c ScreeningCounts) HandoverRate() (float64, bool) {
	return rate(c.HandedOverOnTime, c.HandoversDue)
}

// measured says whether a step counts in a measure on asOf, done by then or
// past its day, and whether it was done on time.
func (d Deadline) measured(asOf civil.Date) (due, onTime bool) {
	done := !d.Done.IsZero() && !d.Done.After(asOf)
	return done || asOf.After(d.Due), done && d.OnTime()
}

func count(b bool) int {
	if b {
		return 1
	}
	return 0
}

// ScreeningTimeliness measures the contacts received from from to to as on
// asOf: a contact not yet decided counts once its day for a decision has
// passed.
func (r Rules) ScreeningTimeliness(from, to, asOf civil.Date, contacts []domain.Contact) ScreeningTimeliness {
	var m ScreeningTimeliness
	w := Window{From: from, To: to}
	for i := range contacts {
		c := &contacts[i]
		if !w.contains(DayOf(c.ContactAt)) {
			continue
		}
		part := &m.InHours
		if c.OutOfHours {
			part = &m.OutOfHours
		}
		d := r.ContactDecision(c)
		h, ooh := r.Handover(c)
		for _, n := range []*ScreeningCounts{part, &m.All} {
			n.Contacts++
			if due, onTime := d.measured(asOf); due {
				n.Due++
				n.OnTime += count(onTime)
			}
			if due, onTime := h.measured(asOf); ooh && due {
				n.HandoversDue++
				n.HandedOverOnTime += count(onTime)
			}
		}
	}
	return m
}
