package storage_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/waymark-care/waymark/internal/access"
	"github.com/waymark-care/waymark/internal/audit"
	"github.com/waymark-care/waymark/internal/storage"
	"github.com/waymark-care/waymark/internal/storage/storagetest"
)

var admin = storage.Change{Actor: "admin", At: time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)}

func addAccount(t testing.TB, db *storage.DB, username string, roles ...access.Role) *storage.Account {
	t.Helper()
	a := &storage.Account{Username: username, Name: "User " + username, Roles: roles, PasswordHash: "$argon2id$fake"}
	if err := db.CreateAccount(context.Background(), admin, a); err != nil {
		t.Fatalf("create account %s: %v", username, err)
	}
	return a
}

func TestAccounts(t *testing.T) {
	storagetest.Each(t, func(t testing.TB, db *storage.DB) {
		ctx := context.Background()
		w := storagetest.AddWorkforce(t, db)
		a := &storage.Account{Username: " Sam.Worker ", Name: "Sam Worker", Email: "sam@example.org", Roles: []access.Role{access.SocialWorker, access.TeamManager},
			ProfessionalID: w.Worker.ID, TeamID: w.Team.ID, PasswordHash: "$argon2id$v=19$secret"}
		if err := db.CreateAccount(ctx, admin, a); err != nil {
			t.Fatal(err)
		}
		if err := db.CreateAccount(ctx, admin, &storage.Account{Username: "SAM.WORKER", Name: "Another"}); err == nil {
			t.Error("a second account with the same username (in another case) was accepted")
		}
		got, err := db.AccountByUsername(ctx, "sam.WORKER")
		if err != nil {
			t.Fatal(err)
		}
		if got.ID != a.ID || got.Username != "sam.worker" || !slices.Equal(got.Roles, a.Roles) || got.ProfessionalID != w.Worker.ID || got.PasswordHash != a.PasswordHash {
			t.Errorf("read back %+v", got)
		}
		if u := got.User(); u.ID != a.ID || !u.Has(access.TeamManager) || u.TeamID != w.Team.ID {
			t.Errorf("User() = %+v", u)
		}
		if _, err := db.AccountByUsername(ctx, "nobody"); !errors.Is(err, storage.ErrNotFound) {
			t.Errorf("missing account: %v", err)
		}
		if byEmail, err := db.AccountByEmail(ctx, "SAM@example.org"); err != nil || byEmail.ID != a.ID {
			t.Errorf("by email: %v %v", byEmail, err)
		}

		// An update with a stale version is refused; a password change ends sessions.
		stale := *got
		got.PasswordHash = "$argon2id$new"
		if err := db.UpdateAccount(ctx, admin, got); err != nil {
			t.Fatal(err)
		}
		var conflict *storage.ConflictError
		if err := db.UpdateAccount(ctx, admin, &stale); !errors.As(err, &conflict) {
			t.Errorf("stale update: %v", err)
		}

		// The audit trail records account changes, never the hash.
		hist, err := db.ActorHistory(ctx, "admin")
		if err != nil {
			t.Fatal(err)
		}
		var changes int
		for _, e := range hist {
			if e.Kind != "user_account" || e.RecordID != a.ID {
				continue
			}
			changes++
			if slices.Contains([]string{string(e.Before), string(e.After)}, "") && e.Action == audit.Update {
				t.Error("update without before and after")
			}
			for _, j := range [][]byte{e.Before, e.After} {
				if contains(j, "argon2id") {
					t.Errorf("password hash in the audit trail: %s", j)
				}
			}
		}
		if changes != 2 || !contains(hist[len(hist)-1].After, `"password_changed":true`) {
			t.Errorf("%d account changes audited; last %s", changes, hist[len(hist)-1].After)
		}
		if n, err := db.VerifyAudit(ctx); err != nil || n == 0 {
			t.Errorf("audit trail: %d, %v", n, err)
		}
	})
}

func contains(b []byte, s string) bool { return strings.Contains(string(b), s) }

