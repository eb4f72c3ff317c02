-- Issue 24, the languages Hearth speaks.
-- The community's own language (`mod settings language`): what channel posts (round posts, summaries,
-- reminders to a channel) are written in, and a member's language when neither they nor their platform say.
-- NULL: English.
ALTER TABLE communities ADD COLUMN language TEXT;
-- The locale a member's platform last reported (Discord's interaction locale, Slack's users.info locale),
-- kept apart from their own choice (`members.language`), so the DMs of a round, sent with no event at hand,
-- follow it too.
ALTER TABLE members ADD COLUMN platform_locale TEXT;
