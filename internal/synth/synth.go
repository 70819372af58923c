// Package synth generates a synthetic local authority: the children's
// social care records of a town the size of Doncaster, written day by day
// through the storage layer as its staff would have recorded them. Its rates
// are calibrated to the 2015 Ofsted inspection of Doncaster (reference
// doncaster-2015-figures.md §17), including the recording failures the
// inspectors found, so that every measure and every oversight feature has
// something real to count and to find.
//
// Everyone in it is invented: names are built from common parts, postcodes
// use unit letters Royal Mail never issues, and NHS numbers come from the
// range the NHS keeps for testing.
package synth

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/waymark-care/waymark/internal/calendar"
	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/domain"
	"github.com/waymark-care/waymark/internal/storage"
)

// Preset is a size of authority.
type Preset struct {
	Name string
	// Scale is the child population relative to Doncaster's.
	Scale       float64
	Description string
}

// Presets lists the sizes on offer, the default first.
var Presets = []Preset{
	{"doncaster", 1, "Doncaster in 2015: about 65,700 children, 2,500 in need, 312 on plans, 498 looked after"},
	{"small", 0.05, "one twentieth of Doncaster, for fast tests"},
	{"large", 5, "five times Doncaster, for load testing"},
}

// PresetNamed returns the preset with the given name.
func PresetNamed(name string) (Preset, bool) {
	for _, p := range Presets {
		if p.Name == name {
			return p, true
		}
	}
	return Preset{}, false
}

// DoncasterChildren is the child population the rates are calibrated on
// (§17.1).
const DoncasterChildren = 65_700

// Actor is who the audit trail shows setting up the authority: its
// organisations, teams and staff. Everything after is recorded by the
// professional who did the work, or by MigrationActor for the caseload open
// when the simulated record begins.
const (
	Actor          = "waymark-synth"
	MigrationActor = "data-migration"
)

// Config says what to generate.
type Config struct {
	Preset Preset
	// Scale multiplies the preset's size; 0 means 1.
	Scale float64
	Seed  uint64
	// From and To bound the simulated history, inclusive. The caseload open
	// on From is migrated in on that day; To is "this morning".
	From, To civil.Date
	// Progress, if set, is told after each simulated week how far the
	// simulation has got.
	Progress func(Progress)
}

// Progress reports how far a run has got.
type Progress struct {
	Day     civil.Date
	Days    int // simulated so far
	Total   int // to simulate
	Records int // written so far, updates included
}

// Result describes a generated authority.
type Result struct {
	Population int // children aged 0–17, a number used for rates
	Records    int // records written, updates included
	Children   int // children with records
	Staff      int
}

// Population is the child population of a configuration.
func (c Config) Population() int {
	return int(DoncasterChildren*c.scale() + 0.5)
}

func (c Config) scale() float64 {
	if c.Scale == 0 {
		return c.Preset.Scale
	}
	return c.Preset.Scale * c.Scale
}

// Generate writes a synthetic authority into db, which should hold no
// records. The same configuration always writes the same records, down to
// the audit trail.
func Generate(ctx context.Context, db *storage.DB, cfg Config) (Result, error) {
	if cfg.Preset.Scale <= 0 || cfg.Scale < 0 {
		return Result{}, errors.New("synth: choose a preset, and a scale above zero")
	}
	if cfg.From.IsZero() || cfg.To.IsZero() || !cfg.From.Before(cfg.To) {
		return Result{}, errors.New("synth: the period must start before it ends")
	}
	s := newSim(cfg)
	if err := db.WithoutAuditIndexes(ctx, func() error { return s.run(ctx, db) }); err != nil {
		return Result{}, err
	}
	return Result{Population: cfg.Population(), Records: s.written, Children: s.n.child, Staff: s.n.staff}, nil
}

// run simulates the period, eight weeks to a transaction: large enough that
// commits cost little, small enough that progress moves.
func (s *sim) run(ctx context.Context, db *storage.DB) error {
	cfg := s.cfg
	total := cfg.To.DaysSince(cfg.From) + 1
	err := s.write(ctx, db, cfg.From, func() {
		s.step = 100 * time.Millisecond
		s.setUp()
		s.migrateOpenCases()
	})
	for day := cfg.From; err == nil && !day.After(cfg.To); day = day.AddDays(56) {
		last := day.AddDays(55)
		if last.After(cfg.To) {
			last = cfg.To
		}
		err = s.write(ctx, db, day, func() {
			for d := day; !d.After(last) && s.err == nil; d = d.AddDays(1) {
				s.simulate(d)
			}
		})
		if err == nil && cfg.Progress != nil {
			cfg.Progress(Progress{Day: last, Days: last.DaysSince(cfg.From) + 1, Total: total, Records: s.written})
		}
	}
	if err == nil {
		err = s.write(ctx, db, cfg.To, s.bookUpcoming)
	}
	return err
}

