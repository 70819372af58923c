package web

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/waymark-care/waymark/internal/civil"
)

// formPage uses every partial, as a feature's page would.
const formPage = `
{{define "title"}}{{if .Form.Errors}}Error: {{end}}Add a child{{end}}
{{define "content"}}
{{template "errorSummary" .Form}}
<form method="post" novalidate>
  {{template "textInput" (.Form.Field "full-name" "Full name" | hint "As it appears on official documents" | heading)}}
  {{template "textInput" (.Form.Field "email" "Email address" | inputType "email" | autocomplete "email" | class "govuk-!-width-two-thirds")}}
  {{template "dateInput" (.Form.Date "dob" "Date of birth" | hint "For example, 27 3 2007")}}
  {{template "radios" (.Form.Field "placed" "Is the child placed away from home?" | withOptions (options "yes" "Yes" "no" "No"))}}
  {{template "checkboxes" (.Form.Field "needs" "Needs" | withOptions .Needs)}}
  {{template "select" (.Form.Field "team" "Team" | withOptions (options "" "Choose a team" "north" "North" "south" "South"))}}
  {{template "textarea" (.Form.Field "notes" "Notes")}}
  <button type="submit" class="govuk-button" data-module="govuk-button">Save</button>
</form>
{{template "summaryList" .Summary}}
{{template "table" .Table}}
{{template "tag" (tag "Open" "green")}}
<p class="govuk-body">Born {{date .Born}}; {{pluralise .Siblings "sibling" "siblings"}}</p>
{{end}}
`

type formData struct {
	Form     Form
	Needs    []Option
	Summary  SummaryList
	Table    Table
	Born     civil.Date
	Siblings int
}

func testData(form Form) formData {
	return formData{
		Form: form,
		Needs: []Option{
			{Value: "health", Text: "Health", Hint: "Including mental health"},
			{Value: "education", Text: "Education"},
			{Value: "housing", Text: "Housing"},
		},
		Summary: SummaryList{
			{Key: "Name", Value: "Jane Doe", ChangeHref: "/children/1/name"},
			{Key: "Case number", Value: "C-1"},
		},
		Table: Table{
			Caption:           "Visits",
			Columns:           []Column{{Header: "Child"}, {Header: "Visits", Numeric: true}},
			Rows:              [][]Cell{{{Text: "Jane Doe", Href: "/children/1"}, {Text: "3"}}},
			FirstCellIsHeader: true,
		},
		Born:     civil.Of(2015, 10, 7),
		Siblings: 3,
	}
}

// submitted is a form sent back with errors.
func submitted() Form {
	var errs FieldErrors
	errs.Add("full-name", "Full name must be 100 characters or fewer")
	errs.Add("dob-month", "Date of birth must include a month")
	errs.Add("placed", "Select yes if the child is placed away from home")
	return Form{
		Values: url.Values{
			"full-name": {`Jane "JJ" <Doe>`},
			"email":     {"jane@example.com"},
			"dob-day":   {"12"},
			"dob-month": {""},
			"dob-year":  {"2015"},
			"placed":    {"yes"},
			"needs":     {"health", "housing"},
			"team":      {"north"},
			"notes":     {"Line one\n</textarea><script>alert(1)</script>"},
		},
		Errors: errs,
	}
}

// serverWithFormPage returns a server with the test page at GET /form.
func serverWithFormPage(t *testing.T, data formData) *Server {
	t.Helper()
	s, _ := newServer(t, Config{})
	if err := s.AddPages(fstest.MapFS{"test/form.html": {Data: []byte(formPage)}}); err != nil {
		t.Fatal(err)
	}
	s.HandleFunc("GET /form", func(w http.ResponseWriter, r *http.Request) {
		s.Render(w, r, http.StatusUnprocessableEntity, "test/form", data)
	})
	return s
}

// normalise collapses whitespace, and drops it beside tags, so markup can be
// compared with GOV.UK's however it is indented.
func normalise(html string) string {
	html = regexp.MustCompile(`\s+`).ReplaceAllString(html, " ")
	html = strings.ReplaceAll(html, "> ", ">")
	return strings.TrimSpace(strings.ReplaceAll(html, " <", "<"))
}

