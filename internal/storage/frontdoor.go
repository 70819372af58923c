package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/domain"
)

// ContactsReceived reads the contacts received from one instant up to, not
// including, another, in the order they came in: the front door's reports
// (FD-03's threshold profile) are built from them.
func (db *DB) ContactsReceived(ctx context.Context, from, to time.Time) ([]domain.Contact, error) {
	return readBetween[domain.Contact](ctx, db, "contact_at", from, to)
}

// FrontDoorLoad reads what the front door's management load report (FD-05)
// is made of, for the days from one to another: the contacts decided, the
// assessments authorised, the case closures authorised and the supervision
// sessions held. Decisions are read a day either side, since a day in
// England is not a day in UTC: the report keeps its own days.
func (db *DB) FrontDoorLoad(ctx context.Context, from, to civil.Date) (decided []domain.Contact, assessments []domain.Assessment,
	closures []domain.Referral, supervisions []domain.Supervision, err error) {
	if decided, err = readBetween[domain.Contact](ctx, db, "decision_at", from.AddDays(-1).Time(), to.AddDays(2).Time()); err != nil {
		return
	}
	f, t := from.String(), to.AddDays(1).String()
	if assessments, err = readRange[domain.Assessment](ctx, db, "authorised_date", f, t); err != nil {
		return
	}
	if closures, err = readRange[domain.Referral](ctx, db, "closure_authorised_date", f, t); err != nil {
		return
	}
	supervisions, err = readRange[domain.Supervision](ctx, db, "supervision_date", f, t)
	return
}

// readBetween reads the records of a kind whose time column falls from one
// instant up to, not including, another, in that order.
func readBetween[T any, P interface {
	*T
	domain.Record
}](ctx context.Context, db *DB, column string, from, to time.Time) ([]T, error) {
	return readRange[T, P](ctx, db, column, timeText(from), timeText(to))
}

// readRange reads the records of a kind whose column falls from one value
// up to, not including, another (a date's or an instant's text), in that
// order.
func readRange[T any, P interface {
	*T
	domain.Record
}](ctx context.Context, db *DB, column string, from, to string) ([]T, error) {
	return readWhere[T, P](ctx, db, column+" >= ? AND "+column+" < ? ORDER BY "+column+", id", from, to)
}

// readWhere reads the records of a kind that a WHERE clause (and its ORDER
// BY) selects, through a prepared statement.
func readWhere[T any, P interface {
	*T
	domain.Record
}](ctx context.Context, db *DB, where string, args ...any) ([]T, error) {
	ks := db.kinds[domain.KindOf(P(new(T))).Name]
	s, err := db.reads.get(ctx, rebind(db.dialect, ks.sel+" WHERE "+where))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", ks.kind.Table, err)
	}
	rows, err := s.QueryContext(ctx, args...)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", ks.kind.Table, err)
	}
	defer rows.Close()
	var out []T
	buf := ks.newScanBuf()
	for rows.Next() {
		var v T
		if err := ks.scanWith(buf, rows, P(&v)); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
