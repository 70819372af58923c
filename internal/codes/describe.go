package codes

// Describe is what a code means, for showing to people: the description of
// value in the list called list (withdrawn codes included), or value itself
// when the list or the code is unknown, so nothing recorded is hidden.
func Describe(list, value string) string {
	if l, ok := Lookup(list); ok {
		if d := l.Describe(value); d != "" {
			return d
		}
	}
	return value
}
