package casework

import (
	"context"
	"math"
	"testing"
	"time"

	"github.com/waymark-care/waymark/internal/domain"
	"github.com/waymark-care/waymark/internal/timescales"
)

// TestMARACMeasures: F043 by both definitions in a period and its
// baseline, F044's reduction and target, and the actions children's social
// care was given, done on time (FD-11).
func TestMARACMeasures(t *testing.T) {
	heard := func(id, victim int64, referred, hearing string, agencies ...string) domain.MARACCase {
		c := domain.MARACCase{Entity: ent(id), VictimID: victim, ReferralDate: d(referred), AgenciesPresent: agencies}
		if hearing != "" {
			c.HearingDate = d(hearing)
		}
		return c
	}
	recs := MARACRecords{
		Cases: []domain.MARACCase{
			heard(1, 100, "2014-08-20", "2014-09-10"),
			heard(2, 100, "2015-02-10", "2015-03-01"),                     // repeat of 1
			heard(3, 100, "2015-09-20", "2015-10-01", "police", "health"), // repeat of 2
			heard(4, 200, "2015-09-01", "2015-09-15", "police"),
			heard(5, 200, "2015-11-01", ""), // not yet heard
			heard(6, 300, "2013-12-10", "2014-01-01"),
			heard(7, 300, "2015-07-20", "2015-08-01"), // 19 months after 6: not a repeat
		},
		Children: []domain.MARACChild{
			{PersonID: 10, MARACCaseID: 3}, {PersonID: 10, MARACCaseID: 1},
			{PersonID: 11, MARACCaseID: 4}, {PersonID: 12, MARACCaseID: 7}, {PersonID: 14, MARACCaseID: 3},
		},
		Actions: []domain.MARACAction{
			{Entity: ent(1), MARACCaseID: 3, DueDate: d("2015-10-10"), CompletedDate: d("2015-10-09")},
			{Entity: ent(2), MARACCaseID: 3, DueDate: d("2015-10-20"), CompletedDate: d("2015-10-25")},
			{Entity: ent(3), MARACCaseID: 4, DueDate: d("2016-01-01")},
			{Entity: ent(4), MARACCaseID: 1, DueDate: d("2014-12-01"), CompletedDate: d("2016-08-01")},
		},
	}
	recs.Cases[2].InformationSharedDate = d("2015-09-30")
	recs.Cases[3].InformationSharedDate = d("2015-09-16") // after the hearing
	referrals := func(id int64, dates ...string) *domain.ChildRecord {
		cr := &domain.ChildRecord{Person: domain.Person{Entity: ent(id)}}
		for i, s := range dates {
			cr.Referrals = append(cr.Referrals, domain.Referral{Entity: ent(id*10 + int64(i)), PersonID: id, ReferralDate: d(s)})
		}
		return cr
	}
	store := &fakeStore{children: []*domain.ChildRecord{
		// Child 10 is linked in August 2014, child 11 in September 2015, by
		// the end of each period they count in; 2014-06-01 is in neither.
		referrals(10, "2014-06-01", "2014-10-01", "2015-08-01"),
		referrals(11, "2015-07-15", "2015-12-01"),
		referrals(12, "2016-02-01"),
		referrals(13, "2015-09-01", "2015-10-01"), // never linked
		referrals(14, "2015-01-10"),               // linked only after the baseline
	}}
	period, baseline := Window{From: d("2015-07-01"), To: d("2016-06-30")}, Window{From: d("2014-07-01"), To: d("2015-06-30")}
	m, err := MeasureMARAC(context.Background(), store, recs, period, baseline)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name      string
		got, want Ratio
	}{
		{"definition A, baseline", m.Baseline.Repeat, Ratio{1, 2}},
		{"definition A, period", m.Period.Repeat, Ratio{1, 3}},
		{"definition B, baseline", m.Baseline.ReReferral, Ratio{1, 1}},
		{"definition B, period", m.Period.ReReferral, Ratio{2, 4}},
		{"actions on time", m.ActionsOnTime, Ratio{1, 3}},
		{"information shared by the hearing", m.InformationShared, Ratio{1, 3}},
	} {
		if tt.got != tt.want {
			t.Errorf("%s: %+v, want %+v", tt.name, tt.got, tt.want)
		}
	}
	if m.ActionsOverdue != 2 {
		t.Errorf("overdue actions %d, want 2 (one never done, one done after the period)", m.ActionsOverdue)
	}
	if m.Attendance["police"] != 2 || m.Attendance["health"] != 1 {
		t.Errorf("attendance %v", m.Attendance)
	}
	if r, ok := Reduction(m.Baseline.Repeat, m.Period.Repeat); !ok || math.Abs(r-1.0/3) > 1e-9 || r < F044Reduction {
		t.Errorf("reduction %v %v, want a third, meeting F044", r, ok)
	}
	if got := TargetPercent(m.Baseline.Repeat); got != 37.5 {
		t.Errorf("target %v%%, want 37.5%% (a quarter below 50%%)", got)
	}
	if _, ok := Reduction(Ratio{}, m.Period.Repeat); ok {
		t.Error("a reduction without a baseline")
	}
	if p := PreviousHearing(&recs.Cases[2], recs.Cases); p == nil || p.ID != 2 {
		t.Errorf("case 3's previous hearing %+v, want case 2", p)
	}
	if p := PreviousHearing(&recs.Cases[4], recs.Cases); p != nil {
		t.Errorf("a case not yet heard is a repeat of %+v", p)
	}
}

