// Package app is Waymark's web application and JSON API: it joins the web
// shell (package web), the records (package storage) and the access policy
// (package access). Handlers here are thin: they parse a request, ask the
// policy, call storage or a domain package, and render the answer.
//
// Each feature registers its routes from its own file with feature(), so
// features are added without touching each other.
package app

import (
	"log/slog"

	"github.com/waymark-care/waymark/internal/storage"
	"github.com/waymark-care/waymark/internal/web"
)

// App holds what every handler needs.
type App struct {
	DB     *storage.DB
	Web    *web.Server
	Logger *slog.Logger
	// Security is the sign-in and session settings (auth.go).
	Security Security
	// people is the person search index (search.go); records the children's
	// records read recently (records.go).
	people  *peopleIndex
	records *recordCache
}

// features are the route registrations, in the order their files' init
// functions run.
var features []func(a *App) error

// feature registers a feature's routes.
func feature(mount func(a *App) error) { features = append(features, mount) }

// Mount adds every feature's routes to the web server.
func Mount(w *web.Server, db *storage.DB, logger *slog.Logger) (*App, error) {
	a := &App{DB: db, Web: w, Logger: logger, Security: DefaultSecurity}
	for _, mount := range features {
		if err := mount(a); err != nil {
			return nil, err
		}
	}
	return a, nil
}
