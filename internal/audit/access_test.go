package audit

import (
	"errors"
	"testing"
	"time"
)

// The access log is checked by the same Verifier as the audit trail.
func TestVerifyAccessLog(t *testing.T) {
	prev := Genesis
	var log []*Access
	for i := 1; i <= 4; i++ {
		a := &Access{At: time.Date(2015, 9, 16, 10, i, 0, 0, time.UTC), UserID: 3, Username: "sw1", Action: Viewed, PersonID: 7, What: "child page", How: "involved"}
		a.Seal(int64(i), prev)
		prev = a.Hash
		log = append(log, a)
	}
	check := func() error {
		v := NewVerifier()
		for _, a := range log {
			if err := v.Check(a); err != nil {
				return err
			}
		}
		return v.Finish(4, prev)
	}
	if err := check(); err != nil {
		t.Fatalf("intact log: %v", err)
	}
	log[2].Reason = "added afterwards"
	var broken *BrokenError
	if err := check(); !errors.As(err, &broken) || broken.Seq != 3 {
		t.Fatalf("edited reason: got %v, want broken at 3", err)
	}
}
