package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/waymark-care/waymark/internal/calendar"
	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/domain"
	"github.com/waymark-care/waymark/internal/returns/cin"
	"github.com/waymark-care/waymark/internal/storage"
	"github.com/waymark-care/waymark/internal/storage/storagetest"
	"github.com/waymark-care/waymark/internal/synth"
)

const cinSamples = "../../../shared/data/samples/cin"

func readCensus(t testing.TB, path string) *cin.Message {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("sample not available: %v", err)
	}
	defer f.Close()
	m, _, err := cin.Read(f)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestCINRoundTrip imports each sample into an empty database, exports
// the census for the sample's own period, and compares: the export holds
// every element of the sample that falls in the census, except those the
// import reported as rejected or not kept. A second import changes nothing.
func TestCINRoundTrip(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(cinSamples, "*.xml"))
	if len(files) == 0 {
		t.Skip("samples not available")
	}
	storagetest.Each(t, func(t testing.TB, db *storage.DB) {
		for _, file := range files {
			db := storagetest.Open(t, db.Dialect().String())
			m := readCensus(t, file)
			sum, err := importCensus(context.Background(), db, m, "import:"+filepath.Base(file), false)
			if err != nil {
				t.Fatal(err)
			}
			p, _ := cin.PeriodOf(m)
			var out bytes.Buffer
			if _, err := cin.Export(context.Background(), db, p, nil, &out); err != nil {
				t.Fatal(err)
			}
			exported, _, err := cin.Read(&out)
			if err != nil {
				t.Fatal(err)
			}
			want := canonical(inCensus(m, p, sum))
			got := canonical(exported)
			if want != got {
				t.Errorf("%s: export differs from the imported census\n%s", filepath.Base(file), firstDifference(want, got))
			}
			again, err := importCensus(context.Background(), db, m, "import:again", false)
			if err != nil || again.imported != 0 || again.inserted+again.updated != 0 {
				t.Errorf("%s: importing again changed %d children (%v)", filepath.Base(file), again.imported, err)
			}
		}
	})
}

// canonical is a census as text with its header left out.
func canonical(m *cin.Message) string {
	m.Header = nil
	var b bytes.Buffer
	cin.Write(&b, m)
	return b.String()
}

func firstDifference(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(al), len(bl)) {
		if al[i] != bl[i] {
			lo := max(0, i-8)
			return "want:\n" + strings.Join(al[lo:min(i+3, len(al))], "\n") + "\ngot:\n" + strings.Join(bl[lo:min(i+3, len(bl))], "\n")
		}
	}
	return "lengths differ"
}

