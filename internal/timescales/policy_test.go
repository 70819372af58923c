package timescales

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/waymark-care/waymark/internal/calendar"
)

func TestDefaultPolicyIsValidAndRoundTrips(t *testing.T) {
	p := DefaultPolicy()
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	data, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	back, err := LoadPolicy(strings.NewReader(string(data)))
	if err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	if !reflect.DeepEqual(back, p) {
		t.Errorf("round trip changed the policy:\n%s", data)
	}
	for _, s := range settings {
		if !strings.Contains(string(data), `"`+s.name+`":[{"from":null,"value":`) {
			t.Errorf("%s is not written as a list of versions", s.name)
		}
	}
}

func TestLoadPolicyOverlaysTheDefaults(t *testing.T) {
	p, err := LoadPolicy(strings.NewReader(`{
		"cp.visit_interval": [{"from": null, "value": "10 WD"}, {"from": "2016-04-01", "value": "20 CD"}],
		"strategy.deadline": [{"from": null, "value": {"immediate_risk": "0 WD", "other": "3 WD"}}],
		"wd.counting": [{"from": null, "value": {"default": "day0", "rules": {"CP-2": "inclusive"}}}],
		"assessment.stage_targets": [{"from": "2015-01-01", "value": [10, 20, 35]}]
	}`))
	if err != nil {
		t.Fatal(err)
	}
	if k, _ := p.CPVisitInterval.At(d("2016-03-31")); k != wd(10) {
		t.Errorf("cp.visit_interval before April 2016 = %v", k)
	}
	if k, _ := p.CPVisitInterval.At(d("2016-04-01")); k != cd(20) {
		t.Errorf("cp.visit_interval from April 2016 = %v", k)
	}
	if v, _ := p.StrategyDeadline.At(d("2025-01-01")); v.Other != wd(3) {
		t.Errorf("strategy.deadline = %+v", v)
	}
	if c, _ := p.WDCounting.At(d("2025-01-01")); !c.inclusive("CP-2") || c.inclusive("CP-5") {
		t.Errorf("wd.counting = %+v", c)
	}
	if _, ok := p.AssessmentTargets.At(d("2014-12-31")); ok {
		t.Error("stage targets in force before their first version")
	}
	if p.CINVisitInterval[0].Value != wk(4) {
		t.Error("a setting left out lost its default")
	}
}

func TestLoadPolicyNamesTheBadSetting(t *testing.T) {
	tests := []struct{ json, want string }{
		{`{"cp.visit_intervl": []}`, "cp.visit_intervl: not a Waymark setting"},
		{`{"cp.visit_interval": [{"from": null, "value": "10 days"}]}`, `cp.visit_interval: "10 days": the unit "days"`},
		{`{"cp.visit_interval": [{"from": null, "value": "0 WD"}]}`, `cp.visit_interval[0].value: "0 WD" must be a positive number`},
		{`{"cp.visit_interval": [{"from": null, "value": "72 EH"}]}`, `cp.visit_interval[0].value: "72 EH" must be a positive number`},
		{`{"cp.visit_interval": []}`, "cp.visit_interval: needs at least one version"},
		{`{"cin.review_interval": [{"from": "2016-01-01", "value": "3 CM"}, {"from": "2015-01-01", "value": "6 WK"}]}`,
			"cin.review_interval[1].from: 2015-01-01 is not after the previous version's 2016-01-01"},
		{`{"cin.visit_interval": [{"from": "01/01/2016", "value": "3 CM"}]}`, `cin.visit_interval: "01/01/2016" is not a date`},
		{`{"cin.visit_interval": [{"when": "2016-01-01", "value": "3 CM"}]}`, `cin.visit_interval: json: unknown field "when"`},
		{`{"iha.definition": [{"from": null, "value": "1 CM"}]}`, `iha.definition[0].value: "1 CM" must be working days or calendar days`},
		{`{"strategy.deadline": [{"from": null, "value": {"other": "1 WD"}}]}`, `strategy.deadline[0].value: immediate_risk`},
		{`{"prebirth.review_rule": [{"from": null, "value": {}}]}`, "prebirth.review_rule[0].value: set after_icpc, after_birth or both"},
		{`{"assessment.stage_targets": [{"from": null, "value": [20, 10]}]}`, "assessment.stage_targets[0].value: [20 10] must be increasing"},
		{`{"assessment.stage_targets": [{"from": null, "value": [50]}]}`, "below the national 45"},
		{`{"wd.counting": [{"from": null, "value": {"default": "day1"}}]}`, `wd.counting[0].value: default: "day1" is not day0 or inclusive`},
		{`{"wd.counting": [{"from": null, "value": {"default": "day0", "rules": {"CP-99": "inclusive"}}}]}`, `"CP-99" is not a rule ID`},
		{`{"plo.max_weeks": [{"from": null, "value": 0}]}`, "plo.max_weeks[0].value: 0 must be a positive number of weeks"},
		{`{"mash.agencies": [{"from": null, "value": ["police", "childrens_social_care"]}]}`, `mash.agencies[0].value: "childrens_social_care" is not a partner agency`},
		{`{"mash.agencies": [{"from": null, "value": ["police", "fire"]}]}`, `"fire" is not a partner agency`},
		{`[1, 2]`, "policy: json: cannot unmarshal array"},
	}
	for _, tt := range tests {
		_, err := LoadPolicy(strings.NewReader(tt.json))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("LoadPolicy(%s)\n error %v\n  want %q", tt.json, err, tt.want)
		}
	}
}

// A setting with no version yet in force sets no deadline rather than a guess.
func TestNoVersionInForceMeansNoItem(t *testing.T) {
	p := DefaultPolicy()
	p.CPVisitInterval = Versions[calendar.Clock]{{From: d("2026-01-01"), Value: wd(10)}}
	items := Evaluate(Case{Events: events(at(CPPlanStart, "2025-06-02"))}, d("2025-07-01"), Rules(), p, calendar.EnglandAndWales())
	if got := itemsOf(items, "CP-9"); len(got) != 0 {
		t.Errorf("CP-9 without a standard in force: %v", got)
	}
}
