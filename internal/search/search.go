// Package search finds people by name, date of birth, NHS number or local
// authority child ID, tolerating partial names and misspellings. It is an
// index in memory, kept current from storage (storage.DB.SearchChanges);
// it reads no database itself and decides nothing about access, which the
// caller asks the access policy about for each result.
//
// Names are matched word by word. A query word matches a name word exactly,
// as its beginning ("Ell" for Ellie), by sound (Soundex: "Jonson" for
// Johnson) or within one or two typing errors ("Exmaple" for Example);
// every query word must match one of the person's names, and exact matches
// rank above the rest.
package search

import (
	"cmp"
	"maps"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/waymark-care/waymark/internal/civil"
)

// Person is one indexed person.
type Person struct {
	ID          int64
	Forename    string
	Surname     string
	KnownAs     string
	DateOfBirth civil.Date
	NHSNumber   string
	LAChildID   string
}

// Index is the search index. It is safe for concurrent use.
type Index struct {
	mu     sync.RWMutex
	people map[int64]*entry
	// words maps each name word to the people with it; a word's people are
	// looked up again in people, so a changed or deleted person's old words
	// simply stop matching.
	words map[string][]int64
	ids   map[string]int64 // NHS numbers and LA child IDs, normalised
	dobs  map[civil.Date][]int64

	// Ways into the words: sorted (for prefixes), by first letter (for
	// misspellings, which are looked for among words with the same first
	// letter) and by Soundex code.
	sorted  []string
	byFirst map[rune][]string
	bySound map[string][]string
}

// entry is an indexed person and their name words.
type entry struct {
	Person
	words []string
	key   string // orders people of equal score: surname, then forename
}

// New returns an empty index.
func New() *Index {
	return &Index{people: map[int64]*entry{}, words: map[string][]int64{}, ids: map[string]int64{}, dobs: map[civil.Date][]int64{},
		byFirst: map[rune][]string{}, bySound: map[string][]string{}}
}

// Len is how many people are indexed.
func (x *Index) Len() int {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return len(x.people)
}

// Update adds or replaces people and removes the deleted.
func (x *Index) Update(people []Person, deleted []int64) {
	x.mu.Lock()
	defer x.mu.Unlock()
	for _, id := range deleted {
		delete(x.people, id)
	}
	for _, p := range people {
		old, had := x.people[p.ID]
		e := &entry{Person: p, words: nameWords(&p), key: strings.ToLower(p.Surname + "\x00" + p.Forename)}
		x.people[p.ID] = e
		for _, w := range e.words {
			if had && slices.Contains(old.words, w) {
				continue
			}
			if _, known := x.words[w]; !known {
				x.sorted = nil // rebuilt by the next search
				first, _ := utf8.DecodeRuneInString(w)
				x.byFirst[first] = append(x.byFirst[first], w)
				x.bySound[soundex(w)] = append(x.bySound[soundex(w)], w)
			}
			x.words[w] = append(x.words[w], p.ID)
		}
		for _, id := range []string{normalID(p.NHSNumber), normalID(p.LAChildID)} {
			if id != "" {
				x.ids[id] = p.ID
			}
		}
		if !p.DateOfBirth.IsZero() && (!had || old.DateOfBirth != p.DateOfBirth) {
			x.dobs[p.DateOfBirth] = append(x.dobs[p.DateOfBirth], p.ID)
		}
	}
}

// Query is what the user searched for: text (names, or an NHS number or LA
// child ID) and, optionally, a date of birth.
type Query struct {
	Text        string
	DateOfBirth civil.Date
}

// Match is a person found, with how well they matched: higher is better.
type Match struct {
	Person
	Score float64
	// ByID is set when the text was the person's NHS number or LA child ID.
	ByID bool
}

