package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/waymark-care/waymark/internal/app"
	"github.com/waymark-care/waymark/internal/storage"
	"github.com/waymark-care/waymark/internal/web"
)

func init() {
	register("serve", "run the web application and JSON API", serveCommand)
}

func serveCommand(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("serve", "[--db DB] [--addr ADDR]", stderr)
	dsn := dbFlag(fs)
	addr := fs.String("addr", env("WAYMARK_ADDR", "127.0.0.1:8080"), "address to listen on (env WAYMARK_ADDR)")
	secure := fs.Bool("secure", env("WAYMARK_SECURE", "") == "true", "Waymark is reached over HTTPS through a proxy: send HSTS (env WAYMARK_SECURE=true)")
	if code, stop := parseFlags(fs, args); stop {
		return code
	}
	logger := slog.New(slog.NewJSONHandler(stderr, nil))
	db, err := openDB(ctx, *dsn, stderr)
	if err != nil {
		fmt.Fprintln(stderr, "waymark serve:", err)
		return 1
	}
	defer db.Close()
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintln(stderr, "waymark serve:", err)
		return 1
	}
	if err := serve(ctx, ln, db, *secure, logger, stdout); err != nil {
		fmt.Fprintln(stderr, "waymark serve:", err)
		return 1
	}
	return 0
}

// serve runs the application on ln until ctx ends, then lets requests in
// flight finish.
func serve(ctx context.Context, ln net.Listener, db *storage.DB, secure bool, logger *slog.Logger, stdout io.Writer) error {
	shell, err := web.New(web.Config{Version: version(), Logger: logger, Ready: db.Ping, Secure: secure})
	if err != nil {
		return err
	}
	if _, err := app.Mount(shell, db, logger); err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           shell.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	fmt.Fprintf(stdout, "Waymark is running at http://%s (%s database)\n", ln.Addr(), db.Dialect())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
