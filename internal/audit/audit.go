// Package audit defines Waymark's two append-only logs: the audit trail of
// every create, update and delete (Entry), and the access log of every look
// at a child's record (Access). In each, every entry is chained to the one
// before by a SHA-256 hash, so that an edited, inserted or deleted entry is
// detectable; one Verifier checks either chain.
//
// Storage writes and reads the entries; this package only says what an entry
// is and how a chain is checked.
package audit

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"time"
)

// Action is what happened to a record.
type Action string

const (
	Create Action = "create"
	Update Action = "update"
	Delete Action = "delete"
)

// Entry is one change to one record.
type Entry struct {
	Seq      int64     `json:"seq"`
	At       time.Time `json:"at"`
	Actor    string    `json:"actor"`
	Action   Action    `json:"action"`
	Kind     string    `json:"kind"`
	RecordID int64     `json:"record_id"`
	// PersonID is the child the record belongs to, if any, so a child's
	// whole history can be read back.
	PersonID int64 `json:"person_id,omitempty"`
	// Before and After are the record's JSON values; Before is empty for a
	// create and After for a delete.
	Before   json.RawMessage `json:"before,omitempty"`
	After    json.RawMessage `json:"after,omitempty"`
	PrevHash string          `json:"prev_hash"`
	Hash     string          `json:"hash"`
}

// Genesis is the previous hash of the first entry.
const Genesis = "0000000000000000000000000000000000000000000000000000000000000000"

// Seal sets the entry's sequence number, previous hash and hash.
func (e *Entry) Seal(seq int64, prevHash string) {
	e.Seq = seq
	e.PrevHash = prevHash
	e.Hash = e.compute()
}

// compute hashes every field except Hash itself.
func (e *Entry) compute() string {
	return hashParts(
		strconv.FormatInt(e.Seq, 10),
		e.At.UTC().Format(time.RFC3339Nano),
		e.Actor,
		string(e.Action),
		e.Kind,
		strconv.FormatInt(e.RecordID, 10),
		strconv.FormatInt(e.PersonID, 10),
		string(e.Before),
		string(e.After),
		e.PrevHash,
	)
}

func (e *Entry) link() (seq int64, prevHash, hash string) { return e.Seq, e.PrevHash, e.Hash }

// hashParts hashes an entry's fields. Each is written with its length, so no
// choice of values can make two entries hash alike.
func hashParts(parts ...string) string {
	n := 0
	for _, part := range parts {
		n += len(part) + 22
	}
	// Written into one buffer, not through fmt: every change is hashed.
	buf := make([]byte, 0, n)
	for _, part := range parts {
		buf = strconv.AppendInt(buf, int64(len(part)), 10)
		buf = append(buf, ':')
		buf = append(buf, part...)
		buf = append(buf, ';')
	}
	sum := sha256.Sum256(buf)
	return hex.EncodeToString(sum[:])
}

// Chained is an entry of a hash chain: an Entry or an Access.
type Chained interface {
	link() (seq int64, prevHash, hash string)
	compute() string
}

// BrokenError reports the first entry where the chain does not hold.
type BrokenError struct {
	Seq    int64
	Reason string
}

func (e *BrokenError) Error() string {
	return fmt.Sprintf("audit trail broken at entry %d: %s", e.Seq, e.Reason)
}

// Verifier checks entries one at a time, in sequence order.
type Verifier struct {
	next     int64
	prevHash string
	// Checked counts the entries verified so far.
	Checked int64
}

// NewVerifier starts checking at the first entry.
func NewVerifier() *Verifier { return &Verifier{next: 1, prevHash: Genesis} }

// Check verifies the next entry, returning a *BrokenError if it was altered,
// or if an entry before it was removed or inserted.
func (v *Verifier) Check(e Chained) error {
	seq, prevHash, hash := e.link()
	switch {
	case seq != v.next:
		return &BrokenError{v.next, fmt.Sprintf("entry %d is missing (next entry found is %d)", v.next, seq)}
	case prevHash != v.prevHash:
		return &BrokenError{seq, "it does not follow the entry before it"}
	case e.compute() != hash:
		return &BrokenError{seq, "its content has been changed since it was written"}
	}
	v.next++
	v.prevHash = hash
	v.Checked++
	return nil
}

// Finish checks that the last entry seen is the head the store recorded, so
// removing the newest entries is detected too.
func (v *Verifier) Finish(headSeq int64, headHash string) error {
	if v.next-1 != headSeq || v.prevHash != headHash {
		return &BrokenError{v.next, fmt.Sprintf("the trail ends at entry %d but %d entries were written", v.next-1, headSeq)}
	}
	return nil
}
