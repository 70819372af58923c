package app

import (
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"time"

	"github.com/waymark-care/waymark/internal/access"
	"github.com/waymark-care/waymark/internal/casework"
	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/codes"
	"github.com/waymark-care/waymark/internal/web"
)

// This file serves the MASH (docs/casework.md, "MARAC and the MASH"): a
// request to a partner agency about the child of a contact, and its answer,
// are casework forms on the child's file (and the casework API's
// mash-requests); the measures of the partners' contribution are here
// (FD-12).

func init() {
	caseworkForms = append(caseworkForms, caseworkForm{Slug: "mash-request", Title: "Ask a MASH partner about a contact", EditTitle: "Record the MASH partner’s answer",
		Kind: "mash_request", Button: "Save", Questions: []question{
			{"contact_id", "Contact", "The contact the partner is asked about", record, "contact", nil, "Select the contact the partner is asked about"},
			{"agency", "Partner agency", "An agency in the MASH on the day (the local setting mash.agencies)", codeSelect, codes.Agency, nil, "Select the partner agency asked"},
			{"requested_at", "When was the agency asked?", "For example, 27 3 2025, and a 24-hour time such as 14:30", dateTime, "", nil, "Enter when the agency was asked"},
			{"responded_at", "When did it answer?", "Leave blank until it has", dateTime, "", nil, ""},
			{"rag", "Its rating of the risk to the child", "", oneOf, codes.RAGRating, nil, ""},
		}})
	feature((*App).mountMASH)
}

func (a *App) mountMASH() error {
	a.Private("GET /mash", a.mashMeasuresPage) // ?format=csv downloads the measures
	a.Private("GET /api/v1/mash/measures", a.mashMeasuresAPI)
	return nil
}

// mashMeasures builds the measures for the period asked (from, default 1
// April; to, default today), answering the request itself when it cannot.
func (a *App) mashMeasures(w http.ResponseWriter, r *http.Request) (*casework.MASHMeasures, bool) {
	if !a.allowed(w, r, access.ViewAggregates, "Your role does not see measures.") {
		return nil, false
	}
	from, to, _, errs := a.measuresQuery(r)
	if len(errs) > 0 {
		if isAPI(r) {
			web.WriteValidationProblem(w, r, errs)
			return nil, false
		}
		r.URL.RawQuery = ""
		from, to, _, _ = a.measuresQuery(r)
	}
	rules, err := a.caseworkRules(r.Context())
	if err != nil {
		a.serverError(w, r, err)
		return nil, false
	}
	requests, err := a.DB.MASHRequests(r.Context(), dayStart(from), dayStart(to.AddDays(1)))
	if err != nil {
		a.serverError(w, r, err)
		return nil, false
	}
	return rules.MeasureMASH(requests, from, to), true
}

// dayStart is the first instant of a day in England.
func dayStart(d civil.Date) time.Time {
	y, m, day := d.Date()
	return time.Date(y, m, day, 0, 0, 0, 0, london)
}

// hours writes a duration in hours, to one decimal place.
func hours(d time.Duration) string { return strconv.FormatFloat(d.Hours(), 'f', 1, 64) }

// mashAgencyRows are the measures by agency, members first in the list's
// order: the page's table and the CSV.
func mashAgencyRows(m *casework.MASHMeasures) [][]string {
	list, _ := codes.Lookup(codes.Agency)
	rows := [][]string{{"agency", "mash_contacts_while_member", "responded", "percent_responded", "responses", "median_response_hours", "red", "amber", "green"}}
	for _, c := range list.Codes {
		ag := m.Agencies[c.Value]
		if ag == nil {
			continue
		}
		pc := ""
		if ag.Responded.D > 0 {
			pc = strconv.FormatFloat(ag.Responded.Percent(), 'f', 1, 64)
		}
		median := ""
		if len(ag.ResponseTimes) > 0 {
			median = hours(ag.ResponseTimes.Median())
		}
		rows = append(rows, []string{c.Description, strconv.Itoa(ag.Responded.D), strconv.Itoa(ag.Responded.N), pc, strconv.Itoa(len(ag.ResponseTimes)),
			median, strconv.Itoa(ag.RAG["red"]), strconv.Itoa(ag.RAG["amber"]), strconv.Itoa(ag.RAG["green"])})
	}
	return rows
}

