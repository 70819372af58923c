package synth

import (
	"slices"

	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/domain"
)

// The assessment record (docs/casework.md, "The assessment record"): the
// sources an assessment consulted, the chronology review and history
// analysis, the summary for the family and the tools used (AC-05, AC-08,
// AC-10); the child's voice on assessments and child in need reviews
// (AC-09); the child's case summary and key events (AC-08).
//
// The report gives no figures; the rates are assumptions (docs/synth.md)
// set to show what the inspectors found in 2015 (¶36): little use of tools
// to support the analysis of risk, especially for neglect; chronologies not
// used; case summaries out of date; children's views rarely evident.
//
// It draws its own chance (chanceOf) and stores its records aside
// (recordAside), so the simulation's stream and so the calibrated figures
// do not move.
const (
	// Sources consulted: most assessments record one to three agencies;
	// some record none.
	noSources = 0.15
	// chronologyReviewed: assessments that record reading the chronology,
	// and so analyse the child's history (¶36: chronologies not used).
	chronologyReviewed = 0.3
	// familySummary: assessments with a summary written for the family.
	familySummary = 0.45
	// toolUsed: assessments using any tool; neglectToolUsed those with a
	// neglect factor using the Graded Care Profile (¶36: little use of
	// tools, especially for neglect); neglectReason, of those without,
	// saying why.
	toolUsed        = 0.12
	neglectToolUsed = 0.18
	neglectReason   = 0.25
	// voiceInAssessment, voiceInReview: the child's voice recorded in an
	// assessment and at a child in need review (¶36, ¶91: rarely evident).
	voiceInAssessment = 0.45
	voiceInReview     = 0.35
	// summaryWritten: a case summary written at a child's first authorised
	// assessment; summaryUpdated: brought up to date at a later assessment
	// or review (¶95: summaries out of date).
	summaryWritten = 0.6
	summaryUpdated = 0.15
	// keyMarked: a worker marks the referral as a key event of the
	// chronology when authorising the assessment.
	keyMarked = 0.08
)

// sourceAgencies are the agencies an assessment consults, by weight, with
// who is spoken to and what they say.
var sourceAgencies = choice[[3]string]{
	{35, [3]string{"education", "Designated safeguarding lead", "Attendance is poor and the child is often hungry."}},
	{30, [3]string{"health", "Health visitor", "Development checks missed; weight on a low centile."}},
	{20, [3]string{"police", "Public protection unit", "Two call-outs to the address for domestic incidents."}},
	{8, [3]string{"housing", "Housing officer", "Rent arrears; the family may be evicted."}},
	{7, [3]string{"adult_social_care", "Mental health care coordinator", "Mother is known to the community mental health team."}},
}

