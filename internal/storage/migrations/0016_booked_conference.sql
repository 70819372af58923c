-- A conference is booked before it is held (AC-15): the parents' reports
-- and interpreters are then checked against the day it is booked for.
-- Every conference recorded before this was recorded once held.
ALTER TABLE conferences ADD COLUMN booked BOOLEAN NOT NULL DEFAULT FALSE;
