package app

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/waymark-care/waymark/internal/access"
	"github.com/waymark-care/waymark/internal/auth"
	"github.com/waymark-care/waymark/internal/storage"
	"github.com/waymark-care/waymark/internal/web"
)

// Security holds the sign-in and session settings (docs/security.md).
type Security struct {
	// IdleTimeout ends a session not used for this long; AbsoluteTimeout
	// ends any session this long after sign-in.
	IdleTimeout, AbsoluteTimeout time.Duration
	// BreakGlassFor is how long a broken glass keeps a record open.
	BreakGlassFor time.Duration
	// Now is the clock; nil is time.Now. Tests set it.
	Now func() time.Time
	// OIDC is single sign-on, if configured (WAYMARK_OIDC_*; oidc.go).
	OIDC *auth.OIDC
	// throttle limits failed sign-ins per client address.
	throttle *auth.Throttle
}

// DefaultSecurity is the settings Waymark runs with.
var DefaultSecurity = Security{IdleTimeout: 30 * time.Minute, AbsoluteTimeout: 12 * time.Hour, BreakGlassFor: 8 * time.Hour}

// touchEvery is how stale a session's last-seen time may get before a
// request writes it again: often enough for the idle timeout, rarely enough
// that reading pages does not mean writing sessions.
const touchEvery = time.Minute

const (
	sessionCookie = "__Host-waymark-session"
	// signInCookie carries the sign-in form's own CSRF token, before there
	// is a session to hold one.
	signInCookie = "__Host-waymark-sign-in"
	csrfField    = "csrf_token"
	csrfHeader   = "X-CSRF-Token"
)

func (a *App) now() time.Time {
	if a.Security.Now != nil {
		return a.Security.Now()
	}
	return time.Now()
}

type userKey struct{}

// signedIn is who made a request and how: by a session (with its CSRF
// token) or by an API token.
type signedIn struct {
	user    *access.User
	session *storage.Session // nil for an API token
}

// CurrentUser returns the signed-in user making the request, or nil. Routes
// registered with Private have it already; elsewhere it looks the session
// or API token up.
func (a *App) CurrentUser(r *http.Request) *access.User {
	if s := a.whoIs(r); s != nil {
		return s.user
	}
	return nil
}

// CSRFToken is the token that forms posted by the signed-in user must carry
// in a hidden field named csrf_token (or API calls made with the session
// cookie, in an X-CSRF-Token header).
func (a *App) CSRFToken(r *http.Request) string {
	if s := a.whoIs(r); s != nil && s.session != nil {
		return s.session.CSRFToken
	}
	return ""
}

func (a *App) whoIs(r *http.Request) *signedIn {
	if s, ok := r.Context().Value(userKey{}).(*signedIn); ok {
		return s
	}
	s, err := a.authenticate(r)
	if err != nil {
		a.Logger.ErrorContext(r.Context(), "authenticating request", "error", err, "request_id", web.RequestID(r.Context()))
	}
	return s
}

// authenticate finds the user by API token (Authorization: Bearer) or by
// session cookie, ending sessions past their timeouts. Disabled accounts
// are no one.
func (a *App) authenticate(r *http.Request) (*signedIn, error) {
	ctx := r.Context()
	if h := r.Header.Get("Authorization"); h != "" {
		token, ok := strings.CutPrefix(h, "Bearer ")
		if !ok || token == "" {
			return nil, nil
		}
		_, acct, err := a.DB.TokenUser(ctx, auth.TokenHash(token))
		if errors.Is(err, storage.ErrNotFound) || err == nil && acct.Disabled {
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		return &signedIn{user: acct.User()}, nil
	}
	c, err := r.Cookie(sessionCookie)
	if err != nil || c.Value == "" {
		return nil, nil
	}
	hash := auth.TokenHash(c.Value)
	s, acct, err := a.DB.SessionUser(ctx, hash)
	if errors.Is(err, storage.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	now := a.now()
	if acct.Disabled || now.Sub(s.LastSeenAt) > a.Security.IdleTimeout || now.Sub(s.CreatedAt) > a.Security.AbsoluteTimeout {
		return nil, a.DB.DeleteSession(ctx, hash)
	}
	if now.Sub(s.LastSeenAt) > touchEvery {
		if err := a.DB.TouchSession(ctx, hash, now); err != nil {
			return nil, err
		}
	}
	return &signedIn{user: acct.User(), session: s}, nil
}

// RequireUser lets only signed-in users through to h. Others are sent to
// sign in (pages) or answered 401 (the API). State-changing requests made
// with the session cookie must carry the session's CSRF token and, when the
// browser sends one, an Origin of this site.
func (a *App) RequireUser(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s := a.whoIs(r)
		if s == nil {
			if isAPI(r) {
				w.Header().Set("WWW-Authenticate", `Bearer realm="waymark"`)
				web.WriteProblem(w, r, http.StatusUnauthorized, "", "Sign in, or send an API token in the Authorization header.", nil)
				return
			}
			if r.Method == http.MethodGet || r.Method == http.MethodHead {
				http.Redirect(w, r, "/sign-in?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
				return
			}
			a.Web.Error(w, r, http.StatusUnauthorized)
			return
		}
		if s.session != nil && !safeMethod(r.Method) && !a.validCSRF(w, r, s.session.CSRFToken) {
			return
		}
		// The copy carries the pattern the mux matched, so metrics and logs
		// still name the route.
		h.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), userKey{}, s)))
	})
}

