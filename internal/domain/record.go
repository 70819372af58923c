// Package domain holds Waymark's records: the people a council's children's
// services work with, and every dated step of a child's journey, following the
// DfE Standard Safeguarding Dataset (shared/reference/data-model.md).
//
// Records are plain structs. Struct tags say how each field is stored and
// checked, so one piece of code stores, audits and validates every kind:
//
//	db:"column"        the column name; ",ref" marks a reference to another
//	                   record, where 0 means none
//	code:"list"        the value must come from that code list (package codes)
//	v:"required"       the field must be recorded
//
// Rules that involve more than one field live in a Check method.
//
// This package imports neither HTTP nor SQL.
package domain

import (
	"fmt"
	"reflect"
	"sort"
	"strings"
	"time"
)

// Entity is embedded in every record: its identity and the version that
// guards against silent overwrites.
type Entity struct {
	ID int64 `db:"id" json:"id"`
	// Version increases by one with every update; an update that names an
	// older version is refused.
	Version int `db:"version" json:"version"`
	// UpdatedAt and UpdatedBy say who last changed the record and when.
	UpdatedAt time.Time `db:"updated_at" json:"updated_at"`
	UpdatedBy string    `db:"updated_by" json:"updated_by"`
}

// Base returns the embedded Entity; it makes every record a Record.
func (e *Entity) Base() *Entity { return e }

// Record is any stored record.
type Record interface {
	Base() *Entity
}

// Kind describes one kind of record.
type Kind struct {
	// Name is the singular snake_case name used in the audit trail and the
	// API, e.g. "strategy_discussion".
	Name string
	// Table is the storage table.
	Table string
	// Title is what a social worker calls it.
	Title string
	// ChildLevel kinds carry the person they belong to in PersonID, so a
	// child's whole record is one look-up per kind.
	ChildLevel bool
	typ        reflect.Type
}

// New returns a new, empty record of this kind.
func (k *Kind) New() Record { return reflect.New(k.typ).Interface().(Record) }

// Type returns the record's struct type.
func (k *Kind) Type() reflect.Type { return k.typ }

var (
	kinds       []*Kind
	kindsByType = map[reflect.Type]*Kind{}
	kindsByName = map[string]*Kind{}
)

// register adds a kind; called from the files that define records, in the
// order tables must be created and loaded (referenced kinds first).
func register(r Record, name, table, title string) {
	t := reflect.TypeOf(r).Elem()
	_, childLevel := t.FieldByName("PersonID")
	k := &Kind{Name: name, Table: table, Title: title, ChildLevel: childLevel && name != "person", typ: t}
	if kindsByName[name] != nil {
		panic("domain: kind registered twice: " + name)
	}
	kinds = append(kinds, k)
	kindsByType[t] = k
	kindsByName[name] = k
}

// Kinds returns every kind, referenced kinds before those that refer to them.
func Kinds() []*Kind { return kinds }

// KindOf returns the kind of a record.
func KindOf(r Record) *Kind {
	k := kindsByType[reflect.TypeOf(r).Elem()]
	if k == nil {
		panic(fmt.Sprintf("domain: %T is not a registered record", r))
	}
	return k
}

// KindNamed returns the kind with the given name.
func KindNamed(name string) (*Kind, bool) {
	k, ok := kindsByName[name]
	return k, ok
}

// KindNames returns the names of every kind, sorted.
func KindNames() []string {
	names := make([]string, 0, len(kinds))
	for _, k := range kinds {
		names = append(names, k.Name)
	}
	sort.Strings(names)
	return names
}

// Tag returns the column name and options of a struct field's db tag.
func Tag(f reflect.StructField) (column string, ref bool) {
	tag := f.Tag.Get("db")
	column, opts, _ := strings.Cut(tag, ",")
	return column, opts == "ref"
}
