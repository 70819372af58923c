package synth

import (
	"context"
	"testing"
	"time"

	"github.com/waymark-care/waymark/internal/casework"
	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/domain"
	"github.com/waymark-care/waymark/internal/storage/storagetest"
	"github.com/waymark-care/waymark/internal/worklist"
)

// TestScreening: the contacts of a generated authority pass the casework
// rules as stored and show the front door as the report found it: schools
// and the police putting the need higher than the front door decided (¶22,
// ¶25), police notifications often incomplete and asked after (¶28),
// disabled children's contacts closed only after a consultation except in
// data imported from before (¶40), contacts taken by unqualified staff
// decided by registered managers (¶26), and the out-of-hours service's
// contacts handed over by the next working day, before the decision (¶26)
// (FD-02, FD-03, FD-04, FD-09, FD-13).
func TestScreening(t *testing.T) {
	ctx := context.Background()
	db := storagetest.Open(t, "sqlite")
	cfg := Config{Preset: small, Scale: 4, Seed: 5, From: civil.MustParse("2024-01-01"), To: civil.MustParse("2024-09-30")}
	generate(t, db, cfg)
	contacts, err := db.ContactsReceived(ctx, time.Time{}, cfg.To.AddDays(1).Time())
	if err != nil {
		t.Fatal(err)
	}
	teams, profs, err := db.Workforce(ctx)
	if err != nil {
		t.Fatal(err)
	}
	staff := worklist.NewDirectory(teams, profs)

	var imported, importedUnconsulted, decided, overReferred, underReferred int
	var notifications, incomplete, requested, answeredOnTime, answeredLate, unqualifiedTaken int
	var outOfHours, handedOverOnTime, handedOverLate int
	agree := map[string][2]int{} // by source: agreed, compared
	for i := range contacts {
		c := &contacts[i]
		if c.ProfessionalID == 0 { // imported by the migration
			imported++
			if c.Disabled && domain.ClosedWithoutService(c.Decision) && c.DisabilityConsultedDate.IsZero() {
				importedUnconsulted++
			}
			continue
		}
		if errs := rules.CheckChange(&domain.ChildRecord{}, c, nil); len(errs) > 0 {
			t.Fatalf("contact %d: %v", c.ID, errs)
		}
		if h, ok := rules.Handover(c); ok {
			outOfHours++
			switch {
			case h.OnTime():
				handedOverOnTime++
			case !h.Done.IsZero():
				handedOverLate++
			}
			if c.Decision != "" && (c.HandoverAt.IsZero() || c.HandoverAt.After(c.DecisionAt)) {
				t.Errorf("contact %d: decided at %s, handed over at %s", c.ID, c.DecisionAt, c.HandoverAt)
			}
		}
		if c.Decision == "" {
			continue
		}
		decided++
		if c.ThresholdGuidance == "" {
			t.Errorf("contact %d: decided without the guidance's version", c.ID)
		}
		if p := staff.Professional(c.DecidedByID); p == nil || !p.RegisteredOn(casework.DayOf(c.DecisionAt)) {
			t.Errorf("contact %d: decided by %d, not a registered social worker", c.ID, c.DecidedByID)
		}
		if p := staff.Professional(c.ProfessionalID); p != nil && p.Registration == "unqualified" {
			unqualifiedTaken++
		}
		if c.ReferrerThreshold != "" {
			from, to := levelIndex(c.ReferrerThreshold), levelIndex(c.ThresholdDecision)
			a := agree[c.Source]
			a[1]++
			if from == to {
				a[0]++
			}
			agree[c.Source] = a
			overReferred += boolInt(from > to)
			underReferred += boolInt(from < to)
		}
		if c.DomesticAbuseNotification {
			notifications++
			if c.PoliceReference == "" || !c.IncidentAt.Before(c.ContactAt) {
				t.Errorf("contact %d: notification without its reference or incident", c.ID)
			}
			if len(rules.MissingInformation(c)) > 0 {
				incomplete++
			}
			if !c.InformationRequestedDate.IsZero() {
				requested++
				switch d := casework.InformationRequest(c); {
				case d.OnTime():
					answeredOnTime++
				case !d.Done.IsZero():
					answeredLate++
				}
			}
		}
	}
	share := func(n, of int) float64 { return float64(n) / float64(max(of, 1)) }
	rateOf := func(sources ...string) float64 {
		var n, of int
		for _, s := range sources {
			n, of = n+agree[s][0], of+agree[s][1]
		}
		return share(n, of)
	}
	schoolsAndPolice, health := rateOf("2A", "6"), rateOf("3A", "3B", "3C", "3D", "3E", "3F")
	t.Logf("%d contacts decided; referrer higher %.0f%%, lower %.0f%%; agreement schools and police %.0f%%, health %.0f%%",
		decided, 100*share(overReferred, decided), 100*share(underReferred, decided), 100*schoolsAndPolice, 100*health)
	t.Logf("%d notifications, %.0f%% incomplete; %d requests, %.0f%% answered on time, %.0f%% late",
		notifications, 100*share(incomplete, notifications), requested, 100*share(answeredOnTime, requested), 100*share(answeredLate, requested))
	t.Logf("%d contacts taken by unqualified staff; %d imported, %d disabled children's closed unconsulted", unqualifiedTaken, imported, importedUnconsulted)
	t.Logf("%d out of hours (%.0f%% of contacts), %.0f%% handed over on time, %d late",
		outOfHours, 100*share(outOfHours, len(contacts)-imported), 100*share(handedOverOnTime, outOfHours), handedOverLate)
	switch {
	case share(outOfHours, len(contacts)-imported) < 0.04 || share(outOfHours, len(contacts)-imported) > 0.2:
		t.Error("out of hours: the weekends' and nights' contacts, a tenth or so of all (FD-02)")
	case share(handedOverOnTime, outOfHours) < 0.9 || handedOverLate == 0:
		t.Error("out of hours: nearly all handed over by the next working day, a few late (FD-02)")
	case schoolsAndPolice >= health || overReferred <= 2*underReferred:
		t.Error("schools and the police should over-refer most")
	case incomplete == 0 || incomplete != requested || answeredOnTime <= answeredLate || answeredOnTime+answeredLate == requested:
		t.Error("notifications: some incomplete, each asked after, most answered on time, some late, a few not at all")
	case unqualifiedTaken == 0:
		t.Error("no contact taken by unqualified staff")
	case importedUnconsulted == 0:
		t.Error("no imported contact shows a disabled child's closure without a consultation")
	}
}

func levelIndex(level string) int {
	for i, l := range thresholdLevels {
		if l == level {
			return i
		}
	}
	return -1
}
