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
	ks := db.kinds["contact"]
	s, err := db.reads.get(ctx, rebind(db.dialect, ks.sel+" WHERE contact_at >= ? AND contact_at < ? ORDER BY contact_at, id"))
	if err != nil {
		return nil, fmt.Errorf("read contacts: %w", err)
	}
	rows, err := s.QueryContext(ctx, timeText(from), timeText(to))
	if err != nil {
		return nil, fmt.Errorf("read contacts: %w", err)
	}
	defer rows.Close()
	var out []domain.Contact
	buf := ks.newScanBuf()
	for rows.Next() {
		out = append(out, domain.Contact{})
		if err := ks.scanWith(buf, rows, &out[len(out)-1]); err != nil {
			return nil, err
		}
	}
	return out, rows.Err()
}
