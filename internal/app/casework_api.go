package app

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/waymark-care/waymark/internal/access"
	"github.com/waymark-care/waymark/internal/audit"
	"github.com/waymark-care/waymark/internal/casework"
	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/domain"
	"github.com/waymark-care/waymark/internal/storage"
	"github.com/waymark-care/waymark/internal/web"
)

// This file is the JSON API for recording the front door, assessment, child
// protection and children in need (docs/casework.md): every step is a
// record of the child's, created, read and updated under
// /api/v1/children/{id}/…, checked by package casework as it is saved.

func init() { feature((*App).mountCaseworkAPI) }

// caseworkResource is a kind of record the casework API records, under its
// path.
type caseworkResource struct {
	Path string
	Kind *domain.Kind
}

// caseworkResources are the records of the workflow, in its order.
var caseworkResources = func() []caseworkResource {
	var out []caseworkResource
	for _, p := range []struct{ path, kind string }{
		{"contacts", "contact"},
		{"referrals", "referral"},
		{"assessments", "assessment"},
		{"strategy-discussions", "strategy_discussion"},
		{"section47-enquiries", "section47_enquiry"},
		{"conferences", "conference"},
		{"cp-plans", "cp_plan"},
		{"core-groups", "core_group"},
		{"visits", "visit"},
		{"cin-plans", "cin_plan"},
		{"cin-plan-reviews", "cin_plan_review"},
		{"plans", "plan"},
		{"plan-actions", "plan_action"},
		{"management-decisions", "management_decision"},
		// Oversight (oversight.go).
		{"harm-concerns", "harm_concern"},
		{"childs-voices", "childs_voice"},
		{"core-group-actions", "core_group_action"},
		{"chair-escalations", "chair_escalation"},
		// Parents at conferences (AC-15).
		{"conference-parents", "conference_parent"},
		// The assessment record (assessment_record.go).
		{"assessment-sources", "assessment_source"},
		{"assessment-tool-uses", "assessment_tool_use"},
		{"case-summaries", "case_summary"},
		{"key-events", "key_event"},
		// The MASH and the MARAC (marac.go).
		{"mash-requests", "mash_request"},
		{"marac-links", "marac_child"},
		// The child's details and family (family.go): the child's own
		// addresses, relationships, disabilities and immigration statuses.
		{"addresses", "address"},
		{"relationships", "relationship"},
		{"disabilities", "disability"},
		{"immigration-statuses", "immigration_status"},
	} {
		k, ok := domain.KindNamed(p.kind)
		if !ok {
			panic("app: no kind " + p.kind)
		}
		out = append(out, caseworkResource{p.path, k})
	}
	return out
}()

// approvalAction is a manager's approval of a record (XC-03): authorising an
// assessment, a written plan or a closure, or signing off a child in need
// plan. Approving sets who and when from the signed-in manager; the record
// must then pass its workflow checks.
type approvalAction struct {
	kind, path string
	// date returns the approval's date field on the record, to read or set,
	// and set records the manager.
	date func(domain.Record) *civil.Date
	by   func(domain.Record) *int64
}

var approvalActions = []approvalAction{
	{"assessment", "authorise",
		func(r domain.Record) *civil.Date { return &r.(*domain.Assessment).AuthorisedDate },
		func(r domain.Record) *int64 { return &r.(*domain.Assessment).AuthorisedByID }},
	{"plan", "authorise",
		func(r domain.Record) *civil.Date { return &r.(*domain.Plan).AuthorisedDate },
		func(r domain.Record) *int64 { return &r.(*domain.Plan).AuthorisedByID }},
	{"cin_plan", "sign-off",
		func(r domain.Record) *civil.Date { return &r.(*domain.CINPlan).SignedOffDate },
		func(r domain.Record) *int64 { return &r.(*domain.CINPlan).SignedOffByID }},
	{"referral", "authorise-closure",
		func(r domain.Record) *civil.Date { return &r.(*domain.Referral).ClosureAuthorisedDate },
		func(r domain.Record) *int64 { return &r.(*domain.Referral).ClosureAuthorisedByID }},
}

func approvalOf(kind string) *approvalAction {
	for i := range approvalActions {
		if approvalActions[i].kind == kind {
			return &approvalActions[i]
		}
	}
	return nil
}