func TestSignInLockout(t *testing.T) {
	storagetest.Each(t, func(t testing.TB, db *storage.DB) {
		ctx := context.Background()
		a := addAccount(t, db, "jo")
		now := time.Date(2026, 1, 1, 10, 0, 0, 0, time.UTC)
		for i := 1; i <= 5; i++ {
			locked, err := db.SignInFailed(ctx, a.ID, now, 5, 15*time.Minute)
			if err != nil {
				t.Fatal(err)
			}
			if locked != (i == 5) {
				t.Fatalf("failure %d: locked = %v", i, locked)
			}
		}
		got, _ := db.AccountByID(ctx, a.ID)
		if !got.LockedUntil.Equal(now.Add(15*time.Minute)) || got.FailedSignIns != 0 {
			t.Errorf("after lockout: until %v, count %d", got.LockedUntil, got.FailedSignIns)
		}
		db.SignInFailed(ctx, a.ID, now, 5, 15*time.Minute)
		if err := db.SignInSucceeded(ctx, a.ID); err != nil {
			t.Fatal(err)
		}
		got, _ = db.AccountByID(ctx, a.ID)
		if !got.LockedUntil.IsZero() || got.FailedSignIns != 0 {
			t.Errorf("after success: until %v, count %d", got.LockedUntil, got.FailedSignIns)
		}
	})
}

