package synth

import (
	"context"
	"math"

	"github.com/waymark-care/waymark/internal/storage"
)

// Figure is one measure of a generated authority beside the figure it is
// calibrated to.
type Figure struct {
	Measure string `json:"measure"`
	// Source is the figure's ID in doncaster-2015-figures.md, or
	// "assumed" for rates the report does not give (§17.5).
	Source string `json:"source"`
	// Unit is "count" (a stock or an annual flow), "%", "days" or "weeks".
	Unit   string  `json:"unit"`
	Value  float64 `json:"value"`
	Target float64 `json:"target"`
	// Tolerance is how far Value may be from Target: a fraction of the
	// target for counts, and in the figure's own unit otherwise. It widens
	// with the sampling noise of small numbers: never less than three
	// standard errors, doubling the variance because brothers and sisters
	// share what happens to them.
	Tolerance float64 `json:"tolerance"`
	// Base is the number the figure is measured over: the count itself, or
	// the denominator of a rate or mean. A figure over nothing (or, for
	// caseloads, over too few workers) is not measured, and counts as within
	// tolerance.
	Base int  `json:"base"`
	OK   bool `json:"ok"`
}

// target is a row of the calibration table: how to read the figure from the
// measures, its Doncaster value and the tolerance at Doncaster's size.
type target struct {
	measure, source, unit string
	doncaster, tolerance  float64
	// stock or flow returns the generated value and what it is measured
	// over: a stock on the last day, or a flow over the year to it.
	stock func(storage.Stock) (float64, int)
	flow  func(storage.Flows) (float64, int)
}

// onDay is a stock target, inYear a flow.
func onDay(measure, source, unit string, doncaster, tolerance float64, v func(storage.Stock) (float64, int)) target {
	return target{measure: measure, source: source, unit: unit, doncaster: doncaster, tolerance: tolerance, stock: v}
}

func inYear(measure, source, unit string, doncaster, tolerance float64, v func(storage.Flows) (float64, int)) target {
	return target{measure: measure, source: source, unit: unit, doncaster: doncaster, tolerance: tolerance, flow: v}
}

func count(n int) (float64, int) { return float64(n), n }

func rate(n, of int) (float64, int) {
	if of == 0 {
		return 0, 0
	}
	return 100 * float64(n) / float64(of), of
}

