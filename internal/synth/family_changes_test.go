package synth

import (
	"context"
	"testing"

	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/domain"
	"github.com/waymark-care/waymark/internal/storage"
	"github.com/waymark-care/waymark/internal/storage/storagetest"
)

// TestFamilyChanges: over a year some families known to the service move
// house (the old address ended the day before the new one starts), some
// fathers leave the household and some come back (the relationship as it
// was ended, one as it now is begun) (XC-06).
func TestFamilyChanges(t *testing.T) {
	if testing.Short() {
		t.Skip("a simulated year")
	}
	db := storagetest.Open(t, "sqlite")
	cfg := Config{Preset: small, Scale: 4, Seed: 5, From: civil.MustParse("2024-01-01"), To: civil.MustParse("2024-12-31")}
	generate(t, db, cfg)
	var moved, left, joined int
	err := db.Caseload(context.Background(), cfg.From, cfg.To, storage.Columns{"address": nil, "relationship": nil}, func(batch []*domain.ChildRecord) error {
		for _, cr := range batch {
			for i, ad := range cr.Addresses {
				if !ad.To.IsZero() && i+1 < len(cr.Addresses) && cr.Addresses[i+1].From == ad.To.AddDays(1) {
					moved++
				}
			}
			for _, rel := range cr.Relationships {
				if rel.Type == "father" && !rel.To.IsZero() {
					if rel.LivesWith {
						left++
					} else {
						joined++
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if moved == 0 || left == 0 || joined == 0 {
		t.Errorf("in a year, %d moves, %d fathers leaving and %d coming back", moved, left, joined)
	}
	if testing.Verbose() {
		t.Logf("in a year, %d children moved, %d fathers left and %d came back", moved, left, joined)
	}
}
