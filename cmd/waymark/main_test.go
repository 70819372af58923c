package main

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/waymark-care/waymark/internal/domain"
	"github.com/waymark-care/waymark/internal/storage"
	"github.com/waymark-care/waymark/internal/storage/storagetest"
)

func runCmd(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestHelpAndUnknownCommand(t *testing.T) {
	if code, out, _ := runCmd(t, "help"); code != 0 || !strings.Contains(out, "serve") || !strings.Contains(out, "audit") {
		t.Errorf("help: %d %q", code, out)
	}
	if code, _, errOut := runCmd(t, "frobnicate"); code != 2 || !strings.Contains(errOut, "unknown command") {
		t.Errorf("unknown: %d %q", code, errOut)
	}
	for _, name := range []string{"serve", "migrate"} {
		if code, _, errOut := runCmd(t, name, "--help"); code != 0 || !strings.Contains(errOut, "-db") {
			t.Errorf("%s --help: %d %q", name, code, errOut)
		}
	}
}

// TestAuditVerifyCommand runs `waymark audit verify` on an intact and a
// tampered database, on each database engine.
func TestAuditVerifyCommand(t *testing.T) {
	for _, dialect := range []string{"sqlite", "postgres"} {
		t.Run(dialect, func(t *testing.T) {
			db, dsn := storagetest.OpenDSN(t, dialect)
			if code, _, errOut := runCmd(t, "migrate", "--db", dsn); code != 0 {
				t.Fatalf("migrate: %s", errOut)
			}
			for i := 0; i < 3; i++ {
				if err := db.Write(context.Background(), storagetest.Change, func(tx *storage.Tx) error {
					return tx.Insert(&domain.Person{Forename: "Ellie", Surname: "Example"})
				}); err != nil {
					t.Fatal(err)
				}
			}
			code, out, _ := runCmd(t, "audit", "verify", "--db", dsn)
			if code != 0 || !strings.Contains(out, "3 entries") {
				t.Fatalf("intact: %d %q", code, out)
			}
			storagetest.Tamper(t, db, "UPDATE audit_log SET actor = 'someone' WHERE seq = 2")
			code, _, errOut := runCmd(t, "audit", "verify", "--db", dsn)
			if code == 0 || !strings.Contains(errOut, "entry 2") {
				t.Errorf("tampered: %d %q", code, errOut)
			}
		})
	}
}

func TestServeAnswers(t *testing.T) {
	db := storagetest.Open(t, "sqlite")
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- serve(ctx, ln, db, false, slog.New(slog.NewTextHandler(io.Discard, nil)), io.Discard) }()
	base := "http://" + ln.Addr().String()
	for path, want := range map[string]string{"/": "Waymark", "/healthz": "ok"} {
		resp, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !strings.Contains(string(body), want) {
			t.Errorf("GET %s: %d %.200q", path, resp.StatusCode, body)
		}
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Error("serve did not stop")
	}
}
