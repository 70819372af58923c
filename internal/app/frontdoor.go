package app

import (
	"context"

	"github.com/waymark-care/waymark/internal/casework"
	"github.com/waymark-care/waymark/internal/domain"
	"github.com/waymark-care/waymark/internal/storage"
)

// This file serves the front door (docs/casework.md, "The front door"):
// a contact about a child not yet known, and the threshold profile.

// notificationHousehold reads the contacts of the people living with the
// child when a police domestic abuse notification came in, for its count of
// earlier notifications (FD-09); nil for any other record.
func (a *App) notificationHousehold(ctx context.Context, cr *domain.ChildRecord, rec domain.Record) ([]*domain.ChildRecord, error) {
	c, ok := rec.(*domain.Contact)
	if !ok || !c.DomesticAbuseNotification {
		return nil, nil
	}
	return a.DB.Household(ctx, cr.Person.ID, casework.DayOf(c.ContactAt), storage.Columns{"contact": nil})
}
