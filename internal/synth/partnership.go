package synth

import (
	"time"

	"github.com/waymark-care/waymark/internal/casework"
	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/domain"
)

// The partnership around the front door (docs/synth.md, "The MARAC and the
// MASH"): what the multi-agency safeguarding hub asks its partner agencies
// about a contact and what they answer (FD-12, ¶31: a MASH at an early
// stage, without the full range of partners), and the cases of high-risk
// victims of domestic abuse heard at the MARAC, with their children linked
// and the actions given to children's social care (FD-11, ¶30: a MARAC well
// attended, with 40% of its cases repeats). Both draw their own chance
// (chanceOf) and store their records aside (recordAside): the
// simulation's stream does not move, so no calibrated figure does.

const (
	// maracMedium: medium-risk notifications a professional refers to the
	// MARAC, besides every high-risk one.
	maracMedium = 0.25
	// maracRepeat: a victim's case heard again within the year, by a new
	// incident; notifications that recur of themselves add a few more, to
	// make about 40% of the cases heard repeats (F043).
	maracRepeat = 0.4
)

// maracAttendance is each agency's share of hearings attended: well
// attended (¶30), the voluntary sector being the independent domestic
// violence advisers.
var maracAttendance = []struct {
	agency string
	share  float64
}{{"police", 1}, {"childrens_social_care", 0.97}, {"health", 0.94}, {"voluntary", 0.92}, {"housing", 0.8}, {"probation", 0.75}, {"education", 0.62}, {"adult_social_care", 0.35}}

var maracActions = []string{
	"Check the children are safe at home and see them within 5 working days.",
	"Share the MARAC's safety plan with the allocated social worker.",
	"Tell the children's schools of the risk, with the IDVA's agreement.",
	"Consider a strategy discussion with the police.",
	"Refer the family to the Growing Futures domestic abuse programme.",
}

// mashAsked is, for a new contact the front door decides in the way named,
// the chance the MASH asks its partners about it.
var mashAsked = map[string]float64{"strategy_discussion": 0.9, "referral": 0.55, "early_help": 0.3, "advice_signpost": 0.12, "nfa": 0.1}

// mashPartner is how one partner agency takes part in the MASH: how often
// it is asked, how often it answers, and the hours it takes.
type mashPartner struct {
	asked, answers float64
	hours          spread
}

// mashPartners: police and health answer most and fastest; probation,
// housing and adult social care, newer to the MASH, are asked less and
// answer less (¶31).
var mashPartners = map[string]mashPartner{
	"police":            {0.95, 0.95, spread{{0.6, 1, 4}, {0.3, 5, 24}, {0.1, 25, 72}}},
	"health":            {0.85, 0.85, spread{{0.4, 2, 8}, {0.4, 9, 48}, {0.2, 49, 120}}},
	"education":         {0.75, 0.8, spread{{0.5, 2, 24}, {0.5, 25, 96}}},
	"probation":         {0.35, 0.6, spread{{0.3, 4, 24}, {0.7, 25, 168}}},
	"housing":           {0.35, 0.55, spread{{0.3, 4, 24}, {0.7, 25, 168}}},
	"adult_social_care": {0.2, 0.5, spread{{0.3, 4, 24}, {0.7, 25, 168}}},
}

// otherPartner is an agency an authority adds to its MASH.
var otherPartner = mashPartner{0.5, 0.6, spread{{0.5, 4, 48}, {0.5, 49, 168}}}

// ratings are partners' ratings of the risk, by the front door's decision.
var ratings = map[string]choice[string]{
	"strategy_discussion": {{60, "red"}, {35, "amber"}, {5, "green"}},
	"referral":            {{15, "red"}, {55, "amber"}, {30, "green"}},
	"":                    {{2, "red"}, {23, "amber"}, {75, "green"}},
}

func ratingFor(decision string) choice[string] {
	if c, ok := ratings[decision]; ok {
		return c
	}
	return ratings[""]
}

// askMASH: the MASH asks its partners about some new contacts, an hour or
// two after they came in, one request to each agency for each child
// named. A request is recorded with its answer when that comes, or as it
// is made if none ever does.
func (s *sim) askMASH(contacts []*domain.Contact, decision string) {
	if len(contacts) == 0 || contacts[0].ID == 0 {
		return
	}
	r := s.chanceOf("mash", contacts[0].ID)
	if !r.chance(mashAsked[decision]) {
		return
	}
	by := s.frontDoorWorker(r)
	asked := s.officeHours(r, contacts[0].ContactAt.Add(time.Duration(r.between(15, 180))*time.Minute), 8.5, 17)
	for _, agency := range rules.MASHMembers(casework.DayOf(asked)) {
		p, ok := mashPartners[agency]
		if !ok {
			p = otherPartner
		}
		if !r.chance(p.asked) {
			continue
		}
		var answered time.Time
		if r.chance(p.answers) {
			answered = s.officeHours(r, asked.Add(time.Duration(r.draw(p.hours))*time.Hour+time.Duration(r.IntN(60))*time.Minute), 8, 20)
		}
		rating := pick(r, ratingFor(decision))
		requests := make([]domain.Record, len(contacts))
		for i, ct := range contacts {
			requests[i] = &domain.MASHRequest{PersonID: ct.PersonID, ContactID: ct.ID, Agency: agency, RequestedAt: asked}
		}
		if answered.IsZero() {
			s.on(casework.DayOf(asked), func() { s.recordAside(by, requests...) })
			continue
		}
		// An answered request is recorded with its answer, when it comes.
		s.on(casework.DayOf(answered), func() {
			for _, q := range requests {
				q.(*domain.MASHRequest).RespondedAt, q.(*domain.MASHRequest).RAG = answered, rating
			}
			s.recordAside(by, requests...)
		})
	}
}

