package timescales

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"

	"github.com/waymark-care/waymark/internal/calendar"
	"github.com/waymark-care/waymark/internal/civil"
)

// Policy holds an authority's local standards (timescales.md §3, XC-05).
// Every setting is a list of versions with the date each took effect; an
// item uses the version in force on the day its clock starts (§4).
//
// In JSON each setting is keyed by its timescales.md name and lists its
// versions:
//
//	{"cp.visit_interval": [{"from": null, "value": "10 WD"},
//	                       {"from": "2016-04-01", "value": "20 CD"}]}
type Policy struct {
	CPVisitInterval   Versions[calendar.Clock]   // cp.visit_interval (CP-9)
	CINReviewInterval Versions[calendar.Clock]   // cin.review_interval (CP-10)
	CINVisitInterval  Versions[calendar.Clock]   // cin.visit_interval (CP-10a)
	StrategyDeadline  Versions[StrategyDeadline] // strategy.deadline (CP-3)
	CoreGroupInterval Versions[calendar.Clock]   // core_group.interval (CP-6a)
	PrebirthReview    Versions[PrebirthReview]   // prebirth.review_rule (CP-8a)
	AssessmentTargets Versions[[]int]            // assessment.stage_targets, in WD (CP-2, S-5)
	IHADefinition     Versions[calendar.Clock]   // iha.definition (H-1)
	PEPReviewInterval Versions[calendar.Clock]   // pep.review_interval (E-1)
	PAContactInterval Versions[calendar.Clock]   // pa.contact_interval (CL-4a)
	WDCounting        Versions[Counting]         // wd.counting (every WD rule)
	LADOReferral      Versions[calendar.Clock]   // lado.referral_deadline (LADO-1)
	LADOInitial       Versions[calendar.Clock]   // lado.initial_consideration (LADO-2)
	LADOResolution    Versions[calendar.Clock]   // lado.resolution (LADO-3)
	PLOMaxWeeks       Versions[int]              // plo.max_weeks (CT-3, AC-22)
	// The front door's local settings (frontdoor.go).
	ThresholdGuidance Versions[ThresholdGuidance] // threshold.guidance (FD-03)
	DANRequiredItems  Versions[[]string]          // dan.required_items (FD-09)
	DANInformationDue Versions[calendar.Clock]    // dan.information_due (FD-09)
	ThresholdAudit    Versions[int]               // threshold.audit_sample (FD-03, SB-03)
	MASHAgencies      Versions[[]string]          // mash.agencies (FD-12)
	// Oversight's local settings (oversight.go).
	TrainingExpiry      Versions[TrainingExpiry]    // training.expiry (AC-04)
	CoreGroupUpdateDue  Versions[calendar.Clock]    // coregroup.update_overdue_wd (AC-18)
	AdvocacyMinAge      Versions[int]               // advocacy.min_age (AC-20)
	DriftCPMonths       Versions[int]               // drift.cp_months (AC-21)
	DriftOverdueActions Versions[int]               // drift.overdue_actions (AC-21)
	OversightInterval   Versions[calendar.Clock]    // oversight.interval (WF-08, AC-21)
	ParentShare         Versions[ParentShare]       // conference.parent_share_wd (AC-15)
	SafeguardingLeads   Versions[map[string]string] // agency.safeguarding_leads (AC-18)
	// The assessment record's local settings (assessment.go).
	AssessmentTools Versions[ToolLibrary]    // assessment.tools (AC-10)
	SummaryMaxAge   Versions[calendar.Clock] // summary.max_age (AC-08)
}

