package auth

import (
	"context"
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strings"
	"sync"
	"time"
)

// OIDC is single sign-on with an OpenID Connect provider, such as
// Microsoft Entra ID: the authorisation code flow with PKCE, and the ID
// token checked against the provider's published keys (RS256).
type OIDC struct {
	// Issuer is the provider, as its discovery document names it: for
	// Entra ID, https://login.microsoftonline.com/TENANT-ID/v2.0.
	Issuer       string
	ClientID     string
	ClientSecret string
	// RedirectURL is Waymark's callback as registered with the provider:
	// https://waymark.example.gov.uk/auth/oidc/callback.
	RedirectURL string
	// HTTP is the client for the provider; http.DefaultClient if nil.
	HTTP *http.Client
	// Now is the clock for token expiry; time.Now if nil.
	Now func() time.Time

	mu        sync.Mutex
	discovery *discovery
	keys      map[string]*rsa.PublicKey
}

// OIDCFromEnv reads the configuration from the environment:
// WAYMARK_OIDC_ISSUER, WAYMARK_OIDC_CLIENT_ID, WAYMARK_OIDC_CLIENT_SECRET and
// WAYMARK_OIDC_REDIRECT_URL. Without an issuer, single sign-on is off (nil).
func OIDCFromEnv() (*OIDC, error) {
	o := &OIDC{Issuer: os.Getenv("WAYMARK_OIDC_ISSUER"), ClientID: os.Getenv("WAYMARK_OIDC_CLIENT_ID"),
		ClientSecret: os.Getenv("WAYMARK_OIDC_CLIENT_SECRET"), RedirectURL: os.Getenv("WAYMARK_OIDC_REDIRECT_URL")}
	if o.Issuer == "" {
		return nil, nil
	}
	if o.ClientID == "" || o.RedirectURL == "" {
		return nil, errors.New("single sign-on needs WAYMARK_OIDC_CLIENT_ID and WAYMARK_OIDC_REDIRECT_URL as well as WAYMARK_OIDC_ISSUER")
	}
	return o, nil
}

type discovery struct {
	Issuer                string `json:"issuer"`
	AuthorizationEndpoint string `json:"authorization_endpoint"`
	TokenEndpoint         string `json:"token_endpoint"`
	JWKSURI               string `json:"jwks_uri"`
}

func (o *OIDC) client() *http.Client {
	if o.HTTP != nil {
		return o.HTTP
	}
	return http.DefaultClient
}

func (o *OIDC) now() time.Time {
	if o.Now != nil {
		return o.Now()
	}
	return time.Now()
}

func (o *OIDC) getJSON(ctx context.Context, u string, v any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return err
	}
	res, err := o.client().Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("%s answered %s", u, res.Status)
	}
	return json.NewDecoder(io.LimitReader(res.Body, 1<<20)).Decode(v)
}

// discover reads the provider's discovery document, once.
func (o *OIDC) discover(ctx context.Context) (*discovery, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.discovery != nil {
		return o.discovery, nil
	}
	var d discovery
	if err := o.getJSON(ctx, strings.TrimSuffix(o.Issuer, "/")+"/.well-known/openid-configuration", &d); err != nil {
		return nil, fmt.Errorf("single sign-on discovery: %w", err)
	}
	if d.Issuer != o.Issuer || d.AuthorizationEndpoint == "" || d.TokenEndpoint == "" || d.JWKSURI == "" {
		return nil, fmt.Errorf("single sign-on discovery: the provider's document names issuer %q, not %q, or lacks an endpoint", d.Issuer, o.Issuer)
	}
	o.discovery = &d
	return &d, nil
}

// Challenge is what a sign-in through the provider must remember between
// sending the user there and their coming back.
type Challenge struct {
	State, Nonce, Verifier string
}

// NewChallenge makes a fresh random state, nonce and PKCE verifier.
func NewChallenge() Challenge { return Challenge{NewToken(), NewToken(), NewToken()} }

// AuthURL is where to send the user to sign in.
func (o *OIDC) AuthURL(ctx context.Context, c Challenge) (string, error) {
	d, err := o.discover(ctx)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256([]byte(c.Verifier))
	q := url.Values{
		"response_type":         {"code"},
		"client_id":             {o.ClientID},
		"redirect_uri":          {o.RedirectURL},
		"scope":                 {"openid profile email"},
		"state":                 {c.State},
		"nonce":                 {c.Nonce},
		"code_challenge":        {base64.RawURLEncoding.EncodeToString(sum[:])},
		"code_challenge_method": {"S256"},
	}
	sep := "?"
	if strings.Contains(d.AuthorizationEndpoint, "?") {
		sep = "&"
	}
	return d.AuthorizationEndpoint + sep + q.Encode(), nil
}

// Identity is who the provider says signed in.
type Identity struct {
	Subject string
	Email   string // the email claim, or else preferred_username (Entra ID's UPN)
	Name    string
}

