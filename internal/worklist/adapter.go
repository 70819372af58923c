package worklist

import (
	"cmp"
	"reflect"
	"slices"
	"strconv"
	"time"
	_ "time/tzdata" // dates in England whatever the host holds

	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/domain"
	"github.com/waymark-care/waymark/internal/timescales"
)

// london is where a recorded instant falls on a day: a strategy discussion
// at 00:30 BST on 1 April is held on 1 April, not 31 March.
var london = func() *time.Location {
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		panic("worklist: " + err.Error())
	}
	return loc
}()

func dayOf(t time.Time) civil.Date {
	if t.IsZero() {
		return civil.Date{}
	}
	return civil.OfTime(t.In(london))
}

// Columns are what CaseOf and AllocatedOn read of each kind: a bulk read
// needs only these. TestColumnsSuffice checks that nothing else is needed.
var Columns = map[string][]string{
	"contact":             {"contact_at", "decision", "decision_at"},
	"referral":            {"contact_id", "referral_date", "nfa", "close_date", "team_id"},
	"involvement":         {"professional_id", "team_id", "role", "start_date", "end_date"},
	"assessment":          {"referral_id", "start_date", "authorised_date"},
	"cin_plan":            {"start_date", "end_date"},
	"cin_plan_review":     {"review_date"},
	"harm_concern":        {"raised_at", "level"},
	"strategy_discussion": {"referral_id", "concern_date", "held_at"},
	"section47_enquiry":   {"start_date", "end_date", "outcome"},
	"conference":          {"conference_type", "conference_date", "booked"},
	"cp_plan":             {"start_date", "end_date", "other_authority"},
	"core_group":          {"meeting_date"},
	"visit":               {"visit_type", "visit_date", "seen"},
	"placement":           {"start_date", "end_date", "placement_type", "intended_to_eighteen", "placement_plan_date", "notification_date"},
	"care_episode":        {"start_date", "reason_new_episode", "legal_status", "end_date", "reason_episode_ceased", "period_start"},
	"cla_review":          {"review_date", "cancelled"},
	"health_check":        {"check_type", "check_date", "status"},
	"sdq_score":           {"completed_date", "score"},
	"pep":                 {"pep_date"},
	"missing_episode":     {"return_at", "interview_offered", "interview_accepted", "interview_at"},
	"pre_proceedings":     {"decision_date", "end_date"},
	"care_proceedings":    {"issue_date", "extension_weeks", "final_order_date"},
	"court_order":         {"order_type", "made_date", "expiry_date", "end_date"},
	"permanence":          {"placement_order_date", "matched_date", "placed_date", "adoption_order_date"},
	"care_leaver":         {"latest_contact_date"},
	"plan":                {"plan_type", "start_date", "needs_assessment_date"},
}

// untimed are the child-level kinds no timescale reads, and why; a test
// checks that every kind is either in Columns or here.
var untimed = map[string]string{
	"identifier":          "identity, not an event",
	"address":             "where the child lives, not an event",
	"relationship":        "family, not an event",
	"disability":          "a characteristic, not an event",
	"immigration_status":  "a status, not an event",
	"early_help_episode":  "early help has no statutory timescale",
	"immunisation":        "H-4 has no clock",
	"substance_misuse":    "an outcome for the SSDA903 return",
	"conviction":          "an outcome for the SSDA903 return",
	"court_hearing":       "CT-2 follows the court's own timetable",
	"previous_permanence": "history before care",
	"plan_action":         "actions carry their own by-when date",
	"case_note":           "recording, not a statutory event",
	"management_decision": "oversight, not a statutory event",
	"supervision_case":    "oversight, not a statutory event",
	"case_audit":          "quality assurance, not a statutory event",
	"childs_voice":        "part of another record, not an event",
	"core_group_action":   "agency updates are timed by casework (coregroup.update_overdue_wd)",
	"chair_escalation":    "carries its own response date",
	"assessment_source":   "part of an assessment, not an event",
	"assessment_tool_use": "part of an assessment, not an event",
	"case_summary":        "its age is checked by casework (summary.max_age)",
	"key_event":           "a mark on the chronology, not an event",
	"mash_request":        "a partner's answer to the MASH, measured by casework, not a statutory clock",
	"marac_child":         "a link to a MARAC case, whose actions carry their own due dates",
	"conference_parent":   "timed by casework against its conference (conference.parent_share_wd)",
}