// DefaultPolicy returns the defaults, each in force from the beginning. They
// are labelled defaults (requirements.md §2): one of the published local
// examples, to be replaced by the authority's own standard.
func DefaultPolicy() Policy {
	return Policy{
		CPVisitInterval:   always(wd(10)),
		CINReviewInterval: always(cm(3)),
		CINVisitInterval:  always(wk(4)),
		StrategyDeadline:  always(StrategyDeadline{ImmediateRisk: wd(0), Other: wd(1)}),
		CoreGroupInterval: always(wk(6)),
		PrebirthReview:    always(PrebirthReview{AfterICPC: cm(3), AfterBirth: wd(20)}),
		AssessmentTargets: always([]int{}),
		IHADefinition:     always(wd(20)),
		PEPReviewInterval: always(cm(6)),
		PAContactInterval: always(wk(8)),
		WDCounting:        always(Counting{Default: DayZero}),
		LADOReferral:      always(wd(1)),
		LADOInitial:       always(wd(1)),
		LADOResolution:    always(cm(1)),
		PLOMaxWeeks:       always(16),
		ThresholdGuidance: always(defaultThresholdGuidance),
		DANRequiredItems:  always(defaultDANRequiredItems),
		DANInformationDue: always(wd(1)),
		ThresholdAudit:    always(5),
		MASHAgencies:      always(defaultMASHAgencies),

		// Oversight (oversight.go): labelled defaults; requirements.md gives
		// none for drift.overdue_actions and oversight.interval.
		TrainingExpiry:      always(TrainingExpiry{ChildProtection: cm(36), JointInvestigation: cm(36)}),
		CoreGroupUpdateDue:  always(wd(5)),
		AdvocacyMinAge:      always(8),
		DriftCPMonths:       always(12),
		DriftOverdueActions: always(2),
		OversightInterval:   always(cm(3)),
		AssessmentTools:     always(defaultToolLibrary),
		SummaryMaxAge:       always(cm(6)),
		ParentShare:         always(ParentShare{Initial: 2, Review: 5}),
		SafeguardingLeads:   always(defaultSafeguardingLeads),
	}
}

// Version is a setting's value from a date; a zero From means from the beginning.
type Version[T any] struct {
	From  civil.Date `json:"from"`
	Value T          `json:"value"`
}

// Versions is a setting's history, oldest first.
type Versions[T any] []Version[T]

func always[T any](v T) Versions[T] { return Versions[T]{{Value: v}} }

// At returns the version in force on d, and false if none was yet.
func (vs Versions[T]) At(d civil.Date) (T, bool) {
	for i := len(vs) - 1; i >= 0; i-- {
		if !vs[i].From.After(d) {
			return vs[i].Value, true
		}
	}
	var zero T
	return zero, false
}

// StrategyDeadline is strategy.deadline: how soon a strategy discussion
// follows a concern of significant harm (requirements AC-02).
type StrategyDeadline struct {
	ImmediateRisk calendar.Clock `json:"immediate_risk"` // default 0 WD: the same working day
	Other         calendar.Clock `json:"other"`          // default 1 WD
}

// PrebirthReview is prebirth.review_rule: the first review of a plan made
// before birth is due at the sooner of the two clocks; either may be unset.
type PrebirthReview struct {
	AfterICPC  calendar.Clock `json:"after_icpc"`
	AfterBirth calendar.Clock `json:"after_birth"` // from the expected date until the birth is recorded
}

// Convention is a working-day counting convention (timescales.md §1.4.2).
type Convention string

const (
	DayZero   Convention = "day0"      // the start is day 0 (DfE duration bands)
	Inclusive Convention = "inclusive" // the start is day 1 (the open CIN validator)
)

// Counting is wd.counting: the default convention and any per-rule choice.
type Counting struct {
	Default Convention            `json:"default"`
	Rules   map[string]Convention `json:"rules,omitempty"` // by rule ID
}

func (c Counting) inclusive(ruleID string) bool {
	if conv, ok := c.Rules[ruleID]; ok {
		return conv == Inclusive
	}
	return c.Default == Inclusive
}

// setting ties a setting's name to its field.
type setting struct {
	name   string
	field  func(*Policy) any // a pointer to the Versions
	decode func(*Policy, []byte) error
	check  func(*Policy) error
}

func define[T any](name string, field func(*Policy) *Versions[T], valid func(T) error) setting {
	return setting{
		name:  name,
		field: func(p *Policy) any { return field(p) },
		decode: func(p *Policy, data []byte) error {
			// A fresh list, so that a version given in part does not keep
			// the rest of the default it replaces.
			var vs Versions[T]
			dec := json.NewDecoder(bytes.NewReader(data))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&vs); err != nil {
				return err
			}
			*field(p) = vs
			return nil
		},
		check: func(p *Policy) error { return field(p).check(valid) },
	}
}

