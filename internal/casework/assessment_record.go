package casework

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/waymark-care/waymark/internal/chronology"
	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/domain"
	"github.com/waymark-care/waymark/internal/timescales"
	"github.com/waymark-care/waymark/internal/worklist"
)

// The assessment record (docs/casework.md, "The assessment record"): the
// sections an assessment must have before a manager authorises it (AC-05),
// the chronology review and history analysis (AC-08), the tools used and
// the neglect rule (AC-10); the child's case summary and how old it may
// grow (summary.max_age), and the chronology's key events (AC-08).

// CheckAssessmentAuthorisation is the check on authorising an assessment:
// everything completing it needs (CheckAssessment), and every mandatory
// section of the record, each refused with its own message (AC-05):
//
//   - the sources consulted, at least one;
//   - the date the chronology was reviewed, no later than the day it is
//     authorised, and the analysis of the child's history (AC-08);
//   - the analysis of needs and risks (CheckAssessment);
//   - a summary in plain language for the family;
//   - with a neglect factor, a neglect tool used or the reason none was
//     (AC-10).
func (r Rules) CheckAssessmentAuthorisation(cr *domain.ChildRecord, a *domain.Assessment, household []HouseholdChild) []domain.FieldError {
	errs := fieldErrors(r.CheckAssessment(cr, a, household))
	errs.require(!slices.ContainsFunc(cr.AssessmentSources, func(s domain.AssessmentSource) bool { return s.AssessmentID == a.ID }),
		"sources", "Record the sources consulted: each agency, who was spoken to, when and what they said")
	switch {
	case a.ChronologyReviewedDate.IsZero():
		errs.add("chronology_reviewed_date", "Enter the date the child's chronology was reviewed")
	case !a.AuthorisedDate.IsZero() && a.ChronologyReviewedDate.After(a.AuthorisedDate):
		errs.add("chronology_reviewed_date", "The chronology must be reviewed before the assessment is authorised")
	}
	errs.require(strings.TrimSpace(a.HistoryAnalysis) == "", "history_analysis", "Enter the analysis of the child's history: what the chronology says about the risks now")
	errs.require(strings.TrimSpace(a.FamilySummary) == "", "family_summary", "Enter a summary of the assessment in plain language for the family")
	if a.HasNeglectFactor() && strings.TrimSpace(a.NeglectToolReason) == "" && !r.UsedNeglectTool(cr, a) {
		errs.add("neglect_tool_reason", "Neglect was identified: record the neglect tool used, such as the Graded Care Profile 2, or say why none was used")
	}
	return errs
}

// toolOf is a tool use's tool in the library in force on the day it was
// used.
func (r Rules) toolOf(u *domain.AssessmentToolUse) (timescales.Tool, bool) {
	lib, ok := r.Policy.AssessmentTools.At(u.Date)
	if !ok {
		return timescales.Tool{}, false
	}
	return lib.Tool(u.Tool)
}

// UsedNeglectTool reports whether an assessment recorded a use of a
// neglect tool (AC-10).
func (r Rules) UsedNeglectTool(cr *domain.ChildRecord, a *domain.Assessment) bool {
	return slices.ContainsFunc(cr.AssessmentToolUses, func(u domain.AssessmentToolUse) bool {
		t, ok := r.toolOf(&u)
		return u.AssessmentID == a.ID && ok && t.Neglect
	})
}

// CheckToolUse checks a tool use against the library in force on the day
// it was used: a tool of the library, scored on its scale and rated from its
// ratings (AC-10).
func (r Rules) CheckToolUse(cr *domain.ChildRecord, u *domain.AssessmentToolUse) []domain.FieldError {
	var errs fieldErrors
	if a := findByID(cr.Assessments, u.AssessmentID); a != nil && !u.Date.IsZero() && u.Date.Before(a.StartDate) {
		errs.add("used_date", "Must be on or after the day the assessment started ("+a.StartDate.Long()+")")
	}
	t, ok := r.toolOf(u)
	if !ok {
		if u.Tool != "" {
			errs.add("tool", fmt.Sprintf("%q is not a tool of the authority's library (assessment.tools)", u.Tool))
		}
		return errs
	}
	switch {
	case t.Score == nil && u.Score != nil:
		errs.add("score", t.Name+" has no score: choose its rating")
	case t.Score != nil && u.Score == nil:
		errs.add("score", fmt.Sprintf("Enter the score, from %d to %d", t.Score.Min, t.Score.Max))
	case t.Score != nil && (*u.Score < t.Score.Min || *u.Score > t.Score.Max):
		errs.add("score", fmt.Sprintf("The score must be from %d to %d", t.Score.Min, t.Score.Max))
	}
	switch {
	case len(t.Ratings) == 0 && u.Rating != "":
		errs.add("rating", t.Name+" has no ratings: enter its score")
	case len(t.Ratings) > 0 && u.Rating == "":
		errs.add("rating", "Choose the rating: "+strings.Join(t.Ratings, ", "))
	case len(t.Ratings) > 0 && !slices.Contains(t.Ratings, u.Rating):
		errs.add("rating", fmt.Sprintf("%q is not a rating of %s: choose %s", u.Rating, t.Name, strings.Join(t.Ratings, ", ")))
	}
	return errs
}

