package codes

import (
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the list table in docs/codes.md")

func TestListsAreWellFormed(t *testing.T) {
	snake := regexp.MustCompile(`^[a-z][a-z0-9]*(_[a-z0-9]+)*$`)
	for _, l := range all {
		t.Run(l.Name, func(t *testing.T) {
			if !snake.MatchString(l.Name) {
				t.Errorf("name %q is not snake_case", l.Name)
			}
			if l.Title == "" || l.Source == "" {
				t.Errorf("title %q, source %q: both are required", l.Title, l.Source)
			}
			if len(l.Codes) == 0 {
				t.Fatal("no codes")
			}
			seen := map[string]bool{}
			for _, c := range l.Codes {
				if c.Value == "" || c.Description == "" {
					t.Errorf("code %q has description %q: both are required", c.Value, c.Description)
				}
				if seen[c.Value] {
					t.Errorf("code %q repeated", c.Value)
				}
				seen[c.Value] = true
				for _, y := range []string{c.From, c.To} {
					if y != "" && !isCollectionYear(y) {
						t.Errorf("code %q: %q is not a collection year", c.Value, y)
					}
				}
				if c.From != "" && c.To != "" && c.From > c.To {
					t.Errorf("code %q: from %s is after to %s", c.Value, c.From, c.To)
				}
			}
			if got, ok := Lookup(l.Name); !ok || got != l {
				t.Errorf("Lookup(%q) = %v, %v; want this list", l.Name, got, ok)
			}
		})
	}
	if names := Names(); len(names) != len(all) || !slices.IsSorted(names) || len(slices.Compact(names)) != len(all) {
		t.Errorf("Names() = %v: want %d distinct sorted names", names, len(all))
	}
}

// TestNameConstants reads the package's const declarations so that a list
// without a constant, or a constant without a list, cannot go unnoticed.
func TestNameConstants(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	var consts []string
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			if gd, ok := d.(*ast.GenDecl); ok && gd.Tok == token.CONST {
				for _, s := range gd.Specs {
					for _, v := range s.(*ast.ValueSpec).Values {
						value, err := strconv.Unquote(v.(*ast.BasicLit).Value)
						if err != nil {
							t.Fatal(err)
						}
						consts = append(consts, value)
					}
				}
			}
		}
	}
	for _, name := range consts {
		if _, ok := Lookup(name); !ok {
			t.Errorf("constant %q names no list", name)
		}
	}
	slices.Sort(consts)
	if !slices.Equal(consts, Names()) {
		t.Errorf("constants %v\ndo not match lists %v", consts, Names())
	}
}

