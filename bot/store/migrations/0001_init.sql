-- Hearth's first schema. Times are UTC ISO-8601 text ("2026-01-05T09:00:00Z").

CREATE TABLE communities (
    id            TEXT PRIMARY KEY,
    name          TEXT NOT NULL DEFAULT '',
    settings      TEXT NOT NULL DEFAULT '{}',
    created_at    TEXT NOT NULL
);

CREATE TABLE members (
    community_id  TEXT NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    user_id       TEXT NOT NULL,
    display_name  TEXT NOT NULL DEFAULT '',
    timezone      TEXT,
    region        TEXT,
    snooze_until  TEXT,
    settings      TEXT NOT NULL DEFAULT '{}',
    created_at    TEXT NOT NULL,
    PRIMARY KEY (community_id, user_id)
);

CREATE TABLE moderators (
    community_id  TEXT NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    subject       TEXT NOT NULL,          -- a user id, or "role:<id>" for a platform role
    added_by      TEXT NOT NULL,
    added_at      TEXT NOT NULL,
    PRIMARY KEY (community_id, subject)
);

CREATE TABLE prompts (
    community_id  TEXT NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    id            TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('checkin', 'reflection')),
    theme         TEXT NOT NULL,
    depth         TEXT NOT NULL CHECK (depth IN ('light', 'medium', 'deep')),
    text          TEXT NOT NULL,
    enabled       INTEGER NOT NULL DEFAULT 1,
    created_by    TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    PRIMARY KEY (community_id, id)
);

-- A community's switch for a built-in prompt, theme or pack ("prompt:<id>", "theme:<id>", "pack:<id>").
CREATE TABLE content_switches (
    community_id  TEXT NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    target        TEXT NOT NULL,
    enabled       INTEGER NOT NULL,
    PRIMARY KEY (community_id, target)
);

CREATE TABLE schedules (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    community_id  TEXT NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    name          TEXT NOT NULL,
    channel_id    TEXT NOT NULL,
    spec          TEXT NOT NULL,          -- what the moderator typed
    cron          TEXT NOT NULL,          -- the normalised cron line
    timezone      TEXT NOT NULL,
    theme         TEXT,
    depth         TEXT,
    open_minutes  INTEGER NOT NULL,
    remind_minutes INTEGER NOT NULL,      -- reminders go this long before closing
    paused_until  TEXT,                   -- a date (YYYY-MM-DD) or 'forever'
    created_by    TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    UNIQUE (community_id, name)
);

CREATE TABLE schedule_skips (
    schedule_id   INTEGER NOT NULL REFERENCES schedules(id) ON DELETE CASCADE,
    day           TEXT NOT NULL,          -- local date YYYY-MM-DD
    PRIMARY KEY (schedule_id, day)
);

CREATE TABLE participants (
    schedule_id   INTEGER NOT NULL REFERENCES schedules(id) ON DELETE CASCADE,
    user_id       TEXT NOT NULL,
    wants_dm      INTEGER NOT NULL DEFAULT 1,
    wants_reminder INTEGER NOT NULL DEFAULT 0,
    joined_at     TEXT NOT NULL,
    PRIMARY KEY (schedule_id, user_id)
);

CREATE TABLE rounds (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    schedule_id   INTEGER NOT NULL REFERENCES schedules(id) ON DELETE CASCADE,
    scheduled_at  TEXT NOT NULL,
    opened_at     TEXT NOT NULL,
    closes_at     TEXT NOT NULL,
    remind_at     TEXT,
    reminded_at   TEXT,
    closed_at     TEXT,
    prompt_id     TEXT NOT NULL,
    prompt_text   TEXT NOT NULL,
    post_ref      TEXT,                   -- the platform's id of the round post
    UNIQUE (schedule_id, scheduled_at)
);
CREATE INDEX rounds_open ON rounds (closed_at, closes_at);

CREATE TABLE responses (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    round_id      INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
    user_id       TEXT,                   -- NULL once the author deleted their data
    mood          INTEGER NOT NULL CHECK (mood BETWEEN 1 AND 5),
    text          TEXT NOT NULL DEFAULT '',
    visibility    TEXT NOT NULL CHECK (visibility IN ('shared', 'anonymous', 'private')),
    post_ref      TEXT,                   -- the platform's id of the shared/anonymous post
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    UNIQUE (round_id, user_id)
);
CREATE INDEX responses_user ON responses (user_id, created_at);

CREATE TABLE reflections (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    community_id  TEXT NOT NULL,
    user_id       TEXT NOT NULL,
    prompt_id     TEXT NOT NULL,
    prompt_text   TEXT NOT NULL,
    given_at      TEXT NOT NULL
);
CREATE INDEX reflections_user ON reflections (community_id, user_id, given_at);

CREATE TABLE notes (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    community_id  TEXT NOT NULL,
    user_id       TEXT NOT NULL,
    prompt_id     TEXT,
    prompt_text   TEXT NOT NULL DEFAULT '',
    text          TEXT NOT NULL,
    created_at    TEXT NOT NULL
);
CREATE INDEX notes_user ON notes (community_id, user_id);

CREATE TABLE audit_log (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    community_id  TEXT NOT NULL,
    actor_id      TEXT NOT NULL,
    action        TEXT NOT NULL,
    detail        TEXT NOT NULL DEFAULT '',
    at            TEXT NOT NULL
);
CREATE INDEX audit_community ON audit_log (community_id, id);

-- Everything Hearth sends on a schedule goes through here, written in the
-- same transaction as the change that caused it, and drained by delivery.
CREATE TABLE outbox (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    dedupe_key    TEXT NOT NULL UNIQUE,
    platform      TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('post', 'dm', 'thread', 'edit', 'delete')),
    target        TEXT NOT NULL,          -- JSON: channel / user / round it refers to
    payload       TEXT NOT NULL,          -- JSON: the message
    round_id      INTEGER REFERENCES rounds(id) ON DELETE CASCADE,
    response_id   INTEGER REFERENCES responses(id) ON DELETE SET NULL,
    status        TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
    attempts      INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    last_error    TEXT,
    message_ref   TEXT,
    created_at    TEXT NOT NULL,
    sent_at       TEXT
);
CREATE INDEX outbox_due ON outbox (status, platform, next_attempt_at);

CREATE TABLE processed_events (
    event_id      TEXT PRIMARY KEY,
    at            TEXT NOT NULL
);
