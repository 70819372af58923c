package app

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/waymark-care/waymark/internal/access"
	"github.com/waymark-care/waymark/internal/audit"
	"github.com/waymark-care/waymark/internal/casework"
	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/codes"
	"github.com/waymark-care/waymark/internal/domain"
	"github.com/waymark-care/waymark/internal/storage"
	"github.com/waymark-care/waymark/internal/web"
)

// This file serves the child's details and family (docs/casework.md): the
// child's own details, and the people in their family, changed through
// the child. A parent's language and interpreter need (AC-15), the child's
// disabilities (FD-13) and who lives with the child (AC-07, XC-06) are read
// from these records. The forms are casework forms (casework_forms.go);
// the child's addresses, relationships, disabilities and immigration
// statuses are casework API resources (casework_api.go).

func init() { feature((*App).mountFamily) }

func (a *App) mountFamily() error {
	a.Private("PUT /api/v1/children/{id}", a.updateChildAPI(false))
	a.Private("PATCH /api/v1/children/{id}", a.updateChildAPI(true))
	a.Private("GET /children/{id}/family/{rid}", a.familyMemberPage)
	a.Private("GET /api/v1/children/{id}/family", a.familyAPI)
	a.Private("POST /api/v1/children/{id}/family", a.addFamilyMemberAPI)
	a.Private("GET /api/v1/children/{id}/family/{rid}", a.familyMemberAPI)
	a.Private("PUT /api/v1/children/{id}/family/{rid}", a.updateFamilyMemberAPI(false))
	a.Private("PATCH /api/v1/children/{id}/family/{rid}", a.updateFamilyMemberAPI(true))
	for _, res := range memberResources {
		base := "/api/v1/children/{id}/family/{rid}/" + res.Path
		a.Private("POST "+base, a.addMemberRecordAPI(res.Kind))
		a.Private("GET "+base+"/{sid}", a.memberRecordAPI(res.Kind))
		a.Private("PUT "+base+"/{sid}", a.updateMemberRecordAPI(res.Kind, false))
		a.Private("PATCH "+base+"/{sid}", a.updateMemberRecordAPI(res.Kind, true))
	}
	return nil
}

// memberResources are a family member's own records that the API records
// and changes through the child, as the forms on their page do: their
// addresses and disabilities (AC-07, AC-15).
var memberResources = slices.DeleteFunc(slices.Clone(caseworkResources), func(res caseworkResource) bool {
	return res.Kind.Name != "address" && res.Kind.Name != "disability"
})

// family is the child's family from both sides (domain.Family): each
// relationship as the child sees it, and the people they name.
type family struct {
	ties   []domain.Tie
	people map[int64]*domain.Person
}

// familyOf reads the child's family: the relationships on the child's
// record, those on other people's records naming the child, and everyone
// they name. A user who may not see the child's relationships (a partner
// shown only part of the record) sees neither side.
func (a *App) familyOf(r *http.Request, c *childRequest, cr *domain.ChildRecord) (*family, error) {
	var naming []domain.Relationship
	if c.decision.Sees("relationship") {
		var err error
		if naming, err = a.DB.RelationshipsNaming(r.Context(), cr.Person.ID); err != nil {
			return nil, err
		}
	}
	var ids []int64
	for _, rel := range cr.Relationships {
		ids = append(ids, rel.RelatedPersonID)
	}
	for _, rel := range naming {
		ids = append(ids, rel.PersonID)
	}
	recs, err := a.DB.GetMany(r.Context(), "person", ids)
	if err != nil {
		return nil, err
	}
	f := &family{people: map[int64]*domain.Person{}}
	for _, rec := range recs {
		f.people[rec.Base().ID] = rec.(*domain.Person)
	}
	f.ties = domain.Family(cr.Relationships, naming, func(id int64) string {
		if p := f.people[id]; p != nil {
			return p.Sex
		}
		return ""
	})
	return f, nil
}

// has reports whether the person is in the child's family today: a
// relationship recorded from either side, in force.
func (f *family) has(personID int64, today civil.Date) bool {
	return slices.ContainsFunc(f.ties, func(t domain.Tie) bool { return t.RelatedPersonID == personID && inForce(t, today) })
}

func inForce(t domain.Tie, today civil.Date) bool { return t.To.IsZero() || !t.To.Before(today) }

