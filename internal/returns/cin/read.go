package cin

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
	"sync"
)

// Problem is something in a census file the reader could not take as it
// stands: an element the census does not have, one out of order or repeated,
// stray text, or a value that is not a date, flag or count. Path names the
// element, e.g. /Message/Children/Child[12]/CINdetails[2]/Assessments[1]/AssessmentActualStartDate
// (repeated elements are numbered from 1).
type Problem struct {
	Path    string `json:"path"`
	Message string `json:"message"`
}

func (p Problem) String() string { return p.Path + ": " + p.Message }

// maxDepth bounds nesting; the census is six levels deep.
const maxDepth = 16

// Read reads a census file. It returns an error only when the file is not
// a census at all (not well-formed XML, or its root is not Message); every
// other fault is a Problem, and the rest of the file is still read.
func Read(r io.Reader) (*Message, []Problem, error) {
	d := &decoder{dec: xml.NewDecoder(r)}
	d.dec.Strict = true
	// Files declare UTF-8, and sometimes ISO-8859-1 or windows-1252; the
	// census is ASCII, so read such bytes as they stand.
	d.dec.CharsetReader = func(label string, in io.Reader) (io.Reader, error) { return in, nil }
	m := &Message{}
	for {
		tok, err := d.dec.Token()
		if err != nil {
			return nil, nil, d.fail(err, "the file has no <Message> element")
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Local != "Message" {
				return nil, nil, fmt.Errorf("line %d: the root element is <%s>, not <Message>: this is not a CIN census file", d.line(), t.Name.Local)
			}
			if err := d.element(reflect.ValueOf(m).Elem(), "/Message", 1); err != nil {
				return nil, nil, err
			}
			if err := d.rest(); err != nil {
				return nil, nil, err
			}
			return m, d.problems, nil
		case xml.CharData:
			if len(bytes.TrimSpace(t)) > 0 {
				return nil, nil, fmt.Errorf("line %d: text before the <Message> element: this is not a CIN census file", d.line())
			}
		}
	}
}

type decoder struct {
	dec      *xml.Decoder
	problems []Problem
}

func (d *decoder) line() int { l, _ := d.dec.InputPos(); return l }

func (d *decoder) problem(path, format string, args ...any) {
	d.problems = append(d.problems, Problem{path, fmt.Sprintf(format, args...)})
}

// fail turns a decoding error into a clear one.
func (d *decoder) fail(err error, atEOF string) error {
	var syn *xml.SyntaxError
	switch {
	case errors.Is(err, io.EOF):
		return errors.New(atEOF)
	case errors.As(err, &syn):
		return fmt.Errorf("line %d: the file is not well-formed XML: %s", syn.Line, syn.Msg)
	}
	return fmt.Errorf("line %d: %w", d.line(), err)
}

// rest checks nothing but comments and space follow the root element.
func (d *decoder) rest() error {
	for {
		tok, err := d.dec.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return d.fail(err, "")
		}
		switch t := tok.(type) {
		case xml.StartElement:
			return fmt.Errorf("line %d: <%s> after the end of <Message>", d.line(), t.Name.Local)
		case xml.CharData:
			if len(bytes.TrimSpace(t)) > 0 {
				return fmt.Errorf("line %d: text after the end of <Message>", d.line())
			}
		}
	}
}

// element reads the content of the element just started into v, a struct.
func (d *decoder) element(v reflect.Value, path string, depth int) error {
	info := structInfo(v.Type())
	seen := make([]int, len(info.fields))
	last := -1
	for {
		tok, err := d.dec.Token()
		if err != nil {
			return d.fail(err, "the file ends inside "+path)
		}
		switch t := tok.(type) {
		case xml.EndElement:
			return nil
		case xml.CharData:
			if s := strings.TrimSpace(string(t)); s != "" {
				d.problem(path, "unexpected text %q between elements", clip(s))
			}
		case xml.StartElement:
			name := t.Name.Local
			i, ok := info.byName[name]
			if !ok {
				d.problem(path+"/"+name, "<%s> is not part of <%s> in the CIN census", name, lastName(path))
				if err := d.skip(); err != nil {
					return err
				}
				continue
			}
			f := info.fields[i]
			seen[i]++
			elemPath := path + "/" + name
			if f.repeated {
				elemPath += "[" + strconv.Itoa(seen[i]) + "]"
			} else if seen[i] > 1 {
				d.problem(elemPath, "<%s> is given more than once; only the first is read", name)
				if err := d.skip(); err != nil {
					return err
				}
				continue
			}
			if i < last {
				d.problem(elemPath, "<%s> is out of order: it must come before <%s>", name, info.fields[last].name)
			}
			last = max(last, i)
			if depth >= maxDepth {
				return fmt.Errorf("line %d: %s is nested too deeply", d.line(), elemPath)
			}
			if err := d.field(v.Field(f.index), f, elemPath, depth+1); err != nil {
				return err
			}
		}
	}
}