// ChildID is the engine's name for a person: the person's ID.
func ChildID(personID int64) string { return strconv.FormatInt(personID, 10) }

// CaseOf translates a child's stored records into the engine's events
// (docs/timescales.md, "From records to events"). Every event carries the
// Ref of the record it came from.
func CaseOf(cr *domain.ChildRecord) timescales.Case {
	b := &builder{c: timescales.Case{
		ChildID:       ChildID(cr.Person.ID),
		DateOfBirth:   cr.Person.DateOfBirth,
		ExpectedBirth: cr.Person.ExpectedBirth,
		// Most records make one or two events.
		Events: make([]timescales.Event, 0, 2*records(cr)),
	}}
	b.frontDoor(cr)
	b.protection(cr)
	b.childInNeed(cr)
	b.lookedAfter(cr)
	b.court(cr)
	b.careLeaver(cr)
	return b.c
}

// records counts a child's records, for the events' capacity.
func records(cr *domain.ChildRecord) int {
	n := 0
	v := reflect.ValueOf(cr).Elem()
	for i := range v.NumField() {
		if f := v.Field(i); f.Kind() == reflect.Slice {
			n += f.Len()
		}
	}
	return n
}

type builder struct {
	c timescales.Case
	// once keeps a fact recorded in two places (a placement order on the
	// court order and on the permanence record) from starting two clocks.
	once map[onceKey]bool
}

type onceKey struct {
	kind timescales.EventKind
	on   civil.Date
	key  int64
}

// add records an event of a record, if it is dated.
func (b *builder) add(kind timescales.EventKind, on civil.Date, r domain.Record) *timescales.Event {
	if on.IsZero() {
		return nil
	}
	b.c.Events = append(b.c.Events, timescales.Event{Kind: kind, On: on, Ref: RefOf(r).String()})
	return &b.c.Events[len(b.c.Events)-1]
}

// addAt records an event with its instant, for the hour clocks.
func (b *builder) addAt(kind timescales.EventKind, at time.Time, r domain.Record) *timescales.Event {
	e := b.add(kind, dayOf(at), r)
	if e != nil {
		e.At = at
	}
	return e
}

// addOnce records the event unless one of the kind was already recorded on
// the day for the same key (0: for the child).
func (b *builder) addOnce(kind timescales.EventKind, on civil.Date, key int64, r domain.Record) *timescales.Event {
	k := onceKey{kind, on, key}
	if on.IsZero() || b.once[k] {
		return nil
	}
	if b.once == nil {
		b.once = map[onceKey]bool{}
	}
	b.once[k] = true
	return b.add(kind, on, r)
}

func seen(p *bool) bool { return p != nil && *p }

// frontDoor: contacts, referrals and assessments (CP-1, CP-2).
func (b *builder) frontDoor(cr *domain.ChildRecord) {
	for i := range cr.Contacts {
		c := &cr.Contacts[i]
		b.addAt(timescales.Contact, c.ContactAt, c)
	}
	for i := range cr.Referrals {
		r := &cr.Referrals[i]
		b.add(timescales.Referral, r.ReferralDate, r)
		if on, rec := referralDecision(cr, r); rec != nil {
			b.add(timescales.ReferralDecision, on, rec)
		}
	}
	for i := range cr.Assessments {
		a := &cr.Assessments[i]
		b.add(timescales.AssessmentStart, a.StartDate, a)
		b.add(timescales.AssessmentAuthorised, a.AuthorisedDate, a)
	}
}