// members is everyone in the child's family, from either side, once each,
// by the relationship as the child sees it: the one in force today, else
// the last to end. It is what a choice of one of the child's relatives
// offers (a conference's parent, a MARAC case's victim).
func (f *family) members(today civil.Date) []domain.Tie {
	var out []domain.Tie
	for _, t := range f.ties {
		if f.people[t.RelatedPersonID] == nil {
			continue
		}
		i := slices.IndexFunc(out, func(o domain.Tie) bool { return o.RelatedPersonID == t.RelatedPersonID })
		switch {
		case i < 0:
			out = append(out, t)
		case !inForce(out[i], today) && (inForce(t, today) || t.To.After(out[i].To)):
			out[i] = t
		}
	}
	return out
}

// named is a relative as a choice names them: "Dana Example (mother)".
func (f *family) named(t domain.Tie) string {
	return f.people[t.RelatedPersonID].Name() + " (" + strings.ToLower(describe(codes.RelationshipType, t.Type)) + ")"
}

// tie finds the relationship named in the path among the child's family:
// recorded on the child's record, or on the other person's (then seen
// from the child's side).
func (f *family) tie(id int64) *domain.Tie {
	if i := slices.IndexFunc(f.ties, func(t domain.Tie) bool { return t.ID == id }); i >= 0 {
		return &f.ties[i]
	}
	return nil
}

// mayChange decides whether the user may change, through the child, the
// record of someone a relationship relates to the child
// (access.DecideFamilyMember): a relationship recorded on their record,
// current or ended; their details and page only while they are in the
// family today (family.has), which the caller checks.
func (a *App) mayChange(r *http.Request, c *childRequest, personID int64) (access.Decision, error) {
	facts, err := a.DB.AccessFacts(r.Context(), personID, c.user.ID, a.now())
	if err != nil {
		return access.Decision{}, err
	}
	return access.DecideFamilyMember(c.user, c.facts, facts, true), nil
}

// findRelationship finds the child's relationship named in the path, for
// a form or the API to read or change: one on the child's record (seen and
// stored are the same), or one recorded on the other person's record and
// naming the child, for a user who may change that person's details
// through the child (access.DecideFamilyMember). Such a one is read and
// changed as the child sees it (seen), and saved where it is recorded
// (stored; checkAndSave turns it back). It answers 404 or 403 and returns
// nils when there is none the user may have.
func (a *App) findRelationship(w http.ResponseWriter, r *http.Request, c *childRequest, cr *domain.ChildRecord) (seen, stored domain.Record) {
	id, _ := recordID(r)
	for i := range cr.Relationships {
		if cr.Relationships[i].ID == id {
			return &cr.Relationships[i], &cr.Relationships[i]
		}
	}
	s, st := a.otherSide(w, r, c, cr, id)
	if s == nil {
		return nil, nil
	}
	return s, st
}

// otherSide finds a relationship recorded on the other person's record and
// naming the child (findRelationship).
func (a *App) otherSide(w http.ResponseWriter, r *http.Request, c *childRequest, cr *domain.ChildRecord, id int64) (seen, stored *domain.Relationship) {
	f, err := a.familyOf(r, c, cr)
	if err != nil {
		a.serverError(w, r, err)
		return nil, nil
	}
	t := f.tie(id)
	if t == nil || t.RecordedOn == c.personID {
		a.Web.Error(w, r, http.StatusNotFound)
		return nil, nil
	}
	d, err := a.mayChange(r, c, t.RelatedPersonID)
	if err != nil {
		a.serverError(w, r, err)
		return nil, nil
	}
	if !d.Allowed {
		a.Web.Error(w, r, http.StatusForbidden)
		return nil, nil
	}
	stored = &domain.Relationship{}
	if err := a.DB.Get(r.Context(), id, stored); err != nil {
		a.saveFailed(w, r, err)
		return nil, nil
	}
	return &t.Relationship, stored
}

// familyMember reads the member of the child's family named in the path,
// if the user may change their details through the child
// (access.DecideFamilyMember); otherwise it answers 404 (not in the
// family) or 403, and returns nil.
func (a *App) familyMember(w http.ResponseWriter, r *http.Request, c *childRequest, cr *domain.ChildRecord) *domain.Person {
	id, ok := recordID(r)
	return a.familyMemberWithID(w, r, c, cr, id, ok)
}