// field reads one element into the struct field fv.
func (d *decoder) field(fv reflect.Value, f fieldInfo, path string, depth int) error {
	target := fv
	if f.repeated {
		fv.Set(reflect.Append(fv, reflect.Zero(fv.Type().Elem())))
		target = fv.Index(fv.Len() - 1)
	} else if fv.Kind() == reflect.Pointer {
		fv.Set(reflect.New(fv.Type().Elem()))
		target = fv.Elem()
	}
	if target.Kind() == reflect.Struct && target.Type() != dateType && target.Type() != flagType && target.Type() != countType {
		return d.element(target, path, depth)
	}
	text, err := d.text(path)
	if err != nil {
		return err
	}
	switch target.Type() {
	case dateType:
		v, ok := parseDate(text)
		if !ok && text != "" {
			d.problem(path, "%q is not a date in the form YYYY-MM-DD", clip(text))
		}
		target.Set(reflect.ValueOf(v))
	case flagType:
		v, ok := parseFlag(text)
		if !ok && text != "" {
			d.problem(path, "%q is not true, false, 1 or 0", clip(text))
		}
		target.Set(reflect.ValueOf(v))
	case countType:
		v, ok := parseCount(text)
		if !ok && text != "" {
			d.problem(path, "%q is not a whole number of 0 or more", clip(text))
		}
		target.Set(reflect.ValueOf(v))
	default:
		target.SetString(text)
	}
	return nil
}

// text reads a simple element's text, trimmed, up to its end.
func (d *decoder) text(path string) (string, error) {
	var b strings.Builder
	for {
		tok, err := d.dec.Token()
		if err != nil {
			return "", d.fail(err, "the file ends inside "+path)
		}
		switch t := tok.(type) {
		case xml.CharData:
			b.Write(t)
		case xml.StartElement:
			d.problem(path+"/"+t.Name.Local, "<%s> holds a value, not elements", lastName(path))
			if err := d.skip(); err != nil {
				return "", err
			}
		case xml.EndElement:
			return strings.TrimSpace(b.String()), nil
		}
	}
}

// skip passes over the rest of the element just started.
func (d *decoder) skip() error {
	if err := d.dec.Skip(); err != nil {
		return d.fail(err, "the file ends inside an element")
	}
	return nil
}

func lastName(path string) string {
	s := path[strings.LastIndexByte(path, '/')+1:]
	if i := strings.IndexByte(s, '['); i >= 0 {
		s = s[:i]
	}
	return s
}

// clip shortens a value quoted in a message.
func clip(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}

var (
	dateType  = reflect.TypeOf(Date{})
	flagType  = reflect.TypeOf(Flag{})
	countType = reflect.TypeOf(Count{})
)

// fieldInfo is one element a struct may hold, in the order of the schema.
type fieldInfo struct {
	name     string
	index    int
	repeated bool
}

type typeInfo struct {
	fields []fieldInfo
	byName map[string]int
}

var typeInfos sync.Map // reflect.Type → *typeInfo

// structInfo reads a census struct's element names and order from its xml
// tags, once per type: the struct definitions are the schema.
func structInfo(t reflect.Type) *typeInfo {
	if ti, ok := typeInfos.Load(t); ok {
		return ti.(*typeInfo)
	}
	ti := &typeInfo{byName: map[string]int{}}
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		name, _, _ := strings.Cut(sf.Tag.Get("xml"), ",")
		if name == "" || name == "-" || sf.Type == reflect.TypeOf(xml.Name{}) {
			continue
		}
		ti.byName[name] = len(ti.fields)
		ti.fields = append(ti.fields, fieldInfo{name: name, index: i, repeated: sf.Type.Kind() == reflect.Slice})
	}
	typeInfos.Store(t, ti)
	return ti
}