// referralDecision finds the decision on the type of response to a referral
// (CP-1): the first of the screening decision on its contact, a decision of
// no further action, the start of an assessment and a strategy discussion,
// made on or after the referral date.
func referralDecision(cr *domain.ChildRecord, r *domain.Referral) (civil.Date, domain.Record) {
	var on civil.Date
	var rec domain.Record
	consider := func(d civil.Date, by domain.Record) {
		if !d.IsZero() && !d.Before(r.ReferralDate) && (rec == nil || d.Before(on)) {
			on, rec = d, by
		}
	}
	for i := range cr.Contacts {
		if c := &cr.Contacts[i]; c.ID == r.ContactID && c.Decision != "" {
			consider(dayOf(c.DecisionAt), c)
		}
	}
	if r.NFA {
		consider(r.CloseDate, r)
	}
	for i := range cr.Assessments {
		if a := &cr.Assessments[i]; a.ReferralID == r.ID {
			consider(a.StartDate, a)
		}
	}
	for i := range cr.StrategyDiscussions {
		if s := &cr.StrategyDiscussions[i]; s.ReferralID == r.ID {
			consider(dayOf(s.HeldAt), s)
		}
	}
	return on, rec
}

// protection: strategy discussions, section 47 enquiries, conferences, plans,
// core groups and visits (CP-3 to CP-9).
func (b *builder) protection(cr *domain.ChildRecord) {
	// A concern marked on a contact or referral starts the strategy
	// discussion clock (AC-02); one on the same day recorded again with the
	// discussion is the same concern, so a child has one clock a day, and
	// the marked one, which says whether the risk was immediate, comes first.
	for i := range cr.HarmConcerns {
		h := &cr.HarmConcerns[i]
		if e := b.addOnce(timescales.HarmConcern, dayOf(h.RaisedAt), 0, h); e != nil && h.ImmediateRisk() {
			e.Type = timescales.ImmediateRisk
		}
	}
	for i := range cr.StrategyDiscussions {
		s := &cr.StrategyDiscussions[i]
		// A phone discussion and the meeting after it share one concern.
		b.addOnce(timescales.HarmConcern, s.ConcernDate, 0, s)
		b.addAt(timescales.StrategyDiscussion, s.HeldAt, s)
	}
	for i := range cr.Section47Enquiries {
		e := &cr.Section47Enquiries[i]
		b.add(timescales.S47Start, e.StartDate, e)
		// The enquiry's end is its outcome (CP-4), even when what it found
		// was not recorded; only a recorded outcome saying so cancels the
		// conference (CP-5).
		if o := b.add(timescales.S47Outcome, e.EndDate, e); o != nil && e.Outcome != "" && e.Outcome != "substantiated_icpc" {
			o.Type = timescales.NoICPC
		}
	}
	for i := range cr.Conferences {
		c := &cr.Conferences[i]
		if !c.Held() {
			continue // a booked conference meets no deadline until it is held
		}
		switch c.Type {
		case "initial", "pre_birth_initial":
			b.add(timescales.ICPC, c.Date, c)
		case "review":
			b.add(timescales.ReviewConference, c.Date, c)
		}
		// A transfer-in conference continues another authority's plan: the
		// plan's own start times what follows, and no s47 clock ran here.
	}
	for i := range cr.CPPlans {
		p := &cr.CPPlans[i]
		if p.OtherAuthority {
			continue // the other authority times its own plan
		}
		b.add(timescales.CPPlanStart, p.StartDate, p)
		b.add(timescales.CPPlanEnd, p.EndDate, p)
	}
	for i := range cr.CoreGroups {
		b.add(timescales.CoreGroup, cr.CoreGroups[i].Date, &cr.CoreGroups[i])
	}
	for i := range cr.Visits {
		v := &cr.Visits[i]
		if kind, ok := visitKinds[v.Type]; ok {
			if e := b.add(kind, v.Date, v); e != nil {
				e.Seen = seen(v.Seen)
			}
		}
	}
}

