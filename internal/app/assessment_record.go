package app

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/waymark-care/waymark/internal/access"
	"github.com/waymark-care/waymark/internal/casework"
	"github.com/waymark-care/waymark/internal/chronology"
	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/codes"
	"github.com/waymark-care/waymark/internal/domain"
	"github.com/waymark-care/waymark/internal/timescales"
	"github.com/waymark-care/waymark/internal/web"
)

// This file serves the assessment record (docs/casework.md, "The
// assessment record"): the forms for the sources an assessment consulted
// and the tools it used (AC-05, AC-10), the child's case summary and the
// chronology's key events (AC-08). The records go through the casework
// API and forms like every other step; the rules are casework's.

func init() {
	caseworkForms = append(caseworkForms, assessmentRecordForms...)
	feature((*App).mountAssessmentRecord)
}

// The lists of the tool question, filled in from the local setting
// assessment.tools by offerTools.
const (
	toolList       = "assessment_tool"
	toolRatingList = "assessment_tool_rating"
)

var assessmentRecordForms = []caseworkForm{
	{Slug: "assessment-source", Title: "Record a source consulted for an assessment", EditTitle: "Change the source consulted", Kind: "assessment_source", Button: "Save the source", Questions: []question{
		{"assessment_id", "Assessment", "", record, "assessment", nil, "Select the assessment"},
		{"agency", "Agency", "", codeSelect, codes.Agency, nil, "Select the agency"},
		{"consulted", "Who was spoken to?", "A name and role, like ‘Mrs Khan, class teacher’", text, "", nil, "Enter who was spoken to"},
		{"consulted_date", "When?", "For example, 27 3 2025", date, "", nil, "Enter when they were spoken to"},
		{"summary", "What did they say?", "", longText, "", nil, "Enter what they said"},
	}},
	{Slug: "assessment-tool-use", Title: "Record an assessment tool used", EditTitle: "Change the tool’s result", Kind: "assessment_tool_use", Button: "Save the tool’s result", Questions: []question{
		{"assessment_id", "Assessment", "", record, "assessment", nil, "Select the assessment"},
		{"tool", "Tool", "The authority’s library of tools", codeSelect, toolList, nil, "Select the tool"},
		{"used_date", "When was it used?", "For example, 27 3 2025", date, "", nil, "Enter when the tool was used"},
		{"score", "Score", "On the tool’s scale, if it has one", number, "", nil, ""},
		{"rating", "Rating", "If the tool has ratings", codeSelect, toolRatingList, nil, ""},
		{"by_id", "Who used it?", "", staff, "", nil, ""},
		{"notes", "Notes", "What the result shows, and who took part", longText, "", nil, ""},
	}},
	{Slug: "case-summary", Title: "Write the case summary", EditTitle: "Update the case summary", Kind: "case_summary", Button: "Save the case summary", Questions: []question{
		{"summary", "Case summary", "The child’s story so far: who they live with, what has happened and what is being done. Saving it dates it today", longText, "", nil, "Enter the case summary"},
	}},
}

// keyEventForm marks an event of the chronology, named in the path, as key.
var keyEventForm = caseworkForm{Slug: "key-event", Title: "Mark an event as key", Kind: "key_event", Button: "Mark it as key", Questions: []question{
	{"event_date", "Date of the event", "", shown, "", nil, ""},
	{"reason", "Why is it key to the child’s story?", "Optional", longText, "", nil, ""},
}}

// unkeyEventForm takes the mark off an event that is key: the key event's
// form, when the event is marked already.
var unkeyEventForm = caseworkForm{Slug: "key-event", EditTitle: "Take off the key mark", Kind: "key_event", Button: "Take off the key mark", Questions: []question{
	{"event_date", "Date of the event", "", shown, "", nil, ""},
	{"reason", "Why it was marked as key", "", shown, "", nil, ""},
}}

