package casework

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/codes"
	"github.com/waymark-care/waymark/internal/domain"
	"github.com/waymark-care/waymark/internal/worklist"
)

// Parents at conferences and the risk rating (docs/casework.md, "Parents at
// conferences" and "Risk ratings"): each parent has the conference report
// conference.parent_share_wd before it, in a language they can read or
// with an interpreter (AC-15); each conference and core group rates the
// risk to the child, the oversight page shows its trend, and two review
// conferences without a lower rating flag the case for a drift review
// (AC-18, AC-21).

// ParentsNotPrepared is the list of conferences where a parent did not
// have the report in time or in their language (AC-15); ParentsNotReady
// the list of conferences booked and not yet held where a parent has not
// had the report by its due day, or has no translated summary or
// interpreter booked yet: the same failures, found while there is time to
// put them right.
const (
	ParentsNotPrepared List = "parents-not-prepared"
	ParentsNotReady    List = "parents-not-ready"
)

var conferenceParentColumns = []string{"conference_id", "parent_id", "preferred_language", "interpreter_needed",
	"report_shared_date", "translated_summary_date", "interpreter_booked_date"}

var parentLists = map[List]listDef{
	ParentsNotPrepared: {"Conferences where parents did not have the report in time or in their language", "AC-15",
		"Conferences held in the period where a parent had the report later than the local notice (conference.parent_share_wd: 2 working days before an initial conference, 5 before a review, by default) or not at all, or where a parent whose language is not English had no translated summary or interpreter booked before it, or where no parent's part is recorded.",
		false, read(nil, map[string][]string{
			"conference":        {"conference_type", "conference_date", "booked"},
			"conference_parent": conferenceParentColumns,
			"relationship":      {"related_person_id", "relationship_type"},
		}), []string{"conference"},
		Rules.parentsNotPrepared},
	ParentsNotReady: {"Booked conferences with parents not yet prepared", "AC-15",
		"Conferences booked and not yet held (nor cancelled) where a parent has not had the report by its due day (conference.parent_share_wd before the conference), where a parent whose language is not English, or who needs an interpreter, has neither a translated summary nor an interpreter booked yet, or where no parent's part is recorded once the report is due.",
		true, read(nil, map[string][]string{
			"conference":        {"conference_type", "conference_date", "booked", "cancelled_date"},
			"conference_parent": conferenceParentColumns,
			"relationship":      {"related_person_id", "relationship_type"},
		}), []string{"conference:booked"},
		Rules.parentsNotReady},
}

// ParentReportDue is the last day a conference's report can be shared with
// a parent in time: conference.parent_share_wd working days before it
// (AC-15). Zero if the conference has no date.
func (r Rules) ParentReportDue(c *domain.Conference) civil.Date {
	if c.Date.IsZero() {
		return civil.Date{}
	}
	share, ok := r.Policy.ParentShare.At(c.Date)
	if !ok {
		return civil.Date{}
	}
	return r.Calendar.AddWorkingDays(c.Date, -share.Before(c.Type))
}

// ParentPreparation is where one parent stood for a conference (AC-15).
type ParentPreparation struct {
	Parent *domain.ConferenceParent
	// Relation is how the parent is related to the child ("Mother").
	Relation string
	Due      civil.Date
	// ReportInTime: the report was shared by Due; LanguageMissing: the
	// parent needed a translated summary or an interpreter and had neither
	// by the day of the conference.
	ReportInTime    bool
	LanguageMissing bool
}

// Problems says what went wrong, in words for a list or a page; none if
// the parent was prepared.
func (p ParentPreparation) Problems() []string {
	var out []string
	who := cmp.Or(p.Relation, "A parent")
	switch {
	case p.Parent.ReportSharedDate.IsZero():
		out = append(out, fmt.Sprintf("%s: report not shared (due %s)", who, p.Due.Long()))
	case !p.ReportInTime:
		out = append(out, fmt.Sprintf("%s: report shared %s, due %s", who, p.Parent.ReportSharedDate.Long(), p.Due.Long()))
	}
	if p.LanguageMissing {
		out = append(out, fmt.Sprintf("%s: prefers %s and had no translated summary or interpreter booked before the conference", who, p.Parent.Language))
	}
	return out
}

