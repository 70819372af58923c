package storage

import (
	"testing"
	"time"
)

func TestTimeTextRoundTrip(t *testing.T) {
	for _, tm := range []time.Time{
		time.Date(2015, 9, 16, 14, 30, 0, 0, time.UTC),
		time.Date(2025, 3, 29, 12, 0, 0, 123456000, time.UTC),
		time.Date(2025, 3, 30, 1, 30, 0, 0, time.FixedZone("BST", 3600)),
	} {
		got, err := parseTimeText(timeText(tm))
		if err != nil || !got.Equal(tm) {
			t.Errorf("%v → %q → %v, %v", tm, timeText(tm), got, err)
		}
	}
}

// FuzzParseTimeText checks the hand-written parser agrees with time.Parse.
func FuzzParseTimeText(f *testing.F) {
	f.Add("2015-09-16T14:30:00.000000Z")
	f.Add("2015-02-29T14:30:00.000000Z")
	f.Add("2015-09-16T24:30:00.000000Z")
	f.Fuzz(func(t *testing.T, s string) {
		got, err := parseTimeText(s)
		want, werr := time.Parse(timeLayout, s)
		if (err == nil) != (werr == nil) {
			t.Fatalf("%q: error %v, time.Parse error %v", s, err, werr)
		}
		if err == nil && !got.Equal(want) {
			t.Fatalf("%q: %v, want %v", s, got, want)
		}
	})
}
