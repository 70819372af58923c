package main

import (
	"bufio"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/waymark-care/waymark/internal/access"
	"github.com/waymark-care/waymark/internal/auth"
	"github.com/waymark-care/waymark/internal/storage"
)

func init() {
	register("users", "manage accounts (users add|list|disable|enable|reset-password|token|tokens|revoke-token|grant)", usersCommand)
}

// stdin is where passwords are read from; tests replace it.
var stdin io.Reader = os.Stdin

const usersUsage = `Usage: waymark users <command> [flags]

Commands:
  add USERNAME --name NAME --roles ROLE,ROLE [--email E] [--professional ID] [--team ID] [--password-stdin]
  list
  disable USERNAME          stop the account signing in and end its sessions
  enable USERNAME
  reset-password USERNAME [--password-stdin]
  token USERNAME [--label L]   create an API token (shown once)
  tokens USERNAME           list the user's API tokens
  revoke-token USERNAME ID  revoke one of them
  grant --child ID (--user USERNAME | --role ROLE) [--kinds KIND,KIND] --reason TEXT
                            name a user on a child's record, or share it with a partner role

Without --password-stdin a random password is made and printed once.
Roles: ` + "{{roles}}" + `
Every change is recorded in the audit trail as made by --actor (default: the
operating system user).`

