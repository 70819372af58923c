package app

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/waymark-care/waymark/internal/auth/oidctest"
	"github.com/waymark-care/waymark/internal/storage"
	"github.com/waymark-care/waymark/internal/storage/storagetest"
)

func TestSingleSignOn(t *testing.T) {
	p := oidctest.New(t, "waymark")
	t.Setenv("WAYMARK_OIDC_ISSUER", p.URL)
	t.Setenv("WAYMARK_OIDC_CLIENT_ID", "waymark")
	t.Setenv("WAYMARK_OIDC_REDIRECT_URL", "set below")
	f := newFixture(t, storagetest.Open(t, "sqlite"))
	f.app.Security.OIDC.RedirectURL = f.srv.URL + "/auth/oidc/callback"
	ctx := context.Background()
	sam := f.accounts["worker"]
	sam.Email = "Sam.Worker@example.org"
	if err := f.db.UpdateAccount(ctx, storage.Change{Actor: "admin"}, sam); err != nil {
		t.Fatal(err)
	}

	signOn := func(c *client, subject, email string) response {
		t.Helper()
		start := c.get("/auth/oidc/start?next=%2Fsearch")
		if start.status != 303 || !strings.HasPrefix(start.header.Get("Location"), p.URL+"/authorize?") {
			t.Fatalf("start: %d %s", start.status, start.header.Get("Location"))
		}
		back, _ := url.Parse(p.SignIn(t, start.header.Get("Location"), subject, email, "Sam"))
		return c.get(back.RequestURI())
	}
	if res := f.browser().get("/sign-in"); !strings.Contains(res.body, "Sign in with your organisation account") {
		t.Error("the sign-in page offers no single sign-on")
	}

	// First sign-on: matched by email, in any case, and linked.
	c := f.browser()
	if res := signOn(c, "entra-sub-1", "sam.worker@example.org"); res.status != 303 || res.header.Get("Location") != "/search" {
		t.Fatalf("first sign-on: %d %s\n%s", res.status, res.header.Get("Location"), res.body)
	}
	if res := c.get("/api/v1/me"); !strings.Contains(res.body, `"username":"worker"`) {
		t.Errorf("signed in as %s", res.body)
	}
	if a, _ := f.db.AccountByUsername(ctx, "worker"); a.OIDCSubject != "entra-sub-1" {
		t.Errorf("subject not linked: %q", a.OIDCSubject)
	}
	// Later: by subject, whatever the email now says.
	if res := signOn(f.browser(), "entra-sub-1", "renamed@example.org"); res.status != 303 {
		t.Errorf("second sign-on: %d", res.status)
	}
	// Nobody with that subject or email: refused.
	if res := signOn(f.browser(), "entra-sub-2", "stranger@example.org"); res.status != 401 || !strings.Contains(res.body, "could not be used to sign in") {
		t.Errorf("unknown user: %d", res.status)
	}
	// A callback without the cookie set at the start, or with another
	// state, is refused.
	d := f.browser()
	start := d.get("/auth/oidc/start")
	back, _ := url.Parse(p.SignIn(t, start.header.Get("Location"), "entra-sub-1", "", ""))
	q := back.Query()
	q.Set("state", "forged")
	if res := d.get("/auth/oidc/callback?" + q.Encode()); res.status != 401 {
		t.Errorf("forged state: %d", res.status)
	}
	if res := f.browser().get(back.RequestURI()); res.status != 401 {
		t.Errorf("no challenge cookie: %d", res.status)
	}
	// A disabled account cannot sign on.
	sam, _ = f.db.AccountByUsername(ctx, "worker")
	sam.Disabled = true
	f.db.UpdateAccount(ctx, storage.Change{Actor: "admin"}, sam)
	if res := signOn(f.browser(), "entra-sub-1", ""); res.status != 401 {
		t.Errorf("disabled account: %d", res.status)
	}
	if strings.Contains(f.logs.String(), "stranger@example.org") {
		t.Error("an email address was logged")
	}
}
