package app

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/waymark-care/waymark/internal/access"
	"github.com/waymark-care/waymark/internal/auth"
	"github.com/waymark-care/waymark/internal/storage"
	"github.com/waymark-care/waymark/internal/storage/storagetest"
	"github.com/waymark-care/waymark/internal/web"
)

// testNow is the tests' clock: the fixture child is looked after, with a
// team manager and an IRO involved; the social worker's allocation ended in
// 2019 and the personal adviser's starts in May 2026.
var testNow = time.Date(2026, 1, 1, 10, 0, 0, 0, time.UTC)

// password is every test account's password.
const password = "correct horse battery staple"

// fixture is a running application with the workforce, one child and an
// account for each role.
type fixture struct {
	t        testing.TB
	db       *storage.DB
	app      *App
	srv      *httptest.Server
	w        *storagetest.Workforce
	child    int64
	accounts map[string]*storage.Account
	logs     *bytes.Buffer
}

// testUsers are the accounts: username, roles, and how they sit in the
// workforce (the fixture's professional and team, or none).
var testUsers = []struct {
	name  string
	roles []access.Role
	prof  string // manager, worker, iro, pa
	team  bool
}{
	{"worker", []access.Role{access.SocialWorker}, "worker", true},
	{"manager", []access.Role{access.TeamManager}, "manager", true},
	{"servicemanager", []access.Role{access.ServiceManager}, "", true},
	{"iro", []access.Role{access.IRO}, "iro", false},
	{"chair", []access.Role{access.CPChair}, "", false},
	{"adviser", []access.Role{access.PersonalAdviser}, "pa", true},
	{"earlyhelp", []access.Role{access.EarlyHelpPractitioner}, "", false},
	{"virtualschool", []access.Role{access.VirtualSchool}, "", false},
	{"police", []access.Role{access.Police}, "", false},
	{"health", []access.Role{access.Health}, "", false},
	{"education", []access.Role{access.Education}, "", false},
	{"analyst", []access.Role{access.Analyst}, "", false},
	{"partnership", []access.Role{access.PartnershipMember}, "", false},
	{"auditor", []access.Role{access.Auditor}, "", false},
	{"admin", []access.Role{access.Administrator}, "", false},
	{"outsider", []access.Role{access.SocialWorker}, "", false},
}

// passwordHash is computed once: argon2id is slow on purpose.
var passwordHash = sync.OnceValue(func() string { return auth.HashPassword(password) })

func newFixture(t testing.TB, db *storage.DB) *fixture {
	t.Helper()
	f := &fixture{t: t, db: db, accounts: map[string]*storage.Account{}, logs: &bytes.Buffer{}}
	f.w = storagetest.AddWorkforce(t, db)
	f.child = storagetest.AddChild(t, db, f.w, 1)
	profs := map[string]int64{"worker": f.w.Worker.ID, "manager": f.w.Manager.ID, "iro": f.w.IRO.ID, "pa": f.w.PA.ID}
	for _, u := range testUsers {
		a := &storage.Account{Username: u.name, Name: "Test " + u.name, Roles: u.roles, ProfessionalID: profs[u.prof], PasswordHash: passwordHash()}
		if u.team {
			a.TeamID = f.w.Team.ID
		}
		if err := db.CreateAccount(context.Background(), storage.Change{Actor: "setup", At: testNow}, a); err != nil {
			t.Fatal(err)
		}
		f.accounts[u.name] = a
	}
	logger := slog.New(slog.NewJSONHandler(&lockedWriter{w: f.logs}, nil))
	shell, err := web.New(web.Config{Logger: logger})
	if err != nil {
		t.Fatal(err)
	}
	f.app, err = Mount(shell, db, logger)
	if err != nil {
		t.Fatal(err)
	}
	f.app.Security.Now = func() time.Time { return testNow }
	f.srv = httptest.NewServer(shell.Handler())
	t.Cleanup(f.srv.Close)
	return f
}

type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// client is a browser: it keeps cookies (Secure ones too, over the test
// server's plain HTTP, as browsers do for localhost) and never follows
// redirects, so tests see them.
type client struct {
	f       *fixture
	cookies map[string]string
	token   string // an API token, sent as Authorization: Bearer
}

func (f *fixture) browser() *client { return &client{f: f, cookies: map[string]string{}} }

type response struct {
	status int
	header http.Header
	body   string
}

func (c *client) do(method, path string, body io.Reader, header map[string]string) response {
	c.f.t.Helper()
	req, err := http.NewRequest(method, c.f.srv.URL+path, body)
	if err != nil {
		c.f.t.Fatal(err)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	for k, v := range c.cookies {
		req.AddCookie(&http.Cookie{Name: k, Value: v})
	}
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	res, err := (&http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}).Do(req)
	if err != nil {
		c.f.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	for _, ck := range res.Cookies() {
		if ck.MaxAge < 0 {
			delete(c.cookies, ck.Name)
		} else {
			c.cookies[ck.Name] = ck.Value
		}
	}
	return response{res.StatusCode, res.Header, string(b)}
}

func (c *client) get(path string) response { return c.do("GET", path, nil, nil) }

// post sends a form with the CSRF token of the page last read at from.
func (c *client) post(path string, form url.Values) response {
	return c.do("POST", path, strings.NewReader(form.Encode()), map[string]string{"Content-Type": "application/x-www-form-urlencoded"})
}

func (c *client) postJSON(path string, v any, header map[string]string) response {
	b, _ := json.Marshal(v)
	h := map[string]string{"Content-Type": "application/json"}
	for k, v := range header {
		h[k] = v
	}
	return c.do("POST", path, bytes.NewReader(b), h)
}

var csrfPattern = regexp.MustCompile(`name="csrf_token" value="([^"]+)"`)

// csrf reads the form token from a page.
func (c *client) csrf(path string) string {
	c.f.t.Helper()
	m := csrfPattern.FindStringSubmatch(c.get(path).body)
	if m == nil {
		c.f.t.Fatalf("no CSRF token on %s", path)
	}
	return m[1]
}

// signIn signs the browser in as username.
func (c *client) signIn(username string) *client {
	c.f.t.Helper()
	res := c.post("/sign-in", url.Values{"csrf_token": {c.csrf("/sign-in")}, "username": {username}, "password": {password}})
	if res.status != http.StatusSeeOther {
		c.f.t.Fatalf("sign in as %s: %d\n%s", username, res.status, res.body)
	}
	return c
}

func (f *fixture) signedIn(username string) *client { return f.browser().signIn(username) }
