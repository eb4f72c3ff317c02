-- Members' own answers to a check-in a moderator deleted (`ScheduleRepository.delete`): the check-in, its rounds
-- and its posts go, but the answers stay their authors' — in `me history` and `me export`, for them alone — until
-- retention or `me delete` removes them, as any answer. A copy of each answer with what it answered (the check-in's
-- name, the round's time and prompt), tied to no round; its words sealed if they were private (`sealing.SEALED`).
CREATE TABLE kept_answers (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    community_id  TEXT NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    user_id       TEXT NOT NULL,
    checkin       TEXT NOT NULL,          -- the deleted check-in's name
    scheduled_at  TEXT NOT NULL,
    prompt_id     TEXT NOT NULL,
    prompt_text   TEXT NOT NULL,
    mood          INTEGER NOT NULL,
    text          TEXT NOT NULL DEFAULT '',
    visibility    TEXT NOT NULL,
    unposted      INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    checkin_deleted_at TEXT NOT NULL
);
CREATE INDEX kept_answers_member ON kept_answers (community_id, user_id, created_at);
CREATE INDEX kept_answers_created ON kept_answers (community_id, created_at);
