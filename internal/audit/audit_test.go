package audit

import (
	"errors"
	"testing"
	"time"
)

func chain(n int) []*Entry {
	prev := Genesis
	var es []*Entry
	for i := 1; i <= n; i++ {
		e := &Entry{At: time.Date(2015, 9, 16, 10, i, 0, 0, time.UTC), Actor: "sw1", Action: Create,
			Kind: "referral", RecordID: int64(i), PersonID: 7, After: []byte(`{"id":1}`)}
		e.Seal(int64(i), prev)
		prev = e.Hash
		es = append(es, e)
	}
	return es
}

func verify(es []*Entry, headSeq int64, headHash string) error {
	v := NewVerifier()
	for _, e := range es {
		if err := v.Check(e); err != nil {
			return err
		}
	}
	return v.Finish(headSeq, headHash)
}

func TestVerify(t *testing.T) {
	tests := []struct {
		name    string
		tamper  func([]*Entry) []*Entry
		wantSeq int64
	}{
		{"intact", func(es []*Entry) []*Entry { return es }, 0},
		{"edited value", func(es []*Entry) []*Entry { es[2].After = []byte(`{"id":2}`); return es }, 3},
		{"edited actor", func(es []*Entry) []*Entry { es[1].Actor = "someone else"; return es }, 2},
		{"deleted middle", func(es []*Entry) []*Entry { return append(es[:2], es[3:]...) }, 3},
		{"deleted last", func(es []*Entry) []*Entry { return es[:4] }, 5},
		{"resealed edit", func(es []*Entry) []*Entry { es[1].Actor = "x"; es[1].Seal(2, es[0].Hash); return es }, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			es := chain(5)
			head := es[4]
			err := verify(tt.tamper(es), head.Seq, head.Hash)
			var broken *BrokenError
			if tt.wantSeq == 0 {
				if err != nil {
					t.Fatalf("intact chain: %v", err)
				}
				return
			}
			if !errors.As(err, &broken) || broken.Seq != tt.wantSeq {
				t.Fatalf("got %v, want broken at %d", err, tt.wantSeq)
			}
		})
	}
}
