package domain

import (
	"fmt"
	"reflect"
	"strings"
	"time"

	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/codes"
)

// FieldError says what is wrong with one field, in words a user can act on.
type FieldError struct {
	// Field is the field's JSON name, e.g. "referral_date".
	Field   string `json:"field"`
	Message string `json:"message"`
}

// ValidationError lists every problem found with a record.
type ValidationError struct {
	Kind   string       `json:"kind"`
	Errors []FieldError `json:"errors"`
}

func (e *ValidationError) Error() string {
	parts := make([]string, len(e.Errors))
	for i, fe := range e.Errors {
		parts[i] = fe.Field + ": " + fe.Message
	}
	return fmt.Sprintf("invalid %s: %s", e.Kind, strings.Join(parts, "; "))
}

// Checker is implemented by records with rules that involve several fields.
type Checker interface {
	Check() []FieldError
}

// Validate checks a record's required fields, its codes and its own rules,
// returning a *ValidationError listing every problem, or nil.
func Validate(r Record) error {
	k := KindOf(r)
	v := reflect.ValueOf(r).Elem()
	var errs []FieldError
	for _, f := range fieldsOf(k.typ) {
		fv := v.FieldByIndex(f.index)
		if f.required && fv.IsZero() {
			errs = append(errs, FieldError{f.json, "enter the " + f.label})
			continue
		}
		if f.codeList != "" {
			errs = append(errs, checkCodes(f, fv)...)
		}
	}
	if c, ok := r.(Checker); ok {
		errs = append(errs, c.Check()...)
	}
	if len(errs) == 0 {
		return nil
	}
	return &ValidationError{Kind: k.Name, Errors: errs}
}

func checkCodes(f field, fv reflect.Value) []FieldError {
	list, ok := codes.Lookup(f.codeList)
	if !ok {
		panic("domain: unknown code list " + f.codeList)
	}
	var values []string
	switch fv.Kind() {
	case reflect.String:
		values = []string{fv.String()}
	case reflect.Slice:
		values = fv.Interface().([]string)
	}
	var errs []FieldError
	for _, s := range values {
		if s != "" && !list.Valid(s) {
			errs = append(errs, FieldError{f.json, fmt.Sprintf("%q is not a recognised code for %s", s, f.label)})
		}
	}
	return errs
}

// field is what validation needs to know of one struct field.
type field struct {
	index    []int
	json     string
	label    string
	required bool
	codeList string
}

var fieldCache = map[reflect.Type][]field{}

// fieldsOf is computed for every kind at start-up (see init), so the cache is
// read-only afterwards and safe for concurrent use.
func fieldsOf(t reflect.Type) []field {
	if fs, ok := fieldCache[t]; ok {
		return fs
	}
	var fs []field
	for _, sf := range reflect.VisibleFields(t) {
		if sf.Anonymous || !sf.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
		if name == "" || name == "-" {
			continue
		}
		fs = append(fs, field{
			index:    sf.Index,
			json:     name,
			label:    strings.ReplaceAll(name, "_", " "),
			required: sf.Tag.Get("v") == "required",
			codeList: sf.Tag.Get("code"),
		})
	}
	fieldCache[t] = fs
	return fs
}

func init() {
	for _, k := range kinds {
		for _, f := range fieldsOf(k.typ) {
			if f.codeList != "" {
				if _, ok := codes.Lookup(f.codeList); !ok {
					panic(fmt.Sprintf("domain: %s.%s names unknown code list %q", k.Name, f.json, f.codeList))
				}
			}
		}
	}
}

// Small helpers for Check methods.

// notBefore reports an error when end is recorded and earlier than start,
// in a whole sentence naming both, as GOV.UK error messages are: "The end
// date must be the same as or after the start date".
func notBefore(endField, endLabel string, end, start civil.Date, startLabel string) []FieldError {
	if !end.IsZero() && !start.IsZero() && end.Before(start) {
		return []FieldError{{endField, "The " + endLabel + " must be the same as or after the " + startLabel}}
	}
	return nil
}

// notBeforeTime is notBefore for date-times.
func notBeforeTime(endField, endLabel string, end, start time.Time, startLabel string) []FieldError {
	if !end.IsZero() && !start.IsZero() && end.Before(start) {
		return []FieldError{{endField, "The " + endLabel + " must be after the " + startLabel}}
	}
	return nil
}

// requiredWhen reports field as missing when cond holds and value is empty.
func requiredWhen(cond bool, fieldName string, value any, message string) []FieldError {
	if cond && reflect.ValueOf(value).IsZero() {
		return []FieldError{{fieldName, message}}
	}
	return nil
}