type mashPageData struct {
	Page
	From, To civil.Date
	Contacts int
	Form     web.Form
	Agencies web.Table
	Months   web.Table
	// Members says who was in the MASH, and from when.
	Members web.SummaryList
	CSV     string
}

func (a *App) mashMeasuresPage(w http.ResponseWriter, r *http.Request) {
	m, ok := a.mashMeasures(w, r)
	if !ok {
		return
	}
	rows := mashAgencyRows(m)
	if r.URL.Query().Get("format") == "csv" {
		writeCSV(w, fmt.Sprintf("mash-%s-to-%s.csv", m.From, m.To), rows)
		return
	}
	q := url.Values{"from": {m.From.String()}, "to": {m.To.String()}}
	p := mashPageData{Page: a.page(r, ""), From: m.From, To: m.To, Contacts: m.Contacts, Form: web.Form{Values: q}, CSV: "/mash?format=csv&" + q.Encode(),
		Agencies: web.Table{Caption: "Each partner agency", FirstCellIsHeader: true, Columns: []web.Column{{Header: "Agency"},
			{Header: "MASH contacts while a member", Numeric: true}, {Header: "Answered", Numeric: true}, {Header: "%", Numeric: true},
			{Header: "Median hours to answer", Numeric: true}, {Header: "Red", Numeric: true}, {Header: "Amber", Numeric: true}, {Header: "Green", Numeric: true}}},
		Months: web.Table{Caption: "Agencies active each month", FirstCellIsHeader: true, Columns: []web.Column{{Header: "Month"},
			{Header: "MASH contacts", Numeric: true}, {Header: "Member agencies", Numeric: true}, {Header: "Agencies that answered", Numeric: true}}}}
	for _, row := range rows[1:] {
		cells := []web.Cell{}
		for i, s := range row {
			if i != 4 { // the count of answers is the CSV's
				cells = append(cells, web.Cell{Text: s})
			}
		}
		p.Agencies.Rows = append(p.Agencies.Rows, cells)
	}
	for _, v := range m.Membership {
		from := "From the beginning"
		if !v.From.IsZero() {
			from = "From " + longDate(v.From)
		}
		p.Members = append(p.Members, web.SummaryRow{Key: from, Value: agencyWords(v.Agencies)})
	}
	for _, mm := range m.Months {
		p.Months.Rows = append(p.Months.Rows, []web.Cell{{Text: mm.Month.Time().Format("January 2006")}, {Text: strconv.Itoa(mm.Contacts)},
			{Text: strconv.Itoa(mm.Members)}, {Text: strconv.Itoa(mm.Active)}})
	}
	a.Web.Render(w, r, http.StatusOK, "marac/mash", p)
}

// mashMeasuresAPI answers GET /api/v1/mash/measures?from=&to=.
func (a *App) mashMeasuresAPI(w http.ResponseWriter, r *http.Request) {
	m, ok := a.mashMeasures(w, r)
	if !ok {
		return
	}
	if wantsCSV(r) {
		writeCSV(w, fmt.Sprintf("mash-%s-to-%s.csv", m.From, m.To), mashAgencyRows(m))
		return
	}
	agencies := []map[string]any{}
	for _, ag := range slices.Sorted(maps.Keys(m.Agencies)) {
		x := m.Agencies[ag]
		row := map[string]any{"agency": ag, "mash_contacts": x.Responded.D, "responded": x.Responded.N, "percent_responded": x.Responded.Percent(),
			"responses": len(x.ResponseTimes), "rag": x.RAG}
		if len(x.ResponseTimes) > 0 {
			row["median_response_minutes"] = int(x.ResponseTimes.Median().Minutes())
		}
		agencies = append(agencies, row)
	}
	months := []map[string]any{}
	for _, mm := range m.Months {
		months = append(months, map[string]any{"month": mm.Month.Time().Format("2006-01"), "mash_contacts": mm.Contacts, "members": mm.Members, "active": mm.Active})
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"from": m.From, "to": m.To, "mash_contacts": m.Contacts, "agencies": agencies, "months": months,
		"membership": m.Membership})
}
