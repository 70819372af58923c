package storagetest

import (
	"cmp"
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/waymark-care/waymark/internal/civil"
	"github.com/waymark-care/waymark/internal/domain"
	"github.com/waymark-care/waymark/internal/storage"
)

// Workforce is a small authority's staff: a team, its manager and a social
// worker, an IRO and a police force, for fixtures to refer to.
type Workforce struct {
	Police                   domain.Organisation
	Team                     domain.Team
	Manager, Worker, IRO, PA domain.Professional
	Supervision              domain.Supervision
	Adopters                 domain.ProspectiveAdopter
	Training                 domain.TrainingRecord
}

// Change is the change fixtures are recorded as.
var Change = storage.Change{Actor: "fixture", At: time.Date(2024, 4, 1, 9, 0, 0, 0, time.UTC)}

// AddWorkforce stores a Workforce.
func AddWorkforce(t testing.TB, db *storage.DB) *Workforce {
	t.Helper()
	w := &Workforce{}
	err := db.Write(context.Background(), Change, func(tx *storage.Tx) error {
		w.Police = domain.Organisation{Name: "South Yorkshire Police", Agency: "police"}
		w.Team = domain.Team{Name: "Assessment Team North", Type: "assessment"}
		if err := insert(tx, &w.Police, &w.Team); err != nil {
			return err
		}
		prof := func(name, role string) domain.Professional {
			return domain.Professional{Name: name, Role: role, TeamID: w.Team.ID, FTE: 1, StartDate: civil.MustParse("2015-01-05")}
		}
		w.Manager, w.Worker, w.IRO, w.PA = prof("Alex Manager", "team_manager"), prof("Sam Worker", "social_worker"), prof("Jo Reviewer", "iro"), prof("Pat Adviser", "personal_adviser")
		// Both are registered social workers for every date the fixtures
		// use (FD-04).
		for _, p := range []*domain.Professional{&w.Manager, &w.Worker} {
			p.Registration, p.RegisteredFrom, p.RegistrationExpiry = "registered", civil.MustParse("2015-01-05"), civil.MustParse("2027-11-30")
		}
		w.Worker.RegistrationNumber, w.Manager.RegistrationNumber = "SW104233", "SW087112"
		if err := insert(tx, &w.Manager, &w.Worker, &w.IRO, &w.PA); err != nil {
			return err
		}
		w.Team.ManagerID = w.Manager.ID
		w.Supervision = domain.Supervision{SuperviseeID: w.Worker.ID, SupervisorID: w.Manager.ID, Date: civil.MustParse("2019-03-01"), Notes: "Caseload reviewed."}
		w.Adopters = domain.ProspectiveAdopter{Name: "The Example household", RegistrationDate: civil.MustParse("2019-01-10"), Stage1DecisionDate: civil.MustParse("2019-03-01"),
			NoticeToProceedDate: civil.MustParse("2019-03-20"), ApprovalDate: civil.MustParse("2019-07-15"), NumberOfAdopters: 2, LegalStatus: "L0"}
		if err := tx.Update(&w.Team); err != nil {
			return err
		}
		w.Training = domain.TrainingRecord{ProfessionalID: w.Worker.ID, Course: "child_protection", CompletedDate: civil.MustParse("2018-06-04"), Provider: "Safeguarding partnership"}
		return insert(tx, &w.Supervision, &w.Adopters, &w.Training)
	})
	if err != nil {
		t.Fatalf("add workforce: %v", err)
	}
	return w
}

func insert(tx *storage.Tx, rs ...domain.Record) error {
	for _, r := range rs {
		if err := tx.Insert(r); err != nil {
			return err
		}
	}
	return nil
}

// AddChild stores one child with a full history through every stage of the
// service — about 230 records covering every child-level kind — and returns
// the person's ID. n makes the child's identifiers unique.
func AddChild(t testing.TB, db *storage.DB, w *Workforce, n int) int64 {
	t.Helper()
	return AddChildBy(t, db.Write, w, n)
}

