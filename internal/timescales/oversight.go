package timescales

import (
	"fmt"

	"github.com/waymark-care/waymark/internal/calendar"
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
