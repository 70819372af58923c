package casework

import (
	"context"
	"slices"
	"sync"
	"testing"

	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/domain"
	"github.com/waymark-care/waymark/internal/worklist"
)

// fakeStore serves records as (*storage.DB) would, keeping the children
// with a record of a kind in with, and remembers what it was asked.
type fakeStore struct {
	mu       sync.Mutex // Summary reads two lists at once
	children []*domain.ChildRecord
	with     []string
	columns  map[string][]string
	named    []int64
}

func (f *fakeStore) CasesInForce(ctx context.Context, from, to civil.Date, with []string, columns map[string][]string, fn func([]*domain.ChildRecord) error) error {
	f.mu.Lock()
	f.with, f.columns = with, columns
	f.mu.Unlock()
	var batch []*domain.ChildRecord
	for _, cr := range f.children {
		if len(with) == 0 || slices.Contains(with, "cp_plan") && len(cr.CPPlans) > 0 || slices.Contains(with, "referral") && len(cr.Referrals) > 0 {
			batch = append(batch, cr)
		}
	}
	return fn(batch)
}

func (f *fakeStore) ChildRecords(ctx context.Context, ids []int64, columns map[string][]string, fn func([]*domain.ChildRecord) error) error {
	f.mu.Lock()
	f.named = ids
	f.mu.Unlock()
	var batch []*domain.ChildRecord
	for _, cr := range f.children {
		if slices.Contains(ids, cr.Person.ID) {
			batch = append(batch, cr)
		}
	}
	return fn(batch)
}

// authority is two teams under a service, with a worker in each.
func authority() *worklist.Directory {
	return worklist.NewDirectory(
		[]domain.Team{{Entity: ent(70), Name: "Service"}, {Entity: ent(71), Name: "North", ParentTeamID: 70}, {Entity: ent(72), Name: "South", ParentTeamID: 70}},
		[]domain.Professional{{Entity: ent(80), Name: "Sam North", TeamID: 71}, {Entity: ent(81), Name: "Jo South", TeamID: 72}})
}

// allocated puts a child's case with a worker.
func allocated(cr *domain.ChildRecord, id, worker, team int64, name string) *domain.ChildRecord {
	cr.Person.ID, cr.Person.Forename = id, name
	cr.Involvements = []domain.Involvement{{ProfessionalID: worker, TeamID: team, Role: "allocated_social_worker", From: d("2015-08-03")}}
	return cr
}

