package storage_test

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"testing"

	"github.com/waymark-care/waymark/internal/domain"
	"github.com/waymark-care/waymark/internal/storage"
	"github.com/waymark-care/waymark/internal/storage/storagetest"
)

type writeFunc = func(context.Context, storage.Change, func(*storage.Tx) error) error

// TestLoadStoresWhatWriteStores: a bulk load leaves the same records, ids and
// audit trail as writing the same changes one by one, including updates of
// records written earlier in the transaction and in an earlier one.
func TestLoadStoresWhatWriteStores(t *testing.T) {
	for _, dialect := range []string{"sqlite", "postgres"} {
		t.Run(dialect, func(t *testing.T) {
			hash := func(load bool) string {
				db := storagetest.Open(t, dialect)
				if db == nil {
					t.Skip("no PostgreSQL")
				}
				write := writeFunc(db.Write)
				if load {
					write = db.Load
				}
				w := storagetest.AddWorkforce(t, db)
				id := storagetest.AddChildBy(t, write, w, 1)
				storagetest.AddChildBy(t, write, w, 2)
				err := write(ctx, storagetest.Change, func(tx *storage.Tx) error {
					var p domain.Person
					if err := db.Get(ctx, id, &p); err != nil {
						return err
					}
					p.KnownAs = "Ells"
					if err := tx.Update(&p); err != nil {
						return err
					}
					sib := &domain.Person{Forename: "Sam", Surname: "Example"}
					if err := tx.Insert(sib); err != nil {
						return err
					}
					sib.KnownAs = "Sammy"
					if err := tx.Update(sib); err != nil {
						return err
					}
					sib.Surname = "Sample"
					return tx.Update(sib)
				})
				if err != nil {
					t.Fatal(err)
				}
				if _, err := db.VerifyAudit(ctx); err != nil {
					t.Fatalf("audit: %v", err)
				}
				h, err := db.ContentHash(ctx)
				if err != nil {
					t.Fatal(err)
				}
				return h
			}
			if written, loaded := hash(false), hash(true); written != loaded {
				t.Errorf("content after Load %s, after Write %s", loaded, written)
			}
		})
	}
}

// TestLoadRefusals: what the database refuses in a load fails the load,
// naming the record, and stores nothing; stale versions are conflicts as in
// Write; a load cannot delete.
func TestLoadRefusals(t *testing.T) {
	storagetest.Each(t, func(t testing.TB, db *storage.DB) {
		err := db.Load(ctx, storagetest.Change, func(tx *storage.Tx) error {
			if err := tx.Insert(&domain.Person{Forename: "Kept", Surname: "Nowhere"}); err != nil {
				return err
			}
			return tx.Insert(&domain.Disability{PersonID: 424242, Code: "MOB"})
		})
		if err == nil || !strings.Contains(err.Error(), "insert disability 1") {
			t.Errorf("missing person: got %v, want an error naming disability 1", err)
		}
		if n, err := db.VerifyAudit(ctx); err != nil || n != 0 {
			t.Errorf("after a failed load: %d audit entries, %v", n, err)
		}
		if n, err := db.Counts(ctx); err != nil || n["person"] != 0 {
			t.Errorf("after a failed load: %d persons, %v", n["person"], err)
		}

		p := &domain.Person{Forename: "Ellie", Surname: "Example"}
		if err := db.Load(ctx, storagetest.Change, func(tx *storage.Tx) error { return tx.Insert(p) }); err != nil {
			t.Fatal(err)
		}
		stale := *p
		p.KnownAs = "Ells"
		if err := db.Write(ctx, storagetest.Change, func(tx *storage.Tx) error { return tx.Update(p) }); err != nil {
			t.Fatal(err)
		}
		err = db.Load(ctx, storagetest.Change, func(tx *storage.Tx) error { return tx.Update(&stale) })
		var ce *storage.ConflictError
		if !errors.As(err, &ce) || ce.Current != 2 || ce.Version != 1 {
			t.Errorf("stale update: got %v, want a conflict", err)
		}
		err = db.Load(ctx, storagetest.Change, func(tx *storage.Tx) error { return tx.Delete(p) })
		if err == nil || !strings.Contains(err.Error(), "only adds and changes") {
			t.Errorf("delete in a load: got %v", err)
		}
	})
}

// TestWithoutAuditIndexes: an empty database is filled without the audit
// trail's indexes, which are all there again afterwards, even when the
// filling fails; a database with a trail keeps its indexes throughout.
func TestWithoutAuditIndexes(t *testing.T) {
	for _, dialect := range []string{"sqlite", "postgres"} {
		t.Run(dialect, func(t *testing.T) {
			db, dsn := storagetest.OpenDSN(t, dialect)
			if db == nil {
				t.Skip("no PostgreSQL")
			}
			indexes := func() int {
				driver, q := "sqlite", "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'audit_log' AND sql IS NOT NULL"
				if dialect == "postgres" {
					driver, q = "pgx", "SELECT count(*) FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'audit_log' AND indexname <> 'audit_log_pkey'"
				}
				conn, err := sql.Open(driver, dsn)
				if err != nil {
					t.Fatal(err)
				}
				defer conn.Close()
				var n int
				if err := conn.QueryRow(q).Scan(&n); err != nil {
					t.Fatal(err)
				}
				return n
			}
			before := indexes()
			if before < 3 {
				t.Fatalf("%d audit indexes after migrating, want at least 3", before)
			}
			during := -1
			err := db.WithoutAuditIndexes(ctx, func() error {
				during = indexes()
				return db.Load(ctx, storagetest.Change, func(tx *storage.Tx) error {
					return tx.Insert(&domain.Person{Forename: "Ellie", Surname: "Example"})
				})
			})
			if err != nil || during != 0 || indexes() != before {
				t.Errorf("empty database: %v; %d indexes during, %d after, want 0 and %d", err, during, indexes(), before)
			}
			failed := errors.New("the load failed")
			err = db.WithoutAuditIndexes(ctx, func() error {
				during = indexes()
				return failed
			})
			if !errors.Is(err, failed) || during != before || indexes() != before {
				t.Errorf("database with a trail: %v; %d indexes during, %d after, want %d throughout", err, during, indexes(), before)
			}
			if _, err := db.VerifyAudit(ctx); err != nil {
				t.Error(err)
			}
		})
	}
}
