-- The front door (docs/casework.md, requirements FD-03, FD-04, FD-09, FD-13).
-- A contact records the threshold level as the referrer saw it and as the
-- screening manager decided it, with the guidance in force (FD-03); a police
-- domestic abuse notification its reference, incident, DASH risk level,
-- children, victim and perpetrator, the information it held and the request
-- to the police for what it lacked (FD-09); the child's disability and the
-- consultation with a disability specialist (FD-13). Counts (earlier
-- notifications, agreement rates) are derived, never stored.
ALTER TABLE contacts ADD COLUMN referrer_threshold TEXT NOT NULL DEFAULT '';
ALTER TABLE contacts ADD COLUMN threshold_decision TEXT NOT NULL DEFAULT '';
ALTER TABLE contacts ADD COLUMN threshold_guidance TEXT NOT NULL DEFAULT '';
ALTER TABLE contacts ADD COLUMN police_reference TEXT NOT NULL DEFAULT '';
ALTER TABLE contacts ADD COLUMN incident_at {{timestamp}};
ALTER TABLE contacts ADD COLUMN dash_risk TEXT NOT NULL DEFAULT '';
ALTER TABLE contacts ADD COLUMN children_presence TEXT NOT NULL DEFAULT '';
ALTER TABLE contacts ADD COLUMN victim_id BIGINT REFERENCES persons (id);
ALTER TABLE contacts ADD COLUMN perpetrator_id BIGINT REFERENCES persons (id);
ALTER TABLE contacts ADD COLUMN information_items TEXT NOT NULL DEFAULT '';
ALTER TABLE contacts ADD COLUMN information_requested_date {{date}};
ALTER TABLE contacts ADD COLUMN information_due_date {{date}};
ALTER TABLE contacts ADD COLUMN information_received_date {{date}};
ALTER TABLE contacts ADD COLUMN disabled BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE contacts ADD COLUMN disability_types TEXT NOT NULL DEFAULT '';
ALTER TABLE contacts ADD COLUMN disability_consulted_date {{date}};
ALTER TABLE contacts ADD COLUMN disability_consulted_id BIGINT REFERENCES professionals (id);
ALTER TABLE contacts ADD COLUMN disability_team_id BIGINT REFERENCES teams (id);
-- The threshold profile reads a quarter's contacts by when they came in.
CREATE INDEX contacts_contact_at ON contacts (contact_at);

-- A worker's registration (FD-04): a registered social worker's Social Work
-- England registration runs from registered_from to registration_expiry; an
-- unqualified worker may gather information but not assess or decide.
-- Existing staff are left unrecorded: an administrator records each one.
ALTER TABLE professionals ADD COLUMN registration TEXT NOT NULL DEFAULT '';
ALTER TABLE professionals ADD COLUMN registered_from {{date}};
ALTER TABLE professionals ADD COLUMN registration_expiry {{date}};
ALTER TABLE professionals ADD COLUMN disability_specialist BOOLEAN NOT NULL DEFAULT FALSE;
