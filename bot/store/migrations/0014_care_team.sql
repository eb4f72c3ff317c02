-- The care team: what became of each care note, who is on duty, and the
-- private follow-ups members asked for.
--
-- * care_notes: one row per note posted to a community's care channel. It
--   holds who and where (the note's own text, `body`, as Hearth wrote it),
--   never what the member wrote. `state` is open, taken or done; `version`
--   counts its changes, so each edit of the post is its own outbox entry.
--   `raised_at` is set when an untaken note was raised again (once).
-- * care_duty: moderators who said they are off duty (or on duty, for
--   platform moderators the community's list doesn't name).
-- * care_followups: a member's "check on me tomorrow", until it is sent.
CREATE TABLE care_notes (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    community_id    TEXT NOT NULL,
    user_id         TEXT NOT NULL,
    channel_id      TEXT NOT NULL,
    body            TEXT NOT NULL,
    state           TEXT NOT NULL DEFAULT 'open',
    version         INTEGER NOT NULL DEFAULT 0,
    created_at      TEXT NOT NULL,
    taken_by        TEXT,
    taken_name      TEXT,
    taken_at        TEXT,
    closed_by       TEXT,
    closed_name     TEXT,
    closed_at       TEXT,
    raised_at       TEXT,
    post_ref        TEXT
);
CREATE INDEX care_notes_by_community ON care_notes (community_id, state, created_at);

CREATE TABLE care_duty (
    community_id    TEXT NOT NULL,
    user_id         TEXT NOT NULL,
    on_duty         INTEGER NOT NULL,
    since           TEXT NOT NULL,
    PRIMARY KEY (community_id, user_id)
);

CREATE TABLE care_followups (
    community_id    TEXT NOT NULL,
    user_id         TEXT NOT NULL,
    language        TEXT NOT NULL,
    asked_at        TEXT NOT NULL,
    due_at          TEXT NOT NULL,
    PRIMARY KEY (community_id, user_id)
);
CREATE INDEX care_followups_due ON care_followups (due_at);
