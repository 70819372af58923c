package timescales

import (
	"errors"
	"fmt"
	"slices"

	"github.com/waymark-care/waymark/internal/codes"
)

// ThresholdGuidance is threshold.guidance: the version of the partnership's
// threshold guidance and the levels of its continuum of need, lowest first
// (FD-03). A contact records the level as the referrer saw it and as the
// screening manager decided it, and the version in force when it came in.
type ThresholdGuidance struct {
	Version string           `json:"version"`
	Levels  []ThresholdLevel `json:"levels"`
}

// ThresholdLevel is one level of the continuum.
type ThresholdLevel struct {
	Value       string `json:"value"`
	Description string `json:"description"`
}

// defaultThresholdGuidance is the labelled default continuum of
// requirements FD-03 (codes.ThresholdLevel), to be replaced by the
// partnership's own.
var defaultThresholdGuidance = func() ThresholdGuidance {
	g := ThresholdGuidance{Version: "Waymark default continuum"}
	list, _ := codes.Lookup(codes.ThresholdLevel)
	for _, c := range list.Codes {
		g.Levels = append(g.Levels, ThresholdLevel{Value: c.Value, Description: c.Description})
	}
	return g
}()

// Level returns the level with a value, and whether the continuum has it.
func (g ThresholdGuidance) Level(value string) (ThresholdLevel, bool) {
	i := slices.IndexFunc(g.Levels, func(l ThresholdLevel) bool { return l.Value == value })
	if i < 0 {
		return ThresholdLevel{}, false
	}
	return g.Levels[i], true
}

func (g ThresholdGuidance) check() error {
	if g.Version == "" {
		return errors.New("version: name the version of the guidance")
	}
	if len(g.Levels) < 2 {
		return errors.New("levels: a continuum needs at least two levels")
	}
	seen := map[string]bool{}
	for _, l := range g.Levels {
		if l.Value == "" || l.Description == "" || seen[l.Value] {
			return fmt.Errorf("levels: %q: each level needs a value of its own and a description", l.Value)
		}
		seen[l.Value] = true
	}
	return nil
}

// defaultDANRequiredItems are what a police domestic abuse notification must
// hold for the front door to judge the risk to the children (labelled
// default, FD-09).
var defaultDANRequiredItems = []string{"incident_account", "victim_details", "perpetrator_details", "children_details", "dash_form"}

func danItems(items []string) error {
	list, _ := codes.Lookup(codes.DANInformationItem)
	for _, it := range items {
		if !list.Valid(it) {
			return fmt.Errorf("%q is not a domestic abuse notification information item", it)
		}
	}
	return nil
}

// defaultMASHAgencies are the partner agencies of the multi-agency
// safeguarding hub (FD-12, labelled default): the membership is
// effective-dated, so an agency joining or leaving is a new version.
var defaultMASHAgencies = []string{"police", "health", "education", "probation", "housing", "adult_social_care"}

func mashAgencies(agencies []string) error {
	list, _ := codes.Lookup(codes.Agency)
	for _, a := range agencies {
		if !list.Valid(a) || a == "childrens_social_care" {
			return fmt.Errorf("%q is not a partner agency", a)
		}
	}
	return nil
}
