package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/waymark-care/waymark/internal/access"
	"github.com/waymark-care/waymark/internal/audit"
)

// Account is a user account: who the user is, their roles and the
// workforce record they are, how they sign in, and whether they may.
type Account struct {
	ID       int64         `json:"id"`
	Username string        `json:"username"`
	Name     string        `json:"name"`
	Email    string        `json:"email"`
	Roles    []access.Role `json:"roles"`
	// ProfessionalID and TeamID place the user in the workforce, which is
	// how the access policy finds their cases and their line.
	ProfessionalID int64 `json:"professional_id"`
	TeamID         int64 `json:"team_id"`
	// PasswordHash is an argon2id hash in PHC form, "" when the user signs
	// in only through single sign-on. It never leaves storage in the audit
	// trail or the API.
	PasswordHash string `json:"-"`
	// OIDCSubject is the user's subject at the single sign-on provider.
	OIDCSubject   string    `json:"oidc_subject"`
	Disabled      bool      `json:"disabled"`
	FailedSignIns int       `json:"-"`
	LockedUntil   time.Time `json:"-"`
	Version       int       `json:"version"`
	CreatedAt     time.Time `json:"created_at"`
	UpdatedAt     time.Time `json:"updated_at"`
}

// User is the account as the access policy sees it.
func (a *Account) User() *access.User {
	return &access.User{ID: a.ID, Username: a.Username, Name: a.Name, Roles: a.Roles,
		ProfessionalID: a.ProfessionalID, TeamID: a.TeamID}
}

// accountKind names accounts in the audit trail.
const accountKind = "user_account"

const accountColumns = "id, username, name, email, roles, professional_id, team_id, password_hash, oidc_subject, " +
	"disabled, failed_sign_ins, locked_until, version, created_at, updated_at"

func scanAccount(sc interface{ Scan(...any) error }) (*Account, error) {
	var (
		a                Account
		roles            string
		prof, team       sql.NullInt64
		locked           any
		created, updated any
		disabled         any
	)
	if err := sc.Scan(&a.ID, &a.Username, &a.Name, &a.Email, &roles, &prof, &team, &a.PasswordHash, &a.OIDCSubject,
		&disabled, &a.FailedSignIns, &locked, &a.Version, &created, &updated); err != nil {
		return nil, err
	}
	for _, r := range strings.Fields(roles) {
		a.Roles = append(a.Roles, access.Role(r))
	}
	a.ProfessionalID, a.TeamID = prof.Int64, team.Int64
	var err error
	if a.Disabled, err = boolFrom(disabled); err != nil {
		return nil, err
	}
	if locked != nil {
		if a.LockedUntil, err = timeFrom(locked); err != nil {
			return nil, err
		}
	}
	if a.CreatedAt, err = timeFrom(created); err != nil {
		return nil, err
	}
	if a.UpdatedAt, err = timeFrom(updated); err != nil {
		return nil, err
	}
	return &a, nil
}

// boolFrom reads a boolean column: PostgreSQL gives a bool, SQLite an integer.
func boolFrom(src any) (bool, error) {
	switch v := src.(type) {
	case bool:
		return v, nil
	case int64:
		return v != 0, nil
	}
	return false, fmt.Errorf("want true or false, got %T", src)
}

func nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return timeText(t)
}

func joinRoles(roles []access.Role) string {
	s := make([]string, len(roles))
	for i, r := range roles {
		s[i] = string(r)
	}
	return strings.Join(s, " ")
}

// errNoAccount is the answer for an account that does not exist; it is
// ErrNotFound.
var errNoAccount = fmt.Errorf("no such account: %w", ErrNotFound)

func accountError(err error, what string) error {
	if errors.Is(err, sql.ErrNoRows) {
		return errNoAccount
	}
	return fmt.Errorf("read account %s: %w", what, err)
}

