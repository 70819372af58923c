package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/storage"
	"github.com/waymark-care/waymark/internal/synth"
)

func init() {
	register("synth", "generate a synthetic local authority (--summary: its figures beside the targets)", synthCommand)
}

// synthFlags are the flags that say which authority to generate, shared by
// synth and demo.
type synthFlags struct {
	preset   *string
	scale    *float64
	seed     *uint64
	from, to *string
}

func addSynthFlags(fs *flag.FlagSet) synthFlags {
	var names []string
	for _, p := range synth.Presets {
		names = append(names, p.Name)
	}
	return synthFlags{
		preset: fs.String("preset", "doncaster", "size of authority: "+strings.Join(names, ", ")),
		scale:  fs.Float64("scale", 1, "multiply the preset's size"),
		seed:   fs.Uint64("seed", 1, "the same seed and period always give the same authority"),
		from:   fs.String("from", "", "first simulated day, YYYY-MM-DD (default: six years before --to)"),
		to:     fs.String("to", "", "last simulated day, YYYY-MM-DD (default: today)"),
	}
}

// config turns the flags into a configuration; years is the default length
// of the period.
func (f synthFlags) config(years int) (synth.Config, error) {
	return synthConfig(*f.preset, *f.scale, *f.seed, *f.from, *f.to, years)
}

// synthConfig checks a configuration. An empty to is today; an empty from
// is years before to.
func synthConfig(preset string, scale float64, seed uint64, from, to string, years int) (synth.Config, error) {
	p, ok := synth.PresetNamed(preset)
	if !ok {
		return synth.Config{}, fmt.Errorf("no preset %q", preset)
	}
	if scale <= 0 {
		return synth.Config{}, errors.New("--scale must be above zero")
	}
	cfg := synth.Config{Preset: p, Scale: scale, Seed: seed, To: civil.OfTime(time.Now())}
	var err error
	if to != "" {
		if cfg.To, err = civil.Parse(to); err != nil {
			return cfg, fmt.Errorf("--to: %w", err)
		}
	}
	cfg.From = cfg.To.AddYears(-years).AddDays(1)
	if from != "" {
		if cfg.From, err = civil.Parse(from); err != nil {
			return cfg, fmt.Errorf("--from: %w", err)
		}
	}
	if !cfg.From.Before(cfg.To) {
		return cfg, errors.New("--from must be before --to")
	}
	return cfg, nil
}

const synthUsage = `[--db DB] [--preset doncaster|small|large] [--scale F] [--seed N] [--from DATE] [--to DATE] [--summary [--json]]

Writes a synthetic local authority's records, day by day, into an empty
database. With --summary, prints the figures of the authority in --db beside
its calibration targets instead; give the preset and scale it was generated
with (its period is read from its audit trail unless given).`

func synthCommand(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("synth", synthUsage, stderr)
	dsn := dbFlag(fs)
	sf := addSynthFlags(fs)
	summary := fs.Bool("summary", false, "print the authority's figures beside the calibration targets")
	asJSON := fs.Bool("json", false, "with --summary, print JSON")
	if code, stop := parseFlags(fs, args); stop {
		return code
	}
	cfg, err := sf.config(6)
	if err != nil {
		fmt.Fprintln(stderr, "waymark synth:", err)
		return 2
	}
	db, err := openDB(ctx, *dsn, stderr)
	if err != nil {
		fmt.Fprintln(stderr, "waymark synth:", err)
		return 1
	}
	defer db.Close()
	if *summary {
		err = printSummary(ctx, db, cfg, *sf.from != "" || *sf.to != "", *asJSON, stdout)
	} else {
		err = generate(ctx, db, cfg, stderr)
	}
	if err != nil {
		fmt.Fprintln(stderr, "waymark synth:", err)
		return 1
	}
	return 0
}

// generate writes the authority, refusing a database that already holds
// records: a synthetic authority is never mixed with other data.
func generate(ctx context.Context, db *storage.DB, cfg synth.Config, stderr io.Writer) error {
	n, err := db.Changes(ctx)
	if err != nil {
		return err
	}
	if n > 0 {
		return errors.New("the database already holds records; generate into a new database")
	}
	// The generator allocates fast and keeps little: collecting garbage
	// less often is a tenth faster, within a few hundred megabytes.
	defer debug.SetGCPercent(debug.SetGCPercent(300))
	start := time.Now()
	cfg.Progress = progressReporter(stderr, start)
	res, err := synth.Generate(ctx, db, cfg)
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "generated %s (%d children aged 0–17) from %s to %s: %d records for %d children, %d staff, in %s\n",
		cfg.Preset.Name, res.Population, cfg.From, cfg.To, res.Records, res.Children, res.Staff, time.Since(start).Round(100*time.Millisecond))
	return nil
}