// visitKinds maps a visit's type to the visit the engine times. IRO visits
// time nothing.
var visitKinds = map[string]timescales.EventKind{
	"cp":                timescales.CPVisit,
	"cin":               timescales.CINVisit,
	"cla":               timescales.CLAVisit,
	"care_leaver":       timescales.PAVisit,
	"private_fostering": timescales.PFVisit,
	"adoption":          timescales.AdoptionVisit,
}

// childInNeed: CIN plans and their reviews (CP-10).
func (b *builder) childInNeed(cr *domain.ChildRecord) {
	for i := range cr.CINPlans {
		p := &cr.CINPlans[i]
		b.add(timescales.CINPlanStart, p.StartDate, p)
		b.add(timescales.CINPlanEnd, p.EndDate, p)
	}
	for i := range cr.CINPlanReviews {
		b.add(timescales.CINReview, cr.CINPlanReviews[i].Date, &cr.CINPlanReviews[i])
	}
}

// lookedAfter: periods of care, placements, plans, reviews, health,
// education and missing episodes (LA-*, H-*, E-1, M-1, AD-*).
func (b *builder) lookedAfter(cr *domain.ChildRecord) {
	episodes := byStart(cr.CareEpisodes)
	for _, e := range episodes {
		// Every episode names the start of its period of care, so the period
		// is known even if its first episode is missing. Short breaks (V3,
		// V4) follow reg 48's own regime, which sets no clocks (LA-9).
		if !shortBreak(e) {
			b.addOnce(timescales.BecameLookedAfter, e.PeriodStart, 0, e)
			if e.ReasonEnded != "" && e.ReasonEnded != "X1" {
				b.add(timescales.CeasedLookedAfter, e.EndDate, e)
			}
		}
		// Police protection (L1) and a child assessment order (L3) are
		// recorded only as legal statuses (CT-5, CT-6).
		switch e.LegalStatus {
		case "L1":
			b.add(timescales.PoliceProtection, e.StartDate, e)
			b.add(timescales.PoliceProtectionEnd, e.EndDate, e)
		case "L3":
			b.add(timescales.CAOStart, e.StartDate, e)
			b.add(timescales.CAOEnd, e.EndDate, e)
		}
	}
	for i := range cr.Placements {
		p := &cr.Placements[i]
		if e := b.add(timescales.PlacementStart, p.StartDate, p); e != nil {
			e.Type = placementType(p, legalStatusOn(episodes, p.StartDate))
		}
		b.add(timescales.PlacementEnd, p.EndDate, p)
		b.add(timescales.PlacementPlan, p.PlacementPlanDate, p)
		b.add(timescales.PlacementNotification, p.NotificationDate, p)
	}
	for i := range cr.Plans {
		p := &cr.Plans[i]
		switch p.Type {
		case "care":
			b.add(timescales.CarePlan, p.StartDate, p)
		case "placement":
			b.add(timescales.PlacementPlan, p.StartDate, p)
		}
	}
	for i := range cr.CLAReviews {
		r := &cr.CLAReviews[i]
		if r.Cancelled {
			continue
		}
		b.add(timescales.CLAReview, r.Date, r)
		// Adoption reviews (AAR reg 36) are held with the looked-after
		// review; the adoption chains take them only once a placement order
		// or an adoptive placement starts one.
		b.add(timescales.AdoptionReview, r.Date, r)
	}
	for i := range cr.HealthChecks {
		h := &cr.HealthChecks[i]
		if h.Status != "completed" {
			continue
		}
		switch h.Type {
		case "initial_health_assessment", "review_health_assessment":
			b.add(timescales.HealthAssessment, h.Date, h)
		case "dental_check":
			b.add(timescales.DentalCheck, h.Date, h)
		}
	}
	for i := range cr.SDQScores {
		// A questionnaire with a reason instead of a score was not done.
		if s := &cr.SDQScores[i]; s.Score != nil {
			b.add(timescales.SDQ, s.Date, s)
		}
	}
	for i := range cr.PEPs {
		b.add(timescales.PEP, cr.PEPs[i].Date, &cr.PEPs[i])
	}
	for i := range cr.MissingEpisodes {
		m := &cr.MissingEpisodes[i]
		b.addAt(timescales.MissingReturn, m.ReturnAt, m)
		switch {
		case !m.InterviewAt.IsZero():
			b.addAt(timescales.ReturnInterview, m.InterviewAt, m)
		case seen(m.InterviewOffered) && m.InterviewAccepted != nil && !*m.InterviewAccepted:
			// A refusal meets M-1; with no time of its own it is taken as
			// recorded at the return.
			b.addAt(timescales.ReturnInterview, m.ReturnAt, m)
		}
	}
	for i := range cr.Permanence {
		p := &cr.Permanence[i]
		// The ADM decision is not recorded as an event: AD-4 is met by a
		// register referral, which Waymark does not yet record, so every
		// decision would show as overdue.
		b.addOnce(timescales.PlacementOrder, p.PlacementOrderDate, 0, p)
		b.add(timescales.AdoptionMatch, p.MatchedDate, p)
		b.addOnce(timescales.PlacedForAdoption, p.PlacedDate, 0, p)
		b.addOnce(timescales.AdoptionOrder, p.AdoptionOrderDate, 0, p)
	}
	if e := eligibleFrom(cr.Person.DateOfBirth, episodes); e.rec != nil {
		b.add(timescales.BecameEligible, e.on, e.rec)
	}
}