// targets are the figures the synthetic authority reproduces: stocks on the
// last day (as at 31 August 2015) and flows over the year to it.
var targets = []target{
	onDay("Children in need", "F022", "count", 2495, 0.12, func(st storage.Stock) (float64, int) { return count(st.ChildrenInNeed) }),
	onDay("Children on child protection plans", "F024", "count", 312, 0.2, func(st storage.Stock) (float64, int) { return count(st.ChildProtection) }),
	onDay("– for neglect", "F027", "%", 56, 8, func(st storage.Stock) (float64, int) { return rate(st.CPNeglect, st.ChildProtection) }),
	onDay("– disabled", "F028", "%", 3, 2, func(st storage.Stock) (float64, int) { return rate(st.CPDisabled, st.ChildProtection) }),
	onDay("Children in need without an authorised plan", "F060", "%", 38, 8, func(st storage.Stock) (float64, int) {
		return rate(st.CINWithoutPlan, st.CINNeedingPlan)
	}),
	onDay("Children looked after", "F078", "count", 498, 0.12, func(st storage.Stock) (float64, int) { return count(st.LookedAfter) }),
	onDay("– in foster care", "F087", "%", 76.9, 6, func(st storage.Stock) (float64, int) { return rate(st.Foster, st.LookedAfter) }),
	onDay("– in children's homes", "F083", "%", 9.2, 4, func(st storage.Stock) (float64, int) { return rate(st.ChildrensHome, st.LookedAfter) }),
	onDay("– placed with parents", "F089", "%", 3, 2.5, func(st storage.Stock) (float64, int) { return rate(st.WithParents, st.LookedAfter) }),
	onDay("– placed for adoption", "F157", "%", 7.4, 4, func(st storage.Stock) (float64, int) { return rate(st.PlacedForAdoption, st.LookedAfter) }),
	onDay("– placed out of area", "F082", "%", 32, 6, func(st storage.Stock) (float64, int) { return rate(st.OutOfArea, st.LookedAfter) }),
	onDay("– more than 20 miles from home", "F122", "%", 16, 5, func(st storage.Stock) (float64, int) { return rate(st.Over20Miles, st.DistanceKnown) }),
	onDay("– 3 or more placements in the year", "F118", "%", 5, 3, func(st storage.Stock) (float64, int) {
		return rate(st.ThreePlusPlacements, st.LookedAfter)
	}),
	onDay("– same placement for 2 years (long-term cohort)", "F121", "%", 67, 10, func(st storage.Stock) (float64, int) { return rate(st.Stable, st.StableCohort) }),
	onDay("Children waiting for an adoption match", "F150", "count", 24, 0.5, func(st storage.Stock) (float64, int) { return count(st.WaitingForMatch) }),
	onDay("Children privately fostered", "F029", "count", 9, 0.6, func(st storage.Stock) (float64, int) { return count(st.PrivateFostering) }),
	onDay("Care leavers aged 18–24", "F175", "count", 190, 0.2, func(st storage.Stock) (float64, int) { return count(st.CareLeavers) }),
	onDay("– in suitable accommodation", "F177", "%", 89, 5, func(st storage.Stock) (float64, int) { return rate(st.Suitable, st.CareLeavers) }),
	onDay("– in education, employment or training", "F188", "%", 56, 7, func(st storage.Stock) (float64, int) { return rate(st.EET, st.CareLeavers) }),
	onDay("Agency social workers", "F201", "%", 9.5, 4, func(st storage.Stock) (float64, int) { return rate(st.AgencySocialWorkers, st.SocialWorkers) }),
	onDay("Largest social work caseload", "F196", "cases", 30, 8, func(st storage.Stock) (float64, int) {
		// With a handful of workers, the largest caseload says little.
		if st.SocialWorkers < 50 {
			return float64(st.MaxCaseload), 0
		}
		return float64(st.MaxCaseload), st.SocialWorkers
	}),

	inYear("Contacts in the year", "F033", "count", 9404, 0.1, func(fl storage.Flows) (float64, int) { return count(fl.Contacts) }),
	inYear("– from the police", "F034", "%", 33.3, 3, func(fl storage.Flows) (float64, int) { return rate(fl.PoliceContacts, fl.Contacts) }),
	inYear("– domestic abuse notifications", "F035", "%", 23, 3, func(fl storage.Flows) (float64, int) { return rate(fl.DomesticAbuse, fl.Contacts) }),
	inYear("– notifications going no further", "F036", "%", 43, 6, func(fl storage.Flows) (float64, int) { return rate(fl.DomesticAbuseClosed, fl.DomesticAbuse) }),
	inYear("– leading to a referral", "F037", "%", 51, 4, func(fl storage.Flows) (float64, int) { return rate(fl.ContactsReferred, fl.Contacts) }),
	inYear("Referrals", "§17.2", "count", 4796, 0.12, func(fl storage.Flows) (float64, int) { return count(fl.Referrals) }),
	inYear("– re-referrals within 12 months", "F040", "%", 22, 4, func(fl storage.Flows) (float64, int) { return rate(fl.ReReferrals, fl.Referrals) }),
	inYear("MARAC cases heard again within 12 months", "F043", "%", 40, 6, func(fl storage.Flows) (float64, int) { return rate(fl.MARACRepeats, fl.MARACHeard) }),
	inYear("Assessments authorised", "F056", "count", 3320, 0.12, func(fl storage.Flows) (float64, int) { return count(fl.Assessments) }),
	inYear("– within 45 working days", "F055", "%", 92, 3, func(fl storage.Flows) (float64, int) { return rate(fl.AssessmentsOnTime, fl.Assessments) }),
	inYear("– no further action", "F038", "%", 38, 5, func(fl storage.Flows) (float64, int) { return rate(fl.AssessmentsNFA, fl.Assessments) }),
	inYear("– domestic abuse a factor", "F042", "%", 55, 6, func(fl storage.Flows) (float64, int) {
		return rate(fl.AssessmentsDomesticAbuse, fl.Assessments)
	}),
	inYear("– child not recorded as seen", "F057", "%", 15.2, 3, func(fl storage.Flows) (float64, int) { return rate(fl.NotSeen, fl.Assessments) }),
	inYear("Early help assessments", "F046", "count", 1008, 0.2, func(fl storage.Flows) (float64, int) { return count(fl.EarlyHelp) }),
	inYear("– by the early help service", "F047", "%", 60, 12, func(fl storage.Flows) (float64, int) { return rate(fl.EarlyHelpByService, fl.EarlyHelp) }),
	inYear("– by health", "F048", "count", 4, 1, func(fl storage.Flows) (float64, int) { return count(fl.EarlyHelpByHealth) }),
	inYear("Strategy discussions", "assumed", "count", 1300, 0.25, func(fl storage.Flows) (float64, int) { return count(fl.StrategyDiscussions) }),
	inYear("– without police or health, no reason given", "assumed", "%", 12, 4, func(fl storage.Flows) (float64, int) {
		return rate(fl.StrategyMissingAgency, fl.StrategyDiscussions)
	}),
	inYear("Section 47 enquiries without an outcome", "assumed", "%", 6, 3, func(fl storage.Flows) (float64, int) {
		return rate(fl.Section47sNoOutcome, fl.Section47s)
	}),
	inYear("Initial conferences within 15 working days", "F062", "%", 93, 4, func(fl storage.Flows) (float64, int) { return rate(fl.ICPCsOnTime, fl.ICPCs) }),
	inYear("Child protection plans starting", "§17.5", "count", 420, 0.25, func(fl storage.Flows) (float64, int) { return count(fl.CPStarts) }),
	inYear("Children on plans visited at least every 4 weeks", "F064", "%", 97, 3, func(fl storage.Flows) (float64, int) {
		return rate(fl.CPVisitChildrenRegular, fl.CPVisitChildren)
	}),
	inYear("Visits without \"seen alone\" recorded", "assumed", "%", 15, 3, func(fl storage.Flows) (float64, int) {
		return rate(fl.VisitsSeenAloneUnrecorded, fl.Visits)
	}),
	inYear("Children starting to be looked after", "§17.2", "count", 150, 0.25, func(fl storage.Flows) (float64, int) { return count(fl.CareStarts) }),
	inYear("Children ceasing to be looked after", "F094", "count", 150, 0.25, func(fl storage.Flows) (float64, int) { return count(fl.CareEnds) }),
	inYear("– adopted", "F092", "count", 31, 0.4, func(fl storage.Flows) (float64, int) { return count(fl.Adopted) }),
	inYear("– special guardianship", "F093", "count", 20, 0.5, func(fl storage.Flows) (float64, int) { return count(fl.SpecialGuardianship) }),
	inYear("– moved to independent living", "F096", "count", 15, 0.6, func(fl storage.Flows) (float64, int) { return count(fl.IndependentLiving) }),
	inYear("– back in care within the year", "F095", "%", 8, 5, func(fl storage.Flows) (float64, int) { return rate(fl.ReturnedToCare, fl.CareEnds) }),
	inYear("Initial health assessments within 20 working days", "F124", "%", 31.5, 7, func(fl storage.Flows) (float64, int) {
		return rate(fl.HealthAssessmentsOnTime, fl.HealthAssessmentsDue)
	}),
	inYear("Reviews attended by the child (aged 4+)", "F138", "%", 62, 6, func(fl storage.Flows) (float64, int) { return rate(fl.ReviewsAttended, fl.ReviewsFourPlus) }),
	inYear("Reviews with the child's views conveyed", "F140", "%", 95, 3, func(fl storage.Flows) (float64, int) { return rate(fl.ReviewsViews, fl.ReviewsFourPlus) }),
	inYear("Care proceedings: mean length", "F101", "weeks", 25, 4, func(fl storage.Flows) (float64, int) {
		return fl.ProceedingsWeeks, fl.ProceedingsConcluded
	}),
	inYear("Adoption A1: entering care to placement", "F145", "days", 491, 90, func(fl storage.Flows) (float64, int) { return fl.AdoptionA1Days, fl.Adopted }),
	inYear("Adoption A2: placement order to match", "F147", "days", 250, 70, func(fl storage.Flows) (float64, int) { return fl.AdoptionA2Days, fl.Adopted }),
}