func (db *DB) account(ctx context.Context, where string, arg any) (*Account, error) {
	row := db.sql.QueryRowContext(ctx, rebind(db.dialect, "SELECT "+accountColumns+" FROM users WHERE "+where), arg)
	a, err := scanAccount(row)
	if err != nil {
		return nil, accountError(err, where)
	}
	return a, nil
}

// AccountByUsername returns the account with the username, in any case.
func (db *DB) AccountByUsername(ctx context.Context, username string) (*Account, error) {
	return db.account(ctx, "username = ?", strings.ToLower(strings.TrimSpace(username)))
}

// AccountByID returns the account with the id.
func (db *DB) AccountByID(ctx context.Context, id int64) (*Account, error) {
	return db.account(ctx, "id = ?", id)
}

// AccountBySubject returns the account linked to a single sign-on subject.
func (db *DB) AccountBySubject(ctx context.Context, subject string) (*Account, error) {
	if subject == "" {
		return nil, errNoAccount
	}
	return db.account(ctx, "oidc_subject = ?", subject)
}

// AccountByEmail returns the enabled account with the email address, in
// any case, for matching a single sign-on user seen for the first time.
func (db *DB) AccountByEmail(ctx context.Context, email string) (*Account, error) {
	if strings.TrimSpace(email) == "" {
		return nil, errNoAccount
	}
	return db.account(ctx, "lower(email) = ?", strings.ToLower(strings.TrimSpace(email)))
}

// Accounts lists every account by username.
func (db *DB) Accounts(ctx context.Context) ([]*Account, error) {
	rows, err := db.sql.QueryContext(ctx, "SELECT "+accountColumns+" FROM users ORDER BY username")
	if err != nil {
		return nil, fmt.Errorf("list accounts: %w", err)
	}
	defer rows.Close()
	var as []*Account
	for rows.Next() {
		a, err := scanAccount(rows)
		if err != nil {
			return nil, err
		}
		as = append(as, a)
	}
	return as, rows.Err()
}

// CreateAccount stores a new account, recorded in the audit trail as made
// by ch.Actor. Usernames are kept in lower case and must be unused.
func (db *DB) CreateAccount(ctx context.Context, ch Change, a *Account) error {
	a.Username = strings.ToLower(strings.TrimSpace(a.Username))
	if a.Username == "" || strings.TrimSpace(a.Name) == "" {
		return errors.New("an account needs a username and a name")
	}
	return db.Write(ctx, ch, func(tx *Tx) error {
		var n int
		if err := tx.queryRow(rebind(db.dialect, "SELECT COUNT(*) FROM users WHERE username = ?"), a.Username).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return fmt.Errorf("there is already an account called %s", a.Username)
		}
		a.Version, a.CreatedAt, a.UpdatedAt = 1, tx.change.At, tx.change.At
		err := tx.queryRow(rebind(db.dialect, `INSERT INTO users (username, name, email, roles, professional_id, team_id,
			password_hash, oidc_subject, disabled, version, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?) RETURNING id`),
			a.Username, a.Name, a.Email, joinRoles(a.Roles), nullID(a.ProfessionalID), nullID(a.TeamID),
			a.PasswordHash, a.OIDCSubject, a.Disabled, timeText(a.CreatedAt), timeText(a.UpdatedAt)).Scan(&a.ID)
		if err != nil {
			return fmt.Errorf("create account: %w", err)
		}
		return tx.auditAccount(audit.Create, nil, a)
	})
}

