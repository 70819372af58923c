package timescales

import (
	"fmt"
	"maps"
	"slices"

	"github.com/waymark-care/waymark/internal/calendar"
	"github.com/waymark-care/waymark/internal/codes"
)

// The local settings of oversight (docs/casework.md, "Oversight"). None is
// a rule's clock: package casework reads them for its checks, drift rules
// and measures, and they are dated and audited with the rest (XC-05).

// TrainingExpiry is training.expiry: how long each course stays current
// after it was completed, unless the certificate gives an expiry date
// (AC-04).
type TrainingExpiry struct {
	ChildProtection    calendar.Clock `json:"child_protection"`
	JointInvestigation calendar.Clock `json:"joint_investigation"`
}

// For returns the period of a course (codes training_course), or false.
func (t TrainingExpiry) For(course string) (calendar.Clock, bool) {
	switch course {
	case "child_protection":
		return t.ChildProtection, true
	case "joint_investigation":
		return t.JointInvestigation, true
	}
	return calendar.Clock{}, false
}

func (t TrainingExpiry) check() error {
	for _, f := range []struct {
		name string
		k    calendar.Clock
	}{{"child_protection", t.ChildProtection}, {"joint_investigation", t.JointInvestigation}} {
		if err := interval(f.k); err != nil {
			return fmt.Errorf("%s: %w", f.name, err)
		}
	}
	return nil
}

// positiveCount accepts a whole number above zero (months, actions).
func positiveCount(n int) error {
	if n <= 0 {
		return fmt.Errorf("%d must be a whole number above 0", n)
	}
	return nil
}

// notNegative accepts zero or more (an age, a number of actions allowed).
func notNegative(n int) error {
	if n < 0 {
		return fmt.Errorf("%d must be 0 or more", n)
	}
	return nil
}

// ParentShare is conference.parent_share_wd: how many working days before a
// conference its report is shared with each parent (AC-15). An initial
// conference (and a transfer-in, which starts a plan here) gives parents
// less notice than a review, which is planned months ahead.
type ParentShare struct {
	Initial int `json:"initial"` // default 2 WD
	Review  int `json:"review"`  // default 5 WD
}

// Before returns the working days before a conference of a type (codes
// conference_type) that parents have its report.
func (s ParentShare) Before(conferenceType string) int {
	if conferenceType == "review" {
		return s.Review
	}
	return s.Initial
}

func (s ParentShare) check() error {
	if s.Initial < 0 || s.Review < 0 {
		return fmt.Errorf("initial %d and review %d must be 0 or more working days", s.Initial, s.Review)
	}
	return nil
}

// defaultSafeguardingLeads are agency.safeguarding_leads as roles, until an
// authority names its partners' leads: an agency update overdue after a
// core group is escalated to its agency's named safeguarding lead (AC-18).
var defaultSafeguardingLeads = map[string]string{
	"police":    "Detective inspector, public protection unit",
	"health":    "Named nurse for safeguarding children",
	"education": "The school's designated safeguarding lead",
	"probation": "Probation's safeguarding lead",
	"housing":   "Housing's safeguarding lead",
}

// safeguardingLeads accepts names keyed by agency codes.
func safeguardingLeads(leads map[string]string) error {
	list, _ := codes.Lookup(codes.Agency)
	for _, a := range slices.Sorted(maps.Keys(leads)) {
		if !list.Valid(a) {
			return fmt.Errorf("%q is not an agency", a)
		}
		if leads[a] == "" {
			return fmt.Errorf("%s: name the safeguarding lead, or leave the agency out", a)
		}
	}
	return nil
}
