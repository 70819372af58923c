package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"strings"

	"github.com/waymark-care/waymark/internal/civil"
)

//go:embed templates
var embeddedTemplates embed.FS

// parseLayout parses the layout and partials that every page shares.
func (s *Server) parseLayout() error {
	funcs := template.FuncMap{
		"asset":     s.assetURL,
		"version":   func() string { return s.cfg.Version },
		"date":      longDate,
		"pluralise": pluralise,
		"options":   options,
		"tag":       func(text, colour string) Tag { return Tag{Text: text, Colour: colour} },
		"choices": func(kind, typ string, f Field) choiceGroup {
			return choiceGroup{Field: f, Kind: kind, Type: typ}
		},

		// These set a Field's options in a pipeline:
		// (.Form.Field "email" "Email address" | hint "…" | inputType "email")
		"hint":         func(v string, f Field) Field { f.Hint = v; return f },
		"class":        func(v string, f Field) Field { f.Class = v; return f },
		"inputType":    func(v string, f Field) Field { f.Type = v; return f },
		"autocomplete": func(v string, f Field) Field { f.Autocomplete = v; return f },
		"withOptions":  func(o []Option, f Field) Field { f.Options = o; return f },
		"heading":      func(f Field) Field { f.Heading = true; return f },
	}
	t, err := template.New("layout").Funcs(funcs).ParseFS(embeddedTemplates,
		"templates/layout.html", "templates/partials/*.html")
	if err != nil {
		return fmt.Errorf("web: parsing layout: %w", err)
	}
	s.layout = t
	return nil
}

// AddPages parses every .html file in fsys as a page, named by its path
// without the extension ("cases/list" for cases/list.html). A page defines
// "title", the page's own title, and "content", what goes in <main>; it can
// use every partial. Call AddPages before the server handles requests.
func (s *Server) AddPages(fsys fs.FS) error {
	return fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		name := strings.TrimSuffix(p, ".html")
		if _, dup := s.pages[name]; dup {
			return fmt.Errorf("web: page %q is defined twice", name)
		}
		src, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		t, err := s.layout.Clone()
		if err == nil {
			_, err = t.New(p).Parse(string(src))
		}
		if err != nil {
			return fmt.Errorf("web: parsing page %s: %w", p, err)
		}
		s.pages[name] = t
		return nil
	})
}

// Render renders a page in the layout with the given status. The page is
// rendered in full before anything is sent, so a template error becomes the
// 500 page rather than half a page.
func (s *Server) Render(w http.ResponseWriter, r *http.Request, status int, page string, data any) {
	if err := s.renderPage(w, status, page, data); err != nil {
		s.cfg.Logger.ErrorContext(r.Context(), "rendering page", "page", page, "error", err)
		s.Error(w, r, http.StatusInternalServerError)
	}
}

// renderPage writes the page only if it renders without error.
func (s *Server) renderPage(w http.ResponseWriter, status int, page string, data any) error {
	t, ok := s.pages[page]
	if !ok {
		return fmt.Errorf("no page called %q", page)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", data); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
	return nil
}

// errorPage is the data for the error page.
type errorPage struct {
	Status    int
	RequestID string
}

// Error sends an error response for status: a problem document for the JSON
// API, the GOV.UK-style error page for everything else. Handlers use it for
// "not found" and the like; it never shows the user internal details.
func (s *Server) Error(w http.ResponseWriter, r *http.Request, status int) {
	if isAPI(r) {
		WriteProblem(w, r, status, "", "", nil)
		return
	}
	if err := s.renderPage(w, status, "error", errorPage{Status: status, RequestID: RequestID(r.Context())}); err != nil {
		// The error page is ours and tested, so this is a last resort.
		s.cfg.Logger.ErrorContext(r.Context(), "rendering error page", "error", err)
		http.Error(w, http.StatusText(status), status)
	}
}

// isAPI reports whether r is for the JSON API, which answers errors with
// problem documents rather than pages.
func isAPI(r *http.Request) bool {
	return r.URL.Path == "/api" || strings.HasPrefix(r.URL.Path, "/api/")
}

// longDate formats a date as GOV.UK writes dates: "7 October 2015". The zero
// date, meaning not recorded, is "".
func longDate(d civil.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.Time().Format("2 January 2006")
}

// pluralise returns the count with the singular or plural noun: "1 child",
// "3 children".
func pluralise(n int, singular, plural string) string {
	if n == 1 {
		return "1 " + singular
	}
	return fmt.Sprintf("%d %s", n, plural)
}

// options builds options from value and text pairs, for radios, checkboxes
// and selects whose choices are written in the template.
func options(pairs ...string) ([]Option, error) {
	if len(pairs)%2 != 0 {
		return nil, fmt.Errorf("options takes value and text pairs, not %d strings", len(pairs))
	}
	opts := make([]Option, 0, len(pairs)/2)
	for i := 0; i < len(pairs); i += 2 {
		opts = append(opts, Option{Value: pairs[i], Text: pairs[i+1]})
	}
	return opts, nil
}
