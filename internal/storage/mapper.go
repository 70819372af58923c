package storage

import (
	"fmt"
	"reflect"
	"strings"
	"sync"
	"time"

	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/domain"
)

// column maps one struct field to one column.
type column struct {
	name  string
	json  string
	index []int
	ref   bool // a reference to another record: 0 is stored as NULL
}

// kindSQL is everything storage needs to read and write one kind, worked
// out once when the database is opened.
type kindSQL struct {
	kind *domain.Kind
	// cols are every column, "id" first.
	cols []column
	// sel selects every column; append a WHERE clause.
	sel    string
	byID   string
	insert string
	update string
	delete string
	// byPerson selects a child's records of this kind, oldest first.
	byPerson string
	// order is the kind's place in domain.Kinds, after the kinds it refers to.
	order int
	// inserts are INSERTs of several rows, id included, by row count: a
	// bulk load assigns ids itself.
	inserts sync.Map
}

// insertRows is an INSERT of n rows, every column.
func (ks *kindSQL) insertRows(d Dialect, n int) string {
	if q, ok := ks.inserts.Load(n); ok {
		return q.(string)
	}
	names := make([]string, len(ks.cols))
	for i, c := range ks.cols {
		names[i] = c.name
	}
	row := "(" + placeholders(len(names)) + ")"
	q := rebind(d, "INSERT INTO "+ks.kind.Table+" ("+strings.Join(names, ", ")+") VALUES "+
		strings.TrimSuffix(strings.Repeat(row+", ", n), ", "))
	ks.inserts.Store(n, q)
	return q
}

var (
	typeDate    = reflect.TypeOf(civil.Date{})
	typeTime    = reflect.TypeOf(time.Time{})
	typeStrings = reflect.TypeOf([]string(nil))
)

func buildKindSQL(d Dialect) map[string]*kindSQL {
	m := make(map[string]*kindSQL)
	for _, k := range domain.Kinds() {
		ks := &kindSQL{kind: k, order: len(m)}
		for _, f := range reflect.VisibleFields(k.Type()) {
			if f.Anonymous {
				continue
			}
			name, ref := domain.Tag(f)
			if name == "" {
				continue
			}
			jsonName, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			ks.cols = append(ks.cols, column{name: name, json: jsonName, index: f.Index, ref: ref})
		}
		names := make([]string, len(ks.cols))
		for i, c := range ks.cols {
			names[i] = c.name
		}
		// Every column but id is written; the database assigns id.
		w := names[1:]
		ks.sel = "SELECT " + strings.Join(names, ", ") + " FROM " + k.Table
		ks.byID = rebind(d, ks.sel+" WHERE id = ?")
		ks.insert = rebind(d, fmt.Sprintf("INSERT INTO %s (%s) VALUES (%s) RETURNING id",
			k.Table, strings.Join(w, ", "), placeholders(len(w))))
		sets := make([]string, len(w))
		for i, n := range w {
			sets[i] = n + " = ?"
		}
		ks.update = rebind(d, fmt.Sprintf("UPDATE %s SET %s WHERE id = ? AND version = ?", k.Table, strings.Join(sets, ", ")))
		ks.delete = rebind(d, fmt.Sprintf("DELETE FROM %s WHERE id = ? AND version = ?", k.Table))
		if k.ChildLevel {
			ks.byPerson = rebind(d, ks.sel+" WHERE person_id = ? ORDER BY id")
		}
		// A MARAC case is the adult victim's; a child's record reads the
		// cases the child is linked to (FD-11).
		if k.Name == "marac_case" {
			ks.byPerson = rebind(d, ks.sel+" WHERE id IN (SELECT marac_case_id FROM marac_children WHERE person_id = ?) ORDER BY id")
		}
		m[k.Name] = ks
	}
	return m
}

// jsonName is the field name users see for a column.
func (ks *kindSQL) jsonName(col string) string {
	for _, c := range ks.cols {
		if c.name == col {
			return c.json
		}
	}
	return col
}

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

func (db *DB) kindSQL(r domain.Record) *kindSQL { return db.kinds[domain.KindOf(r).Name] }

// args returns the values of every column but id, in column order. It
// first makes the record in hand what reading it back would give — times in
// UTC to the microsecond, no empty lists — so that its JSON in the audit
// trail is the JSON of the record stored.
func (ks *kindSQL) args(r domain.Record) []any {
	v := reflect.ValueOf(r).Elem()
	args := make([]any, 0, len(ks.cols)-1)
	for _, c := range ks.cols[1:] {
		f := v.FieldByIndex(c.index)
		switch f.Type() {
		case typeTime:
			if t := f.Interface().(time.Time); !t.IsZero() {
				f.Set(reflect.ValueOf(t.UTC().Truncate(time.Microsecond)))
			}
		case typeStrings:
			if f.Len() == 0 && !f.IsNil() {
				f.SetZero()
			}
		}
		args = append(args, toColumn(f, c.ref))
	}
	return args
}

// toColumn converts a field's value to what both drivers store: unset
// dates, times, references and optional values become NULL.
func toColumn(f reflect.Value, ref bool) any {
	switch f.Type() {
	case typeDate:
		d := f.Interface().(civil.Date)
		if d.IsZero() {
			return nil
		}
		return d.String()
	case typeTime:
		t := f.Interface().(time.Time)
		if t.IsZero() {
			return nil
		}
		return timeText(t)
	case typeStrings:
		return strings.Join(f.Interface().([]string), " ")
	}
	switch f.Kind() {
	case reflect.Pointer:
		if f.IsNil() {
			return nil
		}
		return f.Elem().Interface()
	case reflect.Int64:
		if ref && f.Int() == 0 {
			return nil
		}
		return f.Int()
	case reflect.Int:
		return f.Int()
	}
	return f.Interface()
}

