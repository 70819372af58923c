// Package auth holds Waymark's sign-in mechanics: argon2id password hashes,
// random tokens for sessions and the API (stored only as hashes), and the
// throttle that slows down guessing. It knows nothing of HTTP or storage.
package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
)

// Params are argon2id's costs. Default follows OWASP's minimum for
// argon2id (19 MiB, 2 passes, 1 lane): about 30 ms a hash on one core.
type Params struct {
	Memory  uint32 // KiB
	Time    uint32
	Threads uint8
}

// Default is the cost of new hashes. Hashes keep their own parameters, so
// raising it later needs no migration.
var Default = Params{Memory: 19 * 1024, Time: 2, Threads: 1}

const (
	saltLen = 16
	keyLen  = 32
)

// MinPasswordLength is the shortest password accepted (NCSC and NIST
// advise length over complexity rules).
const MinPasswordLength = 12

// CheckNewPassword says what is wrong with a password a user chose, or nil.
func CheckNewPassword(pw string) error {
	if utf8.RuneCountInString(pw) < MinPasswordLength {
		return fmt.Errorf("Password must be %d characters or more", MinPasswordLength)
	}
	if utf8.RuneCountInString(pw) > 256 {
		return errors.New("Password must be 256 characters or fewer")
	}
	return nil
}

// HashPassword returns the argon2id hash of pw in PHC string form:
// $argon2id$v=19$m=19456,t=2,p=1$salt$hash.
func HashPassword(pw string) string {
	salt := make([]byte, saltLen)
	rand.Read(salt)
	p := Default
	key := argon2.IDKey([]byte(pw), salt, p.Time, p.Memory, p.Threads, keyLen)
	enc := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, p.Memory, p.Time, p.Threads, enc.EncodeToString(salt), enc.EncodeToString(key))
}

// CheckPassword reports whether pw matches the hash, in constant time. A
// malformed hash matches nothing.
func CheckPassword(hash, pw string) bool {
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" || parts[2] != fmt.Sprintf("v=%d", argon2.Version) {
		return false
	}
	var p Params
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.Memory, &p.Time, &p.Threads); err != nil || p.Threads == 0 || p.Time == 0 {
		return false
	}
	enc := base64.RawStdEncoding
	salt, err1 := enc.DecodeString(parts[4])
	want, err2 := enc.DecodeString(parts[5])
	if err1 != nil || err2 != nil || len(want) == 0 {
		return false
	}
	got := argon2.IDKey([]byte(pw), salt, p.Time, p.Memory, p.Threads, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1
}

// dummyHash is checked against when a username does not exist, so that a
// wrong username takes as long as a wrong password.
var dummyHash = HashPassword("not a password anyone has")

// BurnTime spends as long as checking a password does.
func BurnTime(pw string) { CheckPassword(dummyHash, pw) }

// NewToken returns a random token (256 bits, URL-safe) for a session
// cookie, a CSRF token or an API token.
func NewToken() string {
	b := make([]byte, 32)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// TokenHash is what is stored for a token: its SHA-256. Tokens are random
// and long, so a fast hash is enough; a stolen database holds no token.
func TokenHash(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// Equal compares two tokens in constant time.
func Equal(a, b string) bool {
	return len(a) > 0 && subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1
}

// Lockout is the account lockout policy: after MaxFailures failed sign-ins
// in a row the account is locked for LockFor.
var Lockout = struct {
	MaxFailures int
	LockFor     time.Duration
}{MaxFailures: 5, LockFor: 15 * time.Minute}

// Throttle limits failed sign-ins per client (such as per IP address)
// within a window, whatever username they try, so one client cannot guess
// at many accounts. It is per process; account lockout, kept in the
// database, holds across processes.
type Throttle struct {
	Max    int
	Window time.Duration

	mu       sync.Mutex
	failures map[string][]time.Time
}

// Allowed reports whether key may try to sign in at now.
func (t *Throttle) Allowed(key string, now time.Time) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.recent(key, now)) < t.Max
}

// Failed records a failed sign-in by key at now.
func (t *Throttle) Failed(key string, now time.Time) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.failures == nil {
		t.failures = make(map[string][]time.Time)
	}
	t.failures[key] = append(t.recent(key, now), now)
	if len(t.failures) > 10000 {
		// Forget clients with nothing recent, so the map cannot grow without end.
		for k := range t.failures {
			if len(t.recent(k, now)) == 0 {
				delete(t.failures, k)
			}
		}
	}
}

func (t *Throttle) recent(key string, now time.Time) []time.Time {
	fs := t.failures[key]
	i := 0
	for i < len(fs) && now.Sub(fs[i]) >= t.Window {
		i++
	}
	fs = fs[i:]
	if len(fs) == 0 {
		delete(t.failures, key)
		return nil
	}
	t.failures[key] = fs
	return fs
}
