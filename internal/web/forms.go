package web

import (
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// FieldError is one reason a submitted field is not valid. Field is the
// field's name: for a date input, the name of the input (dob) for a problem
// with the whole date, or of one part (dob-month) for a problem with that part.
type FieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// FieldErrors lists errors in the order the fields appear on the page, which
// is the order the GOV.UK error summary must show them in.
type FieldErrors []FieldError

// Add appends an error for a field.
func (e *FieldErrors) Add(field, message string) {
	*e = append(*e, FieldError{Field: field, Message: message})
}

// Get returns the first message for a field, or "".
func (e FieldErrors) Get(field string) string {
	for _, fe := range e {
		if fe.Field == field {
			return fe.Message
		}
	}
	return ""
}

// Form is a form as the user sent it, with what was wrong with it, so that a
// page can show the user's answers again beside the errors. The zero Form is
// an empty form with no errors.
type Form struct {
	Values url.Values
	Errors FieldErrors
}

// Field returns the field called name with its submitted value and error, for
// the textInput, textarea, select, radios and checkboxes partials.
func (f Form) Field(name, label string) Field {
	return Field{
		Name:   name,
		Label:  label,
		Value:  f.Values.Get(name),
		Values: f.Values[name],
		Error:  f.Errors.Get(name),
	}
}

// datePartNames are the date input's parts as GOV.UK names and sizes them.
var datePartNames = []struct {
	suffix, label string
	width         int
}{{"day", "Day", 2}, {"month", "Month", 2}, {"year", "Year", 4}}

// Date returns the date input called name for the dateInput partial. Its
// parts are posted as name-day, name-month and name-year. The field shows one
// error message, as GOV.UK asks: the error for the whole date, or else the
// first part's. An error for the whole date highlights every part.
func (f Form) Date(name, legend string) Field {
	whole := f.Errors.Get(name)
	field := Field{Name: name, Label: legend, Error: whole}
	for _, p := range datePartNames {
		part := name + "-" + p.suffix
		msg := f.Errors.Get(part)
		if field.Error == "" {
			field.Error = msg
		}
		field.Parts = append(field.Parts, DatePart{
			Name:  part,
			Label: p.label,
			Value: f.Values.Get(part),
			Width: p.width,
			Error: whole != "" || msg != "",
		})
	}
	return field
}

// Anchor returns the id of the input that the error summary links to for an
// error on field: the field's own input, or the day input of a submitted date.
func (f Form) Anchor(field string) string {
	if _, isDate := f.Values[field+"-day"]; isDate {
		return field + "-day"
	}
	return field
}

// Field is one question for the form partials. Name is both the control's
// name and its id, so the error summary can link to it. Templates set the
// other fields with the hint, class, inputType, autocomplete, withOptions and
// heading functions (see docs/web.md); Go code sets them directly.
type Field struct {
	Name         string
	Label        string // the label, or the legend of a fieldset
	Hint         string
	Error        string
	Value        string     // text, textarea, select and radios
	Values       []string   // every checked checkbox
	Options      []Option   // radios, checkboxes and select
	Parts        []DatePart // date input
	Heading      bool       // the label or legend is the page's h1
	Class        string     // extra classes for the control, such as govuk-input--width-10
	Type         string     // input type; "text" if empty
	Autocomplete string
}

// Option is one radio, checkbox or select option.
type Option struct {
	Value, Text string
	Hint        string // radios and checkboxes only
}

// DatePart is the day, month or year of a date input.
type DatePart struct {
	Name, Label, Value string
	Width              int
	Error              bool
}

// DescribedBy returns the ids of the hint and error message, for
// aria-describedby.
func (f Field) DescribedBy() string {
	var ids []string
	if f.Hint != "" {
		ids = append(ids, f.Name+"-hint")
	}
	if f.Error != "" {
		ids = append(ids, f.Name+"-error")
	}
	return strings.Join(ids, " ")
}

// ItemID returns the id of the i'th radio or checkbox: the first has the
// field's name, so the error summary's link reaches it; the rest are
// numbered from 2, as GOV.UK numbers them.
func (f Field) ItemID(i int) string {
	if i == 0 {
		return f.Name
	}
	return f.Name + "-" + strconv.Itoa(i+1)
}

// Checked reports whether value is the field's value, or among its values.
func (f Field) Checked(value string) bool {
	return value == f.Value || slices.Contains(f.Values, value)
}

// choiceGroup is a field rendered as radios or checkboxes, which share their
// markup apart from the class prefix and input type.
type choiceGroup struct {
	Field
	Kind string // radios or checkboxes
	Type string // radio or checkbox
}

// SummaryList is the rows of a GOV.UK summary list.
type SummaryList []SummaryRow

// SummaryRow is one row; ChangeHref, if set, adds a Change link.
type SummaryRow struct {
	Key, Value string
	ChangeHref string
}

// HasActions reports whether any row has a Change link: the rows without one
// then need a class that keeps the columns aligned.
func (l SummaryList) HasActions() bool {
	return slices.ContainsFunc(l, func(r SummaryRow) bool { return r.ChangeHref != "" })
}

// Table is a GOV.UK table. Each row has a cell for each column.
type Table struct {
	Caption           string
	Columns           []Column
	Rows              [][]Cell
	FirstCellIsHeader bool // the first cell of each row heads the row
}

// Column is a table column; numeric columns are right-aligned.
type Column struct {
	Header  string
	Numeric bool
}

// Cell is a table cell: text, or a link if Href is set.
type Cell struct {
	Text, Href string
}

// Tag is a GOV.UK tag, for a status. Colour is one of GOV.UK Frontend's tag
// colours (grey, green, teal, turquoise, purple, magenta, pink, red, orange,
// yellow), or "" for the default blue.
type Tag struct {
	Text, Colour string
}
