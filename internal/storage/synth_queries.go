package storage

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/waymark-care/waymark/internal/calendar"
	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/domain"
)

// This file holds what the synthetic authority (package synth) needs from
// storage: recording a day's work by many people in one transaction, and the
// queries that measure what it generated. The measures follow the
// definitions in reference/doncaster-2015-figures.md; each field names the
// figure it reproduces.

// As records the transaction's later changes as made by ch.Actor at ch.At.
// A simulated day is the work of many professionals at many times, written
// in one transaction for speed; As keeps each change's audit entry true to
// who made it and when.
func (tx *Tx) As(ch Change) {
	if ch.Actor == "" || ch.At.IsZero() {
		panic("storage: As needs an actor and a time")
	}
	// Stored times keep microseconds, as in Write.
	ch.At = ch.At.UTC().Truncate(time.Microsecond)
	tx.change = ch
}

// Changes returns how many changes have ever been made: 0 for a database
// that has never held a record.
func (db *DB) Changes(ctx context.Context) (int64, error) {
	var n int64
	if err := db.sql.QueryRowContext(ctx, "SELECT seq FROM audit_head WHERE id = 1").Scan(&n); err != nil {
		return 0, fmt.Errorf("read audit head: %w", err)
	}
	return n, nil
}

// SynthPeriod returns the days a synthetic authority's history covers: from
// the first change actor made, setting it up, to the last change of all.
// from is zero when actor made no change.
func (db *DB) SynthPeriod(ctx context.Context, actor string) (from, to civil.Date, err error) {
	var first, last any
	q := rebind(db.dialect, "SELECT MIN(at) FROM audit_log WHERE actor = ?")
	if err := db.sql.QueryRowContext(ctx, q, actor).Scan(&first); err != nil || first == nil {
		return from, to, err
	}
	if err := db.sql.QueryRowContext(ctx, "SELECT at FROM audit_log ORDER BY seq DESC LIMIT 1").Scan(&last); err != nil {
		return from, to, err
	}
	a, err := timeFrom(first)
	if err != nil {
		return from, to, err
	}
	b, err := timeFrom(last)
	if err != nil {
		return from, to, err
	}
	return civil.OfTime(a), civil.OfTime(b), nil
}

// Counts returns how many records of each kind the database holds.
func (db *DB) Counts(ctx context.Context) (map[string]int, error) {
	counts := map[string]int{}
	for _, k := range domain.Kinds() {
		var n int
		if err := db.sql.QueryRowContext(ctx, "SELECT COUNT(*) FROM "+k.Table).Scan(&n); err != nil {
			return nil, fmt.Errorf("count %s: %w", k.Table, err)
		}
		counts[k.Name] = n
	}
	return counts, nil
}

// Stock is the open caseload on a date (figures §17.3).
type Stock struct {
	On civil.Date
	// ChildrenInNeed is CIN_OPEN: open referrals, including children on
	// plans and looked after (F022).
	ChildrenInNeed int
	// ChildProtection is CPP_OPEN (F024); CPNeglect those whose latest
	// category is neglect (F027); CPDisabled those with a disability (F028).
	ChildProtection, CPNeglect, CPDisabled int
	// LookedAfter is CLA, short breaks excepted (F078), by placement type
	// (F083–F089, F157).
	LookedAfter                                                                              int
	Foster, ChildrensHome, ResidentialSchool, WithParents, PlacedForAdoption, OtherPlacement int
	// OutOfArea are placed outside DN1–DN12 (F082); Over20Miles of those
	// with a known distance (F122).
	OutOfArea, DistanceKnown, Over20Miles int
	UASC                                  int // F091
	// ThreePlusPlacements had three or more placements in the 12 months to
	// On (F118). Stable of StableCohort: under 16, looked after for two and a
	// half years, in the same placement for two (F121).
	ThreePlusPlacements, StableCohort, Stable int
	// CINWithoutPlan of CINNeedingPlan: children assessed as needing a child
	// in need plan, not on a CP plan or looked after, without a signed-off
	// plan (F060).
	CINNeedingPlan, CINWithoutPlan int
	// AssessmentsOpen are under way on the day, AssessmentsOverdue of them
	// past 45 working days.
	AssessmentsOpen, AssessmentsOverdue int
	PrivateFostering                    int // F029
	PreProceedings                      int // F077
	WaitingForMatch                     int // F150
	// CareLeavers aged 18 to 24 open to a personal adviser (F175), and of
	// them: in suitable accommodation (F177), in education, employment or
	// training (F188), staying put (F176), not in touch (F181).
	CareLeavers, Suitable, EET, StayingPut, NotInTouch int
	// SocialWorkers in post, AgencySocialWorkers of them (F201); caseloads
	// of those holding cases (F196).
	SocialWorkers, AgencySocialWorkers int
	MaxCaseload                        int
	MeanCaseload                       float64
}