func later(a, b civil.Date) civil.Date {
	if b.After(a) {
		return b
	}
	return a
}

func byStart(es []domain.CareEpisode) []*domain.CareEpisode {
	out := make([]*domain.CareEpisode, len(es))
	for i := range es {
		out[i] = &es[i]
	}
	slices.SortStableFunc(out, func(a, b *domain.CareEpisode) int { return a.StartDate.Compare(b.StartDate) })
	return out
}

// shortBreak reports an episode of an agreed series of short breaks.
func shortBreak(e *domain.CareEpisode) bool { return e.LegalStatus == "V3" || e.LegalStatus == "V4" }

// legalStatusOn returns the legal status of the episode in force on d.
func legalStatusOn(episodes []*domain.CareEpisode, d civil.Date) string {
	status := ""
	for _, e := range episodes {
		if e.StartDate.After(d) {
			break
		}
		if e.EndDate.IsZero() || !e.EndDate.Before(d) {
			status = e.LegalStatus
		}
	}
	return status
}

// placementType derives the engine's placement type (LA-7 to LA-9) from the
// SSDA903 placement and legal status. Temporary approval of a connected
// person (reg 24) and an agreement to fewer visits (reg 28(3A)) are not yet
// recorded, so LA-7b for connected persons, LA-7d and LA-8 are not timed.
func placementType(p *domain.Placement, legalStatus string) string {
	switch {
	case legalStatus == "V3" || legalStatus == "V4": // reg 48
		return timescales.PlacementShortBreak
	case p.Type == "P1" && legalStatus == "C1":
		return timescales.PlacementWithParentInterimOrder
	case p.Type == "P1" && legalStatus == "C2":
		return timescales.PlacementWithParentCareOrder
	case p.IntendedToEighteen:
		return timescales.PlacementLongTerm
	}
	return ""
}

// eligibility is when a child became an eligible child.
type eligibility struct {
	on  civil.Date
	rec domain.Record
}

// eligibleFrom derives CL-0 (CPPCR reg 40): the first day the child, aged 16
// or 17 and looked after, has been looked after for 13 weeks in all since
// turning 14. Short breaks (V3, V4) do not count. CL-1 runs from that day,
// which is the later of eligibility and the 16th birthday.
func eligibleFrom(dob civil.Date, episodes []*domain.CareEpisode) eligibility {
	if dob.IsZero() {
		return eligibility{}
	}
	from14, from16, at18 := dob.AddYears(14), dob.AddYears(16), dob.AddYears(18)
	const need = 13 * 7
	days := 0 // looked after since the 14th birthday, before this episode
	for _, e := range episodes {
		if shortBreak(e) {
			continue
		}
		s := e.StartDate
		if s.Before(from14) {
			s = from14
		}
		if !e.EndDate.IsZero() && !e.EndDate.After(s) {
			continue // over before the 14th birthday
		}
		// The day the count reaches 13 weeks, counting s as the first day.
		d := later(later(s, from16), s.AddDays(need-days-1))
		if (e.EndDate.IsZero() || d.Before(e.EndDate)) && d.Before(at18) {
			return eligibility{on: d, rec: e}
		}
		if !e.EndDate.IsZero() {
			days += e.EndDate.DaysSince(s)
		}
	}
	return eligibility{}
}