// inCensus is the test's own statement of what a census for period p holds
// of what was imported: rejected children and elements not kept are
// dropped, and so is what lies outside the period (episodes closed before
// it, anything dated after the reference date). Flags are written
// true/false, and blocks in date order, as the writer does.
func inCensus(m *cin.Message, p cin.Period, sum *importSummary) *cin.Message {
	dropped := map[string]bool{}
	rejected := map[string]bool{}
	for _, pr := range sum.notKept {
		dropped[pr.Path] = true
	}
	for _, pr := range sum.rejected {
		rejected[childOf(pr.Path)] = true
	}
	nfaFrom := calendar.EnglandAndWales().AddWorkingDays(p.Start, -1)
	after := func(d cin.Date) bool { return d.Valid() && d.Value.After(p.End) }
	open := func(start, end cin.Date) bool {
		return start.Valid() && !start.Value.After(p.End) && (!end.Valid() || !end.Value.Before(p.Start))
	}
	known := func(d cin.Date) cin.Date {
		if after(d) {
			return cin.Date{}
		}
		return d
	}
	flag := func(f cin.Flag) cin.Flag { return cin.FlagOf(f.Value) }
	out := &cin.Message{}
	for i, c := range m.Children.Child {
		base := "/Message/Children/Child[" + strconv.Itoa(i+1) + "]"
		if rejected[base] {
			continue
		}
		var eps []cin.CINdetails
		for e, ep := range c.CINdetails {
			path := base + "/CINdetails[" + strconv.Itoa(e+1) + "]"
			nfa := ep.ReferralNFA.True()
			if nfa && !ep.CINclosureDate.Present() {
				if ep.CINreferralDate.Value.Before(nfaFrom) || after(ep.CINreferralDate) {
					continue
				}
			} else if !open(ep.CINreferralDate, ep.CINclosureDate) {
				continue
			}
			ep.ReferralNFA = flag(ep.ReferralNFA)
			ep.CINclosureDate = known(ep.CINclosureDate)
			if !ep.CINclosureDate.Present() {
				ep.ReasonForClosure = ""
			}
			if after(ep.DateOfInitialCPC) {
				ep.DateOfInitialCPC = cin.Date{}
			}
			var as []cin.Assessment
			for _, a := range ep.Assessments {
				if open(a.AssessmentActualStartDate, a.AssessmentAuthorisationDate) {
					a.AssessmentInternalReviewDate = cin.Date{}
					a.AssessmentAuthorisationDate = known(a.AssessmentAuthorisationDate)
					if !a.AssessmentAuthorisationDate.Present() || len(a.Factors()) == 0 {
						a.FactorsIdentifiedAtAssessment = nil
					}
					as = append(as, a)
				}
			}
			ep.Assessments = sortBy(as, func(a cin.Assessment) cin.Date { return a.AssessmentActualStartDate })
			var plans []cin.CINPlanDates
			for _, cp := range ep.CINPlanDates {
				if open(cp.CINPlanStartDate, cp.CINPlanEndDate) {
					cp.CINPlanEndDate = known(cp.CINPlanEndDate)
					plans = append(plans, cp)
				}
			}
			ep.CINPlanDates = sortBy(plans, func(cp cin.CINPlanDates) cin.Date { return cp.CINPlanStartDate })
			var s47s []cin.Section47
			for k, s := range ep.Section47 {
				if dropped[path+"/Section47["+strconv.Itoa(k+1)+"]/InitialCPCtarget"] {
					s.InitialCPCtarget = cin.Date{}
				}
				end := s.DateOfInitialCPC
				if open(s.S47ActualStartDate, end) {
					if after(s.DateOfInitialCPC) {
						s.DateOfInitialCPC = cin.Date{}
					}
					s.ICPCnotRequired = cin.FlagOf(s.ICPCnotRequired.True() && !s.DateOfInitialCPC.Present())
					s47s = append(s47s, s)
				}
			}
			ep.Section47 = sortBy(s47s, func(s cin.Section47) cin.Date { return s.S47ActualStartDate })
			var cpps []cin.ChildProtectionPlan
			for k, cp := range ep.ChildProtectionPlans {
				if !open(cp.CPPstartDate, cp.CPPendDate) {
					continue
				}
				pp := path + "/ChildProtectionPlans[" + strconv.Itoa(k+1) + "]"
				end := known(cp.CPPendDate)
				cp.CPPendDate = end
				var reviews []cin.Date
				for _, r := range cp.ReviewDates() {
					if r.Value.After(cp.CPPstartDate.Value) && !after(r) && (!end.Valid() || !r.Value.After(end.Value)) {
						reviews = append(reviews, r)
					}
				}
				cp.Reviews = nil
				if len(reviews) > 0 {
					cp.Reviews = &cin.Reviews{CPPreviewDate: sortBy(reviews, func(d cin.Date) cin.Date { return d })}
				}
				if dropped[pp+"/NumberOfPreviousCPP"] {
					cp.NumberOfPreviousCPP = cin.Count{}
				}
				cpps = append(cpps, cp)
			}
			ep.ChildProtectionPlans = sortBy(cpps, func(cp cin.ChildProtectionPlan) cin.Date { return cp.CPPstartDate })
			ep.PreProceedingsandFGDM = nil
			eps = append(eps, ep)
		}
		if len(eps) == 0 {
			continue
		}
		c.CINdetails = sortBy(eps, func(ep cin.CINdetails) cin.Date { return ep.CINreferralDate })
		if ds := c.ChildCharacteristics.Disabilities; ds != nil {
			kept := &cin.Disabilities{}
			for k, code := range ds.Disability {
				if !dropped[base+"/ChildCharacteristics/Disabilities/Disability["+strconv.Itoa(k+1)+"]"] {
					kept.Disability = append(kept.Disability, code)
				}
			}
			c.ChildCharacteristics.Disabilities = nil
			if len(kept.Disability) > 0 {
				c.ChildCharacteristics.Disabilities = kept
			}
		}
		out.Children.Child = append(out.Children.Child, c)
	}
	return out
}

