package storage

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/waymark-care/waymark/internal/domain"
)

// explainConstraint turns a database's refusal into a validation error that
// names the field, where it can: a reference to a record that does not
// exist, or a value that must be unique and is not. Other errors pass
// through unchanged.
func (db *DB) explainConstraint(ctx context.Context, ks *kindSQL, r domain.Record, err error) error {
	var (
		foreignKey, unique bool
		column             string
	)
	var se *sqlite.Error
	var pe *pgconn.PgError
	switch {
	case errors.As(err, &se):
		foreignKey = se.Code() == sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY
		unique = se.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE
		// "UNIQUE constraint failed: persons.la_child_id"
		if _, col, ok := strings.Cut(se.Error(), ks.kind.Table+"."); ok && unique {
			column, _, _ = strings.Cut(col, " ")
			column = strings.TrimSuffix(column, ")")
		}
	case errors.As(err, &pe):
		foreignKey, unique = pe.Code == "23503", pe.Code == "23505"
		// Detail: "Key (la_child_id)=(DN000007) already exists."
		if _, col, ok := strings.Cut(pe.Detail, "Key ("); ok {
			column, _, _ = strings.Cut(col, ")")
		}
	}
	v := reflect.ValueOf(r).Elem()
	var errs []domain.FieldError
	switch {
	case unique && column != "":
		errs = append(errs, domain.FieldError{Field: ks.jsonName(column), Message: "another " + strings.ToLower(ks.kind.Title) + " already has this value"})
	case foreignKey:
		// The database does not always say which reference failed, so look
		// each one up.
		targets, ferr := db.foreignKeys(ctx, ks.kind.Table)
		if ferr != nil {
			return err
		}
		for _, c := range ks.cols {
			id := v.FieldByIndex(c.index)
			table := targets[c.name]
			if !c.ref || id.Int() == 0 || table == "" {
				continue
			}
			var n int
			q := rebind(db.dialect, "SELECT COUNT(*) FROM "+table+" WHERE id = ?")
			if db.sql.QueryRowContext(ctx, q, id.Int()).Scan(&n) == nil && n == 0 {
				errs = append(errs, domain.FieldError{Field: ks.jsonName(c.name), Message: fmt.Sprintf("there is no record %d in %s", id.Int(), strings.ReplaceAll(table, "_", " "))})
			}
		}
	}
	if len(errs) == 0 {
		return err
	}
	return &domain.ValidationError{Kind: ks.kind.Name, Errors: errs}
}

// foreignKeys maps each referencing column of a table to the table it
// refers to, as the schema declares.
func (db *DB) foreignKeys(ctx context.Context, table string) (map[string]string, error) {
	q := "SELECT \"from\", \"table\" FROM pragma_foreign_key_list(?)"
	if db.dialect == Postgres {
		q = `SELECT kcu.column_name, ccu.table_name
			FROM information_schema.table_constraints tc
			JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema
			JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name AND ccu.table_schema = tc.table_schema
			WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_name = ? AND tc.table_schema = current_schema()`
	}
	rows, err := db.sql.QueryContext(ctx, rebind(db.dialect, q), table)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	m := map[string]string{}
	for rows.Next() {
		var from, to string
		if err := rows.Scan(&from, &to); err != nil {
			return nil, err
		}
		m[from] = to
	}
	return m, rows.Err()
}
