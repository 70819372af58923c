package synth

import (
	"fmt"
	"slices"
	"time"

	"github.com/waymark-care/waymark/internal/casework"
	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/domain"
)

// Screening at the front door: the threshold levels a contact records
// (FD-03), a police domestic abuse notification's details and the request
// to the police for what it lacked (FD-09), the consultation about a
// disabled child (FD-13), and who may record the decision (FD-04). Every
// contact is saved through the casework rules a user saving the form
// faces.

// rules are the workflow's rules with the default local settings, which
// the synthetic authority keeps.
var rules = casework.Default()

// screening is the front door's decision on a contact: what was decided,
// at which threshold level, by whom and when.
type screening struct {
	decision, level string
	manager         *worker
	at              time.Time
}

// takeContact records the child-contacts of one contact. When the decision
// is made now, a registered worker records it with the contact; an
// unqualified one records the contact and the manager then records the
// decision (FD-04).
func (s *sim) takeContact(mash *worker, contacts []*domain.Contact, sc *screening) {
	together := sc != nil && mash.p.RegisteredOn(s.today)
	for _, ct := range contacts {
		if together {
			s.applyScreening(ct, sc)
		}
		s.saveContact(mash, ct, nil)
	}
	if sc != nil && !together {
		s.recordScreening(contacts, sc)
	}
}

// recordScreening is the manager recording the decision on contacts
// already recorded.
func (s *sim) recordScreening(contacts []*domain.Contact, sc *screening) {
	for _, ct := range contacts {
		before := *ct
		s.applyScreening(ct, sc)
		s.saveContact(sc.manager, ct, &before)
	}
}

// applyScreening puts the decision on a contact. A disabled child's
// contact closed without a service records the consultation with a
// disability specialist or the disabled children's team, on the day (FD-13).
func (s *sim) applyScreening(ct *domain.Contact, sc *screening) {
	ct.Decision, ct.ThresholdDecision, ct.DecisionAt, ct.DecidedByID = sc.decision, sc.level, sc.at, sc.manager.p.ID
	if ct.Disabled && domain.ClosedWithoutService(sc.decision) && ct.DisabilityConsultedDate.IsZero() {
		ct.DisabilityConsultedDate = casework.DayOf(sc.at)
		if w := s.disabilitySpecialist(); w != nil && s.r.chance(0.6) {
			ct.DisabilityConsultedID = w.p.ID
		} else {
			ct.DisabilityTeamID = oneOf(s.r, s.teams["disabled_children"]...).t.ID
		}
	}
}

// disabilitySpecialist is a disability specialist in post, or nil.
func (s *sim) disabilitySpecialist() *worker {
	var in []*worker
	for _, kind := range []string{"front_door", "disabled_children"} {
		for _, t := range s.teams[kind] {
			for _, w := range t.staff {
				if w.p.DisabilitySpecialist {
					in = append(in, w)
				}
			}
		}
	}
	if len(in) == 0 {
		return nil
	}
	return oneOf(s.r, in...)
}

// saveContact stores a contact as the form or the API would: what the
// rules derive filled in (the threshold guidance's version, the request to
// the police), then checked as the user's change (before is the contact as
// stored, nil for a new one). A contact the rules refuse is a bug in the
// generator, and stops the run.
func (s *sim) saveContact(by *worker, ct *domain.Contact, before *domain.Contact) {
	if s.err != nil {
		return
	}
	var was domain.Record
	if before != nil {
		was = before
	}
	cr := &domain.ChildRecord{}
	rules.Prepare(cr, ct)
	errs := rules.CheckChange(cr, ct, nil)
	errs = append(errs, casework.CheckWorkers(ct, was, frontDoorStaff{s}, by.p.ID, s.today)...)
	if len(errs) > 0 {
		s.err = fmt.Errorf("synth: %s: contact about person %d refused by the casework rules: %v", s.today, ct.PersonID, errs)
		return
	}
	if before == nil {
		s.record(by, ct)
	} else {
		s.amend(by, ct)
	}
	s.expectPoliceAnswer(ct, before)
}

// frontDoorStaff is the workforce as the checks on a contact need it: the
// front door's and the disabled children's teams.
type frontDoorStaff struct{ s *sim }

func (f frontDoorStaff) Professional(id int64) *domain.Professional {
	for _, kind := range []string{"front_door", "disabled_children"} {
		for _, t := range f.s.teams[kind] {
			if t.manager.p.ID == id {
				return t.manager.p
			}
			for _, w := range t.staff {
				if w.p.ID == id {
					return w.p
				}
			}
		}
	}
	return nil
}

func (f frontDoorStaff) Team(id int64) *domain.Team {
	for _, kind := range []string{"front_door", "disabled_children"} {
		for _, t := range f.s.teams[kind] {
			if t.t.ID == id {
				return t.t
			}
		}
	}
	return nil
}