func (a *App) mountCaseworkAPI() error {
	for _, res := range caseworkResources {
		base := "/api/v1/children/{id}/" + res.Path
		a.Private("GET "+base, a.listRecordsAPI(res.Kind))
		a.Private("POST "+base, a.createRecordAPI(res.Kind))
		a.Private("GET "+base+"/{rid}", a.recordAPI(res.Kind))
		a.Private("PUT "+base+"/{rid}", a.updateRecordAPI(res.Kind, false))
		a.Private("PATCH "+base+"/{rid}", a.updateRecordAPI(res.Kind, true))
		if ap := approvalOf(res.Kind.Name); ap != nil {
			a.Private("POST "+base+"/{rid}/"+ap.path, a.approveAPI(res.Kind, ap))
		}
	}
	a.Private("GET /api/v1/children/{id}/referrals/{rid}/closure-check", a.closureCheckAPI)
	return nil
}

// caseworkRules are the workflow rules with the authority's local policy,
// calendar and workers' training records.
func (a *App) caseworkRules(ctx context.Context) (casework.Rules, error) {
	eng, err := a.Engine(ctx)
	if err != nil {
		return casework.Rules{}, err
	}
	rules := casework.New(eng)
	rules.Training, err = a.DB.TrainingRecords(ctx)
	return rules, err
}

// mayApprove reports whether the user may approve records on the child's
// file: a manager who may record on it. The access policy has no approval
// action yet, so the role is checked here, on top of its answer.
func mayApprove(u *access.User, facts *access.Child) bool {
	return access.Decide(u, access.AddCaseNote, facts).Allowed && (u.Has(access.TeamManager) || u.Has(access.ServiceManager))
}

// recordID reads the record's ID from the path.
func recordID(r *http.Request) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue("rid"), 10, 64)
	return id, err == nil && id > 0
}

// kindRecord reads the child's record for an API request about their
// records of kind k, answering the request itself when the user may not see
// that kind or the record cannot be read.
func (a *App) kindRecord(w http.ResponseWriter, r *http.Request, k *domain.Kind) (*childRequest, *domain.ChildRecord, casework.Rules, bool) {
	c, ok := a.decideChild(w, r, access.ViewRecord)
	if !ok {
		return nil, nil, casework.Rules{}, false
	}
	if !c.decision.Sees(k.Name) {
		a.Web.Error(w, r, http.StatusForbidden)
		return nil, nil, casework.Rules{}, false
	}
	cr, rules, ok := a.caseworkRecord(w, r, c)
	return c, cr, rules, ok
}

// listRecordsAPI answers GET /api/v1/children/{id}/{records}: the child's
// records of a kind, oldest first, each with what is derived from it.
func (a *App) listRecordsAPI(k *domain.Kind) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		c, cr, rules, ok := a.kindRecord(w, r, k)
		if !ok {
			return
		}
		if err := a.logView(r, c, audit.Viewed, strings.ToLower(k.Title)+"s (API)"); err != nil {
			a.serverError(w, r, err)
			return
		}
		out := []map[string]any{}
		for _, rec := range recordsOf(cr, k.Name) {
			household, err := a.notificationHousehold(r.Context(), cr, rec)
			if err != nil {
				a.serverError(w, r, err)
				return
			}
			out = append(out, caseworkJSON(rules, cr, rec, a.today(), household))
		}
		web.WriteJSON(w, http.StatusOK, map[string]any{"kind": k.Name, "records": out})
	}
}

// recordAPI answers GET /api/v1/children/{id}/{records}/{rid}.
func (a *App) recordAPI(k *domain.Kind) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		c, cr, rules, ok := a.kindRecord(w, r, k)
		if !ok {
			return
		}
		rec := domain.Record(nil)
		if k.Name == "relationship" {
			rec, _ = a.findRelationship(w, r, c, cr)
		} else {
			rec = findRecord(w, r, a, cr, k)
		}
		if rec == nil {
			return
		}
		if err := a.logView(r, c, audit.Viewed, strings.ToLower(k.Title)+" (API)"); err != nil {
			a.serverError(w, r, err)
			return
		}
		household, err := a.notificationHousehold(r.Context(), cr, rec)
		if err != nil {
			a.serverError(w, r, err)
			return
		}
		web.WriteJSON(w, http.StatusOK, caseworkJSON(rules, cr, rec, a.today(), household))
	}
}

