package app

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/waymark-care/waymark/internal/access"
	"github.com/waymark-care/waymark/internal/calendar"
	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/domain"
	"github.com/waymark-care/waymark/internal/timescales"
	"github.com/waymark-care/waymark/internal/web"
	"github.com/waymark-care/waymark/internal/worklist"
)

// This file holds what the worklist, compliance, due-item and policy
// handlers share: the authority's timescales engine, its workforce, and
// the access policy's answer for a child in a caseload.

// Engine is the timescales engine with the authority's local policy and
// its extra bank holidays, as saved now: a change takes effect at once.
func (a *App) Engine(ctx context.Context) (worklist.Engine, error) {
	saved, err := a.DB.LocalPolicy(ctx)
	if err != nil {
		return worklist.Engine{}, err
	}
	policy := timescales.DefaultPolicy()
	if saved.Document != nil {
		// Checked when it was saved, so an error here is a fault.
		if policy, err = timescales.LoadPolicy(bytes.NewReader(saved.Document)); err != nil {
			return worklist.Engine{}, fmt.Errorf("saved local policy: %w", err)
		}
	}
	extra, err := a.DB.ExtraHolidays(ctx)
	if err != nil {
		return worklist.Engine{}, err
	}
	return worklist.Engine{Rules: timescales.Rules(), Policy: policy, Calendar: calendar.EnglandAndWales().WithExtraHolidays(extra...)}, nil
}

// directory reads the workforce.
func (a *App) directory(ctx context.Context) (*worklist.Directory, error) {
	teams, profs, err := a.DB.Workforce(ctx)
	if err != nil {
		return nil, err
	}
	return worklist.NewDirectory(teams, profs), nil
}

// sees returns whether u may see a child's record, asking the access policy
// with the facts the caseload holds: the child's current involvements, the
// management line above them, whether the record is restricted and whether
// the child is looked after. Grants and chairs are not in the caseload, so
// a record open to the user only by a grant is withheld here, never shown
// wrongly.
func sees(u *access.User, day civil.Date, dir *worklist.Directory) func(cr *domain.ChildRecord) bool {
	return func(cr *domain.ChildRecord) bool {
		return access.Decide(u, access.ViewRecord, childFacts(cr, day, dir)).Allowed
	}
}

func childFacts(cr *domain.ChildRecord, day civil.Date, dir *worklist.Directory) *access.Child {
	c := &access.Child{PersonID: cr.Person.ID, Restricted: cr.Person.Restricted}
	inLine := map[int64]bool{}
	for _, inv := range cr.Involvements {
		if inv.From.After(day) || !inv.To.IsZero() && inv.To.Before(day) {
			continue
		}
		team := inv.TeamID
		if p := dir.Professional(inv.ProfessionalID); team == 0 && p != nil {
			team = p.TeamID
		}
		c.Involved = append(c.Involved, access.Involvement{ProfessionalID: inv.ProfessionalID, TeamID: team, Role: inv.Role})
		for t := dir.Team(team); t != nil && !inLine[t.ID]; t = dir.Team(t.ParentTeamID) {
			inLine[t.ID] = true
			c.Line = append(c.Line, access.Team{ID: t.ID, ManagerID: t.ManagerID})
		}
	}
	for _, e := range cr.CareEpisodes {
		if !e.StartDate.After(day) && (e.EndDate.IsZero() || !e.EndDate.Before(day)) {
			c.LookedAfter = true
		}
	}
	return c
}

// today is the day in England.
func (a *App) today() civil.Date { return civil.OfTime(a.now().In(london)) }

// dateParam reads an optional ISO date from the query; def if absent. A
// date that cannot be read is added to errs against the parameter's name.
func dateParam(q url.Values, name string, def civil.Date, errs *web.FieldErrors) civil.Date {
	s := strings.TrimSpace(q.Get(name))
	if s == "" {
		return def
	}
	d, err := civil.Parse(s)
	if err != nil || d.IsZero() {
		errs.Add(name, fmt.Sprintf("%s must be a date written YYYY-MM-DD, like 2015-10-07", name))
		return def
	}
	return d
}

// idParam reads an optional ID from the query; 0 if absent.
func idParam(q url.Values, name string, errs *web.FieldErrors) int64 {
	s := strings.TrimSpace(q.Get(name))
	if s == "" {
		return 0
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		errs.Add(name, fmt.Sprintf("%s must be the number of a %s", name, name))
	}
	return n
}

// wantsCSV reports whether an API request asks for CSV, by ?format=csv or
// the Accept header.
func wantsCSV(r *http.Request) bool {
	return r.URL.Query().Get("format") == "csv" || strings.Contains(r.Header.Get("Accept"), "text/csv")
}

// writeCSV sends rows as a CSV download. Cells that a spreadsheet would
// read as a formula are prefixed with an apostrophe.
func writeCSV(w http.ResponseWriter, filename string, rows [][]string) {
	var buf bytes.Buffer
	cw := csv.NewWriter(&buf)
	for _, row := range rows {
		for i, cell := range row {
			if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
				row[i] = "'" + cell
			}
		}
		cw.Write(row)
	}
	cw.Flush()
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", filename))
	w.Write(buf.Bytes())
}

// refLink is a stored record an item refers to, for the API.
type refLink struct {
	Kind  string `json:"kind"`
	ID    int64  `json:"id"`
	Title string `json:"title"`
}

func refOf(s string) *refLink {
	r, err := worklist.ParseRef(s)
	if err != nil || r.IsZero() {
		return nil
	}
	return &refLink{Kind: r.Kind, ID: r.ID, Title: r.Title()}
}

// itemJSON is a timescales item in the API.
type itemJSON struct {
	RuleID      string     `json:"rule_id"`
	Title       string     `json:"title"`
	Standard    string     `json:"standard"`
	Confidence  string     `json:"confidence"`
	Clock       string     `json:"clock"`
	Setting     string     `json:"setting,omitempty"`
	Status      string     `json:"status"`
	Due         civil.Date `json:"due"`
	DueAt       string     `json:"due_at,omitempty"`
	Met         civil.Date `json:"met"`
	DaysLate    int        `json:"days_late"`
	Covid       bool       `json:"covid,omitempty"`
	Explanation string     `json:"explanation"`
	Root        *refLink   `json:"root"`
	Start       *refLink   `json:"start"`
	MetBy       *refLink   `json:"met_by"`
}

func itemOf(it *timescales.Item) itemJSON {
	j := itemJSON{RuleID: it.RuleID, Title: it.Title, Standard: string(it.Standard), Confidence: string(it.Confidence),
		Clock: it.Clock.String(), Setting: it.Setting, Status: string(it.Status), Due: it.Due, Met: it.Met,
		DaysLate: it.DaysLate, Covid: it.Covid, Explanation: it.Explanation,
		Root: refOf(it.RootRef), Start: refOf(it.StartRef), MetBy: refOf(it.MetRef)}
	if !it.DueAt.IsZero() {
		j.DueAt = it.DueAt.Format("2006-01-02T15:04:05Z07:00")
	}
	return j
}

// statusTag is how a status shows on a page.
func statusTag(s timescales.Status) web.Tag {
	switch s {
	case timescales.Overdue:
		return web.Tag{Text: "Overdue", Colour: "red"}
	case timescales.Missed:
		return web.Tag{Text: "Missed", Colour: "red"}
	case timescales.MetLate:
		return web.Tag{Text: "Done late", Colour: "orange"}
	case timescales.MetOnTime:
		return web.Tag{Text: "Done on time", Colour: "green"}
	}
	return web.Tag{Text: "Due", Colour: "blue"}
}