// UpdateAccount stores changes to an account's details, roles, password
// hash or disabled flag. Like records, a change made to an older version
// than the one stored is refused with a *ConflictError.
func (db *DB) UpdateAccount(ctx context.Context, ch Change, a *Account) error {
	return db.Write(ctx, ch, func(tx *Tx) error {
		row := tx.queryRow(rebind(db.dialect, "SELECT "+accountColumns+" FROM users WHERE id = ?"), a.ID)
		before, err := scanAccount(row)
		if err != nil {
			return accountError(err, "to update")
		}
		if before.Version != a.Version {
			return &ConflictError{Kind: accountKind, ID: a.ID, Version: a.Version, Current: before.Version, UpdatedAt: before.UpdatedAt}
		}
		a.Version, a.UpdatedAt = before.Version+1, tx.change.At
		res, err := tx.exec(rebind(db.dialect, `UPDATE users SET name = ?, email = ?, roles = ?, professional_id = ?, team_id = ?,
			password_hash = ?, oidc_subject = ?, disabled = ?, failed_sign_ins = 0, locked_until = NULL, version = ?, updated_at = ?
			WHERE id = ? AND version = ?`),
			a.Name, a.Email, joinRoles(a.Roles), nullID(a.ProfessionalID), nullID(a.TeamID), a.PasswordHash, a.OIDCSubject,
			a.Disabled, a.Version, timeText(a.UpdatedAt), a.ID, before.Version)
		if err == nil {
			err = oneRow(res)
		}
		if err != nil {
			return fmt.Errorf("update account %d: %w", a.ID, err)
		}
		if a.Disabled || a.PasswordHash != before.PasswordHash {
			// A disabled account, or a new password, ends every session.
			if _, err := tx.exec(rebind(db.dialect, "DELETE FROM sessions WHERE user_id = ?"), a.ID); err != nil {
				return err
			}
		}
		return tx.auditAccount(audit.Update, before, a)
	})
}

// auditAccount records an account change in the audit trail. The password
// hash is never written there; a change of password shows as
// "password_changed".
func (tx *Tx) auditAccount(action audit.Action, before, after *Account) error {
	type audited struct {
		*Account
		PasswordSet     bool `json:"password_set"`
		PasswordChanged bool `json:"password_changed,omitempty"`
	}
	enc := func(a *Account, changed bool) json.RawMessage {
		if a == nil {
			return nil
		}
		b, err := json.Marshal(audited{a, a.PasswordHash != "", changed})
		if err != nil {
			panic(err)
		}
		return b
	}
	changed := before != nil && after != nil && before.PasswordHash != after.PasswordHash
	return tx.appendAudit(audit.Entry{Action: action, Kind: accountKind, RecordID: after.ID,
		Before: enc(before, false), After: enc(after, changed)})
}

// SignInFailed counts a failed sign-in. When the count within a lockout
// reaches limit, the account is locked until now+lockFor and the count
// starts again; it reports whether this failure locked it.
func (db *DB) SignInFailed(ctx context.Context, id int64, now time.Time, limit int, lockFor time.Duration) (bool, error) {
	locked := false
	err := db.writeTx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, rebind(db.dialect, "UPDATE users SET failed_sign_ins = failed_sign_ins + 1 WHERE id = ? RETURNING failed_sign_ins"), id).Scan(&n); err != nil {
			return err
		}
		if n < limit {
			return nil
		}
		locked = true
		_, err := tx.ExecContext(ctx, rebind(db.dialect, "UPDATE users SET failed_sign_ins = 0, locked_until = ? WHERE id = ?"), timeText(now.Add(lockFor)), id)
		return err
	})
	if err != nil {
		return false, fmt.Errorf("count failed sign-in: %w", err)
	}
	return locked, nil
}

// SignInSucceeded clears the failed sign-in count and any lock that expired.
func (db *DB) SignInSucceeded(ctx context.Context, id int64) error {
	return db.writeTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, rebind(db.dialect, "UPDATE users SET failed_sign_ins = 0, locked_until = NULL WHERE id = ? AND (failed_sign_ins <> 0 OR locked_until IS NOT NULL)"), id)
		return err
	})
}

// writeTx runs fn in a write transaction of its own, for the bookkeeping
// that is not a change to records (sessions, sign-in counts, the access
// log), queued behind other writers on SQLite.
func (db *DB) writeTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	if db.dialect == SQLite {
		db.writeMu.Lock()
		defer db.writeMu.Unlock()
	}
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	return tx.Commit()
}
