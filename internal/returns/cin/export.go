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
// (nil to write nothing) as it goes, and validates it. Reading the records
// and building, writing and checking each child run side by side.
func Export(ctx context.Context, src Records, p Period, h *Header, w io.Writer) (*Report, error) {
	var out *Writer
	if w != nil {
		var err error
		if out, err = NewWriter(w, h); err != nil {
			return nil, err
		}
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	recs := make(chan *domain.ChildRecord, 256)
	readErr := make(chan error, 1)
	b := NewBuilder(p)
	go func() {
		defer close(recs)
		readErr <- src.CINChildren(ctx, p.Start, p.End, b.nfaMin, func(rec *domain.ChildRecord) error {
			select {
			case recs <- rec:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
	}()
	m := &Message{Header: h}
	env := newEnv(p)
	var findings []Finding
	var people []int64
	var err error
	for rec := range recs {
		if err != nil {
			continue // drain, so the reader finishes
		}
		c, ok := b.Child(rec)
		if !ok {
			continue
		}
		m.Children.Child = append(m.Children.Child, c)
		people = append(people, rec.Person.ID)
		n := len(m.Children.Child)
		findings = env.child(&m.Children.Child[n-1], n, findings)
		if out != nil {
			if err = out.Child(&m.Children.Child[n-1]); err != nil {
				cancel()
			}
		}
	}
	if rerr := <-readErr; err == nil {
		err = rerr
	}
	if err == nil && out != nil {
		err = out.Close()
	}
	if err != nil {
		return nil, err
	}
	rep := env.report(m, nil, findings)
	rep.People = people
	return rep, nil
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
