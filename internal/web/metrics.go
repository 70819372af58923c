package web

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// Registry holds the metrics that /metrics exposes in the Prometheus text
// format. Register metrics when the program starts: registering an invalid
// name, or a name twice, panics, as it is a programming error.
type Registry struct {
	mu      sync.Mutex
	metrics map[string]metric
}

type metric interface {
	write(w *bufio.Writer)
}

var (
	metricName = regexp.MustCompile(`^[a-zA-Z_:][a-zA-Z0-9_:]*$`)
	labelName  = regexp.MustCompile(`^[a-zA-Z_][a-zA-Z0-9_]*$`)
)

func newRegistry() *Registry {
	return &Registry{metrics: make(map[string]metric)}
}

func (r *Registry) register(name string, labels []string, m metric) {
	if !metricName.MatchString(name) {
		panic(fmt.Sprintf("web: invalid metric name %q", name))
	}
	for _, l := range labels {
		if !labelName.MatchString(l) || strings.HasPrefix(l, "__") {
			panic(fmt.Sprintf("web: metric %s: invalid label name %q", name, l))
		}
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, dup := r.metrics[name]; dup {
		panic(fmt.Sprintf("web: metric %s registered twice", name))
	}
	r.metrics[name] = m
}

// Counter registers a counter: a value that only goes up, such as the number
// of referrals received. Each series has one value for each label name.
func (r *Registry) Counter(name, help string, labels ...string) *Counter {
	c := &Counter{family: newFamily[float64](name, help, "counter", labels)}
	r.register(name, labels, c)
	return c
}

// Gauge registers a gauge: a value that goes up and down, such as open cases.
func (r *Registry) Gauge(name, help string, labels ...string) *Gauge {
	g := &Gauge{family: newFamily[float64](name, help, "gauge", labels)}
	r.register(name, labels, g)
	return g
}

// GaugeFunc registers a gauge whose value is read from f at each scrape.
func (r *Registry) GaugeFunc(name, help string, f func() float64) {
	g := &gaugeFunc{family: newFamily[struct{}](name, help, "gauge", nil), f: f}
	r.register(name, nil, g)
}

// Histogram registers a histogram with the given upper bucket bounds, in
// increasing order; the +Inf bucket is implicit.
func (r *Registry) Histogram(name, help string, buckets []float64, labels ...string) *Histogram {
	if !slices.IsSorted(buckets) {
		panic(fmt.Sprintf("web: metric %s: buckets are not in increasing order", name))
	}
	if slices.Contains(labels, "le") {
		panic(fmt.Sprintf("web: metric %s: a histogram cannot have a label named le", name))
	}
	h := &Histogram{family: newFamily[histogramSeries](name, help, "histogram", labels), buckets: buckets}
	r.register(name, labels, h)
	return h
}

// WriteTo writes every metric in the Prometheus text exposition format,
// sorted by name so that scrapes are stable.
func (r *Registry) WriteTo(w io.Writer) (int64, error) {
	r.mu.Lock()
	names := make([]string, 0, len(r.metrics))
	for name := range r.metrics {
		names = append(names, name)
	}
	sort.Strings(names)
	ms := make([]metric, len(names))
	for i, name := range names {
		ms[i] = r.metrics[name]
	}
	r.mu.Unlock()

	cw := &countingWriter{w: w}
	bw := bufio.NewWriter(cw)
	for _, m := range ms {
		m.write(bw)
	}
	err := bw.Flush()
	return cw.n, err
}

type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// family is what every metric type shares: its name, help, labels and a
// series for each combination of label values seen.
type family[S any] struct {
	name, help, kind string
	labels           []string

	mu     sync.Mutex
	series map[string]*labelled[S]
}

type labelled[S any] struct {
	values []string
	s      S
}

func newFamily[S any](name, help, kind string, labels []string) family[S] {
	return family[S]{name: name, help: help, kind: kind, labels: labels, series: make(map[string]*labelled[S])}
}

// with calls f with the series for the label values, under the lock.
func (f *family[S]) with(values []string, fn func(*S)) {
	if len(values) != len(f.labels) {
		panic(fmt.Sprintf("web: metric %s takes %d label values, not %d", f.name, len(f.labels), len(values)))
	}
	key := strings.Join(values, "\xff")
	f.mu.Lock()
	defer f.mu.Unlock()
	l, ok := f.series[key]
	if !ok {
		l = &labelled[S]{values: slices.Clone(values)}
		f.series[key] = l
	}
	fn(&l.s)
}

// each calls fn for every series in label-value order, under the lock. A
// metric without labels always has its one series, so it shows as 0 before
// anything happens.
func (f *family[S]) each(fn func(labels string, s *S)) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.labels) == 0 && len(f.series) == 0 {
		f.series[""] = &labelled[S]{}
	}
	keys := make([]string, 0, len(f.series))
	for k := range f.series {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		l := f.series[k]
		fn(formatLabels(f.labels, l.values), &l.s)
	}
}

