package storage

import (
	"context"
	"database/sql"
	"fmt"
	"reflect"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/waymark-care/waymark/internal/domain"
)

// childRecordFields maps each slice in domain.ChildRecord to its kind.
var childRecordFields = func() map[int]string {
	m := map[int]string{}
	t := reflect.TypeOf(domain.ChildRecord{})
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if f.Type.Kind() != reflect.Slice {
			continue
		}
		k := domain.KindOf(reflect.New(f.Type.Elem()).Interface().(domain.Record))
		m[i] = k.Name
	}
	return m
}()

// rowSource is a result set from either driver.
type rowSource interface {
	Next() bool
	Scan(...any) error
	Err() error
}

// childRecordReader fills a ChildRecord one kind at a time, from whichever
// driver's rows.
type childRecordReader struct {
	db *DB
	cr *domain.ChildRecord
	v  reflect.Value
}

func (db *DB) newChildRecordReader() *childRecordReader {
	cr := &domain.ChildRecord{}
	return &childRecordReader{db: db, cr: cr, v: reflect.ValueOf(cr).Elem()}
}

// person reads the person's own row; ok is false if there is none.
func (c *childRecordReader) person(rows rowSource) (ok bool, err error) {
	if !rows.Next() {
		return false, rows.Err()
	}
	return true, c.db.kinds["person"].scan(rows, &c.cr.Person)
}

// kind appends the rows of field i's kind.
func (c *childRecordReader) kind(i int, rows rowSource) error {
	ks := c.db.kinds[childRecordFields[i]]
	slice := c.v.Field(i)
	buf := ks.newScanBuf()
	for rows.Next() {
		slice.Set(reflect.Append(slice, reflect.Zero(slice.Type().Elem())))
		r := slice.Index(slice.Len() - 1).Addr().Interface().(domain.Record)
		if err := ks.scanWith(buf, rows, r); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read %s: %w", ks.kind.Table, err)
	}
	return nil
}

// ChildRecord reads everything recorded about one person, consistently: all
// of it as it stood at one moment.
func (db *DB) ChildRecord(ctx context.Context, personID int64) (*domain.ChildRecord, error) {
	if db.dialect == Postgres {
		return db.childRecordBatch(ctx, personID)
	}
	tx, err := db.sql.BeginTx(ctx, &sql.TxOptions{Isolation: db.snapshot()})
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	c := db.newChildRecordReader()
	read := func(q string, fill func(rowSource) error) error {
		s, err := db.reads.in(ctx, tx, q)
		if err != nil {
			return err
		}
		rows, err := s.QueryContext(ctx, personID)
		if err != nil {
			return err
		}
		defer rows.Close()
		return fill(rows)
	}
	found := false
	if err := read(db.kinds["person"].byID, func(rows rowSource) (err error) {
		found, err = c.person(rows)
		return err
	}); err != nil {
		return nil, fmt.Errorf("read person %d: %w", personID, err)
	}
	if !found {
		return nil, &NotFoundError{Kind: "person", ID: personID}
	}
	for i, kind := range childRecordFields {
		if err := read(db.kinds[kind].byPerson, func(rows rowSource) error { return c.kind(i, rows) }); err != nil {
			return nil, err
		}
	}
	return c.cr, nil
}

// childRecordBatch is ChildRecord for PostgreSQL: every kind's query sent
// in one pipelined batch, in one repeatable-read transaction. One round trip
// instead of one per kind is most of the child's page's time on a busy
// server, where each round trip waits for the database process to be
// scheduled.
func (db *DB) childRecordBatch(ctx context.Context, personID int64) (*domain.ChildRecord, error) {
	conn, err := db.sql.Conn(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	c := db.newChildRecordReader()
	fields := make([]int, 0, len(childRecordFields))
	b := &pgx.Batch{}
	b.Queue("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
	b.Queue(db.kinds["person"].byID, personID)
	for i, kind := range childRecordFields {
		fields = append(fields, i)
		b.Queue(db.kinds[kind].byPerson, personID)
	}
	b.Queue("COMMIT")
	found := false
	err = conn.Raw(func(driverConn any) error {
		results := driverConn.(*stdlib.Conn).Conn().SendBatch(ctx, b)
		defer results.Close()
		if _, err := results.Exec(); err != nil {
			return err
		}
		read := func(fill func(rowSource) error) error {
			rows, err := results.Query()
			if err != nil {
				return err
			}
			defer rows.Close()
			return fill(rows)
		}
		if err := read(func(rows rowSource) (err error) {
			found, err = c.person(rows)
			return err
		}); err != nil {
			return fmt.Errorf("read person %d: %w", personID, err)
		}
		for _, i := range fields {
			if err := read(func(rows rowSource) error { return c.kind(i, rows) }); err != nil {
				return err
			}
		}
		_, err := results.Exec()
		return err
	})
	if err != nil {
		return nil, err
	}
	if !found {
		return nil, &NotFoundError{Kind: "person", ID: personID}
	}
	return c.cr, nil
}
