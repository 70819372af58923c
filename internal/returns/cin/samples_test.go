package cin

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// samplesDir holds the fake census files published with the open
// validator and liia-tools (shared/data/samples/README.md).
const samplesDir = "../../../../shared/data/samples/cin"

func readSample(t testing.TB, name string) (*Message, []Problem) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(samplesDir, name))
	if err != nil {
		t.Skipf("sample files not available: %v", err)
	}
	m, problems, err := Read(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return m, problems
}

func codesOf(fs []Finding) []string {
	var codes []string
	for _, f := range fs {
		if !slices.Contains(codes, f.Code) {
			codes = append(codes, f.Code)
		}
	}
	return codes
}

// TestSamplesNameTheirProblems validates every sample file and checks the
// report names the faults each was built with (samples/README.md).
func TestSamplesNameTheirProblems(t *testing.T) {
	for _, tc := range []struct {
		file     string
		children int
		want     []string // rule codes that must be reported
		problems int      // file format problems
	}{
		{"CIN_header_issues_100.xml", 1, []string{"100"}, 1},
		{"CIN_la_issues_2887Q.xml", 1, []string{"2887Q"}, 1},
		{"CIN_Census_2021.xml", 1, []string{"1103", "8525Q", "8530Q", "4180"}, 1},
		{"CIN_Census_2021_copy.xml", 1, []string{"100", "1510", "1530"}, 1},
		{"CIN_Census_2021_no_assessment_factors.xml", 1, []string{"8867", "8736"}, 1},
		{"CIN2rows.xml", 1, []string{"8940", "4016"}, 1},
		// Child 2 is built to fail the assessment rules; child 1 has Sex 1.
		{"CIN_Census_2024.xml", 2, []string{"1103", "1570", "1580", "8897Q", "4180", "8608"}, 1},
		{"CIN_Census_2026.xml", 2, []string{"100", "4180", "8608"}, 1},
		{"cin-2022.xml", 1, []string{"8530Q", "8545Q"}, 0},
		// Every child has GenderCurrent, not Sex.
		{"fake_CIN_data.xml", 332, []string{"4180", "1510", "8569Q", "8620", "8831"}, 0},
	} {
		t.Run(tc.file, func(t *testing.T) {
			m, problems := readSample(t, tc.file)
			p, ok := PeriodOf(m)
			if !ok {
				t.Fatal("no period")
			}
			rep := Validate(m, p, problems)
			if rep.Children != tc.children || len(rep.Problems) != tc.problems {
				t.Errorf("children %d, problems %v", rep.Children, rep.Problems)
			}
			got := codesOf(rep.Findings)
			for _, code := range tc.want {
				if !slices.Contains(got, code) {
					t.Errorf("rule %s not reported; got %v", code, got)
				}
			}
			for _, f := range rep.Findings {
				if f.Message == "" || f.Path == "" || (f.Type != Error && f.Type != Query) {
					t.Errorf("incomplete finding %+v", f)
				}
			}
		})
	}
	// The sex rule fails for every child of the pre-2024-25 file.
	m, problems := readSample(t, "fake_CIN_data.xml")
	p, _ := PeriodOf(m)
	n := 0
	for _, f := range Validate(m, p, problems).Findings {
		if f.Code == "4180" {
			n++
		}
	}
	if n != 332 {
		t.Errorf("4180 reported for %d children, want 332", n)
	}
}

// TestSamplesRewriteUnchanged reads each sample and writes it again: the
// writer keeps every element the reader took, in order.
func TestSamplesRewriteUnchanged(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(samplesDir, "*.xml"))
	if len(files) == 0 {
		t.Skip("sample files not available")
	}
	for _, f := range files {
		m, _ := readSample(t, filepath.Base(f))
		var once, twice bytes.Buffer
		if err := Write(&once, m); err != nil {
			t.Fatal(err)
		}
		again, problems, err := Read(bytes.NewReader(once.Bytes()))
		if err != nil || len(problems) != 0 {
			t.Fatalf("%s: rewritten file: %v %v", f, err, problems)
		}
		Write(&twice, again)
		if !bytes.Equal(once.Bytes(), twice.Bytes()) {
			t.Errorf("%s: rewriting changes the file", f)
		}
	}
}

func TestRuleList(t *testing.T) {
	if n := len(Rules()); n != 109 {
		t.Errorf("%d rules, want the 109 of the 2024-25 list", n)
	}
	errors, queries := 0, 0
	for _, r := range Rules() {
		if r.Type == Error {
			errors++
		} else {
			queries++
		}
		if r.Type == Query && r.Code[len(r.Code)-1] != 'Q' {
			t.Errorf("query %s has no Q suffix", r.Code)
		}
	}
	if errors != 83 || queries != 26 {
		t.Errorf("%d errors, %d queries; want 83 and 26", errors, queries)
	}
	if _, ok := RuleNamed("8869"); !ok {
		t.Error("RuleNamed(8869)")
	}
}

func TestCollectionYear(t *testing.T) {
	p, err := CollectionYear("2025-26")
	if err != nil || p.Start.String() != "2025-04-01" || p.End.String() != "2026-03-31" || p.Year() != "2025-26" {
		t.Errorf("2025-26: %v %v", p, err)
	}
	for _, bad := range []string{"", "2025", "2025-27", "25-26", "abcd-ef"} {
		if _, err := CollectionYear(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	f := FormatOf(p)
	if !f.Sex || !f.CINPlans || f.PreProceedings {
		t.Errorf("2025-26 format %+v", f)
	}
	old, _ := CollectionYear("2023-24")
	new, _ := CollectionYear("2026-27")
	if FormatOf(old).Sex || !FormatOf(new).PreProceedings {
		t.Error("year-dependent elements")
	}
}
