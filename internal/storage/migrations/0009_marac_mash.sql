-- Domestic abuse and the partnership at the front door (docs/casework.md,
-- "MARAC and the MASH"). A MARAC case is held against the adult victim and
-- the children are linked to it, with the actions the MARAC gave children's
-- social care (FD-11); a MASH information request is one partner agency
-- asked about the child of a contact, and its answer (FD-12). Whether a case
-- is a repeat, and every measure, are derived, never stored.

CREATE TABLE marac_cases (
    {{record}},
    victim_id BIGINT NOT NULL REFERENCES persons (id),
    referral_date {{date}} NOT NULL,
    referring_agency TEXT NOT NULL DEFAULT '',
    hearing_date {{date}},
    agencies_present TEXT NOT NULL DEFAULT '',
    information_shared_date {{date}}
);
-- The repeat flag looks for the victim's earlier hearings.
CREATE INDEX marac_cases_victim ON marac_cases (victim_id, hearing_date);

CREATE TABLE marac_children (
    {{record}},
    person_id BIGINT NOT NULL REFERENCES persons (id),
    marac_case_id BIGINT NOT NULL REFERENCES marac_cases (id),
    UNIQUE (marac_case_id, person_id)
);
CREATE INDEX marac_children_person ON marac_children (person_id);

CREATE TABLE marac_actions (
    {{record}},
    marac_case_id BIGINT NOT NULL REFERENCES marac_cases (id),
    action TEXT NOT NULL DEFAULT '',
    owner_id BIGINT NOT NULL REFERENCES professionals (id),
    due_date {{date}} NOT NULL,
    completed_date {{date}}
);
CREATE INDEX marac_actions_case ON marac_actions (marac_case_id);

CREATE TABLE mash_requests (
    {{record}},
    person_id BIGINT NOT NULL REFERENCES persons (id),
    contact_id BIGINT NOT NULL REFERENCES contacts (id),
    agency TEXT NOT NULL DEFAULT '',
    requested_at {{timestamp}} NOT NULL,
    responded_at {{timestamp}},
    rag TEXT NOT NULL DEFAULT ''
);
CREATE INDEX mash_requests_person ON mash_requests (person_id);
-- The MASH measures read a period's requests by when they were made.
CREATE INDEX mash_requests_requested ON mash_requests (requested_at);
