package web

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path"
	"regexp"
	"strings"
	"testing"
)

// newServer returns a server whose log lines go to the returned buffer.
func newServer(t *testing.T, cfg Config) (*Server, *bytes.Buffer) {
	t.Helper()
	var logs bytes.Buffer
	cfg.Logger = slog.New(slog.NewTextHandler(&logs, nil))
	if cfg.Version == "" {
		cfg.Version = "1.2.3"
	}
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return s, &logs
}

func get(s *Server, path string) *httptest.ResponseRecorder {
	return serve(s, httptest.NewRequest(http.MethodGet, path, nil))
}

func serve(s *Server, r *http.Request) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	s.Handler().ServeHTTP(w, r)
	return w
}

func TestSecurityHeadersOnEveryResponse(t *testing.T) {
	s, _ := newServer(t, Config{})
	want := map[string]string{
		"X-Content-Type-Options":       "nosniff",
		"Referrer-Policy":              "strict-origin-when-cross-origin",
		"X-Frame-Options":              "DENY",
		"Cross-Origin-Opener-Policy":   "same-origin",
		"Cross-Origin-Resource-Policy": "same-origin",
	}
	for _, path := range []string{"/", "/no-such-page", "/api/v1/nothing", "/healthz", "/metrics", s.assetURL("waymark.mjs")} {
		w := get(s, path)
		for name, value := range want {
			if got := w.Header().Get(name); got != value {
				t.Errorf("%s: %s = %q, want %q", path, name, got, value)
			}
		}
		if w.Header().Get("Permissions-Policy") == "" {
			t.Errorf("%s: no Permissions-Policy", path)
		}
		if w.Header().Get("X-Request-Id") == "" {
			t.Errorf("%s: no X-Request-Id", path)
		}
		if got := w.Header().Get("Strict-Transport-Security"); got != "" {
			t.Errorf("%s: HSTS %q sent without TLS", path, got)
		}

		csp := w.Header().Get("Content-Security-Policy")
		directives := map[string]string{}
		for d := range strings.SplitSeq(csp, ";") {
			name, value, _ := strings.Cut(strings.TrimSpace(d), " ")
			directives[name] = value
		}
		if directives["script-src"] != "'self'" {
			t.Errorf("%s: script-src %q, want only 'self' (no inline script)", path, directives["script-src"])
		}
		if directives["frame-ancestors"] != "'none'" {
			t.Errorf("%s: frame-ancestors %q, want 'none'", path, directives["frame-ancestors"])
		}
		if strings.Contains(csp, "unsafe") {
			t.Errorf("%s: CSP allows something unsafe: %s", path, csp)
		}
	}
	if got := get(s, "/").Header().Get("Cache-Control"); got != "no-store" {
		t.Errorf("page Cache-Control = %q, want no-store: pages hold personal data", got)
	}
}

func TestHSTSOnlyWhenSecure(t *testing.T) {
	s, _ := newServer(t, Config{Secure: true})
	w := get(s, "/")
	if got := w.Header().Get("Strict-Transport-Security"); !strings.HasPrefix(got, "max-age=") {
		t.Errorf("Strict-Transport-Security = %q", got)
	}
}

func TestHealthz(t *testing.T) {
	var dbErr error
	s, logs := newServer(t, Config{Ready: func(ctx context.Context) error { return dbErr }})

	w := get(s, "/healthz")
	if w.Code != http.StatusOK || strings.TrimSpace(w.Body.String()) != "ok" {
		t.Errorf("healthy: %d %q", w.Code, w.Body)
	}
	if ct := w.Header().Get("Content-Type"); ct != "text/plain; charset=utf-8" {
		t.Errorf("Content-Type = %q", ct)
	}

	dbErr = errors.New("connection refused")
	w = get(s, "/healthz")
	if w.Code != http.StatusServiceUnavailable {
		t.Errorf("unhealthy: status %d, want 503", w.Code)
	}
	if strings.Contains(w.Body.String(), "refused") {
		t.Errorf("health check shows the error to the client: %q", w.Body)
	}
	if !strings.Contains(logs.String(), "connection refused") {
		t.Errorf("the failed check is not logged:\n%s", logs)
	}
}