// Summary measures the authority generated by cfg from its database: stocks
// on the last day and flows over the year to it, each beside its target
// scaled to the authority's size.
func Summary(ctx context.Context, db *storage.DB, cfg Config) ([]Figure, error) {
	from := cfg.To.AddMonths(-12).AddDays(1)
	if from.Before(cfg.From) {
		from = cfg.From
	}
	st, err := db.Stock(ctx, cfg.To)
	if err != nil {
		return nil, err
	}
	fl, err := db.Flows(ctx, from, cfg.To)
	if err != nil {
		return nil, err
	}
	// A period shorter than a year is measured over what there is and
	// compared with a target for that long.
	years := float64(cfg.To.DaysSince(from)+1) / 365.25
	return compare(st, fl, cfg.scale(), years), nil
}

// familyEffect is how much more a figure varies than it would if every
// child's journey were independent: brothers and sisters are referred,
// assessed and protected together.
const familyEffect = 2

func compare(st storage.Stock, fl storage.Flows, scale, years float64) []Figure {
	figures := make([]Figure, len(targets))
	for i, t := range targets {
		var v float64
		var base int
		if t.stock != nil {
			v, base = t.stock(st)
		} else {
			v, base = t.flow(fl)
		}
		f := Figure{Measure: t.measure, Source: t.source, Unit: t.unit, Value: v, Target: t.doncaster, Tolerance: t.tolerance, Base: base}
		switch t.unit {
		case "count":
			f.Target *= scale
			if t.flow != nil {
				f.Target *= years
			}
			f.Tolerance = math.Max(f.Tolerance, 3*math.Sqrt(familyEffect/math.Max(f.Target, 1)))
			f.OK = math.Abs(v-f.Target) <= f.Tolerance*f.Target
		case "%":
			p := f.Target / 100
			f.Tolerance = math.Max(f.Tolerance, 300*math.Sqrt(familyEffect*p*(1-p)/math.Max(float64(base), 1)))
			f.OK = base == 0 || math.Abs(v-f.Target) <= f.Tolerance
		default:
			// Means of a few cases vary widely: widen as for a proportion.
			f.Tolerance *= math.Max(1, math.Sqrt(30/math.Max(float64(base), 1)))
			f.OK = base == 0 || math.Abs(v-f.Target) <= f.Tolerance
		}
		figures[i] = f
	}
	return figures
}
