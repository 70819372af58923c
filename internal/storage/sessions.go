package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Session is a signed-in browser. The cookie holds a random token; only its
// hash is stored. CSRFToken is the session's token for forms.
type Session struct {
	TokenHash  string
	UserID     int64
	CSRFToken  string
	CreatedAt  time.Time
	LastSeenAt time.Time
}

// CreateSession stores a new session.
func (db *DB) CreateSession(ctx context.Context, s *Session) error {
	return db.writeTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, rebind(db.dialect, "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?)"),
			s.TokenHash, s.UserID, s.CSRFToken, timeText(s.CreatedAt), timeText(s.LastSeenAt))
		return err
	})
}

const sessionUserQuery = "SELECT s.csrf_token, s.created_at, s.last_seen_at, " + accountQualified +
	" FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?"

// accountQualified is accountColumns for a query that names users u.
const accountQualified = "u.id, u.username, u.name, u.email, u.roles, u.professional_id, u.team_id, u.password_hash, u.oidc_subject, " +
	"u.disabled, u.failed_sign_ins, u.locked_until, u.version, u.created_at, u.updated_at"

// SessionUser returns the session with the token hash and its user's
// account, in one query: every signed-in request makes it.
func (db *DB) SessionUser(ctx context.Context, tokenHash string) (*Session, *Account, error) {
	s := &Session{TokenHash: tokenHash}
	var created, seen any
	var a *Account
	row, err := db.readRow(ctx, sessionUserQuery, tokenHash)
	if err != nil {
		return nil, nil, err
	}
	a, err = scanAccount(prefixScanner{row, []any{&s.CSRFToken, &created, &seen}, nil})
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, fmt.Errorf("no such session: %w", ErrNotFound)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("read session: %w", err)
	}
	s.UserID = a.ID
	if s.CreatedAt, err = timeFrom(created); err == nil {
		s.LastSeenAt, err = timeFrom(seen)
	}
	return s, a, err
}

// prefixScanner scans a joined row: leading columns into before, trailing
// ones into after, and those between into what its caller's Scan asks for,
// so that scanAccount and scanAccess can read rows that carry more.
type prefixScanner struct {
	row           interface{ Scan(...any) error }
	before, after []any
}

func (p prefixScanner) Scan(dest ...any) error {
	return p.row.Scan(append(append(append([]any{}, p.before...), dest...), p.after...)...)
}

// readRow runs a fixed read query through the prepared-statement cache.
func (db *DB) readRow(ctx context.Context, query string, args ...any) (*sql.Row, error) {
	s, err := db.reads.get(ctx, rebind(db.dialect, query))
	if err != nil {
		return nil, err
	}
	return s.QueryRowContext(ctx, args...), nil
}

// TouchSession records that the session was used at now, which keeps it
// from the idle timeout.
func (db *DB) TouchSession(ctx context.Context, tokenHash string, now time.Time) error {
	return db.writeTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, rebind(db.dialect, "UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?"), timeText(now), tokenHash)
		return err
	})
}

// DeleteSession ends a session (signing out).
func (db *DB) DeleteSession(ctx context.Context, tokenHash string) error {
	return db.writeTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, rebind(db.dialect, "DELETE FROM sessions WHERE token_hash = ?"), tokenHash)
		return err
	})
}

// DeleteExpiredSessions removes sessions idle since before idleBefore or
// created before createdBefore, returning how many it removed.
func (db *DB) DeleteExpiredSessions(ctx context.Context, idleBefore, createdBefore time.Time) (int64, error) {
	var n int64
	err := db.writeTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, rebind(db.dialect, "DELETE FROM sessions WHERE last_seen_at < ? OR created_at < ?"), timeText(idleBefore), timeText(createdBefore))
		if err == nil {
			n, err = res.RowsAffected()
		}
		return err
	})
	return n, err
}

// APIToken is a token for the JSON API; only its hash is stored.
type APIToken struct {
	ID         int64     `json:"id"`
	UserID     int64     `json:"user_id"`
	Name       string    `json:"name"`
	CreatedAt  time.Time `json:"created_at"`
	LastUsedAt time.Time `json:"last_used_at"`
	Revoked    bool      `json:"revoked"`
}

// CreateAPIToken stores a token's hash for a user.
func (db *DB) CreateAPIToken(ctx context.Context, userID int64, name, tokenHash string, now time.Time) (int64, error) {
	var id int64
	err := db.writeTx(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, rebind(db.dialect, "INSERT INTO api_tokens (user_id, token_hash, name, created_at) VALUES (?, ?, ?, ?) RETURNING id"),
			userID, tokenHash, name, timeText(now)).Scan(&id)
	})
	if err != nil {
		return 0, fmt.Errorf("create API token: %w", err)
	}
	return id, nil
}

const tokenUserQuery = "SELECT t.id, " + accountQualified + " FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = ? AND t.revoked_at IS NULL"

// TokenUser returns the account whose unrevoked API token has the hash, and
// the token's id.
func (db *DB) TokenUser(ctx context.Context, tokenHash string) (int64, *Account, error) {
	row, err := db.readRow(ctx, tokenUserQuery, tokenHash)
	if err != nil {
		return 0, nil, err
	}
	var id int64
	a, err := scanAccount(prefixScanner{row, []any{&id}, nil})
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil, fmt.Errorf("no such API token: %w", ErrNotFound)
	}
	if err != nil {
		return 0, nil, fmt.Errorf("read API token: %w", err)
	}
	return id, a, nil
}

// APITokens lists a user's tokens, newest first.
func (db *DB) APITokens(ctx context.Context, userID int64) ([]APIToken, error) {
	rows, err := db.sql.QueryContext(ctx, rebind(db.dialect, "SELECT id, user_id, name, created_at, last_used_at, revoked_at FROM api_tokens WHERE user_id = ? ORDER BY id DESC"), userID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ts []APIToken
	for rows.Next() {
		var t APIToken
		var created, used, revoked any
		if err := rows.Scan(&t.ID, &t.UserID, &t.Name, &created, &used, &revoked); err != nil {
			return nil, err
		}
		if t.CreatedAt, err = timeFrom(created); err != nil {
			return nil, err
		}
		if used != nil {
			if t.LastUsedAt, err = timeFrom(used); err != nil {
				return nil, err
			}
		}
		t.Revoked = revoked != nil
		ts = append(ts, t)
	}
	return ts, rows.Err()
}

// RevokeAPIToken revokes one of a user's tokens.
func (db *DB) RevokeAPIToken(ctx context.Context, userID, id int64, now time.Time) error {
	return db.writeTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, rebind(db.dialect, "UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL"), timeText(now), id, userID)
		if err == nil {
			err = oneRow(res)
		}
		return err
	})
}
