package casework

import (
	"context"
	"slices"
	"sync"

	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/domain"
	"github.com/waymark-care/waymark/internal/timescales"
	"github.com/waymark-care/waymark/internal/worklist"
)

// Ratio is a measure: how many of how many.
type Ratio struct {
	N int `json:"numerator"`
	D int `json:"denominator"`
}

// Percent is N of D as a percentage, 0 when D is.
func (r Ratio) Percent() float64 {
	if r.D == 0 {
		return 0
	}
	return 100 * float64(r.N) / float64(r.D)
}

func (r *Ratio) count(met bool) {
	r.D++
	if met {
		r.N++
	}
}

// WorkingDays are durations in working days.
type WorkingDays []int

// Median is the middle duration by the nearest-rank method, 0 if none.
func (w WorkingDays) Median() int { return median(w) }

// OversightMeasures are oversight's measures for a period, for the
// children whose case a team (and the teams below it) or a worker held on
// its last day, or the whole authority (docs/casework.md, "Oversight").
type OversightMeasures struct {
	From, To civil.Date
	// StrategyInTime: concerns whose strategy discussion fell due in the
	// period, held on time (AC-02, CP-3); StrategyWD the working days from
	// concern to discussion of those held in the period, as a distribution.
	StrategyInTime Ratio
	StrategyWD     WorkingDays
	// TrainedLead: section 47 enquiries started in the period with a lead
	// worker, led by one with current training (AC-04).
	TrainedLead Ratio
	// Voice: assessments and written plans authorised, and reviews
	// (conferences, CIN and looked-after reviews) held, in the period with
	// the child's voice recorded (AC-09), by "assessment", "plan", "review".
	Voice map[string]Ratio
	// AgencyUpdates: updates asked for at core groups that fell due in the
	// period, received on time, in all and by agency (AC-18).
	AgencyUpdates         Ratio
	AgencyUpdatesByAgency map[string]Ratio
	// Escalations: chairs' escalations raised in the period; of those due
	// a response in it, resolved by then; open on the last day (AC-20).
	Escalations               int
	EscalationsResolvedInTime Ratio
	EscalationsOpen           int
	// Advocacy: conferences in the period about a child of
	// advocacy.min_age or over, where the child was offered an advocate;
	// AdvocacyRequests, those where the child took it up (F063) (AC-20).
	Advocacy         Ratio
	AdvocacyRequests int
	// ChairVisits: conferences in the period the chair visited the child
	// after (AC-20).
	ChairVisits Ratio
	// ReportsInTime: conferences in the period with a parent recorded,
	// where every parent had the report by conference.parent_share_wd;
	// LanguageSupport: those with a parent whose language is not English
	// (or who needed an interpreter), where each such parent had a
	// translated summary or an interpreter booked before it (AC-15).
	ReportsInTime   Ratio
	LanguageSupport Ratio
	// DriftFlagged: children flagged and not reviewed on the last day, of
	// them DriftOverThreeMonths flagged more than 3 months; DriftReviews in
	// the period, with the working days from flag to review (AC-21).
	DriftFlagged         int
	DriftOverThreeMonths int
	DriftReviews         WorkingDays
	// The assessment record (assessment_record.go): open cases on the last
	// day with a current case summary (AC-08); assessments authorised in
	// the period that recorded a chronology review (AC-08), and of those
	// with a neglect factor, that used a neglect tool (AC-10); by tool, the
	// children whose score changed from one assessment to the next, the
	// later in the period (AC-10).
	SummaryCurrent     Ratio
	ChronologyReviewed Ratio
	NeglectToolUsed    Ratio
	ScoreTrends        map[string]ScoreTrend
}

// measureColumns are what the measures read: the columns of the
// timescales they use, the records they count, and who holds the case.
var measureColumns = read([]string{"harm_concern", "strategy_discussion", "cp_plan", "cin_plan", "visit"}, map[string][]string{
	"section47_enquiry":   {"start_date", "professional_id"},
	"assessment":          {"authorised_date", "factors", "chronology_reviewed_date"},
	"assessment_tool_use": {"assessment_id", "tool", "used_date", "score", "rating"},
	"case_summary":        {"last_updated"},
	"plan":                {"start_date", "end_date", "authorised_date"},
	"plan_action":         {"plan_id", "by_when", "status"},
	"conference":          {"conference_type", "conference_date", "booked", "advocacy_offered", "advocacy_taken_up", "chair_visit_date", "risk_rating"},
	"conference_parent":   conferenceParentColumns,
	"cin_plan_review":     {"review_date"},
	"cla_review":          {"review_date", "cancelled"},
	"childs_voice":        {"record_kind", "record_id"},
	"core_group_action":   {"agency", "update_requested_date", "update_received_date"},
	"chair_escalation":    {"escalation_date", "response_due", "resolved_date"},
	"management_decision": {"decision_date", "drift_review", "drift_flags"},
	"cp_plan":             {"other_authority"},
	"cin_plan":            {"signed_off_date"},
	"involvement":         holderColumns["involvement"],
	"referral":            append(slices.Clone(holderColumns["referral"]), "referral_date", "close_date"),
	"care_episode":        holderColumns["care_episode"],
})

