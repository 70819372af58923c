-- The assessment record (docs/casework.md, "The assessment record"): the
-- sources an assessment consulted (AC-05), the chronology review and the
-- history analysis (AC-08), the summary for the family (AC-05), the tools
-- used and why no neglect tool was (AC-10); the child's case summary and
-- the chronology's key events (AC-08).
ALTER TABLE assessments ADD COLUMN chronology_reviewed_date {{date}};
ALTER TABLE assessments ADD COLUMN history_analysis TEXT NOT NULL DEFAULT '';
ALTER TABLE assessments ADD COLUMN family_summary TEXT NOT NULL DEFAULT '';
ALTER TABLE assessments ADD COLUMN neglect_tool_reason TEXT NOT NULL DEFAULT '';

-- A source consulted: agency, person or role, date, what they said
CREATE TABLE assessment_sources (
    {{record}},
    person_id BIGINT NOT NULL REFERENCES persons (id),
    assessment_id BIGINT NOT NULL REFERENCES assessments (id),
    agency TEXT NOT NULL DEFAULT '',
    consulted TEXT NOT NULL DEFAULT '',
    consulted_date {{date}} NOT NULL,
    summary TEXT NOT NULL DEFAULT ''
);
CREATE INDEX assessment_sources_person ON assessment_sources (person_id);

-- A tool used in an assessment (a tool of the local setting
-- assessment.tools), with its score or rating
CREATE TABLE assessment_tool_uses (
    {{record}},
    person_id BIGINT NOT NULL REFERENCES persons (id),
    assessment_id BIGINT NOT NULL REFERENCES assessments (id),
    tool TEXT NOT NULL DEFAULT '',
    used_date {{date}} NOT NULL,
    score INTEGER,
    rating TEXT NOT NULL DEFAULT '',
    by_id BIGINT REFERENCES professionals (id),
    notes TEXT NOT NULL DEFAULT ''
);
CREATE INDEX assessment_tool_uses_person ON assessment_tool_uses (person_id);

-- The child's case summary: one a child, changed as the case goes on
CREATE TABLE case_summaries (
    {{record}},
    person_id BIGINT NOT NULL REFERENCES persons (id),
    summary TEXT NOT NULL DEFAULT '',
    last_updated {{date}} NOT NULL,
    by_id BIGINT REFERENCES professionals (id)
);
CREATE UNIQUE INDEX case_summaries_person ON case_summaries (person_id);

-- An event of the chronology marked as key: the record it comes from and
-- the day of the event
CREATE TABLE key_events (
    {{record}},
    person_id BIGINT NOT NULL REFERENCES persons (id),
    record_kind TEXT NOT NULL DEFAULT '',
    record_id BIGINT NOT NULL,
    event_date {{date}} NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    marked_by_id BIGINT REFERENCES professionals (id)
);
CREATE INDEX key_events_person ON key_events (person_id);