func usersCommand(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var roles []string
	for _, r := range access.Roles {
		roles = append(roles, string(r))
	}
	usage := strings.Replace(usersUsage, "{{roles}}", strings.Join(roles, ", "), 1)
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprintln(stderr, usage)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	sub, rest := args[0], args[1:]
	fs := newFlags("users "+sub, "(see waymark users --help)", stderr)
	dsn := dbFlag(fs)
	actor := fs.String("actor", env("USER", "administrator"), "who is making the change, for the audit trail")
	var (
		name, email, roleList, label, kinds, reason, user, role string
		prof, team, child                                       int64
		fromStdin                                               bool
	)
	switch sub {
	case "add":
		fs.StringVar(&name, "name", "", "the user's full name")
		fs.StringVar(&email, "email", "", "email address (matches single sign-on accounts)")
		fs.StringVar(&roleList, "roles", "", "comma-separated roles")
		fs.Int64Var(&prof, "professional", 0, "the workforce record (professional id) the user is")
		fs.Int64Var(&team, "team", 0, "the team the user works in or manages")
		fs.BoolVar(&fromStdin, "password-stdin", false, "read the password from standard input")
	case "reset-password":
		fs.BoolVar(&fromStdin, "password-stdin", false, "read the password from standard input")
	case "token":
		fs.StringVar(&label, "label", "", "what the token is for")
	case "grant":
		fs.Int64Var(&child, "child", 0, "the child's person id")
		fs.StringVar(&user, "user", "", "the username to name on the record")
		fs.StringVar(&role, "role", "", "the partner role to share the record with")
		fs.StringVar(&kinds, "kinds", "", "comma-separated kinds of record shared (default: the whole record)")
		fs.StringVar(&reason, "reason", "", "why")
	case "list", "disable", "enable", "tokens", "revoke-token":
	default:
		fmt.Fprintf(stderr, "waymark users: unknown command %q\n\n%s\n", sub, usage)
		return 2
	}
	positional, flags := splitPositional(rest)
	if code, stop := parseFlags(fs, flags); stop {
		return code
	}
	username := ""
	if sub != "list" && sub != "grant" {
		want, what := 1, "one USERNAME"
		if sub == "revoke-token" {
			want, what = 2, "USERNAME and the token's ID"
		}
		if len(positional) != want {
			fmt.Fprintf(stderr, "waymark users %s: give %s\n", sub, what)
			return 2
		}
		username = positional[0]
	}
	fail := func(err error) int {
		fmt.Fprintf(stderr, "waymark users %s: %v\n", sub, err)
		return 1
	}
	db, err := openDB(ctx, *dsn, stderr)
	if err != nil {
		return fail(err)
	}
	defer db.Close()
	ch := storage.Change{Actor: *actor, At: time.Now()}

	switch sub {
	case "add":
		var rs []access.Role
		for _, r := range strings.Split(roleList, ",") {
			r = strings.TrimSpace(r)
			if r == "" {
				continue
			}
			if !access.Role(r).Valid() {
				return fail(fmt.Errorf("%q is not a role", r))
			}
			rs = append(rs, access.Role(r))
		}
		if len(rs) == 0 || name == "" {
			return fail(errors.New("give --name and at least one role in --roles"))
		}
		pw, generated, err := newPassword(fromStdin)
		if err != nil {
			return fail(err)
		}
		a := &storage.Account{Username: username, Name: name, Email: email, Roles: rs, ProfessionalID: prof, TeamID: team, PasswordHash: auth.HashPassword(pw)}
		if err := db.CreateAccount(ctx, ch, a); err != nil {
			return fail(err)
		}
		fmt.Fprintf(stdout, "added %s (id %d)\n", a.Username, a.ID)
		if generated {
			fmt.Fprintf(stdout, "password: %s\n", pw)
		}
	case "list":
		as, err := db.Accounts(ctx)
		if err != nil {
			return fail(err)
		}
		for _, a := range as {
			state := "active"
			if a.Disabled {
				state = "disabled"
			}
			fmt.Fprintf(stdout, "%d\t%s\t%s\t%s\t%s\n", a.ID, a.Username, a.Name, joinRoles(a.Roles), state)
		}
	case "disable", "enable", "reset-password":
		a, err := db.AccountByUsername(ctx, username)
		if err != nil {
			return fail(fmt.Errorf("%s: %w", username, err))
		}
		var pw string
		var generated bool
		switch sub {
		case "disable":
			a.Disabled = true
		case "enable":
			a.Disabled = false
		case "reset-password":
			if pw, generated, err = newPassword(fromStdin); err != nil {
				return fail(err)
			}
			a.PasswordHash = auth.HashPassword(pw)
		}
		if err := db.UpdateAccount(ctx, ch, a); err != nil {
			return fail(err)
		}
		fmt.Fprintf(stdout, "%s: done\n", a.Username)
		if generated {
			fmt.Fprintf(stdout, "password: %s\n", pw)
		}
	case "token":
		a, err := db.AccountByUsername(ctx, username)
		if err != nil {
			return fail(fmt.Errorf("%s: %w", username, err))
		}
		token := auth.NewToken()
		id, err := db.CreateAPIToken(ctx, a.ID, label, auth.TokenHash(token), time.Now())
		if err != nil {
			return fail(err)
		}
		fmt.Fprintf(stdout, "token %d for %s (shown once; send it as Authorization: Bearer …):\n%s\n", id, a.Username, token)
	case "tokens", "revoke-token":
		a, err := db.AccountByUsername(ctx, username)
		if err != nil {
			return fail(fmt.Errorf("%s: %w", username, err))
		}
		if sub == "revoke-token" {
			id, err := strconv.ParseInt(positional[1], 10, 64)
			if err != nil {
				return fail(fmt.Errorf("%q is not a token ID", positional[1]))
			}
			if err := db.RevokeAPIToken(ctx, a.ID, id, time.Now()); err != nil {
				return fail(fmt.Errorf("token %d of %s: %w", id, a.Username, err))
			}
			fmt.Fprintf(stdout, "token %d revoked\n", id)
			break
		}
		ts, err := db.APITokens(ctx, a.ID)
		if err != nil {
			return fail(err)
		}
		for _, t := range ts {
			state := "active"
			if t.Revoked {
				state = "revoked"
			}
			fmt.Fprintf(stdout, "%d\t%s\t%s\t%s\n", t.ID, t.Name, t.CreatedAt.Format("2006-01-02 15:04"), state)
		}
	case "grant":
		g := &storage.Grant{PersonID: child, Role: access.Role(role), Reason: reason}
		if kinds != "" {
			g.Kinds = strings.Split(kinds, ",")
		}
		if user != "" {
			a, err := db.AccountByUsername(ctx, user)
			if err != nil {
				return fail(fmt.Errorf("%s: %w", user, err))
			}
			g.UserID = a.ID
		}
		if child == 0 || strings.TrimSpace(reason) == "" || role != "" && !access.Role(role).Valid() {
			return fail(errors.New("give --child, a valid --user or --role, and --reason"))
		}
		if err := db.GrantAccess(ctx, ch, g); err != nil {
			return fail(err)
		}
		fmt.Fprintf(stdout, "grant %d made\n", g.ID)
	}
	return 0
}

// splitPositional separates leading non-flag arguments from flags, so that
// `users add sam --name …` works.
func splitPositional(args []string) (positional, flags []string) {
	for i, a := range args {
		if strings.HasPrefix(a, "-") {
			return positional, args[i:]
		}
		positional = append(positional, a)
	}
	return positional, nil
}

// newPassword reads a password from standard input, or makes one.
func newPassword(fromStdin bool) (pw string, generated bool, err error) {
	if !fromStdin {
		return rand.Text(), true, nil
	}
	line, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", false, err
	}
	pw = strings.TrimRight(line, "\r\n")
	return pw, false, auth.CheckNewPassword(pw)
}

func joinRoles(rs []access.Role) string {
	s := make([]string, len(rs))
	for i, r := range rs {
		s[i] = string(r)
	}
	return strings.Join(s, ",")
}