// findRecord returns the child's record of a kind named in the path, or
// answers 404.
func findRecord(w http.ResponseWriter, r *http.Request, a *App, cr *domain.ChildRecord, k *domain.Kind) domain.Record {
	id, ok := recordID(r)
	if ok {
		for _, rec := range recordsOf(cr, k.Name) {
			if rec.Base().ID == id {
				return rec
			}
		}
	}
	a.Web.Error(w, r, http.StatusNotFound)
	return nil
}

// caseworkRecord reads the child's whole record and the rules.
func (a *App) caseworkRecord(w http.ResponseWriter, r *http.Request, c *childRequest) (*domain.ChildRecord, casework.Rules, bool) {
	cr, err := a.DB.ChildRecord(r.Context(), c.personID)
	if err != nil {
		a.serverError(w, r, err)
		return nil, casework.Rules{}, false
	}
	filterRecord(cr, c.decision)
	rules, err := a.caseworkRules(r.Context())
	if err != nil {
		a.serverError(w, r, err)
		return nil, casework.Rules{}, false
	}
	return cr, rules, true
}

// createRecordAPI answers POST /api/v1/children/{id}/{records}: a new
// record for the child, 201 with the record, or 422 listing each field
// that is wrong.
func (a *App) createRecordAPI(k *domain.Kind) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		c, ok := a.decideChild(w, r, access.AddCaseNote)
		if !ok {
			return
		}
		rec := k.New()
		body, ok := readBody(w, r)
		if !ok {
			return
		}
		if errs := decodeRecord(body, rec, false); len(errs) > 0 {
			web.WriteValidationProblem(w, r, errs)
			return
		}
		*rec.Base() = domain.Entity{}
		a.saveCasework(w, r, c, rec, nil)
	}
}

// updateRecordAPI answers PUT (replace: fields left out are cleared) and
// PATCH (change only the fields sent) on /api/v1/children/{id}/{records}/{rid}.
// Either must send the version read: a record changed since is refused with
// 409, naming who changed it.
func (a *App) updateRecordAPI(k *domain.Kind, patch bool) http.HandlerFunc {
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
		seen, before := domain.Record(nil), domain.Record(nil)
		if k.Name == "relationship" {
			seen, before = a.findRelationship(w, r, c, cr)
		} else {
			before = findRecord(w, r, a, cr, k)
			seen = before
		}
		if before == nil {
			return
		}
		a.updateRecord(w, r, c, seen, before, patch)
	}
}

// approveAPI answers POST …/{rid}/authorise (or sign-off,
// authorise-closure) with {"version": n}: the signed-in manager approves
// the record today.
func (a *App) approveAPI(k *domain.Kind, ap *approvalAction) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		c, ok := a.decideChild(w, r, access.AddCaseNote)
		if !ok {
			return
		}
		if !mayApprove(c.user, c.facts) {
			web.WriteProblem(w, r, http.StatusForbidden, "", "Only a team or service manager can approve this.", nil)
			return
		}
		rid, ok := recordID(r)
		if !ok {
			a.Web.Error(w, r, http.StatusNotFound)
			return
		}
		body, ok := readBody(w, r)
		if !ok {
			return
		}
		var errs web.FieldErrors
		var version int
		if body["version"] == nil {
			errs.Add("version", "Give the version you read, so that no one else's change is overwritten")
		} else if json.Unmarshal(body["version"], &version) != nil {
			errs.Add("version", "Must be a whole number")
		}
		for name := range body {
			if name != "version" {
				errs.Add(name, "Approving takes only the version you read")
			}
		}
		if len(errs) > 0 {
			web.WriteValidationProblem(w, r, errs)
			return
		}
		rec, errs, err := a.approve(r, c, k, ap, rid, version)
		a.answerSave(w, r, c, rec, errs, err, false)
	}
}