// familyMemberWithID is familyMember for the person with the id given.
func (a *App) familyMemberWithID(w http.ResponseWriter, r *http.Request, c *childRequest, cr *domain.ChildRecord, id int64, ok bool) *domain.Person {
	f, err := a.familyOf(r, c, cr)
	if err != nil {
		a.serverError(w, r, err)
		return nil
	}
	if !ok || !f.has(id, a.today()) {
		a.Web.Error(w, r, http.StatusNotFound)
		return nil
	}
	d, err := a.mayChange(r, c, id)
	if err != nil {
		a.saveFailed(w, r, err)
		return nil
	}
	if !d.Allowed {
		a.Web.Error(w, r, http.StatusForbidden)
		return nil
	}
	var p domain.Person
	if err := a.DB.Get(r.Context(), id, &p); err != nil {
		a.saveFailed(w, r, err)
		return nil
	}
	// Their own record's access log says it was opened, and through whom.
	if err := a.logView(r, &childRequest{user: c.user, personID: id, decision: d}, audit.Viewed, fmt.Sprintf("details, through child %d", c.personID)); err != nil {
		a.serverError(w, r, err)
		return nil
	}
	return &p
}

// mayLink checks that a relationship names someone the user may bring
// into the child's family: someone recorded whose own record they could
// change through the child. Whether a restricted record exists is not
// given away.
func (a *App) mayLink(r *http.Request, c *childRequest, rel, before *domain.Relationship) ([]domain.FieldError, error) {
	if before != nil && before.RelatedPersonID == rel.RelatedPersonID || rel.RelatedPersonID == 0 {
		return nil, nil
	}
	facts, err := a.DB.AccessFacts(r.Context(), rel.RelatedPersonID, c.user.ID, a.now())
	if err != nil && !errors.Is(err, storage.ErrNotFound) {
		return nil, err
	}
	if err != nil || !access.DecideFamilyMember(c.user, c.facts, facts, true).Allowed {
		return []domain.FieldError{{Field: "related_person_id", Message: fmt.Sprintf("No one you may add to the family has the Waymark number %d", rel.RelatedPersonID)}}, nil
	}
	return nil, nil
}

// addFamilyMember records a relationship to someone already recorded
// (related_person_id), or to someone new, from the fields of person: both
// in one change.
func (a *App) addFamilyMember(r *http.Request, c *childRequest, rel *domain.Relationship, person map[string]json.RawMessage, errs web.FieldErrors) (domain.Record, web.FieldErrors, error) {
	named := slices.ContainsFunc([]string{"forename", "surname"}, func(n string) bool { return len(person[n]) > 0 && string(person[n]) != `""` })
	if rel.RelatedPersonID != 0 {
		if named {
			return nil, web.FieldErrors{{Field: "related_person_id", Message: "Give their Waymark number or the name of someone not yet recorded, not both"}}, nil
		}
		return a.checkAndSave(r, c, rel, nil)
	}
	p := &domain.Person{}
	for _, e := range decodeRecord(person, p, false) {
		if errs.Get(e.Field) == "" {
			errs.Add(e.Field, e.Message)
		}
	}
	if len(errs) > 0 {
		return nil, errs, nil
	}
	*p.Base() = domain.Entity{}
	return a.checkAndSaveWith(r, c, rel, nil, p)
}

// updateRecord answers PUT or PATCH of one record the request may change:
// before is the record as stored, seen it as the child sees it (the same
// but for a relationship recorded on the other person's record,
// findRelationship).
func (a *App) updateRecord(w http.ResponseWriter, r *http.Request, c *childRequest, seen, before domain.Record, patch bool) {
	if rec := changedRecord(w, r, seen, before, patch); rec != nil {
		a.saveCasework(w, r, c, rec, before)
	}
}

// changedRecord is the record a PUT or PATCH makes of before (seen as in
// updateRecord), at the version sent; or nil, when the request has been
// answered because its body cannot be read.
func changedRecord(w http.ResponseWriter, r *http.Request, seen, before domain.Record, patch bool) domain.Record {
	body, ok := readBody(w, r)
	if !ok {
		return nil
	}
	rec := domain.KindOf(before).New()
	if patch {
		reflect.ValueOf(rec).Elem().Set(reflect.ValueOf(seen).Elem())
	} else if p, ok := before.(*domain.Person); ok {
		// Who may see a record, and the authority's number for the child,
		// are not changed here: a replacement keeps them.
		rec.(*domain.Person).Restricted, rec.(*domain.Person).LAChildID = p.Restricted, p.LAChildID
	}
	if errs := decodeRecord(body, rec, true); len(errs) > 0 {
		web.WriteValidationProblem(w, r, errs)
		return nil
	}
	version := rec.Base().Version
	*rec.Base() = *before.Base()
	rec.Base().Version = version
	if rel, ok := rec.(*domain.Relationship); ok && seen != before {
		// One on the other person's record stays between the two of them.
		rel.RelatedPersonID = seen.(*domain.Relationship).RelatedPersonID
	}
	return rec
}