// scanBuf holds a row's raw values; reading many rows reuses one.
type scanBuf struct{ raw, ptrs []any }

func (ks *kindSQL) newScanBuf() *scanBuf {
	b := &scanBuf{raw: make([]any, len(ks.cols)), ptrs: make([]any, len(ks.cols))}
	for i := range b.raw {
		b.ptrs[i] = &b.raw[i]
	}
	return b
}

// scan reads one row into r.
func (ks *kindSQL) scan(sc interface{ Scan(...any) error }, r domain.Record) error {
	return ks.scanWith(ks.newScanBuf(), sc, r)
}

func (ks *kindSQL) scanWith(b *scanBuf, sc interface{ Scan(...any) error }, r domain.Record) error {
	raw := b.raw
	if err := sc.Scan(b.ptrs...); err != nil {
		return err
	}
	v := reflect.ValueOf(r).Elem()
	for i, c := range ks.cols {
		if err := fromColumn(v.FieldByIndex(c.index), raw[i]); err != nil {
			return fmt.Errorf("%s.%s: %w", ks.kind.Table, c.name, err)
		}
	}
	return nil
}

// fromColumn sets a field from a value as either driver returns it.
func fromColumn(f reflect.Value, src any) error {
	if src == nil {
		f.SetZero()
		return nil
	}
	if b, ok := src.([]byte); ok {
		src = string(b)
	}
	switch f.Type() {
	case typeDate:
		d, err := dateFrom(src)
		if err != nil {
			return err
		}
		f.Set(reflect.ValueOf(d))
		return nil
	case typeTime:
		t, err := timeFrom(src)
		if err != nil {
			return err
		}
		f.Set(reflect.ValueOf(t))
		return nil
	case typeStrings:
		s, _ := src.(string)
		if s == "" {
			f.SetZero()
		} else {
			f.Set(reflect.ValueOf(strings.Fields(s)))
		}
		return nil
	}
	if f.Kind() == reflect.Pointer {
		p := reflect.New(f.Type().Elem())
		if err := fromColumn(p.Elem(), src); err != nil {
			return err
		}
		f.Set(p)
		return nil
	}
	switch f.Kind() {
	case reflect.String:
		s, ok := src.(string)
		if !ok {
			return fmt.Errorf("want text, got %T", src)
		}
		f.SetString(s)
	case reflect.Int, reflect.Int64:
		switch n := src.(type) {
		case int64:
			f.SetInt(n)
		case int32: // pgx's own rows give INTEGER columns as int32
			f.SetInt(int64(n))
		default:
			return fmt.Errorf("want an integer, got %T", src)
		}
	case reflect.Float64:
		switch n := src.(type) {
		case float64:
			f.SetFloat(n)
		case int64:
			f.SetFloat(float64(n))
		default:
			return fmt.Errorf("want a number, got %T", src)
		}
	case reflect.Bool:
		switch b := src.(type) {
		case bool:
			f.SetBool(b)
		case int64:
			f.SetBool(b != 0)
		default:
			return fmt.Errorf("want true or false, got %T", src)
		}
	default:
		return fmt.Errorf("cannot store a %s", f.Type())
	}
	return nil
}

func dateFrom(src any) (civil.Date, error) {
	switch v := src.(type) {
	case time.Time:
		return civil.OfTime(v), nil
	case string:
		if len(v) > 10 {
			v = v[:10]
		}
		return civil.Parse(v)
	}
	return civil.Date{}, fmt.Errorf("want a date, got %T", src)
}

// timeLayout is how times are written: UTC to the microsecond (as
// PostgreSQL keeps them), fixed-width so that text sorts in time order.
const timeLayout = "2006-01-02T15:04:05.000000Z"

// timeText is a time as stored. PostgreSQL reads the same text.
func timeText(t time.Time) string { return t.UTC().Format(timeLayout) }

func timeFrom(src any) (time.Time, error) {
	switch v := src.(type) {
	case time.Time:
		return v.UTC(), nil
	case string:
		return parseTimeText(v)
	}
	return time.Time{}, fmt.Errorf("want a time, got %T", src)
}

// parseTimeText reads timeLayout by hand: every record carries a time, and
// time.Parse is a large share of reading a child's record.
func parseTimeText(s string) (time.Time, error) {
	t, ok := timeTextFields(s)
	if !ok {
		return time.Time{}, fmt.Errorf("%q is not a time", s)
	}
	return t, nil
}

func timeTextFields(s string) (time.Time, bool) {
	if len(s) != len(timeLayout) || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != '.' || s[26] != 'Z' {
		return time.Time{}, false
	}
	d, err := civil.Parse(s[:10])
	if err != nil {
		return time.Time{}, false
	}
	var n [4]int
	for i, span := range [4][2]int{{11, 13}, {14, 16}, {17, 19}, {20, 26}} {
		v := 0
		for _, c := range []byte(s[span[0]:span[1]]) {
			if c < '0' || c > '9' {
				return time.Time{}, false
			}
			v = v*10 + int(c-'0')
		}
		n[i] = v
	}
	if n[0] > 23 || n[1] > 59 || n[2] > 59 {
		return time.Time{}, false
	}
	y, m, day := d.Date()
	return time.Date(y, m, day, n[0], n[1], n[2], n[3]*1000, time.UTC), true
}
