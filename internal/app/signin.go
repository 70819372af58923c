package app

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/waymark-care/waymark/internal/access"
	"github.com/waymark-care/waymark/internal/auth"
	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/codes"
	"github.com/waymark-care/waymark/internal/storage"
	"github.com/waymark-care/waymark/internal/web"
)

func init() { feature((*App).mountSignIn) }

func (a *App) mountSignIn() error {
	if err := a.addPages(); err != nil {
		return err
	}
	a.Security.throttle = &auth.Throttle{Max: 20, Window: 15 * time.Minute}
	a.people = newPeopleIndex()
	a.records = newRecordCache(recordCacheSize)
	if a.Security.OIDC == nil {
		o, err := auth.OIDCFromEnv()
		if err != nil {
			return err
		}
		a.Security.OIDC = o
	}
	if a.Security.OIDC != nil {
		a.Web.HandleFunc("GET /auth/oidc/start", a.oidcStart)
		a.Web.HandleFunc("GET /auth/oidc/callback", a.oidcCallback)
	}
	a.Web.HandleFunc("GET /sign-in", a.signInPage)
	a.Web.HandleFunc("POST /sign-in", a.signIn)
	a.Private("GET /sign-out", func(w http.ResponseWriter, r *http.Request) {
		a.Web.Render(w, r, http.StatusOK, "sign-out", a.page(r, "sign-out"))
	})
	a.Private("POST /sign-out", a.signOut)
	a.Web.SetHome(http.HandlerFunc(a.home))
	return nil
}

type signInPage struct {
	Page
	Form         web.Form
	SignInToken  string
	Next         string
	SignedOut    bool
	SingleSignOn bool
}

func (a *App) signInPage(w http.ResponseWriter, r *http.Request) {
	if a.CurrentUser(r) != nil {
		http.Redirect(w, r, safeNext(r.URL.Query().Get("next")), http.StatusSeeOther)
		return
	}
	a.renderSignIn(w, r, http.StatusOK, web.Form{}, r.URL.Query().Get("next"))
}

// renderSignIn shows the sign-in form with a fresh token for it in a cookie
// and the form (double submit), so no other site can sign a user in.
func (a *App) renderSignIn(w http.ResponseWriter, r *http.Request, status int, f web.Form, next string) {
	token := auth.NewToken()
	setCookie(w, signInCookie, token)
	f.Values.Del("password")
	a.Web.Render(w, r, status, "sign-in", signInPage{Form: f, SignInToken: token, Next: safeNext(next), SignedOut: r.URL.Query().Has("signed-out"),
		SingleSignOn: a.Security.OIDC != nil})
}

// signIn checks a username and password. Every failure says the same
// thing, so the form does not tell which usernames exist; a locked account
// says so, since its owner needs to know why they cannot get in.
func (a *App) signIn(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
			a.Web.Error(w, r, http.StatusRequestEntityTooLarge)
			return
		}
		a.Web.Error(w, r, http.StatusBadRequest)
		return
	}
	c, err := r.Cookie(signInCookie)
	if err != nil || !auth.Equal(r.PostForm.Get(csrfField), c.Value) {
		a.refuseCSRF(w, r, "sign-in token")
		return
	}
	f := web.Form{Values: r.PostForm}
	next := r.PostForm.Get("next")
	username, password := strings.TrimSpace(r.PostForm.Get("username")), r.PostForm.Get("password")
	if username == "" {
		f.Errors.Add("username", "Enter your username")
	}
	if password == "" {
		f.Errors.Add("password", "Enter your password")
	}
	if len(f.Errors) > 0 {
		a.renderSignIn(w, r, http.StatusUnprocessableEntity, f, next)
		return
	}
	now, client := a.now(), clientAddress(r)
	fail := func(reason string, userID int64, message string) {
		a.Security.throttle.Failed(client, now)
		// No username: it is personal data, and often a mistyped password.
		a.Logger.WarnContext(r.Context(), "sign-in failed", "reason", reason, "user_id", userID, "request_id", web.RequestID(r.Context()))
		f.Errors.Add("username", message)
		a.renderSignIn(w, r, http.StatusUnauthorized, f, next)
	}
	const wrong = "Enter a correct username and password"
	if !a.Security.throttle.Allowed(client, now) {
		fail("throttled", 0, "There have been too many attempts to sign in from your device. Wait 15 minutes, then try again")
		return
	}
	acct, err := a.DB.AccountByUsername(r.Context(), username)
	if errors.Is(err, storage.ErrNotFound) {
		auth.BurnTime(password)
		fail("unknown_user", 0, wrong)
		return
	}
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	if acct.LockedUntil.After(now) {
		fail("locked", acct.ID, fmt.Sprintf("Your account is locked because of too many attempts to sign in. Try again after %s", acct.LockedUntil.In(london).Format("3:04pm")))
		return
	}
	if !auth.CheckPassword(acct.PasswordHash, password) {
		locked, err := a.DB.SignInFailed(r.Context(), acct.ID, now, auth.Lockout.MaxFailures, auth.Lockout.LockFor)
		if err != nil {
			a.serverError(w, r, err)
			return
		}
		if locked {
			a.Logger.WarnContext(r.Context(), "account locked", "user_id", acct.ID, "request_id", web.RequestID(r.Context()))
		}
		fail("wrong_password", acct.ID, wrong)
		return
	}
	if acct.Disabled {
		fail("disabled", acct.ID, wrong)
		return
	}
	if err := a.DB.SignInSucceeded(r.Context(), acct.ID); err != nil {
		a.serverError(w, r, err)
		return
	}
	if err := a.startSession(w, r, acct); err != nil {
		a.serverError(w, r, err)
		return
	}
	setCookie(w, signInCookie, "")
	http.Redirect(w, r, safeNext(next), http.StatusSeeOther)
}