// approve records the signed-in manager's approval of one of the child's
// records today, if its version is the one given and it passes its checks.
func (a *App) approve(r *http.Request, c *childRequest, k *domain.Kind, ap *approvalAction, rid int64, version int) (domain.Record, web.FieldErrors, error) {
	if !mayApprove(c.user, c.facts) {
		return nil, web.FieldErrors{{Field: fieldOf(ap.date, k), Message: "Only a team or service manager can approve this"}}, nil
	}
	cr, err := a.DB.ChildRecord(r.Context(), c.personID)
	if err != nil {
		return nil, nil, err
	}
	var before domain.Record
	for _, rec := range recordsOf(cr, k.Name) {
		if rec.Base().ID == rid {
			before = rec
		}
	}
	if before == nil {
		return nil, nil, &storage.NotFoundError{Kind: k.Name, ID: rid}
	}
	var errs web.FieldErrors
	if c.user.ProfessionalID == 0 {
		errs.Add(fieldOf(ap.by, k), "Your account is not linked to a member of staff, so it cannot approve records")
	}
	if !ap.date(before).IsZero() {
		errs.Add(fieldOf(ap.date, k), "This was already approved on "+ap.date(before).Long())
	}
	if len(errs) > 0 {
		return nil, errs, nil
	}
	rec := k.New()
	reflect.ValueOf(rec).Elem().Set(reflect.ValueOf(before).Elem())
	rec.Base().Version = version
	*ap.date(rec), *ap.by(rec) = a.today(), c.user.ProfessionalID
	return a.checkAndSave(r, c, rec, before)
}

// fieldOf names the JSON field a getter points at.
func fieldOf[T any](get func(domain.Record) *T, k *domain.Kind) string {
	rec := k.New()
	ptr := reflect.ValueOf(get(rec)).Pointer()
	v := reflect.ValueOf(rec).Elem()
	for _, f := range reflect.VisibleFields(v.Type()) {
		if !f.Anonymous && v.FieldByIndex(f.Index).Addr().Pointer() == ptr {
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			return name
		}
	}
	return ""
}

// closureCheckAPI answers GET …/referrals/{rid}/closure-check: what stands
// in the way of closing the case on a day (?close_date=, default today),
// with the reason and summary as recorded.
func (a *App) closureCheckAPI(w http.ResponseWriter, r *http.Request) {
	c, ok := a.decideChild(w, r, access.ViewRecord)
	if !ok {
		return
	}
	cr, rules, ok := a.caseworkRecord(w, r, c)
	if !ok {
		return
	}
	k, _ := domain.KindNamed("referral")
	rec := findRecord(w, r, a, cr, k)
	if rec == nil {
		return
	}
	var errs web.FieldErrors
	ref := *rec.(*domain.Referral)
	if ref.CloseDate.IsZero() {
		ref.CloseDate = dateParam(r.URL.Query(), "close_date", a.today(), &errs)
	}
	if len(errs) > 0 {
		web.WriteValidationProblem(w, r, errs)
		return
	}
	if err := a.logView(r, c, audit.Viewed, "closure check (API)"); err != nil {
		a.serverError(w, r, err)
		return
	}
	blockers := rules.CheckClosure(cr, &ref)
	if blockers == nil {
		blockers = []domain.FieldError{}
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"close_date": ref.CloseDate, "ready": len(blockers) == 0, "blockers": blockers})
}

// saveCasework checks and stores a record a user is saving for the child:
// before is the record as stored, or nil for a new one. It answers the
// request: 201 or 200 with the record, 422 with every field that is wrong,
// 409 if someone else changed it first.
func (a *App) saveCasework(w http.ResponseWriter, r *http.Request, c *childRequest, rec domain.Record, before domain.Record) {
	rec, errs, err := a.checkAndSave(r, c, rec, before)
	a.answerSave(w, r, c, rec, errs, err, before == nil)
}

// answerSave answers an API request that saved a record, or tried to.
func (a *App) answerSave(w http.ResponseWriter, r *http.Request, c *childRequest, rec domain.Record, errs web.FieldErrors, err error, created bool) {
	if a.answerUnsaved(w, r, errs, err) {
		return
	}
	cr, rules, ok := a.caseworkRecord(w, r, c)
	if !ok {
		return
	}
	status := http.StatusOK
	if created {
		status = http.StatusCreated
		w.Header().Set("Location", recordPath(c.personID, rec))
	}
	household, err := a.notificationHousehold(r.Context(), cr, rec)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	web.WriteJSON(w, status, caseworkJSON(rules, cr, rec, a.today(), household))
}

// answerUnsaved answers an API request whose save did not happen: 409 if
// someone else changed the record first, 404, 422 with every field that is
// wrong, or 500. It reports whether it answered.
func (a *App) answerUnsaved(w http.ResponseWriter, r *http.Request, errs web.FieldErrors, err error) bool {
	if conflict, ok := errors.AsType[*storage.ConflictError](err); ok {
		writeConflict(w, r, conflict)
		return true
	}
	switch {
	case errors.Is(err, storage.ErrNotFound):
		a.Web.Error(w, r, http.StatusNotFound)
	case err != nil:
		a.serverError(w, r, err)
	case len(errs) > 0:
		web.WriteValidationProblem(w, r, errs)
	default:
		return false
	}
	return true
}

