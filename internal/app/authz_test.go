package app

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/waymark-care/waymark/internal/storage"
	"github.com/waymark-care/waymark/internal/storage/storagetest"
)

// Who may do what to the fixture child, as designed (docs/security.md):
var (
	// viewers see the record: the team (worker, adviser), the involved
	// manager and IRO, the service manager above the team, the virtual
	// school (the child is looked after) and the auditor.
	viewers = []string{"worker", "manager", "servicemanager", "iro", "adviser", "virtualschool", "auditor"}
	// recorders may add to it: the viewers with casework roles.
	recorders = []string{"worker", "manager", "servicemanager", "iro", "adviser", "virtualschool"}
	// glassBreakers are staff refused the record who may break the glass.
	glassBreakers = []string{"chair", "earlyhelp", "outsider"}
	// logReaders see who has looked at the record.
	logReaders = []string{"manager", "servicemanager", "auditor"}
	// granters, its managers, decide who else may see it.
	granters = []string{"manager", "servicemanager"}
	// nonSearchers may not search at all.
	nonSearchers = []string{"analyst", "admin"}
	// everyone else (partners with nothing shared, analyst, partnership,
	// administrator) is told the record does not exist.
)

// childStatus is the status for a route about the child: allowed, refused
// with the break-glass offer (403), or not found (404).
func childStatus(allowed []string, ok int) func(string) int {
	return func(user string) int {
		switch {
		case slices.Contains(allowed, user):
			return ok
		case slices.Contains(viewers, user), slices.Contains(glassBreakers, user):
			return http.StatusForbidden
		}
		return http.StatusNotFound
	}
}

func only(allowed []string, ok int) func(string) int {
	return func(user string) int {
		if slices.Contains(allowed, user) {
			return ok
		}
		return http.StatusForbidden
	}
}

func searchStatus(user string) int {
	if slices.Contains(nonSearchers, user) {
		return http.StatusForbidden
	}
	return http.StatusOK
}

func all(status int) func(string) int { return func(string) int { return status } }

