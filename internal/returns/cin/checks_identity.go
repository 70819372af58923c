package cin

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/waymark-care/waymark/internal/codes"
)

// Rules on the child's identifiers and characteristics.

func upnAt() at { return at{e: -1, block: "ChildIdentifiers", sub: "/UPN"} }

// upnCheckLetter (1510): a 13-character UPN of digits after its first
// character starts with the check letter of those digits (DfE UPN guide:
// digit k weighted k, sum modulo 23, letters A–Z without I, O and S).
func upnCheckLetter(v *visit) {
	u := v.c.ChildIdentifiers.UPN
	if len(u) != 13 || !isDigits(u[1:]) {
		return
	}
	sum := 0
	for i := 1; i < 13; i++ {
		sum += int(u[i]-'0') * (i + 1)
	}
	if want := "ABCDEFGHJKLMNPQRTUVWXYZ"[sum%23]; u[0] != want {
		v.flag(upnAt(), v.c.Ref, "UPN %s should start with check letter %c", u, want)
	}
}

// laCodes are the post-April 1998 authority numbers and the pseudo-LA codes
// a UPN may carry in characters 2–4 (rule 1530, 2023-24 list).
var laCodes = func() map[string]bool {
	m := map[string]bool{}
	add := func(from, to int) {
		for n := from; n <= to; n++ {
			m[strconv.Itoa(n)] = true
		}
	}
	for n := 1; n <= 5; n++ {
		m["00"+strconv.Itoa(n)] = true
	}
	for _, r := range [][2]int{{201, 213}, {301, 320}, {330, 336}, {340, 344}, {350, 359}, {370, 373}, {380, 384},
		{390, 394}, {660, 681}, {701, 708}, {800, 803}, {805, 808}, {810, 813}, {820, 823}, {835, 839}, {850, 852},
		{855, 857}, {865, 896}, {935, 938}, {940, 943}} {
		add(r[0], r[1])
	}
	for _, n := range []int{420, 815, 816, 825, 826, 830, 831, 840, 841, 845, 846, 860, 861, 908, 909, 916, 919, 921, 925, 926, 928, 929, 931, 933} {
		add(n, n)
	}
	return m
}()

// upnAuthority (1530): characters 2–4 of a UPN are an authority code.
func upnAuthority(v *visit) {
	if u := v.c.ChildIdentifiers.UPN; len(u) == 13 && !laCodes[u[1:4]] {
		v.flag(upnAt(), v.c.Ref, "UPN %s: %q is not an authority code", u, u[1:4])
	}
}

// upnDigits (1540): characters 5–12 of a UPN are digits.
func upnDigits(v *visit) {
	u := v.c.ChildIdentifiers.UPN
	if u == "" {
		return
	}
	if part := u[min(4, len(u)):min(12, len(u))]; !isDigits(part) {
		v.flag(upnAt(), v.c.Ref, "UPN %s: characters 5 to 12 are %q", u, part)
	}
}

// upnLastCharacter (1550): character 13 of a UPN is a digit or a letter
// other than I, O and S.
func upnLastCharacter(v *visit) {
	if u := v.c.ChildIdentifiers.UPN; len(u) == 13 && !strings.ContainsRune("ABCDEFGHJKLMNPQRTUVWXYZ0123456789", rune(u[12])) {
		v.flag(upnAt(), v.c.Ref, "UPN %s ends in %q", u, u[12:])
	}
}

// formerUPNFormat (1560Q): a former UPN is a letter and 12 digits.
func formerUPNFormat(v *visit) {
	f := v.c.ChildIdentifiers.FormerUPN
	if f != "" && (len(f) != 13 || !isDigits(f[1:]) || !isAlnum(f[:1]) || isDigits(f[:1])) {
		v.flag(at{e: -1, block: "ChildIdentifiers", sub: "/FormerUPN"}, v.c.Ref, "FormerUPN %q is not a letter followed by 12 digits", f)
	}
}

func laChildIDAt() at { return at{e: -1, block: "ChildIdentifiers", sub: "/LAchildID"} }

// laChildIDLength (1570).
func laChildIDLength(v *visit) {
	if id := v.c.ChildIdentifiers.LAchildID; utf8.RuneCountInString(id) > 20 {
		v.flag(laChildIDAt(), v.c.Ref, "LAchildID %q is %d characters long", id, utf8.RuneCountInString(id))
	}
}

// laChildIDCharacters (1580).
func laChildIDCharacters(v *visit) {
	if id := v.c.ChildIdentifiers.LAchildID; id != "" && !isAlnum(id) {
		v.flag(laChildIDAt(), v.c.Ref, "LAchildID %q has characters other than letters and digits", id)
	}
}

// birthOrExpectedBirth (8525Q): exactly one of date of birth and expected
// date of birth.
func birthOrExpectedBirth(v *visit) {
	id := &v.c.ChildIdentifiers
	switch born, expected := id.PersonBirthDate.Present(), id.ExpectedPersonBirthDate.Present(); {
	case born && expected:
		v.flag(identifiers, v.c.Ref, "both PersonBirthDate and ExpectedPersonBirthDate are given")
	case !born && !expected:
		v.flag(identifiers, v.c.Ref, "neither PersonBirthDate nor ExpectedPersonBirthDate is given")
	}
}

// expectedBirthRange (8530Q): an expected date of birth lies after the
// reference date less 30 days and before it plus 9 months.
func expectedBirthRange(v *visit) {
	d := v.c.ChildIdentifiers.ExpectedPersonBirthDate
	earliest, latest := v.period.End.AddDays(-30), v.period.End.AddMonths(9)
	if d.Valid() && (!d.Value.After(earliest) || !d.Value.Before(latest)) {
		v.flag(identifiers, v.c.Ref, "ExpectedPersonBirthDate %s is not between %s and %s", d.Text, earliest, latest)
	}
}