// TestMASH: a request is made only of a member of the MASH on the day,
// membership being effective-dated; the measures count each MASH contact
// against the agencies that were members when it came, the median response
// and the agencies active each month (FD-12).
func TestMASH(t *testing.T) {
	r := Default()
	r.Policy.MASHAgencies = timescales.Versions[[]string]{{Value: []string{"police", "health"}},
		{From: d("2015-10-01"), Value: []string{"police", "health", "education"}}}
	asked := &domain.MASHRequest{PersonID: 1, ContactID: 1, Agency: "education", RequestedAt: at("2015-09-30 10:00")}
	wantFields(t, r.CheckChange(&domain.ChildRecord{}, asked, nil), []string{"agency"}, "was not a member of the MASH on Wed 30 Sep 2015")
	asked.RequestedAt = at("2015-10-01 10:00")
	wantFields(t, r.CheckChange(&domain.ChildRecord{}, asked, nil), nil, "")

	req := func(contact int64, agency, at0, at1, rag string) domain.MASHRequest {
		q := domain.MASHRequest{ContactID: contact, Agency: agency, RequestedAt: at(at0), RAG: rag}
		if at1 != "" {
			q.RespondedAt = at(at1)
		}
		return q
	}
	m := r.MeasureMASH([]domain.MASHRequest{
		req(1, "police", "2015-09-10 09:00", "2015-09-10 11:00", "red"),
		req(1, "health", "2015-09-10 09:00", "", ""),
		req(2, "police", "2015-10-05 09:00", "2015-10-05 13:00", "amber"),
		req(2, "health", "2015-10-05 09:00", "2015-10-06 09:00", "green"),
		req(2, "education", "2015-10-05 09:00", "2015-10-05 10:00", "green"),
		req(3, "police", "2015-11-30 09:00", "", ""), // outside the period
	}, d("2015-09-01"), d("2015-10-31"))
	if m.Contacts != 2 {
		t.Errorf("contacts %d, want 2", m.Contacts)
	}
	for agency, want := range map[string]Ratio{"police": {2, 2}, "health": {1, 2}, "education": {1, 1}} {
		if got := m.Agencies[agency].Responded; got != want {
			t.Errorf("%s responded %+v, want %+v", agency, got, want)
		}
	}
	if got := m.Agencies["police"].ResponseTimes.Median(); got != 2*time.Hour {
		t.Errorf("police median %v, want 2h (of 2h and 4h, nearest rank)", got)
	}
	if m.Agencies["police"].RAG["red"] != 1 || m.Agencies["health"].RAG["green"] != 1 {
		t.Errorf("ratings %v %v", m.Agencies["police"].RAG, m.Agencies["health"].RAG)
	}
	if len(m.Membership) != 2 || m.Membership[1].From != d("2015-10-01") || len(m.Membership[1].Agencies) != 3 {
		t.Errorf("membership %+v, want both versions in force in the period", m.Membership)
	}
	if later := r.MeasureMASH(nil, d("2016-01-01"), d("2016-03-31")); len(later.Membership) != 1 {
		t.Errorf("membership in 2016 %+v, want the second version alone", later.Membership)
	}
	want := []MASHMonth{{Month: d("2015-09-01"), Members: 2, Active: 1, Contacts: 1}, {Month: d("2015-10-01"), Members: 3, Active: 3, Contacts: 1}}
	if len(m.Months) != 2 || m.Months[0] != want[0] || m.Months[1] != want[1] {
		t.Errorf("months %+v, want %+v", m.Months, want)
	}
}
