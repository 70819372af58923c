// Package web is Waymark's web application shell: the GOV.UK page layout and
// form partials, static assets, security and observability middleware,
// health and metrics endpoints, and helpers for the JSON API. Features add
// their routes and pages to a Server. See docs/web.md.
package web

import (
	"context"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"runtime/metrics"
	"time"
)

// Config configures a Server.
type Config struct {
	Version string       // shown in the footer and waymark_build_info; "development" if empty
	Logger  *slog.Logger // slog.Default() if nil

	// Ready reports whether the service can serve requests, such as by
	// pinging the database; /healthz answers 503 while it fails.
	Ready func(ctx context.Context) error

	// Secure means the service is reached over TLS, so responses add
	// Strict-Transport-Security.
	Secure bool

	// MaxBodyBytes caps request bodies; 1 MiB if zero.
	MaxBodyBytes int64
}

// readyTimeout bounds the readiness check, so a hung database fails the
// health check rather than hanging it.
const readyTimeout = 2 * time.Second

// Server is the web application: register routes with Handle and serve
// Handler.
type Server struct {
	cfg          Config
	mux          *http.ServeMux
	handler      http.Handler
	assets       fs.FS
	assetVersion string
	layout       *template.Template
	pages        map[string]*template.Template

	// home, if set, serves the home page instead of the "home" page.
	home http.Handler

	metrics   *Registry
	requests  *Counter
	durations *Histogram
}

// New builds a Server with its own routes: the home page, /assets/,
// /healthz, /metrics, and the not-found page or problem for anything else.
func New(cfg Config) (*Server, error) {
	if cfg.Version == "" {
		cfg.Version = "development"
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.MaxBodyBytes == 0 {
		cfg.MaxBodyBytes = 1 << 20
	}
	s := &Server{
		cfg:     cfg,
		mux:     http.NewServeMux(),
		pages:   make(map[string]*template.Template),
		metrics: newRegistry(),
	}

	var err error
	if s.assets, err = fs.Sub(embeddedAssets, "assets"); err != nil {
		return nil, err
	}
	if s.assetVersion, err = hashAssets(s.assets); err != nil {
		return nil, fmt.Errorf("web: hashing assets: %w", err)
	}
	if err := s.parseLayout(); err != nil {
		return nil, err
	}
	pages, err := fs.Sub(embeddedTemplates, "templates/pages")
	if err != nil {
		return nil, err
	}
	if err := s.AddPages(pages); err != nil {
		return nil, err
	}

	s.registerMetrics()
	s.mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		if s.home != nil {
			s.home.ServeHTTP(w, r)
			return
		}
		s.Render(w, r, http.StatusOK, "home", nil)
	})
	s.mux.HandleFunc("GET /assets/{version}/{path...}", s.serveAsset)
	s.mux.HandleFunc("GET /healthz", s.healthz)
	s.mux.HandleFunc("GET /metrics", s.serveMetrics)
	s.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.Error(w, r, http.StatusNotFound)
	})

	s.handler = s.securityHeaders(requestID(s.observe(s.limitBody(s.mux))))
	return s, nil
}

// Handler returns the handler to serve: every route, behind the middleware.
func (s *Server) Handler() http.Handler { return s.handler }

// Handle registers a handler for a net/http pattern such as
// "GET /cases/{id}". The route's pattern, not its path, labels its metrics.
func (s *Server) Handle(pattern string, h http.Handler) { s.mux.Handle(pattern, h) }

// HandleFunc registers a handler function for a pattern.
func (s *Server) HandleFunc(pattern string, h func(http.ResponseWriter, *http.Request)) {
	s.mux.HandleFunc(pattern, h)
}

// SetHome replaces the home page's handler, so that the application can
// show signed-in users their own home page; it can render "home" for the
// others. Call it before the server handles requests.
func (s *Server) SetHome(h http.Handler) { s.home = h }

// Metrics returns the registry that /metrics exposes, for features to add
// their own metrics to.
func (s *Server) Metrics() *Registry { return s.metrics }

func (s *Server) registerMetrics() {
	s.requests = s.metrics.Counter("waymark_http_requests_total",
		"HTTP requests served, by route pattern, method and status code.", "route", "method", "code")
	s.durations = s.metrics.Histogram("waymark_http_request_duration_seconds",
		"Time to serve HTTP requests, by route pattern.",
		[]float64{0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}, "route")
	s.metrics.Gauge("waymark_build_info",
		"Always 1; the version label says which release is running.", "version").Set(1, s.cfg.Version)
	s.metrics.GaugeFunc("go_goroutines", "Number of goroutines that currently exist.",
		runtimeMetric("/sched/goroutines:goroutines"))
	s.metrics.GaugeFunc("go_memstats_heap_alloc_bytes", "Bytes of allocated heap objects.",
		runtimeMetric("/memory/classes/heap/objects:bytes"))
}

// runtimeMetric reads one runtime/metrics value, which unlike
// runtime.ReadMemStats does not stop the world.
func runtimeMetric(name string) func() float64 {
	return func() float64 {
		sample := []metrics.Sample{{Name: name}}
		metrics.Read(sample)
		return float64(sample[0].Value.Uint64())
	}
}

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	status, body := http.StatusOK, "ok\n"
	if s.cfg.Ready != nil {
		ctx, cancel := context.WithTimeout(r.Context(), readyTimeout)
		defer cancel()
		if err := s.cfg.Ready(ctx); err != nil {
			s.cfg.Logger.WarnContext(r.Context(), "readiness check failed", "error", err)
			status, body = http.StatusServiceUnavailable, "unavailable\n"
		}
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(status)
	w.Write([]byte(body))
}

func (s *Server) serveMetrics(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	s.metrics.WriteTo(w)
}