// sim is the state of the simulated authority: its people, its staff and
// the diary of what is due when.
type sim struct {
	cfg   Config
	r     rng
	cal   *calendar.Calendar
	scale float64

	tx    *storage.Tx
	err   error
	today civil.Date
	// clock is when the next recording is made on clockDay, the day being
	// recorded; step is the mean gap between recordings, from yesterday's
	// volume.
	clock             time.Time
	clockDay          civil.Date
	step              time.Duration
	recordedToday     int
	recordedYesterday int
	written           int

	diary agenda
	seq   uint64
	n     ids

	org   organisations
	teams map[string][]*team // by team type; looked up, never ranged over
	// setup records the authority's structure; system is the migration.
	setup, system *worker

	families  []*family // open, in order of opening
	recent    []closure
	known     []*household
	adopters  []*adopter
	migrating bool
	// maracCases are each victim's latest MARAC case (partnership.go).
	maracCases map[int64]*domain.MARACCase
	// planned are the conferences put in the diary (booking.go).
	planned []plannedConference
}

func newSim(cfg Config) *sim {
	return &sim{
		cfg:        cfg,
		r:          newRNG(cfg.Seed),
		cal:        calendar.EnglandAndWales(),
		scale:      cfg.scale(),
		teams:      map[string][]*team{},
		maracCases: map[int64]*domain.MARACCase{},
		setup:      &worker{p: &domain.Professional{StaffID: Actor}},
		system:     &worker{p: &domain.Professional{StaffID: MigrationActor}},
	}
}

// write runs one simulated stretch in one transaction.
func (s *sim) write(ctx context.Context, db *storage.DB, day civil.Date, fn func()) error {
	return db.Load(ctx, storage.Change{Actor: Actor, At: day.Time().Add(8 * time.Hour)}, func(tx *storage.Tx) error {
		s.tx = tx
		s.startDay(day)
		fn()
		s.tx = nil
		return s.err
	})
}

// simulate runs one day: the new work arriving and everything in the diary.
func (s *sim) simulate(day civil.Date) {
	s.startDay(day)
	s.frontDoorDay()
	s.due()
	s.familyChanges()
}

func (s *sim) startDay(day civil.Date) {
	if day != s.today {
		s.recordedYesterday, s.recordedToday = s.recordedToday, 0
	}
	s.today, s.clockDay = day, day
	s.clock = day.Time().Add(8 * time.Hour)
	s.step = 10 * time.Hour / time.Duration(max(20, s.recordedYesterday))
}

// recordedAt is when the next recording is made: later in the day than the
// last, spread over the working day by yesterday's volume.
func (s *sim) recordedAt() time.Time {
	s.clock = s.clock.Add(time.Duration(s.r.Int64N(int64(2 * s.step)))).Truncate(time.Millisecond)
	if end := s.clockDay.Time().Add(22 * time.Hour); s.clock.After(end) {
		s.clock = end
	}
	return s.clock
}

// record stores new records, recorded by the professional now.
func (s *sim) record(by *worker, recs ...domain.Record) {
	for _, r := range recs {
		s.store(by, r, s.tx.Insert)
	}
}

// amend stores a change to a record already stored.
func (s *sim) amend(by *worker, r domain.Record) { s.store(by, r, s.tx.Update) }

// recordAside and amendAside store records of a feature that draws its own
// chance, at the time of the last recording: they take nothing from the
// simulation's stream, nor add to the day's count that spaces the times
// of the rest, so the rest of the authority is as it was without them.
func (s *sim) recordAside(by *worker, recs ...domain.Record) {
	for _, r := range recs {
		s.storeAt(by, r, s.tx.Insert, s.clock)
	}
}

func (s *sim) amendAside(by *worker, r domain.Record) { s.storeAt(by, r, s.tx.Update, s.clock) }

func (s *sim) store(by *worker, r domain.Record, op func(domain.Record) error) {
	if s.err != nil {
		return
	}
	s.storeAt(by, r, op, s.recordedAt())
	s.recordedToday++
}

func (s *sim) storeAt(by *worker, r domain.Record, op func(domain.Record) error, at time.Time) {
	if s.err != nil {
		return
	}
	actor := by.p.StaffID
	if s.migrating {
		actor = MigrationActor
	}
	s.tx.As(storage.Change{Actor: actor, At: at})
	if err := op(r); err != nil {
		s.err = fmt.Errorf("synth: %s: %w", s.today, err)
		return
	}
	s.written++
}

// perYear turns an annual count for Doncaster into today's expected count
// for this authority.
func (s *sim) perYear(n float64) float64 { return n * s.scale / 365.25 }

// at is a time on a day, in hours after midnight, to the minute.
func at(d civil.Date, hours float64) time.Time {
	return d.Time().Add(time.Duration(hours * float64(time.Hour))).Truncate(time.Minute)
}

// workingHours is a time in the working day.
func (s *sim) workingHours(d civil.Date) time.Time {
	return at(d, 8.5+s.r.Float64()*8.5)
}

func ptr[T any](v T) *T { return &v }