// Measure works out oversight's measures for the cases open at some time
// from from to to, counted against who held each child's case on to.
func (r Rules) Measure(ctx context.Context, store Store, from, to civil.Date, f Filter, dir *worklist.Directory) (*OversightMeasures, error) {
	m := &OversightMeasures{From: from, To: to, Voice: map[string]Ratio{}, AgencyUpdatesByAgency: map[string]Ratio{},
		ScoreTrends: map[string]ScoreTrend{}}
	in := filterOf(f, dir)
	var mu sync.Mutex
	err := eachChild(ctx, store, from, to, nil, measureColumns, func(cr *domain.ChildRecord) {
		if !in(dir.AllocatedOn(cr, to)) {
			return
		}
		mu.Lock()
		defer mu.Unlock()
		r.measureChild(m, cr)
	})
	return m, err
}

func (r Rules) measureChild(m *OversightMeasures, cr *domain.ChildRecord) {
	w := Window{From: m.From, To: m.To}
	r.measureAssessmentRecord(m, cr)
	for _, it := range r.items(cr, m.To, strategyRules) {
		if w.contains(it.Due) && it.Status != timescales.Due {
			m.StrategyInTime.count(it.Status == timescales.MetOnTime)
		}
		if !it.Met.IsZero() && w.contains(it.Met) {
			m.StrategyWD = append(m.StrategyWD, r.Calendar.WorkingDaysBetween(it.Root, it.Met))
		}
	}
	for i := range cr.Section47Enquiries {
		if e := &cr.Section47Enquiries[i]; w.contains(e.StartDate) && e.ProfessionalID != 0 {
			m.TrainedLead.count(len(r.MissingTraining(e.ProfessionalID, e.StartDate)) == 0)
		}
	}
	voice := func(group, kind string, id int64, on civil.Date) {
		if w.contains(on) {
			v := m.Voice[group]
			v.count(HasVoice(cr, kind, id))
			m.Voice[group] = v
		}
	}
	for i := range cr.Assessments {
		voice("assessment", "assessment", cr.Assessments[i].ID, cr.Assessments[i].AuthorisedDate)
	}
	for i := range cr.Plans {
		voice("plan", "plan", cr.Plans[i].ID, cr.Plans[i].AuthorisedDate)
	}
	for i := range cr.CINPlanReviews {
		voice("review", "cin_plan_review", cr.CINPlanReviews[i].ID, cr.CINPlanReviews[i].Date)
	}
	for i := range cr.CLAReviews {
		if rv := &cr.CLAReviews[i]; !rv.Cancelled {
			voice("review", "cla_review", rv.ID, rv.Date)
		}
	}
	for i := range cr.Conferences {
		c := &cr.Conferences[i]
		if !c.Held() || !w.contains(c.Date) {
			continue
		}
		if c.Type == "review" {
			voice("review", "conference", c.ID, c.Date)
		}
		if _, eligible := r.AdvocacyAge(cr, c.Date); eligible {
			m.Advocacy.count(isTrue(c.AdvocacyOffered))
			if isTrue(c.AdvocacyTakenUp) {
				m.AdvocacyRequests++
			}
		}
		m.ChairVisits.count(!c.ChairVisitDate.IsZero() && !c.ChairVisitDate.After(m.To))
		if parents := r.ParentsPrepared(cr, c); len(parents) > 0 {
			m.ReportsInTime.count(!slices.ContainsFunc(parents, func(p ParentPreparation) bool { return !p.ReportInTime }))
			if slices.ContainsFunc(parents, func(p ParentPreparation) bool { return p.Parent.NeedsLanguageSupport() }) {
				m.LanguageSupport.count(!slices.ContainsFunc(parents, func(p ParentPreparation) bool { return p.LanguageMissing }))
			}
		}
	}
	for i := range cr.CoreGroupActions {
		a := &cr.CoreGroupActions[i]
		if due := r.AgencyUpdateDue(a); w.contains(due) {
			onTime := !a.UpdateReceivedDate.IsZero() && !a.UpdateReceivedDate.After(due)
			m.AgencyUpdates.count(onTime)
			by := m.AgencyUpdatesByAgency[a.Agency]
			by.count(onTime)
			m.AgencyUpdatesByAgency[a.Agency] = by
		}
	}
	for i := range cr.ChairEscalations {
		e := &cr.ChairEscalations[i]
		resolved := !e.ResolvedDate.IsZero() && !e.ResolvedDate.After(m.To)
		if w.contains(e.Date) {
			m.Escalations++
			if !e.ResponseDue.After(m.To) {
				m.EscalationsResolvedInTime.count(resolved && !e.ResolvedDate.After(e.ResponseDue))
			}
		}
		if !e.Date.After(m.To) && !resolved {
			m.EscalationsOpen++
		}
	}
	if flags := r.Unreviewed(cr, m.To); len(flags) > 0 {
		m.DriftFlagged++
		if slices.ContainsFunc(flags, func(f DriftFlag) bool { return f.Since.AddMonths(3).Before(m.To) }) {
			m.DriftOverThreeMonths++
		}
	}
	for i := range cr.ManagementDecisions {
		rv := &cr.ManagementDecisions[i]
		if !rv.DriftReview || !w.contains(rv.Date) {
			continue
		}
		// The flags it answered, as they stood the day before it.
		var since civil.Date
		for _, f := range r.DriftFlags(cr, rv.Date.AddDays(-1)) {
			if (len(rv.DriftFlags) == 0 || slices.Contains(rv.DriftFlags, f.Rule)) && (since.IsZero() || f.Since.Before(since)) {
				since = f.Since
			}
		}
		if !since.IsZero() {
			m.DriftReviews = append(m.DriftReviews, r.Calendar.WorkingDaysBetween(since, rv.Date))
		}
	}
}
