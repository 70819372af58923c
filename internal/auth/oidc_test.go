package auth_test

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/waymark-care/waymark/internal/auth"
	"github.com/waymark-care/waymark/internal/auth/oidctest"
)

func TestOIDC(t *testing.T) {
	p := oidctest.New(t, "waymark")
	o := &auth.OIDC{Issuer: p.URL, ClientID: "waymark", RedirectURL: "https://waymark.example/auth/oidc/callback"}
	ctx := context.Background()
	signIn := func(tamper func(map[string]any), c auth.Challenge) (*auth.Identity, error) {
		u, err := o.AuthURL(ctx, c)
		if err != nil {
			t.Fatal(err)
		}
		back, _ := url.Parse(p.SignIn(t, u, "sub-1", "sam@example.org", "Sam Worker"))
		if back.Query().Get("state") != c.State {
			t.Fatalf("state not returned")
		}
		p.Tamper = tamper
		return o.Exchange(ctx, back.Query().Get("code"), c)
	}
	id, err := signIn(nil, auth.NewChallenge())
	if err != nil || id.Subject != "sub-1" || id.Email != "sam@example.org" || id.Name != "Sam Worker" {
		t.Fatalf("sign in: %+v %v", id, err)
	}
	for name, tc := range map[string]struct {
		tamper func(map[string]any)
		want   string
	}{
		"another issuer":   {func(c map[string]any) { c["iss"] = "https://evil.example" }, "issuer"},
		"another audience": {func(c map[string]any) { c["aud"] = []string{"someone-else"} }, "not for this client"},
		"expired":          {func(c map[string]any) { c["exp"] = time.Now().Add(-time.Hour).Unix() }, "expired"},
		"replayed nonce":   {func(c map[string]any) { c["nonce"] = "old" }, "nonce"},
	} {
		if _, err := signIn(tc.tamper, auth.NewChallenge()); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v", name, err)
		}
	}
	// A code exchanged without the verifier it was issued for is refused.
	c := auth.NewChallenge()
	u, _ := o.AuthURL(ctx, c)
	back, _ := url.Parse(p.SignIn(t, u, "sub-1", "", ""))
	c.Verifier = "guessed"
	if _, err := o.Exchange(ctx, back.Query().Get("code"), c); err == nil {
		t.Error("PKCE not enforced")
	}
	// A token signed by another key is refused.
	other := oidctest.New(t, "waymark")
	forged := other.Sign(map[string]any{"iss": p.URL, "sub": "x", "aud": "waymark", "exp": time.Now().Add(time.Hour).Unix()})
	if _, err := auth.VerifyForTest(o, forged, ""); err == nil || !strings.Contains(err.Error(), "signature") {
		t.Errorf("forged token: %v", err)
	}
}

func TestOIDCFromEnv(t *testing.T) {
	t.Setenv("WAYMARK_OIDC_ISSUER", "")
	if o, err := auth.OIDCFromEnv(); o != nil || err != nil {
		t.Errorf("off: %v %v", o, err)
	}
	t.Setenv("WAYMARK_OIDC_ISSUER", "https://login.microsoftonline.com/tenant/v2.0")
	if _, err := auth.OIDCFromEnv(); err == nil {
		t.Error("issuer without a client id accepted")
	}
	t.Setenv("WAYMARK_OIDC_CLIENT_ID", "id")
	t.Setenv("WAYMARK_OIDC_REDIRECT_URL", "https://waymark.example/auth/oidc/callback")
	if o, err := auth.OIDCFromEnv(); err != nil || o.ClientID != "id" {
		t.Errorf("on: %v %v", o, err)
	}
}
