package app

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/waymark-care/waymark/internal/storage/storagetest"
)

// chromium finds the browser: Debian's chromium package, or another on the
// PATH.
func chromium(t *testing.T) string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("browser tests skipped: no Chromium (install the Debian package chromium)")
	return ""
}

// browse starts headless Chromium with a profile of its own and returns
// its context.
func browse(t *testing.T) context.Context {
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium(t)),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 1000),
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(alloc)
	// A whole journey, axe checks and all, takes 10–20 s alone; when go test
	// runs the storage and synth packages beside it on two cores, Chromium
	// gets little of them, so the limit only catches a browser that hangs.
	ctx, cancelTimeout := context.WithTimeout(ctx, 6*time.Minute)
	t.Cleanup(func() { cancelTimeout(); cancelCtx(); cancelAlloc() })
	if err := chromedp.Do(ctx); err != nil {
		t.Skipf("browser tests skipped: Chromium did not start: %v", err)
	}
	return ctx
}

// axeViolation is one failed WCAG rule on a page.
type axeViolation struct {
	ID    string `json:"id"`
	Help  string `json:"help"`
	Nodes []struct {
		Target []any  `json:"target"`
		HTML   string `json:"html"`
	} `json:"nodes"`
}

// checkAccessible runs axe-core over the page for WCAG 2.2 AA and fails the
// test for every violation.
func checkAccessible(t *testing.T, ctx context.Context, page string) {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("testdata", "axe", "axe.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](string(src))); err != nil {
		t.Fatalf("%s: loading axe: %v", page, err)
	}
	violations, err := chromedp.Run(ctx, chromedp.Evaluate[[]axeViolation](
		`axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}).then(r => r.violations)`,
		chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("%s: running axe: %v", page, err)
	}
	for _, v := range violations {
		b, _ := json.Marshal(v.Nodes)
		t.Errorf("%s: accessibility: %s (%s): %s", page, v.ID, v.Help, b)
	}
	screenshot(t, ctx, page)
}

// screenshot saves the page as a PNG when WAYMARK_SCREENSHOTS names a
// directory, for looking at.
func screenshot(t *testing.T, ctx context.Context, name string) {
	dir := os.Getenv("WAYMARK_SCREENSHOTS")
	if dir == "" {
		return
	}
	name = filepath.Join(dir, strings.ReplaceAll(name, " ", "-"))
	if png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)); err == nil {
		os.WriteFile(name+".png", png, 0o644)
	}
	if png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot()); err == nil {
		os.WriteFile(name+"-top.png", png, 0o644)
	}
}

