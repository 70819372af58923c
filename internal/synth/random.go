package synth

import (
	"math"
	"math/rand/v2"

	"github.com/waymark-care/waymark/internal/civil"
)

// rng is the simulation's only source of chance: a PCG seeded from the
// configuration, so that a seed and a period always give the same authority.
type rng struct{ *rand.Rand }

func newRNG(seed uint64) rng {
	return rng{rand.New(rand.NewPCG(seed, seed^0x5deece66d))}
}

// chance reports true with probability p.
func (r rng) chance(p float64) bool { return r.Float64() < p }

// between returns an integer from lo to hi inclusive.
func (r rng) between(lo, hi int) int { return lo + r.IntN(hi-lo+1) }

// poisson draws the number of events in a period with the given mean.
func (r rng) poisson(mean float64) int {
	if mean > 30 {
		return max(0, int(math.Round(mean+math.Sqrt(mean)*r.NormFloat64())))
	}
	limit, n, p := math.Exp(-mean), 0, r.Float64()
	for p > limit {
		n++
		p *= r.Float64()
	}
	return n
}

// choice is a weighted list of values; weights need not sum to 1.
type choice[T any] []struct {
	w float64
	v T
}

func pick[T any](r rng, c choice[T]) T {
	total := 0.0
	for _, o := range c {
		total += o.w
	}
	x := r.Float64() * total
	for _, o := range c {
		if x < o.w {
			return o.v
		}
		x -= o.w
	}
	return c[len(c)-1].v
}

// oneOf picks uniformly.
func oneOf[T any](r rng, vs ...T) T { return vs[r.IntN(len(vs))] }

// spread is a distribution of whole numbers (days, working days, months):
// each band has a share of the draws, spread evenly from lo to hi. The
// report's timeliness rates are bands: "92% within 45 working days" is a band
// up to 45 with share 0.92 and a late band after it.
type spread []band

type band struct {
	share  float64
	lo, hi int
}

func (r rng) draw(s spread) int {
	x := r.Float64()
	for _, b := range s {
		if x < b.share {
			return r.between(b.lo, b.hi)
		}
		x -= b.share
	}
	b := s[len(s)-1]
	return r.between(b.lo, b.hi)
}

// in returns a spread of one band.
func in(lo, hi int) spread { return spread{{1, lo, hi}} }

// workingDaysAfter is when something happens that takes a number of working
// days drawn from s, counted from d as day 0.
func (s *sim) workingDaysAfter(d civil.Date, sp spread) civil.Date {
	return s.cal.AddWorkingDays(d, s.r.draw(sp))
}

// daysAfter is workingDaysAfter in calendar days.
func (s *sim) daysAfter(d civil.Date, sp spread) civil.Date {
	return d.AddDays(s.r.draw(sp))
}
