-- Changes to one platform message go out in the order they were made.
--
-- `subject` names the message an entry puts up, changes or takes down
-- ("answer:12:named", "round:3", "care:7", "ref:<channel>:<id>"), or is NULL
-- (a DM, a plain post: nothing else touches it). An entry is claimed only once
-- every earlier pending entry about the same message is done, so two quick
-- edits can't land newest-first; an edit with a newer edit or delete behind it
-- is skipped, not sent (bot.store.outbox.subject_of, OutboxRepository.claim_due).
-- Entries queued before this migration have no subject and keep the old order.
ALTER TABLE outbox ADD COLUMN subject TEXT;
CREATE INDEX outbox_subject ON outbox (platform, subject, id) WHERE status = 'pending' AND subject IS NOT NULL;
