package app

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"

	"github.com/waymark-care/waymark/internal/access"
	"github.com/waymark-care/waymark/internal/audit"
	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/search"
	"github.com/waymark-care/waymark/internal/storage"
	"github.com/waymark-care/waymark/internal/web"
)

func init() { feature((*App).mountSearch) }

func (a *App) mountSearch() error {
	a.Private("GET /search", a.searchPage)
	a.Private("GET /api/v1/search", a.searchAPI)
	return nil
}

// peopleIndex is the search index and how far through the audit trail it
// has caught up.
type peopleIndex struct {
	mu    sync.Mutex // one catch-up at a time
	index *search.Index
	seq   int64
}

func newPeopleIndex() *peopleIndex { return &peopleIndex{index: search.New()} }

// current brings the index up to date with the database: a cheap look at
// the audit trail's head when nothing changed.
func (x *peopleIndex) current(ctx context.Context, db *storage.DB) (*search.Index, error) {
	x.mu.Lock()
	defer x.mu.Unlock()
	people, deleted, head, err := db.SearchChanges(ctx, x.seq)
	if err != nil {
		return nil, err
	}
	if len(people) > 0 || len(deleted) > 0 {
		ps := make([]search.Person, len(people))
		for i, p := range people {
			ps[i] = search.Person(p)
		}
		x.index.Update(ps, deleted)
	}
	x.seq = head
	return x.index, nil
}

// searchLimit is how many candidates are checked against the access policy.
const searchLimit = 50

// Result is a person found who the user may see.
type Result struct {
	ID          int64      `json:"id"`
	Name        string     `json:"name"`
	DateOfBirth civil.Date `json:"date_of_birth"`
	LAChildID   string     `json:"la_child_id"`
	NHSNumber   string     `json:"nhs_number"`
	Href        string     `json:"href"`
}

// Withheld is a record found by its exact NHS number or LA child ID that the
// user may open only by breaking the glass: they are told it exists, and
// nothing else about it.
type Withheld struct {
	ID   int64  `json:"id"`
	Href string `json:"href"`
}

// findPeople searches, keeps the people the access policy lets the user
// find, and logs each one shown in the access log.
func (a *App) findPeople(ctx context.Context, u *access.User, q search.Query) ([]Result, *Withheld, error) {
	idx, err := a.people.current(ctx, a.DB)
	if err != nil {
		return nil, nil, err
	}
	var results []Result
	var withheld *Withheld
	var logs []*audit.Access
	now := a.now()
	for _, m := range idx.Search(q, searchLimit) {
		facts, err := a.DB.AccessFacts(ctx, m.ID, u.ID, now)
		if err != nil {
			return nil, nil, err
		}
		d := access.Decide(u, access.FindInSearch, facts)
		if !d.Allowed {
			if m.ByID && d.CanBreakGlass {
				withheld = &Withheld{ID: m.ID, Href: fmt.Sprintf("/children/%d", m.ID)}
			}
			continue
		}
		results = append(results, Result{ID: m.ID, Name: strings.TrimSpace(m.Forename + " " + m.Surname), DateOfBirth: m.DateOfBirth,
			LAChildID: m.LAChildID, NHSNumber: m.NHSNumber, Href: fmt.Sprintf("/children/%d", m.ID)})
		logs = append(logs, &audit.Access{UserID: u.ID, Username: u.Username, Action: audit.Listed, PersonID: m.ID, What: "search result", How: string(d.How)})
	}
	if err := a.DB.LogAccess(ctx, logs...); err != nil {
		return nil, nil, err
	}
	return results, withheld, nil
}

type searchPage struct {
	Page
	Form     web.Form
	Searched bool
	Results  web.Table
	Count    int
	Withheld *Withheld
	// NewContact offers a contact about a child not yet known (FD-01).
	NewContact bool
}

func (a *App) searchPage(w http.ResponseWriter, r *http.Request) {
	u := a.CurrentUser(r)
	if !access.Decide(u, access.Search, nil).Allowed {
		a.Web.Error(w, r, http.StatusForbidden)
		return
	}
	p := searchPage{Page: a.page(r, "search"), Form: web.Form{Values: r.URL.Query()}}
	q, errs := parseQuery(r.URL.Query().Get("q"), r.URL.Query().Get("dob-day"), r.URL.Query().Get("dob-month"), r.URL.Query().Get("dob-year"))
	p.Form.Errors = errs
	if len(r.URL.Query()) == 0 || len(errs) > 0 {
		status := http.StatusOK
		if len(errs) > 0 && len(r.URL.Query()) > 0 {
			status = http.StatusUnprocessableEntity
		} else {
			p.Form.Errors = nil
		}
		a.Web.Render(w, r, status, "search", p)
		return
	}
	results, withheld, err := a.findPeople(r.Context(), u, q)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	p.Searched, p.Count, p.Withheld, p.NewContact = true, len(results), withheld, mayRecordNewChild(u)
	p.Results = web.Table{Caption: "People found", Columns: []web.Column{{Header: "Name"}, {Header: "Date of birth"}, {Header: "LA child ID"}, {Header: "NHS number"}}}
	for _, res := range results {
		p.Results.Rows = append(p.Results.Rows, []web.Cell{{Text: res.Name, Href: res.Href}, {Text: longDate(res.DateOfBirth)}, {Text: res.LAChildID}, {Text: res.NHSNumber}})
	}
	a.Web.Render(w, r, http.StatusOK, "search", p)
}

func (a *App) searchAPI(w http.ResponseWriter, r *http.Request) {
	u := a.CurrentUser(r)
	if !access.Decide(u, access.Search, nil).Allowed {
		web.WriteProblem(w, r, http.StatusForbidden, "", "Your role cannot search for people.", nil)
		return
	}
	var errs web.FieldErrors
	q := search.Query{Text: r.URL.Query().Get("q")}
	if dob := r.URL.Query().Get("dob"); dob != "" {
		d, err := civil.Parse(dob)
		if err != nil {
			errs.Add("dob", "Date of birth must be a date written YYYY-MM-DD")
		}
		q.DateOfBirth = d
	}
	if strings.TrimSpace(q.Text) == "" && q.DateOfBirth.IsZero() {
		errs.Add("q", "Give a name, NHS number or LA child ID in q, or a date of birth in dob")
	}
	if len(errs) > 0 {
		web.WriteValidationProblem(w, r, errs)
		return
	}
	results, withheld, err := a.findPeople(r.Context(), u, q)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	if results == nil {
		results = []Result{}
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"results": results, "withheld": withheld})
}

// parseQuery reads the search form: text and an optional date of birth in
// three parts.
func parseQuery(text, day, month, year string) (search.Query, web.FieldErrors) {
	var errs web.FieldErrors
	q := search.Query{Text: strings.TrimSpace(text)}
	if day != "" || month != "" || year != "" {
		var d, m, y int
		_, err1 := fmt.Sscan(strings.TrimSpace(day), &d)
		_, err2 := fmt.Sscan(strings.TrimSpace(month), &m)
		_, err3 := fmt.Sscan(strings.TrimSpace(year), &y)
		date, err := civil.Parse(fmt.Sprintf("%04d-%02d-%02d", y, m, d))
		switch {
		case err1 != nil || err2 != nil || err3 != nil || err != nil || y < 1900:
			errs.Add("dob", "Date of birth must be a real date, like 27 3 2007")
		default:
			q.DateOfBirth = date
		}
	}
	if q.Text == "" && q.DateOfBirth.IsZero() && len(errs) == 0 {
		errs.Add("q", "Enter a name, NHS number or LA child ID, or a date of birth")
	}
	return q, errs
}