// exposition matches each line of the Prometheus text format that we write.
var exposition = regexp.MustCompile(`^(# HELP [a-zA-Z_:][a-zA-Z0-9_:]* .*` +
	`|# TYPE [a-zA-Z_:][a-zA-Z0-9_:]* (counter|gauge|histogram)` +
	`|[a-zA-Z_:][a-zA-Z0-9_:]*(\{[a-zA-Z_][a-zA-Z0-9_]*="([^"\\\n]|\\[\\"n])*"(,[a-zA-Z_][a-zA-Z0-9_]*="([^"\\\n]|\\[\\"n])*")*\})? [-+]?([0-9.eE+-]+|Inf|NaN))$`)

func TestMetrics(t *testing.T) {
	s, _ := newServer(t, Config{})
	get(s, "/")
	get(s, "/no-such-page")

	w := get(s, "/metrics")
	if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/plain; version=0.0.4") {
		t.Errorf("Content-Type = %q", ct)
	}
	body := w.Body.String()
	for _, want := range []string{
		`waymark_http_requests_total{route="/{$}",method="GET",code="200"} 1`,
		`waymark_http_requests_total{route="/",method="GET",code="404"} 1`,
		`waymark_http_request_duration_seconds_bucket{route="/{$}",le="+Inf"} 1`,
		`waymark_http_request_duration_seconds_count{route="/{$}"} 1`,
		`waymark_build_info{version="1.2.3"} 1`,
		"# TYPE waymark_http_request_duration_seconds histogram",
		"# TYPE go_goroutines gauge",
		"go_memstats_heap_alloc_bytes ",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}

	typed := map[string]bool{}
	for line := range strings.Lines(body) {
		line = strings.TrimSuffix(line, "\n")
		if !exposition.MatchString(line) {
			t.Errorf("not in the exposition format: %q", line)
			continue
		}
		if name, ok := strings.CutPrefix(line, "# TYPE "); ok {
			typed[strings.Fields(name)[0]] = true
		} else if !strings.HasPrefix(line, "#") {
			name := regexp.MustCompile(`^[a-zA-Z_:][a-zA-Z0-9_:]*`).FindString(line)
			base := regexp.MustCompile(`_(bucket|sum|count)$`).ReplaceAllString(name, "")
			if !typed[name] && !typed[base] {
				t.Errorf("sample before its TYPE line: %q", line)
			}
		}
	}
}

func TestAssets(t *testing.T) {
	s, _ := newServer(t, Config{})
	for asset, ctype := range map[string]string{
		"vendor/govuk-frontend/govuk-frontend.min.css": "text/css; charset=utf-8",
		"vendor/govuk-frontend/govuk-frontend.min.js":  "text/javascript; charset=utf-8",
		"vendor/moj-frontend/moj-frontend.min.css":     "text/css; charset=utf-8",
		"vendor/moj-frontend/moj-frontend.min.js":      "text/javascript; charset=utf-8",
		"waymark.mjs":                       "text/javascript; charset=utf-8",
		"favicon.svg":                       "image/svg+xml",
		"vendor/govuk-frontend/LICENCE.txt": "text/plain; charset=utf-8",
	} {
		w := get(s, s.assetURL(asset))
		if w.Code != http.StatusOK {
			t.Errorf("%s: status %d", asset, w.Code)
			continue
		}
		if got := w.Header().Get("Content-Type"); got != ctype {
			t.Errorf("%s: Content-Type %q, want %q", asset, got, ctype)
		}
		if got := w.Header().Get("Cache-Control"); got != "public, max-age=31536000, immutable" {
			t.Errorf("%s: Cache-Control %q", asset, got)
		}
	}

	// A refresh of the frontend that brings a new kind of file must add its type.
	fs.WalkDir(s.assets, ".", func(p string, d fs.DirEntry, err error) error {
		if _, known := assetTypes[path.Ext(p)]; !d.IsDir() && !known {
			t.Errorf("%s: no content type for %s files, so it is not served", p, path.Ext(p))
		}
		return err
	})

	old := get(s, "/assets/0123456789ab/waymark.mjs")
	if old.Code != http.StatusOK || old.Header().Get("Cache-Control") != "no-cache" {
		t.Errorf("old version: %d, Cache-Control %q; want 200, no-cache", old.Code, old.Header().Get("Cache-Control"))
	}

	for _, asset := range []string{"vendor", "vendor/", "nothing.css", "vendor/govuk-frontend"} {
		if w := get(s, s.assetURL(asset)); w.Code != http.StatusNotFound {
			t.Errorf("%s: status %d, want 404", asset, w.Code)
		}
	}
	// The mux redirects to the cleaned path, which is outside /assets/.
	if w := get(s, s.assetURL("../../server.go")); w.Code == http.StatusOK {
		t.Errorf("path traversal served: %s", w.Body)
	}
}

