package app

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/waymark-care/waymark/internal/access"
	"github.com/waymark-care/waymark/internal/domain"
	"github.com/waymark-care/waymark/internal/storage"
	"github.com/waymark-care/waymark/internal/web"
)

// A record's managers decide who else may see it: they name people on it
// (how a restricted record is opened to a colleague) and share it with
// partner agencies, whole or only some kinds of record (XC-07).

func init() { feature((*App).mountGrants) }

func (a *App) mountGrants() error {
	a.Private("GET /children/{id}/grants/new", a.grantForm)
	a.Private("POST /children/{id}/grants", a.addGrant)
	a.Private("POST /children/{id}/grants/{grant}/withdraw", a.withdrawGrant)
	a.Private("GET /api/v1/children/{id}/grants", a.grantsAPI)
	a.Private("POST /api/v1/children/{id}/grants", a.addGrant)
	a.Private("DELETE /api/v1/children/{id}/grants/{grant}", a.withdrawGrant)
	return nil
}

// partnerRoles are the roles a record can be shared with.
var partnerRoles = []access.Role{access.Police, access.Health, access.Education, access.PartnershipMember}

// shareableKinds are the kinds of record offered for a partial share, in
// the order of a child's journey.
var shareableKinds = []string{"contact", "referral", "assessment", "strategy_discussion", "section47_enquiry", "conference",
	"cp_plan", "core_group", "visit", "placement", "health_check", "pep", "missing_episode", "court_order"}

type grantPage struct {
	Page
	ID     int64
	Name   string
	Form   web.Form
	Agency []web.Option
	Kinds  []web.Option
}

func (a *App) renderGrantForm(w http.ResponseWriter, r *http.Request, status int, id int64, f web.Form) {
	name, err := a.personName(r, id)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	p := grantPage{Page: a.page(r, ""), ID: id, Name: name, Form: f}
	for _, role := range partnerRoles {
		p.Agency = append(p.Agency, web.Option{Value: string(role), Text: role.Title()})
	}
	for _, k := range shareableKinds {
		kind, _ := domain.KindNamed(k)
		p.Kinds = append(p.Kinds, web.Option{Value: k, Text: kind.Title})
	}
	a.Web.Render(w, r, status, "grant", p)
}

func (a *App) grantForm(w http.ResponseWriter, r *http.Request) {
	c, ok := a.decideChild(w, r, access.ManageGrants)
	if !ok {
		return
	}
	a.renderGrantForm(w, r, http.StatusOK, c.personID, web.Form{})
}

// grantRequest is a grant as the API takes it: a username or a partner
// role, the kinds shared (none for the whole record) and why.
type grantRequest struct {
	Username string   `json:"username"`
	Role     string   `json:"role"`
	Kinds    []string `json:"kinds"`
	Reason   string   `json:"reason"`
}

// check turns a request into a grant, or says what is wrong with it, with
// the form's field names.
func (a *App) checkGrant(r *http.Request, personID int64, g grantRequest) (*storage.Grant, web.FieldErrors) {
	var errs web.FieldErrors
	grant := &storage.Grant{PersonID: personID, Reason: strings.TrimSpace(g.Reason)}
	switch {
	case g.Username != "" && g.Role != "":
		errs.Add("who", "Name one person or one agency, not both")
	case g.Username != "":
		acct, err := a.DB.AccountByUsername(r.Context(), g.Username)
		if err != nil || acct.Disabled {
			errs.Add("username", "Enter the username of someone with a Waymark account")
		} else {
			grant.UserID = acct.ID
		}
	case g.Role != "":
		if !slices.Contains(partnerRoles, access.Role(g.Role)) {
			errs.Add("role", "Choose a partner agency")
		}
		grant.Role = access.Role(g.Role)
	default:
		errs.Add("who", "Choose whether to name a person or share with an agency")
	}
	for _, k := range g.Kinds {
		if !slices.Contains(shareableKinds, k) {
			if _, ok := domain.KindNamed(k); !ok {
				errs.Add("kinds", fmt.Sprintf("%q is not a kind of record", k))
				break
			}
		}
	}
	grant.Kinds = g.Kinds
	switch {
	case len(grant.Reason) < 10:
		errs.Add("reason", "Enter why they need to see this record, in at least 10 characters")
	case len(grant.Reason) > 1000:
		errs.Add("reason", "The reason must be 1,000 characters or fewer")
	}
	return grant, errs
}

