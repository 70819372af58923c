package auth

import (
	"strings"
	"testing"
	"time"
)

func TestPasswords(t *testing.T) {
	h := HashPassword("correct horse battery staple")
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Fatalf("hash %q is not argon2id in PHC form", h)
	}
	if h == HashPassword("correct horse battery staple") {
		t.Error("two hashes of one password are the same: no salt")
	}
	if !CheckPassword(h, "correct horse battery staple") {
		t.Error("the right password does not match")
	}
	for _, wrong := range []string{"", "correct horse battery stapl", "Correct horse battery staple"} {
		if CheckPassword(h, wrong) {
			t.Errorf("%q matches", wrong)
		}
	}
	for _, bad := range []string{"", "plain", "$argon2i$v=19$m=1,t=1,p=1$AA$AA", "$argon2id$v=19$m=x$AA$AA", "$argon2id$v=19$m=8,t=0,p=1$AA$AA"} {
		if CheckPassword(bad, "") {
			t.Errorf("malformed hash %q matches", bad)
		}
	}
	if CheckNewPassword("short") == nil || CheckNewPassword("twelve chars") != nil {
		t.Error("password length rule")
	}
}

func TestTokens(t *testing.T) {
	a, b := NewToken(), NewToken()
	if a == b || len(a) != 43 {
		t.Fatalf("tokens %q %q", a, b)
	}
	if TokenHash(a) == a || TokenHash(a) != TokenHash(a) || len(TokenHash(a)) != 64 {
		t.Error("token hash")
	}
	if !Equal(a, a) || Equal(a, b) || Equal("", "") {
		t.Error("Equal")
	}
}

func TestThrottle(t *testing.T) {
	th := &Throttle{Max: 3, Window: time.Minute}
	now := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	for i := range 3 {
		if !th.Allowed("10.0.0.1", now) {
			t.Fatalf("refused after %d failures", i)
		}
		th.Failed("10.0.0.1", now.Add(time.Duration(i)*time.Second))
	}
	if th.Allowed("10.0.0.1", now.Add(10*time.Second)) {
		t.Error("allowed after 3 failures")
	}
	if !th.Allowed("10.0.0.2", now) {
		t.Error("another client refused")
	}
	if !th.Allowed("10.0.0.1", now.Add(61*time.Second)) {
		t.Error("still refused after the window")
	}
}
