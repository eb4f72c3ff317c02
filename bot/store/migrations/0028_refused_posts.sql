-- A shared answer whose post the platform refused for good (Hearth may not post in the round's channel: Discord's
-- Missing Permissions, a locked thread, Slack's not_in_channel…): its words never went up. Marked so the member's
-- history and export say "not posted", not "shared" as if it were up; the member is told privately, once
-- (`bot.engines.rounds.refused_notes`). An anonymous post refused so is marked `unposted` (0023) instead.
-- Cleared when the answer changes (a new post is tried then).
ALTER TABLE responses ADD COLUMN post_refused INTEGER NOT NULL DEFAULT 0;
