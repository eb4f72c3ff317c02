-- The moderators' dashboard (issue 23). `mod dashboard` makes a one-time
-- sign-in link: only the SHA-256 of its token is kept, with who asked (the
-- person as their platform described them then, as JSON: name, roles, the
-- platform's word on moderating), until when it works and when it was used.
-- Signing in with it opens a session, also kept by the hash of its cookie,
-- with its CSRF token; a session ends at `expires_at`, when signed out
-- (`ended_at`), or when its person no longer moderates the community.
CREATE TABLE dashboard_links (
    token_hash      TEXT PRIMARY KEY,
    community_id    TEXT NOT NULL,
    user_id         TEXT NOT NULL,
    actor           TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    expires_at      TEXT NOT NULL,
    used_at         TEXT
);
CREATE INDEX dashboard_links_by_member ON dashboard_links (community_id, user_id);

CREATE TABLE dashboard_sessions (
    session_hash    TEXT PRIMARY KEY,
    community_id    TEXT NOT NULL,
    user_id         TEXT NOT NULL,
    actor           TEXT NOT NULL,
    csrf            TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    expires_at      TEXT NOT NULL,
    ended_at        TEXT
);
CREATE INDEX dashboard_sessions_by_member ON dashboard_sessions (community_id, user_id);