// Flows counts what happened from From to To, inclusive (figures §17.2 and
// §17.6).
type Flows struct {
	From, To civil.Date
	// Contacts received (F033); from the police (F034); police domestic
	// abuse notifications (F035), closed at contact (F036); leading to a
	// referral (F037).
	Contacts, PoliceContacts, DomesticAbuse, DomesticAbuseClosed, ContactsReferred int
	// Referrals, and re-referrals within 12 months of the last (F040).
	Referrals, ReReferrals int
	// Assessments authorised (F056): within 45 working days (F055), closed
	// with no further action (F038), with domestic abuse a factor (F042),
	// without the child recorded as seen (F057), unborn (F058) and closed
	// the same day (F059) among those.
	Assessments, AssessmentsOnTime, AssessmentsNFA, AssessmentsDomesticAbuse int
	NotSeen, NotSeenUnborn, NotSeenSameDay                                   int
	// EarlyHelp assessments started (F046), by the initiating agency.
	EarlyHelp, EarlyHelpByService, EarlyHelpByHealth int
	// StrategyDiscussions held, and those without police or health and no
	// reason recorded (¶32).
	StrategyDiscussions, StrategyMissingAgency int
	// Section47s ended, and those without a recorded outcome (¶32).
	Section47s, Section47sNoOutcome int
	// ICPCs held with their enquiry recorded, within 15 working days of its
	// start (F062).
	ICPCs, ICPCsOnTime int
	CPStarts, CPEnds   int
	// CareStarts and CareEnds are periods of care starting and ending
	// (F094), by reason (F092, F093, F096), and ReturnedToCare those who came
	// back into care by To (F095).
	CareStarts, CareEnds, Adopted, SpecialGuardianship, IndependentLiving, ReturnedToCare int
	// HealthAssessmentsDue for children starting care and still looked after
	// 20 working days later; on time within those 20 days (F124).
	HealthAssessmentsDue, HealthAssessmentsOnTime int
	// Visits, and those without "seen alone" recorded.
	Visits, VisitsSeenAloneUnrecorded int
	// CPVisitChildren on plans in the period, and those never more than
	// four weeks without a visit (F064).
	CPVisitChildren, CPVisitChildrenRegular int
	// Reviews of looked-after children held; of children aged four or more,
	// attended (F138) and with views conveyed (F140).
	Reviews, ReviewsFourPlus, ReviewsAttended, ReviewsViews int
	// ProceedingsConcluded and their mean length in weeks (F101).
	ProceedingsConcluded int
	ProceedingsWeeks     float64
	// Adoptions' mean days from entering care to moving in with the adopters
	// (A1, F145) and from placement order to match (A2, F147).
	AdoptionA1Days, AdoptionA2Days float64
	// MARACHeard: MARAC cases heard; MARACRepeats, those heard within 12
	// months of the victim's last hearing (F043, definition A).
	MARACHeard, MARACRepeats int
}

