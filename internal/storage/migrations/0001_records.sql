-- Waymark's records, following the DfE Standard Safeguarding Dataset
-- (shared/reference/data-model.md). Every table starts with {{record}}: the
-- id, the version that guards against silent overwrites, and who changed it
-- last. Unset dates, times, references and optional answers are NULL; unset
-- text is ''. A set of codes (e.g. assessment factors) is one column of
-- space-separated codes. SQLite keeps dates as ISO text (YYYY-MM-DD) and
-- times as fixed-width UTC text, which sort as they should.

-- Organisation
CREATE TABLE organisations (
    {{record}},
    name TEXT NOT NULL DEFAULT '',
    agency TEXT NOT NULL DEFAULT '',
    urn TEXT NOT NULL DEFAULT '',
    postcode TEXT NOT NULL DEFAULT ''
);

-- Team
CREATE TABLE teams (
    {{record}},
    name TEXT NOT NULL DEFAULT '',
    team_type TEXT NOT NULL DEFAULT '',
    parent_team_id BIGINT REFERENCES teams (id),
    manager_id BIGINT
);

-- Professional
CREATE TABLE professionals (
    {{record}},
    staff_id TEXT NOT NULL DEFAULT '',
    name TEXT NOT NULL DEFAULT '',
    role TEXT NOT NULL DEFAULT '',
    job_title TEXT NOT NULL DEFAULT '',
    team_id BIGINT REFERENCES teams (id),
    organisation_id BIGINT REFERENCES organisations (id),
    registration_number TEXT NOT NULL DEFAULT '',
    agency_worker BOOLEAN NOT NULL DEFAULT FALSE,
    fte DOUBLE PRECISION NOT NULL DEFAULT 0,
    email TEXT NOT NULL DEFAULT '',
    start_date {{date}},
    left_date {{date}}
);

-- Prospective adopter
CREATE TABLE prospective_adopters (
    {{record}},
    name TEXT NOT NULL DEFAULT '',
    enquiry_date {{date}},
    registration_date {{date}},
    stage1_decision_date {{date}},
    notice_to_proceed_date {{date}},
    approval_date {{date}},
    withdrawn_date {{date}},
    withdrawn_reason TEXT NOT NULL DEFAULT '',
    number_of_adopters INTEGER NOT NULL DEFAULT 0,
    legal_status TEXT NOT NULL DEFAULT '',
    foster_to_adopt BOOLEAN NOT NULL DEFAULT FALSE,
    social_worker_id BIGINT REFERENCES professionals (id),
    children_approved_for INTEGER NOT NULL DEFAULT 0
);

-- Supervision
CREATE TABLE supervisions (
    {{record}},
    supervisee_id BIGINT NOT NULL REFERENCES professionals (id),
    supervisor_id BIGINT NOT NULL REFERENCES professionals (id),
    supervision_date {{date}} NOT NULL,
    notes TEXT NOT NULL DEFAULT ''
);

-- Person
CREATE TABLE persons (
    {{record}},
    la_child_id TEXT NOT NULL DEFAULT '',
    forename TEXT NOT NULL DEFAULT '',
    surname TEXT NOT NULL DEFAULT '',
    known_as TEXT NOT NULL DEFAULT '',
    sex TEXT NOT NULL DEFAULT '',
    gender TEXT NOT NULL DEFAULT '',
    ethnicity TEXT NOT NULL DEFAULT '',
    date_of_birth {{date}},
    expected_birth {{date}},
    date_of_death {{date}},
    nhs_number TEXT NOT NULL DEFAULT '',
    upn TEXT NOT NULL DEFAULT '',
    former_upn TEXT NOT NULL DEFAULT '',
    upn_unknown TEXT NOT NULL DEFAULT '',
    nationality TEXT NOT NULL DEFAULT '',
    first_language TEXT NOT NULL DEFAULT '',
    interpreter_needed BOOLEAN NOT NULL DEFAULT FALSE,
    restricted BOOLEAN NOT NULL DEFAULT FALSE
);