// updateChildAPI answers PUT and PATCH /api/v1/children/{id}: the child's
// own details, at the version read.
func (a *App) updateChildAPI(patch bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		c, ok := a.decideChild(w, r, access.AddCaseNote)
		if !ok {
			return
		}
		cr, err := a.DB.ChildRecord(r.Context(), c.personID)
		if err != nil {
			a.serverError(w, r, err)
			return
		}
		a.updateRecord(w, r, c, &cr.Person, &cr.Person, patch)
	}
}

// familyJSON is one of the child's relationships with the person it names,
// as the child sees it; recorded_on says whose record it is on: the
// child's, or the other person's.
func familyJSON(childID int64, t domain.Tie, p *domain.Person) map[string]any {
	person := jsonFields(p)
	person["href"] = fmt.Sprintf("/api/v1/children/%d/family/%d", childID, p.ID)
	out := jsonFields(&t.Relationship)
	out["href"] = recordPath(childID, &t.Relationship)
	out["recorded_on"] = t.RecordedOn
	out["person"] = person
	return out
}

// familyAPI answers GET /api/v1/children/{id}/family: each relationship
// recorded from the child or from the other side naming the child,
// current or ended, as the child sees it, with the person it names.
func (a *App) familyAPI(w http.ResponseWriter, r *http.Request) {
	k, _ := domain.KindNamed("relationship")
	c, cr, _, ok := a.kindRecord(w, r, k)
	if !ok {
		return
	}
	if err := a.logView(r, c, audit.Viewed, "family (API)"); err != nil {
		a.serverError(w, r, err)
		return
	}
	f, err := a.familyOf(r, c, cr)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	out := []map[string]any{}
	for _, t := range f.ties {
		if p := f.people[t.RelatedPersonID]; p != nil {
			out = append(out, familyJSON(c.personID, t, p))
		}
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"family": out})
}

// addFamilyMemberAPI answers POST /api/v1/children/{id}/family: a
// relationship (its fields) to someone already recorded
// (related_person_id) or to someone new ("person": their fields), 201
// with both.
func (a *App) addFamilyMemberAPI(w http.ResponseWriter, r *http.Request) {
	c, ok := a.decideChild(w, r, access.AddCaseNote)
	if !ok {
		return
	}
	body, ok := readBody(w, r)
	if !ok {
		return
	}
	var person map[string]json.RawMessage
	var errs web.FieldErrors
	if raw, ok := body["person"]; ok {
		if json.Unmarshal(raw, &person) != nil {
			errs.Add("person", "Must be an object of the new person's fields, like {\"forename\": \"Dana\", \"surname\": \"Walker\"}")
		}
		delete(body, "person")
	}
	rel := &domain.Relationship{}
	errs = append(errs, decodeRecord(body, rel, false)...)
	if rel.RelatedPersonID == 0 && person == nil && errs.Get("person") == "" {
		errs.Add("related_person_id", "Give their Waymark number, or the new person's details as \"person\"")
	}
	if len(errs) > 0 {
		web.WriteValidationProblem(w, r, errs)
		return
	}
	*rel.Base() = domain.Entity{}
	rec, errs, err := a.addFamilyMember(r, c, rel, person, nil)
	// A new person's fields are answered under "person".
	for i, e := range errs {
		if _, isRel := jsonFields(rel)[e.Field]; !isRel && e.Field != "version" {
			errs[i].Field = "person." + e.Field
		}
	}
	if err != nil || len(errs) > 0 {
		a.answerSave(w, r, c, rec, errs, err, true)
		return
	}
	var p domain.Person
	if err := a.DB.Get(r.Context(), rec.(*domain.Relationship).RelatedPersonID, &p); err != nil {
		a.serverError(w, r, err)
		return
	}
	w.Header().Set("Location", recordPath(c.personID, rec))
	web.WriteJSON(w, http.StatusCreated, familyJSON(c.personID, domain.Tie{Relationship: *rec.(*domain.Relationship), RecordedOn: c.personID}, &p))
}