// writeConflict answers a change made against an older version: 409,
// saying who changed the record and when.
func writeConflict(w http.ResponseWriter, r *http.Request, conflict *storage.ConflictError) {
	web.WriteProblem(w, r, http.StatusConflict, "Someone else changed this record",
		conflict.Error(), map[string]any{"current_version": conflict.Current, "updated_by": conflict.UpdatedBy, "updated_at": conflict.UpdatedAt})
}

// checkAndSave runs the workflow's checks on a record and stores it. It
// returns the field errors that stopped it, or the error storing it.
func (a *App) checkAndSave(r *http.Request, c *childRequest, rec, before domain.Record) (domain.Record, web.FieldErrors, error) {
	return a.checkAndSaveWith(r, c, rec, before, nil)
}

// checkAndSaveWith is checkAndSave for a relationship to someone not yet
// recorded: newRelative is checked with it and recorded first, in the same
// transaction, and the relationship names them.
func (a *App) checkAndSaveWith(r *http.Request, c *childRequest, rec, before domain.Record, newRelative *domain.Person) (domain.Record, web.FieldErrors, error) {
	ctx := r.Context()
	k := domain.KindOf(rec)
	rec.Base().ID = 0
	if before != nil {
		rec.Base().ID = before.Base().ID
	}
	// A person's own details (the child's, or a family member's) belong to
	// no one else; every other record is the child's.
	if person := reflect.ValueOf(rec).Elem().FieldByName("PersonID"); person.IsValid() {
		person.SetInt(c.personID)
	}
	cr, err := a.DB.ChildRecord(ctx, c.personID)
	if err != nil {
		return nil, nil, err
	}
	rules, err := a.caseworkRules(ctx)
	if err != nil {
		return nil, nil, err
	}
	beyond := &casework.Beyond{}
	if as, ok := rec.(*domain.Assessment); ok && !as.CompletedDate.IsZero() {
		if beyond.Household, err = a.household(ctx, c.personID, as.StartDate); err != nil {
			return nil, nil, err
		}
	}
	switch rec.(type) {
	case *domain.Relationship, *domain.ConferenceParent:
		// Relatives are the child's family from both sides.
		f, err := a.familyOf(r, c, cr)
		if err != nil {
			return nil, nil, err
		}
		beyond.Family = f.ties
	}
	// A parent's language at a conference starts from their own record
	// (AC-15); only a parent of this child's is read.
	if cp, ok := rec.(*domain.ConferenceParent); ok && casework.Related(beyond.Family, cp.ParentID) {
		var parent domain.Person
		if err := a.DB.Get(ctx, cp.ParentID, &parent); err != nil {
			return nil, nil, err
		}
		casework.FromParentRecord(cp, &parent)
	}
	recordedBy(rec, c.user.ProfessionalID, a.today())
	if ct, ok := rec.(*domain.Contact); ok && before == nil {
		takenBy(ct, c.user)
	}
	// One error a field: the workflow's, which say what to do, before the
	// record's own. What is derived is derived from what was checked.
	var errs web.FieldErrors
	add := func(fes []domain.FieldError) {
		for _, fe := range fes {
			if errs.Get(fe.Field) == "" {
				errs.Add(fe.Field, fe.Message)
			}
		}
	}
	switch v := rec.(type) {
	case *domain.Person:
		b, _ := before.(*domain.Person)
		casework.RecordBirth(v, b)
		add(casework.CheckPerson(v, a.today()))
		if b != nil && v.Restricted != b.Restricted {
			add([]domain.FieldError{{Field: "restricted", Message: "Who may see a record is changed by naming people on it (waymark users), not here"}})
		}
		if b != nil && v.LAChildID != b.LAChildID {
			add([]domain.FieldError{{Field: "la_child_id", Message: "The authority’s child ID is given when the child is first recorded, and is not changed"}})
		}
	case *domain.Relationship:
		b, _ := before.(*domain.Relationship)
		fes, err := a.mayLink(r, c, v, b)
		if err != nil {
			return nil, nil, err
		}
		add(fes)
	}
	if newRelative != nil {
		if invalid, _ := errors.AsType[*domain.ValidationError](domain.Validate(newRelative)); invalid != nil {
			add(invalid.Errors)
		}
		add(casework.CheckPerson(newRelative, a.today()))
	}
	invalid, _ := errors.AsType[*domain.ValidationError](domain.Validate(rec))
	rules.Prepare(cr, rec)
	add(rules.CheckChange(cr, rec, beyond))
	if invalid != nil {
		for _, e := range invalid.Errors {
			// Whom a new relative's relationship names is known once they
			// are recorded.
			if newRelative == nil || e.Field != "related_person_id" {
				add([]domain.FieldError{e})
			}
		}
	}
	add(ownReferences(cr, rec))
	staff, err := a.directory(ctx)
	if err != nil {
		return nil, nil, err
	}
	add(casework.CheckWorkers(rec, before, staff, c.user.ProfessionalID, a.today()))
	if ap := approvalOf(k.Name); ap != nil && *ap.date(rec) != approvedOn(ap, before) && !mayApprove(c.user, c.facts) {
		add([]domain.FieldError{{Field: fieldOf(ap.date, k), Message: "Only a team or service manager can approve this"}})
	}
	if len(errs) > 0 {
		return nil, errs, nil
	}
	err = a.DB.Write(ctx, storage.Change{Actor: c.user.Username, At: a.now()}, func(tx *storage.Tx) error {
		if newRelative != nil {
			if err := tx.Insert(newRelative); err != nil {
				return err
			}
			rec.(*domain.Relationship).RelatedPersonID = newRelative.ID
		}
		// A new address ends the one before (and a status the status before).
		for _, old := range casework.Superseded(cr, rec) {
			if err := tx.Update(old); err != nil {
				return err
			}
		}
		if before == nil {
			return tx.Insert(rec)
		}
		// A relationship recorded on the other person's record, changed as
		// the child sees it, stays on their record.
		if b, ok := before.(*domain.Relationship); ok && b.PersonID != c.personID {
			stored := rec.(*domain.Relationship).Seen(cr.Person.Sex)
			if err := tx.Update(&stored); err != nil {
				return err
			}
			*rec.Base() = *stored.Base() // the answer stays as the child sees it
			return nil
		}
		return tx.Update(rec)
	})
	if v, ok := errors.AsType[*domain.ValidationError](err); ok {
		add(v.Errors)
		return nil, errs, nil
	}
	if err != nil {
		return nil, nil, err
	}
	a.Logger.InfoContext(ctx, "casework recorded", "kind", k.Name, "id", rec.Base().ID, "version", rec.Base().Version,
		"user_id", c.user.ID, "request_id", web.RequestID(ctx))
	return rec, nil, nil
}