func TestCodes(t *testing.T) {
	for _, tt := range []struct{ list, value, description string }{
		{ReferralSource, "1A", "Individual: family member, relative or carer"},
		{ReferralSource, "5D", "LA services: early help"},
		{ReferralSource, "10", "Unknown"},
		{PrimaryNeed, "N1", "Abuse or neglect"},
		{PrimaryNeed, "N2", "Child's disability"},
		{PrimaryNeed, "N3", "Parental disability or illness"},
		{PrimaryNeed, "N4", "Family in acute stress"},
		{PrimaryNeed, "N5", "Family dysfunction"},
		{PrimaryNeed, "N6", "Socially unacceptable behaviour"},
		{PrimaryNeed, "N7", "Low income"},
		{PrimaryNeed, "N8", "Absent parenting"},
		{PrimaryNeed, "N9", "Cases other than children in need"},
		{PrimaryNeed, "N0", "Not stated"},
		{CategoryOfNeed, "N8", "Absent parenting"},
		{ReasonForClosure, "RC1", "Adopted"},
		{ReasonForClosure, "RC2", "Died"},
		{ReasonForClosure, "RC3", "Child arrangements order"},
		{ReasonForClosure, "RC4", "Special guardianship order"},
		{ReasonForClosure, "RC5", "Transferred to services of another local authority"},
		{ReasonForClosure, "RC6", "Transferred to adult social care services"},
		{ReasonForClosure, "RC7", "Services ceased for any other reason, including child no longer in need"},
		{ReasonForClosure, "RC8", "Case closed after assessment, no further action"},
		{ReasonForClosure, "RC9", "Case closed after assessment, referred to early help"},
		{CategoryOfAbuse, "NEG", "Neglect"},
		{CategoryOfAbuse, "PHY", "Physical abuse"},
		{CategoryOfAbuse, "SAB", "Sexual abuse"},
		{CategoryOfAbuse, "EMO", "Emotional abuse"},
		{CategoryOfAbuse, "MUL", "Multiple / not recommended"},
		{AssessmentFactor, "3B", "Domestic abuse: parent or carer is the subject"},
		{AssessmentFactor, "24A", "Child criminal exploitation"},
		{Ethnicity, "WROM", "Gypsy / Roma"},
		{Disability, "AUT", "Diagnosed with autism or Asperger syndrome"},
		{UPNUnknown, "UN7", "Referral with no further action"},
		{SSDA903UPNUnknown, "UN5", "Sources collating UPNs disagree on name or date of birth, preventing reliable matching (e.g. duplicate UPNs)"},
		{Sex, "U", "Unknown (always used for an unborn child)"},
		{GenderCurrent, "9", "Indeterminate"},
		{LegalStatus, "C2", "Full care order"},
		{LegalStatus, "J3", "Sentenced to a youth rehabilitation order with residence or intensive fostering requirement"},
		{ReasonNewEpisode, "S", "Started to be looked after (also each V3/V4 short-break agreement or episode)"},
		{ReasonEpisodeCeased, "E11", "Adopted: application unopposed"},
		{ReasonEpisodeCeased, "E4A", "Returned home to parent(s)/relative(s)/person with PR as part of care planning (not under SGO or CAO)"},
		{PlacementType, "U1", "Foster placement with relative/friend: long-term fostering"},
		{PlacementType, "U2", "Foster placement with relative/friend who is also an approved adopter: FFA / concurrent planning"},
		{PlacementType, "U3", "Foster placement with relative/friend: not long-term or FFA"},
		{PlacementType, "U4", "Foster placement with other foster carer: long-term fostering"},
		{PlacementType, "U5", "Foster placement with other foster carer who is also an approved adopter: FFA / concurrent planning"},
		{PlacementType, "U6", "Foster placement with other foster carer: not long-term or FFA"},
		{PlacementType, "K2", "Children's home subject to Children's Homes Regulations"},
		{PlacementProvider, "PR0", "Parent(s) or other person(s) with parental responsibility"},
		{ReasonPlaceChange, "CUSTOD", "Custody arrangement"},
		{ReviewParticipation, "PN0", "Child under 4 at the time of the review"},
		{CareLeaverInTouch, "RHOM", "Returned to live with parents / person with PR for a continuous period of 6 months or more"},
		{CareLeaverActivity, "G6", "NEET because of pregnancy or parenting"},
		{CareLeaverAccommodation, "Z1", "With former foster carer(s) (18+, \"staying put\"; not for 17-year-olds): suitable"},
		{CareLeaverAccommodation, "S2", "No fixed abode / homeless: unsuitable"},
		{CareLeaverAccommodation, "0", "No information"},
		{SDQReason, "SDQ5", "Child or young person refused to allow an SDQ to be completed"},
		{AdopterSex, "MF", "Male/female couple"},
		{AdopterLegalStatus, "L12", "Same-gender married couple"},
		{ReasonPlacedCeased, "RD2", "Court did not make a placement order"},
		{PreviousPermanence, "Z1", "No previous permanence option"},
		{WorkerChangeReason, "LEFTRL", "Previous social worker left the role"},
		{MissingType, "M", "Missing: not at the placement or expected place, whereabouts not known"},
		{AnnexAGender, "d", "Neither"},
		{AnnexAPermanencePlan, "c", "SGO/CAO"},
		{AnnexAAdopterLeavingReason, "3", "Application refused"},
		{PermanencePlan, "LTFOST18", "Long term placement with foster carers (intended to last until 18, no return home envisaged)"},
		{AssessmentOutcome, "cla_request", "Request for the child to be looked after"},
		{S47Outcome, "substantiated_no_icpc", "Concerns substantiated, no conference needed: continue as a child in need"},
		{RelationshipType, "half_sibling", "Half-brother or half-sister"},
	} {
		l, _ := Lookup(tt.list)
		if got := l.Describe(tt.value); got != tt.description {
			t.Errorf("%s %q: description %q, want %q", tt.list, tt.value, got, tt.description)
		}
	}
}

// TestCounts guards against codes dropped from the longer lists.
func TestCounts(t *testing.T) {
	for _, tt := range []struct {
		list string
		n    int
	}{
		{Ethnicity, 20}, {Disability, 13}, {UPNUnknown, 7}, {SSDA903UPNUnknown, 5},
		{ReferralSource, 22}, {PrimaryNeed, 10}, {CategoryOfNeed, 8}, {ReasonForClosure, 9},
		{AssessmentFactor, 44}, {LegalStatus, 13}, {PlacementType, 32}, {ReasonEpisodeCeased, 22},
		{ReasonPlaceChange, 12}, {ReviewParticipation, 8}, {CareLeaverActivity, 12},
		{CareLeaverAccommodationType, 16}, {CareLeaverAccommodation, 31}, {WorkerChangeReason, 10},
	} {
		l, _ := Lookup(tt.list)
		if len(l.Codes) != tt.n {
			t.Errorf("%s has %d codes, want %d", tt.list, len(l.Codes), tt.n)
		}
	}
}