func childOf(path string) string {
	i := strings.Index(path, "]")
	return path[:i+1]
}

func sortBy[T any](xs []T, date func(T) cin.Date) []T {
	slices.SortStableFunc(xs, func(a, b T) int { return date(a).Value.Compare(date(b).Value) })
	return xs
}

func TestValidateCINCensusCommand(t *testing.T) {
	sample := filepath.Join(cinSamples, "CIN_Census_2024.xml")
	if _, err := os.Stat(sample); err != nil {
		t.Skip("samples not available")
	}
	code, out, errOut := runCmd(t, "validate", "cin-census", sample)
	if code != 1 || !strings.Contains(out, "4180") || !strings.Contains(out, "Sex must be provided and equal M, F, or U") ||
		!strings.Contains(out, "/Message/Children/Child[2]/CINdetails[1]/Assessments[1]") || !strings.Contains(errOut, "2 children") {
		t.Errorf("table: %d\n%s\n%s", code, out, errOut)
	}
	code, out, _ = runCmd(t, "validate", "cin-census", "--format", "csv", sample)
	if code != 1 || !strings.HasPrefix(out, "code,type,child,la_child_id,path,message,detail\n") || !strings.Contains(out, "\n1570,error,2,child_fails_assessments,") {
		t.Errorf("csv: %d\n%s", code, out)
	}
	code, out, _ = runCmd(t, "validate", "cin-census", sample, "--format=json")
	var rep cin.Report
	if code != 1 || json.Unmarshal([]byte(out), &rep) != nil || rep.Children != 2 || len(rep.Findings) == 0 || len(rep.Problems) != 1 {
		t.Errorf("json: %d %+v", code, rep)
	}
	notXML := filepath.Join(t.TempDir(), "census.xml")
	os.WriteFile(notXML, []byte("LAchildID,Sex\n1,M\n"), 0o644)
	if code, _, errOut := runCmd(t, "validate", "cin-census", notXML); code != 1 || !strings.Contains(errOut, "not well-formed XML") && !strings.Contains(errOut, "not a CIN census") && !strings.Contains(errOut, "no <Message>") {
		t.Errorf("not XML: %d %s", code, errOut)
	}
	if code, _, _ := runCmd(t, "validate", "cin-census", sample, "--year", "2025"); code != 2 {
		t.Errorf("bad year: %d", code)
	}
	if code, _, errOut := runCmd(t, "validate", "nonsense"); code != 2 || !strings.Contains(errOut, "cin-census") {
		t.Errorf("unknown return: %d %s", code, errOut)
	}
}

func TestExportAndImportCINCensusCommands(t *testing.T) {
	sample := filepath.Join(cinSamples, "fake_CIN_data.xml")
	if _, err := os.Stat(sample); err != nil {
		t.Skip("samples not available")
	}
	_, dsn := storagetest.OpenDSN(t, "sqlite")
	code, out, errOut := runCmd(t, "import", "cin-census", sample, "--db", dsn)
	if code != 0 || !strings.Contains(out, "332 children: imported 332 (332 new to Waymark") {
		t.Fatalf("import: %d\n%s\n%s", code, out, errOut)
	}
	code, out, _ = runCmd(t, "import", "cin-census", sample, "--db", dsn)
	if code != 0 || !strings.Contains(out, "imported 0 ") || !strings.Contains(out, "332 unchanged") {
		t.Errorf("second import: %d\n%s", code, out)
	}
	rejected := filepath.Join(cinSamples, "CIN_Census_2024.xml")
	code, out, _ = runCmd(t, "import", "cin-census", rejected, "--db", dsn, "--dry-run")
	if code != 1 || !strings.Contains(out, "rejected    /Message/Children/Child[1]/") || !strings.Contains(out, "would import 1") {
		t.Errorf("import with rejections: %d\n%s", code, out)
	}

	file := filepath.Join(t.TempDir(), "cin.xml")
	code, _, errOut = runCmd(t, "export", "cin-census", "--year", "2021-22", "--out", file, "--db", dsn, "--la", "975")
	if code != 0 || !strings.Contains(errOut, "wrote the 2021-22 census") {
		t.Fatalf("export: %d %s", code, errOut)
	}
	m := readCensus(t, file)
	if m.Header.Source[0].LEA != "975" || m.Header.CollectionDetails.ReferenceDate.Text != "2022-03-31" || len(m.Children.Child) == 0 {
		t.Errorf("exported header %+v, %d children", m.Header, len(m.Children.Child))
	}
	if code, _, _ := runCmd(t, "export", "cin-census", "--year", "2021", "--out", file, "--db", dsn); code != 2 {
		t.Errorf("bad year: %d", code)
	}
	if code, out, _ := runCmd(t, "export", "--help"); code != 0 || !strings.Contains(out, "cin-census") {
		t.Errorf("export help: %d %s", code, out)
	}
}