func approvedOn(ap *approvalAction, before domain.Record) civil.Date {
	if before == nil {
		return civil.Date{}
	}
	return *ap.date(before)
}

// household reads the other people living with the child on a day, with
// their assessments.
func (a *App) household(ctx context.Context, personID int64, on civil.Date) ([]casework.HouseholdChild, error) {
	people, err := a.DB.Household(ctx, personID, on, storage.Columns{"assessment": nil})
	if err != nil {
		return nil, err
	}
	out := make([]casework.HouseholdChild, len(people))
	for i, p := range people {
		out[i] = casework.HouseholdChild{Person: p.Person, Assessments: p.Assessments}
	}
	return out, nil
}

// childReferences are the references from one of a child's records to
// another of the same child's: each must name a record of this child.
var childReferences = map[string]string{
	"contact_id": "contact", "referral_id": "referral", "strategy_discussion_id": "strategy_discussion",
	"s47_enquiry_id": "section47_enquiry", "conference_id": "conference", "cp_plan_id": "cp_plan",
	"cin_plan_id": "cin_plan", "plan_id": "plan", "core_group_id": "core_group", "plan_action_id": "plan_action",
	"visit_id": "visit", "case_note_id": "case_note",
	"assessment_id": "assessment",
}

// ownReferences checks that a record refers only to the child's own records.
func ownReferences(cr *domain.ChildRecord, rec domain.Record) []domain.FieldError {
	var errs []domain.FieldError
	v := reflect.ValueOf(rec).Elem()
	for _, f := range reflect.VisibleFields(v.Type()) {
		column, ref := domain.Tag(f)
		kind, child := childReferences[column]
		if f.Anonymous || !ref || !child {
			continue
		}
		id := v.FieldByIndex(f.Index).Int()
		if id == 0 || slices.ContainsFunc(recordsOf(cr, kind), func(r domain.Record) bool { return r.Base().ID == id }) {
			continue
		}
		k, _ := domain.KindNamed(kind)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		errs = append(errs, domain.FieldError{Field: name, Message: fmt.Sprintf("This child has no %s %d", strings.ToLower(k.Title), id)})
	}
	return errs
}

