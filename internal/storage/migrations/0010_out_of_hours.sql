-- Contacts the out-of-hours (emergency duty) service received, and their
-- handover to the front door by the next working day: when, and who
-- received it (requirements FD-02). Whether a contact was decided within a
-- working day is derived, never stored.
ALTER TABLE contacts ADD COLUMN out_of_hours BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE contacts ADD COLUMN handover_at {{timestamp}};
ALTER TABLE contacts ADD COLUMN handover_to_id BIGINT REFERENCES professionals (id);
