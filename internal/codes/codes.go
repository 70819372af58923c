// Package codes holds every code list Waymark validates against: the DfE
// children in need census (CIN) and SSDA903 lists, Ofsted Annex A picklists,
// lists taken from the Standard Safeguarding Dataset (SSD), and Waymark's own
// lists for things no return codes.
//
// Each list has a name constant (ReferralSource, PlacementType, ...) so that
// callers never spell a list name by hand:
//
//	l, _ := codes.Lookup(codes.PlacementType)
//	l.Valid("U4")                // true: a current code
//	l.ValidIn("H5", "2025-26")   // false: H5 was withdrawn after 2024-25
//
// Codes and descriptions are copied from the reference material
// (reference/returns.md, reference/data-model.md); each list's Source says
// where. The lists are read-only: do not modify a List returned by Lookup.
package codes

import "slices"

// Code is one value of a list. From and To bound the collection years in
// which the code may be returned, inclusive, written like "2024-25"; empty
// means open-ended.
type Code struct {
	Value       string
	Description string
	From, To    string
}

// current reports whether the code has not been withdrawn.
func (c Code) current() bool { return c.To == "" }

// in reports whether the code is valid in a well-formed collection year.
// Collection years of the form "2024-25" sort as strings.
func (c Code) in(year string) bool {
	return (c.From == "" || c.From <= year) && (c.To == "" || year <= c.To)
}

// List is a named code list.
type List struct {
	// Name is the list's key, one of the name constants.
	Name string
	// Title is a noun phrase for messages, lower case but for proper
	// names: "referral source", "Annex A gender".
	Title string
	// Source cites where the codes come from: a returns.md or data-model.md
	// section, or "Waymark" for Waymark's own lists.
	Source string
	Codes  []Code

	byValue map[string]Code
}

// Valid reports whether value is a current code of the list: one that has
// not been withdrawn. Codes introduced for a future collection year count as
// current. Matching is exact, so "k3" is not "K3".
func (l *List) Valid(value string) bool {
	c, ok := l.byValue[value]
	return ok && c.current()
}

// ValidIn reports whether value may be returned in collectionYear, written
// like "2024-25". It is false for a malformed year.
func (l *List) ValidIn(value, collectionYear string) bool {
	c, ok := l.byValue[value]
	return ok && isCollectionYear(collectionYear) && c.in(collectionYear)
}

// Describe returns the description of value, withdrawn or not, or "" if the
// list has no such code.
func (l *List) Describe(value string) string {
	return l.byValue[value].Description
}

// Lookup returns the list with the given name.
func Lookup(name string) (*List, bool) {
	l, ok := registry[name]
	return l, ok
}

// Names returns the names of all lists, sorted.
func Names() []string {
	names := make([]string, len(all))
	for i, l := range all {
		names[i] = l.Name
	}
	slices.Sort(names)
	return names
}

// all holds every list in the order of the source files: CIN, SSDA903,
// Annex A, SSD, Waymark, oversight.
var all = slices.Concat(cinLists, ssda903Lists, annexALists, ssdLists, waymarkLists, oversightLists)

var registry = index(all)

// index builds the name and value maps once, at start-up.
func index(lists []*List) map[string]*List {
	m := make(map[string]*List, len(lists))
	for _, l := range lists {
		l.byValue = make(map[string]Code, len(l.Codes))
		for _, c := range l.Codes {
			l.byValue[c.Value] = c
		}
		m[l.Name] = l
	}
	return m
}

// isCollectionYear reports whether s is a collection year such as "2024-25":
// a year, a hyphen and the last two digits of the following year.
func isCollectionYear(s string) bool {
	if len(s) != 7 || s[4] != '-' {
		return false
	}
	for i, r := range s {
		if i != 4 && (r < '0' || r > '9') {
			return false
		}
	}
	start := int(s[2]-'0')*10 + int(s[3]-'0')
	end := int(s[5]-'0')*10 + int(s[6]-'0')
	return end == (start+1)%100
}

// pick returns the codes with the given values, in that order, for lists
// that share codes with another (903 CIN is PrimaryNeedCode N1–N8).
func pick(from []Code, values ...string) []Code {
	picked := make([]Code, len(values))
	for i, v := range values {
		j := slices.IndexFunc(from, func(c Code) bool { return c.Value == v })
		if j < 0 {
			panic("codes: no code " + v + " to pick")
		}
		picked[i] = from[j]
	}
	return picked
}