// AddChildBy is AddChild written by write: db.Write, or db.Load for a bulk
// load.
func AddChildBy(t testing.TB, write func(context.Context, storage.Change, func(*storage.Tx) error) error, w *Workforce, n int) int64 {
	t.Helper()
	var id int64
	err := write(context.Background(), Change, func(tx *storage.Tx) error {
		var err error
		id, err = writeChild(tx, w, n)
		return err
	})
	if err != nil {
		t.Fatalf("add child: %v", err)
	}
	return id
}

func ptr[T any](v T) *T { return &v }

func writeChild(tx *storage.Tx, w *Workforce, n int) (int64, error) {
	d := civil.MustParse
	at := func(date string, hour int) time.Time {
		t := d(date).Time()
		return t.Add(time.Duration(hour) * time.Hour)
	}
	child := &domain.Person{LAChildID: fmt.Sprintf("DN%06d", n), Forename: "Ellie", Surname: "Example", Sex: "F", Gender: "02",
		Ethnicity: "WBRI", DateOfBirth: d("2010-05-14"), NHSNumber: "9434765919", UPN: "A123456789012", Language: "English"}
	mother := &domain.Person{Forename: "Dana", Surname: "Example", Sex: "F", DateOfBirth: d("1988-02-01")}
	father := &domain.Person{Forename: "Lee", Surname: "Sample", Sex: "M", DateOfBirth: d("1985-11-23"), Language: "Polish", InterpreterNeeded: true}
	brother := &domain.Person{Forename: "Max", Surname: "Example", Sex: "M", DateOfBirth: d("2013-08-30")}
	if err := insert(tx, child, mother, father, brother); err != nil {
		return 0, err
	}
	c := child.ID
	records := []domain.Record{
		&domain.Identifier{PersonID: c, Type: "upn", Value: "A123456789012", ValidFrom: d("2014-09-01")},
		&domain.Identifier{PersonID: c, Type: "former_upn", Value: "B123456789012", ValidFrom: d("2012-09-01"), ValidTo: d("2014-08-31")},
		&domain.Address{PersonID: c, Type: "previous", Line1: "1 Example Street", Town: "Doncaster", Postcode: "DN1 1AA", From: d("2010-05-14"), To: d("2018-12-31")},
		&domain.Address{PersonID: c, Type: "home", Line1: "2 Sample Road", Town: "Doncaster", Postcode: "DN4 5BB", From: d("2019-01-01")},
		&domain.Address{PersonID: c, Type: "placement", Line1: "3 Carer Close", Town: "Rotherham", Postcode: "S60 2CC", From: d("2019-09-02")},
		&domain.Relationship{PersonID: c, RelatedPersonID: mother.ID, Type: "mother", ParentalResponsibility: true, LivesWith: true, From: d("2010-05-14")},
		&domain.Relationship{PersonID: c, RelatedPersonID: father.ID, Type: "father", ParentalResponsibility: true, From: d("2010-05-14")},
		&domain.Relationship{PersonID: c, RelatedPersonID: brother.ID, Type: "sibling", LivesWith: true, From: d("2013-08-30")},
		&domain.Relationship{PersonID: brother.ID, RelatedPersonID: mother.ID, Type: "mother", ParentalResponsibility: true, LivesWith: true},
		&domain.Disability{PersonID: c, Code: "COMM"},
		&domain.ImmigrationStatus{PersonID: c, Status: "british_citizen", From: d("2010-05-14")},
		&domain.Contact{PersonID: c, ContactAt: at("2018-03-05", 10), Source: "2A", PresentingConcerns: "Bruising noticed at school.", Decision: "advice_signpost", DecisionAt: at("2018-03-05", 15), TeamID: w.Team.ID},
		&domain.EarlyHelpEpisode{PersonID: c, StartDate: d("2018-03-12"), EndDate: d("2018-09-28"), Reason: "Parenting support", EndReason: "step_up", InitiatingAgency: "education", LeadProfessionalID: w.Worker.ID},
	}
	if err := insert(tx, records...); err != nil {
		return 0, err
	}
	contact := &domain.Contact{PersonID: c, ContactAt: at("2019-01-07", 9), Source: "6", DomesticAbuseNotification: true, SufficientInformation: ptr(true),
		PresentingConcerns: "Police called to domestic incident; children present.", AgencyChecks: "Health, education and police checks completed.",
		Decision: "strategy_discussion", DecisionAt: at("2019-01-07", 14), DecidedByID: w.Manager.ID, ProfessionalID: w.Worker.ID, TeamID: w.Team.ID}
	if err := insert(tx, contact); err != nil {
		return 0, err
	}
	// The MASH asks its partners about the notification (FD-12), and the
	// MARAC hears Dana's case, with Ellie and Max linked to it (FD-11).
	marac := &domain.MARACCase{VictimID: mother.ID, ReferralDate: d("2019-01-08"), ReferringAgency: "police", HearingDate: d("2019-01-24"),
		AgenciesPresent: []string{"police", "health", "childrens_social_care", "housing", "voluntary"}, InformationSharedDate: d("2019-01-22")}
	if err := insert(tx, marac); err != nil {
		return 0, err
	}
	if err := insert(tx,
		&domain.MASHRequest{PersonID: c, ContactID: contact.ID, Agency: "police", RequestedAt: at("2019-01-07", 10), RespondedAt: at("2019-01-07", 12), RAG: "red"},
		&domain.MASHRequest{PersonID: c, ContactID: contact.ID, Agency: "health", RequestedAt: at("2019-01-07", 10), RespondedAt: at("2019-01-07", 13), RAG: "amber"},
		&domain.MASHRequest{PersonID: c, ContactID: contact.ID, Agency: "education", RequestedAt: at("2019-01-07", 10)},
		&domain.MARACChild{PersonID: c, MARACCaseID: marac.ID},
		&domain.MARACChild{PersonID: brother.ID, MARACCaseID: marac.ID},
		&domain.MARACAction{MARACCaseID: marac.ID, Action: "Share the child protection plan with the IDVA.", OwnerID: w.Worker.ID, DueDate: d("2019-02-07"), CompletedDate: d("2019-02-05")},
	); err != nil {
		return 0, err
	}
	referral := &domain.Referral{PersonID: c, ContactID: contact.ID, ReferralDate: d("2019-01-07"), Source: "6", PrimaryNeed: "N1", TeamID: w.Team.ID, ProfessionalID: w.Worker.ID}
	if err := insert(tx, referral); err != nil {
		return 0, err
	}
	r := referral.ID
	concern := &domain.HarmConcern{PersonID: c, ContactID: contact.ID, ReferralID: r, RaisedAt: at("2019-01-07", 14), Level: "reasonable_cause",
		Concern: "Children present at a serious domestic incident.", RaisedByID: w.Manager.ID}
	if err := insert(tx, concern); err != nil {
		return 0, err
	}
	strategy := &domain.StrategyDiscussion{PersonID: c, ReferralID: r, ConcernDate: d("2019-01-07"), HeldAt: at("2019-01-08", 11),
		Agencies: []string{"childrens_social_care", "police", "health"}, InformationShared: "Previous incidents shared by police.", StartSection47: true, Decision: "Section 47 enquiry", ChairID: w.Manager.ID}
	if err := insert(tx, strategy); err != nil {
		return 0, err
	}
	s47 := &domain.Section47Enquiry{PersonID: c, ReferralID: r, StrategyDiscussionID: strategy.ID, StartDate: d("2019-01-08"), EndDate: d("2019-01-25"), Outcome: "substantiated_icpc", TeamID: w.Team.ID, ProfessionalID: w.Worker.ID}
	if err := insert(tx, s47); err != nil {
		return 0, err
	}
	icpc := &domain.Conference{PersonID: c, ReferralID: r, S47EnquiryID: s47.ID, Type: "initial", TargetDate: d("2019-01-29"), Date: d("2019-01-28"),
		Decision: "cp_plan", Agencies: []string{"childrens_social_care", "police", "health", "education"}, PoliceReportOnTime: ptr(true),
		ReportsSharedDate: d("2019-01-25"), ChildParticipation: "PN1", Quorate: ptr(true), ChairID: w.IRO.ID,
		AdvocacyOffered: ptr(true), AdvocacyTakenUp: ptr(false), ChairVisitDate: d("2019-02-04"), RiskRating: "high"}
	if err := insert(tx, icpc); err != nil {
		return 0, err
	}
	if err := insert(tx,
		&domain.ConferenceParent{PersonID: c, ConferenceID: icpc.ID, ParentID: mother.ID, Language: "English", InterpreterNeeded: ptr(false),
			CommunicationNeeds: "Reads little: the report was read through with her.", ReportSharedDate: d("2019-01-24"), Attended: ptr(true)},
		&domain.ConferenceParent{PersonID: c, ConferenceID: icpc.ID, ParentID: father.ID, Language: "Polish", InterpreterNeeded: ptr(true),
			ReportSharedDate: d("2019-01-25"), TranslatedSummaryDate: d("2019-01-25"), InterpreterBookedDate: d("2019-01-21"), Attended: ptr(false)},
	); err != nil {
		return 0, err
	}
	if err := insert(tx, &domain.ChairEscalation{PersonID: c, ConferenceID: icpc.ID, Date: d("2019-03-11"), IssueType: "agency_non_compliance",
		Issue: "No health update for two core groups.", EscalatedTo: "Named nurse for safeguarding", ResponseDue: d("2019-03-25"),
		Response: "Health visitor allocated.", ResolvedDate: d("2019-03-20"), ChairID: w.IRO.ID}); err != nil {
		return 0, err
	}
	cpPlan := &domain.CPPlan{PersonID: c, ReferralID: r, ConferenceID: icpc.ID, StartDate: d("2019-01-28"), EndDate: d("2019-08-30"), InitialCategory: "EMO", LatestCategory: "NEG", EndReason: "Child became looked after"}
	assessment := &domain.Assessment{PersonID: c, ReferralID: r, StartDate: d("2019-01-07"), ChildSeenDate: d("2019-01-09"), SeenAlone: ptr(true),
		Factors: []string{"3A", "3B", "4B"}, Outcomes: []string{"strategy_discussion", "provide_services"}, Analysis: "Ellie is frightened at home.",
		CompletedDate: d("2019-02-28"), AuthorisedDate: d("2019-03-01"), AuthorisedByID: w.Manager.ID, TeamID: w.Team.ID, ProfessionalID: w.Worker.ID,
		ChronologyReviewedDate: d("2019-01-10"), HistoryAnalysis: "Two earlier referrals about shouting at home were closed without an assessment.",
		FamilySummary: "We are worried that Ellie is frightened at home. We will work with you to keep her safe."}
	if err := insert(tx, cpPlan, assessment); err != nil {
		return 0, err
	}
	if err := insert(tx,
		&domain.AssessmentSource{PersonID: c, AssessmentID: assessment.ID, Agency: "education", Consulted: "Designated safeguarding lead", Date: d("2019-01-14"), Summary: "Ellie is often late and tired."},
		&domain.AssessmentSource{PersonID: c, AssessmentID: assessment.ID, Agency: "police", Consulted: "Public protection unit", Date: d("2019-01-15"), Summary: "Three call-outs to the address this year."},
		&domain.AssessmentToolUse{PersonID: c, AssessmentID: assessment.ID, Tool: "signs_of_safety", Date: d("2019-02-20"), Score: ptr(3), ByID: w.Worker.ID, Notes: "Family and worker scaled together."},
		&domain.AssessmentToolUse{PersonID: c, AssessmentID: assessment.ID, Tool: "dash", Date: d("2019-01-15"), Score: ptr(15), Rating: "high", ByID: w.Worker.ID},
	); err != nil {
		return 0, err
	}
	if err := insert(tx, &domain.ChildsVoice{PersonID: c, RecordKind: "assessment", RecordID: assessment.ID, Method: "tool", Tool: "Three Houses",
		Date: d("2019-01-09"), ByID: w.Worker.ID, Content: "Ellie drew her worries about the shouting."}); err != nil {
		return 0, err
	}
	cpDoc := &domain.Plan{PersonID: c, Type: "cp", CPPlanID: cpPlan.ID, StartDate: d("2019-01-28"), ChildsWords: "I want the shouting to stop.", Summary: "Keep Ellie safe at home."}
	if err := insert(tx, cpDoc); err != nil {
		return 0, err
	}
	for i := 0; i < 6; i++ {
		date := d("2019-02-08").AddDays(28 * i)
		group := &domain.CoreGroup{PersonID: c, CPPlanID: cpPlan.ID, Date: date, Agencies: []string{"childrens_social_care", "health", "education"}, Notes: "Plan reviewed.",
			RiskRating: []string{"high", "high", "medium", "medium", "medium", "low"}[i]}
		action := &domain.PlanAction{PersonID: c, PlanID: cpDoc.ID, What: fmt.Sprintf("Action %d of the plan", i+1), Who: "Dana Example", ByWhen: date.AddDays(28), HowWeWillKnow: "Core group sees it done", Status: "done"}
		if err := insert(tx, group, action); err != nil {
			return 0, err
		}
		if err := insert(tx, &domain.CoreGroupAction{PersonID: c, CoreGroupID: group.ID, PlanActionID: action.ID, Status: "in_progress",
			Agency: "health", UpdateRequestedDate: date, UpdateReceivedDate: date.AddDays(5), Update: "Appointments kept."}); err != nil {
			return 0, err
		}
	}
	for i, date := range []string{"2019-04-26", "2019-07-26"} {
		if err := insert(tx, &domain.Conference{PersonID: c, ReferralID: r, Type: "review", Date: d(date), Decision: []string{"continue_plan", "end_plan"}[i], Agencies: []string{"childrens_social_care", "police"}, ChairID: w.IRO.ID,
			RiskRating: []string{"high", "medium"}[i]}); err != nil {
			return 0, err
		}
	}
	cinPlan := &domain.CINPlan{PersonID: c, ReferralID: r, StartDate: d("2019-03-01"), EndDate: d("2019-08-30"), TeamID: w.Team.ID, ProfessionalID: w.Worker.ID, SignedOffByID: w.Manager.ID, SignedOffDate: d("2019-03-04")}
	if err := insert(tx, cinPlan); err != nil {
		return 0, err
	}
	cinDoc := &domain.Plan{PersonID: c, Type: "cin", CINPlanID: cinPlan.ID, StartDate: d("2019-03-01"), EndDate: d("2019-08-30")}
	if err := insert(tx, cinDoc,
		&domain.CINPlanReview{PersonID: c, CINPlanID: cinPlan.ID, Date: d("2019-04-12"), Outcome: "Continue"},
		&domain.CINPlanReview{PersonID: c, CINPlanID: cinPlan.ID, Date: d("2019-05-24"), Outcome: "Continue"},
		&domain.Involvement{PersonID: c, ReferralID: r, ProfessionalID: w.Worker.ID, TeamID: w.Team.ID, Role: "allocated_social_worker", From: d("2019-01-07"), To: d("2019-06-30"), ChangeReason: "TSPROC"},
		&domain.Involvement{PersonID: c, ReferralID: r, ProfessionalID: w.Manager.ID, TeamID: w.Team.ID, Role: "team_manager", From: d("2019-01-07")},
		&domain.Involvement{PersonID: c, ProfessionalID: w.IRO.ID, Role: "iro", From: d("2019-09-02")},
		&domain.Involvement{PersonID: c, ProfessionalID: w.PA.ID, Role: "personal_adviser", From: d("2026-05-14")},
		&domain.Assessment{PersonID: c, ReferralID: r, StartDate: d("2019-06-03"), NotSeenReason: "Child refused to meet", CompletedDate: d("2019-08-20"), LateReason: "Specialist report awaited"},
	); err != nil {
		return 0, err
	}
	for i := 0; i < 60; i++ {
		kind := []string{"cp", "cin", "cla"}[i%3]
		if err := insert(tx, &domain.Visit{PersonID: c, Type: kind, Date: d("2019-01-14").AddDays(12 * i), Seen: ptr(i%7 != 0), SeenAlone: ptr(i%3 == 0 && i%7 != 0), BedroomSeen: ptr(i%5 == 0), ProfessionalID: w.Worker.ID}); err != nil {
			return 0, err
		}
	}
	// Into care.
	placements := []*domain.Placement{
		{PersonID: c, StartDate: d("2019-09-02"), EndDate: d("2020-03-15"), Type: "U4", Provider: "PR1", Postcode: "S60 2CC", DistanceMiles: ptr(12.5), ChangeReason: "CARPL", PlacementPlanDate: d("2019-09-02"), NotificationDate: d("2019-09-04")},
		{PersonID: c, StartDate: d("2020-03-16"), EndDate: d("2021-01-10"), Type: "U1", Provider: "PR1", Postcode: "DN4 7DD", DistanceMiles: ptr(2.1), ChangeReason: "CHILD", PlacementPlanDate: d("2020-03-20")},
		{PersonID: c, StartDate: d("2021-01-11"), Type: "U1", Provider: "PR1", Postcode: "DN5 8EE", DistanceMiles: ptr(3.4), IntendedToEighteen: true},
	}
	for _, p := range placements {
		if err := insert(tx, p); err != nil {
			return 0, err
		}
	}
	episodes := []*domain.CareEpisode{
		{PersonID: c, PeriodStart: d("2019-09-02"), StartDate: d("2019-09-02"), ReasonNew: "S", LegalStatus: "V2", PrimaryNeed: "N1", PlacementID: placements[0].ID, EndDate: d("2019-11-20"), ReasonEnded: "X1"},
		{PersonID: c, PeriodStart: d("2019-09-02"), StartDate: d("2019-11-21"), ReasonNew: "L", LegalStatus: "C1", PrimaryNeed: "N1", PlacementID: placements[0].ID, EndDate: d("2020-03-15"), ReasonEnded: "X1"},
		{PersonID: c, PeriodStart: d("2019-09-02"), StartDate: d("2020-03-16"), ReasonNew: "P", LegalStatus: "C1", PrimaryNeed: "N1", PlacementID: placements[1].ID, EndDate: d("2020-06-01"), ReasonEnded: "X1"},
		{PersonID: c, PeriodStart: d("2019-09-02"), StartDate: d("2020-06-02"), ReasonNew: "L", LegalStatus: "C2", PrimaryNeed: "N1", PlacementID: placements[1].ID},
	}
	for _, e := range episodes {
		if err := insert(tx, e); err != nil {
			return 0, err
		}
	}
	carePlan := &domain.Plan{PersonID: c, Type: "care", StartDate: d("2019-09-02"), PermanencePlan: "LTFOST18", ChildsWords: "I like my carers.", AuthorisedByID: w.Manager.ID, AuthorisedDate: d("2019-09-05")}
	pathway := &domain.Plan{PersonID: c, Type: "pathway", StartDate: d("2026-06-20"), NeedsAssessmentDate: d("2026-06-10")}
	if err := insert(tx, carePlan, pathway); err != nil {
		return 0, err
	}
	for i := 0; i < 6; i++ {
		if err := insert(tx, &domain.PlanAction{PersonID: c, PlanID: carePlan.ID, What: "Arrange family time", Who: "Sam Worker", WhoProfessionalID: w.Worker.ID, ByWhen: d("2019-10-01").AddMonths(i), HowWeWillKnow: "Contact records", Status: "in_progress"}); err != nil {
			return 0, err
		}
	}
	for i, date := range []string{"2019-09-27", "2019-12-20", "2020-06-19", "2020-12-18", "2021-06-18"} {
		if err := insert(tx,
			&domain.CLAReview{PersonID: c, Date: d(date), Participation: "PN1", IROID: w.IRO.ID},
			&domain.PEP{PersonID: c, Date: d(date).AddDays(-7), School: "Example Academy"},
			&domain.HealthCheck{PersonID: c, Type: []string{"initial_health_assessment", "review_health_assessment", "dental_check", "review_health_assessment", "dental_check"}[i], Date: d(date).AddDays(3), Status: "completed"},
		); err != nil {
			return 0, err
		}
	}
	if err := insert(tx,
		&domain.Immunisation{PersonID: c, Date: d("2020-03-31"), UpToDate: true},
		&domain.Immunisation{PersonID: c, Date: d("2021-03-31"), UpToDate: true},
		&domain.SDQScore{PersonID: c, Date: d("2020-03-01"), Score: ptr(17)},
		&domain.SDQScore{PersonID: c, Date: d("2021-03-01"), Score: ptr(14)},
		&domain.SDQScore{PersonID: c, Date: d("2022-03-01"), Reason: "SDQ2"},
		&domain.SubstanceMisuse{PersonID: c, Date: d("2022-05-01"), Substance: "Cannabis", InterventionReceived: ptr(true)},
		&domain.Conviction{PersonID: c, Date: d("2023-02-11"), Offence: "Criminal damage"},
		&domain.PreviousPermanence{PersonID: c, Option: "Z1"},
	); err != nil {
		return 0, err
	}
	for i := 0; i < 4; i++ {
		start := at("2022-02-04", 20).AddDate(0, 2*i, 0)
		if err := insert(tx, &domain.MissingEpisode{PersonID: c, Type: []string{"M", "A"}[i%2], StartAt: start, ReturnAt: start.Add(30 * time.Hour),
			InterviewOffered: ptr(true), InterviewAccepted: ptr(i != 2), InterviewAt: start.Add(70 * time.Hour), ReportedToPolice: i%2 == 0, InterviewerAgency: "voluntary"}); err != nil {
			return 0, err
		}
	}
	// Court.
	pre := &domain.PreProceedings{PersonID: c, ReferralID: r, DecisionDate: d("2019-06-10"), LetterDate: d("2019-06-14"), FGDMOffered: true, FGDMHeld: true,
		InitialMeetingDate: d("2019-06-24"), ReviewMeetings: 2, ParentsLegalRep: ptr(true), StepDecisionDate: d("2019-08-30"), Outcome: "issue_proceedings", EndDate: d("2019-09-02")}
	proceedings := &domain.CareProceedings{PersonID: c, CourtReference: "DN19C00123", IssueDate: d("2019-09-02"), InitialPlan: "LTFOST18", FinalOrderDate: d("2020-02-24"), FinalOrder: "care_order"}
	if err := insert(tx, pre, proceedings); err != nil {
		return 0, err
	}
	for i, kind := range []string{"Case management hearing", "Further case management hearing", "Issues resolution hearing", "Final hearing"} {
		if err := insert(tx, &domain.CourtHearing{PersonID: c, ProceedingsID: proceedings.ID, Date: d("2019-09-10").AddDays(40 * i), HearingType: kind, Outcome: "Directions given"}); err != nil {
			return 0, err
		}
	}
	if err := insert(tx,
		&domain.CourtOrder{PersonID: c, ProceedingsID: proceedings.ID, Type: "interim_care_order", MadeDate: d("2019-11-21"), EndDate: d("2020-02-24")},
		&domain.CourtOrder{PersonID: c, ProceedingsID: proceedings.ID, Type: "care_order", MadeDate: d("2020-02-24")},
		&domain.CourtOrder{PersonID: brother.ID, Type: "emergency_protection_order", MadeDate: d("2019-01-08"), ExpiryDate: d("2019-01-15"), EndDate: d("2019-01-15")},
		&domain.Permanence{PersonID: c, ADMDecisionDate: d("2020-03-02"), ReversedDate: d("2020-06-01"), ReversedReason: "RD3", AdopterID: w.Adopters.ID},
		&domain.CareLeaver{PersonID: c, RecordedOn: d("2027-05-14"), Eligibility: "relevant", InTouch: "YES", Activity: "F2", Accommodation: "B1", LatestContactDate: d("2027-05-10"), PersonalAdviserID: w.PA.ID, StayingPut: true},
		&domain.CareLeaver{PersonID: c, RecordedOn: d("2028-05-14"), Eligibility: "former_relevant", InTouch: "YES", Activity: "F1", Accommodation: "T1", LatestContactDate: d("2028-05-02"), PersonalAdviserID: w.PA.ID},
		&domain.CaseAudit{PersonID: c, Date: d("2021-05-05"), AuditorID: w.Manager.ID, Grade: "requires_improvement", Findings: "Plan not SMART.", Actions: "Rewrite plan."},
		&domain.SupervisionCase{PersonID: c, SupervisionID: w.Supervision.ID, Discussion: "Drift in permanence planning.", Actions: "Legal gateway meeting."},
	); err != nil {
		return 0, err
	}
	for i := 0; i < 5; i++ {
		if err := insert(tx, &domain.ManagementDecision{PersonID: c, Date: d("2019-01-08").AddMonths(6 * i), Decision: "Continue with the plan", Rationale: "Risks remain but are reducing.", ManagerID: w.Manager.ID, ReviewDate: d("2019-01-08").AddMonths(6*i + 3)}); err != nil {
			return 0, err
		}
	}
	if err := insert(tx, &domain.ManagementDecision{PersonID: c, Date: d("2019-07-01"), Decision: "Review conference to consider ending the plan", Rationale: "Three actions overdue; progress is made but slowly.",
		ManagerID: w.Manager.ID, DriftReview: true, DriftFlags: []string{"overdue_actions"}}); err != nil {
		return 0, err
	}
	if err := insert(tx,
		&domain.CaseSummary{PersonID: c, Summary: "Ellie came into care in 2019 after domestic abuse at home; she is settled with her foster carers.", LastUpdated: d("2021-05-06"), ByID: w.Worker.ID},
		&domain.KeyEvent{PersonID: c, RecordKind: "strategy_discussion", RecordID: strategy.ID, EventDate: d("2019-01-08"), Reason: "The start of the child protection enquiry.", MarkedByID: w.Worker.ID},
	); err != nil {
		return 0, err
	}
	var firstNote int64
	for i := 0; i < 50; i++ {
		note := &domain.CaseNote{PersonID: c, At: at("2019-01-07", 9).Add(time.Duration(i) * 97 * time.Hour), Type: []string{"visit", "phone_call", "meeting", "email", "significant_event"}[i%5],
			Subject: fmt.Sprintf("Note %d", i+1), Text: "Spoke with Ellie and her carer about school.", Significant: i%5 == 4, AuthorID: w.Worker.ID}
		if err := insert(tx, note); err != nil {
			return 0, err
		}
		firstNote = cmp.Or(firstNote, note.ID)
	}
	// The school's call that day, marked on the note of it: the same day's
	// concern as the contact's, so the same strategy discussion clock (AC-02).
	if err := insert(tx, &domain.HarmConcern{PersonID: c, CaseNoteID: firstNote, RaisedAt: at("2019-01-07", 16), Level: "reasonable_cause",
		Concern: "Ellie told her teacher she was frightened to go home.", RaisedByID: w.Worker.ID}); err != nil {
		return 0, err
	}
	return c, nil
}