// settings lists every setting, by its timescales.md name.
var settings = []setting{
	define("cp.visit_interval", func(p *Policy) *Versions[calendar.Clock] { return &p.CPVisitInterval }, interval),
	define("cin.review_interval", func(p *Policy) *Versions[calendar.Clock] { return &p.CINReviewInterval }, interval),
	define("cin.visit_interval", func(p *Policy) *Versions[calendar.Clock] { return &p.CINVisitInterval }, interval),
	define("strategy.deadline", func(p *Policy) *Versions[StrategyDeadline] { return &p.StrategyDeadline }, StrategyDeadline.check),
	define("core_group.interval", func(p *Policy) *Versions[calendar.Clock] { return &p.CoreGroupInterval }, interval),
	define("prebirth.review_rule", func(p *Policy) *Versions[PrebirthReview] { return &p.PrebirthReview }, PrebirthReview.check),
	define("assessment.stage_targets", func(p *Policy) *Versions[[]int] { return &p.AssessmentTargets }, stageTargets),
	define("iha.definition", func(p *Policy) *Versions[calendar.Clock] { return &p.IHADefinition }, ihaDefinition),
	define("pep.review_interval", func(p *Policy) *Versions[calendar.Clock] { return &p.PEPReviewInterval }, interval),
	define("pa.contact_interval", func(p *Policy) *Versions[calendar.Clock] { return &p.PAContactInterval }, interval),
	define("wd.counting", func(p *Policy) *Versions[Counting] { return &p.WDCounting }, Counting.check),
	define("lado.referral_deadline", func(p *Policy) *Versions[calendar.Clock] { return &p.LADOReferral }, interval),
	define("lado.initial_consideration", func(p *Policy) *Versions[calendar.Clock] { return &p.LADOInitial }, interval),
	define("lado.resolution", func(p *Policy) *Versions[calendar.Clock] { return &p.LADOResolution }, interval),
	define("plo.max_weeks", func(p *Policy) *Versions[int] { return &p.PLOMaxWeeks }, positiveWeeks),
	define("training.expiry", func(p *Policy) *Versions[TrainingExpiry] { return &p.TrainingExpiry }, TrainingExpiry.check),
	define("coregroup.update_overdue_wd", func(p *Policy) *Versions[calendar.Clock] { return &p.CoreGroupUpdateDue }, interval),
	define("advocacy.min_age", func(p *Policy) *Versions[int] { return &p.AdvocacyMinAge }, notNegative),
	define("drift.cp_months", func(p *Policy) *Versions[int] { return &p.DriftCPMonths }, positiveCount),
	define("drift.overdue_actions", func(p *Policy) *Versions[int] { return &p.DriftOverdueActions }, notNegative),
	define("oversight.interval", func(p *Policy) *Versions[calendar.Clock] { return &p.OversightInterval }, interval),
	define("conference.parent_share_wd", func(p *Policy) *Versions[ParentShare] { return &p.ParentShare }, ParentShare.check),
	define("agency.safeguarding_leads", func(p *Policy) *Versions[map[string]string] { return &p.SafeguardingLeads }, safeguardingLeads),
	define("threshold.guidance", func(p *Policy) *Versions[ThresholdGuidance] { return &p.ThresholdGuidance }, ThresholdGuidance.check),
	define("dan.required_items", func(p *Policy) *Versions[[]string] { return &p.DANRequiredItems }, danItems),
	define("dan.information_due", func(p *Policy) *Versions[calendar.Clock] { return &p.DANInformationDue }, interval),
	define("threshold.audit_sample", func(p *Policy) *Versions[int] { return &p.ThresholdAudit }, notNegative),
	define("assessment.tools", func(p *Policy) *Versions[ToolLibrary] { return &p.AssessmentTools }, ToolLibrary.check),
	define("summary.max_age", func(p *Policy) *Versions[calendar.Clock] { return &p.SummaryMaxAge }, interval),
	define("mash.agencies", func(p *Policy) *Versions[[]string] { return &p.MASHAgencies }, mashAgencies),
}

// LoadPolicy reads an authority's settings as JSON. Settings it leaves out
// keep their defaults; an unknown setting or an invalid value is an error
// naming the setting.
func LoadPolicy(r io.Reader) (Policy, error) {
	p := DefaultPolicy()
	data, err := io.ReadAll(r)
	if err != nil {
		return Policy{}, err
	}
	if err := json.Unmarshal(data, &p); err != nil {
		return Policy{}, err
	}
	if err := p.Validate(); err != nil {
		return Policy{}, err
	}
	return p, nil
}

