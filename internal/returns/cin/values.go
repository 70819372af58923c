package cin

import (
	"encoding/xml"
	"strconv"
	"strings"

	"github.com/waymark-care/waymark/internal/civil"
)

// A census from another system may hold anything in a date, flag or count
// element, and the validator must still say what is wrong with it. So each
// keeps the text as written and, when the text is well-formed, its value.
// An element that is absent has empty Text.

// Date is a date element (YYYY-MM-DD).
type Date struct {
	Text  string
	Value civil.Date // zero when absent or not a date
}

// DateOf is the element for a recorded date; a zero date is no element.
func DateOf(d civil.Date) Date {
	if d.IsZero() {
		return Date{}
	}
	return Date{Text: d.String(), Value: d}
}

func parseDate(s string) (Date, bool) {
	d, err := civil.Parse(s)
	return Date{Text: s, Value: d}, err == nil
}

// Present reports whether the element was given at all.
func (d Date) Present() bool { return d.Text != "" }

// Valid reports whether the element holds a date.
func (d Date) Valid() bool { return !d.Value.IsZero() }

func (d Date) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	return marshalText(e, start, d.Text)
}

// Flag is a boolean element. The census accepts true, false, 1 and 0 in any
// case (returns.md §1.1).
type Flag struct {
	Text  string
	Value bool
	OK    bool // Text is one of the accepted spellings
}

// FlagOf is the element for a recorded answer, written true or false.
func FlagOf(b bool) Flag { return Flag{Text: strconv.FormatBool(b), Value: b, OK: true} }

// digitFlag is a flag written 1 or 0, as the 2026-27 pre-proceedings sample
// writes its flags.
func digitFlag(b bool) Flag {
	f := FlagOf(b)
	f.Text = map[bool]string{true: "1", false: "0"}[b]
	return f
}

func parseFlag(s string) (Flag, bool) {
	switch strings.ToLower(s) {
	case "true", "1":
		return Flag{Text: s, Value: true, OK: true}, true
	case "false", "0":
		return Flag{Text: s, OK: true}, true
	}
	return Flag{Text: s}, false
}

// Present reports whether the element was given at all.
func (f Flag) Present() bool { return f.Text != "" }

// True reports a valid true; False a valid false.
func (f Flag) True() bool  { return f.OK && f.Value }
func (f Flag) False() bool { return f.OK && !f.Value }

func (f Flag) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	return marshalText(e, start, f.Text)
}

// Count is a non-negative whole number element.
type Count struct {
	Text  string
	Value int
	OK    bool
}

// CountOf is the element for a recorded count.
func CountOf(n int) Count { return Count{Text: strconv.Itoa(n), Value: n, OK: n >= 0} }

func parseCount(s string) (Count, bool) {
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return Count{Text: s}, false
	}
	return Count{Text: s, Value: n, OK: true}, true
}

// Present reports whether the element was given at all.
func (c Count) Present() bool { return c.Text != "" }

func (c Count) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	return marshalText(e, start, c.Text)
}

// marshalText writes <name>text</name>, or nothing for an absent element.
func marshalText(e *xml.Encoder, start xml.StartElement, text string) error {
	if text == "" {
		return nil
	}
	return e.EncodeElement(text, start)
}