// TestAuthorisationMatrix requests every route as every role, and as no
// one, and checks each is allowed or refused as designed.
func TestAuthorisationMatrix(t *testing.T) {
	storagetest.Each(t, func(t testing.TB, db *storage.DB) {
		f := newFixture(t, db)
		child := fmt.Sprintf("/children/%d", f.child)
		manager := f.accounts["manager"].ID
		_, family := familyOf(t, db, f.child)
		father := fmt.Sprintf("/family-member-details/%d", family["father"])
		event := url.Values{"date-day": {"3"}, "date-month": {"11"}, "date-year": {"2025"}, "subject": {"Disclosure"}, "body": {"Told a teacher."}}
		routes := []struct {
			method, path string
			form         url.Values // a form post with the session's token
			json         any        // a JSON post with the session's token
			want         func(user string) int
		}{
			{"GET", "/", nil, nil, all(200)},
			{"GET", "/search?q=ellie", nil, nil, searchStatus},
			{"GET", child, nil, nil, childStatus(viewers, 200)},
			{"GET", child + "?type=protection&significant=1", nil, nil, childStatus(viewers, 200)},
			{"GET", child + "/significant-events/new", nil, nil, childStatus(recorders, 200)},
			{"GET", child + "/casework", nil, nil, childStatus(viewers, 200)},
			{"GET", child + "/casework/conference", nil, nil, childStatus(recorders, 200)},
			// The child's details and family, and a parent's through the child.
			{"GET", fmt.Sprintf("%s/casework/child-details/%d", child, f.child), nil, nil, childStatus(recorders, 200)},
			{"GET", child + "/casework/family-member", nil, nil, childStatus(recorders, 200)},
			{"GET", child + "/casework" + father, nil, nil, childStatus(recorders, 200)},
			{"GET", "/api/v1" + child + "/family", nil, nil, childStatus(viewers, 200)},
			{"GET", fmt.Sprintf("/api/v1%s/family/%d", child, family["father"]), nil, nil, childStatus(recorders, 200)},
			{"POST", child + "/significant-events", event, nil, childStatus(recorders, 303)},
			{"GET", child + "/access-log", nil, nil, childStatus(logReaders, 200)},
			{"GET", child + "/chronology.csv?type=protection", nil, nil, childStatus(viewers, 200)},
			{"GET", child + "/chronology/print?significant=1", nil, nil, childStatus(viewers, 200)},
			{"GET", child + "/grants/new", nil, nil, childStatus(granters, 200)},
			{"POST", child + "/grants", url.Values{"who": {"agency"}, "role": {"partner_health"}, "scope": {"whole"}, "reason": {"Looked-after children's nurse"}}, nil, childStatus(granters, 303)},
			{"GET", "/api/v1" + child + "/grants", nil, nil, childStatus(logReaders, 200)},
			{"POST", "/api/v1" + child + "/grants", nil, map[string]any{"role": "partner_education", "kinds": []string{"pep"}, "reason": "Virtual school review"}, childStatus(granters, 201)},
			{"GET", "/users/{self}/access-log", nil, nil, all(200)},
			{"GET", fmt.Sprintf("/users/%d/access-log", manager), nil, nil, only([]string{"manager", "auditor", "admin"}, 200)},
			{"GET", "/break-glass", nil, nil, only(logReaders, 200)},
			{"GET", "/sign-out", nil, nil, all(200)},
			{"GET", "/api/v1/me", nil, nil, all(200)},
			{"GET", "/api/v1/search?q=ellie", nil, nil, searchStatus},
			{"GET", "/api/v1" + child, nil, nil, childStatus(viewers, 200)},
			{"GET", "/api/v1" + child + "/chronology", nil, nil, childStatus(viewers, 200)},
			{"GET", "/api/v1" + child + "/access-log", nil, nil, childStatus(logReaders, 200)},
			{"POST", "/api/v1" + child + "/significant-events", nil, map[string]string{"date": "2025-11-03", "subject": "Disclosure", "body": "Told a teacher."}, childStatus(recorders, 201)},
			{"GET", fmt.Sprintf("/api/v1/users/%d/access-log", manager), nil, nil, only([]string{"manager", "auditor", "admin"}, 200)},
			// Last: breaking the glass opens the record.
			{"POST", "/api/v1" + child + "/break-glass", nil, map[string]string{"reason": "Police called out of hours"}, childStatus(glassBreakers, 201)},
		}
		for _, u := range append([]string{""}, userNames()...) {
			c := f.browser()
			if u != "" {
				c.signIn(u)
			}
			for _, rt := range routes {
				self := int64(0)
				if a := f.accounts[u]; a != nil {
					self = a.ID
				}
				path := strings.ReplaceAll(rt.path, "{self}", fmt.Sprint(self))
				var res response
				switch {
				case rt.form != nil:
					form := url.Values{"csrf_token": {c.csrfOr("/sign-out")}}
					for k, v := range rt.form {
						form[k] = v
					}
					res = c.post(path, form)
				case rt.json != nil:
					res = c.postJSON(path, rt.json, map[string]string{csrfHeader: c.csrfOr("/sign-out")})
				default:
					res = c.get(path)
				}
				want := rt.want(u)
				if u == "" {
					// No one signed in: pages send them to sign in, the API
					// answers 401; the home page is public.
					switch {
					case path == "/":
						want = 200
					case strings.HasPrefix(path, "/api/"):
						want = 401
					case rt.method == "GET":
						want = 303
					default:
						want = 401
					}
				}
				if res.status != want {
					t.Errorf("%s %s as %q: got %d, want %d", rt.method, rt.path, u, res.status, want)
				}
			}
			// Withdraw the shares a manager made, so the next user finds
			// the record as designed.
			gs, err := db.Grants(context.Background(), f.child, testNow)
			if err != nil {
				t.Fatal(err)
			}
			for _, g := range gs {
				if !g.BreakGlass {
					if err := db.RevokeGrant(context.Background(), storage.Change{Actor: "test"}, g.ID); err != nil {
						t.Fatal(err)
					}
				}
			}
		}
	})
}

func userNames() []string {
	var names []string
	for _, u := range testUsers {
		names = append(names, u.name)
	}
	return names
}

// csrfOr reads the form token from a page, or "" when there is none (no
// one signed in).
func (c *client) csrfOr(path string) string {
	if m := csrfPattern.FindStringSubmatch(c.get(path).body); m != nil {
		return m[1]
	}
	return ""
}
