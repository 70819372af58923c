// Package chronology derives a child's chronology from their records: every
// dated event from every kind of record in one timeline (AC-08), so the
// page and the API tell the same story. It is pure: a domain.ChildRecord in,
// entries out.
package chronology

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/codes"
	"github.com/waymark-care/waymark/internal/domain"
)

// Type groups entries for filtering.
type Type string

const (
	FrontDoor   Type = "front_door"   // contacts, referrals, early help
	Assessment  Type = "assessment"   // assessments
	Protection  Type = "protection"   // strategy discussions, s47, conferences, CP plans, core groups
	Plans       Type = "plans"        // CIN plans and reviews, written plans
	Visits      Type = "visits"       // statutory visits
	Care        Type = "care"         // placements, episodes of care, looked-after reviews
	Health      Type = "health"       // health checks, SDQ, education
	Missing     Type = "missing"      // missing episodes
	Court       Type = "court"        // pre-proceedings, proceedings, hearings, orders, adoption
	CareLeaving Type = "care_leaving" // care leaver records
	Workers     Type = "workers"      // involvements: who worked with the child
	Notes       Type = "notes"        // case notes, management decisions
	Family      Type = "family"       // birth, addresses, relationships
)

// Types are every type, in the order a filter offers them, with their names.
var Types = []struct {
	Type  Type
	Title string
}{
	{FrontDoor, "Contacts and referrals"}, {Assessment, "Assessments"}, {Protection, "Child protection"},
	{Plans, "Plans and reviews"}, {Visits, "Visits"}, {Care, "Care and placements"}, {Health, "Health and education"},
	{Missing, "Missing episodes"}, {Court, "Court and permanence"}, {CareLeaving, "Leaving care"},
	{Workers, "Workers"}, {Notes, "Case notes and decisions"}, {Family, "Family and addresses"},
}

// Entry is one dated event.
type Entry struct {
	Date civil.Date `json:"date"`
	// At is the time, for events recorded with one.
	At    time.Time `json:"at,omitzero"`
	Type  Type      `json:"type"`
	Title string    `json:"title"`
	// Detail is a line of what happened, from the record's own fields.
	Detail string `json:"detail,omitempty"`
	// Significant marks a significant event (AC-08, CLA-27): a case note so
	// marked, a police notification, a child protection plan, an order.
	Significant bool `json:"significant"`
	// Key marks an event a worker marked as key to the child's story
	// (AC-08, domain.KeyEvent).
	Key bool `json:"key"`
	// Kind and RecordID say which record the event comes from.
	Kind     string `json:"kind"`
	RecordID int64  `json:"record_id"`
}

// england is the time zone events are shown in.
var england = func() *time.Location {
	if l, err := time.LoadLocation("Europe/London"); err == nil {
		return l
	}
	return time.UTC
}()

// Time is the time of the event in England, such as "14:30", or "" for an
// event recorded by date only.
func (e Entry) Time() string {
	if e.At.IsZero() {
		return ""
	}
	return e.At.In(england).Format("15:04")
}

// Filter selects entries.
type Filter struct {
	Types           []Type // none is every type
	SignificantOnly bool
	KeyOnly         bool
	OldestFirst     bool
}

// Build derives the chronology, newest first (or oldest first), keeping
// only kinds for which sees is true (the access policy's Decision.Sees), and
// the filter's types.
func Build(cr *domain.ChildRecord, sees func(kind string) bool, f Filter) []Entry {
	b := &builder{sees: sees}
	b.derive(cr)
	var out []Entry
	for _, e := range b.entries {
		e.Key = (sees == nil || sees("key_event")) && slices.ContainsFunc(cr.KeyEvents, func(k domain.KeyEvent) bool {
			return k.Holds() && k.RecordKind == e.Kind && k.RecordID == e.RecordID && k.EventDate == e.Date
		})
		if len(f.Types) > 0 && !slices.Contains(f.Types, e.Type) || f.SignificantOnly && !e.Significant || f.KeyOnly && !e.Key {
			continue
		}
		out = append(out, e)
	}
	slices.SortStableFunc(out, func(a, b Entry) int {
		c := cmp.Or(a.Date.Compare(b.Date), a.At.Compare(b.At), cmp.Compare(a.RecordID, b.RecordID))
		if f.OldestFirst {
			return c
		}
		return -c
	})
	return out
}

type builder struct {
	sees    func(string) bool
	entries []Entry
}

// add records an event of record r on date d; a zero date adds nothing.
func (b *builder) add(r domain.Record, d civil.Date, t Type, title, detail string, significant bool) {
	if d.IsZero() {
		return
	}
	k := domain.KindOf(r)
	if b.sees != nil && !b.sees(k.Name) {
		return
	}
	b.entries = append(b.entries, Entry{Date: d, Type: t, Title: title, Detail: strings.TrimSpace(detail), Significant: significant, Kind: k.Name, RecordID: r.Base().ID})
}

