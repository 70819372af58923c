package storage

import (
	"context"
	"database/sql"
	"sync"
)

// stmtCache holds statements prepared once on a connection pool. Parsing a
// statement costs more than running it on SQLite, and each write and each
// child's record runs dozens, so every fixed query goes through here.
type stmtCache struct {
	pool *sql.DB
	mu   sync.Mutex
	m    map[string]*sql.Stmt
}

func newStmtCache(pool *sql.DB) *stmtCache {
	return &stmtCache{pool: pool, m: make(map[string]*sql.Stmt)}
}

// in returns query prepared for use in tx.
func (c *stmtCache) in(ctx context.Context, tx *sql.Tx, query string) (*sql.Stmt, error) {
	c.mu.Lock()
	s, ok := c.m[query]
	c.mu.Unlock()
	if !ok {
		// Preparing on the pool would need a second connection while tx
		// holds one: with every connection held by a transaction doing the
		// same, none would ever come free. Prepare on tx's own connection
		// this time, and on the pool in the background for next time.
		go c.get(context.Background(), query)
		return tx.PrepareContext(ctx, query)
	}
	// A statement prepared on the pool is reused on the transaction's
	// connection when that connection prepared it before.
	return tx.StmtContext(ctx, s), nil
}

// get returns query prepared on the pool, for use outside a transaction.
func (c *stmtCache) get(ctx context.Context, query string) (*sql.Stmt, error) {
	c.mu.Lock()
	s, ok := c.m[query]
	c.mu.Unlock()
	if ok {
		return s, nil
	}
	s, err := c.pool.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if prev, ok := c.m[query]; ok || c.m == nil {
		s.Close()
		if c.m == nil {
			return nil, sql.ErrConnDone // closed meanwhile
		}
		return prev, nil
	}
	c.m[query] = s
	return s, nil
}

func (c *stmtCache) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, s := range c.m {
		s.Close()
	}
	c.m = nil
}
