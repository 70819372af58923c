package app

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/domain"
	"github.com/waymark-care/waymark/internal/storage"
	"github.com/waymark-care/waymark/internal/storage/storagetest"
)

// familyOf reads the fixture child's family by relationship: mother,
// father, sibling.
func familyOf(t testing.TB, db *storage.DB, child int64) (*domain.ChildRecord, map[string]int64) {
	t.Helper()
	cr, err := db.ChildRecord(context.Background(), child)
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]int64{}
	for _, rel := range cr.Relationships {
		ids[rel.Type] = rel.RelatedPersonID
	}
	return cr, ids
}

// TestChildDetailsAPI: the child's details, their family and a family
// member's details through the API, checked and versioned as every record
// is (AC-07, AC-15, FD-13, XC-06).
func TestChildDetailsAPI(t *testing.T) {
	storagetest.Each(t, func(t testing.TB, db *storage.DB) {
		f := newFixture(t, db)
		worker := f.cwClient("worker")
		child := fmt.Sprintf("/api/v1/children/%d", f.child)
		_, family := familyOf(t, db, f.child)

		// The child's own details.
		worker.invalid("PATCH", child, map[string]any{"first_language": "Polish"}, "version", "version")
		worker.invalid("PATCH", child, map[string]any{"version": 1, "nhs_number": "9434765918", "upn": "a123", "date_of_birth": "2026-06-01",
			"sex": "X", "restricted": true, "la_child_id": "X1"},
			"check digit", "nhs_number", "upn", "date_of_birth", "sex", "restricted", "la_child_id")
		got := worker.ok(200, "PATCH", child, map[string]any{"version": 1, "first_language": "Polish", "interpreter_needed": true, "ethnicity": "WOTH"})
		if got["first_language"] != "Polish" || got["interpreter_needed"] != true || got["forename"] != "Ellie" || version(got) != 2 || got["href"] != child {
			t.Errorf("patched child %v", got)
		}
		// A change from the version before is refused, naming who made it.
		if status, out := worker.call("PATCH", child, map[string]any{"version": 1, "known_as": "Ells"}); status != http.StatusConflict || out["current_version"] != 2.0 {
			t.Errorf("stale change: %d %v", status, out)
		}
		// PUT replaces: what is left out is cleared, but the record stays as
		// restricted as it was and keeps its child ID.
		worker.invalid("PUT", child, map[string]any{"version": 2, "forename": "Ellie"}, "", "surname")
		got = worker.ok(200, "PUT", child, map[string]any{"version": 2, "forename": "Elle", "surname": "Example", "date_of_birth": "2010-05-14"})
		if got["first_language"] != "" || got["la_child_id"] != "DN000001" || got["forename"] != "Elle" {
			t.Errorf("replaced child %v", got)
		}

		// The family: each relationship with the person it names.
		_, out := worker.call("GET", child+"/family", nil)
		if n := len(out["family"].([]any)); n != 3 {
			t.Fatalf("family of %d: %v", n, out)
		}
		// Someone new: their details are checked with the relationship.
		worker.invalid("POST", child+"/family", map[string]any{"relationship_type": "grandparent"}, "Waymark number", "related_person_id")
		worker.invalid("POST", child+"/family", map[string]any{"relationship_type": "step_parent", "start_date": "2024-01-01", "end_date": "2023-01-01",
			"person": map[string]any{"forename": "Sam", "date_of_birth": "2030-01-01"}}, "", "end_date", "person.surname", "person.date_of_birth")
		sam := worker.ok(201, "POST", child+"/family", map[string]any{"relationship_type": "step_parent", "lives_with": true, "start_date": "2024-01-01",
			"person": map[string]any{"forename": "Sam", "surname": "Walker", "first_language": "Urdu", "interpreter_needed": true}})
		samID := int64(sam["person"].(map[string]any)["id"].(float64))
		if sam["related_person_id"] != float64(samID) || sam["lives_with"] != true {
			t.Errorf("new family member %v", sam)
		}
		// Someone recorded, by their Waymark number: not the child, not
		// someone already in the family, not someone unknown.
		worker.invalid("POST", child+"/relationships", map[string]any{"related_person_id": f.child, "relationship_type": "sibling"}, "themselves", "related_person_id")
		worker.invalid("POST", child+"/relationships", map[string]any{"related_person_id": family["mother"], "relationship_type": "special_guardian"}, "already in the family", "related_person_id")
		worker.invalid("POST", child+"/family", map[string]any{"related_person_id": 999999, "relationship_type": "aunt_uncle"}, "No one you may add", "related_person_id")
		worker.invalid("POST", child+"/family", map[string]any{"relationship_type": "mum", "person": map[string]any{"forename": "Jo", "surname": "Bloggs"}}, "", "relationship_type")

		// Ending a relationship: Max no longer lives with Ellie (XC-06).
		var maxRel int64
		cr, _ := familyOf(t, db, f.child)
		for _, rel := range cr.Relationships {
			if rel.Type == "sibling" {
				maxRel = rel.ID
			}
		}
		rel := fmt.Sprintf("%s/relationships/%d", child, maxRel)
		worker.invalid("PATCH", rel, map[string]any{"version": 1, "end_date": "2013-01-01"}, "start date", "end_date")
		worker.ok(200, "PATCH", rel, map[string]any{"version": 1, "end_date": "2025-12-31"})
		household, err := f.db.Household(context.Background(), f.child, civil.MustParse("2026-01-01"), nil)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, h := range household {
			names = append(names, h.Person.Forename)
		}
		if fmt.Sprint(names) != "[Dana Sam]" {
			t.Errorf("household %v, want Dana and Sam", names)
		}

		// A family member's own details: the father's language (AC-15).
		lee := fmt.Sprintf("%s/family/%d", child, family["father"])
		got = worker.ok(200, "GET", lee, nil)
		if got["first_language"] != "Polish" || got["interpreter_needed"] != true {
			t.Errorf("father %v", got)
		}
		worker.invalid("PATCH", lee, map[string]any{"version": 1, "date_of_death": "2027-01-01"}, "past", "date_of_death")
		got = worker.ok(200, "PATCH", lee, map[string]any{"version": 1, "interpreter_needed": false, "first_language": "English"})
		if got["interpreter_needed"] != false || version(got) != 2 || got["href"] != lee {
			t.Errorf("father changed %v", got)
		}
		if status, _ := worker.call("PATCH", lee, map[string]any{"version": 1, "first_language": "Polish"}); status != http.StatusConflict {
			t.Errorf("stale change to the father: %d", status)
		}
		// Max is no longer in the family, and no one else is reached this way.
		if status, _ := worker.call("GET", fmt.Sprintf("%s/family/%d", child, family["sibling"]), nil); status != http.StatusNotFound {
			t.Errorf("an ended relationship's person: %d", status)
		}
		if status, _ := worker.call("PATCH", fmt.Sprintf("%s/family/%d", child, f.child), map[string]any{"version": 3}); status != http.StatusNotFound {
			t.Errorf("the child as their own family member: %d", status)
		}

		// A new address ends the one before; a postcode is checked.
		worker.invalid("POST", child+"/addresses", map[string]any{"line1": "4 New Street", "postcode": "dn1 3bu", "start_date": "2025-12-01", "end_date": "2025-11-01"},
			"", "postcode", "end_date")
		worker.ok(201, "POST", child+"/addresses", map[string]any{"address_type": "home", "line1": "4 New Street", "town": "Doncaster", "postcode": "DN1 3BU", "start_date": "2025-12-01"})
		cr, _ = familyOf(t, db, f.child)
		for _, ad := range cr.Addresses {
			if ad.Line1 == "2 Sample Road" && ad.To != civil.MustParse("2025-11-30") {
				t.Errorf("the old home address ends %v, want the day before the move", ad.To)
			}
		}
		// A disability, from the code list (FD-13).
		worker.invalid("POST", child+"/disabilities", map[string]any{"disability_code": "DEAF"}, "", "disability_code")
		worker.ok(201, "POST", child+"/disabilities", map[string]any{"disability_code": "HEAR"})
		if _, out := worker.call("GET", child+"/disabilities", nil); len(out["records"].([]any)) != 2 {
			t.Errorf("disabilities %v", out)
		}
		worker.ok(201, "POST", child+"/immigration-statuses", map[string]any{"status": "refugee", "start_date": "2025-06-01"})

		// Who may not record on the child's file changes nothing.
		auditor := f.cwClient("auditor")
		for _, path := range []string{child, lee} {
			if status, _ := auditor.call("PATCH", path, map[string]any{"version": 3, "first_language": "French"}); status != http.StatusForbidden {
				t.Errorf("auditor PATCH %s: %d", path, status)
			}
		}
		if status, _ := auditor.call("POST", child+"/family", map[string]any{"relationship_type": "aunt_uncle", "person": map[string]any{"forename": "A", "surname": "B"}}); status != http.StatusForbidden {
			t.Errorf("auditor adds a family member: %d", status)
		}
		if status, _ := f.cwClient("outsider").call("PATCH", child, map[string]any{"version": 3}); status != http.StatusNotFound && status != http.StatusForbidden {
			t.Errorf("outsider: %d", status)
		}
	})
}

