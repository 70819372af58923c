-- A key event's mark can be taken off (AC-08): records are never deleted,
-- so the mark keeps who took it off and when.
ALTER TABLE key_events ADD COLUMN unmarked_date {{date}};
ALTER TABLE key_events ADD COLUMN unmarked_by_id BIGINT REFERENCES professionals (id);
