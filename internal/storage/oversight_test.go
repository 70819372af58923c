package storage_test

import (
	"slices"
	"testing"

	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/domain"
	"github.com/waymark-care/waymark/internal/storage"
	"github.com/waymark-care/waymark/internal/storage/storagetest"
)

// TestOversightRecords: training records are read for the whole workforce
// (AC-04), and the lists of concerns of significant harm (AC-02) and chairs'
// escalations (AC-20) find the children with one in force, and the list of
// parents not prepared for conferences the children with one held (AC-15).
func TestOversightRecords(t *testing.T) {
	storagetest.Each(t, func(t testing.TB, db *storage.DB) {
		w := storagetest.AddWorkforce(t, db)
		c := storagetest.AddChild(t, db, w, 1)
		training, err := db.TrainingRecords(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(training) != 1 || training[0].ProfessionalID != w.Worker.ID || training[0].CompletedDate != civil.MustParse("2018-06-04") {
			t.Errorf("training %+v", training)
		}
		for _, tt := range []struct {
			from, to, kind string
			want           []int64
		}{
			// The fixture's concern was raised at 14:00 on 7 Jan 2019; an
			// instant is read a day either side, for the list to decide.
			{"2019-01-07", "2019-01-07", "harm_concern", []int64{c}},
			{"2019-01-09", "2019-01-31", "harm_concern", nil},
			// Its escalation ran from 11 to 20 Mar 2019.
			{"2019-03-20", "2019-03-20", "chair_escalation", []int64{c}},
			{"2019-03-21", "2019-12-31", "chair_escalation", nil},
			// Its conferences were held on 28 Jan, 26 Apr and 26 Jul 2019
			// (AC-15).
			{"2019-01-28", "2019-01-28", "conference", []int64{c}},
			{"2019-01-29", "2019-04-25", "conference", nil},
		} {
			var got []int64
			err := db.CasesInForce(ctx, civil.MustParse(tt.from), civil.MustParse(tt.to), []string{tt.kind},
				storage.Columns{tt.kind: nil}, func(batch []*domain.ChildRecord) error {
					for _, cr := range batch {
						got = append(got, cr.Person.ID)
						if len(cr.HarmConcerns)+len(cr.ChairEscalations)+len(cr.Conferences) == 0 {
							t.Errorf("%s: the records were not read", tt.kind)
						}
					}
					return nil
				})
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("%s from %s to %s: %v, want %v", tt.kind, tt.from, tt.to, got, tt.want)
			}
		}
	})
}
