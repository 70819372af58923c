package app

import (
	"fmt"
	"strings"
	"testing"

	"github.com/waymark-care/waymark/internal/storage/storagetest"
)

func TestSmoke(t *testing.T) {
	f := newFixture(t, storagetest.Open(t, "sqlite"))
	c := f.signedIn("manager")
	for _, p := range []string{"/", "/search?q=ellie", fmt.Sprintf("/children/%d", f.child), fmt.Sprintf("/children/%d/access-log", f.child), "/break-glass", "/api/v1/me"} {
		res := c.get(p)
		if res.status != 200 {
			t.Errorf("%s: %d\n%s", p, res.status, res.body)
		}
		if strings.Contains(p, "children") {
			t.Log(len(res.body))
		}
	}
	o := f.signedIn("outsider")
	res := o.get(fmt.Sprintf("/children/%d", f.child))
	t.Log(res.status, strings.Contains(res.body, "breaking the glass") || strings.Contains(res.body, "giving a reason"))
}
