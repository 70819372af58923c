-- A disability that no longer applies is ended, not deleted: records are
-- never deleted, and a contact or return looks at the disabilities in force
-- on its day (FD-13).
ALTER TABLE disabilities ADD COLUMN end_date {{date}};
