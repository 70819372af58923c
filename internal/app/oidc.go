package app

import (
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/waymark-care/waymark/internal/auth"
	"github.com/waymark-care/waymark/internal/storage"
	"github.com/waymark-care/waymark/internal/web"
)

// Single sign-on: /auth/oidc/start sends the user to the provider with a
// fresh state, nonce and PKCE verifier, kept in a short-lived cookie; the
// provider sends them back to /auth/oidc/callback, where the code is
// exchanged and the ID token checked (package auth). The user is matched to
// their Waymark account by the provider's subject, or, the first time, by
// email address, which links the two; their roles are the account's.

const oidcCookie = "__Host-waymark-oidc"

func (a *App) oidcStart(w http.ResponseWriter, r *http.Request) {
	c := auth.NewChallenge()
	u, err := a.Security.OIDC.AuthURL(r.Context(), c)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	next := safeNext(r.URL.Query().Get("next"))
	http.SetCookie(w, &http.Cookie{Name: oidcCookie, Value: url.Values{"s": {c.State}, "n": {c.Nonce}, "v": {c.Verifier}, "next": {next}}.Encode(),
		Path: "/", Secure: true, HttpOnly: true, SameSite: http.SameSiteLaxMode, MaxAge: 600})
	http.Redirect(w, r, u, http.StatusSeeOther)
}

func (a *App) oidcCallback(w http.ResponseWriter, r *http.Request) {
	fail := func(reason string, userID int64) {
		a.Logger.WarnContext(r.Context(), "single sign-on failed", "reason", reason, "user_id", userID, "request_id", web.RequestID(r.Context()))
		var f web.Form
		f.Errors.Add("username", "Your organisation account could not be used to sign in to Waymark. Try again, or contact your Waymark administrator")
		a.renderSignIn(w, r, http.StatusUnauthorized, f, "")
	}
	ck, err := r.Cookie(oidcCookie)
	if err != nil {
		fail("no_challenge", 0)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: oidcCookie, Path: "/", Secure: true, HttpOnly: true, SameSite: http.SameSiteLaxMode, MaxAge: -1})
	saved, err := url.ParseQuery(ck.Value)
	q := r.URL.Query()
	if err != nil || !auth.Equal(q.Get("state"), saved.Get("s")) {
		fail("state", 0)
		return
	}
	if q.Get("error") != "" || q.Get("code") == "" {
		fail("provider_refused", 0)
		return
	}
	id, err := a.Security.OIDC.Exchange(r.Context(), q.Get("code"), auth.Challenge{State: saved.Get("s"), Nonce: saved.Get("n"), Verifier: saved.Get("v")})
	if err != nil {
		a.Logger.WarnContext(r.Context(), "single sign-on token refused", "error", err, "request_id", web.RequestID(r.Context()))
		fail("token", 0)
		return
	}
	acct, err := a.DB.AccountBySubject(r.Context(), id.Subject)
	if errors.Is(err, storage.ErrNotFound) {
		// First sign-on: link the account with this email address, if it is
		// not linked to another subject already.
		acct, err = a.DB.AccountByEmail(r.Context(), id.Email)
		if err == nil && acct.OIDCSubject != "" {
			fail("email_linked_elsewhere", acct.ID)
			return
		}
		if err == nil {
			acct.OIDCSubject = id.Subject
			err = a.DB.UpdateAccount(r.Context(), storage.Change{Actor: "single sign-on"}, acct)
		}
	}
	if errors.Is(err, storage.ErrNotFound) {
		fail("no_account", 0)
		return
	}
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	if acct.Disabled {
		fail("disabled", acct.ID)
		return
	}
	if err := a.startSession(w, r, acct); err != nil {
		a.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, safeNext(strings.TrimSpace(saved.Get("next"))), http.StatusSeeOther)
}