// familyMemberAPI answers GET /api/v1/children/{id}/family/{personId}: a
// family member's details, for a user who may change them.
func (a *App) familyMemberAPI(w http.ResponseWriter, r *http.Request) {
	c, _, p, ok := a.familyMemberRequest(w, r)
	if !ok {
		return
	}
	if err := a.logView(r, c, audit.Viewed, "family member (API)"); err != nil {
		a.serverError(w, r, err)
		return
	}
	own, err := a.DB.ChildRecord(r.Context(), p.ID)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	out := jsonFields(p)
	out["href"] = recordPath(c.personID, p)
	// Their own addresses and disabilities, as their page shows them.
	addresses, disabilities := []map[string]any{}, []map[string]any{}
	for i := range own.Addresses {
		addresses = append(addresses, memberRecordJSON(c.personID, &own.Addresses[i]))
	}
	for i := range own.Disabilities {
		disabilities = append(disabilities, memberRecordJSON(c.personID, &own.Disabilities[i]))
	}
	out["addresses"], out["disabilities"] = addresses, disabilities
	web.WriteJSON(w, http.StatusOK, out)
}

// familyMemberRequest is how a request about one family member begins:
// the child's access decision (recording on their file), their record, and
// the member, if the user may change their details.
func (a *App) familyMemberRequest(w http.ResponseWriter, r *http.Request) (*childRequest, *domain.ChildRecord, *domain.Person, bool) {
	c, ok := a.decideChild(w, r, access.AddCaseNote)
	if !ok {
		return nil, nil, nil, false
	}
	cr, err := a.DB.ChildRecord(r.Context(), c.personID)
	if err != nil {
		a.serverError(w, r, err)
		return nil, nil, nil, false
	}
	p := a.familyMember(w, r, c, cr)
	return c, cr, p, p != nil
}

// updateFamilyMemberAPI answers PUT and PATCH
// /api/v1/children/{id}/family/{personId}: a family member's details, at
// the version read.
func (a *App) updateFamilyMemberAPI(patch bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		c, _, p, ok := a.familyMemberRequest(w, r)
		if !ok {
			return
		}
		a.updateRecord(w, r, c, p, p, patch)
	}
}

// memberRecordJSON is a family member's own address or disability as the
// API shows it, with its address under the child's.
func memberRecordJSON(childID int64, rec domain.Record) map[string]any {
	out := jsonFields(rec)
	k := domain.KindOf(rec)
	for _, res := range memberResources {
		if res.Kind == k {
			out["href"] = fmt.Sprintf("/api/v1/children/%d/family/%d/%s/%d", childID, memberOf(rec), res.Path, rec.Base().ID)
		}
	}
	return out
}

// memberOf is whose own record an address or disability is.
func memberOf(rec domain.Record) int64 {
	return reflect.ValueOf(rec).Elem().FieldByName("PersonID").Int()
}

// answerMemberSave answers an API request that saved a family member's own
// address or disability (saveOnMember), or tried to.
func (a *App) answerMemberSave(w http.ResponseWriter, r *http.Request, c *childRequest, rec domain.Record, errs web.FieldErrors, err error, created bool) {
	if a.answerUnsaved(w, r, errs, err) {
		return
	}
	out := memberRecordJSON(c.personID, rec)
	status := http.StatusOK
	if created {
		status = http.StatusCreated
		w.Header().Set("Location", out["href"].(string))
	}
	web.WriteJSON(w, status, out)
}

// addMemberRecordAPI answers POST
// /api/v1/children/{id}/family/{personId}/{addresses|disabilities}: a new
// address (ending the one before) or disability on the family member's own
// record, for a user who may change their details through the child.
func (a *App) addMemberRecordAPI(k *domain.Kind) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		c, _, p, ok := a.familyMemberRequest(w, r)
		if !ok {
			return
		}
		body, ok := readBody(w, r)
		if !ok {
			return
		}
		rec := k.New()
		if errs := decodeRecord(body, rec, false); len(errs) > 0 {
			web.WriteValidationProblem(w, r, errs)
			return
		}
		*rec.Base() = domain.Entity{}
		rec, errs, err := a.saveOnMember(r, c, p, rec, nil)
		a.answerMemberSave(w, r, c, rec, errs, err, true)
	}
}

// memberOwnRequest is how a request about one of a family member's own
// addresses or disabilities begins (familyMemberRequest), with the record
// named last in the path ({sid}), which must be theirs; otherwise it
// answers 404.
func (a *App) memberOwnRequest(w http.ResponseWriter, r *http.Request, k *domain.Kind) (*childRequest, *domain.Person, domain.Record, bool) {
	c, _, p, ok := a.familyMemberRequest(w, r)
	if !ok {
		return nil, nil, nil, false
	}
	rec := k.New()
	id, err := strconv.ParseInt(r.PathValue("sid"), 10, 64)
	if err != nil {
		a.Web.Error(w, r, http.StatusNotFound)
		return nil, nil, nil, false
	}
	if err := a.DB.Get(r.Context(), id, rec); err != nil {
		a.saveFailed(w, r, err)
		return nil, nil, nil, false
	}
	if memberOf(rec) != p.ID {
		a.Web.Error(w, r, http.StatusNotFound)
		return nil, nil, nil, false
	}
	return c, p, rec, true
}

