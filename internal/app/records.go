package app

import (
	recent "container/list"
	"context"
	"sync"

	"github.com/waymark-care/waymark/internal/domain"
	"github.com/waymark-care/waymark/internal/storage"
)

// recordCache keeps the children's records read most recently, so that a
// child's page opened again reads one row (the audit trail's head) instead
// of every table. Before each use it asks the audit trail which people's
// records changed since it last looked and forgets those, so it is never
// staler than the database, even with several servers writing.
//
// It holds records, not decisions: who may see a record is decided afresh
// on every request.
type recordCache struct {
	mu    sync.Mutex
	seq   int64 // the audit entry the cache is current to
	max   int
	order *recent.List // most recently used first; values are person ids
	byID  map[int64]*recent.Element
	recs  map[int64]*domain.ChildRecord
}

// recordCacheSize is how many children's records are kept: a few thousand
// records of ordinary size are tens of megabytes.
const recordCacheSize = 2000

func newRecordCache(max int) *recordCache {
	return &recordCache{max: max, order: recent.New(), byID: map[int64]*recent.Element{}, recs: map[int64]*domain.ChildRecord{}}
}

// childRecord returns the child's record, as stored now. The caller gets a
// copy it may narrow (filterRecord) without touching the cached one; the
// records in its lists are shared and must not be changed.
func (c *recordCache) childRecord(ctx context.Context, db *storage.DB, personID int64) (*domain.ChildRecord, error) {
	// Ask what changed without holding the lock: a slow answer must not
	// hold up every other page. Answers may come back in any order; each
	// forgets what changed in its span, and the cache moves only forward.
	c.mu.Lock()
	from := c.seq
	c.mu.Unlock()
	changed, head, err := db.PersonsChanged(ctx, from)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	for _, id := range changed {
		c.forget(id)
	}
	c.seq = max(c.seq, head)
	if cr, ok := c.recs[personID]; ok {
		c.order.MoveToFront(c.byID[personID])
		cp := *cr
		c.mu.Unlock()
		return &cp, nil
	}
	c.mu.Unlock()

	cr, err := db.ChildRecord(ctx, personID)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	// Keep it only if the cache has not moved on while it was read: a
	// change it has already forgotten might not be in this copy.
	if c.seq == head {
		c.forget(personID)
		c.recs[personID] = cr
		c.byID[personID] = c.order.PushFront(personID)
		for c.order.Len() > c.max {
			c.forget(c.order.Back().Value.(int64))
		}
	}
	c.mu.Unlock()
	cp := *cr
	return &cp, nil
}

func (c *recordCache) forget(id int64) {
	if e, ok := c.byID[id]; ok {
		c.order.Remove(e)
		delete(c.byID, id)
		delete(c.recs, id)
	}
}
