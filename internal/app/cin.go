package app

import (
	"bytes"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/waymark-care/waymark/internal/access"
	"github.com/waymark-care/waymark/internal/audit"
	"github.com/waymark-care/waymark/internal/domain"
	"github.com/waymark-care/waymark/internal/returns/cin"
	"github.com/waymark-care/waymark/internal/web"
)

// The children in need census: a page to download it for any collection
// year, its issues (the DfE rules run over the stored records, child by
// child) as a page and in the API, and each child's return readiness for
// the child's page. Who may use them is the policy's ViewAggregates:
// managers, performance analysts, auditors and the partnership.

func init() { feature((*App).mountCIN) }

func (a *App) mountCIN() error {
	a.Private("GET /returns/cin", a.cinPage)
	a.Private("GET /returns/cin/{year}/census.xml", a.cinDownload)
	a.Private("GET /returns/cin/{year}/issues", a.cinIssuesPage)
	a.Private("GET /api/v1/returns/cin/{year}/issues", a.cinIssuesAPI)
	return nil
}

// CINReadiness is a child's return readiness for the current collection
// year: whether the child is in the census, and what the DfE rules find in
// their records, each finding naming the record it concerns (Ref).
func (a *App) CINReadiness(cr *domain.ChildRecord) cin.Readiness {
	p := a.cinYear()
	return cin.CheckChild(cr, p)
}

// cinYear is the collection year today falls in.
func (a *App) cinYear() cin.Period {
	p, _ := cin.CollectionYear(yearOf(collectionYearStart(a.today()).Year()))
	return p
}

func yearOf(start int) string { return fmt.Sprintf("%d-%02d", start, (start+1)%100) }

// cinAllowed answers the request itself (403) unless the user may see
// returns, and reads the collection year from the path (404 if it is not one).
func (a *App) cinAllowed(w http.ResponseWriter, r *http.Request) (cin.Period, bool) {
	if !access.Decide(a.CurrentUser(r), access.ViewAggregates, nil).Allowed {
		if isAPI(r) {
			web.WriteProblem(w, r, http.StatusForbidden, "", "Your role does not give access to statutory returns.", nil)
		} else {
			a.Web.Error(w, r, http.StatusForbidden)
		}
		return cin.Period{}, false
	}
	year := r.PathValue("year")
	if year == "" {
		return a.cinYear(), true
	}
	p, err := cin.CollectionYear(year)
	if err != nil {
		if isAPI(r) {
			web.WriteProblem(w, r, http.StatusNotFound, "", fmt.Sprintf("%q is not a collection year: write it like 2025-26.", year), nil)
		} else {
			a.Web.Error(w, r, http.StatusNotFound)
		}
		return cin.Period{}, false
	}
	return p, true
}

type cinPageData struct {
	Page
	Current string
	Years   []string
}

func (a *App) cinPage(w http.ResponseWriter, r *http.Request) {
	p, ok := a.cinAllowed(w, r)
	if !ok {
		return
	}
	start := p.Start.Year()
	d := cinPageData{Page: a.page(r, "returns"), Current: p.Year()}
	for y := start; y > start-4; y-- {
		d.Years = append(d.Years, yearOf(y))
	}
	a.Web.Render(w, r, http.StatusOK, "cin-census", d)
}

func (a *App) cinDownload(w http.ResponseWriter, r *http.Request) {
	p, ok := a.cinAllowed(w, r)
	if !ok {
		return
	}
	// The return is built before any of it is sent, so that every child in
	// it is in the access log first: a census is the most complete export
	// of children's records there is.
	var out bytes.Buffer
	rep, err := cin.Export(r.Context(), a.DB, p, cin.NewHeader(p, "", "", time.Now()), &out)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	u := a.CurrentUser(r)
	logs := make([]*audit.Access, len(rep.People))
	for i, id := range rep.People {
		logs[i] = &audit.Access{UserID: u.ID, Username: u.Username, Action: audit.Exported, PersonID: id, What: "CIN census " + p.Year()}
	}
	if err := a.DB.LogAccess(r.Context(), logs...); err != nil {
		a.serverError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/xml; charset=utf-8")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="cin-census-%s.xml"`, p.Year()))
	w.Write(out.Bytes())
	a.Logger.InfoContext(r.Context(), "CIN census downloaded", "year", p.Year(), "children", rep.Children, "user_id", u.ID)
}

// cinIssues is the issues report: each child with errors or queries, and
// the findings about the return as a whole.
type cinIssues struct {
	Year     string           `json:"collection_year"`
	Children int              `json:"children"`
	Errors   int              `json:"errors"`
	Queries  int              `json:"queries"`
	Return   []cinFinding     `json:"return_level"`
	Issues   []cinChildIssues `json:"children_with_issues"`
}

type cinChildIssues struct {
	PersonID  int64        `json:"person_id"`
	LAChildID string       `json:"la_child_id"`
	Link      string       `json:"link"`
	Errors    int          `json:"errors"`
	Queries   int          `json:"queries"`
	Findings  []cinFinding `json:"findings"`
}

type cinFinding struct {
	Code    string       `json:"code"`
	Type    cin.Severity `json:"type"`
	Message string       `json:"message"`
	Detail  string       `json:"detail"`
	Path    string       `json:"path"`
	Record  string       `json:"record,omitempty"`
}

func (a *App) cinIssues(r *http.Request, p cin.Period) (*cinIssues, error) {
	rep, err := cin.Export(r.Context(), a.DB, p, nil, nil)
	if err != nil {
		return nil, err
	}
	out := &cinIssues{Year: p.Year(), Children: rep.Children, Errors: rep.Errors(), Queries: rep.Queries()}
	byPerson := map[int64]int{}
	for _, f := range rep.Findings {
		cf := cinFinding{Code: f.Code, Type: f.Type, Message: f.Message, Detail: f.Detail, Path: f.Path}
		if f.Ref.Kind != "" {
			cf.Record = f.Ref.Kind + " " + strconv.FormatInt(f.Ref.ID, 10)
		}
		if f.Child == 0 {
			out.Return = append(out.Return, cf)
			continue
		}
		i, ok := byPerson[f.Person]
		if !ok {
			i = len(out.Issues)
			byPerson[f.Person] = i
			out.Issues = append(out.Issues, cinChildIssues{PersonID: f.Person, LAChildID: f.LAchildID, Link: "/children/" + strconv.FormatInt(f.Person, 10)})
		}
		c := &out.Issues[i]
		c.Findings = append(c.Findings, cf)
		if f.Type == cin.Error {
			c.Errors++
		} else {
			c.Queries++
		}
	}
	return out, nil
}

type cinIssuesPageData struct {
	Page
	*cinIssues
}

func (a *App) cinIssuesPage(w http.ResponseWriter, r *http.Request) {
	p, ok := a.cinAllowed(w, r)
	if !ok {
		return
	}
	issues, err := a.cinIssues(r, p)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	a.Web.Render(w, r, http.StatusOK, "cin-issues", cinIssuesPageData{Page: a.page(r, "returns"), cinIssues: issues})
}

func (a *App) cinIssuesAPI(w http.ResponseWriter, r *http.Request) {
	p, ok := a.cinAllowed(w, r)
	if !ok {
		return
	}
	issues, err := a.cinIssues(r, p)
	if err != nil {
		a.Logger.ErrorContext(r.Context(), "CIN issues failed", "error", err, "request_id", web.RequestID(r.Context()))
		web.WriteProblem(w, r, http.StatusInternalServerError, "", "The census could not be built; the error is logged.", nil)
		return
	}
	web.WriteJSON(w, http.StatusOK, issues)
}
