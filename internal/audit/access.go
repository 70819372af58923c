package audit

import (
	"strconv"
	"time"
)

// AccessAction is how a child's record was looked at.
type AccessAction string

const (
	// Viewed: the record, or part of it, was shown to the user.
	Viewed AccessAction = "view"
	// Listed: the child was shown among search results.
	Listed AccessAction = "search_result"
	// Exported: the record, or part of it, was downloaded.
	Exported AccessAction = "export"
	// Printed: the record was laid out for printing.
	Printed AccessAction = "print"
	// GlassBroken: the user opened a record outside their access by giving
	// a reason.
	GlassBroken AccessAction = "break_glass"
)

// Access is one entry of the access log: who looked at which child's record,
// when, what they saw and, for a broken glass, why. It is chained like the
// audit trail.
type Access struct {
	Seq      int64        `json:"seq"`
	At       time.Time    `json:"at"`
	UserID   int64        `json:"user_id"`
	Username string       `json:"username"`
	Action   AccessAction `json:"action"`
	PersonID int64        `json:"person_id"`
	// What names what was shown, such as "child page" or "chronology (API)".
	What string `json:"what"`
	// How is the access rule that let the user in (access.How), such as
	// "involved", "line" or "break_glass".
	How string `json:"how"`
	// Reason is the user's own reason for breaking the glass.
	Reason   string `json:"reason,omitempty"`
	PrevHash string `json:"prev_hash"`
	Hash     string `json:"hash"`
}

// Seal sets the entry's sequence number, previous hash and hash.
func (a *Access) Seal(seq int64, prevHash string) {
	a.Seq = seq
	a.PrevHash = prevHash
	a.Hash = a.compute()
}

func (a *Access) compute() string {
	return hashParts(
		strconv.FormatInt(a.Seq, 10),
		a.At.UTC().Format(time.RFC3339Nano),
		strconv.FormatInt(a.UserID, 10),
		a.Username,
		string(a.Action),
		strconv.FormatInt(a.PersonID, 10),
		a.What,
		a.How,
		a.Reason,
		a.PrevHash,
	)
}

func (a *Access) link() (seq int64, prevHash, hash string) { return a.Seq, a.PrevHash, a.Hash }