// court: pre-proceedings, proceedings and orders (CT-1, CT-3, CT-4, AD-1).
func (b *builder) court(cr *domain.ChildRecord) {
	for i := range cr.PreProceedings {
		p := &cr.PreProceedings[i]
		b.add(timescales.PreProceedingsStart, p.DecisionDate, p)
		b.add(timescales.PreProceedingsEnd, p.EndDate, p)
	}
	for i := range cr.CareProceedings {
		p := &cr.CareProceedings[i]
		b.add(timescales.ProceedingsIssued, p.IssueDate, p)
		// Extensions are recorded as weeks granted, 8 to an extension, not
		// dated: each is taken as known from the issue day.
		for range (p.ExtensionWeeks + 7) / 8 {
			b.add(timescales.ProceedingsExtended, p.IssueDate, p)
		}
		b.add(timescales.FinalOrder, p.FinalOrderDate, p)
	}
	for i := range cr.CourtOrders {
		o := &cr.CourtOrders[i]
		switch o.Type {
		case "emergency_protection_order":
			b.add(timescales.EPOMade, o.MadeDate, o)
			if !o.ExpiryDate.IsZero() && o.ExpiryDate.After(o.MadeDate.AddDays(8)) {
				b.add(timescales.EPOExtended, o.MadeDate, o)
			}
			// An order with no end recorded ended when it expired.
			b.add(timescales.EPOEnded, cmp.Or(o.EndDate, o.ExpiryDate), o)
		case "placement_order":
			b.addOnce(timescales.PlacementOrder, o.MadeDate, 0, o)
		case "adoption_order":
			b.addOnce(timescales.AdoptionOrder, o.MadeDate, 0, o)
		}
	}
}

// careLeaver: personal advisers, pathway plans and contacts (CL-1 to CL-4a).
func (b *builder) careLeaver(cr *domain.ChildRecord) {
	var lastPA *domain.Involvement
	for i := range cr.Involvements {
		inv := &cr.Involvements[i]
		if inv.Role != "personal_adviser" {
			continue
		}
		b.add(timescales.PAAllocated, inv.From, inv)
		if lastPA == nil || inv.From.After(lastPA.From) {
			lastPA = inv
		}
	}
	// Support ends when the last adviser's involvement does; a change of
	// adviser starts the contact clock again from the new allocation.
	if lastPA != nil {
		b.add(timescales.LeavingCareEnd, lastPA.To, lastPA)
	}
	pathway := 0
	for _, p := range plansByStart(cr.Plans, "pathway") {
		b.addOnce(timescales.NeedsAssessment, p.NeedsAssessmentDate, 0, p)
		kind := timescales.PathwayPlanReview
		if pathway == 0 {
			kind = timescales.PathwayPlan
		}
		if b.add(kind, p.StartDate, p) != nil {
			pathway++
		}
	}
	for i := range cr.CareLeaver {
		c := &cr.CareLeaver[i]
		b.addOnce(timescales.PAContact, c.LatestContactDate, 0, c)
	}
}

func plansByStart(ps []domain.Plan, typ string) []*domain.Plan {
	var out []*domain.Plan
	for i := range ps {
		if ps[i].Type == typ {
			out = append(out, &ps[i])
		}
	}
	slices.SortStableFunc(out, func(a, b *domain.Plan) int { return a.StartDate.Compare(b.StartDate) })
	return out
}