// TestPageAssetsExist checks every asset a page links to is served.
func TestPageAssetsExist(t *testing.T) {
	s, _ := newServer(t, Config{})
	links := regexp.MustCompile(`(?:href|src)="(/assets/[^"]+)"`).FindAllStringSubmatch(get(s, "/").Body.String(), -1)
	if len(links) < 4 {
		t.Fatalf("found only %d asset links", len(links))
	}
	for _, l := range links {
		if w := get(s, l[1]); w.Code != http.StatusOK {
			t.Errorf("%s: status %d", l[1], w.Code)
		}
	}
}

func TestNotFound(t *testing.T) {
	s, _ := newServer(t, Config{})

	w := get(s, "/cases/no-such-case")
	if w.Code != http.StatusNotFound || !strings.HasPrefix(w.Header().Get("Content-Type"), "text/html") {
		t.Errorf("page: %d %q", w.Code, w.Header().Get("Content-Type"))
	}
	if !strings.Contains(w.Body.String(), `<h1 class="govuk-heading-l">Page not found</h1>`) {
		t.Errorf("no GOV.UK not-found page:\n%s", w.Body)
	}

	w = get(s, "/api/v1/no-such-thing")
	if w.Code != http.StatusNotFound || w.Header().Get("Content-Type") != "application/problem+json" {
		t.Fatalf("API: %d %q", w.Code, w.Header().Get("Content-Type"))
	}
	var problem map[string]any
	if err := json.Unmarshal(w.Body.Bytes(), &problem); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"type": "about:blank", "title": "Not Found", "status": 404.0, "instance": "/api/v1/no-such-thing"}
	for k, v := range want {
		if problem[k] != v {
			t.Errorf("problem %s = %v, want %v", k, problem[k], v)
		}
	}
}