// Exchange trades the code the provider sent back for an ID token and
// checks it: signature, issuer, audience, expiry and nonce.
func (o *OIDC) Exchange(ctx context.Context, code string, c Challenge) (*Identity, error) {
	d, err := o.discover(ctx)
	if err != nil {
		return nil, err
	}
	form := url.Values{"grant_type": {"authorization_code"}, "code": {code}, "redirect_uri": {o.RedirectURL},
		"client_id": {o.ClientID}, "code_verifier": {c.Verifier}}
	if o.ClientSecret != "" {
		form.Set("client_secret", o.ClientSecret)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, d.TokenEndpoint, strings.NewReader(form.Encode()))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	res, err := o.client().Do(req)
	if err != nil {
		return nil, fmt.Errorf("single sign-on token request: %w", err)
	}
	defer res.Body.Close()
	var tok struct {
		IDToken string `json:"id_token"`
		Error   string `json:"error"`
	}
	if err := json.NewDecoder(io.LimitReader(res.Body, 1<<20)).Decode(&tok); err != nil || res.StatusCode != http.StatusOK || tok.IDToken == "" {
		return nil, fmt.Errorf("single sign-on token request: %s %s", res.Status, tok.Error)
	}
	return o.verify(ctx, tok.IDToken, c.Nonce)
}

// clockSkew is how far the provider's clock may differ from ours.
const clockSkew = 2 * time.Minute

func (o *OIDC) verify(ctx context.Context, idToken, nonce string) (*Identity, error) {
	parts := strings.Split(idToken, ".")
	if len(parts) != 3 {
		return nil, errors.New("ID token is not a JWT")
	}
	var header struct {
		Alg string `json:"alg"`
		Kid string `json:"kid"`
	}
	if err := decodeSegment(parts[0], &header); err != nil {
		return nil, err
	}
	if header.Alg != "RS256" {
		return nil, fmt.Errorf("ID token signed with %q; only RS256 is accepted", header.Alg)
	}
	key, err := o.key(ctx, header.Kid)
	if err != nil {
		return nil, err
	}
	sig, err := base64.RawURLEncoding.DecodeString(parts[2])
	if err != nil {
		return nil, errors.New("ID token signature is not base64url")
	}
	digest := sha256.Sum256([]byte(parts[0] + "." + parts[1]))
	if err := rsa.VerifyPKCS1v15(key, crypto.SHA256, digest[:], sig); err != nil {
		return nil, errors.New("ID token signature does not verify")
	}
	var claims struct {
		Iss               string          `json:"iss"`
		Sub               string          `json:"sub"`
		Aud               json.RawMessage `json:"aud"`
		Exp               float64         `json:"exp"`
		Nbf               float64         `json:"nbf"`
		Nonce             string          `json:"nonce"`
		Email             string          `json:"email"`
		PreferredUsername string          `json:"preferred_username"`
		Name              string          `json:"name"`
	}
	if err := decodeSegment(parts[1], &claims); err != nil {
		return nil, err
	}
	var audiences []string
	if err := json.Unmarshal(claims.Aud, &audiences); err != nil {
		var one string
		if json.Unmarshal(claims.Aud, &one) != nil {
			return nil, errors.New("ID token audience is malformed")
		}
		audiences = []string{one}
	}
	now := o.now()
	switch {
	case claims.Iss != o.Issuer:
		return nil, fmt.Errorf("ID token from issuer %q", claims.Iss)
	case !slices.Contains(audiences, o.ClientID):
		return nil, errors.New("ID token is not for this client")
	case now.After(time.Unix(int64(claims.Exp), 0).Add(clockSkew)):
		return nil, errors.New("ID token has expired")
	case claims.Nbf != 0 && now.Add(clockSkew).Before(time.Unix(int64(claims.Nbf), 0)):
		return nil, errors.New("ID token is not valid yet")
	case !Equal(claims.Nonce, nonce):
		return nil, errors.New("ID token nonce does not match the sign-in")
	case claims.Sub == "":
		return nil, errors.New("ID token has no subject")
	}
	email := claims.Email
	if email == "" {
		email = claims.PreferredUsername
	}
	return &Identity{Subject: claims.Sub, Email: email, Name: claims.Name}, nil
}

func decodeSegment(s string, v any) error {
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return errors.New("ID token segment is not base64url")
	}
	if err := json.Unmarshal(b, v); err != nil {
		return errors.New("ID token segment is not JSON")
	}
	return nil
}

// key returns the provider's signing key with the id, reading the key set
// again when the id is new (providers rotate keys).
func (o *OIDC) key(ctx context.Context, kid string) (*rsa.PublicKey, error) {
	o.mu.Lock()
	k, ok := o.keys[kid]
	o.mu.Unlock()
	if ok {
		return k, nil
	}
	d, err := o.discover(ctx)
	if err != nil {
		return nil, err
	}
	var set struct {
		Keys []struct {
			Kty, Kid, N, E, Use string
		} `json:"keys"`
	}
	if err := o.getJSON(ctx, d.JWKSURI, &set); err != nil {
		return nil, fmt.Errorf("single sign-on keys: %w", err)
	}
	keys := map[string]*rsa.PublicKey{}
	for _, jk := range set.Keys {
		if jk.Kty != "RSA" || jk.Use != "" && jk.Use != "sig" {
			continue
		}
		n, err1 := base64.RawURLEncoding.DecodeString(jk.N)
		e, err2 := base64.RawURLEncoding.DecodeString(jk.E)
		if err1 != nil || err2 != nil || len(e) > 4 {
			continue
		}
		keys[jk.Kid] = &rsa.PublicKey{N: new(big.Int).SetBytes(n), E: int(new(big.Int).SetBytes(e).Int64())}
	}
	o.mu.Lock()
	o.keys = keys
	o.mu.Unlock()
	if k, ok := keys[kid]; ok {
		return k, nil
	}
	return nil, fmt.Errorf("ID token signed with unknown key %q", kid)
}
