package storage

import (
	"context"
	"time"

	"github.com/waymark-care/waymark/internal/domain"
)

// MARAC reads every MARAC case, every child linked to one and every action
// given to children's social care (FD-11): a few cases a week, read whole
// for the MARAC's list and measures, where a repeat looks back a year.
func (db *DB) MARAC(ctx context.Context) ([]domain.MARACCase, []domain.MARACChild, []domain.MARACAction, error) {
	cases, err := readAll[domain.MARACCase](ctx, db)
	if err != nil {
		return nil, nil, nil, err
	}
	children, err := readAll[domain.MARACChild](ctx, db)
	if err != nil {
		return nil, nil, nil, err
	}
	actions, err := readAll[domain.MARACAction](ctx, db)
	return cases, children, actions, err
}

// MARACActionsOpen reads the MARAC's actions for children's social care
// that a member of staff owns and has not done, soonest due first: their
// home page lists them (FD-11).
func (db *DB) MARACActionsOpen(ctx context.Context, ownerID int64) ([]domain.MARACAction, error) {
	return readWhere[domain.MARACAction](ctx, db, "owner_id = ? AND completed_date IS NULL ORDER BY due_date, id", ownerID)
}

// MASHRequests reads the MASH information requests made from one instant
// up to, not including, another (FD-12's measures).
func (db *DB) MASHRequests(ctx context.Context, from, to time.Time) ([]domain.MASHRequest, error) {
	return readBetween[domain.MASHRequest](ctx, db, "requested_at", from, to)
}