// officeHours is t, or if it falls outside the hours from open to close of
// a working day, the next working day's opening, within two hours.
func (s *sim) officeHours(r rng, t time.Time, open, close float64) time.Time {
	day := civil.OfTime(t)
	h := float64(t.Hour()) + float64(t.Minute())/60
	if s.cal.IsWorkingDay(day) && h >= open && h < close {
		return t
	}
	if h >= open || !s.cal.IsWorkingDay(day) {
		day = s.cal.AddWorkingDays(day, 1)
	}
	return at(day, open+r.Float64()*2)
}

// referToMARAC: after a high-risk police notification, and some of medium
// risk, the police refer the victim to the MARAC within a week.
func (s *sim) referToMARAC(hh *household, contacts []*domain.Contact) {
	ct := contacts[0]
	if !ct.DomesticAbuseNotification || ct.ID == 0 {
		return
	}
	r := s.chanceOf("marac", ct.ID)
	if ct.DASHRisk != "high" && (ct.DASHRisk != "medium" || !r.chance(maracMedium)) {
		return
	}
	s.on(s.today.AddDays(r.between(2, 7)), func() { s.maracReferral(r, hh, "police") })
}

// maracReferral records a case against the household's mother, once the
// front door knows her, with her children linked: unless her last case is
// still waiting to be heard, or no child lives with her now. It is heard at a MARAC one to three weeks
// later; some victims come back within the year.
func (s *sim) maracReferral(r rng, hh *household, agency string) {
	victim := hh.mother
	if victim == nil || victim.ID == 0 {
		return
	}
	if last := s.maracCases[victim.ID]; last != nil && last.HearingDate.IsZero() {
		return
	}
	var kids []*child
	for _, k := range hh.current(s.today) {
		if k.p.ID != 0 {
			kids = append(kids, k)
		}
	}
	if len(kids) == 0 {
		return // no child in the household: not children's social care's
	}
	by := s.frontDoorWorker(r)
	c := &domain.MARACCase{VictimID: victim.ID, ReferralDate: s.today, ReferringAgency: agency}
	s.recordAside(by, c)
	for _, k := range kids {
		s.recordAside(by, &domain.MARACChild{PersonID: k.p.ID, MARACCaseID: c.ID})
	}
	s.maracCases[victim.ID] = c
	hearing := s.cal.AddWorkingDays(s.today.AddDays(r.between(8, 21)), 0)
	s.on(hearing, func() { s.maracHearing(r, hh, c) })
	if r.chance(maracRepeat) {
		s.on(hearing.AddDays(r.between(30, 330)), func() {
			s.maracReferral(r, hh, pick(r, choice[string]{{70, "police"}, {15, "voluntary"}, {10, "health"}, {5, "housing"}}))
		})
	}
}

// maracHearing hears a case: the agencies present, children's social
// care's information shared, mostly before it, and its actions, owned by
// the child's social worker if the case is open and otherwise the front
// door, mostly done by their due date.
func (s *sim) maracHearing(r rng, hh *household, c *domain.MARACCase) {
	by := s.frontDoorWorker(r)
	c.HearingDate = s.today
	for _, a := range maracAttendance {
		if r.chance(a.share) {
			c.AgenciesPresent = append(c.AgenciesPresent, a.agency)
		}
	}
	shared := s.today.AddDays(-r.draw(spread{{0.85, 1, 5}, {0.1, 0, 0}, {0.05, -7, -1}}))
	if !shared.After(s.today) {
		c.InformationSharedDate = shared
	}
	s.amendAside(by, c)
	if shared.After(s.today) {
		s.on(shared, func() {
			c.InformationSharedDate = s.today
			s.amendAside(by, c)
		})
	}
	owner := by
	for _, k := range hh.current(s.today) {
		if k.sw != nil && !k.sw.w.left {
			owner = k.sw.w
		}
	}
	n := pick(r, choice[int]{{10, 0}, {50, 1}, {30, 2}, {10, 3}})
	for i := range n {
		act := &domain.MARACAction{MARACCaseID: c.ID, Action: maracActions[(r.IntN(len(maracActions))+i)%len(maracActions)], OwnerID: owner.p.ID,
			DueDate: s.cal.AddWorkingDays(s.today, r.between(5, 15))}
		s.recordAside(by, act)
		var done civil.Date
		switch u := r.Float64(); {
		case u < 0.78:
			done = s.cal.AddWorkingDays(s.today, r.between(1, s.cal.WorkingDaysBetween(s.today, act.DueDate)))
		case u < 0.93:
			done = s.cal.AddWorkingDays(act.DueDate, r.between(1, 20))
		default:
			continue // never recorded as done
		}
		s.on(done, func() {
			act.CompletedDate = s.today
			s.amendAside(owner, act)
		})
	}
}

// frontDoorWorker is someone in the front door, drawn by r.
func (s *sim) frontDoorWorker(r rng) *worker {
	t := s.teams["front_door"][r.IntN(len(s.teams["front_door"]))]
	if len(t.staff) == 0 {
		return t.manager
	}
	return t.staff[r.IntN(len(t.staff))]
}