func TestBuild(t *testing.T) {
	load := &fakeStore{children: []*domain.ChildRecord{
		allocated(with(onPlan), 1, 80, 71, "Zoe"),
		allocated(with(onPlan), 2, 81, 72, "Amy"),
		allocated(with(func(cr *domain.ChildRecord) {
			onPlan(cr)
			cr.CoreGroups = []domain.CoreGroup{{CPPlanID: 7, Date: d("2015-09-25")}}
		}), 3, 81, 72, "Bea"),
		allocated(base(), 4, 80, 71, "Cal"),
	}}
	dir := authority()
	w := DefaultWindow(d("2015-10-05"))
	rep, err := rules.Build(context.Background(), load, CoreGroupOverdue, w, Filter{}, dir)
	if err != nil {
		t.Fatal(err)
	}
	// It reads the children with plans, only the columns it needs, and who
	// holds the cases of the children it found.
	if !slices.Equal(load.with, []string{"cp_plan"}) || !slices.Equal(load.columns["core_group"], worklist.Columns["core_group"]) || load.columns["involvement"] != nil ||
		!slices.Equal(load.named, []int64{1, 2}) {
		t.Errorf("read children with %v, columns %v, then children %v", load.with, load.columns, load.named)
	}
	var names []string
	for _, r := range rep.Rows {
		names = append(names, r.Child.Name+"/"+r.Worker+"/"+r.Team)
	}
	if want := []string{"Amy Smith/Jo South/South", "Zoe Smith/Sam North/North"}; !slices.Equal(names, want) {
		t.Errorf("rows %v, want %v", names, want)
	}
	if len(rep.Teams) != 2 || rep.Teams[0].N != 1 || len(rep.Workers) != 2 {
		t.Errorf("counts %+v %+v", rep.Teams, rep.Workers)
	}

	for _, tt := range []struct {
		f    Filter
		want int
	}{{Filter{Team: 70}, 2}, {Filter{Team: 71}, 1}, {Filter{Professional: 81}, 1}, {Filter{Team: 71, Professional: 81}, 0}} {
		rep, err := rules.Build(context.Background(), load, CoreGroupOverdue, w, tt.f, dir)
		if err != nil {
			t.Fatal(err)
		}
		if len(rep.Rows) != tt.want || len(rep.Teams) != 2 {
			t.Errorf("filter %+v: %d rows, want %d; teams %+v", tt.f, len(rep.Rows), tt.want, rep.Teams)
		}
	}

	sum, err := rules.Summary(context.Background(), load, w, Filter{Team: 72}, dir)
	if err != nil {
		t.Fatal(err)
	}
	if sum[CoreGroupOverdue] != 1 || sum[PlanWithoutActions] != 2 {
		t.Errorf("summary for the South team: %v", sum)
	}

	// Children the user may not see are withheld, and counted.
	notAmy := func(cr *domain.ChildRecord) bool { return cr.Person.Forename != "Amy" }
	rep, err = rules.Build(context.Background(), load, CoreGroupOverdue, w, Filter{Sees: notAmy}, dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Rows) != 1 || rep.Withheld != 1 {
		t.Errorf("with Amy withheld: %d rows, %d withheld", len(rep.Rows), rep.Withheld)
	}
	sum, err = rules.Summary(context.Background(), load, w, Filter{Team: 72, Sees: notAmy}, dir)
	if err != nil {
		t.Fatal(err)
	}
	// Amy's four entries: her core group, visit and written plan are
	// overdue, and so she is flagged for a drift review.
	if sum[CoreGroupOverdue] != 0 || sum[""] != 4 {
		t.Errorf("summary with Amy withheld: %v", sum)
	}
}

func TestBuildQueue(t *testing.T) {
	assessed := allocated(with(func(cr *domain.ChildRecord) {
		inNeed(cr)
		cr.Assessments[0].AuthorisedDate = civil.Date{}
		cr.CINPlans = []domain.CINPlan{{Entity: ent(8), ReferralID: 2, StartDate: d("2015-09-14")}}
	}), 1, 80, 71, "Zoe")
	cr, ref := closedCase()
	cr.Referrals[0] = *ref
	cr.Assessments[0].AuthorisedDate = d("2015-10-01")
	closed := allocated(cr, 2, 81, 72, "Amy")
	load := &fakeStore{children: []*domain.ChildRecord{assessed, closed}}
	q, err := rules.BuildQueue(context.Background(), load, DefaultWindow(d("2015-12-07")), Filter{}, authority())
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range q.Rows {
		got = append(got, r.What)
	}
	if want := []string{"Assessment", "Child in need plan", "Closure"}; !slices.Equal(got, want) {
		t.Fatalf("queue %v, want %v", got, want)
	}
	// The assessment is not ready: it records neither the child seen nor its
	// factors and analysis, authorised today it would be late, and the
	// assessment record's sections are empty (AC-05).
	wantFields(t, q.Rows[0].Blockers, []string{"child_seen_date", "factors", "analysis", "late_reason", "sources", "chronology_reviewed_date", "history_analysis", "family_summary"}, "")
	if q.Rows[0].Waiting != 62 {
		t.Errorf("the assessment completed on 10 Sep 2015 waited %d working days", q.Rows[0].Waiting)
	}
	wantFields(t, q.Rows[1].Blockers, []string{"signed_off_date"}, "")
	wantFields(t, q.Rows[2].Blockers, nil, "")
	if q.ByWhat["Closure"] != 1 {
		t.Errorf("counts %v", q.ByWhat)
	}
}