// deathBeforeBirth (8535Q): a child who died has a date of birth on or
// before the date of death.
func deathBeforeBirth(v *visit) {
	id := &v.c.ChildIdentifiers
	if !id.PersonDeathDate.Valid() {
		return
	}
	switch {
	case !id.PersonBirthDate.Valid():
		v.flag(identifiers, v.c.Ref, "PersonDeathDate %s is given without a PersonBirthDate", id.PersonDeathDate.Text)
	case id.PersonDeathDate.Value.Before(id.PersonBirthDate.Value):
		v.flag(identifiers, v.c.Ref, "PersonDeathDate %s is before PersonBirthDate %s", id.PersonDeathDate.Text, id.PersonBirthDate.Text)
	}
}

// unbornSex (8750): an unborn child's sex is U.
func unbornSex(v *visit) {
	id := &v.c.ChildIdentifiers
	if !id.PersonBirthDate.Present() && id.ExpectedPersonBirthDate.Present() && id.Sex != "U" {
		v.flag(identifiers, v.c.Ref, "Sex is %q for an unborn child", id.Sex)
	}
}

// schoolAgeUPN (8770Q): a child of school age (born on or before 31 August
// six years before the reference year) with a referral going on to further
// action has a UPN or a reason UN2–UN7 for having none.
func schoolAgeUPN(v *visit) {
	id := &v.c.ChildIdentifiers
	schoolAge := v.period.End.AddMonths(4).AddDays(31).AddYears(-6)
	if !id.PersonBirthDate.Valid() || id.PersonBirthDate.Value.After(schoolAge) || id.UPN != "" ||
		!slices.ContainsFunc(v.c.CINdetails, func(ep CINdetails) bool { return ep.ReferralNFA.False() }) {
		return
	}
	switch r := strings.ToUpper(id.UPNunknown); r {
	case "UN2", "UN3", "UN4", "UN5", "UN6", "UN7":
	case "":
		v.flag(identifiers, v.c.Ref, "no UPN and no UPNunknown for a child born %s", id.PersonBirthDate.Text)
	default:
		v.flag(identifiers, v.c.Ref, "UPNunknown %s for a child born %s", id.UPNunknown, id.PersonBirthDate.Text)
	}
}

// upnUnknownNFA (8772): UN7 (referral with no further action) only when
// every episode is one.
func upnUnknownNFA(v *visit) {
	if v.c.ChildIdentifiers.UPNunknown != "UN7" {
		return
	}
	for e, ep := range v.c.CINdetails {
		if !ep.ReferralNFA.True() {
			v.flag(at{e: e}, ep.Ref, "UPNunknown is UN7 but ReferralNFA is %q", ep.ReferralNFA.Text)
		}
	}
}

// over25 (8775Q): a child over 25 at the reference date has no episode open
// past their 25th birthday.
func over25(v *visit) {
	dob := v.c.ChildIdentifiers.PersonBirthDate
	if !dob.Valid() || !dob.Value.Before(v.period.End.AddYears(-25)) {
		return
	}
	turned25 := dob.Value.AddYears(25)
	for e, ep := range v.c.CINdetails {
		if !ep.CINclosureDate.Valid() || ep.CINclosureDate.Value.After(turned25) {
			v.flag(at{e: e}, ep.Ref, "the child, born %s, was 25 on %s; the episode closes %s", dob.Text, turned25, orText(ep.CINclosureDate.Text, "never"))
		}
	}
}

func orText(s, otherwise string) string {
	if s == "" {
		return otherwise
	}
	return s
}

var disabilityList, _ = codes.Lookup(codes.Disability)

// disabilityRecorded (8540): a born child with a referral going on to
// further action has at least one disability code (NONE for none), each
// valid.
func disabilityRecorded(v *visit) {
	if !v.c.ChildIdentifiers.PersonBirthDate.Present() ||
		!slices.ContainsFunc(v.c.CINdetails, func(ep CINdetails) bool { return ep.ReferralNFA.False() }) {
		return
	}
	ds := disabilityCodes(v.c)
	if len(ds) == 0 {
		v.flag(at{e: -1, block: "ChildCharacteristics"}, v.c.Ref, "no Disability is given (NONE for a child with no disability)")
	}
	for i, d := range ds {
		if !disabilityList.Valid(d) {
			v.flag(at{e: -1, block: "ChildCharacteristics", sub: "/Disabilities/Disability[" + strconv.Itoa(i+1) + "]"}, v.c.Ref, "Disability %q is not a disability code", d)
		}
	}
}

// disabilityNoneAlone (8790): NONE is the only code when given.
func disabilityNoneAlone(v *visit) {
	ds := disabilityCodes(v.c)
	if slices.ContainsFunc(ds, func(d string) bool { return strings.EqualFold(d, "NONE") }) &&
		slices.ContainsFunc(ds, func(d string) bool { return !strings.EqualFold(d, "NONE") }) {
		v.flag(at{e: -1, block: "ChildCharacteristics", sub: "/Disabilities"}, v.c.Ref, "NONE is given with %s", strings.Join(ds, ", "))
	}
}

// hasEpisode (8590).
func hasEpisode(v *visit) {
	if len(v.c.CINdetails) == 0 {
		v.flag(laChildIDAt(), v.c.Ref, "the child has no CINdetails")
	}
}