-- Identifier
CREATE TABLE identifiers (
    {{record}},
    person_id BIGINT NOT NULL REFERENCES persons (id),
    identifier_type TEXT NOT NULL DEFAULT '',
    value TEXT NOT NULL DEFAULT '',
    valid_from {{date}},
    valid_to {{date}}
);
CREATE INDEX identifiers_person ON identifiers (person_id);

-- Address
CREATE TABLE addresses (
    {{record}},
    person_id BIGINT NOT NULL REFERENCES persons (id),
    address_type TEXT NOT NULL DEFAULT '',
    line1 TEXT NOT NULL DEFAULT '',
    line2 TEXT NOT NULL DEFAULT '',
    town TEXT NOT NULL DEFAULT '',
    postcode TEXT NOT NULL DEFAULT '',
    start_date {{date}} NOT NULL,
    end_date {{date}}
);
CREATE INDEX addresses_person ON addresses (person_id);

-- Relationship
CREATE TABLE relationships (
    {{record}},
    person_id BIGINT NOT NULL REFERENCES persons (id),
    related_person_id BIGINT NOT NULL REFERENCES persons (id),
    relationship_type TEXT NOT NULL DEFAULT '',
    parental_responsibility BOOLEAN NOT NULL DEFAULT FALSE,
    lives_with BOOLEAN NOT NULL DEFAULT FALSE,
    start_date {{date}},
    end_date {{date}}
);
CREATE INDEX relationships_person ON relationships (person_id);

-- Disability
CREATE TABLE disabilities (
    {{record}},
    person_id BIGINT NOT NULL REFERENCES persons (id),
    disability_code TEXT NOT NULL DEFAULT ''
);
CREATE INDEX disabilities_person ON disabilities (person_id);

-- Immigration status
CREATE TABLE immigration_statuses (
    {{record}},
    person_id BIGINT NOT NULL REFERENCES persons (id),
    status TEXT NOT NULL DEFAULT '',
    start_date {{date}} NOT NULL,
    end_date {{date}}
);
CREATE INDEX immigration_statuses_person ON immigration_statuses (person_id);

-- Contact
CREATE TABLE contacts (
    {{record}},
    person_id BIGINT NOT NULL REFERENCES persons (id),
    contact_at {{timestamp}} NOT NULL,
    source TEXT NOT NULL DEFAULT '',
    source_organisation_id BIGINT REFERENCES organisations (id),
    domestic_abuse_notification BOOLEAN NOT NULL DEFAULT FALSE,
    sufficient_information BOOLEAN,
    early_help_assessment BOOLEAN NOT NULL DEFAULT FALSE,
    presenting_concerns TEXT NOT NULL DEFAULT '',
    agency_checks TEXT NOT NULL DEFAULT '',
    decision TEXT NOT NULL DEFAULT '',
    decision_at {{timestamp}},
    decided_by_id BIGINT REFERENCES professionals (id),
    professional_id BIGINT REFERENCES professionals (id),
    team_id BIGINT REFERENCES teams (id)
);
CREATE INDEX contacts_person ON contacts (person_id);

-- Referral
CREATE TABLE referrals (
    {{record}},
    person_id BIGINT NOT NULL REFERENCES persons (id),
    contact_id BIGINT REFERENCES contacts (id),
    referral_date {{date}} NOT NULL,
    source TEXT NOT NULL DEFAULT '',
    primary_need TEXT NOT NULL DEFAULT '',
    nfa BOOLEAN NOT NULL DEFAULT FALSE,
    close_date {{date}},
    close_reason TEXT NOT NULL DEFAULT '',
    team_id BIGINT REFERENCES teams (id),
    professional_id BIGINT REFERENCES professionals (id)
);
CREATE INDEX referrals_person ON referrals (person_id);

