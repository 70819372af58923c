package synth

import (
	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/domain"
)

// Conferences are booked before they are held (AC-15; docs/synth.md): an
// initial conference within bookICPCWD working days of the enquiry's
// outcome asking for it, a review bookReviewWD working days before it.
// The conferences still to come when the run ends are booked, with each
// parent's part as it stands that day, so that the lists show who is not
// yet prepared. Those held in the run are recorded once held, as before:
// booking them on the way would number conferences differently, and the
// child's voice at a conference, drawn by its number, would move the
// calibrated figures.
const bookICPCWD = 2

var bookReviewWD = [2]int{15, 30}

// plannedConference is a conference put in the diary for day, decided on
// on, for the family's stage gen.
type plannedConference struct {
	f       *family
	gen     int
	review  bool
	on, day civil.Date
}

// plan notes a conference put in the diary.
func (s *sim) plan(f *family, review bool, day civil.Date) {
	if day.After(s.cfg.To) {
		s.planned = append(s.planned, plannedConference{f, f.gen, review, s.today, day})
	}
}

// bookUpcoming books, at the end of the run, each conference in the diary
// whose booking day has come, for the children it is still for.
func (s *sim) bookUpcoming() {
	for _, p := range s.planned {
		f := p.f
		if f.gen != p.gen || len(f.children) == 0 {
			continue // the stage the conference was for is over
		}
		r := s.chanceOf("booking", f.children[0].p.ID, int64(p.on.DaysSince(civil.Date{})))
		booked := s.cal.AddWorkingDays(p.on, r.between(0, bookICPCWD))
		if p.review {
			booked = s.cal.AddWorkingDays(p.day, -r.between(bookReviewWD[0], bookReviewWD[1]))
		}
		if booked.Before(p.on) {
			booked = p.on
		}
		if booked.After(s.today) || !booked.Before(p.day) {
			continue // not booked yet
		}
		for _, c := range f.children {
			switch {
			case c.sw == nil || c.ref == nil:
			case p.review && c.cp != nil:
				s.book(c, &domain.Conference{Type: "review"}, booked, p.day, r)
			case !p.review && c.s47 != nil && c.s47.ReferralID == c.ref.ID && c.s47.StartDate == f.s47Start:
				kind := "initial"
				if c.unborn(p.day) {
					kind = "pre_birth_initial"
				}
				s.book(c, &domain.Conference{Type: kind, S47EnquiryID: c.s47.ID, TargetDate: s.cal.AddWorkingDays(f.s47Start, 15)}, booked, p.day, r)
			}
		}
	}
}

// book records a child's conference, booked on booked for day by their
// social worker, and each parent's part in it so far.
func (s *sim) book(c *child, conf *domain.Conference, booked, day civil.Date, r rng) {
	w := c.sw.w
	conf.PersonID, conf.ReferralID, conf.Date, conf.Booked = c.p.ID, c.ref.ID, day, true
	conf.InterpreterNeeded, conf.TeamID, conf.ProfessionalID = c.p.InterpreterNeeded, w.team.t.ID, w.p.ID
	s.storeAt(w, conf, s.tx.Insert, at(booked, 9+r.Float64()*7))
	s.parentsAtConference(c, w, conf)
}