// progressReporter draws a progress bar with the rate and time left on a
// terminal, and otherwise writes a line every tenth of the way.
func progressReporter(w io.Writer, start time.Time) func(synth.Progress) {
	f, ok := w.(*os.File)
	terminal := false
	if ok {
		if st, err := f.Stat(); err == nil {
			terminal = st.Mode()&os.ModeCharDevice != 0
		}
	}
	lastTenth := 0
	return func(p synth.Progress) {
		elapsed := time.Since(start)
		done := float64(p.Days) / float64(p.Total)
		rate := float64(p.Records) / elapsed.Seconds()
		left := time.Duration(float64(elapsed) * (1 - done) / done).Round(time.Second)
		if terminal {
			const width = 30
			bar := strings.Repeat("█", int(done*width)) + strings.Repeat("░", width-int(done*width))
			fmt.Fprintf(w, "\r%s %3.0f%% %s  %d records  %.0f/s  %s left ", bar, 100*done, p.Day, p.Records, rate, left)
			if p.Days == p.Total {
				fmt.Fprintln(w)
			}
			return
		}
		if tenth := int(done * 10); tenth > lastTenth || p.Days == p.Total {
			lastTenth = tenth
			fmt.Fprintf(w, "%3.0f%% simulated to %s: %d records, %.0f a second, %s left\n", 100*done, p.Day, p.Records, rate, left)
		}
	}
}

// printSummary prints the authority's figures beside its targets: an
// aligned table, or JSON.
func printSummary(ctx context.Context, db *storage.DB, cfg synth.Config, periodGiven, asJSON bool, stdout io.Writer) error {
	from, to, err := db.SynthPeriod(ctx, synth.Actor)
	if err != nil {
		return err
	}
	if from.IsZero() {
		return errors.New("the database holds no synthetic authority")
	}
	if !periodGiven {
		cfg.From, cfg.To = from, to
	}
	figures, err := synth.Summary(ctx, db, cfg)
	if err != nil {
		return err
	}
	if asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(struct {
			Preset     string         `json:"preset"`
			Scale      float64        `json:"scale"`
			Population int            `json:"population"`
			From       civil.Date     `json:"from"`
			To         civil.Date     `json:"to"`
			Figures    []synth.Figure `json:"figures"`
		}{cfg.Preset.Name, cfg.Scale, cfg.Population(), cfg.From, cfg.To, figures})
	}
	fmt.Fprintf(stdout, "%s (%d children aged 0–17), %s to %s: stocks on %s, flows over the year to it.\n\n",
		cfg.Preset.Name, cfg.Population(), cfg.From, cfg.To, cfg.To)
	rows := [][]string{{"Measure", "Figure", "Generated", "Target", "Tolerance", ""}}
	misses := 0
	for _, f := range figures {
		value, mark := formatFigure(f.Value, f.Unit), "ok"
		switch {
		case f.Base == 0 && f.Unit != "count":
			value, mark = "–", "not measured"
		case !f.OK:
			mark, misses = "MISS", misses+1
		}
		rows = append(rows, []string{f.Measure, f.Source, value, formatFigure(f.Target, f.Unit), formatTolerance(f), mark})
	}
	printTable(stdout, rows)
	fmt.Fprintf(stdout, "\n%d of %d figures within tolerance.\n", len(figures)-misses, len(figures))
	return nil
}

// printTable prints rows in columns: the first column, the measure, left
// aligned and the others right aligned.
func printTable(w io.Writer, rows [][]string) {
	widths := make([]int, len(rows[0]))
	for _, row := range rows {
		for i, cell := range row {
			widths[i] = max(widths[i], utf8.RuneCountInString(cell))
		}
	}
	for _, row := range rows {
		var b strings.Builder
		for i, cell := range row {
			pad := strings.Repeat(" ", widths[i]-utf8.RuneCountInString(cell))
			if i == 0 {
				b.WriteString(cell + pad)
			} else {
				b.WriteString("  " + pad + cell)
			}
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
	}
}

func formatFigure(v float64, unit string) string {
	switch unit {
	case "%":
		return fmt.Sprintf("%.1f%%", v)
	case "days", "weeks":
		return fmt.Sprintf("%.0f %s", v, unit)
	}
	return fmt.Sprintf("%.0f", v)
}

func formatTolerance(f synth.Figure) string {
	switch f.Unit {
	case "count":
		return fmt.Sprintf("±%.0f%%", 100*f.Tolerance)
	case "%":
		return fmt.Sprintf("±%.1f", f.Tolerance)
	}
	return fmt.Sprintf("±%.0f", f.Tolerance)
}
