-- Conferences, parents and risk (docs/casework.md, "Parents at conferences"
-- and "Risk ratings"): each parent's part in a conference, with their
-- language and when they had the report (AC-15); a risk rating at each
-- conference and core group (AC-18, AC-21); a concern of significant harm
-- marked on a visit or a case note (AC-02).

-- A parent's part in a conference
CREATE TABLE conference_parents (
    {{record}},
    person_id BIGINT NOT NULL REFERENCES persons (id),
    conference_id BIGINT NOT NULL REFERENCES conferences (id),
    parent_id BIGINT NOT NULL REFERENCES persons (id),
    preferred_language TEXT NOT NULL DEFAULT '',
    interpreter_needed BOOLEAN,
    communication_needs TEXT NOT NULL DEFAULT '',
    report_shared_date {{date}},
    translated_summary_date {{date}},
    interpreter_booked_date {{date}},
    attended BOOLEAN
);
CREATE INDEX conference_parents_person ON conference_parents (person_id);

-- The risk to the child as each conference and core group judged it
ALTER TABLE conferences ADD COLUMN risk_rating TEXT NOT NULL DEFAULT '';
ALTER TABLE core_groups ADD COLUMN risk_rating TEXT NOT NULL DEFAULT '';

-- A concern of significant harm found on a visit or noted on the file
ALTER TABLE harm_concerns ADD COLUMN visit_id BIGINT REFERENCES visits (id);
ALTER TABLE harm_concerns ADD COLUMN case_note_id BIGINT REFERENCES case_notes (id);
