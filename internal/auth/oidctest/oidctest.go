// Package oidctest is an OpenID Connect provider for tests: discovery, a
// key set, an authorisation step that signs in whoever the test names, and
// a token endpoint that checks PKCE and issues RS256 ID tokens.
package oidctest

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"math/big"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"
	"time"
)

// Provider is a running test provider.
type Provider struct {
	*httptest.Server
	Key      *rsa.PrivateKey
	ClientID string

	mu    sync.Mutex
	codes map[string]grant
	// Tamper, if set, changes the claims of the next ID token issued.
	Tamper func(claims map[string]any)
}

type grant struct {
	claims    map[string]any
	challenge string
}

// New starts a provider for the client id; it stops when the test ends.
func New(t testing.TB, clientID string) *Provider {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	p := &Provider{Key: key, ClientID: clientID, codes: map[string]grant{}}
	mux := http.NewServeMux()
	p.Server = httptest.NewServer(mux)
	t.Cleanup(p.Close)
	mux.HandleFunc("GET /.well-known/openid-configuration", func(w http.ResponseWriter, r *http.Request) {
		json.NewEncoder(w).Encode(map[string]string{"issuer": p.URL, "authorization_endpoint": p.URL + "/authorize",
			"token_endpoint": p.URL + "/token", "jwks_uri": p.URL + "/keys"})
	})
	mux.HandleFunc("GET /keys", func(w http.ResponseWriter, r *http.Request) {
		enc := base64.RawURLEncoding
		json.NewEncoder(w).Encode(map[string]any{"keys": []map[string]string{{"kty": "RSA", "kid": "k1", "use": "sig",
			"n": enc.EncodeToString(key.N.Bytes()), "e": enc.EncodeToString(big.NewInt(int64(key.E)).Bytes())}}})
	})
	mux.HandleFunc("POST /token", func(w http.ResponseWriter, r *http.Request) {
		r.ParseForm()
		p.mu.Lock()
		g, ok := p.codes[r.PostForm.Get("code")]
		delete(p.codes, r.PostForm.Get("code"))
		tamper := p.Tamper
		p.Tamper = nil
		p.mu.Unlock()
		sum := sha256.Sum256([]byte(r.PostForm.Get("code_verifier")))
		if !ok || base64.RawURLEncoding.EncodeToString(sum[:]) != g.challenge || r.PostForm.Get("client_id") != clientID {
			w.WriteHeader(http.StatusBadRequest)
			json.NewEncoder(w).Encode(map[string]string{"error": "invalid_grant"})
			return
		}
		if tamper != nil {
			tamper(g.claims)
		}
		json.NewEncoder(w).Encode(map[string]string{"id_token": p.Sign(g.claims), "token_type": "Bearer"})
	})
	return p
}

// SignIn plays the user signing in at the provider as subject (with email
// and name), for the authorisation URL Waymark sent them to; it returns
// the callback URL the provider would send them back to.
func (p *Provider) SignIn(t testing.TB, authURL, subject, email, name string) string {
	u, err := url.Parse(authURL)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	if q.Get("client_id") != p.ClientID || q.Get("code_challenge_method") != "S256" {
		t.Fatalf("authorisation request %s", authURL)
	}
	code := base64.RawURLEncoding.EncodeToString(big.NewInt(time.Now().UnixNano()).Bytes())
	claims := map[string]any{"iss": p.URL, "sub": subject, "aud": p.ClientID, "email": email, "name": name,
		"nonce": q.Get("nonce"), "iat": time.Now().Unix(), "exp": time.Now().Add(time.Hour).Unix()}
	p.mu.Lock()
	p.codes[code] = grant{claims: claims, challenge: q.Get("code_challenge")}
	p.mu.Unlock()
	back, _ := url.Parse(q.Get("redirect_uri"))
	bq := url.Values{"code": {code}, "state": {q.Get("state")}}
	back.RawQuery = bq.Encode()
	return back.String()
}

// Sign makes an RS256 JWT of the claims with the provider's key.
func (p *Provider) Sign(claims map[string]any) string {
	enc := base64.RawURLEncoding
	h, _ := json.Marshal(map[string]string{"alg": "RS256", "kid": "k1", "typ": "JWT"})
	c, _ := json.Marshal(claims)
	signing := enc.EncodeToString(h) + "." + enc.EncodeToString(c)
	sum := sha256.Sum256([]byte(signing))
	sig, _ := rsa.SignPKCS1v15(rand.Reader, p.Key, crypto.SHA256, sum[:])
	return signing + "." + enc.EncodeToString(sig)
}
