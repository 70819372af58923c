package timescales

import (
	"errors"
	"fmt"
	"slices"
)

// The local settings of the assessment record (docs/casework.md, "The
// assessment record"): the library of assessment tools and how old a case
// summary may grow. Neither is a rule's clock; package casework reads them.

// ToolLibrary is assessment.tools: the assessment tools the authority uses
// and how each is scored (AC-10). A tool use on an assessment names a tool
// of the library in force on the day it was used and records its score or
// rating as data, so scores can be compared between assessments.
type ToolLibrary []Tool

// Tool is one assessment tool. It is scored on a range of whole numbers
// (Score), rated from a list (Ratings), or both.
type Tool struct {
	Code string `json:"code"`
	Name string `json:"name"`
	// Neglect marks a tool for assessing neglect: an assessment with a
	// neglect factor records one, or why none was used.
	Neglect bool `json:"neglect,omitempty"`
	// Score is the tool's scale, such as levels 1 to 5, or nil.
	Score *ToolScale `json:"score,omitempty"`
	// Ratings are the tool's ratings, lowest first, or none.
	Ratings []string `json:"ratings,omitempty"`
}

// ToolScale is a scale of whole numbers from Min to Max; Meaning says what
// a higher score means.
type ToolScale struct {
	Min     int    `json:"min"`
	Max     int    `json:"max"`
	Meaning string `json:"meaning"`
}

// Tool returns the tool with a code, and whether the library has it.
func (l ToolLibrary) Tool(code string) (Tool, bool) {
	i := slices.IndexFunc(l, func(t Tool) bool { return t.Code == code })
	if i < 0 {
		return Tool{}, false
	}
	return l[i], true
}

// defaultToolLibrary is a labelled default (requirements AC-10 names these
// kinds of tool), to be replaced by the authority's own.
var defaultToolLibrary = ToolLibrary{
	{Code: "gcp2", Name: "Graded Care Profile 2 (neglect)", Neglect: true,
		Score: &ToolScale{Min: 1, Max: 5, Meaning: "1 is all the child's needs met, 5 is none met"}},
	{Code: "dash", Name: "DASH risk checklist (domestic abuse)", Score: &ToolScale{Min: 0, Max: 27, Meaning: "questions answered yes"},
		Ratings: []string{"standard", "medium", "high"}},
	{Code: "cse_screening", Name: "Child sexual exploitation screening tool", Ratings: []string{"no concerns", "low", "medium", "high"}},
	{Code: "signs_of_safety", Name: "Signs of Safety scaling", Score: &ToolScale{Min: 0, Max: 10, Meaning: "10 is safe enough to close, 0 is certain harm"}},
}

func (l ToolLibrary) check() error {
	if len(l) == 0 {
		return errors.New("a library needs at least one tool")
	}
	seen := map[string]bool{}
	for _, t := range l {
		switch {
		case t.Code == "" || t.Name == "" || seen[t.Code]:
			return fmt.Errorf("%q: each tool needs a code of its own and a name", t.Code)
		case t.Score == nil && len(t.Ratings) == 0:
			return fmt.Errorf("%q: a tool is scored, rated or both", t.Code)
		case t.Score != nil && t.Score.Min >= t.Score.Max:
			return fmt.Errorf("%q: the score's min must be below its max", t.Code)
		}
		seen[t.Code] = true
	}
	return nil
}
