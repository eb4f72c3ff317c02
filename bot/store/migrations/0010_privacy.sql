-- A member's own data rights are not moderator business: erasures are no longer
-- written to the moderators' audit log, and the ones written before (with counts
-- of what the member had) are taken out of it.
DELETE FROM audit_log WHERE action = 'member.erased';

-- An answer's named post and its anonymous post are apart: changing an answer
-- to or from anonymous takes one down and puts the other up as a new post,
-- never one edited into the other. `anon_out` says an anonymous post of the
-- answer is out (or on its way), `anon_ref` is its id on the platform.
ALTER TABLE responses ADD COLUMN anon_ref TEXT;
ALTER TABLE responses ADD COLUMN anon_out INTEGER NOT NULL DEFAULT 0;
UPDATE responses SET anon_out = 1, anon_ref = post_ref, post_ref = NULL WHERE visibility = 'anonymous';
-- Anonymous posts still waiting in the outbox now say which post they are.
UPDATE outbox SET target = REPLACE(target, '{"channel"', '{"post": "anonymous", "channel"')
 WHERE status = 'pending' AND kind IN ('thread', 'edit')
   AND response_id IN (SELECT id FROM responses WHERE visibility = 'anonymous');

-- Anonymous posts wait here, to go up, change or come down in batches of at
-- least the community's floor of people, or when the round closes: never the
-- moment someone presses, so the timing gives nobody away. A row is an
-- answer's anonymous post (as the answer is when the batch goes), or, once
-- its author deleted their data, a post to take down (`ref`).
CREATE TABLE held_posts (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    round_id      INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
    response_id   INTEGER REFERENCES responses(id) ON DELETE CASCADE,
    channel_id    TEXT NOT NULL,
    ref           TEXT,
    held_at       TEXT NOT NULL
);
CREATE UNIQUE INDEX held_posts_response ON held_posts (response_id);
CREATE INDEX held_posts_round ON held_posts (round_id);
