-- Several Hearth processes share one outbox: each entry is claimed by one
-- process for a lease; if that process dies, the lease runs out and another
-- takes over. A claim that ran out while still set means a send may have
-- been under way: the new holder asks the platform before sending again.
ALTER TABLE outbox ADD COLUMN claimed_by TEXT;
ALTER TABLE outbox ADD COLUMN claimed_until TEXT;
CREATE INDEX outbox_claimable ON outbox (status, platform, next_attempt_at, claimed_until);

-- The Hearth processes alive on this store, for `hearth status`.
CREATE TABLE processes (
    id            TEXT PRIMARY KEY,
    host          TEXT NOT NULL,
    pid           INTEGER NOT NULL,
    platforms     TEXT NOT NULL DEFAULT '',
    started_at    TEXT NOT NULL,
    heartbeat_at  TEXT NOT NULL
);