// each runs a read-only query and calls fn with each row's values.
func (db *DB) each(ctx context.Context, query string, args []any, fn func(v []any)) error {
	rows, err := db.sql.QueryContext(ctx, rebind(db.dialect, query), args...)
	if err != nil {
		return fmt.Errorf("%s: %w", query, err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return err
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		fn(vals)
	}
	return rows.Err()
}

// Values as both drivers return them; unset is zero.
func asDate(v any) civil.Date {
	if b, ok := v.([]byte); ok {
		v = string(b)
	}
	d, _ := dateFrom(v)
	return d
}

func asText(v any) string {
	switch s := v.(type) {
	case string:
		return s
	case []byte:
		return string(s)
	}
	return ""
}

func asInt(v any) int64 {
	switch n := v.(type) {
	case int64:
		return n
	case int32:
		return int64(n)
	case float64:
		return int64(n)
	case bool:
		if n {
			return 1
		}
	}
	return 0
}

func asFloat(v any) (float64, bool) {
	switch n := v.(type) {
	case float64:
		return n, true
	case int64:
		return float64(n), true
	}
	return 0, false
}

// hasCode reports whether a space-separated code set holds any of codes.
func hasCode(set any, codes ...string) bool {
	for _, c := range strings.Fields(asText(set)) {
		if slices.Contains(codes, c) {
			return true
		}
	}
	return false
}

// openOn is the condition for a record with start and end columns being
// open on a date: started on or before it and not ended by it.
func openOn(start, end string) string {
	return start + " <= ? AND (" + end + " IS NULL OR " + end + " > ?)"
}

// personSet runs a query returning person IDs.
func (db *DB) personSet(ctx context.Context, query string, args ...any) (map[int64]bool, error) {
	set := map[int64]bool{}
	err := db.each(ctx, query, args, func(v []any) { set[asInt(v[0])] = true })
	return set, err
}

// Stock measures the open caseload on a date.
func (db *DB) Stock(ctx context.Context, on civil.Date) (Stock, error) {
	st := Stock{On: on}
	d := on.String()
	cin, err := db.personSet(ctx, "SELECT person_id FROM referrals WHERE "+openOn("referral_date", "close_date"), d, d)
	if err != nil {
		return st, err
	}
	st.ChildrenInNeed = len(cin)
	disabled, err := db.personSet(ctx, "SELECT person_id FROM disabilities WHERE disability_code <> 'NONE' AND end_date IS NULL")
	if err != nil {
		return st, err
	}
	cp := map[int64]bool{}
	err = db.each(ctx, "SELECT person_id, latest_category, initial_category FROM cp_plans WHERE "+openOn("start_date", "end_date"), []any{d, d}, func(v []any) {
		id := asInt(v[0])
		if cp[id] {
			return
		}
		cp[id] = true
		category := asText(v[1])
		if category == "" {
			category = asText(v[2])
		}
		st.CPNeglect += boolInt(category == "NEG")
		st.CPDisabled += boolInt(disabled[id])
	})
	if err != nil {
		return st, err
	}
	st.ChildProtection = len(cp)
	born := map[int64]civil.Date{}
	if err := db.each(ctx, "SELECT id, date_of_birth FROM persons WHERE la_child_id <> ''", nil, func(v []any) { born[asInt(v[0])] = asDate(v[1]) }); err != nil {
		return st, err
	}
	// Placements in the last two and a half years, to measure stability.
	type stay struct {
		start, end civil.Date
		kind       string
	}
	stays := map[int64][]stay{}
	err = db.each(ctx, "SELECT person_id, start_date, end_date, placement_type FROM placements WHERE "+openOn("start_date", "end_date")+" ORDER BY person_id, start_date, id",
		[]any{d, on.AddMonths(-30).String()}, func(v []any) {
			id := asInt(v[0])
			stays[id] = append(stays[id], stay{asDate(v[1]), asDate(v[2]), asText(v[3])})
		})
	if err != nil {
		return st, err
	}
	cla := map[int64]bool{}
	err = db.each(ctx, `SELECT e.person_id, e.legal_status, e.period_start, p.placement_type, p.postcode, p.distance_miles, p.start_date
		FROM care_episodes e LEFT JOIN placements p ON p.id = e.placement_id
		WHERE e.legal_status NOT IN ('V3', 'V4') AND `+openOn("e.start_date", "e.end_date"), []any{d, d}, func(v []any) {
		id := asInt(v[0])
		if cla[id] {
			return
		}
		cla[id] = true
		kind := asText(v[3])
		switch {
		case strings.HasPrefix(kind, "U"):
			st.Foster++
		case kind == "K2":
			st.ChildrensHome++
		case kind == "S1":
			st.ResidentialSchool++
		case kind == "P1":
			st.WithParents++
		case strings.HasPrefix(kind, "A"):
			st.PlacedForAdoption++
		default:
			st.OtherPlacement++
		}
		st.OutOfArea += boolInt(!localPostcode(asText(v[4])))
		if miles, ok := asFloat(v[5]); ok {
			st.DistanceKnown++
			st.Over20Miles += boolInt(miles > 20)
		}
		var moves int
		for _, s := range stays[id] {
			if !strings.HasPrefix(s.kind, "T") && (s.end.IsZero() || s.end.After(on.AddYears(-1))) {
				moves++
			}
		}
		st.ThreePlusPlacements += boolInt(moves >= 3)
		// S-7: under 16, in care two and a half years, in the same placement
		// for two, counting an adoptive placement with the one before it.
		if dob := born[id]; !dob.IsZero() && dob.AgeOn(on) < 16 && !asDate(v[2]).After(on.AddMonths(-30)) {
			st.StableCohort++
			since := asDate(v[6])
			if s := stays[id]; strings.HasPrefix(kind, "A") && len(s) > 1 {
				since = s[len(s)-2].start
			}
			st.Stable += boolInt(!since.After(on.AddYears(-2)))
		}
	})
	if err != nil {
		return st, err
	}
	st.LookedAfter = len(cla)
	uasc, err := db.personSet(ctx, "SELECT person_id FROM immigration_statuses WHERE status = 'uasc' AND "+openOn("start_date", "end_date"), d, d)
	if err != nil {
		return st, err
	}
	for id := range uasc {
		st.UASC += boolInt(cla[id])
	}
	// Each child's latest authorised assessment, for plans and private
	// fostering.
	latest := map[int64]string{}
	if err := db.each(ctx, "SELECT person_id, outcomes FROM assessments WHERE authorised_date <= ? ORDER BY person_id, authorised_date, id",
		[]any{d}, func(v []any) { latest[asInt(v[0])] = asText(v[1]) }); err != nil {
		return st, err
	}
	signed, err := db.personSet(ctx, "SELECT person_id FROM cin_plans WHERE signed_off_date <= ? AND "+openOn("start_date", "end_date"), d, d, d)
	if err != nil {
		return st, err
	}
	for id := range cin {
		if cp[id] || cla[id] {
			continue
		}
		if hasCode(latest[id], "private_fostering") {
			st.PrivateFostering++
		}
		if hasCode(latest[id], "provide_services") {
			st.CINNeedingPlan++
			st.CINWithoutPlan += boolInt(!signed[id])
		}
	}
	wd := calendar.EnglandAndWales()
	err = db.each(ctx, "SELECT start_date FROM assessments WHERE "+openOn("start_date", "authorised_date"), []any{d, d}, func(v []any) {
		st.AssessmentsOpen++
		st.AssessmentsOverdue += boolInt(wd.WorkingDaysBetween(asDate(v[0]), on) > 45)
	})
	if err != nil {
		return st, err
	}
	if err := db.each(ctx, "SELECT COUNT(DISTINCT person_id) FROM pre_proceedings WHERE "+openOn("decision_date", "end_date"), []any{d, d},
		func(v []any) { st.PreProceedings = int(asInt(v[0])) }); err != nil {
		return st, err
	}
	waiting, err := db.personSet(ctx, `SELECT person_id FROM permanence WHERE `+openOn("placement_order_date", "matched_date")+`
		AND (reversed_date IS NULL OR reversed_date > ?) AND (adoption_order_date IS NULL OR adoption_order_date > ?)`, d, d, d, d)
	if err != nil {
		return st, err
	}
	for id := range waiting {
		st.WaitingForMatch += boolInt(cla[id])
	}
	if err := db.careLeavers(ctx, on, born, &st); err != nil {
		return st, err
	}
	return st, db.workforce(ctx, on, &st)
}

// localPostcode reports whether a postcode is in the synthetic authority's
// districts, DN1 to DN12.
func localPostcode(pc string) bool {
	out, _, _ := strings.Cut(pc, " ")
	n := strings.TrimPrefix(out, "DN")
	return n != out && len(n) > 0 && (len(n) == 1 && n != "0" || n == "10" || n == "11" || n == "12")
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// careLeavers counts young people aged 18 to 24 open to a personal adviser,
// by their latest recorded circumstances.
func (db *DB) careLeavers(ctx context.Context, on civil.Date, born map[int64]civil.Date, st *Stock) error {
	d := on.String()
	open, err := db.personSet(ctx, "SELECT person_id FROM involvements WHERE role = 'personal_adviser' AND "+openOn("start_date", "end_date"), d, d)
	if err != nil {
		return err
	}
	type circumstances struct {
		inTouch, activity, accommodation string
		stayingPut                       bool
	}
	latest := map[int64]circumstances{}
	err = db.each(ctx, "SELECT person_id, in_touch, activity, accommodation, staying_put FROM care_leavers WHERE recorded_on <= ? ORDER BY person_id, recorded_on, id",
		[]any{d}, func(v []any) {
			latest[asInt(v[0])] = circumstances{asText(v[1]), asText(v[2]), asText(v[3]), asInt(v[4]) != 0}
		})
	if err != nil {
		return err
	}
	for id := range open {
		c, ok := latest[id]
		if age := born[id].AgeOn(on); !ok || age < 18 || age > 24 {
			continue
		}
		st.CareLeavers++
		st.Suitable += boolInt(strings.HasSuffix(c.accommodation, "1"))
		st.EET += boolInt(slices.Contains([]string{"F1", "P1", "F2", "P2", "F4", "P4", "F5", "P5"}, c.activity))
		st.StayingPut += boolInt(c.stayingPut)
		st.NotInTouch += boolInt(c.inTouch == "NO")
	}
	return nil
}

// workforce counts social workers in post and their caseloads.
func (db *DB) workforce(ctx context.Context, on civil.Date, st *Stock) error {
	d := on.String()
	err := db.each(ctx, "SELECT agency_worker FROM professionals WHERE role IN ('social_worker', 'senior_practitioner') AND "+openOn("start_date", "left_date"),
		[]any{d, d}, func(v []any) {
			st.SocialWorkers++
			st.AgencySocialWorkers += boolInt(asInt(v[0]) != 0)
		})
	if err != nil {
		return err
	}
	var workers, cases int
	err = db.each(ctx, "SELECT professional_id, COUNT(*) FROM involvements WHERE role = 'allocated_social_worker' AND "+openOn("start_date", "end_date")+" GROUP BY professional_id",
		[]any{d, d}, func(v []any) {
			n := int(asInt(v[1]))
			workers++
			cases += n
			st.MaxCaseload = max(st.MaxCaseload, n)
		})
	if workers > 0 {
		st.MeanCaseload = float64(cases) / float64(workers)
	}
	return err
}

// Flows measures what happened from from to to, inclusive.
func (db *DB) Flows(ctx context.Context, from, to civil.Date) (Flows, error) {
	fl := Flows{From: from, To: to}
	wd := calendar.EnglandAndWales()
	f, t := from.String(), to.String()
	// Times are compared as stored: UTC text on SQLite, timestamps on
	// PostgreSQL, both read from the same text.
	tf, tt := timeText(from.Time()), timeText(to.AddDays(1).Time())
	steps := []func() error{
		func() error {
			return db.each(ctx, "SELECT source, domestic_abuse_notification, decision FROM contacts WHERE contact_at >= ? AND contact_at < ?", []any{tf, tt}, func(v []any) {
				da, decision := asInt(v[1]) != 0, asText(v[2])
				fl.Contacts++
				fl.PoliceContacts += boolInt(asText(v[0]) == "6")
				fl.DomesticAbuse += boolInt(da)
				fl.DomesticAbuseClosed += boolInt(da && (decision == "nfa" || decision == "advice_signpost"))
				fl.ContactsReferred += boolInt(decision == "referral" || decision == "strategy_discussion")
			})
		},
		func() error {
			last := map[int64]civil.Date{}
			return db.each(ctx, "SELECT victim_id, hearing_date FROM marac_cases WHERE hearing_date >= ? AND hearing_date <= ? ORDER BY victim_id, hearing_date, id",
				[]any{from.AddMonths(-12).String(), t}, func(v []any) {
					id, day := asInt(v[0]), asDate(v[1])
					if !day.Before(from) {
						fl.MARACHeard++
						prev, ok := last[id]
						fl.MARACRepeats += boolInt(ok && !prev.Before(day.AddMonths(-12)))
					}
					last[id] = day
				})
		},
		func() error {
			last := map[int64]civil.Date{}
			return db.each(ctx, "SELECT person_id, referral_date FROM referrals WHERE referral_date >= ? AND referral_date <= ? ORDER BY person_id, referral_date, id",
				[]any{from.AddMonths(-12).String(), t}, func(v []any) {
					id, day := asInt(v[0]), asDate(v[1])
					if !day.Before(from) {
						fl.Referrals++
						prev, ok := last[id]
						fl.ReReferrals += boolInt(ok && !prev.Before(day.AddMonths(-12)))
					}
					last[id] = day
				})
		},
		func() error {
			return db.each(ctx, `SELECT a.start_date, a.completed_date, a.authorised_date, a.child_seen_date, a.outcomes, a.factors, p.date_of_birth
				FROM assessments a JOIN persons p ON p.id = a.person_id WHERE a.authorised_date >= ? AND a.authorised_date <= ?`, []any{f, t}, func(v []any) {
				start, completed, authorised, dob := asDate(v[0]), asDate(v[1]), asDate(v[2]), asDate(v[6])
				nfa := hasCode(v[4], "nfa")
				fl.Assessments++
				fl.AssessmentsOnTime += boolInt(wd.WorkingDaysBetween(start, authorised) <= 45)
				fl.AssessmentsNFA += boolInt(nfa)
				fl.AssessmentsDomesticAbuse += boolInt(hasCode(v[5], "3A", "3B", "3C"))
				if asDate(v[3]).IsZero() {
					fl.NotSeen++
					unborn := dob.IsZero() || dob.After(completed)
					fl.NotSeenUnborn += boolInt(unborn)
					fl.NotSeenSameDay += boolInt(!unborn && nfa && start == completed)
				}
			})
		},
		func() error {
			return db.each(ctx, "SELECT initiating_agency FROM early_help_episodes WHERE start_date >= ? AND start_date <= ?", []any{f, t}, func(v []any) {
				fl.EarlyHelp++
				fl.EarlyHelpByService += boolInt(asText(v[0]) == "early_help")
				fl.EarlyHelpByHealth += boolInt(asText(v[0]) == "health")
			})
		},
		func() error {
			return db.each(ctx, "SELECT agencies, missing_agency_reason FROM strategy_discussions WHERE held_at >= ? AND held_at < ?", []any{tf, tt}, func(v []any) {
				fl.StrategyDiscussions++
				agencies := strings.Fields(asText(v[0]))
				missing := !slices.Contains(agencies, "police") || !slices.Contains(agencies, "health")
				fl.StrategyMissingAgency += boolInt(missing && asText(v[1]) == "")
			})
		},
		func() error {
			return db.each(ctx, "SELECT outcome FROM section47_enquiries WHERE end_date >= ? AND end_date <= ?", []any{f, t}, func(v []any) {
				fl.Section47s++
				fl.Section47sNoOutcome += boolInt(asText(v[0]) == "")
			})
		},
		func() error {
			return db.each(ctx, `SELECT c.conference_date, s.start_date FROM conferences c JOIN section47_enquiries s ON s.id = c.s47_enquiry_id
				WHERE c.conference_type IN ('initial', 'pre_birth_initial') AND NOT c.booked AND c.conference_date >= ? AND c.conference_date <= ?`, []any{f, t}, func(v []any) {
				fl.ICPCs++
				fl.ICPCsOnTime += boolInt(wd.WorkingDaysBetween(asDate(v[1]), asDate(v[0])) <= 15)
			})
		},
		func() error {
			return db.each(ctx, "SELECT start_date, end_date FROM cp_plans WHERE (start_date >= ? AND start_date <= ?) OR (end_date >= ? AND end_date <= ?)", []any{f, t, f, t}, func(v []any) {
				fl.CPStarts += boolInt(within(asDate(v[0]), from, to))
				fl.CPEnds += boolInt(within(asDate(v[1]), from, to))
			})
		},
		func() error { return db.careFlows(ctx, from, to, &fl) },
		func() error { return db.visitFlows(ctx, from, to, &fl) },
		func() error {
			return db.each(ctx, "SELECT participation FROM cla_reviews WHERE review_date >= ? AND review_date <= ? AND NOT cancelled", []any{f, t}, func(v []any) {
				p := asText(v[0])
				fl.Reviews++
				if p != "PN0" && p != "" {
					fl.ReviewsFourPlus++
					fl.ReviewsAttended += boolInt(slices.Contains([]string{"PN1", "PN2", "PN3", "PN4"}, p))
					fl.ReviewsViews += boolInt(slices.Contains([]string{"PN1", "PN2", "PN3", "PN5", "PN6"}, p))
				}
			})
		},
		func() error {
			var weeks float64
			err := db.each(ctx, "SELECT issue_date, final_order_date FROM care_proceedings WHERE final_order_date >= ? AND final_order_date <= ?", []any{f, t}, func(v []any) {
				fl.ProceedingsConcluded++
				weeks += float64(asDate(v[1]).DaysSince(asDate(v[0]))) / 7
			})
			fl.ProceedingsWeeks = mean(weeks, fl.ProceedingsConcluded)
			return err
		},
		func() error {
			var a1, a2 float64
			var n1, n2 int
			err := db.each(ctx, `SELECT p.placed_date, p.placement_order_date, p.matched_date, e.period_start FROM permanence p
				JOIN care_episodes e ON e.person_id = p.person_id AND e.reason_episode_ceased IN ('E11', 'E12')
				WHERE p.adoption_order_date >= ? AND p.adoption_order_date <= ?`, []any{f, t}, func(v []any) {
				placed, order, matched, entered := asDate(v[0]), asDate(v[1]), asDate(v[2]), asDate(v[3])
				if !placed.IsZero() && !entered.IsZero() {
					a1 += float64(placed.DaysSince(entered))
					n1++
				}
				if !order.IsZero() && !matched.IsZero() {
					a2 += float64(max(0, matched.DaysSince(order)))
					n2++
				}
			})
			fl.AdoptionA1Days, fl.AdoptionA2Days = mean(a1, n1), mean(a2, n2)
			return err
		},
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return fl, err
		}
	}
	return fl, nil
}

func within(d, from, to civil.Date) bool { return !d.IsZero() && !d.Before(from) && !d.After(to) }

func mean(sum float64, n int) float64 {
	if n == 0 {
		return 0
	}
	return sum / float64(n)
}

// careFlows counts periods of care starting and ending, returns to care and
// initial health assessments.
func (db *DB) careFlows(ctx context.Context, from, to civil.Date, fl *Flows) error {
	wd := calendar.EnglandAndWales()
	type period struct {
		start, end civil.Date
		reason     string
	}
	periods := map[int64][]*period{}
	err := db.each(ctx, `SELECT person_id, period_start, start_date, end_date, reason_episode_ceased FROM care_episodes
		WHERE legal_status NOT IN ('V3', 'V4') ORDER BY person_id, start_date, id`, nil, func(v []any) {
		id, began := asInt(v[0]), asDate(v[1])
		ps := periods[id]
		if len(ps) == 0 || ps[len(ps)-1].start != began {
			ps = append(ps, &period{start: began})
			periods[id] = ps
		}
		if reason := asText(v[4]); reason != "X1" {
			p := ps[len(ps)-1]
			p.end, p.reason = asDate(v[3]), reason
		}
	})
	if err != nil {
		return err
	}
	assessed := map[int64][]civil.Date{}
	err = db.each(ctx, "SELECT person_id, check_date FROM health_checks WHERE check_type = 'initial_health_assessment'", nil, func(v []any) {
		assessed[asInt(v[0])] = append(assessed[asInt(v[0])], asDate(v[1]))
	})
	if err != nil {
		return err
	}
	for id, ps := range periods {
		for i, p := range ps {
			if within(p.start, from, to) {
				fl.CareStarts++
				due := wd.AddWorkingDays(p.start, 20)
				if !due.After(to) && (p.end.IsZero() || p.end.After(due)) {
					fl.HealthAssessmentsDue++
					fl.HealthAssessmentsOnTime += boolInt(slices.ContainsFunc(assessed[id], func(d civil.Date) bool { return within(d, p.start, due) }))
				}
			}
			if !within(p.end, from, to) {
				continue
			}
			fl.CareEnds++
			switch p.reason {
			case "E11", "E12":
				fl.Adopted++
			case "E45", "E46", "E47", "E48":
				fl.SpecialGuardianship++
			case "E5", "E6":
				fl.IndependentLiving++
			}
			fl.ReturnedToCare += boolInt(i+1 < len(ps) && !ps[i+1].start.After(to))
		}
	}
	return nil
}

// visitFlows counts visits and how regularly children on child protection
// plans were visited: every gap between visits while on a plan, including
// the wait for the first and, for a plan still open, since the last.
func (db *DB) visitFlows(ctx context.Context, from, to civil.Date, fl *Flows) error {
	f, t := from.String(), to.String()
	visited := map[int64][]civil.Date{}
	err := db.each(ctx, "SELECT person_id, visit_type, visit_date, seen_alone FROM visits WHERE visit_date >= ? AND visit_date <= ? ORDER BY person_id, visit_date, id",
		[]any{from.AddDays(-60).String(), t}, func(v []any) {
			day := asDate(v[2])
			if !day.Before(from) {
				fl.Visits++
				fl.VisitsSeenAloneUnrecorded += boolInt(v[3] == nil)
			}
			if asText(v[1]) == "cp" {
				visited[asInt(v[0])] = append(visited[asInt(v[0])], day)
			}
		})
	if err != nil {
		return err
	}
	regular := map[int64]bool{}
	err = db.each(ctx, "SELECT person_id, start_date, end_date FROM cp_plans WHERE start_date <= ? AND (end_date IS NULL OR end_date >= ?)", []any{t, f}, func(v []any) {
		id, start, end := asInt(v[0]), asDate(v[1]), asDate(v[2])
		if end.IsZero() || end.After(to) {
			end = to
		}
		ok, seen := true, false
		last := start
		for _, d := range visited[id] {
			if d.Before(start) || d.After(end) {
				continue
			}
			if seen || !start.Before(from) {
				ok = ok && d.DaysSince(last) <= 28
			}
			last, seen = d, true
		}
		if end == to && to.DaysSince(last) > 28 {
			ok = false
		}
		prev, counted := regular[id]
		regular[id] = ok && (!counted || prev)
	})
	fl.CPVisitChildren = len(regular)
	for _, ok := range regular {
		fl.CPVisitChildrenRegular += boolInt(ok)
	}
	return err
}

// ContentHash hashes every row of every table but the migration log, in
// key order: two databases with the same records and the same audit trail
// hash alike.
func (db *DB) ContentHash(ctx context.Context) (string, error) {
	query := "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
	if db.dialect == Postgres {
		query = "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
	}
	var tables []string
	if err := db.each(ctx, query, nil, func(v []any) { tables = append(tables, asText(v[0])) }); err != nil {
		return "", err
	}
	slices.Sort(tables)
	h := sha256.New()
	for _, table := range tables {
		if table == "schema_migrations" {
			continue
		}
		rows, err := db.sql.QueryContext(ctx, "SELECT * FROM "+table+" WHERE 1 = 0")
		if err != nil {
			return "", err
		}
		cols, err := rows.Columns()
		rows.Close()
		if err != nil {
			return "", err
		}
		order := make([]string, len(cols))
		for i := range cols {
			order[i] = fmt.Sprint(i + 1)
		}
		fmt.Fprintf(h, "table %s\n", table)
		err = db.each(ctx, "SELECT * FROM "+table+" ORDER BY "+strings.Join(order, ", "), nil, func(v []any) {
			for _, x := range v {
				switch x := x.(type) {
				case time.Time:
					fmt.Fprintf(h, "%s|", x.UTC().Format(time.RFC3339Nano))
				case []byte:
					fmt.Fprintf(h, "%s|", x)
				default:
					fmt.Fprintf(h, "%v|", x)
				}
			}
			h.Write([]byte{'\n'})
		})
		if err != nil {
			return "", err
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