func (a *App) mountAssessmentRecord() error {
	a.Private("GET /children/{id}/chronology/key/{kind}/{rid}/{date}", a.fixedFormPage(&keyEventForm))
	a.Private("POST /children/{id}/chronology/key/{kind}/{rid}/{date}", a.fixedFormPost(&keyEventForm))
	return nil
}

// keyEventOf fills in a key event from the path: the record's kind and id,
// and the day of its event; false if the child's chronology has no such
// event.
func keyEventOf(r *http.Request, cr *domain.ChildRecord, k *domain.KeyEvent) bool {
	id, ok := recordID(r)
	day, err := civil.Parse(r.PathValue("date"))
	if !ok || err != nil {
		return false
	}
	k.RecordKind, k.RecordID, k.EventDate = r.PathValue("kind"), id, day
	return casework.KeyMark(cr, k.RecordKind, id, day) != nil || len(casework.CheckKeyEvent(cr, k)) == 0
}

// keyEventTitle is the title of the chronology's event a key mark is on.
func keyEventTitle(cr *domain.ChildRecord, k *domain.KeyEvent) string {
	for _, e := range chronology.Build(cr, nil, chronology.Filter{}) {
		if e.Kind == k.RecordKind && e.RecordID == k.RecordID && e.Date == k.EventDate {
			return e.Title
		}
	}
	return ""
}

// recordedBy fills in who recorded what a user saves and, for a case
// summary, that it was brought up to date today.
func recordedBy(rec domain.Record, professionalID int64, today civil.Date) {
	switch v := rec.(type) {
	case *domain.CaseSummary:
		v.LastUpdated, v.ByID = today, professionalID
	case *domain.KeyEvent:
		if v.MarkedByID == 0 {
			v.MarkedByID = professionalID
		}
		if !v.Holds() && v.UnmarkedByID == 0 {
			v.UnmarkedByID = professionalID
		}
	}
}

// offerTools fills in the tool question's choices from the library of
// tools in force today (assessment.tools), and the ratings any tool has.
func (a *App) offerTools(ctx context.Context, qs []question, controls []control) error {
	if !slices.ContainsFunc(qs, func(q question) bool { return q.List == toolList }) {
		return nil
	}
	eng, err := a.Engine(ctx)
	if err != nil {
		return err
	}
	lib, _ := eng.Policy.AssessmentTools.At(a.today())
	for i := range controls {
		f := &controls[i].Field
		switch f.Name {
		case "tool":
			var scales []string
			for _, t := range lib {
				f.Options = append(f.Options, web.Option{Value: t.Code, Text: t.Name})
				scales = append(scales, t.Name+": "+toolScale(t))
			}
			f.Hint = strings.Join(scales, ". ")
		case "rating":
			seen := map[string]bool{}
			for _, t := range lib {
				for _, rating := range t.Ratings {
					if !seen[rating] {
						f.Options, seen[rating] = append(f.Options, web.Option{Value: rating, Text: rating}), true
					}
				}
			}
		}
	}
	return nil
}

// toolScale says how a tool is scored, in words.
func toolScale(t timescales.Tool) string {
	var parts []string
	if t.Score != nil {
		parts = append(parts, fmt.Sprintf("scored %d to %d (%s)", t.Score.Min, t.Score.Max, t.Score.Meaning))
	}
	if len(t.Ratings) > 0 {
		parts = append(parts, "rated "+strings.Join(t.Ratings, ", "))
	}
	return strings.Join(parts, " and ")
}

// assessmentRecordRows are an assessment's sources and tools on the
// casework page.
func assessmentRecordRows(cr *domain.ChildRecord, rules casework.Rules, h hubLinks, as *domain.Assessment, today civil.Date) []recordRow {
	var out []recordRow
	for i := range cr.AssessmentSources {
		if s := &cr.AssessmentSources[i]; s.AssessmentID == as.ID {
			out = append(out, recordRow{What: "Source: " + describe(codes.Agency, s.Agency) + ", " + s.Consulted, When: s.Date.Long(), Status: brief(s.Summary),
				Actions: h.edit("assessment-source", s.ID)})
		}
	}
	for _, t := range rules.ToolTrends(cr, today) {
		for _, sc := range t.Scores {
			if sc.AssessmentID == as.ID {
				out = append(out, recordRow{What: "Tool: " + t.Tool.Name, When: sc.Date.Long(), Status: scoreWords(sc)})
			}
		}
	}
	return out
}

