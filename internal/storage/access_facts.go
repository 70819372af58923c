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
	"github.com/waymark-care/waymark/internal/civil"
)

// accessFactsQuery gathers, in one query, what the access policy needs to
// know about a person for one user: each row is a tag and three values.
//
//	p  restricted, currently looked after
//	i  a current involvement: professional, team (the involvement's or the
//	   professional's), role
//	f  the same for a relative's current involvement
//	t  a team in the management line above the involvements, its manager
//	c  a professional who chaired a conference or a looked-after review
//	g  a grant for the user or a role: user, break glass, "role|kinds"
const accessFactsQuery = `WITH RECURSIVE
involved (person_id, professional_id, team_id, role) AS (
	SELECT i.person_id, i.professional_id, COALESCE(i.team_id, p.team_id), i.role
	FROM involvements i LEFT JOIN professionals p ON p.id = i.professional_id
	WHERE (i.person_id = ? OR i.person_id IN (SELECT r.person_id FROM relationships r WHERE r.related_person_id = ?)
		OR i.person_id IN (SELECT r.related_person_id FROM relationships r WHERE r.person_id = ?))
	AND i.start_date <= ? AND (i.end_date IS NULL OR i.end_date >= ?)
),
line (id) AS (
	SELECT team_id FROM involved WHERE person_id = ? AND team_id IS NOT NULL
	UNION
	SELECT t.parent_team_id FROM teams t JOIN line ON t.id = line.id WHERE t.parent_team_id IS NOT NULL
)
SELECT 'p', CASE WHEN restricted THEN 1 ELSE 0 END,
	CASE WHEN EXISTS (SELECT 1 FROM care_episodes e WHERE e.person_id = persons.id AND e.start_date <= ? AND (e.end_date IS NULL OR e.end_date >= ?)) THEN 1 ELSE 0 END, ''
	FROM persons WHERE id = ?
UNION ALL SELECT CASE WHEN person_id = ? THEN 'i' ELSE 'f' END, professional_id, COALESCE(team_id, 0), role FROM involved
UNION ALL SELECT 't', line.id, COALESCE(t.manager_id, 0), '' FROM line JOIN teams t ON t.id = line.id
UNION ALL SELECT 'c', chair_id, 0, '' FROM conferences WHERE person_id = ? AND chair_id IS NOT NULL
UNION ALL SELECT 'c', iro_id, 0, '' FROM cla_reviews WHERE person_id = ? AND iro_id IS NOT NULL
UNION ALL SELECT 'g', COALESCE(user_id, 0), CASE WHEN break_glass THEN 1 ELSE 0 END, role || '|' || kinds FROM access_grants
	WHERE person_id = ? AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?) AND (user_id IS NULL OR user_id = ?)`