// TestBrowser walks through the application as a manager and then as a
// worker outside the child's team, in headless Chromium, checking each page
// for accessibility (WCAG 2.2 AA with axe-core) on the way.
func TestBrowser(t *testing.T) {
	f := newFixture(t, storagetest.Open(t, "sqlite"))
	ctx := browse(t)
	base := f.srv.URL
	text := func(sel string) string {
		s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("reading %s: %v", sel, err)
		}
		return s
	}
	run := func(what string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	signIn := func(username string) {
		run("sign in as "+username,
			chromedp.Navigate(base+"/sign-in"),
			chromedp.SendKeys(chromedp.CSS("#username"), username),
			chromedp.SendKeys(chromedp.CSS("#password"), password),
			chromedp.Click(chromedp.CSS("form button[type=submit]")),
			chromedp.WaitVisible(chromedp.CSS("#worklist")),
		)
	}
	signOut := func() {
		run("sign out",
			chromedp.Navigate(base+"/sign-out"),
			chromedp.Click(chromedp.CSS("main form button")),
			chromedp.WaitVisible(chromedp.CSS(".govuk-notification-banner--success")),
		)
	}

	// Signing in, with a mistake first.
	run("open the sign-in page", chromedp.Navigate(base+"/sign-in"), chromedp.WaitVisible(chromedp.CSS("#username")))
	checkAccessible(t, ctx, "sign in")
	run("sign in with a wrong password",
		chromedp.SendKeys(chromedp.CSS("#username"), "manager"),
		chromedp.SendKeys(chromedp.CSS("#password"), "wrong"),
		chromedp.Click(chromedp.CSS("form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(".govuk-error-summary")),
	)
	checkAccessible(t, ctx, "sign in error")
	signIn("manager")
	if got := text("main"); !strings.Contains(got, "Ellie Example") {
		t.Errorf("home page does not list the manager's child: %q", got)
	}
	checkAccessible(t, ctx, "home")

	// Search with a misspelt name.
	run("search",
		chromedp.Navigate(base+"/search"),
		chromedp.SendKeys(chromedp.CSS("#q"), "Elly Exampel"),
		chromedp.Click(chromedp.CSS("main form button")),
		chromedp.WaitVisible(chromedp.CSS("#results")),
	)
	if got := text("#results"); got != "1 person found" {
		t.Errorf("results heading %q", got)
	}
	checkAccessible(t, ctx, "search results")

	// The child's page, and its chronology filtered.
	run("open the child", chromedp.Click(chromedp.CSS("main table a")), chromedp.WaitVisible(chromedp.CSS(".moj-identity-bar")))
	if got := text(".moj-identity-bar"); !strings.Contains(got, "Ellie Example") || !strings.Contains(got, "DN000001") || !strings.Contains(got, "Looked after") {
		t.Errorf("identity bar %q", got)
	}
	all := text("#chronology-count")
	checkAccessible(t, ctx, "child")
	if dir := os.Getenv("WAYMARK_SCREENSHOTS"); dir != "" {
		if png, err := chromedp.Run(ctx, chromedp.Screenshot(chromedp.CSS("main svg"))); err == nil {
			os.WriteFile(filepath.Join(dir, "genogram.png"), png, 0o644)
		}
	}
	run("filter the chronology",
		chromedp.Click(chromedp.CSS("#significant")),
		chromedp.Click(chromedp.CSS("#chronology + form button")),
		// The filtered page's link back to every event, not the link to
		// all of a long chronology that the first page has too.
		chromedp.WaitVisible(chromedp.CSS(`a[href$="#chronology"]:not([href*="all="])`)),
	)
	if some := text("#chronology-count"); some == all {
		t.Errorf("filtering the chronology changed nothing: %q", some)
	}
	run("print the significant events", chromedp.Click(chromedp.CSS(`a[href*="/chronology/print"]`)), chromedp.WaitVisible(chromedp.CSS("main table")))
	checkAccessible(t, ctx, "chronology print")

	// A significant event: refused empty, then saved.
	run("open the significant event form", chromedp.Navigate(fmt.Sprintf("%s/children/%d/significant-events/new", base, f.child)), chromedp.WaitVisible(chromedp.CSS("#subject")))
	run("save it empty", chromedp.Click(chromedp.CSS("main form button")), chromedp.WaitVisible(chromedp.CSS(".govuk-error-summary")))
	checkAccessible(t, ctx, "significant event errors")
	run("save it",
		chromedp.SendKeys(chromedp.CSS("#date-day"), "3"),
		chromedp.SendKeys(chromedp.CSS("#date-month"), "11"),
		chromedp.SendKeys(chromedp.CSS("#date-year"), "2025"),
		chromedp.SendKeys(chromedp.CSS("#subject"), "Disclosure at school"),
		chromedp.SendKeys(chromedp.CSS("#body"), "Ellie told her teacher about an argument at home."),
		chromedp.Click(chromedp.CSS("main form button")),
		chromedp.WaitVisible(chromedp.CSS(".moj-timeline")),
	)
	if got := text(".moj-timeline"); !strings.Contains(got, "Significant event: Disclosure at school") {
		t.Errorf("the event is not in the chronology: %q", got)
	}
	run("who has looked", chromedp.Navigate(fmt.Sprintf("%s/children/%d/access-log", base, f.child)), chromedp.WaitVisible(chromedp.CSS("main table")))
	checkAccessible(t, ctx, "access log")
	run("the form to share the record", chromedp.Navigate(fmt.Sprintf("%s/children/%d/grants/new", base, f.child)), chromedp.WaitVisible(chromedp.CSS("#reason")))
	checkAccessible(t, ctx, "share")
	run("share it without saying with whom", chromedp.Click(chromedp.CSS("main form button")), chromedp.WaitVisible(chromedp.CSS(".govuk-error-summary")))
	checkAccessible(t, ctx, "share errors")
	signOut()

	// Outside the child's team: refused, then the glass broken with a reason.
	signIn("outsider")
	run("open the child", chromedp.Navigate(fmt.Sprintf("%s/children/%d", base, f.child)), chromedp.WaitVisible(chromedp.CSS("#reason")))
	if got := text("h1"); got != "You do not have access to this record" {
		t.Errorf("refusal heading %q", got)
	}
	checkAccessible(t, ctx, "refused")
	run("break the glass",
		chromedp.SendKeys(chromedp.CSS("#reason"), "Police called out of hours about Ellie"),
		chromedp.Click(chromedp.CSS("main form button")),
		chromedp.WaitVisible(chromedp.CSS(".moj-identity-bar")),
	)
	if got := text(".govuk-warning-text"); !strings.Contains(got, "breaking the glass") {
		t.Errorf("no break-glass warning: %q", got)
	}
	signOut()

	// The manager is told.
	signIn("manager")
	run("break-glass reports", chromedp.Navigate(base+"/break-glass"), chromedp.WaitVisible(chromedp.CSS("main table")))
	if got := text("main table"); !strings.Contains(got, "Police called out of hours") {
		t.Errorf("break-glass report: %q", got)
	}
	checkAccessible(t, ctx, "break-glass reports")
}