// scoreWords is a tool's result in words.
func scoreWords(sc casework.ToolScore) string {
	var parts []string
	if sc.Score != nil {
		parts = append(parts, fmt.Sprintf("Score %d", *sc.Score))
	}
	if sc.Rating != "" {
		parts = append(parts, "rated "+sc.Rating)
	}
	return strings.Join(parts, ", ")
}

// assessmentDerived is what the API derives for an assessment: whether it
// found neglect and used a neglect tool, and, until it is authorised, what
// a manager authorising it today would be refused for (AC-05, AC-10).
func assessmentDerived(derived map[string]any, rules casework.Rules, cr *domain.ChildRecord, a *domain.Assessment, today civil.Date) {
	derived["neglect_factor"] = a.HasNeglectFactor()
	derived["neglect_tool_used"] = rules.UsedNeglectTool(cr, a)
	if a.AuthorisedDate.IsZero() && !a.CompletedDate.IsZero() {
		authorised := *a
		authorised.AuthorisedDate = today
		blockers := rules.CheckAssessmentAuthorisation(cr, &authorised, nil)
		if blockers == nil {
			blockers = []domain.FieldError{}
		}
		derived["authorisation_blockers"] = blockers
	}
}

// caseSummaryView is the child's case summary on their page (AC-08).
type caseSummaryView struct {
	Text, LastUpdated, Due string
	OutOfDate, Open        bool
	// Action links to write or update it, for a user who may.
	Action *NavItem
}

func caseSummaryOf(cr *domain.ChildRecord, rules casework.Rules, today civil.Date, u *access.User, facts *access.Child) caseSummaryView {
	st := rules.CaseSummary(cr, today)
	v := caseSummaryView{OutOfDate: st.OutOfDate, Open: st.Open, Due: longDate(st.Due)}
	write := access.Decide(u, access.AddCaseNote, facts).Allowed
	base := fmt.Sprintf("/children/%d/casework/case-summary", cr.Person.ID)
	switch {
	case st.Summary != nil:
		v.Text, v.LastUpdated = st.Summary.Summary, longDate(st.Summary.LastUpdated)
		if write {
			v.Action = &NavItem{Text: "Update the case summary", Href: fmt.Sprintf("%s/%d", base, st.Summary.ID)}
		}
	case write:
		v.Action = &NavItem{Text: "Write the case summary", Href: base}
	}
	return v
}

// toolTrendRows are the child's results on each tool, oldest first, with
// the change from the assessment before (AC-10), for the oversight page.
func toolTrendRows(cr *domain.ChildRecord, rules casework.Rules, today civil.Date) []recordRow {
	var out []recordRow
	for _, t := range rules.ToolTrends(cr, today) {
		var last *int
		for _, sc := range t.Scores {
			status := scoreWords(sc)
			if sc.Score != nil && last != nil {
				switch change := *sc.Score - *last; {
				case change > 0:
					status += fmt.Sprintf("; up %d from the assessment before", change)
				case change < 0:
					status += fmt.Sprintf("; down %d from the assessment before", -change)
				default:
					status += "; the same as the assessment before"
				}
			}
			if sc.Score != nil {
				last = sc.Score
			}
			what := t.Tool.Name
			if t.Tool.Score != nil {
				what += " (" + t.Tool.Score.Meaning + ")"
			}
			out = append(out, recordRow{What: what, When: sc.Date.Long(), Status: status})
		}
	}
	return out
}
