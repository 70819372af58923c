package synth

import (
	"github.com/waymark-care/waymark/internal/domain"
)

// Practice records: written plans with SMART actions, case notes and
// managers' decisions.

// planDoc is a written plan and its actions.
type planDoc struct {
	p       *domain.Plan
	actions []*domain.PlanAction
}

// smart is an action template: what, by whom, how everyone will know.
type smart struct{ what, who, how string }

var actions = map[string][]smart{
	"cin": {
		{"Attend the parenting programme every week", "Mother", "Certificate of attendance and the worker's observations"},
		{"Make sure the children attend school every day", "Parents", "Attendance above 95% on the school's register"},
		{"Register with the GP and attend the missed health appointments", "Mother", "Health visitor confirms the appointments were kept"},
		{"Refer to the housing officer about the rent arrears", "Social worker", "Housing confirms a repayment plan is in place"},
		{"Complete direct work sessions about feelings and worries", "Social worker", "The child's words recorded in the next review"},
	},
	"cp": {
		{"Keep the home clean and safe, with food in the cupboards", "Parents", "Unannounced visits find the home safe"},
		{"Do not allow the former partner into the home", "Mother", "Police and neighbours report no visits"},
		{"Engage with the drug and alcohol service and provide clear tests", "Father", "Test results shared at core group"},
		{"Take the children to every health appointment", "Parents", "Health visitor and school nurse confirm attendance"},
		{"Complete the domestic abuse recovery programme", "Mother", "Programme worker reports completion"},
		{"See the child alone at every visit", "Social worker", "Visits record that the child was seen alone"},
	},
	"care": {
		{"Arrange family time twice a week, supervised", "Social worker", "Contact records show sessions held"},
		{"Complete the initial health assessment", "Looked after children's nurse", "Health assessment report received"},
		{"Hold the personal education plan meeting", "Virtual school", "PEP signed by the school"},
		{"Complete life story work", "Social worker", "Life story book shared with the child"},
	},
	"pathway": {
		{"Apply for a college course or apprenticeship", "Young person", "Offer letter received"},
		{"Open a bank account and set a budget", "Personal adviser", "Budget agreed and reviewed"},
		{"Register with a GP and dentist", "Young person", "Registration confirmed"},
		{"Find settled accommodation before leaving care", "Personal adviser", "Tenancy or staying put agreement signed"},
	},
}

// writePlan records a plan for a child, with its actions due in the weeks
// ahead. An authorised plan is signed off by the worker's manager.
func (s *sim) writePlan(c *child, by *worker, p *domain.Plan, authorised bool) *planDoc {
	p.PersonID, p.StartDate = c.p.ID, s.today
	if authorised {
		p.AuthorisedByID, p.AuthorisedDate = by.team.manager.p.ID, s.today
	}
	if p.ChildsWords == "" && c.age(s.today) >= 5 {
		p.ChildsWords = oneOf(s.r, "I want to stay at home with my mum.", "I want the arguing to stop.", "I like my school and my friends.", "I want to see my dad more.", "I don't want to move again.", "I want people to listen to me.")
	}
	s.record(by, p)
	s.hearChild(c, by, "plan", p.ID)
	d := &planDoc{p: p}
	if (p.Type == "cp" || p.Type == "cin") && s.chanceOf("vague plan", p.ID).chance(vaguePlan) {
		return d // a plan with no SMART actions (¶37, ¶38)
	}
	list := actions[p.Type]
	first := s.r.IntN(len(list))
	for i := range 2 {
		a := list[(first+i)%len(list)]
		act := &domain.PlanAction{PersonID: c.p.ID, PlanID: p.ID, What: a.what, Who: a.who, HowWeWillKnow: a.how,
			ByWhen: s.daysAfter(s.today, in(14, 90)), Status: "in_progress"}
		if a.who == "Social worker" {
			act.WhoProfessionalID = by.p.ID
		}
		s.record(by, act)
		d.actions = append(d.actions, act)
	}
	return d
}

// closePlan ends a plan and records how far each action got.
func (s *sim) closePlan(d *planDoc, by *worker) {
	if d == nil || !d.p.EndDate.IsZero() {
		return
	}
	d.p.EndDate = s.today
	s.amend(by, d.p)
	for _, a := range d.actions {
		a.Status = pick(s.r, choice[string]{{60, "done"}, {25, "not_done"}, {15, "no_longer_needed"}})
		s.amend(by, a)
	}
}

// note records a case note.
func (s *sim) note(c *child, by *worker, kind, subject, text string, significant bool) {
	s.record(by, &domain.CaseNote{PersonID: c.p.ID, At: s.workingHours(s.today), Type: kind, Subject: subject, Text: text,
		Significant: significant, AuthorID: by.p.ID})
}

// decide records a manager's decision on a child's case.
func (s *sim) decide(c *child, manager *worker, decision, rationale string) {
	s.record(manager, &domain.ManagementDecision{PersonID: c.p.ID, Date: s.today, Decision: decision, Rationale: rationale,
		ManagerID: manager.p.ID, ReviewDate: s.daysAfter(s.today, in(28, 90))})
}
