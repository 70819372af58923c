package app

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/waymark-care/waymark/internal/audit"
	"github.com/waymark-care/waymark/internal/auth"
	"github.com/waymark-care/waymark/internal/storage"
	"github.com/waymark-care/waymark/internal/storage/storagetest"
)

func TestSignInAndLockout(t *testing.T) {
	f := newFixture(t, storagetest.Open(t, "sqlite"))
	c := f.browser()
	try := func(username, pw string) response {
		return c.post("/sign-in", url.Values{"csrf_token": {c.csrf("/sign-in")}, "username": {username}, "password": {pw}})
	}
	if res := try("", ""); res.status != 422 || !strings.Contains(res.body, "Enter your username") || !strings.Contains(res.body, "govuk-error-summary") {
		t.Errorf("empty form: %d", res.status)
	}
	if res := try("nobody", "whatever"); res.status != 401 || !strings.Contains(res.body, "Enter a correct username and password") {
		t.Errorf("unknown user: %d", res.status)
	}
	for i := range auth.Lockout.MaxFailures {
		if res := try("worker", "wrong password"); res.status != 401 {
			t.Fatalf("wrong password %d: %d", i, res.status)
		}
	}
	// Locked: even the right password is refused, with the reason.
	res := try("worker", password)
	if res.status != 401 || !strings.Contains(res.body, "Your account is locked") {
		t.Errorf("locked account: %d", res.status)
	}
	// After the lock ends the right password works.
	f.app.Security.Now = func() time.Time { return testNow.Add(auth.Lockout.LockFor + time.Minute) }
	if res := try("worker", password); res.status != 303 {
		t.Errorf("after the lockout: %d", res.status)
	}
	// A disabled account cannot sign in.
	a := f.accounts["manager"]
	a.Disabled = true
	if err := f.db.UpdateAccount(context.Background(), storage.Change{Actor: "admin"}, a); err != nil {
		t.Fatal(err)
	}
	if res := f.browser().post("/sign-in", url.Values{"csrf_token": {"x"}, "username": {"manager"}, "password": {password}}); res.status != 403 {
		t.Errorf("sign-in without the form's own token: %d", res.status)
	}
	d := f.browser()
	if res := d.post("/sign-in", url.Values{"csrf_token": {d.csrf("/sign-in")}, "username": {"manager"}, "password": {password}}); res.status != 401 {
		t.Errorf("disabled account: %d", res.status)
	}
	// Failures are logged without usernames or passwords.
	logs := f.logs.String()
	for _, secret := range []string{"wrong password", password, `"worker"`, "nobody"} {
		if strings.Contains(logs, secret) {
			t.Errorf("the log contains %q", secret)
		}
	}
	if !strings.Contains(logs, `"reason":"wrong_password"`) || !strings.Contains(logs, "account locked") {
		t.Errorf("failures not logged:\n%s", logs)
	}
}

func TestThrottlePerClient(t *testing.T) {
	f := newFixture(t, storagetest.Open(t, "sqlite"))
	f.app.Security.throttle = &auth.Throttle{Max: 3, Window: time.Hour}
	c := f.browser()
	for range 3 {
		c.post("/sign-in", url.Values{"csrf_token": {c.csrf("/sign-in")}, "username": {"someone"}, "password": {"guess"}})
	}
	res := c.post("/sign-in", url.Values{"csrf_token": {c.csrf("/sign-in")}, "username": {"worker"}, "password": {password}})
	if res.status != 401 || !strings.Contains(res.body, "too many attempts") {
		t.Errorf("throttled client: %d", res.status)
	}
}