// AccessFacts returns what the access policy needs to decide whether the
// user with userID may see the person's record, as it stands at now. A
// person who does not exist is ErrNotFound.
func (db *DB) AccessFacts(ctx context.Context, personID, userID int64, now time.Time) (*access.Child, error) {
	s, err := db.reads.get(ctx, rebind(db.dialect, accessFactsQuery))
	if err != nil {
		return nil, fmt.Errorf("prepare access facts: %w", err)
	}
	today := civil.OfTime(now).String()
	rows, err := s.QueryContext(ctx, personID, personID, personID, today, today, personID,
		today, today, personID, personID, personID, personID, personID, timeText(now), userID)
	if err != nil {
		return nil, fmt.Errorf("read access facts: %w", err)
	}
	defer rows.Close()
	c := &access.Child{PersonID: personID}
	found := false
	for rows.Next() {
		var (
			tag  string
			a, b int64
			text string
		)
		if err := rows.Scan(&tag, &a, &b, &text); err != nil {
			return nil, fmt.Errorf("read access facts: %w", err)
		}
		switch tag {
		case "p":
			found, c.Restricted, c.LookedAfter = true, a != 0, b != 0
		case "i":
			c.Involved = append(c.Involved, access.Involvement{ProfessionalID: a, TeamID: b, Role: text})
		case "f":
			c.Family = append(c.Family, access.Involvement{ProfessionalID: a, TeamID: b, Role: text})
		case "t":
			c.Line = append(c.Line, access.Team{ID: a, ManagerID: b})
		case "c":
			c.Chairs = append(c.Chairs, a)
		case "g":
			role, kinds, _ := strings.Cut(text, "|")
			c.Grants = append(c.Grants, access.Grant{UserID: a, BreakGlass: b != 0, Role: access.Role(role), Kinds: fieldsOrNil(kinds)})
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read access facts: %w", err)
	}
	if !found {
		return nil, fmt.Errorf("person %d: %w", personID, ErrNotFound)
	}
	return c, nil
}

func fieldsOrNil(s string) []string {
	if f := strings.Fields(s); len(f) > 0 {
		return f
	}
	return nil
}

// Grant is an access grant as stored: a user named on a record, a share
// with a partner role, or a broken glass.
type Grant struct {
	ID         int64       `json:"id"`
	PersonID   int64       `json:"person_id"`
	UserID     int64       `json:"user_id,omitempty"`
	Role       access.Role `json:"role,omitempty"`
	Kinds      []string    `json:"kinds,omitempty"`
	BreakGlass bool        `json:"break_glass"`
	Reason     string      `json:"reason"`
	GrantedBy  string      `json:"granted_by"`
	GrantedAt  time.Time   `json:"granted_at"`
	ExpiresAt  time.Time   `json:"expires_at,omitzero"`
	RevokedAt  time.Time   `json:"revoked_at,omitzero"`
}

// grantKind names grants in the audit trail.
const grantKind = "access_grant"

// GrantAccess names a user on a child's record, or shares it with a partner
// role, recorded in the audit trail as ch.Actor's change.
func (db *DB) GrantAccess(ctx context.Context, ch Change, g *Grant) error {
	if (g.UserID == 0) == (g.Role == "") {
		return errors.New("a grant names either a user or a role")
	}
	if g.BreakGlass {
		return errors.New("break the glass with BreakGlass")
	}
	return db.Write(ctx, ch, func(tx *Tx) error {
		g.GrantedBy, g.GrantedAt = tx.change.Actor, tx.change.At
		err := tx.queryRow(rebind(db.dialect, `INSERT INTO access_grants (person_id, user_id, role, kinds, reason, granted_by, granted_at, expires_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`),
			g.PersonID, nullID(g.UserID), string(g.Role), strings.Join(g.Kinds, " "), g.Reason, g.GrantedBy, timeText(g.GrantedAt), nullTime(g.ExpiresAt)).Scan(&g.ID)
		if err != nil {
			return fmt.Errorf("grant access: %w", err)
		}
		after, _ := json.Marshal(g)
		return tx.appendAudit(audit.Entry{Action: audit.Create, Kind: grantKind, RecordID: g.ID, PersonID: g.PersonID, After: after})
	})
}

// RevokeGrant ends a grant, recorded in the audit trail.
func (db *DB) RevokeGrant(ctx context.Context, ch Change, id int64) error {
	return db.Write(ctx, ch, func(tx *Tx) error {
		res, err := tx.exec(rebind(db.dialect, "UPDATE access_grants SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL"), timeText(tx.change.At), id)
		if err == nil {
			err = oneRow(res)
		}
		if err != nil {
			return fmt.Errorf("revoke grant %d: %w", id, err)
		}
		var personID int64
		if err := tx.queryRow(rebind(db.dialect, "SELECT person_id FROM access_grants WHERE id = ?"), id).Scan(&personID); err != nil {
			return err
		}
		return tx.appendAudit(audit.Entry{Action: audit.Delete, Kind: grantKind, RecordID: id, PersonID: personID})
	})
}

const grantColumns = "id, person_id, user_id, role, kinds, break_glass, reason, granted_by, granted_at, expires_at, revoked_at"

// Grants lists the grants on a child's record that are in force at now,
// newest first.
func (db *DB) Grants(ctx context.Context, personID int64, now time.Time) ([]Grant, error) {
	rows, err := db.sql.QueryContext(ctx, rebind(db.dialect, "SELECT "+grantColumns+
		" FROM access_grants WHERE person_id = ? AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?) ORDER BY id DESC"), personID, timeText(now))
	if err != nil {
		return nil, fmt.Errorf("list grants: %w", err)
	}
	defer rows.Close()
	var gs []Grant
	for rows.Next() {
		var (
			g                     Grant
			user                  sql.NullInt64
			role, kinds           string
			breakGlass            any
			granted, exp, revoked any
		)
		if err := rows.Scan(&g.ID, &g.PersonID, &user, &role, &kinds, &breakGlass, &g.Reason, &g.GrantedBy, &granted, &exp, &revoked); err != nil {
			return nil, err
		}
		g.UserID, g.Role, g.Kinds = user.Int64, access.Role(role), fieldsOrNil(kinds)
		if g.BreakGlass, err = boolFrom(breakGlass); err != nil {
			return nil, err
		}
		for _, t := range []struct {
			src any
			dst *time.Time
		}{{granted, &g.GrantedAt}, {exp, &g.ExpiresAt}, {revoked, &g.RevokedAt}} {
			if t.src != nil {
				if *t.dst, err = timeFrom(t.src); err != nil {
					return nil, err
				}
			}
		}
		gs = append(gs, g)
	}
	return gs, rows.Err()
}

// BreakGlass opens a child's record to a user who gave a reason: in one
// transaction it logs the access, grants it until expires, and reports it
// to each of the record's managers (professional ids). The entry is sealed
// on return.
func (db *DB) BreakGlass(ctx context.Context, e *audit.Access, expires time.Time, managers []int64) error {
	if strings.TrimSpace(e.Reason) == "" {
		return errors.New("breaking the glass needs a reason")
	}
	e.Action = audit.GlassBroken
	if e.At.IsZero() {
		e.At = time.Now()
	}
	e.At = e.At.UTC().Truncate(time.Microsecond)
	err := db.writeTx(ctx, func(tx *sql.Tx) error {
		if err := db.appendAccess(ctx, tx, []*audit.Access{e}); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, rebind(db.dialect, `INSERT INTO access_grants (person_id, user_id, break_glass, reason, granted_by, granted_at, expires_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`), e.PersonID, e.UserID, true, e.Reason, e.Username, timeText(e.At), timeText(expires)); err != nil {
			return fmt.Errorf("grant broken glass: %w", err)
		}
		for _, m := range managers {
			if _, err := tx.ExecContext(ctx, rebind(db.dialect, "INSERT INTO break_glass_reports (access_seq, manager_id, person_id) VALUES (?, ?, ?)"), e.Seq, m, e.PersonID); err != nil {
				return fmt.Errorf("report broken glass: %w", err)
			}
		}
		return nil
	})
	if err != nil {
		e.Seq, e.PrevHash, e.Hash = 0, "", ""
	}
	return err
}