// CheckKeyEvent checks that a key event marks an event of the child's
// chronology: one the named record makes on that day, and not marked
// already (AC-08).
func CheckKeyEvent(cr *domain.ChildRecord, k *domain.KeyEvent) []domain.FieldError {
	if k.RecordKind == "" || k.RecordID == 0 || k.EventDate.IsZero() {
		return nil
	}
	if m := KeyMark(cr, k.RecordKind, k.RecordID, k.EventDate); k.ID == 0 && m != nil {
		return []domain.FieldError{{Field: "record_id", Message: "The event is already marked as key"}}
	}
	for _, e := range chronology.Build(cr, nil, chronology.Filter{}) {
		if e.Kind == k.RecordKind && e.RecordID == k.RecordID && e.Date == k.EventDate {
			return nil
		}
	}
	return []domain.FieldError{{Field: "record_id", Message: "The child's chronology has no such event on " + k.EventDate.Long()}}
}

// KeyMark returns the mark that holds on an event of the child's
// chronology, or nil if it is not a key event.
func KeyMark(cr *domain.ChildRecord, kind string, recordID int64, day civil.Date) *domain.KeyEvent {
	for i := range cr.KeyEvents {
		if k := &cr.KeyEvents[i]; k.Holds() && k.RecordKind == kind && k.RecordID == recordID && k.EventDate == day {
			return k
		}
	}
	return nil
}

// ToolScore is one assessment's result on a tool.
type ToolScore struct {
	AssessmentID int64      `json:"assessment_id"`
	Date         civil.Date `json:"used_date"`
	Score        *int       `json:"score"`
	Rating       string     `json:"rating"`
}

// ToolTrend is a child's results on one tool across their assessments,
// oldest first: the last use in each assessment (AC-10).
type ToolTrend struct {
	Tool   timescales.Tool `json:"tool"`
	Scores []ToolScore     `json:"scores"`
}

// Change is the last score less the one before it, from the assessment
// before; ok is false until two assessments have a score.
func (t ToolTrend) Change() (change int, ok bool) {
	var scored []int
	for _, s := range t.Scores {
		if s.Score != nil {
			scored = append(scored, *s.Score)
		}
	}
	if n := len(scored); n >= 2 {
		return scored[n-1] - scored[n-2], true
	}
	return 0, false
}

// ToolTrends are the child's results on each tool used, by tool, in the
// order tools were first used, with uses up to day.
func (r Rules) ToolTrends(cr *domain.ChildRecord, day civil.Date) []ToolTrend {
	uses := slices.Clone(cr.AssessmentToolUses)
	slices.SortStableFunc(uses, func(a, b domain.AssessmentToolUse) int { return cmp.Compare(a.Date.String(), b.Date.String()) })
	var out []ToolTrend
	for i := range uses {
		u := &uses[i]
		if u.Date.After(day) {
			continue
		}
		t, ok := r.toolOf(u)
		if !ok {
			t = timescales.Tool{Code: u.Tool, Name: u.Tool}
		}
		j := slices.IndexFunc(out, func(tr ToolTrend) bool { return tr.Tool.Code == u.Tool })
		if j < 0 {
			out = append(out, ToolTrend{Tool: t})
			j = len(out) - 1
		}
		s := ToolScore{AssessmentID: u.AssessmentID, Date: u.Date, Score: u.Score, Rating: u.Rating}
		// One result an assessment: its last.
		if n := len(out[j].Scores); n > 0 && out[j].Scores[n-1].AssessmentID == u.AssessmentID {
			out[j].Scores[n-1] = s
		} else {
			out[j].Scores = append(out[j].Scores, s)
		}
	}
	return out
}

