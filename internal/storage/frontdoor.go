package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/waymark-care/waymark/internal/domain"
)

// ContactsReceived reads the contacts received from one instant up to, not
// including, another, in the order they came in: the front door's reports
// (FD-03's threshold profile) are built from them.
func (db *DB) ContactsReceived(ctx context.Context, from, to time.Time) ([]domain.Contact, error) {
	return readBetween[domain.Contact](ctx, db, "contact_at", from, to)
}

// readBetween reads the records of a kind whose time column falls from one
// instant up to, not including, another, in that order.
func readBetween[T any, P interface {
	*T
	domain.Record
}](ctx context.Context, db *DB, column string, from, to time.Time) ([]T, error) {
	ks := db.kinds[domain.KindOf(P(new(T))).Name]
	s, err := db.reads.get(ctx, rebind(db.dialect, ks.sel+" WHERE "+column+" >= ? AND "+column+" < ? ORDER BY "+column+", id"))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", ks.kind.Table, err)
	}
	rows, err := s.QueryContext(ctx, timeText(from), timeText(to))
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
