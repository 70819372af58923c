package casework

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/codes"
	"github.com/waymark-care/waymark/internal/domain"
)

// The MASH (docs/casework.md, "MARAC and the MASH"): what each partner
// agency of the multi-agency safeguarding hub was asked about the child of
// a contact, when it answered and how it rated the risk (FD-12). Which
// agencies are members is the effective-dated local setting mash.agencies.

// MASHMembers are the MASH's partner agencies on a day.
func (r Rules) MASHMembers(on civil.Date) []string {
	members, _ := r.Policy.MASHAgencies.At(on)
	return members
}

// CheckMASHRequest is the check on a request as it is saved: it is made of
// an agency that was a member of the MASH that day.
func (r Rules) CheckMASHRequest(m *domain.MASHRequest) []domain.FieldError {
	var errs fieldErrors
	if on := DayOf(m.RequestedAt); m.Agency != "" && !on.IsZero() && !slices.Contains(r.MASHMembers(on), m.Agency) {
		errs.add("agency", fmt.Sprintf("%s was not a member of the MASH on %s (the local setting mash.agencies)", codes.Describe(codes.Agency, m.Agency), on.Long()))
	}
	return errs
}

// MASHAgency is one partner agency's part in the MASH contacts of a period.
type MASHAgency struct {
	// Responded: MASH contacts in the period made while the agency was a
	// member, and of them those it responded to.
	Responded Ratio
	// ResponseTimes are how long each response took.
	ResponseTimes Durations
	// RAG counts its ratings: red, amber, green.
	RAG map[string]int
}

// MASHMonth is one calendar month of the MASH.
type MASHMonth struct {
	Month civil.Date // its first day
	// Members are the agencies in the MASH at the month's end; Active those
	// that responded to a request made in the month.
	Members, Active int
	Contacts        int
}

// MASHMeasures are FD-12's measures for a period: the MASH contacts (those
// about which a partner was asked) whose first request was made in it.
type MASHMeasures struct {
	From, To civil.Date
	Contacts int
	Agencies map[string]*MASHAgency
	Months   []MASHMonth
	// Membership is the versions of mash.agencies in force at some time in
	// the period, oldest first; a zero From is from the beginning.
	Membership []MASHMembers
}

// MASHMembers are the MASH's partner agencies from a day.
type MASHMembers struct {
	From     civil.Date `json:"from"`
	Agencies []string   `json:"agencies"`
}

// MeasureMASH works out FD-12's measures from the requests made in the
// period (and any later ones about the same contacts).
func (r Rules) MeasureMASH(requests []domain.MASHRequest, from, to civil.Date) *MASHMeasures {
	m := &MASHMeasures{From: from, To: to, Agencies: map[string]*MASHAgency{}}
	w := Window{From: from, To: to}
	byContact := map[int64][]*domain.MASHRequest{}
	for i := range requests {
		q := &requests[i]
		byContact[q.ContactID] = append(byContact[q.ContactID], q)
	}
	agency := func(a string) *MASHAgency {
		if m.Agencies[a] == nil {
			m.Agencies[a] = &MASHAgency{RAG: map[string]int{}}
		}
		return m.Agencies[a]
	}
	for _, a := range r.MASHMembers(to) {
		agency(a)
	}
	versions := r.Policy.MASHAgencies
	for i, v := range versions {
		if !v.From.After(to) && (i == len(versions)-1 || versions[i+1].From.After(from)) {
			m.Membership = append(m.Membership, MASHMembers{From: v.From, Agencies: v.Value})
		}
	}
	for month := civil.Of(from.Year(), monthOf(from), 1); !month.After(to); month = month.AddMonths(1) {
		end := month.AddMonths(1).AddDays(-1)
		if end.After(to) {
			end = to
		}
		m.Months = append(m.Months, MASHMonth{Month: month, Members: len(r.MASHMembers(end))})
	}
	active := map[civil.Date]map[string]bool{}
	for _, id := range slices.Sorted(maps.Keys(byContact)) {
		qs := byContact[id]
		first := slices.MinFunc(qs, func(a, b *domain.MASHRequest) int { return a.RequestedAt.Compare(b.RequestedAt) })
		day := DayOf(first.RequestedAt)
		if !w.contains(day) {
			continue
		}
		m.Contacts++
		month := civil.Of(day.Year(), monthOf(day), 1)
		if i := slices.IndexFunc(m.Months, func(mm MASHMonth) bool { return mm.Month == month }); i >= 0 {
			m.Months[i].Contacts++
		}
		for _, a := range r.MASHMembers(day) {
			responded := slices.ContainsFunc(qs, func(q *domain.MASHRequest) bool { return q.Agency == a && !q.RespondedAt.IsZero() })
			agency(a).Responded.count(responded)
		}
		for _, q := range qs {
			if q.RespondedAt.IsZero() {
				continue
			}
			ag := agency(q.Agency)
			ag.ResponseTimes = append(ag.ResponseTimes, q.RespondedAt.Sub(q.RequestedAt))
			if q.RAG != "" {
				ag.RAG[q.RAG]++
			}
			asked := DayOf(q.RequestedAt)
			am := civil.Of(asked.Year(), monthOf(asked), 1)
			if active[am] == nil {
				active[am] = map[string]bool{}
			}
			active[am][q.Agency] = true
		}
	}
	for i := range m.Months {
		m.Months[i].Active = len(active[m.Months[i].Month])
	}
	return m
}

// Durations are how long things took.
type Durations []time.Duration

// Median is the middle duration by the nearest-rank method, 0 if none.
func (ds Durations) Median() time.Duration { return median(ds) }

func monthOf(d civil.Date) time.Month {
	_, m, _ := d.Date()
	return m
}

func median[T cmp.Ordered](xs []T) T {
	var zero T
	if len(xs) == 0 {
		return zero
	}
	sorted := slices.Sorted(slices.Values(xs))
	return sorted[(len(sorted)+1)/2-1]
}