func TestFormComesBackWithAnswersAndErrors(t *testing.T) {
	w := get(serverWithFormPage(t, testData(submitted())), "/form")
	if w.Code != http.StatusUnprocessableEntity {
		t.Fatalf("status %d", w.Code)
	}
	page := normalise(w.Body.String())

	for _, want := range []string{
		"<title>Error: Add a child – Waymark</title>",
		// The summary lists the errors in page order, linking to each input.
		`<ul class="govuk-list govuk-error-summary__list"><li><a href="#full-name">Full name must be 100 characters or fewer</a></li>` +
			`<li><a href="#dob-month">Date of birth must include a month</a></li>` +
			`<li><a href="#placed">Select yes if the child is placed away from home</a></li></ul>`,
		// The user's answers are back, escaped.
		`<input class="govuk-input govuk-input--error" id="full-name" name="full-name" type="text" value="Jane &#34;JJ&#34; &lt;Doe&gt;" aria-describedby="full-name-hint full-name-error">`,
		`<input class="govuk-input govuk-!-width-two-thirds" id="email" name="email" type="email" value="jane@example.com" autocomplete="email">`,
		`<input class="govuk-input govuk-date-input__input govuk-input--width-2" id="dob-day" name="dob-day" type="text" value="12" inputmode="numeric">`,
		`<input class="govuk-input govuk-date-input__input govuk-input--error govuk-input--width-2" id="dob-month" name="dob-month" type="text" inputmode="numeric">`,
		`<input class="govuk-radios__input" id="placed" name="placed" type="radio" value="yes" checked>`,
		`<input class="govuk-radios__input" id="placed-2" name="placed" type="radio" value="no">`,
		`<input class="govuk-checkboxes__input" id="needs" name="needs" type="checkbox" value="health" checked aria-describedby="needs-item-hint">`,
		`<input class="govuk-checkboxes__input" id="needs-2" name="needs" type="checkbox" value="education">`,
		`<input class="govuk-checkboxes__input" id="needs-3" name="needs" type="checkbox" value="housing" checked>`,
		`<option value="north" selected>North</option>`,
		`<textarea class="govuk-textarea" id="notes" name="notes" rows="5">Line one &lt;/textarea&gt;&lt;script&gt;alert(1)&lt;/script&gt;</textarea>`,
		`<p class="govuk-body">Born 7 October 2015; 3 siblings</p>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks\n%s", want)
		}
	}
	if strings.Contains(page, "<script>alert") {
		t.Error("submitted script is not escaped")
	}
}

func TestDateErrorForWholeDate(t *testing.T) {
	var errs FieldErrors
	errs.Add("dob", "Date of birth must be in the past")
	form := Form{Values: url.Values{"dob-day": {"1"}, "dob-month": {"1"}, "dob-year": {"2999"}}, Errors: errs}
	page := normalise(get(serverWithFormPage(t, testData(form)), "/form").Body.String())

	if !strings.Contains(page, `<a href="#dob-day">Date of birth must be in the past</a>`) {
		t.Error("the summary does not link a whole-date error to the day input")
	}
	if n := strings.Count(page, "govuk-date-input__input govuk-input--error"); n != 3 {
		t.Errorf("%d date parts highlighted, want all 3", n)
	}
}

func TestEmptyFormHasNoErrors(t *testing.T) {
	page := get(serverWithFormPage(t, testData(Form{})), "/form").Body.String()
	for _, unwanted := range []string{"govuk-error-summary", "--error", "Error:", "checked", `value="north" selected`} {
		if strings.Contains(page, unwanted) {
			t.Errorf("empty form has %q", unwanted)
		}
	}
	if !strings.Contains(page, `<option value="" selected>Choose a team</option>`) {
		t.Error("an empty select does not show its placeholder")
	}
}

// partial renders one partial on its own.
func partial(t *testing.T, s *Server, name string, data any) string {
	t.Helper()
	var buf bytes.Buffer
	if err := s.pages["home"].ExecuteTemplate(&buf, name, data); err != nil {
		t.Fatal(err)
	}
	return normalise(buf.String())
}

// TestPartialsMatchGOVUKMarkup compares partials with GOV.UK Frontend's own
// rendering of the same component (its fixtures), ids aside.
func TestPartialsMatchGOVUKMarkup(t *testing.T) {
	s, _ := newServer(t, Config{})
	form := submitted()
	for _, tc := range []struct {
		name string
		data any
		want string
	}{{
		"errorSummary", Form{Errors: FieldErrors{{"a", "Error A"}, {"b", "Error B"}}}, `
<div class="govuk-error-summary" data-module="govuk-error-summary">
  <div role="alert">
    <h2 class="govuk-error-summary__title">
      There is a problem
    </h2>
    <div class="govuk-error-summary__body">
        <ul class="govuk-list govuk-error-summary__list">
          <li>
            <a href="#a">Error A</a>
          </li>
          <li>
            <a href="#b">Error B</a>
          </li>
        </ul>
    </div>
  </div>
</div>`,
	}, {
		"textInput", Field{Name: "ni", Label: "National Insurance number", Hint: "It’s on your National Insurance card", Error: "Enter a National Insurance number"}, `
<div class="govuk-form-group govuk-form-group--error">
  <label class="govuk-label" for="ni">
    National Insurance number
  </label>
  <div id="ni-hint" class="govuk-hint">
    It’s on your National Insurance card
  </div>
  <p id="ni-error" class="govuk-error-message">
    <span class="govuk-visually-hidden">Error:</span> Enter a National Insurance number
  </p>
  <input class="govuk-input govuk-input--error" id="ni" name="ni" type="text" aria-describedby="ni-hint ni-error">
</div>`,
	}, {
		"textInput", Field{Name: "ni", Label: "What is your National Insurance number?", Heading: true}, `
<div class="govuk-form-group">
  <h1 class="govuk-label-wrapper">
    <label class="govuk-label govuk-label--l" for="ni">
      What is your National Insurance number?
    </label>
  </h1>
  <input class="govuk-input" id="ni" name="ni" type="text">
</div>`,
	}, {
		"dateInput", form.Date("dob", "What is your date of birth?"), `
<div class="govuk-form-group govuk-form-group--error">
  <fieldset class="govuk-fieldset" role="group" aria-describedby="dob-error">
    <legend class="govuk-fieldset__legend">
      What is your date of birth?
    </legend>
    <p id="dob-error" class="govuk-error-message">
      <span class="govuk-visually-hidden">Error:</span> Date of birth must include a month
    </p>
    <div class="govuk-date-input" id="dob">
      <div class="govuk-date-input__item">
        <div class="govuk-form-group">
          <label class="govuk-label govuk-date-input__label" for="dob-day">
            Day
          </label>
          <input class="govuk-input govuk-date-input__input govuk-input--width-2" id="dob-day" name="dob-day" type="text" value="12" inputmode="numeric">
        </div>
      </div>
      <div class="govuk-date-input__item">
        <div class="govuk-form-group">
          <label class="govuk-label govuk-date-input__label" for="dob-month">
            Month
          </label>
          <input class="govuk-input govuk-date-input__input govuk-input--error govuk-input--width-2" id="dob-month" name="dob-month" type="text" inputmode="numeric">
        </div>
      </div>
      <div class="govuk-date-input__item">
        <div class="govuk-form-group">
          <label class="govuk-label govuk-date-input__label" for="dob-year">
            Year
          </label>
          <input class="govuk-input govuk-date-input__input govuk-input--width-4" id="dob-year" name="dob-year" type="text" value="2015" inputmode="numeric">
        </div>
      </div>
    </div>
  </fieldset>
</div>`,
	}, {
		"radios", Field{Name: "changed", Label: "Have you changed your name?", Hint: "This includes changing your last name.", Value: "no",
			Options: []Option{{Value: "yes", Text: "Yes"}, {Value: "no", Text: "No", Hint: "You’ll be asked for proof"}}}, `
<div class="govuk-form-group">
  <fieldset class="govuk-fieldset" aria-describedby="changed-hint">
  <legend class="govuk-fieldset__legend">
    Have you changed your name?
  </legend>
  <div id="changed-hint" class="govuk-hint">
    This includes changing your last name.
  </div>
  <div class="govuk-radios" data-module="govuk-radios">
    <div class="govuk-radios__item">
      <input class="govuk-radios__input" id="changed" name="changed" type="radio" value="yes">
      <label class="govuk-label govuk-radios__label" for="changed">
        Yes
      </label>
    </div>
    <div class="govuk-radios__item">
      <input class="govuk-radios__input" id="changed-2" name="changed" type="radio" value="no" checked aria-describedby="changed-2-item-hint">
      <label class="govuk-label govuk-radios__label" for="changed-2">
        No
      </label>
      <div id="changed-2-item-hint" class="govuk-hint govuk-radios__hint">
        You’ll be asked for proof
      </div>
    </div>
  </div>
</fieldset>
</div>`,
	}, {
		"checkboxes", Field{Name: "nationality", Label: "Filter by", Error: "Select a thing", Values: []string{"b"},
			Options: []Option{{Value: "a", Text: "a thing"}, {Value: "b", Text: "another thing"}}, Heading: true}, `
<div class="govuk-form-group govuk-form-group--error">
  <fieldset class="govuk-fieldset" aria-describedby="nationality-error">
  <legend class="govuk-fieldset__legend govuk-fieldset__legend--l">
    <h1 class="govuk-fieldset__heading">
      Filter by
    </h1>
  </legend>
  <p id="nationality-error" class="govuk-error-message">
    <span class="govuk-visually-hidden">Error:</span> Select a thing
  </p>
  <div class="govuk-checkboxes" data-module="govuk-checkboxes">
    <div class="govuk-checkboxes__item">
      <input class="govuk-checkboxes__input" id="nationality" name="nationality" type="checkbox" value="a">
      <label class="govuk-label govuk-checkboxes__label" for="nationality">
        a thing
      </label>
    </div>
    <div class="govuk-checkboxes__item">
      <input class="govuk-checkboxes__input" id="nationality-2" name="nationality" type="checkbox" value="b" checked>
      <label class="govuk-label govuk-checkboxes__label" for="nationality-2">
        another thing
      </label>
    </div>
  </div>
</fieldset>
</div>`,
	}, {
		"select", Field{Name: "sort", Label: "Sort by", Hint: "Hint text", Error: "Error text", Value: "2",
			Options: []Option{{Value: "1", Text: "Option 1"}, {Value: "2", Text: "Option 2"}}}, `
<div class="govuk-form-group govuk-form-group--error">
  <label class="govuk-label" for="sort">
    Sort by
  </label>
  <div id="sort-hint" class="govuk-hint">
    Hint text
  </div>
  <p id="sort-error" class="govuk-error-message">
    <span class="govuk-visually-hidden">Error:</span> Error text
  </p>
  <select class="govuk-select govuk-select--error" id="sort" name="sort" aria-describedby="sort-hint sort-error">
    <option value="1">Option 1</option>
    <option value="2" selected>Option 2</option>
  </select>
</div>`,
	}, {
		"textarea", Field{Name: "reason", Label: "Why?", Error: "You must provide an explanation"}, `
<div class="govuk-form-group govuk-form-group--error">
  <label class="govuk-label" for="reason">
    Why?
  </label>
  <p id="reason-error" class="govuk-error-message">
    <span class="govuk-visually-hidden">Error:</span> You must provide an explanation
  </p>
  <textarea class="govuk-textarea govuk-textarea--error" id="reason" name="reason" rows="5" aria-describedby="reason-error"></textarea>
</div>`,
	}, {
		"summaryList", SummaryList{{Key: "Name", Value: "Sarah Philips", ChangeHref: "/name"}, {Key: "Date of birth", Value: "5 January 1978"}}, `
<dl class="govuk-summary-list">
  <div class="govuk-summary-list__row">
    <dt class="govuk-summary-list__key">
      Name
    </dt>
    <dd class="govuk-summary-list__value">
      Sarah Philips
    </dd>
    <dd class="govuk-summary-list__actions">
      <a class="govuk-link" href="/name">Change<span class="govuk-visually-hidden"> Name</span></a>
    </dd>
  </div>
  <div class="govuk-summary-list__row govuk-summary-list__row--no-actions">
    <dt class="govuk-summary-list__key">
      Date of birth
    </dt>
    <dd class="govuk-summary-list__value">
      5 January 1978
    </dd>
  </div>
</dl>`,
	}, {
		"table", Table{Caption: "Months and rates", Columns: []Column{{Header: "Month you apply"}, {Header: "Rate for vehicles", Numeric: true}},
			Rows: [][]Cell{{{Text: "January"}, {Text: "£95"}}}, FirstCellIsHeader: true}, `
<table class="govuk-table">
  <caption class="govuk-table__caption govuk-table__caption--m">Months and rates</caption>
  <thead class="govuk-table__head">
    <tr class="govuk-table__row">
      <th scope="col" class="govuk-table__header">Month you apply</th>
      <th scope="col" class="govuk-table__header govuk-table__header--numeric">Rate for vehicles</th>
    </tr>
  </thead>
  <tbody class="govuk-table__body">
    <tr class="govuk-table__row">
      <th scope="row" class="govuk-table__header">January</th>
      <td class="govuk-table__cell govuk-table__cell--numeric">£95</td>
    </tr>
  </tbody>
</table>`,
	}, {
		"tag", Tag{Text: "Grey", Colour: "grey"}, `
<strong class="govuk-tag govuk-tag--grey">
  Grey
</strong>`,
	}} {
		if got, want := partial(t, s, tc.name, tc.data), normalise(tc.want); got != want {
			t.Errorf("%s:\n got %s\nwant %s", tc.name, got, want)
		}
	}
}

// TestLayoutEscapesData checks that data cannot inject markup into a page.
func TestLayoutEscapesData(t *testing.T) {
	s, _ := newServer(t, Config{Version: `<script>alert("v")</script>`})
	page := `{{define "title"}}{{.}}{{end}}{{define "content"}}<p class="govuk-body" title="{{.}}">{{.}}</p>{{end}}`
	if err := s.AddPages(fstest.MapFS{"echo.html": {Data: []byte(page)}}); err != nil {
		t.Fatal(err)
	}
	s.HandleFunc("GET /echo", func(w http.ResponseWriter, r *http.Request) {
		s.Render(w, r, http.StatusOK, "echo", `<script>alert("x")</script>`)
	})
	body := get(s, "/echo").Body.String()
	if strings.Contains(body, "<script>alert") {
		t.Errorf("data rendered as markup:\n%s", body)
	}
	if !strings.Contains(body, "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;") {
		t.Errorf("data not escaped as expected:\n%s", body)
	}
	checkHTML(t, body)
}

func TestAddPagesRejectsDuplicates(t *testing.T) {
	s, _ := newServer(t, Config{})
	if err := s.AddPages(fstest.MapFS{"home.html": {Data: []byte(`{{define "content"}}{{end}}`)}}); err == nil {
		t.Error("a second home page was accepted")
	}
}

// pages returns every page the shell renders, by name.
func pages(t *testing.T) map[string]string {
	t.Helper()
	s := serverWithFormPage(t, testData(submitted()))
	s.HandleFunc("GET /error/{status}", func(w http.ResponseWriter, r *http.Request) {
		status := map[string]int{"413": 413, "400": 400, "500": 500}[r.PathValue("status")]
		s.Error(w, r, status)
	})
	out := map[string]string{}
	for _, path := range []string{"/", "/no-such-page", "/form", "/error/413", "/error/400", "/error/500"} {
		w := get(s, path)
		if !strings.HasPrefix(w.Header().Get("Content-Type"), "text/html") {
			t.Fatalf("%s: %d %s", path, w.Code, w.Header().Get("Content-Type"))
		}
		out[path] = w.Body.String()
	}
	return out
}

func TestPagesAreWellFormed(t *testing.T) {
	for path, body := range pages(t) {
		t.Run(path, func(t *testing.T) {
			checkHTML(t, body)
			if n := strings.Count(body, "<h1"); n != 1 {
				t.Errorf("%d h1 elements, want 1", n)
			}
			if !strings.Contains(body, `<main class="govuk-main-wrapper" id="main-content">`) ||
				!strings.Contains(body, `href="#main-content"`) {
				t.Error("no skip link to the main content")
			}
			if !strings.Contains(body, "Waymark version 1.2.3") {
				t.Error("no version in the footer")
			}
		})
	}
}

// notStyled are classes in GOV.UK Frontend's own markup that have no styles of
// their own in the version vendored.
var notStyled = []string{
	"govuk-template__header", "govuk-template__footer", "govuk-generic-header__container",
	"govuk-radios", "govuk-checkboxes", "govuk-table__head", "govuk-table__body", "govuk-table__row",
}

// TestClassesExistInVendoredFrontend catches misspelt or retired GOV.UK and
// MOJ classes, and components that the vendored JavaScript does not know.
func TestClassesExistInVendoredFrontend(t *testing.T) {
	var css, js []byte
	for _, f := range []string{"govuk-frontend/govuk-frontend.min", "moj-frontend/moj-frontend.min"} {
		c, err := os.ReadFile("assets/vendor/" + f + ".css")
		if err != nil {
			t.Fatal(err)
		}
		j, err := os.ReadFile("assets/vendor/" + f + ".js")
		if err != nil {
			t.Fatal(err)
		}
		css, js = append(css, c...), append(js, j...)
	}
	classAttr := regexp.MustCompile(`class="([^"]*)"`)
	moduleAttr := regexp.MustCompile(`data-module="([^"]*)"`)
	for path, body := range pages(t) {
		for _, m := range classAttr.FindAllStringSubmatch(body, -1) {
			for _, class := range strings.Fields(m[1]) {
				if !strings.HasPrefix(class, "govuk-") && !strings.HasPrefix(class, "moj-") || slices.Contains(notStyled, class) {
					continue
				}
				selector := regexp.MustCompile(`\.` + regexp.QuoteMeta(strings.ReplaceAll(class, "!", `\!`)) + `[^a-zA-Z0-9_-]`)
				if !selector.Match(css) {
					t.Errorf("%s: class %s is not in the vendored CSS", path, class)
				}
			}
		}
		for _, m := range moduleAttr.FindAllStringSubmatch(body, -1) {
			if !bytes.Contains(js, []byte(`moduleName="`+m[1]+`"`)) {
				t.Errorf("%s: no JavaScript component %s", path, m[1])
			}
		}
	}
}

