-- Oversight (docs/casework.md, "Oversight"): the concern that starts the
-- strategy discussion clock (AC-02), workers' training (AC-04), the child's
-- voice (AC-09), agency updates at core groups (AC-18), conference chairs'
-- escalations, visits and advocacy (AC-20) and the drift review (AC-21).

-- Concern of significant harm, marked on a contact or a referral
CREATE TABLE harm_concerns (
    {{record}},
    person_id BIGINT NOT NULL REFERENCES persons (id),
    contact_id BIGINT REFERENCES contacts (id),
    referral_id BIGINT REFERENCES referrals (id),
    raised_at {{timestamp}} NOT NULL,
    level TEXT NOT NULL DEFAULT '',
    concern TEXT NOT NULL DEFAULT '',
    raised_by_id BIGINT REFERENCES professionals (id)
);
CREATE INDEX harm_concerns_person ON harm_concerns (person_id);
CREATE INDEX harm_concerns_raised ON harm_concerns (raised_at);

-- Training record: a worker's child protection or joint investigation training
CREATE TABLE training_records (
    {{record}},
    professional_id BIGINT NOT NULL REFERENCES professionals (id),
    course TEXT NOT NULL DEFAULT '',
    completed_date {{date}} NOT NULL,
    expiry_date {{date}},
    provider TEXT NOT NULL DEFAULT ''
);
CREATE INDEX training_records_professional ON training_records (professional_id);

-- The child's voice, part of an assessment, plan, conference, review or
-- visit (record_kind and record_id name it)
CREATE TABLE childs_voices (
    {{record}},
    person_id BIGINT NOT NULL REFERENCES persons (id),
    record_kind TEXT NOT NULL DEFAULT '',
    record_id BIGINT NOT NULL,
    method TEXT NOT NULL DEFAULT '',
    tool TEXT NOT NULL DEFAULT '',
    heard_date {{date}} NOT NULL,
    by_id BIGINT REFERENCES professionals (id),
    content TEXT NOT NULL DEFAULT ''
);
CREATE INDEX childs_voices_person ON childs_voices (person_id);

-- A plan action at a core group: its status and the agency's update
CREATE TABLE core_group_actions (
    {{record}},
    person_id BIGINT NOT NULL REFERENCES persons (id),
    core_group_id BIGINT NOT NULL REFERENCES core_groups (id),
    plan_action_id BIGINT NOT NULL REFERENCES plan_actions (id),
    status TEXT NOT NULL DEFAULT '',
    agency TEXT NOT NULL DEFAULT '',
    update_requested_date {{date}},
    update_received_date {{date}},
    agency_update TEXT NOT NULL DEFAULT ''
);
CREATE INDEX core_group_actions_person ON core_group_actions (person_id);

-- Conference chair's escalation
CREATE TABLE chair_escalations (
    {{record}},
    person_id BIGINT NOT NULL REFERENCES persons (id),
    conference_id BIGINT REFERENCES conferences (id),
    escalation_date {{date}} NOT NULL,
    issue_type TEXT NOT NULL DEFAULT '',
    issue TEXT NOT NULL DEFAULT '',
    escalated_to TEXT NOT NULL DEFAULT '',
    escalated_to_id BIGINT REFERENCES professionals (id),
    response_due {{date}} NOT NULL,
    response TEXT NOT NULL DEFAULT '',
    resolved_date {{date}},
    chair_id BIGINT REFERENCES professionals (id)
);
CREATE INDEX chair_escalations_person ON chair_escalations (person_id);

-- Advocacy for the conference and the chair's visit to the child after it
ALTER TABLE conferences ADD COLUMN advocacy_offered BOOLEAN;
ALTER TABLE conferences ADD COLUMN advocacy_taken_up BOOLEAN;
ALTER TABLE conferences ADD COLUMN chair_visit_date {{date}};

-- A manager's review of a case the drift rules flagged
ALTER TABLE management_decisions ADD COLUMN drift_review BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE management_decisions ADD COLUMN drift_flags TEXT NOT NULL DEFAULT '';
