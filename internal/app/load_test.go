package app

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/waymark-care/waymark/internal/access"
	"github.com/waymark-care/waymark/internal/auth"
	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/storage"
	"github.com/waymark-care/waymark/internal/web"
)

// TestLoadChildPage is the child's page under load: 50 users at once, each
// a social worker opening the children allocated to them, one after
// another, pausing between pages for a think time (WAYMARK_LOAD_THINK_MS,
// default 1,000 ms on average: a busier user than any real one), over
// loopback. It measures server time (from the request reaching the handler
// to the response written) and wants the 95th percentile under 50 ms. With
// WAYMARK_LOAD_THINK_MS=0 the users click as fast as the server answers,
// which measures the most the machine can serve rather than the time a
// user waits. It needs a synthetic authority:
//
//	waymark synth --db /tmp/load.db
//	WAYMARK_LOAD_DB=/tmp/load.db go test ./internal/app -run TestLoadChildPage -v
//
// WAYMARK_LOAD_DB may be a postgres:// URL. The test adds accounts,
// sessions and access log entries to that database. WAYMARK_LOAD_REQUESTS
// (default 5,000) and WAYMARK_LOAD_SECONDS (default 60) bound the run.
func TestLoadChildPage(t *testing.T) {
	dsn := os.Getenv("WAYMARK_LOAD_DB")
	if dsn == "" {
		t.Skip("load test skipped: set WAYMARK_LOAD_DB to a database holding a synthetic authority (waymark synth)")
	}
	users := envInt("WAYMARK_LOAD_USERS", 50)
	maxRequests := envInt("WAYMARK_LOAD_REQUESTS", 5000)
	maxTime := time.Duration(envInt("WAYMARK_LOAD_SECONDS", 60)) * time.Second
	think := time.Duration(envInt("WAYMARK_LOAD_THINK_MS", 1000)) * time.Millisecond
	if os.Getenv("WAYMARK_LOAD_THINK_MS") == "0" {
		think = 0
	}
	ctx := context.Background()
	db, err := storage.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}

	// The 50 social workers with the most children, each signed in.
	_, profs, err := db.Workforce(ctx)
	if err != nil {
		t.Fatal(err)
	}
	today := civil.OfTime(time.Now())
	type worker struct {
		cookie   string
		children []int64
	}
	var workers []worker
	var persons int
	for _, p := range profs {
		if p.Role != "social_worker" {
			continue
		}
		as, err := db.Allocations(ctx, p.ID, today)
		if err != nil {
			t.Fatal(err)
		}
		if len(as) == 0 {
			continue
		}
		username := "load-" + strconv.FormatInt(p.ID, 10)
		acct, err := db.AccountByUsername(ctx, username)
		if err != nil {
			acct = &storage.Account{Username: username, Name: p.Name, Roles: []access.Role{access.SocialWorker}, ProfessionalID: p.ID, TeamID: p.TeamID}
			if err := db.CreateAccount(ctx, storage.Change{Actor: "load test"}, acct); err != nil {
				t.Fatal(err)
			}
		}
		token := auth.NewToken()
		now := time.Now()
		if err := db.CreateSession(ctx, &storage.Session{TokenHash: auth.TokenHash(token), UserID: acct.ID, CSRFToken: auth.NewToken(), CreatedAt: now, LastSeenAt: now}); err != nil {
			t.Fatal(err)
		}
		w := worker{cookie: token}
		for _, a := range as {
			w.children = append(w.children, a.Person.ID)
		}
		workers = append(workers, w)
		persons += len(as)
	}
	slices.SortFunc(workers, func(a, b worker) int { return len(b.children) - len(a.children) })
	if len(workers) < users {
		t.Fatalf("only %d social workers have children allocated; the load test needs %d", len(workers), users)
	}
	workers = workers[:users]

	shell, err := web.New(web.Config{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Mount(shell, db, slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var times []time.Duration
	statuses := map[int]int{}
	timed := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusWriter{ResponseWriter: w, status: 200}
		shell.Handler().ServeHTTP(rec, r)
		d := time.Since(start)
		mu.Lock()
		times = append(times, d)
		statuses[rec.status]++
		mu.Unlock()
	})
	srv := httptest.NewServer(timed)
	defer srv.Close()
	transport := &http.Transport{MaxIdleConnsPerHost: users, MaxConnsPerHost: users}
	client := &http.Client{Transport: transport, Timeout: 30 * time.Second}

	// Warm up, as a server that has been running is: each user opens one
	// child, and nothing is counted.
	for _, w := range workers {
		req, _ := http.NewRequest("GET", fmt.Sprintf("%s/children/%d", srv.URL, w.children[0]), nil)
		req.AddCookie(&http.Cookie{Name: sessionCookie, Value: w.cookie})
		if res, err := client.Do(req); err == nil {
			io.Copy(io.Discard, res.Body)
			res.Body.Close()
		}
	}
	mu.Lock()
	times, statuses = nil, map[int]int{}
	mu.Unlock()

	deadline := time.Now().Add(maxTime)
	var sent sync.WaitGroup
	var count = make(chan struct{}, maxRequests)
	for range maxRequests {
		count <- struct{}{}
	}
	close(count)
	cpuBefore := cpuTime()
	start := time.Now()
	for i := range users {
		sent.Add(1)
		go func(w worker) {
			defer sent.Done()
			if think > 0 {
				// Users arrive over one think time, not all at once.
				time.Sleep(time.Duration(rand.Int64N(int64(think))))
			}
			for n := 0; time.Now().Before(deadline); n++ {
				if _, ok := <-count; !ok {
					return
				}
				req, _ := http.NewRequest("GET", fmt.Sprintf("%s/children/%d", srv.URL, w.children[n%len(w.children)]), nil)
				req.AddCookie(&http.Cookie{Name: sessionCookie, Value: w.cookie})
				res, err := client.Do(req)
				if err != nil {
					t.Error(err)
					return
				}
				io.Copy(io.Discard, res.Body)
				res.Body.Close()
				if think > 0 {
					// Between half and one and a half think times.
					time.Sleep(think/2 + time.Duration(rand.Int64N(int64(think))))
				}
			}
		}(workers[i])
	}
	sent.Wait()
	elapsed := time.Since(start)
	cpu := cpuTime() - cpuBefore

	slices.Sort(times)
	pct := func(p float64) time.Duration { return times[min(len(times)-1, int(float64(len(times))*p))] }
	t.Logf("%s database, %d social workers' %d children; %d requests from %d users thinking %s in %s (%.0f a second) on %d CPUs",
		db.Dialect(), len(workers), persons, len(times), users, think, elapsed.Round(time.Millisecond), float64(len(times))/elapsed.Seconds(), runtime.NumCPU())
	t.Logf("server time: p50 %s, p95 %s, p99 %s, max %s; statuses %v",
		pct(0.50).Round(10*time.Microsecond), pct(0.95).Round(10*time.Microsecond), pct(0.99).Round(10*time.Microsecond), times[len(times)-1].Round(time.Millisecond), statuses)
	// CPU time does not depend on what else the machine is doing, so it
	// says what a machine of one's own would serve: it includes the test's
	// own clients, so it overstates the server's share.
	var load [3]float64
	if b, err := os.ReadFile("/proc/loadavg"); err == nil {
		fmt.Sscan(string(b), &load[0], &load[1], &load[2])
	}
	t.Logf("CPU (server and clients): %.1f ms a request; load average during the run %.1f",
		float64(cpu.Microseconds())/1000/float64(len(times)), load[0])
	if statuses[200] != len(times) {
		t.Errorf("not every request succeeded: %v", statuses)
	}
	if p95 := pct(0.95); p95 > 50*time.Millisecond {
		t.Errorf("p95 server time %s, want under 50ms", p95)
	}
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (s *statusWriter) WriteHeader(code int) { s.status = code; s.ResponseWriter.WriteHeader(code) }

func envInt(name string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil && n > 0 {
		return n
	}
	return def
}

// cpuTime is the CPU time this process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