// recordsOf returns the child's records of a kind.
func recordsOf(cr *domain.ChildRecord, kind string) []domain.Record {
	if kind == "person" {
		return []domain.Record{&cr.Person}
	}
	var out []domain.Record
	forEachKind(cr, func(k string, list reflect.Value) {
		if k != kind {
			return
		}
		for i := range list.Len() {
			out = append(out, list.Index(i).Addr().Interface().(domain.Record))
		}
	})
	return out
}

// recordPath is a record's address in the API.
func recordPath(personID int64, rec domain.Record) string {
	k := domain.KindOf(rec)
	if k.Name == "person" && rec.Base().ID == personID {
		return fmt.Sprintf("/api/v1/children/%d", personID)
	} else if k.Name == "person" {
		return fmt.Sprintf("/api/v1/children/%d/family/%d", personID, rec.Base().ID)
	}
	for _, res := range caseworkResources {
		if res.Kind == k {
			return fmt.Sprintf("/api/v1/children/%d/%s/%d", personID, res.Path, rec.Base().ID)
		}
	}
	return ""
}

// caseworkJSON is a record as the API shows it: its fields, its address, and
// what the workflow derives from it ("derived"), never stored; household is
// the people living with the child, for a police notification's count of
// earlier ones (notificationHousehold).
func caseworkJSON(rules casework.Rules, cr *domain.ChildRecord, rec domain.Record, today civil.Date, household []*domain.ChildRecord) map[string]any {
	b, err := json.Marshal(rec)
	if err != nil {
		panic(err)
	}
	var m map[string]any
	json.Unmarshal(b, &m)
	m["href"] = recordPath(cr.Person.ID, rec)
	derived := map[string]any{}
	switch v := rec.(type) {
	case *domain.Contact:
		d := rules.ContactDecision(v)
		derived["decision_due"] = d.Due
		if d.Done.IsZero() {
			derived["decision_overdue"] = d.Overdue(today)
		} else {
			derived["decided_on_time"] = d.OnTime()
		}
		if h, ok := rules.Handover(v); ok {
			derived["handover_due"] = h.Due
			if h.Done.IsZero() {
				derived["handover_overdue"] = h.Overdue(today)
			} else {
				derived["handed_over_on_time"] = h.OnTime()
			}
		}
		if v.DomesticAbuseNotification {
			derived["missing_information"] = orEmpty(rules.MissingInformation(v))
			derived["earlier_notifications"] = casework.EarlierNotifications(v, cr, household)
			if req := casework.InformationRequest(v); !req.Due.IsZero() {
				derived["information_overdue"] = req.Overdue(today)
			}
		}
	case *domain.Referral:
		prev := casework.PreviousReferral(cr, v)
		derived["re_referral"] = prev != nil
		if e, ok := rules.Earlier(cr, v, v.ReferralDate); ok {
			derived["previous_referral"] = map[string]any{"id": prev.ID, "referral_date": prev.ReferralDate, "close_date": prev.CloseDate,
				"close_reason": prev.CloseReason, "assessment_completed": e.AssessmentCompleted, "analysis_recorded": e.Analysis,
				"days": e.Days, "premature_closure": e.Premature}
		}
	case *domain.Assessment:
		derived["due"] = rules.AssessmentDue(v)
		if end := cmp.Or(v.AuthorisedDate, v.CompletedDate); !end.IsZero() {
			derived["working_days"] = rules.Calendar.WorkingDaysBetween(v.StartDate, end)
		}
		assessmentDerived(derived, rules, cr, v, today)
	case *domain.CaseSummary:
		st := rules.CaseSummary(cr, today)
		derived["due"], derived["out_of_date"] = st.Due, st.OutOfDate
	case *domain.StrategyDiscussion:
		derived["missing_agencies"] = orEmpty(v.MissingAgencies())
	case *domain.Section47Enquiry:
		if due, ok := rules.ICPCTarget(cr, v); ok {
			derived["icpc_target"] = due
		}
		if warning := rules.Section47TrainingWarning(v); warning != "" {
			derived["training_warning"] = warning
		}
	case *domain.CoreGroupAction:
		if due := rules.AgencyUpdateDue(v); !due.IsZero() {
			derived["update_due"] = due
			if lead := rules.SafeguardingLead(v.Agency, today); lead != "" && v.UpdateReceivedDate.IsZero() && today.After(due) {
				derived["escalate_to"] = lead
			}
		}
	case *domain.Conference:
		if due := rules.ParentReportDue(v); !due.IsZero() {
			derived["parent_report_due"] = due
		}
		if v.Booked {
			derived["parents_not_ready"] = orEmpty(rules.NotReady(cr, v, today))
		}
	case *domain.ConferenceParent:
		if c := casework.ConferenceOf(cr, v); c != nil {
			due := rules.ParentReportDue(c)
			derived["report_due"] = due
			derived["report_in_time"] = !v.ReportSharedDate.IsZero() && !v.ReportSharedDate.After(due)
		}
		if warning := casework.LanguageWarning(cr, v); warning != "" {
			derived["language_warning"] = warning
		}
	case *domain.MASHRequest:
		if !v.RespondedAt.IsZero() {
			derived["response_minutes"] = int(v.RespondedAt.Sub(v.RequestedAt).Minutes())
		}
	}
	if len(derived) > 0 {
		m["derived"] = derived
	}
	return m
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// readBody reads a JSON object body, answering 400 or 413 when it cannot.
func readBody(w http.ResponseWriter, r *http.Request) (map[string]json.RawMessage, bool) {
	var body map[string]json.RawMessage
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil || body == nil {
		if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
			web.WriteProblem(w, r, http.StatusRequestEntityTooLarge, "", "", nil)
			return nil, false
		}
		web.WriteProblem(w, r, http.StatusBadRequest, "", "The body must be a JSON object of the record's fields.", nil)
		return nil, false
	}
	return body, true
}

