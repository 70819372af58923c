package app

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/waymark-care/waymark/internal/storage"
	"github.com/waymark-care/waymark/internal/storage/storagetest"
)

// TestChronologyOnThePage: the child's page lists the most recent events
// first, at most chronologyShown of them, with a link to every event; the
// filter and the order carry over to that link.
func TestChronologyOnThePage(t *testing.T) {
	storagetest.Each(t, func(t testing.TB, db *storage.DB) {
		f := newFixture(t, db)
		sw := f.signedIn("worker")
		child := fmt.Sprintf("/children/%d", f.child)
		items := func(body string) int { return strings.Count(body, `class="moj-timeline__item"`) }

		first := sw.get(child)
		total := regexp.MustCompile(`Show all (\d+) events`).FindStringSubmatch(first.body)
		if first.status != 200 || items(first.body) != chronologyShown || total == nil || !strings.Contains(first.body, "most recent of") {
			t.Fatalf("first page: %d, %d events listed, link %v", first.status, items(first.body), total)
		}
		all := sw.get(child + "?all=1")
		if n := fmt.Sprint(items(all.body)); n != total[1] || strings.Contains(all.body, "Show all") {
			t.Errorf("every event: %s listed, want %s", n, total[1])
		}
		oldest := sw.get(child + "?order=oldest")
		if !strings.Contains(oldest.body, "earliest of") || !strings.Contains(oldest.body, "order=oldest") {
			t.Errorf("oldest first: the page should say the earliest, and keep the order in the link")
		}
		if few := sw.get(child + "?significant=1"); strings.Contains(few.body, "Show all") {
			t.Errorf("a filter that leaves few events should list them all")
		}
	})
}