// Threshold levels of the default continuum, lowest first (FD-03).
var thresholdLevels = []string{"universal", "early_help", "child_in_need", "child_protection"}

// decidedLevel is the level the screening manager decides: the level the
// decision answers, or for a family already open the level of its plan.
func (s *sim) decidedLevel(decision string, f *family) string {
	switch {
	case f != nil && f.stage == "cp":
		return "child_protection"
	case f != nil:
		return "child_in_need"
	}
	switch decision {
	case "advice_signpost":
		return pick(s.r, choice[string]{{70, "universal"}, {30, "early_help"}})
	case "early_help":
		return "early_help"
	case "referral":
		return "child_in_need"
	case "strategy_discussion":
		return "child_protection"
	}
	return "universal"
}

// referrerLevel is the level the referrer put on the contact. Thresholds
// were not well understood across the partnership, and too many referrals
// asked for a statutory service when lower-level help was right (¶22,
// ¶25): schools and the police above all put the need higher than the
// front door found it. The police grade a domestic abuse notification by
// its DASH risk. Members of the public mostly give no level. The shares
// are assumed: the report gives none.
func (s *sim) referrerLevel(source, dash, decided string) string {
	if dash != "" {
		return map[string]string{"high": "child_protection", "medium": "child_in_need", "standard": "early_help"}[dash]
	}
	over, under := 0.25, 0.1
	switch {
	case source == "2A" || source == "6":
		over, under = 0.45, 0.05
	case source[0] == '3':
		over, under = 0.3, 0.08
	case source[0] == '1' || source == "9" || source == "10":
		if s.r.chance(0.6) {
			return ""
		}
	}
	i := slices.Index(thresholdLevels, decided)
	switch u := s.r.Float64(); {
	case u < over:
		i += pick(s.r, choice[int]{{70, 1}, {30, 2}})
	case u < over+under:
		i--
	}
	return thresholdLevels[max(0, min(i, len(thresholdLevels)-1))]
}

// A police domestic abuse notification (FD-09). Of the items the front door
// requires (dan.required_items) the DASH form and the children's details
// are the ones most often missing; not all notifications held enough to
// assess the risk (¶28). How many lack an item, how the DASH levels and the
// children's presence fall, and how the police answer are assumed.
const (
	incompleteNotifications  = 0.3 // lacking at least one required item
	insufficientIfIncomplete = 0.5 // of those, not enough to assess risk
)

var (
	missingItems      = choice[string]{{35, "dash_form"}, {25, "children_details"}, {15, "perpetrator_details"}, {15, "victim_details"}, {10, "incident_account"}}
	optionalItems     = []string{"children_observed", "previous_incidents", "injuries_weapons"}
	childrenPresences = choice[string]{{45, "present"}, {50, "resident"}, {5, "neither"}}
)

// notify fills in a notification's details on each child's contact: one
// notification, so one reference, incident and set of items for them all.
func (s *sim) notify(contacts []*domain.Contact, hh *household, decision string) {
	dash := pick(s.r, choice[string]{{85, "standard"}, {15, "medium"}})
	switch decision {
	case "referral":
		dash = pick(s.r, choice[string]{{40, "standard"}, {45, "medium"}, {15, "high"}})
	case "strategy_discussion":
		dash = pick(s.r, choice[string]{{30, "medium"}, {70, "high"}})
	}
	arrived := contacts[0].ContactAt
	incident := arrived.Add(-time.Duration(s.r.draw(spread{{0.4, 1, 12}, {0.45, 13, 48}, {0.15, 49, 168}})) * time.Hour)
	items := []string{"incident_account", "victim_details", "perpetrator_details", "children_details", "dash_form"}
	sufficient := true
	if s.r.chance(incompleteNotifications) {
		for range s.r.between(1, 2) {
			missing := pick(s.r, missingItems)
			items = slices.DeleteFunc(items, func(it string) bool { return it == missing })
		}
		sufficient = !s.r.chance(insufficientIfIncomplete)
	}
	for _, it := range optionalItems {
		if s.r.chance(0.6) {
			items = append(items, it)
		}
	}
	ref := s.n.policeReference(s.today.Year())
	presence := pick(s.r, childrenPresences)
	for _, ct := range contacts {
		ct.PoliceReference, ct.IncidentAt, ct.DASHRisk, ct.ChildrenPresence = ref, incident, dash, presence
		ct.InformationItems, ct.SufficientInformation = items, ptr(sufficient)
		if hh.mother != nil {
			ct.VictimID = hh.mother.ID
			if hh.father != nil {
				ct.PerpetratorID = hh.father.ID
			}
		}
	}
}