// TestChildDetailsForms fills in each form of the child's details and
// family, first wrongly, then rightly, from the child's page (AC-07,
// AC-15, FD-13, XC-06).
func TestChildDetailsForms(t *testing.T) {
	storagetest.Each(t, func(t testing.TB, db *storage.DB) {
		f := newFixture(t, db)
		worker := f.signedIn("worker")
		page := fmt.Sprintf("/children/%d", f.child)
		base := page + "/casework"
		cr, family := familyOf(t, db, f.child)
		s := &formState{cr: cr}

		// The child's page: the details with Change links, the family with
		// theirs.
		child := worker.get(page)
		for _, want := range []string{"Ellie Example’s details", base + "/child-details/" + fmt.Sprint(f.child), "Lee Sample (" + fmt.Sprint(family["father"]) + ")",
			fmt.Sprintf("%s/family-member-details/%d", base, family["father"]), base + "/family-member", "Record a new address", "Add a disability", "Communication"} {
			if !strings.Contains(child.body, html.EscapeString(want)) && !strings.Contains(child.body, want) {
				t.Errorf("the child's page lacks %q", want)
			}
		}

		cases := []formCase{
			{name: "the child's details", slug: "child-details", of: "person",
				bad: func(s *formState) url.Values {
					return s.with("child-details", "person", "forename", "", "nhs_number", "9434765918", "upn", "a12", "date_of_birth", "2027-01-01")
				},
				want: []string{"Enter the child’s first name", `href="#nhs_number"`, "check digit", `href="#upn"`, `href="#date_of_birth-day"`, "in the past", `value="a12"`},
				good: func(s *formState) url.Values {
					return s.with("child-details", "person", "known_as", "Ells", "first_language", "Polish", "interpreter_needed", "yes")
				},
				check: func(t testing.TB, cr *domain.ChildRecord) {
					if p := cr.Person; p.KnownAs != "Ells" || p.Language != "Polish" || !p.InterpreterNeeded || p.NHSNumber != "9434765919" || p.Version != 2 {
						t.Errorf("child %+v", p)
					}
				}},
			{name: "the child's details, concurrently", slug: "child-details", of: "person",
				bad: func(s *formState) url.Values {
					v := s.with("child-details", "person", "known_as", "El")
					v.Set("version", "1")
					return v
				},
				want: []string{`href="#version"`, "changed by worker"}},
			{name: "a new address", slug: "address",
				bad: func(s *formState) url.Values {
					return formAnswers("line1", "4 New Street", "postcode", "dn1 3bu", "start_date", "2025-12-01", "end_date", "2025-11-01")
				},
				want: []string{"UK postcode in capitals", `href="#end_date-day"`, `value="4 New Street"`},
				good: func(s *formState) url.Values {
					return formAnswers("address_type", "home", "line1", "4 New Street", "town", "Doncaster", "postcode", "DN1 3BU", "start_date", "2025-12-01")
				},
				check: func(t testing.TB, cr *domain.ChildRecord) {
					if old := cr.Addresses[1]; old.To != civil.MustParse("2025-11-30") {
						t.Errorf("the old address ends %v", old.To)
					}
				}},
			{name: "a new family member", slug: "family-member",
				bad: func(s *formState) url.Values {
					return formAnswers("relationship_type", "step_parent", "lives_with", "yes", "surname", "Walker", "date_of_birth", "2030-01-01")
				},
				want: []string{"Enter their first name", `href="#forename"`, "in the past", `value="Walker"`, `value="step_parent" selected`},
				good: func(s *formState) url.Values {
					return formAnswers("relationship_type", "step_parent", "lives_with", "yes", "parental_responsibility", "no", "start_date", "2024-01-01",
						"forename", "Sam", "surname", "Walker", "first_language", "Urdu", "interpreter_needed", "yes")
				},
				check: func(t testing.TB, cr *domain.ChildRecord) {
					rel := cr.Relationships[len(cr.Relationships)-1]
					var sam domain.Person
					if err := db.Get(context.Background(), rel.RelatedPersonID, &sam); err != nil || sam.Name() != "Sam Walker" || !sam.InterpreterNeeded || !rel.LivesWith {
						t.Errorf("new family member %+v, %+v: %v", rel, sam, err)
					}
				}},
			{name: "someone already recorded", slug: "family-member",
				bad: func(s *formState) url.Values {
					return formAnswers("related_person_id", fmt.Sprint(f.child), "relationship_type", "sibling")
				},
				want: []string{"themselves"}},
			{name: "both a number and a name", slug: "family-member",
				bad: func(s *formState) url.Values {
					return formAnswers("related_person_id", fmt.Sprint(family["mother"]), "relationship_type", "mother", "forename", "Dana", "surname", "Example")
				},
				want: []string{"not both"}},
			{name: "a relationship changed", slug: "relationship", of: "relationship",
				bad:  func(s *formState) url.Values { return s.with("relationship", "relationship", "relationship_type", "") },
				want: []string{"Select how they are related to the child"},
				good: func(s *formState) url.Values {
					return s.with("relationship", "relationship", "parental_responsibility", "yes")
				},
				check: func(t testing.TB, cr *domain.ChildRecord) {
					if rel := cr.Relationships[len(cr.Relationships)-1]; !rel.ParentalResponsibility {
						t.Errorf("relationship %+v", rel)
					}
				}},
			{name: "a relationship ended", slug: "relationship-end", of: "relationship",
				bad:  func(s *formState) url.Values { return s.with("relationship-end", "relationship", "end_date", "") },
				want: []string{"Enter the date the relationship ended"},
				good: func(s *formState) url.Values {
					return s.with("relationship-end", "relationship", "end_date", "2025-12-20")
				}},
			{name: "a disability", slug: "disability",
				bad:  func(s *formState) url.Values { return url.Values{} },
				want: []string{"Select the type of disability"},
				good: func(s *formState) url.Values { return formAnswers("disability_code", "HEAR") }},
			{name: "a disability ended", slug: "disability-end", of: "disability",
				bad:  func(s *formState) url.Values { return s.with("disability-end", "disability") },
				want: []string{"Enter the date the disability stopped applying", "Hearing"},
				good: func(s *formState) url.Values { return s.with("disability-end", "disability", "end_date", "2025-12-31") },
				check: func(t testing.TB, cr *domain.ChildRecord) {
					if dis := cr.Disabilities[1]; dis.Code != "HEAR" || dis.To != civil.MustParse("2025-12-31") || !cr.Disabilities[0].To.IsZero() {
						t.Errorf("disabilities %+v", cr.Disabilities)
					}
				}},
			{name: "an immigration status", slug: "immigration-status",
				bad:  func(s *formState) url.Values { return formAnswers("status", "refugee") },
				want: []string{"Enter the date the status started"},
				good: func(s *formState) url.Values { return formAnswers("status", "refugee", "start_date", "2025-06-01") },
				check: func(t testing.TB, cr *domain.ChildRecord) {
					if old := cr.ImmigrationStatuses[0]; old.To != civil.MustParse("2025-05-31") {
						t.Errorf("the status before ends %v", old.To)
					}
				}},
		}
		runFormCases(t, map[string]*client{"worker": worker}, base, page+"?saved=", s, func() { s.cr, _ = familyOf(t, db, f.child) }, cases)

		// A parent's language and interpreter need, through the child (AC-15).
		lee := fmt.Sprintf("%s/family-member-details/%d", base, family["father"])
		form := worker.get(lee)
		if form.status != 200 || !strings.Contains(form.body, "Change Lee Sample’s details") || !strings.Contains(form.body, `value="Polish"`) {
			t.Fatalf("father's form: %d\n%s", form.status, form.body)
		}
		// Opening it is in his own access log, through Ellie.
		logged, err := db.AccessLog(context.Background(), storage.AccessQuery{PersonID: family["father"], UserID: f.accounts["worker"].ID})
		if err != nil || len(logged) == 0 || logged[0].What != fmt.Sprintf("details, through child %d", f.child) {
			t.Errorf("father's access log %+v: %v", logged, err)
		}
		var father domain.Person
		if err := db.Get(context.Background(), family["father"], &father); err != nil {
			t.Fatal(err)
		}
		answers := formValues(&father, formNamed("family-member-details").Questions)
		answers.Set("version", "1")
		answers.Set("nhs_number", "123")
		if res := formPost(t, worker, lee, answers); res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, "check digit") {
			t.Errorf("father, wrongly: %d\n%s", res.status, res.body)
		}
		answers.Set("nhs_number", "")
		answers.Set("interpreter_needed", "no")
		if res := formPost(t, worker, lee, answers); res.status != http.StatusSeeOther {
			t.Fatalf("father: %d\n%s", res.status, res.body)
		}
		if err := db.Get(context.Background(), family["father"], &father); err != nil || father.InterpreterNeeded || father.Version != 2 {
			t.Errorf("father %+v: %v", father, err)
		}

		// A baby's birth: recorded, the expected date goes.
		err = db.Write(context.Background(), storagetest.Change, func(tx *storage.Tx) error {
			p := s.cr.Person
			p.DateOfBirth, p.ExpectedBirth = civil.Date{}, civil.MustParse("2026-01-20")
			return tx.Update(&p)
		})
		if err != nil {
			t.Fatal(err)
		}
		if res := worker.get(page); !strings.Contains(res.body, base+"/child-birth/") {
			t.Errorf("an unborn child's page does not offer to record the birth")
		}
		birth := fmt.Sprintf("%s/child-birth/%d", base, f.child)
		if res := formPost(t, worker, birth, formAnswers("version", "3", "date_of_birth", "2026-01-02")); res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, "in the past") {
			t.Errorf("a birth tomorrow: %d\n%s", res.status, res.body)
		}
		if res := formPost(t, worker, birth, formAnswers("version", "3", "date_of_birth", "2025-12-30", "sex", "F", "forename", "Ellie", "surname", "Example")); res.status != http.StatusSeeOther {
			t.Fatalf("birth: %d\n%s", res.status, res.body)
		}
		if cr, _ := familyOf(t, db, f.child); cr.Person.DateOfBirth != civil.MustParse("2025-12-30") || !cr.Person.ExpectedBirth.IsZero() {
			t.Errorf("after the birth: born %v, expected %v", cr.Person.DateOfBirth, cr.Person.ExpectedBirth)
		}

		// Who may see the child but not record on the file gets no form,
		// and no Change links.
		auditor := f.signedIn("auditor")
		for _, path := range []string{base + "/child-details/" + fmt.Sprint(f.child), base + "/family-member", lee} {
			if res := auditor.get(path); res.status != http.StatusForbidden {
				t.Errorf("auditor %s: %d", path, res.status)
			}
		}
		if res := auditor.get(page); res.status != 200 || strings.Contains(res.body, "/casework/child-details/") || !strings.Contains(res.body, "Ellie Example’s details") {
			t.Errorf("auditor's view of the child: %d", res.status)
		}
	})
}