-- Early help episode
CREATE TABLE early_help_episodes (
    {{record}},
    person_id BIGINT NOT NULL REFERENCES persons (id),
    start_date {{date}} NOT NULL,
    end_date {{date}},
    reason TEXT NOT NULL DEFAULT '',
    end_reason TEXT NOT NULL DEFAULT '',
    initiating_agency TEXT NOT NULL DEFAULT '',
    organisation_id BIGINT REFERENCES organisations (id),
    lead_professional_id BIGINT REFERENCES professionals (id),
    step_down_referral_id BIGINT REFERENCES referrals (id)
);
CREATE INDEX early_help_episodes_person ON early_help_episodes (person_id);

-- Involvement
CREATE TABLE involvements (
    {{record}},
    person_id BIGINT NOT NULL REFERENCES persons (id),
    referral_id BIGINT REFERENCES referrals (id),
    professional_id BIGINT NOT NULL REFERENCES professionals (id),
    team_id BIGINT REFERENCES teams (id),
    role TEXT NOT NULL DEFAULT '',
    start_date {{date}} NOT NULL,
    end_date {{date}},
    change_reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX involvements_person ON involvements (person_id);

-- Assessment
CREATE TABLE assessments (
    {{record}},
    person_id BIGINT NOT NULL REFERENCES persons (id),
    referral_id BIGINT NOT NULL REFERENCES referrals (id),
    start_date {{date}} NOT NULL,
    child_seen_date {{date}},
    seen_alone BOOLEAN,
    not_seen_reason TEXT NOT NULL DEFAULT '',
    factors TEXT NOT NULL DEFAULT '',
    outcomes TEXT NOT NULL DEFAULT '',
    analysis TEXT NOT NULL DEFAULT '',
    completed_date {{date}},
    authorised_date {{date}},
    authorised_by_id BIGINT REFERENCES professionals (id),
    late_reason TEXT NOT NULL DEFAULT '',
    team_id BIGINT REFERENCES teams (id),
    professional_id BIGINT REFERENCES professionals (id)
);
CREATE INDEX assessments_person ON assessments (person_id);

-- Child in need plan
CREATE TABLE cin_plans (
    {{record}},
    person_id BIGINT NOT NULL REFERENCES persons (id),
    referral_id BIGINT NOT NULL REFERENCES referrals (id),
    start_date {{date}} NOT NULL,
    end_date {{date}},
    team_id BIGINT REFERENCES teams (id),
    professional_id BIGINT REFERENCES professionals (id),
    signed_off_by_id BIGINT REFERENCES professionals (id),
    signed_off_date {{date}}
);
CREATE INDEX cin_plans_person ON cin_plans (person_id);

-- Child in need plan review
CREATE TABLE cin_plan_reviews (
    {{record}},
    person_id BIGINT NOT NULL REFERENCES persons (id),
    cin_plan_id BIGINT NOT NULL REFERENCES cin_plans (id),
    review_date {{date}} NOT NULL,
    outcome TEXT NOT NULL DEFAULT '',
    chair_id BIGINT REFERENCES professionals (id)
);
CREATE INDEX cin_plan_reviews_person ON cin_plan_reviews (person_id);

-- Strategy discussion
CREATE TABLE strategy_discussions (
    {{record}},
    person_id BIGINT NOT NULL REFERENCES persons (id),
    referral_id BIGINT NOT NULL REFERENCES referrals (id),
    concern_date {{date}},
    held_at {{timestamp}} NOT NULL,
    face_to_face BOOLEAN NOT NULL DEFAULT FALSE,
    agencies TEXT NOT NULL DEFAULT '',
    missing_agency_reason TEXT NOT NULL DEFAULT '',
    information_shared TEXT NOT NULL DEFAULT '',
    start_section47 BOOLEAN NOT NULL DEFAULT FALSE,
    decision TEXT NOT NULL DEFAULT '',
    chair_id BIGINT REFERENCES professionals (id)
);
CREATE INDEX strategy_discussions_person ON strategy_discussions (person_id);

-- Section 47 enquiry
CREATE TABLE section47_enquiries (
    {{record}},
    person_id BIGINT NOT NULL REFERENCES persons (id),
    referral_id BIGINT NOT NULL REFERENCES referrals (id),
    strategy_discussion_id BIGINT REFERENCES strategy_discussions (id),
    start_date {{date}} NOT NULL,
    end_date {{date}},
    outcome TEXT NOT NULL DEFAULT '',
    team_id BIGINT REFERENCES teams (id),
    professional_id BIGINT REFERENCES professionals (id)
);
CREATE INDEX section47_enquiries_person ON section47_enquiries (person_id);

-- Child protection conference
CREATE TABLE conferences (
    {{record}},
    person_id BIGINT NOT NULL REFERENCES persons (id),
    referral_id BIGINT NOT NULL REFERENCES referrals (id),
    s47_enquiry_id BIGINT REFERENCES section47_enquiries (id),
    conference_type TEXT NOT NULL DEFAULT '',
    target_date {{date}},
    conference_date {{date}} NOT NULL,
    decision TEXT NOT NULL DEFAULT '',
    agencies TEXT NOT NULL DEFAULT '',
    police_report_on_time BOOLEAN,
    reports_shared_date {{date}},
    interpreter_needed BOOLEAN NOT NULL DEFAULT FALSE,
    child_participation TEXT NOT NULL DEFAULT '',
    quorate BOOLEAN,
    chair_id BIGINT REFERENCES professionals (id),
    team_id BIGINT REFERENCES teams (id),
    professional_id BIGINT REFERENCES professionals (id)
);
CREATE INDEX conferences_person ON conferences (person_id);

-- Child protection plan
CREATE TABLE cp_plans (
    {{record}},
    person_id BIGINT NOT NULL REFERENCES persons (id),
    referral_id BIGINT NOT NULL REFERENCES referrals (id),
    conference_id BIGINT REFERENCES conferences (id),
    start_date {{date}} NOT NULL,
    end_date {{date}},
    initial_category TEXT NOT NULL DEFAULT '',
    latest_category TEXT NOT NULL DEFAULT '',
    end_reason TEXT NOT NULL DEFAULT '',
    other_authority BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX cp_plans_person ON cp_plans (person_id);

-- Core group meeting
CREATE TABLE core_groups (
    {{record}},
    person_id BIGINT NOT NULL REFERENCES persons (id),
    cp_plan_id BIGINT NOT NULL REFERENCES cp_plans (id),
    meeting_date {{date}} NOT NULL,
    agencies TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT ''
);
CREATE INDEX core_groups_person ON core_groups (person_id);

-- Visit
CREATE TABLE visits (
    {{record}},
    person_id BIGINT NOT NULL REFERENCES persons (id),
    visit_type TEXT NOT NULL DEFAULT '',
    visit_date {{date}} NOT NULL,
    seen BOOLEAN,
    seen_alone BOOLEAN,
    bedroom_seen BOOLEAN,
    professional_id BIGINT REFERENCES professionals (id),
    notes TEXT NOT NULL DEFAULT ''
);
CREATE INDEX visits_person ON visits (person_id);

-- Placement
CREATE TABLE placements (
    {{record}},
    person_id BIGINT NOT NULL REFERENCES persons (id),
    start_date {{date}} NOT NULL,
    end_date {{date}},
    placement_type TEXT NOT NULL DEFAULT '',
    provider TEXT NOT NULL DEFAULT '',
    organisation_id BIGINT REFERENCES organisations (id),
    urn TEXT NOT NULL DEFAULT '',
    postcode TEXT NOT NULL DEFAULT '',
    distance_miles DOUBLE PRECISION,
    change_reason TEXT NOT NULL DEFAULT '',
    intended_to_eighteen BOOLEAN NOT NULL DEFAULT FALSE,
    placement_plan_date {{date}},
    notification_date {{date}}
);
CREATE INDEX placements_person ON placements (person_id);

-- Episode of care
CREATE TABLE care_episodes (
    {{record}},
    person_id BIGINT NOT NULL REFERENCES persons (id),
    start_date {{date}} NOT NULL,
    reason_new_episode TEXT NOT NULL DEFAULT '',
    legal_status TEXT NOT NULL DEFAULT '',
    primary_need TEXT NOT NULL DEFAULT '',
    placement_id BIGINT REFERENCES placements (id),
    end_date {{date}},
    reason_episode_ceased TEXT NOT NULL DEFAULT '',
    period_start {{date}} NOT NULL
);
CREATE INDEX care_episodes_person ON care_episodes (person_id);

-- Looked-after child review
CREATE TABLE cla_reviews (
    {{record}},
    person_id BIGINT NOT NULL REFERENCES persons (id),
    review_date {{date}} NOT NULL,
    participation TEXT NOT NULL DEFAULT '',
    cancelled BOOLEAN NOT NULL DEFAULT FALSE,
    iro_id BIGINT REFERENCES professionals (id)
);
CREATE INDEX cla_reviews_person ON cla_reviews (person_id);

-- Health check
CREATE TABLE health_checks (
    {{record}},
    person_id BIGINT NOT NULL REFERENCES persons (id),
    check_type TEXT NOT NULL DEFAULT '',
    check_date {{date}} NOT NULL,
    status TEXT NOT NULL DEFAULT ''
);
CREATE INDEX health_checks_person ON health_checks (person_id);

-- Immunisation status
CREATE TABLE immunisations (
    {{record}},
    person_id BIGINT NOT NULL REFERENCES persons (id),
    status_date {{date}} NOT NULL,
    up_to_date BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX immunisations_person ON immunisations (person_id);

-- SDQ score
CREATE TABLE sdq_scores (
    {{record}},
    person_id BIGINT NOT NULL REFERENCES persons (id),
    completed_date {{date}} NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    score INTEGER
);
CREATE INDEX sdq_scores_person ON sdq_scores (person_id);

-- Substance misuse
CREATE TABLE substance_misuse (
    {{record}},
    person_id BIGINT NOT NULL REFERENCES persons (id),
    identified_date {{date}} NOT NULL,
    substance TEXT NOT NULL DEFAULT '',
    intervention_received BOOLEAN
);
CREATE INDEX substance_misuse_person ON substance_misuse (person_id);

-- Conviction
CREATE TABLE convictions (
    {{record}},
    person_id BIGINT NOT NULL REFERENCES persons (id),
    offence_date {{date}} NOT NULL,
    offence TEXT NOT NULL DEFAULT ''
);
CREATE INDEX convictions_person ON convictions (person_id);

-- Personal education plan
CREATE TABLE peps (
    {{record}},
    person_id BIGINT NOT NULL REFERENCES persons (id),
    pep_date {{date}} NOT NULL,
    school TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT ''
);
CREATE INDEX peps_person ON peps (person_id);

-- Missing episode
CREATE TABLE missing_episodes (
    {{record}},
    person_id BIGINT NOT NULL REFERENCES persons (id),
    missing_type TEXT NOT NULL DEFAULT '',
    start_at {{timestamp}} NOT NULL,
    return_at {{timestamp}},
    interview_offered BOOLEAN,
    interview_accepted BOOLEAN,
    interview_at {{timestamp}},
    reported_to_police BOOLEAN NOT NULL DEFAULT FALSE,
    interview_findings TEXT NOT NULL DEFAULT '',
    interviewer_agency TEXT NOT NULL DEFAULT '',
    carer_debrief_offered BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX missing_episodes_person ON missing_episodes (person_id);

-- Pre-proceedings
CREATE TABLE pre_proceedings (
    {{record}},
    person_id BIGINT NOT NULL REFERENCES persons (id),
    referral_id BIGINT REFERENCES referrals (id),
    decision_date {{date}} NOT NULL,
    letter_date {{date}},
    fgdm_offered BOOLEAN NOT NULL DEFAULT FALSE,
    fgdm_held BOOLEAN NOT NULL DEFAULT FALSE,
    initial_meeting_date {{date}},
    review_meetings INTEGER NOT NULL DEFAULT 0,
    parents_legal_rep BOOLEAN,
    step_decision_date {{date}},
    outcome TEXT NOT NULL DEFAULT '',
    end_date {{date}}
);
CREATE INDEX pre_proceedings_person ON pre_proceedings (person_id);

-- Care proceedings
CREATE TABLE care_proceedings (
    {{record}},
    person_id BIGINT NOT NULL REFERENCES persons (id),
    court_reference TEXT NOT NULL DEFAULT '',
    issue_date {{date}} NOT NULL,
    short_notice BOOLEAN NOT NULL DEFAULT FALSE,
    short_notice_reason TEXT NOT NULL DEFAULT '',
    initial_plan TEXT NOT NULL DEFAULT '',
    extension_weeks INTEGER NOT NULL DEFAULT 0,
    final_order_date {{date}},
    final_order TEXT NOT NULL DEFAULT ''
);
CREATE INDEX care_proceedings_person ON care_proceedings (person_id);

-- Court hearing
CREATE TABLE court_hearings (
    {{record}},
    person_id BIGINT NOT NULL REFERENCES persons (id),
    proceedings_id BIGINT NOT NULL REFERENCES care_proceedings (id),
    hearing_date {{date}} NOT NULL,
    hearing_type TEXT NOT NULL DEFAULT '',
    outcome TEXT NOT NULL DEFAULT ''
);
CREATE INDEX court_hearings_person ON court_hearings (person_id);

-- Court order
CREATE TABLE court_orders (
    {{record}},
    person_id BIGINT NOT NULL REFERENCES persons (id),
    proceedings_id BIGINT REFERENCES care_proceedings (id),
    order_type TEXT NOT NULL DEFAULT '',
    made_date {{date}} NOT NULL,
    expiry_date {{date}},
    end_date {{date}}
);
CREATE INDEX court_orders_person ON court_orders (person_id);

-- Adoption and permanence
CREATE TABLE permanence (
    {{record}},
    person_id BIGINT NOT NULL REFERENCES persons (id),
    adm_decision_date {{date}} NOT NULL,
    ffa_decision_date {{date}},
    placement_order_date {{date}},
    matched_date {{date}},
    placed_date {{date}},
    placed_with_carer_date {{date}},
    adopted_by_carer BOOLEAN NOT NULL DEFAULT FALSE,
    adoption_order_date {{date}},
    reversed_date {{date}},
    reversed_reason TEXT NOT NULL DEFAULT '',
    sibling_group BOOLEAN NOT NULL DEFAULT FALSE,
    siblings_together INTEGER NOT NULL DEFAULT 0,
    siblings_apart INTEGER NOT NULL DEFAULT 0,
    adopter_sex TEXT NOT NULL DEFAULT '',
    adopter_legal_status TEXT NOT NULL DEFAULT '',
    number_of_adopters INTEGER NOT NULL DEFAULT 0,
    adopter_id BIGINT REFERENCES prospective_adopters (id)
);
CREATE INDEX permanence_person ON permanence (person_id);

-- Previous permanence
CREATE TABLE previous_permanence (
    {{record}},
    person_id BIGINT NOT NULL REFERENCES persons (id),
    option TEXT NOT NULL DEFAULT '',
    order_date TEXT NOT NULL DEFAULT '',
    la TEXT NOT NULL DEFAULT ''
);
CREATE INDEX previous_permanence_person ON previous_permanence (person_id);

-- Care leaver record
CREATE TABLE care_leavers (
    {{record}},
    person_id BIGINT NOT NULL REFERENCES persons (id),
    recorded_on {{date}} NOT NULL,
    eligibility TEXT NOT NULL DEFAULT '',
    in_touch TEXT NOT NULL DEFAULT '',
    activity TEXT NOT NULL DEFAULT '',
    accommodation TEXT NOT NULL DEFAULT '',
    latest_contact_date {{date}},
    personal_adviser_id BIGINT REFERENCES professionals (id),
    staying_put BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX care_leavers_person ON care_leavers (person_id);

-- Plan
CREATE TABLE plans (
    {{record}},
    person_id BIGINT NOT NULL REFERENCES persons (id),
    plan_type TEXT NOT NULL DEFAULT '',
    cin_plan_id BIGINT REFERENCES cin_plans (id),
    cp_plan_id BIGINT REFERENCES cp_plans (id),
    start_date {{date}} NOT NULL,
    end_date {{date}},
    permanence_plan TEXT NOT NULL DEFAULT '',
    needs_assessment_date {{date}},
    childs_words TEXT NOT NULL DEFAULT '',
    summary TEXT NOT NULL DEFAULT '',
    authorised_by_id BIGINT REFERENCES professionals (id),
    authorised_date {{date}}
);
CREATE INDEX plans_person ON plans (person_id);

-- Plan action
CREATE TABLE plan_actions (
    {{record}},
    person_id BIGINT NOT NULL REFERENCES persons (id),
    plan_id BIGINT NOT NULL REFERENCES plans (id),
    what TEXT NOT NULL DEFAULT '',
    who TEXT NOT NULL DEFAULT '',
    who_professional_id BIGINT REFERENCES professionals (id),
    by_when {{date}} NOT NULL,
    how_we_will_know TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT ''
);
CREATE INDEX plan_actions_person ON plan_actions (person_id);

-- Case note
CREATE TABLE case_notes (
    {{record}},
    person_id BIGINT NOT NULL REFERENCES persons (id),
    noted_at {{timestamp}} NOT NULL,
    note_type TEXT NOT NULL DEFAULT '',
    subject TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL DEFAULT '',
    significant BOOLEAN NOT NULL DEFAULT FALSE,
    author_id BIGINT REFERENCES professionals (id)
);
CREATE INDEX case_notes_person ON case_notes (person_id);

-- Management decision
CREATE TABLE management_decisions (
    {{record}},
    person_id BIGINT NOT NULL REFERENCES persons (id),
    decision_date {{date}} NOT NULL,
    decision TEXT NOT NULL DEFAULT '',
    rationale TEXT NOT NULL DEFAULT '',
    manager_id BIGINT REFERENCES professionals (id),
    review_date {{date}}
);
CREATE INDEX management_decisions_person ON management_decisions (person_id);

-- Case discussed in supervision
CREATE TABLE supervision_cases (
    {{record}},
    person_id BIGINT NOT NULL REFERENCES persons (id),
    supervision_id BIGINT NOT NULL REFERENCES supervisions (id),
    discussion TEXT NOT NULL DEFAULT '',
    actions TEXT NOT NULL DEFAULT ''
);
CREATE INDEX supervision_cases_person ON supervision_cases (person_id);

-- Case audit
CREATE TABLE case_audits (
    {{record}},
    person_id BIGINT NOT NULL REFERENCES persons (id),
    audit_date {{date}} NOT NULL,
    auditor_id BIGINT REFERENCES professionals (id),
    grade TEXT NOT NULL DEFAULT '',
    findings TEXT NOT NULL DEFAULT '',
    actions TEXT NOT NULL DEFAULT ''
);
CREATE INDEX case_audits_person ON case_audits (person_id);

CREATE UNIQUE INDEX persons_la_child_id ON persons (la_child_id) WHERE la_child_id <> '';
CREATE INDEX persons_surname ON persons (surname, forename);
CREATE INDEX persons_date_of_birth ON persons (date_of_birth);
CREATE INDEX relationships_related_person ON relationships (related_person_id);
CREATE INDEX involvements_professional ON involvements (professional_id, end_date);
CREATE INDEX referrals_referral_date ON referrals (referral_date);

-- The audit trail: every create, update and delete, chained by hash. Entries
-- are written in sequence; audit_head holds the newest so that writers queue
-- on one row and the chain follows commit order.
CREATE TABLE audit_log (
    seq BIGINT PRIMARY KEY,
    at {{timestamp}} NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    kind TEXT NOT NULL,
    record_id BIGINT NOT NULL,
    person_id BIGINT,
    before TEXT,
    after TEXT,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX audit_log_record ON audit_log (kind, record_id);
CREATE INDEX audit_log_person ON audit_log (person_id);
CREATE INDEX audit_log_actor ON audit_log (actor, at);

CREATE TABLE audit_head (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    seq BIGINT NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