func (a *App) signOut(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(sessionCookie); err == nil {
		if err := a.DB.DeleteSession(r.Context(), auth.TokenHash(c.Value)); err != nil {
			a.serverError(w, r, err)
			return
		}
	}
	setCookie(w, sessionCookie, "")
	a.Logger.InfoContext(r.Context(), "signed out", "user_id", a.CurrentUser(r).ID, "request_id", web.RequestID(r.Context()))
	http.Redirect(w, r, "/sign-in?signed-out", http.StatusSeeOther)
}

// london is the time zone users read times in.
var london = func() *time.Location {
	l, err := time.LoadLocation("Europe/London")
	if err != nil {
		return time.UTC
	}
	return l
}()

// serverError logs err and answers 500.
func (a *App) serverError(w http.ResponseWriter, r *http.Request, err error) {
	a.Logger.ErrorContext(r.Context(), "request failed", "error", err, "request_id", web.RequestID(r.Context()))
	a.Web.Error(w, r, http.StatusInternalServerError)
}

type homePage struct {
	Page
	Worklist    *homeWorklist
	Allocations web.Table
	// MARACActions are the MARAC's actions the user owns and has not done
	// (FD-11).
	MARACActions     web.Table
	BreakGlassUnseen int
	Search           web.Form
}

// home is the signed-in user's home page: their worklist and their
// children; the public home page for everyone else.
func (a *App) home(w http.ResponseWriter, r *http.Request) {
	u := a.CurrentUser(r)
	if u == nil {
		a.Web.Render(w, r, http.StatusOK, "home", nil)
		return
	}
	p := homePage{Page: a.page(r, "home")}
	if u.ProfessionalID != 0 {
		as, err := a.DB.Allocations(r.Context(), u.ProfessionalID, civil.OfTime(a.now()))
		if err != nil {
			a.serverError(w, r, err)
			return
		}
		p.Allocations = web.Table{Columns: []web.Column{{Header: "Name"}, {Header: "Date of birth"}, {Header: "LA child ID"}, {Header: "Your role"}, {Header: "Since"}}}
		roles, _ := codes.Lookup(codes.InvolvementRole)
		for _, al := range as {
			p.Allocations.Rows = append(p.Allocations.Rows, []web.Cell{
				{Text: al.Person.Name(), Href: fmt.Sprintf("/children/%d", al.Person.ID)},
				{Text: longDate(al.Person.DateOfBirth)}, {Text: al.Person.LAChildID},
				{Text: roles.Describe(al.Role)}, {Text: longDate(al.Since)},
			})
		}
		if len(as) == 0 {
			p.Allocations = web.Table{}
		}
		if p.MARACActions, err = a.maracActionsOwned(r, u); err != nil {
			a.serverError(w, r, err)
			return
		}
		if p.Worklist, err = a.homeWorklist(r); err != nil {
			a.serverError(w, r, err)
			return
		}
		if access.Decide(u, access.ViewBreakGlass, nil).Allowed {
			rs, err := a.DB.BreakGlassReports(r.Context(), u.ProfessionalID, true)
			if err != nil {
				a.serverError(w, r, err)
				return
			}
			p.BreakGlassUnseen = len(rs)
		}
	}
	a.Web.Render(w, r, http.StatusOK, "home-signed-in", p)
}

// longDate is a date as GOV.UK writes it: 7 October 2015.
func longDate(d civil.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.Time().Format("2 January 2006")
}