// Private registers a route that only signed-in users may reach: every
// feature's pages and API routes go through it, so none forgets sign-in or
// CSRF. What each user may see is still the access policy's to decide.
func (a *App) Private(pattern string, h http.HandlerFunc) {
	a.Web.Handle(pattern, a.RequireUser(h))
}

func safeMethod(m string) bool {
	return m == http.MethodGet || m == http.MethodHead || m == http.MethodOptions
}

func isAPI(r *http.Request) bool {
	return r.URL.Path == "/api" || strings.HasPrefix(r.URL.Path, "/api/")
}

// validCSRF checks a state-changing request's token against want, and its
// Origin, answering 403 when they fail.
func (a *App) validCSRF(w http.ResponseWriter, r *http.Request, want string) bool {
	if o := r.Header.Get("Origin"); o != "" {
		u, err := url.Parse(o)
		if err != nil || u.Host != r.Host {
			a.refuseCSRF(w, r, "origin")
			return false
		}
	}
	got := r.Header.Get(csrfHeader)
	if got == "" {
		if err := r.ParseForm(); err != nil {
			if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
				a.Web.Error(w, r, http.StatusRequestEntityTooLarge)
				return false
			}
			a.Web.Error(w, r, http.StatusBadRequest)
			return false
		}
		got = r.PostForm.Get(csrfField)
	}
	if !auth.Equal(got, want) {
		a.refuseCSRF(w, r, "token")
		return false
	}
	return true
}

func (a *App) refuseCSRF(w http.ResponseWriter, r *http.Request, why string) {
	a.Logger.WarnContext(r.Context(), "cross-site request refused", "check", why, "request_id", web.RequestID(r.Context()))
	if isAPI(r) {
		web.WriteProblem(w, r, http.StatusForbidden, "", "The request did not carry this session's CSRF token.", nil)
		return
	}
	a.Web.Error(w, r, http.StatusForbidden)
}

// clientAddress is the address failed sign-ins are throttled by.
func clientAddress(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// startSession signs the account in: a new session with a new token (so a
// token planted before sign-in is worthless), replacing any session the
// browser had.
func (a *App) startSession(w http.ResponseWriter, r *http.Request, acct *storage.Account) error {
	if c, err := r.Cookie(sessionCookie); err == nil && c.Value != "" {
		if err := a.DB.DeleteSession(r.Context(), auth.TokenHash(c.Value)); err != nil {
			return err
		}
	}
	token, now := auth.NewToken(), a.now()
	// Signing in is a good moment to clear away sessions that have timed out.
	if _, err := a.DB.DeleteExpiredSessions(r.Context(), now.Add(-a.Security.IdleTimeout), now.Add(-a.Security.AbsoluteTimeout)); err != nil {
		return err
	}
	s := &storage.Session{TokenHash: auth.TokenHash(token), UserID: acct.ID, CSRFToken: auth.NewToken(), CreatedAt: now, LastSeenAt: now}
	if err := a.DB.CreateSession(r.Context(), s); err != nil {
		return err
	}
	setCookie(w, sessionCookie, token)
	a.Logger.InfoContext(r.Context(), "signed in", "user_id", acct.ID, "request_id", web.RequestID(r.Context()))
	return nil
}

// setCookie sets a cookie only this site's pages over HTTPS (or localhost)
// may send, never scripts, and not on requests from other sites' forms. It
// lasts until the browser closes; the server ends sessions sooner.
func setCookie(w http.ResponseWriter, name, value string) {
	c := &http.Cookie{Name: name, Value: value, Path: "/", Secure: true, HttpOnly: true, SameSite: http.SameSiteLaxMode}
	if value == "" {
		c.MaxAge = -1
	}
	http.SetCookie(w, c)
}

// safeNext is where to go after signing in: a path on this site, never
// another site.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") || strings.HasPrefix(next, "/sign-") {
		return "/"
	}
	return next
}