// addAt records an event with a time.
func (b *builder) addAt(r domain.Record, at time.Time, t Type, title, detail string, significant bool) {
	if at.IsZero() {
		return
	}
	b.add(r, civil.OfTime(at), t, title, detail, significant)
	if n := len(b.entries); n > 0 && b.entries[n-1].RecordID == r.Base().ID && b.entries[n-1].At.IsZero() && b.entries[n-1].Title == title {
		b.entries[n-1].At = at
	}
}

func describeAll(list string, cs []string) string {
	ds := make([]string, len(cs))
	for i, c := range cs {
		ds[i] = codes.Describe(list, c)
	}
	return strings.Join(ds, ", ")
}

func yesNo(label string, v *bool) string {
	if v == nil {
		return ""
	}
	if *v {
		return label + ": yes. "
	}
	return label + ": no. "
}

func (b *builder) derive(cr *domain.ChildRecord) {
	p := &cr.Person
	b.add(p, p.DateOfBirth, Family, "Born", "", false)
	b.add(p, p.ExpectedBirth, Family, "Expected date of birth", "", false)
	b.add(p, p.DateOfDeath, Family, "Died", "", true)
	for i := range cr.Addresses {
		a := &cr.Addresses[i]
		b.add(a, a.From, Family, "Moved to "+codes.Describe("address_type", a.Type), strings.Join(nonEmpty(a.Line1, a.Town, a.Postcode), ", "), false)
	}
	for i := range cr.Relationships {
		r := &cr.Relationships[i]
		b.add(r, r.From, Family, "Relationship recorded: "+codes.Describe("relationship_type", r.Type), livesWith(r.LivesWith), false)
		b.add(r, r.To, Family, "Relationship ended: "+codes.Describe("relationship_type", r.Type), "", false)
	}
	for i := range cr.ImmigrationStatuses {
		s := &cr.ImmigrationStatuses[i]
		b.add(s, s.From, Family, "Immigration status: "+codes.Describe("immigration_status", s.Status), "", false)
	}
	for i := range cr.Contacts {
		c := &cr.Contacts[i]
		title := "Contact from " + codes.Describe("referral_source", c.Source)
		if c.DomesticAbuseNotification {
			title = "Police domestic abuse notification"
		}
		b.addAt(c, c.ContactAt, FrontDoor, title, c.PresentingConcerns, c.DomesticAbuseNotification)
		b.addAt(c, c.DecisionAt, FrontDoor, "Contact decision: "+codes.Describe("contact_decision", c.Decision), "", false)
	}
	for i := range cr.MASHRequests {
		q := &cr.MASHRequests[i]
		detail := "No answer yet"
		if !q.RespondedAt.IsZero() {
			detail = "Answered " + q.RespondedAt.In(england).Format("2 January 2006 15:04") + ", rated " + strings.ToLower(codes.Describe("rag_rating", q.RAG))
		}
		b.addAt(q, q.RequestedAt, FrontDoor, "MASH request to "+codes.Describe("agency", q.Agency), detail, false)
	}
	// A MARAC case is about an adult in the child's life; its hearing is a
	// significant event for the child (FD-11).
	for i := range cr.MARACCases {
		m := &cr.MARACCases[i]
		b.add(m, m.ReferralDate, FrontDoor, "Referred to the MARAC", "Referred by "+codes.Describe("agency", m.ReferringAgency), false)
		b.add(m, m.HearingDate, FrontDoor, "MARAC hearing", "Present: "+describeAll("agency", m.AgenciesPresent), true)
		b.add(m, m.InformationSharedDate, FrontDoor, "Children’s social care shared information with the MARAC", "", false)
	}
	for i := range cr.EarlyHelpEpisodes {
		e := &cr.EarlyHelpEpisodes[i]
		b.add(e, e.StartDate, FrontDoor, "Early help started", e.Reason, false)
		b.add(e, e.EndDate, FrontDoor, "Early help ended", codes.Describe("early_help_end_reason", e.EndReason), false)
	}
	for i := range cr.Referrals {
		r := &cr.Referrals[i]
		b.add(r, r.ReferralDate, FrontDoor, "Referral from "+codes.Describe("referral_source", r.Source), codes.Describe("primary_need", r.PrimaryNeed), false)
		b.add(r, r.CloseDate, FrontDoor, "Case closed", codes.Describe("reason_for_closure", r.CloseReason), false)
	}
	for i := range cr.Involvements {
		v := &cr.Involvements[i]
		b.add(v, v.From, Workers, codes.Describe("involvement_role", v.Role)+" allocated", "", false)
		b.add(v, v.To, Workers, codes.Describe("involvement_role", v.Role)+" involvement ended", codes.Describe("worker_change_reason", v.ChangeReason), false)
	}
	for i := range cr.Assessments {
		a := &cr.Assessments[i]
		b.add(a, a.StartDate, Assessment, "Assessment started", "", false)
		b.add(a, a.ChildSeenDate, Assessment, "Child seen during assessment", yesNo("Seen alone", a.SeenAlone), false)
		b.add(a, a.CompletedDate, Assessment, "Assessment completed", describeAll("assessment_factor", a.Factors), false)
		b.add(a, a.AuthorisedDate, Assessment, "Assessment authorised", "", false)
	}
	for i := range cr.StrategyDiscussions {
		s := &cr.StrategyDiscussions[i]
		b.addAt(s, s.HeldAt, Protection, "Strategy discussion", s.Decision, true)
	}
	for i := range cr.Section47Enquiries {
		e := &cr.Section47Enquiries[i]
		b.add(e, e.StartDate, Protection, "Section 47 enquiry started", "", true)
		b.add(e, e.EndDate, Protection, "Section 47 enquiry completed", codes.Describe("s47_outcome", e.Outcome), false)
	}
	for i := range cr.Conferences {
		c := &cr.Conferences[i]
		if !c.Held() {
			continue // booked: it has not happened yet
		}
		b.add(c, c.Date, Protection, codes.Describe("conference_type", c.Type)+" child protection conference", codes.Describe("conference_decision", c.Decision), true)
	}
	for i := range cr.CPPlans {
		c := &cr.CPPlans[i]
		b.add(c, c.StartDate, Protection, "Child protection plan started", "Category: "+codes.Describe("category_of_abuse", c.InitialCategory), true)
		b.add(c, c.EndDate, Protection, "Child protection plan ended", c.EndReason, true)
	}
	for i := range cr.CoreGroups {
		c := &cr.CoreGroups[i]
		b.add(c, c.Date, Protection, "Core group meeting", c.Notes, false)
	}
	for i := range cr.CINPlans {
		c := &cr.CINPlans[i]
		b.add(c, c.StartDate, Plans, "Child in need plan started", "", false)
		b.add(c, c.EndDate, Plans, "Child in need plan ended", "", false)
	}
	for i := range cr.CINPlanReviews {
		r := &cr.CINPlanReviews[i]
		b.add(r, r.Date, Plans, "Child in need review", r.Outcome, false)
	}
	for i := range cr.Plans {
		p := &cr.Plans[i]
		b.add(p, p.StartDate, Plans, codes.Describe("plan_type", p.Type)+" started", p.Summary, false)
		b.add(p, p.AuthorisedDate, Plans, codes.Describe("plan_type", p.Type)+" authorised", "", false)
		b.add(p, p.EndDate, Plans, codes.Describe("plan_type", p.Type)+" ended", "", false)
	}
	for i := range cr.Visits {
		v := &cr.Visits[i]
		b.add(v, v.Date, Visits, codes.Describe("visit_type", v.Type)+" visit", yesNo("Seen", v.Seen)+yesNo("Seen alone", v.SeenAlone), false)
	}
	for i := range cr.Placements {
		p := &cr.Placements[i]
		b.add(p, p.StartDate, Care, "Placement started: "+codes.Describe("placement_type", p.Type), p.Postcode, true)
		b.add(p, p.EndDate, Care, "Placement ended", codes.Describe("reason_place_change", p.ChangeReason), false)
	}
	for i := range cr.CareEpisodes {
		e := &cr.CareEpisodes[i]
		title := "Legal status: " + codes.Describe("legal_status", e.LegalStatus)
		if e.ReasonNew == "S" {
			title = "Became looked after (" + codes.Describe("legal_status", e.LegalStatus) + ")"
		}
		b.add(e, e.StartDate, Care, title, "", e.ReasonNew == "S")
		if e.ReasonEnded != "" && e.ReasonEnded != "X1" {
			b.add(e, e.EndDate, Care, "Ceased to be looked after", codes.Describe("reason_episode_ceased", e.ReasonEnded), true)
		}
	}
	for i := range cr.CLAReviews {
		r := &cr.CLAReviews[i]
		title := "Looked-after review"
		if r.Cancelled {
			title += " (cancelled)"
		}
		b.add(r, r.Date, Care, title, codes.Describe("review_participation", r.Participation), false)
	}
	for i := range cr.HealthChecks {
		h := &cr.HealthChecks[i]
		b.add(h, h.Date, Health, codes.Describe("health_check_type", h.Type), codes.Describe("health_check_status", h.Status), false)
	}
	for i := range cr.Immunisations {
		im := &cr.Immunisations[i]
		b.add(im, im.Date, Health, "Immunisations checked", upToDate(im.UpToDate), false)
	}
	for i := range cr.SDQScores {
		s := &cr.SDQScores[i]
		detail := codes.Describe("sdq_reason", s.Reason)
		if s.Score != nil {
			detail = fmt.Sprintf("Score %d", *s.Score)
		}
		b.add(s, s.Date, Health, "Strengths and difficulties questionnaire", detail, false)
	}
	for i := range cr.SubstanceMisuse {
		s := &cr.SubstanceMisuse[i]
		b.add(s, s.Date, Health, "Substance misuse identified", s.Substance, false)
	}
	for i := range cr.Convictions {
		c := &cr.Convictions[i]
		b.add(c, c.Date, Court, "Conviction or final warning", c.Offence, true)
	}
	for i := range cr.PEPs {
		p := &cr.PEPs[i]
		b.add(p, p.Date, Health, "Personal education plan", p.School, false)
	}
	for i := range cr.MissingEpisodes {
		m := &cr.MissingEpisodes[i]
		b.addAt(m, m.StartAt, Missing, codes.Describe("missing_type", m.Type), "", true)
		b.addAt(m, m.ReturnAt, Missing, "Returned", "", false)
		b.addAt(m, m.InterviewAt, Missing, "Return home interview", m.InterviewFindings, false)
	}
	for i := range cr.PreProceedings {
		p := &cr.PreProceedings[i]
		b.add(p, p.DecisionDate, Court, "Decision to enter pre-proceedings", "", true)
		b.add(p, p.LetterDate, Court, "Letter before proceedings sent", "", false)
		b.add(p, p.EndDate, Court, "Pre-proceedings ended", codes.Describe("pre_proceedings_outcome", p.Outcome), false)
	}
	for i := range cr.CareProceedings {
		c := &cr.CareProceedings[i]
		b.add(c, c.IssueDate, Court, "Care proceedings issued", c.CourtReference, true)
		b.add(c, c.FinalOrderDate, Court, "Final order: "+codes.Describe("court_order_type", c.FinalOrder), "", true)
	}
	for i := range cr.CourtHearings {
		h := &cr.CourtHearings[i]
		b.add(h, h.Date, Court, strings.TrimSpace(cmp.Or(h.HearingType, "Court hearing")), h.Outcome, false)
	}
	for i := range cr.CourtOrders {
		o := &cr.CourtOrders[i]
		b.add(o, o.MadeDate, Court, codes.Describe("court_order_type", o.Type)+" made", "", true)
		b.add(o, o.EndDate, Court, codes.Describe("court_order_type", o.Type)+" ended", "", false)
	}
	for i := range cr.Permanence {
		p := &cr.Permanence[i]
		b.add(p, p.ADMDecisionDate, Court, "Agency decision: should be placed for adoption", "", true)
		b.add(p, p.PlacementOrderDate, Court, "Placement order", "", true)
		b.add(p, p.MatchedDate, Court, "Matched with adopters", "", false)
		b.add(p, p.PlacedDate, Court, "Placed for adoption", "", true)
		b.add(p, p.AdoptionOrderDate, Court, "Adoption order", "", true)
		b.add(p, p.ReversedDate, Court, "Adoption no longer the plan", codes.Describe("reason_placed_ceased", p.ReversedReason), true)
	}
	for i := range cr.CareLeaver {
		c := &cr.CareLeaver[i]
		b.add(c, c.RecordedOn, CareLeaving, "Care leaver circumstances recorded", "In touch: "+codes.Describe("care_leaver_in_touch", c.InTouch), false)
	}
	for i := range cr.CaseNotes {
		n := &cr.CaseNotes[i]
		t := Notes
		title := codes.Describe("case_note_type", n.Type) + ": " + n.Subject
		if n.Significant {
			title = "Significant event: " + n.Subject
		}
		b.addAt(n, n.At, t, title, n.Text, n.Significant)
	}
	for i := range cr.ManagementDecisions {
		m := &cr.ManagementDecisions[i]
		b.add(m, m.Date, Notes, "Management decision: "+m.Decision, m.Rationale, false)
	}
	for i := range cr.CaseAudits {
		a := &cr.CaseAudits[i]
		b.add(a, a.Date, Notes, "Case audit graded "+strings.ToLower(codes.Describe("case_audit_grade", a.Grade)), a.Findings, false)
	}
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			out = append(out, s)
		}
	}
	return out
}

func livesWith(v bool) string {
	if v {
		return "Lives with the child."
	}
	return ""
}

func upToDate(v bool) string {
	if v {
		return "Up to date"
	}
	return "Not up to date"
}