// BreakGlassReport is a broken glass reported to a manager.
type BreakGlassReport struct {
	Access audit.Access `json:"access"`
	Seen   bool         `json:"seen"`
}

// BreakGlassReports lists the broken glasses reported to a manager (by
// professional id), newest first; unseenOnly leaves out those acknowledged.
func (db *DB) BreakGlassReports(ctx context.Context, managerID int64, unseenOnly bool) ([]BreakGlassReport, error) {
	q := "SELECT " + prefixed("a.", accessColumns) + ", CASE WHEN r.seen_at IS NULL THEN 0 ELSE 1 END FROM break_glass_reports r JOIN access_log a ON a.seq = r.access_seq WHERE r.manager_id = ?"
	if unseenOnly {
		q += " AND r.seen_at IS NULL"
	}
	rows, err := db.sql.QueryContext(ctx, rebind(db.dialect, q+" ORDER BY r.access_seq DESC LIMIT 200"), managerID)
	if err != nil {
		return nil, fmt.Errorf("list break-glass reports: %w", err)
	}
	defer rows.Close()
	var rs []BreakGlassReport
	for rows.Next() {
		var seen int
		e, err := scanAccess(prefixScanner{rows, nil, []any{&seen}})
		if err != nil {
			return nil, err
		}
		rs = append(rs, BreakGlassReport{Access: *e, Seen: seen != 0})
	}
	return rs, rows.Err()
}

// MarkBreakGlassSeen records that the manager has read the report.
func (db *DB) MarkBreakGlassSeen(ctx context.Context, managerID, seq int64, now time.Time) error {
	return db.writeTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, rebind(db.dialect, "UPDATE break_glass_reports SET seen_at = ? WHERE manager_id = ? AND access_seq = ? AND seen_at IS NULL"), timeText(now), managerID, seq)
		return err
	})
}

func prefixed(prefix, columns string) string {
	cs := strings.Split(columns, ", ")
	for i := range cs {
		cs[i] = prefix + cs[i]
	}
	return strings.Join(cs, ", ")
}