// expectPoliceAnswer puts the police's answer to a request for a
// notification's missing information in the diary, once, when the request
// is first recorded: most answer by the due date, some later, a few never.
func (s *sim) expectPoliceAnswer(ct *domain.Contact, before *domain.Contact) {
	if ct.InformationRequestedDate.IsZero() || before != nil && !before.InformationRequestedDate.IsZero() {
		return
	}
	due := ct.InformationDueDate
	var answered civil.Date
	switch u := s.r.Float64(); {
	case u < 0.7:
		answered = s.workingDaysAfter(ct.InformationRequestedDate, in(0, max(0, s.cal.WorkingDaysBetween(ct.InformationRequestedDate, due))))
	case u < 0.92:
		answered = s.workingDaysAfter(due, in(1, 5))
	default:
		return
	}
	s.on(answered, func() {
		before := *ct
		ct.InformationReceivedDate = answered
		s.saveContact(s.pickWorker("front_door"), ct, &before)
	})
}

// importEarlierContacts migrates, for some disabled children of a family
// migrated in, an earlier contact from the previous system: closed with
// advice and signposting, no one with disability expertise consulted (¶40:
// too few practitioners at the point of contact knew how to recognise the
// risks to disabled children). FD-13 refuses that decision when a user
// saves it; imported records keep their gaps for the lists to find.
func (s *sim) importEarlierContacts(hh *household) {
	mash := s.teams["front_door"][0]
	for _, c := range hh.children {
		if len(c.disabilities) == 0 || !s.r.chance(0.5) {
			continue
		}
		day := s.cal.AddWorkingDays(s.today.AddDays(-s.r.between(120, 700)), 0)
		if day.Before(c.dob) {
			continue
		}
		source := pick(s.r, choice[string]{{40, "2A"}, {30, "3A"}, {30, "1A"}})
		at := s.workingHours(day)
		ct := &domain.Contact{PersonID: c.p.ID, ContactAt: at, Source: source, SourceOrganisationID: s.sourceOrganisation(source),
			PresentingConcerns: s.concern(source, false), Disabled: true, DisabilityTypes: c.disabilities, TeamID: mash.t.ID,
			Decision: "advice_signpost", DecisionAt: at.Add(3 * time.Hour), DecidedByID: mash.manager.p.ID,
			ReferrerThreshold: s.referrerLevel(source, "", "universal"), ThresholdDecision: "universal"}
		rules.Prepare(&domain.ChildRecord{}, ct)
		s.record(s.system, ct)
	}
}

// Out of hours (FD-02): the emergency duty team takes most contacts made on
// a weekend or bank holiday, and a few police calls about incidents at
// night; the rest wait for the front door to open. It hands each over to
// the front door on the next working morning, nearly always on time: the
// inspection found screening prompt and safe, out of hours included (¶26).
// The rates are assumptions (docs/synth.md), drawn from a stream of their
// own so that the rest of the authority does not move.
const (
	oohClosedDay = 0.9 // contacts on a day the front door is closed
	oohNight     = 0.2 // contacts before 08:30 or after 17:00 on a working day
)

// handover is the out-of-hours service's handover of a contact: when it
// is made and who at the front door receives it.
type handover struct {
	at time.Time
	to *worker
}

// outOfHours decides whether the out-of-hours service took a contact, and
// if so plans its handover: 92% first thing on the morning the front door
// next opens, 5% later that day, 3% a working day later. A contact in the
// evening that the front door decided the same day was its own.
func (s *sim) outOfHours(child int64, arrived time.Time, working, decidedToday bool, mash *worker) *handover {
	r := s.chanceOf("out-of-hours", child)
	hour := arrived.Sub(s.today.Time()).Hours()
	opens := rules.Calendar.AddWorkingDays(s.today, 1)
	switch {
	case !working:
		if !r.chance(oohClosedDay) {
			return nil
		}
	case hour < 8.5:
		if !r.chance(oohNight) {
			return nil
		}
		opens = s.today
	case hour >= 17 && !decidedToday:
		if !r.chance(oohNight) {
			return nil
		}
	default:
		return nil
	}
	h := &handover{to: mash}
	if r.chance(0.4) {
		h.to = mash.team.manager
	}
	switch x := r.Float64(); {
	case x < 0.92:
		h.at = at(opens, 8.5+r.Float64()*1.5)
	case x < 0.97:
		h.at = at(opens, 10+r.Float64()*6)
	default:
		h.at = at(rules.Calendar.AddWorkingDays(opens, 1), 8.5+r.Float64()*2)
	}
	return h
}

// hand records the handover on the contacts, before the screening decision
// made at decided (at least 20 minutes after the contact): a handover
// planned later is made just before it.
func (h *handover) hand(contacts []*domain.Contact, decided time.Time) {
	if h == nil {
		return
	}
	when := h.at
	if latest := decided.Add(-5 * time.Minute); when.After(latest) {
		when = latest
	}
	for _, ct := range contacts {
		ct.HandoverAt, ct.HandoverToID = when, h.to.p.ID
	}
}
