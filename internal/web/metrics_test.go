package web

import (
	"strings"
	"testing"
)

func scrape(t *testing.T, r *Registry) string {
	t.Helper()
	var b strings.Builder
	if _, err := r.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestRegistryExposition(t *testing.T) {
	r := newRegistry()
	c := r.Counter("waymark_referrals_total", "Referrals received,\nby source.", "source")
	c.Inc("police")
	c.Add(2, `school "A"\`)
	g := r.Gauge("waymark_open_cases", "Open cases.")
	g.Set(5)
	g.Add(-2)
	h := r.Histogram("waymark_job_seconds", "Job time.", []float64{0.5, 1}, "job")
	h.Observe(0.5, "nightly")
	h.Observe(0.7, "nightly")
	h.Observe(3, "nightly")
	r.GaugeFunc("waymark_answer", "The answer.", func() float64 { return 42 })

	want := `# HELP waymark_answer The answer.
# TYPE waymark_answer gauge
waymark_answer 42
# HELP waymark_job_seconds Job time.
# TYPE waymark_job_seconds histogram
waymark_job_seconds_bucket{job="nightly",le="0.5"} 1
waymark_job_seconds_bucket{job="nightly",le="1"} 2
waymark_job_seconds_bucket{job="nightly",le="+Inf"} 3
waymark_job_seconds_sum{job="nightly"} 4.2
waymark_job_seconds_count{job="nightly"} 3
# HELP waymark_open_cases Open cases.
# TYPE waymark_open_cases gauge
waymark_open_cases 3
# HELP waymark_referrals_total Referrals received,\nby source.
# TYPE waymark_referrals_total counter
waymark_referrals_total{source="police"} 1
waymark_referrals_total{source="school \"A\"\\"} 2
`
	if got := scrape(t, r); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestUnlabelledMetricsStartAtZero(t *testing.T) {
	r := newRegistry()
	r.Counter("waymark_logins_total", "Sign-ins.")
	r.Histogram("waymark_wait_seconds", "Wait.", []float64{1})
	got := scrape(t, r)
	for _, want := range []string{"waymark_logins_total 0\n", `waymark_wait_seconds_bucket{le="+Inf"} 0` + "\n", "waymark_wait_seconds_count 0\n"} {
		if !strings.Contains(got, want) {
			t.Errorf("lacks %q:\n%s", want, got)
		}
	}
}

func TestRegistryMisuse(t *testing.T) {
	for name, f := range map[string]func(r *Registry){
		"bad name":          func(r *Registry) { r.Counter("waymark-bad", "") },
		"bad label":         func(r *Registry) { r.Counter("waymark_x", "", "not-ok") },
		"reserved label":    func(r *Registry) { r.Counter("waymark_x", "", "__name") },
		"twice":             func(r *Registry) { r.Gauge("waymark_x", ""); r.Counter("waymark_x", "") },
		"le label":          func(r *Registry) { r.Histogram("waymark_x", "", []float64{1}, "le") },
		"unsorted buckets":  func(r *Registry) { r.Histogram("waymark_x", "", []float64{2, 1}) },
		"negative counter":  func(r *Registry) { r.Counter("waymark_x", "").Add(-1) },
		"wrong label count": func(r *Registry) { r.Counter("waymark_x", "", "a").Inc() },
	} {
		t.Run(name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Error("did not panic")
				}
			}()
			f(newRegistry())
		})
	}
}