// memberRecordAPI answers GET of one of a family member's own addresses or
// disabilities.
func (a *App) memberRecordAPI(k *domain.Kind) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if c, _, rec, ok := a.memberOwnRequest(w, r, k); ok {
			web.WriteJSON(w, http.StatusOK, memberRecordJSON(c.personID, rec))
		}
	}
}

// updateMemberRecordAPI answers PUT and PATCH of one of a family member's
// own addresses or disabilities, at the version read, checked as the forms
// on their page check it (saveOnMember).
func (a *App) updateMemberRecordAPI(k *domain.Kind, patch bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		c, p, before, ok := a.memberOwnRequest(w, r, k)
		if !ok {
			return
		}
		if rec := changedRecord(w, r, before, before, patch); rec != nil {
			rec, errs, err := a.saveOnMember(r, c, p, rec, before)
			a.answerMemberSave(w, r, c, rec, errs, err, false)
		}
	}
}

// detailsTable is a table of the child's details page section, each row
// with the links that change it.
type detailsTable struct {
	Caption string
	Headers []string
	Rows    []detailsRow
}

type detailsRow struct {
	Cells   []string
	Actions []NavItem
}

// childDetails is the child's details and family as the child's page shows
// them, with the links that change them for a user who may record on the
// child's file.
type childDetails struct {
	Details                               web.SummaryList
	Links                                 []NavItem
	Family, Addresses, Statuses, Disabled detailsTable
}

// dateOrBlank is a date in words, or blank when none is recorded.
func dateOrBlank(d civil.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.Long()
}

// childDetailsOf builds the child's details and family.
func (a *App) childDetailsOf(r *http.Request, c *childRequest, cr *domain.ChildRecord, f *family) (childDetails, error) {
	p := &cr.Person
	h := hubLinks{base: fmt.Sprintf("/children/%d/", p.ID), write: access.Decide(c.user, access.AddCaseNote, c.facts).Allowed}
	change := ""
	if h.write {
		change = fmt.Sprintf("%scasework/child-details/%d", h.base, p.ID)
	}
	var d childDetails
	row := func(key, value string) {
		d.Details = append(d.Details, web.SummaryRow{Key: key, Value: cmp.Or(value, "Not recorded"), ChangeHref: change})
	}
	row("Name", p.Name())
	if p.KnownAs != "" {
		row("Known as", p.KnownAs)
	}
	// The number by which the child is added to another child's family.
	d.Details = append(d.Details, web.SummaryRow{Key: "Waymark number", Value: strconv.FormatInt(p.ID, 10)})
	if !p.ExpectedBirth.IsZero() {
		row("Expected date of birth", p.ExpectedBirth.Long())
		d.Links = append(d.Links, h.edit("child-birth", p.ID)...)
	}
	row("Date of birth", dateOrBlank(p.DateOfBirth))
	if !p.DateOfDeath.IsZero() {
		row("Date of death", p.DateOfDeath.Long())
	}
	row("Sex", describe(codes.Sex, p.Sex))
	row("Gender identity", describe(codes.GenderIdentity, p.Gender))
	row("Ethnicity", describe(codes.Ethnicity, p.Ethnicity))
	row("First language", p.Language)
	row("Needs an interpreter", yesNoWord(p.InterpreterNeeded))
	row("NHS number", p.NHSNumber)
	row("Unique pupil number", cmp.Or(p.UPN, describe(codes.UPNUnknown, p.UPNUnknown)))

	d.Family = detailsTable{Caption: "Family members", Headers: []string{"Name", "Relationship", "Parental responsibility", "Lives with " + p.Forename, "From", "To"}}
	for _, t := range f.ties {
		rel := &t.Relationship
		m := f.people[rel.RelatedPersonID]
		if m == nil {
			continue
		}
		row := detailsRow{Cells: []string{fmt.Sprintf("%s (%d)", m.Name(), m.ID), describe(codes.RelationshipType, rel.Type), yesNoWord(rel.ParentalResponsibility),
			yesNoWord(rel.LivesWith), dateOrBlank(rel.From), dateOrBlank(rel.To)}}
		// One recorded on the family member's record is changed here by
		// those who may change their details.
		member := access.Decision{}
		if h.write {
			var err error
			if member, err = a.mayChange(r, c, m.ID); err != nil {
				return d, err
			}
		}
		if h.write && (t.RecordedOn == p.ID || member.Allowed) {
			row.Actions = h.edit("relationship", rel.ID)
			if rel.To.IsZero() {
				row.Actions = append(row.Actions, h.edit("relationship-end", rel.ID)...)
			}
		}
		if member.Allowed && f.has(m.ID, a.today()) {
			row.Actions = append(row.Actions, NavItem{Text: "Their page", Href: fmt.Sprintf("%sfamily/%d", h.base, m.ID)},
				NavItem{Text: "Change their details", Href: fmt.Sprintf("%scasework/family-member-details/%d", h.base, m.ID)})
		}
		d.Family.Rows = append(d.Family.Rows, row)
	}
	d.Addresses = addressTable(cr.Addresses, func(id int64) []NavItem { return h.edit("address", id) })
	d.Statuses = detailsTable{Caption: "Immigration status", Headers: []string{"Status", "From", "To"}}
	for i := range cr.ImmigrationStatuses {
		s := &cr.ImmigrationStatuses[i]
		d.Statuses.Rows = append(d.Statuses.Rows, detailsRow{Cells: []string{describe(codes.ImmigrationStatus, s.Status), dateOrBlank(s.From), dateOrBlank(s.To)},
			Actions: h.edit("immigration-status", s.ID)})
	}
	d.Disabled = disabilityTable(cr.Disabilities, func(id int64) []NavItem { return h.edit("disability-end", id) })
	d.Links = append(d.Links, slices.Concat(h.to("Add a family member", "casework/family-member"), h.to("Record a new address", "casework/address"),
		h.to("Add a disability", "casework/disability"), h.to("Record an immigration status", "casework/immigration-status"))...)
	return d, nil
}

