package synth

import (
	"github.com/waymark-care/waymark/internal/domain"
)

// Families change while the service knows them, so a child's record has a
// family history: they move house, and a father who lived with the
// children leaves the household, or one who did not comes back to live
// with them. Each is a yearly chance for an open family whose network is
// recorded, drawn from the family's own chance (chanceOf) and recorded
// aside, so the calibrated figures do not move (docs/synth.md).
const (
	movesPerYear         = 0.15 // a family moves house
	fatherLeavesPerYear  = 0.06 // a father living with the children leaves
	fatherReturnsPerYear = 0.04 // a father living elsewhere comes to live with them
)

// familyChanges moves or splits today's open families, at the rates above.
func (s *sim) familyChanges() {
	for _, f := range s.families {
		hh := f.hh
		if !hh.network || hh.mother == nil || len(f.children) == 0 || f.children[0].sw == nil {
			continue
		}
		r := s.chanceOf("family change", hh.mother.ID)
		by := f.children[0].sw.w
		if r.chance(movesPerYear / 365.25) {
			// A new address ends the one before, the day before the move.
			hh.street, hh.postcode, hh.since = r.street(), r.localPostcode(), s.today
			for _, c := range f.children {
				if c.home == nil || c.home.From.After(s.today.AddDays(-1)) {
					continue
				}
				c.home.To = s.today.AddDays(-1)
				s.amendAside(by, c.home)
				c.home = &domain.Address{PersonID: c.p.ID, Type: "home", Line1: hh.street, Town: hh.town, Postcode: hh.postcode, From: s.today}
				s.recordAside(by, c.home)
			}
		}
		if hh.father == nil {
			continue
		}
		// Whether he lives with them is as recorded on the eldest child's
		// file; the household changes for every child.
		lives := f.children[0].father != nil && f.children[0].father.LivesWith
		if r.chance(map[bool]float64{true: fatherLeavesPerYear, false: fatherReturnsPerYear}[lives] / 365.25) {
			s.fatherMoves(f, by, !lives)
		}
	}
}

// fatherMoves changes whether the children's father lives with them: the
// relationship as it was ends the day before, and one as it now is begins.
func (s *sim) fatherMoves(f *family, by *worker, lives bool) {
	for _, c := range f.children {
		rel := c.father
		if rel == nil || rel.LivesWith == lives || !rel.To.IsZero() || rel.From.After(s.today.AddDays(-1)) {
			continue
		}
		rel.To = s.today.AddDays(-1)
		s.amendAside(by, rel)
		c.father = &domain.Relationship{PersonID: c.p.ID, RelatedPersonID: rel.RelatedPersonID, Type: "father",
			ParentalResponsibility: rel.ParentalResponsibility, LivesWith: lives, From: s.today}
		s.recordAside(by, c.father)
	}
}