// checkHTML checks that elements nest and close properly and that ids are
// unique: the parts of HTML validity that templates can get wrong.
func checkHTML(t *testing.T, doc string) {
	t.Helper()
	if !strings.HasPrefix(doc, "<!DOCTYPE html>\n<html lang=\"en\"") {
		t.Errorf("document does not start with the doctype and html element: %.40q", doc)
	}
	void := []string{"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
	var open []string
	for _, m := range regexp.MustCompile(`<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*?(/?)>`).FindAllStringSubmatch(doc, -1) {
		closing, name, selfClosing := m[1] == "/", strings.ToLower(m[2]), m[3] == "/"
		switch {
		case slices.Contains(void, name) || selfClosing:
		case !closing:
			open = append(open, name)
		case len(open) == 0 || open[len(open)-1] != name:
			t.Fatalf("</%s> closes %v", name, open)
		default:
			open = open[:len(open)-1]
		}
	}
	if len(open) > 0 {
		t.Errorf("elements never closed: %v", open)
	}
	seen := map[string]bool{}
	for _, m := range regexp.MustCompile(` id="([^"]+)"`).FindAllStringSubmatch(doc, -1) {
		if seen[m[1]] {
			t.Errorf("duplicate id %q", m[1])
		}
		seen[m[1]] = true
	}
}

func TestHelpers(t *testing.T) {
	if got := longDate(civil.Of(2015, 10, 7)); got != "7 October 2015" {
		t.Errorf("longDate = %q", got)
	}
	if got := longDate(civil.Date{}); got != "" {
		t.Errorf("longDate(zero) = %q", got)
	}
	for n, want := range map[int]string{0: "0 children", 1: "1 child", 2: "2 children"} {
		if got := pluralise(n, "child", "children"); got != want {
			t.Errorf("pluralise(%d) = %q, want %q", n, got, want)
		}
	}
	if _, err := options("yes", "Yes", "no"); err == nil {
		t.Error("options accepted an odd number of strings")
	}
}

func TestFieldErrorsGet(t *testing.T) {
	var errs FieldErrors
	errs.Add("a", "first")
	errs.Add("a", "second")
	if got := errs.Get("a"); got != "first" {
		t.Errorf("Get = %q, want the first message", got)
	}
	if got := errs.Get("b"); got != "" {
		t.Errorf("Get(missing) = %q", got)
	}
}

func TestHomePage(t *testing.T) {
	s, _ := newServer(t, Config{})
	w := serve(s, httptest.NewRequest(http.MethodGet, "/", nil))
	body := w.Body.String()
	if w.Code != http.StatusOK {
		t.Fatalf("status %d", w.Code)
	}
	for _, want := range []string{`<a href="/sign-in" role="button"`, "govuk-generic-header", ">\n            Beta\n"} {
		if !strings.Contains(body, want) {
			t.Errorf("home page lacks %q", want)
		}
	}
	// The GOV.UK crown and logotype are for services on GOV.UK only.
	if strings.Contains(body, "govuk-header__logotype") || strings.Contains(body, "Crown copyright") {
		t.Error("home page uses GOV.UK branding")
	}
}
