-- Casework (docs/casework.md): closing a case records a summary, why the
-- child was not seen before closure, and the manager who authorised it
-- (FD-08); an assessment records why other children in the household were
-- not assessed with the child (AC-07).
ALTER TABLE referrals ADD COLUMN closure_summary TEXT NOT NULL DEFAULT '';
ALTER TABLE referrals ADD COLUMN closure_not_seen_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE referrals ADD COLUMN closure_authorised_by_id BIGINT REFERENCES professionals (id);
ALTER TABLE referrals ADD COLUMN closure_authorised_date {{date}};
ALTER TABLE assessments ADD COLUMN household_reason TEXT NOT NULL DEFAULT '';
