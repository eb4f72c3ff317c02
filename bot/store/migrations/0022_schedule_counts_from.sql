-- The moment from which a schedule's fires count (`Schedule.counts_from`): when it was created, or its time, its
-- timezone or its pause last changed. A fire before it was never "missed", so starting again (or the terminal's
-- clock moving on) never opens it: a check-in created at 10:52 for "daily 10:00" first opens the next day, as
-- its preview said, and a resumed one does not open the round its pause held back. Schedules made before this
-- count from when they were created.
ALTER TABLE schedules ADD COLUMN counts_from TEXT;
UPDATE schedules SET counts_from = created_at;