// SummaryState is where the child's case summary stands on a day.
type SummaryState struct {
	// Open is whether the child's case is open that day: only an open
	// case's summary must be kept current.
	Open bool
	// Summary is the child's case summary, or nil if there is none.
	Summary *domain.CaseSummary
	// Due is the day it falls out of date: summary.max_age after it was
	// last updated or, with none, after the open case's referral.
	Due civil.Date
	// OutOfDate is whether an open case's summary is past Due.
	OutOfDate bool
}

// CaseSummary says where the child's case summary stands on day (AC-08).
func (r Rules) CaseSummary(cr *domain.ChildRecord, day civil.Date) SummaryState {
	var st SummaryState
	if n := len(cr.CaseSummaries); n > 0 {
		st.Summary = &cr.CaseSummaries[n-1]
	}
	ref := openReferral(cr, day)
	st.Open = ref != nil
	from := civil.Date{}
	switch {
	case st.Summary != nil && !st.Summary.LastUpdated.After(day):
		from = st.Summary.LastUpdated
	case ref != nil:
		from = ref.ReferralDate
	}
	if from.IsZero() {
		return st
	}
	if k, ok := r.Policy.SummaryMaxAge.At(from); ok {
		st.Due = r.Calendar.Due(from, k)
		st.OutOfDate = st.Open && day.After(st.Due)
	}
	return st
}

// SummaryOutOfDate is the list of open cases whose case summary is older
// than summary.max_age (AC-08).
const SummaryOutOfDate List = "summary-out-of-date"

var assessmentRecordLists = map[List]listDef{
	SummaryOutOfDate: {"Case summaries out of date", "AC-08",
		"Children whose case is open and whose case summary was last updated longer ago than the local limit (summary.max_age, default 6 months), or who have had none for that long since the referral.",
		true, read(nil, map[string][]string{
			"referral":     {"referral_date", "close_date"},
			"case_summary": {"last_updated"},
		}), []string{"referral"},
		Rules.summaryOutOfDate},
}

func (r Rules) summaryOutOfDate(cr *domain.ChildRecord, w Window) []Exception {
	st := r.CaseSummary(cr, w.To)
	if !st.OutOfDate {
		return nil
	}
	if st.Summary == nil {
		ref := openReferral(cr, w.To)
		return []Exception{{Record: worklist.RefOf(ref), Date: ref.ReferralDate, Due: st.Due, Detail: "No case summary; the case has been open since " + ref.ReferralDate.Long()}}
	}
	return []Exception{{Record: worklist.RefOf(st.Summary), Date: st.Summary.LastUpdated, Due: st.Due,
		Detail: "Case summary last updated " + st.Summary.LastUpdated.Long()}}
}

// ScoreTrend counts children whose score on a tool went up, stayed the same
// or went down from one assessment to the next (AC-10). Whether up is
// better depends on the tool (its scale's meaning).
type ScoreTrend struct {
	Tool string `json:"tool"` // its name in the library
	Up   int    `json:"up"`
	Same int    `json:"same"`
	Down int    `json:"down"`
}

// measureAssessmentRecord counts the assessment record's measures for one
// child (AC-08, AC-10): whether an open case's summary is current on the
// last day; assessments authorised in the period that recorded a
// chronology review, and of those with a neglect factor, a neglect tool
// used; and the change in each tool's score where the later score is from
// the period.
func (r Rules) measureAssessmentRecord(m *OversightMeasures, cr *domain.ChildRecord) {
	w := Window{From: m.From, To: m.To}
	if st := r.CaseSummary(cr, m.To); st.Open {
		m.SummaryCurrent.count(st.Summary != nil && !st.OutOfDate && !st.Summary.LastUpdated.After(m.To))
	}
	for i := range cr.Assessments {
		a := &cr.Assessments[i]
		if !w.contains(a.AuthorisedDate) {
			continue
		}
		m.ChronologyReviewed.count(!a.ChronologyReviewedDate.IsZero())
		if a.HasNeglectFactor() {
			m.NeglectToolUsed.count(r.UsedNeglectTool(cr, a))
		}
	}
	for _, t := range r.ToolTrends(cr, m.To) {
		if change, ok := t.Change(); ok && w.contains(t.Scores[len(t.Scores)-1].Date) {
			trend := m.ScoreTrends[t.Tool.Code]
			trend.Tool = t.Tool.Name
			switch {
			case change > 0:
				trend.Up++
			case change < 0:
				trend.Down++
			default:
				trend.Same++
			}
			m.ScoreTrends[t.Tool.Code] = trend
		}
	}
}