// recordAssessment fills in an assessment's record as it is authorised, and
// records its sources, tools and the child's voice (AC-05, AC-08, AC-09,
// AC-10), with the case summary and a key event (AC-08).
func (s *sim) recordAssessment(c *child, a *domain.Assessment, w *worker) {
	r := s.chanceOf("assessment record", a.ID)
	done := later(a.StartDate, a.CompletedDate)
	during := func() civil.Date { return a.StartDate.AddDays(r.IntN(max(1, done.DaysSince(a.StartDate)) + 1)) }
	if r.chance(chronologyReviewed) {
		a.ChronologyReviewedDate = s.cal.AddWorkingDays(a.StartDate, r.between(0, 3))
		if a.ChronologyReviewedDate.After(done) {
			a.ChronologyReviewedDate = a.StartDate
		}
		a.HistoryAnalysis = oneOf(r, "Three earlier referrals about home conditions closed without a plan; the pattern is of short-lived improvement.",
			"No earlier involvement; the concerns are new since the family moved here.",
			"Domestic abuse has recurred with each new partner; the children have lived with it for years.")
	}
	if r.chance(familySummary) {
		a.FamilySummary = oneOf(r, "We are worried the children are not always fed or kept clean. We will work with you on a plan to help.",
			"We found that the children are safe and well cared for. We will not be involved any more.",
			"We are worried about the fighting at home and how it frightens the children. We will help you keep them safe.")
	}
	var recs []domain.Record
	if !r.chance(noSources) {
		for i := range r.between(1, 3) {
			src := pick(r, sourceAgencies)
			if i > 0 && slices.ContainsFunc(recs, func(x domain.Record) bool { return x.(*domain.AssessmentSource).Agency == src[0] }) {
				continue
			}
			recs = append(recs, &domain.AssessmentSource{PersonID: c.p.ID, AssessmentID: a.ID, Agency: src[0], Consulted: src[1], Date: during(), Summary: src[2]})
		}
	}
	neglect := a.HasNeglectFactor()
	switch {
	case neglect && r.chance(neglectToolUsed):
		// The Graded Care Profile's levels: 1 all needs met, 5 none.
		level := pick(r, choice[int]{{10, 2}, {45, 3}, {35, 4}, {10, 5}})
		recs = append(recs, &domain.AssessmentToolUse{PersonID: c.p.ID, AssessmentID: a.ID, Tool: "gcp2", Date: during(), Score: ptr(level), ByID: w.p.ID,
			Notes: "Completed with mother over two visits."})
	case neglect && r.chance(neglectReason):
		a.NeglectToolReason = oneOf(r, "Mother declined to take part.", "Not enough time before the assessment was due.", "Neglect is a minor part of the concerns.")
	}
	if r.chance(toolUsed) {
		u := &domain.AssessmentToolUse{PersonID: c.p.ID, AssessmentID: a.ID, Date: during(), ByID: w.p.ID}
		switch {
		case slices.ContainsFunc(a.Factors, func(f string) bool { return f == "3A" || f == "3B" || f == "3C" }):
			score := r.between(4, 22)
			u.Tool, u.Score, u.Rating = "dash", ptr(score), "standard"
			switch {
			case score >= 14:
				u.Rating = "high"
			case score >= 10:
				u.Rating = "medium"
			}
		case c.age(s.today) >= 11 && r.chance(0.5):
			u.Tool, u.Rating = "cse_screening", pick(r, choice[string]{{55, "no concerns"}, {25, "low"}, {15, "medium"}, {5, "high"}})
		default:
			u.Tool, u.Score = "signs_of_safety", ptr(pick(r, choice[int]{{10, 2}, {20, 3}, {25, 4}, {20, 5}, {15, 6}, {10, 7}}))
		}
		recs = append(recs, u)
	}
	if v := s.childsVoice(r, c, w, "assessment", a.ID, voiceInAssessment); v != nil {
		recs = append(recs, v)
	}
	if r.chance(keyMarked) && c.ref != nil && c.ref.ID == a.ReferralID {
		recs = append(recs, &domain.KeyEvent{PersonID: c.p.ID, RecordKind: "referral", RecordID: c.ref.ID, EventDate: c.ref.ReferralDate,
			Reason: "The start of this episode.", MarkedByID: w.p.ID})
	}
	s.recordAside(w, recs...)
	s.summarise(r, c, w, c.summary == nil && r.chance(summaryWritten))
}

// summarise writes the child's case summary, or brings it up to date at
// summaryUpdated's rate, or on write (AC-08).
func (s *sim) summarise(r rng, c *child, w *worker, write bool) {
	switch {
	case c.summary == nil && write:
		c.summary = &domain.CaseSummary{PersonID: c.p.ID, LastUpdated: s.today, ByID: w.p.ID,
			Summary: oneOf(r, "Lives with mum and siblings; known since a referral from school about neglect.", "Lives with both parents; police domestic abuse notifications led to an assessment.",
				"Lives with grandparents after mum's mental health crisis.")}
		s.recordAside(w, c.summary)
	case c.summary != nil && r.chance(summaryUpdated):
		c.summary.LastUpdated, c.summary.ByID = s.today, w.p.ID
		c.summary.Summary += " Updated after the latest review."
		s.amendAside(w, c.summary)
	}
}

// reviewRecord is what a child in need review records beside itself: the
// child's voice, and perhaps an updated case summary (AC-08, AC-09).
func (s *sim) reviewRecord(c *child, chair *worker, rv *domain.CINPlanReview) {
	r := s.chanceOf("review record", rv.ID)
	if v := s.childsVoice(r, c, chair, "cin_plan_review", rv.ID, voiceInReview); v != nil {
		s.recordAside(chair, v)
	}
	s.summarise(r, c, chair, false)
}
