package cin

import (
	_ "embed"
	"encoding/csv"
	"fmt"
	"slices"
	"strings"
)

// Severity is a rule's type: an error must be fixed before submission; a
// query must be fixed or explained.
type Severity string

const (
	Error Severity = "error"
	Query Severity = "query"
)

// Rule is one DfE validation rule, as the rule list words it.
type Rule struct {
	Code    string   `json:"code"`
	Type    Severity `json:"type"`
	Fields  []string `json:"fields"`
	Message string   `json:"message"`
	check   check
}

// rulesCSV is the DfE rule list for 2024-25, unchanged for 2025-26
// (shared/data/validation-rules/cin-2024-25.csv, from the open validator
// data-to-insight/csc-validator-be-cin, MIT licence).
//
//go:embed cin-2024-25.csv
var rulesCSV string

// rules are the rules in the list's order, each joined to its check.
var rules = mustLoadRules(rulesCSV, checks)

// Rules returns every rule the validator applies, in the DfE list's order.
func Rules() []*Rule { return rules }

// RuleNamed returns the rule with the given DfE code.
func RuleNamed(code string) (*Rule, bool) {
	i := slices.IndexFunc(rules, func(r *Rule) bool { return r.Code == code })
	if i < 0 {
		return nil, false
	}
	return rules[i], true
}

// mustLoadRules reads the rule list and joins each rule to its check. A rule
// without a check, or a check without a rule, is a programming error.
func mustLoadRules(text string, checks map[string]check) []*Rule {
	rows, err := csv.NewReader(strings.NewReader(text)).ReadAll()
	if err != nil || len(rows) < 2 || strings.Join(rows[0], ",") != "code,type,affected_fields,message" {
		panic(fmt.Sprintf("cin: bad rule list: %v", err))
	}
	var list []*Rule
	for _, row := range rows[1:] {
		r := &Rule{Code: row[0], Type: Severity(strings.ToLower(row[1])), Fields: strings.Split(row[2], ";"), Message: row[3]}
		if r.check = checks[r.Code]; r.check.child == nil && r.check.whole == nil {
			panic("cin: rule " + r.Code + " has no check")
		}
		if r.Type != Error && r.Type != Query {
			panic("cin: rule " + r.Code + " has type " + row[1])
		}
		list = append(list, r)
	}
	for code := range checks {
		if !slices.ContainsFunc(list, func(r *Rule) bool { return r.Code == code }) {
			panic("cin: check " + code + " is not in the rule list")
		}
	}
	return list
}