// BenchmarkCINExport builds, writes and validates the 2025-26 census of
// the database named by WAYMARK_BENCH_DB (a synthetic authority made with
// `waymark synth`), as `waymark export cin-census` does. Targets
// (docs/returns.md): under 2 s for the doncaster preset, under 10 s for
// large.
func BenchmarkCINExport(b *testing.B) {
	dsn := os.Getenv("WAYMARK_BENCH_DB")
	if dsn == "" {
		b.Skip("set WAYMARK_BENCH_DB to a synthetic authority's database")
	}
	db, err := storage.Open(context.Background(), dsn)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	p, _ := cin.CollectionYear("2025-26")
	for b.Loop() {
		rep, err := cin.Export(context.Background(), db, p, cin.NewHeader(p, "371", "bench", time.Now()), io.Discard)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(rep.Children), "children")
	}
}

// TestCINSyntheticAuthority builds the 2025-26 census of the small
// synthetic authority. Its planted recording failure, a section 47 enquiry
// ended with no outcome (and no conference, which would be the census's
// evidence of one), shows as the matching DfE rules; and no child whose
// records are complete has any error.
func TestCINSyntheticAuthority(t *testing.T) {
	db := storagetest.Open(t, "sqlite")
	preset, _ := synth.PresetNamed("small")
	d := civil.MustParse
	if _, err := synth.Generate(context.Background(), db, synth.Config{Preset: preset, Seed: 7, From: d("2024-04-01"), To: d("2026-03-31")}); err != nil {
		t.Fatal(err)
	}
	p, _ := cin.CollectionYear("2025-26")
	rep, err := cin.Export(context.Background(), db, p, nil, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Children < 100 {
		t.Fatalf("only %d children in the census", rep.Children)
	}
	byChild := map[int64][]cin.Finding{}
	for _, f := range rep.Findings {
		byChild[f.Person] = append(byChild[f.Person], f)
	}
	has := func(person int64, codes ...string) bool {
		return slices.ContainsFunc(byChild[person], func(f cin.Finding) bool { return slices.Contains(codes, f.Code) })
	}
	planted := 0
	b := cin.NewBuilder(p)
	err = db.CINChildren(context.Background(), p.Start, p.End, p.Start.AddDays(-7), func(cr *domain.ChildRecord) error {
		c, in := b.Child(cr)
		if !in {
			return nil
		}
		inCensus := func(enquiry int64) bool {
			for _, ep := range c.CINdetails {
				if slices.ContainsFunc(ep.Section47, func(s cin.Section47) bool { return s.Ref.ID == enquiry }) {
					return true
				}
			}
			return false
		}
		incomplete := false
		for _, s := range cr.Section47Enquiries {
			conference := slices.ContainsFunc(cr.Conferences, func(c domain.Conference) bool { return c.S47EnquiryID == s.ID && !c.Date.After(p.End) })
			if s.Outcome == "" && !conference && !s.EndDate.IsZero() && !s.EndDate.After(p.End) && inCensus(s.ID) {
				planted++
				incomplete = true
				if !has(cr.Person.ID, "8868", "8675Q", "8740") {
					t.Errorf("child %s: an enquiry ended %s with no outcome, but no 8868, 8675Q or 8740", cr.Person.LAChildID, s.EndDate)
				}
			}
		}
		if incomplete {
			return nil
		}
		for _, f := range byChild[cr.Person.ID] {
			if f.Type == cin.Error {
				t.Errorf("child %s, whose records are complete: %s %s: %s", cr.Person.LAChildID, f.Code, f.Path, f.Detail)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d children, %d errors, %d queries; %d planted enquiries without an outcome", rep.Children, rep.Errors(), rep.Queries(), planted)
}
