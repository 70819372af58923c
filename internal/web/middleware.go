package web

import (
	"context"
	"crypto/rand"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strconv"
	"strings"
	"time"
)

// contentSecurityPolicy allows scripts, styles, images and fonts from Waymark
// itself only: no inline script or style, no framing, no plugins.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; " +
	"img-src 'self'; font-src 'self'; connect-src 'self'; object-src 'none'; " +
	"base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// securityHeaders sets the headers every response carries. Pages show
// personal data, so nothing may be stored in a cache unless a handler (the
// asset handler) says otherwise.
func (s *Server) securityHeaders(next http.Handler) http.Handler {
	csp := contentSecurityPolicy
	if s.cfg.Secure {
		csp += "; upgrade-insecure-requests"
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", csp)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY") // frame-ancestors, for browsers without it
		// Not no-referrer: that also blanks the Origin header of same-origin
		// form posts, which cross-site request forgery checks rely on.
		h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
		h.Set("Permissions-Policy", "accelerometer=(), camera=(), geolocation=(), gyroscope=(), "+
			"magnetometer=(), microphone=(), payment=(), usb=()")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Cross-Origin-Resource-Policy", "same-origin")
		h.Set("Cache-Control", "no-store")
		if s.cfg.Secure {
			h.Set("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
		}
		next.ServeHTTP(w, r)
	})
}

type requestIDKey struct{}

// RequestID returns the id of the request that ctx belongs to, or "". The id
// is in every request's log line, its X-Request-Id response header and the
// 500 page, so a user's report can be matched to the logs.
func RequestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey{}).(string)
	return id
}

func requestID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := rand.Text()
		w.Header().Set("X-Request-Id", id)
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), requestIDKey{}, id)))
	})
}

// limitBody rejects request bodies larger than the configured limit: at once
// when Content-Length says so, otherwise when a handler reads past the limit
// and gets an *http.MaxBytesError (it should answer 413 with s.Error).
func (s *Server) limitBody(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ContentLength > s.cfg.MaxBodyBytes {
			s.Error(w, r, http.StatusRequestEntityTooLarge)
			return
		}
		// Set in place, not on a copy, so that observe sees r.Pattern.
		r.Body = http.MaxBytesReader(w, r.Body, s.cfg.MaxBodyBytes)
		next.ServeHTTP(w, r)
	})
}

// recorder notes the status and size of a response.
type recorder struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (rec *recorder) WriteHeader(status int) {
	if rec.status == 0 {
		rec.status = status
	}
	rec.ResponseWriter.WriteHeader(status)
}

func (rec *recorder) Write(b []byte) (int, error) {
	if rec.status == 0 {
		rec.status = http.StatusOK
	}
	n, err := rec.ResponseWriter.Write(b)
	rec.bytes += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (rec *recorder) Unwrap() http.ResponseWriter { return rec.ResponseWriter }

// observe recovers from panics, then logs and counts each request. It must
// wrap the mux with the same *http.Request, not a copy, since the mux records
// the matched pattern in r.Pattern.
//
// The log line is the route pattern, not the path, and never the query
// string or body: paths and queries can hold names and case numbers.
func (s *Server) observe(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &recorder{ResponseWriter: w}
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v) // the server's own signal to abort the response
				}
				s.cfg.Logger.ErrorContext(r.Context(), "panic serving request",
					"route", route(r), "request_id", RequestID(r.Context()),
					"panic", v, "stack", string(debug.Stack()))
				if rec.status == 0 {
					s.Error(rec, r, http.StatusInternalServerError)
				}
			}
			if rec.status == 0 {
				rec.status = http.StatusOK
			}
			s.record(r, rec, time.Since(start))
		}()
		next.ServeHTTP(rec, r)
	})
}

func (s *Server) record(r *http.Request, rec *recorder, elapsed time.Duration) {
	rt, method, code := route(r), metricMethod(r.Method), strconv.Itoa(rec.status)
	s.requests.Inc(rt, method, code)
	s.durations.Observe(elapsed.Seconds(), rt)

	level := slog.LevelInfo
	if rec.status >= 500 {
		level = slog.LevelError
	}
	s.cfg.Logger.LogAttrs(r.Context(), level, "request",
		slog.String("method", method),
		slog.String("route", rt),
		slog.Int("status", rec.status),
		slog.Duration("duration", elapsed),
		slog.Int64("bytes", rec.bytes),
		slog.String("request_id", RequestID(r.Context())),
	)
}

// route returns the path part of the pattern that matched r, such as
// /cases/{id}, which names a route without the ids in its path.
func route(r *http.Request) string {
	p := r.Pattern
	if p == "" {
		return "unmatched"
	}
	if i := strings.IndexByte(p, ' '); i >= 0 {
		p = p[i+1:] // drop the method
	}
	return p
}

// metricMethod keeps the method label to the standard methods, so clients
// cannot create a series per made-up method.
func metricMethod(m string) string {
	switch m {
	case http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut,
		http.MethodPatch, http.MethodDelete, http.MethodOptions:
		return m
	}
	return "OTHER"
}
