-- A previewed pack import waits here until a moderator presses "Import" or it
-- expires. Buttons carry only the short token (Discord caps their data at 100
-- characters); the validated pack itself stays server-side.

CREATE TABLE pending_imports (
    token         TEXT PRIMARY KEY,
    community_id  TEXT NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    actor_id      TEXT NOT NULL,
    pack          TEXT NOT NULL,          -- the validated pack, as TOML
    created_at    TEXT NOT NULL,
    expires_at    TEXT NOT NULL
);
CREATE INDEX pending_imports_expiry ON pending_imports (expires_at);