func TestSessions(t *testing.T) {
	f := newFixture(t, storagetest.Open(t, "sqlite"))
	c := f.browser()
	c.cookies[sessionCookie] = "planted-by-an-attacker"
	c.signIn("worker")
	first := c.cookies[sessionCookie]
	if first == "" || first == "planted-by-an-attacker" {
		t.Fatalf("session cookie not rotated on sign-in: %q", first)
	}
	if res := c.get("/"); !strings.Contains(res.body, "Hello, Test worker") {
		t.Fatalf("not signed in")
	}
	// Signing in again, from the sign-in page's form, replaces the session.
	form := url.Values{"csrf_token": {"t"}, "username": {"worker"}, "password": {password}}
	c.cookies[signInCookie] = "t"
	if res := c.post("/sign-in", form); res.status != 303 || c.cookies[sessionCookie] == first {
		t.Errorf("session not rotated on a second sign-in: %d", res.status)
	}
	old := f.browser()
	old.cookies[sessionCookie] = first
	if res := old.get("/search"); res.status != 303 {
		t.Errorf("the replaced session still works: %d", res.status)
	}

	// Idle timeout, with use keeping a session alive.
	now := testNow
	f.app.Security.Now = func() time.Time { return now }
	now = now.Add(20 * time.Minute)
	if res := c.get("/search"); res.status != 200 {
		t.Fatalf("after 20 minutes: %d", res.status)
	}
	now = now.Add(25 * time.Minute)
	if res := c.get("/search"); res.status != 200 {
		t.Errorf("used 25 minutes ago: %d", res.status)
	}
	now = now.Add(31 * time.Minute)
	if res := c.get("/search"); res.status != 303 || !strings.HasPrefix(res.header.Get("Location"), "/sign-in?next=%2Fsearch") {
		t.Errorf("idle for 31 minutes: %d %s", res.status, res.header.Get("Location"))
	}

	// Absolute timeout, however busy.
	c.signIn("worker")
	start := now
	for now.Sub(start) < DefaultSecurity.AbsoluteTimeout {
		if res := c.get("/search"); res.status != 200 {
			t.Fatalf("busy session refused after %s", now.Sub(start))
		}
		now = now.Add(25 * time.Minute)
	}
	if res := c.get("/search"); res.status != 303 {
		t.Errorf("session older than %s: %d", DefaultSecurity.AbsoluteTimeout, res.status)
	}

	// Signing out ends the session on the server too.
	c.signIn("worker")
	token := c.cookies[sessionCookie]
	res := c.post("/sign-out", url.Values{"csrf_token": {c.csrf("/sign-out")}})
	if res.status != 303 || c.cookies[sessionCookie] != "" {
		t.Errorf("sign out: %d, cookie %q", res.status, c.cookies[sessionCookie])
	}
	again := f.browser()
	again.cookies[sessionCookie] = token
	if res := again.get("/search"); res.status != 303 {
		t.Errorf("session after signing out: %d", res.status)
	}
	// Cookies: Secure, HttpOnly, SameSite=Lax, host-only (__Host-).
	b := f.browser()
	res = b.post("/sign-in", url.Values{"csrf_token": {b.csrf("/sign-in")}, "username": {"worker"}, "password": {password}})
	var cookie string
	for _, sc := range res.header.Values("Set-Cookie") {
		if strings.HasPrefix(sc, sessionCookie+"=") {
			cookie = sc
		}
	}
	for _, attr := range []string{"Path=/", "HttpOnly", "Secure", "SameSite=Lax"} {
		if !strings.Contains(cookie, attr) || strings.Contains(cookie, "Domain=") {
			t.Errorf("session cookie %q lacks %s", cookie, attr)
		}
	}
}

func TestCSRF(t *testing.T) {
	f := newFixture(t, storagetest.Open(t, "sqlite"))
	c := f.signedIn("worker")
	path := fmt.Sprintf("/children/%d/significant-events", f.child)
	event := func(token string) url.Values {
		return url.Values{"csrf_token": {token}, "date-day": {"3"}, "date-month": {"11"}, "date-year": {"2025"}, "subject": {"Disclosure"}, "body": {"Told a teacher."}}
	}
	other := f.signedIn("manager").csrf("/sign-out")
	for name, res := range map[string]response{
		"no token":                 c.post(path, event("")),
		"another session's token":  c.post(path, event(other)),
		"made-up token":            c.post(path, event("forged")),
		"another site's form":      c.do("POST", path, strings.NewReader(event(c.csrf("/sign-out")).Encode()), map[string]string{"Content-Type": "application/x-www-form-urlencoded", "Origin": "https://evil.example"}),
		"API call without a token": c.postJSON("/api/v1"+path, map[string]string{"date": "2025-11-03", "subject": "x", "body": "y"}, nil),
		"sign out without a token": c.post("/sign-out", url.Values{}),
	} {
		if res.status != http.StatusForbidden {
			t.Errorf("%s: got %d, want 403", name, res.status)
		}
	}
	if res := c.post(path, event(c.csrf("/sign-out"))); res.status != 303 {
		t.Errorf("with the session's token: %d", res.status)
	}
	// API tokens need no CSRF token: no browser sends them by itself.
	token := auth.NewToken()
	if _, err := f.db.CreateAPIToken(context.Background(), f.accounts["worker"].ID, "test", auth.TokenHash(token), testNow); err != nil {
		t.Fatal(err)
	}
	api := &client{f: f, cookies: map[string]string{}, token: token}
	if res := api.postJSON("/api/v1"+path, map[string]string{"date": "2025-11-03", "subject": "By API", "body": "Details."}, nil); res.status != 201 {
		t.Errorf("API token post: %d %s", res.status, res.body)
	}
	bad := &client{f: f, cookies: map[string]string{}, token: "not-a-token"}
	if res := bad.get("/api/v1/me"); res.status != 401 || res.header.Get("WWW-Authenticate") == "" || res.header.Get("Content-Type") != "application/problem+json" {
		t.Errorf("bad API token: %d %v", res.status, res.header)
	}
}

