-- What the Discord adapter kept in tables of its own moves into the core
-- schema, platform-neutral, so every adapter shares it and no SQL runs
-- outside bot/store:
--
-- * closed_dms: members whose DMs are closed to Hearth (a sender said so).
--   Round DMs and reminders skip them, they are told once (`noticed`), and
--   `checkin join` clears the mark. Kept by user id, across communities.
-- * stashed_args: button and form arguments too long for a custom id.
--
-- The adapter created its tables only once it had run, so they are made
-- here if missing, copied over, and dropped.
CREATE TABLE IF NOT EXISTS discord_dm_closed (
    user_id     TEXT PRIMARY KEY,
    noticed     INTEGER NOT NULL DEFAULT 0,
    at          TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS discord_custom_ids (
    key         TEXT PRIMARY KEY,
    data        TEXT NOT NULL,
    created_at  TEXT NOT NULL
);

CREATE TABLE closed_dms (
    user_id     TEXT PRIMARY KEY,
    noticed     INTEGER NOT NULL DEFAULT 0,
    closed_at   TEXT NOT NULL
);
INSERT INTO closed_dms (user_id, noticed, closed_at) SELECT user_id, noticed, at FROM discord_dm_closed;

CREATE TABLE stashed_args (
    key         TEXT PRIMARY KEY,
    data        TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
CREATE INDEX stashed_args_created_at ON stashed_args (created_at);
INSERT INTO stashed_args (key, data, created_at) SELECT key, data, created_at FROM discord_custom_ids;

DROP TABLE discord_dm_closed;
DROP TABLE discord_custom_ids;
