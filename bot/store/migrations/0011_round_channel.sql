-- A round remembers the channel it was posted in. Its post, its answers'
-- posts and their edits and removals are all there, whatever channel its
-- schedule moves to later (`mod schedule edit NAME channel=…`): Slack
-- edits and deletes a message only in the channel it is in. Rounds opened
-- before this are taken to be in their schedule's channel now (the best
-- there is to go on).
ALTER TABLE rounds ADD COLUMN channel_id TEXT NOT NULL DEFAULT '';
UPDATE rounds SET channel_id = (SELECT s.channel_id FROM schedules s WHERE s.id = rounds.schedule_id);