func TestBodyLimit(t *testing.T) {
	s, _ := newServer(t, Config{MaxBodyBytes: 1024})
	s.HandleFunc("POST /notes", func(w http.ResponseWriter, r *http.Request) {
		if err := r.ParseForm(); err != nil {
			if _, tooLarge := errors.AsType[*http.MaxBytesError](err); tooLarge {
				s.Error(w, r, http.StatusRequestEntityTooLarge)
				return
			}
			s.Error(w, r, http.StatusBadRequest)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
	post := func(body string, chunked bool) *httptest.ResponseRecorder {
		r := httptest.NewRequest(http.MethodPost, "/notes", strings.NewReader(body))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if chunked {
			r.ContentLength = -1 // unknown length: the limit bites as the handler reads
		}
		return serve(s, r)
	}

	if w := post("note=short", false); w.Code != http.StatusNoContent {
		t.Errorf("small body: status %d", w.Code)
	}
	big := "note=" + strings.Repeat("x", 2048)
	for _, chunked := range []bool{false, true} {
		w := post(big, chunked)
		if w.Code != http.StatusRequestEntityTooLarge {
			t.Errorf("chunked %v: status %d, want 413", chunked, w.Code)
		}
		if !strings.Contains(w.Body.String(), "The information you sent is too large") {
			t.Errorf("chunked %v: no 413 page", chunked)
		}
	}
}

func TestDefaultBodyLimitIsOneMiB(t *testing.T) {
	s, _ := newServer(t, Config{})
	r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(strings.Repeat("x", 1<<20+1)))
	if w := serve(s, r); w.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("status %d, want 413", w.Code)
	}
}

func TestPanicRecovery(t *testing.T) {
	s, logs := newServer(t, Config{})
	boom := func(w http.ResponseWriter, r *http.Request) { panic("secret detail") }
	s.HandleFunc("GET /boom", boom)
	s.HandleFunc("GET /api/v1/boom", boom)

	w := get(s, "/boom")
	if w.Code != http.StatusInternalServerError {
		t.Errorf("status %d, want 500", w.Code)
	}
	body := w.Body.String()
	if strings.Contains(body, "secret") || strings.Contains(body, "goroutine") {
		t.Errorf("500 page leaks the panic:\n%s", body)
	}
	if !strings.Contains(body, "Sorry, there is a problem with the service") {
		t.Errorf("no GOV.UK 500 page:\n%s", body)
	}
	if id := w.Header().Get("X-Request-Id"); !strings.Contains(body, id) {
		t.Errorf("500 page does not give the request id %q as a reference", id)
	}
	if !strings.Contains(logs.String(), "secret detail") {
		t.Errorf("panic not logged:\n%s", logs)
	}

	w = get(s, "/api/v1/boom")
	if w.Code != http.StatusInternalServerError || w.Header().Get("Content-Type") != "application/problem+json" {
		t.Errorf("API: %d %q", w.Code, w.Header().Get("Content-Type"))
	}
	if strings.Contains(w.Body.String(), "secret") {
		t.Errorf("problem leaks the panic: %s", w.Body)
	}
}

func TestRequestLogHasNoPersonalData(t *testing.T) {
	s, logs := newServer(t, Config{})
	s.HandleFunc("GET /children/{id}", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "hello")
	})
	get(s, "/children/8842?name=Jane+Doe")

	line := logs.String()
	for _, leak := range []string{"8842", "Jane", "name="} {
		if strings.Contains(line, leak) {
			t.Errorf("log line contains %q: %s", leak, line)
		}
	}
	for _, want := range []string{"method=GET", "route=/children/{id}", "status=200", "bytes=5", "duration=", "request_id="} {
		if !strings.Contains(line, want) {
			t.Errorf("log line lacks %q: %s", want, line)
		}
	}
}

func TestRenderUnknownPageIs500(t *testing.T) {
	s, logs := newServer(t, Config{})
	s.HandleFunc("GET /broken", func(w http.ResponseWriter, r *http.Request) {
		s.Render(w, r, http.StatusOK, "no-such-page", nil)
	})
	if w := get(s, "/broken"); w.Code != http.StatusInternalServerError {
		t.Errorf("status %d, want 500", w.Code)
	}
	if !strings.Contains(logs.String(), "no-such-page") {
		t.Errorf("render error not logged:\n%s", logs)
	}
}

func TestWriteJSON(t *testing.T) {
	w := httptest.NewRecorder()
	WriteJSON(w, http.StatusCreated, map[string]string{"id": "42"})
	if w.Code != http.StatusCreated || w.Header().Get("Content-Type") != "application/json" {
		t.Errorf("%d %q", w.Code, w.Header().Get("Content-Type"))
	}
	if got := strings.TrimSpace(w.Body.String()); got != `{"id":"42"}` {
		t.Errorf("body %s", got)
	}
}

func TestWriteValidationProblem(t *testing.T) {
	var errs FieldErrors
	errs.Add("name", "Enter the child’s name")
	errs.Add("dob", "Date of birth must be in the past")

	w := httptest.NewRecorder()
	WriteValidationProblem(w, httptest.NewRequest(http.MethodPost, "/api/v1/children", nil), errs)
	if w.Code != http.StatusUnprocessableEntity || w.Header().Get("Content-Type") != "application/problem+json" {
		t.Fatalf("%d %q", w.Code, w.Header().Get("Content-Type"))
	}
	var got struct {
		Type, Title, Detail, Instance string
		Status                        int
		Errors                        []FieldError
	}
	if err := json.Unmarshal(w.Body.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if got.Status != 422 || got.Instance != "/api/v1/children" || got.Detail != "2 fields are not valid." {
		t.Errorf("problem %+v", got)
	}
	if len(got.Errors) != 2 || got.Errors[1] != (FieldError{"dob", "Date of birth must be in the past"}) {
		t.Errorf("errors %+v", got.Errors)
	}
}