func (f *family[S]) header(w *bufio.Writer) {
	fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s %s\n", f.name, helpEscaper.Replace(f.help), f.name, f.kind)
}

var (
	helpEscaper  = strings.NewReplacer(`\`, `\\`, "\n", `\n`)
	labelEscaper = strings.NewReplacer(`\`, `\\`, "\n", `\n`, `"`, `\"`)
)

// formatLabels renders {a="1",b="2"}, or "" when there are no labels.
func formatLabels(names, values []string) string {
	if len(names) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteByte('{')
	for i, n := range names {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `%s="%s"`, n, labelEscaper.Replace(values[i]))
	}
	b.WriteByte('}')
	return b.String()
}

// withLabel adds one more label to a rendered label set; histograms use it
// for le.
func withLabel(labels, name, value string) string {
	l := fmt.Sprintf(`%s="%s"`, name, value)
	if labels == "" {
		return "{" + l + "}"
	}
	return labels[:len(labels)-1] + "," + l + "}"
}

func formatFloat(v float64) string {
	if math.IsInf(v, 1) {
		return "+Inf"
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// Counter is a metric that only increases.
type Counter struct{ family[float64] }

// Inc adds one to the series for the label values.
func (c *Counter) Inc(labelValues ...string) { c.Add(1, labelValues...) }

// Add adds v, which must not be negative, to the series for the label values.
func (c *Counter) Add(v float64, labelValues ...string) {
	if v < 0 {
		panic(fmt.Sprintf("web: counter %s cannot decrease", c.name))
	}
	c.with(labelValues, func(s *float64) { *s += v })
}

func (c *Counter) write(w *bufio.Writer) {
	c.header(w)
	c.each(func(labels string, s *float64) {
		fmt.Fprintf(w, "%s%s %s\n", c.name, labels, formatFloat(*s))
	})
}

// Gauge is a metric that goes up and down.
type Gauge struct{ family[float64] }

// Set sets the series for the label values to v.
func (g *Gauge) Set(v float64, labelValues ...string) {
	g.with(labelValues, func(s *float64) { *s = v })
}

// Add adds v, which may be negative, to the series for the label values.
func (g *Gauge) Add(v float64, labelValues ...string) {
	g.with(labelValues, func(s *float64) { *s += v })
}

func (g *Gauge) write(w *bufio.Writer) {
	g.header(w)
	g.each(func(labels string, s *float64) {
		fmt.Fprintf(w, "%s%s %s\n", g.name, labels, formatFloat(*s))
	})
}

type gaugeFunc struct {
	family[struct{}]
	f func() float64
}

func (g *gaugeFunc) write(w *bufio.Writer) {
	g.header(w)
	fmt.Fprintf(w, "%s %s\n", g.name, formatFloat(g.f()))
}

// Histogram counts observations, such as request durations, into buckets.
type Histogram struct {
	family[histogramSeries]
	buckets []float64
}

type histogramSeries struct {
	counts []uint64 // per bucket, not cumulative; the last is +Inf
	sum    float64
	count  uint64
}

// Observe records v in the series for the label values.
func (h *Histogram) Observe(v float64, labelValues ...string) {
	h.with(labelValues, func(s *histogramSeries) {
		if s.counts == nil {
			s.counts = make([]uint64, len(h.buckets)+1)
		}
		i, _ := slices.BinarySearch(h.buckets, v) // first bound >= v: buckets are le
		s.counts[i]++
		s.sum += v
		s.count++
	})
}

func (h *Histogram) write(w *bufio.Writer) {
	h.header(w)
	h.each(func(labels string, s *histogramSeries) {
		var cumulative uint64
		for i := range len(h.buckets) + 1 {
			if s.counts != nil {
				cumulative += s.counts[i]
			}
			bound := math.Inf(1)
			if i < len(h.buckets) {
				bound = h.buckets[i]
			}
			fmt.Fprintf(w, "%s_bucket%s %d\n", h.name, withLabel(labels, "le", formatFloat(bound)), cumulative)
		}
		fmt.Fprintf(w, "%s_sum%s %s\n%s_count%s %d\n", h.name, labels, formatFloat(s.sum), h.name, labels, s.count)
	})
}
