-- An anonymous answer whose words never went up: its round closed with too few new anonymous posts waiting
-- together to hide it among (`bot.store.rounds.Batching`). Marked so the member's history and export say so,
-- instead of "anonymous" as if it were up; the member is told at the close, privately.
ALTER TABLE responses ADD COLUMN unposted INTEGER NOT NULL DEFAULT 0;
