package synth

import (
	"slices"

	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/codes"
	"github.com/waymark-care/waymark/internal/domain"
	"github.com/waymark-care/waymark/internal/timescales"
)

// Parents at conferences and the risk rating (docs/casework.md, "Parents at
// conferences" and "Risk ratings"), each drawn from its own chance
// (chanceOf) and recorded aside (recordAside), so that the calibrated
// figures stay where they were. The
// report gives no figures: the rates are assumptions (docs/synth.md) set to
// show its findings — reports not shared with parents in time and one set
// of documents not translated (¶41), core groups weakly linked to reducing
// risk (¶44).
const (
	// reportLate and reportNotShared: parents who had the conference report
	// after conference.parent_share_wd, or not before the conference.
	reportLate      = 0.22
	reportNotShared = 0.05
	// prefersEnglish: parents whose first language is not English who
	// want reports and meetings in English.
	prefersEnglish = 0.4
	// interpreterBooked and summaryTranslated: for a parent who prefers
	// another language; languageMissed of them had neither.
	interpreterBooked = 0.85
	summaryTranslated = 0.5
	languageMissed    = 0.05
	// communicationNeeds: parents with literacy or communication needs.
	communicationNeeds = 0.1
	// Risk at a review conference that continues the plan: as before,
	// lower, or higher (¶44: weakly linked to reducing risk).
	riskSame, riskLower = 0.5, 0.3
)

// parentShare is the local notice parents have of a conference's report,
// as the default policy gives it.
var parentShare = timescales.DefaultPolicy().ParentShare[0].Value

// parentsAtConference records each parent's part in a child's conference
// (AC-15): their language, when they had the report, and the translated
// summary or interpreter arranged. For a conference booked, only what has
// happened by today is recorded.
func (s *sim) parentsAtConference(c *child, chair *worker, conf *domain.Conference) {
	hh := c.hh
	if hh == nil || !hh.network {
		return
	}
	r := s.chanceOf("parents", c.p.ID, conf.ID)
	due := s.cal.AddWorkingDays(conf.Date, -parentShare.Before(conf.Type))
	for i, parent := range []*domain.Person{hh.mother, hh.father} {
		if parent == nil || parent.ID == 0 {
			continue
		}
		p := &domain.ConferenceParent{PersonID: c.p.ID, ConferenceID: conf.ID, ParentID: parent.ID, Language: parent.Language,
			Attended: ptr(r.chance([]float64{0.8, 0.55}[i]))}
		if p.Language == "" || p.Language != "English" && r.chance(prefersEnglish) {
			p.Language = "English"
		}
		p.InterpreterNeeded = ptr(p.Language != "English")
		if r.chance(communicationNeeds) {
			p.CommunicationNeeds = oneOf(r, "Reads little: the report was read through with her.", "Dyslexic: needs the report read aloud.",
				"Learning disability: an advocate helps him take part.", "Deaf: needs a British Sign Language interpreter.")
		}
		switch u := r.Float64(); {
		case u < reportNotShared:
		case u < reportNotShared+reportLate:
			p.ReportSharedDate = s.cal.AddWorkingDays(due, r.between(1, parentShare.Before(conf.Type)))
		default:
			p.ReportSharedDate = s.cal.AddWorkingDays(due, -r.between(0, 3))
		}
		if p.ReportSharedDate.After(conf.Date) {
			p.ReportSharedDate = conf.Date
		}
		if *p.InterpreterNeeded && !r.chance(languageMissed) {
			if r.chance(interpreterBooked) {
				p.InterpreterBookedDate = s.cal.AddWorkingDays(conf.Date, -r.between(2, 10))
			}
			if p.InterpreterBookedDate.IsZero() || r.chance(summaryTranslated) {
				p.TranslatedSummaryDate = s.cal.AddWorkingDays(conf.Date, -r.between(0, 2))
			}
		}
		if conf.Booked {
			for _, d := range []*civil.Date{&p.ReportSharedDate, &p.InterpreterBookedDate, &p.TranslatedSummaryDate} {
				if d.After(s.today) {
					*d = civil.Date{}
				}
			}
			p.Attended = nil
		}
		s.recordAside(chair, p)
	}
}

// riskLevels are the risk_rating codes, lowest first.
var riskLevels = func() []string {
	list, _ := codes.Lookup(codes.RiskRating)
	var out []string
	for _, c := range list.Codes {
		out = append(out, c.Value)
	}
	return out
}()

// riskStep moves a rating n levels, within the scale.
func riskStep(rating string, n int) string {
	i := slices.Index(riskLevels, rating) + n
	return riskLevels[max(0, min(i, len(riskLevels)-1))]
}

// initialRisk is the risk an initial conference judges: high or medium for
// most children it puts on a plan, lower for those it does not (AC-18).
func (s *sim) initialRisk(c *child, decision string) string {
	r := s.chanceOf("initial risk", c.p.ID)
	if decision == "cp_plan" {
		return pick(r, choice[string]{{60, "high"}, {35, "medium"}, {5, "low"}})
	}
	return pick(r, choice[string]{{60, "medium"}, {40, "low"}})
}

// reviewRisk is the risk a review conference judges: lower when it ends the
// plan; otherwise as often the same as lower, sometimes higher (¶44).
func (s *sim) reviewRisk(c *child, decision string, n int) string {
	r := s.chanceOf("review risk", c.p.ID, int64(n))
	before := c.cp.risk
	if decision == "end_plan" {
		return riskStep(before, -1-r.IntN(2))
	}
	switch u := r.Float64(); {
	case u < riskSame:
		return before
	case u < riskSame+riskLower:
		return riskStep(before, -1)
	}
	return riskStep(before, 1)
}

// coreGroupRisk is the risk a core group judges: the plan's as the last
// conference rated it, a level either way at some meetings.
func (s *sim) coreGroupRisk(c *child) string {
	r := s.chanceOf("core group risk", c.p.ID, int64(s.today.DaysSince(c.cp.plan.StartDate)))
	return riskStep(c.cp.risk, pick(r, choice[int]{{75, 0}, {15, -1}, {10, 1}}))
}

// concernOnFile marks a concern found while a child is on a child in need
// plan on the visit that found it or the case note of the call that
// reported it, instead of the referral (AC-02); the visit and the note are
// recorded with it.
func (s *sim) concernOnFile(c *child, h *domain.HarmConcern, r rng) {
	w := c.sw.w
	if r.chance(0.5) {
		v := &domain.Visit{PersonID: c.p.ID, Type: "cin", Date: s.today, ProfessionalID: w.p.ID, Notes: "Concern of significant harm found on the visit: " + h.Concern}
		if !c.unborn(s.today) {
			v.Seen, v.SeenAlone, v.BedroomSeen = ptr(true), ptr(c.age(s.today) >= 4 && r.chance(0.6)), ptr(r.chance(0.6))
		}
		s.recordAside(w, v)
		h.VisitID = v.ID
		return
	}
	n := &domain.CaseNote{PersonID: c.p.ID, At: h.RaisedAt, Type: "phone_call", Subject: "Call reporting a concern", Text: h.Concern, Significant: true, AuthorID: w.p.ID}
	s.recordAside(w, n)
	h.CaseNoteID = n.ID
}