func (a *App) addGrant(w http.ResponseWriter, r *http.Request) {
	c, ok := a.decideChild(w, r, access.ManageGrants)
	if !ok {
		return
	}
	var g grantRequest
	if isAPI(r) {
		if err := json.NewDecoder(r.Body).Decode(&g); err != nil {
			web.WriteProblem(w, r, http.StatusBadRequest, "", `The body must be JSON: {"username" or "role", "kinds", "reason"}.`, nil)
			return
		}
	} else {
		f := r.PostForm
		switch f.Get("who") {
		case "user":
			g.Username = strings.TrimSpace(f.Get("username"))
		case "agency":
			g.Role = f.Get("role")
		}
		if f.Get("scope") == "kinds" {
			g.Kinds = f["kinds"]
		}
		g.Reason = f.Get("reason")
	}
	grant, errs := a.checkGrant(r, c.personID, g)
	if !isAPI(r) {
		// The form asks who first, then for the username or agency: once
		// who is answered, say which of those is missing.
		switch who := r.PostForm.Get("who"); {
		case who == "user" && g.Username == "":
			errs = replaceError(errs, "who", "username", "Enter the username of the person to name")
		case who == "agency" && g.Role == "":
			errs = replaceError(errs, "who", "role", "Choose a partner agency")
		}
		if r.PostForm.Get("scope") == "kinds" && len(g.Kinds) == 0 {
			errs.Add("kinds", "Choose at least one kind of record to share")
		}
	}
	if len(errs) > 0 {
		if isAPI(r) {
			web.WriteValidationProblem(w, r, errs)
			return
		}
		a.renderGrantForm(w, r, http.StatusUnprocessableEntity, c.personID, web.Form{Values: r.PostForm, Errors: errs})
		return
	}
	if err := a.DB.GrantAccess(r.Context(), storage.Change{Actor: c.user.Username, At: a.now()}, grant); err != nil {
		a.serverError(w, r, err)
		return
	}
	if isAPI(r) {
		web.WriteJSON(w, http.StatusCreated, grant)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/children/%d#who-else", c.personID), http.StatusSeeOther)
}

func (a *App) withdrawGrant(w http.ResponseWriter, r *http.Request) {
	c, ok := a.decideChild(w, r, access.ManageGrants)
	if !ok {
		return
	}
	id, err := strconv.ParseInt(r.PathValue("grant"), 10, 64)
	gs, gerr := a.DB.Grants(r.Context(), c.personID, a.now())
	if gerr != nil {
		a.serverError(w, r, gerr)
		return
	}
	i := slices.IndexFunc(gs, func(g storage.Grant) bool { return g.ID == id })
	if err != nil || i < 0 || gs[i].BreakGlass {
		// Broken glasses expire by themselves; they are not withdrawn.
		a.Web.Error(w, r, http.StatusNotFound)
		return
	}
	if err := a.DB.RevokeGrant(r.Context(), storage.Change{Actor: c.user.Username, At: a.now()}, id); err != nil && !errors.Is(err, storage.ErrNotFound) {
		a.serverError(w, r, err)
		return
	}
	if isAPI(r) {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/children/%d#who-else", c.personID), http.StatusSeeOther)
}

func (a *App) grantsAPI(w http.ResponseWriter, r *http.Request) {
	c, ok := a.decideChild(w, r, access.ViewChildAccessLog)
	if !ok {
		return
	}
	gs, err := a.DB.Grants(r.Context(), c.personID, a.now())
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	if gs == nil {
		gs = []storage.Grant{}
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"grants": gs})
}

// replaceError puts an error for field instead of the one for old, in its
// place in the summary.
func replaceError(errs web.FieldErrors, old, field, message string) web.FieldErrors {
	for i, e := range errs {
		if e.Field == old {
			errs[i] = web.FieldError{Field: field, Message: message}
		}
	}
	return errs
}
