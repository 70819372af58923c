package casework

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/domain"
)

var d = civil.MustParse

func ptr[T any](v T) *T { return &v }

func ent(id int64) domain.Entity { return domain.Entity{ID: id} }

// at is a time in England: "2015-08-28 16:00".
func at(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, london)
	if err != nil {
		panic(err)
	}
	return t
}

// fields returns the fields errors name, in order.
func fields(errs []domain.FieldError) []string {
	var out []string
	for _, e := range errs {
		out = append(out, e.Field)
	}
	return out
}

// wantFields checks the fields named, and that a message contains a phrase
// if one is given.
func wantFields(t *testing.T, errs []domain.FieldError, want []string, phrase string) {
	t.Helper()
	if got := fields(errs); !slices.Equal(got, want) {
		t.Errorf("fields %v, want %v (%v)", got, want, errs)
	}
	if phrase != "" && !slices.ContainsFunc(errs, func(e domain.FieldError) bool { return strings.Contains(e.Message, phrase) }) {
		t.Errorf("no message says %q: %v", phrase, errs)
	}
}

var rules = Default()
