package synth

import (
	"context"
	"testing"

	"github.com/waymark-care/waymark/internal/casework"
	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/domain"
	"github.com/waymark-care/waymark/internal/storage/storagetest"
)

// TestPartnership: a generated authority's MARAC and MASH as the report
// found them. The MARAC is well attended and about 40% of the cases it
// hears are repeats (¶30, F043); children's social care's actions are mostly
// done on time; every case has its children. The MASH asks police, health
// and education about most of its contacts and they mostly answer, the
// newer partners much less (¶31); every request passes the casework rules
// (FD-11, FD-12).
func TestPartnership(t *testing.T) {
	ctx := context.Background()
	db := storagetest.Open(t, "sqlite")
	cfg := Config{Preset: small, Scale: 5, Seed: 5, From: civil.MustParse("2012-10-01"), To: civil.MustParse("2015-09-30")}
	generate(t, db, cfg)
	cases, children, actions, err := db.MARAC(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for i := range cases {
		if err := domain.Validate(&cases[i]); err != nil {
			t.Fatalf("case %d: %v", cases[i].ID, err)
		}
	}
	linked := map[int64]bool{}
	for _, l := range children {
		linked[l.MARACCaseID] = true
	}
	if len(linked) != len(cases) {
		t.Errorf("%d of %d cases have children linked", len(linked), len(cases))
	}
	year := casework.Window{From: civil.MustParse("2014-10-01"), To: cfg.To}
	m, err := casework.MeasureMARAC(ctx, db, casework.MARACRecords{Cases: cases, Children: children, Actions: actions}, year,
		casework.Window{From: civil.MustParse("2013-10-01"), To: civil.MustParse("2014-09-30")})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("MARAC %s to %s: %d heard, repeats %.0f%%, re-referrals of linked children %.0f%%, actions on time %.0f%% of %d, information shared %.0f%%, attendance %v",
		year.From, year.To, m.Period.Repeat.D, m.Period.Repeat.Percent(), m.Period.ReReferral.Percent(), m.ActionsOnTime.Percent(), m.ActionsOnTime.D,
		m.InformationShared.Percent(), m.Attendance)
	if p := m.Period.Repeat.Percent(); m.Period.Repeat.D < 40 || p < 25 || p > 55 {
		t.Errorf("repeat MARAC cases %d of %d, want about 40%%", m.Period.Repeat.N, m.Period.Repeat.D)
	}
	if m.Attendance["police"] != m.Period.Repeat.D || float64(m.Attendance["health"]) < 0.85*float64(m.Period.Repeat.D) {
		t.Errorf("attendance %v of %d hearings: the MARAC is well attended", m.Attendance, m.Period.Repeat.D)
	}
	if p := m.ActionsOnTime.Percent(); p < 65 || p > 90 {
		t.Errorf("actions on time %.0f%%, want about 78%%", p)
	}
	if m.Period.ReReferral.D == 0 {
		t.Error("no referral of a child linked to a MARAC case")
	}

	requests, err := db.MASHRequests(ctx, year.From.Time(), cfg.To.AddDays(1).Time())
	if err != nil {
		t.Fatal(err)
	}
	for i := range requests {
		if errs := rules.CheckChange(&domain.ChildRecord{}, &requests[i], nil); len(errs) > 0 {
			t.Fatalf("request %d: %v", requests[i].ID, errs)
		}
		if err := domain.Validate(&requests[i]); err != nil {
			t.Fatalf("request %d: %v", requests[i].ID, err)
		}
	}
	mash := rules.MeasureMASH(requests, year.From, year.To)
	for agency, want := range map[string][2]float64{"police": {85, 100}, "health": {65, 90}, "adult_social_care": {2, 25}} {
		if p := mash.Agencies[agency].Responded.Percent(); p < want[0] || p > want[1] {
			t.Errorf("%s answered %.0f%% of MASH contacts, want %v", agency, p, want)
		}
	}
	if mash.Contacts < 200 || len(mash.Months) != 12 || mash.Months[0].Active < 5 {
		t.Errorf("MASH contacts %d, months %+v", mash.Contacts, mash.Months)
	}
}
