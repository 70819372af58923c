-- A booked conference that will not be held is cancelled, with the day and
-- why, rather than left booked and listed (AC-15).
ALTER TABLE conferences ADD COLUMN cancelled_date {{date}};
ALTER TABLE conferences ADD COLUMN cancel_reason TEXT NOT NULL DEFAULT '';
