package cin

import (
	"context"
	"io"

	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/domain"
)

// Records reads the records the census is built from (storage.DB is one):
// every child with a referral open at any time from from to to, a
// referral with no further action and no closure date counting only from
// nfaFrom.
type Records interface {
	CINChildren(ctx context.Context, from, to, nfaFrom civil.Date, fn func(*domain.ChildRecord) error) error
}

// Export builds the census for a period from the records, writes it to w
// (nil to write nothing) as it goes, and validates it.
func Export(ctx context.Context, src Records, p Period, h *Header, w io.Writer) (*Report, error) {
	var out *Writer
	if w != nil {
		var err error
		if out, err = NewWriter(w, h); err != nil {
			return nil, err
		}
	}
	m := &Message{Header: h}
	b := NewBuilder(p)
	err := src.CINChildren(ctx, p.Start, p.End, b.nfaMin, func(rec *domain.ChildRecord) error {
		c, ok := b.Child(rec)
		if !ok {
			return nil
		}
		m.Children.Child = append(m.Children.Child, c)
		if out != nil {
			return out.Child(&m.Children.Child[len(m.Children.Child)-1])
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if out != nil {
		if err := out.Close(); err != nil {
			return nil, err
		}
	}
	return Validate(m, p, nil), nil
}

// Readiness is how ready one child's record is for a census: whether the
// child is in it, and what the rules find. Findings carry the record each
// concerns in Ref; rules that compare children are not applied.
type Readiness struct {
	InCensus bool
	Child    Child
	Findings []Finding
}

// CheckChild builds a child's census entry for the period from their
// records and validates it, for "return readiness" on the child's page.
func CheckChild(rec *domain.ChildRecord, p Period) Readiness {
	c, ok := NewBuilder(p).Child(rec)
	if !ok {
		return Readiness{}
	}
	return Readiness{InCensus: true, Child: c, Findings: ValidateChild(&c, 1, p)}
}