// Search returns the people matching q, best first, at most limit.
func (x *Index) Search(q Query, limit int) []Match {
	x.mu.Lock()
	if x.sorted == nil {
		x.sorted = slices.Sorted(maps.Keys(x.words))
	}
	x.mu.Unlock()
	x.mu.RLock()
	defer x.mu.RUnlock()
	text := strings.TrimSpace(q.Text)
	if id, ok := x.ids[normalID(text)]; ok && text != "" {
		if p := x.people[id]; p != nil && normalID(p.NHSNumber) == normalID(text) || p != nil && normalID(p.LAChildID) == normalID(text) {
			if q.DateOfBirth.IsZero() || p.DateOfBirth == q.DateOfBirth {
				return []Match{{Person: p.Person, Score: 10, ByID: true}}
			}
		}
	}
	words := splitWords(text)
	var scores map[int64]float64
	switch {
	case len(words) > 0:
		scores = x.byName(words)
	case !q.DateOfBirth.IsZero():
		scores = map[int64]float64{}
		for _, id := range x.dobs[q.DateOfBirth] {
			scores[id] = 1
		}
	}
	type found struct {
		*entry
		score float64
	}
	fs := make([]found, 0, len(scores))
	for id, sc := range scores {
		p := x.people[id]
		if p == nil || !q.DateOfBirth.IsZero() && p.DateOfBirth != q.DateOfBirth {
			continue
		}
		fs = append(fs, found{p, sc})
	}
	slices.SortFunc(fs, func(a, b found) int {
		switch {
		case a.score > b.score:
			return -1
		case a.score < b.score:
			return 1
		}
		if c := strings.Compare(a.key, b.key); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	if limit > 0 && len(fs) > limit {
		fs = fs[:limit]
	}
	ms := make([]Match, len(fs))
	for i, f := range fs {
		ms[i] = Match{Person: f.Person, Score: f.score}
	}
	return ms
}

// byName scores every person all of whose query words match one of their
// name words; a person's score is the sum of each word's best match.
func (x *Index) byName(words []string) map[int64]float64 {
	var scores map[int64]float64
	for i, q := range words {
		best := map[int64]float64{}
		for w, s := range x.candidates(q) {
			for _, id := range x.words[w] {
				p := x.people[id]
				if p == nil || s <= best[id] || !slices.Contains(p.words, w) {
					continue
				}
				best[id] = s
			}
		}
		if i == 0 {
			scores = best
			continue
		}
		for id, s := range scores {
			if b, ok := best[id]; ok {
				scores[id] = s + b
			} else {
				delete(scores, id)
			}
		}
	}
	return scores
}

// candidates are the name words that query word q matches, with how well:
// exactly (1), as their beginning (0.8), within one typing error (0.7), by
// sound (0.6) or within two typing errors in a long word (0.5). Words of
// one or two letters match only exactly or as a beginning.
func (x *Index) candidates(q string) map[string]float64 {
	c := map[string]float64{}
	better := func(w string, s float64) {
		if s > c[w] {
			c[w] = s
		}
	}
	if _, ok := x.words[q]; ok {
		better(q, 1)
	}
	if len(q) >= 2 {
		for i, _ := slices.BinarySearch(x.sorted, q); i < len(x.sorted) && strings.HasPrefix(x.sorted[i], q); i++ {
			better(x.sorted[i], 0.8)
		}
	}
	if len(q) < 3 {
		return c
	}
	for _, w := range x.bySound[soundex(q)] {
		better(w, 0.6)
	}
	first, _ := utf8.DecodeRuneInString(q)
	for _, w := range x.byFirst[first] {
		switch d := distance(q, w, 2); {
		case d == 1 && len(q) >= 4:
			better(w, 0.7)
		case d == 2 && len(q) >= 7:
			better(w, 0.5)
		}
	}
	return c
}

// nameWords are a person's name words, lower case: each part of a
// hyphenated or apostrophised name, and the name written without the
// hyphen or apostrophe (O'Neill is "o", "neill" and "oneill").
func nameWords(p *Person) []string {
	names := p.Forename + " " + p.Surname + " " + p.KnownAs
	ws := splitWords(names)
	for _, n := range strings.Fields(names) {
		if parts := splitWords(n); len(parts) > 1 {
			ws = append(ws, strings.Join(strings.FieldsFunc(strings.ToLower(n), func(r rune) bool { return !unicode.IsLetter(r) }), ""))
		}
	}
	slices.Sort(ws)
	return slices.Compact(ws)
}

// splitWords lower-cases s and splits it into words at anything not a
// letter, so hyphenated and apostrophised names match by each part.
func splitWords(s string) []string {
	ws := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) })
	slices.Sort(ws)
	return slices.Compact(ws)
}

// normalID is an identifier without spaces, in upper case: NHS numbers are
// often written 943 476 5919.
func normalID(s string) string {
	return strings.ToUpper(strings.Join(strings.Fields(s), ""))
}

// distance is the Damerau-Levenshtein (optimal string alignment) distance
// between a and b, or max+1 once it exceeds max.
func distance(a, b string, max int) int {
	if d := len(a) - len(b); d > 2*max || -d > 2*max {
		return max + 1 // even two-byte letters cannot close the gap
	}
	ra, rb := []rune(a), []rune(b)
	if d := len(ra) - len(rb); d > max || -d > max {
		return max + 1
	}
	// Rows on the stack for names of ordinary length.
	var rows [3][40]int
	prev2, prev, cur := rows[0][:0], rows[1][:0], rows[2][:0]
	if len(rb)+1 > len(rows[0]) {
		prev2, prev, cur = nil, nil, nil
	}
	prev2 = append(prev2, make([]int, len(rb)+1)...)
	prev = append(prev, make([]int, len(rb)+1)...)
	cur = append(cur, make([]int, len(rb)+1)...)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
			rowMin = min(rowMin, cur[j])
		}
		if rowMin > max {
			return max + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

// soundex is the American Soundex code of a word: names that sound alike
// share it (Robert, Rupert: R163).
func soundex(s string) string {
	out := make([]byte, 0, 4)
	var last byte
	for _, r := range s {
		if r > unicode.MaxASCII || !unicode.IsLetter(r) {
			continue
		}
		var c byte
		if r >= 'a' && r <= 'z' {
			c = soundexCodes[r-'a']
		}
		if len(out) == 0 {
			out = append(out, byte(unicode.ToUpper(r)))
			last = c
			continue
		}
		if c != '0' && c != last {
			out = append(out, c)
			if len(out) == 4 {
				break
			}
		}
		// h and w do not separate letters with the same code; vowels do.
		if r != 'h' && r != 'w' {
			last = c
		}
	}
	for len(out) < 4 && len(out) > 0 {
		out = append(out, '0')
	}
	return string(out)
}

// soundexCodes are the Soundex digits of a to z; '0' for letters that have
// none (vowels, h, w, y).
const soundexCodes = "01230120022455012623010202"
