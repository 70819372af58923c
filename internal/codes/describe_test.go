package codes

import "testing"

func TestDescribe(t *testing.T) {
	for _, tc := range []struct{ list, value, want string }{
		{InvolvementRole, "iro", "Independent reviewing officer"},
		{InvolvementRole, "wizard", "wizard"},
		{"no such list", "x", "x"},
		{InvolvementRole, "", ""},
	} {
		if got := Describe(tc.list, tc.value); got != tc.want {
			t.Errorf("Describe(%q, %q) = %q, want %q", tc.list, tc.value, got, tc.want)
		}
	}
}
