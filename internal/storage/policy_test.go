package storage_test

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/waymark-care/waymark/internal/calendar"
	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/domain"
	"github.com/waymark-care/waymark/internal/storage"
	"github.com/waymark-care/waymark/internal/storage/storagetest"
)

// TestLocalPolicy keeps an authority's local standards with a version that
// refuses a stale save, and audits each change (XC-04, XC-05).
func TestLocalPolicy(t *testing.T) {
	storagetest.Each(t, func(t testing.TB, db *storage.DB) {
		p, err := db.LocalPolicy(ctx)
		if err != nil || p.Version != 0 || p.Document != nil {
			t.Fatalf("before the first save: %+v, %v", p, err)
		}
		first := json.RawMessage(`{"cp.visit_interval":[{"from":null,"value":"10 WD"}]}`)
		admin := storage.Change{Actor: "admin", At: time.Date(2024, 4, 2, 10, 0, 0, 0, time.UTC)}
		saved, err := db.SaveLocalPolicy(ctx, admin, first, 0)
		if err != nil || saved.Version != 1 {
			t.Fatalf("first save: %+v, %v", saved, err)
		}
		second := json.RawMessage(`{"cp.visit_interval":[{"from":null,"value":"10 WD"},{"from":"2024-06-01","value":"20 CD"}]}`)
		if _, err := db.SaveLocalPolicy(ctx, admin, second, 1); err != nil {
			t.Fatal(err)
		}
		_, err = db.SaveLocalPolicy(ctx, storage.Change{Actor: "other"}, first, 1)
		var conflict *storage.ConflictError
		if !errors.As(err, &conflict) || conflict.Current != 2 || conflict.UpdatedBy != "admin" {
			t.Errorf("a save based on version 1 after version 2: %v", err)
		}
		p, err = db.LocalPolicy(ctx)
		if err != nil || p.Version != 2 || string(p.Document) != string(second) || p.UpdatedBy != "admin" || !p.UpdatedAt.Equal(admin.At) {
			t.Errorf("read back %+v, %v", p, err)
		}
		history, err := db.RecordHistory(ctx, "local_policy", 1)
		if err != nil || len(history) != 2 || string(history[1].Before) != string(first) || string(history[1].After) != string(second) {
			t.Errorf("audit trail: %d entries, %v", len(history), err)
		}
		if _, err := db.VerifyAudit(ctx); err != nil {
			t.Error(err)
		}
	})
}

func TestExtraHolidays(t *testing.T) {
	storagetest.Each(t, func(t testing.TB, db *storage.DB) {
		d := civil.MustParse
		ch := storage.Change{Actor: "admin"}
		for _, h := range []calendar.Holiday{
			{Date: d("2029-06-04"), Name: "Proclaimed holiday", Kind: calendar.Special},
			{Date: d("2029-05-28"), Name: "Spring bank holiday (moved)", Kind: calendar.Withdrawn},
		} {
			if err := db.AddExtraHoliday(ctx, ch, h); err != nil {
				t.Fatal(err)
			}
		}
		err := db.AddExtraHoliday(ctx, ch, calendar.Holiday{Date: d("2029-06-04"), Name: "Again", Kind: calendar.Special})
		var invalid *domain.ValidationError
		if !errors.As(err, &invalid) || invalid.Errors[0].Field != "date" {
			t.Errorf("the same day twice: %v", err)
		}
		hs, err := db.ExtraHolidays(ctx)
		if err != nil || len(hs) != 2 || hs[0].Date != d("2029-05-28") || hs[0].Kind != calendar.Withdrawn || hs[1].Name != "Proclaimed holiday" {
			t.Errorf("read back %+v, %v", hs, err)
		}
		if err := db.RemoveExtraHoliday(ctx, ch, d("2029-05-28")); err != nil {
			t.Fatal(err)
		}
		if err := db.RemoveExtraHoliday(ctx, ch, d("2029-05-28")); !errors.Is(err, storage.ErrNotFound) {
			t.Errorf("removing a day not on the list: %v", err)
		}
		if hs, _ := db.ExtraHolidays(ctx); len(hs) != 1 {
			t.Errorf("after removing one: %+v", hs)
		}
		if history, err := db.ActorHistory(ctx, "admin"); err != nil || len(history) != 3 {
			t.Errorf("audit trail: %d entries, %v", len(history), err)
		}
	})
}