// memberRecord reads the family member's address or disability named in
// the path, with the member, if the user may change it through the child
// (familyMember); otherwise it answers 404 or 403 and returns nils.
func (a *App) memberRecord(w http.ResponseWriter, r *http.Request, c *childRequest, cr *domain.ChildRecord, k *domain.Kind) (*domain.Person, domain.Record) {
	id, _ := recordID(r)
	rec := k.New()
	if err := a.DB.Get(r.Context(), id, rec); err != nil {
		a.saveFailed(w, r, err)
		return nil, nil
	}
	personID := memberOf(rec)
	m := a.familyMemberWithID(w, r, c, cr, personID, personID != c.personID)
	if m == nil {
		return nil, nil
	}
	return m, rec
}

// saveOnMember records a new address or disability on a family member's
// own record, or changes one (before), checked as every record is: a new
// address ends the one before it (casework.Superseded), as the child's
// does.
func (a *App) saveOnMember(r *http.Request, c *childRequest, member *domain.Person, rec, before domain.Record) (domain.Record, web.FieldErrors, error) {
	reflect.ValueOf(rec).Elem().FieldByName("PersonID").SetInt(member.ID)
	var errs web.FieldErrors
	if invalid, _ := errors.AsType[*domain.ValidationError](domain.Validate(rec)); invalid != nil {
		for _, e := range invalid.Errors {
			errs.Add(e.Field, e.Message)
		}
		return nil, errs, nil
	}
	own, err := a.DB.ChildRecord(r.Context(), member.ID)
	if err != nil {
		return nil, nil, err
	}
	err = a.DB.Write(r.Context(), storage.Change{Actor: c.user.Username, At: a.now()}, func(tx *storage.Tx) error {
		for _, old := range casework.Superseded(own, rec) {
			if err := tx.Update(old); err != nil {
				return err
			}
		}
		if before != nil {
			return tx.Update(rec)
		}
		return tx.Insert(rec)
	})
	return rec, nil, err
}

// memberPage is a family member's page, seen through the child.
type memberPage struct {
	Page
	ChildID                     int64
	Child, Name                 string
	Details                     web.SummaryList
	Family, Addresses, Disabled detailsTable
	Links                       []NavItem
	Back                        NavItem
	Saved                       string
}