// UnmarshalJSON replaces the settings present in the JSON object and keeps
// the rest.
func (p *Policy) UnmarshalJSON(data []byte) error {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return fmt.Errorf("policy: %w", err)
	}
	for _, s := range settings {
		v, ok := raw[s.name]
		if !ok {
			continue
		}
		delete(raw, s.name)
		if err := s.decode(p, v); err != nil {
			return fmt.Errorf("%s: %w", s.name, err)
		}
	}
	if len(raw) > 0 {
		return fmt.Errorf("%s: not a Waymark setting", slices.Sorted(maps.Keys(raw))[0])
	}
	return nil
}

// MarshalJSON writes every setting under its timescales.md name.
func (p Policy) MarshalJSON() ([]byte, error) {
	out := map[string]any{}
	for _, s := range settings {
		out[s.name] = s.field(&p)
	}
	return json.Marshal(out)
}

// Validate checks every setting, naming the first bad one and its version.
func (p Policy) Validate() error {
	for _, s := range settings {
		if err := s.check(&p); err != nil {
			return fmt.Errorf("%s%w", s.name, err)
		}
	}
	return nil
}

// check validates the versions: at least one, dates increasing, values valid.
// Its errors start with the version's index, for Validate to prefix.
func (vs Versions[T]) check(valid func(T) error) error {
	if len(vs) == 0 {
		return errors.New(": needs at least one version")
	}
	for i, v := range vs {
		if i > 0 && !v.From.After(vs[i-1].From) {
			return fmt.Errorf("[%d].from: %s is not after the previous version's %s", i, v.From, vs[i-1].From)
		}
		if err := valid(v.Value); err != nil {
			return fmt.Errorf("[%d].value: %w", i, err)
		}
	}
	return nil
}

// interval accepts a positive clock in days, weeks or months.
func interval(k calendar.Clock) error {
	if k.N <= 0 || k.Unit == calendar.ElapsedHours {
		return fmt.Errorf("%q must be a positive number of WD, CD, WK or CM", k)
	}
	return nil
}

func ihaDefinition(k calendar.Clock) error {
	if k.N <= 0 || (k.Unit != calendar.WorkingDays && k.Unit != calendar.CalendarDays) {
		return fmt.Errorf("%q must be working days or calendar days, such as \"20 WD\" or \"28 CD\"", k)
	}
	return nil
}

func (s StrategyDeadline) check() error {
	for _, f := range []struct {
		name string
		k    calendar.Clock
	}{{"immediate_risk", s.ImmediateRisk}, {"other", s.Other}} {
		if f.k.Unit == "" || f.k.N < 0 || f.k.Unit == calendar.ElapsedHours {
			return fmt.Errorf("%s: %q must be zero or more WD, CD, WK or CM", f.name, f.k)
		}
	}
	return nil
}

func (r PrebirthReview) check() error {
	if r.AfterICPC.IsZero() && r.AfterBirth.IsZero() {
		return errors.New("set after_icpc, after_birth or both")
	}
	for _, f := range []struct {
		name string
		k    calendar.Clock
	}{{"after_icpc", r.AfterICPC}, {"after_birth", r.AfterBirth}} {
		if !f.k.IsZero() {
			if err := interval(f.k); err != nil {
				return fmt.Errorf("%s: %w", f.name, err)
			}
		}
	}
	return nil
}

func stageTargets(wds []int) error {
	for i, n := range wds {
		if n <= 0 || n >= 45 || (i > 0 && n <= wds[i-1]) {
			return fmt.Errorf("%v must be increasing working days below the national 45", wds)
		}
	}
	return nil
}

func (c Counting) check() error {
	if c.Default != DayZero && c.Default != Inclusive {
		return fmt.Errorf("default: %q is not day0 or inclusive", c.Default)
	}
	for id, conv := range c.Rules {
		if !slices.ContainsFunc(rules, func(r Rule) bool { return r.ID == id }) {
			return fmt.Errorf("rules: %q is not a rule ID", id)
		}
		if conv != DayZero && conv != Inclusive {
			return fmt.Errorf("rules: %s: %q is not day0 or inclusive", id, conv)
		}
	}
	return nil
}

func positiveWeeks(n int) error {
	if n <= 0 {
		return fmt.Errorf("%d must be a positive number of weeks", n)
	}
	return nil
}

// clockSetting returns the versions of a setting whose value is a clock.
func (p *Policy) clockSetting(name string) (Versions[calendar.Clock], bool) {
	for _, s := range settings {
		if s.name == name {
			vs, ok := s.field(p).(*Versions[calendar.Clock])
			if !ok {
				return nil, false
			}
			return *vs, true
		}
	}
	return nil, false
}
