package worklist

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/waymark-care/waymark/internal/domain"
)

// Ref names the stored record behind an event, "kind/id" such as
// "strategy_discussion/41", so that every item links back to the record that
// started, timed or met it.
type Ref struct {
	Kind string
	ID   int64
}

// RefOf returns the reference to a stored record.
func RefOf(r domain.Record) Ref { return Ref{Kind: domain.KindOf(r).Name, ID: r.Base().ID} }

func (r Ref) String() string { return r.Kind + "/" + strconv.FormatInt(r.ID, 10) }

// ParseRef reads a reference as String writes it. The empty string (a clock
// started by a birthday, which is no record) is the zero Ref.
func ParseRef(s string) (Ref, error) {
	if s == "" {
		return Ref{}, nil
	}
	kind, id, ok := strings.Cut(s, "/")
	n, err := strconv.ParseInt(id, 10, 64)
	if _, known := domain.KindNamed(kind); !ok || !known || err != nil || n <= 0 || strconv.FormatInt(n, 10) != id {
		return Ref{}, fmt.Errorf("%q is not a record reference (kind/id)", s)
	}
	return Ref{Kind: kind, ID: n}, nil
}

// IsZero reports whether the reference names no record.
func (r Ref) IsZero() bool { return r.ID == 0 }

// Title is the kind in words: "Strategy discussion".
func (r Ref) Title() string {
	if k, ok := domain.KindNamed(r.Kind); ok {
		return k.Title
	}
	return r.Kind
}
