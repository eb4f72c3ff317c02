-- When a moderator channel was last told that a member may need support,
-- so it hears once per period, not once per message. Never what was written.
CREATE TABLE safety_alerts (
    community_id  TEXT NOT NULL,
    user_id       TEXT NOT NULL,
    at            TEXT NOT NULL,
    PRIMARY KEY (community_id, user_id)
);
