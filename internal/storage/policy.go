package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/waymark-care/waymark/internal/audit"
	"github.com/waymark-care/waymark/internal/calendar"
	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/domain"
)

// This file keeps an authority's local standards and its extra bank
// holidays: the settings the timescales engine reads beside the records.
// Storage keeps them as given; package timescales and package calendar
// check them before they are saved.

// LocalPolicy is the authority's local standards as saved.
type LocalPolicy struct {
	// Version is 0 until the policy is first saved: the defaults apply.
	Version int
	// Document is the JSON timescales.LoadPolicy reads; nil before the
	// first save.
	Document  json.RawMessage
	UpdatedAt time.Time
	UpdatedBy string
}

// LocalPolicy reads the authority's local standards.
func (db *DB) LocalPolicy(ctx context.Context) (*LocalPolicy, error) {
	return readPolicy(db.sql.QueryRowContext(ctx, "SELECT version, document, updated_at, updated_by FROM local_policy WHERE id = 1"))
}

func readPolicy(row *sql.Row) (*LocalPolicy, error) {
	p := &LocalPolicy{}
	var doc string
	var at any
	err := row.Scan(&p.Version, &doc, &at, &p.UpdatedBy)
	if errors.Is(err, sql.ErrNoRows) {
		return p, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read local policy: %w", err)
	}
	if p.UpdatedAt, err = timeFrom(at); err != nil {
		return nil, fmt.Errorf("read local policy: %w", err)
	}
	p.Document = json.RawMessage(doc)
	return p, nil
}

// SaveLocalPolicy replaces the local standards with doc, if version is the
// version saved (0 the first time); otherwise it returns a *ConflictError
// and changes nothing. The change is audited as kind "local_policy".
func (db *DB) SaveLocalPolicy(ctx context.Context, ch Change, doc json.RawMessage, version int) (*LocalPolicy, error) {
	var saved *LocalPolicy
	err := db.Write(ctx, ch, func(tx *Tx) error {
		current, err := readPolicy(tx.queryRow("SELECT version, document, updated_at, updated_by FROM local_policy WHERE id = 1"))
		if err != nil {
			return err
		}
		if current.Version != version {
			return &ConflictError{Kind: "local_policy", ID: 1, Version: version, Current: current.Version,
				UpdatedBy: current.UpdatedBy, UpdatedAt: current.UpdatedAt}
		}
		saved = &LocalPolicy{Version: version + 1, Document: doc, UpdatedAt: tx.change.At, UpdatedBy: tx.change.Actor}
		q, action := "UPDATE local_policy SET version = ?, document = ?, updated_at = ?, updated_by = ? WHERE id = 1", audit.Update
		if version == 0 {
			q, action = "INSERT INTO local_policy (version, document, updated_at, updated_by, id) VALUES (?, ?, ?, ?, 1)", audit.Create
		}
		if _, err := tx.exec(rebind(db.dialect, q), saved.Version, string(doc), timeText(saved.UpdatedAt), saved.UpdatedBy); err != nil {
			return fmt.Errorf("save local policy: %w", err)
		}
		return tx.appendAudit(audit.Entry{Action: action, Kind: "local_policy", RecordID: 1, Before: current.Document, After: doc})
	})
	return saved, err
}

// ExtraHolidays reads the days the authority has added or withdrawn, in
// date order.
func (db *DB) ExtraHolidays(ctx context.Context) ([]calendar.Holiday, error) {
	rows, err := db.sql.QueryContext(ctx, "SELECT holiday_date, name, kind FROM extra_holidays ORDER BY holiday_date")
	if err != nil {
		return nil, fmt.Errorf("read extra holidays: %w", err)
	}
	defer rows.Close()
	var out []calendar.Holiday
	for rows.Next() {
		var h calendar.Holiday
		var date any
		var kind string
		if err := rows.Scan(&date, &h.Name, &kind); err != nil {
			return nil, fmt.Errorf("read extra holidays: %w", err)
		}
		if h.Date, err = dateFrom(date); err != nil {
			return nil, fmt.Errorf("read extra holidays: %w", err)
		}
		h.Kind = calendar.Kind(kind)
		out = append(out, h)
	}
	return out, rows.Err()
}

// AddExtraHoliday stores a day the authority adds or withdraws. A second
// entry for the same day is a *domain.ValidationError on "date".
func (db *DB) AddExtraHoliday(ctx context.Context, ch Change, h calendar.Holiday) error {
	return db.Write(ctx, ch, func(tx *Tx) error {
		var n int
		if err := tx.queryRow(rebind(db.dialect, "SELECT COUNT(*) FROM extra_holidays WHERE holiday_date = ?"), h.Date.String()).Scan(&n); err != nil {
			return fmt.Errorf("add extra holiday: %w", err)
		}
		if n > 0 {
			return &domain.ValidationError{Kind: "extra_holiday", Errors: []domain.FieldError{{Field: "date", Message: "this day is already on the list: remove it first to change it"}}}
		}
		var id int64
		err := tx.queryRow(rebind(db.dialect, "INSERT INTO extra_holidays (holiday_date, name, kind, updated_at, updated_by) VALUES (?, ?, ?, ?, ?) RETURNING id"),
			h.Date.String(), h.Name, string(h.Kind), timeText(tx.change.At), tx.change.Actor).Scan(&id)
		if err != nil {
			return fmt.Errorf("add extra holiday: %w", err)
		}
		return tx.appendAudit(audit.Entry{Action: audit.Create, Kind: "extra_holiday", RecordID: id, After: holidayJSON(h)})
	})
}

// RemoveExtraHoliday removes the entry for a day; a *NotFoundError if there
// is none.
func (db *DB) RemoveExtraHoliday(ctx context.Context, ch Change, date civil.Date) error {
	return db.Write(ctx, ch, func(tx *Tx) error {
		var id int64
		var h calendar.Holiday
		var kind string
		err := tx.queryRow(rebind(db.dialect, "SELECT id, name, kind FROM extra_holidays WHERE holiday_date = ?"), date.String()).Scan(&id, &h.Name, &kind)
		if errors.Is(err, sql.ErrNoRows) {
			return &NotFoundError{Kind: "extra_holiday"}
		}
		if err != nil {
			return fmt.Errorf("remove extra holiday: %w", err)
		}
		h.Date, h.Kind = date, calendar.Kind(kind)
		if _, err := tx.exec(rebind(db.dialect, "DELETE FROM extra_holidays WHERE id = ?"), id); err != nil {
			return fmt.Errorf("remove extra holiday: %w", err)
		}
		return tx.appendAudit(audit.Entry{Action: audit.Delete, Kind: "extra_holiday", RecordID: id, Before: holidayJSON(h)})
	})
}

func holidayJSON(h calendar.Holiday) json.RawMessage {
	b, _ := json.Marshal(map[string]string{"date": h.Date.String(), "name": h.Name, "kind": string(h.Kind)})
	return b
}