func TestSessionsAndTokens(t *testing.T) {
	storagetest.Each(t, func(t testing.TB, db *storage.DB) {
		ctx := context.Background()
		a := addAccount(t, db, "sam", access.SocialWorker)
		start := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
		s := &storage.Session{TokenHash: "h1", UserID: a.ID, CSRFToken: "csrf", CreatedAt: start, LastSeenAt: start}
		if err := db.CreateSession(ctx, s); err != nil {
			t.Fatal(err)
		}
		got, acct, err := db.SessionUser(ctx, "h1")
		if err != nil || acct.ID != a.ID || got.CSRFToken != "csrf" || !got.CreatedAt.Equal(start) {
			t.Fatalf("session: %+v %+v %v", got, acct, err)
		}
		if err := db.TouchSession(ctx, "h1", start.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		got, _, _ = db.SessionUser(ctx, "h1")
		if !got.LastSeenAt.Equal(start.Add(time.Hour)) {
			t.Errorf("last seen %v", got.LastSeenAt)
		}
		db.CreateSession(ctx, &storage.Session{TokenHash: "h2", UserID: a.ID, CSRFToken: "c2", CreatedAt: start, LastSeenAt: start})
		n, err := db.DeleteExpiredSessions(ctx, start.Add(30*time.Minute), start.Add(-time.Hour))
		if err != nil || n != 1 {
			t.Errorf("expired: %d %v", n, err)
		}
		if err := db.DeleteSession(ctx, "h1"); err != nil {
			t.Fatal(err)
		}
		if _, _, err := db.SessionUser(ctx, "h1"); !errors.Is(err, storage.ErrNotFound) {
			t.Errorf("deleted session: %v", err)
		}

		// Disabling an account ends its sessions.
		db.CreateSession(ctx, &storage.Session{TokenHash: "h3", UserID: a.ID, CSRFToken: "c3", CreatedAt: start, LastSeenAt: start})
		a.Disabled = true
		if err := db.UpdateAccount(ctx, admin, a); err != nil {
			t.Fatal(err)
		}
		if _, _, err := db.SessionUser(ctx, "h3"); !errors.Is(err, storage.ErrNotFound) {
			t.Errorf("session of a disabled account: %v", err)
		}

		id, err := db.CreateAPIToken(ctx, a.ID, "reports", "tokhash", start)
		if err != nil {
			t.Fatal(err)
		}
		if tid, acct, err := db.TokenUser(ctx, "tokhash"); err != nil || tid != id || acct.ID != a.ID {
			t.Errorf("token user: %d %v %v", tid, acct, err)
		}
		if err := db.RevokeAPIToken(ctx, a.ID, id, start); err != nil {
			t.Fatal(err)
		}
		if _, _, err := db.TokenUser(ctx, "tokhash"); !errors.Is(err, storage.ErrNotFound) {
			t.Errorf("revoked token: %v", err)
		}
		ts, err := db.APITokens(ctx, a.ID)
		if err != nil || len(ts) != 1 || !ts[0].Revoked || ts[0].Name != "reports" {
			t.Errorf("tokens: %+v %v", ts, err)
		}
	})
}

func TestAccessLog(t *testing.T) {
	storagetest.Each(t, func(t testing.TB, db *storage.DB) {
		ctx := context.Background()
		w := storagetest.AddWorkforce(t, db)
		child := storagetest.AddChild(t, db, w, 1)
		// Views from many requests at once are all chained.
		var wg sync.WaitGroup
		errs := make(chan error, 40)
		for i := range 40 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				errs <- db.LogAccess(ctx, &audit.Access{UserID: int64(1 + i%2), Username: fmt.Sprintf("user%d", 1+i%2), Action: audit.Viewed, PersonID: child, What: "child page", How: "involved"})
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		e := &audit.Access{UserID: 3, Username: "user3", Action: audit.Listed, PersonID: child + 1, What: "search"}
		if err := db.LogAccess(ctx, e); err != nil || e.Seq != 41 || e.Hash == "" {
			t.Fatalf("entry after 40: %+v %v", e, err)
		}
		byChild, err := db.AccessLog(ctx, storage.AccessQuery{PersonID: child})
		if err != nil || len(byChild) != 40 || byChild[0].Seq != 40 {
			t.Fatalf("by child: %d entries, %v", len(byChild), err)
		}
		byUser, err := db.AccessLog(ctx, storage.AccessQuery{UserID: 1, Limit: 5})
		if err != nil || len(byUser) != 5 || byUser[0].Username != "user1" {
			t.Fatalf("by user: %+v %v", byUser, err)
		}
		page2, _ := db.AccessLog(ctx, storage.AccessQuery{UserID: 1, Limit: 5, Before: byUser[4].Seq})
		if len(page2) != 5 || page2[0].Seq >= byUser[4].Seq {
			t.Errorf("next page: %+v", page2)
		}
		if n, err := db.VerifyAccessLog(ctx); err != nil || n != 41 {
			t.Fatalf("verify: %d %v", n, err)
		}
		// The log is append-only, and tampering behind the database's back
		// breaks the chain.
		if err := storagetest.Exec(t, db, "DELETE FROM access_log WHERE seq = 3"); err == nil {
			t.Error("deleted an access log entry")
		}
		guards := "DROP TRIGGER IF EXISTS access_log_no_update"
		if db.Dialect() == storage.Postgres {
			guards = "DROP TRIGGER IF EXISTS access_log_append_only ON access_log"
		}
		if err := storagetest.Exec(t, db, guards); err != nil {
			t.Fatal(err)
		}
		if err := storagetest.Exec(t, db, "UPDATE access_log SET username = 'someone else' WHERE seq = 7"); err != nil {
			t.Fatal(err)
		}
		var broken *audit.BrokenError
		if _, err := db.VerifyAccessLog(ctx); !errors.As(err, &broken) || broken.Seq != 7 {
			t.Errorf("tampered log: %v", err)
		}
	})
}

func TestAccessFacts(t *testing.T) {
	storagetest.Each(t, func(t testing.TB, db *storage.DB) {
		ctx := context.Background()
		w := storagetest.AddWorkforce(t, db)
		child := storagetest.AddChild(t, db, w, 1)
		now := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
		user := addAccount(t, db, "outsider", access.SocialWorker)
		partner := addAccount(t, db, "officer", access.Police)

		c, err := db.AccessFacts(ctx, child, user.ID, now)
		if err != nil {
			t.Fatal(err)
		}
		// The worker's allocation ended in 2019 and the personal adviser's
		// starts in May 2026: the manager and the IRO are involved now.
		var involved []int64
		for _, i := range c.Involved {
			involved = append(involved, i.ProfessionalID)
			if i.TeamID != w.Team.ID {
				t.Errorf("involvement of %d in team %d, want %d (the professional's own team when the involvement has none)", i.ProfessionalID, i.TeamID, w.Team.ID)
			}
		}
		slices.Sort(involved)
		if !slices.Equal(involved, []int64{w.Manager.ID, w.IRO.ID}) {
			t.Errorf("involved %v", involved)
		}
		if len(c.Line) != 1 || c.Line[0] != (access.Team{ID: w.Team.ID, ManagerID: w.Manager.ID}) {
			t.Errorf("line %+v", c.Line)
		}
		if !slices.Contains(c.Chairs, w.IRO.ID) || c.Restricted || !c.LookedAfter || len(c.Grants) != 0 {
			t.Errorf("facts %+v", c)
		}
		if got := c.Managers(); !slices.Equal(got, []int64{w.Manager.ID}) {
			t.Errorf("managers %v", got)
		}

		// The child's mother is seen through the child's involvements.
		cr, _ := db.ChildRecord(ctx, child)
		mother := cr.Relationships[0].RelatedPersonID
		m, err := db.AccessFacts(ctx, mother, user.ID, now)
		if err != nil || len(m.Involved) != 0 || len(m.Family) != 2 || m.LookedAfter {
			t.Errorf("mother's facts %+v %v", m, err)
		}

		// Grants: a share with police, a named user, a broken glass.
		ch := storage.Change{Actor: "alex", At: now}
		if err := db.GrantAccess(ctx, ch, &storage.Grant{PersonID: child, Role: access.Police, Kinds: []string{"contact", "strategy_discussion"}, Reason: "Joint investigation"}); err != nil {
			t.Fatal(err)
		}
		named := &storage.Grant{PersonID: child, UserID: user.ID, Reason: "Covering the allocated worker"}
		if err := db.GrantAccess(ctx, ch, named); err != nil {
			t.Fatal(err)
		}
		if err := db.GrantAccess(ctx, ch, &storage.Grant{PersonID: child}); err == nil {
			t.Error("a grant to nobody was accepted")
		}
		c, _ = db.AccessFacts(ctx, child, user.ID, now)
		if len(c.Grants) != 2 {
			t.Errorf("grants for the named user: %+v", c.Grants)
		}
		if d := access.Decide(user.User(), access.ViewRecord, c); d.How != access.Named {
			t.Errorf("named user: %+v", d)
		}
		p, _ := db.AccessFacts(ctx, child, partner.ID, now)
		if d := access.Decide(partner.User(), access.ViewRecord, p); d.How != access.Shared || !d.Sees("contact") || d.Sees("referral") {
			t.Errorf("police: %+v", d)
		}
		if err := db.RevokeGrant(ctx, ch, named.ID); err != nil {
			t.Fatal(err)
		}
		gs, _ := db.Grants(ctx, child, now)
		if len(gs) != 1 || gs[0].Role != access.Police || !slices.Equal(gs[0].Kinds, []string{"contact", "strategy_discussion"}) {
			t.Errorf("grants after revoking: %+v", gs)
		}

		e := &audit.Access{UserID: user.ID, Username: user.Username, PersonID: child, What: "child page", Reason: "Out-of-hours call from police", At: now}
		if err := db.BreakGlass(ctx, e, now.Add(8*time.Hour), c.Managers()); err != nil {
			t.Fatal(err)
		}
		if e.Seq != 1 || e.Action != audit.GlassBroken {
			t.Errorf("entry %+v", e)
		}
		c, _ = db.AccessFacts(ctx, child, user.ID, now.Add(time.Hour))
		if d := access.Decide(user.User(), access.ViewRecord, c); d.How != access.GlassBroke {
			t.Errorf("after breaking the glass: %+v", d)
		}
		c, _ = db.AccessFacts(ctx, child, user.ID, now.Add(9*time.Hour))
		if d := access.Decide(user.User(), access.ViewRecord, c); d.Allowed {
			t.Errorf("broken glass after it expired: %+v", d)
		}
		if err := db.BreakGlass(ctx, &audit.Access{UserID: user.ID, PersonID: child}, now, nil); err == nil {
			t.Error("broke the glass without a reason")
		}
		rs, err := db.BreakGlassReports(ctx, w.Manager.ID, true)
		if err != nil || len(rs) != 1 || rs[0].Access.Reason != "Out-of-hours call from police" || rs[0].Seen {
			t.Fatalf("reports: %+v %v", rs, err)
		}
		if err := db.MarkBreakGlassSeen(ctx, w.Manager.ID, rs[0].Access.Seq, now); err != nil {
			t.Fatal(err)
		}
		if rs, _ := db.BreakGlassReports(ctx, w.Manager.ID, true); len(rs) != 0 {
			t.Errorf("unseen after marking: %+v", rs)
		}
		if rs, _ := db.BreakGlassReports(ctx, w.Manager.ID, false); len(rs) != 1 || !rs[0].Seen {
			t.Errorf("all reports: %+v", rs)
		}
		if _, err := db.AccessFacts(ctx, 999999, user.ID, now); !errors.Is(err, storage.ErrNotFound) {
			t.Errorf("no such person: %v", err)
		}
	})
}
