-- A platform's "Hearth may not post there" (`PermanentFailure.not_allowed`) as a flag of the failed outbox row, no
-- longer a prefix of its `last_error` text (`bot.delivery.outbox.NOT_ALLOWED`): an answer's post waiting on a round
-- post refused so is told why from it (`round_post_state`). Rows failed before keep what their text said.
ALTER TABLE outbox ADD COLUMN not_allowed INTEGER NOT NULL DEFAULT 0;
UPDATE outbox SET not_allowed = 1 WHERE status = 'failed' AND last_error LIKE 'not allowed to post there: %';
-- Whom to tell, privately, if a removal of their post fails for good (an erasure's: the answer row that named them
-- is gone). Only their id, beside the post's; cleared as the row stops waiting (`OutboxRepository`).
ALTER TABLE outbox ADD COLUMN tell TEXT;
-- The same for an anonymous post an erasure leaves waiting for its round's batch, or pooled (`held_posts`).
ALTER TABLE held_posts ADD COLUMN tell TEXT;
-- An answer whose post the platform would not change for good: 1, an edit (the post still shows earlier words);
-- 2, a removal (the post is still up). History and export say so; cleared when a later change of it goes through.
ALTER TABLE responses ADD COLUMN change_refused INTEGER NOT NULL DEFAULT 0;