// decodeRecord sets a record's fields from a JSON object, field by field,
// so that each value that cannot be read is reported against its field.
// The record's identity and history are not the caller's to set: id and
// updated_* are ignored, and version is required only for an update.
func decodeRecord(body map[string]json.RawMessage, rec domain.Record, update bool) web.FieldErrors {
	var errs web.FieldErrors
	v := reflect.ValueOf(rec).Elem()
	fields := map[string]reflect.StructField{}
	for _, f := range reflect.VisibleFields(v.Type()) {
		if name, _, _ := strings.Cut(f.Tag.Get("json"), ","); name != "" && !f.Anonymous {
			fields[name] = f
		}
	}
	names := make([]string, 0, len(body))
	for name := range body {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		f, ok := fields[name]
		switch {
		case name == "id" || name == "updated_at" || name == "updated_by" || name == "href" || name == "derived":
			continue
		case name == "person_id":
			continue // the child in the path
		case !ok:
			errs.Add(name, fmt.Sprintf("A %s has no field %q", strings.ToLower(domain.KindOf(rec).Title), name))
			continue
		}
		target := v.FieldByIndex(f.Index)
		fresh := reflect.New(target.Type())
		if err := json.Unmarshal(body[name], fresh.Interface()); err != nil {
			errs.Add(name, valueMessage(target.Type()))
			continue
		}
		target.Set(fresh.Elem())
	}
	if update && body["version"] == nil {
		errs.Add("version", "Give the version you read, so that no one else's change is overwritten")
	}
	return errs
}

// valueMessage says what a field's value must look like.
func valueMessage(t reflect.Type) string {
	switch {
	case t == reflect.TypeOf(civil.Date{}):
		return "Must be a date written YYYY-MM-DD, like 2015-10-07, or null"
	case t == reflect.TypeOf(time.Time{}):
		return "Must be a date and time like 2015-10-07T14:30:00+01:00"
	case t.Kind() == reflect.Pointer && t.Elem().Kind() == reflect.Bool, t.Kind() == reflect.Bool:
		return "Must be true or false"
	case t.Kind() == reflect.Int64 || t.Kind() == reflect.Int:
		return "Must be a whole number"
	case t.Kind() == reflect.Slice:
		return "Must be a list of codes, like [\"police\", \"health\"]"
	}
	return "Must be text"
}
