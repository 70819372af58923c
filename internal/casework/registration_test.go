package casework

import (
	"testing"

	"github.com/waymark-care/waymark/internal/domain"
)

// staffList is a Staff for tests.
type staffList struct {
	profs []domain.Professional
	teams []domain.Team
}

func (s staffList) Professional(id int64) *domain.Professional {
	for i := range s.profs {
		if s.profs[i].ID == id {
			return &s.profs[i]
		}
	}
	return nil
}

func (s staffList) Team(id int64) *domain.Team {
	for i := range s.teams {
		if s.teams[i].ID == id {
			return &s.teams[i]
		}
	}
	return nil
}

var staff = staffList{
	profs: []domain.Professional{
		{Entity: ent(1), Name: "Sam Registered", Registration: "registered", RegistrationNumber: "SW1", RegisteredFrom: d("2014-01-01"), RegistrationExpiry: d("2015-11-30")},
		{Entity: ent(2), Name: "Kim Unqualified", Registration: "unqualified"},
		{Entity: ent(3), Name: "Lee Unrecorded"},
		{Entity: ent(4), Name: "Ola Specialist", Registration: "registered", RegistrationNumber: "SW4", RegistrationExpiry: d("2016-11-30"), DisabilitySpecialist: true},
	},
	teams: []domain.Team{{Entity: ent(7), Type: "disabled_children"}, {Entity: ent(8), Type: "assessment"}},
}

// TestCheckWorkers: only a worker registered on the activity date may
// author or complete an assessment, record its analysis, or make a
// threshold decision (FD-04); the consultation about a disabled child is
// with disability expertise (FD-13).
func TestCheckWorkers(t *testing.T) {
	started := &domain.Assessment{Entity: ent(5), StartDate: d("2015-09-01"), ProfessionalID: 1}
	completed := *started
	completed.CompletedDate, completed.Analysis = d("2015-10-20"), "Risk is reducing."
	lateCompletion := completed
	lateCompletion.CompletedDate = d("2015-12-01") // after Sam's registration expired
	decided := &domain.Contact{ContactAt: at("2015-09-01 09:00"), Decision: "nfa", ThresholdDecision: "universal", DecisionAt: at("2015-09-01 14:00"), DecidedByID: 1}
	decidedByKim := *decided
	decidedByKim.DecidedByID = 2
	info := &domain.Contact{ContactAt: at("2015-09-01 09:00"), AgencyChecks: "Known to the school nurse."}
	for _, tt := range []struct {
		name          string
		rec, before   domain.Record
		actor         int64
		today, phrase string
		want          []string
	}{
		{"a registered worker starts an assessment", started, nil, 1, "2015-09-01", "", nil},
		{"an unqualified worker cannot author one", &domain.Assessment{StartDate: d("2015-09-01"), ProfessionalID: 2}, nil, 2, "2015-09-01",
			"Kim Unqualified was not a registered social worker on Tue 1 Sep 2015", []string{"professional_id"}},
		{"nor a worker whose registration is not recorded", &domain.Assessment{StartDate: d("2015-09-01"), ProfessionalID: 3}, nil, 1, "2015-09-01", "", []string{"professional_id"}},
		{"a registered worker completes it", &completed, started, 1, "2015-10-20", "", nil},
		{"an unqualified worker cannot complete it or record its analysis", &completed, started, 2, "2015-10-20",
			"only a registered social worker may record an analysis", []string{"completed_date", "analysis"}},
		{"nor can the author once their registration has expired", &lateCompletion, started, 1, "2015-12-01", "", []string{"professional_id", "completed_date", "analysis"}},
		{"an account with no workforce record: the author is checked", &completed, started, 0, "2015-10-20", "", nil},
		{"a registered manager decides", decided, nil, 1, "2015-09-01", "", nil},
		{"an unqualified worker cannot make the threshold decision", &decidedByKim, nil, 2, "2015-09-01",
			"only a registered social worker may make a threshold decision", []string{"decided_by_id", "threshold_decision"}},
		{"nor record one for a registered manager", decided, nil, 2, "2015-09-01", "may record a threshold decision", []string{"threshold_decision"}},
		{"but may record the information gathered", info, nil, 2, "2015-09-01", "", nil},
		{"nor is an unchanged decision checked again", &decidedByKim, &decidedByKim, 1, "2016-01-04", "", nil},
		// FD-13.
		{"consulted a specialist and the disabled children's team", &domain.Contact{DisabilityConsultedID: 4, DisabilityTeamID: 7}, nil, 1, "2015-09-01", "", nil},
		{"consulted someone who is not a specialist, and another team", &domain.Contact{DisabilityConsultedID: 1, DisabilityTeamID: 8}, nil, 1, "2015-09-01", "",
			[]string{"disability_consulted_id", "disability_team_id"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			wantFields(t, CheckWorkers(tt.rec, tt.before, staff, tt.actor, d(tt.today)), tt.want, tt.phrase)
		})
	}
}
