package synth

import (
	"context"
	"testing"

	"github.com/waymark-care/waymark/internal/casework"
	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/domain"
	"github.com/waymark-care/waymark/internal/storage/storagetest"
)

// TestBookedConferences: at the end of a run, the initial and review
// conferences still to come are booked, each after its booking day and
// with its parents' parts as they stand; none held is in the future, and
// some booked have a parent not yet prepared (AC-15).
func TestBookedConferences(t *testing.T) {
	db := storagetest.Open(t, "sqlite")
	cfg := Config{Preset: small, Scale: 4, Seed: 5, From: civil.MustParse("2024-01-01"), To: civil.MustParse("2024-09-30")}
	generate(t, db, cfg)
	booked := map[string]int{}
	var notReady int
	read := map[string][]string{"conference": nil, "conference_parent": nil, "relationship": nil, "referral": nil}
	err := db.Caseload(context.Background(), cfg.To, cfg.To, read, func(batch []*domain.ChildRecord) error {
		for _, cr := range batch {
			for i := range cr.Conferences {
				c := &cr.Conferences[i]
				switch {
				case c.Held() && c.Date.After(cfg.To):
					t.Errorf("conference %d held on %s, after the run", c.ID, c.Date)
				case c.Held():
				case !c.Date.After(cfg.To) || c.Decision != "" || len(c.Agencies) > 0:
					t.Errorf("booked conference %+v", c)
				default:
					booked[c.Type]++
					if errs := rules.CheckChange(cr, c, nil); len(errs) > 0 {
						t.Errorf("booking %d: %v", c.ID, errs)
					}
				}
			}
			for i := range cr.ConferenceParents {
				p := &cr.ConferenceParents[i]
				if c := casework.ConferenceOf(cr, p); c != nil && !c.Held() && (p.Attended != nil || p.ReportSharedDate.After(cfg.To) || p.InterpreterBookedDate.After(cfg.To)) {
					t.Errorf("a parent's part ahead of the run: %+v", p)
				}
			}
			notReady += len(rules.Find(casework.ParentsNotReady, cr, casework.DefaultWindow(cfg.To)))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("booked %v; %d with parents not yet prepared", booked, notReady)
	if booked["initial"] == 0 || booked["review"] == 0 || notReady == 0 || notReady >= booked["initial"]+booked["review"] {
		t.Errorf("booked %v, %d not ready: want initial and review conferences booked, some with parents not yet prepared", booked, notReady)
	}
}
