package timescales

import (
	"fmt"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// Every rule of timescales.md §2, by ID.
var specIDs = strings.Fields(`
	CP-1 CP-2 CP-3 CP-4 CP-5 CP-6 CP-7 CP-8 CP-8a CP-9 CP-10 CP-H1 CP-H2
	LA-1 LA-2 LA-3 LA-4 LA-5 LA-6 LA-6a LA-7 LA-7a LA-7b LA-7c LA-7d LA-8 LA-9
	H-1 H-2 H-3 H-4 H-5 E-1 E-2 E-3 M-1
	CL-0 CL-1 CL-2 CL-3 CL-4 CL-4a CL-5 CL-6
	AD-1 AD-2 AD-3 AD-4 AD-5 AD-6 AD-6a AD-7
	CT-1 CT-2 CT-3 CT-4 CT-5 CT-6 CT-7
	PF-1 PF-2 PF-3 LADO-1 LADO-2 LADO-3`)

// Rules Waymark adds for settings timescales.md §3 gives without an ID.
var waymarkIDs = []string{"CP-6a", "CP-10a"}

func ruleIDSet() []string {
	var ids []string
	for _, r := range Rules() {
		if !slices.Contains(ids, r.ID) {
			ids = append(ids, r.ID)
		}
	}
	return ids
}

func TestTableHasEveryRule(t *testing.T) {
	ids := ruleIDSet()
	for _, id := range specIDs {
		if !slices.Contains(ids, id) {
			t.Errorf("rule %s of timescales.md §2 is missing", id)
		}
	}
	for _, id := range ids {
		if !slices.Contains(specIDs, id) && !slices.Contains(waymarkIDs, id) {
			t.Errorf("rule %s is neither in timescales.md nor one of Waymark's own", id)
		}
	}
}

func TestEveryRuleWithAClockIsTested(t *testing.T) {
	tested := map[string]bool{}
	for _, sc := range ruleScenarios {
		tested[sc.rule] = true
	}
	for _, r := range Rules() {
		if r.hasDeadline() && !tested[r.ID] {
			t.Errorf("%s has a deadline but no scenario in TestEveryRule", r.ID)
		}
	}
}

// Rules with no computable deadline never produce an item, and say why.
func TestRulesWithoutADeadline(t *testing.T) {
	without := map[string]bool{}
	for _, r := range Rules() {
		if !r.hasDeadline() {
			without[r.ID] = true
			if r.Note == "" {
				t.Errorf("%s sets no deadline and has no note saying why", r.ID)
			}
		}
	}
	for _, id := range []string{"LA-6a", "LA-9", "H-3", "H-4", "E-2", "E-3", "CL-0", "CL-2", "CL-5", "CL-6", "CT-2", "CT-7"} {
		if !without[id] {
			t.Errorf("%s should have no deadline", id)
		}
	}
	// Every kind of event at once, for years.
	var all []Event
	for k := range kinds {
		all = append(all, seen(k, "2025-02-03"), seen(k, "2025-09-01"))
	}
	for _, it := range evaluate(Case{DateOfBirth: d("2010-01-01"), Events: all}, d("2027-01-01")) {
		if without[it.RuleID] && !slices.ContainsFunc(Rules(), func(r Rule) bool { return r.ID == it.RuleID && r.hasDeadline() }) {
			t.Errorf("%s produced an item: %s", it.RuleID, it.Explanation)
		}
	}
}

func TestRuleRowsAreComplete(t *testing.T) {
	known := map[string]bool{"strategy.deadline": true, "prebirth.review_rule": true, "plo.max_weeks": true}
	p := DefaultPolicy()
	for _, s := range settings {
		if _, ok := p.clockSetting(s.name); ok {
			known[s.name] = true
		}
	}
	chains := map[string]Chain{}
	for i, r := range Rules() {
		where := fmt.Sprintf("%s (row %d)", r.ID, i)
		if r.Title == "" || r.Source == "" || r.Standard == "" || !slices.Contains([]Confidence{Checked, Supported, Unconfirmed}, r.Confidence) {
			t.Errorf("%s: title, source, standard and confidence are all required", where)
		}
		if r.Setting != "" && !known[r.Setting] {
			t.Errorf("%s: %q is not a policy setting the engine reads", where, r.Setting)
		}
		if (r.Setting != "") != (r.Standard == LocalStandard) && r.ID != "H-1" {
			t.Errorf("%s: a local standard takes its figure from a setting, and only a local standard does (H-1 apart)", where)
		}
		if r.hasDeadline() && r.Chain.Name == "" {
			t.Errorf("%s: a deadline needs a chain", where)
		}
		for _, m := range append(append(append([]Match{r.Start}, r.MetBy...), r.Until...), r.Cancel...) {
			if r.Chain.Name != "" && !m.Kind.Known() {
				t.Errorf("%s: event kind %q is not in the vocabulary", where, m.Kind)
			}
		}
		if prev, ok := chains[r.Chain.Name]; ok && !reflect.DeepEqual(prev, r.Chain) {
			t.Errorf("%s: rows of chain %q disagree about it", where, r.Chain.Name)
		}
		if _, ok := chains[r.Chain.Name]; ok && r.Chain.Name != "" && Rules()[i-1].Chain.Name != r.Chain.Name {
			t.Errorf("%s: the rows of chain %q are not adjacent, so Evaluate would run it twice", where, r.Chain.Name)
		}
		chains[r.Chain.Name] = r.Chain
	}
}

// The rolling and one-off character of rules as timescales.md states it.
func TestRollingRules(t *testing.T) {
	rolling := map[string]bool{}
	for _, r := range Rules() {
		rolling[r.ID] = rolling[r.ID] || r.Rolling()
	}
	for _, id := range []string{"CP-6a", "CP-8", "CP-9", "CP-10", "CP-10a", "LA-6", "LA-7", "H-2", "H-5", "CL-3", "CL-4", "CL-4a", "AD-1", "AD-3", "PF-3"} {
		if !rolling[id] {
			t.Errorf("%s should be rolling", id)
		}
	}
	for _, id := range []string{"CP-1", "CP-2", "CP-5", "CP-6", "CP-7", "LA-4", "LA-5", "M-1", "CT-1"} {
		if rolling[id] {
			t.Errorf("%s should be one-off", id)
		}
	}
}

func TestDocsDescribeEveryRule(t *testing.T) {
	doc, err := os.ReadFile("../../docs/timescales.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range ruleIDSet() {
		if !strings.Contains(string(doc), "| "+id+" |") {
			t.Errorf("docs/timescales.md has no table row for %s", id)
		}
	}
	for _, s := range settings {
		if !strings.Contains(string(doc), "`"+s.name+"`") {
			t.Errorf("docs/timescales.md does not describe the setting %s", s.name)
		}
	}
}