func TestValid(t *testing.T) {
	for _, tt := range []struct {
		list, value string
		want        bool
	}{
		{PlacementType, "U4", true},
		{PlacementType, "K3", true},
		{PlacementType, "k3", false},
		{PlacementType, "Z11", true},
		{PlacementType, "H5", false},
		{PlacementType, "Z1", false},
		{AssessmentFactor, "18A", false},
		{AssessmentFactor, "18B", true},
		{Sex, "M", true},
		{GenderCurrent, "1", false},
		{SSDA903Sex, "2", false},
		{CareLeaverAccommodation, "S1", false},
		{CareLeaverAccommodation, "X1", false},
		{CareLeaverActivity, "F3", false},
		{CategoryOfNeed, "N9", false},
		{ReferralSource, "", false},
		{ReferralSource, " 1A", false},
	} {
		l, _ := Lookup(tt.list)
		if got := l.Valid(tt.value); got != tt.want {
			t.Errorf("%s.Valid(%q) = %v, want %v", tt.list, tt.value, got, tt.want)
		}
	}
}

func TestValidIn(t *testing.T) {
	for _, tt := range []struct {
		list, value, year string
		want              bool
	}{
		{Sex, "M", "2023-24", false},
		{Sex, "M", "2024-25", true},
		{Sex, "U", "2026-27", true},
		{GenderCurrent, "1", "2023-24", true},
		{GenderCurrent, "0", "2010-11", true},
		{GenderCurrent, "1", "2024-25", false},
		{SSDA903Sex, "1", "2023-24", true},
		{SSDA903Sex, "1", "2024-25", false},
		{SSDA903Sex, "F", "2023-24", false},
		{SSDA903Sex, "F", "2024-25", true},
		{PlacementType, "H5", "2024-25", true},
		{PlacementType, "H5", "2025-26", false},
		{PlacementType, "K3", "2023-24", false},
		{PlacementType, "K3", "2024-25", true},
		{PlacementType, "P2", "2025-26", false},
		{PlacementType, "Z1", "2024-25", true},
		{PlacementType, "Z1", "2025-26", false},
		{PlacementType, "Z12", "2024-25", false},
		{PlacementType, "Z12", "2025-26", true},
		{PlacementType, "U1", "1999-00", true},
		{AssessmentFactor, "18A", "2019-20", true},
		{AssessmentFactor, "18A", "2020-21", false},
		{AssessmentFactor, "19C", "2019-20", false},
		{AssessmentFactor, "19C", "2020-21", true},
		{AssessmentFactor, "24A", "2020-21", false},
		{AssessmentFactor, "24A", "2021-22", true},
		{ReferralSource, "5D", "2021-22", false},
		{ReferralSource, "5D", "2022-23", true},
		{ReasonForClosure, "RC9", "2021-22", false},
		{ReasonForClosure, "RC9", "2025-26", true},
		{WorkerChangeReason, "MANAGE", "2022-23", false},
		{WorkerChangeReason, "MANAGE", "2023-24", true},
		{ReasonForClosure, "RC99", "2025-26", false},
		{PlacementType, "U1", "2024/25", false},
		{PlacementType, "U1", "2024-26", false},
		{PlacementType, "U1", "24-25", false},
		{PlacementType, "U1", "2024-2025", false},
		{PlacementType, "U1", "", false},
	} {
		l, _ := Lookup(tt.list)
		if got := l.ValidIn(tt.value, tt.year); got != tt.want {
			t.Errorf("%s.ValidIn(%q, %q) = %v, want %v", tt.list, tt.value, tt.year, got, tt.want)
		}
	}
}

func TestDescribeWithdrawnAndUnknown(t *testing.T) {
	l, _ := Lookup(PlacementType)
	if got := l.Describe("H5"); got == "" {
		t.Error("withdrawn code H5 has no description")
	}
	if got := l.Describe("XX"); got != "" {
		t.Errorf("Describe(unknown) = %q, want empty", got)
	}
}

func TestLookupUnknown(t *testing.T) {
	for _, name := range []string{"", "nope", "Referral_Source", "referral source", "REC"} {
		if l, ok := Lookup(name); ok || l != nil {
			t.Errorf("Lookup(%q) = %v, %v; want nil, false", name, l, ok)
		}
	}
}

// TestDocs keeps the table in docs/codes.md in step with the lists; run
// with -update to rewrite it.
func TestDocs(t *testing.T) {
	const path, start, end = "../../docs/codes.md", "<!-- lists:start -->\n", "<!-- lists:end -->"
	doc, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	before, rest, ok1 := strings.Cut(string(doc), start)
	table, after, ok2 := strings.Cut(rest, end)
	if !ok1 || !ok2 {
		t.Fatalf("%s has no %q … %q markers", path, start, end)
	}
	var b strings.Builder
	b.WriteString("| Name | Title | Source | Codes |\n|---|---|---|---|\n")
	for _, l := range all {
		fmt.Fprintf(&b, "| `%s` | %s | %s | %d |\n", l.Name, l.Title, l.Source, len(l.Codes))
	}
	if *update {
		if err := os.WriteFile(path, []byte(before+start+b.String()+end+after), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if table != b.String() {
		t.Errorf("%s is out of date: run go test ./internal/codes -run TestDocs -update", path)
	}
}