func TestAccessLogged(t *testing.T) {
	storagetest.Each(t, func(t testing.TB, db *storage.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		c := f.signedIn("manager")
		child := fmt.Sprintf("/children/%d", f.child)
		c.get(child)
		c.get("/api/v1" + child)
		c.get("/api/v1" + child + "/chronology?type=protection")
		if res := c.get(child + "/chronology.csv?significant=1"); res.status != 200 || !strings.HasPrefix(res.body, "date,time,type,event,detail,significant,record,key\n") ||
			!strings.Contains(res.body, "Strategy discussion") || strings.Contains(res.body, "Core group") {
			t.Errorf("chronology download: %d\n%s", res.status, res.body)
		}
		if res := c.get(child + "/chronology/print?type=protection"); res.status != 200 || !strings.Contains(res.body, "Strategy discussion") || strings.Contains(res.body, "Placement started") {
			t.Errorf("chronology print: %d", res.status)
		}
		c.get("/search?q=example")
		c.get("/api/v1/search?q=ellie")
		o := f.signedIn("outsider")
		if res := o.get(child); res.status != 403 {
			t.Fatalf("outsider: %d", res.status)
		}
		if res := o.post(child+"/break-glass", url.Values{"csrf_token": {o.csrf(child)}, "reason": {"short"}}); res.status != 422 || !strings.Contains(res.body, "at least 10 characters") {
			t.Errorf("break glass with too short a reason: %d", res.status)
		}
		if res := o.post(child+"/break-glass", url.Values{"csrf_token": {o.csrf(child)}, "reason": {"Police called out of hours"}}); res.status != 303 {
			t.Fatalf("break glass: %d", res.status)
		}
		if res := o.get(child); res.status != 200 || !strings.Contains(res.body, "breaking the glass") {
			t.Errorf("after breaking the glass: %d", res.status)
		}
		es, err := db.AccessLog(ctx, storage.AccessQuery{PersonID: f.child})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, e := range es {
			got = append([]string{fmt.Sprintf("%s %s %s %s %s", e.Username, e.Action, e.What, e.How, e.Reason)}, got...)
		}
		want := []string{
			"manager view child page involved ",
			"manager view record (API) involved ",
			"manager view chronology (API) involved ",
			"manager export chronology (CSV) involved ",
			"manager print chronology (print) involved ",
			"manager search_result search result involved ",
			"manager search_result search result involved ",
			"outsider break_glass break glass break_glass Police called out of hours",
			"outsider view child page break_glass ",
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("access log:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		// The search for "example" also listed the mother and brother (seen
		// through Ellie's involvements): each result shown is logged.
		if all, _ := db.AccessLog(ctx, storage.AccessQuery{UserID: f.accounts["manager"].ID}); len(all) < 7 {
			t.Errorf("manager's access log has %d entries", len(all))
		}
		if n, err := db.VerifyAccessLog(ctx); err != nil || n == 0 {
			t.Errorf("access log chain: %d %v", n, err)
		}
		// The manager is told, and sees who else may open the record.
		if res := c.get("/"); !strings.Contains(res.body, "opened records you manage") {
			t.Error("the manager's home page does not report the broken glass")
		}
		if res := c.get(child); !strings.Contains(res.body, "Who else may see this record") || !strings.Contains(res.body, "Broke the glass: Police called out of hours") {
			t.Error("the child's page does not list the broken glass")
		}
		_ = audit.GlassBroken
	})
}

func TestSecurityHeadersAndLimits(t *testing.T) {
	f := newFixture(t, storagetest.Open(t, "sqlite"))
	c := f.signedIn("worker")
	res := c.get(fmt.Sprintf("/children/%d", f.child))
	for h, want := range map[string]string{
		"Content-Security-Policy": "script-src 'self'", "X-Frame-Options": "DENY", "Cache-Control": "no-store",
		"X-Content-Type-Options": "nosniff", "Referrer-Policy": "strict-origin-when-cross-origin",
	} {
		if !strings.Contains(res.header.Get(h), want) {
			t.Errorf("%s: %q", h, res.header.Get(h))
		}
	}
	big := url.Values{"csrf_token": {c.csrf("/sign-out")}, "body": {strings.Repeat("x", 2<<20)}}
	if res := c.post(fmt.Sprintf("/children/%d/significant-events", f.child), big); res.status != http.StatusRequestEntityTooLarge {
		t.Errorf("2 MiB form: %d", res.status)
	}
	// Output is escaped: a name with markup shows as text.
	if res := c.get("/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E"); strings.Contains(res.body, "<script>alert") {
		t.Error("search text is not escaped")
	}
	// next= never leads off the site.
	for _, next := range []string{"https://evil.example/", "//evil.example", "/\\evil.example"} {
		if got := safeNext(next); got != "/" {
			t.Errorf("safeNext(%q) = %q", next, got)
		}
	}
}

func TestCSVSafe(t *testing.T) {
	for in, want := range map[string]string{"=HYPERLINK(\"x\")": "'=HYPERLINK(\"x\")", "+1": "'+1", "-2": "'-2", "@sum": "'@sum", "Visit": "Visit", "": ""} {
		if got := csvSafe(in); got != want {
			t.Errorf("csvSafe(%q) = %q, want %q", in, got, want)
		}
	}
}
