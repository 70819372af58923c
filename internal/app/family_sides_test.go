package app

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/waymark-care/waymark/internal/audit"
	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/domain"
	"github.com/waymark-care/waymark/internal/storage"
	"github.com/waymark-care/waymark/internal/storage/storagetest"
)

// sidesFixture records the child's family from the other side: Max's
// record names Ellie as his sister (the pair is recorded on hers too), a
// grandmother's record names her as a grandchild living with her, and a
// restricted aunt's record names her as a niece.
func sidesFixture(t testing.TB, f *fixture) (gran, aunt *domain.Person, granRel, auntRel *domain.Relationship) {
	t.Helper()
	_, family := familyOf(t, f.db, f.child)
	d := civil.MustParse
	gran = &domain.Person{Forename: "Rose", Surname: "Example", Sex: "F", DateOfBirth: d("1960-04-02")}
	aunt = &domain.Person{Forename: "Kay", Surname: "Hidden", Sex: "F", Restricted: true}
	err := f.db.Write(context.Background(), storagetest.Change, func(tx *storage.Tx) error {
		for _, p := range []*domain.Person{gran, aunt} {
			if err := tx.Insert(p); err != nil {
				return err
			}
		}
		granRel = &domain.Relationship{PersonID: gran.ID, RelatedPersonID: f.child, Type: "grandchild", LivesWith: true, From: d("2024-06-01")}
		auntRel = &domain.Relationship{PersonID: aunt.ID, RelatedPersonID: f.child, Type: "niece_nephew"}
		for _, rel := range []*domain.Relationship{granRel, auntRel,
			{PersonID: family["sibling"], RelatedPersonID: f.child, Type: "sibling", LivesWith: true, From: d("2013-08-30")}} {
			if err := tx.Insert(rel); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return gran, aunt, granRel, auntRel
}

// TestFamilyFromBothSides: relationships recorded on other people's
// records naming the child are the child's family too, shown once, in the
// child's words, changed and ended from the child's page where access
// allows, and stay on the record they are on (XC-06, AC-07).
func TestFamilyFromBothSides(t *testing.T) {
	storagetest.Each(t, func(t testing.TB, db *storage.DB) {
		f := newFixture(t, db)
		gran, aunt, granRel, auntRel := sidesFixture(t, f)
		_, family := familyOf(t, db, f.child)
		page := fmt.Sprintf("/children/%d", f.child)
		worker := f.signedIn("worker")

		// The page: the grandmother as a grandparent, with links to change
		// and end it; the aunt named but not changed (her record is
		// restricted); Max once, though recorded from both sides.
		res := worker.get(page)
		body := res.body
		for _, want := range []string{fmt.Sprintf("Rose Example (%d)", gran.ID), "Grandparent", fmt.Sprintf("Kay Hidden (%d)", aunt.ID), "Aunt or uncle",
			fmt.Sprintf("%s/casework/relationship/%d", page, granRel.ID), fmt.Sprintf("%s/casework/relationship-end/%d", page, granRel.ID)} {
			if !strings.Contains(body, want) {
				t.Errorf("the child's page lacks %q", want)
			}
		}
		if strings.Contains(body, fmt.Sprintf("/casework/relationship/%d", auntRel.ID)) {
			t.Errorf("the restricted aunt's record of the relationship is offered to be changed")
		}
		if n := strings.Count(body, fmt.Sprintf(`<td class="govuk-table__cell">Max Example (%d)</td>`, family["sibling"])); n != 1 {
			t.Errorf("Max is in the family table %d times, want once", n)
		}

		// The API: the same family, each in the child's words, saying
		// whose record it is on.
		api := f.cwClient("worker")
		_, out := api.call("GET", "/api/v1/children/"+fmt.Sprint(f.child)+"/family", nil)
		byPerson := map[float64]map[string]any{}
		for _, m := range out["family"].([]any) {
			m := m.(map[string]any)
			byPerson[m["related_person_id"].(float64)] = m
		}
		if len(byPerson) != 5 || len(out["family"].([]any)) != 5 {
			t.Fatalf("family of %d: %v", len(out["family"].([]any)), out)
		}
		granHref := fmt.Sprintf("/api/v1/children/%d/relationships/%d", f.child, granRel.ID)
		if g := byPerson[float64(gran.ID)]; g["relationship_type"] != "grandparent" || g["recorded_on"] != float64(gran.ID) || g["href"] != granHref || g["lives_with"] != true {
			t.Errorf("grandmother %v", g)
		}
		if m := byPerson[float64(family["mother"])]; m["relationship_type"] != "mother" || m["recorded_on"] != float64(f.child) || m["href"] == nil {
			t.Errorf("mother %v", m)
		}

		// She is already in the family, though recorded on her record: a
		// second relationship in force with her is refused.
		api.invalid("POST", fmt.Sprintf("/api/v1/children/%d/relationships", f.child), map[string]any{"related_person_id": gran.ID, "relationship_type": "grandparent"},
			"already in the family", "related_person_id")

		// Changing the grandmother's relationship from Ellie's page: the
		// form asks it as Ellie sees it, keeps wrong answers, and saves it
		// on the grandmother's record, turned back.
		edit := fmt.Sprintf("%s/casework/relationship/%d", page, granRel.ID)
		form := worker.get(edit)
		if form.status != 200 || !strings.Contains(form.body, `value="grandparent" selected`) {
			t.Fatalf("the grandmother's relationship form: %d\n%s", form.status, form.body)
		}
		answers := formAnswers("version", "1", "relationship_type", "grandparent", "lives_with", "no", "start_date", "2024-06-01", "end_date", "2024-01-01")
		if res := formPost(t, worker, edit, answers); res.status != http.StatusUnprocessableEntity ||
			!strings.Contains(res.body, "The end date must be the same as or after the start date") || !strings.Contains(res.body, `value="2024"`) {
			t.Errorf("ended before it began: %d\n%s", res.status, res.body)
		}
		answers = formAnswers("version", "1", "relationship_type", "grandparent", "lives_with", "no", "start_date", "2024-06-01")
		if res := formPost(t, worker, edit, answers); res.status != http.StatusSeeOther {
			t.Fatalf("the grandmother's relationship: %d\n%s", res.status, res.body)
		}
		var stored domain.Relationship
		if err := db.Get(context.Background(), granRel.ID, &stored); err != nil || stored.PersonID != gran.ID || stored.RelatedPersonID != f.child ||
			stored.Type != "grandchild" || stored.LivesWith || stored.Version != 2 {
			t.Errorf("stored %+v: %v", stored, err)
		}
		household, err := db.Household(context.Background(), f.child, civil.MustParse("2025-12-01"), nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range household {
			if h.Person.ID == gran.ID {
				t.Errorf("the grandmother still counts in the household")
			}
		}
		// Ending it.
		end := fmt.Sprintf("%s/casework/relationship-end/%d", page, granRel.ID)
		if res := formPost(t, worker, end, formAnswers("version", "2")); res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, "Enter the date the relationship ended") {
			t.Errorf("ended without a date: %d", res.status)
		}
		if res := formPost(t, worker, end, formAnswers("version", "2", "end_date", "2025-11-30")); res.status != http.StatusSeeOther {
			t.Fatalf("ending the grandmother's relationship: %d\n%s", res.status, res.body)
		}
		if err := db.Get(context.Background(), granRel.ID, &stored); err != nil || stored.To != civil.MustParse("2025-11-30") || stored.PersonID != gran.ID {
			t.Errorf("ended %+v: %v", stored, err)
		}

		// Through the API, as the child sees it, saved on her record.
		if got := api.ok(200, "GET", granHref, nil); got["relationship_type"] != "grandparent" || got["person_id"] != float64(f.child) || got["related_person_id"] != float64(gran.ID) {
			t.Errorf("the grandmother's relationship through the API: %v", got)
		}
		api.invalid("PATCH", granHref, map[string]any{"version": 3, "end_date": "2020-01-01"}, "The end date must be the same as or after the start date", "end_date")
		got := api.ok(200, "PATCH", granHref, map[string]any{"version": 3, "parental_responsibility": true, "related_person_id": family["father"]})
		if got["relationship_type"] != "grandparent" || got["related_person_id"] != float64(gran.ID) || version(got) != 4 {
			t.Errorf("changed through the API: %v", got)
		}
		if err := db.Get(context.Background(), granRel.ID, &stored); err != nil || stored.PersonID != gran.ID || stored.RelatedPersonID != f.child ||
			stored.Type != "grandchild" || !stored.ParentalResponsibility || stored.Version != 4 {
			t.Errorf("stored after the API %+v: %v", stored, err)
		}

		// Refused: the restricted aunt's record is not changed through the
		// child, and who may not record on the child's file changes nothing.
		auntHref := fmt.Sprintf("/api/v1/children/%d/relationships/%d", f.child, auntRel.ID)
		for _, method := range []string{"GET", "PATCH"} {
			if status, _ := api.call(method, auntHref, map[string]any{"version": 1, "lives_with": true}); status != http.StatusForbidden {
				t.Errorf("%s the aunt's relationship: %d", method, status)
			}
		}
		if status, _ := f.cwClient("auditor").call("PATCH", granHref, map[string]any{"version": 4, "lives_with": true}); status != http.StatusForbidden {
			t.Errorf("auditor PATCH: %d", status)
		}
		if res := worker.get(fmt.Sprintf("%s/casework/relationship/%d", page, auntRel.ID)); res.status != http.StatusForbidden {
			t.Errorf("the aunt's relationship form: %d", res.status)
		}
		if res := f.signedIn("auditor").get(edit); res.status != http.StatusForbidden {
			t.Errorf("auditor: %d", res.status)
		}
		// A relationship that names someone else is not reached this way.
		if res := worker.get(fmt.Sprintf("%s/casework/relationship/%d", page, 999999)); res.status != http.StatusNotFound {
			t.Errorf("no such relationship: %d", res.status)
		}
	})
}

// TestFamilyMemberPage: a family member's page, reached from the child's,
// with their details, their family as they see it, and their addresses
// and disabilities recorded on their own record by forms that keep wrong
// answers; every look is in the child's and the member's access logs, and
// who may not change them through the child is refused (AC-07, AC-15,
// FD-13, XC-06).
func TestFamilyMemberPage(t *testing.T) {
	storagetest.Each(t, func(t testing.TB, db *storage.DB) {
		f := newFixture(t, db)
		_, aunt, _, _ := sidesFixture(t, f)
		_, family := familyOf(t, db, f.child)
		mum := family["mother"]
		child := fmt.Sprintf("/children/%d", f.child)
		page := fmt.Sprintf("%s/family/%d", child, mum)
		worker := f.signedIn("worker")
		ctx := context.Background()

		if res := worker.get(child); !strings.Contains(res.body, `href="`+page+`"`) {
			t.Errorf("the child's page does not link to the mother's")
		}
		res := worker.get(page)
		for _, want := range []string{"Dana Example", "In Ellie Example’s family", "Waymark number", fmt.Sprintf("Ellie Example (%d)", f.child), "Son or daughter",
			fmt.Sprintf("Max Example (%d)", family["sibling"]), "No address is recorded", child + "/casework/member-address/" + fmt.Sprint(mum),
			child + "/casework/family-member-details/" + fmt.Sprint(mum)} {
			if res.status != 200 || !strings.Contains(res.body, want) {
				t.Errorf("the mother's page (%d) lacks %q", res.status, want)
			}
		}
		// In the child's access log, and in the mother's own.
		for _, q := range []storage.AccessQuery{{PersonID: f.child, UserID: f.accounts["worker"].ID}, {PersonID: mum, UserID: f.accounts["worker"].ID}} {
			logged, err := db.AccessLog(ctx, q)
			if err != nil || !slices.ContainsFunc(logged, func(e audit.Access) bool {
				return e.What == fmt.Sprintf("family member %d", mum) || e.What == fmt.Sprintf("details, through child %d", f.child)
			}) {
				t.Errorf("access log of %d: %+v %v", q.PersonID, logged, err)
			}
		}

		// Her addresses: wrongly, then rightly; a move ends the one before.
		address := fmt.Sprintf("%s/casework/member-address/%d", child, mum)
		if form := worker.get(address); form.status != 200 || !strings.Contains(form.body, "Record a new address for Dana Example") {
			t.Fatalf("address form: %d", form.status)
		}
		bad := formPost(t, worker, address, formAnswers("line1", "1 Old Lane", "postcode", "dn4 1aa", "start_date", "2020-01-01", "end_date", "2019-01-01"))
		for _, want := range []string{"There is a problem", "UK postcode in capitals", "The end date must be the same as or after the start date", `value="1 Old Lane"`} {
			if bad.status != http.StatusUnprocessableEntity || !strings.Contains(bad.body, want) {
				t.Errorf("a wrong address (%d) lacks %q", bad.status, want)
			}
		}
		if res := formPost(t, worker, address, formAnswers("address_type", "home", "line1", "1 Old Lane", "postcode", "DN4 1AA", "start_date", "2020-01-01")); res.status != http.StatusSeeOther ||
			!strings.HasPrefix(res.header.Get("Location"), page+"?saved=") {
			t.Fatalf("address: %d %s", res.status, res.header.Get("Location"))
		}
		if res := formPost(t, worker, address, formAnswers("address_type", "home", "line1", "9 New Road", "postcode", "DN5 2BB", "start_date", "2025-06-01")); res.status != http.StatusSeeOther {
			t.Fatalf("a move: %d", res.status)
		}
		// Her disability.
		disability := fmt.Sprintf("%s/casework/member-disability/%d", child, mum)
		if res := formPost(t, worker, disability, formAnswers()); res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, "Select the type of disability") {
			t.Errorf("no disability: %d", res.status)
		}
		if res := formPost(t, worker, disability, formAnswers("disability_code", "HEAR")); res.status != http.StatusSeeOther {
			t.Fatalf("disability: %d", res.status)
		}
		own, err := db.ChildRecord(ctx, mum)
		if err != nil {
			t.Fatal(err)
		}
		if len(own.Addresses) != 2 || own.Addresses[0].To != civil.MustParse("2025-05-31") || len(own.Disabilities) != 1 || own.Disabilities[0].Code != "HEAR" {
			t.Errorf("the mother's record: %+v %+v", own.Addresses, own.Disabilities)
		}
		if cr, _ := familyOf(t, db, f.child); len(cr.Disabilities) != 1 {
			t.Errorf("the mother's disability is recorded on the child: %+v", cr.Disabilities)
		}
		if res := worker.get(page); !strings.Contains(res.body, "9 New Road, DN5 2BB") || !strings.Contains(res.body, "Hearing") {
			t.Errorf("the mother's page does not show her address and disability")
		}
		// Changing her address, and ending her disability, from her page.
		change := fmt.Sprintf("%s/casework/member-address-change/%d", child, own.Addresses[1].ID)
		end := fmt.Sprintf("%s/casework/member-disability-end/%d", child, own.Disabilities[0].ID)
		if res := worker.get(page); !strings.Contains(res.body, change) || !strings.Contains(res.body, end) {
			t.Errorf("the mother's page does not offer to change her address and end her disability")
		}
		if form := worker.get(change); form.status != 200 || !strings.Contains(form.body, "Change the address for Dana Example") || !strings.Contains(form.body, `value="9 New Road"`) {
			t.Errorf("address change form: %d", form.status)
		}
		if res := formPost(t, worker, change, formAnswers("version", "1", "address_type", "home", "line1", "9A New Road", "postcode", "DN5 2BB", "start_date", "2025-06-01", "end_date", "2025-01-01")); res.status != http.StatusUnprocessableEntity ||
			!strings.Contains(res.body, "The end date must be the same as or after the start date") || !strings.Contains(res.body, `value="9A New Road"`) {
			t.Errorf("an address ending before it began: %d", res.status)
		}
		if res := formPost(t, worker, change, formAnswers("version", "1", "address_type", "home", "line1", "9A New Road", "postcode", "DN5 2BB", "start_date", "2025-06-01")); res.status != http.StatusSeeOther {
			t.Fatalf("address change: %d\n%s", res.status, res.body)
		}
		if res := formPost(t, worker, end, formAnswers("version", "1")); res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, "Enter the date the disability stopped applying") {
			t.Errorf("a disability ended with no date: %d", res.status)
		}
		if res := formPost(t, worker, end, formAnswers("version", "1", "end_date", "2025-11-30")); res.status != http.StatusSeeOther {
			t.Fatalf("disability end: %d", res.status)
		}
		if own, err = db.ChildRecord(ctx, mum); err != nil || own.Addresses[1].Line1 != "9A New Road" || own.Addresses[1].Version != 2 || own.Disabilities[0].To != civil.MustParse("2025-11-30") {
			t.Errorf("after the changes: %+v %+v %v", own.Addresses, own.Disabilities, err)
		}
		// The child's own address is not changed as a family member's.
		cr, _ := familyOf(t, db, f.child)
		if res := worker.get(fmt.Sprintf("%s/casework/member-address-change/%d", child, cr.Addresses[0].ID)); res.status != http.StatusNotFound {
			t.Errorf("the child's address as a family member's: %d", res.status)
		}
		if res := f.signedIn("auditor").get(change); res.status != http.StatusForbidden {
			t.Errorf("auditor's address change: %d", res.status)
		}

		// The API gives them with her details.
		got := f.cwClient("worker").ok(200, "GET", fmt.Sprintf("/api/v1/children/%d/family/%d", f.child, mum), nil)
		if ads, dis := got["addresses"].([]any), got["disabilities"].([]any); len(ads) != 2 || len(dis) != 1 || dis[0].(map[string]any)["disability_code"] != "HEAR" {
			t.Errorf("the mother through the API: %v", got)
		}

		// Refused: an auditor may not change the family's details; the
		// restricted aunt's page is not opened through the child; someone
		// not in the family is not reached.
		if res := f.signedIn("auditor").get(page); res.status != http.StatusForbidden {
			t.Errorf("auditor: %d", res.status)
		}
		if res := f.signedIn("auditor").get(address); res.status != http.StatusForbidden {
			t.Errorf("auditor's address form: %d", res.status)
		}
		if res := worker.get(fmt.Sprintf("%s/family/%d", child, aunt.ID)); res.status != http.StatusForbidden {
			t.Errorf("the restricted aunt's page: %d", res.status)
		}
		if res := worker.get(fmt.Sprintf("%s/family/%d", child, 999999)); res.status != http.StatusNotFound {
			t.Errorf("someone not in the family: %d", res.status)
		}
	})
}

// TestRelativesFromBothSides: the choices of one of the child's relatives
// (a conference's parent, AC-15; a MARAC case's victim and brothers and
// sisters, FD-11) offer the family from both sides, once each, in the
// child's words; a parent recorded only on their own record, naming the
// child, is accepted as one of the child's parents or carers, and their
// language is taken from their record (XC-06).
func TestRelativesFromBothSides(t *testing.T) {
	storagetest.Each(t, func(t testing.TB, db *storage.DB) {
		f := newFixture(t, db)
		gran, _, _, _ := sidesFixture(t, f)
		cr, _ := familyOf(t, db, f.child)
		d := civil.MustParse
		step := &domain.Person{Forename: "Lee", Surname: "Step", Sex: "M", DateOfBirth: d("1985-02-01"), Language: "Urdu", InterpreterNeeded: true}
		sister := &domain.Person{Forename: "Amy", Surname: "Half", Sex: "F", DateOfBirth: d("2016-05-05")}
		err := db.Write(context.Background(), storagetest.Change, func(tx *storage.Tx) error {
			for _, p := range []*domain.Person{step, sister} {
				if err := tx.Insert(p); err != nil {
					return err
				}
			}
			for _, rel := range []*domain.Relationship{{PersonID: step.ID, RelatedPersonID: f.child, Type: "stepchild", LivesWith: true},
				{PersonID: sister.ID, RelatedPersonID: f.child, Type: "half_sibling"}} {
				if err := tx.Insert(rel); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		worker := f.signedIn("worker")
		child := fmt.Sprintf("/children/%d", f.child)

		// The conference parent's form offers them, and Max (recorded from
		// both sides) once.
		form := child + "/casework/conference-parent"
		res := worker.get(form)
		for _, want := range []string{"Dana Example (mother)", "Lee Step (step-parent)", "Rose Example (grandparent)", "Amy Half (half-brother or half-sister)"} {
			if res.status != http.StatusOK || !strings.Contains(res.body, want) {
				t.Errorf("the conference parent's form (%d) does not offer %q", res.status, want)
			}
		}
		if n := strings.Count(res.body, ">Max Example (brother or sister)<"); n != 1 {
			t.Errorf("Max is offered %d times, want once", n)
		}
		res = formPost(t, worker, form, formAnswers("conference_id", fmt.Sprint(cr.Conferences[0].ID), "parent_id", fmt.Sprint(step.ID), "preferred_language", "Urdu",
			"interpreter_needed", "yes", "report_shared_date", "2019-01-20"))
		if res.status != http.StatusSeeOther {
			t.Errorf("the stepfather at the initial conference: %d\n%s", res.status, res.body)
		}
		// The API: his language and interpreter need from his own record.
		api := f.cwClient("worker")
		path := "/api/v1" + child + "/conference-parents"
		got := api.ok(http.StatusCreated, "POST", path, map[string]any{"conference_id": cr.Conferences[1].ID, "parent_id": step.ID, "report_shared_date": "2019-04-10"})
		if got["preferred_language"] != "Urdu" || got["interpreter_needed"] != true {
			t.Errorf("the stepfather at the review: %v", got)
		}
		api.invalid("POST", path, map[string]any{"conference_id": cr.Conferences[1].ID, "parent_id": f.child, "preferred_language": "English"}, "parents or carers", "parent_id")

		// A MARAC case: the adults (the stepfather and the grandmother,
		// recorded on their records) may be the victim; the half-sister
		// under 18 is offered to link; each once.
		page := child + "/marac/new"
		res = worker.get(page)
		for _, want := range []string{"Lee Step (step-parent)", "Rose Example (grandparent)", "Amy Half (half-brother or half-sister)", "Max Example (brother or sister)"} {
			if res.status != http.StatusOK || strings.Count(res.body, want) != 1 {
				t.Errorf("the MARAC form (%d) offers %q %d times, want once", res.status, want, strings.Count(res.body, want))
			}
		}
		res = formPost(t, worker, page, formAnswers("victim_id", fmt.Sprint(gran.ID), "referral_date", "2025-11-03"))
		if res.status != http.StatusSeeOther {
			t.Fatalf("a case for the grandmother: %d\n%s", res.status, res.body)
		}
		cases, _, _, err := db.MARAC(context.Background())
		if err != nil || !slices.ContainsFunc(cases, func(c domain.MARACCase) bool { return c.VictimID == gran.ID }) {
			t.Errorf("no case for the grandmother: %v", err)
		}
	})
}

// TestFamilyMemberRecordsAPI: a family member's own addresses and
// disabilities recorded and changed through the API, as the forms on
// their page do: wrongly then rightly, a move ending the address before,
// a change made against an old version refused, a disability ended; for
// whoever may change their details through the child
// (access.DecideFamilyMember), and nobody else (AC-07, AC-15, XC-06).
func TestFamilyMemberRecordsAPI(t *testing.T) {
	storagetest.Each(t, func(t testing.TB, db *storage.DB) {
		f := newFixture(t, db)
		_, aunt, _, _ := sidesFixture(t, f)
		cr, family := familyOf(t, db, f.child)
		mum := family["mother"]
		api := f.cwClient("worker")
		member := fmt.Sprintf("/api/v1/children/%d/family/%d", f.child, mum)

		// Her address, wrongly then rightly; a move ends the one before.
		api.invalid("POST", member+"/addresses", map[string]any{"address_type": "home", "line1": "1 Old Lane", "postcode": "dn4 1aa", "start_date": "2020-01-01", "end_date": "2019-01-01"},
			"The end date must be the same as or after the start date", "postcode", "end_date")
		api.invalid("POST", member+"/addresses", map[string]any{"address_type": "home", "line1": "1 Old Lane", "start_date": "1 Jan 2020"}, "", "start_date")
		first := api.ok(http.StatusCreated, "POST", member+"/addresses", map[string]any{"address_type": "home", "line1": "1 Old Lane", "postcode": "DN4 1AA", "start_date": "2020-01-01"})
		if first["person_id"] != float64(mum) || first["href"] != fmt.Sprintf("%s/addresses/%d", member, id(first)) {
			t.Errorf("her first address: %v", first)
		}
		moved := api.ok(http.StatusCreated, "POST", member+"/addresses", map[string]any{"address_type": "home", "line1": "9 New Road", "postcode": "DN5 2BB", "start_date": "2025-06-01",
			"person_id": f.child})
		if got := api.ok(http.StatusOK, "GET", first["href"].(string), nil); got["end_date"] != "2025-05-31" || version(got) != 2 {
			t.Errorf("the address before the move: %v", got)
		}
		// Changed at the version read; an old version is refused.
		api.invalid("PATCH", moved["href"].(string), map[string]any{"line1": "9A New Road"}, "", "version")
		got := api.ok(http.StatusOK, "PATCH", moved["href"].(string), map[string]any{"version": 1, "line1": "9A New Road"})
		if got["line1"] != "9A New Road" || got["postcode"] != "DN5 2BB" || version(got) != 2 {
			t.Errorf("changed address: %v", got)
		}
		if status, _ := api.call("PATCH", moved["href"].(string), map[string]any{"version": 1, "line1": "9B New Road"}); status != http.StatusConflict {
			t.Errorf("a change against an old version: %d", status)
		}
		api.invalid("PUT", moved["href"].(string), map[string]any{"version": 2, "line1": "9A New Road"}, "", "start_date")

		// Her disability, added and ended.
		api.invalid("POST", member+"/disabilities", map[string]any{}, "", "disability_code")
		dis := api.ok(http.StatusCreated, "POST", member+"/disabilities", map[string]any{"disability_code": "HEAR"})
		api.ok(http.StatusOK, "PATCH", dis["href"].(string), map[string]any{"version": 1, "end_date": "2025-11-30"})

		own, err := db.ChildRecord(context.Background(), mum)
		if err != nil {
			t.Fatal(err)
		}
		if len(own.Addresses) != 2 || own.Addresses[1].Line1 != "9A New Road" || len(own.Disabilities) != 1 || own.Disabilities[0].To != civil.MustParse("2025-11-30") {
			t.Errorf("her record: %+v %+v", own.Addresses, own.Disabilities)
		}
		if after, _ := familyOf(t, db, f.child); len(after.Addresses) != len(cr.Addresses) || len(after.Disabilities) != len(cr.Disabilities) {
			t.Errorf("the child's record changed: %+v %+v", after.Addresses, after.Disabilities)
		}
		// GET of the member lists them with their addresses.
		if m := api.ok(http.StatusOK, "GET", member, nil); m["addresses"].([]any)[1].(map[string]any)["href"] != moved["href"] {
			t.Errorf("the member's addresses: %v", m["addresses"])
		}

		// Refused: the child's own address reached as hers, someone else's
		// address, an auditor, the restricted aunt, someone not in the family.
		for path, want := range map[string]int{
			fmt.Sprintf("%s/addresses/%d", member, cr.Addresses[0].ID):                                      http.StatusNotFound,
			fmt.Sprintf("/api/v1/children/%d/family/%d/addresses/%d", f.child, family["father"], id(first)): http.StatusNotFound,
			fmt.Sprintf("%s/addresses/x", member):                                                           http.StatusNotFound,
		} {
			if status, _ := api.call("GET", path, nil); status != want {
				t.Errorf("GET %s: %d, want %d", path, status, want)
			}
		}
		if status, _ := f.cwClient("auditor").call("POST", member+"/disabilities", map[string]any{"disability_code": "HEAR"}); status != http.StatusForbidden {
			t.Errorf("auditor: %d", status)
		}
		if status, _ := f.cwClient("auditor").call("PATCH", moved["href"].(string), map[string]any{"version": 2, "line1": "x"}); status != http.StatusForbidden {
			t.Errorf("auditor's change: %d", status)
		}
		if status, _ := api.call("POST", fmt.Sprintf("/api/v1/children/%d/family/%d/addresses", f.child, aunt.ID), map[string]any{"line1": "x", "start_date": "2020-01-01"}); status != http.StatusForbidden {
			t.Errorf("the restricted aunt: %d", status)
		}
		if status, _ := api.call("POST", fmt.Sprintf("/api/v1/children/%d/family/999999/disabilities", f.child), map[string]any{"disability_code": "HEAR"}); status != http.StatusNotFound {
			t.Errorf("someone not in the family: %d", status)
		}
	})
}
