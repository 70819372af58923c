package timescales

import (
	"github.com/waymark-care/waymark/internal/calendar"
	"github.com/waymark-care/waymark/internal/civil"
)

// Standard says whose timescale a rule is. Results from local settings are
// labelled "local standard", never "statutory" (XC-05).
type Standard string

const (
	Statutory     Standard = "statutory"
	LocalStandard Standard = "local standard"
)

// Confidence is timescales.md's mark for how well a rule is sourced.
type Confidence string

const (
	Checked     Confidence = "C" // checked against the primary text
	Supported   Confidence = "S" // secondary sources that apply the primary text
	Unconfirmed Confidence = "U" // configurable default; check before relying on it
)

// Match picks events by kind and, if Type is set, by type too.
type Match struct {
	Kind EventKind
	Type string
}

func (m Match) matches(e *Event) bool {
	return e.Kind == m.Kind && (m.Type == "" || e.Type == m.Type)
}

// Chain is the clock a run of rules shares: what starts it, what meets each
// deadline and what stops it. One chain runs from every start event; its first
// deadline runs from the start, and each later one from the event that met the
// one before (a rolling clock, timescales.md §1.4.3). Which rule times each
// deadline is decided rule by rule (Rule.Item and the conditions).
type Chain struct {
	Name  string
	Start Match
	// Anchor, if set, moves the first clock back to the latest such event on
	// or before the start (and after the previous start): the assessment runs
	// from the referral, the ICPC from the strategy discussion.
	Anchor EventKind
	MetBy  []Match
	// Until stops the clock (a plan ends); a deadline already passed without
	// the event is then missed. Cancel makes a pending deadline unnecessary
	// (an s47 enquiry that needs no conference). The next start event stops
	// the clock too: a new placement restarts the visits.
	Until  []Match
	Cancel []Match
	// Lookback lets an event before the start meet the first deadline: a plan
	// made before a placement, a health assessment in the previous 3 months.
	Lookback calendar.Clock
	// ExtendedBy events each add Extension to a one-off deadline, up to
	// MaxExtensions of them (0: no limit).
	ExtendedBy    EventKind
	Extension     calendar.Clock
	MaxExtensions int
}

// Rule is one row of timescales.md §2: a deadline in a chain, with the
// conditions under which it applies. Rows sharing an ID are versions or
// variants of one rule; within a chain the first row that applies wins.
type Rule struct {
	ID    string
	Title string
	Chain
	// Item is which deadline of the chain the rule times: 1 the first, 2 the
	// second, 0 every one not timed by an earlier row (a rolling clock).
	Item int
	// Clock is the deadline; Setting names the local policy setting that
	// gives it instead. A row with neither sets no deadline: the chain stops
	// there, and rules with no computable timescale carry a Note saying why.
	Clock   calendar.Clock
	Setting string

	// Conditions, all of which must hold.
	Types          []string  // the start event's type is one of these
	PreBirth       bool      // the chain started before the child was born
	MinAge         int       // the clock starts no earlier than this birthday
	Under          int       // the child is younger than this when the clock starts
	AfterFirstYear bool      // the clock starts a year or more after the chain did
	UntilFirst     EventKind // no such event yet since the chain started
	// From and To bound the version: it applies to clocks starting on or
	// between them (timescales.md §4). Zero means no bound.
	From, To civil.Date

	// Covid marks rules relaxed from 24 Apr to 25 Sep 2020 (SI 2020/445):
	// items in that window are flagged, not counted as breaches.
	Covid      bool
	Standard   Standard
	Confidence Confidence
	Source     string
	Note       string
}

// Rolling reports whether the rule times every later deadline of its chain,
// each from the event that met the one before.
func (r *Rule) Rolling() bool { return r.Item == 0 && r.hasDeadline() }

func (r *Rule) hasDeadline() bool { return !r.Clock.IsZero() || r.Setting != "" }

// covidFrom and covidTo bound the COVID-19 relaxation (SI 2020/445).
var covidFrom, covidTo = civil.Of(2020, 4, 24), civil.Of(2020, 9, 25)
