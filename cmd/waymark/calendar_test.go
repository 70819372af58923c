package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runCalendarCommand(args ...string) (int, string, string) {
	var stdout, stderr bytes.Buffer
	code := calendarCommand(args, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

func TestCalendarCommandAnswers(t *testing.T) {
	extra := filepath.Join(t.TempDir(), "extra.csv")
	if err := os.WriteFile(extra, []byte("date,name,kind\n2029-06-04,Proclaimed holiday,special\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"add-working-days", "2024-12-20", "1"}, "2024-12-23\n"},
		{[]string{"add-working-days", "2022-03-10", "15"}, "2022-03-31\n"},
		{[]string{"add-working-days", "--inclusive", "2022-03-10", "15"}, "2022-03-30\n"},
		{[]string{"add-working-days", "2024-12-23", "-1"}, "2024-12-20\n"},
		{[]string{"working-days", "2015-08-28", "2015-11-02"}, "45\n"},
		{[]string{"add-months", "2024-08-31", "6"}, "2025-02-28\n"},
		{[]string{"add-working-days", "2029-06-01", "1"}, "2029-06-04\n"},
		{[]string{"--extra-holidays", extra, "add-working-days", "2029-06-01", "1"}, "2029-06-05\n"},
		{[]string{"add-working-days", "--extra-holidays", extra, "2029-06-01", "1"}, "2029-06-05\n"},
		{[]string{"holidays", "2012"}, "date,name,kind\n2012-01-02,New Year's Day (substitute day),substitute\n" +
			"2012-04-06,Good Friday,statutory\n2012-04-09,Easter Monday,statutory\n2012-05-07,Early May bank holiday,statutory\n" +
			"2012-06-04,Spring bank holiday (moved for the Queen's Diamond Jubilee),special\n2012-06-05,Queen's Diamond Jubilee,special\n" +
			"2012-08-27,Summer bank holiday,statutory\n2012-12-25,Christmas Day,statutory\n2012-12-26,Boxing Day,statutory\n"},
	}
	for _, tt := range tests {
		code, stdout, stderr := runCalendarCommand(tt.args...)
		if code != 0 || stdout != tt.want || stderr != "" {
			t.Errorf("calendar %s: exit %d, stdout %q, stderr %q; want %q", strings.Join(tt.args, " "), code, stdout, stderr, tt.want)
		}
	}
}

func TestCalendarCommandHelp(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"-h"}, {"add-months", "--help"}} {
		code, stdout, _ := runCalendarCommand(args...)
		if code != 0 || !strings.Contains(stdout, "Usage: waymark calendar") || !strings.Contains(stdout, "--extra-holidays FILE") {
			t.Errorf("%v: exit %d, stdout %q", args, code, stdout)
		}
	}
}

func TestCalendarCommandMistakes(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "bad.csv")
	if err := os.WriteFile(bad, []byte("date,name,kind\n2029-06-02,Saturday,special\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		args   []string
		code   int
		stderr string
	}{
		{nil, 2, "Usage: waymark calendar"},
		{[]string{"add-days", "2024-12-20", "1"}, 2, `unknown command "add-days"`},
		{[]string{"add-working-days", "2024-12-20"}, 2, "add-working-days needs DATE and N"},
		{[]string{"add-working-days", "20/12/2024", "1"}, 2, `"20/12/2024" is not a date in the form YYYY-MM-DD`},
		{[]string{"add-working-days", "2024-12-20", "one"}, 2, `N must be a whole number, not "one"`},
		{[]string{"add-working-days", "--inclusive", "2024-12-20", "0"}, 2, "--inclusive needs N of 1 or more"},
		{[]string{"add-months", "--inclusive", "2024-12-20", "1"}, 2, "flag provided but not defined: -inclusive"},
		{[]string{"working-days", "2024-12-20"}, 2, "working-days needs FROM and TO"},
		{[]string{"holidays", "twenty"}, 2, `"twenty" is not a year`},
		{[]string{"--extra-holidays", bad, "holidays", "2029"}, 1, "bad.csv: line 2: 2029-06-02 is a Saturday"},
		{[]string{"--extra-holidays", "/nonexistent/extra.csv", "holidays", "2029"}, 1, "no such file"},
	}
	for _, tt := range tests {
		code, stdout, stderr := runCalendarCommand(tt.args...)
		if code != tt.code || stdout != "" || !strings.Contains(stderr, tt.stderr) {
			t.Errorf("calendar %s: exit %d, stdout %q, stderr %q; want exit %d and %q", strings.Join(tt.args, " "), code, stdout, stderr, tt.code, tt.stderr)
		}
	}
}