// ParentsPrepared returns where each parent recorded for a conference
// stood (AC-15).
func (r Rules) ParentsPrepared(cr *domain.ChildRecord, c *domain.Conference) []ParentPreparation {
	due := r.ParentReportDue(c)
	var out []ParentPreparation
	for i := range cr.ConferenceParents {
		p := &cr.ConferenceParents[i]
		if p.ConferenceID != c.ID {
			continue
		}
		out = append(out, ParentPreparation{Parent: p, Relation: relationOf(cr, p.ParentID), Due: due,
			ReportInTime:    !p.ReportSharedDate.IsZero() && !p.ReportSharedDate.After(due),
			LanguageMissing: p.NeedsLanguageSupport() && !p.LanguageSupportBy(c.Date)})
	}
	return out
}

// relationOf says how a person is related to the child, as the code list
// words it, or "".
func relationOf(cr *domain.ChildRecord, personID int64) string {
	for _, rel := range cr.Relationships {
		if rel.RelatedPersonID == personID {
			return codes.Describe(codes.RelationshipType, rel.Type)
		}
	}
	return ""
}

// parentsNotPrepared: AC-15. One entry a conference held, naming each
// parent's problem; a booked one is on ParentsNotReady until it is held.
func (r Rules) parentsNotPrepared(cr *domain.ChildRecord, w Window) []Exception {
	var out []Exception
	for i := range cr.Conferences {
		c := &cr.Conferences[i]
		if !c.Held() || !w.contains(c.Date) {
			continue
		}
		parents := r.ParentsPrepared(cr, c)
		var problems []string
		if len(parents) == 0 {
			problems = append(problems, "No parent's part recorded: record when each parent had the report")
		}
		for _, p := range parents {
			problems = append(problems, p.Problems()...)
		}
		if len(problems) > 0 {
			out = append(out, Exception{Record: worklist.RefOf(c), Date: c.Date, Due: r.ParentReportDue(c), Detail: strings.Join(problems, "; ")})
		}
	}
	return out
}

// NotReady says what is still to be done, as at day, for the parents of a
// conference booked and not yet held (AC-15): a report not shared once its
// due day has passed, a parent needing a translated summary or an
// interpreter with neither yet, and no parent's part recorded once the
// report is due. Nothing for a conference held: what went wrong at it is
// on ParentsNotPrepared.
func (r Rules) NotReady(cr *domain.ChildRecord, c *domain.Conference, day civil.Date) []string {
	if !c.Upcoming() {
		return nil
	}
	due := r.ParentReportDue(c)
	parents := r.ParentsPrepared(cr, c)
	var out []string
	if len(parents) == 0 && day.After(due) {
		out = append(out, "No parent’s part recorded: the report was due "+due.Long())
	}
	for _, p := range parents {
		who := cmp.Or(p.Relation, "A parent")
		if shared := p.Parent.ReportSharedDate; (shared.IsZero() || shared.After(day)) && day.After(due) {
			out = append(out, fmt.Sprintf("%s: report not shared (due %s)", who, due.Long()))
		}
		if p.Parent.NeedsLanguageSupport() && !p.Parent.LanguageSupportBy(day) {
			out = append(out, fmt.Sprintf("%s: prefers %s; no translated summary given or interpreter booked yet", who, p.Parent.Language))
		}
	}
	return out
}

// parentsNotReady: AC-15. One entry a booked conference, as at the
// window's last day.
func (r Rules) parentsNotReady(cr *domain.ChildRecord, w Window) []Exception {
	var out []Exception
	for i := range cr.Conferences {
		c := &cr.Conferences[i]
		if problems := r.NotReady(cr, c, w.To); len(problems) > 0 {
			out = append(out, Exception{Record: worklist.RefOf(c), Date: c.Date, Due: r.ParentReportDue(c), Detail: strings.Join(problems, "; ")})
		}
	}
	return out
}

// CheckConferenceParent is the check on recording a parent's part in a
// conference (AC-15): the parent is in the child's family (family, from
// either side: a parent may be recorded only on their own record, naming
// the child), and is recorded once for the conference. A language other than English
// without a translated summary or an interpreter is not refused: the
// conference has happened and its decision must be on the file the same
// day. It is shown as a warning and listed (ParentsNotPrepared) for the
// chair and the team manager to act on.
func CheckConferenceParent(cr *domain.ChildRecord, family []domain.Tie, p *domain.ConferenceParent) []domain.FieldError {
	var errs fieldErrors
	errs.require(p.Language == "", "preferred_language", "Enter the language the parent prefers")
	if p.ParentID != 0 && !Related(family, p.ParentID) {
		errs.add("parent_id", "Choose one of the child’s parents or carers")
	}
	if slices.ContainsFunc(cr.ConferenceParents, func(o domain.ConferenceParent) bool {
		return o.ID != p.ID && o.ConferenceID == p.ConferenceID && o.ParentID == p.ParentID
	}) {
		errs.add("parent_id", "This parent is already recorded for the conference: change that record")
	}
	return errs
}

