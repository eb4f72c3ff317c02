-- What one installation keeps for itself, by name, tied to no community and
-- never moved by `hearth migrate-store` (bot/store/schema.py NOT_DATA): the
-- terminal's simulated clock ("console.clock"), so a new session goes on from
-- where the last one left it rather than going back to real time.
CREATE TABLE local_state (
    name        TEXT PRIMARY KEY,
    value       TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
