package main

import (
	"context"
	"strings"
	"testing"

	"github.com/waymark-care/waymark/internal/calendar"
	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/storage"
	"github.com/waymark-care/waymark/internal/storage/storagetest"
)

// A day the authority added in Waymark counts with --db, with no new release.
func TestCalendarCommandReadsTheDatabase(t *testing.T) {
	db, dsn := storagetest.OpenDSN(t, "sqlite")
	err := db.AddExtraHoliday(context.Background(), storage.Change{Actor: "admin"},
		calendar.Holiday{Date: civil.MustParse("2029-06-04"), Name: "Proclaimed holiday", Kind: calendar.Special})
	if err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"--db", dsn, "add-working-days", "2029-06-01", "1"},
		{"add-working-days", "--db", dsn, "2029-06-01", "1"},
	} {
		if code, stdout, stderr := runCalendarCommand(args...); code != 0 || stdout != "2029-06-05\n" {
			t.Errorf("%v: exit %d, %q %q", args, code, stdout, stderr)
		}
	}
	code, _, stderr := runCalendarCommand("--db", t.TempDir()+"/empty.db", "holidays", "2029")
	if code != 1 || !strings.Contains(stderr, "waymark migrate") {
		t.Errorf("an unmigrated database: exit %d, %q", code, stderr)
	}
}
