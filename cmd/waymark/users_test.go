package main

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/waymark-care/waymark/internal/auth"
	"github.com/waymark-care/waymark/internal/storage/storagetest"
)

func TestUsersCommand(t *testing.T) {
	db, dsn := storagetest.OpenDSN(t, "sqlite")
	ctx := context.Background()
	stdin = strings.NewReader("a long enough password\n")
	t.Cleanup(func() { stdin = nil })
	if code, out, errOut := runCmd(t, "users", "add", "Sam", "--db", dsn, "--name", "Sam Worker", "--roles", "social_worker,team_manager", "--password-stdin"); code != 0 || !strings.Contains(out, "added sam") {
		t.Fatalf("add: %d %q %q", code, out, errOut)
	}
	a, err := db.AccountByUsername(ctx, "sam")
	if err != nil || !auth.CheckPassword(a.PasswordHash, "a long enough password") || len(a.Roles) != 2 {
		t.Fatalf("account: %+v %v", a, err)
	}
	if code, _, errOut := runCmd(t, "users", "add", "jo", "--db", dsn, "--name", "Jo", "--roles", "wizard"); code != 1 || !strings.Contains(errOut, "not a role") {
		t.Errorf("bad role: %d %q", code, errOut)
	}
	stdin = strings.NewReader("short\n")
	if code, _, errOut := runCmd(t, "users", "reset-password", "sam", "--db", dsn, "--password-stdin"); code != 1 || !strings.Contains(errOut, "12 characters") {
		t.Errorf("short password: %d %q", code, errOut)
	}
	code, out, _ := runCmd(t, "users", "reset-password", "sam", "--db", dsn)
	pw := strings.TrimPrefix(strings.TrimSpace(out[strings.Index(out, "password: "):]), "password: ")
	if a, _ := db.AccountByUsername(ctx, "sam"); code != 0 || !auth.CheckPassword(a.PasswordHash, pw) {
		t.Errorf("generated password: %d %q", code, out)
	}
	code, out, _ = runCmd(t, "users", "token", "sam", "--db", dsn, "--label", "reports")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	token := lines[len(lines)-1]
	if _, acct, err := db.TokenUser(ctx, auth.TokenHash(token)); code != 0 || err != nil || acct.Username != "sam" {
		t.Errorf("token: %d %q %v", code, out, err)
	}
	if code, out, _ := runCmd(t, "users", "tokens", "sam", "--db", dsn); code != 0 || !strings.Contains(out, "reports\t") || !strings.Contains(out, "active") {
		t.Errorf("tokens: %q", out)
	}
	if code, out, _ := runCmd(t, "users", "revoke-token", "sam", "1", "--db", dsn); code != 0 || !strings.Contains(out, "revoked") {
		t.Errorf("revoke: %q", out)
	}
	if _, _, err := db.TokenUser(ctx, auth.TokenHash(token)); err == nil {
		t.Error("revoked token still works")
	}
	if code, _, _ := runCmd(t, "users", "disable", "sam", "--db", dsn); code != 0 {
		t.Error("disable failed")
	}
	if code, out, _ := runCmd(t, "users", "list", "--db", dsn); code != 0 || !strings.Contains(out, "sam\tSam Worker\tsocial_worker,team_manager\tdisabled") {
		t.Errorf("list: %q", out)
	}
	w := storagetest.AddWorkforce(t, db)
	child := storagetest.AddChild(t, db, w, 1)
	if code, out, errOut := runCmd(t, "users", "grant", "--db", dsn, "--child", itoa(child), "--role", "partner_police", "--kinds", "contact,strategy_discussion", "--reason", "Joint investigation"); code != 0 {
		t.Errorf("grant: %q %q", out, errOut)
	}
	if code, out, _ := runCmd(t, "audit", "verify", "--db", dsn); code != 0 || !strings.Contains(out, "access log intact") {
		t.Errorf("audit verify: %d %q", code, out)
	}
	if code, _, _ := runCmd(t, "users", "frob"); code != 2 {
		t.Error("unknown subcommand")
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
