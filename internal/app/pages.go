package app

import (
	"embed"
	"fmt"
	"io/fs"
	"net/http"
	"strings"
	"testing/fstest"

	"github.com/waymark-care/waymark/internal/access"
)

//go:embed templates
var templates embed.FS

// addPages adds the application's pages to the web server, each with the
// application's partials (templates/partials.html) appended, since the web
// server parses every page file on its own.
func (a *App) addPages() error {
	partials, err := fs.ReadFile(templates, "templates/partials.html")
	if err != nil {
		return err
	}
	pages := fstest.MapFS{}
	err = fs.WalkDir(templates, "templates/pages", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		src, err := fs.ReadFile(templates, p)
		if err != nil {
			return err
		}
		pages[strings.TrimPrefix(p, "templates/pages/")] = &fstest.MapFile{Data: append(append(src, '\n'), partials...)}
		return nil
	})
	if err != nil {
		return err
	}
	return a.Web.AddPages(pages)
}

// Page is what every page of the application carries for the layout: who
// is signed in, the token its forms post back, and which menu item is
// current. Page data embeds it.
type Page struct {
	User *access.User
	CSRF string
	Nav  string
}

// page returns the Page for a request, with nav the current menu item.
func (a *App) page(r *http.Request, nav string) Page {
	return Page{User: a.CurrentUser(r), CSRF: a.CSRFToken(r), Nav: nav}
}

// NavItem is one item of the service navigation.
type NavItem struct {
	Text, Href string
	Active     bool
}

// Menu is the service navigation for the signed-in user.
func (p Page) Menu() []NavItem {
	if p.User == nil {
		return nil
	}
	items := []NavItem{{"Home", "/", p.Nav == "home"}, {"Search", "/search", p.Nav == "search"}}
	if vs := worklistViews(p.User, nil); len(vs) > 0 {
		items = append(items, NavItem{"Worklist", vs[0].Path, p.Nav == "worklist"},
			NavItem{"Front door", "/front-door", p.Nav == "front-door"},
			NavItem{"Drift and delay", "/exceptions", p.Nav == "exceptions"})
	}
	if p.User.Has(access.TeamManager) || p.User.Has(access.ServiceManager) {
		items = append(items, NavItem{"Approvals", "/approvals", p.Nav == "approvals"})
	}
	if access.Decide(p.User, access.ViewAggregates, nil).Allowed {
		items = append(items, NavItem{"Timeliness", "/compliance", p.Nav == "compliance"})
	}
	if access.Decide(p.User, access.ViewMARAC, nil).Allowed {
		items = append(items, NavItem{"MARAC", "/marac", p.Nav == "marac"})
	}
	if access.Decide(p.User, access.ViewBreakGlass, nil).Allowed {
		items = append(items, NavItem{"Break-glass reports", "/break-glass", p.Nav == "break-glass"})
	}
	if access.Decide(p.User, access.ViewAggregates, nil).Allowed {
		items = append(items, NavItem{"Returns", "/returns/cin", p.Nav == "returns"})
	}
	return append(items,
		NavItem{"Records you have viewed", fmt.Sprintf("/users/%d/access-log", p.User.ID), p.Nav == "access-log"},
		NavItem{"Sign out", "/sign-out", p.Nav == "sign-out"})
}
