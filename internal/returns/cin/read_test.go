package cin

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestReadReportsEachProblemWithItsPath(t *testing.T) {
	const file = `<?xml version="1.0"?>
<Message><Children>
 <Child>
  <ChildIdentifiers><LAchildID>A1</LAchildID><Sex>M</Sex><PersonBirthDate>2020-02-30</PersonBirthDate><Nickname>x</Nickname></ChildIdentifiers>
  <ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>
  <CINdetails><CINreferralDate>2025-05-01</CINreferralDate><ReferralNFA>maybe</ReferralNFA>
   <ChildProtectionPlans><CPPstartDate>2025-06-01</CPPstartDate><NumberOfPreviousCPP>-1</NumberOfPreviousCPP></ChildProtectionPlans>
  </CINdetails>
  <CINdetails><CINreferralDate>2025-01-01</CINreferralDate><CINreferralDate>2025-01-02</CINreferralDate>stray</CINdetails>
 </Child>
</Children></Message>`
	m, problems, err := Read(strings.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"/Message/Children/Child[1]/ChildIdentifiers/PersonBirthDate: \"2020-02-30\" is not a date",
		"/Message/Children/Child[1]/ChildIdentifiers/PersonBirthDate: <PersonBirthDate> is out of order",
		"/Message/Children/Child[1]/ChildIdentifiers/Nickname: <Nickname> is not part of <ChildIdentifiers>",
		"/Message/Children/Child[1]/CINdetails[1]/ReferralNFA: \"maybe\" is not true, false, 1 or 0",
		"/Message/Children/Child[1]/CINdetails[1]/ChildProtectionPlans[1]/NumberOfPreviousCPP: \"-1\" is not a whole number",
		"/Message/Children/Child[1]/CINdetails[2]/CINreferralDate: <CINreferralDate> is given more than once",
		"/Message/Children/Child[1]/CINdetails[2]: unexpected text \"stray\"",
	}
	var got []string
	for _, p := range problems {
		got = append(got, p.String())
	}
	for _, w := range want {
		found := false
		for _, g := range got {
			found = found || strings.HasPrefix(g, w)
		}
		if !found {
			t.Errorf("missing problem %q in\n%s", w, strings.Join(got, "\n"))
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d problems, want %d", len(got), len(want))
	}
	ep := m.Children.Child[0].CINdetails[1]
	if ep.CINreferralDate.Text != "2025-01-01" {
		t.Errorf("first of a repeated element is kept: %q", ep.CINreferralDate.Text)
	}
}

func TestReadRefusesWhatIsNotACensus(t *testing.T) {
	for name, file := range map[string]string{
		"empty":      "",
		"not XML":    "CIN,census\n1,2\n",
		"wrong root": `<Return><Children/></Return>`,
		"truncated":  `<Message><Children><Child><ChildIdentifiers>`,
		"unclosed":   `<Message><Children></Message>`,
		"trailing":   `<Message/><Message/>`,
		"deep":       "<Message>" + strings.Repeat("<Children>", 30),
	} {
		if _, _, err := Read(strings.NewReader(file)); err == nil {
			t.Errorf("%s: read without error", name)
		} else if !utf8.ValidString(err.Error()) || err.Error() == "" {
			t.Errorf("%s: unclear error %q", name, err)
		}
	}
}

// FuzzRead checks the reader never panics, that each failure is an error
// with a message, and that whatever it reads the writer writes in a form
// that reads back the same.
func FuzzRead(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join(samplesDir, "*.xml"))
	for _, name := range files {
		if b, err := os.ReadFile(name); err == nil && len(b) < 64<<10 {
			f.Add(b)
		}
	}
	f.Add([]byte(`<Message><Children><Child><ChildIdentifiers><LAchildID>1</LAchildID></ChildIdentifiers></Child></Children></Message>`))
	f.Fuzz(func(t *testing.T, b []byte) {
		m, problems, err := Read(bytes.NewReader(b))
		if err != nil {
			if err.Error() == "" {
				t.Fatal("empty error")
			}
			return
		}
		for _, p := range problems {
			if !strings.HasPrefix(p.Path, "/Message") || p.Message == "" {
				t.Fatalf("problem without a path or message: %+v", p)
			}
		}
		if p, ok := PeriodOf(m); ok {
			Validate(m, p, problems)
		}
		var out bytes.Buffer
		if err := Write(&out, m); err != nil {
			// Text that XML cannot carry (such as control characters) is
			// refused by the writer, not written corrupt.
			return
		}
		again, _, err := Read(bytes.NewReader(out.Bytes()))
		if err != nil {
			t.Fatalf("rewritten file: %v\n%s", err, out.String())
		}
		var twice bytes.Buffer
		if err := Write(&twice, again); err != nil || !bytes.Equal(out.Bytes(), twice.Bytes()) {
			t.Fatalf("rewriting changes the file: %v\n%s\n%s", err, out.String(), twice.String())
		}
	})
}