// FromParentRecord fills in what a parent's conference record leaves blank
// from their person record: their first language as the language they
// prefer, and that they need an interpreter if the record says so (AC-15).
func FromParentRecord(p *domain.ConferenceParent, parent *domain.Person) {
	if p.Language == "" {
		p.Language = parent.Language
	}
	if p.InterpreterNeeded == nil && parent.InterpreterNeeded {
		need := true
		p.InterpreterNeeded = &need
	}
}

// LanguageWarning says, for a parent whose language is not English, that
// neither a translated summary nor an interpreter was arranged before the
// conference, or "" (AC-15).
func LanguageWarning(cr *domain.ChildRecord, p *domain.ConferenceParent) string {
	c := ConferenceOf(cr, p)
	if c == nil || !p.NeedsLanguageSupport() || p.LanguageSupportBy(c.Date) {
		return ""
	}
	return fmt.Sprintf("%s prefers %s: give a translated summary or book an interpreter before the conference of %s", cmp.Or(relationOf(cr, p.ParentID), "The parent"), p.Language, c.Date.Long())
}

// ConferenceOf returns the child's conference a parent's record is about,
// or nil.
func ConferenceOf(cr *domain.ChildRecord, p *domain.ConferenceParent) *domain.Conference {
	return findByID(cr.Conferences, p.ConferenceID)
}

// RiskLevel is a rating's place on the risk_rating scale, lowest risk
// first; -1 if it is not on it.
func RiskLevel(rating string) int {
	list, _ := codes.Lookup(codes.RiskRating)
	return slices.IndexFunc(list.Codes, func(c codes.Code) bool { return c.Value == rating })
}

// RiskPoint is one rating of the risk to a child on a plan: at a
// conference or a core group (AC-18).
type RiskPoint struct {
	Date   civil.Date
	What   string // "Initial child protection conference", "Core group"
	Rating string
	// Review marks a review conference, the points the drift rule compares.
	Review bool
}

// RiskTrend is the risk ratings of a child protection plan, oldest first:
// the conferences from the one that made it to its end, and its core
// groups (AC-18).
func RiskTrend(cr *domain.ChildRecord, p *domain.CPPlan) []RiskPoint {
	var out []RiskPoint
	for i := range cr.Conferences {
		c := &cr.Conferences[i]
		if c.RiskRating != "" && openOn(p.StartDate, p.EndDate, c.Date) {
			out = append(out, RiskPoint{c.Date, codes.Describe(codes.ConferenceType, c.Type), c.RiskRating, c.Type == "review"})
		}
	}
	for i := range cr.CoreGroups {
		if g := &cr.CoreGroups[i]; g.RiskRating != "" && g.CPPlanID == p.ID {
			out = append(out, RiskPoint{Date: g.Date, What: "Core group", Rating: g.RiskRating})
		}
	}
	slices.SortStableFunc(out, func(a, b RiskPoint) int { return a.Date.Compare(b.Date) })
	return out
}

// riskNotReducing flags a plan whose last two review conferences, up to
// day, brought the risk rating no lower than at the conference before the
// first of them (AC-21): ICPC high, reviews high and high, or medium and
// high, are flagged; a review that lowers it clears the flag.
func riskNotReducing(cr *domain.ChildRecord, p *domain.CPPlan, day civil.Date) (DriftFlag, bool) {
	var rated []RiskPoint
	for _, pt := range RiskTrend(cr, p) {
		if pt.What != "Core group" && !pt.Date.After(day) {
			rated = append(rated, pt)
		}
	}
	k := len(rated) - 1
	if k < 2 || !rated[k].Review || !rated[k-1].Review || RiskLevel(rated[k].Rating) < RiskLevel(rated[k-2].Rating) {
		return DriftFlag{}, false
	}
	rating := func(i int) string { return strings.ToLower(codes.Describe(codes.RiskRating, rated[i].Rating)) }
	return DriftFlag{"risk_not_reducing", rated[k].Date, fmt.Sprintf("Risk rated %s, then %s, at the review conferences of %s and %s: no lower than %s at the conference of %s",
		rating(k-1), rating(k), rated[k-1].Date.Long(), rated[k].Date.Long(), rating(k-2), rated[k-2].Date.Long())}, true
}

// SafeguardingLead is the named safeguarding lead of an agency on a day
// (agency.safeguarding_leads), to whom an overdue agency update is
// escalated (AC-18); "" if the authority names none.
func (r Rules) SafeguardingLead(agency string, day civil.Date) string {
	leads, _ := r.Policy.SafeguardingLeads.At(day)
	return leads[agency]
}