// familyMemberPage answers GET /children/{id}/family/{personId}: a family
// member's details, their relationships to the rest of the family, their
// addresses and disabilities, for a user who may change them through the
// child (access.DecideFamilyMember). The look is in the child's access log
// and in the member's own.
func (a *App) familyMemberPage(w http.ResponseWriter, r *http.Request) {
	c, cr, m, ok := a.familyMemberRequest(w, r)
	if !ok {
		return
	}
	if err := a.logView(r, c, audit.Viewed, fmt.Sprintf("family member %d", m.ID)); err != nil {
		a.serverError(w, r, err)
		return
	}
	own, err := a.DB.ChildRecord(r.Context(), m.ID)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	// Their family, as they see it: their own record is read whole, so
	// both sides are (the decision on the child lets the user see
	// relationships).
	f, err := a.familyOf(r, c, own)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	base := fmt.Sprintf("/children/%d/casework/", c.personID)
	p := memberPage{Page: a.page(r, ""), ChildID: c.personID, Child: cr.Person.Name(), Name: m.Name(), Saved: r.URL.Query().Get("saved"),
		Back: NavItem{Text: "Back to " + cr.Person.Name(), Href: fmt.Sprintf("/children/%d#family", c.personID)}}
	change := fmt.Sprintf("%sfamily-member-details/%d", base, m.ID)
	row := func(key, value string) {
		p.Details = append(p.Details, web.SummaryRow{Key: key, Value: cmp.Or(value, "Not recorded"), ChangeHref: change})
	}
	row("Name", m.Name())
	p.Details = append(p.Details, web.SummaryRow{Key: "Waymark number", Value: strconv.FormatInt(m.ID, 10)})
	row("Date of birth", dateOrBlank(m.DateOfBirth))
	if !m.DateOfDeath.IsZero() {
		row("Date of death", m.DateOfDeath.Long())
	}
	row("Sex", describe(codes.Sex, m.Sex))
	row("Ethnicity", describe(codes.Ethnicity, m.Ethnicity))
	row("First language", m.Language)
	row("Needs an interpreter", yesNoWord(m.InterpreterNeeded))
	row("NHS number", m.NHSNumber)

	p.Family = detailsTable{Caption: "Family", Headers: []string{"Name", "Is their", "Parental responsibility", "Lives with " + m.Forename, "From", "To"}}
	for _, t := range f.ties {
		if o := f.people[t.RelatedPersonID]; o != nil {
			p.Family.Rows = append(p.Family.Rows, detailsRow{Cells: []string{fmt.Sprintf("%s (%d)", o.Name(), o.ID), describe(codes.RelationshipType, t.Type),
				yesNoWord(t.ParentalResponsibility), yesNoWord(t.LivesWith), dateOrBlank(t.From), dateOrBlank(t.To)}})
		}
	}
	h := hubLinks{base: fmt.Sprintf("/children/%d/", c.personID), write: true}
	p.Addresses = addressTable(own.Addresses, func(id int64) []NavItem { return h.edit("member-address-change", id) })
	p.Disabled = disabilityTable(own.Disabilities, func(id int64) []NavItem { return h.edit("member-disability-end", id) })
	p.Links = []NavItem{{Text: "Change their details", Href: change},
		{Text: "Record a new address", Href: fmt.Sprintf("%smember-address/%d", base, m.ID)},
		{Text: "Add a disability", Href: fmt.Sprintf("%smember-disability/%d", base, m.ID)}}
	a.Web.Render(w, r, http.StatusOK, "family-member", p)
}

// addressTable lists a person's addresses, each with the links that change
// it.
func addressTable(addresses []domain.Address, change func(id int64) []NavItem) detailsTable {
	t := detailsTable{Caption: "Addresses", Headers: []string{"Address", "Type", "From", "To"}}
	for i := range addresses {
		ad := &addresses[i]
		words := strings.Join(slices.DeleteFunc([]string{ad.Line1, ad.Line2, ad.Town, ad.Postcode}, func(s string) bool { return s == "" }), ", ")
		t.Rows = append(t.Rows, detailsRow{Cells: []string{words, describe(codes.AddressType, ad.Type), dateOrBlank(ad.From), dateOrBlank(ad.To)},
			Actions: change(ad.ID)})
	}
	return t
}

// disabilityTable lists a person's disabilities, each in force with the
// link that ends it.
func disabilityTable(disabilities []domain.Disability, end func(id int64) []NavItem) detailsTable {
	t := detailsTable{Caption: "Disabilities", Headers: []string{"Disability", "Ended"}}
	for i := range disabilities {
		dis := &disabilities[i]
		row := detailsRow{Cells: []string{describe(codes.Disability, dis.Code), dateOrBlank(dis.To)}}
		if dis.To.IsZero() {
			row.Actions = end(dis.ID)
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}
